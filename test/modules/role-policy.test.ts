/**
 * The role policy of the role modules under a real `terraform plan` (offline), in one root for the plans
 * that succeed and one for the errors:
 * - policy_statements, source_policy_documents and override_policy_documents merge exactly as
 *   aws_iam_policy_document merges the same inputs (compared statement by statement, normalized);
 * - create_policy puts them and the add-ons' statements into one aws_iam_policy attached to the role, named
 *   after the role by default, with policy_path and policy_description; nothing inline then;
 * - its count stays known when a statement's resources are known only after apply;
 * - the add-on inline policies take addon_policy_names; the Pod Identity module has the same options;
 * - every new error message, once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ADDONS, snakeCase } from '../../src/policy/addons';
import { POD_IDENTITY_MODULE, podIdentityModuleFiles } from '../../src/modules/pod-identity-module';
import { ROLE_MODULE } from '../../src/modules/role-module';
import { OFFLINE_AWS_PROVIDER_HCL, planJson, plannedResources, terraformOk, terraformUnavailableReason } from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { copyModules, expectMessages } from './support';

const PROVIDER_ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const OIDC = `{ main = { provider_arn = "${PROVIDER_ARN}", namespace_service_accounts = ["apps:app"] } }`;

/** The same statements as HCL objects (module) and as aws_iam_policy_document blocks. */
const STATEMENTS = `[
    { sid = "Read", actions = ["s3:GetObject", "s3:GetObjectVersion"], resources = ["arn:aws:s3:::b/*"], condition = [{ test = "StringEquals", variable = "aws:PrincipalOrgID", values = ["o-1"] }, { test = "StringLike", variable = "s3:prefix", values = ["a/*"] }] },
    { effect = "Deny", not_actions = ["s3:*"], not_resources = ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] },
    { sid = "Queue", actions = ["sqs:SendMessage"], resources = ["*"] },
  ]`;
const STATEMENT_BLOCKS = `
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["arn:aws:s3:::b/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-1"]
    }
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["a/*"]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["s3:*"]
    not_resources = ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]
  }
  statement {
    sid       = "Queue"
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }`;
const DOCUMENTS = `
  source_policy_documents   = [jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Read", Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::old" }, { Effect = "Allow", Action = ["kms:Decrypt"], Resource = "*" }] })]
  override_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Queue", Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "arn:aws:sqs:us-east-1:111122223333:q" }, { Sid = "New", Effect = "Allow", Action = "sns:Publish", Resource = "*" }] })]`;

const ROOT = `${OFFLINE_AWS_PROVIDER_HCL}
resource "terraform_data" "later" {
  input = "bucket"
}

data "aws_iam_policy_document" "expected" {
${DOCUMENTS}
${STATEMENT_BLOCKS}
}

module "inline" {
  source          = "./modules/${ROLE_MODULE}"
  role_name       = "inline"
  oidc_providers  = ${OIDC}
  policy_statements = ${STATEMENTS}
${DOCUMENTS}
  addons             = { external_dns = {}, cert_manager = {} }
  addon_policy_names = { external_dns = "dns" }
  inline_policies    = { mine = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] }) }
}

module "managed" {
  source             = "./modules/${ROLE_MODULE}"
  role_name          = "managed"
  role_path          = "/svc/"
  oidc_providers     = ${OIDC}
  create_policy      = true
  policy_description = "Everything the managed role may do."
  policy_statements  = ${STATEMENTS}
${DOCUMENTS}
  addons          = { external_dns = {} }
  inline_policies = { mine = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] }) }
}

module "unknown" {
  source            = "./modules/${ROLE_MODULE}"
  role_name         = "unknown"
  policy_name       = "unknown-policy"
  policy_path       = "/p/"
  oidc_providers    = ${OIDC}
  create_policy     = true
  policy_statements = [{ actions = ["s3:GetObject"], resources = ["arn:aws:s3:::\${terraform_data.later.output}/*"] }]
}

module "nothing" {
  source         = "./modules/${ROLE_MODULE}"
  role_name      = "nothing"
  oidc_providers = ${OIDC}
  create_policy  = true
}

module "pod" {
  source        = "./modules/${POD_IDENTITY_MODULE}"
  role_name     = "pod"
  associations  = { a = { cluster_name = "blue", namespace = "apps", service_account = "app" } }
  create_policy = true
  addons        = { cert_manager = {} }
  policy_statements = [{ actions = ["s3:GetObject"], resources = ["*"] }]
}

output "inline_policy" {
  value = module.inline.policy
}
output "inline_policy_name" {
  value = module.inline.policy_name
}
output "managed_role_path" {
  value = module.managed.role_path
}
output "managed_policy_name" {
  value = module.managed.policy_name
}
output "managed_policy" {
  value = module.managed.policy
}
output "expected" {
  value = data.aws_iam_policy_document.expected.json
}
output "nothing_policy" {
  value = module.nothing.policy
}
output "pod_role_path" {
  value = module.pod.role_path
}
output "pod_associations" {
  value = module.pod.associations
}
`;

type Statement = Record<string, unknown>;

/** A statement as IAM reads it: single values as lists, lists sorted, no empty Sid. */
function normalized(s: Statement): Statement {
  const list = (v: unknown) => (Array.isArray(v) ? [...v] : [v]).map(String).sort();
  const out: Statement = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === 'Sid' && value === '') continue;
    if (['Action', 'NotAction', 'Resource', 'NotResource'].includes(key)) out[key] = list(value);
    else if (key === 'Condition') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Record<string, unknown>>).map(([test, vars]) => [
          test,
          Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, list(v)])),
        ]),
      );
    } else out[key] = value;
  }
  return out;
}
const statements = (json: string) => (JSON.parse(json) as { Statement: Statement[] }).Statement.map(normalized);

describeUnless(terraformUnavailableReason(['hashicorp/aws']), 'role policy: policy_statements, documents, create_policy', () => {
  let root: string;
  beforeAll(() => {
    root = copyModules('irsa-role-policy-').root;
    // The Pod Identity module as rendered for the AWS provider 5 of the offline mirror.
    const pod = path.join(root, 'modules', POD_IDENTITY_MODULE);
    for (const [name, text] of Object.entries(podIdentityModuleFiles({ providerV6Arguments: false }))) {
      fs.mkdirSync(path.dirname(path.join(pod, name)), { recursive: true });
      fs.writeFileSync(path.join(pod, name), text);
    }
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('one plan: merge as aws_iam_policy_document, create_policy, names, unknown values, Pod Identity', () => {
    fs.writeFileSync(path.join(root, 'main.tf'), ROOT);
    terraformOk(root, ['init', '-input=false', '-no-color']);
    const plan = planJson(root);
    const outputs = (plan as unknown as { planned_values: { outputs: Record<string, { value?: unknown }> } })
      .planned_values.outputs;
    const value = (name: string) => outputs[name].value as string;

    // The merge is aws_iam_policy_document's, statement for statement and in its order.
    const expected = statements(value('expected'));
    expect(expected.map((s) => s.Sid ?? s.Effect)).toEqual(['Read', 'Allow', 'Deny', 'Queue', 'New']);
    expect(statements(value('inline_policy'))).toEqual(expected);
    expect(value('inline_policy_name')).toBe('irsa-permissions');

    const inlinePolicies = plannedResources(plan, 'aws_iam_role_policy');
    const names = (prefix: string) =>
      [...inlinePolicies].filter(([a]) => a.startsWith(prefix)).map(([, r]) => r.name).sort();
    expect(names('module.inline.')).toEqual(['dns', 'irsa-permissions', 'irsa-permissions-certManager', 'mine']);

    // create_policy: one managed policy (named after the role, on policy_path or role_path), attached;
    // only the user's own inline_policies stay inline.
    expect(names('module.managed.')).toEqual(['mine']);
    const policies = plannedResources(plan, 'aws_iam_policy');
    expect([...policies.keys()].sort()).toEqual([
      'module.managed.aws_iam_policy.this[0]',
      'module.pod.aws_iam_policy.this[0]',
      'module.unknown.aws_iam_policy.this[0]',
    ]);
    const managed = policies.get('module.managed.aws_iam_policy.this[0]')!;
    expect(managed).toMatchObject({ name: 'managed', path: '/svc/', description: 'Everything the managed role may do.' });
    const managedStatements = statements(managed.policy as string);
    expect(managedStatements.slice(0, expected.length)).toEqual(expected);
    // Then the add-on's statements, as its inline policy has them.
    expect(managedStatements.length).toBeGreaterThan(expected.length);
    expect(managedStatements.slice(expected.length).flatMap((s) => s.Action as string[])).toContain(
      'route53:ChangeResourceRecordSets',
    );
    expect(value('managed_policy')).toBe(managed.policy);
    expect(value('managed_role_path')).toBe('/svc/');
    expect(value('managed_policy_name')).toBe('managed');
    const attachments = plannedResources(plan, 'aws_iam_role_policy_attachment');
    expect([...attachments.keys()].filter((a) => a.endsWith('.policy[0]')).sort()).toEqual([
      'module.managed.aws_iam_role_policy_attachment.policy[0]',
      'module.pod.aws_iam_role_policy_attachment.policy[0]',
      'module.unknown.aws_iam_role_policy_attachment.policy[0]',
    ]);

    // A statement known only after apply still plans the policy (its count does not read it).
    expect(policies.get('module.unknown.aws_iam_policy.this[0]')).toMatchObject({ name: 'unknown-policy', path: '/p/' });
    // create_policy with nothing to put in it creates nothing.
    expect(names('module.nothing.')).toEqual([]);
    expect(outputs.nothing_policy.value ?? null).toBeNull();
    // The Pod Identity module: the add-on's statements in the managed policy, nothing inline.
    expect(names('module.pod.')).toEqual([]);
    expect(statements(policies.get('module.pod.aws_iam_policy.this[0]')!.policy as string)[0]).toEqual({
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: ['*'],
    });
    expect(value('pod_role_path')).toBe('/');
    // The associations output: the full association objects, by the caller's keys.
    const changes = (plan as unknown as { output_changes: Record<string, { after: unknown; after_unknown: unknown }> })
      .output_changes;
    expect(changes.pod_associations.after).toMatchObject({
      a: { cluster_name: 'blue', namespace: 'apps', service_account: 'app' },
    });
    expect(changes.pod_associations.after_unknown).toMatchObject({ a: { association_arn: true, role_arn: true } });
  });

  test('each bad input fails with its message', () => {
    const dir = path.join(root, 'errors');
    fs.mkdirSync(dir);
    fs.cpSync(path.join(root, 'modules'), path.join(dir, 'modules'), { recursive: true });
    const json = 'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })';
    const block = (name: string, body: string) =>
      `module "${name}" {\n  source = "./modules/${ROLE_MODULE}"\n  oidc_providers = ${OIDC}\n${body}\n}\n`;
    const keys = ADDONS.map((a) => snakeCase(a.key)).join(', ');
    const attributes = 'sid, effect, actions, not_actions, resources, not_resources, condition';
    const cases = [
      {
        name: 'addon_name_taken',
        body: `addons = { external_dns = {} }\n  inline_policies = { "irsa-permissions-externalDns" = ${json} }`,
        message:
          'addons.external_dns cannot be combined with the inline policy of the same name "irsa-permissions-externalDns" (an inline_policies key or policy_name): the add-on\'s inline policy has that name; rename yours or set addon_policy_names.external_dns.',
      },
      {
        name: 'addon_name_is_policy_name',
        body: 'addons = { cert_manager = {} }\n  addon_policy_names = { cert_manager = "mine" }\n  policy_name = "mine"\n  policy_statements = [{ actions = ["s3:GetObject"], resources = ["*"] }]',
        message:
          'addons.cert_manager cannot be combined with the inline policy of the same name "mine" (an inline_policies key or policy_name): the add-on\'s inline policy has that name; rename yours or set addon_policy_names.cert_manager.',
      },
      {
        name: 'policy_name_taken',
        body: `inline_policies = { irsa-permissions = ${json} }\n  policy_statements = [{ actions = ["s3:GetObject"], resources = ["*"] }]`,
        message:
          'policy_name "irsa-permissions" cannot be combined with the inline_policies key of the same name: the role\'s inline policy of policy_statements and the policy documents has that name; set policy_name to another name.',
      },
      {
        name: 'unknown_attribute',
        body: 'policy_statements = [{ actions = ["s3:GetObject"], resources = ["*"], principals = [] }]',
        message: `policy_statements[0].principals is not an attribute of a statement: the attributes are ${attributes}.`,
      },
      {
        name: 'not_a_list',
        body: 'policy_statements = { actions = ["s3:GetObject"] }',
        message: `policy_statements {"actions":["s3:GetObject"]} is invalid: it must be a list of statement objects with ${attributes}.`,
      },
      {
        name: 'effect',
        body: 'policy_statements = [{ effect = "allow", actions = ["s3:GetObject"], resources = ["*"] }]',
        message: 'policy_statements[0].effect "allow" is invalid: it must be "Allow" or "Deny" (left out: "Allow").',
      },
      {
        name: 'actions_and_not_actions',
        body: 'policy_statements = [{ actions = ["s3:GetObject"], not_actions = ["s3:PutObject"], resources = ["*"] }]',
        message:
          'policy_statements[0].actions ["s3:GetObject"] is invalid: it must be given, or not_actions given instead (exactly one of the two).',
      },
      {
        name: 'action_syntax',
        body: 'policy_statements = [{ actions = ["s3 GetObject"], resources = ["*"] }]',
        message: 'policy_statements[0].actions "s3 GetObject" is invalid: it must be "*" or "service:Action" (wildcards allowed).',
      },
      {
        name: 'no_resources',
        body: 'policy_statements = [{ actions = ["s3:GetObject"] }]',
        message:
          'policy_statements[0].resources null is invalid: it must be given, or not_resources given instead (exactly one of the two; identity policies need one).',
      },
      {
        name: 'condition',
        body: 'policy_statements = [{ actions = ["s3:GetObject"], resources = ["*"], condition = [{ test = "StringEquals", key = "aws:PrincipalOrgID", values = ["o-1"] }] }]',
        message:
          'policy_statements[0].condition[0] {"key":"aws:PrincipalOrgID","test":"StringEquals","values":["o-1"]} is invalid: it must be an object with exactly test, variable and values (a list of strings), as aws_iam_policy_document\'s condition blocks.',
      },
      {
        name: 'duplicate_sid',
        body: 'policy_statements = [{ sid = "A", actions = ["s3:GetObject"], resources = ["*"] }, { sid = "A", actions = ["s3:PutObject"], resources = ["*"] }]',
        message:
          'policy_statements sid "A" is invalid: it must be unique among policy_statements (aws_iam_policy_document refuses a duplicate Sid).',
      },
      {
        name: 'source_not_json',
        body: 'source_policy_documents = ["nope"]',
        message:
          'source_policy_documents[0] "nope" is invalid: it must be an IAM policy document as JSON text (this is not valid JSON).',
      },
      {
        name: 'override_principal',
        body: 'override_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }] })]',
        message:
          'override_policy_documents[0].Statement[0].Principal "*" is invalid: it must be absent: a permissions policy applies to the role itself (who may assume it is the trust policy).',
      },
      {
        name: 'addon_policy_names_key',
        body: 'addon_policy_names = { externaldns = "dns" }',
        message: `addon_policy_names key "externaldns" is invalid: it must be an add-on key (${keys}).`,
      },
      {
        name: 'addon_policy_names_duplicate',
        body: 'addon_policy_names = { external_dns = "same", cert_manager = "same" }',
        message:
          'addon_policy_names "same" is invalid: it must be a map without duplicate names (two inline policies of one role cannot share a name).',
      },
    ];
    expectMessages(
      dir,
      OFFLINE_AWS_PROVIDER_HCL,
      cases.map((c) => ({ name: c.name, moduleBlock: block(c.name, c.body), message: c.message })),
    );
  });
});
