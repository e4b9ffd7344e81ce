/**
 * The add-on catalog's data model. Each add-on's permissions are data (statement templates), so the
 * constructs (this file's `renderAddon`) and the generated Terraform modules (src/modules/addons.ts)
 * render the same policy from the same source.
 *
 * Template strings may hold placeholders: `${partition}`, `${dnsSuffix}` (the partition's service
 * domain, e.g. `amazonaws.com`), `${item}` (the current value of a `forEach` or list option), and
 * `${<option>}` for a single-value (`string`) option.
 */
import { createHash } from 'node:crypto';
import type { PolicyStatement } from '../document';
import type { StringRule } from '../../validation/rules';

/** A list of values (ARNs, IDs, names) the user scopes the add-on with. */
export interface ListOption {
  readonly name: string;
  readonly kind: 'list';
  /** Every item must satisfy this rule. */
  readonly item: StringRule;
  /** True: a non-empty list must be given. */
  readonly required?: boolean;
  /** A non-empty list must be given when this flag is on. */
  readonly requiredWith?: string;
  /** Shown as a warning when the list is left out or empty: why the policy then allows more. */
  readonly unsetWarning?: string;
  readonly doc: string;
}

/** One value the user must give (e.g. a cluster name used in tag conditions). */
export interface StringOption {
  readonly name: string;
  readonly kind: 'string';
  readonly item: StringRule;
  readonly doc: string;
}

/** A switch. */
export interface FlagOption {
  readonly name: string;
  readonly kind: 'flag';
  readonly default: boolean;
  readonly doc: string;
}

export type OptionSpec = ListOption | StringOption | FlagOption;

/** An error when every `when` holds (flags read with their defaults, lists counted as set when non-empty). */
export interface Refusal {
  readonly when: readonly When[];
  /** Why, and what to do: the message's second half. */
  readonly because: string;
}

/** Another name for an option, accepted by the Terraform modules' `addons` input. */
export interface OptionAlias {
  /** The other name, camelCase like the options (the modules take it in snake_case). */
  readonly name: string;
  /** The option it stands for. */
  readonly option: string;
  /** Where the name comes from, for docs and messages: e.g. terraform-aws-modules' full input name. */
  readonly from: string;
  /** For list options whose alias takes other values: the rule each item must satisfy... */
  readonly item?: StringRule;
  /** ...and the prefix (a regular expression anchored at the start) removed from each item. */
  readonly strip?: string;
}

/** A precondition on the options: a flag's value, or whether a list option has items. */
export type When =
  { readonly flag: string; readonly is: boolean } | { readonly set: string; readonly is: boolean };

/** Resources of a statement: a literal template, or an option's items (each through `format`). */
export type ResourceSpec =
  | string
  | {
      readonly option: string;
      /** Template with `${item}`; default: the item itself. */
      readonly format?: string;
      /** Used when the list is empty (only for options that are not required). */
      readonly fallback?: readonly string[];
    };

export interface ConditionSpec {
  readonly test: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface StatementSpec {
  readonly sid?: string;
  /** All must hold for the statement to be included. */
  readonly when?: readonly When[];
  /** One statement per item of this list option (`${item}` in keys, values and resources). */
  readonly forEach?: string;
  readonly actions: readonly string[];
  readonly resources: readonly ResourceSpec[];
  readonly conditions?: readonly ConditionSpec[];
}

export interface ManagedSpec {
  /** Names after `arn:<partition>:iam::aws:policy/`. */
  readonly policies: readonly string[];
  /** All must hold for the managed policies to be attached. */
  readonly when?: readonly When[];
}

export interface AddonSpec {
  /** The `wellKnownPolicies` key (camelCase). */
  readonly key: string;
  readonly title: string;
  /** Where the policy comes from: the controller's published policy document. */
  readonly source: string;
  /** The controller version the policy matches. */
  readonly version: string;
  /** Fingerprint of `managed`, `options` and `statements`; see test/policy/addons.test.ts. */
  readonly fingerprint: string;
  /** The add-on's documentation. */
  readonly docs: string;
  /** Other spellings accepted for the key (eksctl's). */
  readonly aliases?: readonly string[];
  /**
   * Names people know the add-on by, for "did you mean" only (not accepted as keys): terraform-aws-modules'
   * `attach_<name>_policy` names, the controller's or chart's name (`karpenter`, `aws-load-balancer-controller`).
   */
  readonly knownAs?: readonly string[];
  readonly options: readonly OptionSpec[];
  /** AWS managed policies AWS publishes for the add-on. */
  readonly managed?: ManagedSpec;
  readonly statements: readonly StatementSpec[];
  /** At least one of these list options must be given. */
  readonly requireOneOf?: readonly string[];
  /** Combinations of options that are errors (e.g. every tag scheme switched off). */
  readonly refuse?: readonly Refusal[];
  /**
   * Other names the Terraform modules' `addons` input accepts for an option: terraform-aws-modules' input
   * names without their add-on prefix. Not policy (the value feeds the option), so not fingerprinted.
   */
  readonly optionAliases?: readonly OptionAlias[];
  /** When the upstream policy itself grants broad access (e.g. `service:*` on `*`): what and why. */
  readonly broadUpstream?: string;
}

/** What the user gave for one add-on, after `true` became `{}`. */
export type AddonValues = Record<string, unknown>;

export interface AddonGrant {
  readonly managedPolicyArns: string[];
  readonly statements: PolicyStatement[];
  readonly warnings: string[];
}

/** The service domain of a partition (for service principals such as `ec2.amazonaws.com`). */
export const DNS_SUFFIXES: Readonly<Record<string, string>> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
  'aws-iso-e': 'cloud.adc-e.uk',
  'aws-iso-f': 'csp.hci.ic.gov',
  'aws-eusc': 'amazonaws.eu',
};

function flagValue(spec: AddonSpec, values: AddonValues, name: string): boolean {
  const option = spec.options.find((o) => o.name === name);
  if (!option || option.kind !== 'flag') throw new Error(`${spec.key}: no flag option ${name}`);
  const given = values[name];
  return given === undefined ? option.default : given === true;
}

function listValue(values: AddonValues, name: string): string[] {
  const given = values[name];
  return Array.isArray(given) ? (given as string[]) : [];
}

export function holds(spec: AddonSpec, values: AddonValues, when: readonly When[] | undefined): boolean {
  return (when ?? []).every((w) =>
    'flag' in w ? flagValue(spec, values, w.flag) === w.is : listValue(values, w.set).length > 0 === w.is,
  );
}

/** `with a = false and b = false`: a refusal's options as the user set them (`name` spells the names). */
export function describeWhen(when: readonly When[], name: (option: string) => string = (o) => o): string {
  const parts = when.map((w) =>
    'flag' in w ? `${name(w.flag)} = ${w.is}` : `${name(w.set)} ${w.is ? 'given' : 'left out'}`,
  );
  return `with ${parts.join(' and ')}`;
}

/** The refusals whose conditions all hold for `values` (validated values; tokens are the caller's concern). */
export function refusalsOf(spec: AddonSpec, values: AddonValues): Refusal[] {
  return (spec.refuse ?? []).filter((r) => holds(spec, values, r.when));
}

/** Where the policy is rendered: the partition, and its service domain. */
export interface Where {
  readonly partition: string;
  readonly dnsSuffix: string;
}

/** Fills a template's placeholders. */
export function fill(template: string, where: Where, values: AddonValues, item?: string): string {
  return template.replace(/\$\{([A-Za-z]+)\}/g, (_whole, name: string) => {
    if (name === 'partition') return where.partition;
    if (name === 'dnsSuffix') return where.dnsSuffix;
    if (name === 'item') {
      if (item === undefined) throw new Error(`\${item} outside forEach in ${template}`);
      return item;
    }
    const value = values[name];
    if (typeof value !== 'string') throw new Error(`no string option ${name} for ${template}`);
    return value;
  });
}

function resources(spec: StatementSpec, partition: Where, values: AddonValues, item?: string): string[] {
  const out: string[] = [];
  for (const resource of spec.resources) {
    if (typeof resource === 'string') {
      out.push(fill(resource, partition, values, item));
      continue;
    }
    const items = listValue(values, resource.option);
    if (items.length === 0) {
      out.push(...(resource.fallback ?? []).map((f) => fill(f, partition, values, item)));
    } else {
      out.push(...items.map((i) => fill(resource.format ?? '${item}', partition, values, i)));
    }
  }
  return out;
}

function statement(
  spec: StatementSpec,
  partition: Where,
  values: AddonValues,
  item?: string,
): PolicyStatement {
  const out: PolicyStatement = { Effect: 'Allow' };
  if (spec.sid !== undefined) out.Sid = spec.sid;
  out.Action = [...spec.actions];
  out.Resource = resources(spec, partition, values, item);
  if (spec.conditions && spec.conditions.length > 0) {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of spec.conditions) {
      condition[c.test] ??= {};
      condition[c.test][fill(c.key, partition, values, item)] = c.values.map((v) =>
        fill(v, partition, values, item),
      );
    }
    out.Condition = condition;
  }
  return out;
}

/**
 * The managed-policy ARNs and inline statements one add-on grants with `values`, and the warnings for
 * scopes left at `*`. `values` must already be validated.
 */
export function renderAddon(
  spec: AddonSpec,
  values: AddonValues,
  partitionName: string,
  dnsSuffix: string = DNS_SUFFIXES[partitionName] ?? 'amazonaws.com',
): AddonGrant {
  const partition: Where = { partition: partitionName, dnsSuffix };
  const managedPolicyArns =
    spec.managed && holds(spec, values, spec.managed.when)
      ? spec.managed.policies.map((name) => `arn:${partitionName}:iam::aws:policy/${name}`)
      : [];
  const statements: PolicyStatement[] = [];
  for (const s of spec.statements) {
    if (!holds(spec, values, s.when)) continue;
    if (s.forEach !== undefined) {
      for (const item of listValue(values, s.forEach)) statements.push(statement(s, partition, values, item));
    } else {
      statements.push(statement(s, partition, values));
    }
  }
  const warnings: string[] = [];
  for (const option of spec.options) {
    if (option.kind === 'list' && option.unsetWarning && listValue(values, option.name).length === 0) {
      warnings.push(`wellKnownPolicies.${spec.key}.${option.name} is not set: ${option.unsetWarning}`);
    }
  }
  return { managedPolicyArns, statements, warnings };
}

/** camelCase → snake_case, for the Terraform modules' attribute names. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * A digest of what an add-on grants (options, managed policies, statements). Each add-on file records it
 * next to its `version`; a test fails when they disagree, so changing a policy means recording the
 * upstream version it now matches, in the same file.
 */
export function fingerprintOf(spec: AddonSpec): string {
  const { options, managed, statements, requireOneOf } = spec;
  return createHash('sha256')
    .update(JSON.stringify({ version: spec.version, options, managed, statements, requireOneOf }))
    .digest('hex')
    .slice(0, 16);
}
