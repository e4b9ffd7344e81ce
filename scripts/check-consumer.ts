/**
 * The package as a new user gets it (run by .ci/run): packs this project, checks the tarball's file list
 * against an allow-list, installs it into a fresh app with exactly the README's install line (the tarball
 * in place of `cdktf-irsa`) plus `--omit=dev`, and runs there what users run:
 *   - `irsa --help`; `irsa create iamserviceaccount` and `irsa create podidentityassociation` with
 *     `--dry-run` in every `--output` format (output well-formed, module sources present in the installed
 *     package, nothing written); `irsa import eksctl-config` on a small ClusterConfig;
 *   - `irsa-review --help`, and a review of a fixture plan (test/review/fixtures, planned offline) by
 *     `irsa-review` and by `irsa review`;
 *   - `require` and `import` of `cdktf-irsa` and `cdktf-irsa/review` from a CommonJS and an ES module file
 *     (every CommonJS export importable by name), and a role-only stack synthesized;
 * then, in a second fresh app with the README's CDK Terrain install line, the same for `cdktf-irsa/cdktn`.
 * Any error fails the check (exit 1). Prints the tarball's size and file count and each step's time.
 * The apps live in a temporary folder outside the repository, removed at the end (kept with --keep).
 *
 * Usage: npm run build && node dist/scripts/check-consumer.js [--prebuilt] [--keep]
 *   --prebuilt  pack without `prepack` (dist/ was just built, as in .ci/run)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OUTPUT_FORMATS } from '../src/cli/main';
import {
  installFromTarball,
  packProject,
  readmeInstallCommand,
  run,
  runAsync,
  tarballProblems,
  type Packed,
} from '../tools/package';
import {
  initAndValidate,
  OFFLINE_AWS_PROVIDER_HCL,
  planJson,
  terraformUnavailableReason,
} from '../tools/terraform';

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = 'cdktf-irsa';
const ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const REVIEW_FIXTURE = 'dangerous';
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const TSC_FLAGS = [
  '--noEmit',
  '--strict',
  '--skipLibCheck',
  ...['--target', 'ES2022', '--lib', 'ES2022', '--module', 'commonjs', '--moduleResolution', 'node10'],
  ...['--typeRoots', path.join(ROOT, 'node_modules', '@types'), '--types', 'node'],
];

const CLUSTER_CONFIG = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: prod
  region: eu-west-1
iam:
  withOIDC: true
  serviceAccounts:
    - metadata:
        name: s3-reader
        namespace: backend
      attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
  podIdentityAssociations:
    - namespace: payments
      serviceAccountName: api
      permissionPolicyARNs: [arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess]
`;

interface Outcome {
  name: string;
  seconds: number;
  error?: string;
}

const outcomes: Outcome[] = [];

function record(name: string, started: bigint, note: string | void, error?: unknown): boolean {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (error === undefined) {
    outcomes.push({ name, seconds });
    console.log(`ok   ${name} (${seconds.toFixed(1)} s)${note ? `: ${note}` : ''}`);
    return true;
  }
  const message = error instanceof Error ? error.message : String(error);
  outcomes.push({ name, seconds, error: message });
  console.log(`FAIL ${name} (${seconds.toFixed(1)} s):\n${message.replace(/^/gm, '     ')}`);
  return false;
}

/** Runs one check, records its time and outcome; returns whether it passed. */
function step(name: string, body: () => string | void): boolean {
  const started = process.hrtime.bigint();
  try {
    return record(name, started, body());
  } catch (error) {
    return record(name, started, undefined, error);
  }
}

/** {@link step} for a check that waits on child processes. */
async function stepAsync(name: string, body: () => Promise<string | void>): Promise<boolean> {
  const started = process.hrtime.bigint();
  try {
    return record(name, started, await body());
  } catch (error) {
    return record(name, started, undefined, error);
  }
}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** Every file under `dir` with its size, to prove that a dry run wrote nothing. */
function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${path.relative(dir, p)} ${fs.statSync(p).size}`);
    }
  };
  walk(dir);
  return out.sort().join('\n');
}

/** Local module sources (`./…`, `../…`) in generated Terraform, each of which must be a folder from `dir`. */
function missingModuleSources(text: string, dir: string): string[] {
  const sources = [...text.matchAll(/"?source"?\s*[=:]\s*"(\.\.?\/[^"]+)"/g)].map((m) => m[1]);
  expect(sources.length > 0, 'no local module source in the output');
  return sources.filter((s) => !fs.existsSync(path.join(dir, s, 'main.tf')));
}

/** The files of a multi-file dry run (`# ---- name ----` headers), or the one file. */
function dryRunFiles(stdout: string): Map<string, string> {
  const parts = stdout.split(/^# ---- (.+) ----\n/m);
  if (parts.length === 1) return new Map([['(one file)', stdout]]);
  const files = new Map<string, string>();
  for (let i = 1; i < parts.length; i += 2) files.set(parts[i], parts[i + 1]);
  return files;
}

/** What a dry run in `format` must look like; returns a short description. */
function checkOutput(format: string, stdout: string, app: string): string {
  const files = dryRunFiles(stdout);
  if (format === 'ts') {
    // The generated app must type-check against what the user installed (with @types/node, as apps have).
    const dir = fs.mkdtempSync(path.join(app, 'ts-check-'));
    fs.writeFileSync(path.join(dir, 'main.ts'), stdout);
    run(process.execPath, [TSC, ...TSC_FLAGS, path.join(dir, 'main.ts')], app);
    fs.rmSync(dir, { recursive: true });
    return `${stdout.split('\n').length} lines of TypeScript, type-checked against the installed packages`;
  }
  for (const [name, text] of files) {
    if (format === 'json') JSON.parse(text);
    else expect(/^(terraform|module|resource|variable|locals|import) /m.test(text), `${name} is not HCL`);
  }
  const missing = missingModuleSources(stdout, app);
  expect(missing.length === 0, `module sources not in the installed package: ${missing.join(', ')}`);
  return `${[...files.keys()].join(', ')}; module sources resolve into node_modules/${PACKAGE}/modules`;
}

function bin(app: string, name: string): string {
  return path.join(app, 'node_modules', '.bin', name);
}

/** A fresh app folder with a package.json, installed with the README's line for `heading`. */
async function installApp(
  work: string,
  name: string,
  heading: RegExp,
  packed: Packed,
): Promise<string | undefined> {
  const app = path.join(work, name);
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name, private: true }, null, 2)}\n`);
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const ok = await stepAsync(`${name}: install`, async () => {
    const line = readmeInstallCommand(readme, heading, PACKAGE);
    const argv = [...installFromTarball(line, PACKAGE, packed.tarball as string), '--omit=dev'];
    expect(argv.includes(packed.tarball as string), `the README line does not install ${PACKAGE}`);
    await runAsync(argv[0], argv.slice(1), app);
    return `${line.join(' ')} (${PACKAGE} = the tarball) --omit=dev`;
  });
  return ok ? app : undefined;
}

function checkCli(app: string, reviewPlan: string | undefined): void {
  step('irsa --help (npx)', () => {
    const out = run('npx', ['--no', '--', 'irsa', '--help'], app);
    expect(out.startsWith('Usage: irsa'), `unexpected help:\n${out}`);
  });
  const commands: Record<string, string[]> = {
    iamserviceaccount: [
      'create',
      'iamserviceaccount',
      '--cluster=prod',
      '--namespace=backend',
      '--name=s3-reader',
      '--attach-policy-arn=arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      `--oidc-provider-arn=${ARN}`,
    ],
    podidentityassociation: [
      'create',
      'podidentityassociation',
      '--cluster=prod',
      '--namespace=payments',
      '--service-account-name=api',
      '--permission-policy-arns=arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess',
    ],
  };
  for (const [command, argv] of Object.entries(commands)) {
    for (const format of OUTPUT_FORMATS) {
      step(`irsa create ${command} --dry-run -o ${format}`, () => {
        const before = snapshot(app);
        const out = run(bin(app, 'irsa'), [...argv, `--output=${format}`, '--dry-run'], app);
        expect(snapshot(app) === before, '--dry-run wrote files');
        return checkOutput(format, out, app);
      });
    }
  }
  step('irsa import eksctl-config', () => {
    fs.writeFileSync(path.join(app, 'cluster.yaml'), CLUSTER_CONFIG);
    run(
      bin(app, 'irsa'),
      ['import', 'eksctl-config', 'cluster.yaml', `--oidc-provider-arn=${ARN}`, '--out=irsa-import'],
      app,
    );
    const out = path.join(app, 'irsa-import');
    const written = fs.readdirSync(out).sort();
    for (const f of ['imports.tf', 'main.tf', 'MIGRATION.md'])
      expect(written.includes(f), `irsa-import/ has no ${f} (it has ${written.join(', ')})`);
    const main = fs.readFileSync(path.join(out, 'main.tf'), 'utf8');
    const missing = missingModuleSources(main, out);
    expect(missing.length === 0, `module sources not in the installed package: ${missing.join(', ')}`);
    return `wrote ${written.join(', ')}`;
  });
  step('irsa-review --help', () => {
    const out = run(bin(app, 'irsa-review'), ['--help'], app);
    expect(out.startsWith('Usage: irsa-review'), `unexpected help:\n${out}`);
  });
  if (reviewPlan === undefined) return;
  step(`irsa-review of the ${REVIEW_FIXTURE} fixture's plan`, () => {
    fs.copyFileSync(reviewPlan, path.join(app, 'plan.json'));
    const report = JSON.parse(run(bin(app, 'irsa-review'), ['plan.json', '--format', 'json'], app)) as {
      findings: { ruleId: string; severity: string }[];
    };
    expect(report.findings.length > 0, 'no findings on the dangerous fixture');
    const ids = [...new Set(report.findings.map((f) => f.ruleId))].sort();
    return `${report.findings.length} findings (${ids.join(', ')})`;
  });
  step(`irsa review of the same plan, markdown`, () => {
    const out = run(bin(app, 'irsa'), ['review', 'plan.json'], app);
    expect(/IRSA\d{3}/.test(out), `no finding in the Markdown report:\n${out.slice(0, 400)}`);
  });
}

/** A CommonJS and an ES module file that load `entries`, compare their exports and synthesize a stack. */
function moduleChecks(app: string, core: 'cdktf' | 'cdktn', entries: string[]): void {
  const constructs = entries[0];
  const synth = (load: string) => `${load}
const app = new App({ outdir: ${JSON.stringify(path.join(app, `out-${core}`))} + suffix });
const stack = new TerraformStack(app, 'irsa');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new IamServiceAccount(stack, 's3-reader', {
  oidcProvider: OidcProvider.fromArn(${JSON.stringify(ARN)}),
  name: 's3-reader',
  roleOnly: true,
  attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
});
app.synth();
`;
  const cjs = `'use strict';
const suffix = '-cjs';
const exportsOf = {};
${entries.map((e) => `exportsOf[${JSON.stringify(e)}] = Object.keys(require(${JSON.stringify(e)})).sort();`).join('\n')}
${synth(`const { App, TerraformStack } = require('${core}');
const { AwsProvider } = require('@${core}/provider-aws/lib/provider');
const { IamServiceAccount, OidcProvider } = require(${JSON.stringify(constructs)});`)}
console.log(JSON.stringify(exportsOf));
`;
  const mjs = `const suffix = '-esm';
const exportsOf = {};
${entries.map((e, i) => `import * as m${i} from ${JSON.stringify(e)};\nexportsOf[${JSON.stringify(e)}] = Object.keys(m${i}).filter((k) => k !== 'default').sort();`).join('\n')}
${synth(`import { App, TerraformStack } from '${core}';
import { AwsProvider } from '@${core}/provider-aws/lib/provider/index.js';
import { IamServiceAccount, OidcProvider } from ${JSON.stringify(constructs)};`)}
console.log(JSON.stringify(exportsOf));
`;
  fs.writeFileSync(path.join(app, 'check.cjs'), cjs);
  fs.writeFileSync(path.join(app, 'check.mjs'), mjs);
  let fromCjs: Record<string, string[]> = {};
  step(`require(${entries.join(', ')}) from CommonJS, synth`, () => {
    fromCjs = JSON.parse(run(process.execPath, ['check.cjs'], app)) as Record<string, string[]>;
    for (const e of entries) expect(fromCjs[e].length > 0, `require('${e}') has no exports`);
    const stack = path.join(app, `out-${core}-cjs`, 'stacks', 'irsa', 'cdk.tf.json');
    expect(fs.readFileSync(stack, 'utf8').includes('"aws_iam_role"'), `${stack} has no aws_iam_role`);
    return entries.map((e) => `${e}: ${fromCjs[e].length} exports`).join('; ');
  });
  step(`import ${entries.join(', ')} from an ES module, synth`, () => {
    const fromEsm = JSON.parse(run(process.execPath, ['check.mjs'], app)) as Record<string, string[]>;
    for (const e of entries) {
      const missing = (fromCjs[e] ?? []).filter((k) => k !== '__esModule' && !fromEsm[e].includes(k));
      expect(missing.length === 0, `import { … } from '${e}' cannot name: ${missing.join(', ')}`);
    }
    const stack = path.join(app, `out-${core}-esm`, 'stacks', 'irsa', 'cdk.tf.json');
    expect(fs.readFileSync(stack, 'utf8').includes('"aws_iam_role"'), `${stack} has no aws_iam_role`);
    return 'every CommonJS export importable by name';
  });
}

/** The fixture's plan as `terraform show -json`, made offline; undefined (printed) where Terraform can't. */
function fixturePlan(work: string): string | undefined {
  const reason = terraformUnavailableReason(['hashicorp/aws']);
  if (reason !== undefined) {
    console.log(`skip the plan reviews: ${reason}`);
    return undefined;
  }
  const dir = path.join(work, `plan-${REVIEW_FIXTURE}`);
  let file: string | undefined;
  step(`terraform plan of test/review/fixtures/${REVIEW_FIXTURE}`, () => {
    fs.mkdirSync(dir);
    fs.copyFileSync(
      path.join(ROOT, 'test', 'review', 'fixtures', REVIEW_FIXTURE, 'main.tf'),
      path.join(dir, 'main.tf'),
    );
    fs.writeFileSync(path.join(dir, 'provider.tf'), OFFLINE_AWS_PROVIDER_HCL);
    initAndValidate(dir);
    const plan = planJson(dir);
    file = path.join(dir, 'plan.json');
    fs.writeFileSync(file, JSON.stringify(plan));
  });
  return file;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--prebuilt' && a !== '--keep');
  if (unknown.length > 0) {
    console.error(`check-consumer: unknown argument ${unknown[0]} (allowed: --prebuilt, --keep)`);
    return 2;
  }
  const started = process.hrtime.bigint();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-consumer-'));
  try {
    let packed: Packed | undefined;
    step('npm pack', () => {
      packed = packProject(ROOT, { destination: work, ignoreScripts: args.includes('--prebuilt') });
      const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
      return `${packed.filename}: ${kib(packed.size)} packed, ${kib(packed.unpackedSize)} unpacked, ${packed.entryCount} files`;
    });
    if (packed !== undefined) {
      const files = packed.files.map((f) => f.path);
      step('tarball file list against the allow-list', () => {
        const problems = tarballProblems(files);
        expect(problems.length === 0, problems.join('\n'));
        const top = new Map<string, number>();
        for (const f of files) {
          const key = f
            .split('/')
            .slice(0, f.startsWith('dist/') ? 2 : 1)
            .join('/');
          top.set(key, (top.get(key) ?? 0) + 1);
        }
        return [...top].map(([k, n]) => `${k} ${n}`).join(', ');
      });
      // The two installs run at once; the plan (synchronous) waits for them.
      const [app, cdktnApp] = await Promise.all([
        installApp(work, 'cdktf-app', /^#+ Install\b/, packed),
        installApp(work, 'cdktn-app', /^#+ .*CDK Terrain/, packed),
      ]);
      const plan = fixturePlan(work);
      if (app !== undefined) {
        checkCli(app, plan);
        moduleChecks(app, 'cdktf', [PACKAGE, `${PACKAGE}/review`]);
      }
      if (cdktnApp !== undefined) {
        step('cdktn-app: no cdktf core installed', () => {
          const leaked = ['cdktf', '@cdktf/provider-aws'].filter((p) =>
            fs.existsSync(path.join(cdktnApp, 'node_modules', p)),
          );
          expect(leaked.length === 0, `node_modules has ${leaked.join(', ')}`);
        });
        moduleChecks(cdktnApp, 'cdktn', [`${PACKAGE}/cdktn`]);
      }
    }
  } finally {
    if (args.includes('--keep')) console.log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  const failed = outcomes.filter((o) => o.error !== undefined);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `consumer check: ${outcomes.length - failed.length} passed, ${failed.length} failed in ${seconds.toFixed(0)} s`,
  );
  for (const f of failed) console.log(`  failed: ${f.name}`);
  return failed.length > 0 ? 1 : 0;
}

void main().then((code) => {
  process.exitCode = code;
});
