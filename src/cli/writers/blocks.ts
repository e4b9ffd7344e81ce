/**
 * A small Terraform configuration model that renders both as HCL (`.tf`) and as Terraform JSON
 * (`.tf.json`), so the two outputs cannot drift apart. Pure; HCL formatting is `terraform fmt`'s.
 */
import { HclExpression, type HclLiteral, expr, formatHcl, quote, render } from '../../modules/hcl';

export { expr, HclExpression };

/** A string template: its HCL text (quoted) and the same template as a Terraform JSON string. */
export class HclTemplate extends HclExpression {
  constructor(
    text: string,
    readonly template: string,
  ) {
    super(text);
  }
}

/** A nested block (`metadata { … }`), as opposed to an object-valued argument. */
export class NestedBlock {
  constructor(readonly body: Body) {}
}

export type Value = HclLiteral | HclExpression | NestedBlock;
export type Body = { [key: string]: Value | undefined };

export interface Block {
  readonly kind: 'terraform' | 'locals' | 'variable' | 'module' | 'resource' | 'import';
  readonly labels: readonly string[];
  readonly body: Body;
  /** A comment above the block (HCL only). */
  readonly comment?: string;
}

function renderBody(body: Body): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (value instanceof NestedBlock) {
      lines.push(`${key} {\n${renderBody(value.body)}\n}`);
    } else {
      lines.push(`${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : quote(key)} = ${render(value)}`);
    }
  }
  return lines.join('\n');
}

/** The blocks as one formatted `.tf` file. */
export async function toHcl(blocks: readonly Block[], header?: string): Promise<string> {
  const parts = blocks.map((b) => {
    const head = [b.kind, ...b.labels.map((l) => quote(l))].join(' ');
    const comment = b.comment
      ? `${b.comment
          .split('\n')
          .map((l) => `# ${l}`.trimEnd())
          .join('\n')}\n`
      : '';
    return `${comment}${head} {\n${renderBody(b.body)}\n}`;
  });
  return formatHcl(`${header ? `${header}\n\n` : ''}${parts.join('\n\n')}\n`);
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function jsonValue(value: Value, key?: string): JsonValue {
  if (value instanceof HclExpression) {
    // Terraform JSON takes import targets and variable types as plain strings.
    if (key === 'to' || key === 'type') return value.text;
    if (value instanceof HclTemplate) return value.template;
    return `\${${value.text}}`;
  }
  if (value instanceof NestedBlock) return jsonBody(value.body);
  if (Array.isArray(value)) return value.map((v) => jsonValue(v));
  if (value !== null && typeof value === 'object') {
    const out: { [k: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = jsonValue(v);
    return out;
  }
  // A literal string must not be read as a template: escape ${ and %{.
  if (typeof value === 'string') return value.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  return value;
}

function jsonBody(body: Body): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(body)) if (value !== undefined) out[key] = jsonValue(value, key);
  return out;
}

/** The blocks as one Terraform JSON document. */
export function toJson(blocks: readonly Block[]): string {
  const root: { [key: string]: JsonValue } = {};
  for (const b of blocks) {
    const body = jsonBody(b.body);
    if (b.kind === 'terraform' || b.kind === 'import') {
      ((root[b.kind] ??= []) as JsonValue[]).push(body);
    } else if (b.kind === 'locals') {
      root.locals = { ...((root.locals as object) ?? {}), ...body };
    } else if (b.kind === 'resource') {
      const byType = (root.resource ??= {}) as { [k: string]: { [k: string]: JsonValue } };
      (byType[b.labels[0]] ??= {})[b.labels[1]] = body;
    } else {
      ((root[b.kind] ??= {}) as { [k: string]: JsonValue })[b.labels[0]] = body;
    }
  }
  return `${JSON.stringify(root, null, 2)}\n`;
}
