/**
 * AWS Load Balancer Controller, TargetGroupBinding only (the controller binds pods to target groups made
 * elsewhere and creates no load balancers).
 * Source: https://kubernetes-sigs.github.io/aws-load-balancer-controller/v2.13/guide/targetgroupbinding/targetgroupbinding/
 * Upstream version: v2.13.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const awsLoadBalancerControllerTargetGroupBinding: AddonSpec = {
  key: 'awsLoadBalancerControllerTargetGroupBinding',
  title: 'AWS Load Balancer Controller (TargetGroupBinding only)',
  knownAs: [
    'load_balancer_controller_targetgroup_binding_only',
    'targetGroupBinding',
    'load_balancer_controller_targetgroup_binding',
    'load_balancer_controller_target_group_binding',
  ],
  source:
    'https://kubernetes-sigs.github.io/aws-load-balancer-controller/v2.13/guide/targetgroupbinding/targetgroupbinding/',
  version: 'v2.13.0',
  fingerprint: '800238725d02f200',
  docs: 'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/targetgroupbinding/targetgroupbinding/',
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [
    { name: 'targetgroupArns', option: 'targetGroupArns', from: 'load_balancer_controller_targetgroup_arns' },
  ],
  options: [
    {
      name: 'targetGroupArns',
      kind: 'list',
      item: ADDON_RULES.targetGroupArn,
      required: true,
      doc: 'Target groups the controller registers pods in.',
    },
  ],
  broadUpstream:
    'security-group ingress changes on "*" (the controller opens node ports to the load balancer): as upstream.',
  statements: [
    {
      actions: [
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeInstances',
        'ec2:DescribeVpcs',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:RevokeSecurityGroupIngress',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetHealth',
      ],
      resources: ['*'],
    },
    {
      actions: [
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:RegisterTargets',
        'elasticloadbalancing:DeregisterTargets',
      ],
      resources: [{ option: 'targetGroupArns' }],
    },
  ],
};
