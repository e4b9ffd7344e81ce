/**
 * Rules for the scoping inputs of the add-on catalog (`wellKnownPolicies`), as data like `RULES`, so the
 * constructs and the Terraform modules' `validation` blocks check the same patterns.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
import { PARTITIONS, RULES, type StringRule } from './rules';

const PARTITION = `(${PARTITIONS.join('|')})`;
const REGION = '[a-z]{2}(-[a-z]+)+-[0-9]';
const ACCOUNT = '[0-9]{12}';
const ARNS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html';

function arnRule(what: string, pattern: string, shape: string, docs = ARNS): StringRule {
  return { pattern: `^${pattern}$`, maxLength: 2048, allowed: `${what} ARN: ${shape}`, docs };
}

/** The prefix of a hosted zone's ARN, before its ID (removed where ARNs stand in for IDs). */
export const HOSTED_ZONE_ARN_PREFIX = '^arn:[^:]+:route53:::hostedzone/';

export const ADDON_RULES = {
  hostedZoneId: RULES.hostedZoneId,
  hostedZoneArn: arnRule(
    'a Route 53 hosted zone',
    `arn:${PARTITION}:route53:::hostedzone/[A-Z0-9]{1,32}`,
    'arn:<partition>:route53:::hostedzone/<zone ID> (leave the list out for every zone)',
    RULES.hostedZoneId.docs,
  ),
  eksClusterName: RULES.eksClusterName,
  roleArn: RULES.roleArn,
  region: {
    pattern: `^${REGION}$`,
    allowed: 'an AWS Region code such as "us-east-1"',
    docs: 'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html',
  },
  accountId: {
    pattern: `^${ACCOUNT}$`,
    allowed: 'a 12-digit AWS account ID',
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html',
  },
  s3BucketArn: arnRule(
    'an S3 bucket',
    `arn:${PARTITION}:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]`,
    'arn:<partition>:s3:::<bucket> (no key or "/")',
  ),
  s3ObjectArn: arnRule(
    'an S3 object-path',
    `arn:${PARTITION}:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[\\x21-\\x7E]*`,
    'arn:<partition>:s3:::<bucket>/<key prefix, may end in *>',
  ),
  kmsKeyArn: arnRule(
    'a KMS key',
    `arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:(key|alias)/[\\x21-\\x7E]+`,
    'arn:<partition>:kms:<region>:<account>:key/<key id>',
  ),
  secretArn: arnRule(
    'a Secrets Manager secret',
    `arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:[\\x21-\\x7E]+`,
    'arn:<partition>:secretsmanager:<region>:<account>:secret:<name, may end in *>',
  ),
  ssmParameterArn: arnRule(
    'an SSM parameter',
    `arn:${PARTITION}:ssm:(${REGION})?:(${ACCOUNT})?:parameter/[\\x21-\\x7E]+`,
    'arn:<partition>:ssm:<region>:<account>:parameter/<name, may end in *>',
  ),
  sqsQueueArn: arnRule(
    'an SQS queue',
    `arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:[A-Za-z0-9_-]{1,75}(\\.fifo)?`,
    'arn:<partition>:sqs:<region>:<account>:<queue name>',
  ),
  apsWorkspaceArn: arnRule(
    'an Amazon Managed Service for Prometheus workspace',
    `arn:${PARTITION}:aps:${REGION}:${ACCOUNT}:workspace/[\\x21-\\x7E]+`,
    'arn:<partition>:aps:<region>:<account>:workspace/<workspace id>',
  ),
  acmPcaArn: arnRule(
    'an AWS Private CA',
    `arn:${PARTITION}:acm-pca:${REGION}:${ACCOUNT}:certificate-authority/[\\x21-\\x7E]+`,
    'arn:<partition>:acm-pca:<region>:<account>:certificate-authority/<id>',
  ),
  targetGroupArn: arnRule(
    'an ELB target group',
    `arn:${PARTITION}:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/[\\x21-\\x7E]+`,
    'arn:<partition>:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>',
  ),
  ecrRepositoryArn: arnRule(
    'an ECR repository',
    `arn:${PARTITION}:ecr:${REGION}:${ACCOUNT}:repository/[\\x21-\\x7E]+`,
    'arn:<partition>:ecr:<region>:<account>:repository/<name, may end in *>',
  ),
  serviceLinkedRoleArn: arnRule(
    'an IAM service-linked role',
    `arn:${PARTITION}:iam::(${ACCOUNT}|\\*):role/aws-service-role/[\\x21-\\x7E]+`,
    'arn:<partition>:iam::<account or *>:role/aws-service-role/<service>/<name, may end in *>',
  ),
} satisfies Record<string, StringRule>;
