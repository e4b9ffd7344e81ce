/**
 * The modules' validation messages say what the constructs say: for each module validation case, the same
 * bad input given to `IrsaRole` fails with the same "is invalid: it must be …" (or "cannot be combined
 * with …: why") wording, property names aside. terraform.test.ts proves Terraform prints the case messages.
 */
import { IrsaRole, IrsaRoleProps, OidcProvider } from '../../src';
import { MODULE_VALIDATION_CASES, ValidationCase } from '../../src/modules/tests';
import { testStack } from '../support/stacks';

type ModuleProviders = Record<string, { provider_arn: string; namespace_service_accounts: string[] }>;

const DEFAULT_ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

/** The IrsaRole props that mean what a case's module variables mean. */
function constructProps(c: ValidationCase): IrsaRoleProps {
  const v = c.variables as Record<string, unknown>;
  const providers = (
    'oidc_providers' in v
      ? v.oidc_providers
      : { main: { provider_arn: DEFAULT_ARN, namespace_service_accounts: ['default:app'] } }
  ) as ModuleProviders | null;
  const inline = Object.entries((v.inline_policies ?? {}) as Record<string, string>);
  // A bad provider ARN fails in OidcProvider.fromArn, before IrsaRole, with the same wording.
  const oidc = (arn: string) => OidcProvider.fromArn(arn);
  return {
    trust: providers === null ? (undefined as never) : Object.keys(providers)
      .sort()
      .map((key) => ({
        oidcProvider: oidc(providers[key].provider_arn),
        serviceAccounts: providers[key].namespace_service_accounts,
      })),
    roleName: v.role_name as string | undefined,
    roleNamePrefix: v.role_name_prefix as string | undefined,
    maxSessionDuration: v.max_session_duration as number | undefined,
    attachPolicyArns: v.policy_arns ? Object.values(v.policy_arns as Record<string, string>) : undefined,
    tags: v.tags as Record<string, string> | undefined,
    inlinePolicy: inline[0]?.[1],
    inlinePolicyName: inline[0]?.[0],
    trustPolicyMaxLength: v.trust_policy_max_length as number | undefined,
  };
}

/** Cases whose module wording differs on purpose, and why. */
const ADAPTED: Record<string, string> = {
  no_providers: 'the module takes a map of providers where the construct takes a list of trust entries',
  inline_policy_not_json: 'the module takes JSON text only, the construct an object or JSON text',
  oidc_providers_null: 'the module takes a map of providers where the construct takes a list of trust entries',
  provider_arn_is_an_issuer_url:
    'the module rejects it on its start alone (so also at plan when the rest is unknown), and says what it is',
};

/**
 * Cases about the shape of an `any`-typed module input (an attribute it does not know, a value of the wrong
 * type), which TypeScript's types and the constructs' own unknown-prop check cover on the construct side.
 */
const MODULE_ONLY = new Set(['oidc_providers_unknown_attribute', 'oidc_providers_attribute_type']);

const snakeCase = (text: string) => text.replace(/[a-z][A-Z]/g, (m) => `${m[0]}_${m[1].toLowerCase()}`);

/** The part of a message that must match: from " is invalid: " or " cannot be combined with " on. */
function wording(message: string): string {
  const at = [' is invalid: ', ' cannot be combined with ', ' characters long ']
    .map((marker) => message.indexOf(marker))
    .filter((i) => i >= 0);
  return snakeCase(message.slice(Math.min(...at)));
}

function constructError(c: ValidationCase): string {
  const { stack } = testStack();
  try {
    new IrsaRole(stack, 'role', constructProps(c));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`IrsaRole accepted the input of module case ${c.name}`);
}

/** The offending value a message shows (a quoted string or a number), if any. */
const shownValue = (message: string) => message.match(/ ("[^"]*"|\d+) (is invalid|cannot)/)?.[1];

const compared = MODULE_VALIDATION_CASES.filter((c) => !(c.name in ADAPTED) && !MODULE_ONLY.has(c.name));

test.each(compared.map((c) => [c.name, c] as const))('%s: the construct and the module agree', (_name, c) => {
  const fromConstruct = constructError(c);
  expect(wording(c.message)).toBe(wording(fromConstruct));
  // The offending value is shown the same way (quoted strings, numbers), where the message shows one.
  const value = shownValue(c.message);
  expect({ value, shown: value === undefined || fromConstruct.includes(value) }).toEqual({ value, shown: true });
});

test('most compared messages show the offending value, so the check above is not vacuous', () => {
  const withValue = compared.filter((c) => shownValue(c.message) !== undefined).length;
  expect(withValue).toBeGreaterThanOrEqual(Math.ceil(compared.length / 2));
});

test('only the listed cases are worded differently, and each still fails in the construct', () => {
  expect(Object.keys(ADAPTED).every((name) => MODULE_VALIDATION_CASES.some((c) => c.name === name))).toBe(true);
  for (const c of MODULE_VALIDATION_CASES.filter((x) => x.name in ADAPTED)) {
    expect(() => {
      const { stack } = testStack();
      new IrsaRole(stack, 'role', constructProps(c));
    }).toThrow();
  }
});
