/**
 * Karpenter controller (v1 API), for IRSA: resources are scoped by the cluster's tags and Region.
 * Source: https://github.com/aws/karpenter-provider-aws/blob/v1.3.0/website/content/en/preview/getting-started/getting-started-with-karpenter/cloudformation.yaml
 * Upstream version: v1.3.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec, ConditionSpec } from './model';

const EC2 = 'arn:${partition}:ec2:${region}';
const PROFILES = 'arn:${partition}:iam::${accountId}:instance-profile/*';
const OWNED = (tag: 'RequestTag' | 'ResourceTag'): ConditionSpec => ({
  test: 'StringEquals',
  key: `aws:${tag}/kubernetes.io/cluster/\${clusterName}`,
  values: ['owned'],
});
const CLUSTER_NAME_TAG: ConditionSpec = {
  test: 'StringEquals',
  key: 'aws:RequestTag/eks:eks-cluster-name',
  values: ['${clusterName}'],
};
const like = (key: string): ConditionSpec => ({ test: 'StringLike', key, values: ['*'] });
const CREATED = [
  `${EC2}:*:fleet/*`,
  `${EC2}:*:instance/*`,
  `${EC2}:*:volume/*`,
  `${EC2}:*:network-interface/*`,
  `${EC2}:*:launch-template/*`,
  `${EC2}:*:spot-instances-request/*`,
];

export const karpenterController: AddonSpec = {
  key: 'karpenterController',
  title: 'Karpenter controller',
  knownAs: ['karpenter', 'karpenter_controller'],
  source:
    'https://github.com/aws/karpenter-provider-aws/blob/v1.3.0/website/content/en/preview/getting-started/getting-started-with-karpenter/cloudformation.yaml',
  version: 'v1.3.0',
  fingerprint: 'e3f205761ceba27d',
  docs: 'https://karpenter.sh/docs/reference/cloudformation/',
  options: [
    {
      name: 'clusterName',
      kind: 'string',
      item: ADDON_RULES.eksClusterName,
      doc: 'The cluster Karpenter runs in.',
    },
    { name: 'region', kind: 'string', item: ADDON_RULES.region, doc: "The cluster's Region." },
    { name: 'accountId', kind: 'string', item: ADDON_RULES.accountId, doc: "The cluster's account." },
    {
      name: 'nodeRoleArns',
      kind: 'list',
      item: ADDON_RULES.roleArn,
      required: true,
      doc: 'Node roles Karpenter passes to the instances it launches.',
    },
    {
      name: 'interruptionQueueArns',
      kind: 'list',
      item: ADDON_RULES.sqsQueueArn,
      doc: 'The interruption queue (spot interruption and rebalance events), if used.',
    },
    {
      name: 'amiSsmParameterArns',
      kind: 'list',
      item: ADDON_RULES.ssmParameterArn,
      doc: 'SSM parameters Karpenter reads AMI IDs from; default the public `/aws/service/*` parameters of the Region.',
    },
  ],
  broadUpstream:
    'ec2:RunInstances/CreateFleet on images, snapshots, security groups and subnets of the Region: as upstream.',
  statements: [
    {
      sid: 'AllowScopedEC2InstanceAccessActions',
      actions: ['ec2:RunInstances', 'ec2:CreateFleet'],
      resources: [
        `${EC2}::image/*`,
        `${EC2}::snapshot/*`,
        `${EC2}:*:security-group/*`,
        `${EC2}:*:subnet/*`,
        `${EC2}:*:capacity-reservation/*`,
      ],
    },
    {
      sid: 'AllowScopedEC2LaunchTemplateAccessActions',
      actions: ['ec2:RunInstances', 'ec2:CreateFleet'],
      resources: [`${EC2}:*:launch-template/*`],
      conditions: [OWNED('ResourceTag'), like('aws:ResourceTag/karpenter.sh/nodepool')],
    },
    {
      sid: 'AllowScopedEC2InstanceActionsWithTags',
      actions: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
      resources: CREATED,
      conditions: [OWNED('RequestTag'), CLUSTER_NAME_TAG, like('aws:RequestTag/karpenter.sh/nodepool')],
    },
    {
      sid: 'AllowScopedResourceCreationTagging',
      actions: ['ec2:CreateTags'],
      resources: CREATED,
      conditions: [
        OWNED('RequestTag'),
        CLUSTER_NAME_TAG,
        {
          test: 'StringEquals',
          key: 'ec2:CreateAction',
          values: ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'],
        },
        like('aws:RequestTag/karpenter.sh/nodepool'),
      ],
    },
    {
      sid: 'AllowScopedResourceTagging',
      actions: ['ec2:CreateTags'],
      resources: [`${EC2}:*:instance/*`],
      conditions: [
        OWNED('ResourceTag'),
        like('aws:ResourceTag/karpenter.sh/nodepool'),
        {
          test: 'StringEqualsIfExists',
          key: 'aws:RequestTag/eks:eks-cluster-name',
          values: ['${clusterName}'],
        },
        {
          test: 'ForAllValues:StringEquals',
          key: 'aws:TagKeys',
          values: ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'],
        },
      ],
    },
    {
      sid: 'AllowScopedDeletion',
      actions: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
      resources: [`${EC2}:*:instance/*`, `${EC2}:*:launch-template/*`],
      conditions: [OWNED('ResourceTag'), like('aws:ResourceTag/karpenter.sh/nodepool')],
    },
    {
      sid: 'AllowRegionalReadActions',
      actions: [
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeImages',
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeSubnets',
      ],
      resources: ['*'],
      conditions: [{ test: 'StringEquals', key: 'aws:RequestedRegion', values: ['${region}'] }],
    },
    {
      sid: 'AllowSSMReadActions',
      actions: ['ssm:GetParameter'],
      resources: [
        {
          option: 'amiSsmParameterArns',
          fallback: ['arn:${partition}:ssm:${region}::parameter/aws/service/*'],
        },
      ],
    },
    { sid: 'AllowPricingReadActions', actions: ['pricing:GetProducts'], resources: ['*'] },
    {
      sid: 'AllowInterruptionQueueActions',
      when: [{ set: 'interruptionQueueArns', is: true }],
      actions: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
      resources: [{ option: 'interruptionQueueArns' }],
    },
    {
      sid: 'AllowPassingInstanceRole',
      actions: ['iam:PassRole'],
      resources: [{ option: 'nodeRoleArns' }],
      conditions: [{ test: 'StringEquals', key: 'iam:PassedToService', values: ['ec2.${dnsSuffix}'] }],
    },
    {
      sid: 'AllowScopedInstanceProfileCreationActions',
      actions: ['iam:CreateInstanceProfile'],
      resources: [PROFILES],
      conditions: [
        OWNED('RequestTag'),
        CLUSTER_NAME_TAG,
        { test: 'StringEquals', key: 'aws:RequestTag/topology.kubernetes.io/region', values: ['${region}'] },
        like('aws:RequestTag/karpenter.k8s.aws/ec2nodeclass'),
      ],
    },
    {
      sid: 'AllowScopedInstanceProfileTagActions',
      actions: ['iam:TagInstanceProfile'],
      resources: [PROFILES],
      conditions: [
        OWNED('ResourceTag'),
        { test: 'StringEquals', key: 'aws:ResourceTag/topology.kubernetes.io/region', values: ['${region}'] },
        OWNED('RequestTag'),
        CLUSTER_NAME_TAG,
        { test: 'StringEquals', key: 'aws:RequestTag/topology.kubernetes.io/region', values: ['${region}'] },
        like('aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass'),
        like('aws:RequestTag/karpenter.k8s.aws/ec2nodeclass'),
      ],
    },
    {
      sid: 'AllowScopedInstanceProfileActions',
      actions: [
        'iam:AddRoleToInstanceProfile',
        'iam:RemoveRoleFromInstanceProfile',
        'iam:DeleteInstanceProfile',
      ],
      resources: [PROFILES],
      conditions: [
        OWNED('ResourceTag'),
        { test: 'StringEquals', key: 'aws:ResourceTag/topology.kubernetes.io/region', values: ['${region}'] },
        like('aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass'),
      ],
    },
    { sid: 'AllowInstanceProfileReadActions', actions: ['iam:GetInstanceProfile'], resources: [PROFILES] },
    {
      sid: 'AllowAPIServerEndpointDiscovery',
      actions: ['eks:DescribeCluster'],
      resources: ['arn:${partition}:eks:${region}:${accountId}:cluster/${clusterName}'],
    },
  ],
};
