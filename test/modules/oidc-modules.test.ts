/**
 * modules/eks-oidc-provider and modules/eks-cluster-oidc: the generated files (hcl2json), then the real
 * Terraform CLI offline: init/validate of the modules and examples, their native `terraform test` files
 * (mock_provider, override_data), each validation message, real plans of the provider, of a cluster and its
 * provider in one configuration, and of the lookup feeding a for_each over 50 role-module instances.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { EKS_CLUSTER_OIDC_MODULE, EKS_OIDC_PROVIDER_MODULE, ROLE_MODULE, renderModules } from '../../src/modules';
import { render, HclLiteral } from '../../src/modules/hcl';
import {
  CLUSTER_OIDC_VALIDATION_CASES,
  OIDC_PROVIDER_VALIDATION_CASES,
  PARTITION_ISSUERS,
} from '../../src/modules/oidc-module-tests';
import {
  CLUSTER_OIDC_OUTPUTS,
  OIDC_PROVIDER_OUTPUTS,
  clusterOidcModuleVariables,
  oidcProviderModuleVariables,
} from '../../src/modules/oidc-modules';
import { OutputSpec } from '../../src/modules/files';
import type { VariableSpec } from '../../src/modules/files';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  initAndValidate,
  planJson,
  plannedResources,
  terraform,
  terraformOk,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { copyModules, expectMessages } from './support';

type Parsed = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MODULES: [string, () => VariableSpec[], OutputSpec[], string[]][] = [
  [EKS_OIDC_PROVIDER_MODULE, oidcProviderModuleVariables, OIDC_PROVIDER_OUTPUTS, ['existing-cluster', 'new-cluster']],
  [EKS_CLUSTER_OIDC_MODULE, clusterOidcModuleVariables, CLUSTER_OIDC_OUTPUTS, ['for-each', 'service-account']],
];

const EKS_ISSUER = PARTITION_ISSUERS[0].issuerUrl;

describe('generated files', () => {
  let rendered: Record<string, string>;
  const parsed = new Map<string, Parsed>();
  beforeAll(async () => {
    rendered = await renderModules();
    for (const [name, text] of Object.entries(rendered)) {
      if (/\.(tf|hcl)$/.test(name) && (name.startsWith(EKS_OIDC_PROVIDER_MODULE) || name.startsWith(EKS_CLUSTER_OIDC_MODULE))) {
        parsed.set(name, await parse(name, text));
      }
    }
  });

  test.each(MODULES)('%s: variables.tf matches the specs; README and outputs list everything', (module, specs, outputs, examples) => {
    const variables = parsed.get(`${module}/variables.tf`)!.variable as Record<string, Parsed[]>;
    expect(Object.keys(variables).sort()).toEqual(specs().map((s) => s.name).sort());
    for (const spec of specs()) {
      expect(variables[spec.name][0].description).toMatch(/https:\/\/\S+$/);
      expect((variables[spec.name][0].validation ?? []).length).toBe(spec.validations.length);
    }
    expect(Object.keys(parsed.get(`${module}/outputs.tf`)!.output).sort()).toEqual(outputs.map((o) => o.name).sort());
    const readme = rendered[`${module}/README.md`];
    for (const spec of specs()) expect(readme).toContain(`| \`${spec.name}\` |`);
    for (const output of outputs) expect(readme).toContain(`| \`${output.name}\` |`);
    for (const example of examples) {
      expect(rendered[`${module}/examples/${example}/main.tf`]).toBeDefined();
      expect(readme).toContain(`(examples/${example}/main.tf)`);
    }
    expect(readme).toContain('read no data sources on purpose');
  });

  test('the lookup module creates nothing; the provider module creates only the provider', () => {
    const lookup = parsed.get(`${EKS_CLUSTER_OIDC_MODULE}/main.tf`)!;
    expect(lookup.resource).toBeUndefined();
    expect(Object.keys(lookup.data).sort()).toEqual(['aws_caller_identity', 'aws_eks_cluster', 'aws_partition']);
    const provider = parsed.get(`${EKS_OIDC_PROVIDER_MODULE}/main.tf`)!;
    expect(Object.keys(provider.resource)).toEqual(['aws_iam_openid_connect_provider']);
    // thumbprint_list is optional only from AWS provider 5.81.0.
    expect(parsed.get(`${EKS_OIDC_PROVIDER_MODULE}/versions.tf`)!.terraform[0].required_providers[0].aws.version).toBe(
      '>= 5.81, < 7.0',
    );
  });
});

/** A module block; `later` defers the module's data-source reads to apply, so plan needs no AWS account. */
function moduleBlock(name: string, module: string, variables: Record<string, HclLiteral>, deferReads = true): string {
  const inputs = Object.entries(variables)
    .map(([k, v]) => `  ${k} = ${render(v)}`)
    .join('\n');
  return `module "${name}" {\n  source = "../modules/${module}"\n${inputs}\n${deferReads ? '  depends_on = [terraform_data.later]\n' : ''}}\n`;
}

const HEADER = `${OFFLINE_AWS_PROVIDER_HCL}
resource "terraform_data" "later" {}
`;

describeUnless(terraformUnavailableReason(['hashicorp/aws']), 'terraform: the OIDC modules (AWS provider)', () => {
  let root: string;
  let modules: string;
  beforeAll(() => {
    const copy = copyModules('irsa-oidc-modules-');
    root = copy.root;
    modules = copy.modules;
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test.each([
    [EKS_OIDC_PROVIDER_MODULE, 6 + OIDC_PROVIDER_VALIDATION_CASES.length],
    [EKS_CLUSTER_OIDC_MODULE, PARTITION_ISSUERS.length + 1 + CLUSTER_OIDC_VALIDATION_CASES.length],
  ])('%s: init, validate and terraform test (%i runs, mocked AWS)', (module, runs) => {
    const dir = path.join(modules, module);
    initAndValidate(dir);
    const result = terraform(dir, ['test', '-no-color']);
    const output = `${result.stdout}\n${result.stderr}`;
    expect({ status: result.status, output }).toEqual({ status: 0, output: expect.stringContaining(`Success! ${runs} passed, 0 failed.`) });
  });

  test.each([
    [EKS_OIDC_PROVIDER_MODULE, 'existing-cluster'],
    [EKS_OIDC_PROVIDER_MODULE, 'new-cluster'],
    [EKS_CLUSTER_OIDC_MODULE, 'for-each'],
  ])('%s: init and validate examples/%s', (module, example) => {
    initAndValidate(path.join(modules, module, 'examples', example));
  });

  test('each bad input fails with exactly the constructs’ wording', () => {
    const dir = path.join(root, 'messages');
    fs.mkdirSync(dir);
    expectMessages(dir, HEADER, [
      ...OIDC_PROVIDER_VALIDATION_CASES.map((c) => ({
        name: c.name,
        moduleBlock: moduleBlock(`provider_${c.name}`, EKS_OIDC_PROVIDER_MODULE, c.variables),
        message: c.message,
      })),
      ...CLUSTER_OIDC_VALIDATION_CASES.map((c) => ({
        name: c.name,
        moduleBlock: moduleBlock(`lookup_${c.name}`, EKS_CLUSTER_OIDC_MODULE, c.variables),
        message: c.message,
      })),
    ]);
  });

  test('plan: the provider for an issuer URL, with sts.amazonaws.com and no thumbprints; a non-EKS issuer warns', () => {
    const dir = path.join(root, 'provider-plan');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      `${HEADER}
${moduleBlock('eks', EKS_OIDC_PROVIDER_MODULE, { issuer_url: EKS_ISSUER, client_ids: ['vault'] }, false)}
${moduleBlock('other', EKS_OIDC_PROVIDER_MODULE, { issuer_url: 'https://issuer.example.com/k8s' }, false)}
${moduleBlock('off', EKS_OIDC_PROVIDER_MODULE, { create: false }, false)}
`,
    );
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    const plan = planJson(dir);
    const providers = plannedResources(plan, 'aws_iam_openid_connect_provider');
    expect([...providers.keys()].sort()).toEqual([
      'module.eks.aws_iam_openid_connect_provider.this[0]',
      'module.other.aws_iam_openid_connect_provider.this[0]',
    ]);
    const eks = providers.get('module.eks.aws_iam_openid_connect_provider.this[0]')!;
    expect(eks.url).toBe(EKS_ISSUER);
    expect(eks.client_id_list).toEqual(['sts.amazonaws.com', 'vault']);
    expect(eks.thumbprint_list).toBeUndefined(); // not sent: IAM picks it (and ignores it for EKS)
    const warnings = terraform(dir, ['plan', '-json', '-input=false', '-no-color', '-lock=false'])
      .stdout.split('\n')
      .filter((l) => l.includes('"diagnostic"'))
      .map((l) => JSON.parse(l).diagnostic as { severity: string; detail: string });
    expect(warnings.filter((d) => d.severity === 'warning').map((d) => d.detail)).toEqual([
      'issuer_url "https://issuer.example.com/k8s" does not look like an EKS issuer (an EKS issuer URL: https://oidc.eks.<region>.amazonaws.com/id/<32 hexadecimal digits>); the provider is created as given.',
    ]);
  });

  test('plan: a cluster and its provider in one configuration (issuer known only at apply), and a role trusting it', () => {
    const example = path.join(modules, EKS_OIDC_PROVIDER_MODULE, 'examples', 'new-cluster');
    fs.writeFileSync(
      path.join(example, 'provider_override.tf'),
      OFFLINE_AWS_PROVIDER_HCL.replace(/region\s+= "us-east-1"\n/, ''),
    );
    terraformOk(example, ['init', '-input=false', '-no-color']);
    const plan = planJson(example);
    const changes = plan.resource_changes ?? [];
    expect(changes.map((c) => `${c.address} ${c.change.actions.join(',')}`).sort()).toEqual([
      'aws_eks_cluster.this create',
      'module.external_dns.aws_iam_role.this[0] create',
      'module.external_dns.aws_iam_role_policy.addons["external_dns"] create',
      'module.oidc.aws_iam_openid_connect_provider.this[0] create',
    ]);
    const provider = changes.find((c) => c.type === 'aws_iam_openid_connect_provider')!;
    expect(provider.change.after_unknown).toMatchObject({ url: true, arn: true });
    expect(provider.change.after).toMatchObject({ client_id_list: ['sts.amazonaws.com'] });
  });

  test('plan: the lookup feeding a for_each over 50 role-module instances reads exactly one aws_eks_cluster', () => {
    const dir = path.join(root, 'for-each-50');
    fs.mkdirSync(dir);
    const accounts = Array.from({ length: 50 }, (_, i) => `apps:app-${i}`);
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      `${HEADER}
# The cluster is read at apply (depends_on), so this plan runs without an AWS account; the reads still appear in it.
module "cluster" {
  source       = "../modules/${EKS_CLUSTER_OIDC_MODULE}"
  cluster_name = "prod"
  depends_on   = [terraform_data.later]
}

module "irsa" {
  source   = "../modules/${ROLE_MODULE}"
  for_each = toset(${render(accounts)})

  role_name = replace(each.key, ":", "-")
  oidc_providers = {
    main = merge(module.cluster.oidc_provider, { namespace_service_accounts = [each.key] })
  }
}
`,
    );
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    const plan = planJson(dir);
    const reads = (plan.resource_changes ?? []).filter((c) => /(^|\.)data\./.test(c.address));
    expect(reads.map((c) => `${c.address} ${c.change.actions.join(',')}`).sort()).toEqual([
      'module.cluster.data.aws_caller_identity.current read',
      'module.cluster.data.aws_eks_cluster.this read',
      'module.cluster.data.aws_partition.current read',
    ]);
    expect(plannedResources(plan, 'aws_iam_role').size).toBe(50);
  });
});

describeUnless(
  terraformUnavailableReason(['hashicorp/aws', 'hashicorp/kubernetes']),
  'terraform: eks-cluster-oidc examples/service-account (AWS and Kubernetes providers)',
  () => {
    test('init and validate', () => {
      const copy = copyModules('irsa-oidc-k8s-');
      try {
        initAndValidate(path.join(copy.modules, EKS_CLUSTER_OIDC_MODULE, 'examples', 'service-account'));
      } finally {
        fs.rmSync(copy.root, { recursive: true, force: true });
      }
    });
  },
);
