/**
 * `managedPolicy` (one customer-managed policy instead of inline policies), `addonPolicyNames` and the
 * role outputs: what is synthesized, one test per error message, and a real offline `terraform plan`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformOutput, TerraformVariable, Token } from 'cdktf';
import {
  IamServiceAccount,
  IamServiceAccountProps,
  IrsaRole,
  IrsaRoleProps,
  PolicyDocument,
  PolicyStatement,
  QUOTAS,
} from '../../src';
import {
  initAndValidate,
  planJson,
  plannedResources,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { offlineStack, provider1, resourcesOf, roleProps, synthJson, testStack } from '../support/stacks';

const POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
};
const KARPENTER = {
  clusterName: 'main',
  region: 'us-east-1',
  accountId: '111122223333',
  nodeRoleArns: ['arn:aws:iam::111122223333:role/node'],
};

function synthRole(extra: Partial<IrsaRoleProps>) {
  const { stack } = testStack();
  const role = new IrsaRole(stack, 'role', roleProps(extra));
  return { role, json: synthJson(stack) };
}

function expectRoleError(extra: Record<string, unknown>, message: string) {
  const { stack } = testStack();
  expect(() => new IrsaRole(stack, 'role', roleProps(extra))).toThrow(`test/role: ${message}`);
  expect(stack.node.children.length).toBe(0);
}

const statements = (json: string): PolicyStatement[] => (JSON.parse(json) as PolicyDocument).Statement;

describe('managedPolicy', () => {
  test('inline stays the default: one inline policy each, policy and policyName of inlinePolicy', () => {
    const { role, json } = synthRole({ inlinePolicy: POLICY, wellKnownPolicies: { certManager: true } });
    const ids = Object.keys(json.resource?.aws_iam_role_policy ?? {}).sort();
    expect(ids).toEqual([
      expect.stringMatching(/^role_addon-certManager_/),
      expect.stringMatching(/^role_inline-policy_/),
    ]);
    expect(json.resource?.aws_iam_policy).toBeUndefined();
    expect(role.policyArn).toBeUndefined();
    expect(role.managedPolicy).toBeUndefined();
    expect(role.policyName).toBe('irsa-permissions');
    expect(role.policy).toBe(JSON.stringify(POLICY));
  });

  test('true: inlinePolicy and the add-ons’ statements in one aws_iam_policy attached to the role', () => {
    const { role, json } = synthRole({
      roleName: 'app',
      rolePath: '/irsa/',
      tags: { team: 'platform' },
      inlinePolicy: POLICY,
      wellKnownPolicies: { certManager: true, externalDns: true },
      managedPolicy: true,
    });
    expect(json.resource?.aws_iam_role_policy).toBeUndefined();
    const [policy] = resourcesOf(json, 'aws_iam_policy');
    expect(String(policy.name)).toMatch(/^\$\{aws_iam_role\.role_[0-9A-F]{8}\.name\}$/);
    expect(policy.path).toBe('/irsa/');
    expect(policy.tags).toEqual({ team: 'platform' });
    const merged = statements(policy.policy as string);
    expect(merged[0]).toEqual(POLICY.Statement[0]);
    // The add-ons follow in catalog order, each exactly as its inline policy would hold it.
    const inline = synthRole({ wellKnownPolicies: { certManager: true, externalDns: true } }).json;
    const addonStatements = resourcesOf(inline, 'aws_iam_role_policy').flatMap((p) =>
      statements(p.policy as string),
    );
    expect(merged.slice(1)).toHaveLength(addonStatements.length);
    expect(merged.slice(1)).toEqual(expect.arrayContaining(addonStatements));
    const attachments = json.resource?.aws_iam_role_policy_attachment ?? {};
    const [id] = Object.keys(attachments);
    expect(id).toMatch(/^role_managed-policy-attachment_/);
    expect(attachments[id].policy_arn).toMatch(
      /^\$\{aws_iam_policy\.role_managed-policy_[0-9A-F]{8}\.arn\}$/,
    );
    expect(role.policy).toBe(policy.policy);
    expect(Token.isUnresolved(role.policyArn)).toBe(true);
    expect(Token.isUnresolved(role.policyName)).toBe(true);
  });

  test('options: name, path and description', () => {
    const { json } = synthRole({
      inlinePolicy: POLICY,
      managedPolicy: { name: 'app-permissions', path: '/policies/', description: 'App permissions' },
    });
    expect(resourcesOf(json, 'aws_iam_policy')[0]).toMatchObject({
      name: 'app-permissions',
      path: '/policies/',
      description: 'App permissions',
    });
  });

  test('switching inline ↔ managed keeps the role’s address and configuration', () => {
    const props = { roleName: 'app', inlinePolicy: POLICY, wellKnownPolicies: { certManager: true } };
    const inline = synthRole(props).json.resource?.aws_iam_role;
    const managed = synthRole({ ...props, managedPolicy: { name: 'x' } }).json.resource?.aws_iam_role;
    expect(managed).toEqual(inline);
  });

  test('an inlinePolicy known only at apply: Terraform appends the add-ons’ statements', () => {
    const { stack } = testStack();
    const doc = new TerraformVariable(stack, 'doc', { type: 'string' });
    new IrsaRole(
      stack,
      'role',
      roleProps({
        inlinePolicy: doc.stringValue,
        managedPolicy: true,
        wellKnownPolicies: { certManager: true },
      }),
    );
    const [policy] = resourcesOf(synthJson(stack), 'aws_iam_policy');
    expect(policy.policy).toContain('jsondecode(var.doc)');
    expect(policy.policy).toMatch(/^\$\{jsonencode\(/);
    const { stack: alone } = testStack();
    const only = new TerraformVariable(alone, 'doc', { type: 'string' });
    new IrsaRole(alone, 'role', roleProps({ inlinePolicy: only.stringValue, managedPolicy: true }));
    expect(resourcesOf(synthJson(alone), 'aws_iam_policy')[0].policy).toBe('${var.doc}');
  });

  test('the managed policy’s attachment counts toward the attachment quota of attachPolicy', () => {
    const { stack } = testStack();
    const arns = Array.from(
      { length: QUOTAS.attachedPoliciesMax - 1 },
      (_, i) => `arn:aws:iam::111122223333:policy/P${i}`,
    );
    const role = new IrsaRole(
      stack,
      'role',
      roleProps({ attachPolicyArns: arns, inlinePolicy: POLICY, managedPolicy: true }),
    );
    expect(() => role.attachPolicy('arn:aws:iam::111122223333:policy/Last')).toThrow(
      `the role already has ${QUOTAS.attachedPoliciesMax} managed policies`,
    );
  });
});

describe('addonPolicyNames and outputs', () => {
  test('renames an add-on’s inline policy; its address stays', () => {
    const named = synthRole({
      wellKnownPolicies: { certManager: true, externalDns: true },
      addonPolicyNames: { externalDns: 'external-dns' },
    }).json;
    const plain = synthRole({ wellKnownPolicies: { certManager: true, externalDns: true } }).json;
    const names = (json: typeof named) =>
      Object.fromEntries(
        Object.entries(json.resource?.aws_iam_role_policy ?? {}).map(([k, v]) => [k, v.name]),
      );
    expect(Object.keys(names(named))).toEqual(Object.keys(names(plain)));
    expect(Object.values(names(named)).sort()).toEqual(['external-dns', 'irsa-permissions-certManager']);
  });

  test('IamServiceAccount exposes roleUniqueId and rolePath; undefined with attachRoleArn', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      name: 'app',
      roleOnly: true,
      inlinePolicy: POLICY,
      managedPolicy: true,
    });
    expect(Token.isUnresolved(sa.roleUniqueId)).toBe(true);
    expect(Token.isUnresolved(sa.rolePath)).toBe(true);
    expect(Token.isUnresolved(sa.policyArn)).toBe(true);
    const attached = new IamServiceAccount(stack, 'attached', {
      oidcProvider: provider1(),
      name: 'other',
      roleOnly: false,
      attachRoleArn: 'arn:aws:iam::111122223333:role/existing',
    } as IamServiceAccountProps);
    expect([attached.roleUniqueId, attached.rolePath, attached.policyArn, attached.policy]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const { role } = synthRole({ inlinePolicy: POLICY });
    expect(Token.isUnresolved(role.rolePath)).toBe(true);
  });

  test('roleUniqueId and rolePath are read on first use: one token each, referencing the role', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      name: 'app',
      roleOnly: true,
      inlinePolicy: POLICY,
    });
    const role = new IrsaRole(stack, 'role', roleProps({ inlinePolicy: POLICY }));
    for (const c of [sa, role]) {
      expect(c.roleUniqueId).toBe(c.roleUniqueId);
      expect(c.rolePath).toBe(c.rolePath);
      expect(c.roleUniqueId).not.toBe(c.rolePath);
    }
    new TerraformOutput(stack, 'sa-id', { value: sa.roleUniqueId });
    new TerraformOutput(stack, 'sa-path', { value: sa.rolePath });
    new TerraformOutput(stack, 'role-id', { value: role.roleUniqueId });
    new TerraformOutput(stack, 'role-path', { value: role.rolePath });
    const outputs = (synthJson(stack) as unknown as { output: Record<string, { value: string }> }).output;
    expect(Object.values(outputs).map((o) => o.value)).toEqual([
      '${aws_iam_role.role_3D9F059D.unique_id}',
      '${aws_iam_role.role_3D9F059D.path}',
      '${aws_iam_role.sa_role_87AFD2D9.unique_id}',
      '${aws_iam_role.sa_role_87AFD2D9.path}',
    ]);
  });
});

describe('managedPolicy and addonPolicyNames validation messages', () => {
  test('managedPolicy not a boolean or object', () =>
    expectRoleError(
      { inlinePolicy: POLICY, managedPolicy: 'yes' },
      'managedPolicy "yes" is invalid: it must be true, false or { name, path, description } (it decides whether the policy is created, so it cannot be a token).',
    ));
  test('managedPolicy a token', () =>
    expectRoleError(
      { inlinePolicy: POLICY, managedPolicy: Token.asAny('${var.x}') },
      'managedPolicy "<unresolved-token>" is invalid: it must be true, false or { name, path, description } (it decides whether the policy is created, so it cannot be a token).',
    ));
  test('managedPolicy unknown option', () =>
    expectRoleError(
      { inlinePolicy: POLICY, managedPolicy: { policyName: 'x' } },
      'managedPolicy.policyName "x" is invalid: policyName is not an option of managedPolicy, so it would be ignored. Did you mean "name"? Known: name, path, description.',
    ));
  test('managedPolicy.name', () =>
    expectRoleError(
      { inlinePolicy: POLICY, managedPolicy: { name: 'a b' } },
      'managedPolicy.name "a b" is invalid: it must be 1 to 128 letters, digits or any of + = , . @ _ -.',
    ));
  test('managedPolicy.path', () =>
    expectRoleError(
      { inlinePolicy: POLICY, managedPolicy: { path: 'policies' } },
      'managedPolicy.path "policies" is invalid: it must be "/" or a path that starts and ends with "/", of printable ASCII characters, at most 512 long.',
    ));
  test('managedPolicy.description', () =>
    expectRoleError(
      { inlinePolicy: POLICY, managedPolicy: { description: 'a → b' } },
      'managedPolicy.description "a → b" is invalid: it must be at most 1,000 characters of printable Latin-1 text.',
    ));
  test('managedPolicy with nothing to hold', () =>
    expectRoleError(
      { attachPolicyArns: ['arn:aws:iam::111122223333:policy/P'], managedPolicy: true },
      'managedPolicy is set but there are no statements to put in it: give inlinePolicy, or wellKnownPolicies with an add-on that writes statements (the AWS managed policies of add-ons are attached either way), or leave managedPolicy out.',
    ));
  test('a Sid of inlinePolicy that an add-on uses', () =>
    expectRoleError(
      {
        inlinePolicy: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AllowPricingReadActions', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          ],
        },
        wellKnownPolicies: { karpenterController: KARPENTER },
        managedPolicy: true,
      },
      'managedPolicy cannot merge inlinePolicy and wellKnownPolicies.karpenterController: both have a statement with Sid "AllowPricingReadActions", and the Sids of one policy must be unique; give the inlinePolicy statement another Sid, or leave managedPolicy out to keep one inline policy each.',
    ));
  test('over the managed-policy length quota (which inline policies would not be)', () => {
    const big: PolicyDocument = {
      Version: '2012-10-17',
      Statement: Array.from({ length: 80 }, (_, i) => ({
        Effect: 'Allow' as const,
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::bucket-number-${i}/*`,
      })),
    };
    const { stack } = testStack();
    expect(() => new IrsaRole(stack, 'inline', roleProps({ inlinePolicy: big }))).not.toThrow();
    expectRoleError(
      { inlinePolicy: big, managedPolicy: true },
      `managedPolicy "${JSON.stringify(big).length} characters" is invalid: it must be at most 6144 characters without white space (the IAM quota for a customer-managed policy); the statements' sizes: inlinePolicy ${JSON.stringify(big.Statement).length}. Keep them inline (leave managedPolicy out), or split them across roles.`,
    );
  });
  test('its attachment over the attachment quota', () =>
    expectRoleError(
      {
        attachPolicyArns: Array.from({ length: 20 }, (_, i) => `arn:aws:iam::111122223333:policy/P${i}`),
        inlinePolicy: POLICY,
        managedPolicy: true,
      },
      'attachPolicyArns "21 policies with the one of managedPolicy" is invalid: it must be at most 20 managed policies (the highest quota AWS grants per role); combine policies or use inlinePolicy.',
    ));
  test('addonPolicyNames not an object', () =>
    expectRoleError(
      { wellKnownPolicies: { certManager: true }, addonPolicyNames: 'cert' },
      'addonPolicyNames "cert" is invalid: it must be an object of add-on key to inline policy name, e.g. { externalDns: "external-dns" }.',
    ));
  test('addonPolicyNames with managedPolicy', () =>
    expectRoleError(
      {
        wellKnownPolicies: { certManager: true },
        managedPolicy: true,
        addonPolicyNames: { certManager: 'cert' },
      },
      "addonPolicyNames cannot be combined with managedPolicy: the add-ons' statements go into the managed policy, so there are no add-on inline policies to name.",
    ));
  test('addonPolicyNames key of no add-on with an inline policy', () =>
    expectRoleError(
      { wellKnownPolicies: { certManager: true }, addonPolicyNames: { externalDNS: 'dns' } },
      'addonPolicyNames key "externalDNS" is invalid: it must be the key of an add-on of wellKnownPolicies that writes an inline policy: certManager (add-on keys are canonical: externalDns).',
    ));
  test('addonPolicyNames key with no add-on writing an inline policy', () =>
    expectRoleError(
      { wellKnownPolicies: { vpcCni: true }, addonPolicyNames: { vpcCni: 'cni' } },
      'addonPolicyNames key "vpcCni" is invalid: it must be the key of an add-on of wellKnownPolicies that writes an inline policy, and none does.',
    ));
  test('addonPolicyNames name', () =>
    expectRoleError(
      { wellKnownPolicies: { certManager: true }, addonPolicyNames: { certManager: 'cert manager' } },
      'addonPolicyNames.certManager "cert manager" is invalid: it must be 1 to 128 letters, digits or any of + = , . @ _ -.',
    ));
  test('addonPolicyNames equal to the inline policy’s name', () =>
    expectRoleError(
      {
        inlinePolicy: POLICY,
        inlinePolicyName: 'app',
        wellKnownPolicies: { certManager: true },
        addonPolicyNames: { certManager: 'app' },
      },
      'addonPolicyNames.certManager "app" cannot be combined with inlinePolicyName "app" (the inline policy of inlinePolicy): two inline policies of one role cannot share a name; choose another name for one of them.',
    ));
  test('addonPolicyNames equal to the addToPolicy policy’s name', () =>
    expectRoleError(
      {
        wellKnownPolicies: { certManager: true },
        addonPolicyNames: { certManager: 'irsa-permissions-granted' },
      },
      'addonPolicyNames.certManager "irsa-permissions-granted" cannot be combined with the inline policy of addToPolicy, "irsa-permissions-granted": two inline policies of one role cannot share a name; choose another name for one of them.',
    ));
  test('two add-ons with one name', () =>
    expectRoleError(
      {
        wellKnownPolicies: { certManager: true, externalDns: true },
        addonPolicyNames: { externalDns: 'irsa-permissions-certManager' },
      },
      'addonPolicyNames.externalDns "irsa-permissions-certManager" is the name of the inline policy of wellKnownPolicies.certManager too: two inline policies of one role cannot share a name; choose another name.',
    ));
  test('managedPolicy with attachRoleArn', () => {
    const { stack } = testStack();
    expect(
      () =>
        new IamServiceAccount(stack, 'sa', {
          oidcProvider: provider1(),
          name: 'app',
          attachRoleArn: 'arn:aws:iam::111122223333:role/existing',
          managedPolicy: true,
        }),
    ).toThrow(
      'test/sa: managedPolicy cannot be combined with attachRoleArn: the attached role is managed elsewhere and no role is created.',
    );
  });
});

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  'terraform plan of managed and renamed policies',
  () => {
    let dir: string;
    let plan: ReturnType<typeof planJson>;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-managed-policy-'));
      const { app, stack } = offlineStack(dir);
      new IrsaRole(
        stack,
        'managed',
        roleProps({
          roleName: 'managed',
          rolePath: '/irsa/',
          inlinePolicy: POLICY,
          wellKnownPolicies: { certManager: true },
          managedPolicy: { description: 'cert-manager and S3' },
        }),
      );
      new IrsaRole(
        stack,
        'named',
        roleProps({
          roleName: 'named',
          inlinePolicy: POLICY,
          wellKnownPolicies: { certManager: true },
          addonPolicyNames: { certManager: 'cert-manager' },
        }),
      );
      // JSON known to Terraform only: the add-on's statements are appended by Terraform.
      const doc = new TerraformVariable(stack, 'doc', { type: 'string', default: JSON.stringify(POLICY) });
      new IamServiceAccount(stack, 'from-variable', {
        oidcProvider: provider1(),
        name: 'from-variable',
        roleName: 'from-variable',
        roleOnly: true,
        inlinePolicy: doc.stringValue,
        wellKnownPolicies: { certManager: true },
        managedPolicy: { name: 'from-variable-policy' },
      });
      app.synth();
      const stackDir = path.join(dir, 'stacks', 'offline');
      initAndValidate(stackDir);
      plan = planJson(stackDir);
    });

    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('the managed policies, their attachments and the renamed inline policy are planned', () => {
      const policies = new Map(
        [...plannedResources(plan, 'aws_iam_policy').values()].map((p) => [p.name as string, p]),
      );
      expect([...policies.keys()].sort()).toEqual(['from-variable-policy', 'managed']);
      expect(policies.get('managed')).toMatchObject({ path: '/irsa/', description: 'cert-manager and S3' });
      const managed = statements(policies.get('managed')!.policy as string);
      expect(managed[0]).toEqual(POLICY.Statement[0]);
      expect(managed.length).toBeGreaterThan(1);
      // Terraform's merge of the variable's JSON equals the constructs' merge of the literal document.
      expect(JSON.parse(policies.get('from-variable-policy')!.policy as string)).toEqual(
        JSON.parse(policies.get('managed')!.policy as string),
      );
      const inline = [...plannedResources(plan, 'aws_iam_role_policy').values()].map((p) => [p.role, p.name]);
      expect(inline.sort()).toEqual([
        ['named', 'cert-manager'],
        ['named', 'irsa-permissions'],
      ]);
      const attached = [...plannedResources(plan, 'aws_iam_role_policy_attachment').values()].map(
        (a) => a.role,
      );
      expect(attached.sort()).toEqual(['from-variable', 'managed']);
    });
  },
);
