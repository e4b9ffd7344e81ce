/**
 * OIDC issuer URLs and EKS cluster references: what the OIDC-provider helpers accept, and the partition an
 * issuer's host name implies. Pure functions; the callers decide how to report a failure.
 */
import { EKS_ISSUER, RULES, matchesRule } from './rules';

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

/** What an issuer check found: an error (completes "… is invalid: it must be …") or a warning. */
export interface IssuerVerdict {
  readonly error?: string;
  readonly warning?: string;
}

const EKS_HOST = /^oidc\.eks\.([^/]*)\.amazonaws\.com(\.cn)?$/;
const REGION = new RegExp(`^${EKS_ISSUER.region}$`);
const EKS_ID = new RegExp(`^${EKS_ISSUER.id}$`);
const EKS_SHAPE = RULES.eksIssuerUrl.allowed;

/**
 * The one issuer check (EKS_ISSUER in rules.ts) of `EksOidcProvider`, `OidcProvider.fromArn`,
 * `OidcProvider.fromIssuerUrl` and the CLI's `--oidc-provider-arn`, for an issuer with or without `https://`
 * that is already a valid URL (`issuerUrlProblem`); the modules render the same rule as HCL. An issuer that
 * looks like an EKS cluster's (`oidc.eks.…`) but is malformed (a region such as `eu-west1`, an ID that is not
 * 32 hexadecimal digits) is an error; any other issuer is trusted as given, with a warning. An ID of 32
 * letters and digits (the documentation's placeholder `EXAMPLED539D4633E53DE1B71EXAMPLE`) passes.
 */
export function eksIssuerVerdict(url: string): IssuerVerdict {
  const [host, ...path] = issuerHostPath(withScheme(url)).split('/');
  const hostMatch = EKS_HOST.exec(host);
  if (!hostMatch) {
    if (!host.startsWith(EKS_ISSUER.prefix)) {
      return { warning: `does not look like an EKS issuer (${EKS_SHAPE})` };
    }
    return { error: `${EKS_SHAPE}: the host ${JSON.stringify(host)} is not oidc.eks.<region>.amazonaws.com` };
  }
  const region = hostMatch[1];
  if (!REGION.test(region)) {
    const fixed = /^([a-z]{2,4}(?:-[a-z]+)+)([0-9]+)$/.exec(region);
    return {
      error: `${EKS_SHAPE}: ${JSON.stringify(region)} is not a Region code${fixed ? `; did you mean ${JSON.stringify(`${fixed[1]}-${fixed[2]}`)}?` : ' (such as "us-east-1")'}`,
    };
  }
  if (path.length !== 2 || path[0] !== 'id') {
    return {
      error: `${EKS_SHAPE}: the path must be /id/<cluster ID>, not ${JSON.stringify(`/${path.join('/')}`)}`,
    };
  }
  const id = path[1];
  if (EKS_ID.test(id)) return {};
  return {
    error: `${EKS_SHAPE}: the cluster ID ${JSON.stringify(id)} has ${id.length} characters, not 32 hexadecimal digits`,
  };
}

/**
 * The issuer check of an IAM OIDC provider ARN that already has the ARN rule's shape: the part after
 * `oidc-provider/` must be a valid issuer (issuerUrlProblem) and pass eksIssuerVerdict. An error completes
 * "<arn> is invalid: …"; a warning is eksIssuerVerdict's.
 */
export function oidcProviderArnVerdict(arn: string): IssuerVerdict {
  const issuer = arn.slice(arn.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
  const part = 'the part after "oidc-provider/" is the issuer without "https://", and it must be';
  const problem = issuerUrlProblem(issuer);
  if (problem !== undefined) return { error: `${part} ${problem}` };
  const verdict = eksIssuerVerdict(issuer);
  return verdict.error === undefined ? verdict : { error: `${part} ${verdict.error}` };
}

/** Warnings of OidcProvider objects made by factories that have no construct to annotate. */
const providerWarnings = new WeakMap<object, string>();

/** Records `warning` for `provider`; the roles that trust it annotate themselves with it. */
export function noteIssuerWarning(provider: object, warning: string): void {
  providerWarnings.set(provider, warning);
}

/** The warning recorded for `provider`, if any. */
export function issuerWarningOf(provider: unknown): string | undefined {
  return typeof provider === 'object' && provider !== null ? providerWarnings.get(provider) : undefined;
}

/** `text` ended with "." unless it ends with a question already. */
export function sentence(text: string): string {
  return text.endsWith('?') ? text : `${text}.`;
}
