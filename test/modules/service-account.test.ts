/**
 * modules/iam-service-account where only the AWS provider is available: a copy of the module without its
 * Kubernetes resources (and without the Kubernetes provider requirement) is planned, which exercises its
 * variables and validations, the child role module call and the outputs. Its roles must equal what
 * `IamServiceAccount` (role-only) plans. terraform.test.ts plans the whole module where
 * hashicorp/kubernetes can be installed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { IamServiceAccount, OidcProvider } from '../../src';
import { SERVICE_ACCOUNT_MODULE } from '../../src/modules';
import { ROLE_OUTPUTS } from '../../src/modules/role-module';
import { SERVICE_ACCOUNT_OUTPUTS } from '../../src/modules/service-account-module';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  TerraformPlan,
  terraform,
  terraformOk,
  planJson,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { OIDC_PROVIDER_ARN_MISTAKES, RULES } from '../../src/validation/rules';
import { describeUnless } from '../support/skip';
import { ARN_1, ARN_2, offlineStack, testStack } from '../support/stacks';
import {
  Planned,
  comparable,
  copyModules,
  expectMessages,
  withoutKubernetes,
  withoutKubernetesAssertions,
} from './support';

interface ServiceAccountSet {
  readonly id: string;
  readonly name: string;
  readonly namespace?: string;
  readonly additional?: string[];
  readonly audience?: string;
  readonly roleName?: string;
  readonly roleNamePrefix?: string;
  readonly policyArns?: Record<string, string>;
  readonly inlinePolicyJson?: string;
}

const SETS: ServiceAccountSet[] = [
  {
    id: 'helm',
    name: 'external-dns',
    namespace: 'kube-system',
    additional: [ARN_2],
    roleName: 'sa-external-dns',
    policyArns: { route53: 'arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess' },
  },
  {
    id: 'audience',
    name: 's3-reader',
    audience: 'example-audience',
    roleNamePrefix: 'sa-s3-',
    inlinePolicyJson: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    }),
  },
];

describe('outputs', () => {
  test('every output of the role module it calls is passed through (role_arn and role_name also for an attached role)', () => {
    const own = new Map(SERVICE_ACCOUNT_OUTPUTS.map((o) => [o.name, o.value]));
    const missing = ROLE_OUTPUTS.map((o) => o.name).filter((name) => !own.has(name));
    expect(missing).toEqual([]);
    for (const { name } of ROLE_OUTPUTS) {
      if (name === 'role_arn' || name === 'role_name') continue;
      expect({ name, value: own.get(name) }).toEqual({ name, value: `module.role.${name}` });
    }
  });
});

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  `${SERVICE_ACCOUNT_MODULE} without its Kubernetes resources (AWS provider only)`,
  () => {
    let root: string;
    let moduleDir: string;
    let dir: string;
    let hclPlan: TerraformPlan;
    let fromModule: Map<string, Planned>;
    let fromConstructs: Map<string, Planned>;

    beforeAll(() => {
      const copy = copyModules('irsa-modules-sa-');
      root = copy.root;
      moduleDir = path.join(copy.modules, SERVICE_ACCOUNT_MODULE);
      withoutKubernetes(moduleDir);

      dir = path.join(root, 'root');
      fs.mkdirSync(dir);
      const calls = SETS.map((s) => {
        const inputs: Record<string, unknown> = {
          name: s.name,
          namespace: s.namespace,
          oidc_provider_arn: ARN_1,
          additional_oidc_provider_arns: s.additional,
          audience: s.audience,
          role_name: s.roleName,
          role_name_prefix: s.roleNamePrefix,
          policy_arns: s.policyArns,
          inline_policies: s.inlinePolicyJson && { 'irsa-permissions': s.inlinePolicyJson },
          // The construct leaves the provider's default (false); the module defaults to true.
          force_detach_policies: false,
        };
        const lines = Object.entries(inputs)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`);
        return `module "${s.id}" {\n  source = "../modules/${SERVICE_ACCOUNT_MODULE}"\n${lines.join('\n')}\n}\n`;
      });
      const outputs = SETS.map(
        (s) => `output "${s.id}" {\n  value = module.${s.id}\n}\n`,
      );
      fs.writeFileSync(path.join(dir, 'main.tf'), [OFFLINE_AWS_PROVIDER_HCL, ...calls, ...outputs].join('\n'));
      terraformOk(dir, ['init', '-input=false', '-no-color']); // plan validates too
      hclPlan = planJson(dir);
      fromModule = comparable(hclPlan, (_a, moduleAddress) => moduleAddress?.split('.')[1]);

      const { app, stack } = offlineStack(path.join(root, 'cdktf'), 'sa');
      for (const s of SETS) {
        new IamServiceAccount(stack, s.id, {
          oidcProvider: OidcProvider.fromArn(ARN_1),
          additionalOidcProviders: s.additional?.map((arn) => OidcProvider.fromArn(arn)),
          name: s.name,
          namespace: s.namespace,
          roleOnly: true,
          audience: s.audience,
          roleName: s.roleName,
          roleNamePrefix: s.roleNamePrefix,
          attachPolicyArns: s.policyArns && Object.values(s.policyArns),
          inlinePolicy: s.inlinePolicyJson,
          // Some sets test trust only; the module takes a role without policies.
          permissionsManagedElsewhere: true,
        });
      }
      app.synth();
      const stackDir = path.join(root, 'cdktf', 'stacks', 'sa');
      terraformOk(stackDir, ['init', '-input=false', '-no-color']); // plan validates too
      fromConstructs = comparable(planJson(stackDir), (address) => address.split('.')[1]?.split('_')[0]);
    });

    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    test.each(SETS.map((s) => [s.id]))('%s: the same role, trust policy, attachments and inline policy as IamServiceAccount', (id) => {
      const module = fromModule.get(id)!;
      const construct = fromConstructs.get(id)!;
      expect(module.role).toEqual(construct.role);
      expect(module.roleUnknown).toEqual(construct.roleUnknown);
      expect(module.attachments).toEqual(construct.attachments);
      expect(module.inlinePolicies).toEqual(construct.inlinePolicies);
    });

    test('its terraform test files, without the asserts on Kubernetes resources, pass (outputs, attached role, validations, values known only after apply)', () => {
      // The whole file runs in terraform.test.ts where hashicorp/kubernetes can be installed.
      const tests = path.join(moduleDir, 'tests');
      const files = fs.readdirSync(tests).filter((f) => f.endsWith('.tftest.hcl'));
      expect(files.sort()).toEqual(['service_account.tftest.hcl', 'unknown_values.tftest.hcl']);
      let runs = 0;
      let removed = 0;
      for (const file of files) {
        runs += (fs.readFileSync(path.join(tests, file), 'utf8').match(/^run "/gm) ?? []).length;
        removed += withoutKubernetesAssertions(path.join(tests, file));
      }
      expect(removed).toBeGreaterThanOrEqual(5);
      terraformOk(moduleDir, ['init', '-input=false', '-no-color']);
      const result = terraform(moduleDir, ['test', '-no-color']);
      const output = `${result.stdout}\n${result.stderr}`;
      expect({ status: result.status, output }).toEqual({
        status: 0,
        output: expect.stringContaining(`Success! ${runs} passed, 0 failed.`),
      });
    });

    test('outputs name the ServiceAccount the chart must use', () => {
      const outputs = hclPlan.output_changes as Record<string, { after: Record<string, unknown> }>;
      expect(outputs.helm.after).toMatchObject({
        service_account_name: 'external-dns',
        service_account_namespace: 'kube-system',
        role_name: 'sa-external-dns',
        role_path: '/',
        // No policy statements and no create_policy: no role policy.
        policy_arn: null,
        policy_name: null,
        policy: null,
      });
      expect(JSON.parse(outputs.helm.after.trust_policy_json as string).Statement).toHaveLength(2);
    });

    test('eksctl-mode conflicts, required inputs and reserved annotations fail with one clear message each (the constructs’ reasons where they have the input)', () => {
      const source = `source = "../modules/${SERVICE_ACCOUNT_MODULE}"\n  name = "app"`;
      const arn = `oidc_provider_arn = "${ARN_1}"`;
      const existing = 'attach_role_arn = "arn:aws:iam::111122223333:role/existing"';
      const cases: [string, string, string | undefined][] = [
        [
          `create_role = false\n  ${existing}\n  role_name = "x"`,
          'role_name cannot be combined with attach_role_arn: the attached role is managed elsewhere and no role is created.',
          'roleName cannot be combined with attachRoleArn: the attached role is managed elsewhere and no role is created.',
        ],
        [
          `${arn}\n  ${existing}`,
          'attach_role_arn cannot be combined with create_role = true: set create_role = false to use an existing role instead of creating one.',
          undefined,
        ],
        [
          'create_role = false',
          `attach_role_arn null is invalid: it must be the role to use when create_role is false: ${RULES.roleArn.allowed}.`,
          undefined,
        ],
        ['policy_arns = {}', `oidc_provider_arn null is invalid: it must be ${RULES.oidcProviderArn.allowed}.`, undefined],
        [
          'oidc_provider_arn = "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"',
          `oidc_provider_arn "https://…" is invalid: it must be ${RULES.oidcProviderArn.allowed}; ${OIDC_PROVIDER_ARN_MISTAKES[0].why}.`,
          undefined,
        ],
        [
          `${arn}\n  annotations = { "eks.amazonaws.com/role-arn" = "x" }`,
          'annotations "eks.amazonaws.com/role-arn" is set by this module and cannot be given: use attach_role_arn to use an existing role.',
          'annotations "eks.amazonaws.com/role-arn" is set by this construct and cannot be given: use attachRoleArn to use an existing role.',
        ],
      ];
      const bad = path.join(root, 'bad');
      fs.mkdirSync(bad);
      expectMessages(
        bad,
        OFFLINE_AWS_PROVIDER_HCL,
        cases.map(([inputs, message], i) => ({
          name: inputs,
          moduleBlock: `module "case${i}" {\n  ${source}\n  ${inputs}\n}\n`,
          message,
        })),
      );
      for (const [inputs, , constructMessage] of cases) {
        if (constructMessage === undefined) continue;
        // The construct's own message for the same input, with its prop names.
        const { stack } = testStack();
        expect(() => constructFromInputs(stack, inputs)).toThrow(constructMessage);
      }
    });
  },
);

/** IamServiceAccount props for the conflict cases above. */
function constructFromInputs(stack: TerraformStack, inputs: string): void {
  new IamServiceAccount(stack, 'sa', {
    oidcProvider: OidcProvider.fromArn(ARN_1),
    name: 'app',
    attachRoleArn: inputs.includes('attach_role_arn') ? 'arn:aws:iam::111122223333:role/existing' : undefined,
    roleName: inputs.includes('role_name') ? 'x' : undefined,
    annotations: inputs.includes('annotations') ? { 'eks.amazonaws.com/role-arn': 'x' } : undefined,
  });
}
