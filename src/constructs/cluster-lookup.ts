/**
 * Reading an EKS cluster by name, shared by everything that starts from a cluster name. Data sources are
 * created once per stack and AWS provider (and, for the cluster, once per name): a stack with 500 service
 * accounts on one cluster reads the cluster, the caller identity and the partition once each.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { TerraformProvider, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export interface ClusterLookup {
  /** The `data "aws_eks_cluster"`. */
  readonly cluster: DataAwsEksCluster;
  /** The AWS provider's account ID (`aws_caller_identity`), created on first use. */
  accountId(): string;
  /** The AWS provider's partition (`aws_partition`), created on first use. */
  partition(): string;
}

interface ProviderData {
  clusters: Map<string, DataAwsEksCluster>;
  callerIdentity?: DataAwsCallerIdentity;
  partition?: DataAwsPartition;
}

/** Per stack, per AWS provider (undefined: the default one). */
const CACHE = new WeakMap<TerraformStack, Map<TerraformProvider | undefined, ProviderData>>();

/** The construct id suffix of a non-default provider, so each provider gets its own shared data sources. */
function providerSuffix(provider: TerraformProvider | undefined): string {
  return provider ? `-${provider.node.addr.slice(0, 10)}` : '';
}

/**
 * The cluster `clusterName` read through `awsProvider`: the first call creates `data "aws_eks_cluster"` as
 * `scope`/`id`; later calls for the same name (and provider) in the same stack reuse it.
 */
export function lookUpCluster(
  scope: Construct,
  id: string,
  clusterName: string,
  awsProvider?: TerraformProvider,
): ClusterLookup {
  const stack = TerraformStack.of(scope);
  let byProvider = CACHE.get(stack);
  if (!byProvider) {
    byProvider = new Map();
    CACHE.set(stack, byProvider);
  }
  let data = byProvider.get(awsProvider);
  if (!data) {
    data = { clusters: new Map() };
    byProvider.set(awsProvider, data);
  }
  const shared = data;
  let cluster = shared.clusters.get(clusterName);
  if (!cluster) {
    cluster = new DataAwsEksCluster(scope, id, { name: clusterName, provider: awsProvider });
    shared.clusters.set(clusterName, cluster);
  }
  const suffix = providerSuffix(awsProvider);
  return {
    cluster,
    accountId: () => {
      shared.callerIdentity ??= new DataAwsCallerIdentity(stack, `irsa-caller-identity${suffix}`, {
        provider: awsProvider,
      });
      return shared.callerIdentity.accountId;
    },
    partition: () => {
      shared.partition ??= new DataAwsPartition(stack, `irsa-partition${suffix}`, { provider: awsProvider });
      return shared.partition.partition;
    },
  };
}
