/**
 * Amazon FSx for OpenZFS CSI driver.
 * Source: https://github.com/kubernetes-sigs/aws-fsx-openzfs-csi-driver/blob/v1.1.0/docs/install.md
 * Upstream version: v1.1.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const fsxOpenZfsCsiDriver: AddonSpec = {
  key: 'fsxOpenZfsCsiDriver',
  title: 'Amazon FSx for OpenZFS CSI driver',
  knownAs: ['fsx_openzfs_csi', 'aws-fsx-openzfs-csi-driver', 'fsx_openzfs'],
  source: 'https://github.com/kubernetes-sigs/aws-fsx-openzfs-csi-driver/blob/v1.1.0/docs/install.md',
  version: 'v1.1.0',
  fingerprint: 'd39ec45d9e1edb40',
  docs: 'https://github.com/kubernetes-sigs/aws-fsx-openzfs-csi-driver',
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [
    { name: 'serviceRoleArns', option: 'serviceLinkedRoleArns', from: 'fsx_openzfs_csi_service_role_arns' },
  ],
  options: [
    {
      name: 'serviceLinkedRoleArns',
      kind: 'list',
      item: ADDON_RULES.serviceLinkedRoleArn,
      doc: 'Service-linked roles the driver may create for FSx.',
    },
  ],
  broadUpstream:
    'file-system, volume and snapshot management on "*" (created on demand), and iam:AttachRolePolicy/iam:PutRolePolicy on the FSx service-linked role path (irsa-review IRSA016, high): as upstream.',
  statements: [
    {
      actions: ['iam:CreateServiceLinkedRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'],
      resources: [
        {
          option: 'serviceLinkedRoleArns',
          fallback: ['arn:${partition}:iam::*:role/aws-service-role/fsx.amazonaws.com/*'],
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
        'fsx:CreateFileSystem',
        'fsx:UpdateFileSystem',
        'fsx:DeleteFileSystem',
        'fsx:DescribeFileSystems',
        'fsx:CreateVolume',
        'fsx:DeleteVolume',
        'fsx:DescribeVolumes',
        'fsx:CreateSnapshot',
        'fsx:DeleteSnapshot',
        'fsx:DescribeSnapshots',
        'fsx:TagResource',
        'fsx:ListTagsForResource',
      ],
      resources: ['*'],
    },
  ],
};
