/**
 * IRSA033: a changed trust whose web-identity part admits no service account at all: its `:sub`/`:aud`
 * condition keys name another issuer than its `Federated` provider (claims that provider's tokens never
 * carry), or its conditions exclude every subject. The verdict is the access preview's "nobody", for every
 * issuer the trust names. A `*` inside StringEquals (IRSA004 explains that one) is left to IRSA004.
 */
import { ANY_ISSUER, issuerOfProviderArn, type Grant, type IssuerAccess } from '../../iam/access';
import { parseOperator } from '../../iam/conditions';
import type { Statement } from '../../iam/document';
import { isEveryonePrincipal } from '../../iam/evaluate';
import { patternContains } from '../../iam/patterns';
import type { Finding } from '../findings';
import { finding, type Rule } from './context';

/** `issuer` and claim of an `<issuer>:sub` / `<issuer>:aud` condition key, else undefined. */
function claimOf(key: string): { issuer: string; claim: string } | undefined {
  const colon = key.lastIndexOf(':');
  const issuer = key.slice(0, Math.max(colon, 0));
  const claim = key.slice(colon + 1).toLowerCase();
  if (colon <= 0 || (!issuer.includes('.') && !issuer.includes('/'))) return undefined;
  return claim === 'sub' || claim === 'aud' ? { issuer, claim } : undefined;
}

/** Whether a grant can admit some subject (what the access preview shows as other than "nobody"). */
function grantAdmitsSomeone(grant: Grant, denied: readonly string[]): boolean {
  if (grant.audiences !== undefined && grant.audiences.length === 0) return false;
  if (grant.anySubject) return true;
  if (grant.also?.some((values) => values.length === 0)) return false;
  return grant.patterns.some((p) => !denied.some((d) => patternContains(d, p)));
}

function admitsNobody(issuer: IssuerAccess): boolean {
  if (issuer.denied.includes('*')) return true;
  return !issuer.grants.some((g) => grantAdmitsSomeone(g, issuer.denied));
}

/** An Allow statement with `*` in a StringEquals value on a claim key: IRSA004's finding. */
function literalStar(s: Statement): boolean {
  return s.conditions.some((c) => {
    const op = parseOperator(c.operator);
    return (
      !op.negated &&
      op.base.startsWith('StringEquals') &&
      claimOf(c.key) &&
      c.values.some((v) => v.includes('*'))
    );
  });
}

/** Web-identity Allow statements whose claim keys name an issuer their `Federated` providers are not. */
function mismatches(statements: readonly Statement[]): string[] {
  const out: string[] = [];
  statements.forEach((s, i) => {
    if (s.effect !== 'Allow') return;
    const providers = (s.principal?.['Federated'] ?? [])
      .map(issuerOfProviderArn)
      .filter((x): x is string => x !== undefined);
    if (providers.length === 0) return;
    const own = new Set(providers.map((p) => p.toLowerCase()));
    const foreign = new Set<string>();
    for (const c of s.conditions) {
      const claim = claimOf(c.key);
      if (claim && !own.has(claim.issuer.toLowerCase())) foreign.add(claim.issuer);
    }
    if (foreign.size === 0) return;
    const label = s.sid !== undefined ? `statement "${s.sid}"` : `statement ${i + 1}`;
    out.push(
      `${label} trusts the OIDC provider of ${providers.join(', ')} but its :sub/:aud conditions name ${[...foreign].sort().join(', ')}, whose claims that provider's tokens never carry`,
    );
  });
  return out;
}

export const nobodyCanAssume: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of context.analyses) {
    const trust = a.role.trust.after;
    const access = a.accessAfter;
    if (!a.trustChanged || a.kind === 'delete' || trust.state !== 'known' || !access) continue;
    const statements = trust.document.statements;
    if (
      statements.some(
        (s) => s.effect === 'Allow' && ((s.principal && isEveryonePrincipal(s.principal)) || s.notPrincipal),
      )
    )
      continue;
    // Only trusts whose web identity is EKS IRSA: an OIDC provider ARN, and no other federated principal
    // (Cognito, SAML, accounts.google.com) whose condition keys look like issuer claims too.
    if (access.otherPrincipals.some((p) => p.startsWith('Federated:'))) continue;
    const issuers = access.issuers.filter((i) => i.issuer !== ANY_ISSUER);
    if (!issuers.some((i) => i.providerArns.length > 0) || !issuers.every(admitsNobody)) continue;
    if (statements.some((s) => s.effect === 'Allow' && literalStar(s))) continue;
    const why = mismatches(statements);
    const reason =
      why.length > 0
        ? why.join('; ')
        : `its conditions exclude every service account (access: nobody for ${issuers.map((i) => i.issuer).join(', ')})`;
    const others = access.otherPrincipals;
    const effect =
      others.length === 0
        ? 'nobody can assume this role'
        : `no pod can assume it through web identity (IRSA); only ${others.join(', ')} can`;
    out.push(finding(context, 'IRSA033', 'medium', a.role.address, `${effect}: ${reason}`));
  }
  return out;
};
