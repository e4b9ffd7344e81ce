/**
 * AWS Private CA Issuer for cert-manager.
 * Source: https://github.com/cert-manager/aws-privateca-issuer/blob/v1.4.0/README.md#configuration
 * Upstream version: v1.4.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const awsPrivateCaIssuer: AddonSpec = {
  key: 'awsPrivateCaIssuer',
  title: 'AWS Private CA Issuer',
  knownAs: ['aws_privateca_issuer', 'aws-privateca-issuer', 'private_ca_issuer', 'pca_issuer'],
  source: 'https://github.com/cert-manager/aws-privateca-issuer/blob/v1.4.0/README.md#configuration',
  version: 'v1.4.0',
  fingerprint: '0f742b410e928336',
  docs: 'https://github.com/cert-manager/aws-privateca-issuer',
  options: [
    {
      name: 'certificateAuthorityArns',
      kind: 'list',
      item: ADDON_RULES.acmPcaArn,
      required: true,
      doc: 'Private certificate authorities the issuer may issue from.',
    },
  ],
  statements: [
    {
      actions: ['acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificate', 'acm-pca:IssueCertificate'],
      resources: [{ option: 'certificateAuthorityArns' }],
    },
  ],
};
