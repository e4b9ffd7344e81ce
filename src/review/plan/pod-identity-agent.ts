/**
 * What the reviewer knows about the EKS Pod Identity Agent add-on and about Pod Identity associations that
 * existed before the change, per cluster: from the plan's resource changes and its prior state (resources
 * the plan leaves alone may appear only there).
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html
 */
import { POD_IDENTITY_AGENT_ADDON } from '../../kubernetes/metadata';
import { text, type Change } from './change';
import type { RawPlan } from './types';

export { POD_IDENTITY_AGENT_ADDON };

export interface PodIdentityAgentFacts {
  /** Clusters with an `eks-pod-identity-agent` add-on in the prior state or (not deleted) in the plan. */
  readonly agentClusters: ReadonlySet<string>;
  /** True when some agent add-on's cluster is known only after apply: it may be any cluster's. */
  readonly agentClusterUnknown: boolean;
  /** Clusters with a Pod Identity association before the change (prior state, or a change's before side). */
  readonly associatedBefore: ReadonlySet<string>;
}

interface StateResource {
  address?: unknown;
  type?: unknown;
  values?: unknown;
}

interface StateModule {
  resources?: unknown;
  child_modules?: unknown;
}

/** Every resource of the prior state, child modules included. */
function priorResources(plan: RawPlan): StateResource[] {
  const prior = plan['prior_state'] as { values?: { root_module?: StateModule } } | undefined;
  const out: StateResource[] = [];
  const visit = (m: StateModule | undefined, depth: number): void => {
    if (!m || typeof m !== 'object' || depth > 100) return;
    if (Array.isArray(m.resources)) out.push(...(m.resources as StateResource[]));
    if (Array.isArray(m.child_modules)) for (const c of m.child_modules) visit(c as StateModule, depth + 1);
  };
  visit(prior?.values?.root_module, 0);
  return out;
}

function attribute(values: unknown, name: string): string | undefined {
  if (values === null || typeof values !== 'object') return undefined;
  const value = (values as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Agent add-ons by address: the prior state's, then the plan's changes over them. */
function agentAddons(plan: RawPlan, changes: readonly Change[]): Map<string, string | undefined> {
  const byAddress = new Map<string, string | undefined>();
  for (const r of priorResources(plan)) {
    if (r.type !== 'aws_eks_addon' || typeof r.address !== 'string') continue;
    if (attribute(r.values, 'addon_name') !== POD_IDENTITY_AGENT_ADDON) continue;
    byAddress.set(r.address, attribute(r.values, 'cluster_name'));
  }
  for (const c of changes) {
    if (c.type !== 'aws_eks_addon') continue;
    if (c.kind === 'delete' || c.kind === 'forget') {
      byAddress.delete(c.address);
      continue;
    }
    if (text(c, 'after', ['addon_name']) !== POD_IDENTITY_AGENT_ADDON) {
      // A known other add-on name is not the agent; an unknown one might be.
      const named = c.raw.change.after_unknown as Record<string, unknown> | undefined;
      if (named?.['addon_name'] !== true) byAddress.delete(c.address);
      else byAddress.set(c.address, undefined);
      continue;
    }
    byAddress.set(c.address, text(c, 'after', ['cluster_name']));
  }
  return byAddress;
}

export function podIdentityAgentFacts(plan: RawPlan, changes: readonly Change[]): PodIdentityAgentFacts {
  const agentClusters = new Set<string>();
  let agentClusterUnknown = false;
  for (const cluster of agentAddons(plan, changes).values()) {
    if (cluster === undefined) agentClusterUnknown = true;
    else agentClusters.add(cluster);
  }
  const associatedBefore = new Set<string>();
  for (const r of priorResources(plan)) {
    if (r.type !== 'aws_eks_pod_identity_association') continue;
    const cluster = attribute(r.values, 'cluster_name');
    if (cluster !== undefined) associatedBefore.add(cluster);
  }
  for (const c of changes) {
    if (c.type !== 'aws_eks_pod_identity_association') continue;
    const cluster = text(c, 'before', ['cluster_name']);
    if (cluster !== undefined) associatedBefore.add(cluster);
  }
  return { agentClusters, agentClusterUnknown, associatedBefore };
}
