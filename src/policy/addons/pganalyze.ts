/**
 * pganalyze collector for Amazon RDS and Aurora.
 * Source: https://pganalyze.com/docs/install/amazon_rds/03_install_collector_eks#set-up-iam-policy
 * Upstream version: v0.63.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

const AT = '${partition}:rds:${region}:${accountId}';

export const pganalyze: AddonSpec = {
  key: 'pganalyze',
  title: 'pganalyze collector',
  knownAs: ['pganalyze-collector'],
  source: 'https://pganalyze.com/docs/install/amazon_rds/03_install_collector_eks#set-up-iam-policy',
  version: 'v0.63.0',
  fingerprint: 'c1a009830941b677',
  docs: 'https://pganalyze.com/docs/install/amazon_rds/03_install_collector_eks',
  options: [
    { name: 'region', kind: 'string', item: ADDON_RULES.region, doc: 'The Region of the databases.' },
    { name: 'accountId', kind: 'string', item: ADDON_RULES.accountId, doc: 'The account of the databases.' },
  ],
  statements: [
    { sid: 'CloudwatchGetMetrics', actions: ['cloudwatch:GetMetricStatistics'], resources: ['*'] },
    {
      sid: 'CloudwatchLogEvents',
      actions: ['logs:GetLogEvents'],
      resources: ['arn:${partition}:logs:${region}:${accountId}:log-group:RDSOSMetrics:log-stream:*'],
    },
    { sid: 'RDSDescribeParameters', actions: ['rds:DescribeDBParameters'], resources: [`arn:${AT}:pg:*`] },
    {
      sid: 'RDSInstanceDescribe',
      actions: ['rds:DescribeDBInstances', 'rds:DownloadDBLogFilePortion', 'rds:DescribeDBLogFiles'],
      resources: [`arn:${AT}:db:*`],
    },
    { sid: 'RDSClusterDescribe', actions: ['rds:DescribeDBClusters'], resources: [`arn:${AT}:cluster:*`] },
  ],
};
