/**
 * Velero with the AWS plugin (backups to S3, volume snapshots in EC2).
 * Source: https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/v1.11.0/README.md#set-permissions-for-velero
 * Upstream version: v1.11.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const velero: AddonSpec = {
  key: 'velero',
  title: 'Velero',
  knownAs: ['velero', 'velero-plugin-for-aws'],
  source:
    'https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/v1.11.0/README.md#set-permissions-for-velero',
  version: 'v1.11.0',
  fingerprint: '1fcfbd05f099fb9c',
  docs: 'https://velero.io/docs/main/supported-providers/',
  options: [
    {
      name: 'bucketArns',
      kind: 'list',
      item: ADDON_RULES.s3BucketArn,
      required: true,
      doc: 'Buckets Velero backs up to.',
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
      actions: [
        's3:GetObject',
        's3:DeleteObject',
        's3:PutObject',
        's3:PutObjectTagging',
        's3:AbortMultipartUpload',
        's3:ListMultipartUploadParts',
      ],
      resources: [{ option: 'bucketArns', format: '${item}/*' }],
    },
    { sid: 'S3List', actions: ['s3:ListBucket'], resources: [{ option: 'bucketArns' }] },
  ],
};
