/**
 * Upgrading from 0.1.0 (issue 23): the app of tools/upgrade-app.ts as 0.1.0 synthesized it
 * (fixtures/0.1.0.tf.json) is applied to the AWS API emulator, then this release's synth of the same app
 * is planned against that state. Attachments 0.1.0 addressed by list position are moved (no destroy, no
 * create); a `roleNaming: "readable"` role is renamed, which replaces it, unless the documented step
 * (docs/upgrading.md: set `roleName` to the old name) is taken, as the `pinned` role does.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as library from '../../src';
import { TerraformPlan, terraform, terraformOk, terraformUnavailableReason } from '../../tools/terraform';
import { UPGRADE_STACK, synthUpgradeApp } from '../../tools/upgrade-app';
import { describeUnless } from '../support/skip';
import { Emulator, emulatorUnavailableReason, startEmulator } from './moto';

const FIXTURE = path.join(__dirname, 'fixtures', '0.1.0.tf.json');
const sha8 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

type Change = NonNullable<TerraformPlan['resource_changes']>[number] & { previous_address?: string };

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']) ?? emulatorUnavailableReason(),
  'upgrade from 0.1.0 against an applied state',
  () => {
    let emulator: Emulator;
    let dir: string;
    let changes: Change[];
    let oldNames: Map<string, string>;
    let replan: { status: number; stdout: string };

    beforeAll(async () => {
      emulator = await startEmulator();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-upgrade-'));
      emulator.aws([
        'eks',
        'create-cluster',
        '--name',
        'blue',
        '--role-arn',
        'arn:aws:iam::123456789012:role/eks',
        '--resources-vpc-config',
        'subnetIds=subnet-11111111',
      ]);
      const vars = ['-var', `endpoint=${emulator.endpoint}`];
      const old = path.join(dir, 'old');
      fs.mkdirSync(old);
      fs.copyFileSync(FIXTURE, path.join(old, 'cdk.tf.json'));
      terraformOk(old, ['init', '-input=false', '-no-color']);
      terraformOk(old, ['apply', '-auto-approve', '-input=false', '-no-color', ...vars]);
      const state = JSON.parse(terraformOk(old, ['show', '-json'])) as {
        values: { root_module: { resources: { address: string; values: Record<string, unknown> }[] } };
      };
      oldNames = new Map(
        state.values.root_module.resources
          .filter((r) => r.address.startsWith('aws_iam_role.'))
          .map((r) => [r.address, r.values.name as string]),
      );
      const pinned = [...oldNames].find(([address]) => address.startsWith('aws_iam_role.pinned_'));
      synthUpgradeApp({ library, outdir: path.join(dir, 'new'), pinnedRoleName: pinned?.[1] });
      const current = path.join(dir, 'new', 'stacks', UPGRADE_STACK);
      fs.copyFileSync(path.join(old, 'terraform.tfstate'), path.join(current, 'terraform.tfstate'));
      terraformOk(current, ['init', '-input=false', '-no-color']);
      terraformOk(current, ['plan', '-input=false', '-no-color', '-out=upgrade.tfplan', ...vars]);
      const plan = JSON.parse(terraformOk(current, ['show', '-json', 'upgrade.tfplan'])) as TerraformPlan;
      changes = (plan.resource_changes ?? []) as Change[];
      terraformOk(current, ['apply', '-input=false', '-no-color', 'upgrade.tfplan']);
      replan = terraform(current, ['plan', '-input=false', '-no-color', '-detailed-exitcode', ...vars]);
    });

    afterAll(async () => {
      await emulator?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test('0.1.0 applied every resource (the state the upgrade plans against)', () => {
      expect([...oldNames.keys()].sort()).toEqual([
        'aws_iam_role.addons_role_B8C26FAC',
        'aws_iam_role.pinned_role_263D901A',
        'aws_iam_role.readable_role_155AFBDA',
        'aws_iam_role.tokens_role_56DA51E1',
      ]);
    });

    test('list-position attachments are moved, nothing else changes but the readable role', () => {
      const moved = changes
        .filter((c) => c.previous_address !== undefined)
        .map((c) => [c.previous_address, c.address, c.change.actions.join(',')])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(moved).toEqual([
        [
          'aws_iam_role_policy_attachment.addons_attachment-1_3C648178',
          'aws_iam_role_policy_attachment.addons_attachment-aws-policy-service-role-AmazonEBSCSIDriverPolicy_355F66EA',
          'no-op',
        ],
        [
          'aws_iam_role_policy_attachment.addons_attachment-2_B37B76EE',
          'aws_iam_role_policy_attachment.addons_attachment-aws-policy-AmazonEKS_CNI_Policy_5F7C256A',
          'no-op',
        ],
        [
          'aws_iam_role_policy_attachment.tokens_attachment-0_FB1769C1',
          'aws_iam_role_policy_attachment.tokens_attachment-aws_iam_policy-first-arn_DE783C06',
          'no-op',
        ],
        [
          'aws_iam_role_policy_attachment.tokens_attachment-1_4050B3CF',
          'aws_iam_role_policy_attachment.tokens_attachment-aws_iam_policy-second-arn_8B382C47',
          'no-op',
        ],
        [
          'aws_iam_role_policy_attachment.tokens_attachment-2_13FA0B7B',
          'aws_iam_role_policy_attachment.tokens_attachment-aws_iam_policy-third-arn_E9C6DE32',
          'no-op',
        ],
      ]);
      const changed = changes
        .filter((c) => c.change.actions.join(',') !== 'no-op')
        .map((c) => [c.address, c.change.actions.join(',')]);
      expect(changed).toEqual([
        ['aws_iam_role.readable_role_155AFBDA', 'delete,create'],
        ['aws_iam_role_policy.readable_inline-policy_00B81A71', 'delete,create'],
      ]);
    });

    test('the readable name changes from 0.1.0 hash to <label>-<sha256(path, label)>', () => {
      const role = changes.find((c) => c.address === 'aws_iam_role.readable_role_155AFBDA');
      const before = (role?.change.before as Record<string, unknown>).name;
      expect(before).toBe(oldNames.get('aws_iam_role.readable_role_155AFBDA'));
      expect(before).toMatch(/^apps-worker-[0-9a-f]{8}$/);
      expect(role?.change.after?.name).toBe(`apps-worker-${sha8(`${UPGRADE_STACK}/readable\napps-worker`)}`);
      expect(role?.change.after?.name).not.toBe(before);
    });

    test('after the upgrade is applied, the next plan is "No changes" (the moved blocks stay harmless)', () => {
      expect(replan.stdout).toContain('No changes.');
      expect(replan.status).toBe(0);
    });
  },
);
