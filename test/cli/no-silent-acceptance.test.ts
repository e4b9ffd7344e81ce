/**
 * Issue 24, CLI: `irsa create` and `irsa import` check names, namespaces, ARNs, boundaries, role names and
 * tags with the constructs' rules before writing anything (exit 2, one line, nothing written); `--out` into
 * a folder that does not exist creates it; a `--role-arns` key that names no service account is an error.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { OIDC_PROVIDER_ARN_MISTAKES, RULES } from '../../src/validation/rules';

const EKS_SHAPE = RULES.eksIssuerUrl.allowed;
const ISSUER_PART = 'the part after "oidc-provider/" is the issuer without "https://", and it must be';
import { FIXTURES, PROVIDER_ARN, irsa, writeTemp } from './support';

const LONG_NAME = 'r'.repeat(70);
const IAMSA = ['create', 'iamserviceaccount', '-c', 'prod', '--namespace', 'web', '--name', 'app'];
const POLICY = ['--attach-policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess'];
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
const PIA_POLICY = ['--permission-policy-arns', 'arn:aws:iam::aws:policy/ReadOnlyAccess'];

/** [case, argv (without --out), expected stderr line after "irsa: "] */
const CREATE_ERRORS: [string, string[], string][] = [
  [
    'service account name',
    [...IAMSA.slice(0, -1), 'App_1', ...POLICY],
    `--name "App_1" is invalid: it must be ${RULES.serviceAccountName.allowed}.`,
  ],
  [
    'namespace',
    ['create', 'iamserviceaccount', '-c', 'prod', '--namespace', 'Web', '--name', 'app', ...POLICY],
    `--namespace "Web" is invalid: it must be ${RULES.namespace.allowed}.`,
  ],
  [
    'policy ARN',
    [...IAMSA, '--attach-policy-arn', 'arn:aws:iam::1234:policy/x'],
    `--attach-policy-arn[0] "arn:aws:iam::1234:policy/x" is invalid: it must be ${RULES.policyArn.allowed}.`,
  ],
  [
    'permissions boundary',
    [...IAMSA, ...POLICY, '--permissions-boundary', 'boundary'],
    `--permissions-boundary "boundary" is invalid: it must be ${RULES.policyArn.allowed}.`,
  ],
  [
    '70-character role name',
    [...IAMSA, ...POLICY, '--role-name', LONG_NAME],
    `--role-name "${LONG_NAME}" is invalid: it must be ${RULES.roleName.allowed}.`,
  ],
  [
    'attached role ARN',
    [...IAMSA, '--attach-role-arn', 'arn:aws:iam::111122223333:policy/x'],
    `--attach-role-arn "arn:aws:iam::111122223333:policy/x" is invalid: it must be ${RULES.roleArn.allowed}.`,
  ],
  [
    'cluster name',
    ['create', 'iamserviceaccount', '-c', 'my.cluster', '--name', 'app', ...POLICY],
    `--cluster "my.cluster" is invalid: it must be ${RULES.eksClusterName.allowed}.`,
  ],
  [
    'OIDC provider ARN given as the issuer URL',
    [
      ...IAMSA,
      ...POLICY,
      '--oidc-provider-arn',
      'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789',
    ],
    `--oidc-provider-arn "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789" is invalid: it must be ${RULES.oidcProviderArn.allowed}; ${OIDC_PROVIDER_ARN_MISTAKES[0].why}.`,
  ],
  [
    'OIDC provider ARN',
    [...IAMSA, ...POLICY, '--oidc-provider-arn', 'arn:aws:iam::111122223333:role/x'],
    `--oidc-provider-arn "arn:aws:iam::111122223333:role/x" is invalid: it must be ${RULES.oidcProviderArn.allowed}.`,
  ],
  [
    'OIDC provider ARN with a malformed Region in its EKS issuer (the constructs’ issuer rule)',
    [
      ...IAMSA,
      ...POLICY,
      '--oidc-provider-arn',
      'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789',
    ],
    `--oidc-provider-arn "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789" is invalid: ${ISSUER_PART} ${EKS_SHAPE}: "eu-west1" is not a Region code; did you mean "eu-west-1"?`,
  ],
  [
    'OIDC provider ARN with the cluster ID EXAMPLE',
    [
      ...IAMSA,
      ...POLICY,
      '--oidc-provider-arn',
      'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE',
    ],
    `--oidc-provider-arn "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE" is invalid: ${ISSUER_PART} ${EKS_SHAPE}: the cluster ID "EXAMPLE" has 7 characters, not 32 hexadecimal digits.`,
  ],
  [
    'reserved tag key',
    [...IAMSA, ...POLICY, '--tags', 'aws:team=a'],
    `--tags key "aws:team" is invalid: it must be ${RULES.tagKey.allowed}.`,
  ],
  [
    'subject pattern',
    [...IAMSA, ...POLICY, '--subject-pattern', 'App-*'],
    `--subject-pattern "App-*" is invalid: it must be ${RULES.wildcardServiceAccountName.allowed}.`,
  ],
  [
    'association service account',
    [...PIA.slice(0, -1), 'app_1', ...PIA_POLICY],
    `--service-account-name "app_1" is invalid: it must be ${RULES.serviceAccountName.allowed}.`,
  ],
  [
    'association role name of 70 characters',
    [...PIA, ...PIA_POLICY, '--role-name', LONG_NAME],
    `--role-name "${LONG_NAME}" is invalid: it must be ${RULES.roleName.allowed}.`,
  ],
  [
    'association target role',
    [...PIA, ...PIA_POLICY, '--target-role-arn', 'role/x'],
    `--target-role-arn "role/x" is invalid: it must be ${RULES.roleArn.allowed}.`,
  ],
  [
    'association permission boundary',
    [...PIA, ...PIA_POLICY, '--permission-boundary-arn', 'arn:aws:iam::111122223333:role/x'],
    `--permission-boundary-arn "arn:aws:iam::111122223333:role/x" is invalid: it must be ${RULES.policyArn.allowed}.`,
  ],
];

describe('irsa create: the constructs’ rules before anything is written', () => {
  test.each(CREATE_ERRORS)('%s', async (_name, argv, expected) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-cli-check-'));
    const run = await irsa([...argv, '--out', 'main.tf'], dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: `irsa: ${expected}\n` });
    expect(run.files.size).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('an OIDC provider that is not an EKS cluster’s warns and writes; an EKS one does not warn', async () => {
    const github = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
    const warned = await irsa([...IAMSA, ...POLICY, '--oidc-provider-arn', github, '--dry-run']);
    expect({ code: warned.code, stderr: warned.stderr }).toEqual({
      code: 0,
      stderr: `irsa: warning: --oidc-provider-arn "${github}": the issuer does not look like an EKS issuer (${EKS_SHAPE}); the role trusts it as given.\n`,
    });
    const eks = await irsa([...IAMSA, ...POLICY, '--oidc-provider-arn', PROVIDER_ARN, '--dry-run']);
    expect({ code: eks.code, stderr: eks.stderr }).toEqual({ code: 0, stderr: '' });
  });

  test('valid values still write (the checks are not stricter than the modules)', async () => {
    const run = await irsa([
      ...IAMSA,
      ...POLICY,
      '--role-name',
      'r'.repeat(64),
      '--tags',
      'team=a',
      '--dry-run',
    ]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  });
});

const HEAD = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: prod
  region: eu-west-1
iam:
  serviceAccounts:
    - metadata:
        name: app
        namespace: web
      attachPolicyARNs: [arn:aws:iam::aws:policy/ReadOnlyAccess]
`;

describe('irsa import: the same rules, naming the ClusterConfig field and its entry’s line', () => {
  test.each([
    [
      'service account name',
      HEAD.replace('name: app', 'name: App'),
      `cluster.yaml:8: iam.serviceAccounts[0].metadata.name "App" is invalid: it must be ${RULES.serviceAccountName.allowed}.`,
    ],
    [
      '70-character role name',
      `${HEAD}      roleName: ${LONG_NAME}\n`,
      `cluster.yaml:8: iam.serviceAccounts[0].roleName "${LONG_NAME}" is invalid: it must be ${RULES.roleName.allowed}.`,
    ],
    [
      'association namespace',
      `${HEAD}  podIdentityAssociations:\n    - namespace: Web\n      serviceAccountName: api\n      roleARN: arn:aws:iam::111122223333:role/x\n`,
      `cluster.yaml:13: iam.podIdentityAssociations[0].namespace "Web" is invalid: it must be ${RULES.namespace.allowed}.`,
    ],
    [
      'cluster name',
      HEAD.replace('name: prod', 'name: my.cluster'),
      `cluster.yaml: metadata.name "my.cluster" is invalid: it must be ${RULES.eksClusterName.allowed}.`,
    ],
  ])('%s', async (_name, text, expected) => {
    const { dir } = writeTemp('cluster.yaml', text);
    const run = await irsa(['import', 'eksctl-config', 'cluster.yaml', '--out', 'out'], dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: `irsa: ${expected}\n` });
    expect(run.files.size).toBe(0);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('a --role-arns key that names no service account or association is an error, with the known keys', async () => {
    const { dir } = writeTemp('arns.yaml', 'backend/s3-readr: arn:aws:iam::111122223333:role/x\n');
    const run = await irsa(
      [
        'import',
        'eksctl-config',
        path.join(FIXTURES, 'full.yaml'),
        '--role-arns',
        'arns.yaml',
        '--out',
        'out',
      ],
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter((l) => !l.includes('ignoring'))).toEqual([
      expect.stringMatching(
        /^irsa: arns\.yaml: key "backend\/s3-readr" is not a service account or association of the ClusterConfig; did you mean "backend\/s3-reader"\? \(the keys are: backend\/s3-reader, .*\)$/,
      ),
      '',
    ]);
    expect(run.files.size).toBe(0);
  });
});

describe('--out into a folder that does not exist', () => {
  test('irsa create makes the folder and writes the file (with the real file system writer)', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-cli-out-'));
    let stderr = '';
    const code = await main(
      [...IAMSA, ...POLICY, '--oidc-provider-arn', PROVIDER_ARN, '--out', 'infra/irsa/main.tf'],
      {
        cwd,
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        readStdin: () => '',
        writeFile: (file, text) => fs.writeFileSync(file, text),
      },
    );
    expect({ code, stderr }).toEqual({
      code: 0,
      stderr: 'irsa: wrote versions.tf, main.tf, kubernetes.tf to infra/irsa/main.tf\n',
    });
    expect(fs.readFileSync(path.join(cwd, 'infra', 'irsa', 'main.tf'), 'utf8')).toContain('module "');
  });
});
