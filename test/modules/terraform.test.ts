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
