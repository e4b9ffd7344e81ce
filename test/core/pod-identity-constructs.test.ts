import '../support/jest-setup';
/** IamServiceAccount `identity` and IrsaRole `podIdentity`, read back from the synthesized Terraform JSON. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { Testing, TerraformVariable } from 'cdktf';
import { IamServiceAccount, IamServiceAccountProps, IrsaRole, PolicyDocument } from '../../src';
import { irsaGoldenSynth } from '../support/irsa-golden-stack';
import { ARN_1, ISSUER_1, provider1, resourcesOf, synthJson, testStack } from '../support/stacks';
import { allows, podIdentityAdmits } from '../support/trust-oracle';

const trustOf = (role: Record<string, unknown>) =>
  JSON.parse(role.assume_role_policy as string) as PolicyDocument;

function single(json: ReturnType<typeof synthJson>, type: string) {
  const all = resourcesOf(json, type);
  expect(all).toHaveLength(1);
  return all[0];
}

describe('IamServiceAccount identity', () => {
  // The golden is the synth before Pod Identity support, updated once when the add-on catalog gave each
  // well-known add-on its own inline policy (before 0.1.0 was released).
  test('default identity: byte-identical to the synth before Pod Identity support', () => {
    const golden = fs.readFileSync(path.join(__dirname, 'golden', 'irsa-synth.json'), 'utf8');
    expect(irsaGoldenSynth()).toBe(golden);
  });

  test('pod-identity: scoped role, association, ServiceAccount without the role annotation', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      identity: 'pod-identity',
      clusterName: 'prod',
      namespace: 'apps',
      name: 'api',
      roleName: 'api',
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(EksPodIdentityAssociation, {
      cluster_name: 'prod',
      namespace: 'apps',
      service_account: 'api',
      role_arn: expect.stringMatching(/^\$\{aws_iam_role\..*\.arn\}$/),
    });
    const json = JSON.parse(synthesized);
    const association = single(json, 'aws_eks_pod_identity_association');
    expect(association).not.toHaveProperty('target_role_arn');
    expect(association).not.toHaveProperty('disable_session_tags');
    const serviceAccount = single(json, 'kubernetes_service_account_v1') as {
      metadata: Record<string, unknown>;
    };
    expect(serviceAccount.metadata).toEqual({
      name: 'api',
      namespace: 'apps',
      labels: { 'app.kubernetes.io/managed-by': 'cdktf-irsa' },
    });
    const trust = trustOf(single(json, 'aws_iam_role'));
    expect(trust).toEqual(sa.trustPolicy);
    expect(trust.Statement).toHaveLength(1);
    expect(podIdentityAdmits(trust, { cluster: 'prod', namespace: 'apps', serviceAccount: 'api' })).toBe(
      true,
    );
    expect(podIdentityAdmits(trust, { cluster: 'prod', namespace: 'apps', serviceAccount: 'web' })).toBe(
      false,
    );
    expect(podIdentityAdmits(trust, { cluster: 'dev', namespace: 'apps', serviceAccount: 'api' })).toBe(
      false,
    );
    expect(sa.identity).toBe('pod-identity');
    expect(sa.podIdentityAssociation).toBeDefined();
  });

  test('pod-identity keeps the caller’s annotations and labels, only not the role annotation', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      identity: 'pod-identity',
      clusterName: 'prod',
      name: 'api',
      annotations: { 'example.com/owner': 'a' },
      labels: { app: 'api' },
    });
    const sa = single(synthJson(stack), 'kubernetes_service_account_v1') as {
      metadata: Record<string, unknown>;
    };
    expect(sa.metadata.annotations).toEqual({ 'example.com/owner': 'a' });
    expect(sa.metadata.labels).toEqual({ app: 'api', 'app.kubernetes.io/managed-by': 'cdktf-irsa' });
  });

  test('both: one role trusted by the OIDC provider and Pod Identity; annotation and association', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      identity: 'both',
      oidcProvider: provider1(),
      clusterName: 'prod',
      namespace: 'apps',
      name: 'api',
    });
    const json = synthJson(stack);
    const trust = trustOf(single(json, 'aws_iam_role'));
    expect(trust.Statement.map((s) => Object.keys(s.Principal as object)[0])).toEqual([
      'Federated',
      'Service',
    ]);
    expect(podIdentityAdmits(trust, { cluster: 'prod', namespace: 'apps', serviceAccount: 'api' })).toBe(
      true,
    );
    expect(
      allows(trust, {
        federatedPrincipal: ARN_1,
        action: 'sts:AssumeRoleWithWebIdentity',
        context: {
          [`${ISSUER_1}:sub`]: 'system:serviceaccount:apps:api',
          [`${ISSUER_1}:aud`]: 'sts.amazonaws.com',
        },
      }),
    ).toBe(true);
    single(json, 'aws_eks_pod_identity_association');
    const sa = single(json, 'kubernetes_service_account_v1') as { metadata: { annotations: object } };
    expect(Object.keys(sa.metadata.annotations)).toEqual(['eks.amazonaws.com/role-arn']);
  });

  test('migration irsa -> both -> pod-identity: same role address and name, only the trust changes', () => {
    const common = {
      namespace: 'apps',
      name: 'api',
      roleName: 'api',
      inlinePolicy: {
        Version: '2012-10-17' as const,
        Statement: [{ Effect: 'Allow' as const, Action: 's3:GetObject', Resource: '*' }],
      },
    };
    const steps: IamServiceAccountProps[] = [
      { ...common, oidcProvider: provider1() },
      { ...common, identity: 'both', oidcProvider: provider1(), clusterName: 'prod' },
      { ...common, identity: 'pod-identity', clusterName: 'prod' },
    ];
    const synths = steps.map((props) => {
      const { stack } = testStack();
      new IamServiceAccount(stack, 'api', props);
      return synthJson(stack);
    });
    const roleAddresses = synths.map((j) => Object.keys(j.resource?.aws_iam_role ?? {}));
    expect(roleAddresses[0]).toHaveLength(1);
    expect(roleAddresses[1]).toEqual(roleAddresses[0]);
    expect(roleAddresses[2]).toEqual(roleAddresses[0]);
    const roles = synths.map((j) => single(j, 'aws_iam_role'));
    for (const role of roles) expect(role.name).toBe('api');
    // Everything but the trust policy is identical at each step (an in-place update, never a replacement).
    const withoutTrust = roles.map(({ assume_role_policy: _trust, ...rest }) => rest);
    expect(withoutTrust[1]).toEqual(withoutTrust[0]);
    expect(withoutTrust[2]).toEqual(withoutTrust[0]);
    // The inline policy and the ServiceAccount keep their addresses too.
    for (const type of ['aws_iam_role_policy', 'kubernetes_service_account_v1']) {
      const keys = synths.map((j) => Object.keys(j.resource?.[type] ?? {}));
      expect(keys[1]).toEqual(keys[0]);
      expect(keys[2]).toEqual(keys[0]);
    }
    // The association appears at step 2 and keeps its address at step 3.
    const associations = synths.map((j) => Object.keys(j.resource?.aws_eks_pod_identity_association ?? {}));
    expect(associations[0]).toEqual([]);
    expect(associations[1]).toHaveLength(1);
    expect(associations[2]).toEqual(associations[1]);
  });

  test('attachRoleArn: the association points at the existing role; no role is created', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      identity: 'pod-identity',
      clusterName: 'prod',
      name: 'api',
      attachRoleArn: 'arn:aws:iam::111122223333:role/existing',
    });
    const json = synthJson(stack);
    expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(0);
    expect(single(json, 'aws_eks_pod_identity_association').role_arn).toBe(
      'arn:aws:iam::111122223333:role/existing',
    );
    expect(sa.roleName).toBe('existing');
  });

  test('targetRoleArn, disableSessionTags and association tags reach the association (synth only: AWS provider 6)', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      identity: 'pod-identity',
      clusterName: 'prod',
      name: 'api',
      targetRoleArn: 'arn:aws:iam::444455556666:role/target',
      disableSessionTags: true,
      podIdentityTrust: 'any-association',
      associationTags: { team: 'a', env: 'prod' },
    });
    const json = synthJson(stack);
    const association = single(json, 'aws_eks_pod_identity_association');
    expect(association.target_role_arn).toBe('arn:aws:iam::444455556666:role/target');
    expect(association.disable_session_tags).toBe(true);
    expect(association.tags).toEqual({ env: 'prod', team: 'a' });
    expect(Object.keys(association.tags as object)).toEqual(['env', 'team']);
    // The role may assume the target role (and tag the session).
    const policy = single(json, 'aws_iam_role_policy');
    expect(policy.name).toBe('irsa-permissions-target-role');
    expect(JSON.parse(policy.policy as string).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Resource: 'arn:aws:iam::444455556666:role/target',
      },
    ]);
    // any-association: one unconditioned statement, usable without session tags, and a warning.
    const trust = trustOf(single(json, 'aws_iam_role'));
    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ]);
    expect(
      podIdentityAdmits(trust, {
        cluster: 'x',
        namespace: 'y',
        serviceAccount: 'z',
        sessionTagsDisabled: true,
      }),
    ).toBe(true);
  });

  test('any-association warns', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      identity: 'pod-identity',
      clusterName: 'prod',
      name: 'api',
      podIdentityTrust: 'any-association',
    });
    const warnings = sa.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual([
      expect.stringContaining(
        'podIdentityTrust "any-association" lets every EKS Pod Identity association in this account use the role',
      ),
    ]);
  });

  test('a token cluster name passes through to the association and the trust condition', () => {
    const { stack } = testStack();
    const cluster = new TerraformVariable(stack, 'cluster', { type: 'string' });
    new IamServiceAccount(stack, 'sa', {
      identity: 'pod-identity',
      clusterName: cluster.stringValue,
      name: 'api',
      roleOnly: true,
    });
    const json = synthJson(stack);
    expect(single(json, 'aws_eks_pod_identity_association').cluster_name).toBe('${var.cluster}');
    expect(single(json, 'aws_iam_role').assume_role_policy).toContain(
      '"aws:RequestTag/eks-cluster-name":"${var.cluster}"',
    );
    expect(resourcesOf(json, 'kubernetes_service_account_v1')).toHaveLength(0);
  });

  test('partition: managed policies of wellKnownPolicies follow it without an OIDC provider', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      identity: 'pod-identity',
      clusterName: 'prod',
      name: 'ebs',
      partition: 'aws-cn',
      roleOnly: true,
      wellKnownPolicies: { ebsCsiDriver: true },
    });
    expect(JSON.stringify(synthJson(stack))).toContain(
      'arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    );
  });
});

describe('IrsaRole podIdentity', () => {
  test('OIDC trust and Pod Identity trust for several clusters: exactly the listed service accounts', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['apps:api'] }],
      podIdentity: [
        { clusterName: 'blue', serviceAccounts: ['apps:api', 'jobs:worker'] },
        { clusterName: 'green', serviceAccounts: ['apps:api'] },
      ],
    });
    const trust = trustOf(single(synthJson(stack), 'aws_iam_role'));
    expect(trust).toEqual(role.trustPolicy);
    const admitted: string[] = [];
    for (const cluster of ['blue', 'green', 'red'])
      for (const namespace of ['apps', 'jobs'])
        for (const serviceAccount of ['api', 'worker'])
          if (podIdentityAdmits(trust, { cluster, namespace, serviceAccount }))
            admitted.push(`${cluster}/${namespace}:${serviceAccount}`);
    expect(admitted).toEqual(['blue/apps:api', 'blue/jobs:worker', 'green/apps:api']);
  });

  test('podIdentityTrustConditions: ANDed into every Pod Identity statement; the OIDC statement untouched', () => {
    const { stack } = testStack();
    const org = { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] };
    const role = new IrsaRole(stack, 'role', {
      trust: [{ oidcProvider: provider1(), serviceAccounts: ['apps:api'] }],
      podIdentity: [{ clusterName: 'blue', serviceAccounts: ['apps:api', 'jobs:worker'] }],
      podIdentityTrustConditions: [org],
    });
    const trust = trustOf(single(synthJson(stack), 'aws_iam_role'));
    expect(trust).toEqual(role.trustPolicy);
    expect(trust.Statement[0].Condition?.StringEquals).not.toHaveProperty('aws:PrincipalOrgID');
    expect(trust.Statement.slice(1).map((s) => s.Condition?.StringEquals?.['aws:PrincipalOrgID'])).toEqual([
      'o-a1b2c3d4e5',
      'o-a1b2c3d4e5',
    ]);
    // The scoping is unchanged: the evaluator ignores the unmodelled key only by failing it, so drop it.
    const scopingOnly = {
      ...trust,
      Statement: trust.Statement.map((s) => {
        const rest = Object.fromEntries(
          Object.entries(s.Condition?.StringEquals ?? {}).filter(([key]) => key !== 'aws:PrincipalOrgID'),
        );
        return s.Condition ? { ...s, Condition: { ...s.Condition, StringEquals: rest } } : s;
      }),
    };
    expect(
      podIdentityAdmits(scopingOnly, { cluster: 'blue', namespace: 'apps', serviceAccount: 'api' }),
    ).toBe(true);
    expect(
      podIdentityAdmits(scopingOnly, { cluster: 'blue', namespace: 'apps', serviceAccount: 'worker' }),
    ).toBe(false);
    // Without the organization's key in the request, nothing is admitted (the condition only narrows).
    expect(podIdentityAdmits(trust, { cluster: 'blue', namespace: 'apps', serviceAccount: 'api' })).toBe(
      false,
    );
  });

  test('IamServiceAccount podIdentityTrustConditions and associationTags', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      identity: 'pod-identity',
      clusterName: 'prod',
      namespace: 'apps',
      name: 'api',
      podIdentityTrustConditions: [
        { test: 'StringLike', variable: 'aws:RequestTag/kubernetes-pod-name', values: ['api-*'] },
      ],
      associationTags: { team: 'platform' },
    });
    const json = synthJson(stack);
    const trust = trustOf(single(json, 'aws_iam_role'));
    expect(trust).toEqual(sa.trustPolicy);
    expect(trust.Statement[0].Condition?.StringLike).toEqual({
      'aws:RequestTag/kubernetes-pod-name': 'api-*',
    });
    expect(podIdentityAdmits(trust, { cluster: 'prod', namespace: 'apps', serviceAccount: 'api' })).toBe(
      true,
    );
    expect(podIdentityAdmits(trust, { cluster: 'prod', namespace: 'apps', serviceAccount: 'web' })).toBe(
      false,
    );
    expect(single(json, 'aws_eks_pod_identity_association').tags).toEqual({ team: 'platform' });
  });

  test('podIdentityTrustStatements: ORed after the Pod Identity statements, as IAM JSON', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', {
      podIdentity: [{ clusterName: 'blue', serviceAccounts: ['apps:api'] }],
      podIdentityTrustStatements: [
        {
          sid: 'CI',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/ci'] }],
          conditions: [{ test: 'StringEquals', variable: 'sts:ExternalId', values: ['build'] }],
        },
        {
          effect: 'Deny',
          actions: ['sts:AssumeRole'],
          notPrincipals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }],
        },
      ],
    });
    const trust = trustOf(single(synthJson(stack), 'aws_iam_role'));
    expect(trust).toEqual(role.trustPolicy);
    expect(trust.Statement.slice(-2)).toEqual([
      {
        Sid: 'CI',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111122223333:role/ci'] },
        Action: ['sts:AssumeRole'],
        Condition: { StringEquals: { 'sts:ExternalId': ['build'] } },
      },
      {
        Effect: 'Deny',
        NotPrincipal: { AWS: ['arn:aws:iam::111122223333:root'] },
        Action: ['sts:AssumeRole'],
      },
    ]);
    // The Pod Identity scoping is unchanged by the extra statements.
    expect(podIdentityAdmits(trust, { cluster: 'blue', namespace: 'apps', serviceAccount: 'api' })).toBe(
      true,
    );
    expect(podIdentityAdmits(trust, { cluster: 'blue', namespace: 'apps', serviceAccount: 'web' })).toBe(
      false,
    );
  });

  test('IamServiceAccount podIdentityTrustStatements', () => {
    const { stack } = testStack();
    const sa = new IamServiceAccount(stack, 'sa', {
      identity: 'pod-identity',
      clusterName: 'prod',
      namespace: 'apps',
      name: 'api',
      podIdentityTrustStatements: [
        {
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/ci'] }],
        },
      ],
    });
    expect(sa.trustPolicy?.Statement.at(-1)).toEqual({
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::111122223333:role/ci'] },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    });
  });

  test('Pod Identity only: no OIDC trust needed', () => {
    const { stack } = testStack();
    const role = new IrsaRole(stack, 'role', {
      podIdentity: [{ clusterName: 'prod', serviceAccounts: ['a:b'] }],
    });
    expect(role.trustPolicy.Statement).toHaveLength(1);
    expect(role.trustPolicy.Statement[0].Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
  });
});
