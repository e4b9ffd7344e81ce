/**
 * OidcProvider factories (fromArn, fromIssuerUrl, fromClusterName, fromCluster) and the EksOidcProvider
 * construct: what they synthesize, the data sources they share, and one test per error message.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformVariable, Testing } from 'cdktf';
import { EksOidcProvider, IamServiceAccount, IrsaValidationError, OidcProvider, RULES } from '../../src';
import { OIDC_PROVIDER_VALIDATION_CASES } from '../../src/modules/oidc-module-tests';
import { resourcesOf, synthJson, testStack } from '../support/stacks';

const EKS_ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
const HEX_ID = '0123456789ABCDEF0123456789ABCDEF';

function dataSources(json: ReturnType<typeof synthJson>): Record<string, number> {
  const data = (json.data ?? {}) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(Object.entries(data).map(([type, byName]) => [type, Object.keys(byName).length]));
}

function warningsOf(stack: ReturnType<typeof testStack>['stack']): string[] {
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}

/** Expects `fn` to throw an IrsaValidationError with exactly `message`. */
function expectError(fn: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(IrsaValidationError);
  expect((thrown as Error).message).toBe(message);
}

describe('OidcProvider.fromIssuerUrl', () => {
  test.each([
    ['https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF', 'aws'],
    ['oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF', 'aws'],
    ['https://oidc.eks.cn-north-1.amazonaws.com.cn/id/0123456789ABCDEF0123456789ABCDEF', 'aws-cn'],
    ['https://oidc.eks.cn-northwest-1.amazonaws.com.cn/id/0123456789ABCDEF0123456789ABCDEF', 'aws-cn'],
    ['https://oidc.eks.us-gov-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF', 'aws-us-gov'],
    ['https://oidc.eks.us-gov-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF', 'aws-us-gov'],
    ['https://token.actions.githubusercontent.com', 'aws'],
  ])('%s: partition %s from the issuer host, ARN as eksctl builds it', (url, partition) => {
    const p = OidcProvider.fromIssuerUrl({ issuerUrl: url, accountId: '111122223333' });
    const issuer = url.replace('https://', '');
    expect([p.partition, p.issuer, p.accountId, p.arn]).toEqual([
      partition,
      issuer,
      '111122223333',
      `arn:${partition}:iam::111122223333:oidc-provider/${issuer}`,
    ]);
  });

  test('a given partition wins over the derived one', () => {
    const p = OidcProvider.fromIssuerUrl({
      issuerUrl: EKS_ISSUER,
      accountId: '111122223333',
      partition: 'aws-iso',
    });
    expect(p.arn).toBe(`arn:aws-iso:iam::111122223333:oidc-provider/${EKS_ISSUER.slice(8)}`);
  });

  test('an EKS cluster ARN is refused, pointing to fromClusterName', () => {
    expectError(
      () =>
        OidcProvider.fromIssuerUrl({
          issuerUrl: 'arn:aws:eks:us-east-1:111122223333:cluster/prod',
          accountId: '111122223333',
        }),
      'OidcProvider.fromIssuerUrl: issuerUrl "arn:aws:eks:us-east-1:111122223333:cluster/prod" is invalid: it must be an OIDC issuer URL: "https://", a lowercase host name, then an optional path without a trailing "/", query or fragment (at most 255 characters after "https://"); this is an EKS cluster ARN: use OidcProvider.fromClusterName with the cluster\'s name, or the cluster\'s identity[0].oidc[0].issuer.',
    );
  });

  test('http:// is refused', () => {
    expectError(
      () =>
        OidcProvider.fromIssuerUrl({
          issuerUrl: 'http://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
          accountId: '111122223333',
        }),
      'OidcProvider.fromIssuerUrl: issuerUrl "http://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF" is invalid: it must be an OIDC issuer URL: "https://", a lowercase host name, then an optional path without a trailing "/", query or fragment (at most 255 characters after "https://"); IAM accepts only https:// issuers.',
    );
  });

  test('a trailing / is refused', () => {
    expectError(
      () => OidcProvider.fromIssuerUrl({ issuerUrl: `${EKS_ISSUER}/`, accountId: '111122223333' }),
      `OidcProvider.fromIssuerUrl: issuerUrl "${EKS_ISSUER}/" is invalid: it must be an OIDC issuer URL: "https://", a lowercase host name, then an optional path without a trailing "/", query or fragment (at most 255 characters after "https://"); remove the trailing "/".`,
    );
  });

  test.each([
    'https://',
    'https://localhost/id/x',
    'https://oidc.example.com/id?x=1',
    'https://a.b.com/x#f',
    'https://a.b.com:443/x',
  ])('malformed issuer %s is refused', (url) => {
    expectError(
      () => OidcProvider.fromIssuerUrl({ issuerUrl: url, accountId: '111122223333' }),
      `OidcProvider.fromIssuerUrl: issuerUrl ${JSON.stringify(url)} is invalid: it must be an OIDC issuer URL: "https://", a lowercase host name, then an optional path without a trailing "/", query or fragment (at most 255 characters after "https://").`,
    );
  });

  test('a malformed account is refused', () => {
    expectError(
      () => OidcProvider.fromIssuerUrl({ issuerUrl: EKS_ISSUER, accountId: '1234' }),
      'OidcProvider.fromIssuerUrl: accountId "1234" is invalid: it must be a 12-digit AWS account ID.',
    );
  });

  test('a missing account is refused', () => {
    expectError(
      () => OidcProvider.fromIssuerUrl({ issuerUrl: EKS_ISSUER } as never),
      'OidcProvider.fromIssuerUrl: accountId undefined is invalid: it must be a 12-digit AWS account ID (the account that holds the IAM OIDC provider).',
    );
  });

  test('an unknown partition is refused', () => {
    expectError(
      () =>
        OidcProvider.fromIssuerUrl({ issuerUrl: EKS_ISSUER, accountId: '111122223333', partition: 'china' }),
      'OidcProvider.fromIssuerUrl: partition "china" is invalid: it must be one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc.',
    );
  });

  test('options that are not an object are refused', () => {
    expectError(
      () => OidcProvider.fromIssuerUrl(EKS_ISSUER as never),
      `OidcProvider.fromIssuerUrl: options ${JSON.stringify(EKS_ISSUER)} is invalid: it must be { issuerUrl, accountId, partition? }.`,
    );
  });

  test('a token issuer: Terraform derives the issuer, partition and ARN, and synth prints no CDKTF warning', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { stack } = testStack();
      const issuer = new TerraformVariable(stack, 'issuer', { type: 'string' });
      for (const name of ['a', 'b', 'c']) {
        new IamServiceAccount(stack, name, {
          oidcProvider: OidcProvider.fromIssuerUrl({
            issuerUrl: issuer.stringValue,
            accountId: '111122223333',
          }),
          name,
          roleOnly: true,
        });
      }
      const json = JSON.stringify(synthJson(stack));
      expect(json).toContain('replace(var.issuer, \\"https://\\", \\"\\")}:sub');
      expect(json).toContain(
        'endswith(element(split(\\"/\\", replace(var.issuer, \\"https://\\", \\"\\")), 0), \\".amazonaws.com.cn\\")',
      );
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

describe('OidcProvider.fromArn', () => {
  test('an EKS cluster ARN says which factory to use', () => {
    expectError(
      () => OidcProvider.fromArn('arn:aws:eks:us-east-1:111122223333:cluster/prod'),
      'OidcProvider.fromArn: arn "arn:aws:eks:us-east-1:111122223333:cluster/prod" is invalid: this is a cluster ARN; use OidcProvider.fromClusterName with the cluster\'s name, or OidcProvider.fromIssuerUrl with its issuer URL.',
    );
  });

  test.each([
    'arn:aws:iam::111122223333:oidc-provider/https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
    'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF/',
  ])('an issuer part with https:// or a trailing / is refused: %s', (arn) => {
    expectError(
      () => OidcProvider.fromArn(arn),
      `OidcProvider.fromArn: arn ${JSON.stringify(arn)} is invalid: it must be ${RULES.oidcProviderArn.allowed}.`,
    );
  });

  test('an ARN whose issuer part is no valid issuer (an uppercase host) is refused', () => {
    const arn = 'arn:aws:iam::111122223333:oidc-provider/OIDC.eks.us-east-1.amazonaws.com/id/ABC';
    expectError(
      () => OidcProvider.fromArn(arn),
      `OidcProvider.fromArn: arn ${JSON.stringify(arn)} is invalid: the part after "oidc-provider/" is the issuer without "https://", and it must be ${RULES.oidcIssuerUrl.allowed}.`,
    );
  });

  test('a malformed ARN is an IrsaValidationError', () => {
    expectError(
      () => OidcProvider.fromArn('arn:aws:iam::111122223333:role/x'),
      'OidcProvider.fromArn: arn "arn:aws:iam::111122223333:role/x" is invalid: it must be an IAM OIDC provider ARN: arn:<partition>:iam::<12-digit account>:oidc-provider/<issuer host and path, without "https://" or a trailing "/">.',
    );
  });
});

describe('OidcProvider.fromClusterName', () => {
  test('500 service accounts on one cluster add three data sources in all', () => {
    const { stack } = testStack();
    for (let i = 0; i < 500; i++) {
      new IamServiceAccount(stack, `sa-${i}`, {
        oidcProvider: OidcProvider.fromClusterName(stack, 'prod-cluster', 'prod'),
        name: `sa-${i}`,
        roleOnly: true,
      });
    }
    const json = synthJson(stack);
    expect(dataSources(json)).toEqual({ aws_caller_identity: 1, aws_eks_cluster: 1, aws_partition: 1 });
    const policy = resourcesOf(json, 'aws_iam_role')[0].assume_role_policy as string;
    expect(policy).toContain(
      '${join("", ["arn:", data.aws_partition.irsa-partition.partition, ":iam::", data.aws_caller_identity.irsa-caller-identity.account_id, ":oidc-provider/", replace(data.aws_eks_cluster.prod-cluster.identity[0].oidc[0].issuer, "https://", "")])}',
    );
  });

  test('two clusters: one aws_eks_cluster each, caller identity and partition still shared', () => {
    const { stack } = testStack();
    OidcProvider.fromClusterName(stack, 'a', 'prod');
    OidcProvider.fromClusterName(stack, 'b', 'staging');
    OidcProvider.fromClusterName(stack, 'c', 'prod');
    expect(dataSources(synthJson(stack))).toEqual({
      aws_caller_identity: 1,
      aws_eks_cluster: 2,
      aws_partition: 1,
    });
  });

  test('another AWS provider gets its own data sources, read through that provider', () => {
    const { stack } = testStack();
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
    OidcProvider.fromClusterName(stack, 'east', 'prod');
    OidcProvider.fromClusterName(stack, 'west-prod', 'prod', { awsProvider: west });
    const json = synthJson(stack);
    expect(dataSources(json)).toEqual({ aws_caller_identity: 2, aws_eks_cluster: 2, aws_partition: 2 });
    expect(
      Testing.toHaveDataSourceWithProperties(JSON.stringify(json), DataAwsEksCluster.tfResourceType, {
        provider: 'aws.west',
      }),
    ).toBe(true);
  });

  test('given account and partition: only the cluster is read', () => {
    const { stack } = testStack();
    const p = OidcProvider.fromClusterName(stack, 'prod', 'prod', {
      accountId: '444455556666',
      partition: 'aws-cn',
    });
    expect([p.accountId, p.partition]).toEqual(['444455556666', 'aws-cn']);
    const json = synthJson(stack);
    expect(dataSources(json)).toEqual({ aws_eks_cluster: 1 });
    expect(Testing.toHaveDataSource(JSON.stringify(json), DataAwsCallerIdentity.tfResourceType)).toBe(false);
    expect(Testing.toHaveDataSource(JSON.stringify(json), DataAwsPartition.tfResourceType)).toBe(false);
  });

  test('a token cluster name passes through', () => {
    const { stack } = testStack();
    const name = new TerraformVariable(stack, 'cluster_name', { type: 'string' });
    OidcProvider.fromClusterName(stack, 'prod', name.stringValue);
    const json = synthJson(stack) as { data: { aws_eks_cluster: Record<string, { name: string }> } };
    expect(json.data.aws_eks_cluster.prod.name).toBe('${var.cluster_name}');
  });

  test('an invalid cluster name is refused before anything is added', () => {
    const { stack } = testStack();
    expectError(
      () => OidcProvider.fromClusterName(stack, 'prod', 'prod cluster'),
      'test/prod: clusterName "prod cluster" is invalid: it must be an EKS cluster name: 1 to 100 letters, digits, "-" or "_", starting with a letter or digit.',
    );
    expect(stack.node.tryFindChild('prod')).toBeUndefined();
  });

  test('a cluster ARN given as the name says to pass the name', () => {
    const { stack } = testStack();
    expectError(
      () => OidcProvider.fromClusterName(stack, 'prod', 'arn:aws:eks:us-east-1:111122223333:cluster/prod'),
      'test/prod: clusterName "arn:aws:eks:us-east-1:111122223333:cluster/prod" is invalid: it must be an EKS cluster name: 1 to 100 letters, digits, "-" or "_", starting with a letter or digit (the name, not the ARN).',
    );
  });

  test('a 101-character name is refused; 100 is accepted', () => {
    const { stack } = testStack();
    expect(() => OidcProvider.fromClusterName(stack, 'ok', 'a'.repeat(100))).not.toThrow();
    expect(() => OidcProvider.fromClusterName(stack, 'long', 'a'.repeat(101))).toThrow(IrsaValidationError);
  });

  test('a malformed accountId is refused', () => {
    const { stack } = testStack();
    expectError(
      () => OidcProvider.fromClusterName(stack, 'prod', 'prod', { accountId: 'x' }),
      'test/prod: accountId "x" is invalid: it must be a 12-digit AWS account ID.',
    );
  });
});

describe('OidcProvider.fromCluster', () => {
  function clusterStack() {
    const { stack } = testStack();
    const cluster = new EksCluster(stack, 'cluster', {
      name: 'prod',
      roleArn: 'arn:aws:iam::111122223333:role/eks',
      vpcConfig: { subnetIds: ['subnet-1', 'subnet-2'] },
    });
    return { stack, cluster };
  }

  test('issuer, account and partition come from the cluster resource; no data sources', () => {
    const { stack, cluster } = clusterStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: OidcProvider.fromCluster(cluster),
      name: 'sa',
      roleOnly: true,
    });
    const json = synthJson(stack);
    expect(json.data).toBeUndefined();
    const policy = resourcesOf(json, 'aws_iam_role')[0].assume_role_policy as string;
    expect(policy).toContain(
      'replace(aws_eks_cluster.cluster.identity[0].oidc[0].issuer, "https://", "")}:sub',
    );
    expect(policy).toContain('element(split(":", aws_eks_cluster.cluster.arn), 1)');
    expect(policy).toContain('element(split(":", aws_eks_cluster.cluster.arn), 4)');
  });

  test('something other than an EksCluster is refused', () => {
    expectError(
      () => OidcProvider.fromCluster('prod' as never),
      'OidcProvider.fromCluster: cluster "prod" is invalid: it must be an EksCluster (@cdktf/provider-aws/lib/eks-cluster); for a cluster declared elsewhere use OidcProvider.fromClusterName.',
    );
    const { stack } = testStack();
    const data = new DataAwsEksCluster(stack, 'c', { name: 'prod' });
    expectError(
      () => OidcProvider.fromCluster(data as never),
      'OidcProvider.fromCluster: cluster "data.aws_eks_cluster" is invalid: it must be an EksCluster (@cdktf/provider-aws/lib/eks-cluster); for a cluster declared elsewhere use OidcProvider.fromClusterName.',
    );
  });

  test('awsProvider is refused (the cluster has its provider)', () => {
    const { stack, cluster } = clusterStack();
    const aws = new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    expectError(
      () => OidcProvider.fromCluster(cluster, { awsProvider: aws } as never),
      'OidcProvider.fromCluster: awsProvider is invalid here: fromCluster reads nothing; the cluster resource already has its provider.',
    );
  });
});

describe('EksOidcProvider', () => {
  test('creates the provider for sts.amazonaws.com, without thumbprints, and plugs into IamServiceAccount', () => {
    const { stack } = testStack();
    const oidc = new EksOidcProvider(stack, 'oidc', { issuerUrl: EKS_ISSUER, tags: { team: 'platform' } });
    const sa = new IamServiceAccount(stack, 'sa', {
      oidcProvider: oidc.oidcProvider,
      name: 'app',
      roleOnly: true,
    });
    const json = synthJson(stack);
    const [provider] = resourcesOf(json, IamOpenidConnectProvider.tfResourceType);
    expect(provider).toEqual({
      url: EKS_ISSUER,
      client_id_list: ['sts.amazonaws.com'],
      tags: { team: 'platform' },
    });
    expect(sa.trustPolicy!.Statement[0].Principal).toEqual({ Federated: oidc.arn });
    const policy = JSON.parse(resourcesOf(json, 'aws_iam_role')[0].assume_role_policy as string);
    expect(policy.Statement[0].Principal.Federated).toMatch(
      /^\$\{aws_iam_openid_connect_provider\.oidc_provider_[0-9A-F]+\.arn\}$/,
    );
    expect(Object.keys(policy.Statement[0].Condition.StringEquals)).toEqual([
      `${EKS_ISSUER.slice(8)}:aud`,
      `${EKS_ISSUER.slice(8)}:sub`,
    ]);
    expect(oidc.oidcProvider.partition).toBe('aws');
    expect(warningsOf(stack)).toEqual([]);
  });

  test('extra audiences and thumbprints are passed on; https:// is added', () => {
    const { stack } = testStack();
    new EksOidcProvider(stack, 'oidc', {
      issuerUrl: EKS_ISSUER.slice(8),
      clientIds: ['vault'],
      thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
    });
    expect(resourcesOf(synthJson(stack), IamOpenidConnectProvider.tfResourceType)[0]).toEqual({
      url: EKS_ISSUER,
      client_id_list: ['sts.amazonaws.com', 'vault'],
      thumbprint_list: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
    });
  });

  test('a China issuer gives partition aws-cn', () => {
    const { stack } = testStack();
    const oidc = new EksOidcProvider(stack, 'oidc', {
      issuerUrl: `https://oidc.eks.cn-north-1.amazonaws.com.cn/id/${HEX_ID}`,
    });
    expect(oidc.oidcProvider.partition).toBe('aws-cn');
  });

  test('a token issuer from a cluster in the same stack', () => {
    const { stack } = testStack();
    const cluster = new EksCluster(stack, 'cluster', {
      name: 'prod',
      roleArn: 'arn:aws:iam::111122223333:role/eks',
      vpcConfig: { subnetIds: ['subnet-1'] },
    });
    new EksOidcProvider(stack, 'oidc', { issuerUrl: cluster.identity.get(0).oidc.get(0).issuer });
    expect(resourcesOf(synthJson(stack), IamOpenidConnectProvider.tfResourceType)[0].url).toBe(
      '${join("", ["https://", replace(aws_eks_cluster.cluster.identity[0].oidc[0].issuer, "https://", "")])}',
    );
  });

  test('clusterName reads the cluster, sharing the data source with fromClusterName', () => {
    const { stack } = testStack();
    OidcProvider.fromClusterName(stack, 'prod', 'prod');
    new EksOidcProvider(stack, 'oidc', { clusterName: 'prod' });
    expect(dataSources(synthJson(stack))).toEqual({
      aws_caller_identity: 1,
      aws_eks_cluster: 1,
      aws_partition: 1,
    });
  });

  test('a non-EKS issuer is accepted with a warning', () => {
    const { stack } = testStack();
    new EksOidcProvider(stack, 'oidc', { issuerUrl: 'https://issuer.example.com/k8s' });
    expect(warningsOf(stack)).toEqual([
      'issuerUrl "https://issuer.example.com/k8s" does not look like an EKS issuer (an EKS issuer URL: https://oidc.eks.<region>.amazonaws.com/id/<32 hexadecimal digits>); the provider is created as given.',
    ]);
  });

  const ISSUER_ALLOWED =
    'an OIDC issuer URL: "https://", a lowercase host name, then an optional path without a trailing "/", query or fragment (at most 255 characters after "https://")';
  test.each<[string, Record<string, unknown>, string]>([
    [
      'neither issuerUrl nor clusterName',
      {},
      "issuerUrl and clusterName: exactly one must be given (the cluster's issuer URL, or its name to read the issuer from), not neither.",
    ],
    [
      'both',
      { issuerUrl: EKS_ISSUER, clusterName: 'prod' },
      "issuerUrl and clusterName: exactly one must be given (the cluster's issuer URL, or its name to read the issuer from), not both.",
    ],
    [
      'an unknown prop',
      { issuerUrl: EKS_ISSUER, thumbprint: 'x' },
      'thumbprint "x" is invalid: thumbprint is not an EksOidcProvider prop, so it would be ignored. Did you mean "thumbprints"? Known: issuerUrl, clusterName, clientIds, thumbprints, tags, awsProvider.',
    ],
    [
      'a trailing /',
      { issuerUrl: `${EKS_ISSUER}/` },
      `issuerUrl "${EKS_ISSUER}/" is invalid: it must be ${ISSUER_ALLOWED}; remove the trailing "/".`,
    ],
    [
      'http://',
      { issuerUrl: 'http://issuer.example.com' },
      `issuerUrl "http://issuer.example.com" is invalid: it must be ${ISSUER_ALLOWED}; IAM accepts only https:// issuers.`,
    ],
    [
      'a malformed issuer',
      { issuerUrl: 'https://Issuer Example' },
      `issuerUrl "https://Issuer Example" is invalid: it must be ${ISSUER_ALLOWED}.`,
    ],
    [
      'a bad cluster name',
      { clusterName: '-prod' },
      'clusterName "-prod" is invalid: it must be an EKS cluster name: 1 to 100 letters, digits, "-" or "_", starting with a letter or digit.',
    ],
    [
      'a bad client ID',
      { issuerUrl: EKS_ISSUER, clientIds: ['a b'] },
      'clientIds[0] "a b" is invalid: it must be 1 to 255 printable ASCII characters without spaces.',
    ],
    [
      'sts.amazonaws.com among clientIds',
      { issuerUrl: EKS_ISSUER, clientIds: ['sts.amazonaws.com'] },
      'clientIds "sts.amazonaws.com" is invalid: it must be a list without "sts.amazonaws.com", which is always registered.',
    ],
    [
      'a duplicate client ID',
      { issuerUrl: EKS_ISSUER, clientIds: ['a', 'a'] },
      'clientIds "a" is invalid: it must be a list without duplicates (this one is listed twice).',
    ],
    [
      'too many client IDs',
      { issuerUrl: EKS_ISSUER, clientIds: Array.from({ length: 100 }, (_, i) => `c${i}`) },
      'clientIds "100 entries" is invalid: it must be at most 99 entries (the IAM quota).',
    ],
    [
      'a client ID list that is not a list',
      { issuerUrl: EKS_ISSUER, clientIds: 'vault' },
      'clientIds "vault" is invalid: it must be a list of strings, each 1 to 255 printable ASCII characters without spaces.',
    ],
    [
      'a bad thumbprint',
      { issuerUrl: EKS_ISSUER, thumbprints: ['abc'] },
      'thumbprints[0] "abc" is invalid: it must be a certificate thumbprint: 40 hexadecimal digits (a SHA-1 hash).',
    ],
    [
      'six thumbprints',
      { issuerUrl: EKS_ISSUER, thumbprints: Array.from({ length: 6 }, (_, i) => String(i).repeat(40)) },
      'thumbprints "6 entries" is invalid: it must be at most 5 entries (the IAM quota).',
    ],
    [
      'an aws: tag key',
      { issuerUrl: EKS_ISSUER, tags: { 'aws:x': 'y' } },
      'tags key "aws:x" is invalid: it must be 1 to 128 letters, digits, spaces or any of _ . : / = + - @, not starting with "aws:".',
    ],
    [
      'a bad tag value',
      { issuerUrl: EKS_ISSUER, tags: { team: 'a|b' } },
      'tags["team"] "a|b" is invalid: it must be at most 256 letters, digits, spaces or any of _ . : / = + - @.',
    ],
    [
      '51 tags',
      {
        issuerUrl: EKS_ISSUER,
        tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
      },
      'tags "51 tags" is invalid: it must be at most 50 tags.',
    ],
  ])('%s is refused, and nothing is added', (_name, props, message) => {
    const { stack } = testStack();
    expectError(() => new EksOidcProvider(stack, 'oidc', props as never), `test/oidc: ${message}`);
    expect(stack.node.children).toHaveLength(0);
  });
});

describe('documentation', () => {
  test('docs/constructs.md documents every EksOidcProvider prop and every factory option', () => {
    const root = path.join(__dirname, '..', '..');
    const readme = fs.readFileSync(path.join(root, 'docs', 'constructs.md'), 'utf8');
    for (const file of ['eks-oidc-provider.ts', 'oidc-provider.ts']) {
      const source = fs.readFileSync(path.join(root, 'src', 'constructs', file), 'utf8');
      const names = [...source.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((m) => m[1]);
      expect(names.length).toBeGreaterThan(2);
      expect(names.filter((n) => !readme.includes(`\`${n}\``))).toEqual([]);
    }
    for (const factory of ['fromClusterName', 'fromCluster', 'fromIssuerUrl', 'fromArn']) {
      expect(readme).toContain(`OidcProvider.${factory}(`);
    }
  });
});

describe('the eks-oidc-provider module and EksOidcProvider say the same', () => {
  /** Cases whose construct message adds a hint the module's static message cannot give, and why. */
  const ADAPTED: Record<string, string> = {
    neither_cluster_name_nor_issuer_url: 'the construct also says which of the two cases it is',
    both_cluster_name_and_issuer_url: 'the construct also says which of the two cases it is',
    issuer_url_http: 'the construct adds that IAM accepts only https:// issuers',
    issuer_url_trailing_slash: 'the construct adds "remove the trailing /"',
    issuer_url_cluster_arn: 'the construct names fromClusterName, the module cluster_name',
  };
  const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  const snake = (text: string) => text.replace(/[a-z][A-Z]/g, (m) => `${m[0]}_${m[1].toLowerCase()}`);

  test.each(OIDC_PROVIDER_VALIDATION_CASES.filter((c) => !(c.name in ADAPTED)))(
    '$name: same message, property names aside',
    (c) => {
      const props = Object.fromEntries(Object.entries(c.variables).map(([k, v]) => [camel(k), v]));
      const { stack } = testStack();
      let message = '';
      try {
        new EksOidcProvider(stack, 'oidc', props as never);
      } catch (error) {
        message = (error as Error).message.replace(/^test\/oidc: /, '');
      }
      expect(snake(message)).toBe(c.message);
    },
  );
});
