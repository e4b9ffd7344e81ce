/**
 * Baseline: the same L1 resources as irsa-app, with the same JSON, declared directly (no library):
 * what a careful user would write by hand.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  BENCH_ISSUER,
  BENCH_POLICY_ARN,
  BENCH_PROVIDER_ARN,
  benchCount,
  benchOutdir,
  inlinePolicy,
  namespaceName,
  serviceAccountName,
} from './shared';

const app = new App({ outdir: benchOutdir() });
const stack = new TerraformStack(app, 'bench');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new KubernetesProvider(stack, 'kubernetes', {});
for (let i = 0; i < benchCount(); i++) {
  const scope = new Construct(stack, `sa-${i}`);
  const namespace = namespaceName(i);
  const name = serviceAccountName(i);
  const role = new IamRole(scope, 'role', {
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: BENCH_PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${BENCH_ISSUER}:aud`]: 'sts.amazonaws.com',
              [`${BENCH_ISSUER}:sub`]: `system:serviceaccount:${namespace}:${name}`,
            },
          },
        },
      ],
    }),
  });
  new IamRolePolicyAttachment(scope, 'attachment-aws-policy-AmazonS3ReadOnlyAccess', {
    role: role.name,
    policyArn: BENCH_POLICY_ARN,
  });
  new IamRolePolicy(scope, 'inline-policy', {
    name: 'irsa-permissions',
    role: role.name,
    policy: JSON.stringify(inlinePolicy(i)),
  });
  new ServiceAccountV1(scope, 'service-account', {
    metadata: {
      name,
      namespace,
      labels: { 'app.kubernetes.io/managed-by': 'cdktf-irsa' },
      annotations: { 'eks.amazonaws.com/role-arn': role.arn },
    },
  });
}
app.synth();
