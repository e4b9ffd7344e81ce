/**
 * AWS Load Balancer Controller.
 * Source: https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/v2.13.0/docs/install/iam_policy.json
 * Upstream version: v2.13.0
 * Kept as upstream: the controller finds its own resources by the `elbv2.k8s.aws/cluster` tag, so the
 * write statements are conditioned on that tag instead of on resource ARNs.
 */
import type { AddonSpec } from './model';

const TAGGED = { test: 'Null', key: 'aws:ResourceTag/elbv2.k8s.aws/cluster', values: ['false'] };
const UNTAGGED_REQUEST = { test: 'Null', key: 'aws:RequestTag/elbv2.k8s.aws/cluster', values: ['true'] };
const TAGGED_REQUEST = { test: 'Null', key: 'aws:RequestTag/elbv2.k8s.aws/cluster', values: ['false'] };
const LOAD_BALANCERS = [
  'arn:${partition}:elasticloadbalancing:*:*:targetgroup/*/*',
  'arn:${partition}:elasticloadbalancing:*:*:loadbalancer/net/*/*',
  'arn:${partition}:elasticloadbalancing:*:*:loadbalancer/app/*/*',
];

export const awsLoadBalancerController: AddonSpec = {
  key: 'awsLoadBalancerController',
  title: 'AWS Load Balancer Controller',
  knownAs: [
    'alb',
    'albController',
    'aws-load-balancer-controller',
    'load_balancer_controller',
    'lbc',
    'alb_controller',
  ],
  source:
    'https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/v2.13.0/docs/install/iam_policy.json',
  version: 'v2.13.0',
  fingerprint: 'e182f6c828412bfd',
  docs: 'https://docs.aws.amazon.com/eks/latest/userguide/lbc-helm.html',
  options: [],
  broadUpstream:
    'describe actions, WAF/Shield association and listener/rule changes on "*" (ELB listeners and rules carry no cluster tag): as upstream.',
  statements: [
    {
      actions: ['iam:CreateServiceLinkedRole'],
      resources: ['*'],
      conditions: [
        { test: 'StringEquals', key: 'iam:AWSServiceName', values: ['elasticloadbalancing.amazonaws.com'] },
      ],
    },
    {
      actions: [
        'ec2:DescribeAccountAttributes',
        'ec2:DescribeAddresses',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeVpcs',
        'ec2:DescribeVpcPeeringConnections',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeInstances',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeTags',
        'ec2:GetCoipPoolUsage',
        'ec2:DescribeCoipPools',
        'ec2:GetSecurityGroupsForVpc',
        'ec2:DescribeIpamPools',
        'ec2:DescribeRouteTables',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeSSLPolicies',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:DescribeTargetHealth',
        'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeTrustStores',
        'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeCapacityReservation',
      ],
      resources: ['*'],
    },
    {
      actions: [
        'cognito-idp:DescribeUserPoolClient',
        'acm:ListCertificates',
        'acm:DescribeCertificate',
        'iam:ListServerCertificates',
        'iam:GetServerCertificate',
        'waf-regional:GetWebACL',
        'waf-regional:GetWebACLForResource',
        'waf-regional:AssociateWebACL',
        'waf-regional:DisassociateWebACL',
        'wafv2:GetWebACL',
        'wafv2:GetWebACLForResource',
        'wafv2:AssociateWebACL',
        'wafv2:DisassociateWebACL',
        'shield:GetSubscriptionState',
        'shield:DescribeProtection',
        'shield:CreateProtection',
        'shield:DeleteProtection',
      ],
      resources: ['*'],
    },
    {
      actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
      resources: ['*'],
    },
    { actions: ['ec2:CreateSecurityGroup'], resources: ['*'] },
    {
      actions: ['ec2:CreateTags'],
      resources: ['arn:${partition}:ec2:*:*:security-group/*'],
      conditions: [
        { test: 'StringEquals', key: 'ec2:CreateAction', values: ['CreateSecurityGroup'] },
        TAGGED_REQUEST,
      ],
    },
    {
      actions: ['ec2:CreateTags', 'ec2:DeleteTags'],
      resources: ['arn:${partition}:ec2:*:*:security-group/*'],
      conditions: [UNTAGGED_REQUEST, TAGGED],
    },
    {
      actions: [
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:RevokeSecurityGroupIngress',
        'ec2:DeleteSecurityGroup',
      ],
      resources: ['*'],
      conditions: [TAGGED],
    },
    {
      actions: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'],
      resources: ['*'],
      conditions: [TAGGED_REQUEST],
    },
    {
      actions: [
        'elasticloadbalancing:CreateListener',
        'elasticloadbalancing:DeleteListener',
        'elasticloadbalancing:CreateRule',
        'elasticloadbalancing:DeleteRule',
      ],
      resources: ['*'],
    },
    {
      actions: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      resources: LOAD_BALANCERS,
      conditions: [UNTAGGED_REQUEST, TAGGED],
    },
    {
      actions: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      resources: [
        'arn:${partition}:elasticloadbalancing:*:*:listener/net/*/*/*',
        'arn:${partition}:elasticloadbalancing:*:*:listener/app/*/*/*',
        'arn:${partition}:elasticloadbalancing:*:*:listener-rule/net/*/*/*',
        'arn:${partition}:elasticloadbalancing:*:*:listener-rule/app/*/*/*',
      ],
    },
    {
      actions: [
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:SetIpAddressType',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:ModifyListenerAttributes',
        'elasticloadbalancing:ModifyCapacityReservation',
        'elasticloadbalancing:ModifyIpPools',
      ],
      resources: ['*'],
      conditions: [TAGGED],
    },
    {
      actions: ['elasticloadbalancing:AddTags'],
      resources: LOAD_BALANCERS,
      conditions: [
        {
          test: 'StringEquals',
          key: 'elasticloadbalancing:CreateAction',
          values: ['CreateTargetGroup', 'CreateLoadBalancer'],
        },
        TAGGED_REQUEST,
      ],
    },
    {
      actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
      resources: ['arn:${partition}:elasticloadbalancing:*:*:targetgroup/*/*'],
    },
    {
      actions: [
        'elasticloadbalancing:SetWebAcl',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:RemoveListenerCertificates',
        'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:SetRulePriorities',
      ],
      resources: ['*'],
    },
  ],
};
