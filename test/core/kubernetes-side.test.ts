import '../support/jest-setup';
/**
 * The Kubernetes side as eksctl does it (issue 25, items 6 and 8): the managed-by label on created
 * ServiceAccounts, opt-in namespace creation and the opt-in Pod Identity Agent add-on, each created once per
 * namespace or cluster per stack at an address made of what the user chose; and their validation messages.
 */
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn } from 'cdktf';
import { IamServiceAccount } from '../../src';
import { provider1, resourcesOf, synthJson, testStack } from '../support/stacks';

type Resources = Record<string, Record<string, Record<string, unknown>>>;
const resources = (json: ReturnType<typeof synthJson>) => (json.resource ?? {}) as Resources;
const POD = { identity: 'pod-identity', clusterName: 'prod', permissionsManagedElsewhere: true } as const;

describe('app.kubernetes.io/managed-by on created ServiceAccounts', () => {
  test('a created ServiceAccount carries ours (eksctl writes "eksctl"); the caller’s value wins', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'plain', {
      oidcProvider: provider1(),
      name: 'a',
      permissionsManagedElsewhere: true,
    });
    new IamServiceAccount(stack, 'own', {
      oidcProvider: provider1(),
      name: 'b',
      labels: { 'app.kubernetes.io/managed-by': 'Helm' },
      permissionsManagedElsewhere: true,
    });
    const labels = Object.fromEntries(
      resourcesOf(synthJson(stack), 'kubernetes_service_account_v1').map((sa) => {
        const metadata = sa.metadata as { name: string; labels: Record<string, string> };
        return [metadata.name, metadata.labels];
      }),
    );
    expect(labels).toEqual({
      a: { 'app.kubernetes.io/managed-by': 'cdktf-irsa' },
      b: { 'app.kubernetes.io/managed-by': 'Helm' },
    });
  });

  test('an adopted ServiceAccount (overrideExistingServiceAccount) gets only the caller’s labels', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      name: 'existing',
      overrideExistingServiceAccount: true,
      labels: { team: 'obs' },
      permissionsManagedElsewhere: true,
    });
    expect(resourcesOf(synthJson(stack), 'kubernetes_labels')[0].labels).toEqual({ team: 'obs' });
  });
});

describe('createNamespace', () => {
  test('off by default: no namespace resource', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      namespace: 'apps',
      name: 'a',
      permissionsManagedElsewhere: true,
    });
    expect(resourcesOf(synthJson(stack), 'kubernetes_namespace_v1')).toEqual([]);
  });

  test('one namespace per name and Kubernetes provider, at the stack level, keyed by the name; ServiceAccounts depend on it', () => {
    const { stack } = testStack();
    const k8sB = new KubernetesProvider(stack, 'k8s-b', { alias: 'b' });
    new KubernetesProvider(stack, 'k8s', {});
    const sa = (id: string, namespace: string, name: string, extra: object = {}) =>
      new IamServiceAccount(stack, id, {
        oidcProvider: provider1(),
        namespace,
        name,
        createNamespace: true,
        permissionsManagedElsewhere: true,
        ...extra,
      });
    const first = sa('api', 'apps', 'api');
    const second = sa('worker', 'apps', 'worker');
    sa('metrics', 'monitoring', 'agent');
    sa('api-b', 'apps', 'api', { kubernetesProvider: k8sB });
    expect(second.namespaceResource).toBe(first.namespaceResource);
    const json = synthJson(stack);
    const namespaces = resources(json).kubernetes_namespace_v1;
    const bSuffix = k8sB.node.addr.slice(0, 10);
    expect(Object.keys(namespaces).sort()).toEqual(
      ['irsa-namespace-apps', `irsa-namespace-apps-${bSuffix}`, 'irsa-namespace-monitoring'].sort(),
    );
    expect(namespaces['irsa-namespace-apps'].metadata).toEqual({
      name: 'apps',
      labels: { 'app.kubernetes.io/managed-by': 'cdktf-irsa' },
    });
    expect(namespaces[`irsa-namespace-apps-${bSuffix}`].provider).toBe('kubernetes.b');
    const accounts = resources(json).kubernetes_service_account_v1;
    const dependsOn = Object.values(accounts).map((a) => [
      (a.metadata as { namespace: string }).namespace,
      a.depends_on,
    ]);
    expect(dependsOn).toContainEqual(['apps', ['kubernetes_namespace_v1.irsa-namespace-apps']]);
    expect(dependsOn).toContainEqual(['monitoring', ['kubernetes_namespace_v1.irsa-namespace-monitoring']]);
  });

  test('removing the first construct that asked keeps the namespace’s address', () => {
    const addresses = (ids: string[]) => {
      const { stack } = testStack();
      for (const id of ids) {
        new IamServiceAccount(stack, id, {
          oidcProvider: provider1(),
          namespace: 'apps',
          name: id,
          createNamespace: true,
          permissionsManagedElsewhere: true,
        });
      }
      return Object.keys(resources(synthJson(stack)).kubernetes_namespace_v1);
    };
    expect(addresses(['api', 'worker'])).toEqual(addresses(['worker']));
  });

  const error = (props: object) => {
    const { stack } = testStack();
    try {
      new IamServiceAccount(stack, 'sa', {
        oidcProvider: provider1(),
        name: 'a',
        namespace: 'apps',
        permissionsManagedElsewhere: true,
        ...props,
      } as never);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  test('createNamespace not a boolean', () =>
    expect(error({ createNamespace: 'yes' })).toBe(
      'test/sa: createNamespace "yes" is invalid: it must be true or false (it decides whether the namespace is created, so it cannot be a token).',
    ));
  test('createNamespace with roleOnly', () =>
    expect(error({ createNamespace: true, roleOnly: true })).toBe(
      'test/sa: createNamespace cannot be combined with roleOnly: roleOnly creates nothing in the cluster.',
    ));
  test('createNamespace with overrideExistingServiceAccount', () =>
    expect(error({ createNamespace: true, overrideExistingServiceAccount: true })).toBe(
      'test/sa: createNamespace cannot be combined with overrideExistingServiceAccount: the existing ServiceAccount is in a namespace that exists already.',
    ));
  test('createNamespace with a token namespace', () =>
    expect(error({ createNamespace: true, namespace: Fn.lower('Apps') })).toBe(
      'test/sa: createNamespace needs a literal namespace, which keys the one namespace resource of the stack, and namespace is a token. Pass the name itself, or create the namespace yourself and pass its name.',
    ));
  test('createNamespace for a namespace every cluster has', () =>
    expect(error({ createNamespace: true, namespace: undefined })).toBe(
      'test/sa: createNamespace cannot create namespace "default": every cluster has it (default, kube-system, kube-public, kube-node-lease); leave createNamespace unset.',
    ));
});

describe('createPodIdentityAgentAddon', () => {
  test('off by default: no add-on', () => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', { ...POD, name: 'a', roleOnly: true });
    expect(resourcesOf(synthJson(stack), 'aws_eks_addon')).toEqual([]);
  });

  test('one eks-pod-identity-agent add-on per cluster name, at the stack level, keyed by the name', () => {
    const { stack } = testStack();
    const a = new IamServiceAccount(stack, 'a', {
      ...POD,
      name: 'a',
      roleOnly: true,
      createPodIdentityAgentAddon: true,
    });
    const b = new IamServiceAccount(stack, 'b', {
      ...POD,
      name: 'b',
      roleOnly: true,
      createPodIdentityAgentAddon: true,
    });
    new IamServiceAccount(stack, 'c', {
      ...POD,
      clusterName: 'staging',
      name: 'c',
      roleOnly: true,
      createPodIdentityAgentAddon: true,
    });
    new IamServiceAccount(stack, 'd', { ...POD, clusterName: 'other', name: 'd', roleOnly: true });
    new IamServiceAccount(stack, 'e', {
      oidcProvider: provider1(),
      identity: 'both',
      clusterName: 'prod',
      name: 'e',
      roleOnly: true,
      permissionsManagedElsewhere: true,
      createPodIdentityAgentAddon: true,
    });
    expect(b.podIdentityAgentAddon).toBe(a.podIdentityAgentAddon);
    const addons = resources(synthJson(stack)).aws_eks_addon;
    expect(addons).toEqual({
      'irsa-pod-identity-agent-prod': { cluster_name: 'prod', addon_name: 'eks-pod-identity-agent' },
      'irsa-pod-identity-agent-staging': { cluster_name: 'staging', addon_name: 'eks-pod-identity-agent' },
    });
  });

  const error = (props: object) => {
    const { stack } = testStack();
    try {
      new IamServiceAccount(stack, 'sa', { ...POD, name: 'a', roleOnly: true, ...props } as never);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  test('createPodIdentityAgentAddon not a boolean', () =>
    expect(error({ createPodIdentityAgentAddon: 1 })).toBe(
      'test/sa: createPodIdentityAgentAddon 1 is invalid: it must be true or false (it decides whether the add-on is created, so it cannot be a token).',
    ));
  test('createPodIdentityAgentAddon with a token clusterName', () =>
    expect(error({ createPodIdentityAgentAddon: true, clusterName: Fn.lower('Prod') })).toBe(
      'test/sa: createPodIdentityAgentAddon needs a literal clusterName, which keys the one add-on per cluster of the stack, and clusterName is a token. Pass the name itself, or create the add-on next to the cluster: new EksAddon(stack, "pod-identity-agent", { clusterName: <token>, addonName: "eks-pod-identity-agent" }) from "@cdktf/provider-aws/lib/eks-addon".',
    ));
  test('createPodIdentityAgentAddon with identity "irsa"', () => {
    const { stack } = testStack();
    expect(
      () =>
        new IamServiceAccount(stack, 'sa', {
          oidcProvider: provider1(),
          name: 'a',
          roleOnly: true,
          permissionsManagedElsewhere: true,
          createPodIdentityAgentAddon: true,
        } as never),
    ).toThrow(
      'test/sa: createPodIdentityAgentAddon cannot be combined with identity "irsa": it configures EKS Pod Identity; set identity "pod-identity" or "both".',
    );
  });
});
