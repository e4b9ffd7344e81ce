/** The access-graph section of the Markdown report: a Mermaid flowchart per plan. */
import type { AccessGraph } from '../graph/build';
import { renderMermaid } from './mermaid';

export const GRAPH_OPTIONS = ['none', 'mermaid'] as const;
export type GraphOption = (typeof GRAPH_OPTIONS)[number];

export const GRAPH_INTRO =
  '\n### Access graph\n\nWhich service accounts can reach which role, before and after this change: `+` and thick green arrows are added, `−` and dashed red ones removed, the rest unchanged; ⚠ marks findings (rule IDs) and risky permissions; each role lists its managed policies.\n';

export function graphBlock(graph: AccessGraph, first: boolean, multiple: boolean): string {
  let text = first ? GRAPH_INTRO : '';
  if (multiple) text += `\n**\`${graph.source.replace(/`/g, "'")}\`**\n`;
  // Mermaid text never holds a backtick (it is an entity code there), so three backticks fence it.
  text += `\n\`\`\`mermaid\n${renderMermaid(graph)}\`\`\`\n`;
  return text;
}
