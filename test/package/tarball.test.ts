/**
 * The pure parts of the consumer check (scripts/check-consumer.ts): the tarball's allow-list and the
 * README install lines it follows.
 */
import { installFromTarball, readmeInstallCommand, tarballProblems } from '../../tools/package';

describe('tarballProblems', () => {
  test('the published files pass, including files other branches add under the same folders', () => {
    expect(
      tarballProblems([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'dist/src/index.js',
        'dist/src/index.d.ts',
        'dist/src/review/action.js',
        'dist/src/iam/data.json',
        'dist/cdktn/constructs/irsa-role.d.ts',
        'modules/README.md',
        'modules/iam-role-for-service-accounts/main.tf',
        'modules/eks-pod-identity/versions.tf.json',
      ]),
    ).toEqual([]);
  });

  test.each([
    ['test/core/constructs.test.ts'],
    ['dist/test/core/constructs.test.js'],
    ['dist/src/review/fixtures/plan.json'],
    ['modules/iam-service-account/tests/unknown_values.tftest.hcl'],
    ['dist/src/index.js.map'],
    ['dist/src/index.ts'],
    ['dist/src/x.spec.js'],
    ['mutation/survivors.json'],
    ['dist/bench/run.js'],
    ['modules/eks-pod-identity/.terraform.lock.hcl'],
    ['modules/eks-pod-identity/terraform.tfstate'],
  ])('%s is refused by the deny list', (file) => {
    expect(tarballProblems([file])).toEqual([expect.stringMatching(/which must not be published$/)]);
  });

  test.each([
    ['dist/scripts/check-consumer.js'],
    ['dist/tools/package.js'],
    ['src/index.ts.orig'],
    ['.ci/run'],
  ])('%s is refused as not allowed', (file) => {
    expect(tarballProblems([file])).toEqual([expect.stringMatching(/: not in the allow-list \(/)]);
  });
});

describe('readmeInstallCommand', () => {
  const readme = [
    '# pkg',
    '## Install',
    'Some text.',
    '```sh',
    'npm ci                                # not this one',
    'npm install cdktf-irsa cdktf@^0.21   # the one',
    '```',
    '### Details',
    '```sh',
    'npm install cdktf-irsa other',
    '```',
    '## CDK Terrain (cdktn)',
    'No command here.',
    '## Next',
    '```sh',
    'npm install cdktf-irsa cdktn',
    '```',
  ].join('\n');

  test('the first npm install line of the section that installs the package, comment dropped', () => {
    expect(readmeInstallCommand(readme, /^#+ Install\b/, 'cdktf-irsa')).toEqual([
      'npm',
      'install',
      'cdktf-irsa',
      'cdktf@^0.21',
    ]);
  });

  test('a section without the line is an error naming the section (the next section is not read)', () => {
    expect(() => readmeInstallCommand(readme, /CDK Terrain/, 'cdktf-irsa')).toThrow(
      'README.md\'s section "CDK Terrain (cdktn)" has no `npm install … cdktf-irsa …` line in a code block',
    );
  });

  test('a missing section is an error naming the heading pattern', () => {
    expect(() => readmeInstallCommand(readme, /^#+ Quick start/, 'cdktf-irsa')).toThrow(
      'README.md has no section whose heading matches /^#+ Quick start/',
    );
  });

  test('installFromTarball replaces the package name only', () => {
    expect(
      installFromTarball(['npm', 'install', 'cdktf-irsa', 'cdktf-irsa-x'], 'cdktf-irsa', '/t/p.tgz'),
    ).toEqual(['npm', 'install', '/t/p.tgz', 'cdktf-irsa-x']);
  });
});
