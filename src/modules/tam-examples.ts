/**
 * The examples of terraform-aws-modules written with this project's modules (docs/migrating-from-terraform-aws-modules.md,
 * "Upstream's examples"): every module block of upstream's `iam-role-for-service-accounts` (iam v6) and
 * `eks-pod-identity` (v2) examples that these modules can express, under the same block names. The EKS
 * clusters and VPC upstream creates around them are variables here; the guide's table lists the blocks left
 * out and why.
 */

/** What the role module's example says about itself. */
export const TAM_ROLE_EXAMPLE_ABOUT =
  "terraform-aws-modules/iam's iam-role-for-service-accounts example (v6), block by block, with this module: each\nattach_*_policy becomes an addons attribute, name (a name prefix upstream) role_name_prefix, policies policy_arns.\nLeft out (docs/migrating-from-terraform-aws-modules.md): upstream's VPC and EKS cluster (the OIDC provider is a variable).";

/** The role module's example: upstream's module blocks. */
export function tamRoleExampleBody(): string {
  return `variable "oidc_provider_arn" {
  description = "The cluster's IAM OIDC provider ARN (upstream: module.eks.oidc_provider_arn)."
  type        = string
  default     = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
}

variable "cluster_name" {
  description = "The cluster whose Auto Scaling groups the cluster autoscaler may scale (upstream: module.eks.cluster_name)."
  type        = string
  default     = "ex-irsa"
}

locals {
  name = "ex-irsa"
  tags = {
    Example = local.name
  }
}

resource "aws_iam_policy" "additional" {
  name        = "\${local.name}-additional"
  description = "Additional test policy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = ["ec2:Describe*"], Effect = "Allow", Resource = "*" }]
  })
  tags = local.tags
}

module "disabled" {
  source = "../.."

  create = false
}

module "irsa" {
  source = "../.."

  role_name_prefix = "\${local.name}-"
  # Upstream lists the same provider twice, under two keys; one entry per provider here.
  oidc_providers = {
    one = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["default:my-app", "canary:my-app", "default:blue", "canary:blue"]
    }
  }
  policy_arns = {
    AmazonEKS_CNI_Policy = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"
    additional           = aws_iam_policy.additional.arn
  }
  tags = local.tags
}

module "cert_manager_irsa" {
  source = "../.."

  role_name_prefix = "cert-manager-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:cert-manager"]
    }
  }
  addons = {
    cert_manager = { hosted_zone_ids = ["Z0123456789ABC"] }
  }
  tags = local.tags
}

module "cluster_autoscaler_irsa" {
  source = "../.."

  role_name_prefix = "cluster-autoscaler-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:cluster-autoscaler"]
    }
  }
  addons = {
    cluster_autoscaler = { cluster_names = [var.cluster_name], kubernetes_cluster_tag = true, autoscaler_tag = false }
  }
  tags = local.tags
}

module "ebs_csi_irsa" {
  source = "../.."

  role_name_prefix = "ebs-csi-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:ebs-csi-controller-sa"]
    }
  }
  addons = {
    ebs_csi_driver = {}
  }
  tags = local.tags
}

module "efs_csi_irsa" {
  source = "../.."

  role_name_prefix = "efs-csi-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:efs-csi-controller-sa"]
    }
  }
  addons = {
    efs_csi_driver = {}
  }
  tags = local.tags
}

module "mountpoint_s3_csi_irsa" {
  source = "../.."

  role_name_prefix = "mountpoint-s3-csi-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:s3-csi-driver-sa"]
    }
  }
  addons = {
    mountpoint_s3_csi_driver = {
      bucket_arns = ["arn:aws:s3:::mountpoint-s3-csi-bucket"]
      object_arns = ["arn:aws:s3:::mountpoint-s3-csi-bucket/example/*"]
    }
  }
  tags = local.tags
}

module "external_dns_irsa" {
  source = "../.."

  role_name_prefix = "external-dns-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:external-dns"]
    }
  }
  addons = {
    external_dns = { hosted_zone_ids = ["Z0123456789ABC"] }
  }
  tags = local.tags
}

module "external_secrets_irsa" {
  source = "../.."

  role_name_prefix = "external-secrets-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["default:kubernetes-external-secrets"]
    }
  }
  addons = {
    external_secrets = {
      parameter_arns = ["arn:aws:ssm:eu-west-1:012345678901:parameter/foo"]
      secret_arns    = ["arn:aws:secretsmanager:eu-west-1:012345678901:secret:bar"]
    }
  }
  tags = local.tags
}

module "fsx_lustre_csi_irsa" {
  source = "../.."

  role_name_prefix = "fsx-lustre-csi-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:fsx-csi-controller-sa"]
    }
  }
  addons = {
    fsx_lustre_csi_driver = {}
  }
  tags = local.tags
}

module "fsx_openzfs_csi_irsa" {
  source = "../.."

  role_name_prefix = "fsx-openzfs-csi-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:fsx-openzfs-csi-controller-sa"]
    }
  }
  addons = {
    fsx_open_zfs_csi_driver = {}
  }
  tags = local.tags
}

module "load_balancer_controller_irsa" {
  source = "../.."

  role_name_prefix = "load-balancer-controller-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:aws-load-balancer-controller"]
    }
  }
  addons = {
    aws_load_balancer_controller = {}
  }
  tags = local.tags
}

module "load_balancer_controller_targetgroup_binding_only_irsa" {
  source = "../.."

  role_name_prefix = "lbc-targetgroup-binding-only-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:aws-load-balancer-controller"]
    }
  }
  addons = {
    aws_load_balancer_controller_target_group_binding = {
      target_group_arns = ["arn:aws:elasticloadbalancing:eu-west-1:012345678901:targetgroup/my-target-group/0123456789abcdef"]
    }
  }
  tags = local.tags
}

module "amazon_managed_service_prometheus_irsa" {
  source = "../.."

  role_name_prefix = "amazon-managed-service-prometheus-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["prometheus:amp-ingest"]
    }
  }
  addons = {
    amazon_managed_prometheus = {
      workspace_arns = ["arn:aws:aps:eu-west-1:012345678901:workspace/ws-12345678-1234-1234-1234-123456789012"]
    }
  }
  tags = local.tags
}

module "node_termination_handler_irsa" {
  source = "../.."

  role_name_prefix = "node-termination-handler-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:aws-node"]
    }
  }
  addons = {
    node_termination_handler = { queue_arns = ["arn:aws:sqs:eu-west-1:012345678901:node-termination-handler"] }
  }
  tags = local.tags
}

module "velero_irsa" {
  source = "../.."

  role_name_prefix = "velero-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["velero:velero"]
    }
  }
  addons = {
    velero = { bucket_arns = ["arn:aws:s3:::velero-backups"] }
  }
  tags = local.tags
}

module "vpc_cni_ipv4_irsa" {
  source = "../.."

  role_name_prefix = "vpc-cni-ipv4-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:aws-node"]
    }
  }
  addons = {
    vpc_cni = { ipv4 = true }
  }
  tags = local.tags
}

module "vpc_cni_ipv6_irsa" {
  source = "../.."

  role_name_prefix = "vpc-cni-ipv6-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["kube-system:aws-node"]
    }
  }
  addons = {
    vpc_cni = { ipv4 = false, ipv6 = true }
  }
  tags = local.tags
}

module "cloudwatch_observability_irsa" {
  source = "../.."

  role_name_prefix = "cloudwatch-observability-"
  oidc_providers = {
    main = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["amazon-cloudwatch:cloudwatch-agent"]
    }
  }
  addons = {
    cloud_watch_observability = {}
  }
  tags = local.tags
}`;
}

/** What the Pod Identity module's example says about itself. */
export const TAM_POD_IDENTITY_EXAMPLE_ABOUT =
  "terraform-aws-modules/eks-pod-identity's complete example (v2), block by block, with this module: each attach_*_policy\nbecomes an addons attribute, name (a name prefix upstream) role_name_prefix, association_defaults are written into\neach association and their tags (with tags) into association_tags. The trust stays scoped to the associations\n(upstream trusts any association in the account). Left out (docs/migrating-from-terraform-aws-modules.md):\nthe VPC and the EKS clusters.";

/** The Pod Identity module's example: upstream's module blocks. */
export function tamPodIdentityExampleBody(): string {
  return `variable "cluster_one" {
  description = "The first cluster's name (upstream: module.eks_one.cluster_name)."
  type        = string
  default     = "pod-id-ex-one"
}

variable "cluster_two" {
  description = "The second cluster's name (upstream: module.eks_two.cluster_name)."
  type        = string
  default     = "pod-id-ex-two"
}

variable "account_id" {
  description = "The account of the RDS instances pganalyze monitors (upstream reads the caller's account)."
  type        = string
  default     = "111122223333"
}

locals {
  tags = {
    Example = "pod-id-ex"
  }
}

module "disabled" {
  source = "../.."

  create = false
}

resource "aws_iam_policy" "additional" {
  name_prefix = "pod-id-ex-additional-"
  description = "Additional test policy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = ["ec2:Describe*"], Effect = "Allow", Resource = "*" }]
  })
  tags = local.tags
}

data "aws_iam_policy_document" "source" {
  statement {
    actions   = ["ec2:DescribeAvailabilityZones"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "override" {
  statement {
    actions   = ["ec2:DescribeRegions"]
    resources = ["*"]
  }
}

module "custom_pod_identity" {
  source = "../.."

  role_name_prefix          = "custom-"
  source_policy_documents   = [data.aws_iam_policy_document.source.json]
  override_policy_documents = [data.aws_iam_policy_document.override.json]
  policy_arns = {
    AmazonEKS_CNI_Policy = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"
    additional           = aws_iam_policy.additional.arn
  }
  trust_policy_conditions = [
    {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-1234567890"]
    }
  ]
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "custom", service_account = "custom" }
    ex-two = { cluster_name = var.cluster_two, namespace = "custom", service_account = "custom" }
  }
  tags = local.tags
}

module "aws_gateway_controller_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-gateway-controller-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "aws-application-networking-system", service_account = "gateway-api-controller" }
    ex-two = { cluster_name = var.cluster_two, namespace = "aws-application-networking-system", service_account = "gateway-api-controller" }
  }
  addons = {
    aws_gateway_controller = {}
  }
  association_tags = merge(local.tags, { App = "Example" })
  tags             = local.tags
}

module "cert_manager_pod_identity" {
  source = "../.."

  role_name_prefix = "cert-manager-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "cert-manager", service_account = "cert-manager" }
    ex-two = { cluster_name = var.cluster_two, namespace = "cert-manager", service_account = "cert-manager" }
  }
  addons = {
    cert_manager = { hosted_zone_ids = ["Z0123456789ABC"] }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_cloudwatch_observability_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-cloudwatch-observability-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "amazon-cloudwatch", service_account = "cloudwatch-agent" }
    ex-two = { cluster_name = var.cluster_two, namespace = "amazon-cloudwatch", service_account = "cloudwatch-agent" }
  }
  addons = {
    cloud_watch_observability = {}
  }
  association_tags = local.tags
  tags             = local.tags
}

module "cluster_autoscaler_pod_identity" {
  source = "../.."

  role_name_prefix = "cluster-autoscaler-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "kube-system", service_account = "cluster-autoscaler-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "kube-system", service_account = "cluster-autoscaler-sa" }
  }
  addons = {
    cluster_autoscaler = { cluster_names = ["foo"], kubernetes_cluster_tag = true, autoscaler_tag = false }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_ebs_csi_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-ebs-csi-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "kube-system", service_account = "ebs-csi-controller-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "kube-system", service_account = "ebs-csi-controller-sa" }
  }
  addons = {
    ebs_csi_driver = { kms_key_arns = ["arn:aws:kms:eu-west-1:012345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab"] }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_efs_csi_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-efs-csi-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "kube-system", service_account = "efs-csi-controller-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "kube-system", service_account = "efs-csi-controller-sa" }
  }
  addons = {
    efs_csi_driver = {}
  }
  association_tags = local.tags
  tags             = local.tags
}

module "external_dns_pod_identity" {
  source = "../.."

  role_name_prefix = "external-dns-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "external-dns", service_account = "external-dns-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "external-dns", service_account = "external-dns-sa" }
  }
  addons = {
    external_dns = { hosted_zone_ids = ["Z0123456789ABC"] }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "external_secrets_pod_identity" {
  source = "../.."

  role_name_prefix = "external-secrets-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "external-secrets", service_account = "external-secrets-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "external-secrets", service_account = "external-secrets-sa" }
  }
  addons = {
    external_secrets = {
      parameter_arns = ["arn:aws:ssm:eu-west-1:012345678901:parameter/foo"]
      secret_arns    = ["arn:aws:secretsmanager:eu-west-1:012345678901:secret:bar"]
      kms_key_arns   = ["arn:aws:kms:eu-west-1:012345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      create_secrets = true
    }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_fsx_lustre_csi_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-fsx-lustre-csi-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "kube-system", service_account = "fsx-csi-controller-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "kube-system", service_account = "fsx-csi-controller-sa" }
  }
  addons = {
    fsx_lustre_csi_driver = {
      service_linked_role_arns = ["arn:aws:iam::*:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*"]
    }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_lb_controller_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-lbc-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "kube-system", service_account = "aws-load-balancer-controller-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "kube-system", service_account = "aws-load-balancer-controller-sa" }
  }
  addons = {
    aws_load_balancer_controller = {}
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_lb_controller_targetgroup_binding_only_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-lbc-targetgroup-binding-only-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "kube-system", service_account = "aws-load-balancer-controller-tgb-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "kube-system", service_account = "aws-load-balancer-controller-tgb-sa" }
  }
  addons = {
    aws_load_balancer_controller_target_group_binding = {
      target_group_arns = ["arn:aws:elasticloadbalancing:eu-west-1:012345678901:targetgroup/foo/bar"]
    }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_appmesh_controller_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-appmesh-controller-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "appmesh-system", service_account = "appmesh-controller" }
    ex-two = { cluster_name = var.cluster_two, namespace = "appmesh-system", service_account = "appmesh-controller" }
  }
  addons = {
    app_mesh_controller = {}
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_appmesh_envoy_proxy_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-appmesh-envoy-proxy-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "appmesh-system", service_account = "envoy-proxy" }
    ex-two = { cluster_name = var.cluster_two, namespace = "appmesh-system", service_account = "envoy-proxy" }
  }
  addons = {
    app_mesh_envoy_proxy = {}
  }
  association_tags = local.tags
  tags             = local.tags
}

module "amazon_managed_service_prometheus_pod_identity" {
  source = "../.."

  role_name_prefix = "amazon-managed-service-prometheus-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "prometheus", service_account = "prometheus" }
    ex-two = { cluster_name = var.cluster_two, namespace = "prometheus", service_account = "prometheus" }
  }
  addons = {
    amazon_managed_prometheus = { workspace_arns = ["arn:aws:aps:eu-west-1:012345678901:workspace/ws-12345678-1234-1234-1234-123456789012"] }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "mountpoint_s3_csi_pod_identity" {
  source = "../.."

  role_name_prefix = "mountpoint-s3-csi-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "kube-system", service_account = "s3-csi-driver-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "kube-system", service_account = "s3-csi-driver-sa" }
  }
  addons = {
    mountpoint_s3_csi_driver = {
      bucket_arns = ["arn:aws:s3:::mountpoint-s3"]
      object_arns = ["arn:aws:s3:::mountpoint-s3/example/*"]
    }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_node_termination_handler_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-node-termination-handler-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "aws-node-termination-handler", service_account = "aws-node-termination-handler-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "aws-node-termination-handler", service_account = "aws-node-termination-handler-sa" }
  }
  addons = {
    node_termination_handler = { queue_arns = ["arn:aws:sqs:eu-west-1:012345678901:eks-node-termination-handler"] }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_privateca_issuer_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-privateca-issuer-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "cert-manager", service_account = "aws-privateca-issuer-sa" }
    ex-two = { cluster_name = var.cluster_two, namespace = "cert-manager", service_account = "aws-privateca-issuer-sa" }
  }
  addons = {
    aws_private_ca_issuer = {
      certificate_authority_arns = ["arn:aws:acm-pca:eu-west-1:012345678901:certificate-authority/foo"]
    }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "pganalyze_pod_identity" {
  source = "../.."

  role_name_prefix = "pganalyze-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "default", service_account = "pganalyze-service-account" }
    ex-two = { cluster_name = var.cluster_two, namespace = "default", service_account = "pganalyze-service-account" }
  }
  addons = {
    pganalyze = { region = var.region, account_id = var.account_id }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "velero_pod_identity" {
  source = "../.."

  role_name_prefix = "velero-"
  association_defaults = {
    namespace       = "velero"
    service_account = "velero-server"
  }
  associations = {
    ex-one = { cluster_name = var.cluster_one }
    ex-two = { cluster_name = var.cluster_two }
  }
  addons = {
    velero = {
      bucket_arns  = ["arn:aws:s3:::velero-backups"]
      object_arns  = ["arn:aws:s3:::velero-backups/example/*"]
      kms_key_arns = ["arn:aws:kms:eu-west-1:012345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
    }
  }
  tags = local.tags
}

module "aws_vpc_cni_ipv4_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-vpc-cni-ipv4-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "kube-system", service_account = "aws-node" }
    ex-two = { cluster_name = var.cluster_two, namespace = "kube-system", service_account = "aws-node" }
  }
  addons = {
    vpc_cni = { ipv4 = true }
  }
  association_tags = local.tags
  tags             = local.tags
}

module "aws_vpc_cni_ipv6_pod_identity" {
  source = "../.."

  role_name_prefix = "aws-vpc-cni-ipv6-"
  associations = {
    ex-one = { cluster_name = var.cluster_one, namespace = "kube-system", service_account = "aws-node-ipv6" }
    ex-two = { cluster_name = var.cluster_two, namespace = "kube-system", service_account = "aws-node-ipv6" }
  }
  addons = {
    vpc_cni = { ipv4 = false, ipv6 = true }
  }
  association_tags = local.tags
  tags             = local.tags
}`;
}
