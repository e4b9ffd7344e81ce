/**
 * The README's CDKTF quick start and the role-only app of docs/cdktf.md, run as a user pastes them into a fresh app (`cdktf-irsa` mapped to the
 * sources), and the error a user gets when the Kubernetes provider is missing. ../shared/try-as-user does
 * the same from a packed tarball.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { describeUnless } from '../support/skip';
import { AWS_PROVIDER_CONSTRAINT, initAndValidate, terraformUnavailableReason } from '../../tools/terraform';

const root = path.join(__dirname, '..', '..');
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The ```ts blocks of the README's "Quick start: CDKTF" section, then the complete apps of docs/cdktf.md. */
function quickStartBlocks(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = /^## Quick start: CDKTF\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
  const guide = fs.readFileSync(path.join(root, 'docs', 'cdktf.md'), 'utf8');
  const tsBlocks = (text: string) => [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  return [...tsBlocks(section), ...tsBlocks(guide).filter((b) => b.includes('app.synth()'))];
}

/** Runs a block as an app's main file with `cdktf-irsa` resolved to the sources; returns its outdir. */
function runBlock(source: string): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-quick-start-'));
  outdirs.push(outdir);
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const userRequire = (id: string): unknown =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    id === 'cdktf-irsa' ? require('../../src') : require(id);
  const previous = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    new Function('require', 'exports', outputText)(userRequire, {});
  } finally {
    if (previous === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previous;
  }
  return outdir;
}

function stackJson(outdir: string, stack: string): { resource: Record<string, unknown>; provider: object } {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

const blocks = quickStartBlocks();

test('the README has the complete quick start, and docs/cdktf.md the role-only one', () => {
  expect(blocks).toHaveLength(2);
  expect(blocks[0]).toContain('new KubernetesProvider(');
  expect(blocks[1]).toContain('roleOnly: true');
});

test('the complete quick start synthesizes as pasted', () => {
  const json = stackJson(runBlock(blocks[0]), 'irsa');
  expect(Object.keys(json.resource).sort()).toEqual([
    'aws_iam_role',
    'aws_iam_role_policy',
    'kubernetes_service_account_v1',
  ]);
  expect(Object.keys(json.provider).sort()).toEqual(['aws', 'kubernetes']);
});

test('the role-only quick start synthesizes with the AWS provider alone', () => {
  const json = stackJson(runBlock(blocks[1]), 'irsa-role-only');
  expect(Object.keys(json.provider)).toEqual(['aws']);
  expect(json.resource).not.toHaveProperty('kubernetes_service_account_v1');
});

test('without the Kubernetes provider, synth says what to add', () => {
  const withoutProvider = blocks[0].replace(/new KubernetesProvider\([\s\S]*?\n\}\);\n/, '');
  expect(withoutProvider).not.toContain('new KubernetesProvider(');
  expect(() => runBlock(withoutProvider)).toThrow(
    "[irsa/s3-reader] This IamServiceAccount creates a Kubernetes ServiceAccount without kubernetesProvider, but the stack has no Kubernetes provider. Add one: new KubernetesProvider(stack, 'kubernetes', { host, clusterCaCertificate, exec }) from '@cdktf/provider-kubernetes/lib/provider' (on CDK Terrain: the binding `cdktn get` generates; a complete example: https://github.com/cdktf-irsa/cdktf-irsa/blob/main/example/app.ts); or pass kubernetesProvider; or set roleOnly: true to create only the role.",
  );
});

describeUnless(terraformUnavailableReason(), 'the role-only quick start is valid Terraform', () => {
  test('terraform validate', () => {
    const dir = path.join(runBlock(blocks[1]), 'stacks', 'irsa-role-only');
    const file = path.join(dir, 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    // The mirror has AWS provider 5.x; the generated bindings pin 6.x.
    json.terraform.required_providers.aws.version = AWS_PROVIDER_CONSTRAINT;
    fs.writeFileSync(file, JSON.stringify(json));
    expect(() => initAndValidate(dir)).not.toThrow();
  });
});
