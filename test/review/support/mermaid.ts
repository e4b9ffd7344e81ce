/**
 * Mermaid's own parser, from the `mermaid` package's browser bundle run in a jsdom window (the package is
 * ESM-only and its parser wants a DOM). `parseFlowchart` returns what the diagram holds: its nodes,
 * subgraphs and edges with their texts as displayed (entity codes decoded), so a test can check both that
 * the text is valid and that no label leaked into another element.
 */
import * as fs from 'node:fs';
import * as vm from 'node:vm';
import { JSDOM } from 'jsdom';

interface MermaidApi {
  initialize(config: object): void;
  parse(text: string): Promise<{ diagramType: string; config: object }>;
  mermaidAPI: {
    getDiagramFromText(text: string): Promise<{
      db: {
        getVertices(): Map<string, { id: string; text: string; type?: string; classes: string[] }>;
        getEdges(): { start: string; end: string; text: string; stroke: string }[];
        getSubGraphs(): { id: string; title: string; nodes: string[] }[];
      };
    }>;
  };
}

let loaded: { mermaid: MermaidApi; dom: JSDOM } | undefined;

function load(): { mermaid: MermaidApi; dom: JSDOM } {
  if (loaded) return loaded;
  const dom = new JSDOM('<!doctype html><body></body>', {
    runScripts: 'outside-only',
    pretendToBeVisual: true,
  });
  const bundle = fs.readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  new vm.Script(bundle).runInContext(dom.getInternalVMContext());
  const mermaid = (dom.window as unknown as { mermaid: MermaidApi }).mermaid;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  loaded = { mermaid, dom };
  return loaded;
}

export interface ParsedFlowchart {
  diagramType: string;
  /** Configuration set by directives or front matter in the text (none expected). */
  config: object;
  nodes: { id: string; text: string; classes: string[] }[];
  subgraphs: { id: string; title: string; nodes: string[] }[];
  edges: { from: string; to: string; text: string; stroke: string }[];
}

/** Mermaid keeps entity codes as placeholders until it draws; this is the text a reader sees. */
function displayed(dom: JSDOM, text: string): string {
  const html = text.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  const el = dom.window.document.createElement('textarea');
  el.innerHTML = html;
  return el.value;
}

export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
  const { mermaid, dom } = load();
  const { diagramType, config } = await mermaid.parse(text);
  const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
  return {
    diagramType,
    config,
    nodes: [...db.getVertices().values()].map((v) => ({
      id: v.id,
      text: displayed(dom, v.text),
      classes: [...v.classes],
    })),
    subgraphs: db
      .getSubGraphs()
      .map((s) => ({ id: s.id, title: displayed(dom, s.title), nodes: [...s.nodes] })),
    edges: db
      .getEdges()
      .map((e) => ({ from: e.start, to: e.end, text: displayed(dom, e.text), stroke: e.stroke })),
  };
}

/** Closes the window (its timers would keep the test process alive). */
export function closeMermaid(): void {
  loaded?.dom.window.close();
  loaded = undefined;
}
