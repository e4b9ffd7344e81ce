/**
 * Permissions of popular cluster add-ons, like eksctl's `wellKnownPolicies` and the community modules'
 * `attach_*_policy` flags, with scoping inputs (hosted zones, clusters, ARNs) they lack. The policies are
 * data in `./addons` (one file per add-on, with its source and version); this file holds the typed
 * options and turns a validated `WellKnownPolicies` into managed-policy ARNs and inline statements.
 */
import type { PolicyStatement } from './document';
import type { AddonValues } from './addons';
import { renderAddon } from './addons/model';
import { addonCatalog } from './addon-catalog';

export interface HostedZoneScope {
  /**
   * Route 53 hosted-zone IDs (e.g. `Z0123456789ABCDEFGHIJ`) the add-on may change.
   * @see https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html
   * @default all hosted zones (with a warning)
   */
  readonly hostedZoneIds?: string[];
}

export interface ClusterAutoscalerScope {
  /**
   * Clusters whose Auto Scaling groups (tagged `k8s.io/cluster-autoscaler/<name>` = `owned`) may be resized.
   * @see https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md
   * @default any Auto Scaling group (with a warning)
   */
  readonly clusterNames?: string[];
  /**
   * With `clusterNames`: resize groups tagged `k8s.io/cluster-autoscaler/<name>` = `owned`, the tag the
   * autoscaler's auto-discovery reads.
   * @see https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#auto-discovery-setup
   * @default true
   */
  readonly autoscalerTag?: boolean;
  /**
   * With `clusterNames`: resize groups tagged `kubernetes.io/cluster/<name>` = `owned` (terraform-aws-modules'
   * condition); may be on together with `autoscalerTag`.
   * @see https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md
   * @default false
   */
  readonly kubernetesClusterTag?: boolean;
}

export interface TargetGroupBindingScope {
  /**
   * Target groups the controller registers pods in (required).
   * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/targetgroupbinding/targetgroupbinding/
   */
  readonly targetGroupArns: string[];
}

export interface EbsCsiDriverOptions {
  /**
   * Write the scoped driver policy inline instead of attaching the AWS managed `AmazonEBSCSIDriverPolicy`.
   * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEBSCSIDriverPolicy.html
   * @default false
   */
  readonly inline?: boolean;
  /**
   * Customer managed KMS keys of encrypted volumes.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html
   * @default none
   */
  readonly kmsKeyArns?: string[];
}

export interface InlineOption {
  /**
   * Write the policy inline instead of attaching the AWS managed policy.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
   * @default false
   */
  readonly inline?: boolean;
}

export interface VpcCniOptions extends InlineOption {
  /**
   * Permissions for IPv4 clusters (the managed `AmazonEKS_CNI_Policy`, or inline with `inline`).
   * @see https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html
   * @default true
   */
  readonly ipv4?: boolean;
  /**
   * Permissions for IPv6 clusters (inline; AWS publishes no managed policy).
   * @see https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html#cni-iam-role-create-ipv6-policy
   * @default false
   */
  readonly ipv6?: boolean;
  /**
   * Let the network policy agent send logs to CloudWatch Logs.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html
   * @default false
   */
  readonly cloudWatchLogs?: boolean;
}

export interface ImageBuilderOptions extends InlineOption {
  /**
   * Repositories to push to and pull from; required with `inline`.
   * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html
   * @default none (the managed policy covers every repository)
   */
  readonly repositoryArns?: string[];
}

export interface KarpenterControllerOptions {
  /**
   * The cluster Karpenter runs in (its `kubernetes.io/cluster/<name>` tags scope every write).
   * @see https://karpenter.sh/docs/reference/cloudformation/
   */
  readonly clusterName: string;
  /**
   * The cluster's Region.
   * @see https://karpenter.sh/docs/reference/cloudformation/
   */
  readonly region: string;
  /**
   * The cluster's account ID.
   * @see https://karpenter.sh/docs/reference/cloudformation/
   */
  readonly accountId: string;
  /**
   * Node roles Karpenter passes to the instances it launches (required).
   * @see https://karpenter.sh/docs/reference/cloudformation/#allowpassinginstancerole
   */
  readonly nodeRoleArns: string[];
  /**
   * The interruption queue, if used.
   * @see https://karpenter.sh/docs/concepts/disruption/#interruption
   * @default none (no SQS permissions)
   */
  readonly interruptionQueueArns?: string[];
  /**
   * SSM parameters with AMI IDs.
   * @see https://karpenter.sh/docs/reference/cloudformation/#allowssmreadactions
   * @default the Region's public `/aws/service/*` parameters
   */
  readonly amiSsmParameterArns?: string[];
}

export interface ExternalSecretsOptions {
  /**
   * Secrets Manager secrets the operator reads (at least this or `parameterArns`).
   * @see https://external-secrets.io/latest/provider/aws-secrets-manager/
   * @default none
   */
  readonly secretArns?: string[];
  /**
   * SSM parameters the operator reads.
   * @see https://external-secrets.io/latest/provider/aws-parameter-store/
   * @default none
   */
  readonly parameterArns?: string[];
  /**
   * Customer managed KMS keys of the secrets or parameters.
   * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
   * @default none
   */
  readonly kmsKeyArns?: string[];
  /**
   * Let PushSecret create and update `secretArns`, and delete those tagged `managed-by=external-secrets`.
   * @see https://external-secrets.io/latest/api/pushsecret/
   * @default false
   */
  readonly createSecrets?: boolean;
}

export interface BucketScope {
  /**
   * S3 bucket ARNs (`arn:aws:s3:::name`), required.
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html
   */
  readonly bucketArns: string[];
}

export interface VeleroOptions extends BucketScope {
  /**
   * Object paths Velero reads and writes, e.g. `arn:aws:s3:::bucket/prefix/*` for a backup storage
   * location with a `prefix`.
   * @see https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/main/backupstoragelocation.md
   * @default every object of `bucketArns`
   */
  readonly objectArns?: string[];
  /**
   * Customer managed KMS keys of SSE-KMS backups (`kmsKeyId`) and of encrypted volumes Velero snapshots.
   * @see https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/main/backupstoragelocation.md
   * @default none
   */
  readonly kmsKeyArns?: string[];
}

export interface MountpointS3CsiDriverOptions extends BucketScope {
  /**
   * Object paths read and written, e.g. `arn:aws:s3:::bucket/prefix/*` (required).
   * @see https://github.com/awslabs/mountpoint-s3/blob/main/doc/CONFIGURATION.md#iam-permissions
   */
  readonly objectArns: string[];
  /**
   * KMS keys of SSE-KMS buckets.
   * @see https://github.com/awslabs/mountpoint-s3/blob/main/doc/CONFIGURATION.md#iam-permissions
   * @default none
   */
  readonly kmsKeyArns?: string[];
}

export interface FsxCsiDriverOptions {
  /**
   * Service-linked roles the driver may create.
   * @see https://docs.aws.amazon.com/fsx/latest/LustreGuide/using-service-linked-roles.html
   * @default the FSx service-linked role path of every account, as upstream
   */
  readonly serviceLinkedRoleArns?: string[];
}

export interface QueueScope {
  /**
   * SQS queues that receive the termination events (required).
   * @see https://github.com/aws/aws-node-termination-handler#queue-processor
   */
  readonly queueArns: string[];
}

export interface PrometheusScope {
  /**
   * Workspaces to write to and query (required).
   * @see https://docs.aws.amazon.com/prometheus/latest/userguide/set-up-irsa.html
   */
  readonly workspaceArns: string[];
}

export interface PrivateCaScope {
  /**
   * Private certificate authorities to issue from (required).
   * @see https://github.com/cert-manager/aws-privateca-issuer
   */
  readonly certificateAuthorityArns: string[];
}

export interface RegionAccountScope {
  /**
   * The Region of the databases.
   * @see https://pganalyze.com/docs/install/amazon_rds/03_install_collector_eks
   */
  readonly region: string;
  /**
   * The account of the databases.
   * @see https://pganalyze.com/docs/install/amazon_rds/03_install_collector_eks
   */
  readonly accountId: string;
}

/**
 * Which add-on permissions to grant: one key per add-on (see `WELL_KNOWN_ADDONS` for each one's source and
 * version). eksctl's spellings (`autoScaler`, `externalDNS`, `ebsCSIController`, `efsCSIController`) are
 * accepted too. https://eksctl.io/usage/iamserviceaccounts/
 */
export interface WellKnownPolicies {
  /**
   * AWS Load Balancer Controller (Ingress and Service load balancers).
   * @see https://docs.aws.amazon.com/eks/latest/userguide/lbc-helm.html
   * @default false
   */
  readonly awsLoadBalancerController?: boolean;
  /**
   * AWS Load Balancer Controller restricted to TargetGroupBinding on the given target groups.
   * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/targetgroupbinding/targetgroupbinding/
   * @default not granted
   */
  readonly awsLoadBalancerControllerTargetGroupBinding?: TargetGroupBindingScope;
  /**
   * Cluster Autoscaler: describe groups and instances, resize and terminate in groups.
   * @see https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md
   * @default false
   */
  readonly clusterAutoscaler?: boolean | ClusterAutoscalerScope;
  /**
   * ExternalDNS: change record sets, list zones and records.
   * @see https://kubernetes-sigs.github.io/external-dns/latest/docs/tutorials/aws/
   * @default false
   */
  readonly externalDns?: boolean | HostedZoneScope;
  /**
   * cert-manager's Route 53 DNS-01 solver (TXT records only).
   * @see https://cert-manager.io/docs/configuration/acme/dns01/route53/
   * @default false
   */
  readonly certManager?: boolean | HostedZoneScope;
  /**
   * EBS CSI driver: the AWS managed policy `service-role/AmazonEBSCSIDriverPolicy`, or inline.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html
   * @default false
   */
  readonly ebsCsiDriver?: boolean | EbsCsiDriverOptions;
  /**
   * EFS CSI driver: the AWS managed policy `service-role/AmazonEFSCSIDriverPolicy`, or inline.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html
   * @default false
   */
  readonly efsCsiDriver?: boolean | InlineOption;
  /**
   * Amazon VPC CNI: the AWS managed policy `AmazonEKS_CNI_Policy` (IPv4), or inline; IPv6 inline.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html
   * @default false
   */
  readonly vpcCni?: boolean | VpcCniOptions;
  /**
   * Image builders pushing to ECR: the AWS managed policy `AmazonEC2ContainerRegistryPowerUser`, or inline on
   * given repositories.
   * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/security-iam-awsmanpol.html
   * @default false
   */
  readonly imageBuilder?: boolean | ImageBuilderOptions;
  /**
   * Karpenter controller (v1), scoped to one cluster.
   * @see https://karpenter.sh/docs/reference/cloudformation/
   * @default not granted
   */
  readonly karpenterController?: KarpenterControllerOptions;
  /**
   * External Secrets Operator (Secrets Manager and Parameter Store).
   * @see https://external-secrets.io/latest/provider/aws-secrets-manager/
   * @default not granted
   */
  readonly externalSecrets?: ExternalSecretsOptions;
  /**
   * Velero with the AWS plugin.
   * @see https://github.com/vmware-tanzu/velero-plugin-for-aws#set-permissions-for-velero
   * @default not granted
   */
  readonly velero?: VeleroOptions;
  /**
   * FSx for Lustre CSI driver.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/fsx-csi.html
   * @default false
   */
  readonly fsxLustreCsiDriver?: boolean | FsxCsiDriverOptions;
  /**
   * FSx for OpenZFS CSI driver.
   * @see https://github.com/kubernetes-sigs/aws-fsx-openzfs-csi-driver
   * @default false
   */
  readonly fsxOpenZfsCsiDriver?: boolean | FsxCsiDriverOptions;
  /**
   * Mountpoint for Amazon S3 CSI driver.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/s3-csi.html
   * @default not granted
   */
  readonly mountpointS3CsiDriver?: MountpointS3CsiDriverOptions;
  /**
   * AWS Node Termination Handler (queue processor).
   * @see https://github.com/aws/aws-node-termination-handler
   * @default not granted
   */
  readonly nodeTerminationHandler?: QueueScope;
  /**
   * Amazon Managed Service for Prometheus remote write and query.
   * @see https://docs.aws.amazon.com/prometheus/latest/userguide/set-up-irsa.html
   * @default not granted
   */
  readonly amazonManagedPrometheus?: PrometheusScope;
  /**
   * Amazon CloudWatch Observability: the AWS managed `CloudWatchAgentServerPolicy` and `AWSXrayWriteOnlyAccess`.
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html
   * @default false
   */
  readonly cloudWatchObservability?: boolean;
  /**
   * AWS Gateway API Controller for VPC Lattice.
   * @see https://www.gateway-api-controller.eks.aws.dev/latest/
   * @default false
   */
  readonly awsGatewayController?: boolean;
  /**
   * AWS Private CA Issuer for cert-manager.
   * @see https://github.com/cert-manager/aws-privateca-issuer
   * @default not granted
   */
  readonly awsPrivateCaIssuer?: PrivateCaScope;
  /**
   * AWS App Mesh controller.
   * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/getting-started-kubernetes.html
   * @default false
   */
  readonly appMeshController?: boolean;
  /**
   * AWS App Mesh Envoy proxy.
   * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/proxy-authorization.html
   * @default false
   */
  readonly appMeshEnvoyProxy?: boolean;
  /**
   * pganalyze collector for RDS and Aurora.
   * @see https://pganalyze.com/docs/install/amazon_rds/03_install_collector_eks
   * @default not granted
   */
  readonly pganalyze?: RegionAccountScope;
  /**
   * eksctl's spelling of `clusterAutoscaler` (give one or the other).
   * @see https://eksctl.io/usage/iamserviceaccounts/
   * @default false
   */
  readonly autoScaler?: boolean | ClusterAutoscalerScope;
  /**
   * eksctl's spelling of `externalDns` (give one or the other).
   * @see https://eksctl.io/usage/iamserviceaccounts/
   * @default false
   */
  readonly externalDNS?: boolean | HostedZoneScope;
  /**
   * eksctl's spelling of `ebsCsiDriver` (give one or the other).
   * @see https://eksctl.io/usage/iamserviceaccounts/
   * @default false
   */
  readonly ebsCSIController?: boolean | EbsCsiDriverOptions;
  /**
   * eksctl's spelling of `efsCsiDriver` (give one or the other).
   * @see https://eksctl.io/usage/iamserviceaccounts/
   * @default false
   */
  readonly efsCSIController?: boolean | InlineOption;
}

/** What one add-on grants. */
export interface AddonGrantEntry {
  /** The add-on's canonical key. */
  readonly key: string;
  readonly managedPolicyArns: string[];
  readonly statements: PolicyStatement[];
}

export interface WellKnownGrant {
  readonly managedPolicyArns: string[];
  /** All add-ons' statements, in catalog order. */
  readonly statements: PolicyStatement[];
  /** Per add-on, in catalog order (each add-on's statements become one inline policy). */
  readonly addons: AddonGrantEntry[];
  /** Scopes left at `*`, with why. */
  readonly warnings: string[];
}

/** The enabled add-ons with their options (`true` as `{}`), keyed by canonical key; input must be validated. */
export function enabledAddons(policies: WellKnownPolicies): Map<string, AddonValues> {
  const enabled = new Map<string, AddonValues>();
  for (const [name, value] of Object.entries(policies as Record<string, unknown>)) {
    const addon = addonCatalog().addonFor(name);
    if (!addon || value === undefined || value === false) continue;
    enabled.set(addon.key, value === true ? {} : (value as AddonValues));
  }
  return enabled;
}

/**
 * The managed policies and statements `policies` asks for, in catalog order. `dnsSuffix` (the partition's
 * service domain) defaults to the one of `partition`; give it when `partition` is a Terraform token.
 */
export function wellKnownGrant(
  policies: WellKnownPolicies,
  partition: string,
  dnsSuffix?: string,
): WellKnownGrant {
  const enabled = enabledAddons(policies);
  const managedPolicyArns: string[] = [];
  const statements: PolicyStatement[] = [];
  const addons: AddonGrantEntry[] = [];
  const warnings: string[] = [];
  // Nothing enabled (the common case): the catalog need not be loaded.
  if (enabled.size === 0) return { managedPolicyArns, statements, addons, warnings };
  for (const addon of addonCatalog().ADDONS) {
    const values = enabled.get(addon.key);
    if (values === undefined) continue;
    const grant = renderAddon(addon, values, partition, dnsSuffix);
    managedPolicyArns.push(...grant.managedPolicyArns);
    statements.push(...grant.statements);
    warnings.push(...grant.warnings);
    addons.push({ key: addon.key, managedPolicyArns: grant.managedPolicyArns, statements: grant.statements });
  }
  return { managedPolicyArns, statements, addons, warnings };
}
