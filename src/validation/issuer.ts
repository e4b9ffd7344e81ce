/**
 * OIDC issuer URLs and EKS cluster references: what the OIDC-provider helpers accept, and the partition an
 * issuer's host name implies. Pure functions; the callers decide how to report a failure.
 */
import { RULES, matchesRule } from './rules';

/** An EKS cluster ARN, `arn:<partition>:eks:<region>:<account>:cluster/<name>`: a common wrong input. */
const CLUSTER_ARN = /^arn:[a-z-]+:eks:[a-z0-9-]*:[0-9]*:cluster\//;

export function isEksClusterArn(value: string): boolean {
  return CLUSTER_ARN.test(value);
}

/** Why `url` (with or without `https://`) is not an issuer URL, or undefined when it is one. */
export function issuerUrlProblem(url: unknown): string | undefined {
  if (typeof url !== 'string') return RULES.oidcIssuerUrl.allowed;
  if (isEksClusterArn(url)) {
    return `${RULES.oidcIssuerUrl.allowed}; this is an EKS cluster ARN: use OidcProvider.fromClusterName with the cluster's name, or the cluster's identity[0].oidc[0].issuer`;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('https://')) {
    return `${RULES.oidcIssuerUrl.allowed}; IAM accepts only https:// issuers`;
  }
  if (url.endsWith('/') && matchesRule(RULES.oidcIssuerUrl, withScheme(url.replace(/\/+$/, '')))) {
    return `${RULES.oidcIssuerUrl.allowed}; remove the trailing "/"`;
  }
  return matchesRule(RULES.oidcIssuerUrl, withScheme(url)) ? undefined : RULES.oidcIssuerUrl.allowed;
}

/** `https://` + `url` unless it has it. */
export function withScheme(url: string): string {
  return url.startsWith('https://') ? url : `https://${url}`;
}

/** The issuer without `https://`: the prefix of the `:aud` and `:sub` condition keys and the ARN's tail. */
export function issuerHostPath(url: string): string {
  return url.replace(/^https:\/\//, '');
}

/** True when the issuer looks like an EKS cluster's (`https://oidc.eks.<region>.amazonaws.com/id/<hex>`). */
export function isEksIssuerUrl(url: string): boolean {
  return matchesRule(RULES.eksIssuerUrl, withScheme(url));
}

/**
 * The AWS partition an issuer's host implies: `aws-cn` for `*.amazonaws.com.cn` (China regions),
 * `aws-us-gov` for EKS issuers in `us-gov-*` regions, `aws` otherwise.
 * @see https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
export function issuerPartition(url: string): string {
  const host = issuerHostPath(url).split('/')[0];
  if (host.endsWith('.amazonaws.com.cn')) return 'aws-cn';
  if (/^oidc\.eks\.us-gov-[a-z]+-[0-9]+\.amazonaws\.com$/.test(host)) return 'aws-us-gov';
  return 'aws';
}
