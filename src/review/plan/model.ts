/**
 * The change model's shape: the roles, their policies, the service accounts, OIDC providers and Pod
 * Identity associations the rules look at, and how a service account's annotation finds its roles.
 * ./build fills it from a plan's resource_changes, one handler per resource type (./handlers).
 */
import type { Change, PolicyState } from './change';
import type { PodIdentityAgentFacts } from './pod-identity-agent';
import type { RawResourceChange } from './types';
import { slotText, type Slot } from './values';
import { roleAccount, roleArnParts } from './arn';

export type { Change, ChangeKind, PolicyState } from './change';
export { policyChanged, policyOf, policyText, side } from './change';
export { configAddress } from './config';
export { roleNameFromArn } from './arn';
export type { PodIdentityAgentFacts } from './pod-identity-agent';
export { POD_IDENTITY_AGENT_ADDON } from './pod-identity-agent';

export interface PolicyVersions {
  /** Where it comes from: `inline_policy "name"`, `aws_iam_role_policy.x`, `aws_iam_policy.y`. */
  label: string;
  address: string;
  before: PolicyState;
  after: PolicyState;
  /** The attachment that newly attaches this managed policy (its whole document is gained). */
  attachedBy?: string;
}

export interface ManagedAttachment {
  /** The policy ARN, or a label such as `aws_iam_policy.x (known after apply)`. */
  arn: string;
  address: string;
  status: 'added' | 'removed' | 'kept';
  /** For an attachment to roles outside the plan: the role names or ARNs it names. */
  roles?: string[];
}

export interface RoleModel {
  address: string;
  change: Change;
  nameBefore?: string;
  nameAfter?: string;
  arnBefore?: string;
  arnAfter?: string;
  trust: { before: PolicyState; after: PolicyState };
  permissions: PolicyVersions[];
  managed: ManagedAttachment[];
  boundaryBefore?: string;
  boundaryAfter: Slot;
  /**
   * Where a trust known only after apply comes from: the aws_iam_policy_document data sources its
   * expression names (read at apply, their known parts in the plan) and every reference it names.
   */
  trustSource?: { documents: string[]; references: string[] };
}

export interface ServiceAccountModel {
  address: string;
  change: Change;
  namespace: string;
  name: string;
  /** The `eks.amazonaws.com/role-arn` annotation after the change. */
  roleArn: Slot;
  /** The annotation before the change, when known (absent for a new service account). */
  roleArnBefore?: string;
  /** Role addresses the annotation expression references in the configuration. */
  roleRefs: string[];
  /** False when the namespace or name is known only after apply: its subject cannot be checked. */
  identityKnown: boolean;
  /** Set when the annotation's role cannot be confirmed (then `roleRefs` is empty): see UnverifiedLink. */
  unverifiedLink?: UnverifiedLink;
}

/**
 * A link to a role that the review cannot confirm: its value is known only after apply, and its
 * expression names the role resource with an index the plan does not show. The plan's `references` are
 * the same for `aws_iam_role.x[count.index]` and `aws_iam_role.x[1 - count.index]` (`aws_iam_role.x`,
 * `count.index`), and for `[each.key]` and `[lower(each.key)]`, so no instance is assumed.
 */
export interface UnverifiedLink {
  /** The resource holding the link (a ServiceAccount, an association, a policy or its attachment). */
  address: string;
  /** The attribute naming the role (`eks.amazonaws.com/role-arn`, `role_arn`, `role`). */
  attribute: string;
  /** Every reference its expression names, as the plan writes them, sorted. */
  references: string[];
  /** Addresses of the roles (or policies) of the plan it may name (every instance referenced), sorted. */
  candidates: string[];
  /** What it links to: a role (absent), or a managed policy (`policy_arn` of an attachment). */
  target?: 'policy';
}

export interface OidcProviderModel {
  address: string;
  change: Change;
  arnBefore?: string;
  issuerBefore?: string;
}

export interface ManagedPolicyModel {
  change: Change;
  before: PolicyState;
  after: PolicyState;
  arnBefore?: string;
  arnAfter?: string;
}

export interface PlanModel {
  source: string;
  changes: Change[];
  roles: RoleModel[];
  serviceAccounts: ServiceAccountModel[];
  oidcProviders: OidcProviderModel[];
  /** EKS Pod Identity associations, with the roles they point at before and after. */
  podIdentityAssociations: PodIdentityAssociationModel[];
  /**
   * Permission policies not tied to a role in this plan (an aws_iam_role_policy on a role managed
   * elsewhere, an aws_iam_policy attached nowhere in the plan): permission rules still check them.
   */
  unlinkedPolicies: PolicyVersions[];
  /** Managed-policy attachments to roles that are not in this plan. */
  unlinkedAttachments: ManagedAttachment[];
  /** Standalone managed policies (aws_iam_policy) by address. */
  policies: Map<string, ManagedPolicyModel>;
  /** The AWS accounts the plan manages (see ./accounts), sorted. */
  accounts: string[];
  /** The Pod Identity Agent add-ons and the clusters that had associations before the change. */
  podIdentityAgent: PodIdentityAgentFacts;
  /** aws_iam_policy_document data sources read only at apply, by address (their known parts). */
  policyDocuments: Map<string, RawResourceChange>;
  /** Links to roles the review cannot confirm (see UnverifiedLink), in the order they were read. */
  unverifiedLinks: UnverifiedLink[];
}

/** One side of an association. Unknown parts read `(known after apply)`. */
export interface AssociationSide {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  /** The role ARN, when known. */
  roleArn?: string;
  /** The roles of the plan the association points at (by ARN or name, else by configuration reference). */
  roles: RoleModel[];
  /** False when cluster, namespace or service account is known only after apply. */
  identityKnown: boolean;
  /** `disable_session_tags` (AWS provider 6); false when absent. */
  sessionTagsDisabled: boolean;
  /** `target_role_arn` (AWS provider 6), when set. */
  targetRoleArn?: string;
  /** `association_arn`, when known (it names the cluster's account). */
  associationArn?: string;
  /** Set when the role cannot be confirmed (then `roles` is empty): see UnverifiedLink. */
  unverifiedLink?: UnverifiedLink;
}

export interface PodIdentityAssociationModel {
  address: string;
  change: Change;
  before?: AssociationSide;
  after?: AssociationSide;
}

export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

interface RoleIndex {
  byArnAfter: Map<string, RoleModel[]>;
  byArnBeforeOnly: Map<string, RoleModel[]>;
  byName: Map<string, RoleModel[]>;
  byAddress: Map<string, RoleModel>;
}
const roleIndexes = new WeakMap<PlanModel, RoleIndex>();

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function roleIndex(model: PlanModel): RoleIndex {
  let index = roleIndexes.get(model);
  if (index) return index;
  index = { byArnAfter: new Map(), byArnBeforeOnly: new Map(), byName: new Map(), byAddress: new Map() };
  for (const r of model.roles) {
    if (r.arnAfter) pushTo(index.byArnAfter, r.arnAfter, r);
    else if (r.arnBefore) pushTo(index.byArnBeforeOnly, r.arnBefore, r);
    const name = r.nameAfter ?? r.nameBefore;
    if (name) pushTo(index.byName, name, r);
    index.byAddress.set(r.address, r);
  }
  roleIndexes.set(model, index);
  return index;
}

/**
 * Roles an SA annotation points at: by planned ARN, else by the role name at the end of the ARN when the
 * account matches (or the role's account is not known yet), else by configuration reference.
 */
export function rolesForServiceAccount(model: PlanModel, sa: ServiceAccountModel): RoleModel[] {
  const index = roleIndex(model);
  const arn = slotText(sa.roleArn);
  if (arn !== undefined) {
    const exact = [...(index.byArnAfter.get(arn) ?? []), ...(index.byArnBeforeOnly.get(arn) ?? [])];
    if (exact.some((r) => r.change.kind !== 'delete')) return exact;
    const parts = roleArnParts(arn);
    const named = (parts ? (index.byName.get(parts.name) ?? []) : []).filter((r) => {
      // A role in another account is not the local role with the same name.
      const own = roleAccount(r);
      return own === undefined || own === parts?.account;
    });
    // A role destroyed at one address and created at another (no `moved` block): the live one counts.
    const live = named.filter((r) => r.change.kind !== 'delete');
    return live.length > 0 ? live : exact.length > 0 ? exact : named;
  }
  return sa.roleRefs.map((a) => index.byAddress.get(a)).filter((r): r is RoleModel => r !== undefined);
}
