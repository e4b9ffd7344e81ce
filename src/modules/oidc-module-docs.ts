/**
 * README texts of modules/eks-oidc-provider and modules/eks-cluster-oidc (rendered by readme.ts with the
 * input and output tables).
 */
import { AWS_PROVIDER_VERSION } from './files';
import { EKS_CLUSTER_OIDC_MODULE, EKS_OIDC_PROVIDER_MODULE, OIDC_AWS_PROVIDER } from './oidc-modules';
import type { ModuleDoc } from './files';
import { ROLE_MODULE } from './role-module';
import { SERVICE_ACCOUNT_MODULE } from './service-account-module';

const OUTPUTS_NOTE = `Both modules have the same outputs: \`provider_arn\` (for the [service-account module](../${SERVICE_ACCOUNT_MODULE})'s \`oidc_provider_arn\`), \`issuer\`, \`issuer_url\`, and \`oidc_provider\`, an entry for the [role module](../${ROLE_MODULE})'s \`oidc_providers\` that lacks only the service accounts:

\`\`\`hcl
oidc_providers = {
  main = merge(module.oidc.oidc_provider, { namespace_service_accounts = ["default:app"] })
}
\`\`\``;

const NO_DATA_SOURCES = (how: string) =>
  `The role and service-account modules read no data sources on purpose: a data source inside a module called with \`for_each\` is read once per instance, and plans slow down with the number of roles. Look each cluster up once (${how}) and pass the outputs to every role.`;

export function oidcModuleDocs(source: (module: string) => string): Record<string, ModuleDoc> {
  return {
    [EKS_OIDC_PROVIDER_MODULE]: {
      title: 'EKS cluster IAM OIDC provider',
      intro: `What \`eksctl utils associate-iam-oidc-provider --cluster=<name>\` does, for plain Terraform: the \`EksOidcProvider\` construct. Creates the cluster's IAM OIDC provider (\`aws_iam_openid_connect_provider\`), without which no IRSA role can be assumed.

- The issuer comes from \`issuer_url\` (e.g. \`aws_eks_cluster.this.identity[0].oidc[0].issuer\`, which may be known only after apply) or from the cluster named \`cluster_name\` (one \`data "aws_eks_cluster"\`). \`cluster_name\` must be known at plan time: it decides whether the cluster is read.
- The audience \`sts.amazonaws.com\` is always registered; \`client_ids\` adds more (for roles with another \`audience\`).
- \`thumbprints\` are sent only when given. IAM no longer needs them for EKS issuers: it checks the issuer's TLS certificate against its own library of trusted root certificate authorities, and falls back to thumbprints only for certificates those authorities did not sign ([CreateOpenIDConnectProvider](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html)). \`thumbprint_list\` is optional from AWS provider 5.81.0, hence this module's provider floor.
- An issuer that is not an EKS one (its host does not start with \`oidc.eks.\`) is created as given, with a \`check\` warning; one that starts like an EKS issuer but is malformed (a Region such as \`eu-west1\`, a cluster ID other than 32 hexadecimal digits) is an error, as in the \`EksOidcProvider\` construct.
- \`create = false\` reads and creates nothing, and every output is null.

${OUTPUTS_NOTE}

${NO_DATA_SOURCES(`with this module when it creates the provider, else with [${EKS_CLUSTER_OIDC_MODULE}](../${EKS_CLUSTER_OIDC_MODULE})`)}`,
      usage: `module "oidc" {
  source = "${source(EKS_OIDC_PROVIDER_MODULE)}"

  cluster_name = "prod"
}

module "s3_reader" {
  source = "${source(ROLE_MODULE)}"

  role_name = "s3-reader"
  oidc_providers = {
    main = merge(module.oidc.oidc_provider, { namespace_service_accounts = ["default:s3-reader"] })
  }
}`,
      providers: `| hashicorp/aws | \`${OIDC_AWS_PROVIDER.version}\` |`,
      examples: ['existing-cluster', 'new-cluster'],
      invalidExample: 'issuer_url "http://oidc.example.com" is invalid: it must be an OIDC issuer URL: "https://", a lowercase host name, then an optional path without a trailing "/", query or fragment (at most 255 characters after "https://").',
    },
    [EKS_CLUSTER_OIDC_MODULE]: {
      title: 'EKS cluster OIDC lookup',
      intro: `From a cluster name to its IAM OIDC provider, as \`eksctl --cluster=<name>\` and \`OidcProvider.fromClusterName\` derive it: \`arn:<partition>:iam::<account>:oidc-provider/<issuer without https://>\`. Creates nothing. It reads \`data "aws_eks_cluster"\` for the issuer, and \`aws_caller_identity\` and \`aws_partition\` for the account and partition of the AWS provider (where the OIDC provider must be; \`account_id\` and \`partition\` override them). The provider itself must exist: create it with [${EKS_OIDC_PROVIDER_MODULE}](../${EKS_OIDC_PROVIDER_MODULE}) or eksctl.

It also outputs the cluster's \`cluster_endpoint\` and \`cluster_certificate_authority_data\`, so the same lookup configures the kubernetes provider for the [service-account module](../${SERVICE_ACCOUNT_MODULE}).

${OUTPUTS_NOTE}

${NO_DATA_SOURCES('with this module')} With this module feeding a \`for_each\` over 50 role module instances the plan reads exactly one \`aws_eks_cluster\` (tested).`,
      usage: `module "cluster" {
  source = "${source(EKS_CLUSTER_OIDC_MODULE)}"

  cluster_name = "prod"
}

module "irsa" {
  source   = "${source(ROLE_MODULE)}"
  for_each = toset(["apps:api", "apps:worker"])

  role_name_prefix = replace(each.key, ":", "-")
  oidc_providers = {
    main = merge(module.cluster.oidc_provider, { namespace_service_accounts = [each.key] })
  }
}`,
      providers: `| hashicorp/aws | \`${AWS_PROVIDER_VERSION}\` |`,
      examples: ['for-each', 'service-account'],
      invalidExample: 'cluster_name "prod cluster" is invalid: it must be an EKS cluster name: 1 to 100 letters, digits, "-" or "_", starting with a letter or digit.',
    },
  };
}
