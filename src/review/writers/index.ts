import type { Report } from '../review';
import { writeJson } from './json';
import { writeMarkdown, type MarkdownOptions } from './markdown';
import { writeSarif } from './sarif';
import { writeText } from './text';

export const FORMATS = ['markdown', 'json', 'sarif', 'text'] as const;
export type Format = (typeof FORMATS)[number];

export function writeReport(report: Report, format: Format, options: MarkdownOptions = {}): string {
  switch (format) {
    case 'json':
      return writeJson(report, options);
    case 'sarif':
      return writeSarif(report, options);
    case 'text':
      return writeText(report);
    default:
      return writeMarkdown(report, options);
  }
}

export { writeJson, writeMarkdown, writeSarif, writeText };
export { GRAPH_OPTIONS, type GraphOption } from './graph-block';
export { renderMermaid, mermaidText, DEFAULT_MAX_GRAPH_NODES } from './mermaid';
export { COMMENT_MARKER, DEFAULT_MAX_CHARS } from './markdown';
