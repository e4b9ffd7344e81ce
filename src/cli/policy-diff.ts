/**
 * What changes in a role's permissions when one inline policy document replaces another, as grants: each
 * Allow statement is expanded into (action, resource, conditions) triples, so a regrouping of the same
 * statements is no change and a moved action reads as one grant removed and one added. MIGRATION.md and the
 * CLI's summary print these lines before adoption. Pure.
 */
import type { PolicyDocument, PolicyStatement } from '../policy/document';

/** Grants that share a resource and conditions, with the actions they allow. */
export interface GrantGroup {
  readonly actions: string[];
  readonly resource: string;
  /** `operator key = value` (values of one key joined with ` | `), sorted; empty without conditions. */
  readonly conditions: string[];
}

export interface GrantDiff {
  /** Granted by the new document only. */
  readonly added: GrantGroup[];
  /** Granted by the old document only. */
  readonly removed: GrantGroup[];
}

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function conditionsOf(statement: PolicyStatement): string[] {
  const out: string[] = [];
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(keys)) {
      out.push(`${operator} ${key} = ${(Array.isArray(value) ? value : [value]).map(String).join(' | ')}`);
    }
  }
  return out.sort();
}

/** Every Allow grant of `document`, keyed `resource \n conditions \n action`. */
function grants(
  document: PolicyDocument,
): Map<string, { action: string; group: Omit<GrantGroup, 'actions'> }> {
  const out = new Map<string, { action: string; group: Omit<GrantGroup, 'actions'> }>();
  for (const s of document.Statement) {
    if (s.Effect !== 'Allow') continue;
    const conditions = conditionsOf(s);
    for (const resource of list(s.Resource)) {
      for (const action of list(s.Action)) {
        out.set(`${resource}\n${conditions.join('\n')}\n${action}`, {
          action,
          group: { resource, conditions },
        });
      }
    }
  }
  return out;
}

function grouped(entries: { action: string; group: Omit<GrantGroup, 'actions'> }[]): GrantGroup[] {
  const groups = new Map<string, GrantGroup>();
  for (const { action, group } of entries) {
    const key = `${group.resource}\n${group.conditions.join('\n')}`;
    const found = groups.get(key) ?? { ...group, actions: [] };
    found.actions.push(action);
    groups.set(key, found);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => ({ ...g, actions: [...g.actions].sort() }));
}

/** The grants `after` adds to and removes from `before` (Deny and NotAction statements are not expected). */
export function grantDiff(before: PolicyDocument, after: PolicyDocument): GrantDiff {
  const b = grants(before);
  const a = grants(after);
  return {
    added: grouped([...a].filter(([k]) => !b.has(k)).map(([, v]) => v)),
    removed: grouped([...b].filter(([k]) => !a.has(k)).map(([, v]) => v)),
  };
}

/** One line per group: `added: \`a\`, \`b\` on \`resource\` when \`condition\``. */
export function grantDiffLines(diff: GrantDiff): string[] {
  const line = (verb: string, g: GrantGroup) =>
    `${verb}: ${g.actions.map((a) => `\`${a}\``).join(', ')} on \`${g.resource}\`${g.conditions.length > 0 ? ` when ${g.conditions.map((c) => `\`${c}\``).join(' and ')}` : ' (no condition)'}`;
  return [...diff.removed.map((g) => line('removed', g)), ...diff.added.map((g) => line('added', g))];
}
