/**
 * The add-on catalog (./addons: 23 modules), loaded on first use: a role without `wellKnownPolicies` never
 * needs it, and loading it was the largest part of what loading the library cost (bench/NOTES.md,
 * "1: synth overhead"). Node caches the module after the first `require`.
 */
import type * as Catalog from './addons';

export function addonCatalog(): typeof Catalog {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading on first use is the point
  return require('./addons') as typeof Catalog;
}
