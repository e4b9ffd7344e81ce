/**
 * IRSA032: a ServiceAccount annotation or a Pod Identity association newly points at a role that already
 * holds broad access (admin-equivalent permissions) or whose trust is open, while nothing about that role
 * changes in the plan: the other rules, which look at what the plan changes, say nothing, yet the pods
 * gain the role's access. Reported on the role (its own risk, at the severity its rules would give it).
 */
import { accessAdmits, ANY_ISSUER, FRESH_SUBJECT } from '../../iam/access';
import type { PolicyDocument, Statement } from '../../iam/document';
import { isEveryonePrincipal } from '../../iam/evaluate';
import { broadAllows, everyActionTogether, EVERY_RESOURCE } from '../../iam/permissions';
import type { RoleAnalysis } from '../analysis';
import type { Finding, Severity } from '../findings';
import { associationLabel } from '../plan/handlers/pod-identity-association';
import { policyChanged, roleNameFromArn, type RoleModel } from '../plan/model';
import { slotText } from '../plan/values';
import { namesPodIdentity, podIdentityView } from '../pod-identity';
import { finding, type Rule, type RuleContext } from './context';
import { ADMIN_POLICY } from './permissions';

interface Reason {
  severity: Severity;
  text: string;
}

/** One workload that newly points at a role: its description and the roles (or ARN) it points at. */
interface Consumer {
  kind: 'service account' | 'association';
  /** `shop:app (kubernetes_service_account_v1.app)`, `prod/shop:app (aws_eks_pod_identity_association.a)`. */
  what: string;
  address: string;
  roles: RoleModel[];
  arn?: string;
}

/**
 * Admin-equivalent permission policies the role keeps unchanged (a changed one is IRSA009's, and so is a
 * kept admin attachment of a role that changes otherwise).
 */
function permissionReasons(role: RoleModel): Reason[] {
  const out: Reason[] = [];
  for (const m of role.managed)
    if (m.status === 'kept' && role.change.kind === 'no-op' && ADMIN_POLICY.test(m.arn))
      out.push({ severity: 'high', text: `it has ${m.arn} attached` });
  const documents = role.permissions
    .map((p) => (p.after.state === 'known' ? p.after.document : undefined))
    .filter((d): d is PolicyDocument => d !== undefined);
  for (const p of role.permissions) {
    if (p.after.state !== 'known' || p.attachedBy !== undefined || policyChanged(p.before, p.after)) continue;
    const document = p.after.document;
    const otherDenies: Statement[] = documents
      .filter((d) => d !== document)
      .flatMap((d) => d.statements.filter((s) => s.effect === 'Deny'));
    const admin =
      broadAllows(document, '*', EVERY_RESOURCE, otherDenies).length > 0 ||
      everyActionTogether(document, otherDenies).length > 0;
    if (admin) out.push({ severity: 'high', text: `${p.label} allows every action on every resource` });
  }
  return out;
}

/** An open trust the role keeps unchanged (a changed one is IRSA001/IRSA005/IRSA018's). */
function trustReasons(analysis: RoleAnalysis | undefined): Reason[] {
  const trust = analysis?.role.trust.after;
  if (!analysis || analysis.trustChanged || trust?.state !== 'known') return [];
  const out: Reason[] = [];
  if (
    trust.document.statements.some(
      (s) => s.effect === 'Allow' && s.principal && isEveryonePrincipal(s.principal),
    )
  )
    out.push({ severity: 'high', text: 'its trust admits every principal ("*")' });
  const access = analysis.accessAfter;
  for (const issuer of access?.issuers ?? []) {
    if (issuer.issuer === ANY_ISSUER || !access || !accessAdmits(access, issuer.issuer, FRESH_SUBJECT))
      continue;
    out.push({ severity: 'high', text: `its trust admits any service account of ${issuer.issuer}` });
  }
  if (namesPodIdentity(trust) && podIdentityView(trust.document).anyAssociation)
    out.push({
      severity: 'medium',
      text: 'its trust admits any EKS Pod Identity association in the account',
    });
  return out;
}

function consumers(context: RuleContext): Consumer[] {
  const out: Consumer[] = [];
  for (const { serviceAccount: sa, roles } of context.links) {
    if (sa.change.kind === 'delete') continue;
    const arn = slotText(sa.roleArn);
    const repointed = sa.change.kind === 'create' || (arn !== undefined && arn !== sa.roleArnBefore);
    if (!repointed) continue;
    out.push({
      kind: 'service account',
      what: `${sa.namespace}:${sa.name} (${sa.address})`,
      address: sa.address,
      roles,
      ...(arn !== undefined ? { arn } : {}),
    });
  }
  for (const a of context.model.podIdentityAssociations) {
    const after = a.after;
    if (!after || a.change.kind === 'delete') continue;
    const repointed =
      a.change.kind === 'create' ||
      (after.roleArn !== undefined
        ? after.roleArn !== a.before?.roleArn
        : after.roles.some((r) => !a.before?.roles.includes(r)));
    if (!repointed) continue;
    out.push({
      kind: 'association',
      what: `${associationLabel(after)} (${a.address})`,
      address: a.address,
      roles: after.roles,
      ...(after.roleArn !== undefined ? { arn: after.roleArn } : {}),
    });
  }
  return out;
}

function severityOf(reasons: readonly Reason[]): Severity {
  return reasons.some((r) => r.severity === 'high') ? 'high' : 'medium';
}

/** Admin policies attached, by attachments of the plan, to a role the plan does not hold. */
function outsideReasons(context: RuleContext, arn: string): Reason[] {
  const name = roleNameFromArn(arn);
  return context.model.unlinkedAttachments
    .filter((m) => m.status === 'kept' && ADMIN_POLICY.test(m.arn))
    .filter((m) => (m.roles ?? []).some((r) => r === arn || (name !== undefined && r === name)))
    .map((m) => ({ severity: 'high' as const, text: `${m.address} attaches ${m.arn} to it` }));
}

/**
 * The workloads that newly point at one role, as the subject of a sentence: `association x (a)` for one;
 * `3 associations (x (a); y (b); z (c))` for several (`workloads` when they are of both kinds).
 */
function whoPoints(group: readonly Consumer[]): { subject: string; their: string } {
  if (group.length === 1) return { subject: `${group[0].kind} ${group[0].what}`, their: 'its' };
  const kinds = new Set(group.map((c) => c.kind));
  const noun =
    kinds.size > 1 ? 'workloads' : group[0].kind === 'association' ? 'associations' : 'service accounts';
  const items = group.map((c) => (kinds.size > 1 ? `${c.kind} ${c.what}` : c.what));
  return { subject: `${group.length} ${noun} (${items.join('; ')})`, their: 'their' };
}

/** Consumers grouped by a key, in first-seen order (consumers come in model order). */
function groupBy<K>(items: readonly Consumer[], keyOf: (c: Consumer) => K[]): Map<K, Consumer[]> {
  const groups = new Map<K, Consumer[]>();
  for (const c of items)
    for (const k of keyOf(c)) {
      const group = groups.get(k);
      if (group) group.push(c);
      else groups.set(k, [c]);
    }
  return groups;
}

/**
 * One finding per role (or, for a role the plan does not hold, per ARN), listing every workload that
 * newly points at it: eight associations repointed at one open role are one finding, not eight.
 */
export const podsGainBroadRole: Rule = (context) => {
  const out: Finding[] = [];
  const analysisOf = new Map(context.analyses.map((a) => [a.role, a]));
  const all = consumers(context);
  // A role this plan creates is reviewed in full by the other rules.
  const byRole = groupBy(all, (c) =>
    c.roles.filter((r) => r.change.kind !== 'delete' && r.change.kind !== 'create'),
  );
  for (const [role, group] of byRole) {
    const reasons = [...permissionReasons(role), ...trustReasons(analysisOf.get(role))];
    if (reasons.length === 0) continue;
    const { subject, their } = whoPoints(group);
    out.push(
      finding(
        context,
        'IRSA032',
        severityOf(reasons),
        role.address,
        `${subject} now ${group.length === 1 ? 'points' : 'point'} at this existing role, and ${reasons.map((r) => r.text).join('; ')}: ${their} pods gain that access, though nothing about the role changes in this plan`,
      ),
    );
  }
  const outside = groupBy(all, (c) => (c.roles.length > 0 || c.arn === undefined ? [] : [c.arn]));
  for (const [arn, group] of outside) {
    const reasons = outsideReasons(context, arn);
    if (reasons.length === 0) continue;
    const { subject, their } = whoPoints(group);
    out.push(
      finding(
        context,
        'IRSA032',
        severityOf(reasons),
        group[0].address,
        `${subject} now ${group.length === 1 ? 'points' : 'point'} at role ${arn}, which this plan does not manage, and ${reasons.map((r) => r.text).join('; ')}: ${their} pods gain that access`,
      ),
    );
  }
  return out;
};
