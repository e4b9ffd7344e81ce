/**
 * Amazon FSx for Lustre CSI driver.
 * Source: https://github.com/kubernetes-sigs/aws-fsx-csi-driver/blob/v1.3.0/docs/install.md
 * Upstream version: v1.3.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const fsxLustreCsiDriver: AddonSpec = {
  key: 'fsxLustreCsiDriver',
  title: 'Amazon FSx for Lustre CSI driver',
  knownAs: ['fsx_lustre_csi', 'aws-fsx-csi-driver', 'fsx-csi', 'fsx_lustre'],
  source: 'https://github.com/kubernetes-sigs/aws-fsx-csi-driver/blob/v1.3.0/docs/install.md',
  version: 'v1.3.0',
  fingerprint: '8115489bb234473d',
  docs: 'https://docs.aws.amazon.com/eks/latest/userguide/fsx-csi.html',
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [
    { name: 'serviceRoleArns', option: 'serviceLinkedRoleArns', from: 'fsx_lustre_csi_service_role_arns' },
  ],
  options: [
    {
      name: 'serviceLinkedRoleArns',
      kind: 'list',
      item: ADDON_RULES.serviceLinkedRoleArn,
      doc: 'Service-linked roles the driver may create for S3-linked file systems.',
    },
  ],
  broadUpstream:
    'file-system create, update and delete on "*" (file systems are created on demand), and iam:AttachRolePolicy/iam:PutRolePolicy on the FSx service-linked role path (irsa-review IRSA016, high): as upstream.',
  statements: [
    {
      actions: ['iam:CreateServiceLinkedRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'],
      resources: [
        {
          option: 'serviceLinkedRoleArns',
          fallback: [
            'arn:${partition}:iam::*:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*',
          ],
        },
      ],
    },
    {
      actions: ['iam:CreateServiceLinkedRole'],
      resources: ['*'],
      conditions: [{ test: 'StringLike', key: 'iam:AWSServiceName', values: ['fsx.amazonaws.com'] }],
    },
    {
      actions: [
        's3:ListBucket',
        'fsx:CreateFileSystem',
        'fsx:DeleteFileSystem',
        'fsx:DescribeFileSystems',
        'fsx:TagResource',
        'fsx:UpdateFileSystem',
      ],
      resources: ['*'],
    },
  ],
};
