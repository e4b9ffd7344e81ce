/**
 * The access graph of one plan: who can reach which role, before and after the change. Pure data built
 * from the change model and the per-role analysis (no formatting): the Markdown writer draws it as a
 * Mermaid flowchart, the JSON writer emits it as nodes and edges for other tools.
 *
 * Nodes: OIDC issuers and EKS clusters (scopes), service accounts inside them (`namespace/name`, a
 * wildcard subject such as `shop/*` as one node), the plan's changed roles. Edges: "can assume" through
 * IRSA (from the trust policy) or EKS Pod Identity (from the associations), and "annotated with" (a
 * ServiceAccount's `eks.amazonaws.com/role-arn`). Each node and edge says whether it is added, removed
 * or unchanged by the plan.
 */
import {
  accessAdmits,
  ANY_ISSUER,
  instantiatePattern,
  SERVICE_ACCOUNT_PREFIX,
  UNNAMED_ISSUER,
  type TrustAccess,
} from '../../iam/access';
import { hasWildcard } from '../../iam/patterns';
import type { RoleAnalysis } from '../analysis';
import type { Finding } from '../findings';
import { associationAdmitted, podIdentityView } from '../pod-identity';
import type { PlanModel, RoleModel, ServiceAccountModel } from '../plan/model';

export type GraphStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export type GraphNodeKind = 'issuer' | 'cluster' | 'kubernetes' | 'service-account' | 'role';

export interface GraphNode {
  /** Stable within one graph; derived from the plan's values, so never put into a diagram as is. */
  id: string;
  kind: GraphNodeKind;
  /** `namespace/name` (service accounts), the issuer, the cluster name, the role name. */
  label: string;
  status: GraphStatus;
  /** The scope node (issuer, cluster) a service account belongs to. */
  parent?: string;
  /** Terraform address (roles, service accounts declared in the plan). */
  address?: string;
  /** Rule IDs of the findings on this node's resources (sorted, unique). */
  findings?: string[];
  /** Short risk markers from the findings, e.g. `admin`, `iam:PassRole *`. */
  badges?: string[];
  /** Managed policies attached to a role, by name, with their status. */
  policies?: { name: string; status: GraphStatus }[];
}

export type GraphEdgeKind = 'irsa' | 'pod-identity' | 'annotation';

export interface GraphEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
  status: 'added' | 'removed' | 'unchanged';
  /** A Pod Identity association whose role's trust does not admit it: it points at the role but gets nothing. */
  notAdmitted?: true;
  /** Extra words for the edge: `with exceptions`, the association's finding IDs. */
  note?: string;
}

export interface AccessGraph {
  source: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Findings about permissions that earn a role a badge. */
const BADGES: Record<string, string> = {
  IRSA009: 'admin',
  IRSA010: 'iam:PassRole *',
  IRSA016: 'IAM privilege escalation',
  IRSA011: 'NotAction',
  IRSA005: 'trusts every principal',
};

/** `system:serviceaccount:ns:name` -> `ns/name`; a subject of another form is kept as is. */
export function subjectLabel(subject: string): string {
  if (!subject.startsWith(SERVICE_ACCOUNT_PREFIX)) return subject;
  const rest = subject.slice(SERVICE_ACCOUNT_PREFIX.length);
  const colon = rest.indexOf(':');
  return colon < 0 ? rest : `${rest.slice(0, colon)}/${rest.slice(colon + 1)}`;
}

/** The last part of a managed policy ARN (`.../policy/path/Name` -> `Name`), or the label as is. */
export function policyName(arn: string): string {
  const at = arn.indexOf(':policy/');
  if (at < 0) return arn;
  const rest = arn.slice(at + ':policy/'.length);
  return rest.slice(rest.lastIndexOf('/') + 1);
}

/** The cluster label of "any association in the account" (no EKS cluster can be named `*`). */
export const ANY_CLUSTER = '*';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const edgeStatus = (before: boolean, after: boolean): GraphEdge['status'] | undefined =>
  before && after ? 'unchanged' : after ? 'added' : before ? 'removed' : undefined;

/** Does the access model admit the subject (a pattern: one instance no policy names) on `issuer`? */
function admits(access: TrustAccess | undefined, issuer: string, subject: string): boolean {
  if (!access) return false;
  const name = issuer === ANY_ISSUER ? UNNAMED_ISSUER : issuer;
  return accessAdmits(access, name, hasWildcard(subject) ? instantiatePattern(subject) : subject);
}

function roleStatus(a: RoleAnalysis): GraphStatus {
  if (a.kind === 'create') return 'added';
  if (a.kind === 'delete' || a.kind === 'forget') return 'removed';
  return a.touched ? 'changed' : 'unchanged';
}

function saStatus(sa: ServiceAccountModel): GraphStatus {
  const kind = sa.change.kind;
  return kind === 'create' ? 'added' : kind === 'delete' || kind === 'forget' ? 'removed' : 'unchanged';
}

export interface GraphInput {
  model: PlanModel;
  /** The analyses of the roles to draw (the roles the report lists for this plan). */
  analyses: readonly RoleAnalysis[];
  /** Service accounts of the plan and the roles their annotation points at. */
  links: readonly { serviceAccount: ServiceAccountModel; roles: readonly RoleModel[] }[];
  /** This plan's findings. */
  findings: readonly Finding[];
}

/** Builds the access graph of one plan. Same input, same graph (nodes and edges sorted). */
export function buildAccessGraph(input: GraphInput): AccessGraph {
  const { model, analyses, links, findings } = input;
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const roleIds = new Map<RoleModel, string>();

  // Findings by the address they name; a policy or attachment address counts for its role.
  const findingsAt = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = findingsAt.get(f.address);
    if (list) list.push(f);
    else findingsAt.set(f.address, [f]);
  }
  const mark = (node: GraphNode, addresses: Iterable<string>): void => {
    const ids = new Set(node.findings ?? []);
    const badges = new Set(node.badges ?? []);
    for (const address of addresses) {
      for (const f of findingsAt.get(address) ?? []) {
        ids.add(f.ruleId);
        const badge = BADGES[f.ruleId];
        if (badge && !(f.ruleId === 'IRSA009' && f.severity !== 'high')) badges.add(badge);
        if (f.ruleId === 'IRSA009' && f.severity !== 'high') badges.add('Action *');
      }
    }
    if (ids.size > 0) node.findings = [...ids].sort();
    if (badges.size > 0) node.badges = [...badges].sort();
  };

  const scope = (kind: 'issuer' | 'cluster' | 'kubernetes', label: string): string => {
    const id = `${kind}:${label}`;
    if (!nodes.has(id)) nodes.set(id, { id, kind, label, status: 'unchanged' });
    return id;
  };
  const serviceAccount = (parent: string, label: string, status: GraphStatus = 'unchanged'): string => {
    const id = `sa:${parent}|${label}`;
    const existing = nodes.get(id);
    if (!existing) nodes.set(id, { id, kind: 'service-account', label, status, parent });
    else if (existing.status === 'unchanged' && status !== 'unchanged') existing.status = status;
    return id;
  };
  const edge = (e: GraphEdge): void => {
    const key = `${e.from}|${e.to}|${e.kind}`;
    const existing = edges.get(key);
    if (!existing) edges.set(key, e);
    else if (existing.status !== e.status) existing.status = 'unchanged';
  };

  for (const a of analyses) {
    const r = a.role;
    const id = `role:${r.address}`;
    roleIds.set(r, id);
    const node: GraphNode = {
      id,
      kind: 'role',
      label: r.nameAfter ?? r.nameBefore ?? '(known after apply)',
      status: roleStatus(a),
      address: r.address,
    };
    const policies = r.managed.map((m) => ({
      name: policyName(m.arn),
      status: (m.status === 'kept' ? 'unchanged' : m.status) as GraphStatus,
    }));
    if (policies.length > 0) node.policies = policies;
    if (a.widened) node.badges = ['access widened'];
    mark(node, [
      r.address,
      ...r.permissions.map((p) => p.address),
      ...r.permissions.map((p) => p.attachedBy ?? ''),
      ...r.managed.map((m) => m.address),
    ]);
    nodes.set(id, node);

    // IRSA: every subject or pattern the trust names, before and after, on every issuer it names.
    const existedBefore = a.kind !== 'create';
    const before = existedBefore ? a.accessBefore : undefined;
    const after = a.kind === 'delete' ? undefined : a.accessAfter;
    const subjects = new Map<string, Set<string>>();
    const exceptions = new Map<string, boolean>();
    for (const access of [before, after]) {
      for (const i of access?.issuers ?? []) {
        const set = subjects.get(i.issuer) ?? new Set<string>();
        subjects.set(i.issuer, set);
        if (i.denied.length > 0) exceptions.set(i.issuer, true);
        for (const g of i.grants) {
          if (g.anySubject) set.add(`${SERVICE_ACCOUNT_PREFIX}*:*`);
          for (const p of g.patterns) set.add(p);
          if (g.except.length > 0 || (g.also ?? []).length > 0) exceptions.set(i.issuer, true);
        }
      }
    }
    for (const [issuer, set] of [...subjects].sort((x, y) => cmp(x[0], y[0]))) {
      const parent = scope('issuer', issuer);
      for (const subject of [...set].sort()) {
        const status = edgeStatus(admits(before, issuer, subject), admits(after, issuer, subject));
        if (!status) continue;
        const from = serviceAccount(parent, subjectLabel(subject));
        edge({
          from,
          to: id,
          kind: 'irsa',
          status,
          ...(exceptions.get(issuer) ? { note: 'with exceptions' } : {}),
        });
      }
    }

    // Pod Identity open to any association in the account.
    const open = (side: 'before' | 'after'): boolean => {
      const state = r.trust[side];
      if (side === 'before' && !existedBefore) return false;
      if (side === 'after' && a.kind === 'delete') return false;
      return state.state === 'known' && podIdentityView(state.document).anyAssociation;
    };
    const openStatus = edgeStatus(open('before'), open('after'));
    if (openStatus) {
      // `*` is no cluster name EKS allows: the scope of "any association in the account".
      const parent = scope('cluster', ANY_CLUSTER);
      edge({ from: serviceAccount(parent, '*/*'), to: id, kind: 'pod-identity', status: openStatus });
    }
  }

  // Pod Identity associations pointing at the drawn roles.
  for (const assoc of model.podIdentityAssociations) {
    for (const which of ['before', 'after'] as const) {
      const s = assoc[which];
      if (!s) continue;
      for (const role of s.roles) {
        const to = roleIds.get(role);
        if (!to) continue;
        const other = which === 'before' ? assoc.after : assoc.before;
        const same =
          other !== undefined &&
          other.roles.includes(role) &&
          other.cluster === s.cluster &&
          other.namespace === s.namespace &&
          other.serviceAccount === s.serviceAccount;
        if (which === 'after' && same) continue; // counted once, from the before side
        const status: GraphEdge['status'] = same ? 'unchanged' : which === 'before' ? 'removed' : 'added';
        const parent = scope('cluster', s.cluster);
        const from = serviceAccount(parent, `${s.namespace}/${s.serviceAccount}`);
        const admitted = which === 'after' ? associationAdmitted(role.trust.after, s) : undefined;
        const ids = [...new Set((findingsAt.get(assoc.address) ?? []).map((f) => f.ruleId))].sort();
        edge({
          from,
          to,
          kind: 'pod-identity',
          status,
          ...(admitted === false ? { notAdmitted: true as const } : {}),
          ...(ids.length > 0 ? { note: ids.join(' ') } : {}),
        });
      }
    }
  }

  // ServiceAccounts annotated with a drawn role: placed in the issuer whose trust admits them, else in
  // a group of their own (their cluster is not in the plan).
  // The first analysis of each role (a search per link was quadratic).
  const analysisOf = new Map<RoleModel, RoleAnalysis>();
  for (const x of analyses) if (!analysisOf.has(x.role)) analysisOf.set(x.role, x);
  for (const link of links) {
    const sa = link.serviceAccount;
    for (const role of link.roles) {
      const to = roleIds.get(role);
      if (!to) continue;
      const label = `${sa.namespace}/${sa.name}`;
      const subject = `${SERVICE_ACCOUNT_PREFIX}${sa.namespace}:${sa.name}`;
      const analysis = analysisOf.get(role);
      const access = analysis?.kind === 'delete' ? analysis.accessBefore : analysis?.accessAfter;
      const issuer = sa.identityKnown
        ? access?.issuers.map((i) => i.issuer).find((i) => admits(access, i, subject))
        : undefined;
      const parent =
        issuer !== undefined
          ? scope('issuer', issuer)
          : scope('kubernetes', 'ServiceAccounts in the plan (issuer not admitted or unknown)');
      const from = serviceAccount(parent, label, saStatus(sa));
      const node = nodes.get(from);
      if (node) {
        node.address = node.address ?? sa.address;
        mark(node, [sa.address]);
      }
      const status = saStatus(sa);
      edge({ from, to, kind: 'annotation', status: status === 'changed' ? 'unchanged' : status });
    }
  }

  const order: Record<GraphNodeKind, number> = {
    issuer: 0,
    cluster: 1,
    kubernetes: 2,
    'service-account': 3,
    role: 4,
  };
  return {
    source: model.source,
    nodes: [...nodes.values()].sort((x, y) => order[x.kind] - order[y.kind] || cmp(x.id, y.id)),
    edges: [...edges.values()].sort((x, y) => cmp(x.from, y.from) || cmp(x.to, y.to) || cmp(x.kind, y.kind)),
  };
}
