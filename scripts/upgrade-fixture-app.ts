/**
 * The app the upgrade test synthesizes with two releases of this package (test/lifecycle/upgrade.test.ts):
 * the README's main paths (`fromClusterName`, `fromArn`, add-ons with AWS managed policies whose ARNs
 * use the partition token, policy ARNs that are tokens, Pod Identity, both) with default, explicit and
 * readable role names. It takes the library as an argument, so `scripts/upgrade-fixtures.ts` can build it
 * with an older release.
 */
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import type { TerraformStack } from 'cdktf';
import type * as Irsa from '../src';

/** What the app uses from the library (present in 0.1.0). */
export type IrsaLibrary = Pick<typeof Irsa, 'IamServiceAccount' | 'IrsaRole' | 'OidcProvider'>;

/** The cluster the app reads by name (the upgrade test creates it in the emulator). */
export const UPGRADE_CLUSTER = 'prod';

/** A fixed OIDC provider ARN for the `fromArn` path (the emulator's account). */
export const UPGRADE_PROVIDER_ARN =
  'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

/** The stack id of the fixture (part of readable names). */
export const UPGRADE_STACK = 'irsa-upgrade';

/** What the upgraded app changes: the documented step for a readable name (docs/upgrading.md). */
export interface UpgradeSteps {
  /** The `pinned` role keeps this name (the one the older release gave it) as `roleName`. */
  readonly pinnedRoleName?: string;
}

/** Adds the app's constructs to `stack` (which already has its AWS provider). */
export function buildUpgradeApp(stack: TerraformStack, lib: IrsaLibrary, steps: UpgradeSteps = {}): void {
  const { IamServiceAccount, IrsaRole, OidcProvider } = lib;
  const byName = OidcProvider.fromClusterName(stack, UPGRADE_CLUSTER, UPGRADE_CLUSTER);
  const byArn = OidcProvider.fromArn(UPGRADE_PROVIDER_ARN);

  // README quick start (role only: no Kubernetes API here).
  new IamServiceAccount(stack, 's3-reader', {
    oidcProvider: byName,
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
  // Add-ons with AWS managed policies, partition from aws_partition (a token).
  new IamServiceAccount(stack, 'addons', {
    oidcProvider: byName,
    namespace: 'kube-system',
    name: 'addons',
    roleOnly: true,
    wellKnownPolicies: { ebsCsiDriver: true, vpcCni: true, cloudWatchObservability: true },
    attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
  });
  // The same from a literal ARN (partition known at synth).
  new IamServiceAccount(stack, 'external-dns', {
    oidcProvider: byArn,
    namespace: 'kube-system',
    name: 'external-dns',
    roleOnly: true,
    wellKnownPolicies: { externalDns: true, ebsCsiDriver: true },
  });
  // Pod Identity and both, with an explicit name.
  new IamServiceAccount(stack, 'api', {
    identity: 'both',
    oidcProvider: byName,
    clusterName: UPGRADE_CLUSTER,
    namespace: 'apps',
    name: 'api',
    roleName: 'upgrade-api',
    roleOnly: true,
    attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
  });
  new IamServiceAccount(stack, 'worker', {
    identity: 'pod-identity',
    clusterName: UPGRADE_CLUSTER,
    namespace: 'apps',
    name: 'worker',
    roleOnly: true,
  });
  // Readable names.
  new IamServiceAccount(stack, 'readable-sa', {
    oidcProvider: byName,
    namespace: 'apps',
    name: 'readable',
    roleOnly: true,
    roleNaming: 'readable',
  });
  new IrsaRole(stack, 'readable-role', {
    trust: [{ oidcProvider: byArn, serviceAccounts: ['apps:shared'] }],
    roleNaming: 'readable',
  });
  // The documented upgrade step: a readable name kept with `roleName` (no replacement).
  new IamServiceAccount(stack, 'pinned', {
    oidcProvider: byName,
    namespace: 'apps',
    name: 'reader',
    roleOnly: true,
    ...(steps.pinnedRoleName === undefined
      ? { roleNaming: 'readable' as const }
      : { roleName: steps.pinnedRoleName }),
    attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
  });
  // Policy ARNs known only after apply, in the props and through attachPolicy.
  const policy = (id: string) =>
    new IamPolicy(stack, id, {
      name: `upgrade-${id}`,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${id}` }],
      }),
    }).arn;
  const tokens = new IrsaRole(stack, 'tokens', {
    trust: [{ oidcProvider: byName, serviceAccounts: ['apps:tokens'] }],
    attachPolicyArns: [policy('first'), policy('second')],
  });
  tokens.attachPolicy(policy('third'));
}
