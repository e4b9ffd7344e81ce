/**
 * aws_iam_role_policy_attachment and aws_iam_policy_attachment: a managed policy attached to roles. When
 * the policy is one of the plan's aws_iam_policy resources, its document joins the role's permissions.
 */
import { side, text, type Change } from '../change';
import type { RoleModel } from '../model';
import { slotText } from '../values';
import type { BuildContext, ResourceHandler } from './context';

/** The plan's managed policies an attachment attaches: by ARN when known, else by reference. */
function attachedPolicies(c: Change, context: BuildContext): string[] {
  const afterSlot = side(c, 'after', ['policy_arn']);
  if (afterSlot.state === 'unknown') return context.policiesByReference(c, 'policy_arn');
  const after = slotText(afterSlot);
  const hit = after === undefined ? undefined : context.policyByArn(after)?.[0];
  return hit === undefined ? [] : [hit];
}

function attach(c: Change, role: RoleModel, context: BuildContext, policies: readonly string[]): void {
  const before = text(c, 'before', ['policy_arn']);
  const afterSlot = side(c, 'after', ['policy_arn']);
  const after = slotText(afterSlot);
  if (before && before !== after) role.managed.push({ arn: before, address: c.address, status: 'removed' });
  if (after)
    role.managed.push({ arn: after, address: c.address, status: before === after ? 'kept' : 'added' });
  else if (afterSlot.state === 'unknown')
    role.managed.push({
      arn: `${policies.length > 0 ? policies.join(' or ') : c.address} (ARN known after apply)`,
      address: c.address,
      status: 'added',
    });
  if (c.kind === 'delete') return;
  for (const policyAddress of policies) {
    context.attachedPolicies.add(policyAddress);
    const p = context.model.policies.get(policyAddress);
    if (!p) continue;
    // Newly attached: the role gains the whole policy, changed or not.
    const gained = before !== after || c.kind === 'create' || c.kind === 'replace';
    role.permissions.push({
      label: policyAddress,
      address: policyAddress,
      before: gained ? { state: 'absent' } : p.before,
      after: p.after,
      ...(gained ? { attachedBy: c.address } : {}),
    });
  }
}

export const attachmentHandler: ResourceHandler = {
  types: ['aws_iam_role_policy_attachment', 'aws_iam_policy_attachment'],
  stage: 'links',
  handle(c: Change, context: BuildContext): void {
    const attr = c.type === 'aws_iam_policy_attachment' ? 'roles' : 'role';
    const owners = context.rolesFor(c, attr);
    const policies = owners.length > 0 ? attachedPolicies(c, context) : [];
    for (const r of owners) attach(c, r, context, policies);
    const arn = text(c, 'after', ['policy_arn']);
    if (owners.length === 0 && arn !== undefined && c.kind !== 'delete') {
      const before = text(c, 'before', ['policy_arn']);
      const named = side(c, 'after', [attr]);
      const values = named.state === 'known' ? [named.value].flat() : [];
      context.model.unlinkedAttachments.push({
        arn,
        address: c.address,
        status: before === arn ? 'kept' : 'added',
        roles: values.filter((v): v is string => typeof v === 'string').sort(),
      });
    }
  },
};
