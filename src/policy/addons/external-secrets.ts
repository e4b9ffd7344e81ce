/**
 * External Secrets Operator (AWS Secrets Manager and SSM Parameter Store providers).
 * Source: https://github.com/external-secrets/external-secrets/blob/v0.14.0/docs/provider/aws-secrets-manager.md
 * Upstream version: v0.14.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const externalSecrets: AddonSpec = {
  key: 'externalSecrets',
  title: 'External Secrets Operator',
  knownAs: ['external_secrets', 'external-secrets', 'eso'],
  source:
    'https://github.com/external-secrets/external-secrets/blob/v0.14.0/docs/provider/aws-secrets-manager.md',
  version: 'v0.14.0',
  fingerprint: 'c5e088ad780b423c',
  docs: 'https://external-secrets.io/latest/provider/aws-secrets-manager/',
  requireOneOf: ['secretArns', 'parameterArns'],
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [
    { name: 'ssmParameterArns', option: 'parameterArns', from: 'external_secrets_ssm_parameter_arns' },
    { name: 'secretsManagerArns', option: 'secretArns', from: 'external_secrets_secrets_manager_arns' },
    {
      name: 'secretsManagerCreatePermission',
      option: 'createSecrets',
      from: 'external_secrets_secrets_manager_create_permission',
    },
  ],
  options: [
    {
      name: 'secretArns',
      kind: 'list',
      item: ADDON_RULES.secretArn,
      doc: 'Secrets Manager secrets the operator reads (and, with `createSecrets`, writes).',
    },
    {
      name: 'parameterArns',
      kind: 'list',
      item: ADDON_RULES.ssmParameterArn,
      doc: 'SSM parameters the operator reads.',
    },
    {
      name: 'kmsKeyArns',
      kind: 'list',
      item: ADDON_RULES.kmsKeyArn,
      doc: 'Customer managed KMS keys the secrets or parameters are encrypted with.',
    },
    {
      name: 'createSecrets',
      kind: 'flag',
      default: false,
      doc: 'Let PushSecret create, update and delete (only secrets tagged `managed-by=external-secrets`) the given secrets.',
    },
  ],
  statements: [
    { when: [{ set: 'parameterArns', is: true }], actions: ['ssm:DescribeParameters'], resources: ['*'] },
    {
      when: [{ set: 'parameterArns', is: true }],
      actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
      resources: [{ option: 'parameterArns' }],
    },
    {
      when: [{ set: 'secretArns', is: true }],
      actions: ['secretsmanager:ListSecrets', 'secretsmanager:BatchGetSecretValue'],
      resources: ['*'],
    },
    {
      when: [{ set: 'secretArns', is: true }],
      actions: [
        'secretsmanager:GetResourcePolicy',
        'secretsmanager:GetSecretValue',
        'secretsmanager:DescribeSecret',
        'secretsmanager:ListSecretVersionIds',
      ],
      resources: [{ option: 'secretArns' }],
    },
    {
      when: [{ set: 'kmsKeyArns', is: true }],
      actions: ['kms:Decrypt'],
      resources: [{ option: 'kmsKeyArns' }],
    },
    {
      when: [
        { flag: 'createSecrets', is: true },
        { set: 'secretArns', is: true },
      ],
      actions: ['secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:TagResource'],
      resources: [{ option: 'secretArns' }],
    },
    {
      when: [
        { flag: 'createSecrets', is: true },
        { set: 'secretArns', is: true },
      ],
      actions: ['secretsmanager:DeleteSecret'],
      resources: [{ option: 'secretArns' }],
      conditions: [
        { test: 'StringEquals', key: 'secretsmanager:ResourceTag/managed-by', values: ['external-secrets'] },
      ],
    },
  ],
};
