/**
 * Names the catalog's add-ons are known by elsewhere, for "did you mean" suggestions only (they are not
 * accepted as keys): terraform-aws-modules' `attach_<name>_policy` inputs of iam-role-for-service-accounts-eks
 * (without `attach_` and `_policy`), and the controllers' or charts' common names. eksctl's names are the
 * specs' `aliases`, which are accepted.
 * @see https://registry.terraform.io/modules/terraform-aws-modules/iam/aws/latest/submodules/iam-role-for-service-accounts-eks
 */
export const ADDON_OTHER_NAMES: Readonly<Record<string, readonly string[]>> = {
  amazonManagedPrometheus: ['amazon_managed_service_prometheus', 'amp', 'prometheus'],
  appMeshController: ['appmesh_controller', 'appmesh'],
  appMeshEnvoyProxy: ['appmesh_envoy_proxy', 'envoy'],
  awsGatewayController: ['gateway_api_controller', 'aws-gateway-api-controller', 'vpc_lattice'],
  awsLoadBalancerController: [
    'load_balancer_controller',
    'alb',
    'alb_controller',
    'aws-load-balancer-controller',
    'lbc',
  ],
  awsLoadBalancerControllerTargetGroupBinding: [
    'load_balancer_controller_targetgroup_binding',
    'load_balancer_controller_target_group_binding',
  ],
  awsPrivateCaIssuer: ['aws-privateca-issuer', 'private_ca_issuer', 'pca_issuer'],
  certManager: ['cert-manager'],
  cloudWatchObservability: [
    'cloudwatch_observability',
    'amazon-cloudwatch-observability',
    'cloudwatch_agent',
  ],
  clusterAutoscaler: ['cluster-autoscaler', 'autoscaler'],
  ebsCsiDriver: ['ebs_csi', 'ebs-csi', 'aws-ebs-csi-driver', 'ebs'],
  efsCsiDriver: ['efs_csi', 'efs-csi', 'aws-efs-csi-driver', 'efs'],
  externalDns: ['external-dns'],
  externalSecrets: ['external-secrets', 'eso'],
  fsxLustreCsiDriver: ['fsx_lustre_csi', 'fsx-csi', 'aws-fsx-csi-driver', 'fsx_lustre'],
  fsxOpenZfsCsiDriver: ['fsx_openzfs_csi', 'aws-fsx-openzfs-csi-driver', 'fsx_openzfs'],
  imageBuilder: ['image_builder'],
  karpenterController: ['karpenter', 'karpenter_controller'],
  mountpointS3CsiDriver: ['mountpoint_s3_csi', 'aws-mountpoint-s3-csi-driver', 'mountpoint_s3', 's3_csi'],
  nodeTerminationHandler: ['node_termination_handler', 'aws-node-termination-handler', 'nth'],
  pganalyze: ['pganalyze-collector'],
  velero: ['velero-plugin-for-aws'],
  vpcCni: ['vpc_cni', 'aws-node', 'amazon-vpc-cni', 'cni'],
};
