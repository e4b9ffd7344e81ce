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

/**
 * One extra condition on the Pod Identity statements, as an `aws_iam_policy_document` condition block:
 * operator (`test`), condition key (`variable`) and values (ORed). Added to every Pod Identity statement,
 * where IAM ANDs it with the scoping conditions, so it can only narrow who may assume the role.
 */
export interface PodIdentityTrustCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

export interface PodIdentityTrustInput {
  readonly trust: readonly PodIdentityTrustEntry[];
  /** @default "scoped" */
  readonly scope?: PodIdentityTrustScope;
  /** Conditions ANDed into every Pod Identity statement (e.g. `aws:PrincipalOrgID`). @default none */
  readonly conditions?: readonly PodIdentityTrustCondition[];
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

  const extra = checkTrustConditions(input.conditions ?? [], scope);
  if (scope === 'any-association') return [podIdentityStatement(withConditions(undefined, extra))];

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
      podIdentityStatement(
        withConditions(
          {
            StringEquals: {
              [POD_IDENTITY_TAG_KEYS.clusterName]: oneOrMany(g.clusters),
              [POD_IDENTITY_TAG_KEYS.namespace]: g.namespace,
              [POD_IDENTITY_TAG_KEYS.serviceAccount]: oneOrMany(g.names),
            },
          },
          extra,
        ),
      ),
    );
}

/** `(operator, key)` as IAM compares them: condition keys are case-insensitive; operators compared so too. */
const conditionSlot = (test: string, variable: string) => `${test.toLowerCase()}\n${variable.toLowerCase()}`;

/**
 * Extra conditions must each add a new (operator, key) pair: IAM ORs the values of one key under one
 * operator, so a condition repeating a scoping key (or another extra condition) would widen, not narrow.
 */
function checkTrustConditions(
  conditions: readonly PodIdentityTrustCondition[],
  scope: PodIdentityTrustScope,
): readonly PodIdentityTrustCondition[] {
  const taken = new Set<string>(
    scope === 'scoped'
      ? Object.values(POD_IDENTITY_TAG_KEYS).map((key) => conditionSlot('StringEquals', key))
      : [],
  );
  for (const c of conditions) {
    if (
      !c ||
      typeof c.test !== 'string' ||
      c.test === '' ||
      typeof c.variable !== 'string' ||
      c.variable === ''
    ) {
      throw new Error(
        `buildPodIdentityStatements: condition ${JSON.stringify(c)} needs a test and a variable`,
      );
    }
    if (!Array.isArray(c.values) || c.values.length === 0) {
      throw new Error(`buildPodIdentityStatements: condition ${c.test} ${c.variable} has no values`);
    }
    const slot = conditionSlot(c.test, c.variable);
    if (taken.has(slot)) {
      throw new Error(
        `buildPodIdentityStatements: condition ${c.test} ${c.variable} is given twice or repeats a scoping condition (its values would be ORed, widening the trust)`,
      );
    }
    taken.add(slot);
  }
  return conditions;
}

/** The statement's conditions plus the extra ones (each in a new operator/key slot, so ANDed). */
function withConditions(
  base: PolicyStatement['Condition'],
  extra: readonly PodIdentityTrustCondition[],
): PolicyStatement['Condition'] {
  if (extra.length === 0) return base;
  const out: NonNullable<PolicyStatement['Condition']> = {};
  for (const [test, keys] of Object.entries(base ?? {})) out[test] = { ...keys };
  for (const c of extra) out[c.test] = { ...(out[c.test] ?? {}), [c.variable]: oneOrMany([...c.values]) };
  return out;
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

/** A principal block of an extra trust statement, as `aws_iam_policy_document`'s `principals`. */
export interface TrustPrincipalInput {
  readonly type: string;
  readonly identifiers: readonly string[];
}

/**
 * An extra trust statement, as terraform-aws-modules' `trust_policy_statements` entries (the attributes of
 * `aws_iam_policy_document`'s statement blocks that a trust policy uses: no resources).
 */
export interface TrustStatementInput {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions?: readonly string[];
  readonly not_actions?: readonly string[];
  readonly principals?: readonly TrustPrincipalInput[];
  readonly not_principals?: readonly TrustPrincipalInput[];
  readonly condition?: readonly PodIdentityTrustCondition[];
}

export const TRUST_STATEMENT_ATTRIBUTES = [
  'sid',
  'effect',
  'actions',
  'not_actions',
  'principals',
  'not_principals',
  'condition',
] as const;
/** The principal types an extra trust statement may name (`"*"` is refused: it admits every principal). */
export const TRUST_PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated'] as const;

/** How a caller spells the attributes a refusal names (the constructs: `notActions`, `notPrincipals`). */
export type TrustStatementNames = Partial<
  Record<'actions' | 'not_actions' | 'principals' | 'not_principals', string>
>;

/** A trust statement refused by {@link buildTrustStatement}: `reason` completes "<label> …". */
export class TrustStatementError extends Error {
  constructor(
    readonly label: string,
    readonly reason: string,
  ) {
    super(`buildTrustStatement: ${label} ${reason}`);
    this.name = 'TrustStatementError';
  }
}

/**
 * An extra trust statement as IAM JSON (lists stay lists; principal identifiers and condition values given
 * twice are joined). Extra statements are ORed with the others, so they may widen the
 * trust: an `Allow` that would admit every principal (an identifier containing `*`, or `not_principals`) or
 * the Pod Identity service principal itself (which would bypass the scoping; use `scope` or `conditions`)
 * is refused. `Deny` statements only narrow and are taken as given.
 */
export function buildTrustStatement(
  input: TrustStatementInput,
  label = 'trust statement',
  names: TrustStatementNames = {},
): PolicyStatement {
  const fail = (reason: string): never => {
    throw new TrustStatementError(label, reason);
  };
  const n = (attribute: keyof TrustStatementNames): string => names[attribute] ?? attribute;
  for (const key of Object.keys(input)) {
    if (!(TRUST_STATEMENT_ATTRIBUTES as readonly string[]).includes(key)) {
      fail(`has the unknown attribute ${key} (the attributes are ${TRUST_STATEMENT_ATTRIBUTES.join(', ')})`);
    }
  }
  const effect = input.effect ?? 'Allow';
  if (effect !== 'Allow' && effect !== 'Deny')
    fail(`effect ${JSON.stringify(effect)} is not "Allow" or "Deny"`);
  if ((input.actions === undefined) === (input.not_actions === undefined))
    fail(`needs ${n('actions')} or ${n('not_actions')} (one of the two)`);
  if ((input.principals === undefined) === (input.not_principals === undefined)) {
    fail(`needs ${n('principals')} or ${n('not_principals')} (one of the two)`);
  }
  if (effect === 'Allow') {
    if (input.not_principals !== undefined)
      fail(`is an Allow with ${n('not_principals')}, which admits every other principal`);
    for (const p of input.principals ?? []) {
      if (p.identifiers.some((id) => id.includes('*')))
        fail(`is an Allow whose ${p.type} principal "*" admits every principal`);
      if (p.type === 'Service' && p.identifiers.some((id) => id.toLowerCase() === POD_IDENTITY_PRINCIPAL)) {
        fail(`is an Allow for ${POD_IDENTITY_PRINCIPAL}, which would bypass the Pod Identity scoping`);
      }
    }
  }
  const principals = (list: readonly TrustPrincipalInput[]) => {
    const out: Record<string, string[]> = {};
    for (const p of list) {
      if (!(TRUST_PRINCIPAL_TYPES as readonly string[]).includes(p.type)) {
        fail(`principal type ${JSON.stringify(p.type)} is not one of ${TRUST_PRINCIPAL_TYPES.join(', ')}`);
      }
      out[p.type] = [...new Set([...(out[p.type] ?? []), ...p.identifiers])];
    }
    return out;
  };
  const statement: PolicyStatement = { Effect: effect };
  if (input.sid !== undefined) statement.Sid = input.sid;
  if (input.principals) statement.Principal = principals(input.principals);
  if (input.not_principals) statement.NotPrincipal = principals(input.not_principals);
  if (input.actions) statement.Action = [...input.actions];
  if (input.not_actions) statement.NotAction = [...input.not_actions];
  if (input.condition && input.condition.length > 0) {
    const condition: NonNullable<PolicyStatement['Condition']> = {};
    for (const c of input.condition) {
      // Values of one test and variable given twice are joined (ORed), as aws_iam_policy_document does.
      const values = [...[condition[c.test]?.[c.variable] ?? []].flat().map(String), ...c.values];
      condition[c.test] = { ...(condition[c.test] ?? {}), [c.variable]: [...new Set(values)] };
    }
    statement.Condition = condition;
  }
  return statement;
}

export interface RoleTrustInput {
  /** OIDC (IRSA) trust; its statements come first, exactly as `buildTrustPolicy` writes them. */
  readonly irsa?: TrustPolicyInput;
  /** Pod Identity trust; its statements follow the IRSA ones. */
  readonly podIdentity?: PodIdentityTrustInput;
  /** Extra statements (ORed, last), checked by buildTrustStatement. @default none */
  readonly statements?: readonly TrustStatementInput[];
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
  (input.statements ?? []).forEach((s, i) => statements.push(buildTrustStatement(s, `statements[${i}]`)));
  return { Version: '2012-10-17', Statement: statements };
}
