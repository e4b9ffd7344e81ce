export * from './document';
export * from './subjects';
export * from './trust-policy';
export * from './well-known';
export * from './pod-identity';
