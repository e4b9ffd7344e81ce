/**
 * The generated documentation is what the generators write now (as modules/ is in .ci/run): docs/addons.md
 * from `WELL_KNOWN_ADDONS`, and docs/api/ from the sources' TSDoc by TypeDoc, regenerated into a temporary
 * folder and compared file by file. `npm run build:docs` rewrites both.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ADDONS_PAGE, addonsPage } from '../../scripts/docs/addons-page';
import { WELL_KNOWN_ADDONS } from '../../src';
import { API_DIR, ROOT } from './markdown';

const FIX = 'run npm run build:docs and commit the result';

/** Every file under `dir`, relative, sorted, with its text. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else out.set(child, fs.readFileSync(path.join(dir, child), 'utf8'));
    }
  };
  walk('');
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

test(`${ADDONS_PAGE} is the catalog (${FIX})`, () => {
  expect(fs.readFileSync(path.join(ROOT, ADDONS_PAGE), 'utf8')).toBe(addonsPage());
});

test(`${ADDONS_PAGE} has a row per add-on, in both tables`, () => {
  const page = addonsPage();
  for (const key of Object.keys(WELL_KNOWN_ADDONS)) expect(page).toContain(`| \`${key}\``);
  expect(page.match(/^\| `/gm)).toHaveLength(2 * Object.keys(WELL_KNOWN_ADDONS).length);
});

test(`${API_DIR}/ is what TypeDoc writes from the sources (${FIX})`, () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-typedoc-'));
  try {
    const typedoc = path.join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
    execFileSync(process.execPath, [typedoc, '--out', out, '--logLevel', 'Warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const generated = tree(out);
    const committed = tree(path.join(ROOT, API_DIR));
    expect([...committed.keys()]).toEqual([...generated.keys()]);
    const differing = [...generated].filter(([file, text]) => committed.get(file) !== text).map(([f]) => f);
    expect(differing).toEqual([]);
    // The reference documents the constructs, from their TSDoc.
    expect(generated.get('cdktf-irsa/classes/IamServiceAccount.md')).toContain(
      'eksctl create iamserviceaccount',
    );
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
