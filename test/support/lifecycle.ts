/**
 * CDKTF side of the lifecycle harness (test/support/emulator.ts): synthesizes a stack built by a callback
 * into Terraform JSON that a {@link Workspace} applies against the emulator.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import type { TerraformPlan } from '../../tools/terraform';
import { changesOf, typeOf, type Action, type Change, type TerraformJson } from './emulator';

/**
 * The Terraform JSON of a stack `id` with a default AWS provider (its settings are replaced by the
 * emulator's when written to a Workspace) and whatever `build` adds. The stack id is part of generated
 * names, so keep it the same across the steps of one sequence.
 */
export function synthConfig(build: (stack: TerraformStack) => void, id = 'lifecycle'): TerraformJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/**
 * What a plan does, keyed so that assertions survive address schemes: resources by their address without
 * CDKTF's hash suffix (`aws_iam_role.api_role`), managed-policy attachments by owning construct and policy
 * (`aws_iam_role_policy_attachment.addons:service-role/AmazonEBSCSIDriverPolicy`). An attachment that is
 * destroyed at one address and created at another for the same policy is reported as `replace`: that is
 * the list-position bug, a detach/attach of a policy that should stay. No-ops and reads are left out, so
 * `{}` is "No changes".
 */
export function semanticActions(plan: TerraformPlan): Record<string, Action> {
  const out: Record<string, Action> = {};
  for (const [address, change] of changesOf(plan)) {
    if (change.action === 'read' || address.startsWith('data.') || address.includes('.data.')) continue;
    const key = semanticKey(address, change);
    const previous = out[key];
    if (previous === undefined || previous === 'no-op') out[key] = change.action;
    else if (change.action === 'no-op') continue;
    else if (previous !== change.action) out[key] = 'replace';
    else throw new Error(`two planned ${change.action}s read as ${key}`);
  }
  return Object.fromEntries(
    Object.entries(out)
      .filter(([, a]) => a !== 'no-op')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The key {@link semanticActions} gives a planned change. */
export function semanticKey(address: string, change: Change): string {
  const plain = address.replace(/_[0-9A-F]{8}(?=$|\[)/, '');
  if (typeOf(address) !== 'aws_iam_role_policy_attachment') return plain;
  const arn = (change.after?.policy_arn ?? change.before?.policy_arn) as unknown;
  const match = /^(.*\.)([^.]*?)_attachment[^.]*$/.exec(plain);
  if (typeof arn !== 'string' || !match) return plain;
  return `${match[1]}${match[2]}:${arn.slice(arn.indexOf(':policy/') + ':policy/'.length)}`;
}
