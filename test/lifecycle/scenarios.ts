/**
 * The edits users make on day 2, as one stack whose constructs each follow one sequence: several scenarios
 * share one apply per step (the emulator and Terraform are slow; the assertions stay per resource).
 */
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole as AwsIamRole } from '@cdktf/provider-aws/lib/iam-role';
import { TerraformStack } from 'cdktf';
import { IamServiceAccount, IrsaRole, OidcProvider, type WellKnownPolicies } from '../../src';
import { EMULATOR_ACCOUNT_ID } from '../support/emulator';

export type Identity = 'irsa' | 'both' | 'pod-identity';
export type ProviderSource = 'fromArn' | 'fromClusterName' | 'fromCluster';
export type Cluster = 'blue' | 'green';

/** One step of every sequence at once. */
export interface Step {
  /** IRSA → both → pod-identity and back, for default, explicit and readable names. */
  identity: Identity;
  /** The clusters a role trusts (blue/green). */
  clusters: Cluster[];
  /** Add-ons with an AWS managed policy, in the order the user wrote them. */
  addons: AddonKey[];
  /** `attachPolicyArns`, in the user's order. */
  attach: string[];
  /** How the role of the provider-switch scenario names its cluster's OIDC provider. */
  provider: ProviderSource;
}

/** Add-ons whose AWS managed policies get attached (and whose ARNs use the OIDC provider's partition). */
export const ADDONS = ['ebsCsiDriver', 'efsCsiDriver', 'vpcCni', 'cloudWatchObservability'] as const;
export type AddonKey = (typeof ADDONS)[number];

export const POLICY = {
  s3: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  sqs: 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess',
  ddb: 'arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess',
} as const;

/** The cluster the provider-switch scenario declares itself (`OidcProvider.fromCluster` needs a resource). */
export const MANAGED_CLUSTER = 'managed';

/** What the steps need from earlier applies. */
export interface Known {
  /** `arn:aws:iam::<account>:oidc-provider/<issuer>` of the managed cluster (after the first apply). */
  managedProviderArn?: string;
}

export const NAMINGS = ['default', 'explicit', 'readable'] as const;

/** Builds every scenario of `step` into `stack`. */
export function buildStep(stack: TerraformStack, step: Step, known: Known): void {
  const byName = (cluster: string) => OidcProvider.fromClusterName(stack, `cluster-${cluster}`, cluster);

  // IRSA → both → pod-identity (and back), one service account per naming.
  for (const naming of NAMINGS) {
    const names =
      naming === 'explicit'
        ? { roleName: 'lifecycle-api-explicit' }
        : naming === 'readable'
          ? { roleNaming: 'readable' as const }
          : {};
    const common = { namespace: 'apps', name: `api-${naming}`, roleOnly: true, ...names };
    if (step.identity === 'irsa') {
      new IamServiceAccount(stack, `mig-${naming}`, { ...common, oidcProvider: byName('blue') });
    } else if (step.identity === 'both') {
      new IamServiceAccount(stack, `mig-${naming}`, {
        ...common,
        identity: 'both',
        oidcProvider: byName('blue'),
        clusterName: 'blue',
      });
    } else {
      new IamServiceAccount(stack, `mig-${naming}`, {
        ...common,
        identity: 'pod-identity',
        clusterName: 'blue',
      });
    }
  }

  // Blue/green: the same role trusted on the clusters of the step.
  const [first, ...rest] = step.clusters;
  for (const naming of ['default', 'readable'] as const) {
    new IrsaRole(stack, `bg-${naming}`, {
      trust: step.clusters.map((c) => ({ oidcProvider: byName(c), serviceAccounts: ['apps:web'] })),
      ...(naming === 'readable' ? { roleNaming: 'readable' as const } : {}),
    });
  }
  new IamServiceAccount(stack, 'bg-sa', {
    namespace: 'apps',
    name: 'worker',
    roleOnly: true,
    roleNaming: 'readable',
    oidcProvider: byName(first),
    ...(rest.length > 0 ? { additionalOidcProviders: rest.map(byName) } : {}),
  });

  // Add-ons and attachPolicyArns: the partition is a token here (fromClusterName).
  const wellKnownPolicies: WellKnownPolicies = {};
  for (const key of step.addons) (wellKnownPolicies as Record<string, unknown>)[key] = true;
  new IamServiceAccount(stack, 'addons', {
    namespace: 'kube-system',
    name: 'addons',
    roleOnly: true,
    oidcProvider: byName('blue'),
    wellKnownPolicies,
    ...(step.attach.length > 0 ? { attachPolicyArns: step.attach } : {}),
  });

  // One role, its cluster's OIDC provider named three ways.
  const clusterRole = new AwsIamRole(stack, 'managed-cluster-role', {
    name: 'lifecycle-managed-cluster',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  const cluster = new EksCluster(stack, 'managed-cluster', {
    name: MANAGED_CLUSTER,
    roleArn: clusterRole.arn,
    vpcConfig: { subnetIds: ['subnet-0000000000000000a', 'subnet-0000000000000000b'] },
  });
  const provider =
    step.provider === 'fromCluster'
      ? OidcProvider.fromCluster(cluster)
      : step.provider === 'fromClusterName'
        ? OidcProvider.fromClusterName(stack, 'cluster-managed', MANAGED_CLUSTER)
        : OidcProvider.fromArn(requireKnown(known.managedProviderArn));
  new IrsaRole(stack, 'switch', {
    trust: [{ oidcProvider: provider, serviceAccounts: ['apps:switch'] }],
    wellKnownPolicies: { vpcCni: true },
    attachPolicyArns: [POLICY.s3],
  });
}

function requireKnown(value: string | undefined): string {
  if (value === undefined) throw new Error('fromArn needs the managed cluster applied first');
  return value;
}

/** The OIDC provider ARN of an issuer URL in the emulator's account. */
export function providerArn(issuerUrl: string): string {
  return `arn:aws:iam::${EMULATOR_ACCOUNT_ID}:oidc-provider/${issuerUrl.replace(/^https:\/\//, '')}`;
}
