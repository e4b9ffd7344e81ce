/**
 * The access graph against hostile input and size (synthetic plans, no terraform needed): names that try
 * to end a label, add nodes or edges, open a Mermaid directive, inject HTML or close the Markdown fence
 * stay inside their own node (checked with Mermaid's parser); the node cap collapses roles into one
 * "more roles" node; the graph counts in --max-chars and goes before any high finding; --graph none.
 */
import { reviewPlans, type Report } from '../../src/review';
import type { AccessGraph } from '../../src/review/graph/build';
import type { RawPlan } from '../../src/review/plan/types';
import { writeJson, writeMarkdown } from '../../src/review/writers';
import { mermaidText, renderMermaid } from '../../src/review/writers/mermaid';
import { closeMermaid, parseFlowchart } from './support/mermaid';
import { runCli } from './support/run';
import { ISSUER, manyRoles, plan, roleChange, trustJson } from './support/synthetic';
import { serviceAccountChange, withChanges } from './support/kubernetes';

const HOSTILE = [
  'x"] --> evil["pwned',
  'a<img src=x onerror=alert(1)>',
  '#quot;#35;&amp;',
  '%%{init: {"theme":"dark","securityLevel":"loose"}}%%',
  'line\nbreak\r\nand\u2028more',
  '```\n## closed the fence',
  'style x fill:#f00;',
  'classDef evil fill:#f00',
  'end',
  'subgraph s9 ["x"]',
  '|pipe| -.-> r0',
  '{curly}[square](paren)',
  'click r0 call alert()',
  '`markdown` **bold**',
  'emoji 😀 ; semicolon',
  'back\\slash',
];

/** What a reader should see for a value: line breaks as spaces (no shortening at these lengths). */
const shown = (text: string, max = 64): string => {
  const chars = [...text.replace(/[\r\n\t\u2028\u2029]+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
};

function hostileGraph(): AccessGraph {
  const nodes: AccessGraph['nodes'] = [];
  const edges: AccessGraph['edges'] = [];
  HOSTILE.forEach((h, i) => {
    nodes.push({ id: `issuer:${h}`, kind: 'issuer', label: h, status: 'unchanged' });
    nodes.push({
      id: `sa:${h}`,
      kind: 'service-account',
      label: h,
      status: 'added',
      parent: `issuer:${h}`,
      findings: [h],
    });
    nodes.push({
      id: `role:${h}`,
      kind: 'role',
      label: h,
      address: `aws_iam_role.${h}`,
      status: i % 2 ? 'removed' : 'changed',
      findings: [h],
      badges: [h],
      policies: [{ name: h, status: 'added' }],
    });
    edges.push({
      from: `sa:${h}`,
      to: `role:${h}`,
      kind: i % 2 ? 'irsa' : 'pod-identity',
      status: 'added',
      note: h,
    });
  });
  return { source: HOSTILE.join(' '), nodes, edges };
}

afterAll(closeMermaid);

describe('Mermaid escaping', () => {
  test('mermaidText leaves only plain characters and entity codes', () => {
    for (const h of HOSTILE) {
      const text = mermaidText(h);
      expect(text).toMatch(/^([A-Za-z0-9 .,:/_+=@*()'~-]|#\d+;)*$/);
      expect(text).not.toMatch(/style|classDef/);
    }
  });

  test('hostile text in every field stays inside its own node, subgraph or edge label', async () => {
    const graph = hostileGraph();
    const text = renderMermaid(graph, { maxNodes: 1000 });
    expect(text).not.toContain('`');
    expect(text).not.toContain('%%');
    const parsed = await parseFlowchart(text);
    expect(parsed.diagramType).toBe('flowchart-v2');
    expect(parsed.config).toEqual({});
    // Exactly the generated nodes, subgraphs and edges: nothing added, nothing merged.
    expect(parsed.nodes.map((n) => n.id).sort()).toEqual(
      [...HOSTILE.map((_h, i) => `s${i}`), ...HOSTILE.map((_h, i) => `r${i}`)].sort(),
    );
    expect(parsed.subgraphs).toHaveLength(HOSTILE.length);
    expect(parsed.edges).toHaveLength(HOSTILE.length);
    HOSTILE.forEach((h, i) => {
      const sa = parsed.nodes.find((n) => n.id === `s${i}`)!;
      expect(sa.text).toBe(`+ ${shown(h)}<br>⚠ ${shown(h, 32)}`);
      const role = parsed.nodes.find((n) => n.id === `r${i}`)!;
      const lines = role.text.split('<br>');
      expect(lines[0]).toBe(`${i % 2 ? '− ' : ''}role ${shown(h)}`);
      expect(lines[1]).toBe(shown(`aws_iam_role.${h}`));
      expect(lines[2]).toBe(`⚠ ${shown(h, 32)} · ${shown(h, 32)}`);
      expect(lines[3]).toBe(`policies: + ${shown(h, 40)}`);
      const sub = parsed.subgraphs.find((s) => s.nodes.includes(`s${i}`))!;
      expect(sub.title).toBe(`OIDC issuer ${shown(h, 80)}`);
      const edge = parsed.edges.find((e) => e.from === `s${i}` && e.to === `r${i}`)!;
      expect(edge.text).toBe(`+ can assume (${i % 2 ? 'IRSA' : 'Pod Identity'}), ${shown(h, 48)}`);
    });
    // No class or link style other than the writer's own.
    expect(text.split('\n').filter((l) => /^\s*(classDef|class|linkStyle|click|style)\b/.test(l))).toEqual(
      text
        .split('\n')
        .filter((l) =>
          /^ {2}(classDef (added|removed|changed|finding) |class [rs0-9,]+ (added|removed|changed|finding)$|linkStyle [0-9,]+ )/.test(
            l,
          ),
        ),
    );
  });

  test('hostile names through a review: service accounts, role names, subjects, policies', async () => {
    // No colon: a Kubernetes name cannot hold one, and the subject `system:serviceaccount:ns:name` splits there.
    const hostile = 'ev"il<b>#x;%%{init}%%\n```';
    const trust = trustJson({
      StringEquals: {
        [`${ISSUER}:sub`]: `system:serviceaccount:${hostile}:${hostile}`,
        [`${ISSUER}:aud`]: 'sts.amazonaws.com',
      },
    });
    const role = roleChange('r', trust);
    (role.change.after as Record<string, unknown>)['name'] = hostile;
    (role.change.after as Record<string, unknown>)['managed_policy_arns'] = [
      `arn:aws:iam::aws:policy/${hostile}`,
    ];
    const raw = withChanges(
      plan([role]),
      [serviceAccountChange({ name: hostile, namespace: hostile, roleRef: 'aws_iam_role.r', address: 'sa' })],
      { 'kubernetes_service_account_v1.sa': 'aws_iam_role.r' },
    );
    const report = await reviewPlans([{ source: 'plan.json', plan: raw }]);
    const markdown = writeMarkdown(report);
    const block = markdown.slice(
      markdown.indexOf('```mermaid\n') + 11,
      markdown.indexOf('```', markdown.indexOf('```mermaid\n') + 11),
    );
    const parsed = await parseFlowchart(block);
    expect(parsed.config).toEqual({});
    const texts = [...parsed.nodes.map((n) => n.text), ...parsed.subgraphs.map((s) => s.title)];
    expect(texts.some((t) => t.includes(`${shown(hostile)}/${shown(hostile)}`))).toBe(true);
    expect(texts.some((t) => t.startsWith(`+ role ${shown(hostile)}`))).toBe(true);
    expect(parsed.nodes).toHaveLength(2);
  });
});

describe('size and options', () => {
  const big = (): Promise<Report> => reviewPlans([{ source: 'plan.json', plan: manyRoles(120) }]);

  test('the node cap collapses roles into one "more roles" node; roles with findings are drawn first', async () => {
    const report = await big();
    const text = renderMermaid(report.graphs[0]);
    const parsed = await parseFlowchart(text);
    expect(parsed.nodes.length + parsed.subgraphs.length).toBeLessThanOrEqual(40);
    const more = parsed.nodes.find((n) => n.id === 'more')!;
    const drawnRoles = parsed.nodes.filter((n) => /^r\d+$/.test(n.id)).length;
    expect(more.text).toBe(
      `… ${120 - drawnRoles} more roles not drawn: every role is in --format json (graphs) and --format sarif`,
    );
    // Every 10th role lacks a :sub condition (IRSA001): those 12 come first.
    expect(parsed.nodes.filter((n) => /^r\d+$/.test(n.id) && n.text.includes('IRSA001'))).toHaveLength(
      Math.min(12, drawnRoles),
    );
    // JSON carries the whole graph.
    const json = JSON.parse(writeJson(report)) as { graphs: AccessGraph[] };
    expect(json.graphs[0].nodes.filter((n) => n.kind === 'role')).toHaveLength(120);
  });

  test('the graph counts in --max-chars and is dropped before any high finding', async () => {
    const report = await big();
    const full = writeMarkdown(report, { maxChars: 1_000_000 });
    expect(full).toContain('```mermaid\n');
    const graphStart = full.indexOf('\n### Access graph');
    // A limit that holds every finding but not the graph.
    const cut = writeMarkdown(report, { maxChars: graphStart + 400 });
    expect(cut.length).toBeLessThanOrEqual(graphStart + 400);
    expect(cut).not.toContain('```mermaid');
    expect(cut).toMatch(/omitted 1 access graph/);
    for (const f of report.findings.filter((x) => x.severity === 'high')) expect(cut).toContain(f.address);
  });

  test('several plans: one graph per plan, each under its plan name; plans without roles draw none', async () => {
    const report = await reviewPlans([
      { source: 'a/plan.json', plan: manyRoles(2) },
      { source: 'b/plan.json', plan: manyRoles(3) },
      { source: 'c/plan.json', plan: plan([]) },
    ]);
    expect(report.graphs.map((g) => g.source)).toEqual(['a/plan.json', 'b/plan.json', 'c/plan.json']);
    const md = writeMarkdown(report);
    expect(md.match(/```mermaid\n/g)).toHaveLength(2);
    expect(md.indexOf('**`a/plan.json`**\n\n```mermaid')).toBeGreaterThan(0);
    expect(md.indexOf('**`b/plan.json`**\n\n```mermaid')).toBeGreaterThan(md.indexOf('**`a/plan.json`**'));
    expect(md).not.toContain('**`c/plan.json`**');
  });

  test('--graph none leaves the graph out of Markdown and JSON; bad values are one usage error', async () => {
    const raw: RawPlan = manyRoles(3);
    const stdin = JSON.stringify(raw);
    const md = await runCli(['-'], { stdin });
    expect(md.stdout).toContain('```mermaid\nflowchart LR\n');
    const none = await runCli(['-', '--graph', 'none'], { stdin });
    expect(none.stdout).not.toContain('mermaid');
    expect(none.stdout).not.toContain('Access graph');
    const json = await runCli(['-', '--format', 'json', '--graph=none'], { stdin });
    expect(JSON.parse(json.stdout)).not.toHaveProperty('graphs');
    expect(JSON.parse((await runCli(['-', '--format', 'json'], { stdin })).stdout)).toHaveProperty('graphs');
    const bad = await runCli(['-', '--graph', 'svg'], { stdin });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('irsa-review: --graph must be one of none, mermaid (got "svg")\n');
  });
});
