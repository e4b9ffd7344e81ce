export * from './document';
export * from './subjects';
export * from './trust-policy';
export * from './well-known';
export * from './pod-identity';
// Plain named exports (not getters): ES-module importers can only name exports a static scan finds.
export { ADDONS, WELL_KNOWN_ADDONS } from './addons';
export { renderAddon } from './addons/model';
export type {
  AddonSpec,
  AddonGrant,
  AddonValues,
  OptionSpec,
  StatementSpec,
  WellKnownAddonInfo,
} from './addons';
