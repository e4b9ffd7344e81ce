/**
 * Flag parsing for `irsa`, in the style of eksctl's (pflag): `--flag value`, `--flag=value`, `-c value`,
 * repeatable and comma-separated list flags, `k=v,k=v` map flags, and booleans that take `=true|false`.
 * Pure: argv in, values or one {@link UsageError} out. Help text is rendered from the same specs.
 */

/** Bad usage: one line, exit code 2. */
export class UsageError extends Error {}

export type FlagKind = 'string' | 'list' | 'map' | 'bool';

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly kind: FlagKind;
  readonly help: string;
  /** Shown as `(default "x")` in help, as eksctl shows defaults. */
  readonly default?: string;
  /** The flag's value placeholder in help (pflag prints the type). */
  readonly placeholder?: string;
}

export interface FlagGroup {
  readonly title: string;
  readonly flags: readonly FlagSpec[];
}

export interface ParsedArgs {
  readonly strings: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly maps: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly bools: ReadonlyMap<string, boolean>;
  readonly positional: readonly string[];
  readonly help: boolean;
}

/**
 * Parses `argv` against `groups`; unknown flags, missing values and malformed maps are UsageErrors. A flag
 * `refused` gives a reason for is an error with that reason (a flag eksctl has and this tool cannot honour).
 */
export function parseFlags(
  argv: readonly string[],
  groups: readonly FlagGroup[],
  refused: (name: string) => string | undefined = () => undefined,
): ParsedArgs {
  const specs = groups.flatMap((g) => g.flags);
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const maps = new Map<string, Record<string, string>>();
  const bools = new Map<string, boolean>();
  const positional: string[] = [];
  let help = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const body = arg.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    let key = eq === -1 ? body : body.slice(0, eq);
    let inline: string | undefined = eq === -1 ? undefined : body.slice(eq + 1);
    // pflag's `-v4`: a one-letter flag that takes a value may have it attached.
    const attached = !long && eq === -1 && key.length > 1 ? byShort.get(key[0]) : undefined;
    if (attached && attached.kind !== 'bool') {
      inline = key.slice(1);
      key = key[0];
    }
    const spec = long ? byName.get(key) : byShort.get(key);
    const reason = long && !spec ? refused(key) : undefined;
    if (reason) throw new UsageError(reason);
    if (!spec) {
      const known = specs.map((s) => s.name);
      const near = closest(key, known);
      throw new UsageError(`unknown flag ${arg}${near ? ` (did you mean --${near}?)` : ''}`);
    }
    if (spec.kind === 'bool') {
      if (inline === undefined) {
        bools.set(spec.name, true);
      } else if (inline === 'true' || inline === 'false') {
        bools.set(spec.name, inline === 'true');
      } else {
        throw new UsageError(`--${spec.name} must be true or false (got "${inline}")`);
      }
      continue;
    }
    if (inline === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${spec.name}`);
      inline = argv[++i];
    }
    if (spec.kind === 'string') {
      strings.set(spec.name, inline);
    } else if (spec.kind === 'list') {
      const items = inline.split(',').filter((v) => v !== '');
      lists.set(spec.name, [...(lists.get(spec.name) ?? []), ...items]);
    } else {
      const map = maps.get(spec.name) ?? {};
      for (const pair of inline.split(',')) {
        const at = pair.indexOf('=');
        if (at <= 0) {
          throw new UsageError(`--${spec.name} must be comma-separated key=value pairs (got "${pair}")`);
        }
        map[pair.slice(0, at)] = pair.slice(at + 1);
      }
      maps.set(spec.name, map);
    }
  }
  return { strings, lists, maps, bools, positional, help };
}

/** Renders flag groups as eksctl's help does: one aligned line per flag, grouped under titled headings. */
export function renderFlagHelp(groups: readonly FlagGroup[]): string {
  const rows = groups.map((g) => ({
    title: g.title,
    lines: g.flags.map((f) => {
      const value =
        f.kind === 'bool'
          ? ''
          : ` ${f.placeholder ?? (f.kind === 'string' ? 'string' : f.kind === 'list' ? 'strings' : 'stringToString')}`;
      const left = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${value}`;
      const def = f.default !== undefined ? ` (default "${f.default}")` : '';
      return { left, right: `${f.help}${def}` };
    }),
  }));
  const width = Math.max(...rows.flatMap((r) => r.lines.map((l) => l.left.length)));
  return rows
    .map(
      (r) => `${r.title} flags:\n${r.lines.map((l) => `  ${l.left.padEnd(width)}   ${l.right}`).join('\n')}`,
    )
    .join('\n\n');
}

/** Levenshtein distance (insert, delete, substitute; case-insensitive). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length];
}

/** The candidate nearest to `word`, when it is near enough to be a likely misspelling. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
