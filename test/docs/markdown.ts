/**
 * Reading the documentation as the docs tests do: which Markdown files there are, their fenced code blocks
 * (with the fragment marker), their links and their headings' anchors as GitHub renders them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

/** The generated API reference: its links are checked, its code is the code's own. */
export const API_DIR = 'docs/api';

/** README.md and every Markdown file under docs/, relative to the root, sorted. */
export function markdownFiles(options: { withApi: boolean }): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (options.withApi || child !== API_DIR) walk(child);
      } else if (entry.name.endsWith('.md')) out.push(child);
    }
  };
  walk('docs');
  return ['README.md', ...out.sort()];
}

export interface CodeBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  /** The HTML comment `<!-- fragment: why -->` on the last non-empty line before the fence. */
  readonly fragment: boolean;
}

/**
 * An opening code fence as CommonMark reads one: three or more backticks or tildes, and for backticks an
 * info string without a backtick (so a line that starts with inline code such as ```` ```mermaid ```` is
 * prose, not a fence).
 */
function openingFence(line: string): { indent: string; fence: string; lang: string } | undefined {
  const m = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m) return undefined;
  const [, indent, fence, info] = m;
  if (fence[0] === '`' && info.includes('`')) return undefined;
  return { indent, fence, lang: /^\s*([\w-]*)/.exec(info)?.[1] ?? '' };
}

/** The line that closes `fence`: the same character, at least as many, nothing else but spaces. */
function closes(line: string, fence: string): boolean {
  const m = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
  return m !== null && m[1][0] === fence[0] && m[1].length >= fence.length;
}

/** A fenced block: its opening line and its closing line (or the end), 0-based; indent and language. */
export interface Fence {
  readonly open: number;
  readonly close: number;
  readonly indent: string;
  readonly lang: string;
}

/** Every fenced block of a file's lines. */
export function fencedBlocks(lines: readonly string[]): Fence[] {
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = openingFence(lines[i]);
    if (!open) continue;
    let close = i + 1;
    while (close < lines.length && !closes(lines[close], open.fence)) close++;
    out.push({ open: i, close, indent: open.indent, lang: open.lang });
    i = close;
  }
  return out;
}

/** Every fenced block of a file, its indentation removed. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  return fencedBlocks(lines).map(({ open, close, indent, lang }) => {
    let before = open - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    return {
      file,
      line: open + 1,
      lang,
      code: lines
        .slice(open + 1, close)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join('\n'),
      fragment: before >= 0 && /^\s*<!-- fragment\b/.test(lines[before]),
    };
  });
}

/** The text of a file outside its fenced code blocks. */
function withoutBlocks(text: string): string {
  const lines = text.split('\n');
  const inBlock = new Array<boolean>(lines.length).fill(false);
  for (const { open, close } of fencedBlocks(lines))
    for (let i = open; i <= close && i < lines.length; i++) inBlock[i] = true;
  return lines.filter((_, i) => !inBlock[i]).join('\n');
}

/** The text of a file outside code blocks and inline code, where links count. */
function prose(text: string): string {
  return withoutBlocks(text).replace(/`[^`\n]*`/g, '');
}

/** Every Markdown link target `[text](target)` of a file, outside code. */
export function links(file: string): string[] {
  const text = prose(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to "-". */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a file's headings (duplicates numbered as GitHub does) and its explicit anchors. */
export function anchors(file: string): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutBlocks(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of text.matchAll(/<a (?:name|id)="([^"]+)"/g)) out.add(m[1]);
  return out;
}
