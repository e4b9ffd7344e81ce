/** IRSA007/IRSA008: service-account annotations against the roles they point at. */
import { admitsSubject, serviceAccountSubject, trustedProviderArns } from '../../iam/access';
import type { Finding } from '../findings';
import { finding, type Rule } from './context';

export const annotationTrustMismatch: Rule = (context) => {
  const out: Finding[] = [];
  for (const { serviceAccount: sa, roles } of context.links) {
    if (sa.change.kind === 'delete' || !sa.identityKnown) continue;
    const subject = serviceAccountSubject(sa.namespace, sa.name);
    for (const role of roles) {
      if (role.change.kind === 'delete') continue;
      const trust = role.trust.after;
      if (trust.state !== 'known') continue;
      const providers = trustedProviderArns(trust.document);
      if (providers.some((arn) => admitsSubject(trust.document, arn, subject))) continue;
      const why =
        providers.length === 0
          ? 'it trusts no OIDC provider'
          : `its trust does not admit ${sa.namespace}:${sa.name}`;
      out.push(
        finding(
          context,
          'IRSA007',
          'high',
          sa.address,
          `service account ${sa.namespace}:${sa.name} is annotated with role ${role.address}, but ${why}: pods will fail to assume it`,
        ),
      );
    }
  }
  return out;
};

export const roleInUseRemoved: Rule = (context) => {
  const out: Finding[] = [];
  for (const { serviceAccount: sa, roles } of context.links) {
    if (sa.change.kind === 'delete') continue;
    for (const role of roles) {
      if (role.change.kind !== 'delete' && role.change.kind !== 'replace') continue;
      const verb =
        role.change.kind === 'delete' ? 'deleted' : 'replaced (pods lose access until it is re-created)';
      out.push(
        finding(
          context,
          'IRSA008',
          'medium',
          role.address,
          `role is ${verb} while service account ${sa.namespace}:${sa.name} (${sa.address}) uses it`,
        ),
      );
    }
  }
  return out;
};
