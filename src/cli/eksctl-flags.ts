/**
 * eksctl's flag rules for `irsa create iamserviceaccount` and `irsa create podidentityassociation`
 * (eksctl's pkg/ctl/cmdutils: the ClusterConfig loaders, the iamserviceaccount filter and the root flags):
 * which flags a config file (`-f`) excludes, the `--include`/`--exclude` globs on `<namespace>/<name>`, the
 * name given as an argument, and the values of `--timeout`, `-v` and `-C`. Pure: each rule is a function
 * that returns or throws one {@link UsageError}.
 */
import { type ParsedArgs, UsageError } from './args';
import type { EksctlServiceAccount } from './cluster-config';

/** Flags that define the service account or association, which a config file (`-f`) replaces. */
export const IAMSA_DEFINITION_FLAGS = [
  'cluster',
  'region',
  'name',
  'namespace',
  'attach-policy-arn',
  'attach-role-arn',
  'role-name',
  'role-only',
  'tags',
  'subject-pattern',
  'permissions-boundary',
  'well-known-policies',
] as const;
export const PIA_DEFINITION_FLAGS = [
  'cluster',
  'region',
  'namespace',
  'service-account-name',
  'role-arn',
  'role-name',
  'permission-boundary-arn',
  'permission-policy-arns',
  'well-known-policies',
  'create-service-account',
  'target-role-arn',
  'disable-session-tags',
  'policy',
  'tags',
] as const;

/** Flags eksctl has that create CloudFormation stacks: nothing here does, so they are refused, not ignored. */
export function refusedFlag(name: string): string | undefined {
  if (!name.startsWith('cfn-')) return undefined;
  return `--${name} is not supported: irsa writes Terraform and creates no CloudFormation stack`;
}

/** Whether the flag was given on the command line (any kind). */
export function given(args: ParsedArgs, flag: string): boolean {
  return args.strings.has(flag) || args.lists.has(flag) || args.maps.has(flag) || args.bools.has(flag);
}

/**
 * With `-f`, the flags that define what to create are errors (eksctl ignores some of them); without it,
 * `--include` and `--exclude` are. eksctl's wording.
 */
export function checkConfigFileFlags(args: ParsedArgs, definitionFlags: readonly string[]): void {
  if (args.strings.has('config-file')) {
    const flag = definitionFlags.find((f) => given(args, f));
    if (flag) throw new UsageError(`cannot use --${flag} when --config-file/-f is set`);
    if (args.positional.length > 0)
      throw new UsageError('cannot use name argument when --config-file/-f is set');
    return;
  }
  for (const flag of ['include', 'exclude']) {
    if (given(args, flag)) {
      throw new UsageError(`cannot use --${flag} unless a config file is specified via --config-file/-f`);
    }
  }
}

/** `irsa create iamserviceaccount NAME`: the argument is the service account's name, as in eksctl. */
export function nameFromArgument(args: ParsedArgs): string | undefined {
  if (args.positional.length > 1) {
    throw new UsageError(
      `only one argument is allowed to be used as a name (got ${args.positional.map((a) => JSON.stringify(a)).join(', ')})`,
    );
  }
  const arg = args.positional[0]?.trim();
  const flag = args.strings.get('name');
  if (arg !== undefined && flag !== undefined) {
    throw new UsageError(`--name=${flag} and argument ${arg} cannot be used at the same time`);
  }
  return arg ?? flag;
}

/**
 * A glob as eksctl compiles it (gobwas/glob without separators): `*` any run of characters (`/` too), `?`
 * one character, `[abc]`, `[!abc]`, `[a-z]`, `{a,b}` alternatives and `\` escapes.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegExp(glob[++i]);
    } else if (c === '*') {
      out += '.*';
    } else if (c === '?') {
      out += '.';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) throw new UsageError(`parsing glob filter "${glob}": unexpected end of input, want ]`);
      const body = glob.slice(i + 1, end);
      out += body.startsWith('!')
        ? `[^${body.slice(1).replace(/[\\\]^]/g, '\\$&')}]`
        : `[${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else if (c === '{') {
      out += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      out += ')';
      depth--;
    } else if (c === ',' && depth > 0) {
      out += '|';
    } else {
      out += escapeRegExp(c);
    }
  }
  if (depth > 0) throw new UsageError(`parsing glob filter "${glob}": unexpected end of input, want }`);
  return new RegExp(`^${out}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The service accounts `--include`/`--exclude` select, as eksctl's filter: with include globs only those
 * that match one (and no exclude glob); with only exclude globs all but those that match. Include globs that
 * match nothing are an error, as in eksctl.
 */
export function filterServiceAccounts(
  serviceAccounts: readonly EksctlServiceAccount[],
  include: readonly string[],
  exclude: readonly string[],
): EksctlServiceAccount[] {
  const includes = include.map(globToRegExp);
  const excludes = exclude.map(globToRegExp);
  const names = serviceAccounts.map((sa) => `${sa.namespace}/${sa.name}`);
  if (includes.length > 0 && !names.some((n) => includes.some((g) => g.test(n)))) {
    throw new UsageError(
      `no iamserviceaccounts match include glob filter specification: ${JSON.stringify(include.join(','))} (the iamserviceaccounts are: ${names.join(', ')})`,
    );
  }
  return serviceAccounts.filter((_, i) => {
    const name = names[i];
    if (includes.length > 0 && !includes.some((g) => g.test(name))) return false;
    return !excludes.some((g) => g.test(name));
  });
}

/** `--timeout`: a Go duration (`25m`, `1h30m`, `90s`), as eksctl's flag parses it; nothing here waits. */
export function checkTimeout(value: string | undefined): void {
  if (value === undefined) return;
  if (!/^[+-]?(0|(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(value) && value !== '0') {
    throw new UsageError(
      `invalid argument "${value}" for "--timeout" flag: time: invalid duration "${value}" (e.g. 25m0s, 1h, 90s)`,
    );
  }
}

/** `-v/--verbose`: eksctl's log level, an integer (0 silences irsa's progress lines; errors still print). */
export function verbosity(value: string | undefined): number {
  if (value === undefined) return 3;
  if (!/^[+-]?\d+$/.test(value)) {
    throw new UsageError(
      `invalid argument "${value}" for "-v, --verbose" flag: it must be an integer (0 to silence, 4 for debugging)`,
    );
  }
  return Number(value);
}

/** `-C/--color`: eksctl's values; irsa's output has no colours, so the value is checked and has no effect. */
export const COLOR_VALUES = ['true', 'false', 'fabulous'] as const;
export function checkColor(value: string | undefined): void {
  if (value !== undefined && !(COLOR_VALUES as readonly string[]).includes(value)) {
    throw new UsageError(`--color must be one of ${COLOR_VALUES.join(', ')} (got "${value}")`);
  }
}
