/**
 * A trust known only after apply, reviewed from what the plan does know: the aws_iam_policy_document data
 * source it is built from is read at apply, but the plan holds that data source's known parts (`after`,
 * with `after_unknown` marking the rest). This reads its statements part by part, saying which parts are
 * unknown, so the constant parts (a `StringLike` on `system:serviceaccount:*`) are still reviewed.
 */
import { hasWildcard } from '../iam/patterns';
import type { PlanModel, RoleModel } from './plan/model';
import type { RawResourceChange } from './plan/types';
import { readSlot, type PathStep } from './plan/values';

/** One condition of a partly known statement: each part a value, or undefined when unknown. */
export interface PartialCondition {
  test?: string;
  variable?: string;
  values?: string[];
}

export interface PartialStatement {
  /** 1-based, as findings name statements. */
  number: number;
  effect?: string;
  actions?: string[];
  conditions: PartialCondition[];
}

export interface PartialTrust {
  /** The data source read. */
  document: string;
  statements: PartialStatement[];
  /** The parts the plan does not know, e.g. `statement 1 principals Federated`. */
  unknownParts: string[];
}

type Read = { known: true; value: unknown } | { known: false };

function reader(rc: RawResourceChange): (path: readonly PathStep[]) => Read {
  const c = rc.change;
  return (path) => {
    const slot = readSlot(c.after, c.after_unknown, c.after_sensitive, path);
    if (slot.state === 'known') return { known: true, value: slot.value };
    if (slot.state === 'absent') return { known: true, value: undefined };
    return { known: false };
  };
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;

/** The known parts of one aws_iam_policy_document data source read at apply. */
export function readPartialDocument(address: string, rc: RawResourceChange): PartialTrust {
  const read = reader(rc);
  const out: PartialTrust = { document: address, statements: [], unknownParts: [] };
  const whole = read(['statement']);
  if (!whole.known) {
    out.unknownParts.push('every statement');
    return out;
  }
  const list = Array.isArray(whole.value) ? whole.value : [];
  for (let i = 0; i < list.length; i++) {
    const at = `statement ${i + 1}`;
    const statement: PartialStatement = { number: i + 1, conditions: [] };
    const part = (path: readonly PathStep[], name: string): unknown => {
      const r = read(['statement', i, ...path]);
      if (!r.known) out.unknownParts.push(`${at} ${name}`);
      return r.known ? r.value : undefined;
    };
    const effect = part(['effect'], 'effect');
    statement.effect = typeof effect === 'string' ? effect : effect === undefined ? 'Allow' : undefined;
    const actions = strings(part(['actions'], 'actions'));
    if (actions) statement.actions = actions;
    const principals = part(['principals'], 'principals');
    if (Array.isArray(principals)) {
      principals.forEach((_, j) => {
        const type = part(['principals', j, 'type'], `principal ${j + 1} type`);
        part(
          ['principals', j, 'identifiers'],
          `${typeof type === 'string' ? type : 'principal'} identifiers`,
        );
        const ids = read(['statement', i, 'principals', j, 'identifiers']);
        if (ids.known && Array.isArray(ids.value))
          ids.value.forEach((_v, k) => {
            if (!read(['statement', i, 'principals', j, 'identifiers', k]).known)
              out.unknownParts.push(
                `${at} ${typeof type === 'string' ? type : 'principal'} identifier ${k + 1}`,
              );
          });
      });
    }
    const conditions = part(['condition'], 'conditions');
    if (Array.isArray(conditions)) {
      conditions.forEach((_, j) => {
        const test = part(['condition', j, 'test'], `condition ${j + 1} test`);
        const name = typeof test === 'string' ? `${test} condition` : `condition ${j + 1}`;
        const variable = part(['condition', j, 'variable'], `${name} variable (its key)`);
        const values = strings(part(['condition', j, 'values'], `${name} values`));
        const condition: PartialCondition = {};
        if (typeof test === 'string') condition.test = test;
        if (typeof variable === 'string') condition.variable = variable;
        if (values) condition.values = values;
        statement.conditions.push(condition);
      });
    }
    out.statements.push(statement);
  }
  out.unknownParts = [...new Set(out.unknownParts)];
  return out;
}

/** The partly known trusts of a role whose trust is known only after apply (one per data source). */
export function partialTrusts(role: RoleModel, model: PlanModel): PartialTrust[] {
  const out: PartialTrust[] = [];
  for (const address of role.trustSource?.documents ?? []) {
    const rc = model.policyDocuments.get(address);
    if (rc) out.push(readPartialDocument(address, rc));
  }
  return out;
}

export const SUBJECT_PREFIX = 'system:serviceaccount:';

/** Known service-account subject patterns an Allow statement's known conditions let through. */
export function wildcardSubjects(trust: PartialTrust): { statement: number; test: string; value: string }[] {
  const out: { statement: number; test: string; value: string }[] = [];
  for (const s of trust.statements) {
    if (s.effect !== 'Allow') continue;
    for (const c of s.conditions) {
      // Only a positive StringLike matches patterns; the key may be unknown, the subject values say it is :sub.
      if (!c.test || !/^(ForAnyValue:|ForAllValues:)?StringLike(IfExists)?$/.test(c.test)) continue;
      if (c.variable !== undefined && !c.variable.toLowerCase().endsWith(':sub')) continue;
      for (const value of c.values ?? [])
        if (value.startsWith(SUBJECT_PREFIX) && hasWildcard(value))
          out.push({ statement: s.number, test: c.test, value });
    }
  }
  return out;
}

/** What the review says of a trust known only after apply: where it comes from and what is unknown. */
export function unknownTrustReason(role: RoleModel, model: PlanModel): string {
  const base = 'it is known only after apply';
  const trusts = partialTrusts(role, model);
  if (trusts.length > 0) {
    const parts = trusts.map(
      (t) => `${t.document}${t.unknownParts.length > 0 ? `, unknown: ${t.unknownParts.join(', ')}` : ''}`,
    );
    return `${base}; its known parts were reviewed from ${parts.join('; ')}`;
  }
  const all = role.trustSource?.references ?? [];
  // `x.y.arn` says more than `x.y`: the shorter is left out when the longer is there.
  const named = all.filter((r) => !all.some((o) => o.startsWith(`${r}.`)));
  if (named.length > 0)
    return `${base}: the plan holds no constant part of its expression, which depends on ${named.join(', ')}`;
  return base;
}
