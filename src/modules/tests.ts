/**
 * Native `terraform test` files for the role module (`command = plan`, the real AWS provider configured
 * to run offline). The expected trust policies are computed by buildTrustPolicy itself, so the tests
 * prove that the HCL builds what the constructs build.
 */
import { DEFAULT_INLINE_POLICY_NAME } from '../constructs/role-resources';
import { buildTrustPolicy } from '../policy/trust-policy';
import { OIDC_PROVIDER_ARN_MISTAKES, RULES } from '../validation/rules';
import { HclLiteral, quote, render } from './hcl';
import { header } from './files';

const ARN_A = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const ARN_B = 'arn:aws-cn:iam::444455556666:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/5EC0ND00000000000000000000000000';

export interface ModuleTrustCase {
  readonly name: string;
  readonly oidcProviders: Record<string, { provider_arn: string; namespace_service_accounts: string[] }>;
  readonly allowWildcardSubjects?: boolean;
  readonly audience?: string;
}

/** Input sets whose trust policies the terraform tests check against buildTrustPolicy. */
export const MODULE_TRUST_CASES: readonly ModuleTrustCase[] = [
  {
    name: 'one_subject_is_a_string',
    oidcProviders: { main: { provider_arn: ARN_A, namespace_service_accounts: ['default:app'] } },
  },
  {
    name: 'subjects_are_sorted',
    oidcProviders: {
      main: { provider_arn: ARN_A, namespace_service_accounts: ['kube-system:b', 'apps:z', 'apps:a'] },
    },
  },
  {
    name: 'one_statement_per_cluster_in_key_order',
    oidcProviders: {
      b_second: { provider_arn: ARN_B, namespace_service_accounts: ['apps:api'] },
      a_first: { provider_arn: ARN_A, namespace_service_accounts: ['apps:api', 'apps:worker'] },
    },
    audience: 'sts.amazonaws.com.cn',
  },
  {
    name: 'exact_and_wildcard_subjects_of_one_cluster_are_separate_statements',
    allowWildcardSubjects: true,
    oidcProviders: {
      main: {
        provider_arn: ARN_A,
        namespace_service_accounts: ['preview-*:api', 'apps:api', 'batch:job-?', 'apps:web'],
      },
      other: { provider_arn: ARN_B, namespace_service_accounts: ['*:reader'] },
    },
  },
];

/** The trust policy buildTrustPolicy builds for a case (providers in key order, as the module orders them). */
export function expectedTrustPolicy(c: ModuleTrustCase) {
  return buildTrustPolicy({
    trust: Object.keys(c.oidcProviders)
      .sort()
      .map((key) => {
        const p = c.oidcProviders[key];
        return {
          providerArn: p.provider_arn,
          issuer: p.provider_arn.slice(p.provider_arn.indexOf('oidc-provider/') + 'oidc-provider/'.length),
          serviceAccounts: p.namespace_service_accounts,
        };
      }),
    audience: c.audience,
    allowWildcardSubjects: c.allowWildcardSubjects,
  });
}

function caseVariables(c: ModuleTrustCase): Record<string, HclLiteral> {
  const vars: Record<string, HclLiteral> = { oidc_providers: c.oidcProviders };
  if (c.allowWildcardSubjects !== undefined) vars.allow_wildcard_subjects = c.allowWildcardSubjects;
  if (c.audience !== undefined) vars.audience = c.audience;
  return vars;
}

function variablesBlock(vars: Record<string, HclLiteral>): string {
  return `variables {\n${Object.entries(vars)
    .map(([k, v]) => `${k} = ${render(v)}`)
    .join('\n')}\n}`;
}

const PROVIDER = `# The real AWS provider, configured so that plan needs no account and no network.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "offline-test"
  secret_key                  = "offline-test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}`;

const DEFAULT_PROVIDERS = {
  main: { provider_arn: ARN_A, namespace_service_accounts: ['default:app'] },
};

export interface ValidationCase {
  readonly name: string;
  readonly variables: Record<string, HclLiteral>;
  /** What fails: `var.<name>` or a resource/check address. */
  readonly fails: string;
  /** The error message Terraform must print (checked by the jest tests, which run these cases too). */
  readonly message: string;
}

const ALLOWED_ROLE_NAME = '1 to 64 letters, digits or any of + = , . @ _ -';
const ALLOWED_PROVIDER_ARN = RULES.oidcProviderArn.allowed;
const ARN_PREFIX = 'arn:aws:iam::111122223333:oidc-provider/';
const ISSUER_A = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
/** The inline policy name the cases use (the constructs' default name). */
const INLINE = DEFAULT_INLINE_POLICY_NAME;

/** Bad inputs and the messages they must produce; rendered into validation.tftest.hcl. */
export const MODULE_VALIDATION_CASES: readonly ValidationCase[] = [
  {
    name: 'role_name_pattern',
    variables: { role_name: 'a b' },
    fails: 'var.role_name',
    message: `role_name "a b" is invalid: it must be ${ALLOWED_ROLE_NAME}.`,
  },
  {
    name: 'role_name_with_prefix',
    variables: { role_name: 'a', role_name_prefix: 'b' },
    fails: 'var.role_name',
    message:
      'role_name_prefix cannot be combined with role_name: a role has either a fixed name or a generated one with a prefix.',
  },
  {
    name: 'wildcard_without_allow_wildcard_subjects',
    variables: { oidc_providers: { main: { provider_arn: ARN_A, namespace_service_accounts: ['apps:*'] } } },
    fails: 'var.oidc_providers',
    message:
      'oidc_providers["main"].namespace_service_accounts[0] "apps:*" is invalid: it must be an exact "namespace:name" (it has a wildcard "*" or "?"; set allow_wildcard_subjects to match with StringLike).',
  },
  {
    name: 'eks_issuer_malformed_region',
    variables: {
      oidc_providers: {
        main: {
          provider_arn: `${ARN_PREFIX}oidc.eks.eu-west1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`,
          namespace_service_accounts: ['apps:a'],
        },
      },
    },
    fails: 'var.oidc_providers',
    message: `oidc_providers["main"].provider_arn "${ARN_PREFIX}oidc.eks.eu-west1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF" is invalid: the part after "oidc-provider/" is the issuer without "https://", and it must be ${RULES.eksIssuerUrl.allowed}: "eu-west1" is not a Region code; did you mean "eu-west-1"?`,
  },
  {
    name: 'eks_issuer_short_id',
    variables: {
      oidc_providers: {
        main: { provider_arn: `${ARN_PREFIX}oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`, namespace_service_accounts: ['apps:a'] },
      },
    },
    fails: 'var.oidc_providers',
    message: `oidc_providers["main"].provider_arn "${ARN_PREFIX}oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE" is invalid: the part after "oidc-provider/" is the issuer without "https://", and it must be ${RULES.eksIssuerUrl.allowed}: the cluster ID "EXAMPLE" has 7 characters, not 32 hexadecimal digits.`,
  },
  {
    name: 'duplicate_subject',
    variables: {
      oidc_providers: { main: { provider_arn: ARN_A, namespace_service_accounts: ['apps:a', 'apps:a'] } },
    },
    fails: 'var.oidc_providers',
    message:
      'oidc_providers["main"].namespace_service_accounts "apps:a" is invalid: it must be a list without duplicates (this one is listed twice).',
  },
  {
    name: 'duplicate_provider',
    variables: {
      oidc_providers: {
        a: { provider_arn: ARN_A, namespace_service_accounts: ['apps:a'] },
        b: { provider_arn: ARN_A, namespace_service_accounts: ['apps:b'] },
      },
    },
    fails: 'var.oidc_providers',
    message: `oidc_providers "${ARN_A}" is invalid: it must be one entry per OIDC provider (this provider is listed twice; put all its service accounts in one entry).`,
  },
  {
    name: 'subject_without_colon',
    variables: { oidc_providers: { main: { provider_arn: ARN_A, namespace_service_accounts: ['app'] } } },
    fails: 'var.oidc_providers',
    message:
      'oidc_providers["main"].namespace_service_accounts[0] "app" is invalid: it must be a "namespace:name" string with exactly one ":".',
  },
  {
    name: 'namespace_pattern',
    variables: { oidc_providers: { main: { provider_arn: ARN_A, namespace_service_accounts: ['Apps:app'] } } },
    fails: 'var.oidc_providers',
    message:
      'oidc_providers["main"].namespace_service_accounts[0] namespace "Apps" is invalid: it must be a DNS-1123 label: 1 to 63 lowercase letters, digits or "-", starting and ending with a letter or digit.',
  },
  {
    name: 'provider_arn_pattern',
    variables: {
      oidc_providers: { main: { provider_arn: 'arn:aws:iam::1:role/x', namespace_service_accounts: ['a:b'] } },
    },
    fails: 'var.oidc_providers',
    message: `oidc_providers["main"].provider_arn "arn:aws:iam::1:role/x" is invalid: it must be ${ALLOWED_PROVIDER_ARN}.`,
  },
  {
    name: 'provider_arn_issuer_with_scheme',
    variables: {
      oidc_providers: {
        main: { provider_arn: `${ARN_PREFIX}https://${ISSUER_A}`, namespace_service_accounts: ['a:b'] },
      },
    },
    fails: 'var.oidc_providers',
    message: `oidc_providers["main"].provider_arn "${ARN_PREFIX}https://${ISSUER_A}" is invalid: it must be ${ALLOWED_PROVIDER_ARN}.`,
  },
  {
    name: 'provider_arn_issuer_with_trailing_slash',
    variables: {
      oidc_providers: { main: { provider_arn: `${ARN_A}/`, namespace_service_accounts: ['a:b'] } },
    },
    fails: 'var.oidc_providers',
    message: `oidc_providers["main"].provider_arn "${ARN_A}/" is invalid: it must be ${ALLOWED_PROVIDER_ARN}.`,
  },
  {
    name: 'provider_arn_is_an_issuer_url',
    variables: {
      oidc_providers: { main: { provider_arn: `https://${ISSUER_A}`, namespace_service_accounts: ['a:b'] } },
    },
    fails: 'var.oidc_providers',
    message: `oidc_providers provider_arn "https://…" is invalid: it must be ${ALLOWED_PROVIDER_ARN}; ${OIDC_PROVIDER_ARN_MISTAKES[0].why}.`,
  },
  {
    name: 'provider_arn_null',
    variables: { oidc_providers: { main: { provider_arn: null, namespace_service_accounts: ['a:b'] } } },
    fails: 'var.oidc_providers',
    message: `oidc_providers["main"].provider_arn null is invalid: it must be ${ALLOWED_PROVIDER_ARN}.`,
  },
  {
    name: 'oidc_providers_null',
    variables: { oidc_providers: null },
    fails: 'var.oidc_providers',
    message:
      'oidc_providers null is invalid: it must be a non-empty map of { provider_arn, namespace_service_accounts } entries.',
  },
  {
    // terraform-aws-modules users give the audience per provider; an object type would drop it silently.
    name: 'oidc_providers_unknown_attribute',
    variables: {
      oidc_providers: {
        main: { provider_arn: `${ARN_PREFIX}${ISSUER_A}`, namespace_service_accounts: ['default:app'], audience: 'my-aud' },
      },
    },
    fails: 'var.oidc_providers',
    message:
      'oidc_providers["main"].audience is not an attribute of oidc_providers entries (the audience input sets the audience of every provider): the attributes are provider_arn, namespace_service_accounts.',
  },
  {
    name: 'oidc_providers_attribute_type',
    variables: {
      oidc_providers: { main: { provider_arn: `${ARN_PREFIX}${ISSUER_A}`, namespace_service_accounts: 'default:app' } },
    },
    fails: 'var.oidc_providers',
    message: 'oidc_providers["main"].namespace_service_accounts "default:app" is invalid: it must be a list of strings.',
  },
  {
    name: 'no_providers',
    variables: { oidc_providers: {} },
    fails: 'var.oidc_providers',
    message:
      'oidc_providers {} is invalid: it must be a non-empty map of { provider_arn, namespace_service_accounts } entries.',
  },
  {
    name: 'max_session_duration_range',
    variables: { max_session_duration: 60 },
    fails: 'var.max_session_duration',
    message:
      'max_session_duration 60 is invalid: it must be a whole number of seconds from 3600 (1 hour) to 43200 (12 hours).',
  },
  {
    name: 'policy_arn_pattern',
    variables: { policy_arns: { bad: 'ReadOnlyAccess' } },
    fails: 'var.policy_arns',
    message:
      'policy_arns["bad"] "ReadOnlyAccess" is invalid: it must be an IAM policy ARN: arn:<partition>:iam::<"aws" or a 12-digit account>:policy/<path and name>.',
  },
  {
    name: 'duplicate_policy_arn',
    variables: {
      policy_arns: { a: 'arn:aws:iam::aws:policy/ReadOnlyAccess', b: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    },
    fails: 'var.policy_arns',
    message:
      'policy_arns "arn:aws:iam::aws:policy/ReadOnlyAccess" is invalid: it must be a list without duplicates (this ARN is listed twice).',
  },
  {
    name: 'reserved_tag_key',
    variables: { tags: { 'aws:owner': 'me' } },
    fails: 'var.tags',
    message:
      'tags key "aws:owner" is invalid: it must be 1 to 128 letters, digits, spaces or any of _ . : / = + - @, not starting with "aws:".',
  },
  {
    name: 'inline_policy_not_json',
    variables: { inline_policies: { [INLINE]: 'not json' } },
    fails: 'var.inline_policies',
    message: `inline_policies["${INLINE}"] "not json" is invalid: it must be an IAM policy document as JSON text (this is not valid JSON).`,
  },
  {
    name: 'inline_policy_name_pattern',
    variables: {
      inline_policies: {
        'a b': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      },
    },
    fails: 'var.inline_policies',
    message:
      'inline_policies key "a b" is invalid: it must be 1 to 128 letters, digits or any of + = , . @ _ -.',
  },
  {
    name: 'inline_policy_with_principal',
    variables: {
      inline_policies: { [INLINE]: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
      }) },
    },
    fails: 'var.inline_policies',
    message:
      `inline_policies["${INLINE}"].Statement[0].Principal "*" is invalid: it must be absent: a permissions policy applies to the role itself (who may assume it is the trust policy).`,
  },
  {
    name: 'inline_policy_effect',
    variables: {
      inline_policies: { [INLINE]: JSON.stringify({
        Version: '2012-10-17',
        Statement: { Effect: 'Permit', Action: 's3:GetObject', Resource: '*' },
      }) },
    },
    fails: 'var.inline_policies',
    message: `inline_policies["${INLINE}"].Statement[0].Effect "Permit" is invalid: it must be "Allow" or "Deny".`,
  },
  {
    name: 'inline_policy_action_syntax',
    variables: {
      inline_policies: { [INLINE]: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          { Effect: 'Allow', Action: ['s3:PutObject', 's3 delete'], Resource: '*' },
        ],
      }) },
    },
    fails: 'var.inline_policies',
    message:
      `inline_policies["${INLINE}"].Statement[1].Action "s3 delete" is invalid: it must be "*" or "service:Action" (wildcards allowed).`,
  },
  {
    name: 'inline_policy_without_resource',
    variables: {
      inline_policies: { [INLINE]: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*' }] }) },
    },
    fails: 'var.inline_policies',
    message:
      `inline_policies["${INLINE}"].Statement[0].Resource null is invalid: it must be given, or NotResource given instead (exactly one of the two; identity policies need one).`,
  },
  {
    name: 'trust_policy_over_quota',
    variables: { trust_policy_max_length: 100 },
    fails: 'aws_iam_role.this',
    message: `the trust policy is ${trustLength(DEFAULT_PROVIDERS)} characters long (without white space), over the account's quota of 100: trust fewer service accounts or clusters per role, use wildcards with allow_wildcard_subjects, or ask AWS Support to raise the "Role trust policy length" quota (up to 8,192) and set trust_policy_max_length.`,
  },
];

/** Whether a case has a subject whose namespace or name is exactly "*" (the module warns about those). */
function admitsWholeNamespace(c: ModuleTrustCase): boolean {
  return Object.values(c.oidcProviders).some((p) =>
    p.namespace_service_accounts.some((subject) => subject.split(':').includes('*')),
  );
}

function trustLength(providers: ModuleTrustCase['oidcProviders']): number {
  return JSON.stringify(expectedTrustPolicy({ name: '', oidcProviders: providers })).replace(/\s/g, '').length;
}

function trustPolicyTests(): string {
  const runs = MODULE_TRUST_CASES.map(
    (c) => `run ${quote(c.name)} {
command = plan
${variablesBlock(caseVariables(c))}

assert {
condition     = jsonencode(jsondecode(aws_iam_role.this[0].assume_role_policy)) == jsonencode(${render(expectedTrustPolicy(c) as unknown as HclLiteral)})
error_message = "The trust policy differs from what buildTrustPolicy builds for these inputs."
}${admitsWholeNamespace(c) ? '\n\n# "*" as a namespace or name is warned about (a check block).\nexpect_failures = [check.wildcard_subjects_admit_whole_namespaces]' : ''}
}`,
  );
  return `${header('The trust policy, attachments and inline policy, planned with the real AWS provider. Expected trust policies are\nbuildTrustPolicy\'s output for the same inputs.')}

${PROVIDER}

${variablesBlock({ oidc_providers: DEFAULT_PROVIDERS })}

${runs.join('\n\n')}

run "attachments_and_inline_policy" {
command = plan
variables {
role_name = "app"
policy_arns = {
read_only = "arn:aws:iam::aws:policy/ReadOnlyAccess"
custom    = "arn:aws:iam::111122223333:policy/custom"
}
inline_policies = {
irsa-permissions = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
}

assert {
condition     = { for key, a in aws_iam_role_policy_attachment.this : key => a.policy_arn } == { custom = "arn:aws:iam::111122223333:policy/custom", read_only = "arn:aws:iam::aws:policy/ReadOnlyAccess" }
error_message = "Each policy_arns entry must be attached under its key."
}

assert {
condition     = alltrue([for a in aws_iam_role_policy_attachment.this : a.role == "app"])
error_message = "Attachments must name the role."
}

assert {
condition     = aws_iam_role_policy.this["irsa-permissions"].name == "irsa-permissions" && jsondecode(aws_iam_role_policy.this["irsa-permissions"].policy).Statement[0].Action == "s3:GetObject"
error_message = "The inline policy must be planned under its name."
}

assert {
condition     = aws_iam_role.this[0].force_detach_policies == true
error_message = "force_detach_policies defaults to true, so destroy detaches policies attached outside Terraform."
}
}

run "force_detach_policies_false" {
command = plan
variables {
force_detach_policies = false
}

assert {
condition     = aws_iam_role.this[0].force_detach_policies == false
error_message = "force_detach_policies = false must reach the role."
}
}

# A namespace or name of exactly "*" is allowed with allow_wildcard_subjects, and warned about (a check
# block: a warning at plan, a failure here).
run "whole_cluster_wildcard_warns" {
command = plan
variables {
allow_wildcard_subjects = true
oidc_providers = {
main = {
provider_arn               = ${quote(ARN_A)}
namespace_service_accounts = ["*:*", "apps:api"]
}
}
}

expect_failures = [check.wildcard_subjects_admit_whole_namespaces]
}

run "create_false_plans_nothing" {
command = plan
variables {
create = false
}

assert {
condition     = length(aws_iam_role.this) == 0 && length(aws_iam_role_policy.this) == 0 && length(aws_iam_role_policy_attachment.this) == 0
error_message = "create = false must plan no resources."
}

assert {
condition     = output.role_arn == null && output.role_name == null && output.role_unique_id == null && output.trust_policy_json == null
error_message = "create = false must make every output null."
}
}

run "create_false_accepts_empty_oidc_providers" {
command = plan
variables {
create = false
oidc_providers = {}
}

assert {
condition     = length(aws_iam_role.this) == 0 && length(aws_iam_role_policy.this) == 0 && length(aws_iam_role_policy_attachment.this) == 0
error_message = "create = false must plan no resources."
}

assert {
condition     = output.role_arn == null && output.role_name == null && output.role_unique_id == null && output.trust_policy_json == null
error_message = "create = false must make every output null."
}
}

run "create_false_accepts_null_oidc_providers" {
command = plan
variables {
create = false
oidc_providers = null
}

assert {
condition     = length(aws_iam_role.this) == 0 && length(aws_iam_role_policy.this) == 0 && length(aws_iam_role_policy_attachment.this) == 0
error_message = "create = false must plan no resources."
}

assert {
condition     = output.role_arn == null && output.role_name == null && output.role_unique_id == null && output.trust_policy_json == null
error_message = "create = false must make every output null."
}
}

run "create_false_accepts_null_provider_arn" {
command = plan
variables {
create = false
oidc_providers = { main = { provider_arn = null, namespace_service_accounts = null } }
}

assert {
condition     = length(aws_iam_role.this) == 0 && length(aws_iam_role_policy.this) == 0 && length(aws_iam_role_policy_attachment.this) == 0
error_message = "create = false must plan no resources."
}

assert {
condition     = output.role_arn == null && output.role_name == null && output.role_unique_id == null && output.trust_policy_json == null
error_message = "create = false must make every output null."
}
}

run "create_false_accepts_any_bad_input" {
command = plan
variables {
create = false
role_name = "a b"
role_name_prefix = "x"
inline_policies = { "a b" = "not json" }
policy_arns = { bad = "ReadOnlyAccess" }
max_session_duration = 1
}

assert {
condition     = length(aws_iam_role.this) == 0 && length(aws_iam_role_policy.this) == 0 && length(aws_iam_role_policy_attachment.this) == 0
error_message = "create = false must plan no resources."
}

assert {
condition     = output.role_arn == null && output.role_name == null && output.role_unique_id == null && output.trust_policy_json == null
error_message = "create = false must make every output null."
}
}
`;
}

function validationTests(): string {
  const runs = MODULE_VALIDATION_CASES.map(
    (c) => `# ${c.message}
run ${quote(c.name)} {
command = plan
${variablesBlock(c.variables)}
expect_failures = [${c.fails}]
}`,
  );
  return `${header('Each validation rule rejects a bad input (the comment above each run is the message Terraform prints).')}

# Validation runs before any provider call, so a mocked provider suffices (and starts faster).
mock_provider "aws" {}

${variablesBlock({ oidc_providers: DEFAULT_PROVIDERS })}

${runs.join('\n\n')}
`;
}

export function roleModuleTests(): Record<string, string> {
  return {
    'tests/trust_policy.tftest.hcl': trustPolicyTests(),
    'tests/validation.tftest.hcl': validationTests(),
    ...unknownValuesTests(
      ['aws'],
      `module "role" {
source = "../.."

oidc_providers = {
main = {
provider_arn               = "${ARN_PREFIX}${ISSUER_A}"
namespace_service_accounts = ["apps:api"]
}
}
# Known here, as the ARN above: with unknown subjects or ARNs the "*" and non-EKS warnings (check blocks)
# cannot be evaluated at plan, which terraform test reports as an error (terraform plan only notes it).
# test/modules/unknown-at-plan.test.ts plans these unknown as well.
allow_wildcard_subjects = false
audience                = local.later_string
${LATER_ROLE_INPUTS}
role_name = "app-\${local.later_string}"
}`,
    ),
  };
}

/** The role inputs shared by both modules, each known only after apply (map keys stay static). */
const LATER_ROLE_INPUTS = `role_path               = "/\${local.later_string}/"
description             = "created by \${local.later_string}"
max_session_duration    = local.later_number
permissions_boundary    = "arn:aws:iam::111122223333:policy/boundary-\${local.later_string}"
force_detach_policies   = local.later_bool
tags                    = { run = local.later_string }
trust_policy_max_length = local.later_number
policy_arns             = { extra = "arn:aws:iam::111122223333:policy/extra-\${local.later_string}" }
inline_policies = {
reader = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::\${local.later_string}/*" }] })
}`;

/**
 * A test file that plans a fixture root module (tests/unknown_values) calling this module with inputs known
 * only after apply: no count or for_each may depend on them ("Invalid count argument" would fail the run).
 * terraform_data is built in, so it is not mocked and its id stays unknown at plan.
 */
function unknownValuesTests(providers: string[], calls: string): Record<string, string> {
  return {
    'tests/unknown_values.tftest.hcl': `${header('Plans tests/unknown_values: this module called with inputs that are known only after apply.')}

${providers.map((p) => `mock_provider "${p}" {}`).join('\n')}

run "inputs_known_only_after_apply" {
command = plan
providers = {
${providers.map((p) => `${p} = ${p}`).join('\n')}
}
module {
source = "./tests/unknown_values"
}
}
`,
    'tests/unknown_values/main.tf': `${header('A caller whose inputs are known only after apply (the id of a terraform_data created in the same run), for\ntests/unknown_values.tftest.hcl.')}

resource "terraform_data" "later" {
input = "x"
}

locals {
later_string = substr(terraform_data.later.id, 0, 8)
later_bool   = terraform_data.later.id != ""
later_number = length(terraform_data.later.id) * 0 + 3600
}

${calls}
`,
  };
}

/**
 * `terraform test` files for the service-account module. Both providers are mocked, but `terraform test`
 * still installs them, so these run only where hashicorp/kubernetes can be installed (the jest wrapper
 * says so when it skips them).
 */
export function serviceAccountModuleTests(): Record<string, string> {
  const existing = 'arn:aws:iam::111122223333:role/existing';
  return {
    'tests/service_account.tftest.hcl': `${header('The ServiceAccount, adoption of an existing one, and attached roles, planned with mocked providers (no cluster,\nno AWS account).')}

mock_provider "aws" {}
mock_provider "kubernetes" {}

variables {
name              = "s3-reader"
namespace         = "apps"
oidc_provider_arn = ${quote(ARN_A)}
}

run "creates_the_service_account" {
command = plan
variables {
audience  = "example"
role_name = "s3-reader"
}

assert {
condition     = length(kubernetes_service_account_v1.this) == 1 && length(kubernetes_annotations.this) == 0 && length(kubernetes_labels.this) == 0
error_message = "By default the module creates the ServiceAccount and adopts nothing."
}

assert {
condition     = kubernetes_service_account_v1.this[0].metadata[0].name == "s3-reader" && kubernetes_service_account_v1.this[0].metadata[0].namespace == "apps"
error_message = "The ServiceAccount must have the given name and namespace."
}

assert {
condition     = kubernetes_service_account_v1.this[0].metadata[0].annotations["eks.amazonaws.com/audience"] == "example"
error_message = "An audience other than the default must be annotated."
}

assert {
condition     = output.role_name == "s3-reader" && output.service_account_namespace == "apps"
error_message = "The outputs must name the role and the ServiceAccount."
}

assert {
condition     = length(kubernetes_namespace_v1.this) == 0 && kubernetes_service_account_v1.this[0].metadata[0].labels["app.kubernetes.io/managed-by"] == "cdktf-irsa"
error_message = "By default the namespace must exist already, and the created ServiceAccount is labelled managed-by cdktf-irsa."
}
}

run "creates_the_namespace" {
command = plan
variables {
create_namespace = true
}

assert {
condition     = length(kubernetes_namespace_v1.this) == 1 && kubernetes_namespace_v1.this[0].metadata[0].name == "apps"
error_message = "create_namespace must create the ServiceAccount's namespace."
}
}

run "create_namespace_with_adoption" {
command = plan
variables {
create_namespace                  = true
override_existing_service_account = true
}
expect_failures = [var.create_namespace]
}

run "create_namespace_for_default" {
command = plan
variables {
create_namespace = true
namespace        = "default"
}
expect_failures = [var.create_namespace]
}

run "adopts_an_existing_service_account" {
command = plan
variables {
override_existing_service_account = true
labels                            = { team = "platform" }
}

assert {
condition     = length(kubernetes_service_account_v1.this) == 0 && length(kubernetes_annotations.this) == 1 && length(kubernetes_labels.this) == 1
error_message = "An existing ServiceAccount is annotated and labelled, not created."
}

assert {
condition     = kubernetes_annotations.this[0].force && kubernetes_labels.this[0].force && kubernetes_labels.this[0].labels["team"] == "platform"
error_message = "Adoption must force the annotations and labels, as eksctl --override-existing-serviceaccounts does."
}

assert {
condition     = kubernetes_annotations.this[0].field_manager != kubernetes_labels.this[0].field_manager
error_message = "Annotations and labels need field managers of their own, or applying one drops the other."
}
}

run "attaches_an_existing_role" {
command = plan
variables {
oidc_provider_arn = null
create_role       = false
attach_role_arn   = ${quote(existing)}
}

assert {
condition     = kubernetes_service_account_v1.this[0].metadata[0].annotations["eks.amazonaws.com/role-arn"] == ${quote(existing)}
error_message = "The ServiceAccount must be annotated with the attached role."
}

assert {
condition     = output.role_arn == ${quote(existing)} && output.role_name == "existing" && output.role_unique_id == null && output.trust_policy_json == null
error_message = "With an attached role, no role is created and the outputs describe the attached one."
}
}

run "create_role_false_needs_attach_role_arn" {
command = plan
variables {
create_role = false
oidc_provider_arn = null
}

expect_failures = [var.attach_role_arn]
}

run "attach_role_arn_needs_create_role_false" {
command = plan
variables {
attach_role_arn = ${quote(existing)}
}

expect_failures = [var.attach_role_arn]
}
`,
    ...unknownValuesTests(
      ['aws', 'kubernetes'],
      `module "created" {
source = "../.."

name                            = local.later_string
namespace                       = local.later_string
labels                          = { team = local.later_string }
annotations                     = { "example.com/owner" = local.later_string }
automount_service_account_token = local.later_bool
sts_regional_endpoints          = local.later_bool
oidc_provider_arn               = "${ARN_PREFIX}${ISSUER_A}"
additional_oidc_provider_arns   = ["${ARN_PREFIX}oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"]
audience                        = local.later_string
role_name_prefix                = "app-\${local.later_string}"
${LATER_ROLE_INPUTS}
}

# The same ServiceAccount adopted on another cluster with the role above: attach_role_arn is known only
# after apply; create_role decides that no role is created.
module "adopted" {
source = "../.."

name                              = local.later_string
labels                            = { team = local.later_string }
override_existing_service_account = true
create_role                       = false
attach_role_arn                   = module.created.role_arn
}`,
    ),
  };
}
