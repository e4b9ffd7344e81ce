/**
 * The CDK Terrain (cdktn) flavour of the constructs: one source, two builds.
 *
 * The constructs are written once, against `cdktf` and `@cdktf/provider-*`. The cdktn build takes the
 * compiled cdktf output (dist/src) and rewrites every module specifier of the .js and .d.ts files that
 * `index` reaches, as tools/cdktn-flavour.json says: the core `cdktf` becomes `cdktn`, AWS provider classes
 * come from `@cdktn/provider-aws`, and the three Kubernetes resources come from this project's core-neutral
 * bindings (src/kubernetes/resources.ts), since no prebuilt cdktn Kubernetes provider exists. A specifier
 * the map does not know is an error, so a new import can never pull the cdktf core into the cdktn build.
 *
 * Specifiers are located by TypeScript's own import scanner (`ts.preProcessFile`), not by a regex.
 *
 * Why rewrite the compiled output rather than the source: the construct files keep their ordinary
 * `cdktf` imports (no indirection module every file must go through, so concurrent edits to the constructs
 * need no coordination), `tsc -p tsconfig.build.json` stays the one compile, and the .d.ts files are
 * rewritten by the same code as the .js files. `tsconfig` `paths` alone cannot do it (tsc does not rewrite
 * specifiers on emit), and a custom transformer would need a programmatic compiler driver instead of tsc.
 * Type safety on cdktn comes from `tsconfig.cdktn.json` (the same map as `paths`, checked by `npm run lint`).
 */
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';
import flavour from './cdktn-flavour.json';

export interface FlavourMap {
  /** Whole package specifiers: `cdktf` -> `cdktn`. */
  readonly packages: Readonly<Record<string, string>>;
  /** Specifier prefixes: `@cdktf/provider-aws/lib/` -> `@cdktn/provider-aws/lib/`. */
  readonly prefixes: Readonly<Record<string, string>>;
  /** Specifiers served by a module of this project (path from the project root, no extension). */
  readonly local: Readonly<Record<string, string>>;
  /** Packages that both flavours import as they are. */
  readonly unchanged: readonly string[];
}

export const CDKTN_FLAVOUR: FlavourMap = flavour;

/** What one specifier becomes in the cdktn flavour. */
export type Mapping =
  | { kind: 'relative' | 'builtin' | 'unchanged'; specifier: string }
  | { kind: 'package'; specifier: string }
  | { kind: 'local'; module: string };

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The cdktn counterpart of `specifier`, or undefined when the map does not know it. */
export function mapSpecifier(specifier: string, map: FlavourMap = CDKTN_FLAVOUR): Mapping | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../')) return { kind: 'relative', specifier };
  if (specifier.startsWith('node:') || builtinModules.includes(specifier))
    return { kind: 'builtin', specifier };
  const local = map.local[specifier];
  if (local !== undefined) return { kind: 'local', module: local };
  const whole = map.packages[specifier];
  if (whole !== undefined) return { kind: 'package', specifier: whole };
  for (const [from, to] of Object.entries(map.prefixes)) {
    if (specifier.startsWith(from) && specifier.length > from.length) {
      return { kind: 'package', specifier: to + specifier.slice(from.length) };
    }
  }
  if (map.unchanged.includes(packageName(specifier))) return { kind: 'unchanged', specifier };
  return undefined;
}

/** One module specifier in a file: its text and where its string literal's content starts. */
export interface SpecifierRef {
  readonly specifier: string;
  readonly start: number;
}

/** Every module specifier of a .js or .d.ts file: imports, exports, require(), import(), type references. */
export function specifiersOf(text: string, fileName: string): SpecifierRef[] {
  const scanned = ts.preProcessFile(text, true, true);
  const refs: SpecifierRef[] = [];
  for (const ref of scanned.importedFiles) {
    // `pos` is the opening quote of the string literal.
    const start = ref.pos + 1;
    const quote = text[ref.pos];
    if ((quote !== '"' && quote !== "'") || text.slice(start, start + ref.fileName.length) !== ref.fileName) {
      throw new Error(
        `${fileName}: could not locate the specifier ${JSON.stringify(ref.fileName)} at ${ref.pos}`,
      );
    }
    refs.push({ specifier: ref.fileName, start });
  }
  for (const ref of scanned.typeReferenceDirectives) {
    if (ref.fileName !== 'node') {
      throw new Error(
        `${fileName}: type reference directive ${JSON.stringify(ref.fileName)} is not supported`,
      );
    }
  }
  return refs.sort((a, b) => a.start - b.start);
}

/** Replaces specifiers (by position) with `replace`'s answer; `undefined` keeps the specifier. */
export function replaceSpecifiers(
  text: string,
  refs: readonly SpecifierRef[],
  replace: (specifier: string) => string | undefined,
): string {
  let out = '';
  let at = 0;
  for (const ref of refs) {
    const next = replace(ref.specifier);
    if (next === undefined) continue;
    out += text.slice(at, ref.start) + next;
    at = ref.start + ref.specifier.length;
  }
  return out + text.slice(at);
}

/** A relative specifier from `fromFile` to `toFile` (both absolute, extension dropped). */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  const rel = path.relative(path.dirname(fromFile), toFile).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

export interface FlavourBuild {
  /** Files written. */
  files: number;
  /** Package modules the output imports (rewritten specifiers). */
  packages: Set<string>;
  /** Everything that makes the build fail, one line each. */
  problems: string[];
}

/** The file a relative specifier names, with the extension of the walk (.js or .d.ts). */
function resolveRelative(fromFile: string, specifier: string, ext: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base + ext, path.join(base, `index${ext}`)]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The compiled counterpart of a local module named from the project root (`src/kubernetes/resources`). */
function compiledLocal(from: string, module: string, ext: string): string {
  if (!module.startsWith('src/')) throw new Error(`local module ${module} must live under src/`);
  return path.join(from, module.slice('src/'.length) + ext);
}

function walk(from: string, to: string, root: string, ext: '.js' | '.d.ts', built: FlavourBuild): void {
  const queue = [path.join(from, `index${ext}`)];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const shown = path.relative(root, file);
    if (!file.startsWith(from + path.sep) || !fs.existsSync(file)) {
      built.problems.push(`${shown}: not a compiled file under ${path.relative(root, from)}`);
      continue;
    }
    const text = fs.readFileSync(file, 'utf8');
    const outFile = path.join(to, path.relative(from, file));
    const rewritten = replaceSpecifiers(text, specifiersOf(text, shown), (specifier) => {
      const mapping = mapSpecifier(specifier);
      if (mapping === undefined) {
        built.problems.push(
          `${shown}: imports ${JSON.stringify(specifier)}, which tools/cdktn-flavour.json does not map`,
        );
        return undefined;
      }
      switch (mapping.kind) {
        case 'relative': {
          const target = resolveRelative(file, specifier, ext);
          if (target === undefined)
            built.problems.push(`${shown}: ${JSON.stringify(specifier)} names no ${ext} file`);
          else queue.push(target);
          return undefined;
        }
        case 'local': {
          const target = compiledLocal(from, mapping.module, ext);
          queue.push(target);
          return relativeSpecifier(outFile, path.join(to, path.relative(from, target)).slice(0, -ext.length));
        }
        case 'package':
          built.packages.add(mapping.specifier);
          return mapping.specifier;
        default:
          return undefined;
      }
    });
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, rewritten);
    built.files += 1;
  }
}

/**
 * Writes the cdktn flavour of the compiled tree `from` (dist/src) to `to` (dist/cdktn): the .js and .d.ts
 * files `index` reaches, specifiers rewritten. Nothing is left in `to` when there are problems.
 * `root` is where rewritten package modules must resolve from (the project root).
 */
export function buildFlavour(from: string, to: string, root: string): FlavourBuild {
  fs.rmSync(to, { recursive: true, force: true });
  const built: FlavourBuild = { files: 0, packages: new Set(), problems: [] };
  walk(from, to, root, '.js', built);
  walk(from, to, root, '.d.ts', built);
  for (const specifier of [...built.packages].sort()) {
    try {
      require.resolve(specifier, { paths: [root] });
    } catch {
      built.problems.push(
        `${specifier} does not resolve: is cdktn / @cdktn/provider-aws installed, and does it have it?`,
      );
    }
  }
  if (built.problems.length > 0) fs.rmSync(to, { recursive: true, force: true });
  return built;
}
