/**
 * modules/eks-oidc-provider (`EksOidcProvider`: the cluster's IAM OIDC provider, what
 * `eksctl utils associate-iam-oidc-provider` creates) and modules/eks-cluster-oidc (`OidcProvider.fromClusterName`:
 * a lookup from a cluster name to its provider ARN, no resources). Both have the same outputs, so either
 * feeds the role and service-account modules.
 */
import { DEFAULT_AUDIENCE } from '../policy/subjects';
import { PARTITIONS, QUOTAS, RULES } from '../validation/rules';
import { banner, quote } from './hcl';
import { AWS_PROVIDER, OutputSpec, ProviderRequirement, header, outputsTf, variablesTf, versionsTf } from './files';
import { ROLE_MODULE } from './role-module';
import type { VariableSpec } from './files';
import { Validation, everyElement, invalidMessage, satisfies, stringRule } from './validation';
import { NON_EKS_WARNING, eksIssuerValidation, looksEksHcl } from './issuer';

export const EKS_OIDC_PROVIDER_MODULE = 'eks-oidc-provider';
export const EKS_CLUSTER_OIDC_MODULE = 'eks-cluster-oidc';

/**
 * `thumbprint_list` is optional only in newer AWS provider releases (hashicorp/terraform-provider-aws#37255,
 * released in 5.81.0 by its changelog; the tests here run 5.100, where it is optional). Older 5.x versions
 * reject a provider without thumbprints at plan.
 */
export const OIDC_AWS_PROVIDER: ProviderRequirement = { ...AWS_PROVIDER, version: '>= 5.81, < 7.0' };

const SECTION_CLUSTER = 'The cluster';
const SECTION_PROVIDER = 'The IAM OIDC provider';

const ACCOUNT_ID_PATTERN = '^[0-9]{12}$';
const CREATE_OIDC_DOCS = 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html';

function clusterNameVariable(required: boolean): VariableSpec {
  return {
    name: 'cluster_name',
    section: SECTION_CLUSTER,
    description: required
      ? `The EKS cluster's name; the module reads the cluster (data "aws_eks_cluster") for its issuer. ${RULES.eksClusterName.docs}`
      : `The EKS cluster's name: its issuer is read with data "aws_eks_cluster". Exactly one of cluster_name and issuer_url; it must be known at plan time (a name, not a value computed at apply). ${RULES.eksClusterName.docs}`,
    type: 'string',
    ...(required ? {} : { default: null }),
    validations: [stringRule('cluster_name', RULES.eksClusterName, !required)],
  };
}

/** Inputs of modules/eks-oidc-provider. */
export function oidcProviderModuleVariables(): VariableSpec[] {
  const issuer = 'var.issuer_url';
  return [
    clusterNameVariable(false),
    {
      name: 'issuer_url',
      section: SECTION_CLUSTER,
      description: `The cluster's OIDC issuer URL, e.g. aws_eks_cluster.this.identity[0].oidc[0].issuer (may be known only at apply). Exactly one of cluster_name and issuer_url. ${RULES.oidcIssuerUrl.docs}`,
      type: 'string',
      default: null,
      validations: [
        {
          condition: `${issuer} == null ? true : !startswith(${issuer}, "arn:")`,
          errorMessage: invalidMessage(
            `issuer_url \${jsonencode(${issuer})}`,
            `${RULES.oidcIssuerUrl.allowed}; this is an ARN: pass the cluster's name as cluster_name, or its identity[0].oidc[0].issuer`,
          ),
        },
        {
          condition: `${issuer} == null ? true : (startswith(${issuer}, "arn:") ? true : (${satisfies(issuer, RULES.oidcIssuerUrl)}))`,
          errorMessage: invalidMessage(`issuer_url \${jsonencode(${issuer})}`, RULES.oidcIssuerUrl.allowed),
        },
        // The constructs' issuer rule: an EKS-looking issuer must be well formed (others warn, in main.tf).
        eksIssuerValidation({
          loop: `url in [${issuer}]`,
          issuer: 'trimprefix(url, "https://")',
          skip: `url == null ? true : (startswith(url, "arn:") ? true : !(${satisfies('url', RULES.oidcIssuerUrl)}))`,
          subject: 'issuer_url ${jsonencode(url)}',
          mustBe: 'it must be',
          fallback: 'issuer_url',
        }),
        {
          condition: `!var.create ? true : (var.cluster_name == null) != (${issuer} == null)`,
          errorMessage: quote(
            "issuer_url and cluster_name: exactly one must be given (the cluster's issuer URL, or its name to read the issuer from).",
          ),
        },
      ],
    },
    {
      name: 'client_ids',
      section: SECTION_PROVIDER,
      description: `Audiences (client IDs) besides ${DEFAULT_AUDIENCE}, which is always registered; add the audience of any role that uses another one. ${CREATE_OIDC_DOCS}`,
      type: 'list(string)',
      default: [],
      validations: listValidations('client_ids', RULES.oidcClientId, QUOTAS.oidcClientIdsMax - 1, [
        {
          condition: `!contains(var.client_ids, ${quote(DEFAULT_AUDIENCE)})`,
          errorMessage: invalidMessage(
            `client_ids \${jsonencode(${quote(DEFAULT_AUDIENCE)})}`,
            `a list without "${DEFAULT_AUDIENCE}", which is always registered`,
          ),
        },
      ]),
    },
    {
      name: 'thumbprints',
      section: SECTION_PROVIDER,
      description: `Server-certificate thumbprints (at most ${QUOTAS.oidcThumbprintsMax}); leave empty for EKS: IAM verifies EKS issuers with its own trusted root CAs and uses thumbprints only for certificates those CAs did not sign. ${CREATE_OIDC_DOCS}`,
      type: 'list(string)',
      default: [],
      validations: listValidations('thumbprints', RULES.oidcThumbprint, QUOTAS.oidcThumbprintsMax, []),
    },
    {
      name: 'tags',
      section: SECTION_PROVIDER,
      description: 'Tags on the OIDC provider. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html',
      type: 'map(string)',
      default: {},
      validations: [
        {
          condition: `length(var.tags) <= ${QUOTAS.tagsMax}`,
          errorMessage: invalidMessage('tags ${jsonencode("${length(var.tags)} tags")}', `at most ${QUOTAS.tagsMax} tags`),
        },
        everyElement({
          loop: 'key, value in var.tags',
          condition: `${satisfies('key', RULES.tagKey)} && !startswith(lower(key), "aws:")`,
          subject: 'tags key ${jsonencode(key)}',
          fallback: 'tags key',
          allowed: RULES.tagKey.allowed,
        }),
        everyElement({
          loop: 'key, value in var.tags',
          condition: satisfies('value', RULES.tagValue),
          subject: 'tags[${jsonencode(key)}] ${jsonencode(value)}',
          fallback: 'tags value',
          allowed: RULES.tagValue.allowed,
        }),
      ],
    },
    {
      name: 'create',
      section: SECTION_PROVIDER,
      description:
        'Whether to create anything; false reads and plans nothing, and every output is null. https://developer.hashicorp.com/terraform/language/meta-arguments/count',
      type: 'bool',
      default: true,
      validations: [],
    },
  ];
}

/** Each element matches `rule`, no duplicates, at most `max` elements, plus `extra` checks. */
function listValidations(
  variable: string,
  rule: (typeof RULES)[keyof typeof RULES],
  max: number,
  extra: Validation[],
): Validation[] {
  const ref = `var.${variable}`;
  return [
    {
      condition: `length(${ref}) <= ${max}`,
      errorMessage: invalidMessage(
        `${variable} \${jsonencode("\${length(${ref})} entries")}`,
        `at most ${max} entries (the IAM quota)`,
      ),
    },
    everyElement({
      loop: `index, item in ${ref}`,
      condition: satisfies('item', rule),
      subject: `${variable}[\${index}] \${jsonencode(item)}`,
      fallback: variable,
      allowed: rule.allowed,
    }),
    ...extra,
    {
      condition: `length(distinct(${ref})) == length(${ref})`,
      errorMessage: invalidMessage(
        `${variable} \${try(jsonencode([for item in ${ref} : item if length([for other in ${ref} : other if other == item]) > 1][0]), "")}`,
        'a list without duplicates (this one is listed twice)',
      ),
    },
  ];
}

/** Inputs of modules/eks-cluster-oidc. */
export function clusterOidcModuleVariables(): VariableSpec[] {
  return [
    clusterNameVariable(true),
    {
      name: 'account_id',
      section: SECTION_PROVIDER,
      description:
        "The account that holds the IAM OIDC provider; null: the AWS provider's account (data \"aws_caller_identity\"). https://docs.aws.amazon.com/eks/latest/userguide/cross-account-access.html",
      type: 'string',
      default: null,
      validations: [
        {
          condition: `var.account_id == null ? true : can(regex(${quote(ACCOUNT_ID_PATTERN)}, var.account_id))`,
          errorMessage: invalidMessage('account_id ${jsonencode(var.account_id)}', 'a 12-digit AWS account ID'),
        },
      ],
    },
    {
      name: 'partition',
      section: SECTION_PROVIDER,
      description:
        "The account's partition; null: the AWS provider's partition (data \"aws_partition\"). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html",
      type: 'string',
      default: null,
      validations: [
        {
          condition: `var.partition == null ? true : contains(${JSON.stringify(PARTITIONS).replace(/,/g, ', ')}, var.partition)`,
          errorMessage: invalidMessage('partition ${jsonencode(var.partition)}', `one of ${PARTITIONS.join(', ')}`),
        },
      ],
    },
  ];
}

/** The outputs both modules share; `arn` and `issuerUrl` are HCL expressions, null when nothing is created. */
function oidcOutputs(arn: string, issuerUrl: string, extra: OutputSpec[] = []): OutputSpec[] {
  return [
    { name: 'provider_arn', description: "The IAM OIDC provider's ARN.", value: arn },
    {
      name: 'issuer',
      description: 'The issuer without https:// (the prefix of the :aud and :sub condition keys).',
      value: `${issuerUrl} == null ? null : trimprefix(${issuerUrl}, "https://")`,
    },
    { name: 'issuer_url', description: 'The issuer URL, with https://.', value: issuerUrl },
    {
      name: 'oidc_provider',
      description: `{ provider_arn }: an entry for the ${ROLE_MODULE} module's oidc_providers, completed with namespace_service_accounts by merge().`,
      value: `${arn} == null ? null : { provider_arn = ${arn} }`,
    },
    ...extra,
  ];
}

export const OIDC_PROVIDER_OUTPUTS: OutputSpec[] = oidcOutputs(
  'one(aws_iam_openid_connect_provider.this[*].arn)',
  'local.issuer_url',
);

export const CLUSTER_OIDC_OUTPUTS: OutputSpec[] = oidcOutputs('local.provider_arn', 'local.issuer_url', [
  {
    name: 'cluster_endpoint',
    description: "The cluster's API server endpoint (for the kubernetes provider's host).",
    value: 'data.aws_eks_cluster.this.endpoint',
  },
  {
    name: 'cluster_certificate_authority_data',
    description: "The cluster's CA certificate, base64-encoded (for the kubernetes provider's cluster_ca_certificate, through base64decode).",
    value: 'data.aws_eks_cluster.this.certificate_authority[0].data',
  },
]);

export function oidcProviderMainTf(): string {
  return `${header(
    'The cluster\'s IAM OIDC provider, as `eksctl utils associate-iam-oidc-provider` creates it (and as the\nEksOidcProvider construct does): the issuer from issuer_url or from the cluster named cluster_name, the audience\nsts.amazonaws.com plus client_ids, and thumbprints only when given.',
  )}

${banner('The cluster')}

# Read only with cluster_name. The count depends on whether a name was given, which is known at plan time.
data "aws_eks_cluster" "this" {
  count = var.create && var.cluster_name != null ? 1 : 0

  name = var.cluster_name
}

locals {
  issuer_url = !var.create ? null : (var.cluster_name != null ? one(data.aws_eks_cluster.this[*].identity[0].oidc[0].issuer) : var.issuer_url)
}

${banner('The IAM OIDC provider')}

resource "aws_iam_openid_connect_provider" "this" {
  count = var.create ? 1 : 0

  url            = local.issuer_url
  client_id_list = concat([${quote(DEFAULT_AUDIENCE)}], var.client_ids)
  # IAM verifies EKS issuers with its trusted root CAs; thumbprints are sent only when given.
  thumbprint_list = length(var.thumbprints) == 0 ? null : var.thumbprints
  tags            = length(var.tags) == 0 ? null : var.tags
}

# Like the construct's warning: an issuer that is not an EKS cluster's is legal, and created as given (a
# malformed EKS-looking issuer_url is a validation error). A cluster read by cluster_name has EKS's issuer.
check "issuer_looks_like_eks" {
  assert {
    condition     = !var.create || var.issuer_url == null ? true : ${looksEksHcl('trimprefix(var.issuer_url, "https://")')}
    error_message = "issuer_url \${jsonencode(var.issuer_url)} ${NON_EKS_WARNING}; the provider is created as given."
  }
}
`;
}

export function clusterOidcMainTf(): string {
  return `${header(
    'From a cluster name to its IAM OIDC provider ARN, as `eksctl --cluster=<name>` and OidcProvider.fromClusterName derive\nit: arn:<partition>:iam::<account>:oidc-provider/<issuer without https://>. No resources. Look a cluster up once and\npass the outputs to every role module instance: the role modules read no data sources, so plans stay fast.',
  )}

${banner('The cluster')}

data "aws_eks_cluster" "this" {
  name = var.cluster_name
}

${banner('The IAM OIDC provider')}

# The provider lives in the account (and partition) of the AWS provider, unless given.
data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  issuer_url   = data.aws_eks_cluster.this.identity[0].oidc[0].issuer
  account_id   = coalesce(var.account_id, data.aws_caller_identity.current.account_id)
  partition    = coalesce(var.partition, data.aws_partition.current.partition)
  provider_arn = "arn:\${local.partition}:iam::\${local.account_id}:oidc-provider/\${trimprefix(local.issuer_url, "https://")}"
}
`;
}

export function oidcProviderModuleFiles(): Record<string, string> {
  return {
    'versions.tf': versionsTf([OIDC_AWS_PROVIDER]),
    'variables.tf': variablesTf(oidcProviderModuleVariables()),
    'main.tf': oidcProviderMainTf(),
    'outputs.tf': outputsTf(OIDC_PROVIDER_OUTPUTS),
  };
}

export function clusterOidcModuleFiles(): Record<string, string> {
  return {
    'versions.tf': versionsTf([AWS_PROVIDER]),
    'variables.tf': variablesTf(clusterOidcModuleVariables()),
    'main.tf': clusterOidcMainTf(),
    'outputs.tf': outputsTf(CLUSTER_OIDC_OUTPUTS),
  };
}
