/**
 * The change model: one pass over a plan's resource_changes builds the roles, their policies, the
 * service accounts and OIDC providers the rules look at. Each resource type has its own handler
 * (./handlers); this file holds the model's shape and runs the handlers stage by stage.
 */
import type { Change, PolicyState } from './change';
import { toChange } from './change';
import { indexConfiguration } from './config';
import { BuildContext, HANDLERS, type ResourceHandler } from './handlers';
import type { PodIdentityAssociationModel } from './handlers/pod-identity-association';
import { podIdentityAgentFacts, type PodIdentityAgentFacts } from './pod-identity-agent';
import type { RawPlan, RawResourceChange } from './types';
import { slotText, type Slot } from './values';
import { roleAccount, roleArnParts } from './arn';
import { planAccounts } from './accounts';

export type { Change, ChangeKind, PolicyState } from './change';
export { policyChanged, policyOf, policyText, side } from './change';
export { configAddress } from './config';
export { roleNameFromArn } from './arn';
export type { AssociationSide, PodIdentityAssociationModel } from './handlers/pod-identity-association';
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
  /** Addresses of the roles of the plan it may name (every instance of the referenced roles), sorted. */
  candidates: string[];
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

export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

const STAGES: readonly ResourceHandler['stage'][] = ['owners', 'links', 'consumers'];

const byAddress = (a: { address: string }, b: { address: string }): number =>
  a.address < b.address ? -1 : a.address > b.address ? 1 : 0;

export function buildModel(plan: RawPlan, source: string): PlanModel {
  const changes: Change[] = [];
  const byType = new Map<string, Change[]>();
  const policyDocuments = new Map<string, RawResourceChange>();
  for (const rc of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (
      rc?.mode === 'data' &&
      rc.type === 'aws_iam_policy_document' &&
      typeof rc.address === 'string' &&
      rc.change &&
      typeof rc.change === 'object'
    )
      policyDocuments.set(rc.address, rc);
    const c = toChange(rc);
    if (!c) continue;
    changes.push(c);
    const list = byType.get(c.type);
    if (list) list.push(c);
    else byType.set(c.type, [c]);
  }
  const model: PlanModel = {
    source,
    changes,
    roles: [],
    serviceAccounts: [],
    oidcProviders: [],
    podIdentityAssociations: [],
    policies: new Map(),
    policyDocuments,
    unlinkedPolicies: [],
    unlinkedAttachments: [],
    unverifiedLinks: [],
    accounts: planAccounts(plan, changes),
    podIdentityAgent: podIdentityAgentFacts(plan, changes),
  };
  const context = new BuildContext(model, indexConfiguration(plan));
  for (const stage of STAGES) {
    for (const handler of HANDLERS) {
      if (handler.stage !== stage) continue;
      for (const type of handler.types) for (const c of byType.get(type) ?? []) handler.handle(c, context);
    }
  }

  for (const r of model.roles) {
    const seen = new Set<string>();
    r.managed = r.managed
      .filter((m) => {
        const key = `${m.arn}|${m.status}|${m.address}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : a.address < b.address ? -1 : 1));
    r.permissions.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }
  for (const [address, p] of model.policies) {
    if (!context.attachedPolicies.has(address))
      model.unlinkedPolicies.push({ label: address, address, before: p.before, after: p.after });
  }
  model.unlinkedPolicies.sort(byAddress);
  model.unlinkedAttachments.sort(byAddress);
  // Last resort, for plans that create everything: the role ARNs their associations write out.
  if (model.accounts.length === 0) model.accounts = [...new Set(consumerAccounts(model))].sort();
  return model;
}

/**
 * Accounts of the role ARNs Pod Identity associations of the plan write out for roles the plan creates
 * (whose own ARN is known only after apply): `role_arn = "arn:aws:iam::111122223333:role/app"` for the
 * plan's role `app`. An association's role is in its cluster's account (EKS passes it with iam:PassRole).
 * ServiceAccount annotations do not count: they may name a role of another account with the same name.
 */
function consumerAccounts(model: PlanModel): string[] {
  const pending = new Set(
    model.roles
      .filter((r) => r.change.kind !== 'delete' && r.arnAfter === undefined && r.arnBefore === undefined)
      .map((r) => r.nameAfter)
      .filter((n): n is string => n !== undefined),
  );
  const out: string[] = [];
  const add = (arn: string | undefined): void => {
    const parts = arn === undefined ? undefined : roleArnParts(arn);
    if (parts && /^\d{12}$/.test(parts.account) && pending.has(parts.name)) out.push(parts.account);
  };
  for (const a of model.podIdentityAssociations) for (const side of [a.before, a.after]) add(side?.roleArn);
  return out;
}

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
