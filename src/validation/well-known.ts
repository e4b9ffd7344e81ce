/**
 * Validation of `wellKnownPolicies` against the add-on catalog: unknown keys and options are errors that
 * name the closest known one; scoping inputs are checked with the catalog's rules; required scopes must be
 * given. Terraform tokens pass through unchecked.
 */
import { Token } from 'cdktf';
import { suggestKey } from './suggest';

/** `: did you mean "x"?`, or `.` when there is no likely suggestion. */
const orNothing = (suggestion: string | undefined): string =>
  suggestion === undefined ? '.' : `: did you mean ${JSON.stringify(suggestion)}?`;
import type { AddonSpec } from '../policy/addons';
import { describeWhen, refusalsOf } from '../policy/addons/model';
import { addonCatalog } from '../policy/addon-catalog';
import type { WellKnownPolicies } from '../policy/well-known';
import { matchesRule, type StringRule } from './rules';

/** The subset of the construct checker this file needs. */
export interface WellKnownChecker {
  fail(property: string, message: string): never;
  invalid(property: string, value: unknown, allowed: string): never;
  string(property: string, value: string | undefined, rule: StringRule): void;
}

const isToken = (value: unknown): boolean => Token.isUnresolved(value);

export function checkWellKnownPolicies(
  check: WellKnownChecker,
  policies: WellKnownPolicies | undefined,
): void {
  if (policies === undefined) return;
  if (typeof policies !== 'object' || policies === null || Array.isArray(policies) || isToken(policies)) {
    check.invalid('wellKnownPolicies', policies, 'an object with one key per add-on (see WELL_KNOWN_ADDONS)');
  }
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(policies as Record<string, unknown>)) {
    const addon = addonCatalog().addonFor(name);
    if (!addon) {
      check.fail(
        'wellKnownPolicies',
        `wellKnownPolicies key ${JSON.stringify(name)} is not a known add-on${orNothing(addonCatalog().suggestAddonKey(name))} The keys are listed in WELL_KNOWN_ADDONS.`,
      );
    }
    const other = seen.get(addon.key);
    if (other !== undefined) {
      check.fail(
        `wellKnownPolicies.${name}`,
        `wellKnownPolicies.${name} cannot be combined with wellKnownPolicies.${other}: both name the ${addon.title} add-on; give one.`,
      );
    }
    seen.set(addon.key, name);
    checkAddon(check, addon, name, value);
  }
}

function checkAddon(check: WellKnownChecker, addon: AddonSpec, name: string, value: unknown): void {
  const property = `wellKnownPolicies.${name}`;
  if (value === undefined || value === false) return;
  const needsScope = addon.options.some((o) => o.kind === 'string' || (o.kind === 'list' && o.required));
  if (value === true) {
    if (needsScope) {
      check.invalid(
        property,
        true,
        `an object with ${requiredNames(addon)} (this add-on has no unscoped form)`,
      );
    }
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isToken(value)) {
    check.invalid(
      property,
      value,
      needsScope ? `an object with ${requiredNames(addon)}` : 'true, false, or an object of options',
    );
  }
  const values = value as Record<string, unknown>;
  const names = addon.options.map((o) => o.name);
  for (const key of Object.keys(values)) {
    if (!names.includes(key)) {
      check.fail(
        `${property}.${key}`,
        names.length === 0
          ? `${property}.${key} is not an option: ${name} takes none (give true).`
          : `${property}.${key} is not an option of ${name}${orNothing(suggestKey(key, names))} Options: ${names.join(', ')}.`,
      );
    }
  }
  for (const option of addon.options) {
    const given = values[option.name];
    const at = `${property}.${option.name}`;
    if (option.kind === 'flag') {
      if (given !== undefined && typeof given !== 'boolean' && !isToken(given))
        check.invalid(at, given, 'true or false');
      continue;
    }
    if (option.kind === 'string') {
      if (given === undefined) check.invalid(at, given, option.item.allowed);
      if (typeof given !== 'string') check.invalid(at, given, option.item.allowed);
      check.string(at, given, option.item);
      continue;
    }
    const flagOn = option.requiredWith !== undefined && values[option.requiredWith] === true;
    if (given === undefined) {
      if (option.required || flagOn) {
        check.invalid(
          at,
          given,
          `a non-empty list of ${option.item.allowed}${flagOn ? ` (${name}.${option.requiredWith} needs it)` : ''}`,
        );
      }
      continue;
    }
    if (isToken(given)) {
      check.invalid(
        at,
        '<a token>',
        'a list written out in code (its items may be tokens): the list decides how many statements are written',
      );
    }
    if (!Array.isArray(given)) check.invalid(at, given, `a list of ${option.item.allowed}`);
    if (given.length === 0) {
      check.invalid(
        at,
        [],
        option.required || flagOn
          ? `a non-empty list of ${option.item.allowed}`
          : 'a non-empty list (leave it out instead)',
      );
    }
    given.forEach((item, i) => {
      if (isToken(item)) return;
      if (typeof item !== 'string' || !matchesRule(option.item, item))
        check.invalid(`${at}[${i}]`, item, option.item.allowed);
    });
    const seen = new Set<string>();
    for (const item of given as string[]) {
      if (seen.has(item)) check.invalid(at, item, 'a list without duplicates (this value is listed twice)');
      seen.add(item);
    }
  }
  if (addon.requireOneOf && !addon.requireOneOf.some((o) => Array.isArray(values[o]))) {
    check.fail(
      property,
      `${property} needs at least one of ${addon.requireOneOf.join(', ')}: without them it would grant nothing.`,
    );
  }
  // A flag known only at apply cannot be judged here.
  for (const refusal of refusalsOf(addon, values)) {
    if (refusal.when.some((w) => isToken(values['flag' in w ? w.flag : w.set]))) continue;
    check.fail(property, `${property} ${describeWhen(refusal.when)} is invalid: ${refusal.because}`);
  }
}

function requiredNames(addon: AddonSpec): string {
  return addon.options
    .filter((o) => o.kind === 'string' || (o.kind === 'list' && o.required))
    .map((o) => o.name)
    .join(', ');
}
