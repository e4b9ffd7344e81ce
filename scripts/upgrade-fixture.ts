/**
 * Writes test/upgrade/fixtures/<version>.tf.json: tools/upgrade-app.ts synthesized by a previous release.
 *
 * Usage, for 0.1.0 (commit 86fef9a), from the repository root after `npm run build`:
 *   mkdir -p /tmp/old && git archive 86fef9a | tar -x -C /tmp/old
 *   ln -s "$PWD/node_modules" /tmp/old/node_modules && (cd /tmp/old && npx tsc -p tsconfig.build.json)
 *   node dist/scripts/upgrade-fixture.js /tmp/old/dist/src test/upgrade/fixtures/0.1.0.tf.json
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UPGRADE_STACK, synthUpgradeApp } from '../tools/upgrade-app';

const [libraryDir, out] = process.argv.slice(2);
if (!libraryDir || !out) {
  process.stderr.write('usage: node dist/scripts/upgrade-fixture.js <library dist/src> <out .tf.json>\n');
  process.exit(2);
}
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-upgrade-fixture-'));
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const library = require(path.resolve(libraryDir)) as Parameters<typeof synthUpgradeApp>[0]['library'];
  synthUpgradeApp({ library, outdir });
  const synthesized = path.join(outdir, 'stacks', UPGRADE_STACK, 'cdk.tf.json');
  fs.writeFileSync(out, fs.readFileSync(synthesized, 'utf8'));
  process.stdout.write(`wrote ${out}\n`);
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
