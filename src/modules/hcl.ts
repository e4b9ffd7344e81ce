/**
 * Just enough HCL writing for the generated modules: literals rendered from JavaScript values, quoted
 * templates, and `terraform fmt`-compatible formatting. The modules are rendered here rather than through
 * CDKTF's HCL output, which drops falsy variable defaults, mis-renders `required_version` overrides and
 * `configuration_aliases`, and is unformatted.
 */

/** A literal value the renderer can write as HCL. */
export type HclLiteral = string | number | boolean | null | HclLiteral[] | { [key: string]: HclLiteral };

/** An HCL expression written out verbatim (a reference, a function call, a `for` expression). */
export class HclExpression {
  constructor(readonly text: string) {}
}

export const expr = (text: string): HclExpression => new HclExpression(text);

/**
 * The text of a quoted HCL string with the given content, escaped so that it is taken literally: no
 * `${…}` interpolation or `%{…}` directive in `value` is evaluated.
 */
export function quote(value: string): string {
  return `"${escapeTemplate(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}"`;
}

/**
 * Escapes text for use inside a quoted template whose `${…}` parts are interpolations (backslashes,
 * quotes and control characters only).
 */
export function escapeTemplate(text: string): string {
  return text.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Renders a literal (or an expression) as HCL; objects and long lists span several lines. */
export function render(value: HclLiteral | HclExpression): string {
  if (value instanceof HclExpression) return value.text;
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map(render);
    const oneLine = `[${items.join(', ')}]`;
    return oneLine.length <= 80 && !oneLine.includes('\n') ? oneLine : `[\n${items.map((i) => `${i},`).join('\n')}\n]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const lines = keys.map((k) => `${IDENTIFIER.test(k) ? k : quote(k)} = ${render(value[k])}`);
  return `{\n${lines.join('\n')}\n}`;
}

/**
 * The formatter, loaded on first use: @cdktf/hcl-tools starts a Go WebAssembly runtime as soon as it is
 * required (about 60 MB), which only the commands that write HCL need, not `irsa --help` or the other formats.
 */
let hclTools: Promise<typeof import('@cdktf/hcl-tools')> | undefined;

/** Formats HCL as `terraform fmt` does (hclwrite), and ends it with exactly one newline. */
export async function formatHcl(text: string): Promise<string> {
  hclTools ??= import('@cdktf/hcl-tools');
  const formatted = await (await hclTools).format(text);
  return `${formatted.replace(/\s+$/, '')}\n`;
}

/** A `# ---- Title ----` banner that opens a section of a file. */
export function banner(title: string): string {
  const line = '#'.repeat(100);
  return `${line}\n# ${title}\n${line}`;
}

/** Prefixes every line of `text` with `# `. */
export function comment(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? '#' : `# ${l}`))
    .join('\n');
}
