/**
 * docs/cross-account.md, constructs: the cluster in one account, the role in another (the workload account).
 * The workload account gets its own IAM OIDC provider for the cluster's issuer and the role trusts that one;
 * both are created through the workload account's AWS provider. Synthesized and planned offline.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { EksOidcProvider, IamServiceAccount } from '../../src';
import {
  AWS_PROVIDER_CONSTRAINT,
  OFFLINE_AWS_PROVIDER_CDKTF,
  initAndValidate,
  planJson,
  plannedResources,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';

const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

/** The guide's example; offline, the workload provider has no assume_role (the guide's has one). */
function crossAccountStack(outdir: string): App {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'cross-account');
  stack.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_CONSTRAINT);
  // The cluster account: the default provider.
  new AwsProvider(stack, 'cluster-account', { ...OFFLINE_AWS_PROVIDER_CDKTF });
  // The workload account, where the OIDC provider and the role are created.
  const workload = new AwsProvider(stack, 'workload-account', {
    ...OFFLINE_AWS_PROVIDER_CDKTF,
    alias: 'workload',
  });
  const oidc = new EksOidcProvider(stack, 'cluster-oidc-in-workload', {
    issuerUrl: ISSUER,
    awsProvider: workload,
  });
  const reader = new IamServiceAccount(stack, 'reports-reader', {
    oidcProvider: oidc.oidcProvider,
    namespace: 'reports',
    name: 'reader',
    roleName: 'reports-reader',
    attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    awsProvider: workload,
    // The ServiceAccount lives in the cluster: annotate it there with the role's ARN (no Kubernetes provider here).
    roleOnly: true,
  });
  new TerraformOutput(stack, 'role_arn', { value: reader.roleArn });
  return app;
}

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  'cross-account IRSA with the constructs (terraform plan)',
  () => {
    let dir: string;
    let stackDir: string;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-cross-account-'));
      crossAccountStack(dir).synth();
      stackDir = path.join(dir, 'stacks', 'cross-account');
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('the OIDC provider and the role are created through the workload account’s provider', () => {
      const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as {
        resource: Record<string, Record<string, { provider?: string; assume_role_policy?: string }>>;
      };
      const providers = Object.values(json.resource.aws_iam_openid_connect_provider);
      const roles = Object.values(json.resource.aws_iam_role);
      const attachments = Object.values(json.resource.aws_iam_role_policy_attachment);
      expect([...providers, ...roles, ...attachments].map((r) => r.provider)).toEqual(
        Array(providers.length + roles.length + attachments.length).fill('aws.workload'),
      );
      expect(providers).toHaveLength(1);
      // The trust's Federated principal is that provider (in the role's account), by reference.
      expect(roles[0].assume_role_policy).toContain('aws_iam_openid_connect_provider.');
    });

    test('plans offline: one provider for the cluster’s issuer, one role, one attachment', () => {
      initAndValidate(stackDir);
      const plan = planJson(stackDir);
      const [provider] = [...plannedResources(plan, 'aws_iam_openid_connect_provider').values()];
      expect(provider).toMatchObject({ url: ISSUER, client_id_list: ['sts.amazonaws.com'] });
      const roles = [...plannedResources(plan, 'aws_iam_role').values()];
      expect(roles.map((r) => r.name)).toEqual(['reports-reader']);
      expect(
        [...plannedResources(plan, 'aws_iam_role_policy_attachment').values()].map((a) => a.policy_arn),
      ).toEqual(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    });
  },
);
