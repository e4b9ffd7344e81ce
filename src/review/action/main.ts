/**
 * The script behind the GitHub Action (action.yml at the repository root): reviews the plans, writes the
 * report and SARIF files, the step outputs and the job summary, creates or updates the pull-request
 * comment, and decides the exit status. It runs from the installed package
 * (`dist/src/review/action/main.js`), reads its inputs from `INPUT_*` and the runner's `GITHUB_*`
 * variables, and talks to GITHUB_API_URL only. Docs: docs/review.md#github-action.
 *
 * Exit codes: 0 reviewed, nothing at or above fail-on; 1 findings at or above fail-on; 2 bad input;
 * 3 internal error; 4 a GitHub API call failed.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SEVERITY_RANK, type Severity } from '../findings';
import { BadInputError, readPlanInputs, type PlanInput } from '../plan/read';
import { failsThreshold, reviewPlans, type Report } from '../review';
import { COMMENT_MARKER, DEFAULT_MAX_CHARS, writeMarkdown, writeReport, type Format } from '../writers';
import { commentBody, commentMarker, pullRequestNumber, upsertComment } from './comment';
import { expandPlanPaths } from './glob';
import { createClient, GitHubApiError } from './github';
import { ActionInputError, readInputs, type ActionInputs } from './inputs';

export const EXIT = { ok: 0, findings: 1, badInput: 2, internal: 3, github: 4 } as const;

/** Step outputs, as action.yml maps them (a test holds the two equal). */
export const OUTPUT_NAMES = [
  'findings',
  'highest-severity',
  'high',
  'medium',
  'low',
  'report-file',
  'sarif-file',
  'comment-url',
] as const;
type OutputName = (typeof OUTPUT_NAMES)[number];

export interface ActionIo {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const EXTENSIONS: Record<Format, string> = { markdown: 'md', json: 'json', sarif: 'sarif', text: 'txt' };

interface PackageInfo {
  version: string;
  /** `https://github.com/owner/name`, from package.json's repository. */
  repositoryUrl?: string;
}

/** This package's package.json, found above this file (dist/src/review/action/ in the package). */
export function packageInfo(from: string = __dirname): PackageInfo {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        name?: string;
        version?: string;
        repository?: { url?: string } | string;
      };
      if (pkg.name === 'cdktf-irsa' && typeof pkg.version === 'string') {
        const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
        const url = raw?.replace(/^git\+/, '').replace(/\.git$/, '');
        return { version: pkg.version, ...(url?.startsWith('https://') ? { repositoryUrl: url } : {}) };
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of cdktf-irsa above ${from}`);
  }
}

/** Escapes a workflow command's message (`::error::…`) so it stays one command. */
const commandText = (text: string): string =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

function highest(report: Report): Severity | 'none' {
  let best: Severity | 'none' = 'none';
  for (const f of report.findings)
    if (best === 'none' || SEVERITY_RANK[f.severity] > SEVERITY_RANK[best]) best = f.severity;
  return best;
}

function readPlans(inputs: ActionInputs, io: ActionIo): PlanInput[] {
  const plans: PlanInput[] = [];
  const seen = new Set<string>();
  for (const p of expandPlanPaths(inputs.plans, io.cwd)) {
    const read = readPlanInputs(p, { cwd: io.cwd, readStdin: () => '', stderr: io.stderr });
    for (const plan of read) {
      if (seen.has(plan.source)) continue;
      seen.add(plan.source);
      plans.push(plan);
    }
  }
  return plans;
}

function outputWriter(io: ActionIo): (name: OutputName, value: string | number) => void {
  const file = io.env['GITHUB_OUTPUT'];
  return (name, value) => {
    const text = String(value);
    if (/[\r\n]/.test(text)) throw new Error(`output ${name} would span lines`);
    if (file) fs.appendFileSync(file, `${name}=${text}\n`);
  };
}

/** Prints the text report with workflow commands off, so plan text cannot issue one. */
function logReport(report: Report, io: ActionIo): void {
  const token = randomUUID();
  io.stdout(`::stop-commands::${token}\n`);
  io.stdout(writeReport(report, 'text'));
  io.stdout(`::${token}::\n`);
}

function summaryLine(report: Report): string {
  const { high, medium, low } = report.counts;
  const n = report.findings.length;
  return `${n} finding${n === 1 ? '' : 's'} (${high} high, ${medium} medium, ${low} low) in ${report.sources.length} plan${report.sources.length === 1 ? '' : 's'}`;
}

async function comment(
  inputs: ActionInputs,
  markdownFor: (maxChars: number) => string,
  io: ActionIo,
  pkg: PackageInfo,
): Promise<string> {
  const eventName = io.env['GITHUB_EVENT_NAME'] || 'unknown';
  const issue = pullRequestNumber(io.env['GITHUB_EVENT_PATH']);
  if (issue === undefined) {
    io.stdout(
      `::notice title=irsa-review::${commandText(`no pull request in this ${eventName} event: no comment`)}\n`,
    );
    return '';
  }
  if (inputs.token === '')
    throw new ActionInputError(
      'input github-token is empty: the comment needs a token with pull-requests: write (or set comment: off)',
    );
  const repository = io.env['GITHUB_REPOSITORY'] ?? '';
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository))
    throw new ActionInputError(`GITHUB_REPOSITORY must be owner/name (got "${repository}")`);
  const client = createClient({
    apiUrl: io.env['GITHUB_API_URL'] || 'https://api.github.com',
    repository,
    token: inputs.token,
    userAgent: `cdktf-irsa-action/${pkg.version}`,
  });
  const marker = commentMarker(inputs.commentTag);
  const body = commentBody(markdownFor(DEFAULT_MAX_CHARS - (marker.length - COMMENT_MARKER.length)), marker);
  const result = await upsertComment(client, issue, body, {
    mode: inputs.comment === 'create' ? 'create' : 'update',
    marker,
    author: inputs.commentAuthor,
  });
  io.stdout(`irsa-review: ${result.action} the comment on pull request #${issue}: ${result.url}\n`);
  return result.url;
}

async function run(io: ActionIo): Promise<number> {
  const inputs = readInputs(io.env);
  const pkg = packageInfo();
  const rulesUrl =
    inputs.rulesUrl ??
    (pkg.repositoryUrl !== undefined ? `${pkg.repositoryUrl}/blob/v${pkg.version}/docs/rules/` : undefined);
  const options = rulesUrl !== undefined ? { rulesUrl } : {};
  const report = await reviewPlans(readPlans(inputs, io));

  const dir = path.join(
    io.env['RUNNER_TEMP'] || os.tmpdir(),
    inputs.commentTag === '' ? 'irsa-review' : `irsa-review-${inputs.commentTag}`,
  );
  fs.mkdirSync(dir, { recursive: true });
  const reportFile = path.join(dir, `report.${EXTENSIONS[inputs.format]}`);
  fs.writeFileSync(reportFile, writeReport(report, inputs.format, options));
  const sarifFile = inputs.sarif ? path.join(dir, 'irsa-review.sarif') : '';
  if (sarifFile !== '') fs.writeFileSync(sarifFile, writeReport(report, 'sarif', options));
  const markdownFor = (maxChars: number): string => writeMarkdown(report, { ...options, maxChars });
  const summaryFile = io.env['GITHUB_STEP_SUMMARY'];
  if (inputs.jobSummary && summaryFile) fs.appendFileSync(summaryFile, markdownFor(DEFAULT_MAX_CHARS));

  logReport(report, io);
  io.stdout(`irsa-review: ${summaryLine(report)}; report: ${reportFile}\n`);
  const output = outputWriter(io);
  output('findings', report.findings.length);
  output('highest-severity', highest(report));
  output('high', report.counts.high);
  output('medium', report.counts.medium);
  output('low', report.counts.low);
  output('report-file', reportFile);
  output('sarif-file', sarifFile);

  const url = inputs.comment === 'off' ? '' : await comment(inputs, markdownFor, io, pkg);
  output('comment-url', url);

  if (failsThreshold(report, inputs.failOn)) {
    io.stdout(
      `::error title=irsa-review::${commandText(`${summaryLine(report)}; fail-on is ${inputs.failOn}`)}\n`,
    );
    return EXIT.findings;
  }
  return EXIT.ok;
}

export async function runAction(io: ActionIo): Promise<number> {
  try {
    return await run(io);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const code =
      error instanceof ActionInputError || error instanceof BadInputError
        ? EXIT.badInput
        : error instanceof GitHubApiError
          ? EXIT.github
          : EXIT.internal;
    const text = code === EXIT.internal ? `internal error: ${message}` : message;
    io.stdout(`::error title=irsa-review::${commandText(text)}\n`);
    io.stderr(`irsa-review: ${text}\n`);
    return code;
  }
}

if (require.main === module) {
  void runAction({
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
