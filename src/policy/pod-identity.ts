/**
 * The one place EKS Pod Identity trust statements are built. Pure: no CDKTF, no I/O, same input → same JSON.
 *
 * What AWS documents (Amazon EKS User Guide):
 * - the role trusts the service principal `pods.eks.amazonaws.com` for `sts:AssumeRole` (to get the
 *   credentials it hands to pods) and `sts:TagSession` (to attach session tags):
 *   https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 * - the request tags EKS Pod Identity sends when it assumes the role are `eks-cluster-arn`,
 *   `eks-cluster-name`, `kubernetes-namespace`, `kubernetes-service-account`, `kubernetes-pod-name` and
 *   `kubernetes-pod-uid`, usable in the trust policy as `aws:RequestTag/<key>`:
 *   https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html and
 *   https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html#pod-id-abac-tags
 * - an association can disable those tags (`disableSessionTags`); then the keys are absent and any
 *   condition on them fails, so scoped trust and disabled tags cannot go together:
 *   https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html#pod-id-abac-tags
 *
 * The scoping conditions use only three of those documented tags (cluster name, namespace, service
 * account) with `StringEquals`. No other key (such as `aws:SourceAccount`) is added: AWS does not document
 * it as present in Pod Identity's request, and a condition on a missing key makes the role unusable.
 *
 * IAM ANDs the keys of one statement and ORs the values of one key
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html),
 * so one statement admits the product clusters × namespaces × names of its value lists. Each statement
 * therefore has exactly one namespace, and the clusters and names whose product is exactly wanted: the
 * role admits exactly the listed (cluster, namespace, service account) triples.
 */
import type { PolicyDocument, PolicyStatement } from './document';
import { hasWildcard, parseServiceAccountRef } from './subjects';
import { TrustPolicyInput, buildTrustPolicy } from './trust-policy';

/** The service principal EKS Pod Identity assumes roles as. */
export const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';
/** The actions EKS Pod Identity needs in the role's trust policy. */
export const POD_IDENTITY_ACTIONS: readonly string[] = ['sts:AssumeRole', 'sts:TagSession'];

/** The request-tag condition keys the scoped trust uses (documented session tags of EKS Pod Identity). */
export const POD_IDENTITY_TAG_KEYS = {
  clusterName: 'aws:RequestTag/eks-cluster-name',
  namespace: 'aws:RequestTag/kubernetes-namespace',
  serviceAccount: 'aws:RequestTag/kubernetes-service-account',
} as const;

/** One cluster and the service accounts on it whose Pod Identity associations may use the role. */
export interface PodIdentityTrustEntry {
  /** The EKS cluster's name (may be a Terraform token). */
  readonly clusterName: string;
  /** Service accounts as `"namespace:name"`, exact (associations name one service account each). */
  readonly serviceAccounts: readonly string[];
}

/**
 * How a Pod Identity trust statement is scoped: `scoped` conditions it on the session tags so only the
 * listed associations work; `any-association` trusts every association in the account (as eksctl and
 * terraform-aws-modules do).
 */
export type PodIdentityTrustScope = 'scoped' | 'any-association';

export interface PodIdentityTrustInput {
  readonly trust: readonly PodIdentityTrustEntry[];
  /** @default "scoped" */
  readonly scope?: PodIdentityTrustScope;
}

/**
 * Builds the Pod Identity trust statements: one unconditioned statement for `any-association`, or, scoped,
 * statements that admit exactly the listed (cluster, namespace, service account) triples. Sorted and
 * deduplicated: the output does not depend on input order.
 *
 * Throws on input that would make a wrong policy (the constructs validate first, with friendlier errors).
 */
export function buildPodIdentityStatements(input: PodIdentityTrustInput): PolicyStatement[] {
  const scope = input.scope ?? 'scoped';
  if (scope !== 'scoped' && scope !== 'any-association') {
    throw new Error(
      `buildPodIdentityStatements: scope ${JSON.stringify(scope)} is not "scoped" or "any-association"`,
    );
  }
  if (input.trust.length === 0)
    throw new Error('buildPodIdentityStatements: trust needs at least one cluster');

  // cluster → namespace → names
  const byCluster = new Map<string, Map<string, Set<string>>>();
  for (const entry of input.trust) {
    if (entry.clusterName === '') throw new Error('buildPodIdentityStatements: a cluster name is empty');
    if (byCluster.has(entry.clusterName)) {
      throw new Error(
        `buildPodIdentityStatements: cluster ${entry.clusterName} is listed twice; list all its service accounts in one entry`,
      );
    }
    if (entry.serviceAccounts.length === 0) {
      throw new Error(`buildPodIdentityStatements: cluster ${entry.clusterName} has no service accounts`);
    }
    const namespaces = new Map<string, Set<string>>();
    byCluster.set(entry.clusterName, namespaces);
    for (const serviceAccount of entry.serviceAccounts) {
      if (hasWildcard(serviceAccount)) {
        throw new Error(
          `buildPodIdentityStatements: service account "${serviceAccount}" has a wildcard; Pod Identity session tags are matched exactly`,
        );
      }
      const ref = parseServiceAccountRef(serviceAccount);
      if (!ref)
        throw new Error(
          `buildPodIdentityStatements: service account "${serviceAccount}" is not "namespace:name"`,
        );
      const names = namespaces.get(ref.namespace) ?? new Set<string>();
      if (names.has(ref.name)) {
        throw new Error(`buildPodIdentityStatements: service account "${serviceAccount}" is listed twice`);
      }
      names.add(ref.name);
      namespaces.set(ref.namespace, names);
    }
  }

  if (scope === 'any-association') return [podIdentityStatement(undefined)];

  // Group (cluster, namespace) pairs with the same name set: each group is one exact product.
  const groups = new Map<string, { namespace: string; names: string[]; clusters: string[] }>();
  for (const [cluster, namespaces] of byCluster) {
    for (const [namespace, nameSet] of namespaces) {
      const names = [...nameSet].sort();
      const key = JSON.stringify([namespace, names]);
      const group = groups.get(key) ?? { namespace, names, clusters: [] };
      group.clusters.push(cluster);
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .map((g) => ({ ...g, clusters: g.clusters.sort() }))
    .sort(
      (a, b) =>
        compare(a.namespace, b.namespace) ||
        compare(a.clusters.join('\n'), b.clusters.join('\n')) ||
        compare(a.names.join('\n'), b.names.join('\n')),
    )
    .map((g) =>
      podIdentityStatement({
        StringEquals: {
          [POD_IDENTITY_TAG_KEYS.clusterName]: oneOrMany(g.clusters),
          [POD_IDENTITY_TAG_KEYS.namespace]: g.namespace,
          [POD_IDENTITY_TAG_KEYS.serviceAccount]: oneOrMany(g.names),
        },
      }),
    );
}

function podIdentityStatement(condition: PolicyStatement['Condition']): PolicyStatement {
  const statement: PolicyStatement = {
    Effect: 'Allow',
    Principal: { Service: POD_IDENTITY_PRINCIPAL },
    Action: [...POD_IDENTITY_ACTIONS],
  };
  if (condition) statement.Condition = condition;
  return statement;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const oneOrMany = (values: string[]): string | string[] => (values.length === 1 ? values[0] : values);

/** True when a statement trusts the Pod Identity service principal (whatever its actions or conditions). */
export function isPodIdentityStatement(statement: PolicyStatement): boolean {
  const principal = statement.Principal;
  if (!principal || principal === '*') return false;
  const services = principal.Service;
  return (
    services === POD_IDENTITY_PRINCIPAL ||
    (Array.isArray(services) && services.includes(POD_IDENTITY_PRINCIPAL))
  );
}

export interface RoleTrustInput {
  /** OIDC (IRSA) trust; its statements come first, exactly as `buildTrustPolicy` writes them. */
  readonly irsa?: TrustPolicyInput;
  /** Pod Identity trust; its statements follow the IRSA ones. */
  readonly podIdentity?: PodIdentityTrustInput;
}

/**
 * One trust policy for IRSA, Pod Identity, or both (statements are ORed, so the role admits whom either
 * part admits and no one else). With only `irsa` the document equals `buildTrustPolicy`'s.
 */
export function buildRoleTrustPolicy(input: RoleTrustInput): PolicyDocument {
  if (!input.irsa && !input.podIdentity) {
    throw new Error('buildRoleTrustPolicy: give irsa trust, podIdentity trust, or both');
  }
  const statements: PolicyStatement[] = [];
  if (input.irsa) statements.push(...buildTrustPolicy(input.irsa).Statement);
  if (input.podIdentity) statements.push(...buildPodIdentityStatements(input.podIdentity));
  return { Version: '2012-10-17', Statement: statements };
}
