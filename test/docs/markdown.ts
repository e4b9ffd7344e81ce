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

/** Every fenced block of a file, its indentation removed. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```|~~~)\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^\\s*${fence}\\s*$`).test(lines[end])) end++;
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    blocks.push({
      file,
      line: i + 1,
      lang,
      code: lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join('\n'),
      fragment: before >= 0 && /^\s*<!-- fragment\b/.test(lines[before]),
    });
    i = end;
  }
  return blocks;
}

/** The text of a file outside its fenced code blocks. */
function withoutBlocks(text: string): string {
  return text.replace(/^(\s*)(```|~~~)[\s\S]*?^\s*\2\s*$/gm, '');
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
