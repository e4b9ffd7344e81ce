/**
 * modules/eks-pod-identity under the real Terraform CLI, offline. The published module needs AWS provider 6
 * (target_role_arn, disable_session_tags); the mirror has 5.100, so these tests render the same module
 * without those two arguments (PodIdentityModuleOptions.providerV6Arguments = false) into a temporary
 * directory and run terraform validate, terraform test, a for_each plan of 20 associations on two clusters,
 * and a plan-equivalence check against the constructs there. The two provider-6 arguments are checked in the
 * rendered text only.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IamServiceAccount, IrsaRole, PolicyDocument } from '../../src';
import { renderModules } from '../../src/modules';
import { DEFAULT_INLINE_POLICY_NAME } from '../../src/constructs/role-resources';
import { HclLiteral, render } from '../../src/modules/hcl';
import {
  POD_IDENTITY_MODULE,
  POD_IDENTITY_TRUST_CASES,
  POD_IDENTITY_VALIDATION_CASES,
  expectedPodIdentityTrustPolicy,
  podIdentityModuleFiles,
} from '../../src/modules/pod-identity-module';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  TerraformPlan,
  initAndValidate,
  planJson,
  plannedResources,
  terraform,
  terraformOk,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { writtenUpstreamBlocks } from '../support/upstream-examples';
import { offlineStack } from '../support/stacks';
import { podIdentityAdmits } from '../support/trust-oracle';
import { BadInput, expectMessages } from './support';

/** The module for a 5.x provider, written to `dir`. */
function writeVariant(dir: string): void {
  for (const [name, text] of Object.entries(podIdentityModuleFiles({ providerV6Arguments: false }))) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

describe(`${POD_IDENTITY_MODULE}: rendered files`, () => {
  test('the published module passes target_role_arn and disable_session_tags and requires AWS provider 6', async () => {
    const files = await renderModules();
    const main = files[`${POD_IDENTITY_MODULE}/main.tf`];
    expect(main).toMatch(/target_role_arn\s+= local\.associations\[each\.key\]\.target_role_arn/);
    expect(main).toMatch(/disable_session_tags\s+= local\.associations\[each\.key\]\.disable_session_tags/);
    expect(files[`${POD_IDENTITY_MODULE}/versions.tf`]).toContain('version = ">= 6.0, < 7.0"');
    expect(files[`${POD_IDENTITY_MODULE}/variables.tf`]).toContain('target_role_arn = null, disable_session_tags = null');
  });

  test('no data sources, and every count/for_each is keyed on create or the caller’s static map keys', async () => {
    const main = (await renderModules())[`${POD_IDENTITY_MODULE}/main.tf`];
    expect(main).not.toMatch(/^data /m);
    const meta = [...main.matchAll(/^\s*(count|for_each)\s*=\s*(.+)$/gm)].map((m) => m[2].trim());
    expect(meta).toEqual([
      'var.create ? 1 : 0',
      'var.create ? var.policy_arns : {}',
      'var.create ? var.inline_policies : {}',
      // create, create_policy and the lengths of the policy lists (static, as their descriptions say).
      'local.create_role_policy ? 1 : 0',
      'local.create_managed_policy ? 1 : 0',
      'local.create_managed_policy ? 1 : 0',
      'var.create && !(var.create_policy) ? local.addon_policies : {}',
      'var.create ? local.addon_managed_policy_arns : {}',
      'var.create ? { for key in keys(var.associations) : key => key } : {}',
      'var.create ? var.pod_identity_agent_addons : {}',
    ]);
  });
});

const CLUSTERS = ['blue', 'green'];
const NAMESPACES = ['apps', 'jobs', 'web'];
const NAMES = ['api', 'worker', 'cron', 'reader', 'writer'];

/** Two roles, ten associations each, spread over two clusters (20 associations). */
function scaleAssociations(role: number): Record<string, { cluster_name: string; namespace: string; service_account: string }> {
  const out: Record<string, { cluster_name: string; namespace: string; service_account: string }> = {};
  for (let i = 0; i < 10; i++) {
    out[`a${String(i).padStart(2, '0')}`] = {
      cluster_name: CLUSTERS[i % 2],
      namespace: NAMESPACES[(i + role) % 3],
      service_account: NAMES[(i * 3 + role) % 5],
    };
  }
  return out;
}

describeUnless(terraformUnavailableReason(['hashicorp/aws']), `terraform: ${POD_IDENTITY_MODULE} (AWS provider 5.x variant)`, () => {
  let root: string;
  let moduleDir: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-pod-identity-module-'));
    moduleDir = path.join(root, POD_IDENTITY_MODULE);
    writeVariant(moduleDir);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test.each(['basic', 'multi-cluster', 'for-each', 'complete'])('init and validate examples/%s', (example) => {
    initAndValidate(path.join(moduleDir, 'examples', example));
  });

  test('examples/terraform-aws-modules (upstream’s example, block by block) plans offline: each block the guide marks written creates its role and associations', () => {
    const dir = path.join(moduleDir, 'examples', 'terraform-aws-modules');
    fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_AWS_PROVIDER_HCL);
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    const plan = planJson(dir, ['-refresh=false']);
    const actions = new Set((plan.resource_changes ?? []).map((rc) => rc.change.actions.join(',')));
    expect([...actions]).toEqual(['create']);
    const blocks = writtenUpstreamBlocks('eks-pod-identity').filter((b) => b !== 'disabled');
    const roles = [...plannedResources(plan, 'aws_iam_role').keys()].map((a) => a.split('.')[1]).sort();
    expect(roles).toEqual(blocks);
    expect(plannedResources(plan, 'aws_eks_pod_identity_association').size).toBe(2 * blocks.length);
  });

  test('init, validate, and terraform test: trust policies equal buildPodIdentityStatements, associations, create = false, validations', () => {
    initAndValidate(moduleDir);
    const result = terraform(moduleDir, ['test', '-no-color']);
    const output = `${result.stdout}\n${result.stderr}`;
    expect({ status: result.status, output }).toEqual({ status: 0, output: expect.stringContaining('0 failed') });
    const passed = output.match(/Success! (\d+) passed, 0 failed/);
    expect(Number(passed?.[1])).toBe(
      POD_IDENTITY_TRUST_CASES.length + 3 + POD_IDENTITY_VALIDATION_CASES.filter((c) => !c.v6).length,
    );
  });

  test('every validation message is printed exactly, as the constructs word it', () => {
    const dir = path.join(root, 'messages');
    fs.mkdirSync(dir);
    const cases: BadInput[] = POD_IDENTITY_VALIDATION_CASES.filter((c) => !c.v6).map((c) => ({
      name: c.name,
      message: c.message,
      moduleBlock: `module "${c.name}" {\n  source = "../${POD_IDENTITY_MODULE}"\n${Object.entries({
        associations: { main: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' } },
        ...c.variables,
      })
        .map(([k, v]) => `  ${k} = ${render(v as HclLiteral)}`)
        .join('\n')}\n}\n`,
    }));
    expectMessages(dir, OFFLINE_AWS_PROVIDER_HCL, cases);
  });

  test('provider-6 validation messages (target_role_arn, disable_session_tags), from the published variables.tf alone', async () => {
    // Variable validations need no provider schema: the published variables.tf is planned on its own.
    const published = await renderModules();
    for (const c of POD_IDENTITY_VALIDATION_CASES.filter((v) => v.v6)) {
      const dir = path.join(root, `v6-${c.name}`);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'variables.tf'), published[`${POD_IDENTITY_MODULE}/variables.tf`]);
      const vars = Object.entries(c.variables).map(([k, v]) => `${k} = ${render(v as HclLiteral)}`);
      const messages = planErrors(dir, `# variables only\n`, vars.join('\n'));
      expect(messages).toEqual([c.message]);
    }
  });

  test('for_each over two module instances, 20 associations on two clusters: each role admits exactly its associations', () => {
    const dir = path.join(root, 'scale');
    fs.mkdirSync(dir);
    const roles = { api: scaleAssociations(0), worker: scaleAssociations(1) };
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      `${OFFLINE_AWS_PROVIDER_HCL}
locals {
  roles = ${render(roles as unknown as HclLiteral)}
}

module "pod" {
  source   = "../${POD_IDENTITY_MODULE}"
  for_each = local.roles

  role_name    = "scale-\${each.key}"
  associations = each.value
}
`,
    );
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    const plan = planJson(dir);
    const changes = plan.resource_changes ?? [];
    expect(changes.filter((c) => c.type === 'aws_eks_pod_identity_association')).toHaveLength(20);
    expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    for (const [key, associations] of Object.entries(roles)) {
      const role = changes.find((c) => c.type === 'aws_iam_role' && c.module_address === `module.pod["${key}"]`)!;
      const trust = JSON.parse(role.change.after!.assume_role_policy as string) as PolicyDocument;
      expect(trust).toEqual(expectedPodIdentityTrustPolicy(associations));
      const listed = new Set(Object.values(associations).map((a) => `${a.cluster_name}/${a.namespace}:${a.service_account}`));
      for (const cluster of [...CLUSTERS, 'other'])
        for (const namespace of NAMESPACES)
          for (const serviceAccount of NAMES)
            expect(podIdentityAdmits(trust, { cluster, namespace, serviceAccount })).toBe(
              listed.has(`${cluster}/${namespace}:${serviceAccount}`),
            );
    }
  });

  test('pod_identity_agent_addons: off by default; one eks-pod-identity-agent add-on per key, a cluster name known only after apply included; association_defaults and the trust inputs known only after apply', () => {
    const dir = path.join(root, 'agent');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      `${OFFLINE_AWS_PROVIDER_HCL}
# A cluster name known only after apply, as from an aws_eks_cluster created in the same run.
resource "terraform_data" "later" {
  input = "green"
}

module "with_agents" {
  source       = "../${POD_IDENTITY_MODULE}"
  role_name    = "agent-with"
  associations = { main = { cluster_name = "blue", namespace = "apps", service_account = "api" } }
  pod_identity_agent_addons = {
    blue  = { cluster_name = "blue", addon_version = "v1.3.4-eksbuild.1" }
    green = { cluster_name = terraform_data.later.output }
  }
}

module "without" {
  source       = "../${POD_IDENTITY_MODULE}"
  role_name    = "agent-without"
  associations = { main = { cluster_name = "blue", namespace = "jobs", service_account = "worker" } }
}

# The new inputs with values known only after apply (the associations' keys and the lists' lengths static).
module "later" {
  source               = "../${POD_IDENTITY_MODULE}"
  role_name            = "later"
  association_defaults = { cluster_name = terraform_data.later.output, namespace = "apps", tags = { run = terraform_data.later.output } }
  associations = {
    api    = { service_account = "api" }
    worker = { service_account = "worker", tags = { owner = terraform_data.later.output } }
  }
  trust_policy_conditions = [{ test = "StringEquals", variable = "aws:PrincipalOrgID", values = [terraform_data.later.output] }]
  trust_policy_statements = [{ actions = ["sts:AssumeRole"], principals = [{ type = "AWS", identifiers = ["arn:aws:iam::111122223333:role/\${terraform_data.later.output}"] }] }]
}
`,
    );
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    const changes = planJson(dir).resource_changes ?? [];
    expect(
      changes.filter((c) => c.module_address === 'module.later').map((c) => `${c.address} ${c.change.actions.join()}`),
    ).toEqual([
      'module.later.aws_eks_pod_identity_association.this["api"] create',
      'module.later.aws_eks_pod_identity_association.this["worker"] create',
      'module.later.aws_iam_role.this[0] create',
    ]);
    const addons = changes.filter((c) => c.type === 'aws_eks_addon');
    expect(
      addons.map((c) => [c.address, c.change.actions.join(), c.change.after?.addon_name, c.change.after?.cluster_name ?? null]),
    ).toEqual([
      ['module.with_agents.aws_eks_addon.pod_identity_agent["blue"]', 'create', 'eks-pod-identity-agent', 'blue'],
      ['module.with_agents.aws_eks_addon.pod_identity_agent["green"]', 'create', 'eks-pod-identity-agent', null],
    ]);
    expect(addons[0].change.after?.addon_version).toBe('v1.3.4-eksbuild.1');
  });

  test('equivalence: IrsaRole with podIdentity plus IamServiceAccount associations plan what the module plans', () => {
    const sets = [
      {
        id: 'full',
        roleName: 'eq-pod-full',
        rolePath: '/pod/',
        description: 'every setting',
        maxSessionDuration: 7200,
        tags: { team: 'platform' },
        policyArns: { ro: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        inlinePolicy: { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow' as const, Action: 's3:GetObject', Resource: '*' }] },
        associationTags: { owner: 'a' },
        associations: scaleAssociations(0),
      },
      { id: 'small', roleName: 'eq-pod-small', associations: { main: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' } } },
    ];
    // CDKTF side.
    const cdktfDir = path.join(root, 'eq-cdktf');
    const { app, stack } = offlineStack(cdktfDir, 'eq');
    for (const set of sets) {
      const byCluster = new Map<string, string[]>();
      for (const a of Object.values(set.associations)) {
        byCluster.set(a.cluster_name, [...(byCluster.get(a.cluster_name) ?? []), `${a.namespace}:${a.service_account}`]);
      }
      const role = new IrsaRole(stack, set.id, {
        podIdentity: [...byCluster].map(([clusterName, serviceAccounts]) => ({ clusterName, serviceAccounts })),
        roleName: set.roleName,
        rolePath: set.rolePath,
        description: set.description,
        maxSessionDuration: set.maxSessionDuration,
        tags: set.tags,
        attachPolicyArns: set.policyArns && Object.values(set.policyArns),
        inlinePolicy: set.inlinePolicy,
        // Some sets test trust only; the module takes a role without policies.
        permissionsManagedElsewhere: true,
      });
      for (const [key, a] of Object.entries(set.associations)) {
        new IamServiceAccount(stack, `${set.id}-${key}`, {
          identity: 'pod-identity',
          clusterName: a.cluster_name,
          namespace: a.namespace,
          name: a.service_account,
          attachRoleArn: role.roleArn,
          roleOnly: true,
          associationTags: set.associationTags,
        });
      }
    }
    app.synth();
    const stackDir = path.join(cdktfDir, 'stacks', 'eq');
    terraformOk(stackDir, ['init', '-input=false', '-no-color']);
    const fromConstructs = summarize(planJson(stackDir), (address) => address.split('.')[1]?.split('_')[0].split('-')[0]);
    // HCL side.
    const hclDir = path.join(root, 'eq-hcl');
    fs.mkdirSync(hclDir);
    const calls = sets.map((set) => {
      const inputs: Record<string, HclLiteral | undefined> = {
        associations: set.associations,
        role_name: set.roleName,
        role_path: set.rolePath,
        description: set.description,
        max_session_duration: set.maxSessionDuration,
        tags: set.tags,
        policy_arns: set.policyArns,
        inline_policies: set.inlinePolicy && { [DEFAULT_INLINE_POLICY_NAME]: JSON.stringify(set.inlinePolicy) },
        association_tags: set.associationTags,
      };
      return `module "${set.id}" {\n  source = "../${POD_IDENTITY_MODULE}"\n${Object.entries(inputs)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `  ${k} = ${render(v as HclLiteral)}`)
        .join('\n')}\n}\n`;
    });
    fs.writeFileSync(path.join(hclDir, 'main.tf'), `${OFFLINE_AWS_PROVIDER_HCL}\n${calls.join('\n')}`);
    terraformOk(hclDir, ['init', '-input=false', '-no-color']);
    const fromModule = summarize(planJson(hclDir), (_a, moduleAddress) => moduleAddress?.replace(/^module\./, ''));

    expect([...fromModule.keys()].sort()).toEqual(['full', 'small']);
    for (const set of sets) {
      const m = fromModule.get(set.id)!;
      const c = fromConstructs.get(set.id)!;
      // The module defaults force_detach_policies to true; the constructs leave the provider default.
      expect(m.role.force_detach_policies).toBe(true);
      expect(c.role.force_detach_policies).toBe(false);
      const withoutForceDetach = (role: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(role).filter(([k]) => k !== 'force_detach_policies'));
      expect(withoutForceDetach(m.role)).toEqual(withoutForceDetach(c.role));
      expect(m.attachments).toEqual(c.attachments);
      expect(m.inlinePolicies).toEqual(c.inlinePolicies);
      expect(m.associations).toEqual(c.associations);
      expect(m.associations).toHaveLength(Object.keys(set.associations).length);
    }
  });
});

interface Summary {
  role: Record<string, unknown>;
  attachments: unknown[];
  inlinePolicies: unknown[];
  associations: unknown[];
}

function summarize(plan: TerraformPlan, setOf: (address: string, moduleAddress?: string) => string | undefined): Map<string, Summary> {
  const out = new Map<string, Summary>();
  for (const rc of plan.resource_changes ?? []) {
    const id = setOf(rc.address, rc.module_address);
    const after = rc.change.after;
    if (!id || !after) continue;
    if (!out.has(id)) out.set(id, { role: {}, attachments: [], inlinePolicies: [], associations: [] });
    const entry = out.get(id)!;
    if (rc.type === 'aws_iam_role') entry.role = { ...after, assume_role_policy: JSON.parse(after.assume_role_policy as string) };
    else if (rc.type === 'aws_iam_role_policy_attachment') entry.attachments.push(after);
    else if (rc.type === 'aws_iam_role_policy') entry.inlinePolicies.push({ ...after, policy: JSON.parse(after.policy as string) });
    else if (rc.type === 'aws_eks_pod_identity_association') entry.associations.push(after);
    else throw new Error(`unexpected resource ${rc.address}`);
  }
  const key = (v: unknown) => JSON.stringify(v);
  for (const s of out.values()) {
    s.attachments.sort((a, b) => key(a).localeCompare(key(b)));
    s.associations.sort((a, b) => key(a).localeCompare(key(b)));
  }
  return out;
}

/** Errors of `terraform plan` in `dir` with `tfvars` (variables only: no provider needed). */
function planErrors(dir: string, mainTf: string, tfvars: string): string[] {
  fs.writeFileSync(path.join(dir, 'main.tf'), mainTf);
  fs.writeFileSync(path.join(dir, 'terraform.tfvars'), `${tfvars}\n`);
  terraformOk(dir, ['init', '-input=false', '-no-color']);
  const result = terraform(dir, ['plan', '-json', '-input=false', '-no-color', '-lock=false']);
  expect(result.status).not.toBe(0);
  return result.stdout
    .split('\n')
    .filter((line) => line.includes('"diagnostic"'))
    .map((line) => JSON.parse(line).diagnostic as { severity: string; detail: string })
    .filter((d) => d.severity === 'error')
    .map((d) => d.detail.split('\n\nThis was checked by')[0]);
}
