/** The example app synthesizes, reads its settings, and every synth is byte-identical. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { EXAMPLE_DEFAULTS, buildExampleApp, readSettings } from '../../example/app';

function synthExample(env: NodeJS.ProcessEnv = {}): { dir: string; files: Map<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-example-'));
  buildExampleApp(dir, env).synth();
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return { dir, files };
}

const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('example app', () => {
  test('synthesizes the S3 reader and the role-only multi-cluster service account', () => {
    const { dir, files } = synthExample();
    cleanup.push(dir);
    const json = JSON.parse(files.get(path.join('stacks', 'irsa-example', 'cdk.tf.json'))!);
    const roles = Object.values(json.resource.aws_iam_role) as { name: string; assume_role_policy: string }[];
    expect(roles.map((r) => r.name).sort()).toEqual(['external-dns', 's3-reader']);
    // The policies hold Terraform expressions (the ARN is derived from the cluster name), so count statements.
    const statements = (policy: string) => policy.split('"sts:AssumeRoleWithWebIdentity"').length - 1;
    const s3 = roles.find((r) => r.name === 's3-reader')!;
    expect(statements(s3.assume_role_policy)).toBe(1);
    expect(s3.assume_role_policy).toContain('"Federated":"${join("", ["arn:", data.aws_partition.');
    const externalDns = roles.find((r) => r.name === 'external-dns')!;
    expect(statements(externalDns.assume_role_policy)).toBe(2);
    // One cluster lookup serves the OIDC provider and the Kubernetes provider.
    expect(Object.keys(json.data).sort()).toEqual([
      'aws_caller_identity',
      'aws_eks_cluster',
      'aws_partition',
    ]);
    expect(json.data.aws_eks_cluster.cluster.name).toBe(EXAMPLE_DEFAULTS.clusterName);
    const inline = Object.values(json.resource.aws_iam_role_policy) as { policy: string }[];
    expect(JSON.parse(inline[0].policy).Statement[0]).toEqual({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: `arn:aws:s3:::${EXAMPLE_DEFAULTS.bucket}/*`,
    });
    // Only the S3 reader gets a ServiceAccount; the Helm chart's is not created.
    expect(Object.keys(json.resource.kubernetes_service_account_v1)).toHaveLength(1);
    // The Kubernetes provider authenticates with `aws eks get-token`.
    expect(json.provider.kubernetes[0].exec[0]).toEqual({
      api_version: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', 'example-cluster', '--region', 'us-east-1'],
    });
  });

  test('settings come from environment variables', () => {
    const { dir, files } = synthExample({
      IRSA_CLUSTER_NAME: 'prod',
      IRSA_OIDC_PROVIDER_ARN:
        'arn:aws:iam::444455556666:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDE0',
      IRSA_BUCKET: 'prod-bucket',
      AWS_REGION: 'eu-west-1',
    });
    cleanup.push(dir);
    const text = files.get(path.join('stacks', 'irsa-example', 'cdk.tf.json'))!;
    expect(text).toContain('oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDE0:sub');
    expect(text).toContain('arn:aws:s3:::prod-bucket/*');
    expect(text).toContain('"region": "eu-west-1"');
    expect(text).toContain('"prod"');
  });

  test('two synths write byte-identical files', () => {
    const a = synthExample();
    const b = synthExample();
    cleanup.push(a.dir, b.dir);
    expect([...a.files.keys()].sort()).toEqual([...b.files.keys()].sort());
    for (const [name, content] of a.files) expect(b.files.get(name)).toBe(content);
  });
});

describe('example settings from cdktf context', () => {
  test('context values apply when no environment variable is set', () => {
    const app = new App({ context: { bucket: 'from-context', clusterName: 'ctx-cluster' } });
    expect(readSettings(app, {})).toMatchObject({ bucket: 'from-context', clusterName: 'ctx-cluster' });
    expect(readSettings(app, { IRSA_BUCKET: 'from-env' }).bucket).toBe('from-env');
  });
});
