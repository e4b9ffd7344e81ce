/**
 * Velero with the AWS plugin (backups to S3, volume snapshots in EC2).
 *
 * `objectArns` narrows the object statement to a backup storage location's `prefix` (listing stays on the
 * buckets). `kmsKeyArns` covers a location's `kmsKeyId` (SSE-KMS backups; the plugin's
 * backupstoragelocation.md says key use may need granting) and volumes encrypted with a customer managed
 * key (EC2 needs grants on the key to snapshot and restore them): the data-key actions, and grants only for
 * AWS resources, as the EBS CSI driver's KMS statements. terraform-aws-modules v5.60.0 and v6.5.0 have
 * neither input (only `velero_s3_bucket_arns`).
 * Source: https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/v1.11.0/README.md#set-permissions-for-velero
 * Upstream version: v1.11.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

const OBJECT_ACTIONS = [
  's3:GetObject',
  's3:DeleteObject',
  's3:PutObject',
  's3:PutObjectTagging',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];

export const velero: AddonSpec = {
  key: 'velero',
  title: 'Velero',
  knownAs: ['velero', 'velero-plugin-for-aws'],
  source:
    'https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/v1.11.0/README.md#set-permissions-for-velero',
  version: 'v1.11.0',
  fingerprint: 'a6aecc2877a03b3d',
  docs: 'https://velero.io/docs/main/supported-providers/',
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [{ name: 's3BucketArns', option: 'bucketArns', from: 'velero_s3_bucket_arns' }],
  options: [
    {
      name: 'bucketArns',
      kind: 'list',
      item: ADDON_RULES.s3BucketArn,
      required: true,
      doc: 'Buckets Velero backs up to.',
    },
    {
      name: 'objectArns',
      kind: 'list',
      item: ADDON_RULES.s3ObjectArn,
      doc: 'Object paths Velero reads and writes, e.g. `arn:aws:s3:::bucket/prefix/*` for a backup storage location with `prefix` (default: every object of `bucketArns`).',
    },
    {
      name: 'kmsKeyArns',
      kind: 'list',
      item: ADDON_RULES.kmsKeyArn,
      doc: 'Customer managed KMS keys of SSE-KMS backups (`kmsKeyId`) and of encrypted volumes Velero snapshots and restores.',
    },
  ],
  broadUpstream:
    'EBS snapshot and volume actions on "*" (Velero snapshots any volume it backs up): as upstream.',
  statements: [
    {
      sid: 'Ec2ReadWrite',
      actions: [
        'ec2:DescribeVolumes',
        'ec2:DescribeSnapshots',
        'ec2:CreateTags',
        'ec2:CreateVolume',
        'ec2:CreateSnapshot',
        'ec2:DeleteSnapshot',
      ],
      resources: ['*'],
    },
    {
      sid: 'S3ReadWrite',
      when: [{ set: 'objectArns', is: false }],
      actions: OBJECT_ACTIONS,
      resources: [{ option: 'bucketArns', format: '${item}/*' }],
    },
    {
      sid: 'S3ReadWrite',
      when: [{ set: 'objectArns', is: true }],
      actions: OBJECT_ACTIONS,
      resources: [{ option: 'objectArns' }],
    },
    { sid: 'S3List', actions: ['s3:ListBucket'], resources: [{ option: 'bucketArns' }] },
    {
      sid: 'KmsDataKeys',
      when: [{ set: 'kmsKeyArns', is: true }],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: [{ option: 'kmsKeyArns' }],
    },
    {
      sid: 'KmsGrants',
      when: [{ set: 'kmsKeyArns', is: true }],
      actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      resources: [{ option: 'kmsKeyArns' }],
      conditions: [{ test: 'Bool', key: 'kms:GrantIsForAWSResource', values: ['true'] }],
    },
  ],
};
