/**
 * IAM policy documents normalised into one shape: every "string or list" field becomes a list, and
 * condition blocks become a flat list of (operator, key, values) so evaluators and diffs need not care
 * how the author spelled them.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import { fitted } from './fitted';

export type Effect = 'Allow' | 'Deny';

/** Principal entries as `type -> ids`; the bare `"*"` principal is `{ '*': ['*'] }`. */
export type PrincipalMap = Record<string, string[]>;

export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  key: string;
  values: string[];
}

export interface Statement {
  sid?: string;
  effect: Effect;
  principal?: PrincipalMap;
  notPrincipal?: PrincipalMap;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  conditions: ConditionClause[];
}

export interface PolicyDocument {
  version?: string;
  statements: Statement[];
}

export type ParseResult = { ok: true; document: PolicyDocument } | { ok: false; error: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The longest string a policy may hold: IAM's largest policy document (an inline role policy, 10,240
 * characters) cannot hold a longer one. Longer values make the policy invalid, which keeps pattern
 * comparison (quadratic in the pattern lengths) bounded: see docs/review.md.
 */
export const MAX_POLICY_VALUE_LENGTH = 10240;

/** IAM accepts numbers and booleans in value lists; compare them as the strings IAM sees. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    const text = scalarText(value);
    return text === undefined ? undefined : [text];
  }
  // Exact-size copies (see ./fitted): the list as parsed when it holds only strings, else converted.
  let onlyStrings = true;
  for (const item of value) {
    if (typeof item === 'string') continue;
    if (scalarText(item) === undefined) return undefined;
    onlyStrings = false;
  }
  return onlyStrings ? (value.slice() as string[]) : value.map((item) => scalarText(item) as string);
}

/** Thrown while reading a statement whose elements IAM would refuse; the policy is then invalid. */
class InvalidPolicy extends Error {}

/** How a value IAM refuses looks, for the reason (never the value itself: it may be huge or deep). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.some((v) => Array.isArray(v))) return 'a list nested in a list';
    if (value.some((v) => v === null)) return 'a list holding null';
    if (value.some((v) => typeof v === 'object')) return 'a list holding an object';
    return 'a list';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * `"x"` or `["x", "y"]` (numbers and booleans as IAM reads them); absent is undefined; anything else
 * (null, an object, a list holding a list, an object or null) makes the policy invalid. Never recursive:
 * a value nested thousands of lists deep is described from its first level.
 */
function strictList(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  const list = stringList(value);
  if (list) return list;
  throw new InvalidPolicy(
    `${where} is ${describe(value)}, not a string or a list of strings, which IAM refuses`,
  );
}

function principalMap(value: unknown, element: string): PrincipalMap | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return { '*': ['*'] };
  if (!isObject(value))
    throw new InvalidPolicy(`${element} is ${describe(value)}, not "*" or an object, which IAM refuses`);
  const out: PrincipalMap = {};
  for (const type of Object.keys(value).sort()) {
    const ids = strictList(value[type], `${element} ${type}`);
    if (ids) out[type] = ids;
  }
  return out;
}

function conditionClauses(value: unknown): ConditionClause[] {
  if (value === undefined) return [];
  if (!isObject(value))
    throw new InvalidPolicy(`Condition is ${describe(value)}, not an object, which IAM refuses`);
  const out: ConditionClause[] = [];
  for (const operator of Object.keys(value)) {
    const block = value[operator];
    if (!isObject(block))
      throw new InvalidPolicy(
        `Condition ${operator} is ${describe(block)}, not an object, which IAM refuses`,
      );
    for (const key of Object.keys(block)) {
      const values = strictList(block[key], `the value of Condition ${operator} "${key}"`);
      out.push({ operator, key, values: values ?? [] });
    }
  }
  return fitted(out);
}

/** Element names as IAM reads them: case-insensitively (exact spelling first, as it is the norm). */
function fieldOf(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name];
  // Another spelling: the last key that matches case-insensitively (no closure or map per object).
  // Only keys of the same length can match: the element names are ASCII, and a key whose lower case is
  // ASCII has as many characters as its lower case.
  let lower: string | undefined;
  let found: unknown;
  for (const k in obj) {
    if (k.length !== name.length) continue;
    lower ??= name.toLowerCase();
    if (k.toLowerCase() === lower) found = obj[k];
  }
  return found;
}

/** Effect is required and case-sensitive: exactly `"Allow"` or `"Deny"`. */
function effectOf(value: unknown): Effect {
  if (value === 'Allow' || value === 'Deny') return value;
  if (value === undefined) throw new InvalidPolicy('Effect is missing, which IAM refuses');
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : describe(value);
  throw new InvalidPolicy(`Effect is ${shown}, not "Allow" or "Deny" (case-sensitive), which IAM refuses`);
}

function statementFrom(raw: Record<string, unknown>): Statement {
  const field = (name: string): unknown => fieldOf(raw, name);
  const sid = scalarText(field('Sid'));
  const statement: Statement = {
    effect: effectOf(field('Effect')),
    conditions: conditionClauses(field('Condition')),
  };
  if (sid !== undefined && sid !== '') statement.sid = sid;
  const principal = principalMap(field('Principal'), 'Principal');
  if (principal) statement.principal = principal;
  const notPrincipal = principalMap(field('NotPrincipal'), 'NotPrincipal');
  if (notPrincipal) statement.notPrincipal = notPrincipal;
  const action = strictList(field('Action'), 'Action');
  if (action) statement.action = action;
  const notAction = strictList(field('NotAction'), 'NotAction');
  if (notAction) statement.notAction = notAction;
  const resource = strictList(field('Resource'), 'Resource');
  if (resource) statement.resource = resource;
  const notResource = strictList(field('NotResource'), 'NotResource');
  if (notResource) statement.notResource = notResource;
  return statement;
}

/** Length of the longest string (key or value) in a JSON value, walked iteratively. */
function longestString(value: unknown): number {
  let longest = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.length > longest) longest = v.length;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else if (v !== null && typeof v === 'object') {
      // for-in over a JSON.parse result: own enumerable keys, without an entries array per object.
      const record = v as Record<string, unknown>;
      for (const k in record) {
        if (k.length > longest) longest = k.length;
        stack.push(record[k]);
      }
    }
  }
  return longest;
}

/** Parses a policy given as JSON text (as Terraform plans hold it) or as an already-parsed object. */
export function parsePolicyDocument(input: unknown): ParseResult {
  let raw: unknown = input;
  if (typeof input === 'string') {
    if (input.trim() === '') return { ok: false, error: 'the policy is empty' };
    try {
      raw = JSON.parse(input) as Json;
    } catch {
      return { ok: false, error: 'the policy is not valid JSON' };
    }
  }
  if (!isObject(raw)) return { ok: false, error: 'the policy is not a JSON object' };
  // A decoded JSON string is never longer than its text, so a short policy text needs no walk.
  const tooLong =
    typeof input === 'string' && input.length <= MAX_POLICY_VALUE_LENGTH ? 0 : longestString(raw);
  if (tooLong > MAX_POLICY_VALUE_LENGTH)
    return {
      ok: false,
      error: `a value is ${tooLong} characters long, more than any IAM policy can hold (${MAX_POLICY_VALUE_LENGTH})`,
    };
  const field = (name: string): unknown => fieldOf(raw, name);
  const statementValue = field('Statement');
  const rawStatements = Array.isArray(statementValue) ? statementValue : [statementValue];
  const statements: Statement[] = [];
  for (let i = 0; i < rawStatements.length; i++) {
    const item: unknown = rawStatements[i];
    if (!isObject(item)) return { ok: false, error: 'the policy has a Statement that is not an object' };
    try {
      statements.push(statementFrom(item));
    } catch (e) {
      if (!(e instanceof InvalidPolicy)) throw e;
      return { ok: false, error: `statement ${i + 1}: ${e.message}` };
    }
  }
  const version = scalarText(field('Version'));
  const kept = fitted(statements);
  return { ok: true, document: version === undefined ? { statements: kept } : { version, statements: kept } };
}

/** IAM counts policy size without whitespace (outside strings as well as inside, as the quota page says). */
export function policySizeWithoutWhitespace(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // space, tab, LF, CR
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) count++;
  }
  return count;
}

/** The trust-policy size quota (characters, whitespace excluded) with the default service quota. */
export const TRUST_POLICY_QUOTA = 2048;
