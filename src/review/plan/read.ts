/**
 * Reads `terraform show -json` output: one file, stdin, or a directory of per-stack plans. Every
 * problem becomes a {@link BadInputError} whose message is one line naming the input and the fault.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RawPlan } from './types';

export class BadInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadInputError';
  }
}

/**
 * Plan JSON format majors this reader understands: 1.x (Terraform 1.1 and later) and 0.x (0.1/0.2,
 * written by Terraform 0.12 to 1.0), whose shape the reviewer reads the same way.
 */
export const SUPPORTED_FORMAT_MAJORS: readonly number[] = [0, 1];

/**
 * Text of a file or of stdin as Windows tools also write it: a UTF-8 byte-order mark is dropped, and
 * UTF-16 (PowerShell 5's `>` writes UTF-16 LE with a BOM) is decoded, with or without a BOM.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.subarray(3).toString('utf8');
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return swapBytes(bytes.subarray(2)).toString('utf16le');
  // No BOM: JSON starts with an ASCII character, so a zero byte beside it gives UTF-16 away.
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return bytes.toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return swapBytes(bytes).toString('utf16le');
  return bytes.toString('utf8');
}

function swapBytes(bytes: Buffer): Buffer {
  const out = Buffer.alloc(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1];
    out[i + 1] = bytes[i];
  }
  return out;
}

export interface PlanInput {
  /** Display name: a path relative to the working directory with `/` separators, or `stdin`. */
  source: string;
  plan: RawPlan;
}

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // V8 reports a cut-off document as "Unexpected end of JSON input" (or "Unterminated string").
  if (/end of JSON input|Unterminated string/i.test(message))
    return 'is truncated JSON (the document ends early)';
  const position = /position (\d+)/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    // An error at the very end of the text means the document stopped early.
    if (offset >= text.trimEnd().length) return 'is truncated JSON (the document ends early)';
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return `is not valid JSON (line ${line}, column ${column})`;
  }
  return 'is not valid JSON';
}

/** Parses and validates one plan document; `source` names it in errors. */
export function parsePlanText(text: string, source: string): RawPlan {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '')
    throw new BadInputError(`${source}: is empty (expected the output of terraform show -json)`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BadInputError(`${source}: ${describeJsonError(text, error)}`);
  }
  return validatePlan(value, source);
}

export function validatePlan(value: unknown, source: string): RawPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadInputError(
      `${source}: is JSON but not a Terraform plan (expected an object with format_version)`,
    );
  }
  const record = value as Record<string, unknown>;
  const version = record['format_version'];
  if (typeof version !== 'string') {
    throw new BadInputError(
      `${source}: is JSON but not a Terraform plan (no format_version; use terraform show -json <planfile>)`,
    );
  }
  const major = Number(version.split('.')[0]);
  if (!Number.isInteger(major) || !SUPPORTED_FORMAT_MAJORS.includes(major)) {
    throw new BadInputError(
      `${source}: plan format_version ${version} is not supported (this tool reads 0.x and 1.x)`,
    );
  }
  const changes = record['resource_changes'];
  if (changes !== undefined && !Array.isArray(changes)) {
    throw new BadInputError(`${source}: is not a Terraform plan (resource_changes is not a list)`);
  }
  // State files (`terraform show -json` without a plan) have format_version too, but no planned_values.
  if (changes === undefined && record['planned_values'] === undefined) {
    throw new BadInputError(
      `${source}: is not a Terraform plan (no resource_changes or planned_values; state files are not plans)`,
    );
  }
  return value as RawPlan;
}

function displayName(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' ? path.basename(file) : relative).split(path.sep).join('/');
}

/**
 * `*.json` files (any case) under `dir`, recursively, following symbolic links (each real directory once),
 * sorted by path (code-unit order).
 */
function jsonFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    let real: string;
    try {
      real = fs.realpathSync(current);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) {
        if (entry.name === 'node_modules' || entry.name === '.terraform') continue;
        stack.push(full);
      } else if (isFile && entry.name.toLowerCase().endsWith('.json')) {
        found.push(full);
      }
    }
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface ReadIo {
  cwd: string;
  readStdin: () => string;
  /** One line per skipped file in directory mode (defaults to nowhere). */
  stderr?: (text: string) => void;
}

function readFileText(file: string, source: string): string {
  try {
    return decodeText(fs.readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BadInputError(`${source}: no such file or directory`);
    if (code === 'EACCES') throw new BadInputError(`${source}: permission denied`);
    throw new BadInputError(`${source}: cannot be read (${code ?? 'unknown error'})`);
  }
}

/**
 * One file of a directory: the plan it holds, or undefined (with one stderr line) when it is JSON that is
 * not a plan. A file that is plan-shaped but broken (truncated, unsupported version) is an error.
 */
function planInDirectory(text: string, source: string, io: ReadIo): RawPlan | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    if (/"(format_version|resource_changes)"/.test(body))
      throw new BadInputError(`${source}: ${describeJsonError(body, error)}`);
    io.stderr?.(`irsa-review: skipped ${source}: not JSON\n`);
    return undefined;
  }
  const record =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const planShaped =
    record !== undefined &&
    'format_version' in record &&
    ('resource_changes' in record || 'planned_values' in record);
  if (!planShaped) {
    io.stderr?.(`irsa-review: skipped ${source}: JSON but not a Terraform plan\n`);
    return undefined;
  }
  return validatePlan(value, source);
}

/** Reads one input argument (`-`, a file, or a directory) into plans. */
export function readPlanInputs(arg: string, io: ReadIo): PlanInput[] {
  if (arg === '-') {
    let text: string;
    try {
      text = io.readStdin();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new BadInputError(`stdin: cannot be read (${code})`);
    }
    return [{ source: 'stdin', plan: parsePlanText(text, 'stdin') }];
  }
  const file = path.resolve(io.cwd, arg);
  const source = displayName(file, io.cwd);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BadInputError(`${source}: no such file or directory`);
  }
  if (!stat.isDirectory()) return [{ source, plan: parsePlanText(readFileText(file, source), source) }];
  const plans: PlanInput[] = [];
  for (const candidate of jsonFilesUnder(file)) {
    const name = displayName(candidate, io.cwd);
    const plan = planInDirectory(readFileText(candidate, name), name, io);
    if (plan) plans.push({ source: name, plan });
  }
  if (plans.length === 0) {
    throw new BadInputError(`${source}: directory holds no plan JSON files (terraform show -json output)`);
  }
  return plans;
}
