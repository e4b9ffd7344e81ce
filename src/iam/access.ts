/**
 * Who can assume a role through web identity (IRSA): the subject sets a trust policy admits, derived
 * symbolically from its conditions, per OIDC issuer, and a before/after comparison that says whether
 * access widened or narrowed. The evaluator in ./evaluate confirms the result for every concrete subject.
 *
 * Anything the derivation cannot model (other condition keys, NotPrincipal) is resolved towards MORE
 * access, so "not widened" is never claimed by mistake.
 */
import { parseOperator, type RequestContext } from './conditions';
import type { PolicyDocument, Statement } from './document';
import { actionMatches, evaluatePolicy, isEveryonePrincipal } from './evaluate';
import { hasWildcard, patternContains, patternsOverlap } from './patterns';

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
  /** Subjects the same statement excludes with StringNotEquals/StringNotLike. */
  except: string[];
  /** Required audiences; undefined when the statement does not restrict `aud`. */
  audiences?: string[];
}

export interface IssuerAccess {
  /** `oidc.eks.<region>.amazonaws.com/id/<id>`, or `*` when everyone is trusted. */
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
  /** What the derivation had to approximate (sorted, unique). */
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

function keyIs(key: string, issuer: string, claim: 'sub' | 'aud'): boolean {
  const lower = key.toLowerCase();
  if (issuer === ANY_ISSUER) return lower.endsWith(`:${claim}`);
  return lower === `${issuer.toLowerCase()}:${claim}`;
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

/** The grant of one Allow statement for one issuer. */
function grantFor(statement: Statement, issuer: string, notes: Set<string>): Grant | undefined {
  const positive: string[][] = [];
  const except: string[] = [];
  let audiences: string[] | undefined;
  for (const clause of statement.conditions) {
    const op = parseOperator(clause.operator);
    const isSub = keyIs(clause.key, issuer, 'sub');
    const isAud = keyIs(clause.key, issuer, 'aud');
    if (!isSub && !isAud) {
      if (!op.supported) return undefined; // an unsupported operator never matches: grants nothing
      notes.add(`condition ${clause.operator} on ${clause.key} is not modelled (treated as always true)`);
      continue;
    }
    if (!op.supported) return undefined;
    if (op.base === 'Null') continue; // sub/aud are always present in EKS tokens
    const literal = op.base.startsWith('StringEquals') || op.base.startsWith('StringNotEquals');
    const like = op.base.startsWith('StringLike') || op.base.startsWith('StringNotLike');
    if (!literal && !like) {
      notes.add(`condition ${clause.operator} on ${clause.key} is not modelled (treated as always true)`);
      continue;
    }
    // A literal `*`/`?` under StringEquals can never equal a real service-account subject.
    const values = literal ? clause.values.filter((v) => !hasWildcard(v)) : clause.values;
    if (isAud) {
      if (!op.negated)
        audiences = audiences ? audiences.filter((a) => values.includes(a)) : uniqueSorted(values);
      continue;
    }
    if (op.negated) except.push(...values);
    else positive.push(values);
  }
  if (positive.length === 0) {
    return {
      anySubject: true,
      patterns: [],
      except: uniqueSorted(except),
      ...(audiences ? { audiences } : {}),
    };
  }
  // Clauses are ANDed: keep a pattern of the first clause only if every other clause can match it too.
  const [first, ...rest] = positive;
  const patterns = first.filter((p) => rest.every((values) => values.some((v) => patternsOverlap(p, v))));
  return {
    anySubject: false,
    patterns: uniqueSorted(patterns),
    except: uniqueSorted(except),
    ...(audiences ? { audiences } : {}),
  };
}

/** Issuers (and their provider ARNs) a statement's principal names; `*` for everyone. */
function statementIssuers(
  statement: Statement,
  other: Set<string>,
  notes: Set<string>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (statement.notPrincipal) {
    notes.add('NotPrincipal is treated as trusting every principal');
    out.set(ANY_ISSUER, []);
    return out;
  }
  const principal = statement.principal;
  if (!principal) return out;
  if (isEveryonePrincipal(principal)) {
    out.set(ANY_ISSUER, []);
    return out;
  }
  for (const type of Object.keys(principal)) {
    for (const id of principal[type]) {
      const issuer = type === 'Federated' ? issuerOfProviderArn(id) : undefined;
      if (issuer === undefined) {
        other.add(`${type}:${id}`);
        continue;
      }
      out.set(issuer, [...(out.get(issuer) ?? []), id]);
    }
  }
  return out;
}

export function deriveTrustAccess(document: PolicyDocument): TrustAccess {
  const notes = new Set<string>();
  const other = new Set<string>();
  const byIssuer = new Map<string, IssuerAccess>();
  const entry = (issuer: string): IssuerAccess => {
    let found = byIssuer.get(issuer);
    if (!found) {
      found = { issuer, providerArns: [], grants: [], denied: [] };
      byIssuer.set(issuer, found);
    }
    return found;
  };

  for (const statement of document.statements.filter((s) => s.effect === 'Allow')) {
    const issuers = statementIssuers(statement, other, notes);
    if (!coversWebIdentity(statement)) continue;
    for (const [issuer, arns] of issuers) {
      const access = entry(issuer);
      access.providerArns = uniqueSorted([...access.providerArns, ...arns]);
      const grant = grantFor(statement, issuer, notes);
      if (grant) access.grants.push(grant);
    }
  }
  for (const statement of document.statements.filter((s) => s.effect === 'Deny')) {
    if (!coversWebIdentity(statement)) continue;
    const denyAll = !statement.principal || isEveryonePrincipal(statement.principal);
    for (const access of byIssuer.values()) {
      const names =
        denyAll ||
        (statement.principal?.['Federated'] ?? []).some((arn) => issuerOfProviderArn(arn) === access.issuer);
      if (!names || statement.notPrincipal) continue;
      const subClauses = statement.conditions.filter((c) => keyIs(c.key, access.issuer, 'sub'));
      const otherClauses = statement.conditions.filter((c) => !keyIs(c.key, access.issuer, 'sub'));
      if (otherClauses.length > 0) {
        notes.add(
          'a Deny with conditions other than :sub is not modelled (access may be narrower than shown)',
        );
        continue;
      }
      if (subClauses.length === 0) {
        access.denied.push('*');
        continue;
      }
      for (const clause of subClauses) {
        const op = parseOperator(clause.operator);
        if (op.supported && !op.negated && op.base !== 'Null') access.denied.push(...clause.values);
        else notes.add(`a Deny with ${clause.operator} on :sub is not modelled`);
      }
    }
  }
  const issuers = [...byIssuer.values()]
    .map((a) => ({ ...a, denied: uniqueSorted(a.denied), grants: sortGrants(a.grants) }))
    .sort((a, b) => (a.issuer < b.issuer ? -1 : a.issuer > b.issuer ? 1 : 0));
  return { issuers, otherPrincipals: uniqueSorted(other), notes: uniqueSorted(notes) };
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
          const stillExcluded = [...grant.except, ...after.denied];
          return g.except.every((e) => !patternsOverlap(e, p) || containedInAny(stillExcluded, e));
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
  return { [`${issuer}:sub`]: [subject], [`${issuer}:aud`]: [audience] };
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
