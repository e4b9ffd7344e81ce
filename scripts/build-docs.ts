/**
 * `npm run build:docs`: writes the generated documentation pages: docs/addons.md from the add-on catalog
 * here, then (the npm script's next step) docs/api/ with TypeDoc from the sources' TSDoc (typedoc.json).
 * Run from the compiled dist/ (the npm script builds first). test/docs/generated.test.ts checks both for drift.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ADDONS_PAGE, addonsPage } from './docs/addons-page';

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

const target = path.join(repositoryRoot(__dirname), ADDONS_PAGE);
fs.writeFileSync(target, addonsPage());
process.stdout.write(`build:docs: wrote ${target}\n`);
