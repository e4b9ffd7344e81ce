export * from './document';
export * from './subjects';
export * from './trust-policy';
export * from './well-known';
export * from './pod-identity';
// Re-exported by name so ES-module importers can name them; they load the catalog when first read.
export { ADDONS, WELL_KNOWN_ADDONS } from './addon-exports';
export { renderAddon } from './addons/model';
export type {
  AddonSpec,
  AddonGrant,
  AddonValues,
  OptionSpec,
  StatementSpec,
  WellKnownAddonInfo,
} from './addons';
