/**
 * Expands the Action's `plans` input: each entry is a path (kept as written; the review reports a missing
 * one) or a glob with `*`, `?`, `[...]` within one path segment and `**` for any number of directories.
 * As in a shell, a wildcard does not match a leading `.`; `**` does not enter `node_modules`, `.terraform`
 * or symbolic links. Matches (files and directories) are sorted; a glob without matches is an error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActionInputError } from './inputs';

const MAGIC = /[*?[]/;
const SKIPPED_DIRS = new Set(['node_modules', '.terraform']);

/** The regular expression for one path segment of a glob. */
export function segmentRegExp(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function entries(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** `dir` and every directory below it, for `**`. */
function allDirectories(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    out.push(current);
    for (const e of entries(current)) {
      if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name))
        stack.push(path.join(current, e.name));
    }
  }
  return out;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function expandOne(pattern: string, cwd: string): string[] {
  const normal = pattern.split(path.sep).join('/');
  const absolute = path.isAbsolute(normal);
  const segments = normal.split('/').filter((s, i) => s !== '' || i === 0);
  let current = [absolute ? path.parse(path.resolve(cwd, normal)).root : cwd];
  if (absolute) segments.shift();
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      current = current.flatMap(allDirectories);
      return;
    }
    if (!MAGIC.test(segment)) {
      current = current
        .map((dir) => path.join(dir, segment))
        .filter((p) => (last ? fs.existsSync(p) : isDirectory(p)));
      return;
    }
    const re = segmentRegExp(segment);
    const dotOk = segment.startsWith('.');
    current = current.flatMap((dir) =>
      entries(dir)
        .filter((e) => (dotOk || !e.name.startsWith('.')) && re.test(e.name))
        .map((e) => path.join(dir, e.name))
        .filter((p) => last || isDirectory(p)),
    );
  });
  return current;
}

/** Paths for the review, in input order; glob matches sorted within each entry, duplicates dropped. */
export function expandPlanPaths(entriesIn: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const entry of entriesIn) {
    let found: string[];
    if (!MAGIC.test(entry)) found = [entry];
    else {
      found = expandOne(entry, cwd)
        .map((p) => path.relative(cwd, p) || '.')
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (found.length === 0)
        throw new ActionInputError(`input plans: "${entry}" matches no file or directory`);
    }
    for (const p of found) {
      const key = path.resolve(cwd, p);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}
