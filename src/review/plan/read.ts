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

/** Plan JSON format majors this reader understands (Terraform 0.12 to 1.x all write 1.x). */
export const SUPPORTED_FORMAT_MAJOR = 1;

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
  if (!Number.isInteger(major) || major !== SUPPORTED_FORMAT_MAJOR) {
    throw new BadInputError(
      `${source}: plan format_version ${version} is not supported (this tool reads ${SUPPORTED_FORMAT_MAJOR}.x)`,
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

/** Plan-shaped JSON files under `dir`, recursively, sorted by relative path (code-unit order). */
function planFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name === '.terraform') continue;
        walk(full);
      } else if (entry.isFile() && entry.name.endsWith('.json')) {
        found.push(full);
      }
    }
  };
  walk(dir);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Cheap sniff so a directory walk skips cdk.tf.json, manifest.json and friends. */
function looksLikePlan(text: string): boolean {
  const head = text.slice(0, 4096);
  return /"format_version"\s*:/.test(head) && /"(resource_changes|planned_values)"/.test(text);
}

export interface ReadIo {
  cwd: string;
  readStdin: () => string;
}

function readFileText(file: string, source: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BadInputError(`${source}: no such file or directory`);
    if (code === 'EACCES') throw new BadInputError(`${source}: permission denied`);
    throw new BadInputError(`${source}: cannot be read (${code ?? 'unknown error'})`);
  }
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
  for (const candidate of planFilesUnder(file)) {
    const name = displayName(candidate, io.cwd);
    const text = readFileText(candidate, name);
    if (!looksLikePlan(text)) continue;
    plans.push({ source: name, plan: parsePlanText(text, name) });
  }
  if (plans.length === 0) {
    throw new BadInputError(`${source}: directory holds no plan JSON files (terraform show -json output)`);
  }
  return plans;
}
