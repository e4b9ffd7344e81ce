/**
 * The generated modules' input variables, as data: each one's type, default, description (with the AWS
 * or Kubernetes page that defines it) and validation blocks. variables.tf and the README input tables
 * are both rendered from these specs.
 */
import { BUILT_IN_NAMESPACES } from '../kubernetes/metadata';
import { DEFAULT_AUDIENCE } from '../policy/subjects';
import { DEFAULT_TRUST_POLICY_MAX_LENGTH } from '../policy/trust-policy';
import { DEFAULT_INLINE_POLICY_NAME } from '../constructs/role-resources';
import { NUMBER_RULES, OIDC_PROVIDER_ARN_MISTAKES, QUOTAS, RULES } from '../validation/rules';
import {
  AUDIENCE_ANNOTATION,
  ROLE_ARN_ANNOTATION,
  STS_REGIONAL_ENDPOINTS_ANNOTATION,
} from '../validation/validate';
import { addonsVariable } from './addons';
import { inlinePolicyValidations, rolePolicyVariables } from './role-policy';
import type { VariableSpec } from './files';
import { ARN_ISSUER_MUST_BE, arnIssuerHcl, eksIssuerValidation } from './issuer';
import { OBJECT_INPUT_TYPE, type ObjectInput, entriesHcl, objectInputValidations } from './object-input';
import { quote } from './hcl';
import {
  Validation,
  conflictMessage,
  everyElement,
  invalidMessage,
  literalText,
  numberRule,
  satisfies,
  stringRule,
} from './validation';

// The constructs' own constants, so defaults and annotation names cannot drift.
export { DEFAULT_INLINE_POLICY_NAME } from '../constructs/role-resources';
export {
  AUDIENCE_ANNOTATION,
  ROLE_ARN_ANNOTATION,
  STS_REGIONAL_ENDPOINTS_ANNOTATION,
} from '../validation/validate';

/** HCL boolean: the caller gave the variable (it differs from its default). */
export function givenCondition(spec: VariableSpec): string {
  const ref = `var.${spec.name}`;
  if (spec.default === null) return `${ref} != null`;
  if (Array.isArray(spec.default) || (typeof spec.default === 'object' && spec.default !== null)) {
    return `length(${ref}) > 0`;
  }
  return `${ref} != ${JSON.stringify(spec.default)}`;
}

const SECTION_TRUST = 'Who may assume the role';
const SECTION_ROLE = 'The role';
const SECTION_PERMISSIONS = 'What the role may do';

/** Namespaces every cluster has (creating one fails with "already exists"), as an HCL list. */
const BUILT_IN_NAMESPACES_HCL = `[${BUILT_IN_NAMESPACES.map(quote).join(', ')}]`;

const HAS_WILDCARD = (value: string) => `can(regex("[*?]", ${value}))`;

/** Every subject of every provider, labelled with where it came from, for per-subject checks. */
export const SUBJECTS =
  'flatten([for key, provider in var.oidc_providers : [for index, subject in provider.namespace_service_accounts == null ? [] : try(tolist(provider.namespace_service_accounts), []) : { label = "oidc_providers[${jsonencode(key)}].namespace_service_accounts[${index}]", subject = subject, parts = split(":", subject) }]])';

/**
 * A subject's namespace or name must satisfy its exact rule, or its wildcard rule when it has a wildcard.
 * Malformed subjects are skipped here (another validation names them).
 */
function subjectPartRule(part: 'namespace' | 'name', wildcard: boolean): Validation {
  const rule =
    part === 'namespace'
      ? wildcard
        ? RULES.wildcardNamespace
        : RULES.namespace
      : wildcard
        ? RULES.wildcardServiceAccountName
        : RULES.serviceAccountName;
  // `||` does not short-circuit in Terraform, so the name is read with try() for one-part subjects.
  const value = part === 'namespace' ? 's.parts[0]' : 'try(s.parts[1], "")';
  return everyElement({
    loop: `s in ${SUBJECTS}`,
    condition: `length(s.parts) != 2 || ${wildcard ? '!' : ''}${HAS_WILDCARD(value)} || ${satisfies(value, rule)}`,
    subject: `\${s.label} ${part} \${jsonencode(${value})}`,
    fallback: `oidc_providers ${part}`,
    allowed: rule.allowed,
  });
}

/** Role inputs shared by both modules (the constructs' `RoleOptions`). */
export function roleVariables(): VariableSpec[] {
  return [
    {
      name: 'role_name',
      section: SECTION_ROLE,
      description: `The role's name; null lets Terraform generate a unique one. ${RULES.roleName.docs}`,
      type: 'string',
      default: null,
      validations: [
        stringRule('role_name', RULES.roleName),
        {
          condition: 'var.role_name == null || var.role_name_prefix == null',
          errorMessage: conflictMessage(
            'role_name_prefix',
            'role_name',
            'a role has either a fixed name or a generated one with a prefix',
          ),
        },
      ],
    },
    {
      name: 'role_name_prefix',
      section: SECTION_ROLE,
      description: `A prefix for a Terraform-generated unique role name; conflicts with role_name. ${RULES.roleNamePrefix.docs}`,
      type: 'string',
      default: null,
      validations: [stringRule('role_name_prefix', RULES.roleNamePrefix)],
    },
    {
      name: 'role_path',
      section: SECTION_ROLE,
      description: `The role's path. ${RULES.rolePath.docs}`,
      type: 'string',
      default: '/',
      validations: [stringRule('role_path', RULES.rolePath, false)],
    },
    {
      name: 'description',
      section: SECTION_ROLE,
      description: `The role's description. ${RULES.description.docs}`,
      type: 'string',
      default: null,
      validations: [stringRule('description', RULES.description)],
    },
    {
      name: 'max_session_duration',
      section: SECTION_ROLE,
      description:
        'Longest session, in seconds (3600 to 43200), that credentials for this role last. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration',
      type: 'number',
      default: 3600,
      validations: [numberRule('max_session_duration', NUMBER_RULES.maxSessionDuration, false)],
    },
    {
      name: 'permissions_boundary',
      section: SECTION_ROLE,
      description:
        "ARN of a managed policy that bounds the role's permissions. https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
      type: 'string',
      default: null,
      validations: [stringRule('permissions_boundary', RULES.policyArn)],
    },
    {
      name: 'force_detach_policies',
      section: SECTION_ROLE,
      description:
        'Detach policies attached outside Terraform before deleting the role; without it, destroy fails (DeleteConflict) whenever someone attached a policy by hand. True as in the community iam-role-for-service-accounts module; set false to make such a destroy stop instead. https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role#force_detach_policies',
      type: 'bool',
      default: true,
      validations: [],
    },
    {
      name: 'tags',
      section: SECTION_ROLE,
      description: 'Tags on the role. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html',
      type: 'map(string)',
      default: {},
      validations: [
        {
          condition: `length(var.tags) <= ${QUOTAS.tagsMax}`,
          errorMessage: invalidMessage(
            'tags ${jsonencode("${length(var.tags)} tags")}',
            `at most ${QUOTAS.tagsMax} tags per IAM role`,
          ),
        },
        everyElement({
          loop: 'key, value in var.tags',
          condition: `${satisfies('key', RULES.tagKey)} && !startswith(lower(key), "aws:")`,
          subject: 'tags key ${jsonencode(key)}',
          fallback: 'tags key',
          allowed: RULES.tagKey.allowed,
        }),
        everyElement({
          loop: 'key, value in var.tags',
          condition: satisfies('value', RULES.tagValue),
          subject: 'tags[${jsonencode(key)}] ${jsonencode(value)}',
          fallback: 'tags value',
          allowed: RULES.tagValue.allowed,
        }),
      ],
    },
    {
      name: 'trust_policy_max_length',
      section: SECTION_TRUST,
      description:
        "The account's trust-policy length quota (characters without white space); raise it only after AWS raised the quota. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html",
      type: 'number',
      default: DEFAULT_TRUST_POLICY_MAX_LENGTH,
      validations: [numberRule('trust_policy_max_length', NUMBER_RULES.trustPolicyMaxLength, false)],
    },
    {
      name: 'policy_arns',
      section: SECTION_PERMISSIONS,
      description:
        'Managed policies to attach, by a name you choose (the keys must be known at plan time: they are the for_each keys). More than 10 warns (the default quota), more than 20 is an error. https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
      type: 'map(string)',
      default: {},
      validations: [
        everyElement({
          loop: 'key, arn in var.policy_arns',
          condition: satisfies('arn', RULES.policyArn),
          subject: 'policy_arns[${jsonencode(key)}] ${jsonencode(arn)}',
          fallback: 'policy_arns',
          allowed: RULES.policyArn.allowed,
        }),
        {
          condition: 'length(distinct(values(var.policy_arns))) == length(var.policy_arns)',
          errorMessage: invalidMessage(
            'policy_arns ${try(jsonencode([for key, arn in var.policy_arns : arn if length([for other in values(var.policy_arns) : other if other == arn]) > 1][0]), "")}',
            'a list without duplicates (this ARN is listed twice)',
          ),
        },
        {
          condition: `length(var.policy_arns) <= ${QUOTAS.attachedPoliciesMax}`,
          errorMessage: invalidMessage(
            'policy_arns ${jsonencode("${length(var.policy_arns)} policies")}',
            `at most ${QUOTAS.attachedPoliciesMax} managed policies (the highest quota AWS grants per role); combine policies or use inline_policies`,
          ),
        },
      ],
    },
    {
      name: 'inline_policies',
      section: SECTION_PERMISSIONS,
      description: `Inline permissions policies by name, each as JSON text, e.g. { ${DEFAULT_INLINE_POLICY_NAME} = data.aws_iam_policy_document.this.json } or jsonencode({...}). The names (keys) must be known at plan time: they are the for_each keys; the policies may be known only after apply. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html`,
      type: 'map(string)',
      default: {},
      validations: inlinePolicyValidations(),
    },
    addonsVariable(SECTION_PERMISSIONS),
    // policy_statements, the policy documents, create_policy and the policy names (role-policy.ts).
    ...rolePolicyVariables(),
  ];
}

const AUDIENCE_VALIDATION = stringRule('audience', RULES.audience, false);

/** The role module's `oidc_providers` entries. */
export const OIDC_PROVIDERS_INPUT: ObjectInput = {
  variable: 'oidc_providers',
  attributes: [
    { name: 'provider_arn', kind: 'string' },
    { name: 'namespace_service_accounts', kind: 'list' },
  ],
  elsewhere: { audience: 'the audience input sets the audience of every provider' },
};

/** Inputs of modules/iam-role-for-service-accounts: `IrsaRole`'s props. */
export function roleModuleVariables(): VariableSpec[] {
  const arn = 'provider.provider_arn';
  // The rules read the entries with every attribute filled in (null when not given).
  const onEntries = (text: string) => text.replace(/var\.oidc_providers\b/g, `(${entriesHcl(OIDC_PROVIDERS_INPUT)})`);
  const skipNull = (v: Validation): Validation => ({
    condition: `var.oidc_providers == null ? true : (${onEntries(v.condition)})`,
    errorMessage: onEntries(v.errorMessage),
  });
  const trust: VariableSpec[] = [
    {
      name: 'oidc_providers',
      section: SECTION_TRUST,
      description:
        'Who may assume the role: one entry per cluster, by a name you choose, { provider_arn = <its IAM OIDC provider ARN>, namespace_service_accounts = ["namespace:name", ...] } (other attributes are errors; the audience is the audience input). Each cluster gets its own trust statement (and its wildcard patterns another). Null only with create = false. https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html',
      type: OBJECT_INPUT_TYPE,
      // Null, so that create = false needs no providers.
      default: null,
      validations: [
        ...objectInputValidations(OIDC_PROVIDERS_INPUT, 'var.oidc_providers == null'),
        {
          condition: 'var.oidc_providers == null ? false : length(var.oidc_providers) > 0',
          errorMessage: invalidMessage(
            'oidc_providers ${jsonencode(var.oidc_providers)}',
            'a non-empty map of { provider_arn, namespace_service_accounts } entries',
          ),
        },
        ...[
          everyElement({
            loop: 'key, provider in var.oidc_providers',
            condition: oidcProviderArnOk(arn),
            subject: 'oidc_providers[${jsonencode(key)}].provider_arn ${jsonencode(provider.provider_arn)}',
            fallback: 'oidc_providers provider_arn',
            allowed: RULES.oidcProviderArn.allowed,
          }),
          ...oidcProviderArnMistakes('oidc_providers provider_arn', '[for provider in var.oidc_providers : provider.provider_arn]'),
          arnIssuerValidation('key, provider in var.oidc_providers', 'provider.provider_arn', 'oidc_providers[${jsonencode(key)}].provider_arn', 'oidc_providers provider_arn'),
          {
            condition:
              'length(distinct([for provider in var.oidc_providers : provider.provider_arn])) == length(var.oidc_providers)',
            errorMessage: invalidMessage(
              'oidc_providers ${try(jsonencode([for key, provider in var.oidc_providers : provider.provider_arn if length([for other in var.oidc_providers : other if other.provider_arn == provider.provider_arn]) > 1][0]), "")}',
              'one entry per OIDC provider (this provider is listed twice; put all its service accounts in one entry)',
            ),
          },
          everyElement({
            loop: 'key, provider in var.oidc_providers',
            condition:
              'provider.namespace_service_accounts == null ? false : length(provider.namespace_service_accounts) > 0',
            subject:
              'oidc_providers[${jsonencode(key)}].namespace_service_accounts ${jsonencode(provider.namespace_service_accounts)}',
            fallback: 'oidc_providers namespace_service_accounts',
            allowed: 'a non-empty list of "namespace:name" strings',
          }),
          everyElement({
            loop: `s in ${SUBJECTS}`,
            condition: 'length(s.parts) == 2 && !contains(s.parts, "")',
            subject: '${s.label} ${jsonencode(s.subject)}',
            fallback: 'oidc_providers subject',
            allowed: 'a "namespace:name" string with exactly one ":"',
          }),
          everyElement({
            loop: `s in ${SUBJECTS}`,
            condition: `var.allow_wildcard_subjects || !${HAS_WILDCARD('s.subject')}`,
            subject: '${s.label} ${jsonencode(s.subject)}',
            fallback: 'oidc_providers subject',
            allowed:
              'an exact "namespace:name" (it has a wildcard "*" or "?"; set allow_wildcard_subjects to match with StringLike)',
          }),
          subjectPartRule('namespace', false),
          subjectPartRule('namespace', true),
          subjectPartRule('name', false),
          subjectPartRule('name', true),
          {
            condition:
              'alltrue([for provider in var.oidc_providers : provider.namespace_service_accounts == null ? true : try(length(distinct(provider.namespace_service_accounts)) == length(provider.namespace_service_accounts), true)])',
            errorMessage: invalidMessage(
              '${try([for key, provider in var.oidc_providers : "oidc_providers[${jsonencode(key)}].namespace_service_accounts ${jsonencode([for index, subject in provider.namespace_service_accounts : subject if index(provider.namespace_service_accounts, subject) != index][0])}" if length(distinct(provider.namespace_service_accounts)) != length(provider.namespace_service_accounts)][0], "oidc_providers")}',
              'a list without duplicates (this one is listed twice)',
            ),
          },
        ].map(skipNull),
      ],
    },
    {
      name: 'allow_wildcard_subjects',
      section: SECTION_TRUST,
      description:
        'Accept "*" and "?" in namespaces and names, matched with StringLike (the audience stays StringEquals). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String',
      type: 'bool',
      default: false,
      validations: [],
    },
    {
      name: 'audience',
      section: SECTION_TRUST,
      description: `The token audience the role accepts (<issuer>:aud). ${RULES.audience.docs}`,
      type: 'string',
      default: DEFAULT_AUDIENCE,
      validations: [AUDIENCE_VALIDATION],
    },
  ];
  const create: VariableSpec = {
    name: 'create',
    section: SECTION_ROLE,
    description:
      'Whether to create anything. False plans nothing, makes every output null and skips every validation, whatever else is passed (e.g. the null or empty outputs of a disabled upstream module). It must be known at plan time: it is the count of every resource. https://developer.hashicorp.com/terraform/language/meta-arguments/count',
    type: 'bool',
    default: true,
    validations: [],
  };
  // With create = false the module is off: no input is checked.
  return [...trust, create, ...roleVariables()].map((spec) => ({
    ...spec,
    validations: spec.validations.map((v) => ({ ...v, condition: `!var.create ? true : (${v.condition})` })),
  }));
}

/**
 * HCL boolean: the OIDC provider ARN `arn` (not null) has the rule's shape. Values that one of the
 * OIDC_PROVIDER_ARN_MISTAKES checks rejects pass here, so that a bad value gets one error, not two.
 */
function oidcProviderArnOk(arn: string): string {
  return `${arn} == null ? false : ${mistakeStart(arn)} || ${satisfies(arn, RULES.oidcProviderArn)}`;
}

/** HCL boolean: `arn` starts like one of the mistakes; known at plan for a template with a fixed start. */
function mistakeStart(arn: string, mistakes = OIDC_PROVIDER_ARN_MISTAKES): string {
  const prefixes = mistakes.flatMap((m) => m.prefixes);
  return `anytrue([for prefix in ${JSON.stringify(prefixes)} : startswith(${arn}, prefix)])`;
}

/**
 * One validation per OIDC_PROVIDER_ARN_MISTAKES entry over the ARNs of `list` (an HCL list expression).
 * Terraform knows the fixed start of a template ("https://${...}") before apply and `anytrue` is true
 * as soon as one element is, so these fail at plan time even when the rest of the value is unknown.
 * The message cannot show a value that is unknown, so it shows the mistake's start.
 */
function oidcProviderArnMistakes(property: string, list: string): Validation[] {
  return OIDC_PROVIDER_ARN_MISTAKES.map((mistake) => ({
    condition: `!anytrue([for arn in ${list} : arn == null ? false : ${mistakeStart('arn', [mistake])}])`,
    errorMessage: invalidMessage(`${literalText(property)} ${literalText(mistake.shown)}`, `${RULES.oidcProviderArn.allowed}; ${mistake.why}`),
  }));
}

/**
 * The constructs' issuer rule over OIDC provider ARNs (`arn`, an element of `loop`): a malformed EKS-looking
 * issuer is an error with OidcProvider.fromArn's words. Null ARNs and ARNs of the wrong shape are left to the
 * ARN rule, so that a bad value gets one error.
 */
function arnIssuerValidation(loop: string, arn: string, label: string, fallback: string): Validation {
  return eksIssuerValidation({
    loop,
    issuer: arnIssuerHcl(arn),
    skip: `${arn} == null ? true : !(${satisfies(arn, RULES.oidcProviderArn)})`,
    subject: `${label} \${jsonencode(${arn})}`,
    mustBe: ARN_ISSUER_MUST_BE,
    fallback,
  });
}

/** Inputs of modules/iam-service-account: `IamServiceAccount`'s props (what eksctl takes). */
export function serviceAccountModuleVariables(): VariableSpec[] {
  const SECTION_SA = 'The Kubernetes ServiceAccount';
  const SECTION_MODE = 'How eksctl would run (--attach-role-arn, --override-existing-serviceaccounts)';
  const K8S = 'https://kubernetes.io/docs/concepts/overview/working-with-objects';
  const serviceAccount: VariableSpec[] = [
    {
      name: 'name',
      section: SECTION_SA,
      description: "The service account's name. https://kubernetes.io/docs/concepts/security/service-accounts/",
      type: 'string',
      validations: [stringRule('name', RULES.serviceAccountName, false)],
    },
    {
      name: 'namespace',
      section: SECTION_SA,
      description: `The service account's namespace. ${K8S}/namespaces/`,
      type: 'string',
      default: 'default',
      validations: [stringRule('namespace', RULES.namespace, false)],
    },
    {
      name: 'labels',
      section: SECTION_SA,
      description: `Labels on the ServiceAccount. ${K8S}/labels/`,
      type: 'map(string)',
      default: null,
      validations: [
        metadataKeyRule('labels'),
        everyElement({
          loop: 'key, value in var.labels',
          condition: satisfies('value', RULES.labelValue),
          subject: 'labels[${jsonencode(key)}] ${jsonencode(value)}',
          fallback: 'labels value',
          allowed: RULES.labelValue.allowed,
          skipWhen: 'var.labels == null',
        }),
      ],
    },
    {
      name: 'annotations',
      section: SECTION_SA,
      description: `Annotations on the ServiceAccount (not ${ROLE_ARN_ANNOTATION} or ${AUDIENCE_ANNOTATION}, which this module sets). ${K8S}/annotations/`,
      type: 'map(string)',
      default: null,
      validations: [
        metadataKeyRule('annotations'),
        ...[ROLE_ARN_ANNOTATION, AUDIENCE_ANNOTATION].map((reserved) => ({
          condition: `var.annotations == null ? true : !contains(keys(var.annotations), ${JSON.stringify(reserved)})`,
          errorMessage: `"annotations ${literalText(JSON.stringify(reserved))} is set by this module and cannot be given: use ${reserved === ROLE_ARN_ANNOTATION ? 'attach_role_arn to use an existing role' : 'the audience input'}."`,
        })),
      ],
    },
    {
      name: 'automount_service_account_token',
      section: SECTION_SA,
      description:
        'Whether pods using the ServiceAccount mount its API token automatically; null keeps the provider default (true). https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
      type: 'bool',
      default: null,
      validations: [
        {
          condition: '!var.override_existing_service_account || var.automount_service_account_token == null',
          errorMessage: conflictMessage(
            'automount_service_account_token',
            'override_existing_service_account',
            'an existing ServiceAccount is only annotated and labelled, not otherwise changed',
          ),
        },
      ],
    },
    {
      name: 'sts_regional_endpoints',
      section: SECTION_SA,
      description: `Sets ${STS_REGIONAL_ENDPOINTS_ANNOTATION}, so pods call their region's STS endpoint; null leaves it unset. https://docs.aws.amazon.com/eks/latest/userguide/configure-sts-endpoint.html`,
      type: 'bool',
      default: null,
      validations: [],
    },
    {
      name: 'create_namespace',
      section: SECTION_SA,
      description:
        'Also create the namespace (kubernetes_namespace_v1), as eksctl creates a missing one; false: it must exist already. Set it on one module instance per namespace and cluster; Terraform then owns the namespace, and destroying that instance deletes it with everything in it. It must be known at plan time. https://github.com/cdktf-irsa/cdktf-irsa/blob/main/docs/kubernetes.md',
      type: 'bool',
      default: false,
      validations: [
        {
          condition: '!var.create_namespace || !var.override_existing_service_account',
          errorMessage: conflictMessage(
            'create_namespace',
            'override_existing_service_account',
            'the existing ServiceAccount is in a namespace that exists already',
          ),
        },
        {
          condition: `!var.create_namespace || !contains(${BUILT_IN_NAMESPACES_HCL}, var.namespace)`,
          errorMessage:
            '"create_namespace cannot create namespace ${jsonencode(var.namespace)}: every cluster has it (default, kube-system, kube-public, kube-node-lease); leave create_namespace false."',
        },
      ],
    },
  ];
  const roleInputs = roleVariables();
  const additional: VariableSpec = {
    name: 'additional_oidc_provider_arns',
    section: SECTION_TRUST,
    description:
      'More clusters whose service account of the same namespace and name may assume the role. https://docs.aws.amazon.com/eks/latest/userguide/cross-account-access.html',
    type: 'list(string)',
    default: [],
    validations: [
      everyElement({
        loop: 'index, arn in var.additional_oidc_provider_arns',
        condition: oidcProviderArnOk('arn'),
        subject: 'additional_oidc_provider_arns[${index}] ${jsonencode(arn)}',
        fallback: 'additional_oidc_provider_arns',
        allowed: RULES.oidcProviderArn.allowed,
      }),
      ...oidcProviderArnMistakes('additional_oidc_provider_arns', 'var.additional_oidc_provider_arns'),
      arnIssuerValidation('index, arn in var.additional_oidc_provider_arns', 'arn', 'additional_oidc_provider_arns[${index}]', 'additional_oidc_provider_arns'),
      {
        condition:
          'length(distinct(concat([var.oidc_provider_arn], var.additional_oidc_provider_arns))) == 1 + length(var.additional_oidc_provider_arns)',
        errorMessage: invalidMessage(
          'additional_oidc_provider_arns ${try(jsonencode([for index, arn in var.additional_oidc_provider_arns : arn if index(concat([var.oidc_provider_arn], var.additional_oidc_provider_arns), arn) != index + 1][0]), "")}',
          'OIDC providers other than oidc_provider_arn and each other',
        ),
      },
    ],
  };
  const oidcProviderArn: VariableSpec = {
    name: 'oidc_provider_arn',
    section: SECTION_TRUST,
    description:
      "The cluster's IAM OIDC provider ARN; required unless create_role is false. https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html",
    type: 'string',
    default: null,
    validations: [
      {
        // Required unless create_role is false: checked on create_role (validations must not refer in a cycle).
        condition: `var.oidc_provider_arn == null ? true : ${oidcProviderArnOk('var.oidc_provider_arn')}`,
        errorMessage: invalidMessage(
          'oidc_provider_arn ${jsonencode(var.oidc_provider_arn)}',
          RULES.oidcProviderArn.allowed,
        ),
      },
      ...oidcProviderArnMistakes('oidc_provider_arn', '[var.oidc_provider_arn]'),
      arnIssuerValidation('arn in [var.oidc_provider_arn]', 'arn', 'oidc_provider_arn', 'oidc_provider_arn'),
    ],
  };
  const modeVariables: VariableSpec[] = [
    {
      name: 'create_role',
      section: SECTION_MODE,
      description:
        'Whether to create the role. False uses the existing role attach_role_arn instead, like eksctl --attach-role-arn. This boolean, not whether attach_role_arn is null, decides what is created, so attach_role_arn may be known only after apply (e.g. module.other.role_arn); it must itself be known at plan time. For a role without a ServiceAccount (eksctl --role-only) use the iam-role-for-service-accounts module, which needs no Kubernetes provider. https://eksctl.io/usage/iamserviceaccounts/',
      type: 'bool',
      default: true,
      validations: [
        {
          condition: '!var.create_role || var.oidc_provider_arn != null',
          errorMessage: invalidMessage('oidc_provider_arn null', RULES.oidcProviderArn.allowed),
        },
        attachRoleConflicts([oidcProviderArn, ...roleInputs, additional]),
      ],
    },
    {
      name: 'attach_role_arn',
      section: SECTION_MODE,
      description:
        'The existing role to use when create_role is false (no role inputs allowed then), like eksctl --attach-role-arn. https://eksctl.io/usage/iamserviceaccounts/',
      type: 'string',
      default: null,
      validations: [
        stringRule('attach_role_arn', RULES.roleArn),
        {
          condition: '!var.create_role || var.attach_role_arn == null',
          errorMessage: conflictMessage(
            'attach_role_arn',
            'create_role = true',
            'set create_role = false to use an existing role instead of creating one',
          ),
        },
        {
          condition: 'var.create_role || var.attach_role_arn != null',
          errorMessage: invalidMessage(
            'attach_role_arn null',
            `the role to use when create_role is false: ${RULES.roleArn.allowed}`,
          ),
        },
      ],
    },
    {
      name: 'override_existing_service_account',
      section: SECTION_MODE,
      description:
        'The ServiceAccount already exists: annotate it (kubernetes_annotations, force = true) instead of creating it, like eksctl --override-existing-serviceaccounts. It decides what is created, so it must be known at plan time. https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/annotations',
      type: 'bool',
      default: false,
      validations: [],
    },
  ];
  const trust: VariableSpec[] = [
    oidcProviderArn,
    additional,
    {
      name: 'audience',
      section: SECTION_TRUST,
      description: `The token audience the role accepts; a value other than the default is also written to the ${AUDIENCE_ANNOTATION} annotation so the webhook requests it. https://github.com/aws/amazon-eks-pod-identity-webhook#eks-walkthrough`,
      type: 'string',
      default: DEFAULT_AUDIENCE,
      validations: [AUDIENCE_VALIDATION],
    },
  ];
  return [...serviceAccount, ...modeVariables, ...trust, ...roleInputs];
}

function metadataKeyRule(variable: 'labels' | 'annotations'): Validation {
  return everyElement({
    loop: `key, value in var.${variable}`,
    condition: `${satisfies('key', RULES.metadataKey)} && length(split("/", key)[0]) <= ${QUOTAS.metadataKeyPrefixMax}`,
    subject: `${variable} key \${jsonencode(key)}`,
    fallback: `${variable} key`,
    allowed: RULES.metadataKey.allowed,
    skipWhen: `var.${variable} == null`,
  });
}

/** Role inputs describe a role to create, so none may be given when an existing role is attached. */
function attachRoleConflicts(inputs: VariableSpec[]): Validation {
  const given = inputs.map((spec) => `${givenCondition(spec)} ? ${JSON.stringify(spec.name)} : ""`);
  const list = `compact([\n${given.join(',\n')},\n])`;
  return {
    condition: `var.create_role ? true : length(${list}) == 0`,
    errorMessage: `"\${try(${list}[0], "role inputs")} cannot be combined with attach_role_arn: the attached role is managed elsewhere and no role is created."`,
  };
}
