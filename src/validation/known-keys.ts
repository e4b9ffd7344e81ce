/**
 * The keys every construct and options object accepts, written once as `satisfies Record<keyof T, true>`
 * objects: the compiler fails when a key is added to an interface and not here, or listed here and not
 * there, so the lists cannot drift from the TypeScript types. An unknown key (a typo, another tool's name,
 * a props object held in a variable, which TypeScript does not check for extra keys) is an error that
 * names the closest known key and lists them all.
 */
import { Token } from 'cdktf';
import type { EksOidcProviderProps } from '../constructs/eks-oidc-provider';
import type {
  OidcProviderFromClusterOptions,
  OidcProviderFromIssuerOptions,
} from '../constructs/oidc-provider';
import type {
  IamServiceAccountBaseProps,
  ManagedPolicyOptions,
  IrsaIdentityOptions,
  IrsaRoleProps,
  PodIdentityOptions,
  PodIdentityTrust,
  RoleOptions,
  ServiceAccountTrust,
} from '../props';
import { IrsaValidationError } from './error';
import { type NameOf, didYouMean, suggestKey } from './suggest';

const ROLE_OPTION_KEYS = {
  roleName: true,
  roleNaming: true,
  roleNamePrefix: true,
  rolePath: true,
  permissionsBoundary: true,
  maxSessionDuration: true,
  description: true,
  tags: true,
  attachPolicyArns: true,
  inlinePolicy: true,
  wellKnownPolicies: true,
  inlinePolicyName: true,
  addonPolicyNames: true,
  managedPolicy: true,
  trustPolicyMaxLength: true,
  permissionsManagedElsewhere: true,
  awsProvider: true,
} as const satisfies Record<keyof RoleOptions, true>;

const IRSA_ROLE_KEYS = {
  ...ROLE_OPTION_KEYS,
  trust: true,
  podIdentity: true,
  podIdentityTrust: true,
  podIdentityTrustConditions: true,
  podIdentityTrustStatements: true,
  partition: true,
  allowWildcardSubjects: true,
  audience: true,
} as const satisfies Record<keyof IrsaRoleProps, true>;

/** Every key of `IamServiceAccountProps`, a union whose members each forbid the others' keys. */
type ServiceAccountKey =
  keyof IamServiceAccountBaseProps | keyof IrsaIdentityOptions | keyof PodIdentityOptions | 'identity';

const SERVICE_ACCOUNT_KEYS = {
  ...ROLE_OPTION_KEYS,
  namespace: true,
  name: true,
  labels: true,
  annotations: true,
  automountServiceAccountToken: true,
  roleOnly: true,
  attachRoleArn: true,
  overrideExistingServiceAccount: true,
  createNamespace: true,
  kubernetesProvider: true,
  oidcProvider: true,
  additionalOidcProviders: true,
  audience: true,
  stsRegionalEndpoints: true,
  clusterName: true,
  podIdentityTrust: true,
  podIdentityTrustConditions: true,
  podIdentityTrustStatements: true,
  targetRoleArn: true,
  disableSessionTags: true,
  createPodIdentityAgentAddon: true,
  associationTags: true,
  partition: true,
  identity: true,
} as const satisfies Record<ServiceAccountKey, true>;

const EKS_OIDC_PROVIDER_KEYS = {
  issuerUrl: true,
  clusterName: true,
  clientIds: true,
  thumbprints: true,
  tags: true,
  awsProvider: true,
} as const satisfies Record<keyof EksOidcProviderProps, true>;

const FROM_ISSUER_KEYS = {
  issuerUrl: true,
  accountId: true,
  partition: true,
} as const satisfies Record<keyof OidcProviderFromIssuerOptions, true>;

const FROM_CLUSTER_KEYS = {
  accountId: true,
  partition: true,
  awsProvider: true,
} as const satisfies Record<keyof OidcProviderFromClusterOptions, true>;

/** `fromCluster` reads nothing, so it takes no `awsProvider` (refused with its own message). */
const FROM_EKS_CLUSTER_KEYS = { accountId: true, partition: true } as const satisfies Record<
  keyof Omit<OidcProviderFromClusterOptions, 'awsProvider'>,
  true
>;

const MANAGED_POLICY_KEYS = { name: true, path: true, description: true } as const satisfies Record<
  keyof ManagedPolicyOptions,
  true
>;

const TRUST_KEYS = { oidcProvider: true, serviceAccounts: true } as const satisfies Record<
  keyof ServiceAccountTrust,
  true
>;
const POD_IDENTITY_TRUST_KEYS = { clusterName: true, serviceAccounts: true } as const satisfies Record<
  keyof PodIdentityTrust,
  true
>;

/** Names other tools (eksctl, terraform-aws-modules) or a slip give a prop, and the prop they mean. */
const ROLE_OPTION_NAMES: readonly NameOf[] = [
  { name: 'policyArns', key: 'attachPolicyArns' },
  { name: 'managedPolicyArns', key: 'attachPolicyArns' },
  { name: 'attachPolicy', key: 'inlinePolicy' },
  { name: 'policy', key: 'inlinePolicy' },
  { name: 'roleDescription', key: 'description' },
  { name: 'permissionsBoundaryArn', key: 'permissionsBoundary' },
  { name: 'roleTags', key: 'tags' },
  { name: 'createPolicy', key: 'managedPolicy' },
  { name: 'customerManagedPolicy', key: 'managedPolicy' },
  { name: 'addonPolicyName', key: 'addonPolicyNames' },
];

/** A known-keys list: what the object is called in messages, its keys, and other names for them. */
export interface KnownKeys {
  readonly what: string;
  readonly keys: readonly string[];
  readonly names: readonly NameOf[];
}

const known = (what: string, keys: object, names: readonly NameOf[] = []): KnownKeys => ({
  what,
  keys: Object.keys(keys),
  names,
});

export const KNOWN_KEYS = {
  irsaRole: known('an IrsaRole prop', IRSA_ROLE_KEYS, [
    ...ROLE_OPTION_NAMES,
    // IamServiceAccount's props, which IrsaRole takes inside `trust` entries.
    { name: 'oidcProvider', key: 'trust' },
    { name: 'serviceAccountName', key: 'trust' },
    { name: 'serviceAccounts', key: 'trust' },
    { name: 'namespace', key: 'trust' },
  ]),
  iamServiceAccount: known('an IamServiceAccount prop', SERVICE_ACCOUNT_KEYS, [
    ...ROLE_OPTION_NAMES,
    { name: 'roleArn', key: 'attachRoleArn' },
    { name: 'serviceAccountName', key: 'name' },
    { name: 'serviceAccountNamespace', key: 'namespace' },
    { name: 'overrideExistingServiceAccounts', key: 'overrideExistingServiceAccount' },
    { name: 'namespaceCreate', key: 'createNamespace' },
    { name: 'podIdentityAgent', key: 'createPodIdentityAgentAddon' },
    { name: 'installPodIdentityAgent', key: 'createPodIdentityAgentAddon' },
  ]),
  eksOidcProvider: known('an EksOidcProvider prop', EKS_OIDC_PROVIDER_KEYS, [
    { name: 'url', key: 'issuerUrl' },
    { name: 'clientIdList', key: 'clientIds' },
    { name: 'thumbprintList', key: 'thumbprints' },
  ]),
  fromIssuerUrl: known('an option of OidcProvider.fromIssuerUrl', FROM_ISSUER_KEYS, [
    { name: 'url', key: 'issuerUrl' },
    { name: 'account', key: 'accountId' },
  ]),
  fromClusterName: known('an option of OidcProvider.fromClusterName', FROM_CLUSTER_KEYS, [
    { name: 'account', key: 'accountId' },
  ]),
  fromCluster: known('an option of OidcProvider.fromCluster', FROM_EKS_CLUSTER_KEYS, [
    { name: 'account', key: 'accountId' },
  ]),
  managedPolicy: known('an option of managedPolicy', MANAGED_POLICY_KEYS, [
    { name: 'policyName', key: 'name' },
    { name: 'policyPath', key: 'path' },
    { name: 'policyDescription', key: 'description' },
  ]),
  trust: known('a key of a trust entry', TRUST_KEYS, [
    { name: 'provider', key: 'oidcProvider' },
    { name: 'serviceAccount', key: 'serviceAccounts' },
    { name: 'subjects', key: 'serviceAccounts' },
  ]),
  podIdentityTrustCondition: known(
    'a key of a podIdentityTrustConditions entry',
    { test: true, variable: true, values: true },
    [
      { name: 'operator', key: 'test' },
      { name: 'key', key: 'variable' },
    ],
  ),
  trustStatement: known(
    'a key of a podIdentityTrustStatements entry',
    {
      sid: true,
      effect: true,
      actions: true,
      notActions: true,
      principals: true,
      notPrincipals: true,
      conditions: true,
    },
    [
      { name: 'action', key: 'actions' },
      { name: 'principal', key: 'principals' },
      { name: 'condition', key: 'conditions' },
    ],
  ),
  trustPrincipal: known('a key of a trust statement principal', { type: true, identifiers: true }, [
    { name: 'identifier', key: 'identifiers' },
  ]),
  podIdentity: known('a key of a podIdentity entry', POD_IDENTITY_TRUST_KEYS, [
    { name: 'cluster', key: 'clusterName' },
    { name: 'serviceAccount', key: 'serviceAccounts' },
  ]),
} as const;

/**
 * Throws for the first own key of `value` that `known` does not list (keys whose value is `undefined`
 * too: a misspelt key is wrong even when its value is unset). Non-objects and tokens are left to the
 * callers' type checks. `at` prefixes the key in the message: `trust[0].` for an entry.
 */
export function checkKnownKeys(where: string, value: unknown, known: KnownKeys, at = ''): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Token.isUnresolved(value))
    return;
  for (const key of Object.keys(value)) {
    if (known.keys.includes(key)) continue;
    const property = `${at}${key}`;
    const shown = showValue((value as Record<string, unknown>)[key]);
    throw new IrsaValidationError(
      where,
      property,
      `${property} ${truncate(shown)} is invalid: ${key} is not ${known.what}, so it would be ignored.${didYouMean(suggestKey(key, known.keys, known.names))} Known: ${known.keys.join(', ')}.`,
    );
  }
}

/** The value as JSON, or its string form for what JSON cannot show (a construct refers to itself). */
function showValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
