/**
 * A stack that uses every IRSA option of the constructs, built with nothing but props that existed before
 * `identity` did: its synthesized JSON is kept in test/core/golden/irsa-synth.json, produced by the code
 * before Pod Identity support, to show that output for existing users stays byte-identical. Since changed
 * deliberately, and only by: the managed-by label on created ServiceAccounts and the distinct field managers
 * of kubernetes_annotations and kubernetes_labels (issue 25; both in-place updates).
 */
import { TerraformStack, Testing } from 'cdktf';
import { IamServiceAccount, IrsaRole, OidcProvider } from '../../src';

const ARN_1 =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const ARN_2 =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5EC0BD0C1A57E55EC0BD0C1A57E5ABCD';

export function irsaGoldenSynth(): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'golden');
  const p1 = OidcProvider.fromArn(ARN_1);
  const p2 = OidcProvider.fromArn(ARN_2);
  new IamServiceAccount(stack, 'plain', { oidcProvider: p1, name: 'api', namespace: 'apps' });
  new IamServiceAccount(stack, 'full', {
    oidcProvider: p1,
    additionalOidcProviders: [p2],
    name: 'worker',
    namespace: 'jobs',
    roleName: 'worker',
    rolePath: '/irsa/',
    description: 'workers',
    maxSessionDuration: 7200,
    tags: { team: 'a', env: 'prod' },
    attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    inlinePolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    },
    wellKnownPolicies: { externalDns: { hostedZoneIds: ['Z123'] }, ebsCsiDriver: true },
    audience: 'vault',
    stsRegionalEndpoints: true,
    labels: { app: 'worker' },
    annotations: { 'example.com/owner': 'team-a' },
    automountServiceAccountToken: false,
  });
  new IamServiceAccount(stack, 'role-only', { oidcProvider: p2, name: 'dns', roleOnly: true });
  new IamServiceAccount(stack, 'override', {
    oidcProvider: p1,
    name: 'existing',
    overrideExistingServiceAccount: true,
    labels: { a: 'b' },
  });
  new IamServiceAccount(stack, 'attached', {
    oidcProvider: p1,
    name: 'attached',
    attachRoleArn: 'arn:aws:iam::111122223333:role/existing',
  });
  const role = new IrsaRole(stack, 'shared', {
    trust: [
      { oidcProvider: p1, serviceAccounts: ['apps:b', 'apps:a', 'team-*:api'] },
      { oidcProvider: p2, serviceAccounts: ['apps:a'] },
    ],
    allowWildcardSubjects: true,
    roleNamePrefix: 'shared-',
  });
  role.addToPolicy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' });
  role.attachPolicy('arn:aws:iam::111122223333:policy/custom');
  return Testing.synth(stack);
}
