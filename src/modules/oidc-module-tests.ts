/**
 * Native `terraform test` files for modules/eks-oidc-provider and modules/eks-cluster-oidc. Data sources and
 * the provider's computed ARN come from Terraform's mock_provider/override_data (they would need AWS); the
 * expected ARNs are derived here with the constructs' own rules (issuerPartition), so the modules and
 * OidcProvider agree.
 */
import { issuerHostPath, issuerPartition } from '../validation/issuer';
import { PARTITIONS, RULES } from '../validation/rules';
import { header } from './files';
import { HclLiteral, quote, render } from './hcl';
import { ValidationCase } from './tests';

const ACCOUNT = '111122223333';
const HEX = '0123456789ABCDEF0123456789ABCDEF';

/** One issuer per partition an EKS cluster can be in, and the partition its host implies. */
export const PARTITION_ISSUERS: readonly { name: string; issuerUrl: string; partition: string }[] = [
  `https://oidc.eks.us-east-1.amazonaws.com/id/${HEX}`,
  `https://oidc.eks.cn-north-1.amazonaws.com.cn/id/${HEX}`,
  `https://oidc.eks.us-gov-west-1.amazonaws.com/id/${HEX}`,
].map((issuerUrl) => ({ name: issuerPartition(issuerUrl).replace(/-/g, '_'), issuerUrl, partition: issuerPartition(issuerUrl) }));

/** The provider ARN eksctl and OidcProvider.fromIssuerUrl derive. */
export function expectedProviderArn(issuerUrl: string, account = ACCOUNT, partition = issuerPartition(issuerUrl)): string {
  return `arn:${partition}:iam::${account}:oidc-provider/${issuerHostPath(issuerUrl)}`;
}

const EKS_ISSUER = PARTITION_ISSUERS[0].issuerUrl;
const MOCK_ARN = expectedProviderArn(EKS_ISSUER);

function variablesBlock(vars: Record<string, HclLiteral>): string {
  return `variables {\n${Object.entries(vars)
    .map(([k, v]) => `${k} = ${render(v)}`)
    .join('\n')}\n}`;
}

function clusterOverride(issuerUrl: string): string {
  return `override_data {
target = data.aws_eks_cluster.this
values = {
identity = [{ oidc = [{ issuer = ${quote(issuerUrl)} }] }]
endpoint = "https://EXAMPLE.gr7.us-east-1.eks.amazonaws.com"
certificate_authority = [{ data = "Y2VydA==" }]
}
}`;
}

const ISSUER_ALLOWED = RULES.oidcIssuerUrl.allowed;

/** Bad inputs of modules/eks-oidc-provider and the messages they must produce. */
export const OIDC_PROVIDER_VALIDATION_CASES: readonly ValidationCase[] = [
  {
    name: 'neither_cluster_name_nor_issuer_url',
    variables: {},
    fails: 'var.issuer_url',
    message:
      "issuer_url and cluster_name: exactly one must be given (the cluster's issuer URL, or its name to read the issuer from).",
  },
  {
    name: 'both_cluster_name_and_issuer_url',
    variables: { cluster_name: 'prod', issuer_url: EKS_ISSUER },
    fails: 'var.issuer_url',
    message:
      "issuer_url and cluster_name: exactly one must be given (the cluster's issuer URL, or its name to read the issuer from).",
  },
  {
    name: 'issuer_url_eks_path',
    variables: { issuer_url: 'https://oidc.eks.us-east-1.amazonaws.com/0123456789ABCDEF0123456789ABCDEF' },
    fails: 'var.issuer_url',
    message: `issuer_url "https://oidc.eks.us-east-1.amazonaws.com/0123456789ABCDEF0123456789ABCDEF" is invalid: it must be ${RULES.eksIssuerUrl.allowed}: the path must be /id/<cluster ID>, not "/0123456789ABCDEF0123456789ABCDEF".`,
  },
  {
    name: 'issuer_url_http',
    variables: { issuer_url: 'http://oidc.eks.us-east-1.amazonaws.com/id/X' },
    fails: 'var.issuer_url',
    message: `issuer_url "http://oidc.eks.us-east-1.amazonaws.com/id/X" is invalid: it must be ${ISSUER_ALLOWED}.`,
  },
  {
    name: 'issuer_url_trailing_slash',
    variables: { issuer_url: `${EKS_ISSUER}/` },
    fails: 'var.issuer_url',
    message: `issuer_url "${EKS_ISSUER}/" is invalid: it must be ${ISSUER_ALLOWED}.`,
  },
  {
    name: 'issuer_url_cluster_arn',
    variables: { issuer_url: 'arn:aws:eks:us-east-1:111122223333:cluster/prod' },
    fails: 'var.issuer_url',
    message: `issuer_url "arn:aws:eks:us-east-1:111122223333:cluster/prod" is invalid: it must be ${ISSUER_ALLOWED}; this is an ARN: pass the cluster's name as cluster_name, or its identity[0].oidc[0].issuer.`,
  },
  {
    name: 'cluster_name_pattern',
    variables: { cluster_name: 'prod cluster' },
    fails: 'var.cluster_name',
    message: `cluster_name "prod cluster" is invalid: it must be ${RULES.eksClusterName.allowed}.`,
  },
  {
    name: 'client_id_with_space',
    variables: { issuer_url: EKS_ISSUER, client_ids: ['a b'] },
    fails: 'var.client_ids',
    message: `client_ids[0] "a b" is invalid: it must be ${RULES.oidcClientId.allowed}.`,
  },
  {
    name: 'client_ids_repeat_sts',
    variables: { issuer_url: EKS_ISSUER, client_ids: ['sts.amazonaws.com'] },
    fails: 'var.client_ids',
    message: 'client_ids "sts.amazonaws.com" is invalid: it must be a list without "sts.amazonaws.com", which is always registered.',
  },
  {
    name: 'client_ids_duplicate',
    variables: { issuer_url: EKS_ISSUER, client_ids: ['vault', 'vault'] },
    fails: 'var.client_ids',
    message: 'client_ids "vault" is invalid: it must be a list without duplicates (this one is listed twice).',
  },
  {
    name: 'client_ids_over_quota',
    variables: { issuer_url: EKS_ISSUER, client_ids: Array.from({ length: 100 }, (_, i) => `c${i}`) },
    fails: 'var.client_ids',
    message: 'client_ids "100 entries" is invalid: it must be at most 99 entries (the IAM quota).',
  },
  {
    name: 'thumbprint_pattern',
    variables: { issuer_url: EKS_ISSUER, thumbprints: ['abc'] },
    fails: 'var.thumbprints',
    message: `thumbprints[0] "abc" is invalid: it must be ${RULES.oidcThumbprint.allowed}.`,
  },
  {
    name: 'thumbprints_over_quota',
    variables: { issuer_url: EKS_ISSUER, thumbprints: Array.from({ length: 6 }, (_, i) => String(i).repeat(40)) },
    fails: 'var.thumbprints',
    message: 'thumbprints "6 entries" is invalid: it must be at most 5 entries (the IAM quota).',
  },
  {
    name: 'thumbprints_duplicate',
    variables: { issuer_url: EKS_ISSUER, thumbprints: ['a'.repeat(40), 'a'.repeat(40)] },
    fails: 'var.thumbprints',
    message: `thumbprints "${'a'.repeat(40)}" is invalid: it must be a list without duplicates (this one is listed twice).`,
  },
  {
    name: 'tags_reserved_key',
    variables: { issuer_url: EKS_ISSUER, tags: { 'aws:x': 'y' } },
    fails: 'var.tags',
    message: `tags key "aws:x" is invalid: it must be ${RULES.tagKey.allowed}.`,
  },
  {
    name: 'tags_value',
    variables: { issuer_url: EKS_ISSUER, tags: { team: 'a|b' } },
    fails: 'var.tags',
    message: `tags["team"] "a|b" is invalid: it must be ${RULES.tagValue.allowed}.`,
  },
  {
    name: 'tags_over_quota',
    variables: {
      issuer_url: EKS_ISSUER,
      tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
    },
    fails: 'var.tags',
    message: 'tags "51 tags" is invalid: it must be at most 50 tags.',
  },
];

/** Bad inputs of modules/eks-cluster-oidc. */
export const CLUSTER_OIDC_VALIDATION_CASES: readonly ValidationCase[] = [
  {
    name: 'cluster_name_pattern',
    variables: { cluster_name: '-prod' },
    fails: 'var.cluster_name',
    message: `cluster_name "-prod" is invalid: it must be ${RULES.eksClusterName.allowed}.`,
  },
  {
    name: 'cluster_name_too_long',
    variables: { cluster_name: 'a'.repeat(101) },
    fails: 'var.cluster_name',
    message: `cluster_name "${'a'.repeat(101)}" is invalid: it must be ${RULES.eksClusterName.allowed}.`,
  },
  {
    name: 'account_id_pattern',
    variables: { cluster_name: 'prod', account_id: '1234' },
    fails: 'var.account_id',
    message: 'account_id "1234" is invalid: it must be a 12-digit AWS account ID.',
  },
  {
    name: 'partition_unknown',
    variables: { cluster_name: 'prod', partition: 'china' },
    fails: 'var.partition',
    message: `partition "china" is invalid: it must be one of ${PARTITIONS.join(', ')}.`,
  },
];

function validationTests(cases: readonly ValidationCase[], mock = ''): string {
  const runs = cases.map(
    (c) => `# ${c.message}
run ${quote(c.name)} {
command = plan
${variablesBlock(c.variables)}
expect_failures = [${c.fails}]
}`,
  );
  return `${header('Each validation rule rejects a bad input (the comment above each run is the message Terraform prints).')}

mock_provider "aws" {${mock ? `\n${mock}\n` : ''}}

${runs.join('\n\n')}
`;
}

function oidcProviderTests(): string {
  const cn = PARTITION_ISSUERS[1].issuerUrl;
  return `${header('The provider planned from an issuer URL or a cluster name (the cluster read through override_data), with a mocked AWS\nprovider: no account or network needed.')}

mock_provider "aws" {
  mock_resource "aws_iam_openid_connect_provider" {
    defaults = {
      arn = ${quote(MOCK_ARN)}
    }
  }
}

run "from_issuer_url" {
command = plan
${variablesBlock({ issuer_url: EKS_ISSUER })}

assert {
condition     = aws_iam_openid_connect_provider.this[0].url == ${quote(EKS_ISSUER)}
error_message = "The provider's URL must be the issuer URL."
}

assert {
condition     = aws_iam_openid_connect_provider.this[0].client_id_list == toset(["sts.amazonaws.com"])
error_message = "The only audience by default must be sts.amazonaws.com."
}

assert {
condition     = length(data.aws_eks_cluster.this) == 0
error_message = "With issuer_url no cluster is read."
}

assert {
condition     = output.issuer == ${quote(issuerHostPath(EKS_ISSUER))} && output.issuer_url == ${quote(EKS_ISSUER)}
error_message = "issuer is the URL without https://."
}
}

run "from_cluster_name" {
command = plan
${variablesBlock({ cluster_name: 'prod' })}
${clusterOverride(cn)}

assert {
condition     = aws_iam_openid_connect_provider.this[0].url == ${quote(cn)}
error_message = "The provider's URL must be the cluster's issuer."
}

assert {
condition     = data.aws_eks_cluster.this[0].name == "prod"
error_message = "The cluster must be read by its name."
}
}

run "audiences_thumbprints_and_tags" {
command = plan
${variablesBlock({ issuer_url: EKS_ISSUER, client_ids: ['vault'], thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'], tags: { team: 'platform' } })}

assert {
condition     = aws_iam_openid_connect_provider.this[0].client_id_list == toset(["sts.amazonaws.com", "vault"])
error_message = "client_ids are added to sts.amazonaws.com."
}

assert {
condition     = aws_iam_openid_connect_provider.this[0].thumbprint_list == tolist(["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"])
error_message = "Given thumbprints are sent."
}

assert {
condition     = aws_iam_openid_connect_provider.this[0].tags == tomap({ team = "platform" })
error_message = "Tags are set."
}
}

run "outputs_after_apply" {
${variablesBlock({ issuer_url: EKS_ISSUER })}

assert {
condition     = output.provider_arn == ${quote(MOCK_ARN)}
error_message = "provider_arn is the created provider's ARN."
}

assert {
condition     = output.oidc_provider == { provider_arn = ${quote(MOCK_ARN)} }
error_message = "oidc_provider is an oidc_providers entry without its service accounts."
}
}

run "create_false_plans_nothing" {
command = plan
${variablesBlock({ create: false, cluster_name: 'prod' })}

assert {
condition     = length(aws_iam_openid_connect_provider.this) == 0 && length(data.aws_eks_cluster.this) == 0
error_message = "create = false must read and plan nothing."
}

assert {
condition     = output.provider_arn == null && output.issuer == null && output.issuer_url == null && output.oidc_provider == null
error_message = "create = false: every output is null."
}
}

run "create_false_accepts_no_issuer" {
command = plan
${variablesBlock({ create: false })}

assert {
condition     = length(aws_iam_openid_connect_provider.this) == 0
error_message = "create = false needs neither cluster_name nor issuer_url."
}
}
`;
}

function clusterOidcTests(): string {
  const runs = PARTITION_ISSUERS.map(
    (p) => `run ${quote(`partition_${p.name}`)} {
command = plan
${clusterOverride(p.issuerUrl)}

override_data {
target = data.aws_partition.current
values = { partition = ${quote(p.partition)} }
}

assert {
condition     = output.provider_arn == ${quote(expectedProviderArn(p.issuerUrl))}
error_message = "The ARN must be arn:<partition>:iam::<account>:oidc-provider/<issuer without https://>."
}

assert {
condition     = output.oidc_provider == { provider_arn = ${quote(expectedProviderArn(p.issuerUrl))} }
error_message = "oidc_provider must carry the derived ARN."
}

assert {
condition     = output.issuer == ${quote(issuerHostPath(p.issuerUrl))}
error_message = "issuer is the URL without https://."
}
}`,
  );
  const cn = PARTITION_ISSUERS[1];
  return `${header('The derived provider ARN for a known issuer in each partition. The cluster, the caller identity and the partition come\nfrom override_data, as AWS would return them for a cluster in that partition.')}

mock_provider "aws" {
  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = ${quote(ACCOUNT)} }
  }
}

${variablesBlock({ cluster_name: 'prod' })}

${runs.join('\n\n')}

run "given_account_and_partition_win" {
command = plan
${variablesBlock({ account_id: '444455556666', partition: 'aws-cn' })}
${clusterOverride(cn.issuerUrl)}

assert {
condition     = output.provider_arn == ${quote(expectedProviderArn(cn.issuerUrl, '444455556666', 'aws-cn'))}
error_message = "account_id and partition override the caller identity and partition."
}

assert {
condition     = output.cluster_endpoint == "https://EXAMPLE.gr7.us-east-1.eks.amazonaws.com" && output.cluster_certificate_authority_data == "Y2VydA=="
error_message = "The cluster's endpoint and CA are passed on for the kubernetes provider."
}
}
`;
}

export function oidcProviderModuleTests(): Record<string, string> {
  return {
    'tests/provider.tftest.hcl': oidcProviderTests(),
    'tests/validation.tftest.hcl': validationTests(OIDC_PROVIDER_VALIDATION_CASES),
  };
}

export function clusterOidcModuleTests(): Record<string, string> {
  return {
    'tests/lookup.tftest.hcl': clusterOidcTests(),
    // The other inputs are valid, so the module is evaluated on: the cluster needs an issuer.
    'tests/validation.tftest.hcl': validationTests(CLUSTER_OIDC_VALIDATION_CASES, clusterOverride(EKS_ISSUER)),
  };
}
