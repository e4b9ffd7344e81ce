/**
 * Edge cases of IamServiceAccount/IrsaRole prop validation that the message-per-error tests leave open:
 * boundaries of the quotas, values that must pass (Deny, legacy Version, single statements, tokens), and
 * the exact message and property of each failure.
 */
import { TerraformVariable } from 'cdktf';
import {
  IamServiceAccount,
  IamServiceAccountProps,
  IrsaRole,
  IrsaRoleProps,
  PolicyDocument,
} from '../../src';
import { policyLength, renderPolicy } from '../../src/policy/document';
import {
  IrsaValidationError,
  validateIamServiceAccountProps,
  validateIrsaRoleProps,
} from '../../src/validation/validate';
import { RULES } from '../../src/validation/rules';
import { ARN_1, provider1, resourcesOf, synthJson, testStack, roleProps } from '../support/stacks';
import { wellKnownGrant } from '../../src/policy/well-known';

const ANY_ASSOCIATION_WARNING_START =
  'podIdentityTrust "any-association" lets every EKS Pod Identity association';

function saProps(extra: Record<string, unknown> = {}): IamServiceAccountProps {
  return { oidcProvider: provider1(), name: 'app', ...extra } as unknown as IamServiceAccountProps;
}
function podProps(extra: Record<string, unknown> = {}): IamServiceAccountProps {
  return {
    identity: 'pod-identity',
    clusterName: 'prod',
    name: 'app',
    ...extra,
  } as unknown as IamServiceAccountProps;
}

function expectSaError(props: IamServiceAccountProps, message: string) {
  const { stack } = testStack();
  expect(() => new IamServiceAccount(stack, 'sa', props)).toThrow(`test/sa: ${message}`);
}
function expectRoleError(extra: Record<string, unknown>, message: string) {
  const { stack } = testStack();
  expect(() => new IrsaRole(stack, 'role', roleProps(extra))).toThrow(`test/role: ${message}`);
}
function roleOk(extra: Record<string, unknown>) {
  const { stack } = testStack();
  expect(() => new IrsaRole(stack, 'role', roleProps(extra))).not.toThrow();
}
/** The property an IrsaValidationError names. */
function failingProperty(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(IrsaValidationError);
    return (e as IrsaValidationError).property;
  }
  throw new Error('expected a validation error');
}
const inline = (doc: unknown) => ({ inlinePolicy: doc });
const STATEMENT = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

describe('IamServiceAccount name and identity', () => {
  test('a missing name is an error, not skipped', () =>
    expectSaError(
      saProps({ name: undefined }),
      `name undefined is invalid: it must be ${RULES.serviceAccountName.allowed}.`,
    ));

  test('identity "pod-identity" with an oidcProvider string reports the conflict, not the provider shape', () =>
    expectSaError(
      podProps({ oidcProvider: ARN_1 }),
      'oidcProvider cannot be combined with identity "pod-identity": it configures IRSA; set identity "both" to use IRSA and Pod Identity.',
    ));

  test('an empty clusterName says Pod Identity needs the cluster', () =>
    expectSaError(
      podProps({ clusterName: '' }),
      `clusterName "" is invalid: it must be ${RULES.eksClusterName.allowed} (identity "pod-identity" needs the cluster for the Pod Identity association).`,
    ));
});

describe('Pod Identity trust scope and session tags', () => {
  test('disableSessionTags is allowed with podIdentityTrust "any-association"', () => {
    const v = validateIamServiceAccountProps(
      'sa',
      podProps({ disableSessionTags: true, podIdentityTrust: 'any-association' }),
    );
    expect(v.identity).toBe('pod-identity');
  });

  test('disableSessionTags with the scoped trust fails on disableSessionTags', () =>
    expect(
      failingProperty(() => validateIamServiceAccountProps('sa', podProps({ disableSessionTags: true }))),
    ).toBe('disableSessionTags'));

  test('"any-association" warns; the scoped default and IRSA do not', () => {
    const any = validateIamServiceAccountProps('sa', podProps({ podIdentityTrust: 'any-association' }));
    expect(any.warnings.filter((w) => w.startsWith(ANY_ASSOCIATION_WARNING_START))).toHaveLength(1);
    const scoped = validateIamServiceAccountProps('sa', podProps());
    expect(scoped.warnings.some((w) => w.startsWith(ANY_ASSOCIATION_WARNING_START))).toBe(false);
    const irsa = validateIamServiceAccountProps('sa', saProps());
    expect(irsa.warnings.some((w) => w.startsWith(ANY_ASSOCIATION_WARNING_START))).toBe(false);
  });

  test('a pod-identity service account trusts pods.eks.amazonaws.com for its cluster and subject only', () => {
    const v = validateIamServiceAccountProps('sa', podProps({ namespace: 'shop' }));
    const text = JSON.stringify(v.trustPolicy);
    expect(text).toContain('pods.eks.amazonaws.com');
    expect(text).not.toContain('Federated');
    expect(text).toContain('"aws:RequestTag/eks-cluster-name":"prod"');
    expect(text).toContain('"aws:RequestTag/kubernetes-namespace":"shop"');
    expect(text).toContain('"aws:RequestTag/kubernetes-service-account":"app"');
  });

  test('attachRoleArn with Pod Identity keeps awsProvider (the association needs it)', () => {
    const v = validateIamServiceAccountProps(
      'sa',
      podProps({ attachRoleArn: 'arn:aws:iam::111122223333:role/existing', awsProvider: {} }),
    );
    expect(v.trustPolicy).toBeUndefined();
  });
});

describe('annotations', () => {
  test('a reserved annotation fails on annotations', () =>
    expect(
      failingProperty(() =>
        validateIamServiceAccountProps('sa', saProps({ annotations: { 'eks.amazonaws.com/role-arn': 'x' } })),
      ),
    ).toBe('annotations'));
});

describe('role options', () => {
  test('a custom audience is the aud condition of the trust policy', () => {
    const v = validateIrsaRoleProps('role', roleProps({ audience: 'my-audience' }));
    expect(JSON.stringify(v.trustPolicy)).toContain('"my-audience"');
    expect(JSON.stringify(v.trustPolicy)).not.toContain('sts.amazonaws.com');
  });

  test('a permissionsBoundary with the wrong case names permissionsBoundary', () =>
    expectRoleError(
      { permissionsBoundary: 'arn:aws:iam::aws:policy/readonlyaccess' },
      'permissionsBoundary "arn:aws:iam::aws:policy/readonlyaccess" is invalid: it must be the ARN of an existing AWS managed policy: this one is arn:aws:iam::aws:policy/ReadOnlyAccess (the path and the case are part of the ARN).',
    ));

  test('trustPolicyMaxLength equal to the trust policy length passes; one less fails on trust', () => {
    const length = policyLength(renderPolicy(validateIrsaRoleProps('role', roleProps()).trustPolicy));
    expect(() => validateIrsaRoleProps('role', roleProps({ trustPolicyMaxLength: length }))).not.toThrow();
    expect(
      failingProperty(() => validateIrsaRoleProps('role', roleProps({ trustPolicyMaxLength: length - 1 }))),
    ).toBe('trust');
  });

  test('a trust policy with tokens is not measured (its length is known at apply)', () => {
    const { stack } = testStack();
    const arn = new TerraformVariable(stack, 'arn', { type: 'string' }).stringValue;
    const issuer = new TerraformVariable(stack, 'issuer', { type: 'string' }).stringValue;
    expect(() =>
      validateIrsaRoleProps('role', {
        trust: [{ oidcProvider: { arn, issuer, partition: 'aws' }, serviceAccounts: ['default:app'] }],
        trustPolicyMaxLength: 1,
      } as unknown as IrsaRoleProps),
    ).not.toThrow();
  });

  test('an oidcProvider whose arn is not a string is rejected', () =>
    expectRoleError(
      {
        trust: [{ oidcProvider: { arn: 123, issuer: 'oidc.example.com' }, serviceAccounts: ['default:app'] }],
      },
      'trust[0].oidcProvider {"arn":123,"issuer":"oidc.example.com"} is invalid: it must be an OidcProvider object, from OidcProvider.fromArn(arn) or OidcProvider.fromIssuerUrl({ issuerUrl, accountId }).',
    ));
});

describe('subjects', () => {
  test('a token subject passes unchecked', () => {
    const { stack } = testStack();
    const sa = new TerraformVariable(stack, 'sa', { type: 'string' }).stringValue;
    expect(() =>
      validateIrsaRoleProps('role', { trust: [{ oidcProvider: provider1(), serviceAccounts: [sa] }] }),
    ).not.toThrow();
  });

  test('a subject that is not a string', () =>
    expectRoleError(
      { trust: [{ oidcProvider: provider1(), serviceAccounts: [42] }] },
      'trust[0].serviceAccounts[0] 42 is invalid: it must be a "namespace:name" string.',
    ));
});

describe('tags', () => {
  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
  test('50 tags (the IAM quota) pass; 51 fail', () => {
    roleOk({ tags: tags(50) });
    expectRoleError(
      { tags: tags(51) },
      'tags "51 tags" is invalid: it must be at most 50 tags per IAM role.',
    );
  });

  test('a token tag key passes unchecked', () => {
    const { stack } = testStack();
    const key = new TerraformVariable(stack, 'key', { type: 'string' }).stringValue;
    expect(() => validateIrsaRoleProps('role', roleProps({ tags: { [key]: 'v' } }))).not.toThrow();
  });
});

describe('attachPolicyArns', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::111122223333:policy/P${i}`);
  test('10 policies (the default quota) do not warn; 11 do', () => {
    const quota = (w: string) => w.startsWith('attachPolicyArns has');
    expect(
      validateIrsaRoleProps('role', roleProps({ attachPolicyArns: many(10) })).warnings.some(quota),
    ).toBe(false);
    expect(
      validateIrsaRoleProps('role', roleProps({ attachPolicyArns: many(11) })).warnings.some(quota),
    ).toBe(true);
  });

  test('the same token twice is not reported as a duplicate (tokens pass unchecked)', () => {
    const { stack } = testStack();
    const arn = new TerraformVariable(stack, 'arn', { type: 'string' }).stringValue;
    expect(() => validateIrsaRoleProps('role', roleProps({ attachPolicyArns: [arn, arn] }))).not.toThrow();
  });
});

describe('inlinePolicy', () => {
  test('a number is not a policy document', () =>
    expectRoleError(
      inline(42),
      'inlinePolicy 42 is invalid: it must be an IAM policy document object with Version and Statement.',
    ));
  test('null is not a policy document', () =>
    expectRoleError(
      inline(null),
      'inlinePolicy null is invalid: it must be an IAM policy document object with Version and Statement.',
    ));
  test('the legacy Version "2008-10-17" is accepted', () =>
    roleOk(inline({ Version: '2008-10-17', Statement: [STATEMENT] })));
  test('a single statement object (not a list) is accepted', () =>
    roleOk(inline({ Version: '2012-10-17', Statement: STATEMENT })));
  test('a missing Statement', () =>
    expectRoleError(
      inline({ Version: '2012-10-17' }),
      'inlinePolicy.Statement undefined is invalid: it must be a non-empty list of statements.',
    ));
  test('a Deny statement is accepted', () =>
    roleOk(inline({ Version: '2012-10-17', Statement: [STATEMENT, { ...STATEMENT, Effect: 'Deny' }] })));
  test('a null statement', () =>
    expectRoleError(
      inline({ Version: '2012-10-17', Statement: [null] }),
      'inlinePolicy.Statement[0] null is invalid: it must be a statement object with Effect, Action and Resource.',
    ));
  test('an empty Action list', () =>
    expectRoleError(
      inline({ Version: '2012-10-17', Statement: [{ ...STATEMENT, Action: [] }] }),
      'inlinePolicy.Statement[0].Action [] is invalid: it must be a non-empty list.',
    ));
  test('an empty NotAction list names NotAction', () =>
    expectRoleError(
      inline({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: [], Resource: '*' }] }),
      'inlinePolicy.Statement[0].NotAction [] is invalid: it must be a non-empty list.',
    ));
  test('exactly 10,240 characters (the IAM quota, without white space) pass; one more fails', () => {
    const doc = (n: number): PolicyDocument => ({
      Version: '2012-10-17',
      Statement: [{ ...STATEMENT, Resource: `arn:aws:s3:::${'a'.repeat(n)}` }] as PolicyDocument['Statement'],
    });
    const base = policyLength(JSON.stringify(doc(0)));
    roleOk(inline(doc(10240 - base)));
    expectRoleError(
      inline(doc(10241 - base)),
      'inlinePolicy "10241 characters" is invalid: it must be at most 10240 characters without white space (the IAM quota for a role\'s inline policies); split it into managed policies.',
    );
  });
});

describe('inline policy total with the add-ons (10,240 characters per role)', () => {
  const doc = (n: number, resource = 'arn:aws:s3:::'): PolicyDocument => ({
    Version: '2012-10-17',
    Statement: [{ ...STATEMENT, Resource: `${resource}${'a'.repeat(n)}` }] as PolicyDocument['Statement'],
  });
  const padTo = (length: number) => doc(length - policyLength(JSON.stringify(doc(0))));
  const autoscalerLength = policyLength(
    renderPolicy({
      Version: '2012-10-17',
      Statement: wellKnownGrant({ clusterAutoscaler: true }, 'aws').statements,
    }),
  );

  test('inlinePolicy plus an add-on at exactly the quota pass; one character more fails', () => {
    const wellKnownPolicies = { clusterAutoscaler: true };
    expect(() =>
      validateIrsaRoleProps(
        'role',
        roleProps({ wellKnownPolicies, inlinePolicy: padTo(10240 - autoscalerLength) }),
      ),
    ).not.toThrow();
    const own = 10241 - autoscalerLength;
    expectRoleError(
      { wellKnownPolicies, inlinePolicy: padTo(own) },
      `wellKnownPolicies "10241 characters" is invalid: it must be at most 10240 characters of inline policy per role, without white space, together with inlinePolicy (${own}): split the add-ons across roles (their sizes: clusterAutoscaler ${autoscalerLength}).`,
    );
  });

  test('add-on policies with tokens (a partition known at apply) are not summed', () => {
    const { stack } = testStack();
    const partition = new TerraformVariable(stack, 'partition', { type: 'string' }).stringValue;
    // certManager's ARNs carry the partition token; clusterAutoscaler's "*" resources do not.
    expect(() =>
      validateIrsaRoleProps('role', {
        podIdentity: [{ clusterName: 'prod', serviceAccounts: ['default:app'] }],
        partition,
        wellKnownPolicies: { certManager: true, clusterAutoscaler: true },
        inlinePolicy: padTo(10000),
      }),
    ).not.toThrow();
  });

  test('an inline policy with tokens and no add-ons is not measured', () => {
    const { stack } = testStack();
    const bucket = new TerraformVariable(stack, 'bucket', { type: 'string' }).stringValue;
    expect(() =>
      validateIrsaRoleProps('role', roleProps({ inlinePolicy: doc(11000, `arn:aws:s3:::${bucket}/`) })),
    ).not.toThrow();
  });
});

test('attachPolicyArns given as one unresolved value passes unchecked', () => {
  const { stack } = testStack();
  const arns = new TerraformVariable(stack, 'arns', { type: 'list(string)' }).value as unknown as string[];
  expect(() => validateIrsaRoleProps('role', roleProps({ attachPolicyArns: arns }))).not.toThrow();
});

test('stsRegionalEndpoints sets the eks.amazonaws.com/sts-regional-endpoints annotation', () => {
  const { stack } = testStack();
  new IamServiceAccount(stack, 'sa', saProps({ stsRegionalEndpoints: true }));
  const [sa] = resourcesOf(synthJson(stack), 'kubernetes_service_account_v1') as {
    metadata: { annotations: Record<string, string> };
  }[];
  expect(sa.metadata.annotations['eks.amazonaws.com/sts-regional-endpoints']).toBe('true');
});
