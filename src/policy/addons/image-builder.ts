/**
 * Image builders pushing to Amazon ECR (eksctl's `imageBuilder`). eksctl attaches the AWS managed
 * `AmazonEC2ContainerRegistryPowerUser` (push and pull on every repository), attached by default; `inline:
 * true` writes push and pull on the given repositories only.
 * Source: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html
 * Upstream version: ecr-2025-01
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const imageBuilder: AddonSpec = {
  key: 'imageBuilder',
  title: 'Image builder (Amazon ECR push)',
  knownAs: ['image-builder', 'image_builder'],
  source: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html',
  version: 'ecr-2025-01',
  fingerprint: '2153c7db1c5943b4',
  docs: 'https://eksctl.io/usage/iamserviceaccounts/',
  options: [
    {
      name: 'inline',
      kind: 'flag',
      default: false,
      doc: 'Grant push and pull on `repositoryArns` only instead of attaching `AmazonEC2ContainerRegistryPowerUser`.',
    },
    {
      name: 'repositoryArns',
      kind: 'list',
      item: ADDON_RULES.ecrRepositoryArn,
      requiredWith: 'inline',
      doc: 'Repositories to push to and pull from (required with `inline`).',
    },
  ],
  managed: { policies: ['AmazonEC2ContainerRegistryPowerUser'], when: [{ flag: 'inline', is: false }] },
  statements: [
    { when: [{ flag: 'inline', is: true }], actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
    {
      when: [{ flag: 'inline', is: true }],
      actions: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:CompleteLayerUpload',
        'ecr:DescribeImages',
        'ecr:DescribeRepositories',
        'ecr:GetDownloadUrlForLayer',
        'ecr:InitiateLayerUpload',
        'ecr:ListImages',
        'ecr:PutImage',
        'ecr:UploadLayerPart',
      ],
      resources: [{ option: 'repositoryArns' }],
    },
  ],
};
