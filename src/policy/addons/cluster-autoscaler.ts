/**
 * Cluster Autoscaler.
 *
 * Tag schemes: with `clusterNames`, resizing is allowed in Auto Scaling groups tagged
 * `k8s.io/cluster-autoscaler/<name>` = `owned` (`autoscalerTag`, on by default) and/or
 * `kubernetes.io/cluster/<name>` = `owned` (`kubernetesClusterTag`, terraform-aws-modules' condition, off by
 * default). The default stays the autoscaler's own: its README's auto-discovery reads
 * `k8s.io/cluster-autoscaler/enabled` and `k8s.io/cluster-autoscaler/<cluster-name>`, so a group it discovers
 * carries that tag; and it is what 0.2.0 applied, so no existing role loses a permission. Each scheme gets
 * its own statement per cluster: the keys of one Condition block are ANDed, and a group needs only one tag.
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
  fingerprint: '860e28f23f714ab9',
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
    {
      name: 'autoscalerTag',
      kind: 'flag',
      default: true,
      doc: "With `clusterNames`: resize groups tagged `k8s.io/cluster-autoscaler/<name>` = `owned` (the tag the autoscaler's auto-discovery reads).",
    },
    {
      name: 'kubernetesClusterTag',
      kind: 'flag',
      default: false,
      doc: "With `clusterNames`: resize groups tagged `kubernetes.io/cluster/<name>` = `owned` (terraform-aws-modules' condition; both schemes may be on).",
    },
  ],
  refuse: [
    {
      when: [
        { flag: 'autoscalerTag', is: false },
        { flag: 'kubernetesClusterTag', is: false },
      ],
      because: 'it must keep at least one tag scheme on: without one the autoscaler could resize no group.',
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
    // One statement per cluster and tag scheme: tag keys in one statement would be ANDed.
    {
      when: [{ flag: 'autoscalerTag', is: true }],
      forEach: 'clusterNames',
      actions: RESIZE,
      resources: ['*'],
      conditions: [
        { test: 'StringEquals', key: 'aws:ResourceTag/k8s.io/cluster-autoscaler/${item}', values: ['owned'] },
      ],
    },
    {
      when: [{ flag: 'kubernetesClusterTag', is: true }],
      forEach: 'clusterNames',
      actions: RESIZE,
      resources: ['*'],
      conditions: [
        { test: 'StringEquals', key: 'aws:ResourceTag/kubernetes.io/cluster/${item}', values: ['owned'] },
      ],
    },
    { when: [{ set: 'clusterNames', is: false }], actions: RESIZE, resources: ['*'] },
  ],
};
