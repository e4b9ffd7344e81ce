/**
 * Validation details the other suites left unpinned: the add-on scoping rules' texts and patterns, the
 * issuer helpers' anchors, the OIDC-provider ARN mistakes the modules render, the wildcard warning's exact
 * sentence, and Pod Identity-only roles through the pure validator.
 */
import { IrsaValidationError } from '../../src/validation/error';
import {
  isEksClusterArn,
  issuerHostPath,
  issuerPartition,
  issuerUrlProblem,
} from '../../src/validation/issuer';
import { ADDON_RULES } from '../../src/validation/addon-rules';
import {
  OIDC_PROVIDER_ARN_MISTAKES,
  PARTITIONS,
  RULES,
  matchesRule,
  wildcardSubjectWarning,
} from '../../src/validation/rules';
import { validateIrsaRoleProps } from '../../src/validation/validate';
import type { IrsaRoleProps } from '../../src';
import { provider1 } from '../support/stacks';

const IAM_ARNS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html';
const K8S_LABELS =
  'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set';

describe('add-on scoping rules', () => {
  test('region: an AWS Region code, documented at the Regions page', () => {
    expect(matchesRule(ADDON_RULES.region, 'us-east-1')).toBe(true);
    expect(matchesRule(ADDON_RULES.region, 'us-gov-west-1')).toBe(true);
    expect(matchesRule(ADDON_RULES.region, 'US-EAST-1')).toBe(false);
    expect(matchesRule(ADDON_RULES.region, 'useast1')).toBe(false);
    expect(ADDON_RULES.region.allowed).toBe('an AWS Region code such as "us-east-1"');
    expect(ADDON_RULES.region.docs).toBe(
      'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html',
    );
  });

  test('accountId: exactly 12 digits, documented at the account identifiers page', () => {
    expect(matchesRule(ADDON_RULES.accountId, '123456789012')).toBe(true);
    expect(matchesRule(ADDON_RULES.accountId, '12345678901')).toBe(false);
    expect(matchesRule(ADDON_RULES.accountId, 'abcdefghijkl')).toBe(false);
    expect(ADDON_RULES.accountId.allowed).toBe('a 12-digit AWS account ID');
    expect(ADDON_RULES.accountId.docs).toBe(
      'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html',
    );
  });

  // Each ARN rule says what it is and the ARN shape from the IAM ARN reference.
  test.each([
    ['s3BucketArn', 'an S3 bucket ARN: arn:<partition>:s3:::<bucket> (no key or "/")'],
    ['s3ObjectArn', 'an S3 object-path ARN: arn:<partition>:s3:::<bucket>/<key prefix, may end in *>'],
    ['kmsKeyArn', 'a KMS key ARN: arn:<partition>:kms:<region>:<account>:key/<key id>'],
    [
      'secretArn',
      'a Secrets Manager secret ARN: arn:<partition>:secretsmanager:<region>:<account>:secret:<name, may end in *>',
    ],
    [
      'ssmParameterArn',
      'an SSM parameter ARN: arn:<partition>:ssm:<region>:<account>:parameter/<name, may end in *>',
    ],
    ['sqsQueueArn', 'an SQS queue ARN: arn:<partition>:sqs:<region>:<account>:<queue name>'],
    [
      'apsWorkspaceArn',
      'an Amazon Managed Service for Prometheus workspace ARN: arn:<partition>:aps:<region>:<account>:workspace/<workspace id>',
    ],
    [
      'acmPcaArn',
      'an AWS Private CA ARN: arn:<partition>:acm-pca:<region>:<account>:certificate-authority/<id>',
    ],
    [
      'targetGroupArn',
      'an ELB target group ARN: arn:<partition>:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>',
    ],
    [
      'serviceLinkedRoleArn',
      'an IAM service-linked role ARN: arn:<partition>:iam::<account or *>:role/aws-service-role/<service>/<name, may end in *>',
    ],
  ] as const)('%s: allowed text and the IAM ARN reference', (key, allowed) => {
    expect(ADDON_RULES[key].allowed).toBe(allowed);
    expect(ADDON_RULES[key].docs).toBe(IAM_ARNS);
  });
});

describe('Kubernetes label rules link the labels syntax section', () => {
  test.each(['metadataKey', 'labelValue'] as const)('%s', (key) => {
    expect(RULES[key].docs).toBe(K8S_LABELS);
  });
});

test('IrsaValidationError is named for stack traces and catch blocks', () => {
  const error = new IrsaValidationError('test/role', 'roleName', 'roleName "x" is invalid.');
  expect(error.name).toBe('IrsaValidationError');
  expect(error.message).toBe('test/role: roleName "x" is invalid.');
});

describe('issuer helpers', () => {
  test('an EKS cluster ARN is recognised only at the start of the value', () => {
    expect(isEksClusterArn('arn:aws:eks:us-east-1:123456789012:cluster/prod')).toBe(true);
    const url = 'https://issuer.example.com/arn:aws:eks:us-east-1:123456789012:cluster/prod';
    expect(isEksClusterArn(url)).toBe(false);
    expect(issuerUrlProblem(url)).toBeUndefined();
  });

  test('"://" later in a scheme-less value is not a non-https scheme', () => {
    expect(issuerUrlProblem('issuer.example.com/x://y')).toBe(RULES.oidcIssuerUrl.allowed);
    expect(issuerUrlProblem('http://issuer.example.com')).toBe(
      `${RULES.oidcIssuerUrl.allowed}; IAM accepts only https:// issuers`,
    );
  });

  test('several trailing "/" get the trailing-slash hint', () => {
    expect(issuerUrlProblem('https://issuer.example.com/id//')).toBe(
      `${RULES.oidcIssuerUrl.allowed}; remove the trailing "/"`,
    );
  });

  test('issuerHostPath strips only a leading https://', () => {
    expect(issuerHostPath('https://issuer.example.com/id')).toBe('issuer.example.com/id');
    expect(issuerHostPath('issuer.example.com/https://x')).toBe('issuer.example.com/https://x');
  });

  test('aws-us-gov only for a whole oidc.eks.us-gov-<dir>-<n>.amazonaws.com host', () => {
    expect(
      issuerPartition('https://oidc.eks.us-gov-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF'),
    ).toBe('aws-us-gov');
    // A hypothetical two-digit region number is still GovCloud.
    expect(
      issuerPartition('https://oidc.eks.us-gov-west-10.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF'),
    ).toBe('aws-us-gov');
    expect(
      issuerPartition('https://xoidc.eks.us-gov-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF'),
    ).toBe('aws');
    expect(issuerPartition('https://oidc.eks.us-gov-west-1.amazonaws.com.example.org/id/ABC')).toBe('aws');
  });
});

describe('OIDC provider ARN mistakes (rendered into the modules)', () => {
  test('an issuer URL, with or without TLS', () => {
    expect(OIDC_PROVIDER_ARN_MISTAKES[0]).toEqual({
      prefixes: ['https://', 'http://'],
      shown: '"https://…"',
      why: "that is the cluster's issuer URL; pass the ARN of its IAM OIDC provider (aws_iam_openid_connect_provider.<name>.arn)",
    });
  });
  test('an EKS cluster ARN in any partition', () => {
    expect(OIDC_PROVIDER_ARN_MISTAKES).toHaveLength(2);
    expect(OIDC_PROVIDER_ARN_MISTAKES[1]).toEqual({
      prefixes: PARTITIONS.map((p) => `arn:${p}:eks:`),
      shown: '"arn:<partition>:eks:…"',
      why: "that is an EKS cluster ARN; pass the ARN of the cluster's IAM OIDC provider (aws_iam_openid_connect_provider.<name>.arn)",
    });
    expect(OIDC_PROVIDER_ARN_MISTAKES[1].prefixes).toContain('arn:aws:eks:');
  });
});

describe('wildcard subject warning, whole sentence', () => {
  const tail = ': any workload that can run there can assume the role.';
  test('name wildcard in one namespace', () =>
    expect(wildcardSubjectWarning('p', 'apps:*', 'apps', '*')).toBe(
      `p "apps:*" admits every service account in namespace apps${tail}`,
    ));
  test('namespace wildcard with one name', () =>
    expect(wildcardSubjectWarning('p', '*:api', '*', 'api')).toBe(
      `p "*:api" admits every service account named that in every namespace${tail}`,
    ));
  test('both wildcards: the whole cluster', () =>
    expect(wildcardSubjectWarning('p', '*:*', '*', '*')).toBe(
      `p "*:*" admits every service account named that in every namespace (the whole cluster)${tail}`,
    ));
  test('IrsaRole names the trust entry in the warning', () => {
    const { warnings } = validateIrsaRoleProps('test/role', {
      allowWildcardSubjects: true,
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['apps:*'] }],
    });
    expect(warnings).toEqual([
      `trust[0].serviceAccounts "apps:*" admits every service account in namespace apps${tail}`,
    ]);
  });
});

const ANY_ASSOCIATION =
  'podIdentityTrust "any-association" lets every EKS Pod Identity association in this account use the role, for any cluster, namespace and service account: keep the default "scoped" unless the associations are controlled elsewhere (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html).';
const POD = [{ clusterName: 'prod', serviceAccounts: ['apps:api'] }];

function validate(props: Record<string, unknown>) {
  return validateIrsaRoleProps('test/role', props as unknown as IrsaRoleProps);
}

describe('Pod Identity through validateIrsaRoleProps', () => {
  test('a Pod Identity-only role trusts pods.eks.amazonaws.com (AssumeRole and TagSession)', () => {
    const { trustPolicy, warnings } = validate({ podIdentity: POD });
    expect(warnings).toEqual([]);
    expect(trustPolicy.Statement).toHaveLength(1);
    expect(trustPolicy.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    });
  });

  test('"any-association" warns; "scoped", given or left out, does not', () => {
    expect(validate({ podIdentity: POD, podIdentityTrust: 'any-association' }).warnings).toEqual([
      ANY_ASSOCIATION,
    ]);
    expect(validate({ podIdentity: POD, podIdentityTrust: 'scoped' }).warnings).toEqual([]);
    expect(validate({ podIdentity: POD }).warnings).toEqual([]);
  });

  test('a Pod Identity-only role defaults to the aws partition', () => {
    const { wellKnown } = validate({ podIdentity: POD, wellKnownPolicies: { ebsCsiDriver: true } });
    expect(wellKnown.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    ]);
  });

  test('a Pod Identity-only role takes any known partition: there is no provider to disagree with', () => {
    const { wellKnown } = validate({
      podIdentity: POD,
      partition: 'aws-cn',
      wellKnownPolicies: { ebsCsiDriver: true },
    });
    expect(wellKnown.managedPolicyArns).toEqual([
      'arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    ]);
  });

  test("the OIDC provider's own partition, given explicitly, is accepted", () => {
    expect(() =>
      validate({ trust: [{ oidcProvider: provider1(), serviceAccounts: ['apps:api'] }], partition: 'aws' }),
    ).not.toThrow();
  });

  test('a null podIdentity entry is reported as a missing cluster name, not a TypeError', () => {
    expect(() => validate({ podIdentity: [null] })).toThrow(
      new IrsaValidationError(
        'test/role',
        'podIdentity[0].clusterName',
        'podIdentity[0].clusterName undefined is invalid: it must be an EKS cluster name: 1 to 100 letters, digits, "-" or "_", starting with a letter or digit.',
      ),
    );
  });
});

describe('Checker messages', () => {
  const trust = [{ oidcProvider: provider1(), serviceAccounts: ['apps:api'] }];
  test('a value JSON cannot show is shown with String()', () => {
    expect(() => validate({ trust, maxSessionDuration: Symbol('x') })).toThrow(
      'test/role: maxSessionDuration Symbol(x) is invalid: it must be a whole number of seconds from 3600 (1 hour) to 43200 (12 hours).',
    );
  });
  test('a number where a string rule applies is refused even if its digits would match', () => {
    expect(() => validate({ trust, roleName: 12345 })).toThrow(
      `test/role: roleName 12345 is invalid: it must be ${RULES.roleName.allowed}.`,
    );
  });
});
