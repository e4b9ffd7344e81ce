/**
 * `npm run bench`: measures synth scale, construct overhead, cold start, module plan time and review
 * throughput as whole processes, prints a table and writes BENCHMARKS.md.
 *
 * Options: --quick (2 runs, smaller sizes: a smoke test of the harness), --only=construct,cold,module,review
 * (re-measures those sections; the others are kept from the last run), --report-only (re-render BENCHMARKS.md
 * from bench/out/results.json, or from the committed BENCHMARKS.md table, and bench/NOTES.md)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  initAndValidate,
  terraformEnv,
  terraformUnavailableReason,
  terraformVersion,
} from '../tools/terraform';
import { Command, Comparison, Stats, compare } from './measure';
import { writeModuleConfig, writePlainConfig } from './module-configs';
import { generateLinkingPlan, generatePlan } from './generate-plan';

const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = (args.find((a) => a.startsWith('--only=')) ?? '--only=construct,cold,module,review')
  .slice(7)
  .split(',');
const RUNS = quick ? 2 : 5;

/**
 * The issue's targets, as A/B ratios of medians over alternating runs: synth of 1,000 service accounts within
 * 10% of the same resources written with the provider classes (time and peak RSS); the module's plan of 200
 * within 10% of plain resources; the review of a 10,000-change plan (both mixes) within 2× of reading and
 * parsing it (time and peak RSS).
 */
const TARGETS = {
  construct: { time: 1.1, rss: 1.1 },
  cold: { time: 1.2 },
  /** Synth time at N=2000 over N=1000: about linear, never quadratic. */
  linearity: 2.2,
  module: { time: 1.1 },
  review: { time: 2, rss: 2 },
} as const;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-bench-'));

interface Row {
  section: string;
  what: string;
  a: string;
  b: string;
  ratio: string;
  target: string;
  met: boolean | undefined;
}
const rows: Row[] = [];

const fmtTime = (s: { median: number; min: number; max: number }) =>
  `${s.median.toFixed(2)} s (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const fmtRss = (s: { median: number; min: number; max: number }) =>
  `${s.median.toFixed(0)} MB (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
const fmtRatio = (s: { median: number; min: number; max: number }) =>
  `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;

/** The target of one row (`what` is the row's measure, e.g. "N=1000: time"), if it has one. */
function targetOf(section: string, what: string): number | undefined {
  if (section === '1 construct' && what.startsWith('linearity:')) return TARGETS.linearity;
  const figure = what.endsWith(': time') ? 'time' : what.endsWith(': peak RSS') ? 'rss' : undefined;
  if (figure === undefined) return undefined;
  const targets: { time?: number; rss?: number } =
    section === '1 construct' && what.startsWith('N=1000:')
      ? TARGETS.construct
      : section === '2 cold start'
        ? TARGETS.cold
        : section === '3 module plan' && what.startsWith('N=200:')
          ? TARGETS.module
          : section === '4 review' && what.startsWith('10000 changes') && !what.includes('IAM-light')
            ? TARGETS.review
            : {};
  return targets[figure];
}

/** A row, judged against its target. */
function row(section: string, what: string, a: string, b: string, ratio: Stats): Row {
  const target = targetOf(section, what);
  return {
    section,
    what,
    a,
    b,
    ratio: fmtRatio(ratio),
    target: target === undefined ? '' : `≤ ${target}×`,
    met: target === undefined ? undefined : ratio.median <= target,
  };
}

function record(section: string, what: string, c: Comparison) {
  rows.push(row(section, `${what}: time`, fmtTime(c.a.time), fmtTime(c.b.time), c.timeRatio));
  rows.push(row(section, `${what}: peak RSS`, fmtRss(c.a.rss), fmtRss(c.b.rss), c.rssRatio));
  printRow(rows[rows.length - 2]);
  printRow(rows[rows.length - 1]);
}

function printRow(r: Row) {
  const mark = r.met === undefined ? '' : r.met ? 'met' : 'MISSED';
  process.stdout.write(
    `${r.section.padEnd(18)} ${r.what.padEnd(34)} ${r.a.padEnd(26)} ${r.b.padEnd(26)} ${r.ratio.padEnd(24)} ${r.target.padEnd(7)} ${mark}\n`,
  );
}

function node(
  label: string,
  script: string,
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Command {
  return { label, argv: [process.execPath, path.join(dist, script), ...extraArgs], env, cwd };
}

/**
 * Equal work: both sides of a comparison must synthesize byte-identical `cdk.tf.json` (the last run's output
 * of each), or the ratio measures something else.
 */
function checkSameSynth(what: string, a: string, b: string): void {
  if (!fs.readFileSync(a).equals(fs.readFileSync(b))) {
    throw new Error(`${what}: ${a} and ${b} differ; the baseline app no longer writes the same JSON`);
  }
}

function constructOverhead() {
  const sizes = quick ? [1, 100] : [1, 100, 1000, 2000];
  const medians = new Map<number, number>();
  for (const n of sizes) {
    const out = (name: string) => path.join(work, `${name}-${n}`);
    const c = compare(
      node(`IamServiceAccount ×${n}`, 'bench/apps/irsa-app.js', [], {
        BENCH_N: String(n),
        BENCH_OUTDIR: out('irsa'),
      }),
      node(`plain L1 ×${n}`, 'bench/apps/baseline-app.js', [], {
        BENCH_N: String(n),
        BENCH_OUTDIR: out('baseline'),
      }),
      RUNS,
    );
    const stackJson = (name: string) => path.join(out(name), 'stacks', 'bench', 'cdk.tf.json');
    checkSameSynth(`construct N=${n}`, stackJson('irsa'), stackJson('baseline'));
    medians.set(n, c.a.time.median);
    record('1 construct', `N=${n}`, c);
  }
  if (medians.has(1000) && medians.has(2000)) {
    const ratio = medians.get(2000)! / medians.get(1000)!;
    const linearity: Row = {
      section: '1 construct',
      what: 'linearity: N=2000 / N=1000 time',
      a: `${medians.get(2000)!.toFixed(2)} s`,
      b: `${medians.get(1000)!.toFixed(2)} s`,
      ratio: `${ratio.toFixed(2)}×`,
      target: `≤ ${TARGETS.linearity}×`,
      met: ratio <= TARGETS.linearity,
    };
    rows.push(linearity);
    printRow(linearity);
  }
}

function coldStart() {
  // Both in one folder: the local backend's state path in the JSON is relative to it.
  const cwd = fs.mkdtempSync(path.join(work, 'example-'));
  const c = compare(
    node('example app', 'example/main.js', [], {}, cwd),
    node('bare app', 'bench/apps/bare-example.js', [], { BENCH_OUTDIR: path.join(work, 'bare') }, cwd),
    quick ? RUNS : 7,
  );
  const stackJson = (outdir: string) => path.join(outdir, 'stacks', 'irsa-example', 'cdk.tf.json');
  checkSameSynth('cold start', stackJson(path.join(cwd, 'cdktf.out')), stackJson(path.join(work, 'bare')));
  record('2 cold start', 'example vs bare', c);
}

function modulePlan() {
  const reason = terraformUnavailableReason(['hashicorp/aws']);
  const modulePath = path.join(root, 'modules', 'iam-role-for-service-accounts');
  if (reason || !fs.existsSync(path.join(modulePath, 'main.tf'))) {
    process.stdout.write(`3 module plan: skipped: ${reason ?? `no module at ${modulePath}`}\n`);
    return;
  }
  for (const n of quick ? [50] : [50, 200]) {
    const moduleDir = path.join(work, `module-${n}`);
    const plainDir = path.join(work, `plain-${n}`);
    writeModuleConfig(moduleDir, n, modulePath);
    writePlainConfig(plainDir, n);
    initAndValidate(moduleDir);
    initAndValidate(plainDir);
    const plan = (label: string, cwd: string): Command => ({
      label,
      argv: ['terraform', 'plan', '-input=false', '-lock=false', '-no-color'],
      cwd,
      env: terraformEnv(),
    });
    const c = compare(
      plan(`module for_each ×${n}`, moduleDir),
      plan(`plain resources ×${n}`, plainDir),
      RUNS,
    );
    record('3 module plan', `N=${n}`, c);
  }
}

function reviewThroughput() {
  const cli = path.join(dist, 'src', 'review', 'cli.js');
  if (!fs.existsSync(cli)) {
    process.stdout.write(`4 review: skipped: ${cli} does not exist (run npm run build)\n`);
    return;
  }
  const cases: { n: number; iamShare: number; linking?: boolean }[] = quick
    ? [{ n: 1000, iamShare: 1 }]
    : [
        { n: 1000, iamShare: 1 },
        { n: 10000, iamShare: 1 },
        // A quarter of the changes are ServiceAccounts annotated with a role of the same plan (2,500 links).
        { n: 10000, iamShare: 1, linking: true },
        // Informative, not the target: the cost follows the number of IAM changes, not of resources.
        { n: 10000, iamShare: 0.2 },
      ];
  for (const { n, iamShare, linking } of cases) {
    const file = path.join(work, `plan-${n}-${iamShare}${linking ? '-linking' : ''}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify(linking ? generateLinkingPlan(n, 42) : generatePlan(n, 42, iamShare)),
    );
    const mb = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
    // Run it as an installed `irsa-review` runs: through its shebang line (which sets a V8 flag).
    const interpreter = fs.readFileSync(cli, 'utf8').split('\n')[0].replace(/^#!/, '').trim().split(/\s+/);
    const c = compare(
      {
        label: `irsa-review ${n}`,
        argv: [
          ...interpreter,
          cli,
          file,
          '--format',
          'markdown',
          '--output',
          path.join(work, 'review.md'),
          '--fail-on',
          'none',
        ],
      },
      node(`parse only ${n}`, 'bench/parse-only.js', [file]),
      RUNS,
    );
    const mix = linking
      ? ', linking mix: 25% SAs on plan roles'
      : iamShare === 1
        ? ''
        : `, IAM-light mix: ${Math.round(30 * iamShare)}% roles`;
    record('4 review', `${n} changes (${mb} MB${mix})`, c);
  }
}

let savedMachine: string[] | undefined;

function machine(): string[] {
  if (savedMachine) return savedMachine;
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node.js ${process.version}, Terraform ${terraformVersion()}, ${os.type()} ${os.release()}`,
    `- Runs: ${RUNS} per figure after one warm-up, A and B alternating; figures are medians (min–max); ratios are medians of per-pair ratios`,
  ];
}

const RESULTS = path.join(root, 'bench', 'out', 'results.json');

function writeReport() {
  const notesFile = path.join(root, 'bench', 'NOTES.md');
  const notes = fs.existsSync(notesFile) ? fs.readFileSync(notesFile, 'utf8') : '';
  const table = [
    '| part | measure | A (ours) | B (baseline) | A/B | target | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.section} | ${r.what} | ${r.a} | ${r.b} | ${r.ratio} | ${r.target} | ${r.met === undefined ? '' : r.met ? 'met' : '**missed**'} |`,
    ),
  ];
  const text = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); the notes at the end come from bench/NOTES.md.',
    '',
    '## Machine',
    '',
    ...machine(),
    '',
    '## Results',
    '',
    'A is this project, B the baseline it is compared with, measured side by side in the same run:',
    '1. construct overhead: N `IamServiceAccount`s (role, attachment, inline policy, ServiceAccount) vs the same L1 resources with the same JSON declared by hand (bench/apps);',
    '2. cold start: the example app vs a bare app that synthesizes byte-identical JSON without this library, both compiled JavaScript;',
    '3. module plan: `terraform plan` (offline, local provider mirror) of the AWS-only module with `for_each` over N service accounts vs the same roles and attachments as plain resources;',
    '4. review: `irsa-review` (Markdown output) on a generated plan vs a process that only reads and `JSON.parse`s it.',
    '',
    ...table,
    '',
    notes.trim(),
    '',
  ].join('\n');
  if (quick) {
    process.stdout.write('(--quick: BENCHMARKS.md not written)\n');
    return;
  }
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, JSON.stringify({ machine: machine(), rows }, null, 2));
  fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), text);
  process.stdout.write('wrote BENCHMARKS.md\n');
}

/** The machine lines of the committed BENCHMARKS.md (the machine its table was measured on), if any. */
function committedMachine(): string[] | undefined {
  const report = path.join(root, 'BENCHMARKS.md');
  if (!fs.existsSync(report)) return undefined;
  const text = fs.readFileSync(report, 'utf8');
  const section = /## Machine\n\n((?:- .*\n)+)/.exec(text);
  return section ? section[1].trimEnd().split('\n') : undefined;
}

/** The rows of the last run: bench/out/results.json, else the table of the committed BENCHMARKS.md. */
function savedRows(): Row[] {
  return readSavedRows().map(rejudge);
}

/** A saved row judged against today's targets (they may have changed since it was measured). */
function rejudge(r: Row): Row {
  const median = /^([\d.]+)×/.exec(r.ratio);
  const target = targetOf(r.section, r.what);
  if (!median || target === undefined) return { ...r, target: '', met: undefined };
  return { ...r, target: `≤ ${target}×`, met: Number(median[1]) <= target };
}

function readSavedRows(): Row[] {
  if (fs.existsSync(RESULTS))
    return (JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as { machine: string[]; rows: Row[] }).rows;
  const report = path.join(root, 'BENCHMARKS.md');
  if (!fs.existsSync(report)) return [];
  const out: Row[] = [];
  for (const line of fs.readFileSync(report, 'utf8').split('\n')) {
    const cells = line.split(' | ');
    if (cells.length !== 7 || !/^\| \d /.test(line)) continue;
    out.push({
      section: cells[0].slice(2),
      what: cells[1],
      a: cells[2],
      b: cells[3],
      ratio: cells[4],
      target: cells[5],
      met: undefined,
    });
  }
  return out;
}

if (args.includes('--report-only')) {
  // Re-renders BENCHMARKS.md from the last run's results (e.g. after editing bench/NOTES.md).
  rows.push(...savedRows());
  savedMachine = fs.existsSync(RESULTS)
    ? (JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as { machine: string[] }).machine
    : committedMachine();
  writeReport();
  process.exit(0);
}

try {
  process.stdout.write(`${machine().join('\n')}\n\n`);
  if (only.includes('construct')) constructOverhead();
  if (only.includes('cold')) coldStart();
  if (only.includes('module')) modulePlan();
  if (only.includes('review')) reviewThroughput();
  if (only.length < 4 && !quick) {
    // A partial run replaces its own sections and keeps the others from the last run.
    const measured = new Set(rows.map((r) => r.section));
    rows.unshift(...savedRows().filter((r) => !measured.has(r.section)));
    rows.sort((a, b) => (a.section < b.section ? -1 : a.section > b.section ? 1 : 0));
  }
  writeReport();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
