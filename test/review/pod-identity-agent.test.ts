/**
 * IRSA050 on hand-written plans, for what terraform here does not produce: resources only in the prior
 * state (a -target plan), clusters known only after apply, an add-on name known only after apply.
 * test/review/pod-identity.test.ts covers the rule on a real plan (fixtures/pod-identity-agent).
 */
import { reviewPlans } from '../../src/review';
import type { RawPlan, RawResourceChange } from '../../src/review/plan/types';
import { association, newRole, podTrust, resource, type Json } from './support/rules';
import { plan } from './support/synthetic';

const agent = (name: string, cluster: string | null, kind: 'create' | 'delete' | 'no-op' = 'create') =>
  resource(
    'aws_eks_addon',
    name,
    kind,
    { cluster_name: cluster, addon_name: 'eks-pod-identity-agent' },
    { cluster_name: cluster, addon_name: 'eks-pod-identity-agent' },
    cluster === null ? { cluster_name: true } : {},
  );

/** A prior state holding `resources` (type and values), the way `terraform show -json` nests it. */
function withPriorState(changes: RawResourceChange[], resources: { type: string; values: Json }[]): RawPlan {
  return {
    ...plan(changes),
    prior_state: {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [],
          child_modules: [
            {
              address: 'module.platform',
              resources: resources.map((r, i) => ({
                address: `module.platform.${r.type}.r${i}`,
                mode: 'managed',
                type: r.type,
                name: `r${i}`,
                values: r.values,
              })),
            },
          ],
        },
      },
    },
  };
}

const ROLE = newRole('api', { trust: podTrust() });
const firstOnProd = association('api', 'create', { role: 'api', cluster: 'prod' });

async function irsa050(p: RawPlan): Promise<string[]> {
  const report = await reviewPlans([{ source: 'plan.json', plan: p }]);
  return report.findings.filter((f) => f.ruleId === 'IRSA050').map((f) => `${f.severity} ${f.address}`);
}

describe('IRSA050: first Pod Identity association for a cluster without the agent add-on', () => {
  test('fires on the first association with no add-on anywhere', async () => {
    expect(await irsa050(plan([ROLE, firstOnProd]))).toEqual(['low aws_eks_pod_identity_association.api']);
  });

  test('quiet: an association or the add-on only in the prior state (a child module), not in the changes', async () => {
    const association = { type: 'aws_eks_pod_identity_association', values: { cluster_name: 'prod' } };
    const addon = {
      type: 'aws_eks_addon',
      values: { cluster_name: 'prod', addon_name: 'eks-pod-identity-agent' },
    };
    expect(await irsa050(withPriorState([ROLE, firstOnProd], [association]))).toEqual([]);
    expect(await irsa050(withPriorState([ROLE, firstOnProd], [addon]))).toEqual([]);
  });

  test('fires when the prior state has only other clusters’ associations and add-ons, or other add-ons', async () => {
    const other = [
      { type: 'aws_eks_pod_identity_association', values: { cluster_name: 'staging' } },
      { type: 'aws_eks_addon', values: { cluster_name: 'staging', addon_name: 'eks-pod-identity-agent' } },
      { type: 'aws_eks_addon', values: { cluster_name: 'prod', addon_name: 'vpc-cni' } },
    ];
    expect(await irsa050(withPriorState([ROLE, firstOnProd], other))).toEqual([
      'low aws_eks_pod_identity_association.api',
    ]);
  });

  test('quiet: the add-on created or kept in the plan; fires when the plan deletes it', async () => {
    expect(await irsa050(plan([ROLE, firstOnProd, agent('agent', 'prod')]))).toEqual([]);
    expect(await irsa050(plan([ROLE, firstOnProd, agent('agent', 'prod', 'no-op')]))).toEqual([]);
    expect(await irsa050(plan([ROLE, firstOnProd, agent('agent', 'prod', 'delete')]))).toEqual([
      'low aws_eks_pod_identity_association.api',
    ]);
  });

  test('quiet when it cannot tell: the association’s cluster, an add-on’s cluster or name known after apply', async () => {
    const unknownCluster = association('api', 'create', { role: 'api', cluster: null });
    expect(await irsa050(plan([ROLE, unknownCluster]))).toEqual([]);
    expect(await irsa050(plan([ROLE, firstOnProd, agent('agent', null)]))).toEqual([]);
    const unknownName = resource(
      'aws_eks_addon',
      'some',
      'create',
      null,
      { cluster_name: 'prod' },
      {
        addon_name: true,
      },
    );
    expect(await irsa050(plan([ROLE, firstOnProd, unknownName]))).toEqual([]);
  });

  test('quiet: a changed association of a cluster that had one; one finding per cluster', async () => {
    const moved = association('api', 'update', { role: 'api', cluster: 'prod', serviceAccount: 'new' });
    expect(await irsa050(plan([ROLE, moved]))).toEqual([]);
    const second = association('worker', 'create', { role: 'api', cluster: 'prod', serviceAccount: 'w' });
    const other = association('batch', 'create', { role: 'api', cluster: 'batch' });
    expect(await irsa050(plan([ROLE, second, firstOnProd, other]))).toEqual([
      'low aws_eks_pod_identity_association.api',
      'low aws_eks_pod_identity_association.batch',
    ]);
  });
});
