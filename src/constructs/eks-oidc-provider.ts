import type { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { Annotations, Fn, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DEFAULT_AUDIENCE } from '../policy/subjects';
import { IrsaValidationError } from '../validation/validate';
import { KNOWN_KEYS, checkKnownKeys } from '../validation/known-keys';
import { QUOTAS, RULES, matchesRule } from '../validation/rules';
import {
  eksIssuerVerdict,
  issuerHostPath,
  issuerPartition,
  issuerUrlProblem,
  sentence,
  withScheme,
} from '../validation/issuer';
import { clusterLookup, openidConnectProviderClass } from './optional-modules';
import { OidcProvider, oidcProviderFromParts } from './oidc-provider';
import { childPath, sortedRecord } from './role-resources';

/** Options of `EksOidcProvider`: what `eksctl utils associate-iam-oidc-provider` takes. */
export interface EksOidcProviderProps {
  /**
   * The cluster's OIDC issuer URL, e.g. `cluster.identity.get(0).oidc.get(0).issuer` (a token) or
   * `https://oidc.eks.<region>.amazonaws.com/id/<id>`; `https://` is added when missing. Exactly one of
   * `issuerUrl` and `clusterName`.
   * @see https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html
   * @default read from the cluster named `clusterName`
   */
  readonly issuerUrl?: string;
  /**
   * The EKS cluster's name: its issuer is read with a `data "aws_eks_cluster"` (shared with
   * `OidcProvider.fromClusterName`). Exactly one of `issuerUrl` and `clusterName`.
   * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeCluster.html
   * @default none: `issuerUrl` is used
   */
  readonly clusterName?: string;
  /**
   * Audiences (client IDs) besides `sts.amazonaws.com`, which is always registered; add the `audience` of
   * any role that uses a different one.
   * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
   * @default none
   */
  readonly clientIds?: string[];
  /**
   * Server-certificate thumbprints (at most 5). IAM no longer needs them for EKS issuers: it verifies the
   * issuer's certificate with its own library of trusted root CAs and uses thumbprints only for
   * certificates those CAs did not sign.
   * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
   * @default none (not sent)
   */
  readonly thumbprints?: string[];
  /**
   * Tags on the OIDC provider.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html
   * @default no tags
   */
  readonly tags?: Record<string, string>;
  /**
   * The AWS provider for the OIDC provider (and the cluster lookup), when the stack has several.
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

/** Checks the props and returns the issuer URL's warnings; throws one IrsaValidationError on bad input. */
function validate(path: string, props: EksOidcProviderProps): string[] {
  const fail = (property: string, message: string): never => {
    throw new IrsaValidationError(path, property, message);
  };
  const invalid = (property: string, value: unknown, allowed: string): never =>
    fail(property, `${property} ${show(value)} is invalid: it must be ${allowed}.`);
  if (typeof props !== 'object' || props === null) invalid('props', props, 'an object');
  checkKnownKeys(path, props, KNOWN_KEYS.eksOidcProvider);
  const warnings: string[] = [];
  if ((props.issuerUrl === undefined) === (props.clusterName === undefined)) {
    fail(
      'issuerUrl',
      `issuerUrl and clusterName: exactly one must be given (the cluster's issuer URL, or its name to read the issuer from), not ${props.issuerUrl === undefined ? 'neither' : 'both'}.`,
    );
  }
  const url = props.issuerUrl;
  if (url !== undefined && !Token.isUnresolved(url)) {
    const problem = issuerUrlProblem(url);
    if (problem !== undefined) invalid('issuerUrl', url, problem);
    const verdict = eksIssuerVerdict(url);
    if (verdict.error !== undefined)
      fail('issuerUrl', sentence(`issuerUrl ${show(url)} is invalid: it must be ${verdict.error}`));
    if (verdict.warning !== undefined) {
      warnings.push(`issuerUrl ${show(url)} ${verdict.warning}; the provider is created as given.`);
    }
  }
  const name = props.clusterName;
  if (
    name !== undefined &&
    !Token.isUnresolved(name) &&
    (typeof name !== 'string' || !matchesRule(RULES.eksClusterName, name))
  ) {
    invalid('clusterName', name, RULES.eksClusterName.allowed);
  }
  checkList(
    'clientIds',
    props.clientIds,
    RULES.oidcClientId.allowed,
    QUOTAS.oidcClientIdsMax - 1,
    (id) => matchesRule(RULES.oidcClientId, id),
    invalid,
  );
  if (Array.isArray(props.clientIds) && props.clientIds.includes(DEFAULT_AUDIENCE)) {
    invalid(
      'clientIds',
      DEFAULT_AUDIENCE,
      `a list without "${DEFAULT_AUDIENCE}", which is always registered`,
    );
  }
  checkList(
    'thumbprints',
    props.thumbprints,
    RULES.oidcThumbprint.allowed,
    QUOTAS.oidcThumbprintsMax,
    (t) => matchesRule(RULES.oidcThumbprint, t),
    invalid,
  );
  if (props.tags !== undefined && !Token.isUnresolved(props.tags)) {
    const keys = Object.keys(props.tags);
    if (keys.length > QUOTAS.tagsMax)
      invalid('tags', `${keys.length} tags`, `at most ${QUOTAS.tagsMax} tags`);
    for (const key of keys) {
      if (!matchesRule(RULES.tagKey, key) || key.toLowerCase().startsWith('aws:'))
        invalid('tags key', key, RULES.tagKey.allowed);
      const value = props.tags[key];
      if (!Token.isUnresolved(value) && (typeof value !== 'string' || !matchesRule(RULES.tagValue, value))) {
        invalid(`tags[${show(key)}]`, value, RULES.tagValue.allowed);
      }
    }
  }
  return warnings;
}

function checkList(
  property: string,
  list: string[] | undefined,
  allowed: string,
  max: number,
  valid: (item: string) => boolean,
  invalid: (property: string, value: unknown, allowed: string) => never,
): void {
  if (list === undefined || Token.isUnresolved(list)) return;
  if (!Array.isArray(list)) invalid(property, list, `a list of strings, each ${allowed}`);
  if (list.length > max)
    invalid(property, `${list.length} entries`, `at most ${max} entries (the IAM quota)`);
  list.forEach((item, i) => {
    if (!Token.isUnresolved(item) && (typeof item !== 'string' || !valid(item)))
      invalid(`${property}[${i}]`, item, allowed);
  });
  const seen = new Set<string>();
  for (const item of list) {
    if (seen.has(item)) invalid(property, item, 'a list without duplicates (this one is listed twice)');
    seen.add(item);
  }
}

/**
 * What `eksctl utils associate-iam-oidc-provider` does: the cluster's IAM OIDC provider
 * (`aws_iam_openid_connect_provider`), for `sts.amazonaws.com` and any extra audiences. `.oidcProvider`
 * plugs it into `IrsaRole` and `IamServiceAccount`; their trust policies then name its ARN, so Terraform
 * creates the provider before the roles.
 */
export class EksOidcProvider extends Construct {
  /** The `aws_iam_openid_connect_provider` resource. */
  readonly resource: IamOpenidConnectProvider;
  /** The provider, for `IrsaRole` `trust` entries and `IamServiceAccount` `oidcProvider`. */
  readonly oidcProvider: OidcProvider;
  /** The provider's ARN. */
  readonly arn: string;
  /** The issuer URL (with `https://`). */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string, props: EksOidcProviderProps) {
    const warnings = validate(childPath(scope, id), props);
    super(scope, id);
    for (const warning of warnings) Annotations.of(this).addWarning(warning);

    let url: string;
    let issuer: string;
    let partition: string | undefined;
    if (props.issuerUrl !== undefined && !Token.isUnresolved(props.issuerUrl)) {
      url = withScheme(props.issuerUrl);
      issuer = issuerHostPath(url);
      partition = issuerPartition(url);
    } else {
      const token =
        props.issuerUrl ??
        clusterLookup()
          .lookUpCluster(this, 'cluster', props.clusterName as string, props.awsProvider)
          .cluster.identity.get(0)
          .oidc.get(0).issuer;
      issuer = Token.asString(Fn.replace(token, 'https://', ''));
      url = Token.asString(Fn.join('', ['https://', issuer]));
    }
    this.issuerUrl = url;
    const IamOpenidConnectProvider = openidConnectProviderClass();
    this.resource = new IamOpenidConnectProvider(this, 'provider', {
      url,
      clientIdList: [DEFAULT_AUDIENCE, ...(props.clientIds ?? [])],
      thumbprintList: props.thumbprints,
      tags: props.tags === undefined ? undefined : sortedRecord(props.tags),
      provider: props.awsProvider,
    });
    this.arn = this.resource.arn;
    const arnPart = (i: number) => Token.asString(Fn.element(Fn.split(':', this.arn), i));
    this.oidcProvider = oidcProviderFromParts(this.arn, issuer, partition ?? arnPart(1), arnPart(4));
  }
}
