/**
 * A reference to a cluster's IAM OIDC provider: its ARN and the issuer that prefixes the trust-policy
 * condition keys. Not a construct: it creates nothing.
 */
import { Fn, Token } from 'cdktf';
import { RULES, matchesRule } from '../validation/rules';
import { IrsaValidationError } from '../validation/error';

export interface OidcProviderFromIssuerOptions {
  /** The cluster's OIDC issuer URL (`aws_eks_cluster.identity[0].oidc[0].issuer`), with or without `https://`. */
  readonly issuerUrl: string;
  /** The 12-digit account that holds the IAM OIDC provider. */
  readonly accountId: string;
  /** The account's partition. @default "aws" */
  readonly partition?: string;
}

/**
 * A cluster's IAM OIDC provider, as the trust policy needs it: `OidcProvider.fromArn(arn)` or
 * `OidcProvider.fromIssuerUrl({ issuerUrl, accountId })`. Creates nothing.
 */
export class OidcProvider {
  /**
   * From the provider's ARN, `arn:<partition>:iam::<account>:oidc-provider/<issuer>`. A Terraform token
   * (e.g. `aws_iam_openid_connect_provider.x.arn`) works too: the issuer is then computed in Terraform.
   */
  static fromArn(arn: string): OidcProvider {
    if (Token.isUnresolved(arn)) {
      const part = (i: number) => Token.asString(Fn.element(Fn.split(':', arn), i));
      const issuer = Token.asString(Fn.element(Fn.split('oidc-provider/', arn), 1));
      return new OidcProvider(arn, issuer, part(1), part(4));
    }
    if (typeof arn !== 'string' || !matchesRule(RULES.oidcProviderArn, arn)) {
      throw new IrsaValidationError(
        'OidcProvider.fromArn',
        'arn',
        `arn ${JSON.stringify(arn)} is invalid: it must be ${RULES.oidcProviderArn.allowed}.`,
      );
    }
    const [, partition, , , accountId] = arn.split(':');
    const issuer = arn.slice(arn.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
    return new OidcProvider(arn, issuer, partition, accountId);
  }

  /** From the cluster's issuer URL and the account, as eksctl derives it. */
  static fromIssuerUrl(options: OidcProviderFromIssuerOptions): OidcProvider {
    const partition = options.partition ?? 'aws';
    const issuer = Token.isUnresolved(options.issuerUrl)
      ? Token.asString(Fn.replace(options.issuerUrl, 'https://', ''))
      : options.issuerUrl.replace(/^https:\/\//, '');
    return OidcProvider.fromArn(`arn:${partition}:iam::${options.accountId}:oidc-provider/${issuer}`);
  }

  private constructor(
    /** The provider's ARN (the trust policy's `Federated` principal). */
    readonly arn: string,
    /** The issuer host and path without `https://` (the prefix of `:sub` and `:aud`). */
    readonly issuer: string,
    /** The ARN's partition: `aws`, `aws-cn`, `aws-us-gov`, … */
    readonly partition: string,
    /** The account that holds the provider. */
    readonly accountId: string,
  ) {}
}
