/**
 * cert-manager's Route 53 DNS-01 solver.
 * Source: https://github.com/cert-manager/website/blob/master/content/docs/configuration/acme/dns01/route53.md
 * Upstream version: v1.16
 */
import { ADDON_RULES, HOSTED_ZONE_ARN_PREFIX } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const certManager: AddonSpec = {
  key: 'certManager',
  title: 'cert-manager (Route 53 DNS-01)',
  knownAs: ['cert_manager', 'cert-manager'],
  source:
    'https://github.com/cert-manager/website/blob/master/content/docs/configuration/acme/dns01/route53.md',
  version: 'v1.16',
  fingerprint: '3989615809b1f95d',
  docs: 'https://cert-manager.io/docs/configuration/acme/dns01/route53/',
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [
    {
      name: 'hostedZoneArns',
      option: 'hostedZoneIds',
      from: 'cert_manager_hosted_zone_arns',
      item: ADDON_RULES.hostedZoneArn,
      strip: HOSTED_ZONE_ARN_PREFIX,
    },
  ],
  options: [
    {
      name: 'hostedZoneIds',
      kind: 'list',
      item: ADDON_RULES.hostedZoneId,
      unsetWarning:
        'cert-manager may change records in every hosted zone of the account; give the zones it solves challenges in.',
      doc: 'Route 53 hosted-zone IDs (e.g. `Z0123456789ABCDEFGHIJ`) the add-on may change.',
    },
  ],
  statements: [
    { actions: ['route53:GetChange'], resources: ['arn:${partition}:route53:::change/*'] },
    {
      actions: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
      resources: [
        {
          option: 'hostedZoneIds',
          format: 'arn:${partition}:route53:::hostedzone/${item}',
          fallback: ['arn:${partition}:route53:::hostedzone/*'],
        },
      ],
      // Only TXT records (the DNS-01 challenge); ListResourceRecordSets has no record types, so passes.
      conditions: [
        {
          test: 'ForAllValues:StringEquals',
          key: 'route53:ChangeResourceRecordSetsRecordTypes',
          values: ['TXT'],
        },
      ],
    },
    { actions: ['route53:ListHostedZonesByName'], resources: ['*'] },
  ],
};
