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
 */
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
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return { kind: 'builtin', specifier };
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
      throw new Error(`${fileName}: could not locate the specifier ${JSON.stringify(ref.fileName)} at ${ref.pos}`);
    }
    refs.push({ specifier: ref.fileName, start });
  }
  for (const ref of scanned.typeReferenceDirectives) {
    if (ref.fileName !== 'node') {
      throw new Error(`${fileName}: type reference directive ${JSON.stringify(ref.fileName)} is not supported`);
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
