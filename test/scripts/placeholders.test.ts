/**
 * No placeholder repository names, TODO-style markers or stale module refs in README.md, docs/, modules/,
 * examples/ or src/: every module usage snippet points at package.json's repository and the tag v<version>.
 */
import * as path from 'node:path';
import { packageInfo } from '../../src/modules/package-info';
import { placeholderProblems, placeholderProblemsIn, scannedFiles } from '../../scripts/release/placeholders';

const root = path.join(__dirname, '..', '..');
const info = packageInfo();

test('README.md, docs, modules, examples and src hold no placeholder and no ref but this version', () => {
  const files = scannedFiles(root);
  expect(files).toEqual(
    expect.arrayContaining([
      'README.md',
      'docs/modules.md',
      'modules/iam-role-for-service-accounts/README.md',
      'src/modules/readme.ts',
    ]),
  );
  expect(placeholderProblems(root, info)).toEqual([]);
});

describe('what the scan reports', () => {
  const scan = (line: string) =>
    placeholderProblemsIn('f.md', line, {
      version: '0.2.0',
      repositoryUrl: 'https://github.com/cdktf-irsa/cdktf-irsa',
    });
  test.each([
    [
      'source = "git::https://github.com/<org>/<repo>.git//modules/x?ref=v0.2.0"',
      [
        'f.md:1: placeholder "<org>"',
        'f.md:1: placeholder "<repo>"',
        'f.md:1: module source on <org>/<repo>, not this repository cdktf-irsa/cdktf-irsa',
      ],
    ],
    ['uses: <owner>/x@v1', ['f.md:1: placeholder "<owner>"']],
    ['// TODO: later', ['f.md:1: placeholder "TODO"']],
    [
      'FIXME and XXX and TBD',
      ['f.md:1: placeholder "FIXME"', 'f.md:1: placeholder "XXX"', 'f.md:1: placeholder "TBD"'],
    ],
    [
      'source = "git::https://github.com/cdktf-irsa/cdktf-irsa.git//modules/x?ref=v0.1.0"',
      ["f.md:1: ?ref=v0.1.0 is not this version's tag v0.2.0"],
    ],
    [
      'source = "git::https://github.com/cdktf-irsa/cdktf-irsa.git//modules/x?ref=main"',
      ["f.md:1: ?ref=main is not this version's tag v0.2.0"],
    ],
    [
      'source = "git::https://github.com/other/fork.git//modules/x?ref=v0.2.0"',
      ['f.md:1: module source on other/fork, not this repository cdktf-irsa/cdktf-irsa'],
    ],
    [
      '      - uses: cdktf-irsa/cdktf-irsa@v0.1.0',
      ["f.md:1: uses cdktf-irsa/cdktf-irsa@v0.1.0 is not this version's tag v0.2.0"],
    ],
    [
      '      - uses: cdktf-irsa/cdktf-irsa@main',
      ["f.md:1: uses cdktf-irsa/cdktf-irsa@main is not this version's tag v0.2.0"],
    ],
  ])('%s', (line, problems) => {
    expect(scan(line)).toEqual(problems);
  });

  test.each([
    'source = "git::https://github.com/cdktf-irsa/cdktf-irsa.git//modules/x?ref=v0.2.0"',
    '      - uses: cdktf-irsa/cdktf-irsa@v0.2.0',
    '      - uses: actions/checkout@v4',
    'return `git::${url}.git//modules/${m}?ref=${tag}`;',
    'a todo list, xxx-large, <name> and <namespace>',
    'Pin a release tag with `?ref=`',
  ])('passes: %s', (line) => {
    expect(scan(line)).toEqual([]);
  });
});
