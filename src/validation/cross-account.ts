/**
 * A role created in one account that trusts the OIDC provider of another: IAM accepts the trust policy, but
 * web-identity federation only works through an OIDC provider registered in the role's own account, so no
 * pod could assume the role. The role's account is known at synth when its AWS provider names it
 * (`assumeRole` / `assumeRoleWithWebIdentity` role ARN, or `allowedAccountIds`); checked at synth, since the
 * default provider may be added after the construct. A warning, linking the cross-account guide.
 */
import { Annotations, TerraformProvider, TerraformStack, Token } from 'cdktf';
import type { IConstruct } from 'constructs';

export const CROSS_ACCOUNT_GUIDE = 'https://github.com/cdktf-irsa/cdktf-irsa/blob/main/docs/cross-account.md';

/** The accounts an AWS provider's configuration pins, and which setting says so. */
export interface ProviderAccounts {
  readonly accounts: readonly string[];
  readonly source: string;
}

const ACCOUNT = /^[0-9]{12}$/;

const known = (value: unknown): value is string => typeof value === 'string' && !Token.isUnresolved(value);

/** The account(s) a provider's settings pin, or undefined when they are not known at synth. */
export function providerAccounts(provider: unknown): ProviderAccounts | undefined {
  if (typeof provider !== 'object' || provider === null) return undefined;
  const p = provider as {
    assumeRole?: unknown;
    assumeRoleWithWebIdentity?: unknown;
    allowedAccountIds?: unknown;
  };
  for (const [setting, blocks] of [
    ['assumeRole', p.assumeRole],
    ['assumeRoleWithWebIdentity', p.assumeRoleWithWebIdentity],
  ] as const) {
    if (!Array.isArray(blocks) || blocks.length === 0) continue;
    // With several blocks (role chaining) the last role is the one whose credentials are used.
    const roleArn = (blocks[blocks.length - 1] as { roleArn?: unknown } | undefined)?.roleArn;
    if (!known(roleArn)) return undefined;
    const account = roleArn.split(':')[4];
    if (account !== undefined && ACCOUNT.test(account))
      return { accounts: [account], source: `${setting} ${roleArn}` };
  }
  const allowed = p.allowedAccountIds;
  if (Array.isArray(allowed) && allowed.length > 0 && allowed.every((a) => known(a) && ACCOUNT.test(a))) {
    return { accounts: allowed as string[], source: `allowedAccountIds ${allowed.join(', ')}` };
  }
  return undefined;
}

/** One OIDC provider a role trusts: the prop that names it and its account (maybe a token). */
export interface TrustedAccount {
  readonly property: string;
  readonly accountId: string;
}

/** The warnings for trusted providers outside the role's account(s). */
export function crossAccountWarnings(role: ProviderAccounts, trusted: readonly TrustedAccount[]): string[] {
  const where =
    role.accounts.length === 1
      ? `account ${role.accounts[0]}`
      : `one of the accounts ${role.accounts.join(', ')}`;
  return trusted
    .filter((t) => known(t.accountId) && !role.accounts.includes(t.accountId))
    .map(
      (t) =>
        `${t.property} is an OIDC provider of account ${t.accountId}, but the role is created in ${where} (its AWS provider's ${role.source}): a role can only be assumed with a web identity through an OIDC provider of its own account, so no pod could assume it. Register the cluster's issuer as an OIDC provider in the role's account and trust that one, or chain roles (${CROSS_ACCOUNT_GUIDE}).`,
    );
}

/** The stack's default AWS provider (no alias), if it has one. */
function defaultAwsProvider(stack: TerraformStack): TerraformProvider | undefined {
  return stack.node
    .findAll()
    .find(
      (c): c is TerraformProvider =>
        TerraformProvider.isTerraformProvider(c) &&
        c.terraformGeneratorMetadata?.providerName === 'aws' &&
        c.alias === undefined,
    );
}

/** A role whose trusted providers' accounts are compared with its AWS provider's at synth. */
interface PendingCheck {
  readonly construct: IConstruct;
  readonly awsProvider: TerraformProvider | undefined;
  readonly trusted: readonly TrustedAccount[];
}

/** Per stack: the roles to check, and how many of them earlier synths have checked already. */
const pendingChecks = new WeakMap<TerraformStack, { checks: PendingCheck[]; done: number }>();

/**
 * At synth, annotates `construct` with a warning per trusted provider of another account. One validation per
 * stack checks every role registered here, looking the default AWS provider up once: a lookup per role walked
 * the whole tree for each one, which made synth quadratic in the number of roles.
 */
export function warnCrossAccountAtSynth(
  construct: IConstruct,
  awsProvider: TerraformProvider | undefined,
  trusted: readonly TrustedAccount[],
): void {
  if (!trusted.some((t) => known(t.accountId))) return;
  const stack = TerraformStack.of(construct);
  let pending = pendingChecks.get(stack);
  if (pending === undefined) {
    const state = { checks: [] as PendingCheck[], done: 0 };
    pending = state;
    pendingChecks.set(stack, state);
    stack.node.addValidation({ validate: () => checkCrossAccount(stack, state) });
  }
  pending.checks.push({ construct, awsProvider, trusted });
}

/** Warns once for each role not yet checked (a stack may be synthesized more than once). */
function checkCrossAccount(stack: TerraformStack, state: { checks: PendingCheck[]; done: number }): string[] {
  let stackDefault: TerraformProvider | undefined | null = null;
  for (; state.done < state.checks.length; state.done++) {
    const { construct, awsProvider, trusted } = state.checks[state.done];
    let provider = awsProvider;
    if (provider === undefined) {
      if (stackDefault === null) stackDefault = defaultAwsProvider(stack);
      provider = stackDefault;
    }
    const role = providerAccounts(provider);
    if (role === undefined) continue;
    for (const warning of crossAccountWarnings(role, trusted)) Annotations.of(construct).addWarning(warning);
  }
  return [];
}
