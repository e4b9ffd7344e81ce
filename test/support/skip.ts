/**
 * Conditional test blocks that never skip silently: a skipped block prints why, on stderr (which jest
 * shows) and in a file that `.ci/run` lists in its summary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SKIP_LOG = path.join(__dirname, '..', '..', '.jest-skips.log');

export function describeUnless(reason: string | undefined, name: string, body: () => void): void {
  if (reason === undefined) {
    describe(name, body);
    return;
  }
  const line = `SKIPPED "${name}": ${reason}\n`;
  process.stderr.write(line);
  fs.appendFileSync(SKIP_LOG, line);
  describe.skip(`${name} (skipped: ${reason})`, body);
}
