/**
 * The app of the upgrade check (test/upgrade/upgrade-plan.test.ts): the same constructs synthesized by the
 * previous release (test/upgrade/fixtures/0.1.0.tf.json, made by scripts/upgrade-fixture.ts from commit
 * 86fef9a) and by this one, planned against the state the previous one applied. It covers what 0.1.0 gave
 * list-position addresses (add-on managed policies with a token partition, token ARNs in
 * `attachPolicyArns`) and `roleNaming: "readable"`, whose names change once (see docs/upgrading.md).
 * AWS only, so it applies to an emulator; `var.endpoint` is its URL.
 */
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, TerraformStack, TerraformVariable } from 'cdktf';
import type * as Library from '../src';

export const UPGRADE_STACK = 'upgrade';

export interface UpgradeAppOptions {
  /** The library to build with: this release's `src`, or the previous release's compiled `dist/src`. */
  readonly library: typeof Library;
  /** Where to synthesize. */
  readonly outdir: string;
  /** The documented upgrade step for a readable name: the role `pinned` keeps this name as `roleName`. */
  readonly pinnedRoleName?: string;
}

export function synthUpgradeApp(options: UpgradeAppOptions): void {
  const { library: lib } = options;
  const app = new App({ outdir: options.outdir });
  const stack = new TerraformStack(app, UPGRADE_STACK);
  // State next to the configuration (CDKTF's default path is absolute, in the synthesizing checkout).
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  const endpoint = new TerraformVariable(stack, 'endpoint', { type: 'string' }).stringValue;
  new AwsProvider(stack, 'aws', {
    region: 'us-east-1',
    accessKey: 'testing',
    secretKey: 'testing',
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: 'true',
    endpoints: [{ iam: endpoint, sts: endpoint, eks: endpoint }],
  });
  stack.addOverride('terraform.required_providers.aws.version', '>= 5.0, < 7.0');
  // The README's main path: the partition and account are tokens (aws_partition, aws_caller_identity).
  const oidcProvider = lib.OidcProvider.fromClusterName(stack, 'cluster', 'blue');
  new lib.IamServiceAccount(stack, 'addons', {
    oidcProvider,
    namespace: 'kube-system',
    name: 'ebs-csi-controller-sa',
    roleOnly: true,
    attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    wellKnownPolicies: { ebsCsiDriver: true, vpcCni: true },
  });
  const policy = (id: string) =>
    new IamPolicy(stack, id, {
      name: `upgrade-${id}`,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${id}` }],
      }),
    }).arn;
  const role = new lib.IrsaRole(stack, 'tokens', {
    trust: [{ oidcProvider, serviceAccounts: ['apps:api'] }],
    attachPolicyArns: [policy('first'), policy('second')],
  });
  role.attachPolicy(policy('third'));
  new lib.IamServiceAccount(stack, 'readable', {
    oidcProvider,
    namespace: 'apps',
    name: 'worker',
    roleOnly: true,
    roleNaming: 'readable',
    inlinePolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
    },
  });
  new lib.IamServiceAccount(stack, 'pinned', {
    oidcProvider,
    namespace: 'apps',
    name: 'reader',
    roleOnly: true,
    ...(options.pinnedRoleName === undefined
      ? { roleNaming: 'readable' as const }
      : { roleName: options.pinnedRoleName }),
    attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
  });
  app.synth();
}
