/**
 * Bad input: one line on stderr naming the place, the bad value and what is allowed, exit code 2, and
 * nothing written. One test per message. Warnings (values eksctl accepts and AWS would not) do not stop.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../src/validation/rules';
import { irsa, writeTemp } from './support';

const HEAD = `apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: prod
  region: eu-west-1
`;
const SA = (body: string) => `${HEAD}iam:
  serviceAccounts:
    - metadata:
        name: app
        namespace: web
${body}`;
const PIA = (body: string) => `${HEAD}iam:
  podIdentityAssociations:
    - namespace: web
      serviceAccountName: app
${body}`;
const POLICY = '      attachPolicyARNs: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n';

/** [name, file text, expected stderr (after "irsa: cluster.yaml")] */
const CONFIG_ERRORS: [string, string, string][] = [
  ['invalid YAML', `${HEAD}iam: [unclosed\n`, ':7:1: not valid YAML: '],
  [
    'duplicate keys are invalid YAML',
    `${HEAD}metadata: {}\n`,
    ':6:1: not valid YAML: Map keys must be unique',
  ],
  [
    'not a mapping',
    '- a\n- b\n',
    ': not an eksctl ClusterConfig: the document must be a mapping with apiVersion and kind',
  ],
  [
    'misspelt key, with the closest one',
    SA('      attachPolicyArnz: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n'),
    ':11:7: iam.serviceAccounts[0].attachPolicyArnz is not a key eksctl defines here; did you mean attachPolicyARNs?',
  ],
  [
    'unknown key, with the valid keys',
    `${HEAD}iam:\n  zzzzzzzzzzzz: true\n`,
    ':7:3: iam.zzzzzzzzzzzz is not a key eksctl defines here; the keys are: serviceRoleARN, serviceRolePermissionsBoundary, fargatePodExecutionRoleARN, fargatePodExecutionRolePermissionsBoundary, withOIDC, serviceAccounts, podIdentityAssociations, vpcResourceControllerPolicy',
  ],
  [
    'misspelt top-level key',
    `${HEAD}managedNodeGroup: []\n`,
    ':6:1: managedNodeGroup is not a key eksctl defines here; did you mean managedNodeGroups?',
  ],
  ['key that is not a string', `${HEAD}iam:\n  ? [a]\n  : b\n`, ':7:5: iam has a key that is not a string'],
  ['mapping expected', `${HEAD}iam: true\n`, ':6:6: iam must be a mapping (got true)'],
  [
    'string expected',
    SA(`${POLICY}      roleName: 42\n`),
    ':12:17: iam.serviceAccounts[0].roleName must be a string (got 42)',
  ],
  [
    'boolean expected',
    SA(`${POLICY}      roleOnly: "yes"\n`),
    ':12:17: iam.serviceAccounts[0].roleOnly must be true or false (got "yes")',
  ],
  [
    'list expected',
    SA('      attachPolicyARNs: arn:aws:iam::aws:policy/ReadOnlyAccess\n'),
    ':11:25: iam.serviceAccounts[0].attachPolicyARNs must be a list of strings (got "arn:aws:iam::aws:policy/ReadOnlyAccess")',
  ],
  [
    'list item not a string',
    SA('      attachPolicyARNs: [7]\n'),
    ':11:26: iam.serviceAccounts[0].attachPolicyARNs[0] must be a string (got 7)',
  ],
  [
    'tag value not a string',
    SA(`${POLICY}      tags: { cost: 42 }\n`),
    ':12:21: iam.serviceAccounts[0].tags.cost must be a string (got 42); quote numbers and booleans',
  ],
  [
    'policy document without Statement',
    SA('      attachPolicy: { Version: "2012-10-17" }\n'),
    ':11:21: iam.serviceAccounts[0].attachPolicy must be an IAM policy document with Version and Statement',
  ],
  [
    'apiVersion',
    HEAD.replace('v1alpha5', 'v1alpha4'),
    ':1:13: apiVersion "eksctl.io/v1alpha4" is not supported: it must be "eksctl.io/v1alpha5"',
  ],
  [
    'kind',
    HEAD.replace('kind: ClusterConfig', 'kind: NodeGroup'),
    ':2:7: kind "NodeGroup" is not supported: it must be "ClusterConfig"',
  ],
  [
    'metadata missing',
    'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\n',
    ':1:1: metadata is required (with name and region)',
  ],
  [
    'metadata.name missing',
    HEAD.replace('  name: prod\n', ''),
    ':4:3: metadata.name is required: the cluster name',
  ],
  [
    'metadata.region missing',
    HEAD.replace('  region: eu-west-1\n', ''),
    ':4:3: metadata.region is required: the region of the cluster',
  ],
  [
    'serviceAccounts not a list',
    `${HEAD}iam:\n  serviceAccounts: {}\n`,
    ':7:20: iam.serviceAccounts must be a list (got a mapping)',
  ],
  [
    'serviceAccounts entry not a mapping',
    `${HEAD}iam:\n  serviceAccounts: [app]\n`,
    ':7:21: iam.serviceAccounts[0] must be a mapping (got "app")',
  ],
  [
    'service account without metadata',
    `${HEAD}iam:\n  serviceAccounts:\n    - roleOnly: true\n`,
    ':8:7: iam.serviceAccounts[0].metadata is required (with name, and namespace or "default")',
  ],
  [
    'service account without name',
    `${HEAD}iam:\n  serviceAccounts:\n    - metadata: { namespace: web }\n`,
    ":8:17: iam.serviceAccounts[0].metadata.name is required: the service account's name",
  ],
  [
    'service account listed twice',
    `${SA(POLICY)}    - metadata: { name: app, namespace: web }\n${POLICY}`,
    ':12:7: iam.serviceAccounts[1] repeats service account web/app (first listed at iam.serviceAccounts[0])',
  ],
  [
    'attachRoleARN with policies',
    SA(`${POLICY}      attachRoleARN: arn:aws:iam::111122223333:role/x\n`),
    ':12:7: iam.serviceAccounts[0].attachRoleARN cannot be combined with attachPolicyARNs, attachPolicy or wellKnownPolicies: the attached role is managed elsewhere',
  ],
  [
    'service account without permissions',
    SA('      roleName: x\n'),
    ':8:7: iam.serviceAccounts[0] needs attachPolicyARNs, attachPolicy, wellKnownPolicies or attachRoleARN, as eksctl does',
  ],
  [
    'podIdentityAssociations not a list',
    `${HEAD}iam:\n  podIdentityAssociations: x\n`,
    ':7:28: iam.podIdentityAssociations must be a list (got "x")',
  ],
  [
    'association not a mapping',
    `${HEAD}iam:\n  podIdentityAssociations: [[]]\n`,
    ':7:29: iam.podIdentityAssociations[0] must be a mapping (got a list)',
  ],
  [
    'association without namespace',
    `${HEAD}iam:\n  podIdentityAssociations:\n    - serviceAccountName: app\n`,
    ':8:7: iam.podIdentityAssociations[0].namespace is required',
  ],
  [
    'association without service account',
    `${HEAD}iam:\n  podIdentityAssociations:\n    - namespace: web\n`,
    ':8:7: iam.podIdentityAssociations[0].serviceAccountName is required',
  ],
  [
    'association listed twice',
    `${PIA('      roleARN: arn:aws:iam::111122223333:role/x\n')}    - { namespace: web, serviceAccountName: app, roleARN: "arn:aws:iam::111122223333:role/x" }\n`,
    ':11:7: iam.podIdentityAssociations[1] repeats the association of web/app: EKS allows one per service account',
  ],
  [
    'roleARN with policies',
    PIA(
      '      roleARN: arn:aws:iam::111122223333:role/x\n      permissionPolicyARNs: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n',
    ),
    ':10:7: iam.podIdentityAssociations[0].roleARN cannot be combined with permissionPolicyARNs, permissionPolicy or wellKnownPolicies, as eksctl requires',
  ],
  [
    'session policy on an association',
    PIA('      roleARN: arn:aws:iam::111122223333:role/x\n      policy: "{}"\n'),
    ':11:7: iam.podIdentityAssociations[0].policy (a session policy on the association) is not supported yet: remove it here and keep that association in eksctl, or manage its policy by hand',
  ],
  [
    'association without permissions',
    PIA('      createServiceAccount: true\n'),
    ':8:7: iam.podIdentityAssociations[0] needs roleARN, permissionPolicyARNs, permissionPolicy or wellKnownPolicies, as eksctl does',
  ],
];

describe('ClusterConfig errors: exit 2, one line, file:line:column, nothing written', () => {
  test.each(CONFIG_ERRORS)('%s', async (_name, text, expected) => {
    const { dir } = writeTemp('cluster.yaml', text);
    const run = await irsa(['import', 'eksctl-config', 'cluster.yaml', '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const want = `irsa: cluster.yaml${expected}`;
    expect(run.stderr.slice(0, want.length)).toBe(want);
    expect(run.files.size).toBe(0);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe("values eksctl accepts and AWS rejects are errors (the constructs' rules): exit 2, nothing written", () => {
  test.each([
    [
      'account not 12 digits',
      SA('      attachPolicyARNs: ["arn:aws:iam::1234:policy/x"]\n'),
      `cluster.yaml:8: iam.serviceAccounts[0].attachPolicyARNs[0] "arn:aws:iam::1234:policy/x" is invalid: it must be ${RULES.policyArn.allowed}.`,
    ],
    [
      'not an IAM ARN',
      SA(`${POLICY}      permissionsBoundary: boundary\n`),
      `cluster.yaml:8: iam.serviceAccounts[0].permissionsBoundary "boundary" is invalid: it must be ${RULES.policyArn.allowed}.`,
    ],
  ])('%s', async (_name, text, expected) => {
    const { dir } = writeTemp('cluster.yaml', text);
    const run = await irsa(['import', 'eksctl-config', 'cluster.yaml', '--out', 'out'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`irsa: ${expected}\n`);
    expect(run.files.size).toBe(0);
  });
});

const OK_CONFIG = SA(POLICY);

/** [name, argv (cluster.yaml and role-arns files exist), expected stderr line] */
const USAGE_ERRORS: [string, string[], string, Record<string, string>?][] = [
  [
    'unreadable ClusterConfig',
    ['import', 'eksctl-config', 'missing.yaml'],
    'irsa: missing.yaml: cannot read the ClusterConfig (ENOENT)',
  ],
  [
    'unreadable --role-arns',
    ['import', 'eksctl-config', 'cluster.yaml', '--role-arns', 'nope.yaml'],
    'irsa: nope.yaml: cannot read --role-arns file (ENOENT)',
  ],
  [
    '--role-arns not YAML',
    ['import', 'eksctl-config', 'cluster.yaml', '--role-arns', 'arns.yaml'],
    'irsa: arns.yaml: not valid YAML or JSON: ',
    { 'arns.yaml': 'a: [\n' },
  ],
  [
    '--role-arns not a map',
    ['import', 'eksctl-config', 'cluster.yaml', '--role-arns', 'arns.yaml'],
    'irsa: arns.yaml: --role-arns must be a map of "namespace/name: role ARN"',
    { 'arns.yaml': '- a\n' },
  ],
  [
    '--role-arns bad key',
    ['import', 'eksctl-config', 'cluster.yaml', '--role-arns', 'arns.yaml'],
    'irsa: arns.yaml: key "app" must be "namespace/name"',
    { 'arns.yaml': 'app: arn:aws:iam::111122223333:role/x\n' },
  ],
  [
    '--role-arns bad ARN',
    ['import', 'eksctl-config', 'cluster.yaml', '--role-arns', 'arns.yaml'],
    'irsa: arns.yaml: web/app "arn:aws:iam::1:role/x" must be an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<name>)',
    { 'arns.yaml': 'web/app: arn:aws:iam::1:role/x\n' },
  ],
  ['no ClusterConfig', ['import', 'eksctl-config'], 'irsa: expected one ClusterConfig file, got 0'],
  [
    'unknown command',
    ['delete', 'iamserviceaccount'],
    'irsa: unknown command "delete iamserviceaccount"; see irsa --help',
  ],
  [
    'bad --output',
    ['import', 'eksctl-config', 'cluster.yaml', '--output', 'yaml'],
    'irsa: --output must be one of hcl, ts, json (got "yaml")',
  ],
  [
    'unknown flag, with the closest one',
    ['create', 'iamserviceaccount', '--namspace', 'x'],
    'irsa: unknown flag --namspace (did you mean --namespace?)',
  ],
  [
    'boolean flag value',
    ['create', 'iamserviceaccount', '--role-only=yes'],
    'irsa: --role-only must be true or false (got "yes")',
  ],
  [
    'flag without its value',
    ['create', 'iamserviceaccount', '--cluster'],
    'irsa: flag needs an argument: --cluster',
  ],
  [
    'bad --tags',
    ['create', 'iamserviceaccount', '--tags', 'team'],
    'irsa: --tags must be comma-separated key=value pairs (got "team")',
  ],
  [
    'missing --cluster',
    [
      'create',
      'iamserviceaccount',
      '--name',
      'a',
      '--attach-policy-arn',
      'arn:aws:iam::aws:policy/X',
      '--dry-run',
    ],
    'irsa: --cluster must be set',
  ],
  [
    'unknown well-known policy',
    [
      'create',
      'iamserviceaccount',
      '-c',
      'prod',
      '--name',
      'a',
      '--well-known-policies',
      'autoScalr',
      '--dry-run',
    ],
    'irsa: invalid wellKnownPolicy: autoScalr (allowed: imageBuilder, autoScaler, awsLoadBalancerController, externalDNS, certManager, ebsCSIController, efsCSIController)',
  ],
  [
    'role ARN with policies',
    [
      'create',
      'iamserviceaccount',
      '-c',
      'prod',
      '--name',
      'a',
      '--attach-role-arn',
      'arn:aws:iam::111122223333:role/x',
      '--attach-policy-arn',
      'arn:aws:iam::aws:policy/X',
      '--dry-run',
    ],
    'irsa: --attach-role-arn cannot be combined with --attach-policy-arn or --well-known-policies',
  ],
  [
    'service account without permissions',
    ['create', 'iamserviceaccount', '-c', 'prod', '--name', 'a', '--dry-run'],
    'irsa: at least one of --attach-policy-arn, --well-known-policies or --attach-role-arn must be set',
  ],
  [
    'association without permissions',
    [
      'create',
      'podidentityassociation',
      '-c',
      'prod',
      '--namespace',
      'a',
      '--service-account-name',
      'b',
      '--dry-run',
    ],
    'irsa: at least one of the following flags must be specified: --role-arn, --permission-policy-arns, --well-known-policies',
  ],
  [
    'association role ARN with policies',
    [
      'create',
      'podidentityassociation',
      '-c',
      'prod',
      '--namespace',
      'a',
      '--service-account-name',
      'b',
      '--role-arn',
      'arn:aws:iam::111122223333:role/x',
      '--permission-policy-arns',
      'arn:aws:iam::aws:policy/X',
    ],
    'irsa: --permission-policy-arns cannot be specified when --role-arn is set',
  ],
  [
    'association role ARN with well-known policies',
    [
      'create',
      'podidentityassociation',
      '-c',
      'prod',
      '--namespace',
      'a',
      '--service-account-name',
      'b',
      '--role-arn',
      'arn:aws:iam::111122223333:role/x',
      '--well-known-policies',
      'autoScaler',
    ],
    'irsa: --well-known-policies cannot be specified when --role-arn is set',
  ],
  [
    '--policy on an association',
    [
      'create',
      'podidentityassociation',
      '-c',
      'prod',
      '--namespace',
      'a',
      '--service-account-name',
      'b',
      '--role-arn',
      'arn:aws:iam::111122223333:role/x',
      '--policy',
      '{}',
    ],
    'irsa: --policy (a session policy on the association) is not supported yet: dropping it would widen access',
  ],
  [
    'neither --out nor --dry-run',
    [
      'create',
      'iamserviceaccount',
      '-c',
      'prod',
      '--name',
      'a',
      '--attach-policy-arn',
      'arn:aws:iam::aws:policy/X',
    ],
    'irsa: --out or --dry-run must be set',
  ],
  [
    'stray argument',
    ['create', 'podidentityassociation', 'extra'],
    'irsa: unexpected argument extra: the service account is --service-account-name',
  ],
];

describe('usage and input-file errors: exit 2, one line', () => {
  // Rest parameters: a callback declaring more parameters than a row has would be given jest's `done`.
  test.each(USAGE_ERRORS)('%s', async (...[, argv, expected, extra]) => {
    const { dir } = writeTemp('cluster.yaml', OK_CONFIG);
    for (const [name, text] of Object.entries(extra ?? {})) fs.writeFileSync(path.join(dir, name), text);
    const run = await irsa(argv, dir);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr.slice(0, expected.length)).toBe(expected);
    expect(run.files.size).toBe(0);
  });
});
