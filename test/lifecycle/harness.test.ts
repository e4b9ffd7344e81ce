/**
 * The lifecycle harness itself: the emulator starts on a loopback port, Terraform applies a role there
 * and re-plans it with no changes, a Pod Identity association is planned but never applied, the provider
 * configuration is refused unless it is loopback-only, and the emulator is gone after stop().
 */
import { spawn } from 'node:child_process';
import { IamServiceAccount, IrsaRole, OidcProvider } from '../../src';
import {
  Emulator,
  Workspace,
  assertLoopbackOnly,
  byConstruct,
  emulatorProviderConfig,
  emulatorUnavailableReason,
  forEmulator,
  listensHere,
} from '../support/emulator';
import { synthConfig } from '../support/lifecycle';
import { describeUnless } from '../support/skip';

describe('assertLoopbackOnly', () => {
  const config = (endpoint: string) =>
    forEmulator({ provider: { aws: [{ region: 'us-east-1' }] } }, endpoint);

  test('accepts the emulator configuration', () => {
    expect(() => assertLoopbackOnly(config('http://127.0.0.1:5000'))).not.toThrow();
  });

  test('refuses a non-loopback endpoint', () => {
    expect(() => assertLoopbackOnly(config('https://iam.amazonaws.com'))).toThrow(
      'aws provider "default": endpoint iam is "https://iam.amazonaws.com", not a loopback URL',
    );
  });

  test('refuses a provider without endpoints', () => {
    expect(() => assertLoopbackOnly({ provider: { aws: [{ region: 'us-east-1' }] } })).toThrow(
      'endpoint iam is undefined, not a loopback URL',
    );
  });

  test('refuses a provider with a profile', () => {
    const block = { ...emulatorProviderConfig('http://127.0.0.1:5000'), profile: 'prod' };
    expect(() => assertLoopbackOnly({ provider: { aws: [block] } })).toThrow(
      'aws provider must not set profile here',
    );
  });

  test('replaces aliased providers too', () => {
    const out = forEmulator(
      { provider: { aws: [{ region: 'eu-west-1', alias: 'eu', profile: 'prod' }] } },
      'http://127.0.0.1:5000',
    );
    expect(out.provider?.aws).toEqual([emulatorProviderConfig('http://127.0.0.1:5000', 'eu')]);
  });
});

describe('emulatorUnavailableReason', () => {
  const saved = process.env.IRSA_REQUIRE_EMULATOR;
  afterEach(() => {
    if (saved === undefined) delete process.env.IRSA_REQUIRE_EMULATOR;
    else process.env.IRSA_REQUIRE_EMULATOR = saved;
  });

  test('a missing emulator is a reason to skip', () => {
    delete process.env.IRSA_REQUIRE_EMULATOR;
    expect(emulatorUnavailableReason('moto_server_absent')).toBe(
      'moto_server_absent (the AWS API emulator, pip package moto[server]) is not on PATH',
    );
  });

  test('with IRSA_REQUIRE_EMULATOR=1 a missing emulator fails the run', () => {
    process.env.IRSA_REQUIRE_EMULATOR = '1';
    expect(() => emulatorUnavailableReason('moto_server_absent')).toThrow(
      'IRSA_REQUIRE_EMULATOR=1 but moto_server_absent (the AWS API emulator, pip package moto[server]) is not on PATH: this run requires the AWS API emulator',
    );
  });
});

describeUnless(emulatorUnavailableReason(), 'lifecycle harness against moto_server', () => {
  let emulator: Emulator;
  let ws: Workspace;
  let issuer: string;

  beforeAll(async () => {
    emulator = await Emulator.start();
    issuer = await emulator.createCluster('blue');
    ws = new Workspace(emulator, 'harness');
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.stop();
  });

  test('the emulator listens on loopback and gives clusters an OIDC issuer', () => {
    expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
    expect(issuer).toMatch(/^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
  });

  test("the port's listening socket is the emulator's own, not another process's", () => {
    expect(listensHere(emulator.pid, emulator.port)).toBe(true);
    const other = spawn('sleep', ['30']);
    try {
      expect(listensHere(other.pid, emulator.port)).toBe(false);
    } finally {
      other.kill();
    }
  });

  test('apply, then the re-plan has no changes; the Pod Identity association stays planned', () => {
    const config = synthConfig((stack) => {
      const oidc = OidcProvider.fromClusterName(stack, 'blue', 'blue');
      new IrsaRole(stack, 'reader', {
        trust: [{ oidcProvider: oidc, serviceAccounts: ['apps:reader'] }],
        attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
      });
      new IamServiceAccount(stack, 'api', {
        identity: 'pod-identity',
        clusterName: 'blue',
        name: 'api',
        namespace: 'apps',
        roleOnly: true,
      });
    });
    const applied = ws.write(config).apply();
    expect(byConstruct(applied)).toEqual({
      'aws_iam_role.api_role': 'create',
      'aws_iam_role.reader_role': 'create',
      'aws_iam_role_policy_attachment.reader_attachment-aws-policy-AmazonS3ReadOnlyAccess': 'create',
    });
    expect(byConstruct(ws.planActions())).toEqual({
      'aws_eks_pod_identity_association.api_pod-identity-association': 'create',
    });
    const role = [...ws.state().values()].find((r) => r.address.startsWith('aws_iam_role.reader_role'));
    expect(role?.values.arn).toMatch(/^arn:aws:iam::123456789012:role\/terraform-/);
  });

  test('stop() ends the process', async () => {
    const other = await Emulator.start();
    const pid = other.pid!;
    await other.stop();
    await other.stop();
    expect(other.running).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
