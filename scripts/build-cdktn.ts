/**
 * Builds the cdktn flavour (dist/cdktn, the `cdktf-irsa/cdktn` export) from the compiled cdktf flavour
 * (dist/src) with tools/cdktn-flavour.ts. Fails, naming file and specifier, when a specifier is not in
 * tools/cdktn-flavour.json, and when a rewritten package module does not exist in the installed cdktn packages.
 *
 * Usage (after `tsc -p tsconfig.build.json`; `npm run build` runs both): node dist/scripts/build-cdktn.js
 */
import * as path from 'node:path';
import { buildFlavour } from '../tools/cdktn-flavour';

const ROOT = path.resolve(__dirname, '..', '..');
const FROM = path.join(ROOT, 'dist', 'src');
const TO = path.join(ROOT, 'dist', 'cdktn');

const built = buildFlavour(FROM, TO, ROOT);
if (built.problems.length > 0) {
  process.stderr.write(`cdktn build failed:\n${built.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `cdktn build: ${built.files} files in ${path.relative(ROOT, TO)}, importing ${[...built.packages].sort().join(', ')}\n`,
);
