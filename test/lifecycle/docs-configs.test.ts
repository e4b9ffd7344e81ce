/**
 * Every construct configuration of README.md and docs/*.md, applied to the AWS API emulator, then planned
 * again: the apply succeeds and the next plan has no changes (a perpetual diff in policy JSON, ordering,
 * tags or defaults would show here), except the Pod Identity associations the emulator cannot create.
 *
 * What cannot run here, and is left out with the reason printed: the ServiceAccounts (no Kubernetes API and
 * no `hashicorp/kubernetes` provider: the same constructs run with `roleOnly`), and `example/app.ts` as a
 * whole (it needs the Kubernetes provider; its AWS half is the README quick start and the two-cluster
 * external-dns role below). docs/modules.md's `TerraformHclModule` is the role module, applied by
 * test/lifecycle/modules.test.ts.
 */
import { TerraformOutput, type TerraformStack } from 'cdktf';
import { EksOidcProvider, IamServiceAccount, IrsaRole, OidcProvider } from '../../src';
import { FULL, ROLE_GROUPS } from '../support/addons';
import { Emulator, Workspace, emulatorUnavailableReason } from '../support/emulator';
import { semanticActions, synthConfig } from '../support/lifecycle';
import { describeUnless } from '../support/skip';

const ARN_1 =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const ARN_2 =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5EC0BD0C1A57E55EC0BD0C1A57E5ABCD';

process.stderr.write(
  'docs-configs: ServiceAccounts are applied as roleOnly (no Kubernetes API or hashicorp/kubernetes provider here)\n',
);

/** The README's and docs' configurations, in one stack (ids distinct; names generated unless the docs fix one). */
function buildDocs(stack: TerraformStack): void {
  // README "Quick start: CDK Terrain": fromArn, role only, one managed policy.
  new IamServiceAccount(stack, 'cdktn-s3-reader', {
    oidcProvider: OidcProvider.fromArn(ARN_1),
    name: 's3-reader',
    roleOnly: true,
    attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
  });
  // README "Quick start: CDKTF": fromClusterName and an inline policy (its ServiceAccount as roleOnly).
  const oidcProvider = OidcProvider.fromClusterName(stack, 'my-cluster', 'my-cluster');
  new IamServiceAccount(stack, 's3-reader', {
    oidcProvider,
    namespace: 'default',
    name: 's3-reader',
    roleOnly: true,
    inlinePolicy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::my-bucket/*' },
      ],
    },
  });
  // docs/cdktf.md role-only external-dns, with its output.
  const externalDns = new IamServiceAccount(stack, 'external-dns', {
    oidcProvider: OidcProvider.fromArn(ARN_1),
    namespace: 'kube-system',
    name: 'external-dns',
    roleOnly: true,
    wellKnownPolicies: { externalDns: { hostedZoneIds: ['Z0123456789ABC'] } },
  });
  new TerraformOutput(stack, 'external-dns-role-arn', { value: externalDns.roleArn });
  // example/app.ts's Helm role: trusted on two clusters.
  new IamServiceAccount(stack, 'example-external-dns', {
    oidcProvider,
    additionalOidcProviders: [OidcProvider.fromArn(ARN_2)],
    namespace: 'kube-system',
    name: 'external-dns',
    roleOnly: true,
    wellKnownPolicies: { externalDns: true },
  });
  // docs/constructs.md EksOidcProvider: the provider from the cluster's issuer, and a role through it.
  const oidc = new EksOidcProvider(stack, 'oidc', {
    issuerUrl: oidcProvider.cluster!.identity.get(0).oidc.get(0).issuer,
  });
  new IamServiceAccount(stack, 'app', { oidcProvider: oidc.oidcProvider, name: 'app', roleOnly: true });
  // docs/constructs.md wellKnownPolicies: the load balancer controller.
  new IamServiceAccount(stack, 'lbc', {
    oidcProvider,
    namespace: 'kube-system',
    name: 'aws-load-balancer-controller',
    roleOnly: true,
    wellKnownPolicies: { awsLoadBalancerController: true },
  });
  // docs/constructs.md Pod Identity (clusterName a token).
  new IamServiceAccount(stack, 'api', {
    identity: 'pod-identity',
    clusterName: oidcProvider.cluster!.name,
    namespace: 'apps',
    name: 'api',
    roleOnly: true,
    attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
  });
  // docs/pod-identity.md step 1 (`both`, roleName api).
  new IamServiceAccount(stack, 'docs-api', {
    identity: 'both',
    oidcProvider,
    clusterName: 'my-cluster',
    namespace: 'apps',
    name: 'api',
    roleName: 'api',
    roleOnly: true,
  });
  // docs/constructs.md IrsaRole table: every role option set (defaults and formatting would show as perpetual diffs).
  const all = new IrsaRole(stack, 'all-options', {
    trust: [{ oidcProvider, serviceAccounts: ['apps:one', 'apps:two'] }],
    podIdentity: [{ clusterName: 'my-cluster', serviceAccounts: ['apps:one'] }],
    roleNaming: 'readable',
    rolePath: '/irsa/',
    permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
    maxSessionDuration: 7200,
    description: 'every option',
    tags: { team: 'platform', env: 'test' },
    attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess'],
    inlinePolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
          Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs',
          Condition: { Bool: { 'aws:SecureTransport': true } },
        },
      ],
    },
    inlinePolicyName: 'app-permissions',
  });
  all.addToPolicy({ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::b'] });
  all.attachPolicy('arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess');
  // "the tests plan every add-on in five roles": each add-on's policy, with every scope given.
  ROLE_GROUPS.forEach((group, i) => {
    new IrsaRole(stack, `addons-${i}`, {
      trust: [{ oidcProvider, serviceAccounts: [`kube-system:addons-${i}`] }],
      wellKnownPolicies: Object.fromEntries(group.map((k) => [k, FULL[k]])),
    });
  });
}

describeUnless(emulatorUnavailableReason(), 'README and docs configurations against the emulator', () => {
  let emulator: Emulator;
  let ws: Workspace;

  beforeAll(async () => {
    emulator = await Emulator.start();
    await emulator.createCluster('my-cluster');
    ws = new Workspace(emulator, 'docs');
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.stop();
  });

  test('apply, then the next plan has no changes', () => {
    ws.write(synthConfig(buildDocs, 'irsa')).plan();
    ws.apply();
    expect(semanticActions(ws.plan())).toEqual({
      'aws_eks_pod_identity_association.api_pod-identity-association': 'create',
      'aws_eks_pod_identity_association.docs-api_pod-identity-association': 'create',
    });
  });
});
