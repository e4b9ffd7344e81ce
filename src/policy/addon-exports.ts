/**
 * `ADDONS` and `WELL_KNOWN_ADDONS` as the package exports them: getters that load the catalog (./addons,
 * 23 modules) when first read, so an app that never reads them does not load it (bench/NOTES.md, "1: synth
 * overhead"). The package's index re-exports them by name (`export { ADDONS } from`), which TypeScript
 * compiles to the `get: function () { return m.ADDONS; }` form that Node's static scan of CommonJS finds,
 * so ES-module importers can name them too (scripts/check-consumer.ts imports both ways).
 */
import type { AddonSpec, WellKnownAddonInfo } from './addons';
import { addonCatalog } from './addon-catalog';

/** Every add-on, in a fixed order. */
export declare const ADDONS: readonly AddonSpec[];
/** The catalog as a table: key → source URL, upstream version, option names, managed policies. */
export declare const WELL_KNOWN_ADDONS: Readonly<Record<string, WellKnownAddonInfo>>;

Object.defineProperty(exports, 'ADDONS', { enumerable: true, get: () => addonCatalog().ADDONS });
Object.defineProperty(exports, 'WELL_KNOWN_ADDONS', {
  enumerable: true,
  get: () => addonCatalog().WELL_KNOWN_ADDONS,
});
