/**
 * Regenerates the upgrade test's fixture: the app of scripts/upgrade-fixture-app.ts synthesized by an
 * older release of this package, so CI never builds old commits.
 *
 *   npm run build && node dist/scripts/upgrade-fixtures.js <git-ref> [label]
 *
 * The ref's `src/` is extracted with `git archive` into a temporary folder, compiled there with this
 * checkout's TypeScript and dependencies (a `node_modules` link), and loaded in place of the current
 * library; the Terraform JSON goes to test/lifecycle/fixtures/upgrade-<label>/cdk.tf.json (label: the
 * ref), with the commit it came from in source.json.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { UPGRADE_STACK, buildUpgradeApp, type IrsaLibrary } from './upgrade-fixture-app';

const ROOT = path.resolve(__dirname, '..', '..');

function main(argv: string[]): void {
  const [ref, label = ref] = argv;
  if (!ref) throw new Error('usage: node dist/scripts/upgrade-fixtures.js <git-ref> [label]');
  const commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-upgrade-fixture-'));
  try {
    const archive = execFileSync('git', ['archive', '--format=tar', commit], {
      cwd: ROOT,
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', tmp], { input: archive });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
    execFileSync(
      path.join(ROOT, 'node_modules', '.bin', 'tsc'),
      ['-p', 'tsconfig.build.json', '--outDir', 'old-dist', '--declaration', 'false'],
      { cwd: tmp, stdio: 'inherit' },
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require(path.join(tmp, 'old-dist', 'src', 'index.js')) as IrsaLibrary;
    const app = Testing.app();
    const stack = new TerraformStack(app, UPGRADE_STACK);
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    buildUpgradeApp(stack, lib);
    const json = JSON.parse(Testing.synth(stack)) as Record<string, unknown>;
    const out = path.join(ROOT, 'test', 'lifecycle', 'fixtures', `upgrade-${label}`);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'cdk.tf.json'), `${JSON.stringify(json, null, 2)}\n`);
    fs.writeFileSync(
      path.join(out, 'source.json'),
      `${JSON.stringify({ ref, commit, generator: 'scripts/upgrade-fixtures.ts' }, null, 2)}\n`,
    );
    process.stdout.write(`wrote ${path.relative(ROOT, out)}/cdk.tf.json from ${commit}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
