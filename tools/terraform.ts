/**
 * Runs the real Terraform CLI for tests, module checks and benchmarks.
 *
 * Providers come from a local filesystem mirror when one exists (offline machines, CI), and from the
 * public registry otherwise. The CLI configuration is handed to each child process only, through
 * TF_CLI_CONFIG_FILE, so the user's own Terraform set-up is never touched.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Env var naming the provider mirror's root (the folder that holds `registry.terraform.io/`). */
export const MIRROR_ENV = 'IRSA_TF_PROVIDER_MIRROR';
const DEFAULT_MIRROR = '/opt/tf-plugins';

/**
 * Widened AWS provider constraint: `@cdktf/provider-aws` 21 pins 6.25.0 and `@cdktn/provider-aws` 25 pins
 * 6.66.0; the mirror may hold 5.x.
 */
export const AWS_PROVIDER_CONSTRAINT = '>= 5.0, < 7.0';

/** The AWS provider settings that let `plan` run with no account and no network. */
export const OFFLINE_AWS_PROVIDER = {
  region: 'us-east-1',
  access_key: 'offline-test',
  secret_key: 'offline-test',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
} as const;

/** The same settings as CDKTF `AwsProvider` props. */
export const OFFLINE_AWS_PROVIDER_CDKTF = {
  region: 'us-east-1',
  accessKey: 'offline-test',
  secretKey: 'offline-test',
  skipCredentialsValidation: true,
  skipRequestingAccountId: true,
  skipMetadataApiCheck: 'true',
} as const;

export const OFFLINE_AWS_PROVIDER_HCL = `provider "aws" {
  region                      = "us-east-1"
  access_key                  = "offline-test"
  secret_key                  = "offline-test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
`;

export interface TerraformResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** The mirror root, or undefined where there is none (then the registry is used). */
export function providerMirror(): string | undefined {
  const configured = process.env[MIRROR_ENV];
  const candidate = configured && configured.length > 0 ? configured : DEFAULT_MIRROR;
  return fs.existsSync(path.join(candidate, 'registry.terraform.io')) ? candidate : undefined;
}

/** Providers (as `namespace/name`) that the mirror holds. */
export function mirroredProviders(mirror = providerMirror()): string[] {
  if (!mirror) return [];
  const root = path.join(mirror, 'registry.terraform.io');
  const found: string[] = [];
  for (const ns of fs.readdirSync(root).sort()) {
    const nsDir = path.join(root, ns);
    if (!fs.statSync(nsDir).isDirectory()) continue;
    for (const name of fs.readdirSync(nsDir).sort()) found.push(`${ns}/${name}`);
  }
  return found;
}

/**
 * Env var that makes Terraform required (CI sets it): where the CLI, the provider mirror or a mirrored
 * provider other than `hashicorp/kubernetes` is missing, terraformUnavailableReason throws instead of
 * returning a reason to skip, so the test file fails. Only a missing Kubernetes provider still skips.
 */
export const REQUIRE_TERRAFORM_ENV = 'IRSA_REQUIRE_TERRAFORM';

/** Providers whose absence may skip tests even when Terraform is required (no mirror carries it here). */
const OPTIONAL_PROVIDERS = ['hashicorp/kubernetes'];

/** `reason`, or a thrown Error when IRSA_REQUIRE_TERRAFORM=1 and the missing piece is not optional. */
function fail(reason: string, optional = false): string {
  if (process.env[REQUIRE_TERRAFORM_ENV] === '1' && !optional) {
    throw new Error(
      `${REQUIRE_TERRAFORM_ENV}=1 but ${reason}: this run requires Terraform and the AWS provider`,
    );
  }
  return reason;
}

/**
 * Env var that turns Terraform off for a run, with the reason as its value: the mutation runs set it,
 * because they rerun only the fast pure tests once per mutant (Terraform-backed tests then skip with
 * this reason; with IRSA_REQUIRE_TERRAFORM=1 they fail instead).
 */
export const NO_TERRAFORM_ENV = 'IRSA_NO_TERRAFORM';

/** Why the terraform CLI cannot run here (no provider needed), or undefined; throws when required. */
export function terraformCliUnavailableReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const off = process.env[NO_TERRAFORM_ENV];
  if (off) return fail(`Terraform is off for this run (${NO_TERRAFORM_ENV}: ${off})`);
  const version = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env });
  return version.error || version.status !== 0 ? fail('the terraform CLI is not on PATH') : undefined;
}

/**
 * Why Terraform cannot run a plan of `providers` here, or undefined when it can. With
 * IRSA_REQUIRE_TERRAFORM=1 a missing CLI, mirror or required provider throws instead.
 */
export function terraformUnavailableReason(providers: string[] = ['hashicorp/aws']): string | undefined {
  const cli = terraformCliUnavailableReason();
  if (cli !== undefined) return cli;
  const mirror = providerMirror();
  if (!mirror) {
    if (process.env.IRSA_TF_USE_REGISTRY === '1') return undefined;
    return fail(
      `no provider mirror at ${process.env[MIRROR_ENV] || DEFAULT_MIRROR} (set ${MIRROR_ENV}, or IRSA_TF_USE_REGISTRY=1 to download from the registry)`,
    );
  }
  const have = mirroredProviders(mirror);
  const missing = providers.filter((p) => !have.includes(p));
  if (missing.length > 0) {
    return fail(
      `the provider mirror at ${mirror} has no ${missing.join(', ')} (it has ${have.join(', ') || 'nothing'}), and this machine has no registry access`,
      missing.every((p) => OPTIONAL_PROVIDERS.includes(p)),
    );
  }
  return undefined;
}

export function terraformVersion(): string {
  const out = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
  if (out.status !== 0) return 'unavailable';
  return (JSON.parse(out.stdout) as { terraform_version: string }).terraform_version;
}

let cliConfigPath: string | undefined;

/** A CLI config that installs mirrored providers from the mirror and shares one plugin cache. */
function cliConfig(): string {
  if (cliConfigPath) return cliConfigPath;
  const cache = path.join(os.tmpdir(), 'irsa-tf-plugin-cache');
  fs.mkdirSync(cache, { recursive: true });
  const mirror = providerMirror();
  const mirrored = mirroredProviders(mirror).map((p) => `"registry.terraform.io/${p}"`);
  const installation = mirror
    ? `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = [${mirrored.join(', ')}]
  }
  direct {
    exclude = [${mirrored.join(', ')}]
  }
}
`
    : '';
  // The cache lets every init link the (700 MB) provider instead of copying it.
  const text = `${installation}plugin_cache_dir = ${JSON.stringify(cache)}
plugin_cache_may_break_dependency_lock_file = true
`;
  // One file per distinct content, written atomically: parallel test workers share it safely.
  const dir = path.join(os.tmpdir(), 'irsa-tf-cli');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${createHash('sha256').update(text).digest('hex').slice(0, 16)}.tfrc`);
  if (!fs.existsSync(file)) {
    const temp = `${file}.${process.pid}`;
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  }
  cliConfigPath = file;
  return file;
}

/** The environment a Terraform child process runs with: the offline CLI config, no prompts, no checkpoint. */
export function terraformEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig(),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    ...env,
  };
}

/** Runs `terraform <args>` in `dir` with the offline CLI config. Never throws on a non-zero exit. */
export function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): TerraformResult {
  const result = spawnSync('terraform', args, {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: terraformEnv(env),
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Like {@link terraform} but throws with Terraform's own output when the command fails. */
export function terraformOk(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = terraform(dir, args, env);
  if (result.status !== 0) {
    throw new Error(
      `terraform ${args.join(' ')} failed in ${dir} (exit ${result.status}):\n${result.stderr}\n${result.stdout}`,
    );
  }
  return result.stdout;
}

/** `init` then `validate`; throws with Terraform's diagnostics on failure. */
export function initAndValidate(dir: string): void {
  terraformOk(dir, ['init', '-input=false', '-no-color']);
  terraformOk(dir, ['validate', '-no-color']);
}

/** `plan -out` then `show -json`: the parsed plan. Assumes `init` has run. */
export function planJson(dir: string, extraArgs: string[] = []): TerraformPlan {
  terraformOk(dir, ['plan', '-input=false', '-no-color', '-lock=false', '-out=irsa.tfplan', ...extraArgs]);
  return JSON.parse(terraformOk(dir, ['show', '-json', 'irsa.tfplan'])) as TerraformPlan;
}

/** The parts of `terraform show -json` these tools read. */
export interface TerraformPlan {
  format_version: string;
  resource_changes?: {
    address: string;
    type: string;
    name: string;
    index?: string | number;
    module_address?: string;
    change: {
      actions: string[];
      before: unknown;
      after: Record<string, unknown> | null;
      after_unknown?: unknown;
    };
  }[];
  planned_values?: unknown;
  [key: string]: unknown;
}

/** Planned `after` values of every resource change of `type`, keyed by address. */
export function plannedResources(plan: TerraformPlan, type: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const rc of plan.resource_changes ?? []) {
    if (rc.type === type && rc.change.after) out.set(rc.address, rc.change.after);
  }
  return out;
}
