/**
 * Amazon CloudWatch Observability add-on (CloudWatch agent and Fluent Bit, X-Ray). AWS publishes the
 * managed policies it needs; there is no scoped inline version.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html
 * Upstream version: v4.0.0-eksbuild.1
 */
import type { AddonSpec } from './model';

export const cloudWatchObservability: AddonSpec = {
  key: 'cloudWatchObservability',
  title: 'Amazon CloudWatch Observability',
  knownAs: [
    'cloudwatch_observability',
    'amazon-cloudwatch-observability',
    'cloudwatch-agent',
    'cloudwatch_agent',
  ],
  source:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html',
  version: 'v4.0.0-eksbuild.1',
  fingerprint: '42991cb59b021150',
  docs: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html',
  options: [],
  managed: { policies: ['CloudWatchAgentServerPolicy', 'AWSXrayWriteOnlyAccess'] },
  broadUpstream: 'the AWS managed policies write metrics, logs and traces on "*": as AWS publishes them.',
  statements: [],
};
