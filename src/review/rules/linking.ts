/** IRSA007/IRSA008: service-account annotations against the roles they point at. */
import { accessAdmits, ANY_ISSUER, serviceAccountSubject, UNNAMED_ISSUER } from '../../iam/access';
import type { Finding } from '../findings';
import { finding, type Rule } from './context';

export const annotationTrustMismatch: Rule = (context) => {
  const out: Finding[] = [];
  const analysisOf = new Map(context.analyses.map((a) => [a.role, a]));
  for (const { serviceAccount: sa, roles } of context.links) {
    if (sa.change.kind === 'delete' || !sa.identityKnown) continue;
    const subject = serviceAccountSubject(sa.namespace, sa.name);
    for (const role of roles) {
      if (role.change.kind === 'delete') continue;
      const trust = role.trust.after;
      const access = analysisOf.get(role)?.accessAfter;
      if (trust.state !== 'known' || !access) continue;
      // The same access model as the preview: any issuer it names, or an issuer it does not name.
      const admitted = access.issuers.some((i) =>
        accessAdmits(access, i.issuer === ANY_ISSUER ? UNNAMED_ISSUER : i.issuer, subject),
      );
      if (admitted) continue;
      const why =
        access.issuers.length === 0
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
