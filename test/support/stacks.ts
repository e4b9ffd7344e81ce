import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { OidcProvider, type IrsaRoleProps } from '../../src';
import { AWS_PROVIDER_CONSTRAINT, OFFLINE_AWS_PROVIDER_CDKTF } from '../../tools/terraform';

export const ARN_1 =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
export const ISSUER_1 = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
export const ARN_2 =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5EC0BD0C1A57E55EC0BD0C1A57E5ABCD';
export const ISSUER_2 = 'oidc.eks.eu-west-1.amazonaws.com/id/5EC0BD0C1A57E55EC0BD0C1A57E5ABCD';
export const provider1 = () => OidcProvider.fromArn(ARN_1);
export const provider2 = () => OidcProvider.fromArn(ARN_2);

/** IrsaRole props trusting one service account of provider1, plus `extra`. */
export function roleProps(
  extra: Record<string, unknown> = {},
  serviceAccount = 'default:app',
): IrsaRoleProps {
  return {
    trust: [{ oidcProvider: provider1(), serviceAccounts: [serviceAccount] }],
    ...extra,
  } as IrsaRoleProps;
}

/** A stack in a test app. */
export function testStack(id = 'test'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  return { app, stack };
}

/** A stack that `terraform plan` can run offline against the mirrored AWS provider. */
export function offlineStack(outdir: string, id = 'offline'): { app: App; stack: TerraformStack } {
  const app = new App({ outdir, skipValidation: false });
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { ...OFFLINE_AWS_PROVIDER_CDKTF });
  stack.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_CONSTRAINT);
  return { app, stack };
}

export interface Synthesized {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
}

/** Synthesizes a stack and returns its parsed JSON. */
export function synthJson(stack: TerraformStack): Synthesized {
  return JSON.parse(Testing.synth(stack)) as Synthesized;
}

/** All resources of a type, as a list of their configurations. */
export function resourcesOf(json: Synthesized, type: string): Record<string, unknown>[] {
  return Object.values(json.resource?.[type] ?? {});
}
