/**
 * Per-role analysis computed once and shared by the rules and the writers: trust/permission diffs, the
 * access preview (who can assume the role before and after) and evaluator checks of concrete subjects.
 */
import {
  accessAdmits,
  admitsSubject,
  ANY_ISSUER,
  FRESH_SUBJECT,
  instantiatePattern,
  issuerEntry,
  UNNAMED_ISSUER,
  compareAccess,
  deriveTrustAccess,
  shortSubject,
  type AccessComparison,
  type IssuerAccess,
  type TrustAccess,
} from '../iam/access';
import { diffPolicies, type StatementDiff } from '../iam/diff';
import { hasWildcard } from '../iam/patterns';
import {
  policyChanged,
  type ChangeKind,
  type PolicyState,
  type RoleModel,
  type ServiceAccountModel,
} from './plan/model';

export interface AccessRow {
  issuer: string;
  before: string;
  after: string;
  change: 'widened' | 'narrowed' | 'widened and narrowed' | 'unchanged' | 'new role' | 'removed';
}

export interface SubjectCheck {
  issuer: string;
  subject: string;
  /** Evaluator verdict against the before/after trust; undefined where that side has no known trust. */
  before?: boolean;
  after?: boolean;
}

export interface PolicyChange {
  label: string;
  before: PolicyState['state'];
  after: PolicyState['state'];
  diff: StatementDiff[];
  error?: string;
}

export interface RoleAnalysis {
  role: RoleModel;
  kind: ChangeKind;
  trustChanged: boolean;
  accessBefore?: TrustAccess;
  accessAfter?: TrustAccess;
  comparison: AccessComparison;
  /** True when the evaluator or the derivation found a subject admitted after but not before. */
  widened: boolean;
  narrowed: boolean;
  accessRows: AccessRow[];
  subjectChecks: SubjectCheck[];
  /** Subjects no policy names (probes) that the access model admits after but not before. */
  probeWidened: SubjectCheck[];
  trustDiff: StatementDiff[];
  permissionChanges: PolicyChange[];
  /** Whether anything about the role (itself, its policies, its attachments) changes in this plan. */
  touched: boolean;
}

const docOf = (p: PolicyState) => (p.state === 'known' ? p.document : undefined);

function describeGrants(access: IssuerAccess | undefined): string {
  if (!access || access.grants.length === 0) return 'nobody';
  if (access.denied.includes('*')) return 'nobody (explicit Deny)';
  const parts: string[] = [];
  for (const g of access.grants) {
    let text = g.anySubject
      ? 'any service account'
      : g.patterns.length === 0
        ? 'nobody'
        : g.patterns.map(shortSubject).join(', ');
    for (const values of g.also ?? []) text += ` and also one of ${values.map(shortSubject).join(', ')}`;
    if (g.except.length > 0) text += ` except ${g.except.map(shortSubject).join(', ')}`;
    parts.push(text);
  }
  let out = [...new Set(parts)].join('; ');
  if (access.denied.length > 0) out += ` (denied: ${access.denied.map(shortSubject).join(', ')})`;
  return out;
}

function describeSide(state: PolicyState, access: IssuerAccess | undefined): string {
  if (state.state === 'unknown') return '(known after apply)';
  if (state.state === 'sensitive') return '(sensitive value)';
  if (state.state === 'invalid') return '(invalid policy)';
  if (state.state === 'absent') return '—';
  return describeGrants(access);
}

/** `linked` are the service accounts in the plan whose annotation points at this role. */
export function analyseRole(role: RoleModel, linked: readonly ServiceAccountModel[]): RoleAnalysis {
  const kind = role.change.kind;
  const before = role.trust.before;
  const after = role.trust.after;
  const trustChanged = policyChanged(before, after);
  const permissionChanges: PolicyChange[] = [];
  for (const p of role.permissions) {
    const changed = policyChanged(p.before, p.after);
    if (!changed && kind !== 'create') continue;
    const entry = { label: p.label, before: p.before.state, after: p.after.state } as PolicyChange;
    lazy(entry, 'diff', () => diffPolicies(docOf(p.before), docOf(p.after)));
    if (p.after.state === 'invalid') entry.error = p.after.error;
    permissionChanges.push(entry);
  }
  const touched =
    kind !== 'no-op' ||
    trustChanged ||
    permissionChanges.length > 0 ||
    role.managed.some((m) => m.status !== 'kept') ||
    role.change.importing ||
    role.change.previousAddress !== undefined;
  if (!touched) {
    // Nothing about this role changes: no access comparison or evaluator run. Other rules (IRSA013)
    // may still ask who it trusts, so that part is derived on first use.
    const quiet = {
      role,
      kind,
      trustChanged,
      comparison: { widened: false, narrowed: false, issuers: [] },
      widened: false,
      narrowed: false,
      subjectChecks: [],
      probeWidened: [],
      permissionChanges,
      touched,
      accessRows: [],
      trustDiff: [],
    } as RoleAnalysis;
    lazy(quiet, 'accessBefore', () => {
      const doc = docOf(before);
      return doc ? deriveTrustAccess(doc) : undefined;
    });
    lazy(quiet, 'accessAfter', () => {
      const doc = docOf(after);
      return doc ? deriveTrustAccess(doc) : undefined;
    });
    return quiet;
  }
  const beforeDoc = docOf(before);
  const afterDoc = docOf(after);
  const accessBefore = beforeDoc ? deriveTrustAccess(beforeDoc) : undefined;
  const accessAfter = afterDoc ? deriveTrustAccess(afterDoc) : undefined;
  const issuers = (): string[] =>
    [
      ...new Set([...(accessBefore?.issuers ?? []), ...(accessAfter?.issuers ?? [])].map((i) => i.issuer)),
    ].sort();
  const existedBefore = kind !== 'create';
  const comparison = compareAccess(existedBefore ? accessBefore : undefined, accessAfter);

  // Evaluator checks for every concrete subject the policies name and every SA that points here.
  const subjects = new Map<string, Set<string>>();
  const add = (issuer: string, subject: string): void => {
    if (hasWildcard(subject)) return;
    const set = subjects.get(issuer) ?? new Set<string>();
    set.add(subject);
    subjects.set(issuer, set);
  };
  const addNamed = (access: TrustAccess | undefined): void => {
    if (!access) return;
    for (const i of access.issuers) {
      for (const g of i.grants) {
        for (const p of g.patterns) add(i.issuer, p);
        for (const p of g.except) add(i.issuer, p);
      }
    }
  };
  addNamed(accessBefore);
  addNamed(accessAfter);
  for (const sa of linked) {
    if (!sa.identityKnown) continue;
    for (const i of accessAfter?.issuers ?? accessBefore?.issuers ?? []) {
      add(i.issuer, `system:serviceaccount:${sa.namespace}:${sa.name}`);
    }
  }
  const providerArn = (access: TrustAccess | undefined, issuer: string): string | undefined =>
    access?.issuers.find((i) => i.issuer === issuer)?.providerArns[0];
  const subjectChecks: SubjectCheck[] = [];
  for (const issuer of [...subjects.keys()].sort()) {
    if (issuer === ANY_ISSUER) continue;
    for (const subject of [...(subjects.get(issuer) ?? [])].sort()) {
      const check: SubjectCheck = { issuer, subject };
      const arn =
        providerArn(accessAfter, issuer) ??
        providerArn(accessBefore, issuer) ??
        `arn:aws:iam::000000000000:oidc-provider/${issuer}`;
      if (beforeDoc && existedBefore) check.before = admitsSubject(beforeDoc, arn, subject);
      if (afterDoc) check.after = admitsSubject(afterDoc, arn, subject);
      subjectChecks.push(check);
    }
  }
  // Probes: a service account no statement names, and one instance of every pattern, per issuer. The
  // access model answers for them (Deny statements included), so a widening no concrete subject shows
  // (a Deny removed, a pattern broadened) still counts.
  const probeWidened: SubjectCheck[] = [];
  const probeNarrowed: SubjectCheck[] = [];
  if (trustChanged && existedBefore && accessBefore && accessAfter) {
    for (const issuer of issuers()) {
      const probes = new Set<string>([FRESH_SUBJECT]);
      const probe = (patterns: readonly string[]): void => {
        for (const p of patterns) if (hasWildcard(p)) probes.add(instantiatePattern(p));
      };
      for (const access of [accessBefore, accessAfter])
        for (const i of access.issuers)
          for (const g of i.grants) {
            probe(g.patterns);
            probe(g.except);
            for (const values of g.also ?? []) probe(values);
            probe(i.denied);
          }
      const name = issuer === ANY_ISSUER ? UNNAMED_ISSUER : issuer;
      for (const subject of [...probes].sort()) {
        const b = accessAdmits(accessBefore, name, subject);
        const a = accessAdmits(accessAfter, name, subject);
        if (!b && a) probeWidened.push({ issuer, subject, before: b, after: a });
        if (b && !a) probeNarrowed.push({ issuer, subject, before: b, after: a });
      }
    }
  }
  const evaluatorWidened =
    subjectChecks.some((c) => c.before === false && c.after === true) || probeWidened.length > 0;
  const evaluatorNarrowed =
    subjectChecks.some((c) => c.before === true && c.after === false) || probeNarrowed.length > 0;
  const widened = existedBefore && beforeDoc !== undefined && (comparison.widened || evaluatorWidened);
  const narrowed = existedBefore && beforeDoc !== undefined && (comparison.narrowed || evaluatorNarrowed);

  const accessRows = (): AccessRow[] =>
    issuers().map((issuer) => {
      const b = accessBefore && issuerEntry(accessBefore, issuer);
      const a = accessAfter && issuerEntry(accessAfter, issuer);
      const change = comparison.issuers.find((c) => c.issuer === issuer);
      const checks = [...subjectChecks, ...probeWidened, ...probeNarrowed].filter((c) => c.issuer === issuer);
      const w =
        (change?.widened.length ?? 0) > 0 || checks.some((c) => c.before === false && c.after === true);
      const n =
        (change?.narrowed.length ?? 0) > 0 || checks.some((c) => c.before === true && c.after === false);
      let label: AccessRow['change'];
      if (!existedBefore) label = 'new role';
      else if (kind === 'delete') label = 'removed';
      else label = w && n ? 'widened and narrowed' : w ? 'widened' : n ? 'narrowed' : 'unchanged';
      return {
        issuer,
        before: existedBefore ? describeSide(before, b) : '—',
        after: kind === 'delete' ? '—' : describeSide(after, a),
        change: label,
      };
    });

  const analysis = {
    role,
    kind,
    trustChanged,
    ...(accessBefore ? { accessBefore } : {}),
    ...(accessAfter ? { accessAfter } : {}),
    comparison,
    widened,
    narrowed,
    subjectChecks,
    probeWidened,
    permissionChanges,
    touched,
  } as RoleAnalysis;
  // Display-only parts are computed when a writer first reads them: a cut Markdown report of a large
  // plan never needs most of them.
  lazy(analysis, 'accessRows', accessRows);
  lazy(analysis, 'trustDiff', () =>
    diffPolicies(existedBefore ? beforeDoc : undefined, kind === 'delete' ? undefined : afterDoc),
  );
  return analysis;
}

/** Defines `key` as a getter that computes the value once, then stores it as a plain property. */
function lazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): T[K] {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}
