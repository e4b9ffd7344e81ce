/**
 * aws_iam_role_policy_attachments_exclusive: the complete list of managed policies on a role.
 * (aws_iam_role_policies_exclusive only names inline policies; their documents come from
 * aws_iam_role_policy.)
 */
import { side, type Change } from '../change';
import { slotStrings } from '../values';
import type { BuildContext, ResourceHandler } from './context';

export const exclusiveAttachmentsHandler: ResourceHandler = {
  types: ['aws_iam_role_policy_attachments_exclusive'],
  stage: 'links',
  handle(c: Change, context: BuildContext): void {
    for (const role of context.rolesFor(c, 'role_name')) {
      const b = slotStrings(side(c, 'before', ['policy_arns']));
      const a = slotStrings(side(c, 'after', ['policy_arns']));
      for (const arn of [...new Set([...b, ...a])].sort()) {
        const status = b.includes(arn) && a.includes(arn) ? 'kept' : a.includes(arn) ? 'added' : 'removed';
        role.managed.push({ arn, address: c.address, status });
      }
    }
  },
};
