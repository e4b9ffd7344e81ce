/**
 * ExternalDNS (Route 53 provider). Follows the IAM policy of the v0.19.0 tutorial: the controller calls
 * `route53:ListTagsForResources` (batched, since v0.16.0; v0.15.0 and eksctl's `externalDNS` policy name the
 * singular `ListTagsForResource`). From v0.20.0 the tutorial moves `ListResourceRecordSets` and
 * `ListTagsForResources` onto the hosted zones; not followed yet: with `hostedZoneIds` that would also stop
 * the controller listing other zones unless its `--zone-id-filter` matches.
 * Source: https://github.com/kubernetes-sigs/external-dns/blob/v0.19.0/docs/tutorials/aws.md#iam-policy
 * Upstream version: v0.19.0
 */
import { ADDON_RULES, HOSTED_ZONE_ARN_PREFIX } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const externalDns: AddonSpec = {
  key: 'externalDns',
  title: 'ExternalDNS',
  knownAs: ['external_dns', 'external-dns'],
  source: 'https://github.com/kubernetes-sigs/external-dns/blob/v0.19.0/docs/tutorials/aws.md#iam-policy',
  version: 'v0.19.0',
  fingerprint: '9987964625eeb379',
  docs: 'https://kubernetes-sigs.github.io/external-dns/latest/docs/tutorials/aws/',
  aliases: ['externalDNS'],
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [
    {
      name: 'hostedZoneArns',
      option: 'hostedZoneIds',
      from: 'external_dns_hosted_zone_arns',
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
        'ExternalDNS may change records in every hosted zone of the account; give the zones it manages.',
      doc: 'Route 53 hosted-zone IDs (e.g. `Z0123456789ABCDEFGHIJ`) the add-on may change.',
    },
  ],
  statements: [
    {
      actions: ['route53:ChangeResourceRecordSets'],
      resources: [
        {
          option: 'hostedZoneIds',
          format: 'arn:${partition}:route53:::hostedzone/${item}',
          fallback: ['arn:${partition}:route53:::hostedzone/*'],
        },
      ],
    },
    {
      actions: ['route53:ListHostedZones', 'route53:ListResourceRecordSets', 'route53:ListTagsForResources'],
      resources: ['*'],
    },
  ],
};
