/**
 * How an eksctl trust policy compares with the one this project builds for the same role: same meaning or
 * not, whether the AWS provider will plan an in-place update of `assume_role_policy`, and each layout
 * difference in words. Pure.
 *
 * The provider compares policies by meaning for the layout choices that differ here (a one-element list
 * equals its string, key order and list order do not matter), so a layout-only difference plans no change.
 */
import type { PolicyDocument, PolicyStatement } from '../policy/document';

export interface TrustDiff {
  /** Grants exactly the same access. */
  readonly sameMeaning: boolean;
  /** The provider plans an in-place update of `assume_role_policy` (never a replacement). */
  readonly inPlaceUpdate: boolean;
  /** Each difference, in words; empty when the documents are identical. */
  readonly differences: string[];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The provider's view: one-element lists as strings, lists as sorted sets, keys sorted. */
function canonical(value: unknown): Json {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    if (items.length === 1) return items[0];
    return items
      .map((i) => JSON.stringify(i))
      .sort()
      .map((i) => JSON.parse(i) as Json);
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort())
      out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value as Json;
}

/** Meaning only: StringLike values without `*` or `?` are StringEquals. */
function meaning(document: PolicyDocument): Json {
  const statements = document.Statement.map((s) => {
    const condition: Record<string, Record<string, unknown>> = {};
    for (const [op, keys] of Object.entries(s.Condition ?? {})) {
      for (const [key, value] of Object.entries(keys)) {
        const values = Array.isArray(value) ? value : [value];
        const literal = op === 'StringLike' && values.every((v) => !/[*?]/.test(String(v)));
        const target = literal ? 'StringEquals' : op;
        condition[target] = { ...condition[target], [key]: value };
      }
    }
    return { ...s, Condition: condition };
  });
  return canonical({ ...document, Statement: statements });
}

function keyOrder(o: object | undefined): string {
  return o ? Object.keys(o).join(', ') : '';
}

function describeLayout(eksctl: PolicyStatement, ours: PolicyStatement, index: number): string[] {
  const out: string[] = [];
  const where = `Statement[${index}]`;
  if (Array.isArray(eksctl.Action) !== Array.isArray(ours.Action)) {
    out.push(
      `${where}.Action: eksctl writes ${JSON.stringify(eksctl.Action)}, this module ${JSON.stringify(ours.Action)} (same action)`,
    );
  }
  if (keyOrder(eksctl) !== keyOrder(ours)) {
    out.push(`${where}: key order ${keyOrder(eksctl)} (eksctl) vs ${keyOrder(ours)} (this module)`);
  }
  for (const op of new Set([...Object.keys(eksctl.Condition ?? {}), ...Object.keys(ours.Condition ?? {})])) {
    const a = eksctl.Condition?.[op];
    const b = ours.Condition?.[op];
    if (a && b && keyOrder(a) !== keyOrder(b)) {
      out.push(`${where}.Condition.${op}: key order ${keyOrder(a)} (eksctl) vs ${keyOrder(b)} (this module)`);
    }
    if (!a || !b) {
      out.push(`${where}.Condition.${op}: only ${a ? 'eksctl' : 'this module'} uses this operator`);
    }
  }
  return out;
}

/** Compares eksctl's trust policy with this project's for the same role. */
export function compareTrustPolicies(eksctl: PolicyDocument, ours: PolicyDocument): TrustDiff {
  const identical = JSON.stringify(eksctl) === JSON.stringify(ours);
  if (identical) return { sameMeaning: true, inPlaceUpdate: false, differences: [] };
  const providerEqual = JSON.stringify(canonical(eksctl)) === JSON.stringify(canonical(ours));
  const sameMeaning = JSON.stringify(meaning(eksctl)) === JSON.stringify(meaning(ours));
  const differences: string[] = [];
  if (eksctl.Statement.length !== ours.Statement.length) {
    differences.push(
      `${eksctl.Statement.length} statement(s) (eksctl) vs ${ours.Statement.length} (this module)`,
    );
  } else {
    eksctl.Statement.forEach((s, i) => differences.push(...describeLayout(s, ours.Statement[i], i)));
  }
  if (!sameMeaning) differences.push('the documents grant different access: review before applying');
  return { sameMeaning, inPlaceUpdate: !providerEqual, differences };
}
