#!/usr/bin/env -S node --max-semi-space-size=4
// The shebang's flag: the review allocates many short-lived values beside the parsed plan, and a small
// young generation keeps peak RSS down at no cost in time (see BENCHMARKS.md).
/**
 * `irsa-review`: a thin command-line wrapper around {@link reviewPlans}. `main` takes its arguments
 * and I/O explicitly so tests run it in-process. Exit codes: 0 clean or below --fail-on, 1 a finding at
 * or above --fail-on, 2 bad input or usage, 3 internal error. Every error is one line on stderr.
 */
import * as path from 'node:path';
import type { Severity } from './findings';
import { exitQuietlyOnClosedPipe, processIo, type CliIo } from './io';
import { BadInputError, readPlanInputs, type PlanInput } from './plan/read';
import { failsThreshold, reviewPlans } from './review';
import {
  DEFAULT_MAX_CHARS,
  FORMATS,
  GRAPH_OPTIONS,
  writeReport,
  type Format,
  type GraphOption,
} from './writers';

export { processIo, type CliIo } from './io';

export const USAGE = `Usage: irsa-review [options] <plan.json | directory | ->

Reviews a Terraform plan (the output of \`terraform show -json <planfile>\`) for IAM Roles for
Service Accounts: who can assume each role before and after the change, and risky trust or
permission policies. A directory (e.g. cdktf.out/stacks) is searched for plan JSON files.

Options:
  --format <markdown|json|sarif|text>  output format (default: markdown)
  --output <file>                      write the report to <file> instead of stdout
  --fail-on <none|low|medium|high>     exit 1 when a finding at or above this severity exists (default: none)
  --max-chars <n>                      cut the Markdown report to at most n characters (default: ${DEFAULT_MAX_CHARS})
  --rules-url <url>                    prefix for rule documentation links (default: docs/rules/)
  --graph <none|mermaid>               access graph in Markdown (Mermaid) and JSON (nodes, edges) (default: mermaid)
  -h, --help                           show this help

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above --fail-on, 2 bad input or usage.
`;

const FAIL_ON = ['none', 'low', 'medium', 'high'] as const;
type FailOn = (typeof FAIL_ON)[number];

export interface CliOptions {
  input: string;
  format: Format;
  output?: string;
  failOn: FailOn;
  maxChars: number;
  rulesUrl?: string;
  graph: GraphOption;
}

class UsageError extends Error {}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

/** Parses argv; returns 'help' for --help. Throws UsageError with a one-line message. */
export function parseArgs(argv: readonly string[]): CliOptions | 'help' {
  const options: Partial<CliOptions> & {
    failOn: FailOn;
    format: Format;
    maxChars: number;
    graph: GraphOption;
  } = {
    format: 'markdown',
    graph: 'mermaid',
    failOn: 'none',
    maxChars: DEFAULT_MAX_CHARS,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      i++;
      return next;
    };
    switch (flag) {
      case '--format':
        options.format = oneOf(flag, takeValue(), FORMATS);
        break;
      case '--output':
      case '-o': {
        const value = takeValue();
        if (value === '') throw new UsageError(`${flag} needs a file name`);
        options.output = value;
        break;
      }
      case '--fail-on':
        options.failOn = oneOf(flag, takeValue(), FAIL_ON);
        break;
      case '--max-chars': {
        const value = takeValue();
        if (!/^\d+$/.test(value) || Number(value) < 1)
          throw new UsageError(`--max-chars must be a positive integer (got "${value}")`);
        options.maxChars = Number(value);
        break;
      }
      case '--rules-url':
        options.rulesUrl = takeValue();
        break;
      case '--graph':
        options.graph = oneOf(flag, takeValue(), GRAPH_OPTIONS);
        break;
      default:
        throw new UsageError(`unknown option ${flag} (see --help)`);
    }
  }
  if (positional.length === 0)
    throw new UsageError('missing input: give a plan JSON file, a directory, or - for stdin (see --help)');
  if (positional.length > 1)
    throw new UsageError(`expected one input, got ${positional.length}: ${positional.join(' ')}`);
  return { ...options, input: positional[0] };
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    const plans: PlanInput[] = readPlanInputs(parsed.input, io);
    const report = await reviewPlans(plans);
    const text = writeReport(report, parsed.format, {
      maxChars: parsed.maxChars,
      graph: parsed.graph,
      ...(parsed.rulesUrl !== undefined ? { rulesUrl: parsed.rulesUrl } : {}),
    });
    if (parsed.output !== undefined) {
      try {
        io.writeFile(path.resolve(io.cwd, parsed.output), text);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        throw new BadInputError(`${parsed.output}: cannot write the report (${code})`);
      }
    } else {
      io.stdout(text);
    }
    return failsThreshold(report, parsed.failOn as Severity | 'none') ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof BadInputError) {
      io.stderr(`irsa-review: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`irsa-review: internal error: ${message.split('\n')[0]}\n`);
    return 3;
  }
}

if (require.main === module) {
  exitQuietlyOnClosedPipe();
  void main(process.argv.slice(2), processIo).then((code) => {
    process.exitCode = code;
  });
}
