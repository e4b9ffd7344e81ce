/**
 * IRSA_REQUIRE_TERRAFORM=1 (set by .ci/run) turns a missing Terraform CLI, provider mirror or AWS provider
 * into a failure; only a missing Kubernetes provider still returns a reason to skip.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  MIRROR_ENV,
  NO_TERRAFORM_ENV,
  REQUIRE_TERRAFORM_ENV,
  terraformCliUnavailableReason,
  terraformUnavailableReason,
} from '../../tools/terraform';

const saved = { ...process.env };
let emptyMirror: string;
beforeAll(() => {
  // A mirror that holds only hashicorp/aws (an empty version folder is enough for the listing).
  emptyMirror = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-mirror-'));
  fs.mkdirSync(path.join(emptyMirror, 'registry.terraform.io', 'hashicorp', 'aws'), { recursive: true });
});
afterAll(() => fs.rmSync(emptyMirror, { recursive: true, force: true }));
const changed = new Set<string>();
afterEach(() => {
  for (const key of changed) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  changed.clear();
});

function withEnv(env: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(env)) {
    changed.add(key);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

describe('without the flag, missing pieces are reasons to skip', () => {
  test('no CLI on PATH', () => {
    withEnv({ [REQUIRE_TERRAFORM_ENV]: undefined });
    // jest gives tests a copy of process.env, so the child's PATH is passed explicitly.
    expect(terraformCliUnavailableReason({ PATH: emptyMirror })).toBe('the terraform CLI is not on PATH');
  });
  test('no mirror', () => {
    // .ci/run exports the flag; this block checks the behaviour without it.
    withEnv({
      [REQUIRE_TERRAFORM_ENV]: undefined,
      [MIRROR_ENV]: path.join(emptyMirror, 'nope'),
      IRSA_TF_USE_REGISTRY: undefined,
    });
    expect(terraformUnavailableReason(['hashicorp/aws'])).toMatch(/^no provider mirror at /);
  });
});

describe(`with ${REQUIRE_TERRAFORM_ENV}=1`, () => {
  test('no CLI on PATH throws', () => {
    withEnv({ [REQUIRE_TERRAFORM_ENV]: '1' });
    expect(() => terraformCliUnavailableReason({ PATH: emptyMirror })).toThrow(
      'IRSA_REQUIRE_TERRAFORM=1 but the terraform CLI is not on PATH: this run requires Terraform and the AWS provider',
    );
  });
  test('no mirror throws', () => {
    withEnv({
      [MIRROR_ENV]: path.join(emptyMirror, 'nope'),
      [REQUIRE_TERRAFORM_ENV]: '1',
      IRSA_TF_USE_REGISTRY: undefined,
    });
    expect(() => terraformUnavailableReason(['hashicorp/aws'])).toThrow(
      /^IRSA_REQUIRE_TERRAFORM=1 but no provider mirror at /,
    );
  });
  test('a mirror without the AWS provider throws, even when the Kubernetes provider is also missing', () => {
    fs.mkdirSync(path.join(emptyMirror, 'registry.terraform.io', 'hashicorp', 'random'), { recursive: true });
    withEnv({ [MIRROR_ENV]: emptyMirror, [REQUIRE_TERRAFORM_ENV]: '1' });
    expect(() => terraformUnavailableReason(['hashicorp/null'])).toThrow('has no hashicorp/null');
    expect(() => terraformUnavailableReason(['hashicorp/null', 'hashicorp/kubernetes'])).toThrow(
      'has no hashicorp/null, hashicorp/kubernetes',
    );
  });
  test('only a missing Kubernetes provider still skips, with its reason', () => {
    withEnv({ [MIRROR_ENV]: emptyMirror, [REQUIRE_TERRAFORM_ENV]: '1' });
    expect(terraformUnavailableReason(['hashicorp/aws', 'hashicorp/kubernetes'])).toMatch(
      /has no hashicorp\/kubernetes \(it has hashicorp\/aws.*\), and this machine has no registry access$/,
    );
    expect(terraformUnavailableReason(['hashicorp/aws'])).toBeUndefined();
  });
});

describe(`${NO_TERRAFORM_ENV} (the mutation runs set it)`, () => {
  test('turns Terraform off with the reason given', () => {
    withEnv({ [REQUIRE_TERRAFORM_ENV]: undefined, [NO_TERRAFORM_ENV]: 'mutation run' });
    const reason = `Terraform is off for this run (${NO_TERRAFORM_ENV}: mutation run)`;
    expect(terraformCliUnavailableReason()).toBe(reason);
    expect(terraformUnavailableReason(['hashicorp/aws'])).toBe(reason);
  });
  test(`fails instead with ${REQUIRE_TERRAFORM_ENV}=1`, () => {
    withEnv({ [REQUIRE_TERRAFORM_ENV]: '1', [NO_TERRAFORM_ENV]: 'mutation run' });
    expect(() => terraformUnavailableReason(['hashicorp/aws'])).toThrow(
      `${REQUIRE_TERRAFORM_ENV}=1 but Terraform is off for this run (${NO_TERRAFORM_ENV}: mutation run)`,
    );
  });
  test('unset or empty: Terraform runs as usual', () => {
    withEnv({ [REQUIRE_TERRAFORM_ENV]: undefined, [NO_TERRAFORM_ENV]: '' });
    expect(terraformCliUnavailableReason() ?? '').not.toContain('off for this run');
  });
});
