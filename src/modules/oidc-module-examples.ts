/**
 * Examples of modules/eks-oidc-provider and modules/eks-cluster-oidc: from a cluster name (or a cluster in the
 * same configuration) to roles, with the role and service-account modules next to them.
 */
import { AWS_PROVIDER_VERSION, KUBERNETES_PROVIDER_VERSION, REQUIRED_TERRAFORM_VERSION, header } from './files';
import { OIDC_AWS_PROVIDER } from './oidc-modules';
import { ROLE_MODULE } from './role-module';
import { SERVICE_ACCOUNT_MODULE } from './service-account-module';

function versions(aws: string, kubernetes = false): string {
  return `terraform {
  required_version = "${REQUIRED_TERRAFORM_VERSION}"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "${aws}"
    }${
      kubernetes
        ? `
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "${KUBERNETES_PROVIDER_VERSION}"
    }`
        : ''
    }
  }
}`;
}

const PROVIDER = `provider "aws" {
  region = var.region
}

variable "region" {
  description = "The AWS region."
  type        = string
  default     = "us-east-1"
}`;

const CLUSTER_NAME = `variable "cluster_name" {
  description = "The EKS cluster's name."
  type        = string
  default     = "example-cluster"
}`;

function example(about: string, body: string): string {
  return `${header(about)}\n\n${body}\n`;
}

export function oidcProviderExamples(): Record<string, string> {
  return {
    'examples/existing-cluster/main.tf': example(
      'eksctl utils associate-iam-oidc-provider --cluster=<name>, in Terraform: the IAM OIDC provider of an existing cluster,\nand a role that trusts one service account through it.',
      `${versions(OIDC_AWS_PROVIDER.version)}

${PROVIDER}

${CLUSTER_NAME}

module "oidc" {
  source = "../.."

  cluster_name = var.cluster_name
}

module "s3_reader" {
  source = "../../../${ROLE_MODULE}"

  role_name = "s3-reader"
  oidc_providers = {
    main = merge(module.oidc.oidc_provider, { namespace_service_accounts = ["default:s3-reader"] })
  }
  policy_arns = {
    s3_read_only = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  }
}

output "oidc_provider_arn" {
  value = module.oidc.provider_arn
}

output "role_arn" {
  value = module.s3_reader.role_arn
}`,
    ),
    'examples/new-cluster/main.tf': example(
      'A cluster and its IAM OIDC provider in one configuration: the issuer is known only after the cluster is created,\nwhich the module accepts (nothing it counts depends on it).',
      `${versions(OIDC_AWS_PROVIDER.version)}

${PROVIDER}

variable "cluster_role_arn" {
  description = "The EKS cluster's IAM role."
  type        = string
  default     = "arn:aws:iam::111122223333:role/eks-cluster"
}

variable "subnet_ids" {
  description = "Subnets for the cluster."
  type        = list(string)
  default     = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

resource "aws_eks_cluster" "this" {
  name     = "example-cluster"
  role_arn = var.cluster_role_arn

  vpc_config {
    subnet_ids = var.subnet_ids
  }
}

module "oidc" {
  source = "../.."

  issuer_url = aws_eks_cluster.this.identity[0].oidc[0].issuer
}

variable "hosted_zone_ids" {
  description = "The Route 53 hosted zones external-dns may change (IDs without the /hostedzone/ prefix)."
  type        = list(string)
  default     = ["Z0123456789ABC"]
}

module "external_dns" {
  source = "../../../${ROLE_MODULE}"

  role_name = "external-dns"
  oidc_providers = {
    main = merge(module.oidc.oidc_provider, { namespace_service_accounts = ["kube-system:external-dns"] })
  }
  # The add-on catalog's ExternalDNS policy (docs/addons.md), scoped to the zones it may change.
  addons = {
    external_dns = { hosted_zone_ids = var.hosted_zone_ids }
  }
}

output "role_arn" {
  value = module.external_dns.role_arn
}`,
    ),
  };
}

export function clusterOidcExamples(): Record<string, string> {
  return {
    'examples/for-each/main.tf': example(
      'Look the cluster up once and pass its provider to many role module instances: the plan reads one aws_eks_cluster\nwhatever the number of roles (the role module reads no data sources).',
      `${versions(AWS_PROVIDER_VERSION)}

${PROVIDER}

${CLUSTER_NAME}

variable "service_accounts" {
  description = "Service accounts (\\"namespace:name\\") and the managed policies each one's role gets."
  type        = map(map(string))
  default = {
    "monitoring:prometheus" = { cloudwatch = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess" }
    "apps:report-generator" = { s3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }
  }
}

module "cluster" {
  source = "../.."

  cluster_name = var.cluster_name
}

module "irsa" {
  source   = "../../../${ROLE_MODULE}"
  for_each = var.service_accounts

  role_name_prefix = substr(replace(each.key, ":", "-"), 0, 38)
  oidc_providers = {
    main = merge(module.cluster.oidc_provider, { namespace_service_accounts = [each.key] })
  }
  policy_arns = each.value
}

output "role_arns" {
  value = { for key, role in module.irsa : key => role.role_arn }
}`,
    ),
    'examples/service-account/main.tf': example(
      'eksctl create iamserviceaccount --cluster=<name> --namespace default --name s3-reader, in Terraform: one lookup\nconfigures the kubernetes provider and names the OIDC provider.',
      `${versions(AWS_PROVIDER_VERSION, true)}

${PROVIDER}

${CLUSTER_NAME}

module "cluster" {
  source = "../.."

  cluster_name = var.cluster_name
}

provider "kubernetes" {
  host                   = module.cluster.cluster_endpoint
  cluster_ca_certificate = base64decode(module.cluster.cluster_certificate_authority_data)
  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", var.cluster_name, "--region", var.region]
  }
}

module "s3_reader" {
  source = "../../../${SERVICE_ACCOUNT_MODULE}"

  name              = "s3-reader"
  namespace         = "default"
  oidc_provider_arn = module.cluster.provider_arn
  policy_arns = {
    s3_read_only = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  }
}

output "role_arn" {
  value = module.s3_reader.role_arn
}`,
    ),
  };
}
