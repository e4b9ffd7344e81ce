/** Rules over a changed trust policy: IRSA001-005 and IRSA012. */
import {
  accessAdmits,
  ANY_ISSUER,
  DEFAULT_AUDIENCE,
  FRESH_AUDIENCE,
  FRESH_SUBJECT,
  grantAdmits,
  instantiatePattern,
  SERVICE_ACCOUNT_PREFIX,
} from '../../iam/access';
import { parseOperator } from '../../iam/conditions';
import { policySizeWithoutWhitespace, TRUST_POLICY_QUOTA } from '../../iam/document';
import type { PolicyDocument, Statement } from '../../iam/document';
import { isEveryonePrincipal } from '../../iam/evaluate';
import { hasWildcard, wildcardMatch } from '../../iam/patterns';
import type { RoleAnalysis } from '../analysis';
import type { Finding } from '../findings';
import { finding, type Rule, type RuleContext } from './context';

/** Roles whose trust policy this plan sets or changes, with a readable document after the change. */
function changedTrusts(context: RuleContext): RoleAnalysis[] {
  return context.analyses.filter((a) => a.trustChanged && a.kind !== 'delete' && a.accessAfter !== undefined);
}

/** A role's trust document after the change, when known. */
function afterDocument(a: RoleAnalysis): PolicyDocument | undefined {
  return a.role.trust.after.state === 'known' ? a.role.trust.after.document : undefined;
}

/** Every statement of every changed trust (see changedTrusts), with its role and 0-based index, in order. */
function changedTrustStatements(context: RuleContext): { a: RoleAnalysis; s: Statement; i: number }[] {
  const out: { a: RoleAnalysis; s: Statement; i: number }[] = [];
  for (const a of changedTrusts(context))
    afterDocument(a)?.statements.forEach((s, i) => out.push({ a, s, i }));
  return out;
}

function stmtLabel(sid: string | undefined, index: number): string {
  return sid !== undefined ? `statement "${sid}"` : `statement ${index + 1}`;
}

export const missingSubCondition: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of changedTrusts(context)) {
    const access = a.accessAfter;
    if (!access) continue;
    for (const issuer of access.issuers) {
      if (issuer.issuer === ANY_ISSUER) continue;
      // Verdict from the access model: does a service account no statement names get in? Only
      // service-account subjects matter: a Deny that refuses every other kind of subject (StringNotLike
      // "system:serviceaccount:*") leaves every service account admitted.
      if (!accessAdmits(access, issuer.issuer, FRESH_SUBJECT)) continue;
      const open = issuer.grants.find((g) => grantAdmits(g, FRESH_SUBJECT, DEFAULT_AUDIENCE));
      if (!open) continue;
      // A wildcard :sub pattern an Allow statement writes (StringLike) is IRSA003's finding.
      if (!open.anySubject && allowPatternAdmits(a, issuer.issuer, FRESH_SUBJECT)) continue;
      const why =
        open.anySubject && open.except.length === 0
          ? 'has no :sub condition'
          : 'only excludes some subjects on :sub (StringNotEquals/StringNotLike)';
      out.push(
        finding(
          context,
          'IRSA001',
          'high',
          a.role.address,
          `trust for ${issuer.issuer} ${why}: any service account in that cluster can assume this role`,
        ),
      );
    }
  }
  return out;
};

export const missingAudCondition: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of changedTrusts(context)) {
    const access = a.accessAfter;
    if (!access) continue;
    for (const issuer of access.issuers) {
      if (issuer.issuer === ANY_ISSUER) continue;
      // Any token audience accepted (no :aud, or a pattern such as StringLike "*") is as bad as none.
      if (
        issuer.grants.some(
          (g) => g.audiences === undefined || g.audiences.some((p) => wildcardMatch(p, FRESH_AUDIENCE)),
        )
      ) {
        const what = issuer.grants.some((g) => g.audiences === undefined)
          ? 'has no :aud condition'
          : 'accepts any :aud (a wildcard pattern)';
        out.push(
          finding(
            context,
            'IRSA002',
            'medium',
            a.role.address,
            `trust for ${issuer.issuer} ${what} (expected StringEquals ...:aud = sts.amazonaws.com)`,
          ),
        );
      }
    }
  }
  return out;
};

/** High when a pattern spans a whole namespace or several namespaces, medium when narrower. */
export function wildcardSubjectSeverity(pattern: string): 'high' | 'medium' {
  if (!pattern.startsWith(SERVICE_ACCOUNT_PREFIX)) return 'high';
  const rest = pattern.slice(SERVICE_ACCOUNT_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return 'high';
  const namespace = rest.slice(0, colon);
  const name = rest.slice(colon + 1);
  if (hasWildcard(namespace) || name.includes(':')) return 'high';
  return /^[*?]*$/.test(name) && name.includes('*') ? 'high' : 'medium';
}

export const wildcardSubject: Rule = (context) => {
  const out: Finding[] = [];
  for (const { a, s, i } of changedTrustStatements(context)) {
    if (s.effect !== 'Allow') continue;
    for (const c of s.conditions) {
      const op = parseOperator(c.operator);
      if (!c.key.toLowerCase().endsWith(':sub') || op.negated || !op.base.startsWith('StringLike')) continue;
      for (const value of c.values.filter(hasWildcard)) {
        // Only when the policy as a whole admits more than the literal subjects it names (a pattern
        // ANDed with StringEquals on one service account, or cut back by a Deny, admits that one).
        if (!admitsBeyondLiterals(a, c.key, value)) continue;
        const severity = wildcardSubjectSeverity(value);
        const scope = severity === 'high' ? 'a whole namespace or more' : 'several service accounts';
        out.push(
          finding(
            context,
            'IRSA003',
            severity,
            a.role.address,
            `${stmtLabel(s.sid, i)}: ${c.operator} ${c.key} = "${value}" admits ${scope}`,
          ),
        );
      }
    }
  }
  return out;
};

export const wildcardInStringEquals: Rule = (context) => {
  const out: Finding[] = [];
  for (const { a, s, i } of changedTrustStatements(context)) {
    for (const c of s.conditions) {
      const op = parseOperator(c.operator);
      if (op.negated || !op.base.startsWith('StringEquals')) continue;
      for (const value of c.values.filter((v) => v.includes('*'))) {
        const effect =
          s.effect === 'Allow'
            ? 'so no token can match (use StringLike)'
            : 'so this Deny denies no real token (use StringLike)';
        out.push(
          finding(
            context,
            'IRSA004',
            'high',
            a.role.address,
            `${stmtLabel(s.sid, i)}: ${c.operator} ${c.key} = "${value}" matches "*" literally, ${effect}`,
          ),
        );
      }
    }
  }
  return out;
};

export const everyonePrincipal: Rule = (context) => {
  const out: Finding[] = [];
  for (const { a, s, i } of changedTrustStatements(context)) {
    if (s.effect !== 'Allow') continue;
    const message =
      s.principal && isEveryonePrincipal(s.principal)
        ? `${stmtLabel(s.sid, i)} trusts every principal ("*")${everyoneDetail(a)}`
        : s.notPrincipal
          ? `${stmtLabel(s.sid, i)} uses NotPrincipal with Allow: it trusts every principal not listed`
          : undefined;
    if (message !== undefined) out.push(finding(context, 'IRSA005', 'high', a.role.address, message));
  }
  return out;
};

export const sizeAndBoundary: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of context.analyses) {
    const after = a.role.trust.after;
    if (a.trustChanged && (after.state === 'known' || after.state === 'invalid')) {
      const size = policySizeWithoutWhitespace(after.text);
      if (size > TRUST_POLICY_QUOTA * 0.9) {
        out.push(
          finding(
            context,
            'IRSA012',
            'low',
            a.role.address,
            `trust policy is ${size} characters without whitespace, within 10% of the ${TRUST_POLICY_QUOTA}-character quota`,
          ),
        );
      }
    }
    const boundaryGone = a.role.boundaryBefore !== undefined && a.role.boundaryAfter.state === 'absent';
    if (boundaryGone && a.kind !== 'delete') {
      out.push(
        finding(
          context,
          'IRSA012',
          'medium',
          a.role.address,
          `permissions boundary ${a.role.boundaryBefore} is removed`,
        ),
      );
    }
  }
  return out;
};

/**
 * Does the trust (as evaluated) admit a subject that `value` matches but that no statement names
 * literally? Checked for the issuer the condition key names, or every issuer the policy names.
 */
/** Whether an Allow statement's StringLike condition on `<issuer>:sub` has a pattern matching `subject`. */
function allowPatternAdmits(a: RoleAnalysis, issuer: string, subject: string): boolean {
  const doc = afterDocument(a);
  const key = `${issuer}:sub`.toLowerCase();
  return (doc?.statements ?? []).some(
    (s) =>
      s.effect === 'Allow' &&
      s.conditions.some((c) => {
        const op = parseOperator(c.operator);
        return (
          c.key.toLowerCase() === key &&
          !op.negated &&
          op.base.startsWith('StringLike') &&
          c.values.some((v) => hasWildcard(v) && wildcardMatch(v, subject))
        );
      }),
  );
}

function admitsBeyondLiterals(a: RoleAnalysis, key: string, value: string): boolean {
  const access = a.accessAfter;
  if (!access) return false;
  const probe = instantiatePattern(value);
  const issuerOfKey = key.slice(0, key.lastIndexOf(':')).toLowerCase();
  const issuers = access.issuers.filter(
    (i) => i.issuer === ANY_ISSUER || i.issuer.toLowerCase() === issuerOfKey,
  );
  return issuers.some((i) => accessAdmits(access, i.issuer === ANY_ISSUER ? issuerOfKey : i.issuer, probe));
}

/** For Principal "*": which issuers' pods the conditions let in (they and anyone else matching them). */
function everyoneDetail(a: RoleAnalysis): string {
  const access = a.accessAfter;
  const named = (access?.issuers ?? []).filter(
    (i) => i.issuer !== ANY_ISSUER && i.grants.some((g) => !g.anySubject || g.except.length > 0),
  );
  if (named.length === 0) return '';
  return `: pods of ${named.map((i) => i.issuer).join(', ')} matching its :sub condition can assume it, and so can any other principal whose request matches the conditions`;
}

/** The account of an `AWS` principal (`123456789012`, `arn:aws:iam::123456789012:root`, a role ARN). */
function principalAccount(id: string): string | undefined {
  if (/^\d{12}$/.test(id)) return id;
  const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(id);
  return m ? m[1] : undefined;
}

/** The account a role lives in: from its ARN, else from the OIDC provider ARNs its trust names. */
function roleAccount(a: RoleAnalysis): string | undefined {
  for (const arn of [a.role.arnAfter, a.role.arnBefore]) {
    const account = arn ? principalAccount(arn) : undefined;
    if (account) return account;
  }
  for (const i of [...(a.accessAfter?.issuers ?? []), ...(a.accessBefore?.issuers ?? [])])
    for (const arn of i.providerArns) {
      const m = /^arn:[^:]+:iam::(\d{12}):oidc-provider\//.exec(arn);
      if (m) return m[1];
    }
  return undefined;
}

/** IRSA015: the trust newly admits an `AWS` principal of another account. */
export const crossAccountPrincipal: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of changedTrusts(context)) {
    const before = new Set(a.kind === 'create' ? [] : (a.accessBefore?.otherPrincipals ?? []));
    const own = roleAccount(a);
    for (const p of a.accessAfter?.otherPrincipals ?? []) {
      if (!p.startsWith('AWS:') || before.has(p)) continue;
      const id = p.slice('AWS:'.length);
      if (id === '*') continue; // everyone: IRSA005
      const account = principalAccount(id);
      if (account !== undefined && account === own) continue;
      const detail =
        account === undefined
          ? 'a principal whose account cannot be told'
          : own === undefined
            ? `account ${account} (this role's account is not known in the plan)`
            : `account ${account}, not this role's account ${own}`;
      out.push(
        finding(
          context,
          'IRSA015',
          own !== undefined && account !== undefined ? 'high' : 'medium',
          a.role.address,
          `trust newly admits AWS principal ${id} from ${detail}: it can assume this role directly, without a service account`,
        ),
      );
    }
  }
  return out;
};
