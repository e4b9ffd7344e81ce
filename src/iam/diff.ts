/**
 * Statement-by-statement policy diff. Each statement is flattened into facets ("Action: s3:GetObject",
 * "Condition: StringEquals k = v", ...) so a change reads as the facets added and removed.
 */
import type { PolicyDocument, Statement } from './document';

export interface StatementDiff {
  /** `Sid "x"` or `statement 2` (1-based position in the after, else before, document). */
  label: string;
  status: 'added' | 'removed' | 'changed';
  added: string[];
  removed: string[];
}

export function statementFacets(statement: Statement): string[] {
  const facets: string[] = [`Effect: ${statement.effect}`];
  const principals = (kind: string, map: Record<string, string[]> | undefined): void => {
    if (!map) return;
    for (const type of Object.keys(map).sort()) {
      for (const id of map[type]) facets.push(type === '*' ? `${kind}: *` : `${kind}: ${type} ${id}`);
    }
  };
  principals('Principal', statement.principal);
  principals('NotPrincipal', statement.notPrincipal);
  for (const [kind, list] of [
    ['Action', statement.action],
    ['NotAction', statement.notAction],
    ['Resource', statement.resource],
    ['NotResource', statement.notResource],
  ] as const) {
    for (const item of list ?? []) facets.push(`${kind}: ${item}`);
  }
  for (const c of statement.conditions) {
    facets.push(
      `Condition: ${c.operator} ${c.key} = ${c.values.length === 1 ? c.values[0] : JSON.stringify(c.values)}`,
    );
  }
  return [...new Set(facets)];
}

const sameFacets = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Pairs statements (by Sid, then identical content, then position) and lists facet changes. */
export function diffPolicies(
  before: PolicyDocument | undefined,
  after: PolicyDocument | undefined,
): StatementDiff[] {
  const b = (before?.statements ?? []).map((s, i) => ({ s, i, facets: statementFacets(s) }));
  const a = (after?.statements ?? []).map((s, i) => ({ s, i, facets: statementFacets(s) }));
  const pairs: [(typeof b)[number] | undefined, (typeof a)[number] | undefined][] = [];
  const usedB = new Set<number>();
  const usedA = new Set<number>();
  const pair = (match: (x: (typeof b)[number], y: (typeof a)[number]) => boolean): void => {
    for (const y of a) {
      if (usedA.has(y.i)) continue;
      const x = b.find((x) => !usedB.has(x.i) && match(x, y));
      if (!x) continue;
      usedA.add(y.i);
      usedB.add(x.i);
      pairs.push([x, y]);
    }
  };
  pair((x, y) => x.s.sid !== undefined && x.s.sid === y.s.sid);
  pair((x, y) => x.s.sid === y.s.sid && sameFacets(x.facets, y.facets));
  pair((x, y) => x.s.sid === undefined && y.s.sid === undefined);
  for (const y of a) if (!usedA.has(y.i)) pairs.push([undefined, y]);
  for (const x of b) if (!usedB.has(x.i)) pairs.push([x, undefined]);

  const out: (StatementDiff & { order: number })[] = [];
  for (const [x, y] of pairs) {
    const ref = y ?? x;
    if (!ref) continue;
    const label = ref.s.sid !== undefined ? `Sid "${ref.s.sid}"` : `statement ${ref.i + 1}`;
    const order = y ? y.i : 1000000 + (x?.i ?? 0);
    if (!x && y) out.push({ label, status: 'added', added: y.facets, removed: [], order });
    else if (x && !y) out.push({ label, status: 'removed', added: [], removed: x.facets, order });
    else if (x && y) {
      const added = y.facets.filter((f) => !x.facets.includes(f));
      const removed = x.facets.filter((f) => !y.facets.includes(f));
      if (added.length > 0 || removed.length > 0)
        out.push({ label, status: 'changed', added, removed, order });
    }
  }
  return out
    .sort((p, q) => p.order - q.order)
    .map(({ label, status, added, removed }) => ({ label, status, added, removed }));
}
