/**
 * modules/eks-pod-identity's terraform-aws-modules parity inputs: `trust_policy_conditions` (ANDed into every
 * Pod Identity statement, so they only narrow), `trust_policy_statements` (extra statements, ORed, checked as
 * buildTrustStatement checks them) and `association_defaults` (merged under each `associations` entry).
 * The HCL mirrors src/policy/pod-identity.ts (buildPodIdentityStatements' `conditions`, buildTrustStatement).
 */
import {
  POD_IDENTITY_PRINCIPAL,
  POD_IDENTITY_TAG_KEYS,
  TRUST_PRINCIPAL_TYPES,
  TRUST_STATEMENT_ATTRIBUTES,
} from '../policy/pod-identity';
import type { VariableSpec } from './files';
import type { ObjectInput } from './object-input';
import { type Validation, everyElement, invalidMessage } from './validation';

const SECTION_TRUST = 'Extra trust (trust_policy_conditions, trust_policy_statements)';
const SECTION_ASSOCIATIONS = 'Which service accounts get the role (EKS Pod Identity associations)';

const CONDITION_SHAPE = `can(tostring(c.test)) && can(tostring(c.variable)) && try(length(c.test) > 0 && length(c.variable) > 0, false) && can([for v in tolist(c.values) : tostring(v)]) && try(length(c.values) > 0, false) && try(alltrue([for k in keys(c) : contains(["test", "variable", "values"], k)]), false)`;
const CONDITION_ALLOWED = 'an object with exactly test, variable and values (a non-empty list of strings)';
const SCOPING_SLOTS = JSON.stringify(Object.values(POD_IDENTITY_TAG_KEYS).map((k) => `stringequals\n${k.toLowerCase()}`));
const SLOTS = '[for c in var.trust_policy_conditions : lower("${try(tostring(c.test), "")}\\n${try(tostring(c.variable), "")}")]';

function conditionVariable(): VariableSpec {
  return {
    name: 'trust_policy_conditions',
    section: SECTION_TRUST,
    description:
      'Conditions added to every Pod Identity trust statement, as aws_iam_policy_document condition blocks: [{ test, variable, values }], e.g. aws:PrincipalOrgID. IAM ANDs them with the scoping, so they only narrow; an (operator, key) given twice or repeating a scoping condition is an error (IAM would OR the values). A key absent from Pod Identity\'s request makes the role unusable. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html',
    type: 'any',
    default: [],
    validations: [
      {
        condition:
          '!can(keys(var.trust_policy_conditions)) && can([for c in var.trust_policy_conditions : c])',
        errorMessage: invalidMessage(
          'trust_policy_conditions ${try(jsonencode(var.trust_policy_conditions), "")}',
          'a list of { test, variable, values } objects',
        ),
      },
      everyElement({
        loop: 'index, c in var.trust_policy_conditions',
        condition: CONDITION_SHAPE,
        subject: 'trust_policy_conditions[${index}] ${jsonencode(c)}',
        fallback: 'trust_policy_conditions',
        allowed: CONDITION_ALLOWED,
        skipWhen: 'can(keys(var.trust_policy_conditions))',
      }),
      {
        condition: `length(distinct(${SLOTS})) == length(var.trust_policy_conditions) && (var.pod_identity_trust != "scoped" || length(setintersection(${SLOTS}, ${SCOPING_SLOTS})) == 0)`,
        errorMessage: invalidMessage(
          `trust_policy_conditions \${try(jsonencode([for index, c in var.trust_policy_conditions : "\${c.test} \${c.variable}" if length([for other in ${SLOTS} : other if other == ${SLOTS}[index]]) > 1 || (var.pod_identity_trust == "scoped" && contains(${SCOPING_SLOTS}, ${SLOTS}[index]))][0]), "")}`,
          'a new operator and key in each condition: this one is given twice or repeats a scoping condition (StringEquals on eks-cluster-name, kubernetes-namespace or kubernetes-service-account), whose values IAM would OR, widening the trust',
        ),
      },
    ],
  };
}

const PRINCIPALS_OK = (field: string) =>
  `try(s.${field}, null) == null ? true : can([for p in s.${field} : [tostring(p.type), [for id in tolist(p.identifiers) : tostring(id)]]]) && try(alltrue([for p in s.${field} : contains(${JSON.stringify(TRUST_PRINCIPAL_TYPES)}, p.type) && length(p.identifiers) > 0 && alltrue([for k in keys(p) : contains(["type", "identifiers"], k)])]), false)`;
const LIST_OK = (field: string) =>
  `try(s.${field}, null) == null ? true : can([for item in tolist(s.${field}) : tostring(item)]) && try(length(s.${field}) > 0, false)`;
const IS_ALLOW = 'try(s.effect, null) == null || try(s.effect == "Allow", false)';

function statementVariable(): VariableSpec {
  const known = JSON.stringify(TRUST_STATEMENT_ATTRIBUTES);
  const each = (condition: string, field: string, shown: string, allowed: string): Validation =>
    everyElement({
      loop: 'index, s in var.trust_policy_statements',
      condition,
      subject: `trust_policy_statements[\${index}]${field} \${jsonencode(${shown})}`,
      fallback: `trust_policy_statements${field}`,
      allowed,
      skipWhen: 'can(keys(var.trust_policy_statements))',
    });
  const given = (field: string) => `(try(s.${field}, null) != null)`;
  return {
    name: 'trust_policy_statements',
    section: SECTION_TRUST,
    description: `Extra trust statements, ORed with the Pod Identity ones, as aws_iam_policy_document statement blocks: [{ sid, effect (default "Allow"), actions or not_actions, principals or not_principals = [{ type (${TRUST_PRINCIPAL_TYPES.join(', ')}), identifiers }], condition = [{ test, variable, values }] }]. They may widen the trust, so an Allow with a "*" principal, with not_principals, or for ${POD_IDENTITY_PRINCIPAL} (which would bypass the scoping: use pod_identity_trust or trust_policy_conditions) is an error. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html`,
    type: 'any',
    default: [],
    validations: [
      {
        condition:
          '!can(keys(var.trust_policy_statements)) && can([for s in var.trust_policy_statements : s]) ? alltrue([for s in var.trust_policy_statements : can(keys(s))]) : false',
        errorMessage: invalidMessage(
          'trust_policy_statements ${try(jsonencode(var.trust_policy_statements), "")}',
          `a list of statement objects with ${TRUST_STATEMENT_ATTRIBUTES.join(', ')}`,
        ),
      },
      {
        condition: `alltrue([for s in var.trust_policy_statements : alltrue([for k in try(keys(s), []) : contains(${known}, k)])])`,
        errorMessage: `try([for index, s in var.trust_policy_statements : [for k in try(keys(s), []) : "trust_policy_statements[\${index}].\${k} is not an attribute of a trust statement (a trust policy's resource is the role itself): the attributes are ${TRUST_STATEMENT_ATTRIBUTES.join(', ')}." if !contains(${known}, k)][0] if length([for k in try(keys(s), []) : k if !contains(${known}, k)]) > 0][0], "trust_policy_statements has an attribute it does not know: the attributes are ${TRUST_STATEMENT_ATTRIBUTES.join(', ')}.")`,
      },
      each(
        `${given('effect')} ? contains(["Allow", "Deny"], try(tostring(s.effect), "")) : true`,
        '.effect',
        'try(s.effect, null)',
        '"Allow" or "Deny" (left out: "Allow")',
      ),
      each(
        `(${given('actions')} != ${given('not_actions')}) && (${LIST_OK('actions')}) && (${LIST_OK('not_actions')})`,
        '.actions',
        'try(s.actions, null)',
        'a non-empty list of strings, or not_actions instead (exactly one of the two)',
      ),
      each(
        `(${given('principals')} != ${given('not_principals')}) && (${PRINCIPALS_OK('principals')}) && (${PRINCIPALS_OK('not_principals')})`,
        '.principals',
        'try(s.principals, null)',
        `a list of { type (${TRUST_PRINCIPAL_TYPES.join(', ')}), identifiers } objects, or not_principals instead (exactly one of the two)`,
      ),
      each(
        `!(${IS_ALLOW}) || (!${given('not_principals')} && !anytrue([for p in try(tolist(s.principals), []) : anytrue([for id in try(tolist(p.identifiers), []) : strcontains(id, "*") || (try(p.type, "") == "Service" && lower(id) == ${JSON.stringify(POD_IDENTITY_PRINCIPAL)})])]))`,
        '.principals',
        'try(s.not_principals, s.principals, null)',
        `principals without "*" and without ${POD_IDENTITY_PRINCIPAL} in an Allow (no not_principals either): an Allow for every principal would let anyone assume the role, and one for ${POD_IDENTITY_PRINCIPAL} would bypass the Pod Identity scoping (use pod_identity_trust or trust_policy_conditions)`,
      ),
      each(
        `${given('condition')} ? !can(keys(s.condition)) && try(alltrue([for c in s.condition : ${CONDITION_SHAPE}]), false) : true`,
        '.condition',
        'try(s.condition, null)',
        `a list of { test, variable, values } objects (${CONDITION_ALLOWED}), or left out`,
      ),
    ],
  };
}

/** The attributes association_defaults may set (the associations' own). */
export function defaultsVariable(associations: ObjectInput): VariableSpec {
  const names = associations.attributes.map((a) => a.name);
  const known = JSON.stringify(names);
  return {
    name: 'association_defaults',
    section: SECTION_ASSOCIATIONS,
    description: `Defaults merged under every associations entry (an entry's own attribute wins; tags are merged: association_tags, then these, then the entry's): any of ${names.join(', ')}. Other attributes are errors. https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html`,
    type: 'any',
    default: {},
    validations: [
      {
        condition: `can(keys(var.association_defaults)) ? alltrue([for k in keys(var.association_defaults) : contains(${known}, k)]) : false`,
        errorMessage: `try("association_defaults.\${[for k in keys(var.association_defaults) : k if !contains(${known}, k)][0]} is not an attribute of associations entries: the attributes are ${names.join(', ')}.", "association_defaults \${try(jsonencode(var.association_defaults), "")} is invalid: it must be an object with any of ${names.join(', ')}.")`,
      },
      // Its values are checked with each entry's (the associations variable reads the merged entries).
    ],
  };
}

/**
 * HCL: the associations with the defaults merged under each entry, and `tags` the merged tags. `try` keeps
 * the entries readable while association_defaults is invalid (its own validation says why).
 */
export function associationEntriesHcl(input: ObjectInput): string {
  const defaults = input.attributes.map((a) => `${a.name} = null`).join(', ');
  const tags =
    'tags = merge(var.association_tags, try(tomap(var.association_defaults.tags), {}), try(tomap(var.associations[key].tags), {}))';
  const own = `merge({ ${defaults} }, var.associations[key])`;
  return `{ for key in keys(var.associations) : key => merge(try(merge({ ${defaults} }, var.association_defaults, var.associations[key]), ${own}), { ${tags} }) }`;
}

export function trustExtraVariables(): VariableSpec[] {
  return [conditionVariable(), statementVariable()];
}

/** HCL locals: the extra conditions as IAM condition blocks and the extra statements as IAM JSON. */
export const TRUST_EXTRAS_LOCALS = `  # trust_policy_conditions as IAM condition blocks (operator -> key -> value(s)); each (operator, key) once.
  extra_conditions = {
    for test in distinct([for c in var.trust_policy_conditions : c.test]) : test => {
      for c in var.trust_policy_conditions : c.variable => jsondecode(length(c.values) == 1 ? jsonencode(tostring(c.values[0])) : jsonencode([for v in c.values : tostring(v)])) if c.test == test
    }
  }

  # trust_policy_statements as IAM JSON, as buildTrustStatement writes them (ORed after the Pod Identity ones).
  extra_statement_entries = [for s in var.trust_policy_statements : merge({ sid = null, effect = null, actions = null, not_actions = null, principals = null, not_principals = null, condition = null }, s)]
  extra_statements = [for s in local.extra_statement_entries : merge(
    s.sid == null ? {} : { Sid = s.sid },
    { Effect = s.effect == null ? "Allow" : s.effect },
    s.principals == null ? {} : { Principal = { for type in distinct([for p in s.principals : p.type]) : type => distinct(flatten([for p in s.principals : p.identifiers if p.type == type])) } },
    s.not_principals == null ? {} : { NotPrincipal = { for type in distinct([for p in s.not_principals : p.type]) : type => distinct(flatten([for p in s.not_principals : p.identifiers if p.type == type])) } },
    s.actions == null ? {} : { Action = s.actions },
    s.not_actions == null ? {} : { NotAction = s.not_actions },
    try(length(s.condition), 0) == 0 ? {} : {
      Condition = {
        for test in distinct([for c in s.condition : c.test]) : test => {
          for variable, values in { for c in s.condition : c.variable => c.values... if c.test == test } : variable => distinct(flatten(values))
        }
      }
    },
  )]`;
