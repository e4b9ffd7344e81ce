export * from './document';
export * from './subjects';
export * from './trust-policy';
export * from './well-known';
export * from './pod-identity';
export { renderAddon } from './addons/model';
export type {
  AddonSpec,
  AddonGrant,
  AddonValues,
  OptionSpec,
  StatementSpec,
  WellKnownAddonInfo,
} from './addons';

import type { AddonSpec, WellKnownAddonInfo } from './addons';
import { addonCatalog } from './addon-catalog';

/** Every add-on, in a fixed order. */
export declare const ADDONS: readonly AddonSpec[];
/** The catalog as a table: key → source URL, upstream version, option names, managed policies. */
export declare const WELL_KNOWN_ADDONS: Readonly<Record<string, WellKnownAddonInfo>>;

// The catalog is loaded when one of these is first read, not with the library (see addon-catalog.ts).
for (const name of ['ADDONS', 'WELL_KNOWN_ADDONS'] as const) {
  Object.defineProperty(exports, name, { enumerable: true, get: () => addonCatalog()[name] });
}
