/**
 * Issue 25 (item 6): `irsa create iamserviceaccount --create-namespace`, opt-in as in the constructs
 * (`createNamespace`) and the service-account module (`create_namespace`): the namespace of the
 * ServiceAccount is created with our managed-by label, and the ServiceAccount names it by reference so
 * Terraform creates it first. One test per refusal.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraform, terraformUnavailableReason } from '../../tools/terraform';
import { PROVIDER_ARN, irsa } from './support';

const OIDC = ['--oidc-provider-arn', PROVIDER_ARN];
const POLICY = ['--attach-policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess'];
const CREATE = ['create', 'iamserviceaccount', '-c', 'prod', '--name', 'api', ...POLICY, ...OIDC];

describe('--create-namespace', () => {
  test('hcl: one kubernetes_namespace_v1 with our label, referenced by the ServiceAccount', async () => {
    const run = await irsa([...CREATE, '--namespace', 'apps', '--create-namespace', '--out', 'main.tf']);
    expect(run.code).toBe(0);
    const kubernetes = run.files.get('main.tf') ?? '';
    expect(kubernetes).toMatch(
      /resource "kubernetes_namespace_v1" "namespace_apps" \{\n {2}metadata \{\n {4}name = "apps"\n {4}labels = \{\n {6}"app\.kubernetes\.io\/managed-by" = "cdktf-irsa"/,
    );
    expect(kubernetes).toContain('namespace = kubernetes_namespace_v1.namespace_apps.metadata[0].name');
    expect((kubernetes.match(/resource "kubernetes_namespace_v1"/g) ?? []).length).toBe(1);
  });

  test('hcl: terraform fmt leaves the files as written', async () => {
    const reason = terraformUnavailableReason([]);
    if (reason) {
      console.log(`SKIPPED terraform fmt of --create-namespace output: ${reason}`);
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-ns-'));
    try {
      const run = await irsa(
        [...CREATE, '--namespace', 'apps', '--create-namespace', '--out', 'main.tf'],
        dir,
      );
      expect(run.code).toBe(0);
      const fmt = terraform(dir, ['fmt', '-check', '-diff']);
      expect(fmt.stdout).toBe('');
      expect(fmt.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without the flag no namespace is created (the namespace must exist)', async () => {
    const run = await irsa([...CREATE, '--namespace', 'apps', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('kubernetes_namespace_v1');
    expect(run.stdout).toMatch(/namespace += "apps"/);
  });

  test('ts: IamServiceAccount with createNamespace', async () => {
    const run = await irsa([...CREATE, '--namespace', 'apps', '--create-namespace', '-o', 'ts', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /new IamServiceAccount\(this, "irsa-apps-api", \{[^}]*createNamespace: true,/s,
    );
  });

  const refused: [string, string[], string][] = [
    [
      'with --role-only',
      [...CREATE, '--namespace', 'apps', '--create-namespace', '--role-only'],
      'irsa: --create-namespace needs a ServiceAccount to create: with --role-only there is none (leave out one of the two)',
    ],
    [
      'with --override-existing-serviceaccounts',
      [...CREATE, '--namespace', 'apps', '--create-namespace', '--override-existing-serviceaccounts'],
      'irsa: --create-namespace cannot be combined with --override-existing-serviceaccounts: the ServiceAccount, and so its namespace, exists already',
    ],
    [
      'a namespace every cluster has',
      [...CREATE, '--namespace', 'kube-system', '--create-namespace'],
      'irsa: --create-namespace cannot create namespace "kube-system": every cluster has it (default, kube-system, kube-public, kube-node-lease); leave out --create-namespace',
    ],
    [
      'ts output for a ServiceAccount that is not an IamServiceAccount',
      [
        'create',
        'iamserviceaccount',
        '-c',
        'prod',
        '--name',
        'api',
        '--namespace',
        'apps',
        '--attach-role-arn',
        'arn:aws:iam::111122223333:role/existing',
        ...OIDC,
        '--create-namespace',
        '-o',
        'ts',
      ],
      'irsa: --create-namespace with --output ts: the ServiceAccount apps/api is not an IamServiceAccount (a wildcard subject pattern or an attached role), so no namespace would be created for it; use --output hcl or json, or create the namespace yourself',
    ],
  ];
  test.each(refused)('%s: exit 2, one line, nothing written', async (_case, argv, expected) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-ns-'));
    const run = await irsa([...argv, '--out', 'main.tf'], dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: `${expected}\n` });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
