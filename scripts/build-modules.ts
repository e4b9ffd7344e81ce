/**
 * `npm run build:modules`: regenerates modules/ from src/modules. Run from the compiled dist/ (the npm
 * script builds first), so no TypeScript runtime is needed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeModules } from '../src/modules';

/** The repository root: the nearest folder above this file with a package.json (works from dist/ too). */
function repositoryRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

async function main(): Promise<void> {
  const target = path.join(repositoryRoot(__dirname), 'modules');
  const files = await writeModules(target);
  process.stdout.write(`build:modules: wrote ${files.length} files to ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `build:modules failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
