const flavour = require('./tools/cdktn-flavour.json');

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The cdktn project runs the construct suites again with every cdktf import seen through
 * tools/cdktn-flavour.json (the map the cdktn build applies to dist/), so each construct test runs under
 * both cores: `npx jest test/core/constructs.test.ts` runs it twice, labelled [cdktf] and [cdktn].
 */
const cdktnModuleNameMapper = {
  ...Object.fromEntries(
    Object.entries({ ...flavour.local, ...flavour.testOnly }).map(([from, to]) => [
      `^${escape(from)}$`,
      `<rootDir>/${to}`,
    ]),
  ),
  ...Object.fromEntries(Object.entries(flavour.packages).map(([from, to]) => [`^${escape(from)}$`, to])),
  ...Object.fromEntries(
    Object.entries(flavour.prefixes).map(([from, to]) => [`^${escape(from)}(.+)$`, `${to}$1`]),
  ),
};

/** The suites that run under both cores. */
const CDKTN_SUITES = [
  'core/constructs',
  'core/hardening',
  'core/managed-policy',
  'core/kubernetes-side',
  'core/oidc-provider',
  'core/oidc-provider-plan',
  'core/pod-identity-constructs',
  'core/pod-identity-migration',
  'core/pod-identity-plan',
  'core/stable-identity',
  'core/strict-input',
  'core/validation',
  'core/terraform-plan',
  'modules/kubernetes-schema',
].map((suite) => `<rootDir>/test/${suite}.test.ts`);

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
};

/** @type {import('jest').Config} */
module.exports = {
  // Terraform-backed tests run real `terraform init/plan`; give them room on a 2-core machine.
  testTimeout: 300000,
  maxWorkers: 2,
  // One temporary folder per run, removed at the end (CDKTF's Testing helpers leave one per synth).
  globalSetup: '<rootDir>/test/support/tmpdir-setup.js',
  globalTeardown: '<rootDir>/test/support/tmpdir-teardown.js',
  projects: [
    { ...common, displayName: 'cdktf', testMatch: ['**/*.test.ts'] },
    { ...common, displayName: 'cdktn', testMatch: CDKTN_SUITES, moduleNameMapper: cdktnModuleNameMapper },
  ],
};
