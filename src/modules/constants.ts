/**
 * Constant literals hoisted out of validation expressions into one local.
 *
 * Terraform 1.11 walks and evaluates every validation's condition and error_message once per module
 * instance, and the cost follows the size of their text (bench/NOTES.md, section 3b). Lists and maps
 * written out in full (add-on names, option names, alias tables) make up much of that text, so each such
 * literal becomes `local.validation_constants.<key>`: the object is built once per instance, and a
 * validation may refer to a local that does not depend on its variable (Terraform 1.9). Same values,
 * so the same conditions and messages.
 */
import { createHash } from 'node:crypto';

/** The local that holds the hoisted literals. */
export const CONSTANTS_LOCAL = 'validation_constants';

/** Literals shorter than this stay where they are. */
const MIN_LENGTH = 48;

/** Collects literals from expressions and renders the local that defines them. */
export class ConstantPool {
  private readonly entries = new Map<string, string>();

  /** `expression` with every constant list or map of at least MIN_LENGTH characters replaced by a reference. */
  hoist(expression: string): string {
    let out = '';
    let last = 0;
    for (const span of constantSpans(expression)) {
      out += expression.slice(last, span.start) + this.reference(expression.slice(span.start, span.end));
      last = span.end;
    }
    return out + expression.slice(last);
  }

  /** The `locals` block, or '' when nothing was hoisted. Keys sorted, so the output is deterministic. */
  localsBlock(): string {
    if (this.entries.size === 0) return '';
    const lines = [...this.entries].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} = ${v}`);
    return `locals {\n${CONSTANTS_LOCAL} = {\n${lines.join('\n')}\n}\n}`;
  }

  private reference(literal: string): string {
    const key = `c_${createHash('sha256').update(literal).digest('hex').slice(0, 10)}`;
    const known = this.entries.get(key);
    if (known !== undefined && known !== literal) throw new Error(`constant key collision: ${key}`);
    this.entries.set(key, literal);
    return `local.${CONSTANTS_LOCAL}.${key}`;
  }
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Outermost constant `[…]`/`{…}` literals in the code parts of `text` (not inside quoted text). */
export function constantSpans(text: string): Span[] {
  const spans: Span[] = [];
  // Stack of contexts: 'c' = code (bracket depth tracked by '(' '[' '{'), 's' = quoted template.
  const stack: { kind: 'c' | 's'; depth: number }[] = [{ kind: 'c', depth: 0 }];
  let i = 0;
  while (i < text.length) {
    const top = stack[stack.length - 1];
    const ch = text[i];
    if (top.kind === 's') {
      if (ch === '\\') i += 2;
      else if ((ch === '$' || ch === '%') && text[i + 1] === ch && text[i + 2] === '{') i += 3;
      else if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
        stack.push({ kind: 'c', depth: 0 });
        i += 2;
      } else {
        if (ch === '"') stack.pop();
        i += 1;
      }
      continue;
    }
    if (ch === '"') {
      stack.push({ kind: 's', depth: 0 });
      i += 1;
    } else if ((ch === '[' || ch === '{') && !indexes(text, i)) {
      const end = constantEnd(text, i);
      if (end !== undefined && end - i >= MIN_LENGTH) {
        spans.push({ start: i, end });
        i = end;
      } else {
        top.depth += 1;
        i += 1;
      }
    } else if (ch === '(' || ch === '[' || ch === '{') {
      top.depth += 1;
      i += 1;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      if (top.depth === 0 && ch === '}' && stack.length > 1) stack.pop();
      else top.depth -= 1;
      i += 1;
    } else i += 1;
  }
  return spans;
}

/** The bracket at `i` indexes the expression before it (`x[0]`, `f()["k"]`) rather than opening a literal. */
function indexes(text: string, i: number): boolean {
  if (text[i] !== '[') return false;
  let j = i - 1;
  while (j >= 0 && /\s/.test(text[j])) j -= 1;
  if (/(?:^|[^A-Za-z0-9_])in$/.test(text.slice(Math.max(0, j - 2), j + 1))) return false;
  return j >= 0 && /[A-Za-z0-9_)\]}"]/.test(text[j]);
}

/** End (exclusive) of the constant literal opening at `i`, or undefined when it is not constant. */
function constantEnd(text: string, i: number): number | undefined {
  const r = parseValue(text, skip(text, i));
  return r === undefined || (text[i] !== '[' && text[i] !== '{') ? undefined : r;
}

function skip(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i += 1;
  return i;
}

function parseValue(text: string, i: number): number | undefined {
  const ch = text[i];
  if (ch === '"') return parseString(text, i);
  if (ch === '[') return parseSequence(text, i + 1, ']', (j) => parseValue(text, j));
  if (ch === '{') return parseSequence(text, i + 1, '}', (j) => parseAttribute(text, j));
  const word = /^(?:true|false|null|-?\d+(?:\.\d+)?)(?![A-Za-z0-9_.\-[(])/.exec(text.slice(i, i + 32));
  return word ? i + word[0].length : undefined;
}

/** A quoted string without interpolations or directives. */
function parseString(text: string, i: number): number | undefined {
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\\') j += 2;
    else if ((ch === '$' || ch === '%') && text[j + 1] === '{') return undefined;
    else if (ch === '"') return j + 1;
    else if (ch === '\n') return undefined;
    else j += 1;
  }
  return undefined;
}

/** `key = value` with a quoted or bare key. */
function parseAttribute(text: string, i: number): number | undefined {
  let j: number | undefined;
  if (text[i] === '"') j = parseString(text, i);
  else {
    const bare = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i, i + 64));
    j = bare && bare[0] !== 'for' ? i + bare[0].length : undefined;
  }
  if (j === undefined) return undefined;
  j = skip(text, j);
  if (text[j] !== '=' || text[j + 1] === '=') return undefined;
  return parseValue(text, skip(text, j + 1));
}

/** Items separated by commas (or newlines in maps), an optional trailing comma, then `close`. */
function parseSequence(
  text: string,
  i: number,
  close: string,
  item: (j: number) => number | undefined,
): number | undefined {
  let j = skip(text, i);
  while (text[j] !== close) {
    const end = item(j);
    if (end === undefined) return undefined;
    j = skip(text, end);
    if (text[j] === ',') j = skip(text, j + 1);
    else if (text[j] !== close && !(close === '}' && /\n/.test(text.slice(end, j)))) return undefined;
  }
  return j + 1;
}
