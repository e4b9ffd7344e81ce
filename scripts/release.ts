/**
 * `npm run release -- <version> [--dry-run]` (the npm script builds first). Checks the version (semver,
 * equal to package.json's or a bump of it), the CHANGELOG.md section, regenerates modules/ and fails on
 * drift, checks documentation for placeholders and stale refs, builds and checks the Terraform Registry
 * tree, and prints the git tag and the commands to run next. Without --dry-run it also writes the new
 * version (package.json, lock file, doc refs) and dates the changelog section; it never commits, tags,
 * pushes or publishes. See docs/releasing.md.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageInfo, packageJsonPath, releaseTag } from '../src/modules/package-info';
import { dateChangelogSection, requireChangelogSection } from './release/changelog';
import { placeholderProblems, scannedFiles } from './release/placeholders';
import {
  checkRegistryTree,
  registryTreeDir,
  reportRegistryCheck,
  writeRegistryTree,
} from './release/registry-tree';
import { compareVersions } from './release/semver';
import { moveVersionRefs, nextSteps, parseReleaseArgs } from './release/steps';

const root = path.dirname(packageJsonPath(__dirname));
const say = (text: string) => process.stdout.write(`${text}\n`);

function git(args: string[]): { status: number; stdout: string } {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return { status: r.error ? -1 : (r.status ?? 1), stdout: r.stdout ?? '' };
}

/** Sets package.json's (and the lock file's) version, and moves this repository's refs in README and docs. */
function writeVersion(from: string, to: string): void {
  const r = spawnSync(
    'npm',
    ['version', to, '--no-git-tag-version', '--ignore-scripts', '--allow-same-version'],
    { cwd: root, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`npm version ${to} failed: ${r.stderr}`);
  const info = { ...packageInfo(), version: to };
  for (const file of scannedFiles(root, ['README.md', 'docs', 'examples'])) {
    const full = path.join(root, file);
    const text = fs.readFileSync(full, 'utf8');
    const moved = moveVersionRefs(text, info, from, to);
    if (moved !== text) {
      fs.writeFileSync(full, moved);
      say(`  ${file}: refs moved from v${from} to v${to}`);
    }
  }
}

function main(): number {
  const args = parseReleaseArgs(process.argv.slice(2));
  const current = packageInfo().version;
  const failures: string[] = [];
  say(`release ${args.version}${args.dryRun ? ' (dry run: nothing is written but build output)' : ''}`);

  // 1. The version: package.json's, or (not in a dry run) a bump of it.
  if (args.version !== current) {
    if (args.dryRun)
      throw new Error(
        `package.json is at ${current}, not ${args.version}: a dry run checks the version package.json has; run without --dry-run to move it to ${args.version}`,
      );
    if (compareVersions(args.version, current) <= 0)
      throw new Error(`version ${args.version} is not above package.json's ${current}`);
    say(`package.json: ${current} -> ${args.version}`);
    writeVersion(current, args.version);
  }
  const info = { ...packageInfo(), version: args.version };
  const tag = releaseTag(info.version);
  if (git(['rev-parse', '-q', '--verify', `refs/tags/${tag}`]).status === 0)
    failures.push(`the tag ${tag} exists already`);

  // 2. The changelog section: present and non-empty; dated unless this is a dry run.
  const changelogFile = path.join(root, 'CHANGELOG.md');
  const changelog = fs.existsSync(changelogFile) ? fs.readFileSync(changelogFile, 'utf8') : '';
  try {
    const section = requireChangelogSection(changelog, info.version);
    if (!args.dryRun) {
      const date = new Date().toISOString().slice(0, 10);
      fs.writeFileSync(changelogFile, dateChangelogSection(changelog, info.version, date));
      say(`CHANGELOG.md: [${info.version}] dated ${section.date === 'Unreleased' ? date : section.date}`);
    } else say(`CHANGELOG.md: [${info.version}] - ${section.date}: ok`);
  } catch (error) {
    failures.push((error as Error).message);
  }

  // 3. The modules, regenerated: they must equal what is committed (unless this run moved the version).
  // In a child process: it reads package.json afresh (this process read it before moving the version).
  const build = spawnSync(process.execPath, [path.join(__dirname, 'build-modules.js')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build:modules failed:\n${build.stderr}${build.stdout}`);
  say(`modules/: ${build.stdout.trim()}`);
  const status = git(['status', '--porcelain', '--', 'modules']);
  if (status.status !== 0) say('modules/: drift not checked (not a git checkout)');
  else if (status.stdout.trim() !== '') {
    if (args.version === current)
      failures.push(`modules/ drifted from the generator (commit the regenerated files):\n${status.stdout}`);
    else say(`modules/: regenerated for ${info.version}; commit:\n${status.stdout}`);
  } else say('modules/: no drift');

  // 4. No placeholders or stale refs in README, docs, modules, examples, src.
  const placeholders = placeholderProblems(root, info);
  if (placeholders.length > 0) failures.push(`placeholders or stale refs:\n  ${placeholders.join('\n  ')}`);
  else say('placeholders and refs: ok');

  // 5. The Terraform Registry tree.
  const dir = registryTreeDir(root);
  writeRegistryTree(root, info, dir);
  const report = reportRegistryCheck(dir, checkRegistryTree(dir, info));
  say(report.text.trimEnd());
  if (!report.ok) failures.push('the Terraform Registry tree check failed (see above)');

  if (failures.length > 0) {
    process.stderr.write(`release ${info.version} FAILED:\n- ${failures.join('\n- ')}\n`);
    return 1;
  }
  say(`\nGit tag to create: ${tag}`);
  say(args.dryRun ? `Dry run passed. Release with: npm run release -- ${info.version}` : nextSteps(info));
  return 0;
}

try {
  process.exit(main());
} catch (error: unknown) {
  process.stderr.write(`release failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
