import '../support/jest-setup';
import * as fs from 'node:fs';
import * as path from 'node:path';
/** Every prop and mode of the constructs, read back from the synthesized Terraform JSON. */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Annotations as KubernetesAnnotations } from '@cdktf/provider-kubernetes/lib/annotations';
import { Labels as KubernetesLabels } from '@cdktf/provider-kubernetes/lib/labels';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Testing } from 'cdktf';
import { IamServiceAccount, IrsaRole, OidcProvider, PolicyDocument } from '../../src';
import {
  ARN_1,
  ARN_2,
  ISSUER_1,
  ISSUER_2,
  provider1,
  provider2,
  resourcesOf,
  synthJson,
  testStack,
} from '../support/stacks';

const S3_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::bucket/*' },
  ],
};

function onlyRole(json: ReturnType<typeof synthJson>) {
  const roles = resourcesOf(json, 'aws_iam_role');
  expect(roles).toHaveLength(1);
  return roles[0];
}

describe('IrsaRole', () => {
  test('every role prop reaches aws_iam_role', () => {
    const { stack } = testStack();
    new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['apps:api'] }],
      roleName: 'api',
      rolePath: '/irsa/',
      permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary',
      maxSessionDuration: 7200,
      description: 'API pods',
      tags: { team: 'platform', env: 'prod' },
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'api',
      path: '/irsa/',
      permissions_boundary: 'arn:aws:iam::111122223333:policy/boundary',
      max_session_duration: 7200,
      description: 'API pods',
      tags: { env: 'prod', team: 'platform' },
    });
    const role = onlyRole(JSON.parse(synthesized));
    expect(Object.keys(role.tags as object)).toEqual(['env', 'team']); // sorted: deterministic output
    const trust = JSON.parse(role.assume_role_policy as string);
    expect(trust.Statement[0].Condition.StringEquals[`${ISSUER_1}:sub`]).toBe(
      'system:serviceaccount:apps:api',
    );
  });

  test('no name: Terraform generates one; namePrefix is passed through', () => {
    const { stack } = testStack();
    new IrsaRole(stack, 'a', { trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:a'] }] });
    new IrsaRole(stack, 'b', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }],
      roleNamePrefix: 'irsa-',
    });
    const roles = resourcesOf(synthJson(stack), 'aws_iam_role');
    expect(roles[0].name).toBeUndefined();
    expect(roles[0].name_prefix).toBeUndefined();
    expect(roles[1].name_prefix).toBe('irsa-');
  });

  test('attachments: one resource per ARN, ids from the ARN, role by reference', () => {
    const { stack } = testStack();
    new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }],
      attachPolicyArns: [
        'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
        'arn:aws:iam::111122223333:policy/team/custom',
      ],
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    });
    const json = synthJson(stack);
    const ids = Object.keys(json.resource?.aws_iam_role_policy_attachment ?? {});
    expect(ids).toEqual([
      expect.stringMatching(/^role_attachment-111122223333-policy-team-custom_[0-9A-F]{8}$/),
      expect.stringMatching(/^role_attachment-aws-policy-AmazonS3ReadOnlyAccess_[0-9A-F]{8}$/),
    ]);
    for (const a of resourcesOf(json, 'aws_iam_role_policy_attachment'))
      expect(a.role).toMatch(/^\$\{aws_iam_role\..*\.name\}$/);
  });

  test('inline policy: object or JSON text, default and custom name', () => {
    const { stack } = testStack();
    new IrsaRole(stack, 'a', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:a'] }],
      inlinePolicy: S3_POLICY,
    });
    new IrsaRole(stack, 'b', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }],
      inlinePolicy: JSON.stringify(S3_POLICY),
      inlinePolicyName: 'custom',
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: 'irsa-permissions' });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: 'custom' });
    for (const p of resourcesOf(JSON.parse(synthesized), 'aws_iam_role_policy')) {
      expect(JSON.parse(p.policy as string)).toEqual(S3_POLICY);
    }
  });

  test('multi-cluster trust and wildcards', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', {
      allowWildcardSubjects: true,
      audience: 'custom-aud',
      trust: [
        { oidcProvider: provider1(), serviceAccounts: ['apps:*'] },
        { oidcProvider: provider2(), serviceAccounts: ['apps:api'] },
      ],
    });
    const trust = JSON.parse(onlyRole(synthJson(stack)).assume_role_policy as string);
    expect(trust).toEqual(role.trustPolicy);
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Principal: { Federated: ARN_1 },
        Condition: {
          StringEquals: { [`${ISSUER_1}:aud`]: 'custom-aud' },
          StringLike: { [`${ISSUER_1}:sub`]: 'system:serviceaccount:apps:*' },
        },
      }),
      expect.objectContaining({
        Principal: { Federated: ARN_2 },
        Condition: {
          StringEquals: {
            [`${ISSUER_2}:aud`]: 'custom-aud',
            [`${ISSUER_2}:sub`]: 'system:serviceaccount:apps:api',
          },
        },
      }),
    ]);
  });

  test('a token ARN computes the issuer in Terraform', () => {
    const { stack } = testStack();
    const oidc = new IamOpenidConnectProvider(stack, 'oidc', {
      url: 'https://example.com',
      clientIdList: ['sts.amazonaws.com'],
    });
    new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: OidcProvider.fromArn(oidc.arn), serviceAccounts: ['a:b'] }],
    });
    const policy = onlyRole(synthJson(stack)).assume_role_policy as string;
    expect(policy).toContain('"Federated":"${aws_iam_openid_connect_provider.oidc.arn}"');
    expect(policy).toContain(
      '"${element(split("oidc-provider/", aws_iam_openid_connect_provider.oidc.arn), 1)}:sub"',
    );
  });

  test('addToPolicy and attachPolicy grant after construction', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }],
    });
    role.addToPolicy({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: 'arn:aws:sqs:us-east-1:111122223333:q',
    });
    role.addToPolicy({
      Effect: 'Allow',
      Action: 'sqs:ReceiveMessage',
      Resource: 'arn:aws:sqs:us-east-1:111122223333:q',
    });
    role.attachPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess');
    const json = synthJson(stack);
    const policies = resourcesOf(json, 'aws_iam_role_policy');
    expect(policies).toHaveLength(1);
    expect(policies[0].name).toBe('irsa-permissions-granted');
    expect(
      JSON.parse(policies[0].policy as string).Statement.map((s: { Action: string }) => s.Action),
    ).toEqual(['sqs:SendMessage', 'sqs:ReceiveMessage']);
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment')).toHaveLength(1);
    expect(() => role.attachPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')).toThrow(
      'test/role: attachPolicy "arn:aws:iam::aws:policy/ReadOnlyAccess" is invalid: that policy is already attached.',
    );
    expect(() => role.attachPolicy('ReadOnlyAccess')).toThrow(
      'test/role: attachPolicy "ReadOnlyAccess" is invalid: it must be an IAM policy ARN',
    );
    expect(() => role.addToPolicy({ Effect: 'Allow', Action: 'sqs:SendMessage' } as never)).toThrow(
      'test/role: addToPolicy statement.Statement[0].Resource undefined is invalid',
    );
  });

  test('attachPolicy stops at the 20-policy maximum', () => {
    const { stack } = testStack();
    const arns = Array.from({ length: 20 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`);
    const role = new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }],
      attachPolicyArns: arns,
    });
    expect(() => role.attachPolicy('arn:aws:iam::aws:policy/One-more')).toThrow(
      'the role already has 20 managed policies',
    );
  });

  test('awsProvider is set on every AWS resource', () => {
    const { stack } = testStack();
    const aws = new AwsProvider(stack, 'aws-other', { region: 'eu-west-1', alias: 'other' });
    new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }],
      attachPolicyArns: ['arn:aws:iam::aws:policy/A'],
      inlinePolicy: S3_POLICY,
      awsProvider: aws,
    });
    const json = synthJson(stack);
    for (const type of ['aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment']) {
      for (const r of resourcesOf(json, type)) expect(r.provider).toBe('aws.other');
    }
  });
});

describe('wellKnownPolicies', () => {
  test("eksctl's seven: managed policies attached, statements in one inline policy per add-on", () => {
    const { stack } = testStack();
    new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['kube-system:addons'] }],
      wellKnownPolicies: {
        clusterAutoscaler: true,
        externalDns: true,
        certManager: true,
        ebsCsiDriver: true,
        efsCsiDriver: true,
        vpcCni: true,
        imageBuilder: true,
      },
    });
    const json = synthJson(stack);
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual(
      expect.arrayContaining([
        'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
        'arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy',
        'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
        'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser',
      ]),
    );
    const policies = resourcesOf(json, 'aws_iam_role_policy');
    expect(policies.map((p) => p.name).sort()).toEqual([
      'irsa-permissions-certManager',
      'irsa-permissions-clusterAutoscaler',
      'irsa-permissions-externalDns',
    ]);
    const actions = policies.flatMap((p) =>
      JSON.parse(p.policy as string).Statement.flatMap((st: { Action: string | string[] }) => st.Action),
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'autoscaling:SetDesiredCapacity',
        'route53:ChangeResourceRecordSets',
        'route53:GetChange',
        'route53:ListHostedZonesByName',
        'eks:DescribeNodegroup',
      ]),
    );
  });

  test('scoping: hosted zones and one tag-conditioned statement per cluster', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['kube-system:addons'] }],
      wellKnownPolicies: {
        externalDns: { hostedZoneIds: ['Z0123456789ABC'] },
        clusterAutoscaler: { clusterNames: ['blue', 'green'] },
      },
    });
    const statements = resourcesOf(synthJson(stack), 'aws_iam_role_policy').flatMap(
      (p) => JSON.parse(p.policy as string).Statement,
    );
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['route53:ChangeResourceRecordSets'],
      Resource: ['arn:aws:route53:::hostedzone/Z0123456789ABC'],
    });
    const resize = statements.filter((st: { Condition?: object }) => st.Condition);
    expect(resize.map((st: { Condition: object }) => st.Condition)).toEqual([
      { StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/blue': ['owned'] } },
      { StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/green': ['owned'] } },
    ]);
    expect(role.role).toBeDefined();
  });

  test('ARNs follow the OIDC provider partition', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: OidcProvider.fromArn(
        'arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/0123456789ABCDEF0123456789ABCDEF',
      ),
      namespace: 'kube-system',
      name: 'ebs-csi-controller-sa',
      wellKnownPolicies: { ebsCsiDriver: true, certManager: true },
    });
    const json = JSON.stringify(synthJson(stack));
    expect(json).toContain('arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy');
    expect(json).toContain('arn:aws-cn:route53:::change/*');
  });
});

describe('IamServiceAccount', () => {
  test("the seed's case: role, inline policy and annotated ServiceAccount", () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 's3-reader', {
      oidcProvider: provider1(),
      name: 's3-reader',
      inlinePolicy: S3_POLICY,
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResource(IamRole);
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: 'irsa-permissions' });
    expect(synthesized).toHaveResourceWithProperties(ServiceAccountV1, {
      metadata: {
        name: 's3-reader',
        namespace: 'default',
        labels: { 'app.kubernetes.io/managed-by': 'cdktf-irsa' },
        annotations: { 'eks.amazonaws.com/role-arn': expect.stringMatching(/^\$\{aws_iam_role\..*\.arn\}$/) },
      },
    });
    expect(sa.serviceAccountNamespace).toBe('default');
    expect(sa.trustPolicy?.Statement[0].Condition?.StringEquals[`${ISSUER_1}:sub`]).toBe(
      'system:serviceaccount:default:s3-reader',
    );
  });

  test('labels, annotations, automount, audience and STS regional endpoints', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      namespace: 'apps',
      name: 'api',
      labels: { 'app.kubernetes.io/name': 'api', team: 'platform' },
      annotations: { 'example.com/owner': 'platform', 'eks.amazonaws.com/token-expiration': '86400' },
      automountServiceAccountToken: false,
      audience: 'custom-aud',
      stsRegionalEndpoints: true,
    });
    const [sa] = resourcesOf(synthJson(stack), 'kubernetes_service_account_v1') as {
      metadata: { labels: object; annotations: Record<string, string> };
      automount_service_account_token: boolean;
    }[];
    expect(sa.automount_service_account_token).toBe(false);
    expect(sa.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'cdktf-irsa',
      'app.kubernetes.io/name': 'api',
      team: 'platform',
    });
    expect(Object.keys(sa.metadata.annotations)).toEqual([
      'eks.amazonaws.com/audience',
      'eks.amazonaws.com/role-arn',
      'eks.amazonaws.com/sts-regional-endpoints',
      'eks.amazonaws.com/token-expiration',
      'example.com/owner',
    ]);
    expect(sa.metadata.annotations['eks.amazonaws.com/audience']).toBe('custom-aud');
    expect(sa.metadata.annotations['eks.amazonaws.com/sts-regional-endpoints']).toBe('true');
  });

  test('additionalOidcProviders: the same service account trusted on each cluster', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      additionalOidcProviders: [provider2()],
      namespace: 'kube-system',
      name: 'external-dns',
    });
    expect(sa.trustPolicy?.Statement.map((s) => s.Principal)).toEqual([
      { Federated: ARN_1 },
      { Federated: ARN_2 },
    ]);
    expect(sa.trustPolicy?.Statement[1].Condition?.StringEquals[`${ISSUER_2}:sub`]).toBe(
      'system:serviceaccount:kube-system:external-dns',
    );
  });

  test('roleOnly: role and policies, no Kubernetes resource', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      name: 'chart-sa',
      roleOnly: true,
      attachPolicyArns: ['arn:aws:iam::aws:policy/A'],
    });
    const json = synthJson(stack);
    expect(sa.serviceAccount).toBeUndefined();
    expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment')).toHaveLength(1);
    expect(Object.keys(json.resource ?? {}).filter((t) => t.startsWith('kubernetes_'))).toEqual([]);
  });

  test('attachRoleArn: no role, the ServiceAccount points at the existing role', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      name: 'app',
      attachRoleArn: 'arn:aws:iam::111122223333:role/team/existing-role',
    });
    const json = synthJson(stack);
    expect(sa.role).toBeUndefined();
    expect(sa.trustPolicy).toBeUndefined();
    expect(sa.roleName).toBe('existing-role');
    expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(0);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ServiceAccountV1, {
      metadata: {
        name: 'app',
        namespace: 'default',
        labels: { 'app.kubernetes.io/managed-by': 'cdktf-irsa' },
        annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/team/existing-role' },
      },
    });
    expect(() => sa.addToPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })).toThrow(
      'test/sa: addToPolicy is not available with attachRoleArn',
    );
    expect(() => sa.attachPolicy('arn:aws:iam::aws:policy/A')).toThrow(
      'test/sa: attachPolicy is not available with attachRoleArn',
    );
  });

  test('overrideExistingServiceAccount: kubernetes_annotations (and labels) with force', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      namespace: 'monitoring',
      name: 'existing',
      overrideExistingServiceAccount: true,
      labels: { team: 'obs' },
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).not.toHaveResource(ServiceAccountV1);
    expect(synthesized).toHaveResourceWithProperties(KubernetesAnnotations, {
      api_version: 'v1',
      kind: 'ServiceAccount',
      force: true,
      metadata: { name: 'existing', namespace: 'monitoring' },
    });
    expect(synthesized).toHaveResourceWithProperties(KubernetesLabels, {
      force: true,
      labels: { team: 'obs' },
    });
  });

  test('overrideExistingServiceAccount: annotations and labels apply with distinct field managers, the module’s', () => {
    // Server-side apply: one manager for both resources would make each apply release the other's fields.
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      namespace: 'monitoring',
      name: 'existing',
      overrideExistingServiceAccount: true,
      labels: { team: 'obs' },
    });
    const json = synthJson(stack);
    const managers = [
      resourcesOf(json, 'kubernetes_annotations')[0].field_manager,
      resourcesOf(json, 'kubernetes_labels')[0].field_manager,
    ];
    expect(managers).toEqual(['irsa-annotations', 'irsa-labels']);
    const moduleTf = fs.readFileSync(
      path.join(__dirname, '..', '..', 'modules', 'iam-service-account', 'main.tf'),
      'utf8',
    );
    const fromModule = [...moduleTf.matchAll(/field_manager\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(fromModule).toEqual(managers);
  });

  test('kubernetesProvider is set on the Kubernetes resource', () => {
    const { stack } = testStack();
    const k8s = new KubernetesProvider(stack, 'k8s-b', { alias: 'cluster_b' });
    new IamServiceAccount(stack, 'sa', { oidcProvider: provider1(), name: 'app', kubernetesProvider: k8s });
    expect(resourcesOf(synthJson(stack), 'kubernetes_service_account_v1')[0].provider).toBe(
      'kubernetes.cluster_b',
    );
  });

  test('addToPolicy and attachPolicy work on the created role', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', { oidcProvider: provider1(), name: 'app' });
    sa.addToPolicy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' });
    sa.attachPolicy('arn:aws:iam::aws:policy/A');
    const json = synthJson(stack);
    expect(resourcesOf(json, 'aws_iam_role_policy')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment')).toHaveLength(1);
  });
});
