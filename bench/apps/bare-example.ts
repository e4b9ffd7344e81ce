/**
 * Cold-start baseline: the example app's resources (providers, data sources, roles, policies, the
 * ServiceAccount, outputs) declared with the provider classes directly, without this library: the first
 * cluster's OIDC provider derived from the cluster name as `OidcProvider.fromClusterName` does. Run in the
 * same folder as example/main.js (the local backend's state path is relative to it), the two write
 * byte-identical `cdk.tf.json` files (`cmp`).
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { App, Fn, TerraformOutput, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';

const ISSUER_2 = 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE2B4E0F1A2B3C4D5E6F7A8B9C0';
const ARN_2 = `arn:aws:iam::111122223333:oidc-provider/${ISSUER_2}`;
const statement = (arn: string, issuer: string, subject: string) => ({
  Effect: 'Allow',
  Principal: { Federated: arn },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: {
      [`${issuer}:aud`]: 'sts.amazonaws.com',
      [`${issuer}:sub`]: `system:serviceaccount:${subject}`,
    },
  },
});

const app = new App(process.env.BENCH_OUTDIR ? { outdir: process.env.BENCH_OUTDIR } : {});
const stack = new TerraformStack(app, 'irsa-example');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
const cluster = new DataAwsEksCluster(stack, 'cluster', { name: 'example-cluster' });
// The first cluster's OIDC provider, from its issuer, the caller's account and the partition.
const ISSUER_1 = Token.asString(Fn.replace(cluster.identity.get(0).oidc.get(0).issuer, 'https://', ''));
const partition = new DataAwsPartition(stack, 'irsa-partition', {}).partition;
const account = new DataAwsCallerIdentity(stack, 'irsa-caller-identity', {}).accountId;
const ARN_1 = Token.asString(
  Fn.join('', ['arn:', partition, ':iam::', account, ':oidc-provider/', ISSUER_1]),
);
new KubernetesProvider(stack, 'kubernetes', {
  host: cluster.endpoint,
  clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
  exec: [
    {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', 'example-cluster', '--region', 'us-east-1'],
    },
  ],
});

const s3 = new Construct(stack, 's3-reader');
const s3Role = new IamRole(s3, 'role', {
  name: 's3-reader',
  description: 'Lets default/s3-reader read and write objects in one bucket',
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [statement(ARN_1, ISSUER_1, 'default:s3-reader')],
  }),
});
new IamRolePolicy(s3, 'inline-policy', {
  name: 'irsa-permissions',
  role: s3Role.name,
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: 'arn:aws:s3:::example-irsa-bucket/*',
      },
    ],
  }),
});
new ServiceAccountV1(s3, 'service-account', {
  metadata: {
    name: 's3-reader',
    namespace: 'default',
    labels: { 'app.kubernetes.io/managed-by': 'cdktf-irsa' },
    annotations: { 'eks.amazonaws.com/role-arn': s3Role.arn },
  },
});

const dns = new Construct(stack, 'external-dns');
const dnsRole = new IamRole(dns, 'role', {
  name: 'external-dns',
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      statement(ARN_1, ISSUER_1, 'kube-system:external-dns'),
      statement(ARN_2, ISSUER_2, 'kube-system:external-dns'),
    ],
  }),
});
new IamRolePolicyAttachment(dns, 'attachment-aws-policy-AmazonRoute53ReadOnlyAccess', {
  role: dnsRole.name,
  policyArn: 'arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess',
});

new TerraformOutput(stack, 's3-reader-role-arn', { value: s3Role.arn });
new TerraformOutput(stack, 'external-dns-role-arn', { value: dnsRole.arn });
app.synth();
