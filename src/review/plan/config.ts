/**
 * What the plan's `configuration` says about references: which resources an attribute's expression
 * refers to, through module outputs, keeping instance keys (`module.irsa["shop"]`, `aws_iam_role.x[0]`)
 * wherever the expression names one, so a reference links to that instance only.
 */
import type { RawConfigModule, RawPlan } from './types';

const KEY = String.raw`\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]`;
const KEY_RE = new RegExp(KEY, 'g');

/** `module.a["k"].aws_x.y[0]` -> `module.a.aws_x.y` (configuration addresses carry no instance keys). */
export function configAddress(address: string): string {
  return address.includes('[') ? address.replace(KEY_RE, '') : address;
}

/** Module prefix of a configuration address (`module.a.module.b.`), or ''. */
function modulePrefix(address: string): string {
  const m = new RegExp(String.raw`^((?:module\.[^.\[]+(?:${KEY})?\.)*)`).exec(address);
  return m ? m[1] : '';
}

/** The instance key at the end of a resource address (`["shop"]`, `[0]`), or ''. */
function ownKey(address: string): string {
  const m = new RegExp(`(${KEY})$`).exec(address);
  return m ? m[1] : '';
}

export interface ConfigIndex {
  expressions: Map<string, Record<string, unknown>>;
  outputs: Map<string, string[]>;
}

export function indexConfiguration(plan: RawPlan): ConfigIndex {
  const index: ConfigIndex = { expressions: new Map(), outputs: new Map() };
  const stack: [RawConfigModule | undefined, string, number][] = [[plan.configuration?.root_module, '', 0]];
  while (stack.length > 0) {
    const [mod, prefix, depth] = stack.pop() as [RawConfigModule | undefined, string, number];
    if (!mod || typeof mod !== 'object' || depth > 64) continue;
    for (const r of Array.isArray(mod.resources) ? mod.resources : []) {
      if (r && typeof r.address === 'string' && r.expressions && typeof r.expressions === 'object')
        index.expressions.set(prefix + r.address, r.expressions);
    }
    const outputs = (mod as { outputs?: Record<string, { expression?: { references?: unknown } }> }).outputs;
    for (const [name, output] of Object.entries(outputs ?? {})) {
      const refs = output?.expression?.references;
      index.outputs.set(
        `${prefix.slice(0, -1)}.${name}`,
        Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [],
      );
    }
    for (const [name, call] of Object.entries(mod.module_calls ?? {}))
      stack.push([call?.module, `${prefix}module.${name}.`, depth + 1]);
  }
  return index;
}

/** All `references` arrays found anywhere inside an expression tree (iterative: trees may be deep). */
function collectReferences(expr: unknown, out: string[]): void {
  const stack: unknown[] = [expr];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    const refs = record['references'];
    if (Array.isArray(refs)) for (const ref of refs) if (typeof ref === 'string') out.push(ref);
    for (const key of Object.keys(record)) if (key !== 'references') stack.push(record[key]);
  }
}

/** Every reference an attribute's expression names, as written (`aws_x.y.arn`, `count.index`), sorted. */
export function rawReferences(
  index: ConfigIndex,
  resourceAddress: string,
  attributePath: readonly string[],
): string[] {
  let expr: unknown = index.expressions.get(configAddress(resourceAddress));
  for (const key of attributePath) {
    if (Array.isArray(expr)) expr = expr[0];
    expr = expr && typeof expr === 'object' ? (expr as Record<string, unknown>)[key] : undefined;
  }
  const refs: string[] = [];
  collectReferences(expr, refs);
  return [...new Set(refs)].sort();
}

/**
 * Addresses of `targetType` resources an attribute's expression refers to, following module outputs.
 * Each keeps the instance keys the expression names (`module.irsa["shop"].aws_iam_role.this`); where it
 * names none, the address has none and stands for every instance. `each.key`/`count.index` next to an
 * unkeyed reference is read as "the instance with my own key", the usual for_each pairing: an
 * assumption (see {@link referenceLink}).
 */
export function referencedAddresses(
  index: ConfigIndex,
  resourceAddress: string,
  attributePath: readonly string[],
  targetType: string,
): string[] {
  return referenceLink(index, resourceAddress, attributePath, targetType).addresses;
}

/** What an attribute's expression says about the `targetType` resources it refers to. */
export interface ReferenceLink {
  /** The addresses {@link referencedAddresses} returns. */
  addresses: string[];
  /**
   * True when some address got its instance key only from `each.key`/`count.index` next to an unkeyed
   * reference. The plan's `references` are the same for `aws_iam_role.x[count.index]` and
   * `aws_iam_role.x[1 - count.index]` (both `aws_iam_role.x`, `count.index`), so that key is assumed.
   */
  ownKeyAssumed: boolean;
  /** When `ownKeyAssumed`: the addresses without the assumed key (every instance it may name); else []. */
  candidates: string[];
  /** When `ownKeyAssumed`: every reference the expression names, as written, sorted; else []. */
  references: string[];
}

export function referenceLink(
  index: ConfigIndex,
  resourceAddress: string,
  attributePath: readonly string[],
  targetType: string,
): ReferenceLink {
  let expr: unknown = index.expressions.get(configAddress(resourceAddress));
  for (const key of attributePath) {
    if (Array.isArray(expr)) expr = expr[0];
    expr = expr && typeof expr === 'object' ? (expr as Record<string, unknown>)[key] : undefined;
  }
  const refs: string[] = [];
  collectReferences(expr, refs);
  const pairsOwnKey = refs.some((r) => r === 'each.key' || r === 'count.index');
  const own = pairsOwnKey ? ownKey(resourceAddress) : '';
  const prefix = modulePrefix(resourceAddress);
  const assumed = { own: false };
  const addresses = resolveRefs(index, prefix, refs, targetType, 0, own, assumed);
  return {
    addresses,
    ownKeyAssumed: assumed.own,
    candidates: assumed.own ? resolveRefs(index, prefix, refs, targetType, 0, '') : [],
    references: assumed.own ? [...new Set(refs)].sort() : [],
  };
}

function resolveRefs(
  index: ConfigIndex,
  prefix: string,
  refs: readonly string[],
  targetType: string,
  depth: number,
  own: string,
  assumed: { own: boolean } = { own: false },
): string[] {
  const direct = new RegExp(`^(${targetType}\\.[^.\\[]+)(${KEY})?`);
  const viaModule = new RegExp(`^module\\.([^.\\[]+)(${KEY})?\\.([^.\\[]+)`);
  // Group by configuration address: a keyed reference (`x[0]`) makes the bare one (`x`) redundant.
  const found = new Map<string, Set<string>>();
  const add = (config: string, address: string): void => {
    const set = found.get(config) ?? new Set<string>();
    set.add(address);
    found.set(config, set);
  };
  const bareModule = new RegExp(`^module\\.([^.\\[]+)(${KEY})?$`);
  const withOutput = new Set(refs.map((r) => viaModule.exec(r)?.[1]).filter((m) => m !== undefined));
  const keyedTargets = new Set<string>();
  for (const ref of refs) {
    const d = direct.exec(ref);
    if (d?.[2] !== undefined) keyedTargets.add(d[1]);
  }
  for (const ref of refs) {
    // `module.irsa[each.key].role_arn` is referenced as just `module.irsa` (and `each.key`): follow
    // every output of that module, for the instance with the referencing resource's own key.
    const bare = bareModule.exec(ref);
    if (bare && !withOutput.has(bare[1]) && depth < 8) {
      const key = bare[2] ?? own;
      const outputsPrefix = `${configAddress(prefix)}module.${bare[1]}.`;
      for (const [name, outputRefs] of index.outputs) {
        if (!name.startsWith(outputsPrefix) || name.slice(outputsPrefix.length).includes('.')) continue;
        const inner = `${prefix}module.${bare[1]}${key}`;
        for (const r of resolveRefs(index, `${inner}.`, outputRefs, targetType, depth + 1, '')) {
          add(configAddress(r), r);
          if (bare[2] === undefined && own !== '') assumed.own = true;
        }
      }
      continue;
    }
    const d = direct.exec(ref);
    if (d) {
      // Terraform writes `x[0].arn` as `x[0]` and `x`: that bare `x` takes no key of its own.
      const key = d[2] ?? (keyedTargets.has(d[1]) ? '' : own);
      add(prefix + d[1], prefix + d[1] + key);
      if (d[2] === undefined && key !== '') assumed.own = true;
      continue;
    }
    const m = viaModule.exec(ref);
    if (m && depth < 8) {
      const key = m[2] ?? own;
      const inner = `${prefix}module.${m[1]}${key}`;
      const innerRefs = index.outputs.get(`${configAddress(prefix)}module.${m[1]}.${m[3]}`) ?? [];
      for (const r of resolveRefs(index, `${inner}.`, innerRefs, targetType, depth + 1, '')) {
        add(configAddress(r), r);
        if (m[2] === undefined && own !== '') assumed.own = true;
      }
    }
  }
  const out: string[] = [];
  for (const [config, addresses] of found) {
    const keyed = [...addresses].filter((a) => a !== config);
    out.push(...(keyed.length > 0 ? keyed : [config]));
  }
  return out.sort();
}

interface Segment {
  name: string;
  key?: string;
}

/** `module.a["k"].aws_x.y[0]` -> [{module.a, ["k"]}, {aws_x.y, [0]}]. */
function segments(address: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  const ident = (): string => {
    const start = i;
    while (i < address.length && address[i] !== '.' && address[i] !== '[') i++;
    return address.slice(start, i);
  };
  while (i < address.length) {
    const first = ident();
    if (address[i] === '.') i++;
    const name = `${first}.${ident()}`;
    let key: string | undefined;
    if (address[i] === '[') {
      const start = i;
      let quoted = false;
      for (i++; i < address.length; i++) {
        const ch = address[i];
        if (quoted && ch === '\\') i++;
        else if (ch === '"') quoted = !quoted;
        else if (ch === ']' && !quoted) break;
      }
      i++;
      key = address.slice(start, i);
    }
    out.push(key === undefined ? { name } : { name, key });
    if (address[i] === '.') i++;
  }
  return out;
}

/** Does a resource instance address fall under a (possibly partly keyed) reference address? */
export function addressMatches(reference: string, address: string): boolean {
  if (reference === address) return true;
  const r = segments(reference);
  const a = segments(address);
  if (r.length !== a.length) return false;
  return r.every((s, i) => s.name === a[i].name && (s.key === undefined || s.key === a[i].key));
}
