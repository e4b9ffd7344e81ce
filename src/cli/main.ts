#!/usr/bin/env node
/**
 * `irsa`: eksctl-compatible commands that write Terraform (or CDKTF) instead of calling AWS.
 *   irsa create iamserviceaccount …      eksctl's flags (or -f ClusterConfig); a role module call and a ServiceAccount
 *   irsa create podidentityassociation … eksctl's flags (or -f ClusterConfig); a Pod Identity module call
 *   irsa import eksctl-config FILE …     a folder that adopts what eksctl created (import blocks)
 *   irsa review …                        the plan reviewer (same as irsa-review)
 * Layers: flags (args.ts, eksctl's rules in eksctl-flags.ts) → ClusterConfig (cluster-config.ts) → plan
 * (plan.ts) → writers. Exit codes: 0 ok, 2 bad input or usage (one line on stderr), 3 internal error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILT_IN_NAMESPACES } from '../kubernetes/metadata';
import { exitQuietlyOnClosedPipe, processIo, type CliIo } from '../review/io';
import {
  type FlagGroup,
  type FlagSpec,
  type ParsedArgs,
  UsageError,
  closest,
  parseFlags,
  renderFlagHelp,
} from './args';
import { FLAG_NAMES, checkClusterConfig, configFieldNames } from './check';
import { type ClusterConfig, ConfigError, readClusterConfig } from './cluster-config';
import { ADDON_SERVICE_ACCOUNTS, EKSCTL_WELL_KNOWN_KEYS, type EksctlWellKnownKey } from './eksctl';
import {
  IAMSA_DEFINITION_FLAGS,
  PIA_DEFINITION_FLAGS,
  checkColor,
  checkConfigFileFlags,
  checkTimeout,
  filterServiceAccounts,
  nameFromArgument,
  refusedFlag,
  verbosity,
} from './eksctl-flags';
import { type GenerationPlan, POLICY_STATEMENTS, type PolicyStatements, buildPlan } from './plan';
import { toHcl, toJson, type Block } from './writers/blocks';
import { migrationMarkdown, permissionSummary } from './writers/migration';
import { terraformBlocks } from './writers/terraform';
import { typescriptSource } from './writers/typescript';
import { parse as parseYaml } from 'yaml';

const OUTPUT_FLAGS: FlagGroup = {
  title: 'Output',
  flags: [
    {
      name: 'output',
      short: 'o',
      kind: 'string',
      help: 'hcl (module calls for plain Terraform), ts (CDKTF TypeScript) or json (Terraform JSON)',
      default: 'hcl',
    },
    {
      name: 'out',
      kind: 'string',
      help: 'write to this file (create) or folder (import)',
      placeholder: 'path',
    },
    { name: 'dry-run', kind: 'bool', help: 'print what would be written instead of writing it' },
    {
      name: 'module-source',
      kind: 'string',
      help: "prefix of the modules' source (default: this package's modules/ folder, relative to the output)",
    },
    {
      name: 'oidc-provider-arn',
      kind: 'string',
      help: "the cluster's IAM OIDC provider ARN (default: looked up by cluster name with modules/eks-cluster-oidc)",
    },
  ],
};
const AWS_FLAGS: FlagGroup = {
  title: 'AWS client',
  flags: [
    {
      name: 'region',
      short: 'r',
      kind: 'string',
      help: 'AWS region (used in names and commands; nothing is called)',
      default: 'us-east-1',
    },
    { name: 'approve', kind: 'bool', help: 'accepted for eksctl compatibility; nothing is applied here' },
  ],
};
const PROFILE_FLAG: FlagSpec = {
  name: 'profile',
  short: 'p',
  kind: 'string',
  help: 'AWS credentials profile: set on the AwsProvider of --output ts (hcl and json write no provider block)',
};
const CONFIG_FILE_FLAG: FlagSpec = {
  name: 'config-file',
  short: 'f',
  kind: 'string',
  help: "load configuration from a file (or stdin if set to '-')",
};
const TIMEOUT_FLAG: FlagSpec = {
  name: 'timeout',
  kind: 'string',
  help: 'accepted for eksctl compatibility (a duration such as 25m0s); nothing here waits',
  placeholder: 'duration',
};
/** eksctl's root flags. */
const COMMON_FLAGS: FlagGroup = {
  title: 'Common',
  flags: [
    {
      name: 'color',
      short: 'C',
      kind: 'string',
      help: "eksctl's toggle for colorized logs (true, false, fabulous); irsa prints no colours",
      default: 'true',
    },
    {
      name: 'verbose',
      short: 'v',
      kind: 'string',
      help: 'set log level, use 0 to silence the lines irsa prints on success (errors still print)',
      default: '3',
      placeholder: 'int',
    },
  ],
};
const WELL_KNOWN_HELP = `Used to attach common IAM policies: ${EKSCTL_WELL_KNOWN_KEYS.join(', ')}`;

const IAMSA_FLAGS: FlagGroup[] = [
  {
    title: 'General',
    flags: [
      { name: 'cluster', short: 'c', kind: 'string', help: 'EKS cluster name' },
      { name: 'name', kind: 'string', help: 'name of the iamserviceaccount to create' },
      {
        name: 'namespace',
        kind: 'string',
        help: 'namespace where to create the iamserviceaccount',
        default: 'default',
      },
      {
        name: 'attach-policy-arn',
        kind: 'list',
        help: 'ARN of the policy where to create the iamserviceaccount',
      },
      { name: 'attach-role-arn', kind: 'string', help: 'ARN of the role to attach to the iamserviceaccount' },
      { name: 'role-name', kind: 'string', help: 'Set a custom name for the created role' },
      {
        name: 'role-only',
        kind: 'bool',
        help: 'disable service account creation, only the role will be created',
      },
      {
        name: 'tags',
        kind: 'map',
        help: 'Used to tag the IAM role. List of comma separated KV pairs "k1=v1,k2=v2"',
      },
      {
        name: 'override-existing-serviceaccounts',
        kind: 'bool',
        help: 'create IAM roles for existing serviceaccounts and update the serviceaccount',
      },
      {
        name: 'create-namespace',
        kind: 'bool',
        help: "create the ServiceAccount's namespace too (not eksctl's: eksctl always creates a missing one)",
      },
      {
        name: 'subject-pattern',
        kind: 'string',
        help: "subject pattern to use in the trust policy (supports wildcards like '*' with StringLike condition)",
      },
      {
        name: 'permissions-boundary',
        kind: 'string',
        help: 'ARN of the permissions boundary to associate with the role',
      },
      { name: 'well-known-policies', kind: 'list', help: WELL_KNOWN_HELP },
      {
        name: 'include',
        kind: 'list',
        help: "iamserviceaccounts to include (list of globs), e.g.: 'default/s3-reader,*/dynamo-*'",
      },
      {
        name: 'exclude',
        kind: 'list',
        help: "iamserviceaccounts to exclude (list of globs), e.g.: 'default/s3-reader,*/dynamo-*'",
      },
      CONFIG_FILE_FLAG,
      TIMEOUT_FLAG,
    ],
  },
  OUTPUT_FLAGS,
  { ...AWS_FLAGS, flags: [...AWS_FLAGS.flags, PROFILE_FLAG] },
  COMMON_FLAGS,
];

const PIA_FLAGS: FlagGroup[] = [
  {
    title: 'General',
    flags: [
      { name: 'cluster', short: 'c', kind: 'string', help: 'EKS cluster name' },
      { name: 'namespace', kind: 'string', help: 'Namespace the service account belongs to' },
      { name: 'service-account-name', kind: 'string', help: 'Name of the service account' },
      {
        name: 'role-arn',
        kind: 'string',
        help: 'ARN of the IAM role to be associated with the service account',
      },
      { name: 'role-name', kind: 'string', help: 'Set a custom name for the created role' },
      {
        name: 'permission-boundary-arn',
        kind: 'string',
        help: 'ARN of the policy that is used to set the permission boundary for the role',
      },
      {
        name: 'permission-policy-arns',
        kind: 'list',
        help: 'List of ARNs of the IAM permission policies to attach',
      },
      { name: 'well-known-policies', kind: 'list', help: WELL_KNOWN_HELP },
      {
        name: 'create-service-account',
        kind: 'bool',
        help: 'instructs eksctl to create the K8s service account',
      },
      {
        name: 'target-role-arn',
        kind: 'string',
        help: 'ARN of the target IAM role for cross-account access',
      },
      { name: 'disable-session-tags', kind: 'bool', help: 'Disable session tags added by EKS Pod Identity' },
      {
        name: 'policy',
        kind: 'string',
        help: 'Optional policy that applies additional restrictions to this pod identity association',
      },
      {
        name: 'tags',
        kind: 'map',
        help: 'AWS tags to attach to the PodIdentityAssociation. List of comma separated KV pairs "k1=v1,k2=v2"',
      },
      CONFIG_FILE_FLAG,
      TIMEOUT_FLAG,
    ],
  },
  OUTPUT_FLAGS,
  AWS_FLAGS,
  COMMON_FLAGS,
];

const IMPORT_FLAGS: FlagGroup[] = [
  {
    title: 'General',
    flags: [
      {
        name: 'role-arns',
        kind: 'string',
        help: 'YAML or JSON map of "namespace/name: role ARN" for roles eksctl named itself',
        placeholder: 'file',
      },
      {
        name: 'policies',
        kind: 'string',
        help: "well-known inline policies: eksctl (eksctl's exact statements, no permission change) or catalog (this project's; each grant added or removed is listed)",
        default: 'eksctl',
      },
      {
        name: 'accept-unadopted',
        kind: 'bool',
        help: 'write the folder even when add-on roles eksctl created are left with eksctl (each is listed with its reason)',
      },
    ],
  },
  {
    ...OUTPUT_FLAGS,
    flags: OUTPUT_FLAGS.flags.map((f) => (f.name === 'out' ? { ...f, default: './irsa-import' } : f)),
  },
];

export const USAGE = `Usage: irsa <command> [flags]

eksctl-compatible commands that write Terraform (or CDKTF) for IAM Roles for Service Accounts and EKS
Pod Identity, and a reviewer for Terraform plans. Nothing here calls AWS.

Commands:
  irsa create iamserviceaccount       Create an iamserviceaccount - AWS IAM role bound to a Kubernetes service account
  irsa create podidentityassociation  Create a pod identity association
  irsa import eksctl-config <file>    Adopt the roles, policies, ServiceAccounts and associations of an eksctl ClusterConfig
  irsa review <plan.json | dir | ->   Review a Terraform plan (same as irsa-review)

Use "irsa <command> --help" for the flags of a command. Exit codes: 0 done, 2 bad input or usage.
`;

export function commandHelp(command: 'iamserviceaccount' | 'podidentityassociation' | 'import'): string {
  const head = {
    iamserviceaccount:
      'Create an iamserviceaccount - AWS IAM role bound to a Kubernetes service account\n\nUsage: irsa create iamserviceaccount [NAME] [flags]',
    podidentityassociation:
      'Create a pod identity association\n\nUsage: irsa create podidentityassociation [flags]',
    import:
      "Adopt what eksctl created for a ClusterConfig's iam.serviceAccounts, iam.podIdentityAssociations and addons\n\nUsage: irsa import eksctl-config <cluster.yaml> [flags]",
  }[command];
  const groups = { iamserviceaccount: IAMSA_FLAGS, podidentityassociation: PIA_FLAGS, import: IMPORT_FLAGS }[
    command
  ];
  return `${head}\n\n${renderFlagHelp(groups)}\n`;
}

function wellKnown(values: readonly string[]): EksctlWellKnownKey[] {
  return values.map((v) => {
    const key = EKSCTL_WELL_KNOWN_KEYS.find((k) => k.toLowerCase() === v.toLowerCase());
    if (!key)
      throw new UsageError(`invalid wellKnownPolicy: ${v} (allowed: ${EKSCTL_WELL_KNOWN_KEYS.join(', ')})`);
    return key;
  });
}

function required(args: ParsedArgs, flag: string): string {
  const value = args.strings.get(flag);
  if (!value) throw new UsageError(`--${flag} must be set`);
  return value;
}

/** The values of `--output`. */
export const OUTPUT_FORMATS = ['hcl', 'ts', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

function format(args: ParsedArgs): OutputFormat {
  const value = args.strings.get('output') ?? 'hcl';
  const known = OUTPUT_FORMATS.find((f) => f === value);
  if (known === undefined) {
    throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(', ')} (got "${value}")`);
  }
  return known;
}

function policyStatements(args: ParsedArgs): PolicyStatements {
  const value = args.strings.get('policies') ?? 'eksctl';
  const known = POLICY_STATEMENTS.find((p) => p === value);
  if (known === undefined) {
    throw new UsageError(`--policies must be one of ${POLICY_STATEMENTS.join(', ')} (got "${value}")`);
  }
  return known;
}

/** `--create-namespace` needs a ServiceAccount to create, in a namespace a cluster does not already have. */
function checkCreateNamespace(args: ParsedArgs, config: ClusterConfig): void {
  if (args.bools.get('override-existing-serviceaccounts'))
    throw new UsageError(
      '--create-namespace cannot be combined with --override-existing-serviceaccounts: the ServiceAccount, and so its namespace, exists already',
    );
  const created = config.serviceAccounts.filter((sa) => !sa.roleOnly);
  if (created.length === 0)
    throw new UsageError(
      '--create-namespace needs a ServiceAccount to create: with --role-only there is none (leave out one of the two)',
    );
  for (const sa of created) {
    if (BUILT_IN_NAMESPACES.includes(sa.namespace))
      throw new UsageError(
        `--create-namespace cannot create namespace "${sa.namespace}": every cluster has it (${BUILT_IN_NAMESPACES.join(', ')}); leave out --create-namespace`,
      );
  }
}

function clusterBase(args: ParsedArgs): Pick<ClusterConfig, 'name' | 'region' | 'tags' | 'ignoredSections'> {
  return {
    name: required(args, 'cluster'),
    region: args.strings.get('region') ?? 'us-east-1',
    tags: {},
    ignoredSections: [],
  };
}

function iamServiceAccountConfig(args: ParsedArgs): ClusterConfig {
  const policies = args.lists.get('attach-policy-arn') ?? [];
  const known = wellKnown(args.lists.get('well-known-policies') ?? []);
  const roleArn = args.strings.get('attach-role-arn');
  const name = nameFromArgument(args);
  if (roleArn && (args.bools.get('role-only') || args.strings.get('role-name'))) {
    // eksctl's rule: an attached role is managed elsewhere, so there is no role to name or to create alone.
    throw new UsageError('cannot provide --role-name or --role-only when --attach-role-arn is configured');
  }
  if (roleArn && (policies.length > 0 || known.length > 0)) {
    throw new UsageError(
      '--attach-role-arn cannot be combined with --attach-policy-arn or --well-known-policies',
    );
  }
  if (!roleArn && policies.length === 0 && known.length === 0) {
    throw new UsageError(
      'at least one of --attach-policy-arn, --well-known-policies or --attach-role-arn must be set',
    );
  }
  return {
    ...clusterBase(args),
    serviceAccounts: [
      {
        name: name || required(args, 'name'),
        namespace: args.strings.get('namespace') ?? 'default',
        attachPolicyARNs: [...policies],
        attachRoleARN: roleArn,
        wellKnownPolicies: known,
        permissionsBoundary: args.strings.get('permissions-boundary'),
        roleName: args.strings.get('role-name'),
        roleOnly: args.bools.get('role-only') ?? false,
        tags: args.maps.get('tags'),
        subjectPattern: args.strings.get('subject-pattern'),
        line: 0,
      },
    ],
    podIdentityAssociations: [],
  };
}

function podIdentityConfig(args: ParsedArgs): ClusterConfig {
  const policies = args.lists.get('permission-policy-arns') ?? [];
  const known = wellKnown(args.lists.get('well-known-policies') ?? []);
  const roleArn = args.strings.get('role-arn');
  if (!roleArn && policies.length === 0 && known.length === 0) {
    throw new UsageError(
      'at least one of the following flags must be specified: --role-arn, --permission-policy-arns, --well-known-policies',
    );
  }
  if (args.strings.has('policy')) {
    throw new UsageError(
      '--policy (a session policy on the association) is not supported yet: dropping it would widen access',
    );
  }
  if (roleArn && policies.length > 0)
    throw new UsageError('--permission-policy-arns cannot be specified when --role-arn is set');
  if (roleArn && known.length > 0)
    throw new UsageError('--well-known-policies cannot be specified when --role-arn is set');
  return {
    ...clusterBase(args),
    serviceAccounts: [],
    podIdentityAssociations: [
      {
        namespace: required(args, 'namespace'),
        serviceAccountName: required(args, 'service-account-name'),
        roleARN: roleArn,
        roleName: args.strings.get('role-name'),
        createServiceAccount: args.bools.get('create-service-account') ?? false,
        permissionPolicyARNs: [...policies],
        wellKnownPolicies: known,
        permissionsBoundaryARN: args.strings.get('permission-boundary-arn'),
        targetRoleARN: args.strings.get('target-role-arn'),
        disableSessionTags: args.bools.get('disable-session-tags'),
        policy: args.strings.get('policy'),
        tags: args.maps.get('tags'),
        line: 0,
      },
    ],
  };
}

/** Reads a ClusterConfig for `irsa create … -f` (`-` is stdin). */
function readConfigText(file: string, io: CliIo): string {
  if (file === '-') return io.readStdin();
  try {
    return fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${file}: cannot read the ClusterConfig (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/**
 * `irsa create iamserviceaccount -f`: the config's `iam.serviceAccounts` that `--include`/`--exclude`
 * select; `irsa create podidentityassociation -f`: its `iam.podIdentityAssociations`. As eksctl's loaders.
 */
function createConfigFromFile(
  file: string,
  sub: 'iamserviceaccount' | 'podidentityassociation',
  args: ParsedArgs,
  io: CliIo,
  quiet: boolean,
): ClusterConfig {
  const name = file === '-' ? '<stdin>' : file;
  const full = readClusterConfig(readConfigText(file, io), name);
  const warnings = checkClusterConfig(
    full,
    configFieldNames(name, full),
    args.strings.get('oidc-provider-arn'),
  );
  if (!quiet) for (const w of warnings) io.stderr(`irsa: warning: ${w}\n`);
  if (sub === 'podidentityassociation') {
    if (full.podIdentityAssociations.length === 0) {
      throw new ConfigError(`${name}: no iam.podIdentityAssociations specified in the config file`);
    }
    return { ...full, serviceAccounts: [] };
  }
  if (full.serviceAccounts.length === 0) {
    throw new ConfigError(`${name}: 'iam.serviceAccounts' is not defined in ${JSON.stringify(name)}`);
  }
  full.serviceAccounts.forEach((sa, i) => {
    if (sa.attachRoleARN !== undefined && (sa.roleOnly || sa.roleName !== undefined)) {
      throw new ConfigError(
        `${name}:${sa.line}: iam.serviceAccounts[${i}] (${sa.namespace}/${sa.name}): cannot provide roleName or roleOnly when attachRoleARN is configured`,
      );
    }
  });
  const selected = filterServiceAccounts(
    full.serviceAccounts,
    args.lists.get('include') ?? [],
    args.lists.get('exclude') ?? [],
  );
  if (selected.length === 0) {
    throw new UsageError(`nothing to create: --exclude excludes every iamserviceaccount of ${name}`);
  }
  return { ...full, serviceAccounts: selected, podIdentityAssociations: [] };
}

/** This package's modules/ folder, relative to `dir` (local module sources must start with ./ or ../). */
function defaultModuleSource(dir: string): string {
  // src/cli (tests) or dist/src/cli (the package): modules/ is at the package root.
  const fromSource = path.resolve(__dirname, '..', '..', 'modules');
  const candidate = fs.existsSync(fromSource)
    ? fromSource
    : path.resolve(__dirname, '..', '..', '..', 'modules');
  const relative = path.relative(dir, candidate).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** The files of `plan` in `output` format, by file name. */
export async function renderFiles(
  plan: GenerationPlan,
  output: OutputFormat,
  moduleSource: string,
  sourceFile?: string,
  profile?: string,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (output === 'ts') {
    files.set('main.ts', typescriptSource(plan, { profile }));
  } else {
    const tf = terraformBlocks(plan, moduleSource);
    const parts: [string, Block[]][] = [
      ['versions', tf.versions],
      ['main', tf.main],
      ['imports', tf.imports],
      ['kubernetes', tf.kubernetes],
      ['variables', tf.variables],
    ];
    for (const [name, blocks] of parts) {
      if (blocks.length === 0) continue;
      files.set(
        output === 'hcl' ? `${name}.tf` : `${name}.tf.json`,
        output === 'hcl' ? await toHcl(blocks) : toJson(blocks),
      );
    }
  }
  if (sourceFile !== undefined) files.set('MIGRATION.md', migrationMarkdown(plan, sourceFile));
  return files;
}

/** Every `--role-arns` key must name a service account or association of the ClusterConfig. */
function checkRoleArnKeys(file: string, roleArns: ReadonlyMap<string, string>, config: ClusterConfig): void {
  const known = [
    ...config.serviceAccounts.map((sa) => `${sa.namespace}/${sa.name}`),
    ...(config.addons ?? []).flatMap((a) => {
      const sa = ADDON_SERVICE_ACCOUNTS[a.name.toLowerCase()];
      return sa ? [`${sa.namespace}/${sa.name}`] : [];
    }),
    ...config.podIdentityAssociations.map((pia) => `${pia.namespace}/${pia.serviceAccountName}`),
  ];
  for (const key of roleArns.keys()) {
    if (known.includes(key)) continue;
    const near = closest(key, known);
    throw new ConfigError(
      `${file}: key ${JSON.stringify(key)} is not a service account or association of the ClusterConfig${near ? `; did you mean ${JSON.stringify(near)}?` : ''} (the keys are: ${known.join(', ') || 'none'})`,
    );
  }
}

function readRoleArns(file: string, io: CliIo): Map<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${file}: cannot read --role-arns file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`${file}: --role-arns must be a map of "namespace/name: role ARN"`);
  }
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!/^[^/]+\/[^/]+$/.test(key))
      throw new ConfigError(`${file}: key ${JSON.stringify(key)} must be "namespace/name"`);
    if (typeof value !== 'string' || !/^arn:[^:]+:iam::[0-9]{12}:role\/\S+$/.test(value)) {
      throw new ConfigError(
        `${file}: ${key} ${JSON.stringify(value)} must be an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<name>)`,
      );
    }
    out.set(key, value);
  }
  return out;
}

async function emit(
  files: Map<string, string>,
  args: ParsedArgs,
  io: CliIo,
  folder: boolean,
  defaultOut?: string,
): Promise<void> {
  if (args.bools.get('dry-run')) {
    for (const [name, text] of files) io.stdout(files.size > 1 ? `# ---- ${name} ----\n${text}` : text);
    return;
  }
  const out = args.strings.get('out') ?? defaultOut;
  if (!out) throw new UsageError('--out or --dry-run must be set');
  const target = path.resolve(io.cwd, out);
  if (folder) {
    fs.mkdirSync(target, { recursive: true });
    for (const [name, text] of files) io.writeFile(path.join(target, name), text);
  } else {
    const text = [...files.values()].join('\n');
    // --out into a folder that does not exist yet: create it, as import does for its folder.
    fs.mkdirSync(path.dirname(target), { recursive: true });
    io.writeFile(target, text);
  }
  io.stderr(`irsa: wrote ${[...files.keys()].join(', ')} to ${out}\n`);
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  // The reviewer (about 50 modules) is loaded only for this command.
  if (command === 'review') return (await import('../review/cli')).main(argv.slice(1), io);
  if (command === 'create' && (sub === 'iamserviceaccount' || sub === 'podidentityassociation')) {
    const args = parseFlags(rest, sub === 'iamserviceaccount' ? IAMSA_FLAGS : PIA_FLAGS, refusedFlag);
    if (args.help) {
      io.stdout(commandHelp(sub));
      return 0;
    }
    checkTimeout(args.strings.get('timeout'));
    checkColor(args.strings.get('color'));
    const quiet = verbosity(args.strings.get('verbose')) <= 0;
    checkConfigFileFlags(args, sub === 'iamserviceaccount' ? IAMSA_DEFINITION_FLAGS : PIA_DEFINITION_FLAGS);
    if (sub === 'podidentityassociation' && args.positional.length > 0) {
      throw new UsageError(
        `unexpected argument ${args.positional[0]}: the service account is --service-account-name`,
      );
    }
    const configFile = args.strings.get('config-file');
    const config = configFile
      ? createConfigFromFile(configFile, sub, args, io, quiet)
      : sub === 'iamserviceaccount'
        ? iamServiceAccountConfig(args)
        : podIdentityConfig(args);
    if (!configFile) {
      // The constructs' rules, before anything is written (terraform plan would reject these later).
      for (const w of checkClusterConfig(config, FLAG_NAMES, args.strings.get('oidc-provider-arn')))
        io.stderr(`irsa: warning: ${w}\n`);
    }
    const createNamespaces = args.bools.get('create-namespace') ?? false;
    if (createNamespaces) checkCreateNamespace(args, config);
    const plan = buildPlan(config, {
      adopt: false,
      oidcProviderArn: args.strings.get('oidc-provider-arn'),
      overrideExistingServiceAccounts: args.bools.get('override-existing-serviceaccounts') ?? false,
      createNamespaces,
    });
    const out = args.strings.get('out');
    const dir = args.bools.get('dry-run') || !out ? io.cwd : path.dirname(path.resolve(io.cwd, out));
    const files = await renderFiles(
      plan,
      format(args),
      args.strings.get('module-source') ?? defaultModuleSource(dir),
      undefined,
      args.strings.get('profile'),
    );
    await emit(files, args, quiet ? { ...io, stderr: () => undefined } : io, false);
    return 0;
  }
  if (command === 'import' && sub === 'eksctl-config') {
    const args = parseFlags(rest, IMPORT_FLAGS);
    if (args.help) {
      io.stdout(commandHelp('import'));
      return 0;
    }
    if (args.positional.length !== 1)
      throw new UsageError(`expected one ClusterConfig file, got ${args.positional.length}`);
    const file = args.positional[0];
    const policies = policyStatements(args);
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new ConfigError(
        `${file}: cannot read the ClusterConfig (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const config = readClusterConfig(text, file);
    // The constructs' rules first: a value they reject is an error (exit 2), not a warning.
    const warnings = checkClusterConfig(
      config,
      configFieldNames(file, config),
      args.strings.get('oidc-provider-arn'),
    );
    if (config.ignoredSections.length > 0) {
      io.stderr(
        `irsa: ${file}: ignoring ${config.ignoredSections.join(', ')} (only metadata, iam, addons and addonsConfig are read)\n`,
      );
    }
    for (const w of warnings) io.stderr(`irsa: warning: ${w}\n`);
    const roleArnsFile = args.strings.get('role-arns');
    const roleArns = roleArnsFile ? readRoleArns(roleArnsFile, io) : undefined;
    if (roleArnsFile && roleArns) checkRoleArnKeys(roleArnsFile, roleArns, config);
    const plan = buildPlan(config, {
      adopt: true,
      oidcProviderArn: args.strings.get('oidc-provider-arn'),
      roleArns,
      policies,
    });
    for (const line of permissionSummary(plan)) io.stderr(`irsa: ${line}\n`);
    const gaps = plan.addons.filter((a) => a.outcome === 'not-adopted');
    for (const a of plan.addons) {
      const verb = {
        adopted: 'adopted',
        nothing: 'nothing to adopt',
        'not-adopted': 'NOT adopted',
        unlisted: 'not in the ClusterConfig, not adopted',
      }[a.outcome];
      io.stderr(`irsa: ${file}: add-on ${a.name}: ${verb}: ${a.why}\n`);
    }
    if (gaps.length > 0 && !args.bools.get('accept-unadopted')) {
      throw new ConfigError(
        `${file}: ${gaps.length} add-on role(s) eksctl created would stay with eksctl (${gaps.map((g) => g.name).join(', ')}; reasons above); pass --accept-unadopted to write the folder anyway (MIGRATION.md lists them)`,
      );
    }
    const out = args.strings.get('out') ?? './irsa-import';
    const dir = args.bools.get('dry-run') ? io.cwd : path.resolve(io.cwd, out);
    const files = await renderFiles(
      plan,
      format(args),
      args.strings.get('module-source') ?? defaultModuleSource(dir),
      file,
    );
    await emit(files, args, io, true, './irsa-import');
    return 0;
  }
  throw new UsageError(`unknown command "${[command, sub].filter(Boolean).join(' ')}"; see irsa --help`);
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`irsa: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`irsa: internal error: ${message.split('\n')[0]}\n`);
    return 3;
  }
}

if (require.main === module) {
  exitQuietlyOnClosedPipe();
  void main(process.argv.slice(2), processIo).then((code) => {
    process.exitCode = code;
  });
}
