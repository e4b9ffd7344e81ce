/**
 * The runtime dependency audit: every package that the published code (dist/src, dist/cdktn) loads must be
 * a `dependencies` entry or a peer dependency of package.json, never a devDependency, because users install
 * the package without its dev dependencies. Run by test/scripts/dependencies.test.ts on src/ (what dist/src
 * is compiled from, and through tools/cdktn-flavour.json what dist/cdktn becomes) and on dist/ when built;
 * scripts/check-consumer.ts proves the same from an installed tarball.
 *
 * Module references are read from TypeScript's syntax tree: import and export declarations, `import x =
 * require()`, `require()`, `require.resolve()`, `import()` and `import('x').T` types. A `require` or `import()`
 * whose argument is not a string literal cannot be audited, so it is reported too.
 */
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';
import { mapSpecifier, type FlavourMap } from './cdktn-flavour';

/** One module reference in a file. */
export interface ModuleReference {
  readonly specifier: string;
  /** 1-based line. */
  readonly line: number;
}

/** What a file refers to: literal module specifiers, and the lines of references that are not literals. */
export interface FileReferences {
  readonly references: ModuleReference[];
  readonly dynamicLines: number[];
}

function isRequire(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'require' &&
    callee.name.text === 'resolve'
  );
}

/** Every module reference of a .ts, .js or .d.ts file. */
export function moduleReferences(text: string, fileName: string): FileReferences {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const references: ModuleReference[] = [];
  const dynamicLines: number[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const add = (node: ts.Node | undefined, at: ts.Node) => {
    if (node !== undefined && ts.isStringLiteralLike(node))
      references.push({ specifier: node.text, line: lineOf(at) });
    else dynamicLines.push(lineOf(at));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier !== undefined) add(node.moduleSpecifier, node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node);
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequire(node.expression))
        add(node.arguments[0], node);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      add(ts.isLiteralTypeNode(argument) ? argument.literal : undefined, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { references, dynamicLines };
}

/** The package a bare specifier names (`@scope/name/deep/path` -> `@scope/name`), or undefined. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The parts of package.json the audit reads. */
export interface PackageManifest {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

export interface DependencyAudit {
  /** Packages the files load, with the first place each is loaded from (`file:line`). */
  readonly packages: Map<string, string>;
  /** One line per problem: a package that is not a dependency or peer, a reference that is not a literal. */
  readonly problems: string[];
}

/**
 * Audits `files` (absolute paths; shown relative to `root`) against `manifest`. With `flavour`, each
 * specifier is also checked as the cdktn build rewrites it (the packages of dist/cdktn).
 */
export function auditDependencies(
  files: readonly string[],
  manifest: PackageManifest,
  root: string,
  flavour?: FlavourMap,
): DependencyAudit {
  const packages = new Map<string, string>();
  const problems: string[] = [];
  const runtime = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const check = (specifier: string, where: string, how: string) => {
    const name = packageOf(specifier);
    if (name === undefined) return;
    if (!packages.has(name)) packages.set(name, where);
    if (runtime.has(name)) return;
    const dev = manifest.devDependencies?.[name] !== undefined ? ' (it is only a devDependency)' : '';
    problems.push(
      `${where}: ${how}"${specifier}", but ${name} is not in dependencies or peerDependencies${dev}`,
    );
  };
  for (const file of files) {
    const shown = path.relative(root, file).split(path.sep).join('/');
    const found = moduleReferences(fs.readFileSync(file, 'utf8'), file);
    for (const line of found.dynamicLines)
      problems.push(`${shown}:${line}: a require() or import() of a computed specifier cannot be audited`);
    for (const ref of found.references) {
      const where = `${shown}:${ref.line}`;
      check(ref.specifier, where, 'loads ');
      if (flavour === undefined) continue;
      const mapped = mapSpecifier(ref.specifier, flavour);
      if (mapped?.kind === 'package') check(mapped.specifier, where, 'in the cdktn build loads ');
    }
  }
  return { packages, problems };
}

/** The files under `dir` whose names end with one of `extensions`, sorted. */
export function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(file, extensions));
    else if (extensions.some((e) => entry.name.endsWith(e))) out.push(file);
  }
  return out.sort();
}
