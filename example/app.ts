/**
 * The example stack, from a cluster name as `eksctl --cluster=<name>` works: the cluster's OIDC provider
 * found from the name, the seed's S3 reader service account, and a role-only service account trusted on
 * two clusters (for a ServiceAccount that a Helm chart creates). Works offline for `synth` with the
 * defaults below, and against a real cluster for `cdktf deploy` once the settings name real things.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, Fn, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { IamServiceAccount, OidcProvider } from '../src';

export interface ExampleSettings {
  /** The EKS cluster: the Kubernetes provider talks to it, and its OIDC provider is found from its name. */
  readonly clusterName: string;
  /** That cluster's IAM OIDC provider ARN; when unset it is derived from the cluster name (fromClusterName). */
  readonly oidcProviderArn?: string;
  /** A second cluster's IAM OIDC provider ARN (the role-only example trusts both). */
  readonly secondOidcProviderArn: string;
  /** The bucket the S3 reader may read and write. */
  readonly bucket: string;
  readonly region: string;
}

/** Offline example values: synth needs no AWS account. */
export const EXAMPLE_DEFAULTS: ExampleSettings = {
  clusterName: 'example-cluster',
  secondOidcProviderArn:
    'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE2B4E0F1A2B3C4D5E6F7A8B9C0',
  bucket: 'example-irsa-bucket',
  region: 'us-east-1',
};

/** Environment variables and cdktf context keys for each setting (env wins). */
export const SETTING_SOURCES: Record<keyof ExampleSettings, { env: string; context: string }> = {
  clusterName: { env: 'IRSA_CLUSTER_NAME', context: 'clusterName' },
  oidcProviderArn: { env: 'IRSA_OIDC_PROVIDER_ARN', context: 'oidcProviderArn' },
  secondOidcProviderArn: { env: 'IRSA_SECOND_OIDC_PROVIDER_ARN', context: 'secondOidcProviderArn' },
  bucket: { env: 'IRSA_BUCKET', context: 'bucket' },
  region: { env: 'AWS_REGION', context: 'region' },
};

export function readSettings(scope: Construct, env: NodeJS.ProcessEnv = process.env): ExampleSettings {
  const settings: { -readonly [K in keyof ExampleSettings]: ExampleSettings[K] } = { ...EXAMPLE_DEFAULTS };
  for (const key of Object.keys(SETTING_SOURCES) as (keyof ExampleSettings)[]) {
    const source = SETTING_SOURCES[key];
    const value = env[source.env] || (scope.node.tryGetContext(source.context) as string | undefined);
    if (value) settings[key] = value;
  }
  return settings;
}

export class IrsaExampleStack extends TerraformStack {
  readonly s3Reader: IamServiceAccount;
  readonly helmRole: IamServiceAccount;

  constructor(scope: Construct, id: string, settings: ExampleSettings) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: settings.region });

    // From the cluster name: one `data "aws_eks_cluster"` gives the issuer (the provider ARN is derived as
    // eksctl does) and the Kubernetes provider's endpoint and CA. A known ARN can be given instead.
    const fromArn = settings.oidcProviderArn ? OidcProvider.fromArn(settings.oidcProviderArn) : undefined;
    const byName = OidcProvider.fromClusterName(
      this,
      'cluster',
      settings.clusterName,
      // With a known ARN the account and partition need not be read.
      fromArn ? { accountId: fromArn.accountId, partition: fromArn.partition } : {},
    );
    const oidcProvider = fromArn ?? byName;
    const cluster = byName.cluster!;

    // The Kubernetes provider authenticates the way EKS users do: a short-lived token from `aws eks get-token`.
    new KubernetesProvider(this, 'kubernetes', {
      host: cluster.endpoint,
      clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
      exec: [
        {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'aws',
          args: ['eks', 'get-token', '--cluster-name', settings.clusterName, '--region', settings.region],
        },
      ],
    });

    this.s3Reader = new IamServiceAccount(this, 's3-reader', {
      oidcProvider,
      namespace: 'default',
      name: 's3-reader',
      roleName: 's3-reader',
      description: 'Lets default/s3-reader read and write objects in one bucket',
      inlinePolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject'],
            Resource: `arn:aws:s3:::${settings.bucket}/*`,
          },
        ],
      },
    });

    // The chart creates its own ServiceAccount; it only needs the role, trusted on both clusters.
    this.helmRole = new IamServiceAccount(this, 'external-dns', {
      oidcProvider,
      additionalOidcProviders: [OidcProvider.fromArn(settings.secondOidcProviderArn)],
      namespace: 'kube-system',
      name: 'external-dns',
      roleName: 'external-dns',
      roleOnly: true,
      attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess'],
    });

    new TerraformOutput(this, 's3-reader-role-arn', { value: this.s3Reader.roleArn });
    new TerraformOutput(this, 'external-dns-role-arn', { value: this.helmRole.roleArn });
  }
}

export function buildExampleApp(outdir?: string, env: NodeJS.ProcessEnv = process.env): App {
  const app = new App(outdir ? { outdir } : {});
  new IrsaExampleStack(app, 'irsa-example', readSettings(app, env));
  return app;
}
