/** Rules over a changed trust policy: IRSA001-005 and IRSA012. */
import { ANY_ISSUER, SERVICE_ACCOUNT_PREFIX } from '../../iam/access';
import { parseOperator } from '../../iam/conditions';
import { policySizeWithoutWhitespace, TRUST_POLICY_QUOTA } from '../../iam/document';
import { isEveryonePrincipal } from '../../iam/evaluate';
import { hasWildcard } from '../../iam/patterns';
import type { RoleAnalysis } from '../analysis';
import type { Finding } from '../findings';
import { finding, type Rule, type RuleContext } from './context';

/** Roles whose trust policy this plan sets or changes, with a readable document after the change. */
function changedTrusts(context: RuleContext): RoleAnalysis[] {
  return context.analyses.filter((a) => a.trustChanged && a.kind !== 'delete' && a.accessAfter !== undefined);
}

function stmtLabel(sid: string | undefined, index: number): string {
  return sid !== undefined ? `statement "${sid}"` : `statement ${index + 1}`;
}

export const missingSubCondition: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of changedTrusts(context)) {
    for (const issuer of a.accessAfter?.issuers ?? []) {
      if (issuer.issuer === ANY_ISSUER) continue;
      const open = issuer.grants.find((g) => g.anySubject);
      if (!open) continue;
      // Exclusions alone (StringNotEquals/StringNotLike) still admit every other service account.
      const why =
        open.except.length === 0
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
    for (const issuer of a.accessAfter?.issuers ?? []) {
      if (issuer.issuer === ANY_ISSUER) continue;
      if (issuer.grants.some((g) => g.audiences === undefined)) {
        out.push(
          finding(
            context,
            'IRSA002',
            'medium',
            a.role.address,
            `trust for ${issuer.issuer} has no :aud condition (expected StringEquals ...:aud = sts.amazonaws.com)`,
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
  for (const a of changedTrusts(context)) {
    const doc = a.role.trust.after.state === 'known' ? a.role.trust.after.document : undefined;
    doc?.statements.forEach((s, i) => {
      if (s.effect !== 'Allow') return;
      for (const c of s.conditions) {
        const op = parseOperator(c.operator);
        if (!c.key.toLowerCase().endsWith(':sub') || op.negated || !op.base.startsWith('StringLike'))
          continue;
        for (const value of c.values.filter(hasWildcard)) {
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
    });
  }
  return out;
};

export const wildcardInStringEquals: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of changedTrusts(context)) {
    const doc = a.role.trust.after.state === 'known' ? a.role.trust.after.document : undefined;
    doc?.statements.forEach((s, i) => {
      if (s.effect !== 'Allow') return;
      for (const c of s.conditions) {
        const op = parseOperator(c.operator);
        if (op.negated || !op.base.startsWith('StringEquals')) continue;
        for (const value of c.values.filter((v) => v.includes('*'))) {
          out.push(
            finding(
              context,
              'IRSA004',
              'high',
              a.role.address,
              `${stmtLabel(s.sid, i)}: ${c.operator} ${c.key} = "${value}" matches "*" literally, so no token can match (use StringLike)`,
            ),
          );
        }
      }
    });
  }
  return out;
};

export const everyonePrincipal: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of changedTrusts(context)) {
    const doc = a.role.trust.after.state === 'known' ? a.role.trust.after.document : undefined;
    doc?.statements.forEach((s, i) => {
      if (s.effect !== 'Allow') return;
      if (s.principal && isEveryonePrincipal(s.principal)) {
        out.push(
          finding(
            context,
            'IRSA005',
            'high',
            a.role.address,
            `${stmtLabel(s.sid, i)} trusts every principal ("*")`,
          ),
        );
      } else if (s.notPrincipal) {
        out.push(
          finding(
            context,
            'IRSA005',
            'high',
            a.role.address,
            `${stmtLabel(s.sid, i)} uses NotPrincipal with Allow: it trusts every principal not listed`,
          ),
        );
      }
    });
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
