/**
 * Builds the cdktn flavour (dist/cdktn, the `cdktf-irsa/cdktn` export) from the compiled cdktf flavour
 * (dist/src): every .js and .d.ts file that `index` reaches, with its module specifiers rewritten by
 * tools/cdktn-flavour.json. Fails, naming file and specifier, when a specifier is not in the map, and when a
 * rewritten package module does not exist in the installed cdktn packages.
 *
 * Usage (after `tsc -p tsconfig.build.json`): node dist/scripts/build-cdktn.js
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mapSpecifier, relativeSpecifier, replaceSpecifiers, specifiersOf } from '../tools/cdktn-flavour';

const ROOT = path.resolve(__dirname, '..', '..');
const FROM = path.join(ROOT, 'dist', 'src');
const TO = path.join(ROOT, 'dist', 'cdktn');

interface Built {
  files: number;
  packages: Set<string>;
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
function compiledLocal(module: string, ext: string): string {
  if (!module.startsWith('src/')) throw new Error(`local module ${module} must live under src/`);
  return path.join(FROM, module.slice('src/'.length) + ext);
}

function walk(ext: '.js' | '.d.ts', built: Built): void {
  const queue = [path.join(FROM, `index${ext}`)];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const shown = path.relative(ROOT, file);
    if (!file.startsWith(FROM + path.sep) || !fs.existsSync(file)) {
      built.problems.push(`${shown}: not a compiled file under dist/src`);
      continue;
    }
    const text = fs.readFileSync(file, 'utf8');
    const outFile = path.join(TO, path.relative(FROM, file));
    const rewritten = replaceSpecifiers(text, specifiersOf(text, shown), (specifier) => {
      const mapping = mapSpecifier(specifier);
      if (mapping === undefined) {
        built.problems.push(`${shown}: imports ${JSON.stringify(specifier)}, which tools/cdktn-flavour.json does not map`);
        return undefined;
      }
      switch (mapping.kind) {
        case 'relative': {
          const target = resolveRelative(file, specifier, ext);
          if (target === undefined) built.problems.push(`${shown}: ${JSON.stringify(specifier)} names no ${ext} file`);
          else queue.push(target);
          return undefined;
        }
        case 'local': {
          const target = compiledLocal(mapping.module, ext);
          queue.push(target);
          return relativeSpecifier(outFile, path.join(TO, path.relative(FROM, target)).slice(0, -ext.length));
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

function main(): void {
  fs.rmSync(TO, { recursive: true, force: true });
  const built: Built = { files: 0, packages: new Set(), problems: [] };
  walk('.js', built);
  walk('.d.ts', built);
  for (const specifier of [...built.packages].sort()) {
    try {
      require.resolve(specifier, { paths: [ROOT] });
    } catch {
      built.problems.push(`${specifier} does not resolve: is cdktn / @cdktn/provider-aws installed, and does it have it?`);
    }
  }
  if (built.problems.length > 0) {
    fs.rmSync(TO, { recursive: true, force: true });
    process.stderr.write(`cdktn build failed:\n${built.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `cdktn build: ${built.files} files in ${path.relative(ROOT, TO)}, importing ${[...built.packages].sort().join(', ')}\n`,
  );
}

main();
