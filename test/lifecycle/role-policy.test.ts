/**
 * create_policy on day 2, against the AWS API emulator: a role applied with inline policies (the default)
 * switched to one customer-managed policy and back. The role is never replaced or updated: only the
 * inline policies go and the managed policy and its attachment come (and the reverse), and each apply is
 * followed by a plan with no changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Emulator,
  Workspace,
  actionsOf,
  emulatorProviderOverride,
  emulatorUnavailableReason,
} from '../support/emulator';
import { describeUnless } from '../support/skip';

const MODULE = path.join(__dirname, '..', '..', 'modules', 'iam-role-for-service-accounts');
const ARN =
  'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';

const root = (createPolicy: boolean) => `
module "role" {
  source        = "./modules/iam-role-for-service-accounts"
  role_name     = "role-policy-switch"
  create_policy = ${createPolicy}
  oidc_providers = {
    main = { provider_arn = "${ARN}", namespace_service_accounts = ["apps:app"] }
  }
  addons = { cert_manager = {} }
  policy_statements = [
    { sid = "Read", actions = ["s3:GetObject"], resources = ["arn:aws:s3:::bucket/*"] },
  ]
  inline_policies = {
    mine = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })
  }
}
`;

describeUnless(emulatorUnavailableReason(), 'create_policy switched on an applied role (emulator)', () => {
  let emulator: Emulator;
  let ws: Workspace;

  beforeAll(async () => {
    emulator = await Emulator.start();
    ws = new Workspace(emulator, 'role-policy-switch');
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.stop();
  });

  const step = (createPolicy: boolean) => {
    const files: Record<string, string> = { 'main.tf': root(createPolicy) };
    for (const name of fs.readdirSync(MODULE).filter((f) => f.endsWith('.tf'))) {
      files[path.join('modules', 'iam-role-for-service-accounts', name)] = fs.readFileSync(
        path.join(MODULE, name),
        'utf8',
      );
    }
    files['emulator_override.tf.json'] = JSON.stringify(emulatorProviderOverride(emulator.endpoint), null, 2);
    ws.writeFiles(files, ['emulator_override.tf.json']);
    const actions = actionsOf(ws.plan());
    ws.apply();
    expect(actionsOf(ws.plan())).toEqual({});
    return actions;
  };

  test('inline, then managed, then inline again: the role is never touched', () => {
    expect(step(false)).toEqual({
      'module.role.aws_iam_role.this[0]': 'create',
      'module.role.aws_iam_role_policy.addons["cert_manager"]': 'create',
      'module.role.aws_iam_role_policy.statements[0]': 'create',
      'module.role.aws_iam_role_policy.this["mine"]': 'create',
    });
    const managed = {
      'module.role.aws_iam_policy.this[0]': 'create',
      'module.role.aws_iam_role_policy.addons["cert_manager"]': 'delete',
      'module.role.aws_iam_role_policy.statements[0]': 'delete',
      'module.role.aws_iam_role_policy_attachment.policy[0]': 'create',
    };
    expect(step(true)).toEqual(managed);
    const policy = ws.state().get('module.role.aws_iam_policy.this[0]');
    expect(policy).toBeDefined();
    const back = Object.fromEntries(
      Object.entries(managed).map(([address, action]) => [
        address,
        action === 'create' ? 'delete' : 'create',
      ]),
    );
    expect(step(false)).toEqual(back);
  });
});
