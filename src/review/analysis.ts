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
import { fitted } from '../iam/fitted';
import type { PolicyDocument } from '../iam/document';
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

/** Issuers either side's access names, sorted. */
function issuersOf(accessBefore: TrustAccess | undefined, accessAfter: TrustAccess | undefined): string[] {
  const set = new Set<string>();
  for (const i of accessBefore?.issuers ?? []) set.add(i.issuer);
  for (const i of accessAfter?.issuers ?? []) set.add(i.issuer);
  return [...set].sort();
}

/** Concrete subjects (no wildcard) per issuer: every subject the policies name and every linked SA. */
function concreteSubjects(
  accessBefore: TrustAccess | undefined,
  accessAfter: TrustAccess | undefined,
  linked: readonly ServiceAccountModel[],
): Map<string, Set<string>> {
  const subjects = new Map<string, Set<string>>();
  const add = (issuer: string, subject: string): void => {
    if (hasWildcard(subject)) return;
    const set = subjects.get(issuer) ?? new Set<string>();
    set.add(subject);
    subjects.set(issuer, set);
  };
  for (const access of [accessBefore, accessAfter]) {
    if (!access) continue;
    for (const i of access.issuers) {
      for (const g of i.grants) {
        for (const p of g.patterns) add(i.issuer, p);
        for (const p of g.except) add(i.issuer, p);
      }
    }
  }
  for (const sa of linked) {
    if (!sa.identityKnown) continue;
    for (const i of accessAfter?.issuers ?? accessBefore?.issuers ?? []) {
      add(i.issuer, `system:serviceaccount:${sa.namespace}:${sa.name}`);
    }
  }
  return subjects;
}

const providerArn = (access: TrustAccess | undefined, issuer: string): string | undefined =>
  access?.issuers.find((i) => i.issuer === issuer)?.providerArns[0];

/** Evaluator verdicts, before and after, for every concrete subject. */
function checkSubjects(
  subjects: Map<string, Set<string>>,
  sides: {
    accessBefore?: TrustAccess;
    accessAfter?: TrustAccess;
    beforeDoc?: PolicyDocument;
    afterDoc?: PolicyDocument;
  },
  existedBefore: boolean,
): SubjectCheck[] {
  const { accessBefore, accessAfter, beforeDoc, afterDoc } = sides;
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
  return fitted(subjectChecks);
}

/**
 * Probes: a service account no statement names, and one instance of every pattern, per issuer. The access
 * model answers for them (Deny statements included), so a widening no concrete subject shows (a Deny
 * removed, a pattern broadened) still counts.
 */
function probeChanges(
  accessBefore: TrustAccess,
  accessAfter: TrustAccess,
): { widened: SubjectCheck[]; narrowed: SubjectCheck[] } {
  const widened: SubjectCheck[] = [];
  const narrowed: SubjectCheck[] = [];
  for (const issuer of issuersOf(accessBefore, accessAfter)) {
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
      if (!b && a) widened.push({ issuer, subject, before: b, after: a });
      if (b && !a) narrowed.push({ issuer, subject, before: b, after: a });
    }
  }
  return { widened, narrowed };
}

/** What the display-only parts (access rows, trust diff) are computed from: kept small, it lives as long as the report. */
interface DisplayInputs {
  kind: ChangeKind;
  existedBefore: boolean;
  before: PolicyState;
  after: PolicyState;
  accessBefore?: TrustAccess;
  accessAfter?: TrustAccess;
  comparison: AccessComparison;
  checks: readonly SubjectCheck[];
}

function accessRowsOf(d: DisplayInputs): AccessRow[] {
  return issuersOf(d.accessBefore, d.accessAfter).map((issuer) => {
    const b = d.accessBefore && issuerEntry(d.accessBefore, issuer);
    const a = d.accessAfter && issuerEntry(d.accessAfter, issuer);
    const change = d.comparison.issuers.find((c) => c.issuer === issuer);
    const checks = d.checks.filter((c) => c.issuer === issuer);
    const w = (change?.widened.length ?? 0) > 0 || checks.some((c) => c.before === false && c.after === true);
    const n =
      (change?.narrowed.length ?? 0) > 0 || checks.some((c) => c.before === true && c.after === false);
    let label: AccessRow['change'];
    if (!d.existedBefore) label = 'new role';
    else if (d.kind === 'delete') label = 'removed';
    else label = w && n ? 'widened and narrowed' : w ? 'widened' : n ? 'narrowed' : 'unchanged';
    return {
      issuer,
      before: d.existedBefore ? describeSide(d.before, b) : '—',
      after: d.kind === 'delete' ? '—' : describeSide(d.after, a),
      change: label,
    };
  });
}

function trustDiffOf(d: DisplayInputs): StatementDiff[] {
  return diffPolicies(
    d.existedBefore ? docOf(d.before) : undefined,
    d.kind === 'delete' ? undefined : docOf(d.after),
  );
}

/** A permission policy that changes (or comes with a new role); its statement diff is computed on first read. */
class PermissionChange implements PolicyChange {
  readonly label: string;
  readonly before: PolicyState['state'];
  readonly after: PolicyState['state'];
  readonly error?: string;
  readonly #policy: RoleModel['permissions'][number];
  #diff: StatementDiff[] | undefined;

  constructor(policy: RoleModel['permissions'][number]) {
    this.label = policy.label;
    this.before = policy.before.state;
    this.after = policy.after.state;
    if (policy.after.state === 'invalid') this.error = policy.after.error;
    this.#policy = policy;
  }

  get diff(): StatementDiff[] {
    return (this.#diff ??= diffPolicies(docOf(this.#policy.before), docOf(this.#policy.after)));
  }

  toJSON(): PolicyChange {
    return {
      label: this.label,
      before: this.before,
      after: this.after,
      diff: this.diff,
      ...(this.error !== undefined ? { error: this.error } : {}),
    };
  }
}

function permissionChangesOf(role: RoleModel, kind: ChangeKind): PolicyChange[] {
  const permissionChanges: PolicyChange[] = [];
  for (const p of role.permissions) {
    if (!policyChanged(p.before, p.after) && kind !== 'create') continue;
    permissionChanges.push(new PermissionChange(p));
  }
  return permissionChanges;
}

/**
 * A role nothing about which changes: no access comparison or evaluator run. Other rules (IRSA013) may
 * still ask who it trusts, so that part is derived on first read.
 */
class QuietAnalysis implements RoleAnalysis {
  readonly kind: ChangeKind;
  readonly comparison: AccessComparison = { widened: false, narrowed: false, issuers: [] };
  readonly widened = false;
  readonly narrowed = false;
  readonly subjectChecks: SubjectCheck[] = [];
  readonly probeWidened: SubjectCheck[] = [];
  readonly touched = false;
  readonly accessRows: AccessRow[] = [];
  readonly trustDiff: StatementDiff[] = [];
  #accessBefore: TrustAccess | undefined | null = null;
  #accessAfter: TrustAccess | undefined | null = null;

  constructor(
    readonly role: RoleModel,
    readonly trustChanged: boolean,
    readonly permissionChanges: PolicyChange[],
  ) {
    this.kind = role.change.kind;
  }

  get accessBefore(): TrustAccess | undefined {
    if (this.#accessBefore === null) this.#accessBefore = accessOf(this.role.trust.before);
    return this.#accessBefore;
  }

  get accessAfter(): TrustAccess | undefined {
    if (this.#accessAfter === null) this.#accessAfter = accessOf(this.role.trust.after);
    return this.#accessAfter;
  }

  toJSON(): RoleAnalysis {
    const { accessBefore, accessAfter } = this;
    return {
      role: this.role,
      kind: this.kind,
      trustChanged: this.trustChanged,
      comparison: this.comparison,
      widened: this.widened,
      narrowed: this.narrowed,
      subjectChecks: this.subjectChecks,
      probeWidened: this.probeWidened,
      permissionChanges: this.permissionChanges,
      touched: this.touched,
      accessRows: this.accessRows,
      trustDiff: this.trustDiff,
      ...(accessBefore ? { accessBefore } : {}),
      ...(accessAfter ? { accessAfter } : {}),
    };
  }
}

function accessOf(policy: PolicyState): TrustAccess | undefined {
  const doc = docOf(policy);
  return doc ? deriveTrustAccess(doc) : undefined;
}

/** `linked` are the service accounts in the plan whose annotation points at this role. */
export function analyseRole(role: RoleModel, linked: readonly ServiceAccountModel[]): RoleAnalysis {
  const kind = role.change.kind;
  const before = role.trust.before;
  const after = role.trust.after;
  const trustChanged = policyChanged(before, after);
  const permissionChanges = permissionChangesOf(role, kind);
  const touched =
    kind !== 'no-op' ||
    trustChanged ||
    permissionChanges.length > 0 ||
    role.managed.some((m) => m.status !== 'kept') ||
    role.change.importing ||
    role.change.previousAddress !== undefined;
  if (!touched) return new QuietAnalysis(role, trustChanged, permissionChanges);
  const beforeDoc = docOf(before);
  const afterDoc = docOf(after);
  const accessBefore = beforeDoc ? deriveTrustAccess(beforeDoc) : undefined;
  const accessAfter = afterDoc ? deriveTrustAccess(afterDoc) : undefined;
  const existedBefore = kind !== 'create';
  const comparison = compareAccess(existedBefore ? accessBefore : undefined, accessAfter);

  // Evaluator checks for every concrete subject the policies name and every SA that points here.
  const subjectChecks = checkSubjects(
    concreteSubjects(accessBefore, accessAfter, linked),
    { accessBefore, accessAfter, beforeDoc, afterDoc },
    existedBefore,
  );
  const probes =
    trustChanged && existedBefore && accessBefore && accessAfter
      ? probeChanges(accessBefore, accessAfter)
      : { widened: [], narrowed: [] };
  const evaluatorWidened =
    subjectChecks.some((c) => c.before === false && c.after === true) || probes.widened.length > 0;
  const evaluatorNarrowed =
    subjectChecks.some((c) => c.before === true && c.after === false) || probes.narrowed.length > 0;
  const widened = existedBefore && beforeDoc !== undefined && (comparison.widened || evaluatorWidened);
  const narrowed = existedBefore && beforeDoc !== undefined && (comparison.narrowed || evaluatorNarrowed);

  const checks =
    probes.widened.length + probes.narrowed.length === 0
      ? subjectChecks
      : [...subjectChecks, ...probes.widened, ...probes.narrowed];
  return new TouchedAnalysis(
    role,
    { kind, existedBefore, before, after, accessBefore, accessAfter, comparison, checks },
    { trustChanged, widened, narrowed, subjectChecks, probeWidened: probes.widened, permissionChanges },
  );
}

/**
 * A touched role's analysis. Its display-only parts (access rows, trust diff) are computed when a writer
 * first reads them: a cut Markdown report of a large plan never needs most of them. A class rather than
 * per-object getters keeps the thousands of analyses of a large plan small; `toJSON` gives the same
 * object (display parts included) that a plain record would.
 */
class TouchedAnalysis implements RoleAnalysis {
  readonly kind: ChangeKind;
  readonly trustChanged: boolean;
  readonly accessBefore?: TrustAccess;
  readonly accessAfter?: TrustAccess;
  readonly comparison: AccessComparison;
  readonly widened: boolean;
  readonly narrowed: boolean;
  readonly subjectChecks: SubjectCheck[];
  readonly probeWidened: SubjectCheck[];
  readonly permissionChanges: PolicyChange[];
  readonly touched = true;
  readonly #display: DisplayInputs;
  #accessRows: AccessRow[] | undefined;
  #trustDiff: StatementDiff[] | undefined;

  constructor(
    readonly role: RoleModel,
    display: DisplayInputs,
    result: Pick<
      RoleAnalysis,
      'trustChanged' | 'widened' | 'narrowed' | 'subjectChecks' | 'probeWidened' | 'permissionChanges'
    >,
  ) {
    this.kind = display.kind;
    this.trustChanged = result.trustChanged;
    if (display.accessBefore) this.accessBefore = display.accessBefore;
    if (display.accessAfter) this.accessAfter = display.accessAfter;
    this.comparison = display.comparison;
    this.widened = result.widened;
    this.narrowed = result.narrowed;
    this.subjectChecks = result.subjectChecks;
    this.probeWidened = result.probeWidened;
    this.permissionChanges = result.permissionChanges;
    this.#display = display;
  }

  get accessRows(): AccessRow[] {
    return (this.#accessRows ??= accessRowsOf(this.#display));
  }

  get trustDiff(): StatementDiff[] {
    return (this.#trustDiff ??= trustDiffOf(this.#display));
  }

  toJSON(): RoleAnalysis {
    return {
      role: this.role,
      kind: this.kind,
      trustChanged: this.trustChanged,
      ...(this.accessBefore ? { accessBefore: this.accessBefore } : {}),
      ...(this.accessAfter ? { accessAfter: this.accessAfter } : {}),
      comparison: this.comparison,
      widened: this.widened,
      narrowed: this.narrowed,
      subjectChecks: this.subjectChecks,
      probeWidened: this.probeWidened,
      permissionChanges: this.permissionChanges,
      touched: this.touched,
      accessRows: this.accessRows,
      trustDiff: this.trustDiff,
    };
  }
}
