/**
 * Cluster Autoscaler.
 * Source: https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-1.32.0/cluster-autoscaler/cloudprovider/aws/README.md
 * Upstream version: cluster-autoscaler-1.32.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

const RESIZE = ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'];

export const clusterAutoscaler: AddonSpec = {
  key: 'clusterAutoscaler',
  title: 'Cluster Autoscaler',
  knownAs: ['cluster_autoscaler', 'cluster-autoscaler', 'autoscaler'],
  source:
    'https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-1.32.0/cluster-autoscaler/cloudprovider/aws/README.md',
  version: 'cluster-autoscaler-1.32.0',
  fingerprint: '5b4fba2922d441c2',
  docs: 'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md',
  aliases: ['autoScaler'],
  options: [
    {
      name: 'clusterNames',
      kind: 'list',
      item: ADDON_RULES.eksClusterName,
      unsetWarning:
        'the autoscaler may resize and terminate instances in every Auto Scaling group of the account; give the clusters whose groups are tagged k8s.io/cluster-autoscaler/<name>=owned.',
      doc: 'Clusters whose Auto Scaling groups (tagged `k8s.io/cluster-autoscaler/<name>` = `owned`) may be resized.',
    },
  ],
  statements: [
    {
      actions: [
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
      resources: ['*'],
    },
    // One statement per cluster: tag keys of two clusters in one statement would be ANDed.
    {
      forEach: 'clusterNames',
      actions: RESIZE,
      resources: ['*'],
      conditions: [
        { test: 'StringEquals', key: 'aws:ResourceTag/k8s.io/cluster-autoscaler/${item}', values: ['owned'] },
      ],
    },
    { when: [{ set: 'clusterNames', is: false }], actions: RESIZE, resources: ['*'] },
  ],
};
