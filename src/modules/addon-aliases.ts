/**
 * The `addons` input's other option names (the catalog's `optionAliases`: terraform-aws-modules' input names
 * without their add-on prefix, e.g. `vpc_cni = { enable_ipv6 = true }`) and its refused option combinations
 * (`refuse`). Kept apart from src/modules/addons.ts, which calls these helpers where it reads or validates
 * an option; an add-on without aliases or refusals renders exactly as before.
 *
 * An alias feeds its option: the normalized value reads the option, else the alias (its items stripped of
 * `strip`, e.g. a hosted zone's ARN prefix). Giving an alias together with its option is an error naming
 * both.
 */
import { type AddonSpec, type OptionAlias, type OptionSpec, type When, describeWhen, snakeCase } from '../policy/addons';
import { quote } from './hcl';
import { type Validation, invalidMessage, literalText, satisfies } from './validation';

const attr = (name: string): string => snakeCase(name);

/** The aliases of one option. */
export function aliasesOf(spec: AddonSpec, option: string): OptionAlias[] {
  return (spec.optionAliases ?? []).filter((a) => a.option === option);
}

/** Every option name the input accepts for the add-on: its options, then their aliases (snake_case). */
export function acceptedOptionNames(spec: AddonSpec): string[] {
  return [...spec.options.map((o) => o.name), ...(spec.optionAliases ?? []).map((a) => a.name)].map(attr);
}

/**
 * HCL: the option's raw value from the object `options` (null when left out), through its aliases:
 * `lookup(o, "option", lookup(o, "alias", null))`. lookup(), not try(), as in addons.ts `normalized`.
 */
export function rawOptionHcl(spec: AddonSpec, options: string, option: string): string {
  let fallback = 'null';
  for (const alias of [...aliasesOf(spec, option)].reverse()) {
    const at = `lookup(${options}, ${quote(attr(alias.name))}, ${fallback})`;
    fallback = alias.strip
      ? `lookup(${options}, ${quote(attr(alias.name))}, null) == null ? ${fallback} : [for item in lookup(${options}, ${quote(attr(alias.name))}, null) : replace(item, ${quote(`/${alias.strip}/`)}, "")]`
      : at;
  }
  return `lookup(${options}, ${quote(attr(option))}, ${fallback})`;
}

/** HCL boolean, for validations: the option or one of its aliases is given in `input`. */
export function givenHcl(spec: AddonSpec, input: string, option: string): string {
  return [option, ...aliasesOf(spec, option).map((a) => a.name)]
    .map((name) => `try(${input}.${attr(name)}, null) != null`)
    .join(' || ');
}

/** HCL boolean, for validations: one of the option's aliases is given (`false` when it has none). */
export function aliasGivenHcl(spec: AddonSpec, input: string, option: string): string {
  const aliases = aliasesOf(spec, option);
  if (aliases.length === 0) return 'false';
  return aliases.map((a) => `try(${input}.${attr(a.name)}, null) != null`).join(' || ');
}

/**
 * Validations of the aliases of one add-on: not together with their option (or another alias of it), and
 * the same type and item checks as the option, with the alias's own item rule where it takes other values.
 */
export function aliasValidations(variable: string, spec: AddonSpec, input: string, ifPresent: (check: string) => string): Validation[] {
  const key = attr(spec.key);
  const out: Validation[] = [];
  for (const alias of spec.optionAliases ?? []) {
    const option = spec.options.find((o) => o.name === alias.option);
    if (!option) throw new Error(`${spec.key}: alias ${alias.name} of no option ${alias.option}`);
    const label = `${variable}.${key}.${attr(alias.name)}`;
    const siblings = aliasesOf(spec, alias.option);
    const others = [alias.option, ...siblings.slice(0, siblings.indexOf(alias)).map((a) => a.name)];
    for (const other of others) {
      out.push({
        condition: ifPresent(`!(try(${input}.${attr(alias.name)}, null) != null && try(${input}.${attr(other)}, null) != null)`),
        errorMessage: `"${literalText(`${label} cannot be combined with ${variable}.${key}.${attr(other)}: ${attr(alias.name)} is terraform-aws-modules' ${alias.from}, another name for ${attr(alias.option)}; give one.`)}"`,
      });
    }
    out.push(...aliasValueValidations(label, `${input}.${attr(alias.name)}`, ifPresent, option, alias));
  }
  return out;
}

function aliasValueValidations(
  label: string,
  at: string,
  ifPresent: (check: string) => string,
  option: OptionSpec,
  alias: OptionAlias,
): Validation[] {
  if (option.kind === 'flag') {
    return [
      {
        condition: ifPresent(`try(${at}, null) == null || can(tobool(${at}))`),
        errorMessage: invalidMessage(`${label} \${try(jsonencode(${at}), "")}`, 'true or false'),
      },
    ];
  }
  if (option.kind !== 'list') throw new Error(`alias ${alias.name}: only list and flag options take aliases`);
  const item = alias.item ?? option.item;
  return [
    {
      condition: ifPresent(`(try(${at}, null) == null ? true : can(tolist(${at})) && length(try(tolist(${at}), [])) > 0)`),
      errorMessage: invalidMessage(`${label} \${try(jsonencode(${at}), "null")}`, 'a non-empty list (leave it out instead)'),
    },
    {
      condition: ifPresent(`alltrue([for item in try(tolist(${at}), []) : ${satisfies('item', item)}])`),
      errorMessage: invalidMessage(
        `\${try([for i, item in tolist(${at}) : "${label}[\${i}] \${jsonencode(item)}" if !(${satisfies('item', item)})][0], "${label}")}`,
        item.allowed,
      ),
    },
  ];
}

/** HCL boolean, for validations: `when` holds for the raw `input` (flags with defaults, lists when non-empty). */
function holdsHcl(spec: AddonSpec, input: string, when: readonly When[]): string {
  return when
    .map((w) => {
      if ('flag' in w) {
        const option = spec.options.find((o) => o.name === w.flag);
        if (!option || option.kind !== 'flag') throw new Error(`${spec.key}: no flag ${w.flag}`);
        return `coalesce(try(tobool(${rawOptionHcl(spec, `merge(${input})`, w.flag)}), null), ${option.default}) == ${w.is}`;
      }
      return `(try(length(tolist(${rawOptionHcl(spec, `merge(${input})`, w.set)})), 0) > 0) == ${w.is}`;
    })
    .join(' && ');
}

/** Validations of the add-on's refused option combinations (`refuse`). */
export function refusalValidations(variable: string, spec: AddonSpec, input: string, ifPresent: (check: string) => string): Validation[] {
  const key = attr(spec.key);
  return (spec.refuse ?? []).map((refusal) => ({
    condition: ifPresent(`(can(keys(${input})) ? !(${holdsHcl(spec, input, refusal.when)}) : true)`),
    errorMessage: `"${literalText(`${variable}.${key} ${describeWhen(refusal.when, attr)} is invalid: ${refusal.because}`)}"`,
  }));
}
