/**
 * Mountpoint for Amazon S3 CSI driver.
 * Source: https://github.com/awslabs/mountpoint-s3/blob/v1.15.0/doc/CONFIGURATION.md#iam-permissions
 * Upstream version: v1.15.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const mountpointS3CsiDriver: AddonSpec = {
  key: 'mountpointS3CsiDriver',
  title: 'Mountpoint for Amazon S3 CSI driver',
  knownAs: ['mountpoint_s3_csi', 'aws-mountpoint-s3-csi-driver', 's3-csi', 'mountpoint_s3', 's3_csi'],
  source: 'https://github.com/awslabs/mountpoint-s3/blob/v1.15.0/doc/CONFIGURATION.md#iam-permissions',
  version: 'v1.15.0',
  fingerprint: '900c870fcfb07dfd',
  docs: 'https://docs.aws.amazon.com/eks/latest/userguide/s3-csi.html',
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [
    { name: 'pathArns', option: 'objectArns', from: 'mountpoint_s3_csi_path_arns' },
    { name: 'kmsArns', option: 'kmsKeyArns', from: 'mountpoint_s3_csi_kms_arns' },
  ],
  options: [
    {
      name: 'bucketArns',
      kind: 'list',
      item: ADDON_RULES.s3BucketArn,
      required: true,
      doc: 'Buckets the driver mounts (listed).',
    },
    {
      name: 'objectArns',
      kind: 'list',
      item: ADDON_RULES.s3ObjectArn,
      required: true,
      doc: 'Object paths the driver reads and writes, e.g. `arn:aws:s3:::bucket/prefix/*`.',
    },
    {
      name: 'kmsKeyArns',
      kind: 'list',
      item: ADDON_RULES.kmsKeyArn,
      doc: 'KMS keys of buckets encrypted with SSE-KMS.',
    },
  ],
  statements: [
    { sid: 'MountpointFullBucketAccess', actions: ['s3:ListBucket'], resources: [{ option: 'bucketArns' }] },
    {
      sid: 'MountpointFullObjectAccess',
      actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
      resources: [{ option: 'objectArns' }],
    },
    {
      sid: 'MountpointKms',
      when: [{ set: 'kmsKeyArns', is: true }],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [{ option: 'kmsKeyArns' }],
    },
  ],
};
