/**
 * Validation rules as data, so the constructs and the generated Terraform modules (whose `validation`
 * blocks are rendered from this table) enforce the same rules with the same words.
 *
 * Every pattern is anchored and written in the syntax RE2 (Terraform's `regex()`) and JavaScript share.
 */

/** AWS partitions an IAM ARN may name. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html */
export const PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
];
const PARTITION = `(${PARTITIONS.join('|')})`;

export interface StringRule {
  /** RE2/JavaScript-compatible, anchored. */
  readonly pattern: string;
  /** JavaScript flags the pattern needs (`u` for `\p{…}` classes; RE2 needs none). */
  readonly flags?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Completes the sentence "… is invalid: it must be …". */
  readonly allowed: string;
  /** Where AWS or Kubernetes documents the rule. */
  readonly docs: string;
}

export interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly allowed: string;
  readonly docs: string;
}

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

/**
 * The parts of an EKS cluster's issuer, `oidc.eks.<region>.amazonaws.com[.cn]/id/<cluster ID>` (without
 * `https://`): the one issuer rule of the constructs (eksIssuerVerdict), the modules' validations and checks,
 * and the CLI. An issuer starting with `prefix` looks like an EKS one and must match `hostPath`; any other is
 * not EKS's (trusted as given, with a warning). The ID is 32 hexadecimal digits; 32 letters and digits pass
 * too, for the AWS documentation's placeholder `EXAMPLED539D4633E53DE1B71EXAMPLE`.
 */
const EKS_REGION = '[a-z]{2,4}(-[a-z]+)+-[0-9]+';
const EKS_CLUSTER_ID = '[0-9A-Za-z]{32}';
export const EKS_ISSUER = {
  prefix: 'oidc.eks.',
  region: EKS_REGION,
  id: EKS_CLUSTER_ID,
  hostPath: `oidc\\.eks\\.${EKS_REGION}\\.amazonaws\\.com(\\.cn)?/id/${EKS_CLUSTER_ID}`,
} as const;
const K8S_NAMES = 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/';
const IAM_QUOTAS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html';
const IAM_ARNS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html';
const QUALIFIED_NAME = '[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
/** An OIDC issuer without its scheme: host, optional port, then non-empty path segments. */
const ISSUER_HOST_AND_PATH =
  '[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?(:[0-9]+)?(/[\\x21-\\x2E\\x30-\\x7E]+)*';

export const RULES = {
  namespace: {
    pattern: `^${DNS_LABEL}$`,
    maxLength: 63,
    allowed:
      'a DNS-1123 label: 1 to 63 lowercase letters, digits or "-", starting and ending with a letter or digit',
    docs: `${K8S_NAMES}#dns-label-names`,
  },
  serviceAccountName: {
    pattern: `^${DNS_LABEL}(\\.${DNS_LABEL})*$`,
    maxLength: 253,
    allowed:
      'a DNS-1123 subdomain: 1 to 253 lowercase letters, digits, "-" or ".", each dot-separated part starting and ending with a letter or digit',
    docs: `${K8S_NAMES}#dns-subdomain-names`,
  },
  wildcardNamespace: {
    pattern: '^[-a-z0-9*?]+$',
    maxLength: 63,
    allowed: 'a namespace pattern of lowercase letters, digits, "-", and the wildcards "*" and "?"',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String',
  },
  wildcardServiceAccountName: {
    pattern: '^[-a-z0-9.*?]+$',
    maxLength: 253,
    allowed:
      'a service-account name pattern of lowercase letters, digits, "-", ".", and the wildcards "*" and "?"',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String',
  },
  roleName: {
    pattern: '^[\\w+=,.@-]+$',
    minLength: 1,
    maxLength: 64,
    allowed: '1 to 64 letters, digits or any of + = , . @ _ -',
    docs: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
  },
  roleNamePrefix: {
    pattern: '^[\\w+=,.@-]+$',
    minLength: 1,
    maxLength: 38,
    allowed: '1 to 38 letters, digits or any of + = , . @ _ - (Terraform appends a 26-character suffix)',
    docs: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role#name_prefix',
  },
  policyName: {
    pattern: '^[\\w+=,.@-]+$',
    minLength: 1,
    maxLength: 128,
    allowed: '1 to 128 letters, digits or any of + = , . @ _ -',
    docs: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html',
  },
  rolePath: {
    pattern: '^/([\\x21-\\x7E]+/)?$',
    maxLength: 512,
    allowed: '"/" or a path that starts and ends with "/", of printable ASCII characters, at most 512 long',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names',
  },
  description: {
    pattern: '^[\\t\\n\\r\\x20-\\x7E\\xA1-\\xFF]*$',
    maxLength: 1000,
    allowed: 'at most 1,000 characters of printable Latin-1 text',
    docs: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
  },
  policyArn: {
    pattern: `^arn:${PARTITION}:iam::(aws|[0-9]{12}):policy/[\\x21-\\x7E]+$`,
    maxLength: 2048,
    allowed: 'an IAM policy ARN: arn:<partition>:iam::<"aws" or a 12-digit account>:policy/<path and name>',
    docs: IAM_ARNS,
  },
  roleArn: {
    pattern: `^arn:${PARTITION}:iam::[0-9]{12}:role/[\\x21-\\x7E]+$`,
    maxLength: 2048,
    allowed: 'an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<path and name>',
    docs: IAM_ARNS,
  },
  oidcProviderArn: {
    // The issuer part is a host (optionally a port) and path segments: no scheme, no empty segment, no
    // trailing "/". Conditions are keyed on it (<issuer>:sub), so "https://…" or "…/" would never match.
    pattern: `^arn:${PARTITION}:iam::[0-9]{12}:oidc-provider/${ISSUER_HOST_AND_PATH}$`,
    maxLength: 2048,
    allowed:
      'an IAM OIDC provider ARN: arn:<partition>:iam::<12-digit account>:oidc-provider/<issuer host and path, without "https://" or a trailing "/">',
    docs: 'https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html',
  },
  hostedZoneId: {
    pattern: '^[A-Z0-9]{1,32}$',
    allowed:
      'a Route 53 hosted-zone ID: 1 to 32 uppercase letters and digits, without the "/hostedzone/" prefix',
    docs: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html',
  },
  eksClusterName: {
    pattern: '^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$',
    allowed: 'an EKS cluster name: 1 to 100 letters, digits, "-" or "_", starting with a letter or digit',
    docs: 'https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html',
  },
  audience: {
    pattern: '^[\\x21-\\x7E]+$',
    maxLength: 255,
    allowed: '1 to 255 printable ASCII characters without spaces',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif',
  },
  tagKey: {
    pattern: '^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$',
    flags: 'u',
    maxLength: 128,
    allowed: '1 to 128 letters, digits, spaces or any of _ . : / = + - @, not starting with "aws:"',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating',
  },
  tagValue: {
    pattern: '^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$',
    flags: 'u',
    maxLength: 256,
    allowed: 'at most 256 letters, digits, spaces or any of _ . : / = + - @',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating',
  },
  metadataKey: {
    pattern: `^(${DNS_LABEL}(\\.${DNS_LABEL})*/)?${QUALIFIED_NAME}$`,
    maxLength: 317,
    allowed:
      'a qualified name: an optional DNS-subdomain prefix of at most 253 characters and "/", then 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    docs: `${K8S_NAMES.replace('names/', 'labels/')}#syntax-and-character-set`,
  },
  oidcIssuerUrl: {
    pattern: `^https://${DNS_LABEL}(\\.${DNS_LABEL})+(/[-A-Za-z0-9._~%!$&'()*+,;=:@]+)*$`,
    maxLength: 263,
    allowed:
      'an OIDC issuer URL: "https://", a lowercase host name, then an optional path without a trailing "/", query or fragment (at most 255 characters after "https://")',
    docs: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html',
  },
  eksIssuerUrl: {
    pattern: `^https://${EKS_ISSUER.hostPath}$`,
    allowed: 'an EKS issuer URL: https://oidc.eks.<region>.amazonaws.com/id/<32 hexadecimal digits>',
    docs: 'https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html',
  },
  oidcThumbprint: {
    pattern: '^[0-9A-Fa-f]{40}$',
    allowed: 'a certificate thumbprint: 40 hexadecimal digits (a SHA-1 hash)',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc-verify-thumbprint.html',
  },
  oidcClientId: {
    pattern: '^[\\x21-\\x7E]+$',
    maxLength: 255,
    allowed: '1 to 255 printable ASCII characters without spaces',
    docs: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html',
  },
  labelValue: {
    pattern: `^(${QUALIFIED_NAME})?$`,
    maxLength: 63,
    allowed: 'empty, or 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    docs: `${K8S_NAMES.replace('names/', 'labels/')}#syntax-and-character-set`,
  },
} satisfies Record<string, StringRule>;

export const NUMBER_RULES = {
  maxSessionDuration: {
    min: 3600,
    max: 43200,
    allowed: 'a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)',
    docs: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
  },
  trustPolicyMaxLength: {
    min: 1,
    max: 8192,
    allowed: 'a whole number from 1 to 8192 (the highest trust-policy length quota AWS grants)',
    docs: IAM_QUOTAS,
  },
} satisfies Record<string, NumberRule>;

/** Quotas the constructs check. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
export const QUOTAS = {
  /** Managed policies attached to a role: 10 by default, raisable to 20. */
  attachedPoliciesDefault: 10,
  attachedPoliciesMax: 20,
  /** Tags on an IAM role. */
  tagsMax: 50,
  /** Aggregate inline-policy length of a role. */
  inlinePolicyMaxLength: 10240,
  /** Length of one customer-managed policy document. */
  managedPolicyMaxLength: 6144,
  /** Client IDs (audiences) of one IAM OIDC provider. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html */
  oidcClientIdsMax: 100,
  /** Server-certificate thumbprints of one IAM OIDC provider. */
  oidcThumbprintsMax: 5,
  /** Length of a Kubernetes metadata-key prefix (a DNS subdomain). */
  metadataKeyPrefixMax: 253,
} as const;

const compiled = new Map<StringRule, RegExp>();

/** True when `value` satisfies `rule`'s length and pattern. */
export function matchesRule(rule: StringRule, value: string): boolean {
  if (rule.minLength !== undefined && value.length < rule.minLength) return false;
  if (rule.maxLength !== undefined && value.length > rule.maxLength) return false;
  let re = compiled.get(rule);
  if (!re) {
    re = new RegExp(rule.pattern, rule.flags);
    compiled.set(rule, re);
  }
  return re.test(value);
}

/**
 * Values that are plainly not an IAM OIDC provider ARN, recognised by their start alone, so that the
 * generated modules can reject them at plan time even when the rest of the value is known only after apply
 * (Terraform knows the fixed prefix of a template such as "https://${...}").
 */
export const OIDC_PROVIDER_ARN_MISTAKES: readonly {
  readonly prefixes: readonly string[];
  readonly shown: string;
  readonly why: string;
}[] = [
  {
    prefixes: ['https://', 'http://'],
    shown: '"https://…"',
    why: "that is the cluster's issuer URL; pass the ARN of its IAM OIDC provider (aws_iam_openid_connect_provider.<name>.arn)",
  },
  {
    prefixes: PARTITIONS.map((p) => `arn:${p}:eks:`),
    shown: '"arn:<partition>:eks:…"',
    why: "that is an EKS cluster ARN; pass the ARN of the cluster's IAM OIDC provider (aws_iam_openid_connect_provider.<name>.arn)",
  },
];

/**
 * The warning for a trust subject whose namespace or name is exactly "*", in the constructs' words; the
 * generated modules' `check` block renders the same sentence from these parts.
 */
export const WILDCARD_SUBJECT_WARNING = {
  everyNamespace: 'named that in every namespace',
  inNamespace: 'in namespace ',
  wholeCluster: ' (the whole cluster)',
  consequence: ': any workload that can run there can assume the role.',
} as const;

/** `<property> "<subject>" admits every service account …: any workload that can run there can assume the role.` */
export function wildcardSubjectWarning(
  property: string,
  subject: string,
  namespace: string,
  name: string,
): string {
  const w = WILDCARD_SUBJECT_WARNING;
  const scope = namespace === '*' ? w.everyNamespace : `${w.inNamespace}${namespace}`;
  const cluster = namespace === '*' && name === '*' ? w.wholeCluster : '';
  return `${property} "${subject}" admits every service account ${scope}${cluster}${w.consequence}`;
}
