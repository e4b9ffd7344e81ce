/**
 * aws_iam_role_policy_attachment and aws_iam_policy_attachment: a managed policy attached to roles. When
 * the policy is one of the plan's aws_iam_policy resources, its document joins the role's permissions.
 */
import { side, text, type Change } from '../change';
import type { RoleModel } from '../model';
import { slotText } from '../values';
import type { BuildContext, ResourceHandler } from './context';

/** An attachment's policy ARN before and after, and the plan's managed policies it attaches. */
interface Attached {
  before?: string;
  after?: string;
  /** The ARN after the change is known only after apply. */
  afterUnknown: boolean;
  /** By ARN when it is known, else by the attribute's references. */
  policies: readonly string[];
}

function attached(c: Change, context: BuildContext): Attached {
  const afterSlot = side(c, 'after', ['policy_arn']);
  const after = slotText(afterSlot);
  const afterUnknown = afterSlot.state === 'unknown';
  const hit = afterUnknown || after === undefined ? undefined : context.policyByArn(after)?.[0];
  return {
    before: text(c, 'before', ['policy_arn']),
    after,
    afterUnknown,
    policies: afterUnknown ? context.policiesByReference(c, 'policy_arn') : hit === undefined ? [] : [hit],
  };
}

function attach(c: Change, role: RoleModel, context: BuildContext, a: Attached): void {
  const { before, after, policies } = a;
  if (before && before !== after) role.managed.push({ arn: before, address: c.address, status: 'removed' });
  if (after)
    role.managed.push({ arn: after, address: c.address, status: before === after ? 'kept' : 'added' });
  else if (a.afterUnknown)
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
    if (owners.length > 0) {
      const a = attached(c, context);
      for (const r of owners) attach(c, r, context, a);
    }
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
