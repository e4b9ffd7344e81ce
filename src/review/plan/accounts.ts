/**
 * The AWS accounts a plan manages, read from what it holds (never from the policies it reviews): the `arn`
 * (and `association_arn`) attributes of its resources before and after the change, `allowed_account_ids`
 * of its AWS provider configurations, and the `account_id` of `aws_caller_identity` data sources in its
 * prior state. Cross-account findings compare a role, provider or association against these.
 */
import { text, type Change } from './change';
import type { RawPlan } from './types';

const ACCOUNT = /^\d{12}$/;
/** `arn:<partition>:<service>:<region>:<account>:...`, account being 12 digits (`aws` for AWS-managed). */
const ARN_ACCOUNT = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/;

/** The 12-digit account in an ARN, or undefined (AWS-managed policies, S3 ARNs, non-ARNs). */
export function arnAccount(arn: string): string | undefined {
  const m = ARN_ACCOUNT.exec(arn);
  return m ? m[1] : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `allowed_account_ids` constants of every `aws` provider configuration. */
function providerAccounts(plan: RawPlan, out: Set<string>): void {
  const providers = record(record(plan['configuration'])?.['provider_config']);
  for (const [key, config] of Object.entries(providers ?? {})) {
    const c = record(config);
    if (key !== 'aws' && !key.startsWith('aws.') && c?.['name'] !== 'aws') continue;
    const ids = record(record(c?.['expressions'])?.['allowed_account_ids'])?.['constant_value'];
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string' && ACCOUNT.test(id)) out.add(id);
  }
}

/** `account_id` of `aws_caller_identity` data sources in the prior state (every module). */
function callerIdentityAccounts(plan: RawPlan, out: Set<string>): void {
  const stack: unknown[] = [record(record(plan['prior_state'])?.['values'])?.['root_module']];
  // Iterative: a hostile plan may nest modules deeply.
  while (stack.length > 0) {
    const module = record(stack.pop());
    if (!module) continue;
    const resources = module['resources'];
    if (Array.isArray(resources))
      for (const r of resources) {
        const res = record(r);
        if (res?.['mode'] !== 'data' || res['type'] !== 'aws_caller_identity') continue;
        const id = record(res['values'])?.['account_id'];
        if (typeof id === 'string' && ACCOUNT.test(id)) out.add(id);
      }
    const children = module['child_modules'];
    if (Array.isArray(children)) stack.push(...children);
  }
}

const ARN_ATTRIBUTES = ['arn', 'association_arn'] as const;

/** The account of every ARN attribute of one side of a change (known, not sensitive values only). */
function changeAccounts(change: Change, which: 'before' | 'after', out: Set<string>): void {
  for (let i = 0; i < ARN_ATTRIBUTES.length; i++) {
    const arn = text(change, which, ARN_PATHS[i]);
    const account = arn === undefined ? undefined : arnAccount(arn);
    if (account) out.add(account);
  }
}

const ARN_PATHS: readonly (readonly string[])[] = ARN_ATTRIBUTES.map((a) => [a]);

/** The accounts the plan manages, sorted. */
export function planAccounts(plan: RawPlan, changes: readonly Change[]): string[] {
  const out = new Set<string>();
  // Index loops and shared paths: this runs for both sides of every change of the plan.
  for (let i = 0; i < changes.length; i++) {
    changeAccounts(changes[i], 'before', out);
    changeAccounts(changes[i], 'after', out);
  }
  providerAccounts(plan, out);
  callerIdentityAccounts(plan, out);
  return [...out].sort();
}
