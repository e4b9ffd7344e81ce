/**
 * The one place IRSA trust policies are built. Pure: no CDKTF, no I/O, same input → same JSON.
 *
 * IAM semantics this relies on (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html):
 * - condition operators and keys in one statement are ANDed, the values of one key are ORed;
 * - statements are ORed;
 * - `StringEquals` compares `*` and `?` literally, only `StringLike` treats them as wildcards.
 * So each OIDC provider gets its own statement (keys of two issuers ANDed in one statement could never
 * both match), and exact and wildcard subjects of one provider get separate statements (a `StringEquals`
 * and a `StringLike` on the same `:sub` key in one statement would have to match at once).
 */
import { PolicyDocument, PolicyStatement } from './document';
import { IrsaValidationError } from '../validation/error';
import { DEFAULT_AUDIENCE, SERVICE_ACCOUNT_SUBJECT_PREFIX, hasWildcard } from './subjects';

export const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';

/** The default IAM quota on a role trust policy's length (can be raised to 8,192 by AWS Support). */
export const DEFAULT_TRUST_POLICY_MAX_LENGTH = 2048;

export interface TrustedProvider {
  /** ARN of the cluster's IAM OIDC provider (may be a Terraform token). */
  readonly providerArn: string;
  /** The issuer without `https://`: the prefix of the `:sub` and `:aud` condition keys (may be a token). */
  readonly issuer: string;
  /** Service accounts as `"namespace:name"`; `*`/`?` are wildcards when `allowWildcardSubjects` is set. */
  readonly serviceAccounts: readonly string[];
}

export interface TrustPolicyInput {
  readonly trust: readonly TrustedProvider[];
  /** The token audience the role accepts. @default "sts.amazonaws.com" */
  readonly audience?: string;
  /** Allow `*`/`?` in service accounts, matched with `StringLike`. @default false */
  readonly allowWildcardSubjects?: boolean;
}

/**
 * Builds the trust policy that lets exactly the listed service accounts, through exactly the listed OIDC
 * providers, assume a role with `sts:AssumeRoleWithWebIdentity`.
 *
 * Throws on input that would make a wrong policy (the constructs validate first, with friendlier errors).
 */
/** Input that would make a wrong policy; the constructs check first, with friendlier messages. */
function invalid(property: string, message: string): IrsaValidationError {
  return new IrsaValidationError('buildTrustPolicy', property, message);
}

export function buildTrustPolicy(input: TrustPolicyInput): PolicyDocument {
  const audience = input.audience ?? DEFAULT_AUDIENCE;
  if (audience === '') throw invalid('audience', 'audience must not be empty');
  if (input.trust.length === 0) throw invalid('trust', 'trust needs at least one OIDC provider');

  const seenProviders = new Set<string>();
  const statements: PolicyStatement[] = [];
  for (const provider of input.trust) {
    if (seenProviders.has(provider.providerArn)) {
      throw invalid(
        'trust',
        `OIDC provider ${provider.providerArn} is listed twice; list all its service accounts in one entry`,
      );
    }
    seenProviders.add(provider.providerArn);
    if (provider.serviceAccounts.length === 0) {
      throw invalid('trust', `OIDC provider ${provider.providerArn} has no service accounts`);
    }

    const exact = new Set<string>();
    const patterns = new Set<string>();
    for (const serviceAccount of provider.serviceAccounts) {
      if (serviceAccount === '') throw invalid('trust', 'a service account is empty');
      const target = hasWildcard(serviceAccount) ? patterns : exact;
      if (target === patterns && !input.allowWildcardSubjects) {
        throw invalid(
          'trust',
          `service account "${serviceAccount}" has a wildcard but allowWildcardSubjects is not set`,
        );
      }
      if (target.has(serviceAccount)) {
        throw invalid('trust', `service account "${serviceAccount}" is listed twice`);
      }
      target.add(serviceAccount);
    }

    const audKey = `${provider.issuer}:aud`;
    const subKey = `${provider.issuer}:sub`;
    if (exact.size > 0) {
      statements.push(
        webIdentityStatement(provider.providerArn, {
          StringEquals: { [audKey]: audience, [subKey]: subjectValues(exact) },
        }),
      );
    }
    if (patterns.size > 0) {
      statements.push(
        webIdentityStatement(provider.providerArn, {
          StringEquals: { [audKey]: audience },
          StringLike: { [subKey]: subjectValues(patterns) },
        }),
      );
    }
  }
  return { Version: '2012-10-17', Statement: statements };
}

function webIdentityStatement(providerArn: string, condition: PolicyStatement['Condition']): PolicyStatement {
  return {
    Effect: 'Allow',
    Principal: { Federated: providerArn },
    Action: WEB_IDENTITY_ACTION,
    Condition: condition,
  };
}

/** One subject as a string, several as a sorted list: minimal and order-independent. */
function subjectValues(serviceAccounts: Set<string>): string | string[] {
  const subjects = [...serviceAccounts].sort().map((sa) => `${SERVICE_ACCOUNT_SUBJECT_PREFIX}${sa}`);
  return subjects.length === 1 ? subjects[0] : subjects;
}
