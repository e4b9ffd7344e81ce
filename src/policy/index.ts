export * from './document';
export * from './subjects';
export * from './trust-policy';
export * from './well-known';
export * from './pod-identity';
export { ADDONS, WELL_KNOWN_ADDONS, renderAddon } from './addons';
export type {
  AddonSpec,
  AddonGrant,
  AddonValues,
  OptionSpec,
  StatementSpec,
  WellKnownAddonInfo,
} from './addons';
