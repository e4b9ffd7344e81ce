/**
 * Amazon VPC CNI plugin (aws-node). For IPv4 AWS publishes the managed policy `AmazonEKS_CNI_Policy`,
 * attached by default; `inline: true` writes the IPv4 statements instead. IPv6 has no managed policy.
 * Source: https://github.com/aws/amazon-vpc-cni-k8s/blob/v1.19.2/docs/iam-policy.md
 * Upstream version: v1.19.2
 */
import type { AddonSpec } from './model';

const DESCRIBE = [
  'ec2:DescribeInstances',
  'ec2:DescribeTags',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeInstanceTypes',
];

export const vpcCni: AddonSpec = {
  key: 'vpcCni',
  title: 'Amazon VPC CNI',
  knownAs: ['vpc_cni', 'aws-node', 'amazon-vpc-cni', 'cni'],
  source: 'https://github.com/aws/amazon-vpc-cni-k8s/blob/v1.19.2/docs/iam-policy.md',
  version: 'v1.19.2',
  fingerprint: 'eb9e962e8ec051a4',
  docs: 'https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html',
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [
    { name: 'enableIpv4', option: 'ipv4', from: 'vpc_cni_enable_ipv4' },
    { name: 'enableIpv6', option: 'ipv6', from: 'vpc_cni_enable_ipv6' },
    { name: 'enableCloudwatchLogs', option: 'cloudWatchLogs', from: 'vpc_cni_enable_cloudwatch_logs' },
  ],
  options: [
    { name: 'ipv4', kind: 'flag', default: true, doc: 'Permissions for IPv4 clusters.' },
    {
      name: 'ipv6',
      kind: 'flag',
      default: false,
      doc: 'Permissions for IPv6 clusters (https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html#cni-iam-role-create-ipv6-policy).',
    },
    {
      name: 'inline',
      kind: 'flag',
      default: false,
      doc: 'Write the IPv4 permissions inline instead of attaching the AWS managed `AmazonEKS_CNI_Policy`.',
    },
    {
      name: 'cloudWatchLogs',
      kind: 'flag',
      default: false,
      doc: 'Let the network policy agent send logs to CloudWatch (https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html).',
    },
  ],
  managed: {
    policies: ['AmazonEKS_CNI_Policy'],
    when: [
      { flag: 'ipv4', is: true },
      { flag: 'inline', is: false },
    ],
  },
  broadUpstream:
    'network-interface and address management on "*" (instances and ENIs are not known in advance): as upstream.',
  statements: [
    {
      sid: 'IPv4',
      when: [
        { flag: 'ipv4', is: true },
        { flag: 'inline', is: true },
      ],
      actions: [
        'ec2:AssignPrivateIpAddresses',
        'ec2:AttachNetworkInterface',
        'ec2:CreateNetworkInterface',
        'ec2:DeleteNetworkInterface',
        ...DESCRIBE,
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DetachNetworkInterface',
        'ec2:ModifyNetworkInterfaceAttribute',
        'ec2:UnassignPrivateIpAddresses',
      ],
      resources: ['*'],
    },
    {
      sid: 'IPv6',
      when: [{ flag: 'ipv6', is: true }],
      actions: ['ec2:AssignIpv6Addresses', ...DESCRIBE],
      resources: ['*'],
    },
    {
      sid: 'CreateTags',
      when: [{ flag: 'inline', is: true }],
      actions: ['ec2:CreateTags'],
      resources: ['arn:${partition}:ec2:*:*:network-interface/*'],
    },
    {
      sid: 'CreateTagsIPv6',
      when: [
        { flag: 'inline', is: false },
        { flag: 'ipv6', is: true },
      ],
      actions: ['ec2:CreateTags'],
      resources: ['arn:${partition}:ec2:*:*:network-interface/*'],
    },
    {
      sid: 'CloudWatchLogs',
      when: [{ flag: 'cloudWatchLogs', is: true }],
      actions: ['logs:DescribeLogGroups', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: ['*'],
    },
  ],
};
