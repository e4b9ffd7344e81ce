/** aws_iam_policy: a standalone managed policy, linked to roles by the attachment handlers. */
import { policyOf, text, type Change } from '../change';
import type { ManagedPolicyModel } from '../model';
import type { BuildContext, ResourceHandler } from './context';

export const managedPolicyHandler: ResourceHandler = {
  types: ['aws_iam_policy'],
  stage: 'owners',
  handle(c: Change, context: BuildContext): void {
    const entry: ManagedPolicyModel = {
      change: c,
      before: policyOf(c, 'before', ['policy']),
      after: policyOf(c, 'after', ['policy']),
    };
    const ab = text(c, 'before', ['arn']);
    const aa = text(c, 'after', ['arn']);
    if (ab) entry.arnBefore = ab;
    if (aa) entry.arnAfter = aa;
    context.model.policies.set(c.address, entry);
  },
};
