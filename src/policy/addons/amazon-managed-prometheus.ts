/**
 * Amazon Managed Service for Prometheus: remote write and query from the cluster.
 * Source: https://docs.aws.amazon.com/prometheus/latest/userguide/set-up-irsa.html
 * Upstream version: amp-2024-11
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const amazonManagedPrometheus: AddonSpec = {
  key: 'amazonManagedPrometheus',
  title: 'Amazon Managed Service for Prometheus',
  knownAs: ['amazon_managed_service_prometheus', 'amp', 'prometheus'],
  source: 'https://docs.aws.amazon.com/prometheus/latest/userguide/set-up-irsa.html',
  version: 'amp-2024-11',
  fingerprint: '3e17cb140ab04244',
  docs: 'https://docs.aws.amazon.com/prometheus/latest/userguide/set-up-irsa.html',
  options: [
    {
      name: 'workspaceArns',
      kind: 'list',
      item: ADDON_RULES.apsWorkspaceArn,
      required: true,
      doc: 'Workspaces to write metrics to and query.',
    },
  ],
  statements: [
    {
      actions: [
        'aps:RemoteWrite',
        'aps:QueryMetrics',
        'aps:GetSeries',
        'aps:GetLabels',
        'aps:GetMetricMetadata',
      ],
      resources: [{ option: 'workspaceArns' }],
    },
  ],
};
