/**
 * The release command's pure parts: semantic versions and Terraform constraints, the changelog section it
 * requires and dates, its arguments and the refs it moves, and the version everything derives from.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { moduleGitSource, packageInfo, releaseTag, repositoryWebUrl } from '../../src/modules/package-info';
import { SOURCE } from '../../src/modules/readme';
import {
  changelogEntries,
  changelogSections,
  dateChangelogSection,
  requireChangelogSection,
} from '../../scripts/release/changelog';
import { assertSemver, compareVersions, isSemver, satisfiesConstraint } from '../../scripts/release/semver';
import { moveVersionRefs, nextSteps, parseReleaseArgs } from '../../scripts/release/steps';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  version: string;
  packages: Record<string, { version?: string }>;
};

describe('one version', () => {
  test('package.json and its lock file agree', () => {
    expect(lock.version).toBe(pkg.version);
    expect(lock.packages[''].version).toBe(pkg.version);
  });

  test('module sources take repository and tag from package.json', () => {
    expect(packageInfo()).toEqual({
      version: pkg.version,
      repositoryUrl: 'https://github.com/cdktf-irsa/cdktf-irsa',
    });
    expect(releaseTag()).toBe(`v${pkg.version}`);
    expect(SOURCE('iam-service-account')).toBe(
      `git::https://github.com/cdktf-irsa/cdktf-irsa.git//modules/iam-service-account?ref=v${pkg.version}`,
    );
    expect(moduleGitSource('x', { version: '9.8.7', repositoryUrl: 'https://github.com/a/b' })).toBe(
      'git::https://github.com/a/b.git//modules/x?ref=v9.8.7',
    );
  });

  test.each([
    ['git+https://github.com/cdktf-irsa/cdktf-irsa.git', 'https://github.com/cdktf-irsa/cdktf-irsa'],
    ['https://github.com/a/b', 'https://github.com/a/b'],
    ['https://github.com/a/b.git', 'https://github.com/a/b'],
  ])('repository.url %s is %s', (url, web) => {
    expect(repositoryWebUrl(url)).toBe(web);
  });

  test('a repository.url that is not a GitHub https address is an error naming it', () => {
    expect(() => repositoryWebUrl('git@github.com:a/b.git')).toThrow(
      'package.json repository.url "git@github.com:a/b.git" is not a GitHub https address such as git+https://github.com/cdktf-irsa/cdktf-irsa.git',
    );
  });

  test("CHANGELOG.md has a non-empty section for package.json's version", () => {
    const section = requireChangelogSection(
      fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'),
      pkg.version,
    );
    expect(changelogEntries(section).length).toBeGreaterThan(0);
  });
});

describe('semver', () => {
  test.each(['0.2.0', '1.0.0', '10.20.30', '1.0.0-rc.1', '1.0.0-alpha+build.5', '1.0.0+20130313144700'])(
    '%s is valid',
    (v) => {
      expect(isSemver(v)).toBe(true);
    },
  );
  test.each(['1.0', '01.0.0', '1.0.0-', '1.0.0-01', 'v1.0.0', '1.0.0.0', '', 'latest'])('%s is not', (v) => {
    expect(isSemver(v)).toBe(false);
  });
  test('an invalid version is an error naming it and the form expected', () => {
    expect(() => assertSemver('1.0')).toThrow(
      'version "1.0" is not a semantic version: expected MAJOR.MINOR.PATCH such as 0.2.0 or 1.0.0-rc.1',
    );
  });
  test('a leading v is an error that says to drop it', () => {
    expect(() => assertSemver('v0.2.0')).toThrow(
      '(drop the leading "v": the tag is v<version>, the version is 0.2.0)',
    );
  });
  test('comparison by MAJOR.MINOR.PATCH', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
    expect(compareVersions('5.100.0', '6.0')).toBeLessThan(0);
  });
  test.each([
    ['5.100.0', '>= 5.0, < 7.0', true],
    ['5.100.0', '>= 6.0, < 7.0', false],
    ['5.100.0', '>= 5.81, < 7.0', true],
    ['5.80.9', '>= 5.81', false],
    ['7.0.0', '< 7.0', false],
    ['2.20.0', '~> 2.20', true],
    ['3.0.0', '~> 2.20', false],
    ['2.20.9', '~> 2.20.1', true],
    ['2.21.0', '~> 2.20.1', false],
    ['1.2.3', '1.2.3', true],
    ['1.2.3', '!= 1.2.3', false],
    ['1.2.4', '> 1.2.3, <= 1.2.4', true],
  ])('%s satisfies "%s": %s', (v, c, ok) => {
    expect(satisfiesConstraint(v, c)).toBe(ok);
  });
  test('an unsupported constraint is an error naming it', () => {
    expect(() => satisfiesConstraint('1.0.0', '>= 1.0, ^2')).toThrow(
      'unsupported version constraint "^2" in ">= 1.0, ^2"',
    );
  });
});

describe('changelog', () => {
  const text = `# Changelog

## [0.3.0] - Unreleased

### Added

- one thing

## [0.2.0] - 2026-12-01

### Fixed

- another

## [0.1.5] - Unreleased

### Added

## [0.1.4] - soon

- x

[0.3.0]: https://example.invalid
`;

  test('sections in file order with dates and entries', () => {
    const sections = changelogSections(text);
    expect(sections.map((s) => [s.version, s.date])).toEqual([
      ['0.3.0', 'Unreleased'],
      ['0.2.0', '2026-12-01'],
      ['0.1.5', 'Unreleased'],
      ['0.1.4', 'soon'],
    ]);
    expect(changelogEntries(sections[0])).toEqual(['- one thing']);
  });

  test('a missing section is an error listing the sections present', () => {
    expect(() => requireChangelogSection(text, '9.9.9')).toThrow(
      'CHANGELOG.md has no "## [9.9.9] - Unreleased" section (it has: 0.3.0, 0.2.0, 0.1.5, 0.1.4); add one listing this release\'s changes',
    );
  });

  test('a section without entries is an error', () => {
    expect(() => requireChangelogSection(text, '0.1.5')).toThrow(
      'CHANGELOG.md section [0.1.5] lists no change: add at least one "- ..." line under ### Added, Changed, Fixed or Breaking',
    );
  });

  test('a section dated neither Unreleased nor YYYY-MM-DD is an error', () => {
    expect(() => requireChangelogSection(text, '0.1.4')).toThrow(
      'CHANGELOG.md section [0.1.4] is dated "soon": expected "Unreleased" or YYYY-MM-DD',
    );
  });

  test('dating replaces Unreleased in that heading only; a dated section stays', () => {
    const dated = dateChangelogSection(text, '0.3.0', '2026-12-24');
    expect(dated).toContain('## [0.3.0] - 2026-12-24\n');
    expect(dated).toContain('## [0.1.5] - Unreleased\n');
    expect(dateChangelogSection(dated, '0.3.0', '2027-01-01')).toBe(dated);
  });
});

describe('release arguments', () => {
  test('a version, and --dry-run in any position', () => {
    expect(parseReleaseArgs(['0.2.0'])).toEqual({ version: '0.2.0', dryRun: false });
    expect(parseReleaseArgs(['--dry-run', '1.0.0-rc.1'])).toEqual({ version: '1.0.0-rc.1', dryRun: true });
  });
  test('no version is an error with the usage', () => {
    expect(() => parseReleaseArgs(['--dry-run'])).toThrow(
      'expected exactly one version, got none. usage: npm run release -- <version> [--dry-run]',
    );
  });
  test('two versions are an error naming them', () => {
    expect(() => parseReleaseArgs(['0.2.0', '0.3.0'])).toThrow(
      'expected exactly one version, got 0.2.0 0.3.0.',
    );
  });
  test('an unknown option is an error naming it', () => {
    expect(() => parseReleaseArgs(['0.2.0', '--push'])).toThrow(
      'unknown option --push: the only option is --dry-run.',
    );
  });
  test('a version that is not semver is an error', () => {
    expect(() => parseReleaseArgs(['v0.2.0'])).toThrow('version "v0.2.0" is not a semantic version');
  });
});

describe('refs and next steps', () => {
  const info = { version: '0.3.0', repositoryUrl: 'https://github.com/cdktf-irsa/cdktf-irsa' };
  test("this repository's module refs and Action refs move to the new tag; others stay", () => {
    const before = [
      'source = "git::https://github.com/cdktf-irsa/cdktf-irsa.git//modules/x?ref=v0.2.0"',
      'uses: cdktf-irsa/cdktf-irsa@v0.2.0',
      'uses: actions/checkout@v0.2.0',
    ].join('\n');
    expect(moveVersionRefs(before, info, '0.2.0', '0.3.0')).toBe(
      [
        'source = "git::https://github.com/cdktf-irsa/cdktf-irsa.git//modules/x?ref=v0.3.0"',
        'uses: cdktf-irsa/cdktf-irsa@v0.3.0',
        'uses: actions/checkout@v0.2.0',
      ].join('\n'),
    );
  });
  test('the next steps tag, push and publish by hand, and name the Registry repository', () => {
    const steps = nextSteps(info);
    expect(steps).toContain('git tag -a v0.3.0 -m "cdktf-irsa 0.3.0"');
    expect(steps).toContain('git push origin main v0.3.0');
    expect(steps).toContain('npm publish');
    expect(steps).toContain('https://github.com/cdktf-irsa/terraform-aws-eks-irsa');
    expect(steps).toContain('cdktf-irsa/cdktf-irsa@v0.3.0');
  });
});
