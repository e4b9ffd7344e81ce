/** IRSA007/IRSA008: service-account annotations against the roles they point at; roles in use removed. */
import {
  accessAdmits,
  ANY_ISSUER,
  serviceAccountSubject,
  shortSubject,
  type TrustAccess,
  UNNAMED_ISSUER,
} from '../../iam/access';
import type { RoleAnalysis } from '../analysis';
import type { PodIdentityAssociationModel, RoleModel, ServiceAccountModel } from '../plan/model';
import { namesPodIdentity } from '../pod-identity';
import type { Finding } from '../findings';
import { finding, type Rule, type RuleContext } from './context';

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
      if (admitsOnSomeIssuer(access, subject)) continue;
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
  out.push(...unverifiedMismatches(context, analysisOf));
  return out;
};

/** Whether the role's access admits the subject through any issuer it names, or through one it does not name. */
function admitsOnSomeIssuer(access: TrustAccess, subject: string): boolean {
  return access.issuers.some((i) =>
    accessAdmits(access, i.issuer === ANY_ISSUER ? UNNAMED_ISSUER : i.issuer, subject),
  );
}

/**
 * IRSA007 for a ServiceAccount whose role cannot be confirmed (a computed index): reported only when no
 * role it may name admits it, whichever it is. Otherwise the link is listed as not analysed.
 */
function unverifiedMismatches(context: RuleContext, analysisOf: Map<RoleModel, RoleAnalysis>): Finding[] {
  const out: Finding[] = [];
  let byAddress: Map<string, RoleModel> | undefined;
  for (const { serviceAccount: sa } of context.links) {
    const link = sa.unverifiedLink;
    if (!link || sa.change.kind === 'delete' || !sa.identityKnown) continue;
    byAddress ??= new Map(context.model.roles.map((r) => [r.address, r]));
    const roles = link.candidates
      .map((a) => byAddress?.get(a))
      .filter((r): r is RoleModel => r !== undefined && r.change.kind !== 'delete');
    const subject = serviceAccountSubject(sa.namespace, sa.name);
    const refused = roles.every((role) => {
      const access = analysisOf.get(role)?.accessAfter;
      if (role.trust.after.state !== 'known' || !access) return false;
      return !admitsOnSomeIssuer(access, subject);
    });
    if (roles.length === 0 || !refused) continue;
    out.push(
      finding(
        context,
        'IRSA007',
        'high',
        sa.address,
        `service account ${sa.namespace}:${sa.name} is annotated with one of ${roles.map((r) => r.address).join(', ')} (the plan cannot show which: the index is computed), but none of their trusts admits ${sa.namespace}:${sa.name}: pods will fail to assume it`,
      ),
    );
  }
  return out;
}

/**
 * IRSA008: a role that workloads use is deleted or replaced. With a ServiceAccount of the plan pointing at
 * it, one finding per such ServiceAccount; without one (`roleOnly`, ServiceAccounts managed by Helm), when its
 * trust admits IRSA service accounts or EKS Pod Identity, one finding for the role, since service accounts
 * outside the plan lose access too. Quiet when everything in the plan that uses the role is deleted with it.
 */
export const roleInUseRemoved: Rule = (context) => {
  const out: Finding[] = [];
  // Indexes built once (a lookup per removed role over every link, association and role was quadratic).
  let usersOf: Map<RoleModel, ServiceAccountModel[]> | undefined;
  let associationsOf: Map<RoleModel, PodIdentityAssociationModel[]> | undefined;
  let namesTaken: Set<string> | undefined;
  for (const analysis of context.analyses) {
    const role = analysis.role;
    if (role.change.kind !== 'delete' && role.change.kind !== 'replace') continue;
    usersOf ??= serviceAccountsByRole(context.links);
    const serviceAccounts = usersOf.get(role) ?? [];
    const live = serviceAccounts.filter((sa) => sa.change.kind !== 'delete');
    const why = removalText(role);
    for (const sa of live) {
      out.push(
        finding(
          context,
          'IRSA008',
          'medium',
          role.address,
          `role is ${why} while service account ${sa.namespace}:${sa.name} (${sa.address}) uses it`,
        ),
      );
    }
    if (live.length > 0) continue;
    associationsOf ??= associationsByRole(context.model.podIdentityAssociations);
    const associations = associationsOf.get(role) ?? [];
    const users = serviceAccounts.length + associations.length;
    if (users > 0 && associations.every((a) => a.change.kind === 'delete')) continue;
    namesTaken ??= namesTakenBy(context.model.roles);
    if (takenOver(role, namesTaken)) continue;
    const trusted = workloadsTrusted(analysis);
    if (trusted === undefined) continue;
    const until = role.change.kind === 'delete' ? '' : ' until they point at the new role';
    out.push(
      finding(
        context,
        'IRSA008',
        'medium',
        role.address,
        `role is ${why}; its trust admits ${trusted}: service accounts outside this plan lose access${until}`,
      ),
    );
  }
  return out;
};

/** The ServiceAccounts annotated with each role, in link order (each link once per role). */
function serviceAccountsByRole(links: RuleContext['links']): Map<RoleModel, ServiceAccountModel[]> {
  const out = new Map<RoleModel, ServiceAccountModel[]>();
  for (const link of links) {
    for (let i = 0; i < link.roles.length; i++) {
      const role = link.roles[i];
      if (link.roles.indexOf(role) !== i) continue;
      const list = out.get(role);
      if (list) list.push(link.serviceAccount);
      else out.set(role, [link.serviceAccount]);
    }
  }
  return out;
}

/** The Pod Identity associations naming each role before or after, in plan order (each once per role). */
function associationsByRole(
  associations: readonly PodIdentityAssociationModel[],
): Map<RoleModel, PodIdentityAssociationModel[]> {
  const out = new Map<RoleModel, PodIdentityAssociationModel[]>();
  for (const a of associations) {
    const roles = new Set<RoleModel>([...(a.before?.roles ?? []), ...(a.after?.roles ?? [])]);
    for (const role of roles) {
      const list = out.get(role);
      if (list) list.push(a);
      else out.set(role, [a]);
    }
  }
  return out;
}

/** The names roles that are not deleted take after the change. */
function namesTakenBy(roles: readonly RoleModel[]): Set<string> {
  const out = new Set<string>();
  for (const r of roles) if (r.change.kind !== 'delete' && r.nameAfter !== undefined) out.add(r.nameAfter);
  return out;
}

/**
 * A deleted role whose name a role created in the same plan takes (a move without a `moved` block). The
 * role itself is deleted, so it is never among the roles that take a name.
 */
function takenOver(role: RoleModel, namesTaken: ReadonlySet<string>): boolean {
  if (role.change.kind !== 'delete' || role.nameBefore === undefined) return false;
  return namesTaken.has(role.nameBefore);
}

/** `deleted`, or `replaced` with why: a name change that forces it, said with both names when known. */
function removalText(role: RoleModel): string {
  if (role.change.kind === 'delete') return 'deleted';
  const renamed = role.change.replacePaths.some((p) => p === 'name' || p === 'name_prefix');
  if (!renamed) return 'replaced (pods lose access until it is re-created)';
  const names =
    role.nameBefore !== undefined && role.nameAfter !== undefined
      ? ` from ${JSON.stringify(role.nameBefore)} to ${JSON.stringify(role.nameAfter)}`
      : '';
  return `replaced because its name changes${names}, which forces replacement (pods lose access until they use the new role)`;
}

/** The workloads the role's current trust admits (IRSA subjects, EKS Pod Identity), or undefined for none. */
function workloadsTrusted(analysis: RoleAnalysis): string | undefined {
  const parts: string[] = [];
  const subjects = new Set<string>();
  for (const issuer of analysis.accessBefore?.issuers ?? []) {
    for (const grant of issuer.grants) {
      if (grant.anySubject) subjects.add('any service account');
      for (const pattern of grant.patterns) subjects.add(shortSubject(pattern));
    }
  }
  if (subjects.size > 0) parts.push(`IRSA service accounts (${[...subjects].sort().join(', ')})`);
  if (namesPodIdentity(analysis.role.trust.before)) parts.push('EKS Pod Identity associations');
  return parts.length === 0 ? undefined : parts.join(' and ');
}
