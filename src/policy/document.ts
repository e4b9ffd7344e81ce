/**
 * IAM policy document shapes, as AWS reads them.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

/**
 * One of a set of string literals, or any other string: editors still suggest the literals, and a policy
 * held in an untyped variable (whose fields TypeScript widens to `string`) still type-checks. The
 * constructs check the actual value when validating.
 */
export type LiteralOrString<T extends string> = T | (string & Record<never, never>);

/** A condition value as IAM reads it: a string, or a JSON number or boolean (e.g. `Bool`, `NumericLessThan`). */
export type PolicyConditionValue = string | number | boolean;

/** A condition block: operator → condition key → one value or several (ORed). */
export type PolicyConditions = Record<string, Record<string, PolicyConditionValue | PolicyConditionValue[]>>;

/** A principal: `"*"` or a map of principal type → one identifier or several. */
export type PolicyPrincipal = '*' | Record<string, string | string[]>;

export interface PolicyStatement {
  Sid?: string;
  /** `Allow` or `Deny` (checked when the constructs validate a policy). */
  Effect: LiteralOrString<'Allow' | 'Deny'>;
  Principal?: PolicyPrincipal;
  NotPrincipal?: PolicyPrincipal;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: PolicyConditions;
}

export interface PolicyDocument {
  /** `2012-10-17` (or the legacy `2008-10-17`; checked when the constructs validate a policy). */
  Version: LiteralOrString<'2012-10-17' | '2008-10-17'>;
  Id?: string;
  Statement: PolicyStatement[];
}

/**
 * The length IAM counts against its quotas: every character except white space.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
 */
export function policyLength(document: PolicyDocument | string): number {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  return text.replace(/\s/g, '').length;
}

/** Minimal JSON (no white space), in the key order the document was built with. */
export function renderPolicy(document: PolicyDocument): string {
  return JSON.stringify(document);
}
