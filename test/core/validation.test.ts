/**
 * One test per validation message: each names the construct path, the prop, the bad value and what is
 * allowed, and a failed construction leaves nothing in the tree.
 */
import { TerraformVariable, Token } from 'cdktf';
import {
  IamServiceAccount,
  IamServiceAccountProps,
  IrsaRole,
  IrsaRoleProps,
  OidcProvider,
  PolicyDocument,
} from '../../src';
import { ARN_1, ARN_2, provider1, provider2, synthJson, testStack, roleProps } from '../support/stacks';

const POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
};

function saProps(extra: Partial<IamServiceAccountProps> = {}): IamServiceAccountProps {
  return { oidcProvider: provider1(), name: 'app', ...extra } as IamServiceAccountProps;
}

/** Constructs, expects exactly `message`, and checks nothing was added to the stack. */
function expectRoleError(extra: Partial<IrsaRoleProps>, message: string) {
  const { stack } = testStack();
  expect(() => new IrsaRole(stack, 'role', roleProps(extra))).toThrow(`test/role: ${message}`);
  expect(stack.node.children.length).toBe(0);
}

function expectSaError(extra: Partial<IamServiceAccountProps>, message: string) {
  const { stack } = testStack();
  expect(() => new IamServiceAccount(stack, 'sa', saProps(extra))).toThrow(`test/sa: ${message}`);
  expect(stack.node.children.length).toBe(0);
}

const many = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::111122223333:policy/P${i}`);

describe('IrsaRole validation messages', () => {
  test('trust empty', () =>
    expectRoleError(
      { trust: [] },
      'trust [] is invalid: it must be a non-empty list of { oidcProvider, serviceAccounts } entries (or give podIdentity entries for EKS Pod Identity).',
    ));
  test('serviceAccounts empty', () =>
    expectRoleError(
      { trust: [{ oidcProvider: provider1(), serviceAccounts: [] }] },
      'trust[0].serviceAccounts [] is invalid: it must be a non-empty list of "namespace:name" strings.',
    ));
  test('subject without a colon', () =>
    expectRoleError(
      { trust: [{ oidcProvider: provider1(), serviceAccounts: ['app'] }] },
      'trust[0].serviceAccounts[0] "app" is invalid: it must be a "namespace:name" string with exactly one ":".',
    ));
  test('wildcard without allowWildcardSubjects', () =>
    expectRoleError(
      { trust: [{ oidcProvider: provider1(), serviceAccounts: ['team-*:app'] }] },
      'trust[0].serviceAccounts[0] "team-*:app" is invalid: it must be an exact "namespace:name" (it has a wildcard "*" or "?"; set allowWildcardSubjects to match with StringLike).',
    ));
  test('bad namespace in a subject', () =>
    expectRoleError(
      { trust: [{ oidcProvider: provider1(), serviceAccounts: ['Kube_System:app'] }] },
      'trust[0].serviceAccounts[0] namespace "Kube_System" is invalid: it must be a DNS-1123 label',
    ));
  test('bad name in a subject', () =>
    expectRoleError(
      { trust: [{ oidcProvider: provider1(), serviceAccounts: ['ns:-app'] }] },
      'trust[0].serviceAccounts[0] name "-app" is invalid: it must be a DNS-1123 subdomain',
    ));
  test('bad wildcard pattern', () =>
    expectRoleError(
      { allowWildcardSubjects: true, trust: [{ oidcProvider: provider1(), serviceAccounts: ['ns:App*'] }] },
      'trust[0].serviceAccounts[0] name "App*" is invalid: it must be a service-account name pattern',
    ));
  test('duplicate subject', () =>
    expectRoleError(
      { trust: [{ oidcProvider: provider1(), serviceAccounts: ['ns:a', 'ns:a'] }] },
      'trust[0].serviceAccounts "ns:a" is invalid: it must be a list without duplicates (this one is listed twice).',
    ));
  test('duplicate provider', () =>
    expectRoleError(
      {
        trust: [
          { oidcProvider: provider1(), serviceAccounts: ['ns:a'] },
          { oidcProvider: provider1(), serviceAccounts: ['ns:b'] },
        ],
      },
      `trust "${ARN_1}" is invalid: it must be one entry per OIDC provider`,
    ));
  test('role name', () =>
    expectRoleError(
      { roleName: 'bad name' },
      'roleName "bad name" is invalid: it must be 1 to 64 letters, digits or any of + = , . @ _ -.',
    ));
  test('role name too long', () =>
    expectRoleError({ roleName: 'r'.repeat(65) }, `roleName "${'r'.repeat(65)}" is invalid`));
  test('role name prefix', () =>
    expectRoleError(
      { roleNamePrefix: 'p'.repeat(39) },
      `roleNamePrefix "${'p'.repeat(39)}" is invalid: it must be 1 to 38`,
    ));
  test('role name with prefix', () =>
    expectRoleError(
      { roleName: 'a', roleNamePrefix: 'b' },
      'roleNamePrefix cannot be combined with roleName: a role has either a fixed name or a generated one with a prefix.',
    ));
  test('role path', () =>
    expectRoleError(
      { rolePath: 'irsa/' },
      'rolePath "irsa/" is invalid: it must be "/" or a path that starts and ends with "/"',
    ));
  test('permissions boundary', () =>
    expectRoleError(
      { permissionsBoundary: 'arn:aws:iam::123:policy/x' },
      'permissionsBoundary "arn:aws:iam::123:policy/x" is invalid: it must be an IAM policy ARN',
    ));
  test('max session duration', () =>
    expectRoleError(
      { maxSessionDuration: 60 },
      'maxSessionDuration 60 is invalid: it must be a whole number of seconds from 3600 (1 hour) to 43200 (12 hours).',
    ));
  test('description', () => expectRoleError({ description: 'x'.repeat(1001) }, 'description "xxx'));
  test('audience', () =>
    expectRoleError(
      { audience: 'has space' },
      'audience "has space" is invalid: it must be 1 to 255 printable ASCII characters without spaces.',
    ));
  test('too many tags', () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expectRoleError({ tags }, 'tags "51 tags" is invalid: it must be at most 50 tags per IAM role.');
  });
  test('tag key', () => expectRoleError({ tags: { 'aws:owner': 'me' } }, 'tags key "aws:owner" is invalid'));
  test('tag value', () => expectRoleError({ tags: { owner: 'x'.repeat(257) } }, 'tags["owner"] "xxx'));
  test('policy ARN', () =>
    expectRoleError(
      { attachPolicyArns: ['AmazonS3ReadOnlyAccess'] },
      'attachPolicyArns[0] "AmazonS3ReadOnlyAccess" is invalid: it must be an IAM policy ARN',
    ));
  test('duplicate policy ARN', () =>
    expectRoleError(
      { attachPolicyArns: ['arn:aws:iam::aws:policy/A', 'arn:aws:iam::aws:policy/A'] },
      'attachPolicyArns "arn:aws:iam::aws:policy/A" is invalid: it must be a list without duplicates (this ARN is listed twice).',
    ));
  test('more than 20 policies', () =>
    expectRoleError(
      { attachPolicyArns: many(21) },
      'attachPolicyArns "21 policies" is invalid: it must be at most 20 managed policies',
    ));
  test('inline policy not JSON', () =>
    expectRoleError(
      { inlinePolicy: '{nope' },
      'inlinePolicy "{nope" is invalid: it must be an IAM policy document object or its JSON text (this is not valid JSON).',
    ));
  test('inline policy not an object', () =>
    expectRoleError(
      { inlinePolicy: '[1]' },
      'inlinePolicy [1] is invalid: it must be an IAM policy document object with Version and Statement.',
    ));
  test('inline policy Version', () =>
    expectRoleError(
      { inlinePolicy: { ...POLICY, Version: '2020-01-01' as PolicyDocument['Version'] } },
      'inlinePolicy.Version "2020-01-01" is invalid: it must be "2012-10-17" (or the legacy "2008-10-17").',
    ));
  test('inline policy empty Statement', () =>
    expectRoleError(
      { inlinePolicy: { Version: '2012-10-17', Statement: [] } },
      'inlinePolicy.Statement [] is invalid: it must be a non-empty list of statements.',
    ));
  test('statement not an object', () =>
    expectRoleError(
      { inlinePolicy: JSON.stringify({ Version: '2012-10-17', Statement: ['x'] }) },
      'inlinePolicy.Statement[0] "x" is invalid: it must be a statement object with Effect, Action and Resource.',
    ));
  test('statement Effect', () =>
    expectRoleError(
      {
        inlinePolicy: {
          Version: '2012-10-17',
          Statement: [{ ...POLICY.Statement[0], Effect: 'allow' as 'Allow' }],
        },
      },
      'inlinePolicy.Statement[0].Effect "allow" is invalid: it must be "Allow" or "Deny".',
    ));
  test('statement without Action', () =>
    expectRoleError(
      { inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] } },
      'inlinePolicy.Statement[0].Action undefined is invalid: it must be given, or NotAction given instead (exactly one of the two).',
    ));
  test('statement with an empty Action list', () =>
    expectRoleError(
      {
        inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] },
      },
      'inlinePolicy.Statement[0].Action [] is invalid: it must be a non-empty list.',
    ));
  test('statement with a malformed action', () =>
    expectRoleError(
      {
        inlinePolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3 GetObject', Resource: '*' }],
        },
      },
      'inlinePolicy.Statement[0].Action "s3 GetObject" is invalid: it must be "*" or "service:Action" (wildcards allowed).',
    ));
  test('statement without Resource', () =>
    expectRoleError(
      { inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] } },
      'inlinePolicy.Statement[0].Resource undefined is invalid: it must be given, or NotResource given instead',
    ));
  test('statement with a Principal', () =>
    expectRoleError(
      { inlinePolicy: { Version: '2012-10-17', Statement: [{ ...POLICY.Statement[0], Principal: '*' }] } },
      'inlinePolicy.Statement[0].Principal "*" is invalid: it must be absent',
    ));
  test('inline policy over the quota', () => {
    const Resource = Array.from({ length: 400 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`);
    expectRoleError(
      {
        inlinePolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource }],
        },
      },
      `inlinePolicy "13984 characters" is invalid: it must be at most 10240 characters without white space (the IAM quota for a role's inline policies); split it into managed policies.`,
    );
  });
  test('inline policy name', () =>
    expectRoleError(
      { inlinePolicyName: 'has space' },
      'inlinePolicyName "has space" is invalid: it must be 1 to 128',
    ));
  test('well-known hosted zone ID', () =>
    expectRoleError(
      { wellKnownPolicies: { externalDns: { hostedZoneIds: ['/hostedzone/Z1'] } } },
      'wellKnownPolicies.externalDns.hostedZoneIds[0] "/hostedzone/Z1" is invalid: it must be a Route 53 hosted-zone ID',
    ));
  test('well-known empty hosted zone list', () =>
    expectRoleError(
      { wellKnownPolicies: { certManager: { hostedZoneIds: [] } } },
      'wellKnownPolicies.certManager.hostedZoneIds [] is invalid: it must be a non-empty list (leave it out instead).',
    ));
  test('well-known cluster name', () =>
    expectRoleError(
      { wellKnownPolicies: { clusterAutoscaler: { clusterNames: ['-bad'] } } },
      'wellKnownPolicies.clusterAutoscaler.clusterNames[0] "-bad" is invalid: it must be an EKS cluster name',
    ));
  test('a managed policy both attached and well-known', () =>
    expectRoleError(
      {
        wellKnownPolicies: { vpcCni: true },
        attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy'],
      },
      'attachPolicyArns "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy" is invalid: it must be a list without the managed policies wellKnownPolicies attaches already.',
    ));
  test('well-known managed policies count towards the 20-policy maximum', () =>
    expectRoleError(
      { wellKnownPolicies: { vpcCni: true }, attachPolicyArns: many(20) },
      'attachPolicyArns "21 policies" is invalid: it must be at most 20 managed policies',
    ));
  test('trust policy max length prop', () =>
    expectRoleError(
      { trustPolicyMaxLength: 9000 },
      'trustPolicyMaxLength 9000 is invalid: it must be a whole number from 1 to 8192',
    ));
  test('trust policy over the quota', () => {
    const serviceAccounts = Array.from({ length: 40 }, (_, i) => `namespace-${i}:service-account-${i}`);
    const { stack } = testStack();
    expect(
      () =>
        new IrsaRole(stack, 'role', roleProps({ trust: [{ oidcProvider: provider1(), serviceAccounts }] })),
    ).toThrow(
      /test\/role: the trust policy is \d+ characters long \(without white space\), over the account's quota of 2048: .*ask AWS Support to raise the "Role trust policy length" quota \(up to 8,192\) and set trustPolicyMaxLength\./,
    );
    expect(stack.node.children.length).toBe(0);
  });
  test('a raised quota admits the longer trust policy', () => {
    const serviceAccounts = Array.from({ length: 40 }, (_, i) => `namespace-${i}:service-account-${i}`);
    const { stack } = testStack();
    new IrsaRole(
      stack,
      'role',
      roleProps({ trustPolicyMaxLength: 8192, trust: [{ oidcProvider: provider1(), serviceAccounts }] }),
    );
    expect(stack.node.children.length).toBe(1);
  });
});

describe('warnings', () => {
  test.each([
    ['apps:*', 'admits every service account in namespace apps'],
    ['*:api', 'admits every service account named that in every namespace'],
    ['*:*', 'admits every service account named that in every namespace (the whole cluster)'],
  ])('a wildcard covering %s warns', (subject, message) => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', {
      allowWildcardSubjects: true,
      trust: [{ oidcProvider: provider1(), serviceAccounts: [subject] }],
    });
    const warnings = role.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual([expect.stringContaining(message)]);
  });
  test('a narrower pattern does not warn', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', {
      allowWildcardSubjects: true,
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['apps:worker-*'] }],
    });
    expect(role.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });
});

describe('IamServiceAccount validation messages', () => {
  test('name', () =>
    expectSaError({ name: 'My_App' }, 'name "My_App" is invalid: it must be a DNS-1123 subdomain'));
  test('empty name', () =>
    expectSaError({ name: '' }, 'name "" is invalid: it must be a DNS-1123 subdomain'));
  test('name over 253', () =>
    expectSaError({ name: 'a'.repeat(254) }, `name "${'a'.repeat(254)}" is invalid`));
  test('namespace', () =>
    expectSaError(
      { namespace: 'a.b' },
      'namespace "a.b" is invalid: it must be a DNS-1123 label: 1 to 63 lowercase letters, digits or "-", starting and ending with a letter or digit.',
    ));
  test('namespace over 63', () =>
    expectSaError({ namespace: 'a'.repeat(64) }, `namespace "${'a'.repeat(64)}" is invalid`));
  test('missing oidcProvider', () =>
    expectSaError(
      { oidcProvider: undefined as unknown as OidcProvider },
      'oidcProvider undefined is invalid: it must be an OidcProvider (identity "irsa", the default, needs one; for EKS Pod Identity set identity "pod-identity" and clusterName).',
    ));
  test('roleOnly with overrideExistingServiceAccount', () =>
    expectSaError(
      { roleOnly: true, overrideExistingServiceAccount: true },
      'roleOnly cannot be combined with overrideExistingServiceAccount: roleOnly creates no ServiceAccount, so there is none to override.',
    ));
  test('roleOnly with attachRoleArn', () =>
    expectSaError(
      { roleOnly: true, attachRoleArn: 'arn:aws:iam::111122223333:role/x' },
      'roleOnly cannot be combined with attachRoleArn: with an existing role and no ServiceAccount there is nothing to create.',
    ));
  test.each(['labels', 'annotations', 'automountServiceAccountToken', 'stsRegionalEndpoints'] as const)(
    'roleOnly with %s',
    (key) => {
      const value = key === 'labels' || key === 'annotations' ? { a: 'b' } : true;
      expectSaError(
        { roleOnly: true, [key]: value },
        `${key} cannot be combined with roleOnly: roleOnly creates no ServiceAccount to set it on.`,
      );
    },
  );
  test('overrideExistingServiceAccount with automountServiceAccountToken', () =>
    expectSaError(
      { overrideExistingServiceAccount: true, automountServiceAccountToken: false },
      'automountServiceAccountToken cannot be combined with overrideExistingServiceAccount: an existing ServiceAccount is only annotated and labelled, not otherwise changed.',
    ));
  test('label key', () =>
    expectSaError(
      { labels: { 'bad key': 'v' } },
      'labels key "bad key" is invalid: it must be a qualified name',
    ));
  test('label key prefix over 253', () =>
    expectSaError({ labels: { [`${'a'.repeat(254)}/x`]: 'v' } }, 'labels key "aaa'));
  test('label value', () =>
    expectSaError(
      { labels: { app: 'has space' } },
      'labels["app"] "has space" is invalid: it must be empty, or 1 to 63 letters',
    ));
  test('annotation key', () =>
    expectSaError(
      { annotations: { '-bad': 'v' } },
      'annotations key "-bad" is invalid: it must be a qualified name',
    ));
  test('reserved role-arn annotation', () =>
    expectSaError(
      { annotations: { 'eks.amazonaws.com/role-arn': 'x' } },
      'annotations "eks.amazonaws.com/role-arn" is set by this construct and cannot be given: use attachRoleArn to use an existing role.',
    ));
  test('reserved audience annotation', () =>
    expectSaError(
      { annotations: { 'eks.amazonaws.com/audience': 'x' } },
      'annotations "eks.amazonaws.com/audience" is set by this construct and cannot be given: use the audience prop.',
    ));
  test('attachRoleArn', () =>
    expectSaError(
      { attachRoleArn: 'arn:aws:iam::111122223333:policy/x' },
      'attachRoleArn "arn:aws:iam::111122223333:policy/x" is invalid: it must be an IAM role ARN',
    ));
  test.each([
    ['roleName', 'r'],
    ['roleNamePrefix', 'r'],
    ['rolePath', '/x/'],
    ['permissionsBoundary', 'arn:aws:iam::aws:policy/B'],
    ['maxSessionDuration', 7200],
    ['description', 'd'],
    ['tags', { a: 'b' }],
    ['attachPolicyArns', ['arn:aws:iam::aws:policy/A']],
    ['inlinePolicy', POLICY],
    ['inlinePolicyName', 'p'],
    ['wellKnownPolicies', { vpcCni: true }],
    ['trustPolicyMaxLength', 4096],
    ['additionalOidcProviders', [provider2()]],
  ])('attachRoleArn with %s', (key, value) =>
    expectSaError(
      { attachRoleArn: 'arn:aws:iam::111122223333:role/existing', [key]: value },
      `${key} cannot be combined with attachRoleArn: the attached role is managed elsewhere and no role is created.`,
    ),
  );
  test('additional provider equal to the main one', () =>
    expectSaError(
      { additionalOidcProviders: [provider1()] },
      `additionalOidcProviders "${ARN_1}" is invalid: it must be OIDC providers other than oidcProvider and each other.`,
    ));
  test('role checks apply to IamServiceAccount too', () =>
    expectSaError({ maxSessionDuration: 50000 }, 'maxSessionDuration 50000 is invalid'));
  test('over 10 policies warns, does not fail', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', saProps({ attachPolicyArns: many(11) }));
    const warnings = sa.node.metadata.filter((m) => m.type === '@cdktf/warn');
    expect(warnings.map((w) => w.data)).toEqual([
      expect.stringContaining('attachPolicyArns has 11 policies, over the default quota of 10'),
    ]);
  });
});

describe('OidcProvider', () => {
  test('fromArn refuses a malformed ARN', () => {
    expect(() => OidcProvider.fromArn('arn:aws:iam::111122223333:role/x')).toThrow(
      'OidcProvider.fromArn: arn "arn:aws:iam::111122223333:role/x" is invalid: it must be an IAM OIDC provider ARN',
    );
  });
  test('fromArn takes partition, account and issuer from the ARN', () => {
    const p = OidcProvider.fromArn(
      'arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/0123456789ABCDEF0123456789ABCDEF',
    );
    expect([p.partition, p.accountId, p.issuer]).toEqual([
      'aws-cn',
      '111122223333',
      'oidc.eks.cn-north-1.amazonaws.com.cn/id/0123456789ABCDEF0123456789ABCDEF',
    ]);
    expect(OidcProvider.fromArn(ARN_2).partition).toBe('aws');
    expect(
      OidcProvider.fromArn(
        'arn:aws-us-gov:iam::111122223333:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
      ).partition,
    ).toBe('aws-us-gov');
  });
  test('fromIssuerUrl strips https:// and builds the ARN', () => {
    const p = OidcProvider.fromIssuerUrl({
      issuerUrl: 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      accountId: '111122223333',
    });
    expect(p.arn).toBe(ARN_1);
  });
});

describe('tokens pass through unvalidated', () => {
  test('token props are not rejected and reach the synthesized JSON', () => {
    const { stack } = testStack();
    const name = new TerraformVariable(stack, 'sa_name', { type: 'string' });
    const duration = new TerraformVariable(stack, 'duration', { type: 'number' });
    const arn = new TerraformVariable(stack, 'provider_arn', { type: 'string' });
    const sa = new IamServiceAccount(stack, 'sa', {
      oidcProvider: OidcProvider.fromArn(arn.stringValue),
      name: name.stringValue,
      namespace: 'apps',
      maxSessionDuration: duration.numberValue,
      attachPolicyArns: [Token.asString(name.stringValue)],
    });
    expect(sa.roleArn).toBeDefined();
    const json = JSON.stringify(synthJson(stack));
    expect(json).toContain('${var.sa_name}');
    expect(json).toContain('${var.duration}');
    expect(json).toContain('element(split(\\"oidc-provider/\\", var.provider_arn), 1)');
  });
});
