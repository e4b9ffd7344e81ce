/**
 * Cluster-wide resources that several constructs of one stack may ask for, created once each: the namespace
 * of `createNamespace` and the Pod Identity Agent add-on of `createPodIdentityAgentAddon`. Each is a child
 * of the stack with an id made of what the user chose (the namespace or cluster name, and the provider), never
 * of the first construct that asked: removing or renaming that construct moves nothing.
 */
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { TerraformProvider, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { MANAGED_BY, MANAGED_BY_LABEL, POD_IDENTITY_AGENT_ADDON } from '../kubernetes/metadata';

/** The id suffix of a non-default provider, so each provider (cluster or account) gets its own resource. */
function providerSuffix(provider: TerraformProvider | undefined): string {
  return provider ? `-${provider.node.addr.slice(0, 10)}` : '';
}

function shared<T extends Construct>(scope: Construct, id: string, create: (stack: TerraformStack) => T): T {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(id);
  return existing ? (existing as T) : create(stack);
}

/** The stack's `kubernetes_namespace_v1` for `namespace` on the cluster of `provider`. */
export function sharedNamespace(
  scope: Construct,
  namespace: string,
  provider: TerraformProvider | undefined,
): NamespaceV1 {
  return shared(
    scope,
    `irsa-namespace-${namespace}${providerSuffix(provider)}`,
    (stack) =>
      new NamespaceV1(stack, `irsa-namespace-${namespace}${providerSuffix(provider)}`, {
        metadata: { name: namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY } },
        provider,
      }),
  );
}

/** The stack's `aws_eks_addon` `eks-pod-identity-agent` for `clusterName` through `provider`. */
export function sharedPodIdentityAgent(
  scope: Construct,
  clusterName: string,
  provider: TerraformProvider | undefined,
): EksAddon {
  const id = `irsa-pod-identity-agent-${clusterName}${providerSuffix(provider)}`;
  return shared(
    scope,
    id,
    (stack) => new EksAddon(stack, id, { clusterName, addonName: POD_IDENTITY_AGENT_ADDON, provider }),
  );
}
