/**
 * The modules' examples: small root configurations that call the module from `../..`. The role module's
 * examples need only the AWS provider, so tests can `init`, `validate` and `plan` them offline.
 */
import { REQUIRED_TERRAFORM_VERSION, header } from './files';
import { ROLE_MODULE } from './role-module';
import { TAM_ROLE_EXAMPLE_ABOUT, tamRoleExampleBody } from './tam-examples';

const CLUSTER_1 =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const CLUSTER_2 =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE2B4E0F1A2B3C4D5E6F7A8B9C0';

const AWS_PROVIDER_BLOCK = `provider "aws" {
  region = var.region
}

variable "region" {
  description = "The AWS region."
  type        = string
  default     = "us-east-1"
}`;

function providerArnVariable(name: string, description: string, arn: string): string {
  return `variable "${name}" {
  description = "${description}"
  type        = string
  default     = "${arn}"
}`;
}

const AWS_VERSIONS = `terraform {
  required_version = "${REQUIRED_TERRAFORM_VERSION}"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
  }
}`;

const K8S_VERSIONS = `terraform {
  required_version = "${REQUIRED_TERRAFORM_VERSION}"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.20, < 4.0"
    }
  }
}`;

/** Two AWS providers (one per account), as the cross-account example declares them. */
const CROSS_ACCOUNT_VERSIONS = `terraform {
  required_version = "${REQUIRED_TERRAFORM_VERSION}"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
  }
}`;

/** The Kubernetes provider authenticated the way EKS users do. */
const K8S_PROVIDER_BLOCK = `variable "cluster_name" {
  description = "The EKS cluster whose API server the Kubernetes provider talks to."
  type        = string
  default     = "example-cluster"
}

data "aws_eks_cluster" "this" {
  name = var.cluster_name
}

provider "kubernetes" {
  host                   = data.aws_eks_cluster.this.endpoint
  cluster_ca_certificate = base64decode(data.aws_eks_cluster.this.certificate_authority[0].data)
  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", var.cluster_name, "--region", var.region]
  }
}`;

function example(about: string, body: string): string {
  return `${header(about)}\n\n${body}\n`;
}

export function roleExamples(): Record<string, string> {
  return {
    'examples/basic/main.tf': example(
      'One service account on one cluster: read and write objects in a bucket created in the same configuration.\nThe policy document refers to the bucket, so its JSON is known only after apply; the module plans anyway,\nbecause its resources are keyed by the inline policy\'s name, not by its content.',
      `${AWS_VERSIONS}

${AWS_PROVIDER_BLOCK}

${providerArnVariable('oidc_provider_arn', "The cluster's IAM OIDC provider ARN.", CLUSTER_1)}

resource "aws_s3_bucket" "data" {
  bucket_prefix = "irsa-example-"
}

data "aws_iam_policy_document" "s3_reader" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["\${aws_s3_bucket.data.arn}/*"]
  }
}

module "s3_reader" {
  source = "../.."

  role_name = "s3-reader"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["default:s3-reader"]
    }
  }
  inline_policies = {
    s3-reader = data.aws_iam_policy_document.s3_reader.json
  }
}

output "role_arn" {
  value = module.s3_reader.role_arn
}`,
    ),
    'examples/multi-cluster/main.tf': example(
      'One role trusted on two clusters (one trust statement each), and wildcard subjects on the first.',
      `${AWS_VERSIONS}

${AWS_PROVIDER_BLOCK}

${providerArnVariable('blue_oidc_provider_arn', 'The blue cluster\'s IAM OIDC provider ARN.', CLUSTER_1)}

${providerArnVariable('green_oidc_provider_arn', 'The green cluster\'s IAM OIDC provider ARN.', CLUSTER_2)}

module "api" {
  source = "../.."

  role_name_prefix        = "api-"
  role_path               = "/irsa/"
  allow_wildcard_subjects = true
  oidc_providers = {
    blue = {
      provider_arn = var.blue_oidc_provider_arn
      # Exact and wildcard subjects of one cluster become two statements.
      namespace_service_accounts = ["apps:api", "preview-*:api"]
    }
    green = {
      provider_arn               = var.green_oidc_provider_arn
      namespace_service_accounts = ["apps:api"]
    }
  }
  policy_arns = {
    read_only = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  }
  tags = {
    team = "platform"
  }
}

output "trust_policy" {
  value = jsondecode(module.api.trust_policy_json)
}`,
    ),
    'examples/role-only-helm/main.tf': example(
      'A role for a ServiceAccount that a Helm chart creates (here external-dns): pass role_arn to the chart, e.g.\nas serviceAccount.annotations."eks.amazonaws.com/role-arn".',
      `${AWS_VERSIONS}

${AWS_PROVIDER_BLOCK}

${providerArnVariable('oidc_provider_arn', "The cluster's IAM OIDC provider ARN.", CLUSTER_1)}

variable "hosted_zone_ids" {
  description = "The Route 53 hosted zones external-dns may change (IDs without the /hostedzone/ prefix)."
  type        = list(string)
  default     = ["Z0123456789ABC"]
}

module "external_dns" {
  source = "../.."

  role_name = "external-dns"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:external-dns"]
    }
  }
  # The add-on catalog's ExternalDNS policy (docs/addons.md), scoped to the zones it may change.
  addons = {
    external_dns = { hosted_zone_ids = var.hosted_zone_ids }
  }
}

output "helm_values" {
  description = "Values for the external-dns chart."
  value = {
    serviceAccount = {
      create      = true
      name        = "external-dns"
      annotations = { "eks.amazonaws.com/role-arn" = module.external_dns.role_arn }
    }
  }
}`,
    ),
    'examples/for-each/main.tf': example(
      'Many service accounts, one role each, with for_each. Plans stay fast with hundreds of instances: the module\nreads no data sources and computes the trust policy from its inputs.',
      `${AWS_VERSIONS}

${AWS_PROVIDER_BLOCK}

${providerArnVariable('oidc_provider_arn', "The cluster's IAM OIDC provider ARN.", CLUSTER_1)}

variable "service_accounts" {
  description = "Service accounts (\\"namespace:name\\") and the managed policies each one's role gets."
  type        = map(map(string))
  default = {
    "monitoring:prometheus"  = { cloudwatch = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess" }
    "kube-system:ebs-csi"    = { ebs = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy" }
    "apps:report-generator"  = { s3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }
  }
}

module "irsa" {
  source   = "../.."
  for_each = var.service_accounts

  role_name_prefix = substr(replace(each.key, ":", "-"), 0, 38)
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = [each.key]
    }
  }
  policy_arns = each.value
}

output "role_arns" {
  value = { for key, role in module.irsa : key => role.role_arn }
}`,
    ),
    'examples/managed-policy/main.tf': example(
      'The layout of terraform-aws-modules\' iam-role-for-service-accounts: statements written as HCL objects, merged\nwith a policy document, and the add-on permissions (Velero here), all in one customer-managed policy attached to\nthe role (create_policy) instead of inline policies. Switching create_policy later does not replace the role.',
      `${AWS_VERSIONS}

${AWS_PROVIDER_BLOCK}

${providerArnVariable('oidc_provider_arn', "The cluster's IAM OIDC provider ARN.", CLUSTER_1)}

data "aws_iam_policy_document" "queue" {
  statement {
    sid       = "Queue"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
    resources = ["arn:aws:sqs:us-east-1:111122223333:backups"]
  }
}

module "velero" {
  source = "../.."

  role_name = "velero"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["velero:velero"]
    }
  }
  addons = {
    velero = { bucket_arns = ["arn:aws:s3:::example-backups"] }
  }

  create_policy      = true
  policy_name        = "velero-backups"
  policy_path        = "/eks/"
  policy_description = "What Velero may do: its add-on permissions and the backup queue."
  source_policy_documents = [data.aws_iam_policy_document.queue.json]
  policy_statements = [
    {
      sid       = "OrgOnly"
      effect    = "Deny"
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::example-backups/*"]
      condition = [{ test = "StringNotEquals", variable = "aws:ResourceOrgID", values = ["o-exampleorgid"] }]
    },
  ]
}

output "role_arn" {
  value = module.velero.role_arn
}

output "role_path" {
  value = module.velero.role_path
}

output "policy_arn" {
  value = module.velero.policy_arn
}`,
    ),
    'examples/cross-account/main.tf': example(
      `Cross-account IRSA (docs/cross-account.md): the cluster runs in one account, the role lives in another (the
workload account). STS accepts a web identity token only through an IAM OIDC provider in the role's own account,
so the workload account gets its own provider for the cluster's issuer, and the role trusts that one. The
ServiceAccount in the cluster is annotated with the role's ARN (the output below).`,
      `${CROSS_ACCOUNT_VERSIONS}

variable "region" {
  description = "The AWS region of the cluster."
  type        = string
  default     = "us-east-1"
}

variable "cluster_name" {
  description = "The EKS cluster, in the cluster account."
  type        = string
  default     = "example-cluster"
}

variable "workload_account_role_arn" {
  description = "A role in the workload account that Terraform assumes to create the OIDC provider and the role there."
  type        = string
  default     = "arn:aws:iam::444455556666:role/terraform"
}

# The cluster account: the default credentials.
provider "aws" {
  alias  = "cluster"
  region = var.region
}

# The workload account, where the role and its OIDC provider are created.
provider "aws" {
  alias  = "workload"
  region = var.region
  assume_role {
    role_arn = var.workload_account_role_arn
  }
}

# The cluster's issuer, read in the cluster account.
module "cluster" {
  source    = "../../../eks-cluster-oidc"
  providers = { aws = aws.cluster }

  cluster_name = var.cluster_name
}

# The workload account's own IAM OIDC provider for that issuer (one per issuer and account).
module "oidc_provider" {
  source    = "../../../eks-oidc-provider"
  providers = { aws = aws.workload }

  issuer_url = module.cluster.issuer_url
}

# The role, in the workload account, trusting the workload account's provider.
module "role" {
  source    = "../.."
  providers = { aws = aws.workload }

  role_name = "reports-reader"
  oidc_providers = {
    cluster = {
      provider_arn               = module.oidc_provider.provider_arn
      namespace_service_accounts = ["reports:reader"]
    }
  }
  policy_arns = { s3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }
}

# Annotate the ServiceAccount in the cluster with this (e.g. in the Helm chart's serviceAccount.annotations).
output "service_account_annotations" {
  value = { "eks.amazonaws.com/role-arn" = module.role.role_arn }
}`,
    ),
    'examples/terraform-aws-modules/main.tf': example(
      TAM_ROLE_EXAMPLE_ABOUT,
      `${AWS_VERSIONS}

${AWS_PROVIDER_BLOCK}

${tamRoleExampleBody()}`,
    ),
  };
}

export function serviceAccountExamples(): Record<string, string> {
  return {
    'examples/basic/main.tf': example(
      'eksctl create iamserviceaccount --name s3-reader --namespace default, in Terraform.',
      `${K8S_VERSIONS}

${AWS_PROVIDER_BLOCK}

${K8S_PROVIDER_BLOCK}

${providerArnVariable('oidc_provider_arn', "The cluster's IAM OIDC provider ARN.", CLUSTER_1)}

module "s3_reader" {
  source = "../.."

  name              = "s3-reader"
  namespace         = "default"
  oidc_provider_arn = var.oidc_provider_arn
  role_name         = "s3-reader"
  inline_policies = {
    s3-reader = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "arn:aws:s3:::example-irsa-bucket/*"
      }]
    })
  }
}`,
    ),
    'examples/multi-cluster/main.tf': example(
      'One role for the same ServiceAccount on two clusters; the ServiceAccount is created on the cluster the\nKubernetes provider talks to. For the other cluster, call the module again with that cluster\'s provider and\ncreate_role = false, attach_role_arn = module.api.role_arn (known only after apply, which is fine: create_role\ndecides what is created).',
      `${K8S_VERSIONS}

${AWS_PROVIDER_BLOCK}

${K8S_PROVIDER_BLOCK}

${providerArnVariable('oidc_provider_arn', "This cluster's IAM OIDC provider ARN.", CLUSTER_1)}

${providerArnVariable('other_oidc_provider_arn', "The other cluster's IAM OIDC provider ARN.", CLUSTER_2)}

module "api" {
  source = "../.."

  name                          = "api"
  namespace                     = "apps"
  oidc_provider_arn             = var.oidc_provider_arn
  additional_oidc_provider_arns = [var.other_oidc_provider_arn]
  sts_regional_endpoints        = true
  policy_arns = {
    read_only = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  }
}`,
    ),
    'examples/role-only-helm/main.tf': example(
      'eksctl create iamserviceaccount --role-only: the role for a ServiceAccount that a Helm chart creates. This\nmodule always manages a ServiceAccount (and so needs the Kubernetes provider); a role alone comes from the\nrole module, which needs only the AWS provider, so this example calls that one.',
      `${AWS_VERSIONS}

${AWS_PROVIDER_BLOCK}

${providerArnVariable('oidc_provider_arn', "The cluster's IAM OIDC provider ARN.", CLUSTER_1)}

variable "hosted_zone_ids" {
  description = "The Route 53 hosted zones external-dns may change (IDs without the /hostedzone/ prefix)."
  type        = list(string)
  default     = ["Z0123456789ABC"]
}

module "external_dns" {
  source = "../../../${ROLE_MODULE}"

  role_name = "external-dns"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:external-dns"]
    }
  }
  # The add-on catalog's ExternalDNS policy (docs/addons.md), scoped to the zones it may change.
  addons = {
    external_dns = { hosted_zone_ids = var.hosted_zone_ids }
  }
}

output "helm_values" {
  description = "Values for the external-dns chart, which creates the ServiceAccount itself."
  value = {
    serviceAccount = {
      create      = true
      name        = "external-dns"
      annotations = { "eks.amazonaws.com/role-arn" = module.external_dns.role_arn }
    }
  }
}`,
    ),
    'examples/for-each/main.tf': example(
      'Many ServiceAccounts, each with its own role, with for_each.',
      `${K8S_VERSIONS}

${AWS_PROVIDER_BLOCK}

${K8S_PROVIDER_BLOCK}

${providerArnVariable('oidc_provider_arn', "The cluster's IAM OIDC provider ARN.", CLUSTER_1)}

variable "service_accounts" {
  description = "ServiceAccounts by name, with their namespace and managed policies."
  type = map(object({
    namespace   = string
    policy_arns = optional(map(string), {})
  }))
  default = {
    prometheus = { namespace = "monitoring", policy_arns = { cloudwatch = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess" } }
    reporter   = { namespace = "apps", policy_arns = { s3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" } }
  }
}

module "service_accounts" {
  source   = "../.."
  for_each = var.service_accounts

  name              = each.key
  namespace         = each.value.namespace
  oidc_provider_arn = var.oidc_provider_arn
  policy_arns       = each.value.policy_arns
}`,
    ),
  };
}
