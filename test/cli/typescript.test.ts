/**
 * `--output ts` is CDKTF code that compiles (strict) and synthesizes; when adopting, every resource eksctl
 * created carries an import block.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import * as ts from 'typescript';
import { FIXTURES, PROVIDER_ARN, irsa } from './support';

const GENERATED = path.join(__dirname, '.generated');
const SRC_INDEX = path.resolve(__dirname, '..', '..', 'src', 'index');

/** Writes `text` next to the tests, importing the constructs from this checkout rather than the package. */
function place(name: string, text: string): string {
  fs.mkdirSync(GENERATED, { recursive: true });
  const file = path.join(GENERATED, name);
  fs.writeFileSync(
    file,
    text.replace("from 'cdktf-irsa'", `from ${JSON.stringify(path.relative(GENERATED, SRC_INDEX))}`),
  );
  return file;
}

function compileErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    skipLibCheck: true,
    noUnusedLocals: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

interface Synth {
  import?: { to: string; id: string }[];
  resource: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, unknown>;
}

function synth(file: string): Synth {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { IrsaStack } = require(file) as { IrsaStack: new (scope: unknown, id: string) => never };
  const app = Testing.app();
  return JSON.parse(Testing.synth(new IrsaStack(app, 'test'))) as Synth;
}

afterAll(() => {
  if (!process.env.IRSA_KEEP_GENERATED) fs.rmSync(GENERATED, { recursive: true, force: true });
});

describe('irsa import eksctl-config --output ts', () => {
  let file: string;
  let out: Synth;
  beforeAll(async () => {
    const run = await irsa([
      'import',
      'eksctl-config',
      path.join(FIXTURES, 'full.yaml'),
      '--oidc-provider-arn',
      PROVIDER_ARN,
      '--output',
      'ts',
      '--dry-run',
    ]);
    expect(run.code).toBe(0);
    const text = run.stdout.slice(run.stdout.indexOf('/**'), run.stdout.indexOf('# ---- MIGRATION.md'));
    file = place('import-full.ts', text);
    out = synth(file);
  }, 120_000);

  test('compiles under strict TypeScript', () => {
    expect(compileErrors(file)).toEqual([]);
  }, 120_000);

  test('synthesizes the roles, policies, ServiceAccounts and associations', () => {
    const types = Object.keys(out.resource).sort();
    expect(types).toEqual([
      'aws_eks_pod_identity_association',
      'aws_iam_role',
      'aws_iam_role_policy',
      'aws_iam_role_policy_attachment',
      'kubernetes_service_account_v1',
    ]);
    expect(Object.keys(out.resource.aws_iam_role)).toHaveLength(7);
    expect(Object.keys(out.resource.aws_eks_pod_identity_association)).toHaveLength(2);
  });

  test("IamServiceAccount (the README's construct) for exact subjects, and the modules' force_detach_policies", () => {
    const text = fs.readFileSync(file, 'utf8');
    // Six IRSA roles: five exact subjects, one wildcard pattern (IrsaRole: the construct trusts one name).
    expect(text.match(/new IamServiceAccount\(/g)).toHaveLength(5);
    expect(text.match(/new IrsaRole\(/g)).toHaveLength(1);
    for (const role of Object.values(out.resource.aws_iam_role)) {
      expect(role.force_detach_policies).toBe(true);
    }
  });

  test('every resource eksctl created is imported', () => {
    const imported = new Set((out.import ?? []).map((i) => i.to.split('.').slice(0, 2).join('.')));
    for (const [type, byName] of Object.entries(out.resource)) {
      for (const name of Object.keys(byName)) expect(imported).toContain(`${type}.${name}`);
    }
    const ids = (out.import ?? []).map((i) => i.id);
    expect(ids).toContain('prod-writer:eksctl-prod-addon-iamserviceaccount-backend-writer-Policy1');
    expect(ids).toContain('prod-lb/arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy');
    expect(ids).toContain('backend/s3-reader');
    expect(ids.some((id) => id.includes('var.eksctl_role_names') && id.includes('backend/s3-reader'))).toBe(
      true,
    );
    expect(ids.some((id) => id.startsWith('prod,') && id.includes('var.pod_identity_association_ids'))).toBe(
      true,
    );
  });
});

describe('irsa create iamserviceaccount --output ts', () => {
  test('compiles and synthesizes a role and an annotated ServiceAccount', async () => {
    const run = await irsa([
      'create',
      'iamserviceaccount',
      '--cluster',
      'prod',
      '--namespace',
      'kube-system',
      '--name',
      'ebs-csi',
      '--well-known-policies',
      'ebsCSIController',
      '--oidc-provider-arn',
      PROVIDER_ARN,
      '--profile',
      'dev',
      '--output',
      'ts',
      '--dry-run',
    ]);
    expect(run.code).toBe(0);
    const file = place('create-sa.ts', run.stdout);
    expect(compileErrors(file)).toEqual([]);
    const out = synth(file);
    expect(out.import).toBeUndefined();
    const sa = Object.values(out.resource.kubernetes_service_account_v1)[0] as {
      metadata: { annotations: Record<string, string> };
    };
    expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(/aws_iam_role\..*\.arn/);
    const attachment = Object.values(out.resource.aws_iam_role_policy_attachment)[0] as {
      policy_arn: string;
    };
    expect(attachment.policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy');
    expect(run.stdout).toContain('new IamServiceAccount(');
    expect(run.stdout).not.toContain('IrsaRole');
    // The same force_detach_policies as the HCL output (modules/iam-role-for-service-accounts defaults true).
    const roles = Object.values(out.resource.aws_iam_role);
    expect(roles.map((r) => r.force_detach_policies)).toEqual([true]);
  }, 120_000);
});
