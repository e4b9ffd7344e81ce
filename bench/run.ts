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
import { Command, Comparison, compare } from './measure';
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

function record(section: string, what: string, c: Comparison, targets: { time?: number; rss?: number }) {
  rows.push({
    section,
    what: `${what}: time`,
    a: fmtTime(c.a.time),
    b: fmtTime(c.b.time),
    ratio: fmtRatio(c.timeRatio),
    target: targets.time ? `≤ ${targets.time}×` : '',
    met: targets.time ? c.timeRatio.median <= targets.time : undefined,
  });
  rows.push({
    section,
    what: `${what}: peak RSS`,
    a: fmtRss(c.a.rss),
    b: fmtRss(c.b.rss),
    ratio: fmtRatio(c.rssRatio),
    target: targets.rss ? `≤ ${targets.rss}×` : '',
    met: targets.rss ? c.rssRatio.median <= targets.rss : undefined,
  });
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
    medians.set(n, c.a.time.median);
    record('1 construct', `N=${n}`, c, n === 1000 ? { time: 1.3, rss: 1.3 } : {});
  }
  if (medians.has(1000) && medians.has(2000)) {
    const ratio = medians.get(2000)! / medians.get(1000)!;
    const row: Row = {
      section: '1 construct',
      what: 'linearity: N=2000 / N=1000 time',
      a: `${medians.get(2000)!.toFixed(2)} s`,
      b: `${medians.get(1000)!.toFixed(2)} s`,
      ratio: `${ratio.toFixed(2)}×`,
      target: '≤ 2.2×',
      met: ratio <= 2.2,
    };
    rows.push(row);
    printRow(row);
  }
}

function coldStart() {
  const cwdA = fs.mkdtempSync(path.join(work, 'example-'));
  const c = compare(
    node('example app', 'example/main.js', [], {}, cwdA),
    node('bare app', 'bench/apps/bare-example.js', [], { BENCH_OUTDIR: path.join(work, 'bare') }),
    quick ? RUNS : 7,
  );
  record('2 cold start', 'example vs bare', c, { time: 1.2 });
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
    record('3 module plan', `N=${n}`, c, n === 200 ? { time: 1.3 } : {});
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
    record(
      '4 review',
      `${n} changes (${mb} MB${mix})`,
      c,
      n === 10000 && iamShare === 1 ? { time: 2, rss: 2 } : {},
    );
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

/** The rows of the last run: bench/out/results.json, else the table of the committed BENCHMARKS.md. */
function savedRows(): Row[] {
  if (fs.existsSync(RESULTS))
    return (JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as { machine: string[]; rows: Row[] }).rows;
  const report = path.join(root, 'BENCHMARKS.md');
  if (!fs.existsSync(report)) return [];
  const out: Row[] = [];
  for (const line of fs.readFileSync(report, 'utf8').split('\n')) {
    const cells = line.split(' | ');
    if (cells.length !== 7 || !/^\| \d /.test(line)) continue;
    const met = cells[6].replace(/ \|$/, '').trim();
    out.push({
      section: cells[0].slice(2),
      what: cells[1],
      a: cells[2],
      b: cells[3],
      ratio: cells[4],
      target: cells[5],
      met: met === '' ? undefined : met === 'met',
    });
  }
  return out;
}

if (args.includes('--report-only')) {
  // Re-renders BENCHMARKS.md from the last run's results (e.g. after editing bench/NOTES.md).
  rows.push(...savedRows());
  if (fs.existsSync(RESULTS))
    savedMachine = (JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as { machine: string[] }).machine;
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
