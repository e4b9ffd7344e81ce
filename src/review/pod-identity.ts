/**
 * How a role's trust policy treats EKS Pod Identity, read with the project's IAM evaluator: whether it
 * trusts the service principal `pods.eks.amazonaws.com` for `sts:AssumeRole` and `sts:TagSession`, whether
 * that trust is scoped (only some associations get the role) or open to any association in the account,
 * and whether a given association's (cluster, namespace, service account) is admitted.
 *
 * EKS Pod Identity calls `sts:AssumeRole` with six session tags (so STS also authorizes `sts:TagSession`),
 * unless the association disables them: https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html,
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html#pod-id-abac-tags
 */
import type { PolicyDocument } from '../iam/document';
import { evaluatePolicy, statementApplies } from '../iam/evaluate';
import { associationLabel } from './plan/handlers/pod-identity-association';
import type { AssociationSide, PlanModel, PolicyState, RoleModel } from './plan/model';

export const POD_IDENTITY_SERVICE = 'pods.eks.amazonaws.com';

const TAG_KEYS = [
  'eks-cluster-arn',
  'eks-cluster-name',
  'kubernetes-namespace',
  'kubernetes-service-account',
  'kubernetes-pod-name',
  'kubernetes-pod-uid',
];

/** Values no trust policy names: an association the policy does not know about. */
const FRESH = {
  cluster: 'fresh-cluster-irsa-review-probe',
  namespace: 'fresh-namespace-irsa-review-probe',
  serviceAccount: 'fresh-sa-irsa-review-probe',
};

export interface PodIdentityCall {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  sessionTagsDisabled?: boolean;
}

function context(call: PodIdentityCall): Record<string, string[]> {
  if (call.sessionTagsDisabled) return {};
  const values: Record<string, string> = {
    'eks-cluster-arn': `arn:aws:eks:us-east-1:000000000000:cluster/${call.cluster}`,
    'eks-cluster-name': call.cluster,
    'kubernetes-namespace': call.namespace,
    'kubernetes-service-account': call.serviceAccount,
    'kubernetes-pod-name': `${call.serviceAccount}-0`,
    'kubernetes-pod-uid': '00000000-0000-4000-8000-000000000000',
  };
  const out: Record<string, string[]> = { 'aws:TagKeys': [...TAG_KEYS] };
  for (const key of TAG_KEYS) out[`aws:RequestTag/${key}`] = [values[key]];
  return out;
}

const principal = { type: 'Service', id: POD_IDENTITY_SERVICE };

/** Can EKS Pod Identity get credentials for the role for this association? */
export function admitsAssociation(doc: PolicyDocument, call: PodIdentityCall): boolean {
  const requestContext = context(call);
  if (evaluatePolicy(doc, { action: 'sts:AssumeRole', principal, context: requestContext }) !== 'allow')
    return false;
  return (
    call.sessionTagsDisabled === true ||
    evaluatePolicy(doc, { action: 'sts:TagSession', principal, context: requestContext }) === 'allow'
  );
}

export interface PodIdentityTrustView {
  /** Some Allow statement trusts the service principal for sts:AssumeRole (conditions aside). */
  trusted: boolean;
  /** Some Allow statement trusts it for sts:TagSession (conditions aside). */
  tagSession: boolean;
  /** An association no statement names gets the role: any association in the account can use it. */
  anyAssociation: boolean;
}

function allowsIgnoringConditions(doc: PolicyDocument, action: string): boolean {
  return doc.statements.some(
    (s) =>
      s.effect === 'Allow' && statementApplies({ ...s, conditions: [] }, { action, principal, context: {} }),
  );
}

const views = new WeakMap<PolicyDocument, PodIdentityTrustView>();

/** The view of one parsed trust (computed once per document: several rules and the preview ask). */
export function podIdentityView(doc: PolicyDocument): PodIdentityTrustView {
  const cached = views.get(doc);
  if (cached) return cached;
  const trusted = allowsIgnoringConditions(doc, 'sts:AssumeRole');
  const view: PodIdentityTrustView = {
    trusted,
    tagSession: allowsIgnoringConditions(doc, 'sts:TagSession'),
    // Admitting an association needs an Allow that applies to the service principal, conditions aside:
    // without one, the evaluator cannot say allow.
    anyAssociation: trusted && admitsAssociation(doc, FRESH),
  };
  views.set(doc, view);
  return view;
}

/** One line for the access preview: how the trust treats Pod Identity. */
export function describePodIdentityTrust(state: PolicyState): string {
  if (state.state === 'unknown') return '(known after apply)';
  if (state.state === 'sensitive') return '(sensitive value)';
  if (state.state === 'invalid') return '(invalid policy)';
  if (state.state !== 'known') return '—';
  const view = podIdentityView(state.document);
  if (!view.trusted) return 'not trusted';
  if (!view.tagSession)
    return 'trusted without sts:TagSession (only associations with session tags disabled)';
  return view.anyAssociation ? 'any association in the account' : 'scoped by session tags';
}

/** True when some statement names the Pod Identity service principal explicitly (not through `*`). */
export function namesPodIdentity(state: PolicyState): boolean {
  if (state.state !== 'known') return false;
  return state.document.statements.some((s) =>
    [s.principal, s.notPrincipal].some((p) => (p?.['Service'] ?? []).includes(POD_IDENTITY_SERVICE)),
  );
}

/** Whether a role's trust (one side) admits an association side; undefined when the trust is not readable. */
export function associationAdmitted(state: PolicyState, association: AssociationSide): boolean | undefined {
  if (state.state !== 'known' || !association.identityKnown) return undefined;
  return admitsAssociation(state.document, association);
}

export interface PodIdentityPreview {
  /** How the trust treats Pod Identity, before and after (see describePodIdentityTrust). */
  trustBefore: string;
  trustAfter: string;
  /** Associations giving pods the role, as `cluster/namespace:name (address)`, before and after. */
  associationsBefore: string[];
  /** As before, each with the evaluator's verdict against the trust after the change. */
  associationsAfter: string[];
}

/** The associations of the plan pointing at `role`, before and after; undefined when Pod Identity plays no part. */
export function podIdentityPreview(role: RoleModel, model: PlanModel): PodIdentityPreview | undefined {
  const associationsBefore: string[] = [];
  const associationsAfter: string[] = [];
  for (const a of model.podIdentityAssociations) {
    if (a.before?.roles.includes(role))
      associationsBefore.push(`${associationLabel(a.before)} (${a.address})`);
    if (a.after?.roles.includes(role)) {
      const verdict = associationAdmitted(role.trust.after, a.after);
      const note =
        verdict === undefined
          ? 'not checked'
          : verdict
            ? 'admitted by the trust'
            : 'NOT admitted by the trust';
      associationsAfter.push(`${associationLabel(a.after)} (${a.address}): ${note}`);
    }
  }
  // Shown for roles whose trust names the service principal, or that associations use: a Principal "*"
  // (IRSA005's) or an unreadable trust says nothing about Pod Identity on its own.
  const involved =
    associationsBefore.length > 0 ||
    associationsAfter.length > 0 ||
    namesPodIdentity(role.trust.before) ||
    namesPodIdentity(role.trust.after);
  if (!involved) return undefined;
  return {
    trustBefore: describePodIdentityTrust(role.trust.before),
    trustAfter: describePodIdentityTrust(role.trust.after),
    associationsBefore: associationsBefore.sort(),
    associationsAfter: associationsAfter.sort(),
  };
}

/** True when an association of the plan that points at `role` (before or after) changes. */
export function associationsChange(role: RoleModel, model: PlanModel): boolean {
  return model.podIdentityAssociations.some(
    (a) => a.change.kind !== 'no-op' && (a.before?.roles.includes(role) || a.after?.roles.includes(role)),
  );
}
