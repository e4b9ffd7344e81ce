/**
 * Markdown for one GitHub PR comment. The report is assembled from blocks; when it exceeds `maxChars`,
 * optional blocks are dropped deterministically (in a fixed order, stopping at the first that does not
 * fit) and a note says what was cut. The header, the summary and every high finding are always kept.
 */
import type { Finding, Severity } from '../findings';
import { COUNT_KINDS, graphsDrawRoles, type Report } from '../review';
import {
  accessVerdict,
  issuerLabel,
  located,
  notAnalysedLine,
  roleDetailLines,
  sanitize,
  roleHeadline,
  ruleLink,
  type WriterOptions,
} from './common';
import { graphBlock, type GraphOption } from './graph-block';

export const DEFAULT_MAX_CHARS = 65000;
/** Hidden marker the GitHub workflow uses to find and update its own (sticky) comment. */
export const COMMENT_MARKER = '<!-- irsa-review -->';

export interface MarkdownOptions extends WriterOptions {
  maxChars?: number;
  /** `mermaid` (default): the access graph as a Mermaid flowchart; `none`: no graph. */
  graph?: GraphOption;
}

interface Block {
  /** Rendered on demand: blocks past the cut are never rendered (large plans stay cheap). */
  text: string | (() => string);
  /** What the cut note calls it when dropped, e.g. `medium finding`. */
  kind?: string;
}

/** Text for a table cell inside a code span: `|`, line breaks (a lone CR too) and control characters. */
const cell = (text: string): string =>
  sanitize(text.replace(/\|/g, '\\|').replace(/\r\n|\r|\n|\u2028|\u2029/g, ' '), false);
/**
 * Text outside code spans cannot ping or link: a word joiner (U+2060, invisible) after `@` and `#` keeps
 * GitHub from reading `@name`/`@org/team` as a mention or `#123` as an issue reference. Code spans and
 * fences need none of this (GitHub renders them literally).
 */
export const noMentions = (text: string): string => text.replace(/([@#])(?=[\p{L}\p{N}_-])/gu, '$1\u2060');
/** Plain text for a table cell or list item: Markdown punctuation is escaped so `*` never means emphasis. */
const prose = (text: string): string => noMentions(cell(text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)));
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function findingRow(f: Finding, multiple: boolean, options: WriterOptions): string {
  return `| ${f.severity} | [${f.ruleId}](${ruleLink(f.ruleId, options)}) | ${code(cell(located(f, multiple)))} | ${prose(f.message)} |\n`;
}

function fence(lines: string[], lang = ''): string {
  // A fence longer than any backtick run inside keeps user content from closing it.
  const longest = Math.max(
    2,
    ...lines.map((l) => (l.match(/`+/g) ?? []).reduce((m, r) => Math.max(m, r.length), 0)),
  );
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${lines.join('\n')}\n${ticks}\n`;
}

interface Blocks {
  mandatory: Block[];
  /** High findings: kept while they fit, counted per rule when they do not. */
  priority: Block[];
  optional: Block[];
  /** The not-analysed list, with at most `limit` entries. */
  notAnalysed?: (limit: number) => string;
}

function buildBlocks(report: Report, options: MarkdownOptions): Blocks {
  const multiple = report.sources.length > 1;
  const priority: Block[] = [];
  let notAnalysedBlock: ((limit: number) => string) | undefined;
  const { high, medium, low } = report.counts;
  const mandatory: Block[] = [];
  const optional: Block[] = [];
  const plans = report.sources.map(code).join(', ');
  let head = `${COMMENT_MARKER}\n## IRSA review\n\n`;
  head += `**${high} high, ${medium} medium, ${low} low** finding${high + medium + low === 1 ? '' : 's'} in ${plans}.\n\n`;
  head += '### Changes\n\n';
  head += `| Resource type | ${COUNT_KINDS.join(' | ')} |\n|---|${COUNT_KINDS.map(() => '---:').join('|')}|\n`;
  for (const row of report.summary)
    head += `| ${code(row.type)} | ${COUNT_KINDS.map((k) => row.counts[k]).join(' | ')} |\n`;
  if (report.summary.length === 0)
    head += `| (no resource changes) | ${COUNT_KINDS.map(() => '0').join(' | ')} |\n`;
  mandatory.push({ text: head });

  if (report.findings.length > 0) {
    mandatory.push({
      text: '\n### Findings\n\n| Severity | Rule | Resource | Finding |\n|---|---|---|---|\n',
    });
    // High findings come first and are kept while they fit; past that, their count per rule is kept
    // and the rest is in the JSON/SARIF output (writeMarkdown decides).
    for (const f of report.findings.filter((x) => x.severity === 'high'))
      priority.push({ text: () => findingRow(f, multiple, options), kind: 'high finding' });
    for (const sev of ['medium', 'low'] as Severity[]) {
      for (const f of report.findings.filter((x) => x.severity === sev)) {
        optional.push({ text: () => findingRow(f, multiple, options), kind: `${sev} finding` });
      }
    }
  } else {
    mandatory.push({ text: '\nNo findings.\n' });
  }
  // The access graph: after the findings, so it is dropped before any of them.
  if (options.graph !== 'none') {
    // Which plans' graphs draw a role, known without building them: a graph past the cut is never built.
    const drawsRoles =
      graphsDrawRoles(report) ?? report.graphs.map((g) => g.nodes.some((n) => n.kind === 'role'));
    let first = true;
    drawsRoles.forEach((draws, index) => {
      if (!draws) return;
      const isFirst = first;
      first = false;
      optional.push({
        kind: 'access graph',
        text: () => graphBlock(report.graphs[index], isFirst, multiple),
      });
    });
  }
  if (report.notAnalysed.length > 0) {
    notAnalysedBlock = (limit: number): string => {
      let text = '\n### Not analysed\n\n';
      for (const n of report.notAnalysed.slice(0, limit))
        text += `- ${prose(notAnalysedLine(n, multiple))}\n`;
      const more = report.notAnalysed.length - limit;
      if (more > 0) text += `- ... and ${more} more, listed in \`--format json\` and \`--format sarif\`\n`;
      return text;
    };
  }

  // Same test as accessRows.length > 0, without building the rows of blocks that may be cut.
  const withAccess = report.roles.filter(
    (r) => (r.analysis.accessBefore?.issuers.length ?? 0) + (r.analysis.accessAfter?.issuers.length ?? 0) > 0,
  );
  withAccess.forEach((r, i) => {
    optional.push({ kind: 'access preview', text: () => accessBlock(r, i === 0) });
  });
  const accessBlock = (r: (typeof withAccess)[number], first: boolean): string => {
    let text = first
      ? '\n### Access preview\n\nWho can assume each role through IRSA (`namespace:name`), before and after this change.\n'
      : '';
    text += `\n**${code(located(r, multiple))}** (${noMentions(cell(roleHeadline(r)))}): ${accessVerdict(r)}\n\n`;
    text += '| Issuer | Before | After | Change |\n|---|---|---|---|\n';
    for (const row of r.analysis.accessRows) {
      text += `| ${code(issuerLabel(row.issuer))} | ${prose(row.before)} | ${prose(row.after)} | ${row.change} |\n`;
    }
    return text;
  };

  report.roles.forEach((r, i) => {
    optional.push({ kind: 'role detail', text: () => detailBlock(r, i === 0) });
  });
  const detailBlock = (r: (typeof report.roles)[number], first: boolean): string => {
    let text = first ? '\n### Role changes\n' : '';
    text += `\n<details><summary><code>${cell(located(r, multiple)).replace(/</g, '&lt;')}</code> (${noMentions(cell(roleHeadline(r))).replace(/</g, '&lt;')})</summary>\n\n`;
    for (const part of roleDetailLines(r)) {
      text += `**${part.heading}**\n\n`;
      for (const l of part.lines) text += `- ${prose(l)}\n`;
      if (part.lines.length > 0) text += '\n';
      if (part.diff && part.diff.length > 0) text += `${fence(part.diff, 'diff')}\n`;
    }
    text += '</details>\n';
    return text;
  };
  return {
    mandatory,
    priority,
    optional,
    ...(notAnalysedBlock ? { notAnalysed: notAnalysedBlock } : {}),
  };
}

function cutNote(dropped: Block[], maxChars: number): string {
  const counts = new Map<string, number>();
  for (const b of dropped) counts.set(b.kind ?? 'section', (counts.get(b.kind ?? 'section') ?? 0) + 1);
  const parts = [...counts.entries()].map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`);
  return `\n> **Cut to fit ${maxChars} characters:** omitted ${parts.join(', ')}. Run \`irsa-review --format text\` for the full report.\n`;
}

/** Upper bound on the note's length, reserved whenever a cut happens. */
const NOTE_RESERVE = 300;

const render = (b: Block): string => (typeof b.text === 'string' ? b.text : b.text());

/** Not-analysed entries always shown in full; past this, the list says how many more are elsewhere. */
const NOT_ANALYSED_SHOWN = 20;

export function writeMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const { mandatory, priority, optional, notAnalysed } = buildBlocks(report, options);
  // The not-analysed list goes right after the change summary, before the findings table.
  const tail = notAnalysed ? notAnalysed(NOT_ANALYSED_SHOWN) : '';
  let out = render(mandatory[0]) + tail + mandatory.slice(1).map(render).join('');
  // High findings: every one that fits (leaving room for the not-analysed list and the notes).
  const highRoom = maxChars - 2 * NOTE_RESERVE;
  let shownHigh = 0;
  for (; shownHigh < priority.length; shownHigh++) {
    const text = render(priority[shownHigh]);
    if (out.length + text.length > highRoom && shownHigh > 0) break;
    out += text;
  }
  if (shownHigh < priority.length) {
    const highs = report.findings.filter((f) => f.severity === 'high');
    const byRule = new Map<string, number>();
    for (const f of highs) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    const counts = [...byRule.entries()].map(([rule, n]) => `${rule}: ${n}`).join(', ');
    out += `\n> **${highs.length - shownHigh} more high findings** are not shown here (all ${highs.length} by rule: ${counts}); every finding is in \`--format json\` and \`--format sarif\`.\n`;
    if (optional.length > 0) out += cutNote(optional, maxChars);
    return sanitize(out);
  }
  // Render in order; remember the longest prefix that still leaves room for the cut note.
  let keptLength = out.length;
  let kept = 0;
  let i = 0;
  for (; i < optional.length; i++) {
    const text = render(optional[i]);
    if (out.length + text.length > maxChars) break;
    out += text;
    if (out.length <= maxChars - NOTE_RESERVE) {
      keptLength = out.length;
      kept = i + 1;
    }
  }
  if (i === optional.length) return sanitize(out);
  out = out.slice(0, keptLength);
  let note = cutNote(optional.slice(kept), maxChars);
  if (out.length + note.length > maxChars) {
    note += '> The summary alone exceeds the limit; it is kept in full.\n';
  }
  return sanitize(out + note);
}
