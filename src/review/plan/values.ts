/**
 * Reading attribute values out of a resource change together with its shadow trees: `after_unknown`
 * (true where the value is known only after apply) and `before_sensitive`/`after_sensitive` (true where
 * the value must never be shown). Values are read in place; nothing is cloned.
 */

export type Slot =
  { state: 'known'; value: unknown } | { state: 'unknown' } | { state: 'sensitive' } | { state: 'absent' };

export type PathStep = string | number;

function step(value: unknown, key: PathStep): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return typeof key === 'number' ? value[key] : undefined;
  return (value as Record<string, unknown>)[String(key)];
}

/** True when the shadow tree marks `path` or any prefix of it with `true`. */
export function shadowMarks(shadow: unknown, path: readonly PathStep[]): boolean {
  let current = shadow;
  if (current === true) return true;
  // Index loops: this runs for every attribute of every change, mostly before the JIT warms up.
  for (let i = 0; i < path.length; i++) {
    current = step(current, path[i]);
    if (current === true) return true;
    if (current === undefined || current === null || current === false) return false;
  }
  return false;
}

/** The value at `path`, or why it cannot be shown. Sensitivity wins over everything. */
export function readSlot(
  value: unknown,
  unknown: unknown,
  sensitive: unknown,
  path: readonly PathStep[],
): Slot {
  if (shadowMarks(sensitive, path)) return { state: 'sensitive' };
  if (unknown !== undefined && shadowMarks(unknown, path)) return { state: 'unknown' };
  let current = value;
  for (let i = 0; i < path.length; i++) current = step(current, path[i]);
  if (current === undefined || current === null) return { state: 'absent' };
  return { state: 'known', value: current };
}

/** The value at `path` when it is known and shown (readSlot's `known` case), else undefined; no Slot allocated. */
export function knownValue(
  value: unknown,
  unknown: unknown,
  sensitive: unknown,
  path: readonly PathStep[],
): unknown {
  if (shadowMarks(sensitive, path)) return undefined;
  if (unknown !== undefined && shadowMarks(unknown, path)) return undefined;
  let current = value;
  for (let i = 0; i < path.length; i++) current = step(current, path[i]);
  return current === null ? undefined : current;
}

export function slotText(slot: Slot): string | undefined {
  return slot.state === 'known' && typeof slot.value === 'string' ? slot.value : undefined;
}

export function slotStrings(slot: Slot): string[] {
  if (slot.state !== 'known' || !Array.isArray(slot.value)) return [];
  return slot.value.filter((v): v is string => typeof v === 'string');
}

/** How a slot reads in a report. */
export function describeSlot(slot: Slot): string {
  switch (slot.state) {
    case 'sensitive':
      return '(sensitive value)';
    case 'unknown':
      return '(known after apply)';
    case 'absent':
      return '(none)';
    default:
      if (typeof slot.value === 'string') return slot.value;
      try {
        return JSON.stringify(slot.value);
      } catch {
        return '(value too deeply nested to show)';
      }
  }
}
