/**
 * Actions one workload should not hold on every resource of their kind: each lets a single pod's
 * credentials reach far beyond that workload (other roles, other code, every secret or object). The list
 * is data: each entry names the concrete actions, the resources that count as "every" one, why it
 * matters (repeated in docs/rules/IRSA040.md) and the AWS page it comes from. A statement matches an entry
 * when it allows one of its actions, however spelled (`ssm:Get*`, `s3:*`, `*`), on every resource of the
 * entry's kind (./permissions, `broadAllows`).
 */
import type { ResourceKind } from './permissions';

export interface SensitiveAction {
  /** Short name used in findings, e.g. `ssm:GetParameter*`. */
  name: string;
  /** The concrete actions the entry stands for; allowing any of them on every resource matches. */
  actions: readonly string[];
  /** What "every resource" means for these actions; `{partition}`, `{region}`, `{account}` are filled in. */
  kind: ResourceKind;
  /** Words after "every" in a finding: `role`, `secret`, `S3 object`. */
  every: string;
  severity: 'high' | 'medium';
  /** Why one workload should not hold it on every resource. */
  reason: string;
  /** The AWS documentation the entry rests on. */
  source: string;
}

const region = (service: string, resource: string): ResourceKind => [
  `arn:{partition}:${service}:{region}:{account}:${resource}`,
];

export const SENSITIVE_ACTIONS: readonly SensitiveAction[] = [
  {
    name: 'sts:AssumeRole',
    actions: ['sts:AssumeRole'],
    kind: ['arn:{partition}:iam::{account}:role/*'],
    every: 'role',
    severity: 'high',
    reason:
      'escalation: the pod can become every role whose trust admits this account, with their permissions',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html',
  },
  {
    name: 'lambda:UpdateFunctionCode',
    actions: ['lambda:UpdateFunctionCode'],
    kind: region('lambda', 'function:*'),
    every: 'Lambda function',
    severity: 'high',
    reason: "code execution elsewhere: the pod can replace any function's code and run as its execution role",
    source: 'https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionCode.html',
  },
  {
    name: 'ssm:SendCommand',
    actions: ['ssm:SendCommand'],
    kind: region('ec2', 'instance/*'),
    every: 'instance',
    severity: 'high',
    reason: 'code execution elsewhere: the pod can run commands on every managed instance, as root',
    source: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/run-command-setting-up.html',
  },
  {
    name: 'ssm:StartSession',
    actions: ['ssm:StartSession'],
    kind: region('ec2', 'instance/*'),
    every: 'instance',
    severity: 'high',
    reason: 'code execution elsewhere: the pod can open a shell on every managed instance',
    source:
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-restrict-access-quickstart.html',
  },
  {
    name: 'secretsmanager:GetSecretValue',
    actions: ['secretsmanager:GetSecretValue'],
    kind: region('secretsmanager', 'secret:*'),
    every: 'secret',
    severity: 'medium',
    reason: 'read of every secret: credentials of other workloads and databases included',
    source: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html',
  },
  {
    name: 'kms:Decrypt',
    actions: ['kms:Decrypt'],
    kind: region('kms', 'key/*'),
    every: 'KMS key',
    severity: 'medium',
    reason: 'read of everything encrypted with any key the key policies let the account use',
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html',
  },
  {
    name: 'ssm:GetParameter*',
    actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
    kind: region('ssm', 'parameter/*'),
    every: 'SSM parameter',
    severity: 'medium',
    reason: 'read of every parameter: SecureString secrets of other workloads included',
    source: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html',
  },
  {
    name: 's3:GetObject',
    actions: ['s3:GetObject'],
    kind: ['arn:{partition}:s3:::*/*'],
    every: 'S3 object',
    severity: 'medium',
    reason:
      'read of every object in every bucket the account can read: backups, logs and state files included',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
  },
];
