/**
 * Issue 25 (items 1 and 5): `irsa create` writes the catalog's policy for every eksctl well-known key (a new
 * role has no document eksctl wrote), every generated HCL file is `terraform fmt` clean, and versions.tf
 * requires the AWS provider version the generated arguments need. All keys share one Terraform root (one
 * init, one plan): each key's output is a child module of it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createWellKnownDocument } from '../../src/cli/create-policies';
import { EKSCTL_WELL_KNOWN_INLINE, EKSCTL_WELL_KNOWN_KEYS } from '../../src/cli/eksctl';
import { AWS_PROVIDER_CONSTRAINT, AWS_PROVIDER_CONSTRAINT_V6 } from '../../src/cli/writers/terraform';
import { wellKnownGrant } from '../../src/policy/well-known';
import { describeUnless } from '../support/skip';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  initAndValidate,
  planJson,
  terraform,
  terraformCliUnavailableReason,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { FIXTURES, PROVIDER_ARN, irsa } from './support';

const MODULES = path.resolve(__dirname, '..', '..', 'modules');
const iamsa = (name: string, ...more: string[]) => [
  'create',
  'iamserviceaccount',
  '-c',
  'prod',
  '--namespace',
  'kube-system',
  '--name',
  name,
  '--oidc-provider-arn',
  PROVIDER_ARN,
  ...more,
];
const pia = (...more: string[]) => [
  'create',
  'podidentityassociation',
  '-c',
  'prod',
  '--namespace',
  'web',
  '--service-account-name',
  'app',
  ...more,
];
const folderName = (key: string) => `k_${key.toLowerCase()}`;

/** Runs `irsa` writing `file` in `dir` with modules relative to it; returns what it wrote. */
async function writeInto(dir: string, file: string, argv: string[]): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const run = await irsa([...argv, '--module-source', path.relative(dir, MODULES), '--out', file], dir);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

describe('irsa create: the catalog policy for every well-known key', () => {
  test.each([...EKSCTL_WELL_KNOWN_KEYS])(
    '%s: no value to supply, no "document eksctl wrote"',
    async (key) => {
      const run = await irsa(iamsa('sa', '--well-known-policies', key, '--dry-run'));
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('eksctl_inline_policies');
      expect(run.stdout).not.toContain('variable "');
      expect(run.stdout).not.toContain('document eksctl wrote');
    },
  );

  test('split add-ons: the inline policies together hold every catalog statement, once', () => {
    const catalog = {
      autoScaler: { clusterAutoscaler: true },
      awsLoadBalancerController: { awsLoadBalancerController: true },
      externalDNS: { externalDns: true },
      certManager: { certManager: true },
      efsCSIController: { efsCsiDriver: { inline: true } },
    } as const;
    for (const [key, policies] of Object.entries(catalog)) {
      const names = EKSCTL_WELL_KNOWN_INLINE[key as keyof typeof catalog] ?? [];
      const written = names.flatMap(
        (n) => createWellKnownDocument(key as keyof typeof catalog, n, 'aws')?.Statement ?? [],
      );
      const want = wellKnownGrant(policies, 'aws').statements;
      expect(new Set(written.map((s) => JSON.stringify(s)))).toEqual(
        new Set(want.map((s) => JSON.stringify(s))),
      );
      expect(written).toHaveLength(want.length);
    }
  });
});

describe('versions.tf: the AWS provider the generated arguments need', () => {
  const ROLE = 'arn:aws:iam::111122223333:role/app';
  test.each([
    [
      'IRSA role',
      iamsa('sa', '--attach-policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess'),
      AWS_PROVIDER_CONSTRAINT,
    ],
    ['association with a role managed elsewhere', pia('--role-arn', ROLE), AWS_PROVIDER_CONSTRAINT],
    [
      '--target-role-arn',
      pia('--role-arn', ROLE, '--target-role-arn', `${ROLE}-t`),
      AWS_PROVIDER_CONSTRAINT_V6,
    ],
    ['--disable-session-tags', pia('--role-arn', ROLE, '--disable-session-tags'), AWS_PROVIDER_CONSTRAINT_V6],
    [
      'the Pod Identity module (it requires 6.0)',
      pia('--permission-policy-arns', 'arn:aws:iam::aws:policy/ReadOnlyAccess'),
      AWS_PROVIDER_CONSTRAINT_V6,
    ],
  ])('%s', async (_name, argv, constraint) => {
    const run = await irsa([...argv, '--dry-run']);
    expect(run.code).toBe(0);
    const aws = run.stdout.match(/aws = \{[^}]*version\s*=\s*"([^"]+)"/);
    expect(aws?.[1]).toBe(constraint);
  });
});

describeUnless(terraformCliUnavailableReason(), 'generated HCL is terraform fmt clean', () => {
  test('every file of create and import (hcl) passes terraform fmt -check', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-fmt-'));
    const ROLE = 'arn:aws:iam::111122223333:role/app';
    const cases: [string, string[]][] = [
      ['sa.tf', iamsa('sa', '--well-known-policies', EKSCTL_WELL_KNOWN_KEYS.join(','), '--tags', 'a=b')],
      [
        'override.tf',
        iamsa(
          'sa',
          '--attach-policy-arn',
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          '--override-existing-serviceaccounts',
        ),
      ],
      ['attached.tf', iamsa('sa', '--attach-role-arn', ROLE)],
      [
        'pia.tf',
        pia('--well-known-policies', 'externalDNS', '--create-service-account', '--disable-session-tags'),
      ],
      ['pia-target.tf', pia('--role-arn', ROLE, '--target-role-arn', `${ROLE}-t`)],
    ];
    for (const [file, argv] of cases) await writeInto(path.join(root, file.replace('.tf', '')), file, argv);
    const run = await irsa(
      [
        'import',
        'eksctl-config',
        path.join(FIXTURES, 'full.yaml'),
        '--oidc-provider-arn',
        PROVIDER_ARN,
        '--out',
        'import',
      ],
      root,
    );
    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'import', 'imports.tf'), 'utf8')).not.toMatch(/"\$\{[^}]*\}"/);
    const files = fs
      .readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.tf'));
    expect(files.length).toBeGreaterThan(cases.length + 3);
    for (const text of files.map((f) => fs.readFileSync(path.join(root, f), 'utf8'))) {
      expect(text).not.toContain('merge({}');
    }
    const fmt = terraform(root, ['fmt', '-check', '-recursive', '-diff', '-no-color']);
    expect({ status: fmt.status, diff: fmt.stdout }).toEqual({ status: 0, diff: '' });
  }, 60_000);
});

describeUnless(
  terraformUnavailableReason(),
  'irsa create --well-known-policies: offline validate and plan of every key',
  () => {
    test('one root, one child module per key: validate and plan succeed with each key’s policies', async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-wellknown-'));
      const calls: string[] = [];
      for (const key of EKSCTL_WELL_KNOWN_KEYS) {
        const name = folderName(key).replace(/_/g, '-');
        await writeInto(
          path.join(root, folderName(key)),
          'main.tf',
          iamsa(name, '--well-known-policies', key, '--role-only'),
        );
        calls.push(`module "${folderName(key)}" {\n  source = "./${folderName(key)}"\n}\n`);
      }
      fs.writeFileSync(path.join(root, 'main.tf'), `${OFFLINE_AWS_PROVIDER_HCL}\n${calls.join('\n')}`);
      initAndValidate(root);
      const plan = planJson(root);
      const changes = plan.resource_changes ?? [];
      for (const key of EKSCTL_WELL_KNOWN_KEYS) {
        const mine = changes.filter((c) => c.address.startsWith(`module.${folderName(key)}.`));
        expect(mine.every((c) => c.change.actions.join() === 'create')).toBe(true);
        const inline = mine.filter((c) => c.type === 'aws_iam_role_policy');
        const attached = mine.filter((c) => c.type === 'aws_iam_role_policy_attachment');
        // Each key grants something: eksctl's inline policies (the catalog's statements) or its managed policy.
        expect(inline.length).toBe((EKSCTL_WELL_KNOWN_INLINE[key] ?? []).length);
        expect(inline.length + attached.length).toBeGreaterThan(0);
        for (const c of inline) {
          const doc = JSON.parse((c.change.after as { policy: string }).policy) as { Statement: unknown[] };
          expect(doc.Statement.length).toBeGreaterThan(0);
        }
      }
      process.stdout.write(
        `well-known plan: ${changes.length} resources for ${EKSCTL_WELL_KNOWN_KEYS.length} keys\n`,
      );
    }, 300_000);
  },
);
