/**
 * Where each validation rule applies in the constructs' props, and how to try a value there, in two
 * layers: the pure prop validators of src/validation (with a plain object as the OIDC provider) and the
 * constructs themselves. The vectors (accepted and refused values) come from test/support/rule-vectors.ts.
 */
import {
  IamServiceAccount,
  IamServiceAccountProps,
  IrsaRole,
  IrsaRoleProps,
  OidcProvider,
  WellKnownPolicies,
} from '../../src';
import {
  IrsaValidationError,
  validateIamServiceAccountProps,
  validateIrsaRoleProps,
} from '../../src/validation/validate';
import { ARN_1, ISSUER_1, provider1, testStack } from './stacks';
import * as V from './rule-vectors';

export type Layer = 'validator' | 'construct';

/** A duck-typed OIDC provider: the validators read only these three fields. */
const PLAIN_PROVIDER = { arn: ARN_1, issuer: ISSUER_1, partition: 'aws' } as unknown as OidcProvider;

function attemptRole(layer: Layer, extra: Partial<IrsaRoleProps>, subjects = ['default:app']): void {
  if (layer === 'validator') {
    validateIrsaRoleProps('p', {
      trust: [{ oidcProvider: PLAIN_PROVIDER, serviceAccounts: subjects }],
      ...extra,
    });
  } else {
    const { stack } = testStack();
    new IrsaRole(stack, 'r', { trust: [{ oidcProvider: provider1(), serviceAccounts: subjects }], ...extra });
  }
}

function attemptSa(layer: Layer, extra: Record<string, unknown>): void {
  if (layer === 'validator') {
    validateIamServiceAccountProps('p', {
      oidcProvider: PLAIN_PROVIDER,
      name: 'app',
      ...extra,
    } as IamServiceAccountProps);
  } else {
    const { stack } = testStack();
    new IamServiceAccount(stack, 's', {
      oidcProvider: provider1(),
      name: 'app',
      ...extra,
    } as IamServiceAccountProps);
  }
}

/** One place a rule applies: how to try a value there, and the property a refusal must name (a prefix). */
export interface Use<T> {
  readonly label: string;
  readonly property: string;
  readonly attempt: (layer: Layer, value: T) => void;
}

const roleProp =
  <K extends keyof IrsaRoleProps>(key: K) =>
  (layer: Layer, value: unknown) =>
    attemptRole(layer, { [key]: value } as Partial<IrsaRoleProps>);
const saProp =
  <K extends keyof IamServiceAccountProps>(key: K) =>
  (layer: Layer, value: unknown) =>
    attemptSa(layer, { [key]: value } as Partial<IamServiceAccountProps>);
const wellKnown = (policies: WellKnownPolicies) => (layer: Layer) =>
  attemptRole(layer, { wellKnownPolicies: policies });

const SUBJECT = 'trust[0].serviceAccounts[0]';

/** With a statement for the managed policy to hold. */
const managed = (option: 'name' | 'path' | 'description') => (layer: Layer, value: string) =>
  attemptRole(layer, {
    inlinePolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    },
    managedPolicy: { [option]: value },
  });

export const STRING_USES: [string, V.StringVectors, Use<string>[]][] = [
  [
    'namespace (DNS-1123 label)',
    V.DNS_LABEL,
    [
      { label: 'IamServiceAccount namespace', property: 'namespace', attempt: saProp('namespace') },
      {
        label: 'IrsaRole subject namespace',
        property: SUBJECT,
        attempt: (l, v) => attemptRole(l, {}, [`${v}:app`]),
      },
    ],
  ],
  [
    'serviceAccountName (DNS-1123 subdomain)',
    V.DNS_SUBDOMAIN,
    [
      { label: 'IamServiceAccount name', property: 'name', attempt: saProp('name') },
      {
        label: 'IrsaRole subject name',
        property: SUBJECT,
        attempt: (l, v) => attemptRole(l, {}, [`default:${v}`]),
      },
    ],
  ],
  [
    'wildcardNamespace',
    V.WILDCARD_NAMESPACE,
    [
      {
        label: 'IrsaRole wildcard namespace',
        property: SUBJECT,
        attempt: (l, v) => attemptRole(l, { allowWildcardSubjects: true }, [`${v}:app`]),
      },
    ],
  ],
  [
    'wildcardServiceAccountName',
    V.WILDCARD_SERVICE_ACCOUNT_NAME,
    [
      {
        label: 'IrsaRole wildcard name',
        property: SUBJECT,
        attempt: (l, v) => attemptRole(l, { allowWildcardSubjects: true }, [`default:${v}`]),
      },
    ],
  ],
  [
    'metadataKey (qualified name)',
    V.QUALIFIED_NAME,
    [
      {
        label: 'labels key',
        property: 'labels key',
        attempt: (l, v) => attemptSa(l, { labels: { [v]: 'x' } }),
      },
      {
        label: 'annotations key',
        property: 'annotations key',
        attempt: (l, v) => attemptSa(l, { annotations: { [v]: 'x' } }),
      },
    ],
  ],
  [
    'labelValue',
    V.LABEL_VALUE,
    [
      {
        label: 'labels value',
        property: 'labels["k"]',
        attempt: (l, v) => attemptSa(l, { labels: { k: v } }),
      },
    ],
  ],
  [
    'roleName',
    V.ROLE_NAME,
    [
      { label: 'IrsaRole roleName', property: 'roleName', attempt: roleProp('roleName') },
      { label: 'IamServiceAccount roleName', property: 'roleName', attempt: saProp('roleName') },
    ],
  ],
  [
    'roleNamePrefix',
    V.ROLE_NAME_PREFIX,
    [{ label: 'IrsaRole roleNamePrefix', property: 'roleNamePrefix', attempt: roleProp('roleNamePrefix') }],
  ],
  [
    'policyName',
    V.POLICY_NAME,
    [
      {
        label: 'IrsaRole inlinePolicyName',
        property: 'inlinePolicyName',
        attempt: roleProp('inlinePolicyName'),
      },
      { label: 'IrsaRole managedPolicy.name', property: 'managedPolicy.name', attempt: managed('name') },
      {
        label: 'IrsaRole addonPolicyNames',
        property: 'addonPolicyNames.certManager',
        attempt: (l, v) =>
          attemptRole(l, { wellKnownPolicies: { certManager: true }, addonPolicyNames: { certManager: v } }),
      },
    ],
  ],
  [
    'rolePath',
    V.ROLE_PATH,
    [
      { label: 'IrsaRole rolePath', property: 'rolePath', attempt: roleProp('rolePath') },
      { label: 'IrsaRole managedPolicy.path', property: 'managedPolicy.path', attempt: managed('path') },
    ],
  ],
  [
    'description',
    V.DESCRIPTION,
    [
      { label: 'IrsaRole description', property: 'description', attempt: roleProp('description') },
      {
        label: 'IrsaRole managedPolicy.description',
        property: 'managedPolicy.description',
        attempt: managed('description'),
      },
    ],
  ],
  [
    'policyArn',
    V.POLICY_ARN,
    [
      {
        label: 'permissionsBoundary',
        property: 'permissionsBoundary',
        attempt: roleProp('permissionsBoundary'),
      },
      {
        label: 'attachPolicyArns',
        property: 'attachPolicyArns[0]',
        attempt: (l, v) => attemptRole(l, { attachPolicyArns: [v] }),
      },
    ],
  ],
  [
    'roleArn',
    V.ROLE_ARN,
    [
      {
        label: 'IamServiceAccount attachRoleArn',
        property: 'attachRoleArn',
        attempt: saProp('attachRoleArn'),
      },
    ],
  ],
  [
    'hostedZoneId',
    V.HOSTED_ZONE_ID,
    [
      {
        label: 'externalDns hostedZoneIds',
        property: 'wellKnownPolicies.externalDns.hostedZoneIds[0]',
        attempt: (l, v) => wellKnown({ externalDns: { hostedZoneIds: [v] } })(l),
      },
      {
        label: 'certManager hostedZoneIds',
        property: 'wellKnownPolicies.certManager.hostedZoneIds[0]',
        attempt: (l, v) => wellKnown({ certManager: { hostedZoneIds: [v] } })(l),
      },
    ],
  ],
  [
    'eksClusterName',
    V.EKS_CLUSTER_NAME,
    [
      {
        label: 'clusterAutoscaler clusterNames',
        property: 'wellKnownPolicies.clusterAutoscaler.clusterNames[0]',
        attempt: (l, v) => wellKnown({ clusterAutoscaler: { clusterNames: [v] } })(l),
      },
    ],
  ],
  [
    'audience',
    V.AUDIENCE,
    [
      { label: 'IrsaRole audience', property: 'audience', attempt: roleProp('audience') },
      { label: 'IamServiceAccount audience', property: 'audience', attempt: saProp('audience') },
      {
        label: 'IamServiceAccount audience with attachRoleArn',
        property: 'audience',
        attempt: (l, v) => attemptSa(l, { audience: v, attachRoleArn: 'arn:aws:iam::111122223333:role/x' }),
      },
    ],
  ],
  [
    'tagKey',
    V.TAG_KEY,
    [{ label: 'tags key', property: 'tags key', attempt: (l, v) => attemptRole(l, { tags: { [v]: 'x' } }) }],
  ],
  [
    'tagValue',
    V.TAG_VALUE,
    [{ label: 'tags value', property: 'tags["k"]', attempt: (l, v) => attemptRole(l, { tags: { k: v } }) }],
  ],
];

export const NUMBER_USES: [string, V.NumberVectors, Use<number>[]][] = [
  [
    'maxSessionDuration',
    V.MAX_SESSION_DURATION,
    [
      {
        label: 'IrsaRole maxSessionDuration',
        property: 'maxSessionDuration',
        attempt: roleProp('maxSessionDuration'),
      },
    ],
  ],
  [
    'trustPolicyMaxLength',
    V.TRUST_POLICY_MAX_LENGTH,
    [
      {
        label: 'IrsaRole trustPolicyMaxLength',
        property: 'trustPolicyMaxLength',
        attempt: roleProp('trustPolicyMaxLength'),
      },
    ],
  ],
];

/** What happened to one value: undefined when accepted, else the refused property. */
function outcome<T>(use: Use<T>, layer: Layer, value: T): { refused?: string; error?: string } {
  try {
    use.attempt(layer, value);
    return {};
  } catch (e) {
    if (e instanceof IrsaValidationError) return { refused: e.property, error: e.message };
    return { refused: '(not an IrsaValidationError)', error: String(e) };
  }
}

/** Every mismatch between the vectors and what `use` did, as readable lines (empty when all agree). */
export function mismatches<T>(
  vectors: { accept: readonly T[]; refuse: readonly T[] },
  use: Use<T>,
  layer: Layer,
): string[] {
  const out: string[] = [];
  for (const value of vectors.accept) {
    const got = outcome(use, layer, value);
    if (got.refused !== undefined) out.push(`accept ${JSON.stringify(value)}: refused: ${got.error}`);
  }
  for (const value of vectors.refuse) {
    const got = outcome(use, layer, value);
    if (got.refused === undefined) out.push(`refuse ${JSON.stringify(value)}: accepted`);
    else if (!got.refused.startsWith(use.property))
      out.push(
        `refuse ${JSON.stringify(value)}: refused for ${got.refused}, not ${use.property}: ${got.error}`,
      );
  }
  return out;
}
