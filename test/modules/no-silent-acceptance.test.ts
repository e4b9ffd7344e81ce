/**
 * Issue 24, modules: inputs the modules used to accept silently, planned with the real Terraform CLI offline.
 * Undeclared attributes of map-of-object inputs are errors (also when the rest of the entry is known only
 * after apply); an add-on given as null is off; create = false needs and checks nothing; a mistyped add-on
 * gets the real key (terraform-aws-modules' and eksctl's names) or the list, never a wrong guess; the add-on
 * quota message names inline_policies; a list of add-on inputs known only
 * after apply plans. The per-case messages of MODULE_VALIDATION_CASES and POD_IDENTITY_VALIDATION_CASES
 * (unknown attributes, attribute types) are planned by terraform-plan.test.ts and pod-identity.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { POD_IDENTITY_MODULE, ROLE_MODULE } from '../../src/modules';
import { podIdentityModuleFiles } from '../../src/modules/pod-identity-module';
import { ADDONS, snakeCase } from '../../src/policy/addons';
import { bareAddonName } from '../../src/modules/addons';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  TerraformPlan,
  terraform,
  terraformOk,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { RULES } from '../../src/validation/rules';
import { describeUnless } from '../support/skip';
import { copyModules, expectMessages, planErrors } from './support';

const ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const PROVIDERS = `{ main = { provider_arn = "${ARN}", namespace_service_accounts = ["default:app"] } }`;
const GITHUB_ARN = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
/** Terraform's detail for a check whose condition is unknown at plan. */
const KNOWN_AFTER_APPLY = 'The condition could not be evaluated at this time, a result will be known when this plan is applied.';

/** Resources whose outputs are known only after apply. */
const UPSTREAM = `${OFFLINE_AWS_PROVIDER_HCL}
resource "aws_iam_openid_connect_provider" "cluster" {
  url            = "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
  client_id_list = ["sts.amazonaws.com"]
}

resource "terraform_data" "clusters" {
  input = ["blue", "green"]
}
`;

function moduleBlock(name: string, source: string, inputs: Record<string, string>): string {
  const lines = Object.entries(inputs).map(([key, value]) => `  ${key} = ${value}`);
  return `module "${name}" {\n  source = "${source}"\n${lines.join('\n')}\n}\n`;
}

interface PlanDiagnostic {
  severity: string;
  detail: string;
  snippet?: { code?: string };
}

/** Plans `main.tf` in `dir`: the saved plan, the warnings' details and the warnings themselves. */
function planWithWarnings(
  dir: string,
  mainTf: string,
): { plan: TerraformPlan; warnings: string[]; diagnostics: PlanDiagnostic[] } {
  fs.writeFileSync(path.join(dir, 'main.tf'), mainTf);
  terraformOk(dir, ['init', '-input=false', '-no-color']);
  const result = terraform(dir, ['plan', '-json', '-input=false', '-no-color', '-lock=false', '-out=irsa.tfplan']);
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  const diagnostics = result.stdout
    .split('\n')
    .filter((line) => line.includes('"diagnostic"'))
    .map((line) => JSON.parse(line).diagnostic as PlanDiagnostic)
    .filter((d) => d.severity === 'warning');
  const plan = JSON.parse(terraformOk(dir, ['show', '-json', 'irsa.tfplan'])) as TerraformPlan;
  return { plan, warnings: diagnostics.map((d) => d.detail), diagnostics };
}

const planned = (plan: TerraformPlan, moduleAddress: string): string[] =>
  (plan.resource_changes ?? [])
    .filter((rc) => rc.module_address === moduleAddress)
    .map((rc) => rc.address.slice(moduleAddress.length + 1))
    .sort();

describe('add-on names for suggestions', () => {
  test("every add-on has other names (the catalog's knownAs), and no name means two add-ons", () => {
    expect(ADDONS.filter((a) => (a.knownAs ?? []).length === 0).map((a) => a.key)).toEqual([]);
    const owner = new Map<string, string>();
    for (const a of ADDONS) {
      for (const name of [a.key, ...(a.aliases ?? []), ...(a.knownAs ?? [])]) {
        const bare = bareAddonName(name);
        expect({ name, means: owner.get(bare) ?? a.key }).toEqual({ name, means: a.key });
        owner.set(bare, a.key);
      }
    }
  });

  test('terraform-aws-modules inputs and controller names reduce to a known name', () => {
    expect(bareAddonName('attach_load_balancer_controller_policy')).toBe(bareAddonName('load_balancer_controller'));
    expect(bareAddonName('aws-load-balancer-controller')).toBe(bareAddonName(snakeCase('awsLoadBalancerController')));
  });
});

describeUnless(terraformUnavailableReason(['hashicorp/aws']), 'modules: no silent acceptance (terraform plan)', () => {
  let root: string;
  let modules: string;

  beforeAll(() => {
    const copy = copyModules('irsa-modules-silent-');
    root = copy.root;
    modules = copy.modules;
    // The pod identity module for the 5.x provider of the offline mirror (see pod-identity.test.ts).
    const variant = path.join(modules, `${POD_IDENTITY_MODULE}-v5`);
    for (const [name, text] of Object.entries(podIdentityModuleFiles({ providerV6Arguments: false }))) {
      fs.mkdirSync(path.dirname(path.join(variant, name)), { recursive: true });
      fs.writeFileSync(path.join(variant, name), text);
    }
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  function rootDir(name: string): string {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    return dir;
  }

  test('mistakes fail at plan with one message each, naming the input and what is allowed', () => {
    const role = `../modules/${ROLE_MODULE}`;
    const pod = `../modules/${POD_IDENTITY_MODULE}-v5`;
    const keys = ADDONS.map((a) => snakeCase(a.key));
    expectMessages(rootDir('messages'), UPSTREAM, [
      {
        // The audience per provider, with the provider's ARN known only after apply: still an error at plan.
        name: 'audience_with_unknown_arn',
        moduleBlock: moduleBlock('audience_with_unknown_arn', role, {
          oidc_providers:
            '{ main = { provider_arn = aws_iam_openid_connect_provider.cluster.arn, namespace_service_accounts = ["default:app"], audience = "my-aud" } }',
        }),
        message:
          'oidc_providers["main"].audience is not an attribute of oidc_providers entries (the audience input sets the audience of every provider): the attributes are provider_arn, namespace_service_accounts.',
      },
      {
        // Per-association tags are an attribute now (terraform-aws-modules parity); a role per entry is not.
        name: 'association_role_arn',
        moduleBlock: moduleBlock('association_role_arn', pod, {
          associations:
            '{ main = { cluster_name = "blue", namespace = "apps", service_account = "api", role_arn = "arn:aws:iam::111122223333:role/x" } }',
        }),
        message:
          'associations["main"].role_arn is not an attribute of associations entries (the role is the one this module creates; target_role_arn chains to another): the attributes are cluster_name, namespace, service_account, tags.',
      },
      {
        name: 'terraform_aws_modules_addon_name',
        moduleBlock: moduleBlock('terraform_aws_modules_addon_name', role, {
          oidc_providers: PROVIDERS,
          addons: '{ load_balancer_controller = {} }',
        }),
        message: 'addons attribute "load_balancer_controller" is not a known add-on: did you mean "aws_load_balancer_controller"?',
      },
      {
        name: 'terraform_aws_modules_attach_input',
        moduleBlock: moduleBlock('terraform_aws_modules_attach_input', role, {
          oidc_providers: PROVIDERS,
          addons: '{ attach_karpenter_controller_policy = {} }',
        }),
        message: 'addons attribute "attach_karpenter_controller_policy" is not a known add-on: did you mean "karpenter_controller"?',
      },
      {
        name: 'controller_name',
        moduleBlock: moduleBlock('controller_name', role, {
          oidc_providers: PROVIDERS,
          addons: '{ karpenter = {} }',
        }),
        message: 'addons attribute "karpenter" is not a known add-on: did you mean "karpenter_controller"?',
      },
      {
        name: 'no_suggestion_rather_than_a_wrong_one',
        moduleBlock: moduleBlock('no_suggestion_rather_than_a_wrong_one', role, {
          oidc_providers: PROVIDERS,
          addons: '{ istio = {} }',
        }),
        message: `addons attribute "istio" is not a known add-on: the add-ons are ${keys.join(', ')}.`,
      },
    ]);
  });

  test('the add-on quota message names inline_policies (the input that exists)', () => {
    // A policy of about 10,100 characters: under the inline quota alone, over it with an add-on's policy.
    const resources = Array.from({ length: 345 }, (_, i) => `arn:aws:s3:::bucket-${String(i).padStart(4, '0')}/*`);
    const bigPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }],
    });
    expect(bigPolicy.length).toBeGreaterThan(10000);
    expect(bigPolicy.length).toBeLessThan(10240);
    const errors = planErrors(
      rootDir('quota'),
      `${OFFLINE_AWS_PROVIDER_HCL}\n${moduleBlock('m', `../modules/${ROLE_MODULE}`, {
        oidc_providers: PROVIDERS,
        inline_policies: `{ big = ${JSON.stringify(bigPolicy)} }`,
        addons: '{ external_dns = {} }',
      })}`,
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^addons "\d+ characters" is invalid: it must be at most 10240 characters of inline policy per role, without white space, together with inline_policies: split the add-ons across roles \(their sizes: external_dns \d+\)\.$/,
      ),
    ]);
  });

  test('oidc_providers entries that are not objects are named (one message of ours among Terraform’s)', () => {
    const errors = planErrors(
      rootDir('not-objects'),
      `${OFFLINE_AWS_PROVIDER_HCL}\n${moduleBlock('m', `../modules/${ROLE_MODULE}`, { oidc_providers: `{ main = "${ARN}" }` })}`,
    );
    expect(errors).toContain(
      `oidc_providers {"main":"${ARN}"} is invalid: it must be a map of objects by a name you choose, each with provider_arn, namespace_service_accounts.`,
    );
  });

  test('plans: null add-on off, create = false needs and checks nothing, add-on lists known after apply, non-EKS providers warn', () => {
    const role = `../modules/${ROLE_MODULE}`;
    const pod = `../modules/${POD_IDENTITY_MODULE}-v5`;
    const { plan, warnings, diagnostics } = planWithWarnings(
      rootDir('plans'),
      [
        UPSTREAM,
        moduleBlock('null_addon', role, {
          oidc_providers: PROVIDERS,
          addons: '{ external_dns = false ? {} : null, cert_manager = {} }',
        }),
        moduleBlock('role_off', role, { create: 'false' }),
        moduleBlock('pod_identity_off', pod, {
          create: 'false',
          associations: '{ main = { cluster_name = "my.cluster", namespace = "Apps", service_account = "api" } }',
          role_name: '"a b"',
        }),
        moduleBlock('unknown_list', role, {
          oidc_providers: PROVIDERS,
          addons: '{ cluster_autoscaler = { cluster_names = terraform_data.clusters.output } }',
        }),
        // A known EKS provider beside GitHub Actions': only the latter is named.
        moduleBlock('github', role, {
          oidc_providers: `{ ci = { provider_arn = "${GITHUB_ARN}", namespace_service_accounts = ["default:app"] }, eks = { provider_arn = "${ARN}", namespace_service_accounts = ["default:app"] } }`,
        }),
        // The provider created in the same run: its ARN is known only after apply.
        moduleBlock('unknown_arn', role, {
          oidc_providers: '{ main = { provider_arn = aws_iam_openid_connect_provider.cluster.arn, namespace_service_accounts = ["default:app"] } }',
        }),
      ].join('\n'),
    );
    expect(planned(plan, 'module.null_addon')).toEqual(['aws_iam_role.this[0]', 'aws_iam_role_policy.addons["cert_manager"]']);
    expect(planned(plan, 'module.role_off')).toEqual([]);
    expect(planned(plan, 'module.pod_identity_off')).toEqual([]);
    expect(planned(plan, 'module.unknown_list')).toEqual([
      'aws_iam_role.this[0]',
      'aws_iam_role_policy.addons["cluster_autoscaler"]',
    ]);
    expect(planned(plan, 'module.github')).toEqual(['aws_iam_role.this[0]']);
    expect(planned(plan, 'module.unknown_arn')).toEqual(['aws_iam_role.this[0]']);
    // Only the GitHub Actions provider warns (the other warnings are the add-ons' unset scopes); the ARN known
    // only after apply adds Terraform's one "known after apply" note for the check (the other such note is
    // unknown_list's add-on check), and nothing else.
    expect(warnings.filter((w) => w.includes('EKS issuer'))).toEqual([
      `oidc_providers["ci"].provider_arn "${GITHUB_ARN}": the issuer does not look like an EKS issuer (${RULES.eksIssuerUrl.allowed}); the role trusts it as given.`,
    ]);
    const unknownChecks = diagnostics.filter((d) => d.detail === KNOWN_AFTER_APPLY);
    expect(unknownChecks.filter((d) => d.snippet?.code?.includes('provider.provider_arn'))).toHaveLength(1);
  });
});
