/**
 * terraform-aws-modules → modules/iam-role-for-service-accounts, against the emulator, step by step as
 * docs/migrating-from-terraform-aws-modules.md prescribes: a root configuration whose `module "irsa"` has
 * the addresses and attributes that upstream's v5 `iam-role-for-service-accounts-eks` or v6
 * `iam-role-for-service-accounts` leaves (fixtures/tam-v5-shape, tam-v6-shape) is applied, then switched to
 * this project's module with the guide's `moved` blocks, and each plan is asserted action by action: the
 * role is never replaced, the add-on policies turn from customer-managed `aws_iam_policy` into inline
 * policies (added first, by a targeted apply, so the role never lacks a permission), and the last plan is
 * "No changes".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { podIdentityModuleFiles } from '../../src/modules/pod-identity-module';
import type { TerraformPlan } from '../../tools/terraform';
import {
  EMULATOR_ACCOUNT_ID,
  Emulator,
  Workspace,
  emulatorProviderOverride,
  type Action,
  actionsOf,
  changesOf,
  emulatorUnavailableReason,
} from '../support/emulator';
import { describeUnless } from '../support/skip';
import {
  UPSTREAM_EXAMPLE_BLOCKS,
  upstreamBlockRows,
  writtenUpstreamBlocks,
} from '../support/upstream-examples';

const FIXTURES = path.join(__dirname, 'fixtures');
const MODULES = path.resolve(__dirname, '..', '..', 'modules');
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const ROLE = 'module.irsa.aws_iam_role.this[0]';
const GUIDE = path.resolve(__dirname, '..', '..', 'docs', 'migrating-from-terraform-aws-modules.md');

/** The guide's `moved` blocks, as printed in its `hcl` code blocks (the tests apply exactly what users copy), by `from`. */
function guideMovedBlocks(text = fs.readFileSync(GUIDE, 'utf8')): Map<string, string> {
  const out = new Map<string, string>();
  for (const fence of text.matchAll(/```hcl\n([\s\S]*?)```/g)) {
    for (const block of fence[1].matchAll(/^moved \{\n[\s\S]*?\n\}$/gm)) {
      const from = /^\s*from\s*=\s*(\S+)$/m.exec(block[0]);
      if (!from) throw new Error(`a moved block of ${GUIDE} has no from:\n${block[0]}`);
      out.set(from[1], block[0]);
    }
  }
  return out;
}

/** The moved blocks the emulator tests below apply, by `from`: every block the guide prints must be here. */
const APPLIED_MOVED_BLOCKS = [
  'module.irsa.aws_iam_role_policy_attachment.additional["s3"]',
  'module.irsa.aws_iam_role_policy_attachment.this[0]',
  'module.irsa.aws_iam_role_policy.inline[0]',
  'module.pod_identity.aws_iam_policy.custom[0]',
  'module.pod_identity.aws_iam_role_policy_attachment.custom[0]',
];

/** The guide's moved blocks with these `from` addresses, joined (throws if the guide lacks one). */
function moved(...froms: string[]): string {
  const blocks = guideMovedBlocks();
  return froms
    .map((from) => {
      const block = blocks.get(from);
      if (block === undefined) throw new Error(`${GUIDE} prints no moved block from ${from}`);
      return block;
    })
    .join('\n\n');
}

/** The role keeps its address and is neither replaced nor deleted (an in-place update is allowed). */
function expectRoleKept(actions: Record<string, Action>, address: string): void {
  expect({ address, action: actions[address] ?? 'no-op' }).toEqual({
    address,
    action: expect.stringMatching(/^(no-op|update)$/),
  });
}

/** A workspace with the upstream-shaped module copied in as `./upstream` and the emulator's provider. */
function workspace(emulator: Emulator, shape: string): Workspace {
  const ws = new Workspace(emulator, shape);
  fs.cpSync(path.join(FIXTURES, shape), path.join(ws.dir, 'upstream'), { recursive: true });
  const provider = emulatorProviderOverride(emulator.endpoint);
  ws.writeFiles({ 'provider.tf.json': JSON.stringify(provider, null, 2) }, ['provider.tf.json']);
  return ws;
}

/** `terraform plan -target=…` then `apply` of that saved plan (the guide's step 3); returns its actions. */
function applyTargeted(ws: Workspace, targets: string[]): Record<string, Action> {
  const actions = ws.planActions(targets);
  const result = ws.raw([
    'apply',
    '-input=false',
    '-no-color',
    '-lock=false',
    '-auto-approve',
    'irsa.tfplan',
  ]);
  if (result.status !== 0) throw new Error(`targeted apply failed: ${result.stderr}`);
  return actions;
}

/**
 * `terraform plan -refresh=false` (saved as norefresh.tfplan): for state holding Pod Identity associations,
 * which the emulator cannot read back. The plan compares the configuration with the state as it is.
 */
function planWithoutRefresh(ws: Workspace, targets: string[] = []): TerraformPlan {
  for (const args of [
    ['init', '-input=false', '-no-color'],
    [
      'plan',
      '-refresh=false',
      '-input=false',
      '-no-color',
      '-lock=false',
      '-out=norefresh.tfplan',
      ...targets.map((t) => `-target=${t}`),
    ],
  ]) {
    const result = ws.raw(args);
    if (result.status !== 0) throw new Error(`terraform ${args[0]} failed: ${result.stderr}`);
  }
  return JSON.parse(ws.raw(['show', '-json', 'norefresh.tfplan']).stdout) as TerraformPlan;
}

/** Applies norefresh.tfplan. */
function applyWithoutRefresh(ws: Workspace): void {
  const result = ws.raw([
    'apply',
    '-input=false',
    '-no-color',
    '-lock=false',
    '-auto-approve',
    'norefresh.tfplan',
  ]);
  if (result.status !== 0) throw new Error(`apply failed: ${result.stderr}`);
}

/**
 * Adds a Pod Identity association to the state, with the attributes AWS provider 5 records after creating
 * it (`terraform state push`): the emulator has no Pod Identity API to create it.
 */
function pushAssociation(ws: Workspace, key: string, attributes: Record<string, unknown>): void {
  const state = JSON.parse(ws.raw(['state', 'pull']).stdout) as { serial: number; resources: unknown[] };
  state.serial += 1;
  state.resources.push({
    module: 'module.pod_identity',
    mode: 'managed',
    type: 'aws_eks_pod_identity_association',
    name: 'this',
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [
      {
        index_key: key,
        schema_version: 0,
        attributes,
        sensitive_attributes: [],
        dependencies: [
          'module.pod_identity.aws_iam_role.this',
          'module.pod_identity.data.aws_iam_policy_document.assume',
        ],
      },
    ],
  });
  fs.writeFileSync(path.join(ws.dir, 'pushed.tfstate'), JSON.stringify(state));
  const result = ws.raw(['state', 'push', 'pushed.tfstate']);
  if (result.status !== 0) throw new Error(`state push failed: ${result.stderr}`);
}

/**
 * Whether the apply graph of the workspace's saved plan (irsa.tfplan) orders `after` after `before`
 * (a path of edges from the node of `after` to the node of `before`; Terraform walks unordered nodes in
 * parallel, in any order).
 */
function graphOrders(ws: Workspace, after: string, before: string): boolean {
  const result = ws.raw(['graph', '-plan=irsa.tfplan']);
  if (result.status !== 0) throw new Error(`terraform graph failed: ${result.stderr}`);
  const edges = new Map<string, string[]>();
  for (const m of result.stdout.matchAll(/"([^"]+)" -> "([^"]+)"/g)) {
    const [from, to] = [m[1].replace(/\\"/g, '"'), m[2].replace(/\\"/g, '"')];
    edges.set(from, [...(edges.get(from) ?? []), to]);
  }
  const node = (address: string) => [...edges.keys()].find((n) => n.includes(address)) ?? address;
  const seen = new Set<string>();
  const stack = [node(after)];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.includes(before)) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(edges.get(n) ?? []));
  }
  return false;
}

/** The role module's source, relative to the workspace (as a user's `source = "../modules/…"`). */
const ours = (ws: Workspace) =>
  JSON.stringify(path.relative(ws.dir, path.join(MODULES, 'iam-role-for-service-accounts')));

function role(ws: Workspace): { name: string; unique_id: string } {
  const state = ws.state().get(ROLE);
  return state?.values as { name: string; unique_id: string };
}

describe('the guide’s upstream examples table', () => {
  test('lists every module block of upstream’s examples once, and the generated examples write exactly the rows marked written', () => {
    const rows = upstreamBlockRows();
    for (const module of ['iam-role-for-service-accounts', 'eks-pod-identity'] as const) {
      const listed = rows.filter((r) => r.module === module).map((r) => r.block);
      expect({ module, listed: [...listed].sort() }).toEqual({
        module,
        listed: [...UPSTREAM_EXAMPLE_BLOCKS[module]].sort(),
      });
      const example = fs.readFileSync(
        path.join(MODULES, module, 'examples', 'terraform-aws-modules', 'main.tf'),
        'utf8',
      );
      const written = [...example.matchAll(/^module "([a-z0-9_]+)"/gm)].map((m) => m[1]).sort();
      expect({ module, written }).toEqual({ module, written: writtenUpstreamBlocks(module) });
    }
  });
});

describe('the guide’s moved blocks', () => {
  test('every moved block the guide prints is applied by a test below', () => {
    expect([...guideMovedBlocks().keys()].sort()).toEqual([...APPLIED_MOVED_BLOCKS].sort());
  });
});

describeUnless(emulatorUnavailableReason(), 'moving from terraform-aws-modules against the emulator', () => {
  let emulator: Emulator;
  let providerArn: string;

  beforeAll(async () => {
    emulator = await Emulator.start();
    const issuer = await emulator.createCluster('prod');
    providerArn = `arn:aws:iam::${EMULATOR_ACCOUNT_ID}:oidc-provider/${issuer.replace('https://', '')}`;
  }, 180_000);

  afterAll(async () => {
    await emulator?.stop();
  });

  test('v5 iam-role-for-service-accounts-eks: same module name, no moved block; add-on policies become inline', () => {
    const ws = workspace(emulator, 'tam-v5-shape');
    try {
      ws.writeFiles(
        {
          'main.tf': `module "irsa" {
  source = "./upstream"

  role_name                  = "prod-autoscaler"
  provider_arn               = "${providerArn}"
  namespace_service_accounts = ["kube-system:cluster-autoscaler"]
  role_policy_arns           = { s3 = "${S3_READ}" }
  cluster_name               = "prod"
  tags                       = { team = "platform" }
}
`,
        },
        ['provider.tf.json'],
      );
      ws.apply();
      const before = role(ws);
      expect(before.name).toBe('prod-autoscaler');

      // The guide's v5 root, input by input.
      ws.writeFiles(
        {
          'main.tf': `module "irsa" {
  source = ${ours(ws)}

  role_name = "prod-autoscaler"
  oidc_providers = {
    main = {
      provider_arn               = "${providerArn}"
      namespace_service_accounts = ["kube-system:cluster-autoscaler"]
    }
  }
  policy_arns = { s3 = "${S3_READ}" }
  addons = {
    cluster_autoscaler = { cluster_names = ["prod"] }
    external_dns       = {}
  }
  tags = { team = "platform" }
}
`,
        },
        ['provider.tf.json'],
      );
      const v5Plan = ws.planActions();
      expectRoleKept(v5Plan, ROLE);
      expect(v5Plan).toEqual({
        'module.irsa.aws_iam_policy.cluster_autoscaler[0]': 'delete',
        'module.irsa.aws_iam_policy.external_dns[0]': 'delete',
        'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"]': 'create',
        'module.irsa.aws_iam_role_policy.addons["external_dns"]': 'create',
        'module.irsa.aws_iam_role_policy_attachment.cluster_autoscaler[0]': 'delete',
        'module.irsa.aws_iam_role_policy_attachment.external_dns[0]': 'delete',
      });
      // Step 1: the inline add-on policies first, while the managed ones are still attached.
      expect(applyTargeted(ws, ['module.irsa.aws_iam_role_policy.addons'])).toEqual({
        'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"]': 'create',
        'module.irsa.aws_iam_role_policy.addons["external_dns"]': 'create',
      });
      // Step 2: the customer-managed add-on policies go.
      expect(ws.apply()).toEqual({
        'module.irsa.aws_iam_policy.cluster_autoscaler[0]': 'delete',
        'module.irsa.aws_iam_policy.external_dns[0]': 'delete',
        'module.irsa.aws_iam_role_policy_attachment.cluster_autoscaler[0]': 'delete',
        'module.irsa.aws_iam_role_policy_attachment.external_dns[0]': 'delete',
      });
      expect(ws.planActions()).toEqual({});
      expect(role(ws)).toMatchObject({ name: before.name, unique_id: before.unique_id });
    } finally {
      ws.dispose();
    }
  }, 900_000);

  test('v6 iam-role-for-service-accounts: role_name_prefix keeps the generated name, one moved block per policy', () => {
    const ws = workspace(emulator, 'tam-v6-shape');
    try {
      ws.writeFiles(
        {
          'main.tf': `module "irsa" {
  source = "./upstream"

  name                       = "autoscaler"
  provider_arn               = "${providerArn}"
  namespace_service_accounts = ["kube-system:cluster-autoscaler"]
  policies                   = { s3 = "${S3_READ}" }
  cluster_name               = "prod"
  tags                       = { team = "platform" }
}
`,
        },
        ['provider.tf.json'],
      );
      ws.apply();
      const before = role(ws);
      expect(before.name).toMatch(/^autoscaler-\d{26}$/);

      const root = (withMoved: boolean) => `module "irsa" {
  source = ${ours(ws)}

  role_name_prefix = "autoscaler-"
  oidc_providers = {
    main = {
      provider_arn               = "${providerArn}"
      namespace_service_accounts = ["kube-system:cluster-autoscaler"]
    }
  }
  policy_arns = { s3 = "${S3_READ}" }
  addons = {
    cluster_autoscaler = { cluster_names = ["prod"] }
  }
  tags = { team = "platform" }
}
${withMoved ? `\n${moved('module.irsa.aws_iam_role_policy_attachment.additional["s3"]')}\n` : ''}`;
      // Without the moved block the attachment would be destroyed and created again (a moment without it).
      ws.writeFiles({ 'main.tf': root(false) }, ['provider.tf.json']);
      const unmoved = ws.planActions();
      expectRoleKept(unmoved, ROLE);
      expect(unmoved).toMatchObject({
        'module.irsa.aws_iam_role_policy_attachment.additional["s3"]': 'delete',
        'module.irsa.aws_iam_role_policy_attachment.this["s3"]': 'create',
      });

      ws.writeFiles({ 'main.tf': root(true) }, ['provider.tf.json']);
      const v6Plan = ws.planActions();
      expectRoleKept(v6Plan, ROLE);
      expect(v6Plan).toEqual({
        'module.irsa.aws_iam_policy.this[0]': 'delete',
        'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"]': 'create',
        'module.irsa.aws_iam_role_policy_attachment.this[0]': 'delete',
      });
      // A targeted apply must also name both ends of each moved block (Terraform refuses otherwise).
      expect(
        applyTargeted(ws, [
          'module.irsa.aws_iam_role_policy.addons',
          'module.irsa.aws_iam_role_policy_attachment.additional["s3"]',
          'module.irsa.aws_iam_role_policy_attachment.this["s3"]',
        ]),
      ).toEqual({
        'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"]': 'create',
      });
      expect(ws.apply()).toEqual({
        'module.irsa.aws_iam_policy.this[0]': 'delete',
        'module.irsa.aws_iam_role_policy_attachment.this[0]': 'delete',
      });
      expect(ws.planActions()).toEqual({});
      expect(role(ws)).toMatchObject({ name: before.name, unique_id: before.unique_id });
      expect([...ws.state().keys()].sort()).toEqual([
        'module.irsa.aws_iam_role.this[0]',
        'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"]',
        'module.irsa.aws_iam_role_policy_attachment.this["s3"]',
      ]);
    } finally {
      ws.dispose();
    }
  }, 900_000);
  test('v6 with use_name_prefix = false, create_policy = true and an inline policy: the managed policy stays, updated in place; then create_policy switched off and on again in the safe order', () => {
    const ws = workspace(emulator, 'tam-v6-shape');
    try {
      ws.writeFiles(
        {
          'main.tf': `module "irsa" {
  source = "./upstream"

  name                       = "reports"
  use_name_prefix            = false
  create_inline_policy       = true
  provider_arn               = "${providerArn}"
  namespace_service_accounts = ["reports:reader"]
  policies                   = { s3 = "${S3_READ}" }
  cluster_name               = "prod"
  tags                       = { team = "platform" }
}
`,
        },
        ['provider.tf.json'],
      );
      ws.apply();
      const before = role(ws);
      expect(before.name).toBe('reports');
      expect(ws.state().get('module.irsa.aws_iam_policy.this[0]')?.values.name).toBe('Cluster_Autoscaler');

      const root = (createPolicy: boolean) => `module "irsa" {
  source = ${ours(ws)}

  role_name = "reports"
  oidc_providers = {
    main = {
      provider_arn               = "${providerArn}"
      namespace_service_accounts = ["reports:reader"]
    }
  }
  policy_arns = { s3 = "${S3_READ}" }
  addons = {
    cluster_autoscaler = { cluster_names = ["prod"] }
  }
  create_policy      = ${createPolicy}
  policy_name        = "Cluster_Autoscaler"
  policy_description = "Cluster autoscaler policy to allow examination and modification of EC2 Auto Scaling Groups"
  inline_policies = {
    reports = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Sid = "ReadReports", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*" }]
    })
  }
  tags = { team = "platform" }
}

${moved(
  'module.irsa.aws_iam_role_policy_attachment.additional["s3"]',
  'module.irsa.aws_iam_role_policy_attachment.this[0]',
  'module.irsa.aws_iam_role_policy.inline[0]',
)}
`;
      ws.writeFiles({ 'main.tf': root(true) }, ['provider.tf.json']);
      const plan = ws.plan();
      const actions = actionsOf(plan);
      expectRoleKept(actions, ROLE);
      // No inline turn: the add-on statements replace upstream's in the same managed policy, in place.
      expect(actions).toEqual({ 'module.irsa.aws_iam_policy.this[0]': 'update' });
      const changes = changesOf(plan);
      expect(changes.get('module.irsa.aws_iam_role_policy_attachment.policy[0]')).toMatchObject({
        action: 'no-op',
        previousAddress: 'module.irsa.aws_iam_role_policy_attachment.this[0]',
      });
      expect(changes.get('module.irsa.aws_iam_role_policy.this["reports"]')).toMatchObject({
        action: 'no-op',
        previousAddress: 'module.irsa.aws_iam_role_policy.inline[0]',
      });
      expect(ws.apply()).toEqual({ 'module.irsa.aws_iam_policy.this[0]': 'update' });
      expect(ws.planActions()).toEqual({});
      expect(role(ws)).toMatchObject({ name: before.name, unique_id: before.unique_id });

      // create_policy off: nothing orders the managed policy's detachment after the inline policy's
      // creation, so the documented order is a targeted apply of the inline add-on policies first.
      ws.writeFiles({ 'main.tf': root(false) }, ['provider.tf.json']);
      const toInline = ws.planActions();
      expectRoleKept(toInline, ROLE);
      expect(toInline).toEqual({
        'module.irsa.aws_iam_policy.this[0]': 'delete',
        'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"]': 'create',
        'module.irsa.aws_iam_role_policy_attachment.policy[0]': 'delete',
      });
      expect(
        graphOrders(
          ws,
          'module.irsa.aws_iam_role_policy_attachment.policy[0] (destroy)',
          'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"]',
        ),
      ).toBe(false);
      expect(applyTargeted(ws, ['module.irsa.aws_iam_role_policy.addons'])).toEqual({
        'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"]': 'create',
      });
      expect(ws.apply()).toEqual({
        'module.irsa.aws_iam_policy.this[0]': 'delete',
        'module.irsa.aws_iam_role_policy_attachment.policy[0]': 'delete',
      });
      expect(ws.planActions()).toEqual({});

      // And back: the managed policy and its attachment first, then the inline add-on policies go.
      ws.writeFiles({ 'main.tf': root(true) }, ['provider.tf.json']);
      const toManaged = ws.planActions();
      expectRoleKept(toManaged, ROLE);
      expect(toManaged).toEqual({
        'module.irsa.aws_iam_policy.this[0]': 'create',
        'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"]': 'delete',
        'module.irsa.aws_iam_role_policy_attachment.policy[0]': 'create',
      });
      expect(
        graphOrders(
          ws,
          'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"] (destroy)',
          'module.irsa.aws_iam_role_policy_attachment.policy[0]',
        ),
      ).toBe(false);
      expect(applyTargeted(ws, ['module.irsa.aws_iam_role_policy_attachment.policy'])).toEqual({
        'module.irsa.aws_iam_policy.this[0]': 'create',
        'module.irsa.aws_iam_role_policy_attachment.policy[0]': 'create',
      });
      expect(ws.apply()).toEqual({
        'module.irsa.aws_iam_role_policy.addons["cluster_autoscaler"]': 'delete',
      });
      expect(ws.planActions()).toEqual({});
      expect(role(ws)).toMatchObject({ name: before.name, unique_id: before.unique_id });
    } finally {
      ws.dispose();
    }
  }, 900_000);

  test('eks-pod-identity: same role, attachments and associations; create_policy = true keeps the custom policy (moved), the add-on policy goes', () => {
    const ws = workspace(emulator, 'tam-podid-shape');
    const POD_ROLE = 'module.pod_identity.aws_iam_role.this[0]';
    const ASSOCIATION = 'module.pod_identity.aws_eks_pod_identity_association.this["main"]';
    try {
      ws.writeFiles(
        {
          'main.tf': `module "pod_identity" {
  source = "./upstream"

  name                             = "autoscaler"
  additional_policy_arns           = { s3 = "${S3_READ}" }
  cluster_autoscaler_cluster_names = ["prod"]
  policy_statements = [{
    sid       = "ReadReports"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }]
  associations = {
    main = { cluster_name = "prod", namespace = "kube-system", service_account = "cluster-autoscaler", tags = { app = "autoscaler" } }
  }
  tags = { team = "platform" }
}
`,
        },
        ['provider.tf.json'],
      );
      // Everything but the association, which the emulator cannot create: it goes into the state by push.
      expect(Object.keys(ws.apply())).not.toContain(ASSOCIATION);
      const state = ws.state();
      const upstreamRole = state.get(POD_ROLE)!.values as { arn: string; name: string; unique_id: string };
      const customName = state.get('module.pod_identity.aws_iam_policy.custom[0]')!.values.name as string;
      expect(upstreamRole.name).toMatch(/^autoscaler-\d{26}$/);
      expect(customName).toMatch(/^autoscaler-\d{26}$/);
      const tags = { team: 'platform', app: 'autoscaler' };
      pushAssociation(ws, 'main', {
        association_arn: `arn:aws:eks:us-east-1:${EMULATOR_ACCOUNT_ID}:podidentityassociation/prod/a-0123456789abcdef0`,
        association_id: 'a-0123456789abcdef0',
        id: 'a-0123456789abcdef0',
        cluster_name: 'prod',
        namespace: 'kube-system',
        service_account: 'cluster-autoscaler',
        role_arn: upstreamRole.arn,
        tags,
        tags_all: tags,
      });

      const module: Record<string, string> = {};
      for (const [name, text] of Object.entries(podIdentityModuleFiles({ providerV6Arguments: false }))) {
        if (!name.includes('/') && name.endsWith('.tf')) module[`eks-pod-identity/${name}`] = text;
      }
      ws.writeFiles(
        {
          ...module,
          'main.tf': `module "pod_identity" {
  source = "./eks-pod-identity"

  role_name_prefix   = "autoscaler-"
  pod_identity_trust = "any-association"
  associations = {
    main = { cluster_name = "prod", namespace = "kube-system", service_account = "cluster-autoscaler" }
  }
  association_tags = { team = "platform", app = "autoscaler" }
  policy_arns      = { s3 = "${S3_READ}" }
  addons = {
    cluster_autoscaler = { cluster_names = ["prod"] }
  }
  policy_statements = [{
    sid       = "ReadReports"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }]
  create_policy      = true
  policy_name        = "${customName}"
  policy_description = "Custom IAM Policy"
  tags               = { team = "platform" }
}

${moved(
  'module.pod_identity.aws_iam_policy.custom[0]',
  'module.pod_identity.aws_iam_role_policy_attachment.custom[0]',
)}
`,
        },
        ['provider.tf.json'],
      );
      const plan = planWithoutRefresh(ws);
      const actions = actionsOf(plan);
      expectRoleKept(actions, POD_ROLE);
      expect(actions).toEqual({
        'module.pod_identity.aws_iam_policy.cluster_autoscaler[0]': 'delete',
        'module.pod_identity.aws_iam_policy.this[0]': 'update',
        'module.pod_identity.aws_iam_role_policy_attachment.cluster_autoscaler[0]': 'delete',
      });
      const changes = changesOf(plan);
      expect(changes.get(ASSOCIATION)?.action).toBe('no-op');
      expect(changes.get('module.pod_identity.aws_iam_role_policy_attachment.this["s3"]')?.action).toBe(
        'no-op',
      );
      expect(changes.get('module.pod_identity.aws_iam_policy.this[0]')?.previousAddress).toBe(
        'module.pod_identity.aws_iam_policy.custom[0]',
      );
      expect(changes.get('module.pod_identity.aws_iam_role_policy_attachment.policy[0]')).toMatchObject({
        action: 'no-op',
        previousAddress: 'module.pod_identity.aws_iam_role_policy_attachment.custom[0]',
      });
      // Step 3: the managed policy gets the add-on's statements before the add-on's own policy goes.
      expect(
        actionsOf(
          planWithoutRefresh(ws, [
            'module.pod_identity.aws_iam_policy.this[0]',
            'module.pod_identity.aws_iam_policy.custom[0]',
            'module.pod_identity.aws_iam_role_policy_attachment.policy[0]',
            'module.pod_identity.aws_iam_role_policy_attachment.custom[0]',
          ]),
        ),
      ).toEqual({ 'module.pod_identity.aws_iam_policy.this[0]': 'update' });
      applyWithoutRefresh(ws);
      expect(actionsOf(planWithoutRefresh(ws))).toEqual({
        'module.pod_identity.aws_iam_policy.cluster_autoscaler[0]': 'delete',
        'module.pod_identity.aws_iam_role_policy_attachment.cluster_autoscaler[0]': 'delete',
      });
      applyWithoutRefresh(ws);
      expect(actionsOf(planWithoutRefresh(ws))).toEqual({});
      const after = ws.raw(['state', 'list']).stdout.trim().split('\n').sort();
      expect(after.filter((a) => !a.includes('.data.'))).toEqual(
        [
          ASSOCIATION,
          POD_ROLE,
          'module.pod_identity.aws_iam_policy.this[0]',
          'module.pod_identity.aws_iam_role_policy_attachment.policy[0]',
          'module.pod_identity.aws_iam_role_policy_attachment.this["s3"]',
        ].sort(),
      );
      const kept = JSON.parse(ws.raw(['show', '-json']).stdout) as {
        values: {
          root_module: {
            child_modules: { resources: { address: string; values: Record<string, unknown> }[] }[];
          };
        };
      };
      const roleNow = kept.values.root_module.child_modules[0].resources.find((r) => r.address === POD_ROLE)!;
      expect(roleNow.values).toMatchObject({ name: upstreamRole.name, unique_id: upstreamRole.unique_id });
    } finally {
      ws.dispose();
    }
  }, 900_000);
});
