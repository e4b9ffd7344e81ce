/**
 * Permissions of popular cluster add-ons, like eksctl's `--well-known-policies` and the community
 * module's `attach_*_policy` flags, with optional scoping (hosted zones, cluster tags) that they lack.
 * Pure: returns managed-policy ARNs and inline statements; the constructs attach them.
 */
import type { PolicyStatement } from './document';

export interface HostedZoneScope {
  /**
   * Route 53 hosted-zone IDs (e.g. `Z0123456789ABCDEFGHIJ`) the add-on may change.
   * @default all hosted zones
   */
  readonly hostedZoneIds?: string[];
}

export interface ClusterAutoscalerScope {
  /**
   * Clusters whose Auto Scaling groups (tagged `k8s.io/cluster-autoscaler/<name>` = `owned`) may be resized.
   * @default any Auto Scaling group
   */
  readonly clusterNames?: string[];
}

/** Which add-on permissions to grant. https://eksctl.io/usage/iamserviceaccounts/ */
export interface WellKnownPolicies {
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
   * cert-manager's Route 53 DNS-01 solver.
   * @see https://cert-manager.io/docs/configuration/acme/dns01/route53/
   * @default false
   */
  readonly certManager?: boolean | HostedZoneScope;
  /**
   * EBS CSI driver: the AWS managed policy `service-role/AmazonEBSCSIDriverPolicy`.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html
   * @default false
   */
  readonly ebsCsiDriver?: boolean;
  /**
   * EFS CSI driver: the AWS managed policy `service-role/AmazonEFSCSIDriverPolicy`.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html
   * @default false
   */
  readonly efsCsiDriver?: boolean;
  /**
   * Amazon VPC CNI: the AWS managed policy `AmazonEKS_CNI_Policy`.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html
   * @default false
   */
  readonly vpcCni?: boolean;
  /**
   * Image builders pushing to ECR: the AWS managed policy `AmazonEC2ContainerRegistryPowerUser`.
   * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/security-iam-awsmanpol.html
   * @default false
   */
  readonly imageBuilder?: boolean;
}

export interface WellKnownGrant {
  readonly managedPolicyArns: string[];
  readonly statements: PolicyStatement[];
}

const ALL_ZONES = ['*'];

function zoneArns(partition: string, scope: boolean | HostedZoneScope): string[] {
  const ids = typeof scope === 'object' && scope.hostedZoneIds ? scope.hostedZoneIds : ALL_ZONES;
  return ids.map((id) => `arn:${partition}:route53:::hostedzone/${id}`);
}

/** The managed policies and statements `policies` asks for, in a fixed order. */
export function wellKnownGrant(policies: WellKnownPolicies, partition: string): WellKnownGrant {
  const managed = (name: string) => `arn:${partition}:iam::aws:policy/${name}`;
  const managedPolicyArns: string[] = [];
  const statements: PolicyStatement[] = [];

  if (policies.clusterAutoscaler) {
    statements.push({
      Effect: 'Allow',
      Action: [
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeAutoScalingInstances',
        'autoscaling:DescribeLaunchConfigurations',
        'autoscaling:DescribeScalingActivities',
        'autoscaling:DescribeTags',
        'ec2:DescribeImages',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplateVersions',
        'ec2:GetInstanceTypesFromInstanceRequirements',
        'eks:DescribeNodegroup',
      ],
      Resource: '*',
    });
    const resize = ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'];
    const clusters =
      typeof policies.clusterAutoscaler === 'object' ? policies.clusterAutoscaler.clusterNames : undefined;
    if (clusters && clusters.length > 0) {
      // One statement per cluster: tag keys of two clusters in one statement would be ANDed.
      for (const cluster of clusters) {
        statements.push({
          Effect: 'Allow',
          Action: resize,
          Resource: '*',
          Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${cluster}`]: 'owned' } },
        });
      }
    } else {
      statements.push({ Effect: 'Allow', Action: resize, Resource: '*' });
    }
  }
  if (policies.externalDns) {
    statements.push(
      {
        Effect: 'Allow',
        Action: 'route53:ChangeResourceRecordSets',
        Resource: zoneArns(partition, policies.externalDns),
      },
      {
        Effect: 'Allow',
        Action: ['route53:ListHostedZones', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'],
        Resource: '*',
      },
    );
  }
  if (policies.certManager) {
    statements.push(
      { Effect: 'Allow', Action: 'route53:GetChange', Resource: `arn:${partition}:route53:::change/*` },
      {
        Effect: 'Allow',
        Action: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
        Resource: zoneArns(partition, policies.certManager),
      },
      { Effect: 'Allow', Action: 'route53:ListHostedZonesByName', Resource: '*' },
    );
  }
  if (policies.ebsCsiDriver) managedPolicyArns.push(managed('service-role/AmazonEBSCSIDriverPolicy'));
  if (policies.efsCsiDriver) managedPolicyArns.push(managed('service-role/AmazonEFSCSIDriverPolicy'));
  if (policies.vpcCni) managedPolicyArns.push(managed('AmazonEKS_CNI_Policy'));
  if (policies.imageBuilder) managedPolicyArns.push(managed('AmazonEC2ContainerRegistryPowerUser'));
  return { managedPolicyArns, statements };
}
