/**
 * The package's version and repository, read from package.json: the one place a release edits. Module
 * usage snippets (pinned to the tag `v` + version), the Terraform Registry tree and the release command derive from it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The parts of package.json this reads. */
export interface PackageInfo {
  /** The package version, e.g. `0.2.0`. */
  readonly version: string;
  /** The repository's web address without `.git`, e.g. `https://github.com/cdktf-irsa/cdktf-irsa`. */
  readonly repositoryUrl: string;
}

let cached: PackageInfo | undefined;

/** The nearest package.json named cdktf-irsa above `start` (works from src/, dist/ and an installed package). */
export function packageJsonPath(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate) && (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string }).name === 'cdktf-irsa') {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json of cdktf-irsa above ${start}`);
    dir = parent;
  }
}

/** `git+https://github.com/o/r.git` (package.json's repository.url) as `https://github.com/o/r`. */
export function repositoryWebUrl(url: string): string {
  const match = /^(?:git\+)?(https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  if (!match) {
    throw new Error(`package.json repository.url "${url}" is not a GitHub https address such as git+https://github.com/cdktf-irsa/cdktf-irsa.git`);
  }
  return match[1];
}

/** Version and repository of this package, read once. */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  const pkg = JSON.parse(fs.readFileSync(packageJsonPath(), 'utf8')) as {
    version: string;
    repository: { url: string };
  };
  cached = { version: pkg.version, repositoryUrl: repositoryWebUrl(pkg.repository.url) };
  return cached;
}

/** The git tag of a release: `v<version>`. */
export function releaseTag(version: string = packageInfo().version): string {
  return `v${version}`;
}

/** A module's git source pinned to this version's tag: `git::<repository>.git//modules/<module>` with `?ref=` and the tag. */
export function moduleGitSource(module: string, info: PackageInfo = packageInfo()): string {
  return `git::${info.repositoryUrl}.git//modules/${module}?ref=${releaseTag(info.version)}`;
}
