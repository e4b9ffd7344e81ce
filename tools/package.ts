/**
 * The package as npm publishes it: packing it, the allow-list its file list must pass, and the install
 * commands the README gives users. Shared by scripts/check-consumer.ts (CI) and
 * scripts/check-flavour-install.ts.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';

/** Runs a command and returns its stdout; throws with the command's stderr and stdout when it fails. */
export function run(cmd: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): string {
  try {
    return execFileSync(cmd, args, {
      cwd,
      env: env ?? process.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { status?: number | null; stdout?: string; stderr?: string; message: string };
    const output = [e.stderr, e.stdout].filter((s) => s !== undefined && s.trim() !== '').join('\n');
    throw new Error(
      `${[cmd, ...args].join(' ')} failed in ${cwd} (exit ${e.status ?? 'none'}):\n${output || e.message}`,
    );
  }
}

/** {@link run} without blocking: several commands (the installs of two apps) can run at once. */
export function runAsync(cmd: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) {
        resolve(stdout);
        return;
      }
      const output = [stderr, stdout].filter((s) => s.trim() !== '').join('\n');
      reject(
        new Error(
          `${[cmd, ...args].join(' ')} failed in ${cwd} (exit ${error.code ?? 'none'}):\n${output || error.message}`,
        ),
      );
    });
  });
}

/** One file of the tarball, as `npm pack --json` lists it. */
export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

/** What `npm pack --json` reports about the tarball. */
export interface Packed {
  /** Absolute path of the tarball (undefined for a dry run). */
  readonly tarball?: string;
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly PackedFile[];
}

export interface PackOptions {
  /** Where the tarball goes; without it, a dry run (`--dry-run`) lists the files and writes nothing. */
  readonly destination?: string;
  /** Skip `prepack` (the build) when dist/ has just been built. */
  readonly ignoreScripts?: boolean;
}

/** Packs the project at `root` with `npm pack --json`. */
export function packProject(root: string, options: PackOptions = {}): Packed {
  const args = ['pack', '--json'];
  if (options.destination === undefined) args.push('--dry-run');
  else args.push('--pack-destination', options.destination);
  if (options.ignoreScripts) args.push('--ignore-scripts');
  const output = run('npm', args, root);
  // `npm pack` runs prepack (the build) first, which prints too: the JSON starts at the line `[`.
  const [packed] = JSON.parse(output.slice(output.search(/^\[/m))) as Packed[];
  return options.destination === undefined
    ? packed
    : { ...packed, tarball: path.join(options.destination, packed.filename) };
}

/**
 * What the tarball may hold: the compiled library (both flavours), the Terraform modules and the package's
 * documents. Paths are relative to the package root, with `/` separators.
 */
export const TARBALL_ALLOWED: readonly RegExp[] = [
  /^package\.json$/,
  /^(README|CHANGELOG)\.md$/,
  /^LICENSE$/,
  /^dist\/(src|cdktn)\/.+\.(js|d\.ts|json)$/,
  /^modules\/.+\.(tf|md|json|hcl)$/,
];

/** What it must never hold, even under an allowed folder: tests, fixtures, sources, maps, state, caches. */
export const TARBALL_DENIED: readonly RegExp[] = [
  /(^|\/)(test|tests|__tests__|fixtures?|__snapshots__|golden|mutation|bench|coverage|reports|\.stryker-tmp)(\/|$)/,
  /\.(test|spec)\.[a-z.]+$/,
  /\.map$/,
  /(?<!\.d)\.ts$/,
  /\.tsbuildinfo$/,
  /\.tfstate(\.backup)?$/,
  /\.tfplan$/,
  /(^|\/)\.terraform(\/|$)/,
  /(^|\/)\.terraform\.lock\.hcl$/,
];

/** The files of a tarball that the allow-list refuses, each with the reason. */
export function tarballProblems(paths: readonly string[]): string[] {
  const problems: string[] = [];
  for (const file of paths) {
    const denied = TARBALL_DENIED.find((re) => re.test(file));
    if (denied !== undefined) problems.push(`${file}: matches ${denied}, which must not be published`);
    else if (!TARBALL_ALLOWED.some((re) => re.test(file)))
      problems.push(`${file}: not in the allow-list (${TARBALL_ALLOWED.join(', ')})`);
  }
  return problems;
}

/**
 * The argv of the first `npm install` line that installs `packageName` in the Markdown section whose
 * heading matches `heading`, as the README shows it (a trailing `# comment` is dropped). Throws, naming
 * the section, when there is none: the consumer check follows the README, so the README must have it.
 */
export function readmeInstallCommand(readme: string, heading: RegExp, packageName: string): string[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => /^#{1,6} /.test(l) && heading.test(l));
  if (start < 0) throw new Error(`README.md has no section whose heading matches ${heading}`);
  const level = /^#+/.exec(lines[start])![0].length;
  let inFence = false;
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence && new RegExp(`^#{1,${level}} `).test(line)) break;
    else if (inFence) {
      const argv = line
        .replace(/\s#.*$/, '')
        .trim()
        .split(/\s+/);
      if (argv[0] === 'npm' && ['install', 'i', 'add'].includes(argv[1]) && argv.includes(packageName))
        return argv;
    }
  }
  throw new Error(
    `README.md's section "${lines[start].replace(/^#+ /, '')}" has no \`npm install … ${packageName} …\` line in a code block`,
  );
}

/** `argv` with the package's own name replaced by `tarball` (what a user gets from the registry). */
export function installFromTarball(argv: readonly string[], packageName: string, tarball: string): string[] {
  return argv.map((a) => (a === packageName ? tarball : a));
}
