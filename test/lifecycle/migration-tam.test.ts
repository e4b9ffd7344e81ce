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
import {
  EMULATOR_ACCOUNT_ID,
  Emulator,
  Workspace,
  emulatorProviderOverride,
  type Action,
  emulatorUnavailableReason,
} from '../support/emulator';
import { describeUnless } from '../support/skip';

const FIXTURES = path.join(__dirname, 'fixtures');
const MODULES = path.resolve(__dirname, '..', '..', 'modules');
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const GUIDE = path.resolve(__dirname, '..', '..', 'docs', 'migrating-from-terraform-aws-modules.md');

/** The guide's v6 `moved` block, as printed there (the test applies exactly what users copy). */
function guideMovedBlock(): string {
  const found = /```hcl\n(moved \{[\s\S]*?\n\})\n```/.exec(fs.readFileSync(GUIDE, 'utf8'));
  if (!found) throw new Error(`${GUIDE} has no moved block`);
  return found[1];
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

/** The role module's source, relative to the workspace (as a user's `source = "../modules/…"`). */
const ours = (ws: Workspace) =>
  JSON.stringify(path.relative(ws.dir, path.join(MODULES, 'iam-role-for-service-accounts')));

function role(ws: Workspace): { name: string; unique_id: string } {
  const state = ws.state().get('module.irsa.aws_iam_role.this[0]');
  return state?.values as { name: string; unique_id: string };
}

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
      expect(ws.planActions()).toEqual({
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

      const root = (moved: boolean) => `module "irsa" {
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
${moved ? `\n${guideMovedBlock()}\n` : ''}`;
      // Without the moved block the attachment would be destroyed and created again (a moment without it).
      ws.writeFiles({ 'main.tf': root(false) }, ['provider.tf.json']);
      expect(ws.planActions()).toMatchObject({
        'module.irsa.aws_iam_role_policy_attachment.additional["s3"]': 'delete',
        'module.irsa.aws_iam_role_policy_attachment.this["s3"]': 'create',
      });

      ws.writeFiles({ 'main.tf': root(true) }, ['provider.tf.json']);
      expect(ws.planActions()).toEqual({
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
});
