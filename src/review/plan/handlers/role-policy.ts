/** aws_iam_role_policy: an inline policy on a role, in this plan or managed elsewhere. */
import { policyOf, type Change } from '../change';
import type { PolicyVersions } from '../model';
import type { BuildContext, ResourceHandler } from './context';

export const rolePolicyHandler: ResourceHandler = {
  types: ['aws_iam_role_policy'],
  stage: 'links',
  handle(c: Change, context: BuildContext): void {
    const versions: PolicyVersions = {
      label: c.address,
      address: c.address,
      before: policyOf(c, 'before', ['policy']),
      after: policyOf(c, 'after', ['policy']),
    };
    const owners = context.rolesFor(c, 'role');
    for (const role of owners) role.permissions.push(versions);
    if (owners.length === 0) context.model.unlinkedPolicies.push(versions);
  },
};
