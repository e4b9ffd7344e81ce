// @ts-check
import { readdirSync } from 'node:fs';
/**
 * StrykerJS configuration for `npm run mutation` (scripts/mutation.ts). One run per folder: the driver
 * sets MUTATION_FOLDER to one key of FOLDERS below, and only that folder is mutated, against only the fast
 * pure test files listed for it (no Terraform, no network). Incremental: results are reused from
 * mutation/incremental/<key>.json for mutants whose code and covering tests did not change.
 */
/**
 * The add-on catalog's data files (src/policy/addons/ other than model.ts and index.ts): statements and
 * links, not logic. Each add-on's policy is pinned by its golden document and its recorded fingerprint
 * (test/policy/addons.test.ts), so a changed string there fails already; as module-level data every string
 * would be a static mutant rerunning the whole policy suite.
 */
export const ADDON_DATA_FILES = readdirSync(new URL('src/policy/addons/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'model.ts' && f !== 'index.ts')
  .sort()
  .map((f) => `src/policy/addons/${f}`);

export const FOLDERS = {
  policy: {
    mutate: ['src/policy/**/*.ts', ...ADDON_DATA_FILES.map((f) => `!${f}`)],
    tests: [
      'test/core/trust-policy.test.ts',
      'test/core/subjects.test.ts',
      'test/core/rule-vectors.test.ts',
      'test/core/pod-identity-trust.test.ts',
      // well-known, addons, role-name, partitions, mutants (terraform-plan skips: IRSA_NO_TERRAFORM)
      'test/policy/*.test.ts',
      // the add-on names behind suggestAddonKey (src/policy/addons/index.ts)
      'test/validation/suggest.test.ts',
    ],
  },
  validation: {
    mutate: ['src/validation/**/*.ts'],
    tests: [
      'test/core/validation.test.ts',
      'test/core/rule-vectors.test.ts',
      'test/core/rules-facts.test.ts',
      'test/core/pod-identity-validation.test.ts',
      'test/core/rule-vectors-constructs.test.ts',
      'test/core/oidc-provider.test.ts',
      'test/core/hardening.test.ts',
      'test/policy/well-known.test.ts',
      'test/validation/*.test.ts',
      // unknown keys and cross-account warnings (src/validation/cross-account.ts), and managedPolicy and
      // addonPolicyNames (src/validation/role-policy.ts), one test per message through the constructs; their
      // terraform plans skip under IRSA_NO_TERRAFORM
      'test/core/strict-input.test.ts',
      'test/core/managed-policy.test.ts',
    ],
  },
  // aws-managed-policies.ts is a generated list of 1,594 names (scripts/update-aws-managed-policies.ts):
  // data, not logic, and one static string mutant per name would rerun every test 1,594 times.
  // src/iam's permission and access analysis exists for the plan review, so the review rules' unit tests
  // on hand-built plans (pure, about 3 s) are part of its tests.
  iam: {
    mutate: ['src/iam/**/*.ts', '!src/iam/aws-managed-policies.ts'],
    tests: ['test/iam/*.test.ts', 'test/review/rules-unit.test.ts', 'test/review/rules-mutants.test.ts'],
  },
  // The rules against their unit tests on hand-built plans (no terraform): a lower bound, since the
  // plan-based review tests (test/review/plans, semantics, pod-identity; IRSA_PLAN_CACHE keeps their
  // terraform plans) would only kill more, at about 50 s per full run here instead of 2 s.
  'review-rules': {
    mutate: ['src/review/rules/**/*.ts'],
    tests: ['test/review/rules-unit.test.ts', 'test/review/rules-mutants.test.ts'],
  },
};

const key = process.env.MUTATION_FOLDER ?? 'policy';
const folder = FOLDERS[/** @type {keyof typeof FOLDERS} */ (key)];
if (!folder) throw new Error(`MUTATION_FOLDER=${key}: expected one of ${Object.keys(FOLDERS).join(', ')}`);
// Every mutant reruns the tests that cover it: the heaviest random properties run a fifth of their cases
// (test/support/property.ts `scaled`); `npm test` runs them in full.
process.env.IRSA_PROPERTY_SCALE ??= '0.2';
// Terraform-backed tests skip (with this reason) in the folders whose tests do not need it; the review
// tests do, but only to make their fixture plans, which IRSA_PLAN_CACHE keeps.
if (key !== 'review-rules')
  process.env.IRSA_NO_TERRAFORM ??= 'mutation runs rerun only the pure tests, per mutant';
process.env.IRSA_PLAN_CACHE ??= new URL('.stryker-tmp/plan-cache', import.meta.url).pathname;
const concurrency = Number(process.env.MUTATION_CONCURRENCY ?? '1');
// MUTATION_FILES (comma-separated globs inside the folder) limits a run to some files, for a partial run
// when a whole folder does not fit the time available; the driver records it in MUTATION.md.
const files = process.env.MUTATION_FILES ? process.env.MUTATION_FILES.split(',') : folder.mutate;
// MUTATION_RERUN=1 (`npm run mutation -- --survivors <folder>`): MUTATION_FILES holds the places of the last
// run's survivors (`file:line:column-line:column`); they run again against the current tests, outside the incremental
// record, into their own report, which the driver merges into the folder's report.
const rerun = process.env.MUTATION_RERUN === '1';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // Stryker's TypeScript checker took about 4 s per mutant on this 2-core machine (slower than the tests),
  // so by default it is off: every mutant runs, and the driver type-checks the survivors afterwards
  // (scripts/mutation.ts) and reports those that do not compile as compile errors. MUTATION_TYPECHECK=1
  // turns the checker back on.
  checkers: process.env.MUTATION_TYPECHECK === '1' ? ['typescript'] : [],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: files,
  coverageAnalysis: 'perTest',
  jest: {
    projectType: 'custom',
    enableFindRelatedTests: false,
    config: {
      testEnvironment: 'node',
      rootDir: '.',
      roots: ['<rootDir>/test'],
      testMatch: folder.tests.map((t) => `<rootDir>/${t}`),
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
      testTimeout: 120000,
    },
  },
  concurrency,
  checkerNodeArgs: [],
  incremental: !rerun,
  incrementalFile: `mutation/incremental/${key}.json`,
  ignorePatterns: [
    'dist',
    'cdktf.out',
    'coverage',
    'bench/out',
    'mutation',
    'reports',
    '.stryker-tmp',
    '**/.terraform',
  ],
  reporters: ['json', 'clear-text', 'progress-append-only'],
  jsonReporter: { fileName: `reports/mutation/${key}${rerun ? '.survivors' : ''}.json` },
  timeoutMS: 20000,
  tempDirName: `.stryker-tmp/${key}`,
  cleanTempDir: 'always',
};
