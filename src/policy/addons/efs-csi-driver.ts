/**
 * Amazon EFS CSI driver. AWS publishes the managed policy `service-role/AmazonEFSCSIDriverPolicy`, attached
 * by default; `inline: true` writes the statements below instead.
 * Source: https://github.com/kubernetes-sigs/aws-efs-csi-driver/blob/v2.1.0/docs/iam-policy-example.json
 * Upstream version: v2.1.0
 */
import type { AddonSpec, When } from './model';

const INLINE: When[] = [{ flag: 'inline', is: true }];

export const efsCsiDriver: AddonSpec = {
  key: 'efsCsiDriver',
  title: 'Amazon EFS CSI driver',
  knownAs: ['efs_csi', 'efs-csi', 'aws-efs-csi-driver', 'efs'],
  source: 'https://github.com/kubernetes-sigs/aws-efs-csi-driver/blob/v2.1.0/docs/iam-policy-example.json',
  version: 'v2.1.0',
  fingerprint: '46a8cb80c2a2f946',
  docs: 'https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html',
  aliases: ['efsCSIController'],
  options: [
    {
      name: 'inline',
      kind: 'flag',
      default: false,
      doc: 'Write the driver policy inline instead of attaching the AWS managed `AmazonEFSCSIDriverPolicy`.',
    },
  ],
  managed: { policies: ['service-role/AmazonEFSCSIDriverPolicy'], when: [{ flag: 'inline', is: false }] },
  broadUpstream:
    'access-point creation and deletion on "*", limited by the efs.csi.aws.com/cluster tag: as upstream.',
  statements: [
    {
      when: INLINE,
      actions: [
        'ec2:DescribeAvailabilityZones',
        'elasticfilesystem:DescribeAccessPoints',
        'elasticfilesystem:DescribeFileSystems',
        'elasticfilesystem:DescribeMountTargets',
      ],
      resources: ['*'],
    },
    {
      when: INLINE,
      actions: ['elasticfilesystem:CreateAccessPoint'],
      resources: ['*'],
      conditions: [{ test: 'StringLike', key: 'aws:RequestTag/efs.csi.aws.com/cluster', values: ['true'] }],
    },
    {
      when: INLINE,
      actions: ['elasticfilesystem:TagResource'],
      resources: ['*'],
      conditions: [{ test: 'StringLike', key: 'aws:RequestTag/efs.csi.aws.com/cluster', values: ['true'] }],
    },
    {
      when: INLINE,
      actions: ['elasticfilesystem:DeleteAccessPoint'],
      resources: ['*'],
      conditions: [
        { test: 'StringEquals', key: 'aws:ResourceTag/efs.csi.aws.com/cluster', values: ['true'] },
      ],
    },
  ],
};
