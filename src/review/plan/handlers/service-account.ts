/** kubernetes_service_account(_v1): a service account and the role its annotation names. */
import { currentSide, side, text, type Change } from '../change';
import { ROLE_ARN_ANNOTATION, type ServiceAccountModel } from '../model';
import type { PathStep } from '../values';
import type { BuildContext, ResourceHandler } from './context';

/**
 * Adds the service account `c` describes when it carries a role annotation (known, or an expression on
 * a role of the plan). `annotationPath` is where the annotations map sits in the plan value,
 * `expressionPath` where its expression sits in the configuration.
 */
export function addServiceAccount(
  c: Change,
  context: BuildContext,
  annotationPath: readonly PathStep[],
  expressionPath: readonly string[],
): void {
  const which = currentSide(c);
  const sa: ServiceAccountModel = {
    address: c.address,
    change: c,
    namespace: text(c, which, ['metadata', 0, 'namespace']) ?? 'default',
    name: text(c, which, ['metadata', 0, 'name']) ?? '(known after apply)',
    roleArn: side(c, which, [...annotationPath, ROLE_ARN_ANNOTATION]),
    roleRefs: [],
    identityKnown: true,
  };
  const before = text(c, 'before', [...annotationPath, ROLE_ARN_ANNOTATION]);
  if (before !== undefined) sa.roleArnBefore = before;
  const namespaceSlot = side(c, which, ['metadata', 0, 'namespace']);
  const nameSlot = side(c, which, ['metadata', 0, 'name']);
  const namespaceHidden = namespaceSlot.state === 'unknown' || namespaceSlot.state === 'sensitive';
  if (namespaceHidden || nameSlot.state !== 'known') {
    sa.identityKnown = false;
    if (namespaceHidden) sa.namespace = '(known after apply)';
  }
  const annotations = side(c, which, annotationPath);
  if (sa.roleArn.state === 'unknown' || annotations.state === 'unknown') {
    sa.roleArn = { state: 'unknown' };
    const link = context.roleReferences(c, expressionPath, ROLE_ARN_ANNOTATION, true);
    sa.roleRefs = link.roles.map((r) => r.address);
    if (link.unverified) sa.unverifiedLink = link.unverified;
  }
  if (sa.roleArn.state === 'absent' && sa.roleRefs.length === 0) return;
  context.model.serviceAccounts.push(sa);
}

export const serviceAccountHandler: ResourceHandler = {
  types: ['kubernetes_service_account', 'kubernetes_service_account_v1'],
  stage: 'consumers',
  handle(c: Change, context: BuildContext): void {
    addServiceAccount(c, context, ['metadata', 0, 'annotations'], ['metadata', 'annotations']);
  },
};
