/**
 * Issue 25 (item 4): eksctl's flag rules for `irsa create` (eksctl's pkg/ctl/cmdutils loaders and root
 * flags): the attached role excludes --role-only and --role-name, the name may be an argument, `-f` with
 * `--include`/`--exclude` selects service accounts from a ClusterConfig, `-p`, `--timeout`, `-v` and `-C`
 * keep eksctl's meaning, and `--cfn-*` flags are refused with the reason. One test per rule.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { globToRegExp } from '../../src/cli/eksctl-flags';
import { FIXTURES, PROVIDER_ARN, irsa } from './support';

const CONFIG = path.join(FIXTURES, 'irsa.yaml');
const ROLE = 'arn:aws:iam::111122223333:role/x';
const POLICY = ['--attach-policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess'];
const IAMSA = ['create', 'iamserviceaccount', '-c', 'prod', '--namespace', 'web'];
const OIDC = ['--oidc-provider-arn', PROVIDER_ARN];
const PIA = [
  'create',
  'podidentityassociation',
  '-c',
  'prod',
  '--namespace',
  'web',
  '--service-account-name',
  'app',
];

/** Module blocks of `text`, by label. */
const modules = (text: string) => [...text.matchAll(/^module "([^"]+)"/gm)].map((m) => m[1]);

/** [rule, argv, the one stderr line] */
const REFUSED: [string, string[], string][] = [
  [
    '--attach-role-arn with --role-only (eksctl refuses it; it wrote an empty terraform {})',
    [...IAMSA, '--name', 'app', '--attach-role-arn', ROLE, '--role-only'],
    'irsa: cannot provide --role-name or --role-only when --attach-role-arn is configured',
  ],
  [
    '--attach-role-arn with --role-name (the name was dropped)',
    [...IAMSA, '--name', 'app', '--attach-role-arn', ROLE, '--role-name', 'mine'],
    'irsa: cannot provide --role-name or --role-only when --attach-role-arn is configured',
  ],
  [
    'the name as --name and as an argument',
    [...IAMSA, 'app', '--name', 'other', ...POLICY],
    'irsa: --name=other and argument app cannot be used at the same time',
  ],
  [
    'two name arguments',
    [...IAMSA, 'app', 'other', ...POLICY],
    'irsa: only one argument is allowed to be used as a name (got "app", "other")',
  ],
  [
    'an argument to podidentityassociation (eksctl takes no name there)',
    [...PIA, 'app', '--role-arn', ROLE],
    'irsa: unexpected argument app: the service account is --service-account-name',
  ],
  [
    '--cfn-role-arn',
    [...IAMSA, '--name', 'app', ...POLICY, '--cfn-role-arn', ROLE],
    'irsa: --cfn-role-arn is not supported: irsa writes Terraform and creates no CloudFormation stack',
  ],
  [
    '--cfn-disable-rollback',
    [...PIA, '--role-arn', ROLE, '--cfn-disable-rollback'],
    'irsa: --cfn-disable-rollback is not supported: irsa writes Terraform and creates no CloudFormation stack',
  ],
  [
    '--include without -f',
    [...IAMSA, '--name', 'app', ...POLICY, '--include', 'web/*'],
    'irsa: cannot use --include unless a config file is specified via --config-file/-f',
  ],
  [
    '--exclude without -f',
    [...IAMSA, '--name', 'app', ...POLICY, '--exclude', 'web/*'],
    'irsa: cannot use --exclude unless a config file is specified via --config-file/-f',
  ],
  [
    '-f with a flag that defines the service account',
    ['create', 'iamserviceaccount', '-f', CONFIG, ...POLICY],
    'irsa: cannot use --attach-policy-arn when --config-file/-f is set',
  ],
  [
    '-f with --cluster',
    ['create', 'iamserviceaccount', '-f', CONFIG, '-c', 'prod'],
    'irsa: cannot use --cluster when --config-file/-f is set',
  ],
  [
    '-f with a name argument',
    ['create', 'iamserviceaccount', 'app', '-f', CONFIG],
    'irsa: cannot use name argument when --config-file/-f is set',
  ],
  [
    'podidentityassociation -f with a flag that defines the association',
    ['create', 'podidentityassociation', '-f', CONFIG, '--role-arn', ROLE],
    'irsa: cannot use --role-arn when --config-file/-f is set',
  ],
  [
    '--include that matches nothing',
    ['create', 'iamserviceaccount', '-f', CONFIG, '--include', 'nope/*', ...OIDC],
    'irsa: no iamserviceaccounts match include glob filter specification: "nope/*" (the iamserviceaccounts are: backend/s3-reader, kube-system/cluster-autoscaler, kube-system/external-dns, backend/writer, jobs/batch, default/legacy, kube-system/lb)',
  ],
  [
    '--exclude that excludes everything',
    ['create', 'iamserviceaccount', '-f', CONFIG, '--exclude', '*', ...OIDC],
    `irsa: nothing to create: --exclude excludes every iamserviceaccount of ${CONFIG}`,
  ],
  [
    'a glob that does not parse',
    ['create', 'iamserviceaccount', '-f', CONFIG, '--include', 'a/[b'],
    'irsa: parsing glob filter "a/[b": unexpected end of input, want ]',
  ],
  [
    '--timeout not a duration',
    [...IAMSA, '--name', 'app', ...POLICY, '--timeout', '5 minutes'],
    'irsa: invalid argument "5 minutes" for "--timeout" flag: time: invalid duration "5 minutes" (e.g. 25m0s, 1h, 90s)',
  ],
  [
    '-v not an integer',
    [...IAMSA, '--name', 'app', ...POLICY, '-v', 'debug'],
    'irsa: invalid argument "debug" for "-v, --verbose" flag: it must be an integer (0 to silence, 4 for debugging)',
  ],
  [
    '-C not a colour mode',
    [...PIA, '--role-arn', ROLE, '-C', 'pink'],
    'irsa: --color must be one of true, false, fabulous (got "pink")',
  ],
  [
    '--profile on podidentityassociation (eksctl has none there)',
    [...PIA, '--role-arn', ROLE, '-p', 'dev'],
    'irsa: unknown flag -p',
  ],
];

describe('eksctl flag rules: exit 2, one line, nothing written', () => {
  test.each(REFUSED)('%s', async (_rule, argv, expected) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-flags-'));
    const run = await irsa([...argv, '--out', 'main.tf'], dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: `${expected}\n` });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('a ClusterConfig through -f: the service accounts --include/--exclude select', () => {
  test('without filters: every service account of the file, created (no import blocks)', async () => {
    const run = await irsa(['create', 'iamserviceaccount', '-f', CONFIG, ...OIDC, '--dry-run']);
    expect(run.code).toBe(0);
    expect(modules(run.stdout)).toEqual([
      'irsa_backend_s3_reader',
      'irsa_kube_system_cluster_autoscaler',
      'irsa_kube_system_external_dns',
      'irsa_backend_writer',
      'irsa_jobs_batch',
      'irsa_kube_system_lb',
    ]);
    expect(run.stdout).not.toContain('import {');
    expect(run.stdout).not.toContain('variable "');
  });

  test('--include globs on <namespace>/<name>; --exclude wins over --include', async () => {
    const run = await irsa([
      'create',
      'iamserviceaccount',
      '-f',
      CONFIG,
      '--include',
      'kube-system/*,backend/s3-*',
      '--exclude',
      '*/external-dns',
      ...OIDC,
      '--dry-run',
    ]);
    expect(run.code).toBe(0);
    expect(modules(run.stdout)).toEqual([
      'irsa_backend_s3_reader',
      'irsa_kube_system_cluster_autoscaler',
      'irsa_kube_system_lb',
    ]);
  });

  test('only --exclude: all but those it matches', async () => {
    const run = await irsa([
      'create',
      'iamserviceaccount',
      '-f',
      CONFIG,
      '--exclude',
      'kube-system/*,jobs/batch',
      ...OIDC,
      '--dry-run',
    ]);
    expect(modules(run.stdout)).toEqual(['irsa_backend_s3_reader', 'irsa_backend_writer']);
  });

  test("-f - reads stdin; the file's region and cluster name are used", async () => {
    let stdout = '';
    const code = await main(
      [
        'create',
        'iamserviceaccount',
        '--config-file',
        '-',
        '--include',
        'backend/writer',
        ...OIDC,
        '--dry-run',
      ],
      {
        cwd: os.tmpdir(),
        stdout: (t) => (stdout += t),
        stderr: () => undefined,
        readStdin: () => fs.readFileSync(CONFIG, 'utf8'),
        writeFile: () => {
          throw new Error('nothing is written with --dry-run');
        },
      },
    );
    expect(code).toBe(0);
    expect(modules(stdout)).toEqual(['irsa_backend_writer']);
    expect(stdout).toContain('role_name = "prod-writer"');
  });

  test('a file without iam.serviceAccounts is an error, as in eksctl', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-flags-'));
    fs.writeFileSync(
      path.join(dir, 'c.yaml'),
      'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: eu-west-1}\n',
    );
    const run = await irsa(['create', 'iamserviceaccount', '-f', 'c.yaml', '--dry-run'], dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: `irsa: c.yaml: 'iam.serviceAccounts' is not defined in "c.yaml"\n`,
    });
    const pia = await irsa(['create', 'podidentityassociation', '-f', 'c.yaml', '--dry-run'], dir);
    expect({ code: pia.code, stderr: pia.stderr }).toEqual({
      code: 2,
      stderr: 'irsa: c.yaml: no iam.podIdentityAssociations specified in the config file\n',
    });
  });

  test('a service account with attachRoleARN and roleOnly or roleName in the file: the same rule as the flags', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-flags-'));
    fs.writeFileSync(
      path.join(dir, 'c.yaml'),
      `apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: eu-west-1}\niam:\n  serviceAccounts:\n    - metadata: {name: app, namespace: web}\n      attachRoleARN: ${ROLE}\n      roleOnly: true\n`,
    );
    const run = await irsa(['create', 'iamserviceaccount', '-f', 'c.yaml', '--dry-run'], dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr:
        'irsa: c.yaml:6: iam.serviceAccounts[0] (web/app): cannot provide roleName or roleOnly when attachRoleARN is configured\n',
    });
  });

  test('podidentityassociation -f: the associations of the file', async () => {
    const run = await irsa([
      'create',
      'podidentityassociation',
      '-f',
      path.join(FIXTURES, 'full.yaml'),
      '--dry-run',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('aws_eks_pod_identity_association');
    expect(run.stdout).not.toContain('iam-role-for-service-accounts');
    expect(run.stdout).not.toContain('import {');
  });
});

describe("eksctl's other flags, accepted with their meaning", () => {
  test('the name as an argument, as eksctl create iamserviceaccount NAME', async () => {
    const run = await irsa([...IAMSA, 'app', ...POLICY, ...OIDC, '--dry-run']);
    expect(run.code).toBe(0);
    expect(modules(run.stdout)).toEqual(['irsa_web_app']);
  });

  test('--attach-role-arn with --role-only=false is not refused (eksctl checks the value)', async () => {
    const run = await irsa([
      ...IAMSA,
      '--name',
      'app',
      '--attach-role-arn',
      ROLE,
      '--role-only=false',
      '--dry-run',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`"eks.amazonaws.com/role-arn" = "${ROLE}"`);
  });

  test('-p/--profile sets the profile of the generated AwsProvider (ts)', async () => {
    const run = await irsa([
      ...IAMSA,
      '--name',
      'app',
      ...POLICY,
      ...OIDC,
      '-p',
      'dev',
      '--output',
      'ts',
      '--dry-run',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`new AwsProvider(this, 'aws', { region: "us-east-1", profile: "dev" });`);
  });

  test('--timeout, -C and -v take eksctl’s values; -v 0 silences the progress line, -v4 is -v 4', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-flags-'));
    const loud = await irsa(
      [...IAMSA, '--name', 'app', ...POLICY, '--timeout', '1h30m', '-C', 'fabulous', '-v4', '--out', 'a.tf'],
      dir,
    );
    expect({ code: loud.code, stderr: loud.stderr }).toEqual({
      code: 0,
      stderr: 'irsa: wrote versions.tf, main.tf, kubernetes.tf to a.tf\n',
    });
    const quiet = await irsa(
      [...IAMSA, '--name', 'app', ...POLICY, '--timeout=25m0s', '--color=false', '-v', '0', '--out', 'b.tf'],
      dir,
    );
    expect({ code: quiet.code, stderr: quiet.stderr }).toEqual({ code: 0, stderr: '' });
    expect(fs.readFileSync(path.join(dir, 'b.tf'), 'utf8')).toBe(
      fs.readFileSync(path.join(dir, 'a.tf'), 'utf8'),
    );
  });
});

describe('globs as eksctl compiles them (gobwas/glob, no separators)', () => {
  test.each([
    ['*', 'kube-system/aws-node', true],
    ['*/dynamo-*', 'default/dynamo-reader', true],
    ['default/s3-reader', 'default/s3-reader', true],
    ['default/s3-?eader', 'default/s3-reader', true],
    ['default/[rs]3-*', 'default/s3-reader', true],
    ['default/[!s]3-*', 'default/s3-reader', false],
    ['{default,web}/app', 'web/app', true],
    ['default/app', 'default/app2', false],
    ['web/a.p', 'web/abp', false],
  ])('%s matches %s: %s', (glob, name, matches) => {
    expect(globToRegExp(glob).test(name)).toBe(matches);
  });
});
