/**
 * modules/iam-role-for-service-accounts: `IrsaRole` for plain Terraform. AWS only: the role, its trust
 * policy (built in HCL exactly as buildTrustPolicy builds it), attachments and inline policy.
 */
import { SERVICE_ACCOUNT_SUBJECT_PREFIX } from '../policy/subjects';
import { WEB_IDENTITY_ACTION } from '../policy/trust-policy';
import { QUOTAS, WILDCARD_SUBJECT_WARNING } from '../validation/rules';
import { banner, quote } from './hcl';
import { literalText } from './validation';
import { AWS_PROVIDER, OutputSpec, header, outputsTf, variablesTf, versionsTf } from './files';
import { DEFAULT_INLINE_POLICY_NAME, OIDC_PROVIDERS_INPUT, SUBJECTS, roleModuleVariables } from './variables';
import { entriesHcl } from './object-input';
import { addonsHcl } from './addons';
import { INLINE_LENGTH, ROLE_PATH_OUTPUT, ROLE_POLICY_OUTPUTS, rolePolicyHcl } from './role-policy';
import { NON_EKS_WARNING, arnIssuerHcl, looksEksHcl } from './issuer';

/**
 * wildcardSubjectWarning (src/validation/rules.ts) as an HCL template for a subject `s` of SUBJECTS: the
 * same sentence the constructs print, from the same parts.
 */
function wildcardWarningTemplate(): string {
  const w = WILDCARD_SUBJECT_WARNING;
  const t = literalText;
  return `"\${s.label} \\"\${s.subject}\\" admits every service account \${s.parts[0] == "*" ? ${quote(w.everyNamespace)} : "${t(w.inNamespace)}\${s.parts[0]}"}\${s.parts[0] == "*" && s.parts[1] == "*" ? ${quote(w.wholeCluster)} : ""}${t(w.consequence)}"`;
}

export const ROLE_MODULE = 'iam-role-for-service-accounts';

/** addonsHcl options shared by the role modules: the role policy's names and create_policy (role-policy.ts). */
export const ROLE_POLICY_ADDON_OPTIONS = {
  otherInlineLength: `${INLINE_LENGTH} + local.role_inline_length`,
  otherManagedArns: 'values(var.policy_arns)',
  otherManagedInput: 'policy_arns',
  managedPolicy: 'var.create_policy',
  nameOverrides: 'var.addon_policy_names',
  reservedNames: 'local.reserved_policy_names',
};

/** The trust-length error, with `advice` (how this module's trust can be shortened) before the quota hint. */
const trustLengthMessage = (advice: string) =>
  `the trust policy is \${local.trust_policy_length} characters long (without white space), over the account's quota of \${var.trust_policy_max_length}: ${advice}, or ask AWS Support to raise the \\"Role trust policy length\\" quota (up to 8,192) and set trust_policy_max_length.`;

export function roleMainTf(): string {
  const subjects = (wildcard: boolean) =>
    `sort(distinct([for subject in provider.namespace_service_accounts : "${SERVICE_ACCOUNT_SUBJECT_PREFIX}\${subject}" if ${wildcard ? '' : '!'}can(regex("[*?]", subject))]))`;
  return `${header(
    'The trust policy is built here exactly as buildTrustPolicy (src/policy/trust-policy.ts) builds it. IAM ANDs the\nconditions of one statement and ORs statements, and StringEquals matches "*" literally, so:\n- each OIDC provider gets its own statement (keys of two issuers ANDed could never both match);\n- exact subjects (StringEquals) and wildcard patterns (StringLike) of one provider get separate statements (a\n  StringEquals and a StringLike on the same :sub key in one statement would both have to match).',
  )}

${banner('Trust policy')}

locals {
  # Providers in key order; subjects sorted and deduplicated, so the policy does not depend on input order.
  # Nothing is read with create = false, which accepts any oidc_providers (null, {}, null ARNs).
  # The providers, each with every attribute (null when not given); see the variable's validations.
  oidc_providers = ${entriesHcl(OIDC_PROVIDERS_INPUT, true)}

  trusted_providers = !var.create ? [] : [
    for provider in local.oidc_providers : {
      arn = provider.provider_arn
      # The ARN ends in "oidc-provider/<issuer>", and the issuer prefixes the :aud and :sub condition keys.
      issuer   = split("oidc-provider/", provider.provider_arn)[1]
      exact    = ${subjects(false)}
      wildcard = ${subjects(true)}
    }
  ]

  # One subject is written as a plain string and several as a list, as buildTrustPolicy writes them. (The
  # two sides of a conditional must have one type, so it chooses between JSON texts and decodes the result.)
  trust_statements = flatten([
    for provider in local.trusted_providers : [
      for statement in [
        length(provider.exact) == 0 ? null : {
          Effect    = "Allow"
          Principal = { Federated = provider.arn }
          Action    = ${quote(WEB_IDENTITY_ACTION)}
          Condition = {
            StringEquals = {
              "\${provider.issuer}:aud" = var.audience
              "\${provider.issuer}:sub" = jsondecode(length(provider.exact) == 1 ? jsonencode(provider.exact[0]) : jsonencode(provider.exact))
            }
          }
        },
        length(provider.wildcard) == 0 ? null : {
          Effect    = "Allow"
          Principal = { Federated = provider.arn }
          Action    = ${quote(WEB_IDENTITY_ACTION)}
          Condition = {
            StringEquals = { "\${provider.issuer}:aud" = var.audience }
            StringLike   = { "\${provider.issuer}:sub" = jsondecode(length(provider.wildcard) == 1 ? jsonencode(provider.wildcard[0]) : jsonencode(provider.wildcard)) }
          }
        },
      ] : statement if statement != null
    ]
  ])

  trust_policy = {
    Version   = "2012-10-17"
    Statement = local.trust_statements
  }

  # Subjects whose namespace or name is exactly "*", for the wildcard_subjects_admit_whole_namespaces check.
  whole_namespace_subjects = !var.create || !var.allow_wildcard_subjects ? [] : [
    for s in ${SUBJECTS.replace(/var\.oidc_providers\b/g, 'local.oidc_providers')} : s if length(s.parts) == 2 && contains(s.parts, "*")
  ]

  # IAM counts every character except white space against the quota.
  trust_policy_length = length(replace(jsonencode(local.trust_policy), "/\\\\s/", ""))
}

${roleResourcesHcl('trust fewer service accounts or clusters per role, use wildcards with allow_wildcard_subjects')}
# Like the constructs' warning: more than the default quota of managed policies fails at apply unless AWS
# raised "Managed policies per role" for the account.
check "attached_policies_within_default_quota" {
  assert {
    condition     = !var.create || length(var.policy_arns) + length(local.addon_managed_policy_arns) <= ${QUOTAS.attachedPoliciesDefault}
    error_message = "policy_arns has \${length(var.policy_arns) + length(local.addon_managed_policy_arns)} policies (with the AWS managed policies of addons), over the default quota of ${QUOTAS.attachedPoliciesDefault} managed policies per role: apply fails unless AWS raised \\"Managed policies per role\\" for this account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)."
  }
}

${banner('Add-on permissions (the add-on catalog, src/policy/addons)')}

${addonsMainTf()}

${nonEksCheck()}

# Like the constructs' warning: a namespace or name that is exactly "*" (allowed with allow_wildcard_subjects)
# admits every service account of a namespace, or of the whole cluster.
check "wildcard_subjects_admit_whole_namespaces" {
  assert {
    condition     = length(local.whole_namespace_subjects) == 0
    error_message = join(" ", [for s in local.whole_namespace_subjects : ${wildcardWarningTemplate()}])
  }
}
`;
}

/**
 * Like the constructs' warning for an OIDC provider whose issuer is not an EKS cluster's (GitHub Actions', a
 * self-hosted one): trusted as given. Malformed EKS-looking issuers are validation errors (the variable's).
 * Only this assertion reads the ARNs: an ARN known only after apply leaves the plan as it is, with Terraform's
 * one "known after apply" note for this check; a known non-EKS ARN warns even beside unknown ones.
 */
function nonEksCheck(): string {
  const eks = `provider.provider_arn == null ? true : ${looksEksHcl(arnIssuerHcl('provider.provider_arn'))}`;
  return `# Like the constructs' warning: an OIDC provider whose issuer is not an EKS cluster's (GitHub Actions', a
# self-hosted one) is trusted as given. Only this assertion reads the ARNs, so an ARN known only after apply
# changes nothing else in the plan.
check "oidc_providers_look_like_eks" {
  assert {
    condition     = !var.create ? true : alltrue([for provider in local.oidc_providers : ${eks}])
    error_message = join(" ", [for key, provider in local.oidc_providers : "oidc_providers[\${jsonencode(key)}].provider_arn \${jsonencode(provider.provider_arn)}: the issuer ${NON_EKS_WARNING}; the role trusts it as given." if !(${eks})])
  }
}`;
}

/** The add-on catalog's locals and resources for this module (rendered from the catalog's data). */
function addonsMainTf(): string {
  return addonsHcl({
    section: 'What the role may do',
    // The partition of the first provider in key order, as the construct takes the first trust entry's.
    partition: 'try(split(":", values(local.oidc_providers)[0].provider_arn)[1], "aws")',
    role: 'aws_iam_role.this[0].name',
    create: 'var.create',
    namePrefix: quote(DEFAULT_INLINE_POLICY_NAME),
    ...ROLE_POLICY_ADDON_OPTIONS,
  }).main.trim();
}

export const ROLE_OUTPUTS: OutputSpec[] = [
  { name: 'role_arn', description: "The role's ARN (null when create is false).", value: 'one(aws_iam_role.this[*].arn)' },
  { name: 'role_name', description: "The role's name (null when create is false).", value: 'one(aws_iam_role.this[*].name)' },
  {
    name: 'role_unique_id',
    description: "The role's stable unique ID (AROA...; null when create is false).",
    value: 'one(aws_iam_role.this[*].unique_id)',
  },
  ROLE_PATH_OUTPUT,
  {
    name: 'trust_policy_json',
    description: 'The trust policy as JSON text (null when create is false).',
    value: 'var.create ? jsonencode(local.trust_policy) : null',
  },
  ...ROLE_POLICY_OUTPUTS,
];

export function roleModuleFiles(): Record<string, string> {
  return {
    'versions.tf': versionsTf([AWS_PROVIDER]),
    'variables.tf': variablesTf(roleModuleVariables()),
    'main.tf': roleMainTf(),
    'outputs.tf': outputsTf(ROLE_OUTPUTS),
  };
}

/**
 * The role (trust from `local.trust_policy`, checked against the length quota), its managed-policy attachments
 * and inline policies: the same in every role module, keyed on `var.create` and the caller's map keys only.
 */
export function roleResourcesHcl(trustAdvice: string): string {
  return `${banner('The role')}

resource "aws_iam_role" "this" {
  count = var.create ? 1 : 0

  name                 = var.role_name
  name_prefix          = var.role_name_prefix
  path                 = var.role_path
  description          = var.description
  assume_role_policy   = jsonencode(local.trust_policy)
  permissions_boundary = var.permissions_boundary
  max_session_duration = var.max_session_duration
  # Policies attached outside Terraform would otherwise make destroy fail with DeleteConflict.
  force_detach_policies = var.force_detach_policies
  # An empty map would plan as {} where the construct plans null; both mean "no tags".
  tags = length(var.tags) == 0 ? null : var.tags

  lifecycle {
    precondition {
      condition     = local.trust_policy_length <= var.trust_policy_max_length
      error_message = "${trustLengthMessage(trustAdvice)}"
    }
  }
}

${banner('What the role may do')}

resource "aws_iam_role_policy_attachment" "this" {
  # Keys, not ARNs, identify attachments: they are known at plan time even when an ARN is not.
  for_each = var.create ? var.policy_arns : {}

  role       = aws_iam_role.this[0].name
  policy_arn = each.value
}

resource "aws_iam_role_policy" "this" {
  # Keyed by name: the names are known at plan time even when a policy (e.g. an aws_iam_policy_document
  # that refers to a resource created in the same run) is not.
  for_each = var.create ? var.inline_policies : {}

  name   = each.key
  role   = aws_iam_role.this[0].name
  policy = each.value
}

${rolePolicyHcl('aws_iam_role.this[0]', `${INLINE_LENGTH} + (var.create_policy ? 0 : local.addon_inline_length)`)}
`;
}
