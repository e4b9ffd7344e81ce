/**
 * Real Terraform: synthesize stacks, `terraform init` against the local provider mirror, `validate`,
 * `plan` offline, and read the planned values back from `terraform show -json`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformVariable } from 'cdktf';
import { IamServiceAccount, IrsaRole, OidcProvider, buildTrustPolicy } from '../../src';
import {
  initAndValidate,
  planJson,
  plannedResources,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { ARN_1, ISSUER_1, offlineStack, provider1, provider2 } from '../support/stacks';

const S3_POLICY = {
  Version: '2012-10-17' as const,
  Statement: [
    { Effect: 'Allow' as const, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::bucket/*' },
  ],
};

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  'terraform plan of a role-only stack (AWS provider)',
  () => {
    let dir: string;
    let plan: ReturnType<typeof planJson>;
    let helm: IamServiceAccount;
    let multi: IrsaRole;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-plan-'));
      const { app, stack } = offlineStack(dir);
      helm = new IamServiceAccount(stack, 'external-dns', {
        oidcProvider: provider1(),
        namespace: 'kube-system',
        name: 'external-dns',
        roleName: 'external-dns',
        roleOnly: true,
        attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess'],
        inlinePolicy: S3_POLICY,
        maxSessionDuration: 7200,
        tags: { team: 'platform' },
        wellKnownPolicies: { externalDns: { hostedZoneIds: ['Z0123456789ABC'] } },
      });
      multi = new IrsaRole(stack, 'multi', {
        roleName: 'multi-cluster',
        rolePath: '/irsa/',
        allowWildcardSubjects: true,
        trust: [
          { oidcProvider: provider1(), serviceAccounts: ['apps:api', 'batch-*:worker'] },
          { oidcProvider: provider2(), serviceAccounts: ['apps:api'] },
        ],
        attachPolicyArns: [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::111122223333:policy/custom',
        ],
      });
      // The ARN as a Terraform value: issuer, partition and account are computed by Terraform.
      const arnVariable = new TerraformVariable(stack, 'oidc_provider_arn', {
        type: 'string',
        default: ARN_1,
      });
      new IrsaRole(stack, 'from-token', {
        roleName: 'from-token',
        permissionsManagedElsewhere: true,
        trust: [
          { oidcProvider: OidcProvider.fromArn(arnVariable.stringValue), serviceAccounts: ['apps:api'] },
        ],
      });
      app.synth();
      const stackDir = path.join(dir, 'stacks', 'offline');
      initAndValidate(stackDir);
      plan = planJson(stackDir);
    });

    test('a token ARN: Terraform computes the same trust policy as a literal ARN', () => {
      const roles = new Map(
        [...plannedResources(plan, 'aws_iam_role').values()].map((r) => [r.name as string, r]),
      );
      const expected = buildTrustPolicy({
        trust: [{ providerArn: ARN_1, issuer: ISSUER_1, serviceAccounts: ['apps:api'] }],
      });
      expect(JSON.parse(roles.get('from-token')!.assume_role_policy as string)).toEqual(expected);
    });

    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('the planned trust policies are exactly the constructs’ trust policies', () => {
      const roles = [...plannedResources(plan, 'aws_iam_role').values()];
      const byName = new Map(roles.map((r) => [r.name as string, r]));
      expect(JSON.parse(byName.get('external-dns')!.assume_role_policy as string)).toEqual(helm.trustPolicy);
      expect(JSON.parse(byName.get('multi-cluster')!.assume_role_policy as string)).toEqual(
        multi.trustPolicy,
      );
      const trust = JSON.parse(byName.get('external-dns')!.assume_role_policy as string);
      expect(trust.Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Federated: ARN_1 },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${ISSUER_1}:aud`]: 'sts.amazonaws.com',
              [`${ISSUER_1}:sub`]: 'system:serviceaccount:kube-system:external-dns',
            },
          },
        },
      ]);
      expect(JSON.parse(byName.get('multi-cluster')!.assume_role_policy as string).Statement).toHaveLength(3);
    });

    test('role settings are planned as given', () => {
      const roles = new Map(
        [...plannedResources(plan, 'aws_iam_role').values()].map((r) => [r.name as string, r]),
      );
      expect(roles.get('external-dns')).toMatchObject({
        max_session_duration: 7200,
        tags: { team: 'platform' },
        path: '/',
      });
      expect(roles.get('multi-cluster')).toMatchObject({ path: '/irsa/', max_session_duration: 3600 });
    });

    test('attachments and the inline policy are planned', () => {
      const attachments = [...plannedResources(plan, 'aws_iam_role_policy_attachment').values()];
      expect(attachments.map((a) => [a.role, a.policy_arn]).sort()).toEqual([
        ['external-dns', 'arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess'],
        ['multi-cluster', 'arn:aws:iam::111122223333:policy/custom'],
        ['multi-cluster', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
      ]);
      const inline = [...plannedResources(plan, 'aws_iam_role_policy').values()].sort((a, b) =>
        String(a.name).localeCompare(String(b.name)),
      );
      expect(inline.map((p) => [p.name, p.role])).toEqual([
        ['irsa-permissions', 'external-dns'],
        ['irsa-permissions-externalDns', 'external-dns'],
      ]);
      expect(JSON.parse(inline[0].policy as string)).toEqual(S3_POLICY);
      expect(JSON.parse(inline[1].policy as string).Statement[0].Resource).toEqual([
        'arn:aws:route53:::hostedzone/Z0123456789ABC',
      ]);
    });

    test('nothing but the expected resources is planned, all as creates', () => {
      const changes = plan.resource_changes ?? [];
      expect(changes.map((c) => c.type).sort()).toEqual([
        'aws_iam_role',
        'aws_iam_role',
        'aws_iam_role',
        'aws_iam_role_policy',
        'aws_iam_role_policy',
        'aws_iam_role_policy_attachment',
        'aws_iam_role_policy_attachment',
        'aws_iam_role_policy_attachment',
      ]);
      expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    });
  },
);

describeUnless(
  terraformUnavailableReason(['hashicorp/aws', 'hashicorp/kubernetes']),
  'terraform plan of a stack with a ServiceAccount (AWS and Kubernetes providers)',
  () => {
    test('the ServiceAccount is planned with the role annotation', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-plan-k8s-'));
      try {
        const { app, stack } = offlineStack(dir);
        stack.addOverride('terraform.required_providers.kubernetes.version', '>= 2.0');
        // A provider construct, as users write it: CDKTF's synth validation needs one for kubernetes resources.
        new KubernetesProvider(stack, 'kubernetes', { host: 'https://127.0.0.1:1', insecure: true });
        new IamServiceAccount(stack, 'sa', {
          oidcProvider: provider1(),
          name: 's3-reader',
          inlinePolicy: S3_POLICY,
        });
        app.synth();
        const stackDir = path.join(dir, 'stacks', 'offline');
        initAndValidate(stackDir);
        const sa = [...plannedResources(planJson(stackDir), 'kubernetes_service_account_v1').values()][0];
        expect(sa).toMatchObject({ metadata: [{ name: 's3-reader', namespace: 'default' }] });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
