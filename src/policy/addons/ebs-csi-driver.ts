/**
 * Amazon EBS CSI driver. AWS publishes the managed policy `service-role/AmazonEBSCSIDriverPolicy`, attached
 * by default; `inline: true` writes the scoped statements below instead.
 * Source: https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/v1.41.0/docs/example-iam-policy.json
 * Upstream version: v1.41.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec, ConditionSpec, When } from './model';

const INLINE: When[] = [{ flag: 'inline', is: true }];
const VOLUME = 'arn:${partition}:ec2:*:*:volume/*';
const SNAPSHOT = 'arn:${partition}:ec2:*:*:snapshot/*';
const like = (key: string, value: string): ConditionSpec[] => [{ test: 'StringLike', key, values: [value] }];

export const ebsCsiDriver: AddonSpec = {
  key: 'ebsCsiDriver',
  title: 'Amazon EBS CSI driver',
  knownAs: ['ebs_csi', 'ebs-csi', 'aws-ebs-csi-driver', 'ebs'],
  source: 'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/v1.41.0/docs/example-iam-policy.json',
  version: 'v1.41.0',
  fingerprint: 'aef1a500220a8096',
  docs: 'https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html',
  aliases: ['ebsCSIController'],
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [
    { name: 'kmsCmkArns', option: 'kmsKeyArns', from: 'ebs_csi_kms_cmk_arns' },
    { name: 'kmsCmkIds', option: 'kmsKeyArns', from: 'ebs_csi_kms_cmk_ids' },
  ],
  options: [
    {
      name: 'inline',
      kind: 'flag',
      default: false,
      doc: 'Write the driver policy inline instead of attaching the AWS managed `AmazonEBSCSIDriverPolicy`.',
    },
    {
      name: 'kmsKeyArns',
      kind: 'list',
      item: ADDON_RULES.kmsKeyArn,
      doc: 'Customer managed KMS keys of encrypted volumes (grants for EBS, and data-key use).',
    },
  ],
  managed: { policies: ['service-role/AmazonEBSCSIDriverPolicy'], when: [{ flag: 'inline', is: false }] },
  statements: [
    {
      when: INLINE,
      actions: [
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeInstances',
        'ec2:DescribeSnapshots',
        'ec2:DescribeTags',
        'ec2:DescribeVolumes',
        'ec2:DescribeVolumesModifications',
      ],
      resources: ['*'],
    },
    { when: INLINE, actions: ['ec2:CreateSnapshot', 'ec2:ModifyVolume'], resources: [VOLUME] },
    {
      when: INLINE,
      actions: ['ec2:AttachVolume', 'ec2:DetachVolume'],
      resources: [VOLUME, 'arn:${partition}:ec2:*:*:instance/*'],
    },
    {
      when: INLINE,
      actions: ['ec2:CreateVolume', 'ec2:EnableFastSnapshotRestores'],
      resources: [SNAPSHOT],
    },
    {
      when: INLINE,
      actions: ['ec2:CreateTags'],
      resources: [VOLUME, SNAPSHOT],
      conditions: [
        { test: 'StringEquals', key: 'ec2:CreateAction', values: ['CreateVolume', 'CreateSnapshot'] },
      ],
    },
    { when: INLINE, actions: ['ec2:DeleteTags'], resources: [VOLUME, SNAPSHOT] },
    {
      when: INLINE,
      actions: ['ec2:CreateVolume'],
      resources: [VOLUME],
      conditions: like('aws:RequestTag/ebs.csi.aws.com/cluster', 'true'),
    },
    {
      when: INLINE,
      actions: ['ec2:CreateVolume'],
      resources: [VOLUME],
      conditions: like('aws:RequestTag/CSIVolumeName', '*'),
    },
    {
      when: INLINE,
      actions: ['ec2:DeleteVolume'],
      resources: [VOLUME],
      conditions: like('aws:ResourceTag/ebs.csi.aws.com/cluster', 'true'),
    },
    {
      when: INLINE,
      actions: ['ec2:DeleteVolume'],
      resources: [VOLUME],
      conditions: like('aws:ResourceTag/CSIVolumeName', '*'),
    },
    {
      when: INLINE,
      actions: ['ec2:DeleteVolume'],
      resources: [VOLUME],
      conditions: like('aws:ResourceTag/kubernetes.io/created-for/pvc/name', '*'),
    },
    {
      when: INLINE,
      actions: ['ec2:CreateSnapshot'],
      resources: [SNAPSHOT],
      conditions: like('aws:RequestTag/CSIVolumeSnapshotName', '*'),
    },
    {
      when: INLINE,
      actions: ['ec2:CreateSnapshot'],
      resources: [SNAPSHOT],
      conditions: like('aws:RequestTag/ebs.csi.aws.com/cluster', 'true'),
    },
    {
      when: INLINE,
      actions: ['ec2:DeleteSnapshot'],
      resources: [SNAPSHOT],
      conditions: like('aws:ResourceTag/CSIVolumeSnapshotName', '*'),
    },
    {
      when: INLINE,
      actions: ['ec2:DeleteSnapshot'],
      resources: [SNAPSHOT],
      conditions: like('aws:ResourceTag/ebs.csi.aws.com/cluster', 'true'),
    },
    // https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/v1.41.0/docs/install.md (KMS keys)
    {
      when: [{ set: 'kmsKeyArns', is: true }],
      actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      resources: [{ option: 'kmsKeyArns' }],
      conditions: [{ test: 'Bool', key: 'kms:GrantIsForAWSResource', values: ['true'] }],
    },
    {
      when: [{ set: 'kmsKeyArns', is: true }],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: [{ option: 'kmsKeyArns' }],
    },
  ],
};
