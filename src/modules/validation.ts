/**
 * Terraform `validation` blocks rendered from the constructs' rule table (src/validation/rules.ts), with
 * the constructs' message wording: "<input> <value> is invalid: it must be <allowed>." and
 * "<input> cannot be combined with <other>: <why>.".
 *
 * Terraform 1.11 evaluates both operands of `&&` and `||`, and evaluates `error_message` even when the
 * condition holds, so every condition guards null with `? :` and every message that picks an offender
 * from a list wraps it in `try()`.
 */
import { NumberRule, StringRule } from '../validation/rules';
import { escapeTemplate, quote } from './hcl';

export interface Validation {
  /** HCL boolean expression; true when the input is valid. */
  readonly condition: string;
  /** HCL quoted template (with its quotes). */
  readonly errorMessage: string;
}

/** Text for inside a quoted template, taken literally. */
export function literalText(text: string): string {
  return escapeTemplate(text).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** HCL boolean: the string expression `value` satisfies `rule`'s lengths and pattern. */
export function satisfies(value: string, rule: StringRule): string {
  const checks: string[] = [];
  if (rule.minLength !== undefined) checks.push(`length(${value}) >= ${rule.minLength}`);
  if (rule.maxLength !== undefined) checks.push(`length(${value}) <= ${rule.maxLength}`);
  checks.push(`can(regex(${quote(rule.pattern)}, ${value}))`);
  return checks.join(' && ');
}

/** HCL boolean: the number expression `value` is a whole number within `rule`. */
export function withinRange(value: string, rule: NumberRule): string {
  return `${value} == floor(${value}) && ${value} >= ${rule.min} && ${value} <= ${rule.max}`;
}

/** `"<subject> is invalid: it must be <allowed>."`, where `subject` is template text (may interpolate). */
export function invalidMessage(subject: string, allowed: string): string {
  return `"${subject} is invalid: it must be ${literalText(allowed)}."`;
}

/** `"<input> cannot be combined with <other>: <why>."` */
export function conflictMessage(input: string, other: string, why: string): string {
  return `"${literalText(input)} cannot be combined with ${literalText(other)}: ${literalText(why)}."`;
}

/** A string input (null allowed when `nullable`) that must satisfy `rule`. */
export function stringRule(variable: string, rule: StringRule, nullable = true): Validation {
  const ref = `var.${variable}`;
  return {
    condition: nullable ? `${ref} == null ? true : ${satisfies(ref, rule)}` : satisfies(ref, rule),
    errorMessage: invalidMessage(`${variable} \${jsonencode(${ref})}`, rule.allowed),
  };
}

/** A number input (null allowed when `nullable`) that must be within `rule`. */
export function numberRule(variable: string, rule: NumberRule, nullable = true): Validation {
  const ref = `var.${variable}`;
  return {
    condition: nullable ? `${ref} == null ? true : ${withinRange(ref, rule)}` : withinRange(ref, rule),
    errorMessage: invalidMessage(`${variable} \${jsonencode(${ref})}`, rule.allowed),
  };
}

export interface EveryOptions {
  /** The `for` clause, e.g. `key, arn in var.policy_arns`. */
  readonly loop: string;
  /** HCL boolean: one element is valid. */
  readonly condition: string;
  /** Template text naming an element and its value, e.g. `policy_arns[${jsonencode(key)}] ${jsonencode(arn)}`. */
  readonly subject: string;
  /** Template text used when the offender cannot be named (the message is evaluated even on success). */
  readonly fallback: string;
  readonly allowed: string;
  /** HCL guard: when true the whole collection is valid (e.g. `var.labels == null`). */
  readonly skipWhen?: string;
}

/** Every element of a collection must be valid; the message names the first one that is not. */
export function everyElement(options: EveryOptions): Validation {
  const all = `alltrue([for ${options.loop} : ${options.condition}])`;
  const offender = `[for ${options.loop} : "${options.subject}" if !(${options.condition})][0]`;
  return {
    condition: options.skipWhen ? `${options.skipWhen} ? true : ${all}` : all,
    errorMessage: invalidMessage(`\${try(${offender}, "${options.fallback}")}`, options.allowed),
  };
}
