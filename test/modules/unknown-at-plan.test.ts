/**
 * The modules as users call them, planned offline with the real AWS provider, with inputs that Terraform
 * knows only after apply: an aws_iam_policy_document that refers to a bucket created in the same run, the
 * ARN of an OIDC provider or policy created in the same run, another module's role_arn. No `count` or
 * `for_each` may depend on such a value ("Invalid count argument"), so every input but `create` and
 * `create_role` (documented as must-be-known) is given one here. Also: `create = false` turns the role
 * module off whatever else is passed; checks run at plan on the known part of a value (the fixed start of
 * a template) and move to apply otherwise; the `*` wildcard warning has the constructs' wording.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROLE_MODULE, SERVICE_ACCOUNT_MODULE } from '../../src/modules';
import { roleModuleVariables, serviceAccountModuleVariables } from '../../src/modules/variables';
import { OIDC_PROVIDER_ARN_MISTAKES, RULES, wildcardSubjectWarning } from '../../src/validation/rules';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  TerraformPlan,
  planJson,
  terraform,
  terraformOk,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { copyModules, planErrors, withoutKubernetes } from './support';

const ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

/**
 * Resources whose attributes are unknown until apply, and expressions of every input type built from them.
 * aws_iam_openid_connect_provider, aws_iam_policy and aws_s3_bucket plan offline (no API call at plan).
 */
const UPSTREAM = `${OFFLINE_AWS_PROVIDER_HCL}
resource "terraform_data" "later" {
  input = "x"
}

resource "aws_iam_openid_connect_provider" "cluster" {
  url             = "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
}

resource "aws_iam_openid_connect_provider" "other" {
  url             = "https://oidc.eks.eu-west-1.amazonaws.com/id/5EC0ADC1057E40000000000000000000"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
}

resource "aws_s3_bucket" "data" {
  bucket_prefix = "irsa-test-"
}

data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.data.arn}/*"]
  }
}

resource "aws_iam_policy" "extra" {
  name_prefix = "irsa-test-"
  policy      = data.aws_iam_policy_document.reader.json
}

locals {
  # Known only after apply, of each input type.
  later_string = substr(terraform_data.later.id, 0, 8)
  later_bool   = terraform_data.later.id != ""
  later_number = length(terraform_data.later.id) * 0 + 3600
}
`;

/** Role-module inputs, each known only after apply (the keys of maps stay static, as documented). */
const ROLE_INPUTS: Record<string, string> = {
  oidc_providers: `{
    main  = { provider_arn = aws_iam_openid_connect_provider.cluster.arn, namespace_service_accounts = ["apps:\${local.later_string}"] }
    other = { provider_arn = aws_iam_openid_connect_provider.other.arn, namespace_service_accounts = ["apps:api"] }
  }`,
  allow_wildcard_subjects: 'local.later_bool',
  audience: 'local.later_string',
  role_name: '"app-${local.later_string}"',
  role_path: '"/${local.later_string}/"',
  description: '"created by ${local.later_string}"',
  max_session_duration: 'local.later_number',
  permissions_boundary: 'aws_iam_policy.extra.arn',
  force_detach_policies: 'local.later_bool',
  tags: '{ run = local.later_string }',
  trust_policy_max_length: 'local.later_number',
  policy_arns: '{ extra = aws_iam_policy.extra.arn }',
  inline_policies: '{ reader = data.aws_iam_policy_document.reader.json }',
  // Add-ons by name (static keys), with scoping inputs known only after apply.
  addons:
    '{ aws_load_balancer_controller = {}, external_dns = { hosted_zone_ids = [upper(local.later_string)] }, velero = { bucket_arns = ["arn:aws:s3:::b-${local.later_string}"] } }',
  addon_policy_names: '{ velero = "velero-${local.later_string}" }',
  // Statements as HCL objects and documents merged into one inline policy (the list lengths stay static).
  policy_statements:
    '[{ sid = "Later", actions = ["s3:PutObject"], resources = ["arn:aws:s3:::${local.later_string}/*"] }]',
  source_policy_documents: '[data.aws_iam_policy_document.reader.json]',
  override_policy_documents: '[data.aws_iam_policy_document.reader.json]',
  policy_name: '"p-${local.later_string}"',
  policy_path: '"/${local.later_string}/"',
  policy_description: '"for ${local.later_string}"',
};

/** Inputs that decide what is created, so must be known at plan time (their descriptions say so). */
const STATIC_INPUTS = [
  'create',
  'create_role',
  'override_existing_service_account',
  'create_policy',
  'create_namespace',
];
/** role_name_prefix conflicts with role_name: the role module gets role_name, the service account the prefix. */
const PREFIX = { role_name_prefix: '"app-${local.later_string}"' };

function moduleBlock(name: string, source: string, inputs: Record<string, string>): string {
  const lines = Object.entries(inputs).map(([key, value]) => `  ${key} = ${value}`);
  return `module "${name}" {\n  source = "${source}"\n${lines.join('\n')}\n}\n`;
}

function planned(plan: TerraformPlan, moduleAddress: string): string[] {
  return (plan.resource_changes ?? [])
    .filter((rc) => rc.module_address === moduleAddress)
    .map((rc) => `${rc.address.slice(moduleAddress.length + 1)} ${rc.change.actions.join(',')}`)
    .sort();
}

/** Warnings of a plan (-json), by summary and detail. */
function planWarnings(dir: string): { summary: string; detail: string }[] {
  const result = terraform(dir, ['plan', '-json', '-input=false', '-no-color', '-lock=false']);
  expect(result.status).toBe(0);
  return result.stdout
    .split('\n')
    .filter((line) => line.includes('"diagnostic"'))
    .map((line) => JSON.parse(line).diagnostic as { severity: string; summary: string; detail: string })
    .filter((d) => d.severity === 'warning');
}

describeUnless(terraformUnavailableReason(['hashicorp/aws']), 'modules with values known only after apply', () => {
  let root: string;
  let modules: string;

  beforeAll(() => {
    const copy = copyModules('irsa-modules-unknown-');
    root = copy.root;
    modules = copy.modules;
    // The service-account module without its Kubernetes resources: only the AWS provider is installable
    // here. Its Kubernetes counts are covered by its terraform test files (tests/), where it can run.
    withoutKubernetes(path.join(modules, SERVICE_ACCOUNT_MODULE));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A fresh root configuration next to modules/. */
  function rootDir(name: string, body: string): string {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'main.tf'), `${UPSTREAM}\n${body}`);
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    return dir;
  }

  test('every role-module input but the static ones is given a value known only after apply', () => {
    const inputs = roleModuleVariables().map((v) => v.name);
    expect([...Object.keys(ROLE_INPUTS), 'role_name_prefix', ...STATIC_INPUTS.filter((i) => inputs.includes(i))].sort()).toEqual(
      [...inputs].sort(),
    );
  });

  test('role module: plans with every input known only after apply (inline policy from an aws_iam_policy_document on a new bucket)', () => {
    const dir = rootDir('role', moduleBlock('role', `../modules/${ROLE_MODULE}`, ROLE_INPUTS));
    const plan = planJson(dir);
    expect(planned(plan, 'module.role')).toEqual([
      'aws_iam_role.this[0] create',
      'aws_iam_role_policy.addons["aws_load_balancer_controller"] create',
      'aws_iam_role_policy.addons["external_dns"] create',
      'aws_iam_role_policy.addons["velero"] create',
      'aws_iam_role_policy.statements[0] create',
      'aws_iam_role_policy.this["reader"] create',
      'aws_iam_role_policy_attachment.this["extra"] create',
    ]);
  });

  test('service-account module: attach_role_arn = module.other.role_arn with create_role = false, and every other input known only after apply', () => {
    const source = `../modules/${SERVICE_ACCOUNT_MODULE}`;
    const created: Record<string, string> = {
      name: 'local.later_string',
      namespace: 'local.later_string',
      labels: '{ team = local.later_string }',
      annotations: '{ "example.com/owner" = local.later_string }',
      automount_service_account_token: 'local.later_bool',
      sts_regional_endpoints: 'local.later_bool',
      oidc_provider_arn: 'aws_iam_openid_connect_provider.cluster.arn',
      additional_oidc_provider_arns: '[aws_iam_openid_connect_provider.other.arn]',
      audience: 'local.later_string',
      ...Object.fromEntries(
        Object.entries(ROLE_INPUTS).filter(
          ([key]) => !['oidc_providers', 'allow_wildcard_subjects', 'role_name'].includes(key),
        ),
      ),
      ...PREFIX,
    };
    const inputs = serviceAccountModuleVariables().map((v) => v.name);
    const given = [...Object.keys(created), 'role_name', 'attach_role_arn', ...STATIC_INPUTS];
    expect(inputs.filter((i) => !given.includes(i))).toEqual([]);
    const dir = rootDir(
      'service-account',
      moduleBlock('api', source, created) +
        moduleBlock('api_elsewhere', source, {
          name: 'local.later_string',
          create_role: 'false',
          attach_role_arn: 'module.api.role_arn',
        }),
    );
    const plan = planJson(dir);
    expect(planned(plan, 'module.api.module.role')).toEqual([
      'aws_iam_role.this[0] create',
      'aws_iam_role_policy.addons["aws_load_balancer_controller"] create',
      'aws_iam_role_policy.addons["external_dns"] create',
      'aws_iam_role_policy.addons["velero"] create',
      'aws_iam_role_policy.statements[0] create',
      'aws_iam_role_policy.this["reader"] create',
      'aws_iam_role_policy_attachment.this["extra"] create',
    ]);
    expect(planned(plan, 'module.api_elsewhere.module.role')).toEqual([]);
  });

  describe('create = false turns the role module off, whatever else is passed', () => {
    const cases: Record<string, string> = {
      empty: 'oidc_providers = {}',
      null: 'oidc_providers = null',
      null_arn: 'oidc_providers = { main = { provider_arn = null, namespace_service_accounts = ["apps:api"] } }',
      // What a disabled upstream module outputs: null ARNs, and values known only after apply.
      upstream_off: `oidc_providers = { main = { provider_arn = one(aws_iam_openid_connect_provider.cluster[*].arn), namespace_service_accounts = null } }
  inline_policies = { reader = data.aws_iam_policy_document.reader.json }
  role_name = "a b"
  role_name_prefix = "also-given"
  policy_arns = { bad = "ReadOnlyAccess" }`,
    };
    let plan: TerraformPlan;

    beforeAll(() => {
      const calls = Object.entries(cases).map(
        ([name, inputs]) =>
          `module "${name}" {\n  source = "../modules/${ROLE_MODULE}"\n  create = false\n  ${inputs}\n}\noutput "${name}" {\n  value = module.${name}\n}\n`,
      );
      plan = planJson(rootDir('create-false', calls.join('\n')));
    });

    test.each(Object.keys(cases))('%s: no resources, every output null, no validation error', (name) => {
      expect(planned(plan, `module.${name}`)).toEqual([]);
      const outputs = plan.output_changes as Record<string, { after: Record<string, unknown> }>;
      expect(outputs[name].after).toEqual({
        policy: null,
        policy_arn: null,
        policy_name: null,
        role_arn: null,
        role_name: null,
        role_path: null,
        role_unique_id: null,
        trust_policy_json: null,
      });
    });
  });

  describe('checks on values known only after apply', () => {
    const block = (name: string, arn: string) =>
      `module "${name}" {\n  source = "../modules/${ROLE_MODULE}"\n  oidc_providers = {\n    known = { provider_arn = "${ARN}", namespace_service_accounts = ["apps:api"] }\n    main = { provider_arn = ${arn}, namespace_service_accounts = ["apps:api"] }\n  }\n}\n`;

    test('an issuer URL template ("https://${...}") is rejected at plan, though the rest of it is unknown', () => {
      const dir = path.join(root, 'issuer-template');
      fs.mkdirSync(dir);
      const errors = planErrors(
        dir,
        `${UPSTREAM}\n${block('issuer', '"https://oidc.eks.us-east-1.amazonaws.com/id/${local.later_string}"')}`,
      );
      expect(errors).toEqual([
        `oidc_providers provider_arn "https://…" is invalid: it must be ${RULES.oidcProviderArn.allowed}; ${OIDC_PROVIDER_ARN_MISTAKES[0].why}.`,
      ]);
    });

    test('an EKS cluster ARN template is rejected at plan, though its account is unknown', () => {
      const dir = path.join(root, 'cluster-template');
      fs.mkdirSync(dir);
      const errors = planErrors(dir, `${UPSTREAM}\n${block('cluster', '"arn:aws:eks:us-east-1:${local.later_string}:cluster/blue"')}`);
      expect(errors).toEqual([
        `oidc_providers provider_arn "arn:<partition>:eks:…" is invalid: it must be ${RULES.oidcProviderArn.allowed}; ${OIDC_PROVIDER_ARN_MISTAKES[1].why}.`,
      ]);
    });

    test('format() of known inputs is checked at plan like a literal (the issuer part keeps "https://")', () => {
      const dir = path.join(root, 'format-known');
      fs.mkdirSync(dir);
      const bad = `arn:aws:iam::111122223333:oidc-provider/https://oidc.eks.us-east-1.amazonaws.com/id/X`;
      const errors = planErrors(
        dir,
        `${UPSTREAM}\n${block('format', 'format("arn:aws:iam::%s:oidc-provider/%s", "111122223333", "https://oidc.eks.us-east-1.amazonaws.com/id/X")')}`,
      );
      expect(errors).toEqual([
        `oidc_providers["main"].provider_arn "${bad}" is invalid: it must be ${RULES.oidcProviderArn.allowed}.`,
      ]);
    });

    test('a value that is wholly unknown until apply plans: its checks move to apply (docs/modules.md lists them)', () => {
      const dir = rootDir('wholly-unknown', block('later', 'terraform_data.later.id'));
      expect(planned(planJson(dir), 'module.later')).toEqual(['aws_iam_role.this[0] create']);
    });
  });

  test('"*" as a namespace or name warns at plan with the constructs\' wording', () => {
    const dir = rootDir(
      'wildcard-warning',
      `module "wide" {
  source                  = "../modules/${ROLE_MODULE}"
  allow_wildcard_subjects = true
  oidc_providers = {
    main = { provider_arn = "${ARN}", namespace_service_accounts = ["apps:api", "*:*", "batch:*"] }
  }
}
`,
    );
    const property = (i: number) => `oidc_providers["main"].namespace_service_accounts[${i}]`;
    const warnings = planWarnings(dir).filter((w) => w.summary === 'Check block assertion failed');
    expect(warnings.map((w) => w.detail)).toEqual([
      [wildcardSubjectWarning(property(1), '*:*', '*', '*'), wildcardSubjectWarning(property(2), 'batch:*', 'batch', '*')].join(' '),
    ]);
  });
});
