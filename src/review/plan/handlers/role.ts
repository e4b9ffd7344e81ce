/** aws_iam_role: the role, its trust, inline_policy blocks and managed_policy_arns. */
import { policyOf, side, text, type Change } from '../change';
import type { RoleModel } from '../model';
import { slotStrings } from '../values';
import type { BuildContext, ResourceHandler } from './context';

function inlinePolicyIndexes(
  change: Change,
  which: 'before' | 'after',
  names: Set<string>,
): Map<string, number> {
  const slot = side(change, which, ['inline_policy']);
  const out = new Map<string, number>();
  if (slot.state === 'known' && Array.isArray(slot.value)) {
    slot.value.forEach((block, i) => {
      const name =
        block && typeof block === 'object' ? (block as Record<string, unknown>)['name'] : undefined;
      const key = typeof name === 'string' && name !== '' ? name : `#${i + 1}`;
      out.set(key, i);
      names.add(key);
    });
  }
  return out;
}

export const roleHandler: ResourceHandler = {
  types: ['aws_iam_role'],
  stage: 'owners',
  handle(c: Change, context: BuildContext): void {
    const role: RoleModel = {
      address: c.address,
      change: c,
      trust: {
        before: policyOf(c, 'before', ['assume_role_policy']),
        after: policyOf(c, 'after', ['assume_role_policy']),
      },
      permissions: [],
      managed: [],
      boundaryAfter: side(c, 'after', ['permissions_boundary']),
    };
    if (role.trust.after.state === 'unknown') {
      const documents = context.references(c, ['assume_role_policy'], 'data\\.aws_iam_policy_document');
      role.trustSource = {
        documents: documents.filter((d) => context.model.policyDocuments.has(d)),
        references: context.rawReferences(c, ['assume_role_policy']),
      };
    }
    const nb = text(c, 'before', ['name']);
    const na = text(c, 'after', ['name']);
    const ab = text(c, 'before', ['arn']);
    const aa = text(c, 'after', ['arn']);
    if (nb) role.nameBefore = nb;
    if (na) role.nameAfter = na;
    if (ab) role.arnBefore = ab;
    if (aa) role.arnAfter = aa;
    const boundaryBefore = text(c, 'before', ['permissions_boundary']);
    if (boundaryBefore) role.boundaryBefore = boundaryBefore;
    // inline_policy blocks on the role itself, matched by name across before/after.
    const names = new Set<string>();
    const ib = inlinePolicyIndexes(c, 'before', names);
    const ia = inlinePolicyIndexes(c, 'after', names);
    for (const name of [...names].sort()) {
      const bi = ib.get(name);
      const ai = ia.get(name);
      role.permissions.push({
        label: `inline_policy "${name}"`,
        address: c.address,
        before:
          bi === undefined ? { state: 'absent' } : policyOf(c, 'before', ['inline_policy', bi, 'policy']),
        after: ai === undefined ? { state: 'absent' } : policyOf(c, 'after', ['inline_policy', ai, 'policy']),
      });
    }
    const mb = slotStrings(side(c, 'before', ['managed_policy_arns']));
    const ma = slotStrings(side(c, 'after', ['managed_policy_arns']));
    for (const arn of [...new Set([...mb, ...ma])].sort()) {
      role.managed.push({
        arn,
        address: c.address,
        status: mb.includes(arn) && ma.includes(arn) ? 'kept' : ma.includes(arn) ? 'added' : 'removed',
      });
    }
    context.model.roles.push(role);
  },
};
