/**
 * One resource change as the model sees it, and reading its attributes and policies. Values are read in
 * place from the plan; nothing is cloned.
 */
import { parsePolicyDocument, type PolicyDocument } from '../../iam/document';
import type { RawResourceChange } from './types';
import { knownValue, readSlot, type PathStep, type Slot } from './values';

export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'no-op' | 'read' | 'forget';

export interface Change {
  address: string;
  type: string;
  kind: ChangeKind;
  importing: boolean;
  previousAddress?: string;
  actionReason?: string;
  /** Attribute paths forcing replacement, as `a.b[0]`. */
  replacePaths: string[];
  raw: RawResourceChange;
}

export type PolicyState =
  | { state: 'known'; text: string; document: PolicyDocument }
  | { state: 'invalid'; text: string; error: string }
  | { state: 'unknown' | 'sensitive' | 'absent' };

function kindOf(actions: readonly string[]): ChangeKind {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  for (const k of ['create', 'update', 'delete', 'read', 'forget'] as const)
    if (actions.includes(k)) return k;
  return 'no-op';
}

function formatPath(path: readonly unknown[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** The change of one well-formed resource_changes entry, or undefined for anything else. */
export function toChange(rc: RawResourceChange): Change | undefined {
  // Entries that are not resource changes are skipped rather than trusted.
  if (!rc || typeof rc !== 'object' || typeof rc.address !== 'string' || typeof rc.type !== 'string')
    return undefined;
  if (!rc.change || typeof rc.change !== 'object') return undefined;
  if (rc.mode === 'data') return undefined;
  const change: Change = {
    address: rc.address,
    type: rc.type,
    kind: kindOf(Array.isArray(rc.change.actions) ? rc.change.actions : []),
    importing: rc.change.importing !== undefined && rc.change.importing !== null,
    replacePaths:
      Array.isArray(rc.change.replace_paths) && rc.change.replace_paths.length > 0
        ? rc.change.replace_paths.map((p) => formatPath(Array.isArray(p) ? p : [p])).sort()
        : [],
    raw: rc,
  };
  if (typeof rc.previous_address === 'string' && rc.previous_address)
    change.previousAddress = rc.previous_address;
  if (typeof rc.action_reason === 'string' && rc.action_reason) change.actionReason = rc.action_reason;
  return change;
}

/** The side a change's current state is read from: before for deletions, after otherwise. */
export const currentSide = (change: Change): 'before' | 'after' =>
  change.kind === 'delete' || change.kind === 'forget' ? 'before' : 'after';

/** Slot of `path` in the before or after object of a change. */
export function side(change: Change, which: 'before' | 'after', path: readonly PathStep[]): Slot {
  const c = change.raw.change;
  if (which === 'before') {
    if (change.kind === 'create') return { state: 'absent' };
    return readSlot(c.before, undefined, c.before_sensitive, path);
  }
  if (change.kind === 'delete' || change.kind === 'forget') return { state: 'absent' };
  return readSlot(c.after, c.after_unknown, c.after_sensitive, path);
}

/** A string attribute of one side, or undefined. */
export function text(
  change: Change,
  which: 'before' | 'after',
  path: readonly PathStep[],
): string | undefined {
  // side() then slotText(), without the Slot: this runs for several attributes of every IAM change.
  const c = change.raw.change;
  let value: unknown;
  if (which === 'before') {
    if (change.kind === 'create') return undefined;
    value = knownValue(c.before, undefined, c.before_sensitive, path);
  } else {
    if (change.kind === 'delete' || change.kind === 'forget') return undefined;
    value = knownValue(c.after, c.after_unknown, c.after_sensitive, path);
  }
  return typeof value === 'string' ? value : undefined;
}

function policyFromSlot(slot: Slot): PolicyState {
  if (slot.state !== 'known') return { state: slot.state };
  if (typeof slot.value !== 'string') {
    const parsed = parsePolicyDocument(slot.value);
    const text = safeStringify(slot.value);
    return parsed.ok
      ? { state: 'known', text, document: parsed.document }
      : { state: 'invalid', text, error: parsed.error };
  }
  if (slot.value === '') return { state: 'absent' };
  const parsed = parsePolicyDocument(slot.value);
  return parsed.ok
    ? { state: 'known', text: slot.value, document: parsed.document }
    : { state: 'invalid', text: slot.value, error: parsed.error };
}

/** JSON.stringify that survives values nested deeper than the call stack allows. */
function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '(value too deeply nested to show)';
  }
}

/**
 * A policy parsed on first access: most policies in a large plan belong to resources that do not change,
 * and comparing their raw plan values is enough to know that. Getters on the prototype keep it small.
 */
class LazyPolicy {
  private parsed: PolicyState | undefined;
  constructor(readonly source: Slot) {}
  private get value(): PolicyState {
    return (this.parsed ??= policyFromSlot(this.source));
  }
  get state(): PolicyState['state'] {
    return this.value.state;
  }
  get text(): string | undefined {
    const p = this.value;
    return p.state === 'known' || p.state === 'invalid' ? p.text : undefined;
  }
  get document(): PolicyDocument | undefined {
    const p = this.value;
    return p.state === 'known' ? p.document : undefined;
  }
  get error(): string | undefined {
    const p = this.value;
    return p.state === 'invalid' ? p.error : undefined;
  }
}

export function policyOf(change: Change, which: 'before' | 'after', path: readonly PathStep[]): PolicyState {
  return new LazyPolicy(side(change, which, path)) as unknown as PolicyState;
}

export function policyText(p: PolicyState): string | undefined {
  return p.state === 'known' || p.state === 'invalid' ? p.text : undefined;
}

/** Whether a policy differs between two sides, comparing raw plan values when both are known. */
export function policyChanged(a: PolicyState, b: PolicyState): boolean {
  const x: unknown = a;
  const y: unknown = b;
  if (x instanceof LazyPolicy && y instanceof LazyPolicy) {
    const [p, q] = [x.source, y.source];
    if (p.state !== q.state) return true;
    if (p.state !== 'known' || q.state !== 'known') return false;
    if (p.value === q.value) return false;
    if (typeof p.value === 'string' || typeof q.value === 'string') return true;
    return safeStringify(p.value) !== safeStringify(q.value);
  }
  return policyText(a) !== policyText(b) || a.state !== b.state;
}
