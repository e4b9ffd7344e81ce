/**
 * The package as users install it, once per core: packs this project, installs the tarball into two fresh
 * apps (one with cdktf 0.21 and its providers, one with only cdktn 0.24 and @cdktn/provider-aws 25), and
 * checks that
 *   - each app's node_modules holds its own core only (the other core's packages are optional peers);
 *   - the same program, written against each core's imports, type-checks (node10 and node16 resolution)
 *     and synthesizes a role plus ServiceAccount, and the two cdk.tf.json files have the same resources,
 *     provider settings and Kubernetes provider requirement (the rest is the app's: the core's "//"
 *     metadata, the state path, the AWS provider package's version pin);
 *   - the cdktn app's role-only stack passes `terraform validate` and `terraform plan` offline.
 * Prints the node_modules sizes. Needs the npm registry (installs) and the Terraform provider mirror.
 *
 * Usage: npm run build && node dist/scripts/check-flavour-install.js [workdir]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packProject, run } from '../tools/package';
import { AWS_PROVIDER_CONSTRAINT, initAndValidate, planJson, plannedResources } from '../tools/terraform';

const ROOT = path.resolve(__dirname, '..', '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

interface Flavour {
  name: 'cdktf' | 'cdktn';
  packages: string[];
  core: string;
  aws: string;
  entry: string;
  /** The Kubernetes provider class: prebuilt on cdktf; on cdktn, what `cdktn get` generates (stand-in). */
  kubernetesProvider: string;
  absent: string[];
}

const FLAVOURS: Flavour[] = [
  {
    name: 'cdktf',
    packages: ['cdktf@^0.21', 'constructs@^10', '@cdktf/provider-aws@^21', '@cdktf/provider-kubernetes@^12'],
    core: 'cdktf',
    aws: '@cdktf/provider-aws/lib/provider',
    entry: 'cdktf-irsa',
    kubernetesProvider: `import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';`,
    absent: ['cdktn', '@cdktn'],
  },
  {
    name: 'cdktn',
    packages: ['cdktn@^0.24', '@cdktn/provider-aws@^25'],
    core: 'cdktn',
    aws: '@cdktn/provider-aws/lib/provider',
    entry: 'cdktf-irsa/cdktn',
    // The part of a `cdktn get` binding that synthesizes the provider (no prebuilt one exists on npm).
    kubernetesProvider: `import { TerraformProvider } from 'cdktn';
class KubernetesProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, private readonly config: { host?: string } = {}) {
    super(scope, id, {
      terraformResourceType: 'kubernetes',
      terraformGeneratorMetadata: { providerName: 'kubernetes', providerVersion: '2.38.0', providerVersionConstraint: '~> 2.0' },
      terraformProviderSource: 'kubernetes',
    });
  }
  protected synthesizeAttributes() {
    return { host: this.config.host };
  }
}`,
    absent: ['cdktf', '@cdktf'],
  },
];

function program(f: Flavour): string {
  return `import { App, TerraformStack } from '${f.core}';
import { Construct } from 'constructs';
import { AwsProvider } from '${f.aws}';
import { IamServiceAccount, OidcProvider } from '${f.entry}';
${f.kubernetesProvider}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const app = new App({ outdir: (globalThis as any).process.argv[2] });
const offline = {
  region: 'us-east-1',
  accessKey: 'offline-test',
  secretKey: 'offline-test',
  skipCredentialsValidation: true,
  skipRequestingAccountId: true,
  skipMetadataApiCheck: 'true',
};

const stack = new TerraformStack(app, 'irsa');
const aws = new AwsProvider(stack, 'aws', offline);
const kubernetes = new KubernetesProvider(stack, 'kubernetes', { host: 'https://127.0.0.1:1' });
const sa: IamServiceAccount = new IamServiceAccount(stack, 's3-reader', {
  oidcProvider: OidcProvider.fromArn('${ARN}'),
  namespace: 'default',
  name: 's3-reader',
  labels: { app: 's3-reader' },
  awsProvider: aws,
  kubernetesProvider: kubernetes,
  inlinePolicy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bucket/*' }],
  },
});
const roleArn: string = sa.roleArn;

const roleOnly = new TerraformStack(app, 'role-only');
new AwsProvider(roleOnly, 'aws', offline);
roleOnly.addOverride('terraform.required_providers.aws.version', '${AWS_PROVIDER_CONSTRAINT}');
new IamServiceAccount(roleOnly, 's3-reader', {
  oidcProvider: OidcProvider.fromArn('${ARN}'),
  name: 's3-reader',
  roleOnly: true,
  roleName: 's3-reader',
  attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
});
app.synth();
console.log(roleArn.length > 0 ? 'synthesized' : 'no role ARN');
`;
}

function du(dir: string): string {
  return run('du', ['-sh', dir], os.tmpdir()).split('\t')[0];
}

function main(): void {
  const work = process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-flavours-'));
  fs.mkdirSync(work, { recursive: true });
  const packed = packProject(ROOT, { destination: work });
  const tarball = packed.tarball as string;
  console.log(`packed ${packed.filename}: ${packed.size} bytes (${packed.unpackedSize} unpacked)`);

  const synthesized: Record<string, Record<string, unknown>> = {};
  for (const f of FLAVOURS) {
    const app = path.join(work, `${f.name}-app`);
    fs.rmSync(app, { recursive: true, force: true });
    fs.mkdirSync(app);
    fs.writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: `${f.name}-app`, private: true }),
    );
    run('npm', ['install', '--no-audit', '--no-fund', tarball, ...f.packages], app);
    const modules = path.join(app, 'node_modules');
    const leaked = f.absent.filter((p) => fs.existsSync(path.join(modules, p)));
    if (leaked.length > 0) throw new Error(`${f.name} app: node_modules has ${leaked.join(', ')}`);
    const versions = ['cdktf', 'cdktn', 'constructs', '@cdktf/provider-aws', '@cdktn/provider-aws']
      .filter((p) => fs.existsSync(path.join(modules, p, 'package.json')))
      .map(
        (p) => `${p}@${JSON.parse(fs.readFileSync(path.join(modules, p, 'package.json'), 'utf8')).version}`,
      );
    console.log(
      `${f.name} app: node_modules ${du(modules)} (${versions.join(', ')}; no ${f.absent.join(', ')})`,
    );

    fs.writeFileSync(path.join(app, 'main.ts'), program(f));
    for (const resolution of ['node10', 'node16']) {
      run(
        process.execPath,
        [
          TSC,
          '--strict',
          '--skipLibCheck',
          '--target',
          'ES2022',
          '--lib',
          'ES2022,DOM',
          '--module',
          resolution === 'node10' ? 'commonjs' : 'node16',
          '--moduleResolution',
          resolution,
          '--outDir',
          'out',
          'main.ts',
        ],
        app,
      );
    }
    const outdir = path.join(app, 'cdktf.out');
    console.log(
      `${f.name} app: ${run(process.execPath, ['out/main.js', outdir], app).trim()} (type-checked with node10 and node16 resolution)`,
    );
    synthesized[f.name] = JSON.parse(
      fs.readFileSync(path.join(outdir, 'stacks', 'irsa', 'cdk.tf.json'), 'utf8'),
    );
    if (f.name === 'cdktn') {
      const stackDir = path.join(outdir, 'stacks', 'role-only');
      initAndValidate(stackDir);
      const roles = [...plannedResources(planJson(stackDir), 'aws_iam_role').values()];
      if (roles.length !== 1 || roles[0].name !== 's3-reader')
        throw new Error('cdktn role-only plan: no s3-reader role');
      console.log(`cdktn app: role-only stack validated and planned offline: aws_iam_role.${roles[0].name}`);
    }
  }

  // The constructs' output (resources, providers' settings, the Kubernetes provider requirement) must be the
  // same; the rest is the app's: the core's "//" metadata, the state path, the AWS provider package's pin.
  const constructsPart = (json: Record<string, unknown>) => {
    const terraform = json.terraform as { required_providers: Record<string, unknown> };
    return JSON.stringify({
      resource: json.resource,
      data: json.data,
      provider: json.provider,
      kubernetes: terraform.required_providers.kubernetes,
    });
  };
  if (constructsPart(synthesized.cdktf) !== constructsPart(synthesized.cdktn)) {
    throw new Error(
      `the two cdk.tf.json differ:\n${constructsPart(synthesized.cdktf)}\n${constructsPart(synthesized.cdktn)}`,
    );
  }
  const types = Object.keys((synthesized.cdktn.resource ?? {}) as object).sort();
  console.log(
    `same resources and providers on both cores (${types.join(', ')}); the apps' own parts differ:`,
  );
  for (const f of FLAVOURS) {
    const json = synthesized[f.name];
    const terraform = json.terraform as { required_providers: Record<string, unknown> };
    console.log(
      `  ${f.name}: "//" ${JSON.stringify(json['//'])}, aws ${JSON.stringify(terraform.required_providers.aws)}`,
    );
  }
}

main();
