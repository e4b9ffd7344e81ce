/**
 * Who can assume a role through web identity (IRSA): the subject sets a trust policy admits, derived
 * symbolically from its conditions, per OIDC issuer, and a before/after comparison that says whether
 * access widened or narrowed. The evaluator in ./evaluate confirms the result for every concrete subject.
 *
 * Anything the derivation cannot model (other condition keys, NotPrincipal) is resolved towards MORE
 * access, so "not widened" is never claimed by mistake.
 */
import { evaluateClause, parseOperator, type RequestContext } from './conditions';
import type { ConditionClause, PolicyDocument, PrincipalMap, Statement } from './document';
import { actionMatches, evaluatePolicy, isEveryonePrincipal } from './evaluate';
import { hasWildcard, patternContains, patternsOverlap, wildcardMatch } from './patterns';
import { fitted } from './fitted';

export const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';
export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
export const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
/** The issuer key used when the trust admits every principal. */
export const ANY_ISSUER = '*';

/** One Allow statement's admission for one issuer. */
export interface Grant {
  /** No `:sub` restriction: every subject the issuer signs (every service account in the cluster). */
  anySubject: boolean;
  /** Exact subjects and StringLike patterns (full `sub` values), sorted. */
  patterns: string[];
  /**
   * Further `:sub` value lists ANDed with `patterns` (a subject must match one value of each), kept when
   * the intersection cannot be written as one pattern list. Omitted when empty.
   */
  also?: string[][];
  /** Subjects the same statement excludes with StringNotEquals/StringNotLike. */
  except: string[];
  /** Required audiences (values or StringLike patterns); undefined when the statement does not restrict `aud`. */
  audiences?: string[];
  /** Audiences the statement excludes (StringNotEquals/StringNotLike on `aud`). Omitted when empty. */
  audienceExcept?: string[];
}

export interface IssuerAccess {
  /** `oidc.eks.<region>.amazonaws.com/id/<id>`, or `*` for an issuer the policy does not name. */
  issuer: string;
  /** Provider ARNs naming the issuer (sorted); empty for `*`. */
  providerArns: string[];
  grants: Grant[];
  /** Patterns an explicit Deny removes; `*` when a Deny removes everything. */
  denied: string[];
}

export interface TrustAccess {
  issuers: IssuerAccess[];
  /** Principals that are not OIDC providers, as `Type:id` (sorted). */
  otherPrincipals: string[];
  /** What the derivation had to approximate (sorted, unique). Empty means the model is exact. */
  notes: string[];
}

function issuerOfProviderArn(arn: string): string | undefined {
  const marker = ':oidc-provider/';
  const at = arn.indexOf(marker);
  return at < 0 ? undefined : arn.slice(at + marker.length);
}

function coversWebIdentity(statement: Statement): boolean {
  if (statement.action) return actionMatches(statement.action, WEB_IDENTITY_ACTION);
  if (statement.notAction) return !actionMatches(statement.notAction, WEB_IDENTITY_ACTION);
  return false;
}

/** `issuer:claim` keys of web-identity tokens: the issuer part of a condition key, when it names one. */
const claimKeys = new Map<string, { issuer: string; claim: string } | null>();

function claimKey(key: string): { issuer: string; claim: string } | undefined {
  // Memoized: the same issuer keys recur in every trust of a plan. The results are never mutated.
  let found = claimKeys.get(key);
  if (found === undefined) {
    found = computeClaimKey(key) ?? null;
    if (claimKeys.size < 10000) claimKeys.set(key, found);
  }
  return found ?? undefined;
}

function computeClaimKey(key: string): { issuer: string; claim: string } | undefined {
  const colon = key.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const issuer = key.slice(0, colon);
  // Global keys (aws:, sts:, iam:, ...) have no dot or slash in their prefix; OIDC issuers always do.
  if (!issuer.includes('.') && !issuer.includes('/')) return undefined;
  return { issuer: issuer.toLowerCase(), claim: key.slice(colon + 1).toLowerCase() };
}

/** Sorted and de-duplicated; sorts a copy and drops adjacent repeats (no Set: these lists are short). */
const uniqueSorted = (items: Iterable<string>): string[] => {
  const sorted = Array.isArray(items) ? (items as string[]).slice() : Array.from(items);
  if (sorted.length < 2) return sorted;
  sorted.sort();
  let kept = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i];
  sorted.length = kept;
  return sorted;
};

/**
 * The subjects matching one value of `a` AND one value of `b`, as one pattern list, or undefined when
 * some pair overlaps without one containing the other (then both lists must be kept).
 */
export function intersectPatterns(a: readonly string[], b: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const p of a) {
    for (const q of b) {
      if (patternContains(p, q)) out.push(q);
      else if (patternContains(q, p)) out.push(p);
      else if (patternsOverlap(p, q)) return undefined;
    }
  }
  return uniqueSorted(out);
}

/** How one condition clause reads for requests of one issuer (whose token has exactly sub and aud). */
type ClauseReading =
  | { kind: 'sub' | 'aud'; negated: boolean; values: string[] }
  | { kind: 'const'; value: boolean }
  | { kind: 'unmodelled'; note: string };

function readClause(clause: ConditionClause, issuer: string): ClauseReading {
  const op = parseOperator(clause.operator);
  if (!op.supported) return { kind: 'const', value: false }; // an unsupported operator never matches
  const claim = claimKey(clause.key);
  const mine = claim !== undefined && issuer !== ANY_ISSUER && claim.issuer === issuer.toLowerCase();
  if (claim && !mine) {
    // Another issuer's claim is absent from this issuer's tokens: the clause reads as on a missing key.
    return { kind: 'const', value: evaluateClause(clause, {}) };
  }
  const unmodelled = (): ClauseReading => ({
    kind: 'unmodelled',
    note: `condition ${clause.operator} on ${clause.key} is not modelled (treated as always true)`,
  });
  if (!claim || (claim.claim !== 'sub' && claim.claim !== 'aud')) return unmodelled();
  // sub and aud are always present (single-valued) in EKS tokens.
  if (op.base === 'Null') return { kind: 'const', value: evaluateClause(clause, { [clause.key]: ['x'] }) };
  const literal = op.base === 'StringEquals' || op.base === 'StringNotEquals';
  const like = op.base === 'StringLike' || op.base === 'StringNotLike';
  if (!literal && !like) return unmodelled();
  // A literal `*`/`?` under StringEquals can never equal a real subject or audience: drop it.
  const values = literal ? clause.values.filter((v) => !hasWildcard(v)) : clause.values;
  return { kind: claim.claim as 'sub' | 'aud', negated: op.negated, values };
}

/** The grant of one Allow statement for one issuer; undefined when it can admit nothing. */
function grantFor(statement: Statement, issuer: string, notes: Set<string>): Grant | undefined {
  const positive: string[][] = [];
  const except: string[] = [];
  let audiences: string[] | undefined;
  const audienceExcept: string[] = [];
  for (const clause of statement.conditions) {
    const r = readClause(clause, issuer);
    if (r.kind === 'const') {
      if (!r.value) return undefined;
      continue;
    }
    if (r.kind === 'unmodelled') {
      notes.add(r.note);
      continue;
    }
    if (r.kind === 'aud') {
      if (r.negated) audienceExcept.push(...r.values);
      else {
        audiences = audiences
          ? (intersectPatterns(audiences, r.values) ?? audiences)
          : uniqueSorted(r.values);
      }
      continue;
    }
    if (r.negated) except.push(...r.values);
    else positive.push(r.values);
  }
  const grant: Grant = { anySubject: positive.length === 0, patterns: [], except: uniqueSorted(except) };
  if (positive.length > 0) {
    let patterns = uniqueSorted(positive[0]);
    const also: string[][] = [];
    for (const values of positive.slice(1)) {
      const both = intersectPatterns(patterns, values);
      if (both) patterns = both;
      else also.push(uniqueSorted(values));
    }
    grant.patterns = patterns;
    if (also.length > 0) grant.also = also;
  }
  if (audiences) grant.audiences = audiences;
  if (audienceExcept.length > 0) grant.audienceExcept = uniqueSorted(audienceExcept);
  return grant;
}

/** Does a statement's principal part match web-identity requests from `issuer` (`*`: an unnamed one)? */
function principalNames(map: PrincipalMap, issuer: string): boolean {
  if (isEveryonePrincipal(map)) return true;
  if (issuer === ANY_ISSUER) return false;
  const federated = map['Federated'];
  if (!federated) return false;
  const lower = issuer.toLowerCase();
  for (let i = 0; i < federated.length; i++)
    if (issuerOfProviderArn(federated[i])?.toLowerCase() === lower) return true;
  return false;
}

function principalCovers(statement: Statement, issuer: string): boolean {
  if (statement.notPrincipal) return !principalNames(statement.notPrincipal, issuer);
  // No Principal is invalid in a trust policy; read it as the evaluator does (no restriction).
  if (!statement.principal) return true;
  return principalNames(statement.principal, issuer);
}

/** Applies one Deny statement to an issuer's grants (in place). */
function applyDeny(statement: Statement, access: IssuerAccess, notes: Set<string>): void {
  const positive: string[][] = [];
  const except: string[] = [];
  for (const clause of statement.conditions) {
    const r = readClause(clause, access.issuer);
    if (r.kind === 'const') {
      if (!r.value) return; // the Deny never applies to this issuer
      continue;
    }
    if (r.kind === 'unmodelled' || r.kind === 'aud') {
      notes.add('a Deny with conditions other than :sub is not modelled (access may be narrower than shown)');
      return;
    }
    if (r.negated) except.push(...r.values);
    else positive.push(r.values);
  }
  if (positive.length === 0 && except.length === 0) {
    access.denied.push('*');
    return;
  }
  if (positive.length > 0 && except.length > 0) {
    notes.add(
      'a Deny with both :sub matches and exclusions is not modelled (access may be narrower than shown)',
    );
    return;
  }
  if (positive.length > 0) {
    let denied: string[] | undefined = uniqueSorted(positive[0]);
    for (const values of positive.slice(1)) denied = denied && intersectPatterns(denied, values);
    if (!denied) {
      notes.add(
        'a Deny with several overlapping :sub patterns is not modelled (access may be narrower than shown)',
      );
      return;
    }
    access.denied.push(...denied);
    return;
  }
  // Deny everything but `except`: every grant must also match one of them.
  const keep = uniqueSorted(except);
  for (const g of access.grants) {
    if (g.anySubject) {
      g.anySubject = false;
      g.patterns = keep;
      continue;
    }
    const both = intersectPatterns(g.patterns, keep);
    if (both) g.patterns = both;
    else g.also = [...(g.also ?? []), keep];
  }
}

/** Issuers a policy names, in provider ARNs or in condition keys (lower-case for keys). */
function namedIssuers(document: PolicyDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const byLower = new Map<string, string>();
  const add = (issuer: string, arn?: string): void => {
    const lower = issuer.toLowerCase();
    let key = byLower.get(lower);
    if (key === undefined) byLower.set(lower, (key = issuer));
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    if (arn !== undefined && !list.includes(arn)) list.push(arn);
  };
  const addProviders = (arns: readonly string[] | undefined): void => {
    if (!arns) return;
    for (let i = 0; i < arns.length; i++) {
      const issuer = issuerOfProviderArn(arns[i]);
      if (issuer !== undefined) add(issuer, arns[i]);
    }
  };
  for (const s of document.statements) {
    if (s.principal) addProviders(s.principal['Federated']);
    if (s.notPrincipal) addProviders(s.notPrincipal['Federated']);
  }
  for (const s of document.statements)
    for (const c of s.conditions) {
      const claim = claimKey(c.key);
      if (claim && (claim.claim === 'sub' || claim.claim === 'aud'))
        add(c.key.slice(0, c.key.lastIndexOf(':')));
    }
  return out;
}

/**
 * Who can assume the role through web identity, per issuer: each issuer the policy names gets every
 * statement that applies to its tokens (its provider, `"*"`, NotPrincipal), and `*` stands for any
 * other issuer. Deny statements are applied after the grants.
 */
export function deriveTrustAccess(document: PolicyDocument): TrustAccess {
  const notes = new Set<string>();
  const other = new Set<string>();
  for (const s of document.statements) {
    if (s.effect !== 'Allow') continue;
    const principal = s.principal;
    if (!principal) continue;
    for (const type in principal) {
      if (type === '*') continue;
      const ids = principal[type];
      for (const id of ids) {
        if (type === 'AWS' && id === '*') continue; // everyone: reported as such (IRSA005)
        if (!(type === 'Federated' && issuerOfProviderArn(id) !== undefined)) other.add(`${type}:${id}`);
      }
    }
  }
  const allows = document.statements.filter((s) => s.effect === 'Allow' && coversWebIdentity(s));
  const denies = document.statements.filter((s) => s.effect === 'Deny' && coversWebIdentity(s));
  const issuers: IssuerAccess[] = [];
  const candidates = [...namedIssuers(document).entries(), [ANY_ISSUER, []] as [string, string[]]];
  for (const [issuer, arns] of candidates) {
    const access: IssuerAccess = { issuer, providerArns: uniqueSorted(arns), grants: [], denied: [] };
    let applies = false;
    for (const s of allows) {
      if (!principalCovers(s, issuer)) continue;
      applies = true;
      const grant = grantFor(s, issuer, notes);
      if (grant) access.grants.push(grant);
    }
    // A named issuer always gets its entry (perhaps "nobody"): the one for unnamed issuers must not
    // stand in for it. The entry for unnamed issuers exists only when some statement applies to them.
    if (!applies && issuer === ANY_ISSUER) continue;
    for (const s of denies) if (principalCovers(s, issuer)) applyDeny(s, access, notes);
    access.denied = uniqueSorted(access.denied);
    access.grants = fitted(sortGrants(access.grants));
    issuers.push(access);
  }
  issuers.sort((a, b) => (a.issuer < b.issuer ? -1 : a.issuer > b.issuer ? 1 : 0));
  return { issuers: fitted(issuers), otherPrincipals: uniqueSorted(other), notes: uniqueSorted(notes) };
}

/** The access entry that applies to tokens of `issuer`: its own, else the one for unnamed issuers. */
export function issuerEntry(access: TrustAccess, issuer: string): IssuerAccess | undefined {
  const lower = issuer.toLowerCase();
  return (
    access.issuers.find((i) => i.issuer !== ANY_ISSUER && i.issuer.toLowerCase() === lower) ??
    access.issuers.find((i) => i.issuer === ANY_ISSUER)
  );
}

/** Does one grant admit this subject and audience? */
export function grantAdmits(grant: Grant, subject: string, audience: string): boolean {
  if (!grant.anySubject && !grant.patterns.some((p) => wildcardMatch(p, subject))) return false;
  for (const values of grant.also ?? []) if (!values.some((p) => wildcardMatch(p, subject))) return false;
  if (grant.except.some((p) => wildcardMatch(p, subject))) return false;
  if (grant.audienceExcept?.some((p) => wildcardMatch(p, audience))) return false;
  return grant.audiences === undefined || grant.audiences.some((p) => wildcardMatch(p, audience));
}

/** The access model's answer: may a token of `issuer` with this subject and audience assume the role? */
export function accessAdmits(
  access: TrustAccess,
  issuer: string,
  subject: string,
  audience = DEFAULT_AUDIENCE,
): boolean {
  const entry = issuerEntry(access, issuer);
  if (!entry) return false;
  if (entry.denied.some((p) => p === '*' || wildcardMatch(p, subject))) return false;
  return entry.grants.some((g) => grantAdmits(g, subject, audience));
}

/** A subject no policy names: what "any other service account" gets. */
export const FRESH_SUBJECT = 'system:serviceaccount:zz-irsa-review-probe:zz-irsa-review-probe';
/** An issuer no policy names, for trusts that admit every issuer (`"*"`). */
export const UNNAMED_ISSUER = 'oidc.irsa-review.invalid/unnamed';
/** A subject that is not even a service account: only a trust without :sub restriction admits it. */
export const ANY_SUBJECT_PROBE = 'zz-irsa-review-probe';
export const FRESH_AUDIENCE = 'zz-irsa-review-probe-audience';

/** What instantiatePattern puts for a `*`; findings show it as `*` again. */
export const PROBE_FILLER = 'zz-irsa-review-probe';

/** `pattern` with every `*` and `?` filled by text no policy uses: a subject only a wildcard admits. */
export function instantiatePattern(pattern: string): string {
  return pattern.replace(/\*/g, PROBE_FILLER).replace(/\?/g, 'z');
}

function sortGrants(grants: Grant[]): Grant[] {
  if (grants.length < 2) return grants;
  const key = (g: Grant): string => JSON.stringify(g);
  const seen = new Map<string, Grant>();
  for (const g of grants) seen.set(key(g), g);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

const containedInAny = (patterns: readonly string[], p: string): boolean =>
  patterns.some((q) => patternContains(q, p));

/** Subjects (or `*`) that `after` admits but `before` did not, for one issuer. */
function newlyAdmitted(before: IssuerAccess | undefined, after: IssuerAccess): string[] {
  if (after.denied.includes('*')) return [];
  const out = new Set<string>();
  const beforeDeniedAll = !before || before.denied.includes('*');
  for (const grant of after.grants) {
    const items = grant.anySubject ? ['*'] : grant.patterns;
    for (const p of items) {
      if (containedInAny(after.denied, p)) continue;
      const covered =
        !beforeDeniedAll &&
        before.grants.some((g) => {
          if (!g.anySubject && !containedInAny(g.patterns, p)) return false;
          // Whatever that grant excluded before must still be excluded (or denied) now.
          return g.except.every(
            (e) =>
              !patternsOverlap(e, p) || containedInAny(grant.except, e) || containedInAny(after.denied, e),
          );
        }) &&
        before.denied.every((d) => !patternsOverlap(d, p) || containedInAny(after.denied, d));
      if (!covered) out.add(p);
    }
  }
  return uniqueSorted(out);
}

export interface IssuerChange {
  issuer: string;
  /** Patterns (or `*`) admitted after that were not before. */
  widened: string[];
  /** Patterns (or `*`) admitted before that are not after. */
  narrowed: string[];
}

export interface AccessComparison {
  widened: boolean;
  narrowed: boolean;
  issuers: IssuerChange[];
}

/** Compares two derived access sets; `before` undefined means the role did not exist. */
export function compareAccess(
  before: TrustAccess | undefined,
  after: TrustAccess | undefined,
): AccessComparison {
  const issuers = uniqueSorted([
    ...(before?.issuers ?? []).map((i) => i.issuer),
    ...(after?.issuers ?? []).map((i) => i.issuer),
  ]);
  const changes: IssuerChange[] = [];
  for (const issuer of issuers) {
    const b = before?.issuers.find((i) => i.issuer === issuer);
    const a = after?.issuers.find((i) => i.issuer === issuer);
    // A new `*` issuer also widens every concrete issuer, so compare it against the wildcard entry too.
    const bAny = before?.issuers.find((i) => i.issuer === ANY_ISSUER);
    const widened = a ? newlyAdmitted(b ?? bAny, a) : [];
    const narrowed = b ? newlyAdmitted(a ?? after?.issuers.find((i) => i.issuer === ANY_ISSUER), b) : [];
    if (widened.length > 0 || narrowed.length > 0) changes.push({ issuer, widened, narrowed });
  }
  return {
    widened: changes.some((c) => c.widened.length > 0),
    narrowed: changes.some((c) => c.narrowed.length > 0),
    issuers: changes,
  };
}

/** The web-identity request an EKS pod's token makes for `subject` against `providerArn`. */
export function webIdentityContext(
  issuer: string,
  subject: string,
  audience = DEFAULT_AUDIENCE,
): RequestContext {
  // A dictionary object: literal keys built from each issuer would give V8 a new hidden class per issuer.
  const context: RequestContext = Object.create(null) as RequestContext;
  context[`${issuer}:sub`] = [subject];
  context[`${issuer}:aud`] = [audience];
  return context;
}

/** Evaluator check: may a pod with `subject`, signed by `providerArn`, assume a role with this trust? */
export function admitsSubject(
  document: PolicyDocument,
  providerArn: string,
  subject: string,
  audience = DEFAULT_AUDIENCE,
): boolean {
  const issuer = issuerOfProviderArn(providerArn) ?? providerArn;
  return (
    evaluatePolicy(document, {
      action: WEB_IDENTITY_ACTION,
      principal: { type: 'Federated', id: providerArn },
      context: webIdentityContext(issuer, subject, audience),
    }) === 'allow'
  );
}

/** Provider ARNs (sorted) a trust policy names as federated web-identity principals. */
export function trustedProviderArns(document: PolicyDocument): string[] {
  const out = new Set<string>();
  for (const s of document.statements) {
    for (const arn of s.principal?.['Federated'] ?? [])
      if (issuerOfProviderArn(arn) !== undefined) out.add(arn);
  }
  return [...out].sort();
}

export { issuerOfProviderArn };

/** `system:serviceaccount:ns:name` -> `ns:name`; other values unchanged. */
export function shortSubject(subject: string): string {
  return subject.startsWith(SERVICE_ACCOUNT_PREFIX) ? subject.slice(SERVICE_ACCOUNT_PREFIX.length) : subject;
}

export function serviceAccountSubject(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}
