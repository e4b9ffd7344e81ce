/**
 * Lifecycle test harness: a local AWS API emulator (`moto_server`) on a loopback port, and a Terraform
 * working directory that is applied against it, edited, planned against the applied state and applied
 * again, as users do on day 2.
 *
 * Nothing leaves the machine: the AWS provider's endpoints (iam, sts, eks, s3) point at the emulator and are
 * checked to be loopback before every Terraform run, the credentials are dummies, the metadata API and the
 * region check are off, and Terraform runs with a proxy that does not exist for every non-loopback address,
 * so a request the endpoints do not cover fails instead of reaching AWS.
 *
 * The emulator has no EKS Pod Identity association API: `apply` applies every other resource (with
 * `-target`) and the plans still show the associations, which tests assert as planned creations.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AWS_PROVIDER_CONSTRAINT,
  providerMirror,
  mirroredProviders,
  terraform,
  terraformOk,
  terraformUnavailableReason,
  type TerraformPlan,
  type TerraformResult,
} from '../../tools/terraform';

/** Env var that makes the emulator required (`.ci/run` sets it): its absence then fails the test file. */
export const REQUIRE_EMULATOR_ENV = 'IRSA_REQUIRE_EMULATOR';

/** The emulator's executable. */
export const MOTO_SERVER = 'moto_server';

/** The wrapper that starts moto_server with 32-hex-digit EKS issuers (test/support/moto-server.py). */
const MOTO_WRAPPER = path.join(__dirname, 'moto-server.py');

/** The Python that runs moto_server (its shebang's interpreter), or python3. */
const MOTO_PYTHON = (() => {
  const which = spawnSync('sh', ['-c', `command -v ${MOTO_SERVER}`], { encoding: 'utf8' }).stdout.trim();
  if (which === '') return 'python3';
  const first = fs.readFileSync(which, 'utf8').split('\n')[0] ?? '';
  const interpreter = /^#!\s*(\S+python\S*)\s*$/.exec(first)?.[1];
  return interpreter !== undefined && fs.existsSync(interpreter) ? interpreter : 'python3';
})();

/** Resource types the emulator cannot create: planned, never applied. */
export const UNSUPPORTED_BY_EMULATOR = ['aws_eks_pod_identity_association'];

/** The AWS services whose endpoints point at the emulator. */
export const EMULATED_SERVICES = ['iam', 'sts', 'eks', 's3'] as const;

/** The account moto answers `sts:GetCallerIdentity` with. */
export const EMULATOR_ACCOUNT_ID = '123456789012';

function executableOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Why the lifecycle tests cannot run here (no Terraform with the AWS provider, or no `moto_server`), or
 * undefined when they can. With IRSA_REQUIRE_EMULATOR=1 a missing emulator throws, so the file fails; a
 * missing Terraform throws under IRSA_REQUIRE_TERRAFORM=1 (tools/terraform.ts).
 */
export function emulatorUnavailableReason(executable = MOTO_SERVER): string | undefined {
  const tf = terraformUnavailableReason(['hashicorp/aws']);
  let reason = tf;
  if (reason === undefined) {
    const exe = executableOnPath(executable);
    if (exe === undefined)
      reason = `${executable} (the AWS API emulator, pip package moto[server]) is not on PATH`;
    else {
      const help = spawnSync(exe, ['--help'], { encoding: 'utf8' });
      if (help.error || help.status !== 0) {
        reason = `${executable} does not run (${help.error?.message ?? `exit ${help.status}: ${help.stderr.trim().split('\n').pop()}`})`;
      }
    }
  }
  if (reason !== undefined && process.env[REQUIRE_EMULATOR_ENV] === '1') {
    throw new Error(`${REQUIRE_EMULATOR_ENV}=1 but ${reason}: this run requires the AWS API emulator`);
  }
  return reason;
}

/** A free TCP port on 127.0.0.1 (the kernel picks it; the emulator binds it right after). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Whether the TCP socket listening on 127.0.0.1:`port` belongs to process `pid` or one of its descendants
 * (Linux /proc; elsewhere, where /proc/net/tcp is missing, an answer is taken as this process's).
 */
export function listensHere(pid: number | undefined, port: number): boolean {
  let table: string;
  try {
    table = fs.readFileSync('/proc/net/tcp', 'utf8');
  } catch {
    return true;
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set(
    table
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[1] === `0100007F:${hexPort}` && f[3] === '0A')
      .map((f) => f[9]),
  );
  if (pid === undefined || inodes.size === 0) return false;
  return processTree(pid).some((p) => {
    try {
      return fs
        .readdirSync(`/proc/${p}/fd`)
        .some((fd) => inodes.has(/^socket:\[(\d+)\]$/.exec(safeReadlink(`/proc/${p}/fd/${fd}`))?.[1] ?? ''));
    } catch {
      return false;
    }
  });
}

function safeReadlink(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return '';
  }
}

/** `pid` and its descendants (a shim such as pyenv's may start the server as a child). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      const children = fs.readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, 'utf8').trim();
      if (children) out.push(...children.split(/\s+/).map(Number));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every live emulator of this process, stopped on exit whatever happens to the tests. */
const LIVE = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of LIVE) killGroup(child, 'SIGKILL');
});
// A test run interrupted by a signal (Ctrl-C, a CI timeout) ends its emulators too, then dies of the signal.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of LIVE) killGroup(child, 'SIGKILL');
    process.kill(process.pid, signal);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** A running `moto_server` on 127.0.0.1. */
export class Emulator {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly log: string,
  ) {}

  /** `http://127.0.0.1:<port>` */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Starts `moto_server` (AWS managed policies loaded) on a free loopback port and waits until it answers.
   * Throws with its log when it exits or does not answer within `startupLimitMs` (a start-up limit, not an
   * assertion on timing).
   */
  static async start(startupLimitMs = 120_000): Promise<Emulator> {
    // Another worker's emulator can take the same port between freeLoopbackPort() and this one's bind; then
    // this one exits (address in use) while the other answers. A few ports are tried, and an answer counts
    // only when the listening socket is this child's.
    let failure = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = await Emulator.startOn(await freeLoopbackPort(), startupLimitMs);
      if (started instanceof Emulator) return started;
      failure = started;
    }
    throw new Error(failure);
  }

  /** The emulator on `port`, or why it did not start there. */
  private static async startOn(port: number, startupLimitMs: number): Promise<Emulator | string> {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-moto-')), 'moto.log');
    const out = fs.openSync(log, 'a');
    // Its own process group, so stop() ends it and anything it started.
    // moto_server's own Python, through a wrapper that gives each EKS cluster an issuer shaped as EKS's.
    const child = spawn(MOTO_PYTHON, [MOTO_WRAPPER, '-H', '127.0.0.1', '-p', String(port)], {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    });
    fs.closeSync(out);
    LIVE.add(child);
    const emulator = new Emulator(port, child, log);
    const deadline = Date.now() + startupLimitMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      if ((await get(`${emulator.endpoint}/moto-api/`)) === 200 && listensHere(child.pid, port))
        return emulator;
      await sleep(250);
    }
    const text = fs.readFileSync(log, 'utf8');
    await emulator.stop();
    return `${MOTO_SERVER} on port ${port} did not answer (exit ${child.exitCode}); its log:\n${text}`;
  }

  /** Stops the emulator (SIGTERM, then SIGKILL) and waits until it is gone. Safe to call twice. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    LIVE.delete(child);
    fs.rmSync(path.dirname(this.log), { recursive: true, force: true });
  }

  /** Whether the process still runs (for the no-orphan test). */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The process id (for the no-orphan test). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Calls the emulator's AWS JSON/REST API directly (moto does not check signatures). */
  async request(
    method: string,
    service: string,
    pathname: string,
    body?: unknown,
  ): Promise<{ status: number; body: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${this.endpoint}${pathname}`,
        {
          method,
          headers: {
            'content-type': 'application/json',
            authorization: `AWS4-HMAC-SHA256 Credential=lifecycle-test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
            ...(payload === undefined ? {} : { 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /**
   * Creates an EKS cluster in the emulator (as a cluster made outside this Terraform configuration), and
   * returns its OIDC issuer URL (moto gives every cluster one, `https://oidc.eks.us-east-1.amazonaws.com/id/…`).
   */
  async createCluster(name: string): Promise<string> {
    const res = await this.request('POST', 'eks', '/clusters', {
      name,
      roleArn: `arn:aws:iam::${EMULATOR_ACCOUNT_ID}:role/eks-cluster`,
      resourcesVpcConfig: { subnetIds: ['subnet-0000000000000000a'] },
    });
    if (res.status !== 200) throw new Error(`EKS CreateCluster ${name} failed (${res.status}): ${res.body}`);
    return (JSON.parse(res.body) as { cluster: { identity: { oidc: { issuer: string } } } }).cluster.identity
      .oidc.issuer;
  }
}

/** The AWS provider configuration (Terraform JSON) that reaches the emulator only. */
export function emulatorProviderConfig(endpoint: string, alias?: string): Record<string, unknown> {
  return {
    ...(alias === undefined ? {} : { alias }),
    region: 'us-east-1',
    access_key: 'lifecycle-test',
    secret_key: 'lifecycle-test',
    skip_credentials_validation: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    skip_requesting_account_id: false,
    s3_use_path_style: true,
    endpoints: [Object.fromEntries(EMULATED_SERVICES.map((s) => [s, endpoint]))],
  };
}

/** An `*_override.tf.json` that points a configuration's `aws` providers (default and `aliases`) at the emulator. */
export function emulatorProviderOverride(endpoint: string, aliases: string[] = []): TerraformJson {
  return {
    provider: {
      aws: [emulatorProviderConfig(endpoint), ...aliases.map((a) => emulatorProviderConfig(endpoint, a))],
    },
  };
}

const LOOPBACK_URL = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?(\/|$)/;

/**
 * Throws unless every `aws` provider block of `config` points every emulated service at a loopback URL,
 * has dummy credentials and skips the metadata API: the guard that nothing reaches AWS.
 */
export function assertLoopbackOnly(config: TerraformJson): void {
  const providers = config.provider?.aws;
  const blocks = providers === undefined ? [] : Array.isArray(providers) ? providers : [providers];
  if (blocks.length === 0) throw new Error('the configuration has no aws provider block');
  for (const block of blocks as Record<string, unknown>[]) {
    const endpoints = (block.endpoints as Record<string, unknown>[] | undefined)?.[0] ?? {};
    for (const service of EMULATED_SERVICES) {
      const url = endpoints[service];
      if (typeof url !== 'string' || !LOOPBACK_URL.test(url)) {
        throw new Error(
          `aws provider ${JSON.stringify(block.alias ?? 'default')}: endpoint ${service} is ${JSON.stringify(url)}, not a loopback URL`,
        );
      }
    }
    for (const [key, value] of Object.entries(endpoints)) {
      if (typeof value !== 'string' || !LOOPBACK_URL.test(value)) {
        throw new Error(`aws provider endpoint ${key} = ${JSON.stringify(value)} is not a loopback URL`);
      }
    }
    if (block.skip_metadata_api_check !== true || block.access_key !== 'lifecycle-test') {
      throw new Error(
        `aws provider ${JSON.stringify(block.alias ?? 'default')} must use the dummy keys and skip the metadata API`,
      );
    }
    for (const forbidden of ['profile', 'shared_config_files', 'shared_credentials_files', 'assume_role']) {
      if (forbidden in block) throw new Error(`aws provider must not set ${forbidden} here`);
    }
  }
}

/** Terraform JSON, as CDKTF synthesizes it. */
export interface TerraformJson {
  provider?: Record<string, unknown>;
  terraform?: Record<string, unknown>;
  resource?: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/**
 * `config` with every `aws` provider block (default and aliases) replaced by the emulator's, the AWS
 * provider constraint widened to the mirrored version and any backend dropped (state stays in the working
 * directory). Other providers (e.g. kubernetes) are left as they are.
 */
export function forEmulator(config: TerraformJson, endpoint: string): TerraformJson {
  const out = JSON.parse(JSON.stringify(config)) as TerraformJson;
  const providers = out.provider?.aws;
  const blocks = providers === undefined ? [{}] : Array.isArray(providers) ? providers : [providers];
  out.provider = {
    ...out.provider,
    aws: (blocks as Record<string, unknown>[]).map((b) =>
      emulatorProviderConfig(endpoint, b.alias as string | undefined),
    ),
  };
  const tf = (out.terraform ?? {}) as Record<string, unknown>;
  delete tf.backend;
  const required = (tf.required_providers ?? {}) as Record<string, Record<string, unknown>>;
  required.aws = { ...(required.aws ?? { source: 'aws' }), version: AWS_PROVIDER_CONSTRAINT };
  tf.required_providers = required;
  out.terraform = tf;
  return out;
}

/** What a plan does to one resource. */
export type Action = 'create' | 'read' | 'update' | 'delete' | 'replace' | 'no-op';

/** One planned resource change, reduced to what lifecycle assertions read. */
export interface Change {
  action: Action;
  /** For replacements: the attribute paths that force it (e.g. `name`). */
  replacePaths: string[];
  /** The address the resource had in state, when a `moved` block moved it. */
  previousAddress?: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

type ResourceChange = NonNullable<TerraformPlan['resource_changes']>[number] & {
  action_reason?: string;
  previous_address?: string;
  change: { replace_paths?: (string | number)[][] };
};

function actionOf(actions: string[]): Action {
  if (actions.length === 2) return 'replace';
  return actions[0] as Action;
}

/** Every resource change of a plan (data-source reads and no-ops included), by address. */
export function changesOf(plan: TerraformPlan): Map<string, Change> {
  const out = new Map<string, Change>();
  for (const rc of (plan.resource_changes ?? []) as ResourceChange[]) {
    out.set(rc.address, {
      action: actionOf(rc.change.actions),
      replacePaths: (rc.change.replace_paths ?? []).map((p) => p.join('.')),
      ...(rc.previous_address === undefined ? {} : { previousAddress: rc.previous_address }),
      before: (rc.change.before as Record<string, unknown> | null) ?? null,
      after: rc.change.after ?? null,
    });
  }
  return out;
}

/**
 * The plan as `address → action`, without no-ops and data-source reads: exactly what would change.
 * `{}` is "No changes".
 */
export function actionsOf(plan: TerraformPlan): Record<string, Action> {
  const out: Record<string, Action> = {};
  for (const [address, change] of changesOf(plan)) {
    if (change.action === 'no-op' || change.action === 'read') continue;
    if (address.startsWith('data.') || address.includes('.data.')) continue;
    out[address] = change.action;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** The type of a resource address (`module.x.aws_iam_role.y["k"]` → `aws_iam_role`). */
export function typeOf(address: string): string {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  return parts[parts.length - 2];
}

/** Addresses of resources in state (from `terraform show -json`), sorted. */
export interface StateResource {
  address: string;
  type: string;
  values: Record<string, unknown>;
}

let linkedCliConfig: string | undefined;

/**
 * A CLI config that installs mirrored providers straight from the (unpacked) mirror: `init` links them
 * instead of copying the 700 MB AWS provider into a plugin cache. Undefined without a mirror.
 */
function mirrorLinkCliConfig(): string | undefined {
  const mirror = providerMirror();
  if (!mirror) return undefined;
  if (linkedCliConfig) return linkedCliConfig;
  const mirrored = mirroredProviders(mirror).map((p) => `"registry.terraform.io/${p}"`);
  const text = `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = [${mirrored.join(', ')}]
  }
  direct {
    exclude = [${mirrored.join(', ')}]
  }
}
`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-lifecycle-cli-'));
  linkedCliConfig = path.join(dir, 'lifecycle.tfrc');
  fs.writeFileSync(linkedCliConfig, text);
  return linkedCliConfig;
}

/** Environment for Terraform runs against the emulator: loopback only, no shared AWS config. */
export function emulatorEnv(): NodeJS.ProcessEnv {
  const cli = mirrorLinkCliConfig();
  return {
    ...(cli === undefined ? {} : { TF_CLI_CONFIG_FILE: cli }),
    // A proxy that refuses every connection: anything not on the loopback list fails fast.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost,::1',
    no_proxy: '127.0.0.1,localhost,::1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: 'lifecycle-test',
    AWS_SECRET_ACCESS_KEY: 'lifecycle-test',
    AWS_SESSION_TOKEN: '',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    TF_LOG: '',
  };
}

/**
 * A Terraform working directory applied against an emulator. `init` runs once (providers are linked from
 * the mirror, not copied); every `write` replaces the configuration, and `plan` / `apply` run against the
 * state the previous `apply` left.
 */
export class Workspace {
  readonly dir: string;
  private config?: TerraformJson;
  private initialized = false;
  /** Bumped by every write: a saved plan is applied only for the configuration it was made from. */
  private version = 0;
  private lastPlan?: { version: number; targeted: boolean; plan: TerraformPlan; empty: boolean };

  constructor(
    readonly emulator: Emulator,
    name = 'ws',
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `irsa-lifecycle-${name}-`));
  }

  /** Replaces the configuration (CDKTF JSON) with its emulator form. */
  write(config: TerraformJson): this {
    const local = forEmulator(config, this.emulator.endpoint);
    assertLoopbackOnly(local);
    fs.writeFileSync(path.join(this.dir, 'main.tf.json'), JSON.stringify(local, null, 2));
    this.config = local;
    this.version++;
    return this;
  }

  /**
   * Writes raw Terraform files (e.g. HCL calling a module) into the directory, replacing `main.tf.json`.
   * Their `aws` providers must be overridden with {@link emulatorProviderOverride} (in an `*_override.tf.json`
   * file next to each provider block); `providerFiles` lists those files, which are checked like `write`'s.
   */
  writeFiles(files: Record<string, string>, providerFiles: string[]): this {
    fs.rmSync(path.join(this.dir, 'main.tf.json'), { force: true });
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
      fs.writeFileSync(path.join(this.dir, name), text);
    }
    for (const file of providerFiles) {
      assertLoopbackOnly(JSON.parse(fs.readFileSync(path.join(this.dir, file), 'utf8')) as TerraformJson);
    }
    this.config = undefined;
    this.version++;
    this.initialized = false;
    return this;
  }

  private run(args: string[], okStatuses = [0]): TerraformResult {
    if (this.config) assertLoopbackOnly(this.config);
    if (!this.initialized) {
      terraformOk(this.dir, ['init', '-input=false', '-no-color'], emulatorEnv());
      this.initialized = true;
    }
    const result = terraform(this.dir, args, emulatorEnv());
    if (!okStatuses.includes(result.status)) {
      throw new Error(
        `terraform ${args.join(' ')} failed in ${this.dir} (exit ${result.status}):\n${result.stderr}\n${result.stdout}`,
      );
    }
    return result;
  }

  /**
   * `terraform plan` against the applied state, parsed from `terraform show -json`. When the plan has no
   * changes at all (`-detailed-exitcode` 0) `show` is skipped and the result has no resource changes.
   */
  plan(targets: string[] = []): TerraformPlan {
    const result = this.run(
      [
        'plan',
        '-input=false',
        '-no-color',
        '-lock=false',
        '-detailed-exitcode',
        '-out=irsa.tfplan',
        ...targets.map((t) => `-target=${t}`),
      ],
      [0, 2],
    );
    const empty = result.status === 0;
    const plan = empty
      ? ({ format_version: '1.2', resource_changes: [] } as TerraformPlan)
      : (JSON.parse(this.run(['show', '-json', 'irsa.tfplan']).stdout) as TerraformPlan);
    this.lastPlan = { version: this.version, targeted: targets.length > 0, plan, empty };
    return plan;
  }

  /** The plan's actions (see {@link actionsOf}). */
  planActions(targets: string[] = []): Record<string, Action> {
    return actionsOf(this.plan(targets));
  }

  /**
   * Applies the configuration: the last plan's file when it was made from this configuration and has
   * nothing the emulator cannot create; otherwise `apply -target` of every change the emulator supports
   * (Pod Identity associations stay planned). Returns the applied actions.
   */
  apply(): Record<string, Action> {
    const last =
      this.lastPlan && this.lastPlan.version === this.version && !this.lastPlan.targeted
        ? this.lastPlan
        : undefined;
    const plan = last?.plan ?? this.plan();
    const empty = last ? last.empty : this.lastPlan!.empty;
    if (empty) return {};
    const all = actionsOf(plan);
    this.lastPlan = undefined;
    if (!Object.keys(all).some((a) => UNSUPPORTED_BY_EMULATOR.includes(typeOf(a)))) {
      this.run(['apply', '-input=false', '-no-color', '-lock=false', '-auto-approve', 'irsa.tfplan']);
      return all;
    }
    // Every supported change, and every moved instance (Terraform refuses targets that leave one out).
    const supported = [...changesOf(plan)]
      .filter(
        ([a, c]) =>
          !a.startsWith('data.') &&
          !a.includes('.data.') &&
          !UNSUPPORTED_BY_EMULATOR.includes(typeOf(a)) &&
          ((c.action !== 'no-op' && c.action !== 'read') || c.previousAddress !== undefined),
      )
      .flatMap(([a, c]) => (c.previousAddress === undefined ? [a] : [a, c.previousAddress]));
    if (supported.length === 0) return {};
    this.run([
      'apply',
      '-input=false',
      '-no-color',
      '-lock=false',
      '-auto-approve',
      ...supported.map((t) => `-target=${t}`),
    ]);
    return Object.fromEntries(supported.filter((a) => a in all).map((a) => [a, all[a]]));
  }

  /** The applied state's resources (managed only), by address. */
  state(): Map<string, StateResource> {
    const json = JSON.parse(this.run(['show', '-json']).stdout) as {
      values?: { root_module?: StateModule };
    };
    const out = new Map<string, StateResource>();
    const walk = (m: StateModule | undefined) => {
      for (const r of m?.resources ?? []) {
        if (r.mode === 'managed') out.set(r.address, { address: r.address, type: r.type, values: r.values });
      }
      for (const child of m?.child_modules ?? []) walk(child);
    };
    walk(json.values?.root_module);
    return out;
  }

  /** Runs any terraform command, returning its result without throwing. */
  raw(args: string[]): TerraformResult {
    return terraform(this.dir, args, emulatorEnv());
  }

  /** Removes the directory. */
  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

interface StateModule {
  resources?: { address: string; mode: string; type: string; values: Record<string, unknown> }[];
  child_modules?: StateModule[];
}

/**
 * The actions keyed by address without CDKTF's hash suffix (`aws_iam_role.reader_role_B5252E3A` →
 * `aws_iam_role.reader_role`), so assertions read like the construct tree. Throws if two addresses collide.
 */
export function byConstruct(actions: Record<string, Action>): Record<string, Action> {
  const out: Record<string, Action> = {};
  for (const [address, action] of Object.entries(actions)) {
    const key = address.replace(/_[0-9A-F]{8}(?=$|\[)/, '');
    if (key in out) throw new Error(`two planned resources read as ${key}`);
    out[key] = action;
  }
  return out;
}

/** Only the actions on resources of `types`. */
export function onlyTypes(actions: Record<string, Action>, types: string[]): Record<string, Action> {
  return Object.fromEntries(Object.entries(actions).filter(([a]) => types.includes(typeOf(a))));
}

/** The actions minus the planned creations of resources the emulator cannot apply. */
export function applicable(actions: Record<string, Action>): Record<string, Action> {
  return Object.fromEntries(
    Object.entries(actions).filter(
      ([a, action]) => !(action === 'create' && UNSUPPORTED_BY_EMULATOR.includes(typeOf(a))),
    ),
  );
}
