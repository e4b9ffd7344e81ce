/**
 * The generated modules under the real Terraform CLI (offline, local provider mirror): fmt, init and
 * validate of the role module and its examples, its native `terraform test` files, the exact validation
 * messages, and a for_each plan over hundreds of instances.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROLE_MODULE, SERVICE_ACCOUNT_MODULE } from '../../src/modules';
import { MODULE_VALIDATION_CASES } from '../../src/modules/tests';
import { HclLiteral, render } from '../../src/modules/hcl';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  initAndValidate,
  planJson,
  plannedResources,
  terraform,
  terraformOk,
  terraformUnavailableReason,
  terraformVersion,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { MODULES_DIR, copyModules, expectMessages } from './support';

const EXAMPLES = ['basic', 'multi-cluster', 'role-only-helm', 'for-each'];

describeUnless(
  terraformVersion() === 'unavailable' ? 'the terraform CLI is not on PATH' : undefined,
  'terraform fmt of the generated modules',
  () => {
  test('terraform fmt -check -recursive modules is clean (both modules, examples and tests)', () => {
    const result = terraform(MODULES_DIR, ['fmt', '-check', '-recursive', '-no-color']);
    expect({ status: result.status, unformatted: result.stdout }).toEqual({ status: 0, unformatted: '' });
  });
});

describeUnless(terraformUnavailableReason(['hashicorp/aws']), `terraform: ${ROLE_MODULE} (AWS provider)`, () => {
  let root: string;
  let moduleDir: string;

  beforeAll(() => {
    const copy = copyModules('irsa-modules-');
    root = copy.root;
    moduleDir = path.join(copy.modules, ROLE_MODULE);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test.each(EXAMPLES)('init and validate examples/%s', (example) => {
    initAndValidate(path.join(moduleDir, 'examples', example));
  });

  test('init, validate, and terraform test: trust policies equal buildTrustPolicy, attachments, inline policy, validations', () => {
    initAndValidate(moduleDir);
    const result = terraform(moduleDir, ['test', '-no-color']);
    const output = `${result.stdout}\n${result.stderr}`;
    expect({ status: result.status, output }).toEqual({ status: 0, output: expect.stringContaining('0 failed') });
    const passed = output.match(/Success! (\d+) passed, 0 failed/);
    expect(Number(passed?.[1])).toBe(6 + MODULE_VALIDATION_CASES.length);
  });

  test('each bad input fails with exactly the constructs’ wording', () => {
    // One module call per case, in as few plans as Terraform's validation stages allow.
    const dir = path.join(root, 'messages');
    fs.mkdirSync(dir);
    const source = `../modules/${ROLE_MODULE}`;
    const defaults: Record<string, HclLiteral> = {
      oidc_providers: {
        main: {
          provider_arn:
            'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
          namespace_service_accounts: ['default:app'],
        },
      },
    };
    const moduleBlock = (name: string, vars: Record<string, HclLiteral>) =>
      `module ${JSON.stringify(name)} {\n  source = ${JSON.stringify(source)}\n${Object.entries({ ...defaults, ...vars })
        .map(([k, v]) => `  ${k} = ${render(v)}`)
        .join('\n')}\n}\n`;
    expectMessages(
      dir,
      OFFLINE_AWS_PROVIDER_HCL,
      MODULE_VALIDATION_CASES.map((c) => ({ name: c.name, moduleBlock: moduleBlock(c.name, c.variables), message: c.message })),
    );
  });

  test('for_each over 300 service accounts plans quickly, with no data sources', () => {
    const example = path.join(moduleDir, 'examples', 'for-each');
    const accounts: Record<string, Record<string, string>> = {};
    for (let i = 0; i < 300; i++) {
      accounts[`team-${i % 30}:app-${i}`] = { read_only: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
    }
    fs.writeFileSync(path.join(example, 'terraform.tfvars.json'), JSON.stringify({ service_accounts: accounts }));
    // An override file makes the example's provider block work offline, as *_override.tf files merge in.
    fs.writeFileSync(path.join(example, 'provider_override.tf'), OFFLINE_AWS_PROVIDER_HCL.replace(/region\s+= "us-east-1"\n/, ''));
    terraformOk(example, ['init', '-input=false', '-no-color']);
    const started = Date.now();
    const plan = planJson(example);
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`for_each plan of 300 module instances (600 resources): ${seconds.toFixed(1)} s\n`);
    expect(plannedResources(plan, 'aws_iam_role').size).toBe(300);
    expect(plannedResources(plan, 'aws_iam_role_policy_attachment').size).toBe(300);
    expect((plan.resource_changes ?? []).filter((c) => c.address.includes('data.'))).toEqual([]);
    // Everything but the role's own computed attributes is known at plan time.
    const role = [...plannedResources(plan, 'aws_iam_role').values()][0];
    expect(typeof role.assume_role_policy).toBe('string');
    expect(seconds).toBeLessThan(120);
  });
});

describeUnless(
  terraformUnavailableReason(['hashicorp/aws', 'hashicorp/kubernetes']),
  `terraform: ${SERVICE_ACCOUNT_MODULE} (AWS and Kubernetes providers)`,
  () => {
    let root: string;
    let moduleDir: string;

    beforeAll(() => {
      const copy = copyModules('irsa-modules-k8s-');
      root = copy.root;
      moduleDir = path.join(copy.modules, SERVICE_ACCOUNT_MODULE);
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    test('init and validate the module', () => {
      initAndValidate(moduleDir);
    });

    test.each(EXAMPLES)('init and validate examples/%s', (example) => {
      initAndValidate(path.join(moduleDir, 'examples', example));
    });

    test('plan: a ServiceAccount annotated with the role, and an adopted one', () => {
      const dir = path.join(root, 'plan');
      fs.mkdirSync(dir);
      const arn =
        'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        `${OFFLINE_AWS_PROVIDER_HCL}
provider "kubernetes" {
  host     = "https://127.0.0.1:1"
  insecure = true
}

module "created" {
  source            = "../modules/${SERVICE_ACCOUNT_MODULE}"
  name              = "s3-reader"
  role_name         = "s3-reader"
  oidc_provider_arn = "${arn}"
  audience          = "example"
}

module "adopted" {
  source                            = "../modules/${SERVICE_ACCOUNT_MODULE}"
  name                              = "existing"
  namespace                         = "kube-system"
  oidc_provider_arn                 = "${arn}"
  attach_role_arn                   = "arn:aws:iam::111122223333:role/existing"
  override_existing_service_account = true
  labels                            = { team = "platform" }
}
`,
      );
      terraformOk(dir, ['init', '-input=false', '-no-color']);
      const plan = planJson(dir);
      const sa = [...plannedResources(plan, 'kubernetes_service_account_v1').values()];
      expect(sa).toHaveLength(1);
      expect(sa[0]).toMatchObject({
        metadata: [{ name: 's3-reader', namespace: 'default', annotations: { 'eks.amazonaws.com/audience': 'example' } }],
      });
      const adopted = [...plannedResources(plan, 'kubernetes_annotations').values()];
      expect(adopted[0]).toMatchObject({
        force: true,
        annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/existing' },
      });
      expect(plannedResources(plan, 'kubernetes_labels').size).toBe(1);
      expect(plannedResources(plan, 'aws_iam_role').size).toBe(1);
    });
  },
);
