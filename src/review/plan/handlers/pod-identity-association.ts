/**
 * aws_eks_pod_identity_association: which (cluster, namespace, service account) gets which role through
 * EKS Pod Identity, before and after the change.
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html
 */
import { side, text, type Change } from '../change';
import type { AssociationSide, PodIdentityAssociationModel, RoleModel, UnverifiedLink } from '../model';
import { slotText } from '../values';
import type { BuildContext, ResourceHandler } from './context';

const UNKNOWN = '(known after apply)';

function readSide(c: Change, which: 'before' | 'after', context: BuildContext): AssociationSide | undefined {
  const roleSlot = side(c, which, ['role_arn']);
  if (roleSlot.state === 'absent' && side(c, which, ['cluster_name']).state === 'absent') return undefined;
  const part = (attr: string) => text(c, which, [attr]);
  const cluster = part('cluster_name');
  const namespace = part('namespace');
  const serviceAccount = part('service_account');
  const roleArn = slotText(roleSlot);
  let roles: RoleModel[] = [];
  let unverified: UnverifiedLink | undefined;
  if (roleArn !== undefined) roles = context.rolesNamed(roleArn);
  if (roles.length === 0 && which === 'after') ({ roles, unverified } = context.roleLinkFor(c, 'role_arn'));
  const disabled = side(c, which, ['disable_session_tags']);
  const out: AssociationSide = {
    cluster: cluster ?? UNKNOWN,
    namespace: namespace ?? UNKNOWN,
    serviceAccount: serviceAccount ?? UNKNOWN,
    roles,
    identityKnown: cluster !== undefined && namespace !== undefined && serviceAccount !== undefined,
    sessionTagsDisabled: disabled.state === 'known' && disabled.value === true,
  };
  if (roleArn !== undefined) out.roleArn = roleArn;
  const target = text(c, which, ['target_role_arn']);
  if (target) out.targetRoleArn = target;
  const associationArn = text(c, which, ['association_arn']);
  if (associationArn) out.associationArn = associationArn;
  if (unverified) out.unverifiedLink = unverified;
  return out;
}

export const podIdentityAssociationHandler: ResourceHandler = {
  types: ['aws_eks_pod_identity_association'],
  stage: 'consumers',
  handle(c: Change, context: BuildContext): void {
    const association: PodIdentityAssociationModel = { address: c.address, change: c };
    const before = c.kind === 'create' ? undefined : readSide(c, 'before', context);
    const after = c.kind === 'delete' || c.kind === 'forget' ? undefined : readSide(c, 'after', context);
    if (before) association.before = before;
    if (after) association.after = after;
    context.model.podIdentityAssociations.push(association);
  },
};

/** `cluster/namespace:name`, as the reviewer prints an association. */
export function associationLabel(s: AssociationSide): string {
  return `${s.cluster}/${s.namespace}:${s.serviceAccount}`;
}
