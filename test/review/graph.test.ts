/**
 * The access graph on real terraform plans of the fixtures: its nodes and edges (who can reach which role,
 * what changed, the findings on each role), the Mermaid text pinned by golden files and read back by
 * Mermaid's own parser, the JSON graph, the --graph flag, and the node cap.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reviewPlans, type Report } from '../../src/review';
import type { AccessGraph, GraphEdge } from '../../src/review/graph/build';
import type { RawPlan } from '../../src/review/plan/types';
import { renderMermaid } from '../../src/review/writers/mermaid';
import { describeUnless } from '../support/skip';
import { annotationsChange, serviceAccountChange, withChanges } from './support/kubernetes';
import { closeMermaid, parseFlowchart } from './support/mermaid';
import { fixturePlan, terraformReason } from './support/plans';

const GOLDEN = path.join(__dirname, 'golden');
const review = (plan: RawPlan): Promise<Report> => reviewPlans([{ source: 'plan.json', plan }]);

/** The update plan plus service accounts using the deleted and the replaced role. */
function updateWithServiceAccounts(): RawPlan {
  return withChanges(fixturePlan('update'), [
    serviceAccountChange({
      name: 'gone',
      namespace: 'shop',
      roleArn: 'arn:aws:iam::111122223333:role/update-gone',
    }),
    serviceAccountChange({
      name: 'renamed',
      namespace: 'shop',
      roleArn: 'arn:aws:iam::111122223333:role/update-renamed',
    }),
  ]);
}

/** The safe plan plus service accounts, three of which the role's trust does not admit (IRSA007). */
function linkingMismatch(): RawPlan {
  return withChanges(
    fixturePlan('safe'),
    [
      serviceAccountChange({
        name: 'app',
        namespace: 'shop',
        roleArn: 'arn:aws:iam::111122223333:role/safe-app',
      }),
      serviceAccountChange({
        name: 'other',
        namespace: 'shop',
        roleArn: 'arn:aws:iam::111122223333:role/safe-app',
        type: 'kubernetes_service_account',
      }),
      serviceAccountChange({
        name: 'by-ref',
        namespace: 'billing',
        roleRef: 'aws_iam_role.app',
        address: 'by_ref',
      }),
      annotationsChange({
        name: 'annotated',
        namespace: 'shop',
        roleArn: 'arn:aws:iam::111122223333:role/safe-app',
        resourceName: 'annotated',
      }),
    ],
    { 'kubernetes_service_account_v1.by_ref': 'aws_iam_role.app' },
  );
}

/** Two clusters; one service account per cluster linked through module outputs, one of them not admitted. */
function multiCluster(): RawPlan {
  return withChanges(
    fixturePlan('multi-cluster'),
    [
      serviceAccountChange({
        name: 'app',
        namespace: 'shop',
        roleRef: 'module.east.role_arn',
        address: 'east_app',
      }),
      serviceAccountChange({
        name: 'intruder',
        namespace: 'shop',
        roleRef: 'module.west.role_arn',
        address: 'west_bad',
      }),
    ],
    {
      'kubernetes_service_account_v1.east_app': 'module.east.role_arn',
      'kubernetes_service_account_v1.west_bad': 'module.west.role_arn',
    },
  );
}

const GRAPH_CASES: [string, () => RawPlan][] = [
  ['update', updateWithServiceAccounts],
  ['multi-cluster', multiCluster],
  ['dangerous', () => fixturePlan('dangerous')],
  ['linking', linkingMismatch],
  ['pod-identity-dangerous', () => fixturePlan('pod-identity-dangerous')],
  ['pod-identity-update', () => fixturePlan('pod-identity-update')],
];

/** `from -[kind status note]-> to` with node labels, for readable assertions. */
function edgeLines(graph: AccessGraph): string[] {
  const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const text = (e: GraphEdge) =>
    `${label.get(e.from)} -[${e.kind} ${e.status}${e.note ? ` ${e.note}` : ''}]-> ${label.get(e.to)}`;
  return graph.edges.map(text);
}

afterAll(closeMermaid);

describeUnless(terraformReason(), 'access graph on real terraform plans', () => {
  const reports = new Map<string, Promise<Report>>();
  const reportOf = (name: string): Promise<Report> => {
    let r = reports.get(name);
    if (!r) {
      r = review((GRAPH_CASES.find((c) => c[0] === name) as [string, () => RawPlan])[1]());
      reports.set(name, r);
    }
    return r;
  };

  describe('Mermaid golden files, checked by the Mermaid parser (UPDATE_GOLDEN=1 rewrites them)', () => {
    for (const [name] of GRAPH_CASES) {
      test(name, async () => {
        const report = await reportOf(name);
        expect(report.graphs).toHaveLength(1);
        const text = renderMermaid(report.graphs[0]);
        expect(renderMermaid((await review(GRAPH_CASES.find((c) => c[0] === name)![1]())).graphs[0])).toBe(
          text,
        );
        const golden = path.join(GOLDEN, `graph-${name}.mmd.golden`);
        if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, text);
        expect(text).toBe(fs.readFileSync(golden, 'utf8'));
        const parsed = await parseFlowchart(text);
        expect(parsed.diagramType).toBe('flowchart-v2');
        // Every drawn node and edge of the graph is one element of the diagram.
        // Every role is drawn, or counted in the "more roles" node (the cap is 40 nodes).
        const roles = report.graphs[0].nodes.filter((n) => n.kind === 'role');
        const drawn = parsed.nodes.filter((n) => /^r\d+$/.test(n.id)).length;
        const more = parsed.nodes.find((n) => n.id === 'more');
        expect(drawn + Number(/^… (\d+) more role/.exec(more?.text ?? '')?.[1] ?? 0)).toBe(roles.length);
        expect(parsed.nodes.length + parsed.subgraphs.length).toBeLessThanOrEqual(40);
        expect(parsed.config).toEqual({});
      });
    }
  });
});

describeUnless(terraformReason(), 'access graph: what it shows', () => {
  test('update: the widened role carries IRSA006, shop/* is added there and removed from the narrowed role', async () => {
    const report = await review(updateWithServiceAccounts());
    const graph = report.graphs[0];
    expect(edgeLines(graph)).toEqual([
      'shop/* -[irsa removed]-> update-narrow',
      'shop/* -[irsa added]-> update-widen',
      'shop/app -[irsa unchanged]-> update-narrow',
      'shop/app -[irsa unchanged]-> update-widen',
      'shop/boundary -[irsa unchanged]-> update-boundary',
      'shop/gone -[annotation added]-> update-gone',
      'shop/gone -[irsa removed]-> update-gone',
      'shop/moved -[irsa unchanged]-> update-moved',
      'shop/renamed -[annotation added]-> update-renamed-v2',
      'shop/renamed -[irsa unchanged]-> update-renamed-v2',
    ]);
    const widen = graph.nodes.find((n) => n.address === 'aws_iam_role.widen')!;
    expect(widen).toMatchObject({
      status: 'changed',
      findings: ['IRSA003', 'IRSA006'],
      badges: ['access widened'],
    });
    expect(graph.nodes.find((n) => n.address === 'aws_iam_role.gone')?.status).toBe('removed');
    // Wildcard subjects are one node each.
    expect(graph.nodes.filter((n) => n.label === 'shop/*')).toHaveLength(1);
  });

  test('dangerous: admin and iam:PassRole * badges from the findings, managed policy names', async () => {
    const report = await review(fixturePlan('dangerous'));
    const byAddress = new Map(report.graphs[0].nodes.map((n) => [n.address, n]));
    expect(byAddress.get('aws_iam_role.irsa009_admin')?.badges).toContain('admin');
    expect(byAddress.get('aws_iam_role.irsa010_passrole')).toMatchObject({
      findings: ['IRSA010', 'IRSA016'],
      badges: ['IAM privilege escalation', 'iam:PassRole *'],
    });
    const withPolicies = report.graphs[0].nodes.filter((n) => (n.policies ?? []).length > 0);
    expect(withPolicies.length).toBeGreaterThan(0);
    for (const n of withPolicies) for (const p of n.policies!) expect(p.name).not.toContain(':policy/');
    // IRSA001 (no :sub): the trust admits any service account of the issuer, as one node.
    const anySa = report.graphs[0].nodes.filter((n) => n.label === '*/*');
    expect(anySa.length).toBeGreaterThan(0);
  });

  test('multi-cluster + linking: one issuer per cluster; the intruder is annotated but cannot assume', async () => {
    const report = await review(multiCluster());
    const graph = report.graphs[0];
    expect(graph.nodes.filter((n) => n.kind === 'issuer').map((n) => n.label)).toEqual([
      'oidc.eks.us-east-1.amazonaws.com/id/EAST0000000000000000000000000000',
      'oidc.eks.us-west-2.amazonaws.com/id/WEST0000000000000000000000000000',
    ]);
    const intruder = graph.nodes.find((n) => n.label === 'shop/intruder')!;
    expect(intruder).toMatchObject({
      kind: 'service-account',
      parent: expect.stringMatching(/^kubernetes:/),
      findings: ['IRSA007'],
    });
    expect(graph.edges.filter((e) => e.from === intruder.id).map((e) => e.kind)).toEqual(['annotation']);
    const app = graph.nodes.find((n) => n.label === 'shop/app' && n.parent?.includes('EAST'))!;
    expect(graph.edges.filter((e) => e.from === app.id).map((e) => e.kind)).toEqual(['annotation', 'irsa']);
  });

  test('Pod Identity: association edges, the open trust as one "any association" node with IRSA020', async () => {
    const update = (await review(fixturePlan('pod-identity-update'))).graphs[0];
    expect(edgeLines(update).filter((l) => l.includes('pod-identity'))).toEqual([
      '*/* -[pod-identity added]-> pi-update-widened',
      'apps/api -[pod-identity added]-> pi-update-migrating',
      'apps/api -[pod-identity added]-> pi-update-unchanged',
    ]);
    expect(update.nodes.find((n) => n.label === 'pi-update-widened')?.findings).toEqual(['IRSA020']);
    const dangerous = (await review(fixturePlan('pod-identity-dangerous'))).graphs[0];
    expect(edgeLines(dangerous).filter((l) => l.includes('pod-identity'))).toEqual([
      '*/* -[pod-identity added]-> pi-bad-open',
      'apps/api -[pod-identity added IRSA017]-> pi-bad-irsa-only',
      'apps/open -[pod-identity added]-> pi-bad-open',
      'apps/reader -[pod-identity added IRSA017]-> pi-bad-no-tag-session',
      'apps/web -[pod-identity added IRSA019]-> pi-bad-scoped',
    ]);
    // Associations the trust does not admit are marked: they point at the role but get no credentials.
    expect(dangerous.edges.filter((e) => e.notAdmitted).map((e) => e.note)).toEqual([
      'IRSA017',
      'IRSA017',
      'IRSA019',
    ]);
  });
});
