/**
 * The generated modules under the real Terraform CLI (offline, local provider mirror): fmt, init and
 * validate of the role module and its examples, and its native `terraform test` files. Validation messages
 * and the for_each scale plan are in terraform-plan.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROLE_MODULE, SERVICE_ACCOUNT_MODULE } from '../../src/modules';
import { MODULE_VALIDATION_CASES } from '../../src/modules/tests';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  initAndValidate,
  planJson,
  plannedResources,
  terraform,
  terraformOk,
  terraformUnavailableReason,
  terraformCliUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { writtenUpstreamBlocks } from '../support/upstream-examples';
import { MODULES_DIR, copyModules } from './support';

const EXAMPLES = ['basic', 'multi-cluster', 'role-only-helm', 'for-each'];

describeUnless(
  terraformCliUnavailableReason(),
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

  // cross-account (docs/cross-account.md) only in the role module: two AWS providers, no Kubernetes one.
  test.each([...EXAMPLES, 'cross-account', 'managed-policy'])('init and validate examples/%s', (example) => {
    initAndValidate(path.join(moduleDir, 'examples', example));
  });

  test('init, validate, and terraform test: trust policies equal buildTrustPolicy, attachments, inline policy, validations', () => {
    initAndValidate(moduleDir);
    const result = terraform(moduleDir, ['test', '-no-color']);
    const output = `${result.stdout}\n${result.stderr}`;
    expect({ status: result.status, output }).toEqual({ status: 0, output: expect.stringContaining('0 failed') });
    const passed = output.match(/Success! (\d+) passed, 0 failed/);
    const runs = (file: string) =>
      (fs.readFileSync(path.join(moduleDir, 'tests', file), 'utf8').match(/^run "/gm) ?? []).length;
    expect(runs('validation.tftest.hcl')).toBe(MODULE_VALIDATION_CASES.length);
    const files = fs.readdirSync(path.join(moduleDir, 'tests')).filter((f) => f.endsWith('.tftest.hcl'));
    expect(files.sort()).toEqual(['trust_policy.tftest.hcl', 'unknown_values.tftest.hcl', 'validation.tftest.hcl']);
    expect(Number(passed?.[1])).toBe(files.reduce((sum, file) => sum + runs(file), 0));
  });

  test('examples/terraform-aws-modules (upstream’s example, block by block) plans offline: each block the guide marks written creates its role', () => {
    const dir = path.join(moduleDir, 'examples', 'terraform-aws-modules');
    fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_AWS_PROVIDER_HCL);
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    const plan = planJson(dir, ['-refresh=false']);
    const actions = new Set((plan.resource_changes ?? []).map((rc) => rc.change.actions.join(',')));
    expect([...actions]).toEqual(['create']);
    const roles = [...plannedResources(plan, 'aws_iam_role').keys()].map((a) => a.split('.')[1]).sort();
    expect(roles).toEqual(writtenUpstreamBlocks('iam-role-for-service-accounts').filter((b) => b !== 'disabled'));
  });

  test(`${SERVICE_ACCOUNT_MODULE}/examples/role-only-helm needs only the AWS provider: it calls the role module`, () => {
    // A role-only caller must not need the Kubernetes provider, which init installs for any module that
    // requires it, even when none of its resources is planned.
    const example = path.join(path.dirname(moduleDir), SERVICE_ACCOUNT_MODULE, 'examples', 'role-only-helm');
    initAndValidate(example);
    const lock = fs.readFileSync(path.join(example, '.terraform.lock.hcl'), 'utf8');
    expect(lock).toContain('registry.terraform.io/hashicorp/aws');
    expect(lock).not.toContain('kubernetes');
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

    test('init, validate, and terraform test: ServiceAccount, adoption, attached roles, values known only after apply', () => {
      initAndValidate(moduleDir);
      const result = terraform(moduleDir, ['test', '-no-color']);
      const output = `${result.stdout}\n${result.stderr}`;
      expect({ status: result.status, output }).toEqual({ status: 0, output: expect.stringContaining('0 failed') });
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
  create_role                       = false
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
