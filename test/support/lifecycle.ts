/**
 * CDKTF side of the lifecycle harness (test/support/emulator.ts): synthesizes a stack built by a callback
 * into Terraform JSON that a {@link Workspace} applies against the emulator.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import type { TerraformJson } from './emulator';

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
