/**
 * The add-on catalog (src/policy/addons) rendered as HCL, from the same data the constructs render: the
 * `addons` input variable (one attribute per add-on carrying its scoping inputs, checked attribute by
 * attribute), locals that build each add-on's statements exactly as `renderAddon` builds them, one inline
 * policy per add-on, the AWS managed-policy attachments, and `check` blocks for scopes left at `*`.
 *
 * Reusable: any module that has a role (`aws_iam_role.this`) calls `addonsHcl` with its own references.
 *
 * Why the variable is `any`: an object type constraint makes Terraform silently drop attributes it does
 * not declare, so a misspelled add-on (`external_dnss = {}`) would grant nothing and raise no error. The
 * schema is instead checked by validation blocks, and the README documents it.
 *
 * Every `for_each` here is keyed by add-on names, flags and which list options are given, all known at
 * plan time; a list's length and items may be known only after apply.
 */
import {
  ADDONS,
  type AddonSpec,
  type ConditionSpec,
  type OptionSpec,
  type ResourceSpec,
  type StatementSpec,
  type When,
  DNS_SUFFIXES,
  snakeCase,
} from '../policy/addons';
import { QUOTAS } from '../validation/rules';
import {
  acceptedOptionNames,
  aliasGivenHcl,
  aliasValidations,
  givenHcl,
  rawOptionHcl,
  refusalValidations,
} from './addon-aliases';
import { escapeTemplate, quote } from './hcl';
import { Validation, invalidMessage, literalText, satisfies } from './validation';
import type { VariableSpec } from './files';

export interface AddonsHclOptions {
  /** The variable's name. */
  readonly variable?: string;
  /** variables.tf section the variable goes in. */
  readonly section: string;
  /** HCL expression of the AWS partition (e.g. from the OIDC provider ARN). */
  readonly partition: string;
  /** HCL expression of the role name the policies are attached to. */
  readonly role: string;
  /** HCL expression: whether to create anything. */
  readonly create: string;
  /** HCL expression of the inline policies' name prefix (the constructs' `inlinePolicyName`). */
  readonly namePrefix: string;
  /** HCL expression of the length of the module's own inline policies (0 when none), for the quota check. */
  readonly otherInlineLength: string;
  /** HCL list of the other managed-policy ARNs the module attaches (an add-on's may not repeat one). */
  readonly otherManagedArns?: string;
  /** The input that lists those ARNs, for the message. */
  readonly otherManagedInput?: string;
  /** HCL boolean: the statements go into a managed policy elsewhere (create_policy), not inline policies. */
  readonly managedPolicy?: string;
  /** HCL map of add-on key to inline policy name, overriding the default `<namePrefix>-<addonInCamelCase>`. */
  readonly nameOverrides?: string;
  /** HCL list of the role's other inline policy names, which an add-on policy may not take. */
  readonly reservedNames?: string;
}

export interface AddonsHcl {
  readonly variable: VariableSpec;
  /** A `locals` block and resources, for main.tf. */
  readonly main: string;
}

const attr = (name: string): string => snakeCase(name);

/** A template string of the catalog as an HCL quoted template. */
function template(
  text: string,
  refs: { partition: string; dnsSuffix: string; value: string; item?: string },
): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$\{([A-Za-z]+)\}/g)) {
    parts.push(literalText(text.slice(last, match.index)));
    const name = match[1];
    const expression =
      name === 'partition'
        ? refs.partition
        : name === 'dnsSuffix'
          ? refs.dnsSuffix
          : name === 'item'
            ? refs.item
            : `${refs.value}.${attr(name)}`;
    if (expression === undefined) throw new Error(`\${item} outside forEach: ${text}`);
    parts.push(`\${${expression}}`);
    last = match.index! + match[0].length;
  }
  parts.push(literalText(text.slice(last)));
  return `"${parts.join('')}"`;
}

function whenHcl(when: readonly When[] | undefined, value: string): string | undefined {
  if (!when || when.length === 0) return undefined;
  return when
    .map((w) => {
      if ('flag' in w) return `${w.is ? '' : '!'}${value}.${attr(w.flag)}`;
      return `length(${value}.${attr(w.set)}) ${w.is ? '>' : '=='} 0`;
    })
    .join(' && ');
}

function resourcesHcl(resources: readonly ResourceSpec[], refs: Parameters<typeof template>[1]): string {
  const lists = resources.map((r) => {
    if (typeof r === 'string') return `[${template(r, refs)}]`;
    const list = `${refs.value}.${attr(r.option)}`;
    const mapped = r.format
      ? `[for item in ${list} : ${template(r.format, { ...refs, item: 'item' })}]`
      : list;
    if (!r.fallback) return mapped;
    return `length(${list}) > 0 ? ${mapped} : [${r.fallback.map((f) => template(f, refs)).join(', ')}]`;
  });
  return lists.length === 1 ? lists[0] : `concat(${lists.join(', ')})`;
}

function conditionsHcl(conditions: readonly ConditionSpec[], refs: Parameters<typeof template>[1]): string {
  const byTest = new Map<string, ConditionSpec[]>();
  for (const c of conditions) byTest.set(c.test, [...(byTest.get(c.test) ?? []), c]);
  const blocks = [...byTest].map(([test, list]) => {
    const entries = list.map(
      (c) => `(${template(c.key, refs)}) = [${c.values.map((v) => template(v, refs)).join(', ')}]`,
    );
    return `${quote(test)} = {\n${entries.join('\n')}\n}`;
  });
  return `{\n${blocks.join('\n')}\n}`;
}

function statementHcl(s: StatementSpec, refs: Parameters<typeof template>[1]): string {
  const fields = [
    ...(s.sid !== undefined ? [`Sid = ${quote(s.sid)}`] : []),
    'Effect = "Allow"',
    `Action = [${s.actions.map(quote).join(', ')}]`,
    `Resource = ${resourcesHcl(s.resources, refs)}`,
    ...(s.conditions && s.conditions.length > 0 ? [`Condition = ${conditionsHcl(s.conditions, refs)}`] : []),
  ];
  return `{\n${fields.join('\n')}\n}`;
}

/**
 * HCL boolean, known at plan whenever the add-on's flags are: whether the add-on writes any statement, for
 * an add-on that is given (`given` its input, `value` its normalized options). A list option counts as set
 * when it is given (its validation requires a given list to be non-empty), so a list whose length is known
 * only after apply (`cluster_names = some_resource.names`) still gives known for_each keys.
 */
function hasStatementsHcl(spec: AddonSpec, given: string, value: string): string {
  const isGiven = (option: string) => `${rawOptionHcl(spec, `merge(${given})`, option)} != null`;
  const alternatives = spec.statements.map((s) => {
    const parts = (s.when ?? []).map((w) =>
      'flag' in w ? `${w.is ? '' : '!'}${value}.${attr(w.flag)}` : `${w.is ? '' : '!'}(${isGiven(w.set)})`,
    );
    if (s.forEach !== undefined) parts.push(isGiven(s.forEach));
    return parts.length === 0 ? 'true' : parts.join(' && ');
  });
  if (alternatives.length === 0) return 'false';
  if (alternatives.includes('true')) return 'true';
  return alternatives.map((a) => `(${a})`).join(' || ');
}

/**
 * HCL list expression of one add-on's statements, `value` being its normalized options and `enabled` an
 * HCL boolean (leave it out where the expression is evaluated only for an add-on that is given).
 * Statements are written as `for` expressions over `[1]` or `[]` rather than conditionals: the two sides
 * of a conditional must have one type, and statements differ in shape.
 */
export function addonStatementsHcl(
  spec: AddonSpec,
  value: string,
  enabled: string | undefined,
  partition: string,
  dnsSuffix: string,
): string {
  const refs = { partition, dnsSuffix, value };
  const lists = spec.statements.map((s) => {
    const condition = [enabled, whenHcl(s.when, value)].filter(Boolean).join(' && ');
    if (s.forEach !== undefined) {
      const list = `${value}.${attr(s.forEach)}`;
      const source = condition === '' ? list : `(${condition} ? ${list} : [])`;
      return `[for item in ${source} : ${statementHcl(s, { ...refs, item: 'item' })}]`;
    }
    return `[for _ in (${condition === '' ? 'true' : condition} ? [1] : []) : ${statementHcl(s, refs)}]`;
  });
  if (lists.length === 0) return '[]';
  return lists.length === 1 ? lists[0] : `concat(\n${lists.join(',\n')}\n)`;
}

/**
 * The normalized options of one add-on, defaults filled in, from its `any`-typed input `given`. lookup(),
 * not try(): try() makes its result unknown when the value holds anything unknown, and the lengths and
 * flags read here decide the for_each keys, which must stay known when only list items are.
 */
function normalized(spec: AddonSpec, given: string): string {
  // merge() of null is {}: an add-on given as null (`var.enabled ? {...} : null`) is off, with defaults.
  const options = `merge(${given})`;
  const fields = spec.options.map((o) => {
    const at = rawOptionHcl(spec, options, o.name);
    if (o.kind === 'flag') return `${attr(o.name)} = ${at} == null ? ${o.default} : ${at} == true`;
    if (o.kind === 'string') return `${attr(o.name)} = ${at} == null ? "" : tostring(${at})`;
    return `${attr(o.name)} = ${at} == null ? [] : ${at}`;
  });
  return fields.length === 0 ? '{}' : `{\n${fields.join('\n')}\n}`;
}

function optionType(o: OptionSpec): string {
  if (o.kind === 'flag') return `optional(bool, ${o.default})`;
  if (o.kind === 'string') return 'string';
  return o.required ? 'list(string)' : 'optional(list(string), [])';
}

/** The schema, for the variable description and README. */
export function addonsSchema(): string {
  return ADDONS.map((a) => {
    const options = a.options.map((o) => `${attr(o.name)} = ${optionType(o)}`).join(', ');
    return `${attr(a.key)} = optional(object({${options}}))`;
  }).join('\n');
}

/** A name as the suggestion compares it: lower case, without "_" or "-", "attach" or a "policy" suffix. */
export function bareAddonName(name: string): string {
  return name
    .replace(/[-_]/g, '')
    .toLowerCase()
    .replace(/^attach/, '')
    .replace(/policy$/, '');
}

/** The same as bareAddonName, in HCL. */
const bareHcl = (name: string) =>
  `replace(replace(lower(replace(${name}, "/[-_]/", "")), "/^attach/", ""), "/policy$/", "")`;

/** Every name an add-on is known by (its key, eksctl's aliases, other tools' names), bare, to its key. */
const ALIASES: Record<string, string> = Object.fromEntries(
  ADDONS.flatMap((a) =>
    [a.key, ...(a.aliases ?? []), ...(a.knownAs ?? [])].map((name) => [bareAddonName(name), attr(a.key)]),
  ),
);

function validations(variable: string): Validation[] {
  const v = `var.${variable}`;
  const keys = ADDONS.map((a) => attr(a.key));
  const out: Validation[] = [
    {
      condition: `can(keys(${v}))`,
      errorMessage: invalidMessage(
        `${variable} \${try(jsonencode(${v}), "")}`,
        'an object with one attribute per add-on, e.g. { aws_load_balancer_controller = {} }',
      ),
    },
    {
      condition: `alltrue([for key in try(keys(${v}), []) : contains(${JSON.stringify(keys)}, key)])`,
      errorMessage: `try([for key in keys(${v}) : "${variable} attribute \${jsonencode(key)} is not a known add-on: \${try("did you mean \${jsonencode(${closestHcl('key', keys)})}?", ${quote(`the add-ons are ${keys.join(', ')}.`)})}" if !contains(${JSON.stringify(keys)}, key)][0], "${variable} has an unknown add-on")`,
    },
  ];
  for (const addon of ADDONS) {
    const key = attr(addon.key);
    const input = `${v}.${key}`;
    // Only for an add-on that is given: a `for` over [1] or [] evaluates its body only then, where a
    // conditional would evaluate both sides for every add-on of every module instance.
    // (Terraform evaluates a validation's error message whether or not its condition holds, so the
    // messages are guarded the same way; a condition fails only for an add-on that is given.)
    const given = `try(${input}, null) != null ? [1] : []`;
    const ifPresent = (check: string) => `alltrue([for _ in (${given}) : ${check}])`;
    const first = out.length;
    const names = addon.options.map((o) => attr(o.name));
    const accepted = acceptedOptionNames(addon); // names, then terraform-aws-modules' (addon-aliases.ts)
    out.push({
      condition: ifPresent(`(can(keys(${input})) ? alltrue([for o in keys(${input}) : contains(${JSON.stringify(accepted)}, o)]) : false)`),
      errorMessage: `try([for o in keys(${input}) : "${variable}.${key}.\${o} is not an option of ${key}: the options are ${literalText(names.length === 0 ? 'none (give {})' : names.join(', '))}." if !contains(${JSON.stringify(accepted)}, o)][0], "${variable}.${key} ${literalText(`is invalid: it must be an object of options (${names.length === 0 ? '{}' : names.join(', ')}).`)}")`,
    });
    for (const option of addon.options) {
      const at = `${input}.${attr(option.name)}`;
      const label = `${variable}.${key}.${attr(option.name)}`;
      const value = `try(${at}, null)`;
      if (option.kind === 'flag') {
        out.push({
          condition: ifPresent(`${value} == null || can(tobool(${at}))`),
          errorMessage: invalidMessage(`${label} \${try(jsonencode(${at}), "")}`, 'true or false'),
        });
        continue;
      }
      if (option.kind === 'string') {
        out.push({
          condition: ifPresent(`can(tostring(${at})) && can(regex(${quote(option.item.pattern)}, ${at}))`),
          errorMessage: invalidMessage(`${label} \${try(jsonencode(${at}), "null")}`, option.item.allowed),
        });
        continue;
      }
      const neededAlone = option.required
        ? 'true'
        : option.requiredWith
          ? `try(tobool(${input}.${attr(option.requiredWith)}), false)`
          : 'false';
      // An alias given stands for the option (addon-aliases.ts).
      const aliasGiven = aliasGivenHcl(addon, input, option.name);
      const needed = aliasGiven === 'false' ? neededAlone : `(${neededAlone}) && !(${aliasGiven})`;
      out.push({
        condition: ifPresent(`(${value} == null ? !(${needed}) : can(tolist(${at})) && length(try(tolist(${at}), [])) > 0)`),
        errorMessage: invalidMessage(
          `${label} \${try(jsonencode(${at}), "null")}`,
          option.required || option.requiredWith
            ? `a non-empty list of ${option.item.allowed}${option.requiredWith ? ` (${key}.${attr(option.requiredWith)} needs it)` : ''}`
            : 'a non-empty list (leave it out instead)',
        ),
      });
      out.push({
        condition: ifPresent(`alltrue([for item in try(tolist(${at}), []) : ${satisfies('item', option.item)}])`),
        errorMessage: invalidMessage(
          `\${try([for i, item in tolist(${at}) : "${label}[\${i}] \${jsonencode(item)}" if !(${satisfies('item', option.item)})][0], "${label}")}`,
          option.item.allowed,
        ),
      });
    }
    if (addon.requireOneOf) {
      const any = addon.requireOneOf.map((o) => givenHcl(addon, input, o)).join(' || ');
      out.push({
        condition: ifPresent(`${any}`),
        errorMessage: `"${variable}.${key} needs at least one of ${addon.requireOneOf.map(attr).join(', ')}: without them it would grant nothing."`,
      });
    }
    // terraform-aws-modules' option names, and refused combinations (addon-aliases.ts).
    out.push(...aliasValidations(variable, addon, input, ifPresent), ...refusalValidations(variable, addon, input, ifPresent));
    for (let i = first; i < out.length; i++) {
      out[i] = { ...out[i], errorMessage: `join("", [for _ in (${given}) : ${out[i].errorMessage}])` };
    }
  }
  return out;
}

/**
 * HCL: the known key `name` most likely means: one whose key, eksctl alias or other name (the catalog's knownAs:
 * terraform-aws-modules' `attach_<name>_policy`, the controller's name) matches ignoring case, "_", "-",
 * "attach" and "policy"; else the first key sharing a long prefix (16, 12, 10, 8 or 6 characters;
 * Terraform has no edit distance). An error when there is none (the caller's try() then lists the keys):
 * no suggestion rather than a wrong one.
 */
function closestHcl(name: string, keys: readonly string[]): string {
  const norm = bareHcl(name);
  const byPrefix = [16, 12, 10, 8, 6].map(
    (n) =>
      `try([for k in ${JSON.stringify(keys)} : k if length(${norm}) >= ${n} && startswith(replace(k, "_", ""), substr(${norm}, 0, ${n}))][0], null)`,
  );
  return `coalesce(lookup(${hclMap(ALIASES)}, ${norm}, null), ${byPrefix.join(', ')})`;
}

function hclMap(record: Record<string, string>): string {
  return `{ ${Object.entries(record)
    .map(([k, val]) => `${quote(k)} = ${quote(val)}`)
    .join(', ')} }`;
}

/** The `addons` variable, locals, resources and checks, ready for a module's variables.tf and main.tf. */
export function addonsHcl(options: AddonsHclOptions): AddonsHcl {
  const name = options.variable ?? 'addons';
  const dnsSuffix = `lookup(${hclMap(DNS_SUFFIXES as Record<string, string>)}, local.addon_partition, "amazonaws.com")`;
  // One object per add-on, merged: each is a `for` over the add-ons given that keeps only its own key, so
  // an add-on's expression is evaluated only when it is given (a conditional would evaluate both sides).
  const perAddon = (over: string, bind: string, body: (a: AddonSpec) => string) =>
    `merge(\n${ADDONS.map((a) => `{ for key, ${bind} in ${over} : key => ${body(a)} if key == ${quote(attr(a.key))} }`).join(',\n')}\n)`;
  const optionsOf = (a: AddonSpec) => `[for key, options in local.addon_options : options if key == ${quote(attr(a.key))}]`;
  const managedLocals = ADDONS.filter((a) => a.managed).flatMap((a) =>
    a.managed!.policies.map((policy) => {
      const condition = whenHcl(a.managed!.when, 'options');
      return `{ for options in ${optionsOf(a)} : ${quote(`${attr(a.key)}/${policy}`)} => "arn:\${local.addon_partition}:iam::aws:policy/${escapeTemplate(policy)}"${condition ? ` if ${condition}` : ''} }`;
    }),
  );
  const warnings = ADDONS.flatMap((a) =>
    a.options
      .filter((o) => o.kind === 'list' && o.unsetWarning)
      .map((o) => {
        return `check "${name}_${attr(a.key)}_${attr(o.name)}_scoped" {
  assert {
    condition     = alltrue([for options in ${optionsOf(a)} : length(options.${attr(o.name)}) > 0])
    error_message = "${name}.${attr(a.key)}.${attr(o.name)} is not set: ${literalText(o.kind === 'list' ? (o.unsetWarning ?? '') : '')}"
  }
}`;
      }),
  );
  const camel = hclMap(Object.fromEntries(ADDONS.map((a) => [attr(a.key), a.key])));
  const main = `locals {
  addon_partition  = ${options.partition}
  addon_dns_suffix = ${dnsSuffix}

  # The add-ons given (one given as null is off: \`var.enabled ? {...} : null\`). Everything below is a
  # \`for\` over these, so a role evaluates the catalog entries of its own add-ons only.
  addon_given = { for key, value in var.${name} : key => value if value != null }

  # Each given add-on's options with defaults filled in.
  addon_options = ${perAddon('local.addon_given', 'given', (a) => normalized(a, 'given'))}

  # Each given add-on's statements, built as src/policy/addons/model.ts renderAddon builds them.
  addon_statements = ${perAddon('local.addon_options', 'options', (a) => addonStatementsHcl(a, 'options', undefined, 'local.addon_partition', 'local.addon_dns_suffix'))}

  # Whether each given add-on writes statements, from its flags and which lists are given (not their
  # lengths, which may be known only after apply): the for_each keys below.
  addon_has_statements = ${perAddon('local.addon_options', 'options', (a) => hasStatementsHcl(a, 'local.addon_given[key]', 'options'))}

  # Keyed by add-on: the names are known at plan time even when an ARN or a list is not.
  addon_policies = { for key, has in local.addon_has_statements : key => jsonencode({ Version = "2012-10-17", Statement = local.addon_statements[key] }) if has }
  addon_policy_names = ${camel}
  addon_inline_policy_names = { for key in keys(local.addon_policies) : key => ${options.nameOverrides ? `lookup(${options.nameOverrides}, key, "\${${options.namePrefix}}-\${local.addon_policy_names[key]}")` : `"\${${options.namePrefix}}-\${local.addon_policy_names[key]}"`} }
  addon_managed_policy_arns = merge(
${managedLocals.join(',\n')}
  )
  addon_inline_length = sum(concat([0], [for key, policy in local.addon_policies : length(replace(policy, "/\\\\s/", ""))]))
}

resource "aws_iam_role_policy" "${name}" {
  # One inline policy per add-on, named like the constructs name it.
  for_each = ${options.create}${options.managedPolicy ? ` && !(${options.managedPolicy})` : ''} ? local.addon_policies : {}

  name   = local.addon_inline_policy_names[each.key]
  role   = ${options.role}
  policy = each.value

  lifecycle {${
    options.reservedNames
      ? `
    precondition {
      condition     = !contains(${options.reservedNames}, local.addon_inline_policy_names[each.key])
      error_message = "${name}.\${each.key} cannot be combined with the inline policy of the same name \\"\${local.addon_inline_policy_names[each.key]}\\" (an inline_policies key or policy_name): the add-on's inline policy has that name; rename yours or set addon_policy_names.\${each.key}."
    }
    precondition {
      condition     = length([for key in keys(local.addon_policies) : key if local.addon_inline_policy_names[key] == local.addon_inline_policy_names[each.key]]) == 1
      error_message = "addon_policy_names.\${each.key} \\"\${local.addon_inline_policy_names[each.key]}\\" is invalid: it must be a name no other add-on's inline policy has."
    }`
      : ''
  }
    precondition {
      condition     = local.addon_inline_length + ${options.otherInlineLength} <= ${QUOTAS.inlinePolicyMaxLength}
      error_message = "${name} \\"\${local.addon_inline_length + ${options.otherInlineLength}} characters\\" is invalid: it must be at most ${QUOTAS.inlinePolicyMaxLength} characters of inline policy per role, without white space, together with inline_policies: split the add-ons across roles (their sizes: \${join(", ", [for key, policy in local.addon_policies : "\${key} \${length(replace(policy, "/\\\\s/", ""))}"])})."
    }
  }
}

resource "aws_iam_role_policy_attachment" "${name}" {
  # The AWS managed policies AWS publishes for an add-on (unless its inline option is set).
  for_each = ${options.create} ? local.addon_managed_policy_arns : {}

  role       = ${options.role}
  policy_arn = each.value
${
  options.otherManagedArns
    ? `
  lifecycle {
    precondition {
      condition     = !contains(${options.otherManagedArns}, each.value)
      error_message = "${options.otherManagedInput} \${jsonencode(each.value)} is invalid: it must be a list without the managed policies ${name} attaches already."
    }
  }
`
    : ''
}}

${warnings.join('\n\n')}
`;
  return { variable: addonsVariable(options.section, name), main };
}

/** The `addons` input: `any`, with its schema checked by validation blocks (see the file comment). */
export function addonsVariable(section: string, name = 'addons'): VariableSpec {
  return {
    name,
    section,
    description: `Cluster add-ons whose permissions the role gets (the constructs' wellKnownPolicies): one attribute per add-on with its scoping inputs, e.g. { aws_load_balancer_controller = {} } or { external_dns = { hosted_zone_ids = ["Z0123456789ABC"] } }; the add-ons, their inputs, sources and versions are in docs/addons.md. Unknown attributes are errors. https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html`,
    type: 'any',
    default: {},
    validations: validations(name),
  };
}

/** The catalog as a Markdown table (README and module READMEs): key, scoping inputs, managed, source. */
export function addonsMarkdownTable(style: 'construct' | 'module'): string {
  const name = (n: string) => (style === 'construct' ? n : attr(n));
  const rows = ADDONS.map((a) => {
    const options =
      a.options
        .map((o) => {
          const required = o.kind === 'string' || (o.kind === 'list' && o.required);
          return `\`${name(o.name)}\`${required ? ' (required)' : o.kind === 'flag' ? ` (${o.default})` : ''}`;
        })
        .join(', ') || 'none';
    const key = `\`${name(a.key)}\`${style === 'construct' && a.aliases ? ` (eksctl: ${a.aliases.map((x) => `\`${x}\``).join(', ')})` : ''}`;
    const managed = a.managed ? a.managed.policies.map((p) => `\`${p}\``).join(', ') : '';
    return `| ${key} | ${a.title} | ${options} | ${managed} | [${a.version}](${a.source}) |`;
  });
  return [
    '| key | add-on | scoping inputs and switches | AWS managed policy (default) | source and version |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Add-ons whose upstream policy is itself broad, and how (for docs/addons.md). */
export function broadUpstreamList(style: 'construct' | 'module'): string {
  return ADDONS.filter((a) => a.broadUpstream)
    .map((a) => `- \`${style === 'construct' ? a.key : attr(a.key)}\`: ${a.broadUpstream}`)
    .join('\n');
}
