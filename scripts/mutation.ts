/**
 * `npm run mutation [folder...]`: StrykerJS mutation testing of the layers where a wrong line is a
 * security bug (src/policy, src/validation, src/iam, src/review/rules), one Stryker run per folder
 * (stryker.config.mjs, concurrency from MUTATION_CONCURRENCY, default 1), incremental from
 * mutation/incremental/. Each run's result is kept as mutation/summary/<folder>.json, and MUTATION.md is
 * rendered from all summaries, with every surviving mutant either explained in mutation/equivalent.json
 * or listed as still to kill. Not part of `npm test`. `--summarize [folder...]` re-reads the last reports
 * (reports/mutation/) without running Stryker; `--report-only` re-renders MUTATION.md.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The repository root, from scripts/ (ts-jest) or from dist/scripts/ (npm run mutation).
const ROOT = fs.existsSync(path.join(__dirname, '..', 'package.json'))
  ? path.join(__dirname, '..')
  : path.join(__dirname, '..', '..');
const FOLDERS: Record<string, { path: string; target: number }> = {
  policy: { path: 'src/policy', target: 90 },
  validation: { path: 'src/validation', target: 90 },
  iam: { path: 'src/iam', target: 80 },
  'review-rules': { path: 'src/review/rules', target: 80 },
};

/** Files left out of mutation on purpose (the `!` globs in stryker.config.mjs), with the reason. */
export const EXCLUDED: Record<string, string> = {
  'src/iam/aws-managed-policies.ts':
    'generated data (1,594 policy names from scripts/update-aws-managed-policies.ts), not logic; each name would be a static mutant that reruns every test',
  ...Object.fromEntries(
    fs
      .readdirSync(path.join(ROOT, 'src', 'policy', 'addons'))
      .filter((f) => f.endsWith('.ts') && f !== 'model.ts' && f !== 'index.ts')
      .sort()
      .map((f) => [
        `src/policy/addons/${f}`,
        'add-on data, not logic: its statements are pinned by a golden document and by the fingerprint recorded in the file (test/policy/addons.test.ts), so a changed action, resource or condition fails there; its titles, links and option texts are documentation. Each string would be a static mutant rerunning the policy suite',
      ]),
  ),
};

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

/** `source` with the mutant's replacement in place (report lines and columns are 1-based). */
export function applyMutant(source: string, mutant: Mutant): string {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; column: number }) => lineStarts[p.line - 1] + p.column - 1;
  return (
    source.slice(0, offset(mutant.location.start)) +
    (mutant.replacement ?? '') +
    source.slice(offset(mutant.location.end))
  );
}

/**
 * Stryker's own type checker is off (stryker.config.mjs), so every mutant ran. A surviving mutant that
 * does not compile would never reach a user (`npm run lint` type-checks), so it is reported as a compile
 * error, as Stryker's checker would have: each survivor's file is type-checked here, with that one
 * mutant in place, in the tsconfig.mutation.json program, with the file text the run mutated. Returns how
 * many were reclassified.
 */
export function typeCheckSurvivors(report: Report): number {
  // typescript is a devDependency; loaded only here, when a report is summarized.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const configFile = path.join(ROOT, 'tsconfig.mutation.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  const host = ts.createCompilerHost(parsed.options);
  const cached = new Map<string, import('typescript').SourceFile | undefined>();
  const overrides = new Map<string, string>();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion) => {
    const text = overrides.get(path.resolve(fileName));
    if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion);
    if (!cached.has(fileName)) cached.set(fileName, getSourceFile(fileName, languageVersion));
    return cached.get(fileName);
  };
  // Only the mutated file is type-checked (its syntax and semantics, unused names included): a mutant
  // that compiles there but breaks a dependent is counted as compiling. The previous program is reused,
  // so each check re-parses one file.
  let program: import('typescript').Program | undefined;
  const errorsIn = (file: string) => {
    program = ts.createProgram({
      rootNames: parsed.fileNames,
      options: parsed.options,
      host,
      oldProgram: program,
    });
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) throw new Error(`${file} is not in ${configFile}`);
    return [
      ...program.getSyntacticDiagnostics(sourceFile),
      ...program.getSemanticDiagnostics(sourceFile),
    ].filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  };
  let reclassified = 0;
  // The check needs the text the run mutated: a file edited since is not checked.
  const edited = editedSince(report);
  for (const [file, entry] of Object.entries(report.files)) {
    const survivors = entry.mutants.filter((m) => m.status === 'Survived');
    if (survivors.length === 0 || edited.includes(file)) continue;
    const absolute = path.resolve(ROOT, file);
    for (const m of survivors) {
      overrides.set(absolute, applyMutant(entry.source, m));
      if (errorsIn(absolute) > 0) {
        m.status = 'CompileError';
        reclassified++;
      }
      overrides.delete(absolute);
    }
  }
  return reclassified;
}

export interface Survivor {
  /** `file:line:column mutator`, as shown in MUTATION.md. */
  key: string;
  /** `file:line:column mutator => replacement`: the key in mutation/equivalent.json. */
  id: string;
  status: string;
  replacement: string;
}

export interface FolderSummary {
  folder: string;
  path: string;
  target: number;
  date: string;
  command: string;
  total: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  compileErrors: number;
  runtimeErrors: number;
  /** Stryker's score: (killed + timeout) / (killed + timeout + survived + no coverage), in percent. */
  score: number;
  /** The files mutated in this run, and the folder's files that were not (a partial run). */
  files: string[];
  notRun: string[];
  survivors: Survivor[];
}

/** The .ts files under a folder, relative to the repository root. */
function folderFiles(folder: string): string[] {
  const dir = path.join(ROOT, folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${folder}/${f.split(path.sep).join('/')}`)
    .filter((f) => !(f in EXCLUDED))
    .sort();
}

/** Counts and survivors of one Stryker JSON report. */
export function summarize(
  folder: string,
  report: Report,
  date: string,
  command: string,
  only?: string[],
): FolderSummary {
  const all = Object.entries(report.files).flatMap(([file, f]) => f.mutants.map((m) => ({ file, m })));
  const count = (status: string) => all.filter(({ m }) => m.status === status).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  const survivors = all
    .filter(({ m }) => m.status === 'Survived' || m.status === 'NoCoverage')
    .map(({ file, m }) => {
      const key = `${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}`;
      const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100);
      return { key, id: `${key} => ${replacement}`, status: m.status, replacement };
    })
    .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  return {
    folder,
    path: FOLDERS[folder].path,
    target: FOLDERS[folder].target,
    date,
    command,
    total: all.length,
    killed,
    timeout,
    survived,
    noCoverage,
    compileErrors: count('CompileError'),
    runtimeErrors: count('RuntimeError'),
    score: valid === 0 ? 100 : Math.floor((detected / valid) * 10000) / 100,
    files: only ?? folderFiles(FOLDERS[folder].path),
    notRun: only ? folderFiles(FOLDERS[folder].path).filter((f) => !only.includes(f)) : [],
    survivors,
  };
}

/**
 * MUTATION.md from the folder summaries, the equivalent mutants' reasons and `killedLater`: survivors
 * that a test added after the run kills (checked by applying the mutant to the source and running that
 * test), by id, with the test's file. Those still count as survivors until a rerun measures them.
 */
export function renderMarkdown(
  summaries: FolderSummary[],
  equivalent: Record<string, string>,
  killedLater: Record<string, string> = {},
): string {
  const lines = [
    '# Mutation testing',
    '',
    'StrykerJS plants small bugs (mutants) in the layers where a wrong line is a security bug and runs the fast,',
    'Terraform-free tests against each. A mutant is killed when a test fails. Score = (killed + timed out) /',
    "(killed + timed out + survived + not covered); mutants that do not compile are excluded. Stryker's own",
    'type checker is off (about 4 s per mutant on this machine, slower than the tests), so every mutant runs and',
    'the surviving ones are type-checked afterwards: those that do not compile count as compile errors.',
    'The pure Terraform-free tests run per folder (stryker.config.mjs); the heaviest random properties run a',
    'fifth of their cases (IRSA_PROPERTY_SCALE=0.2). Regenerate with',
    '`npm run mutation` (all folders) or `npm run mutation -- <folder>`; `MUTATION_CONCURRENCY` sets Stryker',
    'concurrency (default 1). Runs are incremental (mutation/incremental/): only mutants whose code or tests',
    'changed are run again. Caveat: Stryker 9 reuses a "Survived" result for a static mutant (a module-level',
    'constant) even after a new test that kills it was added; delete such entries from mutation/incremental/ (or',
    'run with `--force`) to test them again, as was done for the runs below.',
    '',
    '| Folder | Target | Score | Killed | Timed out | Survived | No coverage | Compile errors | Mutants | Run |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of summaries) {
    const met = s.score >= s.target ? 'met' : 'NOT met';
    const partial =
      s.notRun.length > 0 ? ` (partial: ${s.files.length} of ${s.files.length + s.notRun.length} files)` : '';
    lines.push(
      `| \`${s.path}\`${partial} | ${s.target}% | ${s.score.toFixed(2)}% (${met}) | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.compileErrors} | ${s.total} | ${s.date} |`,
    );
  }
  const missing = Object.entries(FOLDERS).filter(([key]) => !summaries.some((s) => s.folder === key));
  for (const [key, f] of missing) {
    lines.push(
      `| \`${f.path}\` | ${f.target}% | not measured (no run recorded; \`npm run mutation -- ${key}\`) | | | | | | | |`,
    );
  }
  lines.push('', 'Not mutated on purpose:', '');
  const byReason = new Map<string, string[]>();
  for (const [file, why] of Object.entries(EXCLUDED)) byReason.set(why, [...(byReason.get(why) ?? []), file]);
  for (const [why, files] of byReason) lines.push(`- ${files.map((f) => `\`${f}\``).join(', ')}: ${why}.`);
  const partials = summaries.filter((s) => s.notRun.length > 0);
  if (partials.length > 0) {
    lines.push(
      '',
      'Partial runs (the time available did not fit the whole folder on this shared 2-core machine):',
      '',
    );
    for (const s of partials) {
      lines.push(
        `- \`${s.path}\`: ran \`${s.command}\` on ${s.files.map((f) => `\`${f}\``).join(', ')}; not run: ${s.notRun.map((f) => `\`${f}\``).join(', ')}.`,
      );
    }
  }
  const later = summaries
    .map((s) => ({ s, n: s.survivors.filter((m) => killedLater[m.id] !== undefined).length }))
    .filter((x) => x.n > 0);
  if (later.length > 0) {
    lines.push(
      '',
      'Killed after the run, not yet re-measured (each checked by applying the mutant to the source and running the new test; they still count as survivors above):',
      '',
    );
    for (const { s, n } of later) {
      const score = ((s.killed + s.timeout + n) / (s.killed + s.timeout + s.survived + s.noCoverage)) * 100;
      lines.push(
        `- \`${s.path}\`: ${n} of its ${s.survivors.length} survivors; with them the score would be ${score.toFixed(2)}%.`,
      );
    }
  }
  for (const s of summaries) {
    lines.push('', `## Surviving mutants in \`${s.path}\``, '');
    if (s.survivors.length === 0) {
      lines.push('None.');
      continue;
    }
    lines.push('| Mutant | Status | Replacement | Why it survives |', '| --- | --- | --- | --- |');
    for (const m of s.survivors) {
      const why =
        equivalent[m.id] ??
        (killedLater[m.id] !== undefined
          ? `killed by a test added after the run (${killedLater[m.id]}), not yet re-measured`
          : 'not yet explained: to be killed by a test');
      lines.push(
        `| \`${m.key}\` | ${m.status} | \`${m.replacement.replace(/\|/g, '\\|').replace(/`/g, "'")}\` | ${why} |`,
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}

/** The same mutant in two reports: same place, mutator and replacement. */
const mutantKey = (file: string, m: Mutant): string =>
  `${file}:${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column} ${m.mutatorName} ${m.replacement ?? ''}`;

/**
 * `file:line:column-line:column` ranges (Stryker's mutate syntax) of the survivors of a report, one per
 * mutant: the rerun instruments the survivors (and mutants nested inside them), not their killed
 * neighbours on the same lines. The report's columns are 1-based; the ranges' are 0-based, as Babel's.
 * With `files`, only the survivors of those files.
 */
export function survivorRanges(report: Report, files?: readonly string[]): string[] {
  const ranges = new Set<string>();
  for (const [file, entry] of Object.entries(report.files)) {
    if (files && !files.includes(file)) continue;
    for (const m of entry.mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      const { start, end } = m.location;
      ranges.add(`${file}:${start.line}:${start.column - 1}-${end.line}:${end.column - 1}`);
    }
  }
  return [...ranges].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Takes the rerun's statuses into the full report, for the mutants it ran again; returns how many
 * changed. A file whose text differs between the two reports is left as it was (its mutants moved),
 * unless it is in `replace`: a file edited since the full run, which the rerun mutated whole, so the
 * rerun's record of it (text and every mutant) replaces the old one.
 */
export function mergeRerun(full: Report, rerun: Report, replace: readonly string[] = []): number {
  const statuses = new Map<string, string>();
  for (const [file, entry] of Object.entries(rerun.files)) {
    if (full.files[file]?.source !== entry.source) continue;
    for (const m of entry.mutants) statuses.set(mutantKey(file, m), m.status);
  }
  let changed = 0;
  for (const [file, entry] of Object.entries(full.files)) {
    if (replace.includes(file)) continue;
    for (const m of entry.mutants) {
      const status = statuses.get(mutantKey(file, m));
      if (status !== undefined && status !== m.status && status !== 'CompileError') {
        m.status = status;
        changed++;
      }
    }
  }
  for (const file of replace) {
    const entry = rerun.files[file];
    if (!entry) throw new Error(`the rerun has no record of ${file}, which it was to mutate whole`);
    full.files[file] = entry;
  }
  return changed;
}

/** The files of a report whose text on disk is no longer the text the run mutated. */
export function editedSince(report: Report, root = ROOT): string[] {
  return Object.entries(report.files)
    .filter(([file, entry]) => {
      const absolute = path.resolve(root, file);
      return !fs.existsSync(absolute) || fs.readFileSync(absolute, 'utf8') !== entry.source;
    })
    .map(([file]) => file)
    .sort();
}

function runStryker(folder: string, env: Record<string, string>): void {
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_FOLDER: folder, ...env },
  });
  if (run.status !== 0) throw new Error(`stryker failed for ${folder} (exit ${run.status})`);
}

function main(): void {
  const flag = process.argv[2];
  const mode = flag === '--summarize' ? 'summarize' : flag === '--survivors' ? 'survivors' : 'run';
  const args = process.argv.slice(mode === 'run' ? 2 : 3);
  const folders = args.length > 0 ? args : Object.keys(FOLDERS);
  for (const folder of folders) {
    if (!FOLDERS[folder])
      throw new Error(`unknown folder ${folder}: expected one of ${Object.keys(FOLDERS).join(', ')}`);
  }
  const summaryDir = path.join(ROOT, 'mutation', 'summary');
  fs.mkdirSync(summaryDir, { recursive: true });
  for (const folder of folders) {
    const concurrency = process.env.MUTATION_CONCURRENCY ?? '1';
    const reportFile = path.join(ROOT, 'reports', 'mutation', `${folder}.json`);
    const previous = fs.existsSync(path.join(summaryDir, `${folder}.json`))
      ? (JSON.parse(fs.readFileSync(path.join(summaryDir, `${folder}.json`), 'utf8')) as FolderSummary)
      : undefined;
    let command: string;
    let only = process.env.MUTATION_FILES?.split(',');
    if (mode === 'survivors') {
      // Keeps the full run's command and file list; records when the survivors ran again.
      if (!previous || !fs.existsSync(reportFile))
        throw new Error(`no full run of ${folder} to take survivors from`);
      const full = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report;
      // MUTATION_SURVIVOR_FILES (comma-separated paths) reruns the survivors of some files only: the
      // rerun's statuses merge into the report, so a folder can be re-measured file by file.
      const chosen = process.env.MUTATION_SURVIVOR_FILES?.split(',') ?? Object.keys(full.files);
      // A file edited since the run (a bug fix) has moved mutants: it is mutated whole, and the rerun's
      // record of it replaces the old one.
      const edited = editedSince(full).filter((f) => chosen.includes(f));
      // A file deleted since the run has no mutants left: its record goes.
      for (const f of edited.filter((f) => !fs.existsSync(path.resolve(ROOT, f)))) delete full.files[f];
      const whole = edited.filter((f) => f in full.files);
      const ranges = survivorRanges(
        full,
        chosen.filter((f) => !whole.includes(f)),
      );
      process.stdout.write(
        `mutation: ${folder}: ${ranges.length} survivor range(s) run again${whole.length > 0 ? `, and ${whole.join(', ')} whole (edited since the run)` : ''}\n`,
      );
      if (ranges.length + whole.length > 0) {
        runStryker(folder, {
          MUTATION_CONCURRENCY: concurrency,
          MUTATION_FILES: [...ranges, ...whole].join(','),
          MUTATION_RERUN: '1',
        });
        const rerunFile = path.join(ROOT, 'reports', 'mutation', `${folder}.survivors.json`);
        const changed = mergeRerun(full, JSON.parse(fs.readFileSync(rerunFile, 'utf8')) as Report, whole);
        process.stdout.write(`mutation: ${folder}: ${changed} survivor(s) now detected\n`);
      }
      fs.writeFileSync(reportFile, JSON.stringify(full));
      const scale = process.env.IRSA_PROPERTY_SCALE
        ? `, IRSA_PROPERTY_SCALE=${process.env.IRSA_PROPERTY_SCALE}`
        : '';
      const rerunOf = whole.length > 0 ? `; whole: ${whole.join(', ')}` : '';
      command = `${previous.command.replace(/ \(survivors rerun .*\)$/, '')} (survivors rerun ${new Date().toISOString().slice(0, 16).replace('T', ' ')}${scale}${rerunOf})`;
      only = previous.notRun.length > 0 ? previous.files : undefined;
    } else {
      const files = only ? ` MUTATION_FILES=${only.join(',')}` : '';
      command = `MUTATION_FOLDER=${folder}${files} MUTATION_CONCURRENCY=${concurrency} stryker run stryker.config.mjs`;
      if (mode === 'run') {
        process.stdout.write(`mutation: ${command}\n`);
        runStryker(folder, { MUTATION_CONCURRENCY: concurrency });
      } else if (previous) {
        command = previous.command;
      }
    }
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report;
    const reclassified = typeCheckSurvivors(report);
    process.stdout.write(`mutation: ${folder}: ${reclassified} surviving mutant(s) do not compile\n`);
    const date =
      mode === 'survivors' && previous
        ? previous.date
        : fs.statSync(reportFile).mtime.toISOString().slice(0, 16).replace('T', ' ');
    const summary = summarize(folder, report, date, command, only);
    fs.writeFileSync(path.join(summaryDir, `${folder}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  }
  writeMarkdownFromSummaries();
}

export function writeMarkdownFromSummaries(): void {
  const summaryDir = path.join(ROOT, 'mutation', 'summary');
  const summaries = Object.keys(FOLDERS)
    .map((f) => path.join(summaryDir, `${f}.json`))
    .filter((f) => fs.existsSync(f))
    .map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as FolderSummary);
  const equivalent = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'mutation', 'equivalent.json'), 'utf8'),
  ) as Record<string, string>;
  const notes = path.join(ROOT, 'mutation', 'notes.md');
  const extra = fs.existsSync(notes) ? `\n${fs.readFileSync(notes, 'utf8')}` : '';
  const laterFile = path.join(ROOT, 'mutation', 'killed-later.json');
  const killedLater = fs.existsSync(laterFile)
    ? (JSON.parse(fs.readFileSync(laterFile, 'utf8')) as Record<string, string>)
    : {};
  fs.writeFileSync(
    path.join(ROOT, 'MUTATION.md'),
    renderMarkdown(summaries, equivalent, killedLater) + extra,
  );
}

if (require.main === module) {
  if (process.argv[2] === '--report-only') writeMarkdownFromSummaries();
  else main();
}
