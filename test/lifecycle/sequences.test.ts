/**
 * Day-2 sequences against the AWS API emulator: every step is planned against the state the previous
 * apply left, and the plan must do exactly what the edit asks, per resource: no role replaced or deleted,
 * attachments and inline policies changed only where the edit adds or removes them.
 *
 * One stack carries every scenario (test/lifecycle/scenarios.ts), so each step is one plan and one apply:
 * - IRSA → both → pod-identity → both → IRSA, with default, explicit and readable role names;
 * - blue/green: a role trusted on blue, then blue and green, then green only, then both again;
 * - add-ons with AWS managed policies (partition from `aws_partition`, a token) added, removed and
 *   reordered, and `attachPolicyArns` reordered, grown and shrunk;
 * - one role whose OIDC provider is named by `fromCluster`, `fromArn` and `fromClusterName` in turn.
 * Pod Identity associations cannot be applied in the emulator: they stay planned creations.
 */
import { Emulator, Workspace, emulatorUnavailableReason, type Action } from '../support/emulator';
import { semanticActions, synthConfig } from '../support/lifecycle';
import { describeUnless } from '../support/skip';
import { MANAGED_CLUSTER, POLICY, buildStep, providerArn, type Known, type Step } from './scenarios';

const ROLE = 'aws_iam_role';
const ATTACH = 'aws_iam_role_policy_attachment';
const ASSOC = 'aws_eks_pod_identity_association';
const mig = (action: Action) => ({
  [`${ROLE}.mig-default_role`]: action,
  [`${ROLE}.mig-explicit_role`]: action,
  [`${ROLE}.mig-readable_role`]: action,
});
const associations = {
  [`${ASSOC}.mig-default_pod-identity-association`]: 'create' as Action,
  [`${ASSOC}.mig-explicit_pod-identity-association`]: 'create' as Action,
  [`${ASSOC}.mig-readable_pod-identity-association`]: 'create' as Action,
};
const blueGreen = {
  [`${ROLE}.bg-default_role`]: 'update' as Action,
  [`${ROLE}.bg-readable_role`]: 'update' as Action,
  [`${ROLE}.bg-sa_role`]: 'update' as Action,
};
const attachment = (policy: string) => `${ATTACH}.addons:${policy}`;

const STEPS: { step: Step; expected: Record<string, Action>; why: string }[] = [
  {
    why: 'irsa → both, blue → blue+green, an add-on removed, attachPolicyArns reordered, fromCluster → fromArn',
    step: {
      identity: 'both',
      clusters: ['blue', 'green'],
      addons: ['efsCsiDriver', 'vpcCni'],
      attach: [POLICY.sqs, POLICY.s3],
      provider: 'fromArn',
    },
    expected: {
      ...mig('update'),
      ...associations,
      ...blueGreen,
      [attachment('service-role/AmazonEBSCSIDriverPolicy')]: 'delete',
    },
  },
  {
    why: 'both → pod-identity, blue+green → green, an add-on appended, one policy swapped, fromArn → fromClusterName',
    step: {
      identity: 'pod-identity',
      clusters: ['green'],
      addons: ['efsCsiDriver', 'vpcCni', 'cloudWatchObservability'],
      attach: [POLICY.sqs, POLICY.ddb],
      provider: 'fromClusterName',
    },
    expected: {
      ...mig('update'),
      ...associations,
      ...blueGreen,
      [attachment('CloudWatchAgentServerPolicy')]: 'create',
      [attachment('AWSXrayWriteOnlyAccess')]: 'create',
      [attachment('AmazonS3ReadOnlyAccess')]: 'delete',
      [attachment('AmazonDynamoDBReadOnlyAccess')]: 'create',
    },
  },
  {
    why: 'pod-identity → both, green → green+blue, add-ons and attachPolicyArns reordered, fromClusterName → fromCluster',
    step: {
      identity: 'both',
      clusters: ['green', 'blue'],
      addons: ['cloudWatchObservability', 'vpcCni', 'efsCsiDriver'],
      attach: [POLICY.ddb, POLICY.sqs],
      provider: 'fromCluster',
    },
    expected: { ...mig('update'), ...associations, ...blueGreen },
  },
  {
    why: 'both → irsa, back to blue only, the first add-ons back, fromCluster → fromArn',
    step: {
      identity: 'irsa',
      clusters: ['blue'],
      addons: ['ebsCsiDriver', 'efsCsiDriver', 'vpcCni'],
      attach: [POLICY.s3, POLICY.sqs],
      provider: 'fromArn',
    },
    expected: {
      ...mig('update'),
      ...blueGreen,
      [attachment('service-role/AmazonEBSCSIDriverPolicy')]: 'create',
      [attachment('CloudWatchAgentServerPolicy')]: 'delete',
      [attachment('AWSXrayWriteOnlyAccess')]: 'delete',
      [attachment('AmazonS3ReadOnlyAccess')]: 'create',
      [attachment('AmazonDynamoDBReadOnlyAccess')]: 'delete',
    },
  },
];

const FIRST: Step = {
  identity: 'irsa',
  clusters: ['blue'],
  addons: ['ebsCsiDriver', 'efsCsiDriver', 'vpcCni'],
  attach: [POLICY.s3, POLICY.sqs],
  provider: 'fromCluster',
};

describeUnless(emulatorUnavailableReason(), 'day-2 sequences against the emulator', () => {
  let emulator: Emulator;
  let ws: Workspace;
  const known: Known = {};
  const config = (step: Step) => synthConfig((stack) => buildStep(stack, step, known));

  beforeAll(async () => {
    emulator = await Emulator.start();
    await emulator.createCluster('blue');
    await emulator.createCluster('green');
    ws = new Workspace(emulator, 'sequences');
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.stop();
  });

  test('the first apply creates everything', () => {
    const actions = Object.values(semanticActions(ws.write(config(FIRST)).plan()));
    ws.apply();
    expect(new Set(actions)).toEqual(new Set(['create']));
    const cluster = [...ws.state().values()].find((r) => r.type === 'aws_eks_cluster');
    const issuer = (cluster?.values.identity as { oidc: { issuer: string }[] }[])[0].oidc[0].issuer;
    known.managedProviderArn = providerArn(issuer);
    expect(cluster?.values.name).toBe(MANAGED_CLUSTER);
  });

  test.each(STEPS.map((s, i) => [i + 1, s.why, s] as const))(
    'step %i (%s): exactly the asked changes, no role replaced',
    (_i, _why, { step, expected }) => {
      expect(known.managedProviderArn).toBeDefined();
      const actual = semanticActions(ws.write(config(step)).plan());
      // Applied before the assertion, so that a failed step leaves the next one planned against its state.
      ws.apply();
      expect(actual).toEqual(expected);
    },
  );

  test('after the last step the next plan has no changes', () => {
    expect(semanticActions(ws.plan())).toEqual({});
  });
});
