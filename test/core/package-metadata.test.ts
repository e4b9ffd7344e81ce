/**
 * What a user sees of the package: its metadata, the import paths TypeScript resolves, and README links
 * that work on a package page (where only the tarball's files exist).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  files: string[];
};
const REPO = 'https://github.com/cdktf-irsa/cdktf-irsa';

test('package.json names the repository, homepage and issue tracker', () => {
  expect(pkg.repository.url).toBe(`git+${REPO}.git`);
  expect(pkg.homepage).toBe(`${REPO}#readme`);
  expect(pkg.bugs.url).toBe(`${REPO}/issues`);
});

test('every README link is absolute or an anchor, so it works on the npm package page', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  expect(links.length).toBeGreaterThan(5);
  expect(links.filter((l) => !/^(https:\/\/|#)/.test(l))).toEqual([]);
  // Links into this repository point at its default branch.
  for (const link of links.filter((l) => l.includes('github.com/cdktf-irsa/')))
    expect(link).toMatch(new RegExp(`^${REPO}(/(blob|tree)/main/|#)`));
});

describe.each(['node10', 'node16', 'bundler'] as const)('moduleResolution %s', (resolution) => {
  // A copy of the package as installed: its package.json and the declaration files it points at.
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-resolve-'));
  const installed = path.join(app, 'node_modules', 'cdktf-irsa');
  for (const file of ['dist/src/index.d.ts', 'dist/src/review/index.d.ts', 'dist/cdktn/index.d.ts']) {
    fs.mkdirSync(path.dirname(path.join(installed, file)), { recursive: true });
    fs.writeFileSync(path.join(installed, file), 'export {};\n');
  }
  fs.copyFileSync(path.join(root, 'package.json'), path.join(installed, 'package.json'));
  const options: ts.CompilerOptions = {
    node10: { moduleResolution: ts.ModuleResolutionKind.Node10, module: ts.ModuleKind.CommonJS },
    node16: { moduleResolution: ts.ModuleResolutionKind.Node16, module: ts.ModuleKind.Node16 },
    bundler: { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext },
  }[resolution];
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

  test.each([
    ['cdktf-irsa', 'dist/src/index.d.ts'],
    ['cdktf-irsa/review', 'dist/src/review/index.d.ts'],
    ['cdktf-irsa/cdktn', 'dist/cdktn/index.d.ts'],
  ])('%s resolves to %s', (specifier, file) => {
    const resolved = ts.resolveModuleName(specifier, path.join(app, 'main.ts'), options, ts.sys);
    expect(resolved.resolvedModule?.resolvedFileName).toBe(path.join(installed, file));
  });
});
