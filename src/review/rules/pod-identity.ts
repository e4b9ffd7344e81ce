/**
 * EKS Pod Identity rules, IRSA017-IRSA020.
 * - IRSA017: an association's role does not trust pods.eks.amazonaws.com for sts:AssumeRole, or lacks
 *   sts:TagSession while the association sends session tags: pods get no credentials.
 * - IRSA018: a changed trust lets any Pod Identity association in the account use the role.
 * - IRSA019: the role trusts Pod Identity, but its scoping conditions exclude the association's
 *   (cluster, namespace, service account): pods get no credentials.
 * - IRSA020: a trust scoped to some associations is widened to any association in the account.
 * - IRSA050: the first association for a cluster, and no eks-pod-identity-agent add-on for that cluster in
 *   the plan or its prior state (low: the agent may be installed another way).
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
import type { Finding } from '../findings';
import { associationLabel } from '../plan/handlers/pod-identity-association';
import { POD_IDENTITY_AGENT_ADDON } from '../plan/pod-identity-agent';
import {
  ACCOUNT_WIDE_KEYS,
  associationVerdict,
  namesPodIdentity,
  podIdentityView,
  unmodelledKeys,
  type PodIdentityTrustView,
} from '../pod-identity';
import type { AssociationSide, RoleModel } from '../plan/model';
import type { PolicyDocument } from '../../iam/document';
import { finding, type Rule, type RuleContext } from './context';

export const associationRoleNotTrusting: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of context.model.podIdentityAssociations) {
    const after = a.after;
    if (!after || a.change.kind === 'no-op') continue;
    const refused = unverifiedRefusal(context, after);
    if (refused?.[0] === 'IRSA017') out.push(finding(context, 'IRSA017', 'medium', a.address, refused[1]));
    for (const role of after.roles) {
      const trust = role.trust.after;
      if (role.change.kind === 'delete' || trust.state !== 'known') continue;
      const view = podIdentityView(trust.document);
      const where = `association ${associationLabel(after)} uses ${role.address}`;
      if (!view.trusted) {
        out.push(
          finding(
            context,
            'IRSA017',
            'medium',
            a.address,
            `${where}, whose trust policy does not trust pods.eks.amazonaws.com for sts:AssumeRole: pods using the service account get no credentials`,
          ),
        );
      } else if (!view.tagSession && !after.sessionTagsDisabled) {
        out.push(
          finding(
            context,
            'IRSA017',
            'medium',
            a.address,
            `${where}, whose trust policy does not allow sts:TagSession to pods.eks.amazonaws.com: EKS Pod Identity tags the session, so the AssumeRole is denied and pods get no credentials`,
          ),
        );
      }
    }
  }
  return out;
};

export const associationOutsideScope: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of context.model.podIdentityAssociations) {
    const after = a.after;
    if (!after || a.change.kind === 'no-op' || !after.identityKnown) continue;
    const refused = unverifiedRefusal(context, after);
    if (refused?.[0] === 'IRSA019') out.push(finding(context, 'IRSA019', 'medium', a.address, refused[1]));
    for (const role of after.roles) {
      const trust = role.trust.after;
      if (role.change.kind === 'delete' || trust.state !== 'known') continue;
      const view = podIdentityView(trust.document);
      // Not trusting at all (or without TagSession) is IRSA017's.
      if (!view.trusted || (!view.tagSession && !after.sessionTagsDisabled)) continue;
      // Only a sure denial: a verdict that depends on a key the reviewer cannot know (aws:SourceAccount,
      // sts:ExternalId, ...) is "cannot confirm", shown in the access preview, never reported as denied.
      if (associationVerdict(trust.document, after) !== 'denied') continue;
      const why = after.sessionTagsDisabled
        ? 'the association disables session tags, and the trust conditions need them'
        : "the trust policy's conditions on the session tags exclude it";
      out.push(
        finding(
          context,
          'IRSA019',
          'medium',
          a.address,
          `association ${associationLabel(after)} uses ${role.address}, but ${why}: pods using the service account get no credentials`,
        ),
      );
    }
  }
  return out;
};

export const anyAssociationTrust: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of context.analyses) {
    if (!a.trustChanged || a.kind === 'delete') continue;
    const after = a.role.trust.after;
    if (after.state !== 'known') continue;
    const viewAfter = podIdentityView(after.document);
    const note = accountWideNote(after.document);
    if (!viewAfter.anyAssociation) {
      // Principal "*" (IRSA005's) says nothing about Pod Identity on its own: only trusts naming it.
      const open = namesPodIdentity(after) ? partlyOpen(viewAfter) : undefined;
      if (open) out.push(finding(context, 'IRSA018', 'medium', a.role.address, `${open}${note}`));
      continue;
    }
    const before = a.role.trust.before;
    const scopedBefore =
      a.kind !== 'create' &&
      before.state === 'known' &&
      podIdentityView(before.document).trusted &&
      !podIdentityView(before.document).anyAssociation;
    if (scopedBefore) {
      out.push(
        finding(
          context,
          'IRSA020',
          'high',
          a.role.address,
          `Pod Identity trust widened from scoped to unscoped: the session-tag conditions (cluster, namespace, service account) are gone, so any EKS Pod Identity association in the account can now give pods this role${note}`,
        ),
      );
    } else {
      out.push(
        finding(
          context,
          'IRSA018',
          'medium',
          a.role.address,
          `trusts pods.eks.amazonaws.com without conditions on the session tags: any EKS Pod Identity association in the account (any cluster, namespace and service account) can give pods this role${note}`,
        ),
      );
    }
  }
  return out;
};

/**
 * For an association whose role cannot be confirmed (a computed index, see UnverifiedLink): IRSA017 when
 * no role it may name trusts Pod Identity, IRSA019 when each trusts it but none admits the association;
 * undefined when one may admit it or a trust is unreadable (the link is then listed as not analysed).
 */
function unverifiedRefusal(context: RuleContext, after: AssociationSide): [string, string] | undefined {
  const link = after.unverifiedLink;
  if (!link) return undefined;
  const byAddress = new Map(context.model.roles.map((r) => [r.address, r]));
  const roles = link.candidates
    .map((address) => byAddress.get(address))
    .filter((r): r is RoleModel => r !== undefined && r.change.kind !== 'delete');
  const documents = roles.map((r) => (r.trust.after.state === 'known' ? r.trust.after.document : undefined));
  if (roles.length === 0 || documents.some((d) => d === undefined)) return undefined;
  const known = documents as PolicyDocument[];
  const where = `association ${associationLabel(after)} uses one of ${roles.map((r) => r.address).join(', ')} (the plan cannot show which: the index is computed)`;
  if (known.every((d) => !podIdentityView(d).trusted))
    return [
      'IRSA017',
      `${where}, and none of their trust policies trusts pods.eks.amazonaws.com for sts:AssumeRole: pods using the service account get no credentials`,
    ];
  if (!after.identityKnown || !known.every((d) => associationVerdict(d, after) === 'denied'))
    return undefined;
  return [
    'IRSA019',
    `${where}, but none of their trust policies admits it: pods using the service account get no credentials`,
  ];
}

/** IRSA018's message for a trust open to some associations it does not name; undefined when scoped. */
function partlyOpen(view: PodIdentityTrustView): string | undefined {
  if (view.anyUntagged)
    return 'trusts pods.eks.amazonaws.com for associations with session tags disabled (no sts:TagSession, nothing to scope on): any such EKS Pod Identity association in the account (any cluster, namespace and service account) can give pods this role';
  if (view.openScopes.length === 0) return undefined;
  const shown = view.openScopes.slice(0, 5).join(', ');
  const more = view.openScopes.length > 5 ? ` and ${view.openScopes.length - 5} more` : '';
  return `Pod Identity trust is scoped only in part: associations for ${shown}${more} (cluster/namespace:service-account, * for any) can give pods this role; pin the namespace and service account (aws:RequestTag/kubernetes-namespace, aws:RequestTag/kubernetes-service-account)`;
}

/** Why account-wide conditions do not scope the trust (they hold for every association of the account). */
function accountWideNote(doc: Parameters<typeof unmodelledKeys>[0]): string {
  const keys = unmodelledKeys(doc).filter((k) => ACCOUNT_WIDE_KEYS.has(k.toLowerCase()));
  if (keys.length === 0) return '';
  return ` (${keys.join(', ')} names an account or organization, not an association: every association in that account meets it)`;
}

/**
 * IRSA050: associations that are a cluster's first (no association for it in the prior state) while neither
 * the plan nor the prior state has the agent add-on for it. One finding per cluster, at its first new
 * association. Quiet when the association's cluster, or some agent add-on's cluster, is known only after apply.
 */
export const podIdentityAgentMissing: Rule = (context) => {
  const facts = context.model.podIdentityAgent;
  if (facts.agentClusterUnknown) return [];
  const added = new Map<string, string[]>();
  for (const a of context.model.podIdentityAssociations) {
    const after = a.after;
    if (!after || a.change.kind === 'no-op' || after.cluster === UNKNOWN_CLUSTER) continue;
    if (facts.associatedBefore.has(after.cluster) || facts.agentClusters.has(after.cluster)) continue;
    const list = added.get(after.cluster);
    if (list) list.push(a.address);
    else added.set(after.cluster, [a.address]);
  }
  const out: Finding[] = [];
  for (const [cluster, addresses] of [...added].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const sorted = [...addresses].sort();
    const others =
      sorted.length > 1 ? ` (and ${sorted.length - 1} more association${sorted.length > 2 ? 's' : ''})` : '';
    out.push(
      finding(
        context,
        'IRSA050',
        'low',
        sorted[0],
        `first EKS Pod Identity association for cluster ${JSON.stringify(cluster)}${others}, and neither this plan nor its prior state has an aws_eks_addon "${POD_IDENTITY_AGENT_ADDON}" for that cluster: without the Pod Identity Agent on the nodes, pods get no credentials from the association. Install the add-on (IamServiceAccount createPodIdentityAgentAddon, or the eks-pod-identity module's pod_identity_agent_addons), unless it is installed another way (console, eksctl, another Terraform state, a self-managed DaemonSet)`,
      ),
    );
  }
  return out;
};

/** How the association handler shows a cluster known only after apply. */
const UNKNOWN_CLUSTER = '(known after apply)';
