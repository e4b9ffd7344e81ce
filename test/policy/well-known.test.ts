/**
 * `wellKnownPolicies` in the constructs: eksctl aliases, unknown keys and options (one error naming the
 * closest known key), required scopes, the warnings for scopes left at `*`, managed vs inline, and the
 * inline-policy quota telling the user to split add-ons across roles.
 */
import { TerraformVariable } from 'cdktf';
import { IamServiceAccount, IrsaRole, IrsaRoleProps, OidcProvider, WellKnownPolicies } from '../../src';
import { FULL, ROLE_GROUPS, pick } from '../support/addons';
import { ARN_1, provider1, resourcesOf, synthJson, testStack } from '../support/stacks';

function role(wellKnownPolicies: WellKnownPolicies, extra: Partial<IrsaRoleProps> = {}) {
  const { stack } = testStack();
  const construct = new IrsaRole(stack, 'role', {
    trust: [{ oidcProvider: provider1(), serviceAccounts: ['kube-system:addon'] }],
    wellKnownPolicies,
    ...extra,
  });
  return { stack, construct, json: synthJson(stack) };
}

function expectError(wellKnownPolicies: unknown, message: string) {
  const { stack } = testStack();
  expect(
    () =>
      new IrsaRole(stack, 'role', {
        trust: [{ oidcProvider: provider1(), serviceAccounts: ['kube-system:addon'] }],
        wellKnownPolicies: wellKnownPolicies as WellKnownPolicies,
      }),
  ).toThrow(`test/role: ${message}`);
  expect(stack.node.children.length).toBe(0);
}

function warnings(construct: IrsaRole): string[] {
  return construct.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

const policyNames = (json: ReturnType<typeof synthJson>) =>
  resourcesOf(json, 'aws_iam_role_policy').map((p) => p.name);
const attached = (json: ReturnType<typeof synthJson>) =>
  resourcesOf(json, 'aws_iam_role_policy_attachment').map((p) => p.policy_arn);

describe('the AWS Load Balancer Controller in one line', () => {
  test('awsLoadBalancerController: true writes its policy inline, named after the add-on', () => {
    const { json } = role({ awsLoadBalancerController: true });
    expect(policyNames(json)).toEqual(['irsa-permissions-awsLoadBalancerController']);
    const doc = JSON.parse(resourcesOf(json, 'aws_iam_role_policy')[0].policy as string);
    expect(doc.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: ['*'],
      Condition: { StringEquals: { 'iam:AWSServiceName': ['elasticloadbalancing.amazonaws.com'] } },
    });
  });
});

describe("eksctl's spellings", () => {
  test.each([
    ['autoScaler', 'clusterAutoscaler'],
    ['externalDNS', 'externalDns'],
    ['ebsCSIController', 'ebsCsiDriver'],
    ['efsCSIController', 'efsCsiDriver'],
  ])('%s grants what %s grants', (alias, key) => {
    const a = role({ [alias]: true } as WellKnownPolicies).json;
    const b = role({ [key]: true } as WellKnownPolicies).json;
    expect(resourcesOf(a, 'aws_iam_role_policy')).toEqual(resourcesOf(b, 'aws_iam_role_policy'));
    expect(attached(a)).toEqual(attached(b));
  });

  test("the issue's example: externalDNS and awsLoadBalancerController both grant", () => {
    const { json } = role({ externalDNS: true, awsLoadBalancerController: true } as WellKnownPolicies);
    expect(policyNames(json)).toEqual([
      'irsa-permissions-awsLoadBalancerController',
      'irsa-permissions-externalDns',
    ]);
  });
});

describe('errors', () => {
  test('an unknown key names it and the closest known key', () =>
    expectError(
      { externalDNs: true },
      'wellKnownPolicies key "externalDNs" is not a known add-on: did you mean "externalDns"? The keys are listed in WELL_KNOWN_ADDONS.',
    ));
  test('an unknown key far from every key', () =>
    expectError(
      { loadBalancer: true },
      'wellKnownPolicies key "loadBalancer" is not a known add-on: did you mean',
    ));
  test('an alias together with its key', () =>
    expectError(
      { clusterAutoscaler: true, autoScaler: true },
      'wellKnownPolicies.autoScaler cannot be combined with wellKnownPolicies.clusterAutoscaler: both name the Cluster Autoscaler add-on; give one.',
    ));
  test('an unknown option names the closest option', () =>
    expectError(
      { externalDns: { hostedZoneId: ['Z1'] } },
      'wellKnownPolicies.externalDns.hostedZoneId is not an option of externalDns: did you mean "hostedZoneIds"? Options: hostedZoneIds.',
    ));
  test('an option on an add-on without options', () =>
    expectError(
      { awsLoadBalancerController: { clusterName: 'x' } },
      'wellKnownPolicies.awsLoadBalancerController.clusterName is not an option: awsLoadBalancerController takes none (give true).',
    ));
  test('true for an add-on that needs a scope', () =>
    expectError(
      { velero: true },
      'wellKnownPolicies.velero true is invalid: it must be an object with bucketArns (this add-on has no unscoped form).',
    ));
  test('a missing required list', () =>
    expectError(
      { mountpointS3CsiDriver: { bucketArns: ['arn:aws:s3:::bucket1'] } },
      'wellKnownPolicies.mountpointS3CsiDriver.objectArns undefined is invalid: it must be a non-empty list of an S3 object-path ARN',
    ));
  test('a missing string option', () =>
    expectError(
      { pganalyze: { region: 'us-east-1' } },
      'wellKnownPolicies.pganalyze.accountId undefined is invalid: it must be a 12-digit AWS account ID.',
    ));
  test('a malformed ARN', () =>
    expectError(
      { velero: { bucketArns: ['arn:aws:s3:::Bad_Bucket'] } },
      'wellKnownPolicies.velero.bucketArns[0] "arn:aws:s3:::Bad_Bucket" is invalid: it must be an S3 bucket ARN',
    ));
  test('a list required by a flag', () =>
    expectError(
      { imageBuilder: { inline: true } },
      'wellKnownPolicies.imageBuilder.repositoryArns undefined is invalid: it must be a non-empty list of an ECR repository ARN: arn:<partition>:ecr:<region>:<account>:repository/<name, may end in *> (imageBuilder.inline needs it).',
    ));
  test('every Cluster Autoscaler tag scheme switched off', () =>
    expectError(
      { clusterAutoscaler: { clusterNames: ['prod'], autoscalerTag: false, kubernetesClusterTag: false } },
      'wellKnownPolicies.clusterAutoscaler with autoscalerTag = false and kubernetesClusterTag = false is invalid: it must keep at least one tag scheme on: without one the autoscaler could resize no group.',
    ));
  test('one of several lists required', () =>
    expectError(
      { externalSecrets: { createSecrets: true } },
      'wellKnownPolicies.externalSecrets needs at least one of secretArns, parameterArns: without them it would grant nothing.',
    ));
  test('a flag that is not a boolean', () =>
    expectError(
      { ebsCsiDriver: { inline: 'yes' } },
      'wellKnownPolicies.ebsCsiDriver.inline "yes" is invalid: it must be true or false.',
    ));
  test('a duplicate item', () =>
    expectError(
      { externalDns: { hostedZoneIds: ['Z1', 'Z1'] } },
      'wellKnownPolicies.externalDns.hostedZoneIds "Z1" is invalid: it must be a list without duplicates',
    ));
  test('not an object', () =>
    expectError(
      ['externalDns'],
      'wellKnownPolicies ["externalDns"] is invalid: it must be an object with one key per add-on',
    ));
  test('every add-on in one role: over the inline quota, with the sizes to split by', () =>
    expectError(
      FULL,
      'wellKnownPolicies "27563 characters" is invalid: it must be at most 10240 characters of inline policy per role, without white space, together with inlinePolicy (0): split the add-ons across roles (their sizes: karpenterController 5540, awsLoadBalancerController 5244, ebsCsiDriver 2902,',
    ));
});

describe('managed policies and inline opt-in', () => {
  test('ebsCsiDriver attaches the managed policy; inline writes the statements instead', () => {
    const managed = role({ ebsCsiDriver: true }).json;
    expect(attached(managed)).toEqual(['arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy']);
    expect(policyNames(managed)).toEqual([]);
    const inline = role({ ebsCsiDriver: { inline: true } }).json;
    expect(attached(inline)).toEqual([]);
    expect(policyNames(inline)).toEqual(['irsa-permissions-ebsCsiDriver']);
  });
  test('vpcCni: IPv4 managed, IPv6 inline', () => {
    const { json } = role({ vpcCni: { ipv4: false, ipv6: true } });
    expect(attached(json)).toEqual([]);
    const doc = JSON.parse(resourcesOf(json, 'aws_iam_role_policy')[0].policy as string);
    expect(doc.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['IPv6', 'CreateTagsIPv6']);
  });
  test('cloudWatchObservability attaches both AWS managed policies', () => {
    expect(attached(role({ cloudWatchObservability: true }).json).sort()).toEqual([
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
      'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy',
    ]);
  });
});

describe('warnings for scopes left at *', () => {
  test('externalDns without hosted zones says why', () => {
    const { construct } = role({ externalDns: true });
    expect(warnings(construct)).toEqual([
      'wellKnownPolicies.externalDns.hostedZoneIds is not set: ExternalDNS may change records in every hosted zone of the account; give the zones it manages.',
    ]);
  });
  test('scoped: no warning', () => {
    const { construct } = role({ externalDns: { hostedZoneIds: ['Z1'] } });
    expect(warnings(construct)).toEqual([]);
  });
});

describe('every add-on, split across roles', () => {
  test('each group synthesizes within the quotas, one inline policy per add-on with statements', () => {
    const seen = new Set<string>();
    for (const group of ROLE_GROUPS) {
      const { json } = role(pick(group));
      for (const p of resourcesOf(json, 'aws_iam_role_policy')) {
        seen.add(String(p.name).replace('irsa-permissions-', ''));
      }
    }
    expect(seen.size).toBe(Object.keys(FULL).length - 1); // cloudWatchObservability is managed only
  });

  test('IamServiceAccount takes the same catalog', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'lbc', {
      oidcProvider: provider1(),
      namespace: 'kube-system',
      name: 'aws-load-balancer-controller',
      roleOnly: true,
      wellKnownPolicies: { awsLoadBalancerController: true },
    });
    expect(policyNames(synthJson(stack))).toEqual(['irsa-permissions-awsLoadBalancerController']);
  });
});

describe('partitions', () => {
  const karpenter = FULL.karpenterController!;

  test('the service domain follows a literal partition (ec2.amazonaws.com.cn in China)', () => {
    const { stack } = testStack();
    new IrsaRole(stack, 'role', {
      trust: [
        {
          oidcProvider: OidcProvider.fromArn(
            'arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/0123456789ABCDEF0123456789ABCDEF',
          ),
          serviceAccounts: ['karpenter:karpenter'],
        },
      ],
      wellKnownPolicies: { karpenterController: karpenter },
    });
    const policy = String(resourcesOf(synthJson(stack), 'aws_iam_role_policy')[0].policy);
    expect(policy).toContain('"iam:PassedToService":["ec2.amazonaws.com.cn"]');
    expect(policy).toContain('arn:aws-cn:eks:us-east-1:111122223333:cluster/prod');
  });

  test('a token partition: Terraform looks the service domain up', () => {
    const { stack } = testStack();
    const arn = new TerraformVariable(stack, 'arn', { type: 'string', default: ARN_1 });
    new IrsaRole(stack, 'role', {
      trust: [
        { oidcProvider: OidcProvider.fromArn(arn.stringValue), serviceAccounts: ['karpenter:karpenter'] },
      ],
      wellKnownPolicies: { karpenterController: karpenter },
    });
    const policy = String(resourcesOf(synthJson(stack), 'aws_iam_role_policy')[0].policy);
    expect(policy).toMatch(/ec2\.\$\{lookup\(/);
  });
});
