/**
 * Checks a Terraform Registry tree: the layout rules of the Registry's standard module structure
 * (https://developer.hashicorp.com/terraform/language/modules/develop/structure and
 * https://developer.hashicorp.com/terraform/registry/modules/publish), `terraform fmt`, and `terraform
 * validate` of the root, every submodule and every example against the provider mirror. What needs a
 * provider (or provider version) the mirror lacks is skipped with its reason, never silently.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  providerMirror,
  terraform,
  terraformCliUnavailableReason,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { satisfiesConstraint } from './semver';

/** Every file under `dir`, as posix paths relative to it, sorted; folders listed too when `withDirs`. */
export function listTree(dir: string, withDirs = false): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (withDirs) out.push(child);
        walk(child);
      } else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/** Top-level blocks `<kind> "<label>" {...}` of an HCL text, with their bodies (brace-matched, strings skipped). */
export function hclBlocks(text: string, kind: string): { label: string; body: string }[] {
  const blocks: { label: string; body: string }[] = [];
  const head = new RegExp(`^${kind}\\s+"([^"]+)"(?:\\s+"([^"]+)")?\\s*\\{`, 'gm');
  for (let match = head.exec(text); match; match = head.exec(text)) {
    let depth = 1;
    let i = head.lastIndex;
    let inString = false;
    for (; i < text.length && depth > 0; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    blocks.push({
      label: match[2] ? `${match[1]}.${match[2]}` : match[1],
      body: text.slice(head.lastIndex, i - 1),
    });
  }
  return blocks;
}

/** The `required_providers` entries of an HCL text: local name -> { source, version }. */
export function requiredProviders(text: string): Map<string, { source?: string; version?: string }> {
  const out = new Map<string, { source?: string; version?: string }>();
  const block = /required_providers\s*\{/.exec(text);
  if (!block) return out;
  const entry = /^\s*([a-z][a-z0-9_-]*)\s*=\s*\{([^}]*)\}/gm;
  const rest = text.slice(block.index + block[0].length);
  const body = rest.slice(0, closingBrace(rest));
  for (let m = entry.exec(body); m; m = entry.exec(body)) {
    out.set(m[1], {
      source: /source\s*=\s*"([^"]+)"/.exec(m[2])?.[1],
      version: /version\s*=\s*"([^"]+)"/.exec(m[2])?.[1],
    });
  }
  return out;
}

function closingBrace(text: string): number {
  let depth = 1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

/** The .tf files directly in `dir` (relative to the tree), concatenated. */
function moduleText(files: Readonly<Record<string, string>>, dir: string): string {
  return Object.keys(files)
    .filter((f) => f.endsWith('.tf') && path.posix.dirname(f) === (dir || '.'))
    .map((f) => files[f])
    .join('\n');
}

/** The module folders of a tree: '' (root), modules/*, examples/*. */
export function treeFolders(files: readonly string[]): {
  root: string;
  submodules: string[];
  examples: string[];
} {
  const second = (prefix: string) =>
    [
      ...new Set(
        files
          .filter((f) => f.startsWith(`${prefix}/`) && f.split('/').length > 2)
          .map((f) => f.split('/').slice(0, 2).join('/')),
      ),
    ].sort();
  return { root: '', submodules: second('modules'), examples: second('examples') };
}

/** Files that must never be published: Terraform working state, plans, locks. */
const FORBIDDEN =
  /(^|\/)(\.terraform(\/|$)|\.terraform\.lock\.hcl$|[^/]*\.tfstate(\.backup)?$|[^/]*\.tfplan$|terraform\.tfvars$)/;

/** Every layout rule the tree breaks, one message each; [] when it is publishable. */
export function registryLayoutProblems(
  treeName: string,
  files: Readonly<Record<string, string>>,
  expect: { address: string; version: string },
  allPaths: readonly string[] = Object.keys(files),
): string[] {
  const problems: string[] = [];
  const names = Object.keys(files);
  const has = (f: string) => names.includes(f);
  if (!/^terraform-[a-z0-9]+-[a-z0-9][a-z0-9-]*$/.test(treeName)) {
    problems.push(
      `repository name "${treeName}" is not terraform-<provider>-<name> (lower case, provider without hyphens)`,
    );
  }
  const { submodules, examples } = treeFolders(names);
  const required = (dir: string, list: string[]) => {
    for (const file of list)
      if (!has(dir ? `${dir}/${file}` : file)) problems.push(`${dir || 'root module'}: ${file} is missing`);
  };
  required('', ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'README.md', 'LICENSE']);
  for (const dir of submodules)
    required(dir, ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'README.md']);
  for (const dir of examples) required(dir, ['main.tf', 'README.md']);
  if (examples.length === 0)
    problems.push('examples/: no example (the Registry shows examples/* of the root and submodules)');
  for (const f of allPaths.filter((n) => FORBIDDEN.test(n)))
    problems.push(`${f}: Terraform working files must not be published`);

  for (const dir of ['', ...submodules]) {
    const text = moduleText(files, dir);
    const where = dir || 'root module';
    if (!/required_version\s*=/.test(text)) problems.push(`${where}: no terraform { required_version }`);
    const providers = requiredProviders(text);
    if (providers.size === 0) problems.push(`${where}: no terraform { required_providers }`);
    for (const [name, p] of providers) {
      if (!p.source || !p.version)
        problems.push(`${where}: required_providers.${name} needs both source and version`);
    }
    const types = new Set([...text.matchAll(/^(?:resource|data)\s+"([a-z0-9]+)_[^"]*"/gm)].map((m) => m[1]));
    for (const type of types) {
      if (type !== 'terraform' && !providers.has(type))
        problems.push(`${where}: uses ${type}_* but declares no required_providers.${type}`);
    }
    for (const block of hclBlocks(text, 'provider'))
      problems.push(
        `${where}: provider "${block.label}" block (a published module must leave providers to its caller)`,
      );
    for (const kind of ['variable', 'output']) {
      for (const block of hclBlocks(text, kind)) {
        if (!/^\s*description\s*=/m.test(block.body))
          problems.push(`${where}: ${kind} "${block.label}" has no description`);
      }
    }
  }

  for (const [file, text] of Object.entries(files).filter(([f]) => /\.(tf|hcl)$/.test(f))) {
    for (const m of text.matchAll(/\bsource\s*=\s*"([^"]+)"/g)) {
      const source = m[1];
      if (source.startsWith('./') || source.startsWith('../')) {
        const base = file.endsWith('.tftest.hcl')
          ? path.posix.dirname(path.posix.dirname(file))
          : path.posix.dirname(file);
        const target = path.posix.normalize(path.posix.join(base, source));
        if (target.startsWith('..')) problems.push(`${file}: module source "${source}" leaves the tree`);
        else if (moduleText(files, target === '.' ? '' : target) === '')
          problems.push(`${file}: module source "${source}" is no module in the tree`);
      } else if (/^git::|github\.com|\?ref=|^[^./"][^/]*\/[^/]+\/[^/]+/.test(source)) {
        problems.push(
          `${file}: module source "${source}" is not relative (modules in one Registry repository refer to each other by path)`,
        );
      }
    }
  }

  for (const [file, text] of Object.entries(files).filter(([f]) => f.endsWith('README.md'))) {
    if (text.trim().length === 0) problems.push(`${file}: empty README`);
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1].split('#')[0];
      if (/^(https?:|mailto:)/.test(m[1]) || link === '') continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), link)).replace(/\/$/, '');
      if (target !== '.' && !names.some((n) => n === target || n.startsWith(`${target}/`)))
        problems.push(`${file}: link ${m[1]} points at nothing in the tree`);
    }
    if (/git::|\?ref=|<org>|<repo>/.test(text))
      problems.push(
        `${file}: a git source or placeholder is left (the Registry tree uses Registry addresses)`,
      );
  }
  const readme = files['README.md'] ?? '';
  const usage = `source  = "${expect.address}"\n  version = "${expect.version}"`;
  if (!readme.includes(usage)) {
    problems.push(`README.md: no usage with source = "${expect.address}" and version = "${expect.version}"`);
  }
  return problems;
}

/** Providers a module folder needs, with every version constraint, following its relative module sources. */
export function neededProviders(files: Readonly<Record<string, string>>, dir: string): Map<string, string[]> {
  const needed = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (d: string) => {
    if (seen.has(d)) return;
    seen.add(d);
    const text = moduleText(files, d);
    for (const [, p] of requiredProviders(text)) {
      if (!p.source) continue;
      const name = p.source.includes('/') ? p.source : `hashicorp/${p.source}`;
      needed.set(name, [...(needed.get(name) ?? []), ...(p.version ? [p.version] : [])]);
    }
    for (const m of text.matchAll(/\bsource\s*=\s*"(\.{1,2}\/[^"]*|\.)"/g)) {
      const target = path.posix.normalize(path.posix.join(d || '.', m[1]));
      visit(target === '.' ? '' : target);
    }
  };
  visit(dir);
  return needed;
}

/** Versions of `provider` (namespace/name) in the mirror. */
function mirroredVersions(mirror: string, provider: string): string[] {
  const dir = path.join(mirror, 'registry.terraform.io', provider);
  if (!fs.existsSync(dir)) return [];
  return [...new Set(fs.readdirSync(dir).flatMap((e) => /(\d+\.\d+\.\d+)/.exec(e)?.[1] ?? []))].sort();
}

/** Why `terraform validate` cannot run for these providers here, or undefined. */
export function validateSkipReason(needed: Map<string, string[]>): string | undefined {
  const unavailable = terraformUnavailableReason([...needed.keys()]);
  if (unavailable !== undefined) return unavailable;
  const mirror = providerMirror();
  if (!mirror) return undefined;
  for (const [provider, constraints] of needed) {
    const versions = mirroredVersions(mirror, provider);
    const constraint = [...new Set(constraints)].join(', ');
    if (!versions.some((v) => satisfiesConstraint(v, constraint))) {
      return `it needs ${provider} ${constraint} and the provider mirror at ${mirror} has ${versions.join(', ') || 'none'}`;
    }
  }
  return undefined;
}

/** What the Terraform checks found. */
export interface TerraformCheck {
  readonly problems: string[];
  readonly validated: string[];
  readonly skipped: { dir: string; reason: string }[];
}

/**
 * `terraform fmt -check -recursive` of the tree, and `init` + `validate` of the root, every submodule and
 * every example, in a scratch copy (so no .terraform folder or lock file lands in the tree).
 */
export function terraformCheckRegistryTree(treeDir: string): TerraformCheck {
  const problems: string[] = [];
  const validated: string[] = [];
  const skipped: { dir: string; reason: string }[] = [];
  const cli = terraformCliUnavailableReason();
  if (cli !== undefined) return { problems, validated, skipped: [{ dir: '(all)', reason: cli }] };
  const fmt = terraform(treeDir, ['fmt', '-check', '-recursive', '-no-color']);
  if (fmt.status !== 0)
    problems.push(
      `terraform fmt -check -recursive: not formatted: ${fmt.stdout.trim().split('\n').join(', ')} ${fmt.stderr.trim()}`,
    );
  const files = Object.fromEntries(
    listTree(treeDir).map((f) => [f, fs.readFileSync(path.join(treeDir, f), 'utf8')]),
  );
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-registry-'));
  try {
    fs.cpSync(treeDir, scratch, { recursive: true });
    const { root, submodules, examples } = treeFolders(Object.keys(files));
    for (const dir of [root, ...submodules, ...examples]) {
      const name = dir || '(root)';
      const reason = validateSkipReason(neededProviders(files, dir));
      if (reason !== undefined) {
        skipped.push({ dir: name, reason });
        continue;
      }
      const cwd = path.join(scratch, dir);
      const init = terraform(cwd, ['init', '-input=false', '-backend=false', '-no-color']);
      const validate = init.status === 0 ? terraform(cwd, ['validate', '-no-color']) : init;
      if (validate.status !== 0)
        problems.push(
          `terraform ${init.status === 0 ? 'validate' : 'init'} failed in ${name}:\n${validate.stderr}${validate.stdout}`,
        );
      else validated.push(name);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { problems, validated, skipped };
}
