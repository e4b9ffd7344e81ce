/** IRSA013: an OIDC provider is deleted or replaced while roles in the plan still trust it. */
import { issuerOfProviderArn } from '../../iam/access';
import type { Finding } from '../findings';
import { finding, type Rule } from './context';

export const providerRemovedWhileTrusted: Rule = (context) => {
  const out: Finding[] = [];
  for (const p of context.model.oidcProviders) {
    const kind = p.change.kind;
    if (kind !== 'delete' && kind !== 'replace') continue;
    const trusting: string[] = [];
    for (const a of context.analyses) {
      if (a.kind === 'delete') continue;
      const access = a.accessAfter ?? a.accessBefore;
      const trusts = access?.issuers.some(
        (i) =>
          (p.arnBefore !== undefined && i.providerArns.includes(p.arnBefore)) ||
          (p.issuerBefore !== undefined && i.issuer === p.issuerBefore) ||
          i.providerArns.some(
            (arn) =>
              p.arnBefore !== undefined && issuerOfProviderArn(arn) === issuerOfProviderArn(p.arnBefore),
          ),
      );
      if (trusts) trusting.push(a.role.address);
    }
    if (trusting.length === 0) continue;
    const verb = kind === 'delete' ? 'deleted' : 'replaced';
    out.push(
      finding(
        context,
        'IRSA013',
        'medium',
        p.address,
        `OIDC provider is ${verb} while ${trusting.sort().join(', ')} ${trusting.length === 1 ? 'trusts' : 'trust'} it: web-identity sign-in fails until it exists again`,
      ),
    );
  }
  return out;
};
