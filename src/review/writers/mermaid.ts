/**
 * The access graph as a Mermaid flowchart (GitHub renders ```` ```mermaid ```` blocks in comments).
 * Identifiers are generated (`r0`, `s0`, `g0`), never taken from the plan; every text from the plan is
 * written as a quoted label in which anything but plain letters, digits and a few punctuation marks is a
 * Mermaid entity code (`#35;`), so a hostile name can neither end its label, add statements, open a
 * directive (`%%{…}%%`), inject HTML nor close the Markdown fence.
 * https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters
 */
import {
  ANY_CLUSTER,
  type AccessGraph,
  type GraphEdge,
  type GraphNode,
  type GraphStatus,
} from '../graph/build';

/** Nodes drawn per graph (issuers and clusters included); past this, roles are collapsed into one node. */
export const DEFAULT_MAX_GRAPH_NODES = 40;
/** Labels longer than this (in characters of the plan's text) are shortened with `…`; JSON has them whole. */
const MAX_LABEL = 64;
/** Managed policies named on a role before `+N more`. */
const MAX_POLICIES = 3;

/** Characters written as themselves inside a quoted label; everything else becomes `#<code point>;`. */
const PLAIN = /[A-Za-z0-9 .,:/_+=@*()'~-]/;

/**
 * Text from the plan as the inside of a quoted Mermaid label: line breaks become spaces, long text is
 * shortened, and every character outside {@link PLAIN} is an entity code. The words `style` and `classDef`
 * get their first letter encoded too: Mermaid pre-processes lines holding them (for colour codes).
 */
export function mermaidText(text: string, max = MAX_LABEL): string {
  const flat = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
  const chars = [...flat];
  const short = chars.length > max ? [...chars.slice(0, max - 1), '…'] : chars;
  return short
    .map((c) => (PLAIN.test(c) ? c : `#${c.codePointAt(0) ?? 63};`))
    .join('')
    .replace(/style/g, '#115;tyle')
    .replace(/classDef/g, '#99;lassDef');
}

const PREFIX: Record<GraphStatus, string> = { added: '+ ', removed: '− ', changed: '', unchanged: '' };

const EDGE_WORDS: Record<GraphEdge['kind'], string> = {
  irsa: 'can assume (IRSA)',
  'pod-identity': 'can assume (Pod Identity)',
  annotation: 'annotated with',
};

const ARROW: Record<GraphEdge['status'], string> = { added: '==>', removed: '-.->', unchanged: '-->' };

const COLOURS = {
  added: '#1a7f37',
  removed: '#cf222e',
  changed: '#9a6700',
};

export interface MermaidOptions {
  maxNodes?: number;
}

function scopeTitle(n: GraphNode): string {
  if (n.kind === 'issuer')
    return n.label === '*'
      ? 'any OIDC issuer (trust names no provider)'
      : `OIDC issuer ${mermaidText(n.label, 80)}`;
  if (n.kind === 'cluster')
    return n.label === ANY_CLUSTER
      ? 'EKS Pod Identity: any cluster of the account'
      : `EKS cluster ${mermaidText(n.label)} (Pod Identity)`;
  return mermaidText(n.label);
}

function roleLabel(n: GraphNode): string {
  const lines = [`${PREFIX[n.status]}role ${mermaidText(n.label)}`];
  if (n.address !== undefined && n.address !== n.label) lines.push(mermaidText(n.address));
  const marks = [...(n.findings ?? []), ...(n.badges ?? [])];
  if (marks.length > 0) lines.push(`⚠ ${marks.map((m) => mermaidText(m, 32)).join(' · ')}`);
  const policies = n.policies ?? [];
  if (policies.length > 0) {
    const shown = policies
      .slice(0, MAX_POLICIES)
      .map((p) => `${PREFIX[p.status]}${mermaidText(p.name, 40)}`)
      .join(', ');
    const more = policies.length - MAX_POLICIES;
    lines.push(`policies: ${shown}${more > 0 ? `, +${more} more` : ''}`);
  }
  return lines.join('<br/>');
}

function saLabel(n: GraphNode): string {
  const marks =
    n.findings && n.findings.length > 0
      ? `<br/>⚠ ${n.findings.map((f) => mermaidText(f, 32)).join(' · ')}`
      : '';
  const name = n.label === '*/*' ? 'any service account (*/*)' : mermaidText(n.label);
  return `${PREFIX[n.status]}${name}${marks}`;
}

function edgeLabel(e: GraphEdge): string {
  const note = e.note !== undefined ? `, ${mermaidText(e.note, 48)}` : '';
  const words = e.notAdmitted ? 'Pod Identity association, NOT admitted by the trust' : EDGE_WORDS[e.kind];
  return `${PREFIX[e.status]}${words}${note}`;
}

/** The arrow; an association the trust does not admit ends in a cross. */
function arrow(e: GraphEdge): string {
  const a = ARROW[e.status];
  return e.notAdmitted ? `${a.slice(0, -1)}x` : a;
}

/** Roles with findings first, then changed ones, then the rest; by address within each group. */
function rolePriority(n: GraphNode): number {
  if ((n.findings ?? []).length > 0 || (n.badges ?? []).length > 0) return 0;
  return n.status === 'unchanged' ? 2 : 1;
}

/** The graph as Mermaid flowchart text (no fence). Same graph, same text. */
export function renderMermaid(graph: AccessGraph, options: MermaidOptions = {}): string {
  const maxNodes = Math.max(2, options.maxNodes ?? DEFAULT_MAX_GRAPH_NODES);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const roles = graph.nodes
    .filter((n) => n.kind === 'role')
    .sort((a, b) => rolePriority(a) - rolePriority(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    const list = incoming.get(e.to);
    if (list) list.push(e);
    else incoming.set(e.to, [e]);
  }

  // Greedy: each role with the service accounts and scopes it brings, while the cap (one node kept
  // for the "more roles" note) allows.
  const shown = new Set<string>();
  let omitted = 0;
  // One node is kept for the "more roles" note unless everything fits.
  const reserve = graph.nodes.length <= maxNodes ? 0 : 1;
  roles.forEach((role) => {
    const bring = new Set<string>([role.id]);
    for (const e of incoming.get(role.id) ?? []) {
      bring.add(e.from);
      const parent = byId.get(e.from)?.parent;
      if (parent !== undefined) bring.add(parent);
    }
    const fresh = [...bring].filter((id) => !shown.has(id));
    if (shown.size + fresh.length + reserve > maxNodes) {
      omitted++;
      return;
    }
    for (const id of fresh) shown.add(id);
  });

  const ids = new Map<string, string>();
  const counters = { g: 0, s: 0, r: 0 };
  const idOf = (n: GraphNode): string => {
    let id = ids.get(n.id);
    if (id === undefined) {
      const key = n.kind === 'role' ? 'r' : n.kind === 'service-account' ? 's' : 'g';
      id = `${key}${counters[key]++}`;
      ids.set(n.id, id);
    }
    return id;
  };

  const lines: string[] = ['flowchart LR'];
  const classes = new Map<string, string[]>();
  const classify = (n: GraphNode, id: string): void => {
    const names: string[] = [];
    if (n.status !== 'unchanged') names.push(n.status);
    if ((n.findings ?? []).length > 0 || (n.badges ?? []).length > 0) names.push('finding');
    for (const c of names) classes.set(c, [...(classes.get(c) ?? []), id]);
  };
  const visible = graph.nodes.filter((n) => shown.has(n.id));
  for (const scope of visible.filter((n) => n.kind !== 'service-account' && n.kind !== 'role')) {
    lines.push(`  subgraph ${idOf(scope)}["${scopeTitle(scope)}"]`);
    for (const sa of visible.filter((n) => n.kind === 'service-account' && n.parent === scope.id)) {
      const id = idOf(sa);
      lines.push(`    ${id}(["${saLabel(sa)}"])`);
      classify(sa, id);
    }
    lines.push('  end');
  }
  for (const role of visible.filter((n) => n.kind === 'role')) {
    const id = idOf(role);
    lines.push(`  ${id}["${roleLabel(role)}"]`);
    classify(role, id);
  }
  if (omitted > 0) {
    lines.push(
      `  more["… ${omitted} more role${omitted === 1 ? '' : 's'} not drawn: every role is in --format json (graphs) and --format sarif"]`,
    );
  }
  const linkStyles = new Map<string, number[]>();
  let index = 0;
  for (const e of graph.edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to || !shown.has(e.from) || !shown.has(e.to)) continue;
    lines.push(`  ${idOf(from)} ${arrow(e)}|"${edgeLabel(e)}"| ${idOf(to)}`);
    if (e.status !== 'unchanged') linkStyles.set(e.status, [...(linkStyles.get(e.status) ?? []), index]);
    index++;
  }
  lines.push(`  classDef added stroke:${COLOURS.added},stroke-width:3px`);
  lines.push(`  classDef removed stroke:${COLOURS.removed},stroke-width:2px,stroke-dasharray:6 4`);
  lines.push(`  classDef changed stroke:${COLOURS.changed},stroke-width:2px`);
  lines.push('  classDef finding fill:#ffebe9,color:#1f2328');
  for (const [name, members] of classes) lines.push(`  class ${members.join(',')} ${name}`);
  for (const [status, indexes] of linkStyles) {
    const colour = status === 'added' ? COLOURS.added : COLOURS.removed;
    lines.push(`  linkStyle ${indexes.join(',')} stroke:${colour},stroke-width:2px`);
  }
  return `${lines.join('\n')}\n`;
}
