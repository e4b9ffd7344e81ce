/**
 * IAM condition operators, evaluated against a request context.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import type { ConditionClause } from './document';
import { wildcardMatch } from './patterns';

/** Request context: condition key (any case) -> values. A missing key is absent from the request. */
export type RequestContext = Record<string, readonly string[] | undefined>;

export type Qualifier = 'ForAnyValue' | 'ForAllValues' | undefined;

export interface ParsedOperator {
  qualifier: Qualifier;
  /** Base operator without qualifier or `IfExists`, e.g. `StringLike`. */
  base: string;
  ifExists: boolean;
  /** True for the `...Not...` operators, which match when no value matches. */
  negated: boolean;
  supported: boolean;
}

const POSITIVE_MATCHERS: Record<string, (policy: string, value: string) => boolean> = {
  StringEquals: (p, v) => p === v,
  StringEqualsIgnoreCase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  StringLike: (p, v) => wildcardMatch(p, v),
  ArnEquals: (p, v) => arnMatch(p, v),
  ArnLike: (p, v) => arnMatch(p, v),
  Bool: (p, v) => p.toLowerCase() === v.toLowerCase(),
};

const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

const parsedOperators = new Map<string, ParsedOperator>();

/** The parsed operator (memoized: a plan repeats the same few operators thousands of times). */
export function parseOperator(operator: string): ParsedOperator {
  let parsed = parsedOperators.get(operator);
  if (parsed === undefined) {
    parsed = computeOperator(operator);
    if (parsedOperators.size < 10000) parsedOperators.set(operator, parsed);
  }
  return parsed;
}

function computeOperator(operator: string): ParsedOperator {
  let rest = operator;
  let qualifier: Qualifier;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    if (prefix === 'ForAnyValue' || prefix === 'ForAllValues') qualifier = prefix;
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith('IfExists');
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  const negatedOf = NEGATED[rest];
  const supported = colon < 0 || qualifier !== undefined;
  return {
    qualifier,
    base: rest,
    ifExists,
    negated: negatedOf !== undefined,
    supported: supported && (rest === 'Null' || negatedOf !== undefined || rest in POSITIVE_MATCHERS),
  };
}

/**
 * ArnEquals and ArnLike are documented with the same semantics: the six colon-separated components
 * are compared one by one, each may hold `*` and `?`, and a wildcard never crosses a component.
 */
function arnMatch(pattern: string, arn: string): boolean {
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p || !a) return false;
  for (let i = 0; i < 6; i++) if (!wildcardMatch(p[i], a[i])) return false;
  return true;
}

function splitArn(text: string): string[] | undefined {
  const parts = text.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** Context lookup ignoring key case, as IAM does for condition keys. */
export function contextValues(context: RequestContext, key: string): readonly string[] | undefined {
  const direct = context[key];
  if (direct !== undefined) return direct;
  const lower = key.toLowerCase();
  for (const k of Object.keys(context)) if (k.toLowerCase() === lower) return context[k];
  return undefined;
}

/** Evaluates one condition clause. Unsupported operators never match (an Allow gated by one grants nothing). */
export function evaluateClause(clause: ConditionClause, context: RequestContext): boolean {
  const op = parseOperator(clause.operator);
  if (!op.supported) return false;
  const present = contextValues(context, clause.key);
  const values = present ?? [];
  const absent = present === undefined || present.length === 0;

  if (op.base === 'Null') {
    // Null: "true" asks for the key to be absent, "false" for it to be present.
    return clause.values.some((v) => (v.toLowerCase() === 'true' ? absent : !absent));
  }
  if (absent) {
    if (op.ifExists) return true;
    if (op.qualifier === 'ForAllValues') return true;
    if (op.qualifier === 'ForAnyValue') return false;
    // Negated operators match a request that lacks the key.
    return op.negated;
  }
  const matcher = POSITIVE_MATCHERS[op.negated ? NEGATED[op.base] : op.base];
  const matchesAny = (value: string): boolean => clause.values.some((p) => matcher(p, value));
  if (op.qualifier === 'ForAllValues') {
    return values.every((v) => (op.negated ? !matchesAny(v) : matchesAny(v)));
  }
  if (op.qualifier === 'ForAnyValue') {
    return values.some((v) => (op.negated ? !matchesAny(v) : matchesAny(v)));
  }
  // Unqualified: positive operators need some value to match, negated ones need none to match.
  return op.negated ? !values.some(matchesAny) : values.some(matchesAny);
}

/** Clauses within a statement are ANDed. */
export function evaluateConditions(clauses: readonly ConditionClause[], context: RequestContext): boolean {
  return clauses.every((c) => evaluateClause(c, context));
}
