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
import type { PolicyDocument, Statement } from '../iam/document';
import { instantiatePattern } from '../iam/access';
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

/**
 * Condition keys whose value in EKS Pod Identity's request the reviewer models: the documented session
 * tags (`aws:RequestTag/<tag>`, absent unless one of the six) and `aws:TagKeys`. Any other key (such as
 * `aws:SourceAccount`, `aws:SourceArn`, `aws:PrincipalOrgID`, `sts:ExternalId`) has a value AWS does not
 * document for this request: a verdict that depends on it is "cannot confirm".
 */
function modelledKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith('aws:requesttag/') || lower === 'aws:tagkeys';
}

/**
 * Unmodelled keys that can only name an account or an organization: whatever value EKS sends, every
 * association of the role's account sends the same one, so they never narrow the role to some
 * associations of its account.
 */
export const ACCOUNT_WIDE_KEYS: ReadonlySet<string> = new Set([
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
]);

/**
 * How unmodelled conditions are read: `upper` as passing wherever that gives more access (an Allow's
 * clause holds, a Deny's does not), `lower` the other way round, `accountWide` as `upper` for the
 * account-wide keys and `lower` for the others.
 */
type Reading = 'upper' | 'lower' | 'accountWide';

function readingOf(doc: PolicyDocument, reading: Reading): PolicyDocument {
  const statements = [];
  for (const s of doc.statements) {
    const unmodelled = appliesToPodIdentity(s) ? s.conditions.filter((c) => !modelledKey(c.key)) : [];
    if (unmodelled.length === 0) {
      statements.push(s);
      continue;
    }
    // true: the clause holds (drop it); false: it fails (the statement never applies).
    const holds = (key: string): boolean => {
      const generous =
        reading === 'upper' || (reading === 'accountWide' && ACCOUNT_WIDE_KEYS.has(key.toLowerCase()));
      return s.effect === 'Allow' ? generous : !generous;
    };
    if (unmodelled.some((c) => !holds(c.key))) continue;
    statements.push({ ...s, conditions: s.conditions.filter((c) => modelledKey(c.key)) });
  }
  return { ...doc, statements };
}

/** Whether a statement applies to Pod Identity's AssumeRole or TagSession, conditions aside. */
function appliesToPodIdentity(s: Statement): boolean {
  const bare = { ...s, conditions: [] };
  return ['sts:AssumeRole', 'sts:TagSession'].some((action) =>
    statementApplies(bare, { action, principal, context: {} }),
  );
}

interface Readings {
  upper: PolicyDocument;
  lower: PolicyDocument;
  accountWide: PolicyDocument;
  /** The unmodelled keys the trust conditions on, sorted, as written. */
  unmodelled: string[];
}

const readings = new WeakMap<PolicyDocument, Readings>();

function readingsOf(doc: PolicyDocument): Readings {
  const cached = readings.get(doc);
  if (cached) return cached;
  const keys = new Set<string>();
  // Only statements that can apply to Pod Identity's request (a Federated statement's keys play no part).
  for (const s of doc.statements)
    if (appliesToPodIdentity(s)) for (const c of s.conditions) if (!modelledKey(c.key)) keys.add(c.key);
  const out: Readings =
    keys.size === 0
      ? { upper: doc, lower: doc, accountWide: doc, unmodelled: [] }
      : {
          upper: readingOf(doc, 'upper'),
          lower: readingOf(doc, 'lower'),
          accountWide: readingOf(doc, 'accountWide'),
          unmodelled: [...keys].sort(),
        };
  readings.set(doc, out);
  return out;
}

/** The keys a trust conditions on whose values in Pod Identity's request the reviewer does not know. */
export function unmodelledKeys(doc: PolicyDocument): string[] {
  return readingsOf(doc).unmodelled;
}

function admitsModelled(doc: PolicyDocument, call: PodIdentityCall): boolean {
  const requestContext = context(call);
  if (evaluatePolicy(doc, { action: 'sts:AssumeRole', principal, context: requestContext }) !== 'allow')
    return false;
  return (
    call.sessionTagsDisabled === true ||
    evaluatePolicy(doc, { action: 'sts:TagSession', principal, context: requestContext }) === 'allow'
  );
}

/** Admitted, denied, or "cannot confirm": the verdict depends on a key whose value the reviewer does not know. */
export type AssociationVerdict = 'admitted' | 'denied' | 'cannot-confirm';

/** Can EKS Pod Identity get credentials for the role for this association? */
export function associationVerdict(doc: PolicyDocument, call: PodIdentityCall): AssociationVerdict {
  const r = readingsOf(doc);
  if (admitsModelled(r.lower, call)) return 'admitted';
  if (r.lower === r.upper || !admitsModelled(r.upper, call)) return 'denied';
  return 'cannot-confirm';
}

/** True only when the association is surely admitted (see associationVerdict). */
export function admitsAssociation(doc: PolicyDocument, call: PodIdentityCall): boolean {
  return associationVerdict(doc, call) === 'admitted';
}

export interface PodIdentityTrustView {
  /** Some Allow statement trusts the service principal for sts:AssumeRole (conditions aside). */
  trusted: boolean;
  /** Some Allow statement trusts it for sts:TagSession (conditions aside). */
  tagSession: boolean;
  /**
   * An association no statement names gets the role: any association in the account can use it.
   * Account-wide conditions (`aws:SourceAccount`, ...) are read as met: they hold for every association
   * of the account.
   */
  anyAssociation: boolean;
  /** Any association in the account that disables session tags gets the role (without sts:TagSession). */
  anyUntagged: boolean;
  /**
   * What a partly scoped trust leaves open, as `cluster/namespace:service-account` with `*` for a value no
   * statement names (only entries with `*` in the namespace or service account; most general first).
   * Empty when the trust is scoped to exact service accounts or open to every association.
   */
  openScopes: string[];
  /** Some association might be admitted only through conditions the reviewer cannot evaluate. */
  cannotConfirm: boolean;
}

function allowsIgnoringConditions(doc: PolicyDocument, action: string): boolean {
  return doc.statements.some(
    (s) =>
      s.effect === 'Allow' && statementApplies({ ...s, conditions: [] }, { action, principal, context: {} }),
  );
}

const TAG_DIMENSIONS = {
  cluster: ['aws:requesttag/eks-cluster-name'],
  namespace: ['aws:requesttag/kubernetes-namespace'],
  serviceAccount: ['aws:requesttag/kubernetes-service-account'],
} as const;

/** At most this many values a trust names are tried per dimension (the probes grow as their product). */
const MAX_CANDIDATES = 8;

/** Values the trust's conditions name for one session tag (patterns instantiated), sorted. */
function candidates(
  doc: PolicyDocument,
  keys: readonly string[],
  patterns: Map<string, string>,
  arnKey = false,
): string[] {
  const out = new Set<string>();
  const add = (v: string): void => {
    const probe = instantiatePattern(v);
    if (probe !== v) patterns.set(probe, v);
    out.add(probe);
  };
  for (const s of doc.statements)
    for (const c of s.conditions) {
      const key = c.key.toLowerCase();
      for (const v of c.values) {
        if (keys.includes(key)) add(v);
        else if (arnKey && key === 'aws:requesttag/eks-cluster-arn') {
          const at = v.lastIndexOf('cluster/');
          if (at >= 0) add(v.slice(at + 'cluster/'.length));
        }
      }
    }
  return [...out].sort().slice(0, MAX_CANDIDATES);
}

/** What a trust admitting some associations leaves open (see PodIdentityTrustView.openScopes). */
function openScopesOf(doc: PolicyDocument): string[] {
  // probe value -> the pattern it instantiates (a pattern leaves open every value it matches)
  const patterns = new Map<string, string>();
  const clusters = [...candidates(doc, TAG_DIMENSIONS.cluster, patterns, true), FRESH.cluster];
  const namespaces = [...candidates(doc, TAG_DIMENSIONS.namespace, patterns), FRESH.namespace];
  const names = [...candidates(doc, TAG_DIMENSIONS.serviceAccount, patterns), FRESH.serviceAccount];
  const fresh = [FRESH.cluster, FRESH.namespace, FRESH.serviceAccount];
  const shown = (v: string, i: number): string => (v === fresh[i] ? '*' : (patterns.get(v) ?? v));
  const isOpen = (v: string, i: number): boolean => v === fresh[i] || patterns.has(v);
  const open: string[][] = [];
  for (const cluster of clusters)
    for (const namespace of namespaces)
      for (const serviceAccount of names) {
        if (!isOpen(namespace, 1) && !isOpen(serviceAccount, 2)) continue;
        if (admitsModelled(doc, { cluster, namespace, serviceAccount }))
          open.push([cluster, namespace, serviceAccount].map(shown));
      }
  // Drop an entry another covers (a `*` wherever it has one, and more).
  const covers = (a: string[], b: string[]): boolean =>
    a !== b && a.every((v, i) => v === '*' || v === b[i]) && a.some((v, i) => v === '*' && b[i] !== '*');
  const kept = open.filter((b) => !open.some((a) => covers(a, b)));
  const text = kept.map(([c, n, sa]) => `${c}/${n}:${sa}`);
  const wildness = (t: string): number => t.split('*').length;
  return [...new Set(text)].sort((a, b) => wildness(b) - wildness(a) || (a < b ? -1 : a > b ? 1 : 0));
}

const views = new WeakMap<PolicyDocument, PodIdentityTrustView>();

/** The view of one parsed trust (computed once per document: several rules and the preview ask). */
export function podIdentityView(doc: PolicyDocument): PodIdentityTrustView {
  const cached = views.get(doc);
  if (cached) return cached;
  const trusted = allowsIgnoringConditions(doc, 'sts:AssumeRole');
  const r = readingsOf(doc);
  // Admitting an association needs an Allow that applies to the service principal, conditions aside:
  // without one, the evaluator cannot say allow.
  const anyAssociation = trusted && admitsModelled(r.accountWide, FRESH);
  const anyUntagged =
    trusted && !anyAssociation && admitsModelled(r.accountWide, { ...FRESH, sessionTagsDisabled: true });
  const openScopes = trusted && !anyAssociation ? openScopesOf(r.accountWide) : [];
  const cannotConfirm =
    trusted &&
    r.upper !== r.accountWide &&
    !anyAssociation &&
    (admitsModelled(r.upper, FRESH) || admitsModelled(r.upper, { ...FRESH, sessionTagsDisabled: true }));
  const view: PodIdentityTrustView = {
    trusted,
    tagSession: allowsIgnoringConditions(doc, 'sts:TagSession'),
    anyAssociation,
    anyUntagged,
    openScopes,
    cannotConfirm,
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
  const unknownKeys = unmodelledKeys(state.document);
  const unknownNote =
    unknownKeys.length > 0 ? ` (conditions on ${unknownKeys.join(', ')} not evaluated)` : '';
  if (view.anyAssociation) return `any association in the account${unknownNote}`;
  if (view.anyUntagged)
    return `trusted without session-tag scoping for associations with session tags disabled: any such association in the account${unknownNote}`;
  if (view.openScopes.length > 0)
    return `scoped in part: open to ${view.openScopes.join(', ')}${unknownNote}`;
  if (view.cannotConfirm) return `cannot confirm: depends on ${unknownKeys.join(', ')}`;
  if (!view.tagSession)
    return 'trusted without sts:TagSession (only associations with session tags disabled)';
  return `scoped by session tags${unknownNote}`;
}

/** True when some statement names the Pod Identity service principal explicitly (not through `*`). */
export function namesPodIdentity(state: PolicyState): boolean {
  if (state.state !== 'known') return false;
  return state.document.statements.some((s) =>
    [s.principal, s.notPrincipal].some((p) => (p?.['Service'] ?? []).includes(POD_IDENTITY_SERVICE)),
  );
}

/**
 * Whether a role's trust (one side) admits an association side; undefined when the trust is not readable
 * or the verdict depends on a condition the reviewer cannot evaluate ("cannot confirm").
 */
export function associationAdmitted(state: PolicyState, association: AssociationSide): boolean | undefined {
  if (state.state !== 'known' || !association.identityKnown) return undefined;
  const verdict = associationVerdict(state.document, association);
  return verdict === 'cannot-confirm' ? undefined : verdict === 'admitted';
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
      associationsBefore.push(`${associationLabel(a.before)} (${a.address})${targetNote(a.before)}`);
    if (a.after?.roles.includes(role)) {
      const trust = role.trust.after;
      const verdict =
        trust.state === 'known' && a.after.identityKnown
          ? associationVerdict(trust.document, a.after)
          : undefined;
      const note =
        verdict === undefined
          ? 'not checked'
          : verdict === 'admitted'
            ? 'admitted by the trust'
            : verdict === 'denied'
              ? 'NOT admitted by the trust'
              : `cannot confirm: depends on ${trust.state === 'known' ? unmodelledKeys(trust.document).join(', ') : ''}`;
      associationsAfter.push(`${associationLabel(a.after)} (${a.address})${targetNote(a.after)}: ${note}`);
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

/** `, then target role <ARN>` for an association that chains to a target role (`target_role_arn`). */
function targetNote(side: AssociationSide): string {
  return side.targetRoleArn !== undefined ? `, then target role ${side.targetRoleArn}` : '';
}

/** True when an association of the plan that points at `role` (before or after) changes. */
export function associationsChange(role: RoleModel, model: PlanModel): boolean {
  return model.podIdentityAssociations.some(
    (a) => a.change.kind !== 'no-op' && (a.before?.roles.includes(role) || a.after?.roles.includes(role)),
  );
}
