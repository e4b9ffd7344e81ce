/**
 * The role's own policy in the role modules: statements written as HCL objects (`policy_statements`) and
 * JSON documents merged as `aws_iam_policy_document` merges them (`source_policy_documents`, then the
 * statements, then `override_policy_documents`; a statement with the Sid of an earlier one replaces it in
 * place), and `create_policy`: put that policy and the add-ons' statements into one customer-managed
 * policy attached to the role instead of inline policies (terraform-aws-modules' layout).
 *
 * Nothing here changes the role itself, so switching create_policy plans no change to `aws_iam_role.this`:
 * the inline policies are deleted and the managed policy created and attached beside it.
 *
 * Every count is made of `var.create`, `var.create_policy`, the lengths of the list inputs (known unless a
 * list is itself built from values known only after apply) and which add-ons are enabled: never of a
 * statement's or document's content.
 */
import { DEFAULT_INLINE_POLICY_NAME } from '../constructs/role-resources';
import { ADDONS, snakeCase } from '../policy/addons';
import { QUOTAS, RULES } from '../validation/rules';
import { banner, quote } from './hcl';
import { type Validation, everyElement, invalidMessage, satisfies, stringRule } from './validation';
import type { VariableSpec } from './files';

const SECTION = 'The role policy (policy_statements, policy documents, create_policy)';

/** IAM's quota for one customer-managed policy document, characters without white space. */
export const MANAGED_POLICY_MAX_LENGTH = QUOTAS.managedPolicyMaxLength;

const STATEMENT_ATTRIBUTES = ['sid', 'effect', 'actions', 'not_actions', 'resources', 'not_resources', 'condition'];
const CONDITION_ATTRIBUTES = ['test', 'variable', 'values'];
const LIST_ATTRIBUTES = ['actions', 'not_actions', 'resources', 'not_resources'];


/** The constructs' action syntax check (checkStatement in src/validation/validate.ts). */
const ACTION_PATTERN = '^(\\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$';

/** The inline policies' total length without white space (text that is not JSON counts as 0). */
export const INLINE_LENGTH =
  'sum(concat([0], [for json in values(var.inline_policies) : try(length(replace(json, "/\\\\s/", "")), 0)]))';

/**
 * The checks of policies given as JSON text: `variable` is a map of them by name (inline_policies, whose
 * names and total length are checked too) or a list (source_policy_documents, override_policy_documents).
 */
export function inlinePolicyValidations(variable = 'inline_policies'): Validation[] {
  const isInline = variable === 'inline_policies';
  const entries = `name, json in var.${variable}`;
  const label = `${variable}[\${jsonencode(name)}]`;
  const doc = 'jsondecode(json)';
  // Text that is not JSON fails only the JSON check, as the constructs stop at the first error. A policy
  // known only after apply makes these conditions unknown, and Terraform then checks them at apply.
  const isJson = `json == null ? false : can(${doc})`;
  const ifJson = (check: string) => `!(${isJson}) ? true : try(${check}, false)`;
  const everyPolicy = (condition: string, subject: string, fallback: string, allowed: string): Validation =>
    everyElement({ loop: entries, condition, subject, fallback, allowed });
  // Every statement of every policy that is JSON; IAM accepts one statement object or a list of them.
  const statements = `flatten([for ${entries} : [for index, s in try(flatten([${doc}.Statement]), []) : { label = "${label}.Statement[\${index}]", s = s }]])`;
  const everyStatement = (field: string, condition: string, shown: string, allowed: string): Validation =>
    everyElement({
      loop: `st in ${statements}`,
      condition: onStatement(condition),
      subject: `\${st.label}.${field} \${jsonencode(${onStatement(shown)})}`,
      fallback: `${variable} Statement ${field}`,
      allowed,
    });
  // The checks below are written for a statement `s`; the loop variable holds it as `st.s`.
  const onStatement = (text: string) => text.replace(/\bs\./g, 'st.s.');
  const actions = 'flatten([try(s.Action, s.NotAction, [])])';
  const names = isInline
    ? [
        everyPolicy(
          satisfies('name', RULES.policyName),
          'inline_policies key ${jsonencode(name)}',
          'inline_policies key',
          RULES.policyName.allowed,
        ),
      ]
    : [];
  const quota: Validation[] = isInline
    ? [
        {
          // IAM counts the role's inline policies together against one quota.
          condition: `${INLINE_LENGTH} <= ${QUOTAS.inlinePolicyMaxLength}`,
          errorMessage: invalidMessage(
            `inline_policies \${jsonencode("\${${INLINE_LENGTH}} characters")}`,
            `at most ${QUOTAS.inlinePolicyMaxLength} characters without white space (the IAM quota for a role's inline policies); split it into managed policies`,
          ),
        },
      ]
    : [];
  return [
    ...names,
    everyPolicy(
      isJson,
      `${label} \${jsonencode(try(length(json) > 60 ? "\${substr(json, 0, 57)}..." : json, null))}`,
      variable,
      'an IAM policy document as JSON text (this is not valid JSON)',
    ),
    everyPolicy(
      ifJson(`contains(["2012-10-17", "2008-10-17"], ${doc}.Version)`),
      `${label}.Version \${try(jsonencode(${doc}.Version), "null")}`,
      `${variable} Version`,
      '"2012-10-17" (or the legacy "2008-10-17")',
    ),
    everyPolicy(
      ifJson(`length(flatten([${doc}.Statement])) > 0`),
      `${label}.Statement \${try(jsonencode(${doc}.Statement), "null")}`,
      `${variable} Statement`,
      'a non-empty list of statements',
    ),
    everyStatement('Effect', 'contains(["Allow", "Deny"], try(s.Effect, ""))', 'try(s.Effect, null)', '"Allow" or "Deny"'),
    everyStatement(
      'Action',
      'can(s.Action) != can(s.NotAction)',
      'try(s.Action, null)',
      'given, or NotAction given instead (exactly one of the two)',
    ),
    everyStatement(
      'Action',
      `alltrue([for action in ${actions} : can(regex(${quote(ACTION_PATTERN)}, action))])`,
      `try([for action in ${actions} : action if !can(regex(${quote(ACTION_PATTERN)}, action))][0], null)`,
      '"*" or "service:Action" (wildcards allowed)',
    ),
    everyStatement(
      'Resource',
      'can(s.Resource) != can(s.NotResource)',
      'try(s.Resource, null)',
      'given, or NotResource given instead (exactly one of the two; identity policies need one)',
    ),
    everyStatement(
      'Principal',
      '!can(s.Principal) && !can(s.NotPrincipal)',
      'try(s.Principal, s.NotPrincipal, null)',
      'absent: a permissions policy applies to the role itself (who may assume it is the trust policy)',
    ),
    ...quota,
  ];
}

const STATEMENTS = 'index, s in var.policy_statements';
const label = (field: string) => `policy_statements[\${index}]${field}`;
/** Every condition of every statement, labelled. */
const CONDITIONS =
  'flatten([for index, s in var.policy_statements : [for c_index, c in try([for c in s.condition : c], []) : { label = "policy_statements[${index}].condition[${c_index}]", c = c }]])';

function statementValidations(): Validation[] {
  const given = (field: string) => `(try(s.${field}, null) != null)`;
  const isList = (field: string) => `can([for item in tolist(s.${field}) : tostring(item)])`;
  const each = (condition: string, field: string, shown: string, allowed: string): Validation =>
    everyElement({
      loop: STATEMENTS,
      condition,
      subject: `${label(field)} \${jsonencode(${shown})}`,
      fallback: `policy_statements${field}`,
      allowed,
      // A map is not a list of statements: the first check says so, not one message per key.
      skipWhen: 'can(keys(var.policy_statements))',
    });
  const known = JSON.stringify(STATEMENT_ATTRIBUTES);
  return [
    {
      condition:
        '!can(keys(var.policy_statements)) && can([for s in var.policy_statements : s]) ? alltrue([for s in var.policy_statements : can(keys(s))]) : false',
      errorMessage: invalidMessage(
        'policy_statements ${try(jsonencode(var.policy_statements), "")}',
        `a list of statement objects with ${STATEMENT_ATTRIBUTES.join(', ')}`,
      ),
    },
    {
      // keys() of an object is known at plan even when its values are not.
      condition: `alltrue([for s in var.policy_statements : alltrue([for k in try(keys(s), []) : contains(${known}, k)])])`,
      errorMessage: `try([for index, s in var.policy_statements : [for k in try(keys(s), []) : "policy_statements[\${index}].\${k} is not an attribute of a statement: the attributes are ${STATEMENT_ATTRIBUTES.join(', ')}." if !contains(${known}, k)][0] if length([for k in try(keys(s), []) : k if !contains(${known}, k)]) > 0][0], "policy_statements has an attribute it does not know: the attributes are ${STATEMENT_ATTRIBUTES.join(', ')}.")`,
    },
    each(
      `${given('sid')} ? can(regex("^[A-Za-z0-9]*$", s.sid)) : true`,
      '.sid',
      'try(s.sid, null)',
      'letters and digits only (IAM Sid), or left out',
    ),
    each(
      `${given('effect')} ? contains(["Allow", "Deny"], try(tostring(s.effect), "")) : true`,
      '.effect',
      'try(s.effect, null)',
      '"Allow" or "Deny" (left out: "Allow")',
    ),
    ...LIST_ATTRIBUTES.map((field) =>
      each(`${given(field)} ? ${isList(field)} && try(length(s.${field}) > 0, false) : true`, `.${field}`, `try(s.${field}, null)`, 'a non-empty list of strings, or left out'),
    ),
    each(
      `${given('actions')} != ${given('not_actions')}`,
      '.actions',
      'try(s.actions, null)',
      'given, or not_actions given instead (exactly one of the two)',
    ),
    each(
      `alltrue([for action in try(concat(tolist(s.actions), []), tolist(s.not_actions), []) : can(regex(${quote(ACTION_PATTERN)}, action))])`,
      '.actions',
      `try([for action in try(concat(tolist(s.actions), []), tolist(s.not_actions), []) : action if !can(regex(${quote(ACTION_PATTERN)}, action))][0], null)`,
      '"*" or "service:Action" (wildcards allowed)',
    ),
    each(
      `${given('resources')} != ${given('not_resources')}`,
      '.resources',
      'try(s.resources, null)',
      'given, or not_resources given instead (exactly one of the two; identity policies need one)',
    ),
    each(
      `${given('condition')} ? !can(keys(s.condition)) && can([for c in s.condition : keys(c)]) : true`,
      '.condition',
      'try(s.condition, null)',
      'a list of { test, variable, values } objects, or left out',
    ),
    everyElement({
      loop: `c in ${CONDITIONS}`,
      condition: `try(alltrue([for k in keys(c.c) : contains(${JSON.stringify(CONDITION_ATTRIBUTES)}, k)]), false) && can(tostring(c.c.test)) && can(tostring(c.c.variable)) && can([for v in tolist(c.c.values) : tostring(v)])`,
      subject: '${c.label} ${jsonencode(c.c)}',
      fallback: 'policy_statements condition',
      allowed: 'an object with exactly test, variable and values (a list of strings), as aws_iam_policy_document\'s condition blocks',
    }),
    {
      condition:
        'length(compact([for s in var.policy_statements : try(tostring(s.sid), "")])) == length(distinct(compact([for s in var.policy_statements : try(tostring(s.sid), "")])))',
      errorMessage: invalidMessage(
        'policy_statements sid ${try(jsonencode([for sid in compact([for s in var.policy_statements : try(tostring(s.sid), "")]) : sid if length([for s in var.policy_statements : s if try(s.sid, "") == sid]) > 1][0]), "")}',
        'unique among policy_statements (aws_iam_policy_document refuses a duplicate Sid)',
      ),
    },
  ];
}

const addonKeys = () => ADDONS.map((a) => snakeCase(a.key));

/** The inputs, in their own variables.tf section. */
export function rolePolicyVariables(): VariableSpec[] {
  const docs = (variable: string, what: string): VariableSpec => ({
    name: variable,
    section: SECTION,
    description: `${what} Each as JSON text (e.g. data.aws_iam_policy_document.x.json), checked as inline_policies are. https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document#${variable}`,
    type: 'list(string)',
    default: [],
    validations: inlinePolicyValidations(variable),
  });
  return [
    {
      name: 'policy_statements',
      section: SECTION,
      description:
        "The role's own permission statements as HCL objects, as aws_iam_policy_document's statement blocks: [{ sid, effect (default \"Allow\"), actions or not_actions, resources or not_resources, condition = [{ test, variable, values }] }]. Other attributes are errors. They go into one inline policy named policy_name (default \"irsa-permissions\"), or into the managed policy with create_policy. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html",
      type: 'any',
      default: [],
      validations: statementValidations(),
    },
    docs(
      'source_policy_documents',
      'Policy documents whose statements come first in the role policy; policy_statements with the same Sid replace theirs.',
    ),
    docs(
      'override_policy_documents',
      'Policy documents merged last into the role policy: a statement with the Sid of an earlier one replaces it, others are added.',
    ),
    {
      name: 'create_policy',
      section: SECTION,
      description:
        "Put the role policy (policy_statements and the policy documents) and the addons' statements into one customer-managed policy (aws_iam_policy) attached to the role, instead of inline policies (the default). Switching it does not replace the role. It must be known at plan time. https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html",
      type: 'bool',
      default: false,
      validations: [],
    },
    {
      name: 'policy_name',
      section: SECTION,
      description: `The role policy's name: the inline policy's (null: "${DEFAULT_INLINE_POLICY_NAME}") or, with create_policy, the managed policy's (null: the role's name; unique per account and path). ${RULES.policyName.docs}`,
      type: 'string',
      default: null,
      validations: [stringRule('policy_name', RULES.policyName)],
    },
    {
      name: 'policy_path',
      section: SECTION,
      description: `The managed policy's path with create_policy (null: role_path). ${RULES.rolePath.docs}`,
      type: 'string',
      default: null,
      validations: [stringRule('policy_path', RULES.rolePath)],
    },
    {
      name: 'policy_description',
      section: SECTION,
      description: `The managed policy's description with create_policy. ${RULES.description.docs}`,
      type: 'string',
      default: null,
      validations: [stringRule('policy_description', RULES.description)],
    },
    {
      name: 'addon_policy_names',
      section: SECTION,
      description: `Names of the addons' inline policies by add-on key, e.g. { external_dns = "external-dns" } (others: "${DEFAULT_INLINE_POLICY_NAME}-<addon in camelCase>", as the constructs name them). A name that is also an inline_policies key or policy_name is an error. ${RULES.policyName.docs}`,
      type: 'map(string)',
      default: {},
      validations: [
        everyElement({
          loop: 'key, name in var.addon_policy_names',
          condition: `contains(${JSON.stringify(addonKeys())}, key)`,
          subject: 'addon_policy_names key ${jsonencode(key)}',
          fallback: 'addon_policy_names key',
          allowed: `an add-on key (${addonKeys().join(', ')})`,
        }),
        everyElement({
          loop: 'key, name in var.addon_policy_names',
          condition: satisfies('name', RULES.policyName),
          subject: 'addon_policy_names[${jsonencode(key)}] ${jsonencode(name)}',
          fallback: 'addon_policy_names',
          allowed: RULES.policyName.allowed,
        }),
        {
          condition: 'length(distinct(values(var.addon_policy_names))) == length(var.addon_policy_names)',
          errorMessage: invalidMessage(
            'addon_policy_names ${try(jsonencode([for key, name in var.addon_policy_names : name if length([for other in values(var.addon_policy_names) : other if other == name]) > 1][0]), "")}',
            'a map without duplicate names (two inline policies of one role cannot share a name)',
          ),
        },
      ],
    },
  ];
}

/** HCL: the role policy's statements, built from policy_statements and the documents (JSON statements). */
function statementsLocals(): string {
  const field = (attr: string, json: string) => `s.${attr} == null ? {} : { ${json} = s.${attr} }`;
  return `  # policy_statements, each with every attribute (null when not given); see the variable's validations.
  policy_statement_entries = [for s in var.policy_statements : merge({ ${STATEMENT_ATTRIBUTES.map((a) => `${a} = null`).join(', ')} }, s)]

  # As IAM JSON: attributes left out are not written; conditions of one test are grouped, and the values of
  # a test and variable given twice are joined.
  policy_statement_json = [for s in local.policy_statement_entries : merge(
    s.sid == null ? {} : { Sid = s.sid },
    { Effect = s.effect == null ? "Allow" : s.effect },
    ${field('actions', 'Action')},
    ${field('not_actions', 'NotAction')},
    ${field('resources', 'Resource')},
    ${field('not_resources', 'NotResource')},
    try(length(s.condition), 0) == 0 ? {} : {
      Condition = {
        for test in distinct([for c in s.condition : c.test]) : test => {
          for variable, values in { for c in s.condition : c.variable => c.values... if c.test == test } : variable => distinct(flatten(values))
        }
      }
    },
  )]

  # Merged as aws_iam_policy_document merges: source documents, then policy_statements, then override
  # documents; a statement with the Sid of an earlier one takes its place, the others are added in order.
  role_policy_candidates = concat(
    flatten([for doc in var.source_policy_documents : flatten([jsondecode(doc).Statement])]),
    local.policy_statement_json,
    flatten([for doc in var.override_policy_documents : flatten([jsondecode(doc).Statement])]),
  )
  role_policy_sids = [for s in local.role_policy_candidates : try(s.Sid == null ? "" : tostring(s.Sid), "")]
  role_policy_statements = [
    for index, s in local.role_policy_candidates : jsondecode(local.role_policy_sids[index] == "" ? jsonencode(s) : jsonencode(reverse([for other in local.role_policy_candidates : other if try(other.Sid == null ? "" : tostring(other.Sid), "") == local.role_policy_sids[index]])[0]))
    if local.role_policy_sids[index] == "" || index(local.role_policy_sids, local.role_policy_sids[index]) == index
  ]

  # Known at plan whenever the list inputs' lengths are: whether the role has a policy of its own.
  has_role_policy = length(var.policy_statements) + length(var.source_policy_documents) + length(var.override_policy_documents) > 0
  role_policy_json = jsonencode({ Version = "2012-10-17", Statement = local.role_policy_statements })`;
}

/**
 * The role policy's locals and resources. `role`: HCL of the role resource; `inlineLength`: HCL of the
 * length of the role's other inline policies (inline_policies), for the quota check.
 */
export function rolePolicyHcl(role = 'aws_iam_role.this[0]', inlineLength = '0'): string {
  return `${banner('The role policy (policy_statements, policy documents, create_policy)')}

locals {
${statementsLocals()}

  # With create_policy: the role policy and the addons' statements (in add-on key order), in one document.
  managed_policy_statements = concat(local.role_policy_statements, flatten([for key in sort(keys(local.addon_policies)) : local.addon_statements[key]]))
  managed_policy_json       = jsonencode({ Version = "2012-10-17", Statement = local.managed_policy_statements })
  create_managed_policy     = var.create && var.create_policy && (local.has_role_policy || length(local.addon_policies) > 0)
  create_role_policy        = var.create && !var.create_policy && local.has_role_policy

  role_policy_name = var.policy_name == null ? ${quote(DEFAULT_INLINE_POLICY_NAME)} : var.policy_name
  # The names of the role's inline policies other than the addons', which an add-on policy may not take.
  reserved_policy_names = concat(keys(var.inline_policies), local.create_role_policy ? [local.role_policy_name] : [])
  role_inline_length    = local.create_role_policy ? length(replace(local.role_policy_json, "/\\\\s/", "")) : 0
}

resource "aws_iam_role_policy" "statements" {
  count = local.create_role_policy ? 1 : 0

  name   = local.role_policy_name
  role   = ${role}.name
  policy = local.role_policy_json

  lifecycle {
    precondition {
      condition     = !contains(keys(var.inline_policies), local.role_policy_name)
      error_message = "policy_name \\"\${local.role_policy_name}\\" cannot be combined with the inline_policies key of the same name: the role's inline policy of policy_statements and the policy documents has that name; set policy_name to another name."
    }
    precondition {
      condition     = local.role_inline_length + ${inlineLength} <= ${QUOTAS.inlinePolicyMaxLength}
      error_message = "policy_statements \\"\${local.role_inline_length + ${inlineLength}} characters\\" is invalid: it must be at most ${QUOTAS.inlinePolicyMaxLength} characters of inline policy per role, without white space, together with inline_policies: set create_policy to put it into a managed policy."
    }
  }
}

resource "aws_iam_policy" "this" {
  count = local.create_managed_policy ? 1 : 0

  # The role's name by default: managed policy names are unique per account, and so are role names.
  name        = var.policy_name == null ? ${role}.name : var.policy_name
  path        = var.policy_path == null ? var.role_path : var.policy_path
  description = var.policy_description
  policy      = local.managed_policy_json
  tags        = length(var.tags) == 0 ? null : var.tags

  lifecycle {
    precondition {
      condition     = length(replace(local.managed_policy_json, "/\\\\s/", "")) <= ${MANAGED_POLICY_MAX_LENGTH}
      error_message = "create_policy \\"\${length(replace(local.managed_policy_json, "/\\\\s/", ""))} characters\\" is invalid: it must be at most ${MANAGED_POLICY_MAX_LENGTH} characters of managed policy, without white space (the IAM quota): split the add-ons or statements across roles, or keep them inline (create_policy = false)."
    }
    precondition {
      condition     = length(compact([for s in local.managed_policy_statements : try(s.Sid == null ? "" : tostring(s.Sid), "")])) == length(distinct(compact([for s in local.managed_policy_statements : try(s.Sid == null ? "" : tostring(s.Sid), "")])))
      error_message = "create_policy \\"\${try([for sid in compact([for s in local.managed_policy_statements : try(s.Sid == null ? "" : tostring(s.Sid), "")]) : sid if length([for s in local.managed_policy_statements : s if try(s.Sid, "") == sid]) > 1][0], "")}\\" is invalid: it must be a policy whose Sids are unique, and a statement of the role policy has the Sid of an add-on statement: give it another Sid."
    }
  }
}

resource "aws_iam_role_policy_attachment" "policy" {
  count = local.create_managed_policy ? 1 : 0

  role       = ${role}.name
  policy_arn = aws_iam_policy.this[0].arn
}`;
}

/** The role policy's outputs, for the role modules. */
export const ROLE_POLICY_OUTPUTS = [
  {
    name: 'policy_arn',
    description: 'The managed policy\'s ARN with create_policy (null without it, or when there are no statements).',
    value: 'one(aws_iam_policy.this[*].arn)',
  },
  {
    name: 'policy_name',
    description: 'The name of the managed policy (create_policy) or of the inline policy of policy_statements and the policy documents (null when there is none).',
    value: 'local.create_managed_policy ? one(aws_iam_policy.this[*].name) : local.create_role_policy ? local.role_policy_name : null',
  },
  {
    name: 'policy',
    description:
      "The role policy as JSON text: with create_policy the managed policy's (the addons' statements included), else the inline policy of policy_statements and the policy documents (null when there is none).",
    value: 'local.create_managed_policy ? local.managed_policy_json : local.create_role_policy ? local.role_policy_json : null',
  },
];

export const ROLE_PATH_OUTPUT = {
  name: 'role_path',
  description: "The role's path (null when create is false).",
  value: 'one(aws_iam_role.this[*].path)',
};
