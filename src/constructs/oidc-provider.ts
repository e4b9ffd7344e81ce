/**
 * References to a cluster's IAM OIDC provider: its ARN and the issuer that prefixes the trust-policy
 * condition keys.
 */
import type { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import type { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { Fn, TerraformDataSource, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IrsaValidationError } from '../validation/error';
import { KNOWN_KEYS, checkKnownKeys } from '../validation/known-keys';
import { PARTITIONS, RULES, matchesRule } from '../validation/rules';
import {
  eksIssuerVerdict,
  isEksClusterArn,
  issuerHostPath,
  issuerPartition,
  issuerUrlProblem,
  noteIssuerWarning,
  oidcProviderArnVerdict,
  sentence,
} from '../validation/issuer';
import { clusterLookup } from './optional-modules';
import { childPath } from './role-resources';

/** Options of {@link OidcProvider.fromIssuerUrl}. */
export interface OidcProviderFromIssuerOptions {
  /**
   * The cluster's OIDC issuer URL (`aws_eks_cluster.identity[0].oidc[0].issuer`), with or without `https://`.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html
   */
  readonly issuerUrl: string;
  /**
   * The 12-digit account that holds the IAM OIDC provider.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
   */
  readonly accountId: string;
  /**
   * The account's partition.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
   * @default from the issuer's host: "aws-cn" for `*.amazonaws.com.cn`, "aws-us-gov" for `oidc.eks.us-gov-*`, else "aws"
   */
  readonly partition?: string;
}

/** Options of {@link OidcProvider.fromClusterName} and {@link OidcProvider.fromCluster}. */
export interface OidcProviderFromClusterOptions {
  /**
   * The 12-digit account that holds the IAM OIDC provider (for a provider in another account than the AWS provider's).
   * @see https://docs.aws.amazon.com/eks/latest/userguide/cross-account-access.html
   * @default fromClusterName: the AWS provider's account (`aws_caller_identity`); fromCluster: the cluster's account (from its ARN)
   */
  readonly accountId?: string;
  /**
   * The partition of that account.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
   * @default fromClusterName: the AWS provider's partition (`aws_partition`); fromCluster: the cluster's (from its ARN)
   */
  readonly partition?: string;
  /**
   * The AWS provider that reads the cluster (fromClusterName only), when the stack has several.
   * @see https://developer.hashicorp.com/terraform/cdktf/concepts/providers
   * @default the stack's default AWS provider
   */
  readonly awsProvider?: TerraformProvider;
}

/** Shows a value in an error message. */
function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

const ACCOUNT_ID = /^[0-9]{12}$/;

/** Builds an OidcProvider from parts already derived (for `EksOidcProvider`); not exported from the package. */
export let oidcProviderFromParts: (
  arn: string,
  issuer: string,
  partition: string,
  accountId: string,
) => OidcProvider;

/**
 * A cluster's IAM OIDC provider, as the trust policies of `IrsaRole` and `IamServiceAccount` name it. Not a
 * construct; `fromClusterName` adds a (shared) data source, the other factories add nothing. The provider
 * itself must exist: create it with `EksOidcProvider` (or `eksctl utils associate-iam-oidc-provider`).
 */
export class OidcProvider {
  static {
    oidcProviderFromParts = (arn, issuer, partition, accountId) =>
      new OidcProvider(arn, issuer, partition, accountId);
  }

  /**
   * From the provider's ARN, `arn:<partition>:iam::<account>:oidc-provider/<issuer>`. A Terraform token
   * (e.g. `aws_iam_openid_connect_provider.x.arn`) works too: the issuer is then computed in Terraform.
   */
  static fromArn(arn: string): OidcProvider {
    const where = 'OidcProvider.fromArn';
    if (Token.isUnresolved(arn)) {
      const part = (i: number) => Token.asString(Fn.element(Fn.split(':', arn), i));
      const issuer = Token.asString(Fn.element(Fn.split('oidc-provider/', arn), 1));
      return new OidcProvider(arn, issuer, part(1), part(4));
    }
    if (typeof arn === 'string' && isEksClusterArn(arn)) {
      throw new IrsaValidationError(
        where,
        'arn',
        `arn ${show(arn)} is invalid: this is a cluster ARN; use OidcProvider.fromClusterName with the cluster's name, or OidcProvider.fromIssuerUrl with its issuer URL.`,
      );
    }
    if (typeof arn !== 'string' || !matchesRule(RULES.oidcProviderArn, arn)) {
      throw new IrsaValidationError(
        where,
        'arn',
        `arn ${show(arn)} is invalid: it must be ${RULES.oidcProviderArn.allowed}.`,
      );
    }
    const [, partition, , , accountId] = arn.split(':');
    const issuer = arn.slice(arn.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
    // The ARN rule admits what IAM admits; the issuer part must also be one a cluster can have.
    const verdict = oidcProviderArnVerdict(arn);
    if (verdict.error !== undefined) {
      throw new IrsaValidationError(where, 'arn', sentence(`arn ${show(arn)} is invalid: ${verdict.error}`));
    }
    return withIssuerWarning(
      new OidcProvider(arn, issuer, partition, accountId),
      where,
      arn,
      verdict.warning,
    );
  }

  /**
   * From the cluster's issuer URL and the account, as eksctl derives it:
   * `arn:<partition>:iam::<account>:oidc-provider/<issuer without https://>`.
   */
  static fromIssuerUrl(options: OidcProviderFromIssuerOptions): OidcProvider {
    const where = 'OidcProvider.fromIssuerUrl';
    if (typeof options !== 'object' || options === null) {
      throw new IrsaValidationError(
        where,
        'options',
        `options ${show(options)} is invalid: it must be { issuerUrl, accountId, partition? }.`,
      );
    }
    checkKnownKeys(where, options, KNOWN_KEYS.fromIssuerUrl);
    const { issuerUrl, accountId } = options;
    checkAccountAndPartition(where, accountId, options.partition);
    if (Token.isUnresolved(issuerUrl)) {
      const issuer = Token.asString(Fn.replace(issuerUrl, 'https://', ''));
      return OidcProvider.fromIssuerToken(issuer, accountId, options.partition);
    }
    const problem = issuerUrlProblem(issuerUrl);
    if (problem !== undefined) {
      throw new IrsaValidationError(
        where,
        'issuerUrl',
        `issuerUrl ${show(issuerUrl)} is invalid: it must be ${problem}.`,
      );
    }
    const verdict = eksIssuerVerdict(issuerUrl);
    if (verdict.error !== undefined) {
      throw new IrsaValidationError(
        where,
        'issuerUrl',
        sentence(`issuerUrl ${show(issuerUrl)} is invalid: it must be ${verdict.error}`),
      );
    }
    const issuer = issuerHostPath(issuerUrl);
    const partition = options.partition ?? issuerPartition(issuerUrl);
    const provider = new OidcProvider(
      `arn:${partition}:iam::${accountId}:oidc-provider/${issuer}`,
      issuer,
      partition,
      accountId,
    );
    return withIssuerWarning(provider, where, issuerUrl, verdict.warning);
  }

  /**
   * From an EKS cluster's name, as `eksctl --cluster=<name>` does: the issuer is read with a
   * `data "aws_eks_cluster"`, the account and partition with `aws_caller_identity` and `aws_partition` (unless
   * given). Data sources are shared: one `aws_eks_cluster` per cluster name, and one caller identity and
   * partition per stack and AWS provider, however often this is called.
   */
  static fromClusterName(
    scope: Construct,
    id: string,
    clusterName: string,
    options: OidcProviderFromClusterOptions = {},
  ): OidcProvider {
    const where = childPath(scope, id);
    if (
      !Token.isUnresolved(clusterName) &&
      (typeof clusterName !== 'string' || !matchesRule(RULES.eksClusterName, clusterName))
    ) {
      throw new IrsaValidationError(
        where,
        'clusterName',
        `clusterName ${show(clusterName)} is invalid: it must be ${RULES.eksClusterName.allowed}${typeof clusterName === 'string' && clusterName.startsWith('arn:') ? ' (the name, not the ARN)' : ''}.`,
      );
    }
    checkKnownKeys(where, options, KNOWN_KEYS.fromClusterName);
    checkAccountAndPartition(where, options.accountId, options.partition);
    const lookup = clusterLookup().lookUpCluster(scope, id, clusterName, options.awsProvider);
    const issuer = Token.asString(
      Fn.replace(lookup.cluster.identity.get(0).oidc.get(0).issuer, 'https://', ''),
    );
    const partition = options.partition ?? lookup.partition();
    const accountId = options.accountId ?? lookup.accountId();
    return new OidcProvider(
      joinArn(partition, accountId, issuer),
      issuer,
      partition,
      accountId,
      lookup.cluster,
    );
  }

  /**
   * From an `aws_eks_cluster` declared in the same app: the issuer from `identity[0].oidc[0].issuer`, and the
   * account and partition from the cluster's ARN (unless given). No data sources.
   */
  static fromCluster(
    cluster: EksCluster,
    options: Omit<OidcProviderFromClusterOptions, 'awsProvider'> = {},
  ): OidcProvider {
    const where = 'OidcProvider.fromCluster';
    const candidate = cluster as unknown as {
      identity?: { get?: unknown };
      arn?: unknown;
      terraformResourceType?: unknown;
    };
    if (
      typeof candidate !== 'object' ||
      candidate === null ||
      cluster instanceof TerraformDataSource ||
      candidate.terraformResourceType !== 'aws_eks_cluster' ||
      typeof candidate.identity?.get !== 'function'
    ) {
      throw new IrsaValidationError(
        where,
        'cluster',
        `cluster ${show(cluster instanceof TerraformDataSource ? `data.${candidate.terraformResourceType}` : typeof cluster === 'object' && cluster !== null ? (candidate.terraformResourceType ?? 'an object') : cluster)} is invalid: it must be an EksCluster (@cdktf/provider-aws/lib/eks-cluster); for a cluster declared elsewhere use OidcProvider.fromClusterName.`,
      );
    }
    if ('awsProvider' in options) {
      throw new IrsaValidationError(
        where,
        'awsProvider',
        'awsProvider is invalid here: fromCluster reads nothing; the cluster resource already has its provider.',
      );
    }
    checkKnownKeys(where, options, KNOWN_KEYS.fromCluster);
    checkAccountAndPartition(where, options.accountId, options.partition);
    const issuer = Token.asString(Fn.replace(cluster.identity.get(0).oidc.get(0).issuer, 'https://', ''));
    const arnPart = (i: number) => Token.asString(Fn.element(Fn.split(':', cluster.arn), i));
    const partition = options.partition ?? arnPart(1);
    const accountId = options.accountId ?? arnPart(4);
    return new OidcProvider(joinArn(partition, accountId, issuer), issuer, partition, accountId);
  }

  /** An issuer (host and path) known only in Terraform: the ARN is joined there, the partition derived there. */
  private static fromIssuerToken(issuer: string, accountId: string, partition?: string): OidcProvider {
    const host = Fn.element(Fn.split('/', issuer), 0);
    const derived =
      partition ??
      Token.asString(
        Fn.conditional(
          Fn.endswith(host, '.amazonaws.com.cn'),
          'aws-cn',
          Fn.conditional(Fn.startswith(issuer, 'oidc.eks.us-gov-'), 'aws-us-gov', 'aws'),
        ),
      );
    return new OidcProvider(joinArn(derived, accountId, issuer), issuer, derived, accountId);
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
    /**
     * The `data "aws_eks_cluster"` that `fromClusterName` reads (shared by every lookup of that cluster), e.g. for the
     * Kubernetes provider's `host` and `clusterCaCertificate`; undefined from the other factories.
     */
    readonly cluster?: DataAwsEksCluster,
  ) {}
}

/** Records the issuer's warning (if any) for the roles that trust `provider` to show. */
function withIssuerWarning(
  provider: OidcProvider,
  where: string,
  given: string,
  warning: string | undefined,
): OidcProvider {
  if (warning !== undefined) {
    noteIssuerWarning(
      provider,
      `${where}(${show(given)}): the issuer ${warning}; the role trusts it as given.`,
    );
  }
  return provider;
}

/**
 * `arn:<partition>:iam::<account>:oidc-provider/<issuer>`. With tokens it is built with Terraform's `join`
 * rather than by string interpolation, so no CDKTF function receives a `${…}` template (which makes CDKTF
 * print its "escape sequences" warning).
 */
function joinArn(partition: string, accountId: string, issuer: string): string {
  const parts = ['arn:', partition, ':iam::', accountId, ':oidc-provider/', issuer];
  if (parts.every((p) => !Token.isUnresolved(p))) return parts.join('');
  return Token.asString(Fn.join('', parts));
}

function checkAccountAndPartition(
  where: string,
  accountId: string | undefined,
  partition: string | undefined,
): void {
  if (
    accountId !== undefined &&
    !Token.isUnresolved(accountId) &&
    (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId))
  ) {
    throw new IrsaValidationError(
      where,
      'accountId',
      `accountId ${show(accountId)} is invalid: it must be a 12-digit AWS account ID.`,
    );
  }
  if (where === 'OidcProvider.fromIssuerUrl' && accountId === undefined) {
    throw new IrsaValidationError(
      where,
      'accountId',
      'accountId undefined is invalid: it must be a 12-digit AWS account ID (the account that holds the IAM OIDC provider).',
    );
  }
  if (partition !== undefined && !Token.isUnresolved(partition) && !PARTITIONS.includes(partition)) {
    throw new IrsaValidationError(
      where,
      'partition',
      `partition ${show(partition)} is invalid: it must be one of ${PARTITIONS.join(', ')}.`,
    );
  }
}
