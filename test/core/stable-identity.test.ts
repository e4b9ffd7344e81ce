/**
 * Day 2 (issue 23, item 4): what users change on a deployed stack must not rename a role or move a
 * resource to another address. Readable role names depend only on what identifies the role to the user
 * (stack, construct path, namespace and service account); attachment addresses only on strings known at
 * synth (the managed policy's name, the Terraform expression of an ARN), never on list positions or on
 * whether the partition is a token. Addresses the previous release (0.1.0, commit 86fef9a) gave are moved
 * with `moved` blocks, stated literally here as that release synthesized them.
 */
import { createHash } from 'node:crypto';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { IamServiceAccount, IamServiceAccountProps, IrsaRole, OidcProvider } from '../../src';
import { provider1, provider2, synthJson, testStack, type Synthesized } from '../support/stacks';

const sha8 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);
const ATTACHMENT = 'aws_iam_role_policy_attachment';

function roleNames(json: Synthesized): string[] {
  return Object.values(json.resource?.aws_iam_role ?? {}).map((r) => r.name as string);
}

/** The attachments' addresses, keyed by the policy ARN as synthesized. */
function attachments(json: Synthesized): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [address, r] of Object.entries(json.resource?.[ATTACHMENT] ?? {})) {
    out[r.policy_arn as string] = address;
  }
  return out;
}

interface Moved {
  readonly from: string;
  readonly to: string;
}
const movedOf = (json: Synthesized): Moved[] => (json.moved as Moved[] | undefined) ?? [];

/** The last path segment of an ARN, so token and literal partitions compare equal. */
const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

describe('readable role names survive documented changes', () => {
  const sa = (stack: TerraformStack, props: Record<string, unknown>) =>
    new IamServiceAccount(stack, 'sa', {
      name: 'app',
      namespace: 'shop',
      roleOnly: true,
      roleNaming: 'readable',
      ...props,
    } as IamServiceAccountProps);
  const variants: [string, (stack: TerraformStack) => Record<string, unknown>][] = [
    ['IRSA, one cluster', () => ({ oidcProvider: provider1() })],
    ['IRSA, a second cluster', () => ({ oidcProvider: provider1(), additionalOidcProviders: [provider2()] })],
    ['IRSA, the first cluster removed', () => ({ oidcProvider: provider2() })],
    ['both', () => ({ identity: 'both', oidcProvider: provider1(), clusterName: 'blue' })],
    ['pod-identity', () => ({ identity: 'pod-identity', clusterName: 'blue' })],
    ['pod-identity on another cluster', () => ({ identity: 'pod-identity', clusterName: 'green' })],
    [
      'fromClusterName (token ARN)',
      (stack) => ({ oidcProvider: OidcProvider.fromClusterName(stack, 'cluster', 'blue') }),
    ],
  ];

  test.each(variants)('IamServiceAccount, %s: <namespace>-<name>-<sha256(path, label)>', (_, props) => {
    const { stack } = testStack();
    sa(stack, props(stack));
    expect(roleNames(synthJson(stack))).toEqual([`shop-app-${sha8('test/sa\nshop-app')}`]);
  });

  test('IrsaRole: <id>-<sha256(path, id)>, whatever it trusts', () => {
    const names = [
      { trust: [{ oidcProvider: provider1(), serviceAccounts: ['shop:app'] }] },
      { trust: [{ oidcProvider: provider1(), serviceAccounts: ['shop:app', 'shop:worker'] }] },
      {
        trust: [
          { oidcProvider: provider1(), serviceAccounts: ['shop:app'] },
          { oidcProvider: provider2(), serviceAccounts: ['shop:app'] },
        ],
      },
      { podIdentity: [{ clusterName: 'blue', serviceAccounts: ['shop:app'] }] },
    ].map((props) => {
      const { stack } = testStack();
      new IrsaRole(stack, 'api', { roleNaming: 'readable', ...props });
      return roleNames(synthJson(stack))[0];
    });
    expect(new Set(names)).toEqual(new Set([`api-${sha8('test/api\napi')}`]));
  });

  test('two stacks with the same service account get two names; the same stack the same name', () => {
    const names = ['blue', 'green', 'blue'].map((id) => {
      const { stack } = testStack(id);
      sa(stack, { oidcProvider: provider1() });
      return roleNames(synthJson(stack))[0];
    });
    expect(names[0]).not.toBe(names[1]);
    expect(names[0]).toBe(names[2]);
  });
});

describe('attachment addresses come from stable strings, never list positions', () => {
  const wellKnown = { ebsCsiDriver: true, vpcCni: true, cloudWatchObservability: true };
  const withAddons = (provider: (stack: TerraformStack) => OidcProvider, addons: object) => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider(stack),
      name: 'app',
      roleOnly: true,
      wellKnownPolicies: addons,
    });
    return synthJson(stack);
  };
  const byName = (json: Synthesized) =>
    Object.fromEntries(Object.entries(attachments(json)).map(([arn, a]) => [policyName(arn), a]));
  const fromClusterName = (stack: TerraformStack) => OidcProvider.fromClusterName(stack, 'cluster', 'blue');

  test('an add-on removed: the others keep their addresses (token partition)', () => {
    const all = byName(withAddons(fromClusterName, wellKnown));
    const fewer = byName(withAddons(fromClusterName, { ...wellKnown, ebsCsiDriver: false }));
    expect(Object.keys(all)).toHaveLength(4);
    expect(Object.keys(fewer)).toHaveLength(3);
    for (const [name, address] of Object.entries(fewer)) expect(all[name]).toBe(address);
  });

  test('fromArn and fromClusterName give the same addresses', () => {
    expect(byName(withAddons(fromClusterName, wellKnown))).toEqual(byName(withAddons(provider1, wellKnown)));
  });

  test('attachPolicyArns with token ARNs: addresses from the Terraform expression', () => {
    const build = (names: string[]) => {
      const { stack } = testStack();
      const arns = names.map((n) => new TerraformVariable(stack, n, { type: 'string' }).stringValue);
      new IamServiceAccount(stack, 'sa', {
        oidcProvider: provider1(),
        name: 'app',
        roleOnly: true,
        attachPolicyArns: arns,
      });
      return attachments(synthJson(stack));
    };
    const ab = build(['a', 'b']);
    expect(build(['b'])['${var.b}']).toBe(ab['${var.b}']);
    expect(build(['b', 'a'])).toEqual(ab);
  });

  test('attachPolicy with a token ARN: the same rule', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['shop:app'] }],
    });
    role.attachPolicy(new TerraformVariable(stack, 'p', { type: 'string' }).stringValue);
    expect(Object.keys(attachments(synthJson(stack)))).toEqual(['${var.p}']);
    expect(Object.values(attachments(synthJson(stack)))[0]).not.toMatch(/attachment-\d+_/);
  });
});

describe('moved blocks from the addresses 0.1.0 gave (upgrade without replacement)', () => {
  test('add-on attachments with a token partition: from attachment-<position>', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: OidcProvider.fromClusterName(stack, 'cluster', 'blue'),
      name: 'app',
      roleOnly: true,
      attachPolicyArns: ['arn:aws:iam::111122223333:policy/literal'],
      wellKnownPolicies: { ebsCsiDriver: true, vpcCni: true },
    });
    const json = synthJson(stack);
    const to = byPolicy(json);
    expect(movedOf(json)).toEqual([
      { from: `${ATTACHMENT}.sa_attachment-1_158AF0A5`, to: `${ATTACHMENT}.${to.AmazonEBSCSIDriverPolicy}` },
      { from: `${ATTACHMENT}.sa_attachment-2_4A9CEAEA`, to: `${ATTACHMENT}.${to.AmazonEKS_CNI_Policy}` },
    ]);
  });

  test('literal ARNs kept their addresses: no moved blocks', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      name: 'app',
      roleOnly: true,
      attachPolicyArns: ['arn:aws:iam::111122223333:policy/literal'],
      wellKnownPolicies: { ebsCsiDriver: true, vpcCni: true },
    });
    expect(movedOf(synthJson(stack))).toEqual([]);
  });
});

function byPolicy(json: Synthesized): Record<string, string> {
  return Object.fromEntries(Object.entries(attachments(json)).map(([arn, a]) => [policyName(arn), a]));
}
