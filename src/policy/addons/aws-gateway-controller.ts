/**
 * AWS Gateway API Controller for Amazon VPC Lattice.
 * Source: https://github.com/aws/aws-application-networking-k8s/blob/v2.0.0/files/controller-installation/recommended-inline-policy.json
 * Upstream version: v2.0.0
 */
import type { AddonSpec } from './model';

export const awsGatewayController: AddonSpec = {
  key: 'awsGatewayController',
  title: 'AWS Gateway API Controller (VPC Lattice)',
  knownAs: [
    'aws_gateway_controller',
    'gateway-api-controller',
    'vpc-lattice',
    'gateway_api_controller',
    'aws-gateway-api-controller',
    'vpc_lattice',
  ],
  source:
    'https://github.com/aws/aws-application-networking-k8s/blob/v2.0.0/files/controller-installation/recommended-inline-policy.json',
  version: 'v2.0.0',
  fingerprint: '88d35072b9389fa8',
  docs: 'https://www.gateway-api-controller.eks.aws.dev/latest/',
  options: [],
  broadUpstream:
    '"vpc-lattice:*" and S3 bucket-policy and tagging writes on "*": the upstream recommended policy grants them.',
  statements: [
    {
      actions: [
        'vpc-lattice:*',
        'ec2:DescribeVpcs',
        'ec2:DescribeSubnets',
        'ec2:DescribeTags',
        'ec2:DescribeSecurityGroups',
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:DescribeLogGroups',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'tag:GetResources',
        'firehose:TagDeliveryStream',
        's3:GetBucketPolicy',
        's3:PutBucketPolicy',
        'tag:TagResources',
        'tag:UntagResources',
      ],
      resources: ['*'],
    },
    {
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [
        'arn:${partition}:iam::*:role/aws-service-role/vpc-lattice.amazonaws.com/AWSServiceRoleForVpcLattice',
      ],
      conditions: [{ test: 'StringLike', key: 'iam:AWSServiceName', values: ['vpc-lattice.amazonaws.com'] }],
    },
    {
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [
        'arn:${partition}:iam::*:role/aws-service-role/delivery.logs.amazonaws.com/AWSServiceRoleForLogDelivery',
      ],
      conditions: [
        { test: 'StringLike', key: 'iam:AWSServiceName', values: ['delivery.logs.amazonaws.com'] },
      ],
    },
  ],
};
