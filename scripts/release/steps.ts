/**
 * The pure parts of `npm run release`: its arguments, the version refs it moves in hand-written docs, and
 * the commands it prints for the maintainer (it never tags, pushes or publishes by itself).
 */
import { PackageInfo, releaseTag } from '../../src/modules/package-info';
import { REGISTRY_REPOSITORY, registryAddress, registryNamespace } from './registry';
import { assertSemver } from './semver';

/** What `npm run release -- <version> [--dry-run]` was asked. */
export interface ReleaseArgs {
  readonly version: string;
  readonly dryRun: boolean;
}

export const RELEASE_USAGE =
  'usage: npm run release -- <version> [--dry-run]   (version: semver such as 0.2.0)';

/** Parses the arguments; one clear error for a missing or extra version, an unknown flag or a non-semver version. */
export function parseReleaseArgs(argv: readonly string[]): ReleaseArgs {
  const flags = argv.filter((a) => a.startsWith('-'));
  const positional = argv.filter((a) => !a.startsWith('-'));
  const unknown = flags.filter((f) => f !== '--dry-run');
  if (unknown.length > 0)
    throw new Error(`unknown option ${unknown.join(' ')}: the only option is --dry-run. ${RELEASE_USAGE}`);
  if (positional.length !== 1) {
    throw new Error(
      `expected exactly one version, got ${positional.length === 0 ? 'none' : positional.join(' ')}. ${RELEASE_USAGE}`,
    );
  }
  assertSemver(positional[0]);
  return { version: positional[0], dryRun: flags.includes('--dry-run') };
}

/** `text` with this repository's `?ref=<old tag>` and `uses: <repo>@<old tag>` moved to the new tag. */
export function moveVersionRefs(
  text: string,
  info: PackageInfo,
  oldVersion: string,
  newVersion: string,
): string {
  const [from, to] = [releaseTag(oldVersion), releaseTag(newVersion)];
  const repoPath = new URL(info.repositoryUrl).pathname.slice(1);
  return text.split(`?ref=${from}`).join(`?ref=${to}`).split(`${repoPath}@${from}`).join(`${repoPath}@${to}`);
}

/** The commands a maintainer runs after a successful (non-dry) release run. */
export function nextSteps(info: PackageInfo): string {
  const tag = releaseTag(info.version);
  const registryRepo = `https://github.com/${registryNamespace(info)}/${REGISTRY_REPOSITORY}`;
  return `Next steps (run them yourself; this command never commits, tags, pushes or publishes):
  git add package.json package-lock.json CHANGELOG.md README.md docs modules
  git commit -m "Release ${tag}"
  git tag -a ${tag} -m "cdktf-irsa ${info.version}"
  git push origin main ${tag}
  npm publish                      # the npm package cdktf-irsa@${info.version}
  # Terraform Registry (${registryAddress(info)} ${info.version}): copy dist/registry/${REGISTRY_REPOSITORY}
  # into a clone of ${registryRepo}, commit, then:
  git -C <that clone> tag -a ${tag} -m "${info.version}" && git -C <that clone> push origin main ${tag}
  # GitHub Action: workflows use ${new URL(info.repositoryUrl).pathname.slice(1)}@${tag} once the tag is pushed.
See docs/releasing.md.`;
}
