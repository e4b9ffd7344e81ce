/**
 * The role's policy layout: `managedPolicy` (one customer-managed policy instead of inline policies) and
 * `addonPolicyNames` (the add-ons' inline policy names). Each bad input is one error naming the prop.
 */
import { Token } from 'cdktf';
import type { PolicyDocument } from '../policy/document';
import { policyLength, renderPolicy } from '../policy/document';
import { managedPolicyDocument, managedPolicyParts, sharedSid } from '../policy/managed-policy';
import { addonCatalog } from '../policy/addon-catalog';
import type { WellKnownGrant } from '../policy/well-known';
import type { ManagedPolicyOptions, RoleOptions } from '../props';
import { KNOWN_KEYS, checkKnownKeys } from './known-keys';
import { QUOTAS, RULES } from './rules';
import type { Checker } from './validate';

const isToken = (value: unknown): boolean => Token.isUnresolved(value);

/** The role's inline policy name unless `inlinePolicyName` says otherwise; the prefix of the others' names. */
export const DEFAULT_INLINE_POLICY_NAME = 'irsa-permissions';

/** `managedPolicy` as options, or undefined for inline policies (input must be validated). */
export function managedPolicyOptions(options: RoleOptions): ManagedPolicyOptions | undefined {
  const value = options.managedPolicy;
  if (value === undefined || value === false) return undefined;
  return value === true ? {} : value;
}

/** The names of the role's inline policies that are not the add-ons', by the prop that names them. */
export function reservedPolicyNames(options: RoleOptions): Map<string, string> {
  const base = options.inlinePolicyName ?? DEFAULT_INLINE_POLICY_NAME;
  const names = new Map<string, string>();
  if (options.inlinePolicy !== undefined && managedPolicyOptions(options) === undefined) {
    names.set(base, `inlinePolicyName ${JSON.stringify(base)} (the inline policy of inlinePolicy)`);
  }
  names.set(`${base}-granted`, `the inline policy of addToPolicy, "${base}-granted"`);
  names.set(`${base}-target-role`, `the inline policy of targetRoleArn, "${base}-target-role"`);
  return names;
}

/**
 * `managedPolicy`: a plain boolean or options object, something to hold, unique Sids across what it merges
 * and the managed-policy length quota. `inline` is `inlinePolicy` parsed (undefined when not given or a token).
 */
export function checkManagedPolicy(
  check: Checker,
  props: RoleOptions,
  inline: PolicyDocument | undefined,
  wellKnown: WellKnownGrant,
): void {
  const value = props.managedPolicy;
  if (value === undefined || value === false) return;
  if (
    value !== true &&
    (typeof value !== 'object' || value === null || Array.isArray(value) || isToken(value))
  ) {
    check.invalid(
      'managedPolicy',
      value,
      'true, false or { name, path, description } (it decides whether the policy is created, so it cannot be a token)',
    );
  }
  if (value !== true) {
    checkKnownKeys(check.path, value, KNOWN_KEYS.managedPolicy, 'managedPolicy.');
    check.string('managedPolicy.name', value.name, RULES.policyName);
    check.string('managedPolicy.path', value.path, RULES.rolePath);
    check.string('managedPolicy.description', value.description, RULES.description);
  }
  const parts = managedPolicyParts(inline, wellKnown.addons);
  if (props.inlinePolicy === undefined && parts.length === 0) {
    check.fail(
      'managedPolicy',
      'managedPolicy is set but there are no statements to put in it: give inlinePolicy, or wellKnownPolicies with an add-on that writes statements (the AWS managed policies of add-ons are attached either way), or leave managedPolicy out.',
    );
  }
  const shared = sharedSid(parts, isToken);
  if (shared) {
    check.fail(
      'managedPolicy',
      `managedPolicy cannot merge ${shared.first} and ${shared.second}: both have a statement with Sid ${JSON.stringify(shared.sid)}, and the Sids of one policy must be unique; give the ${shared.first === 'inlinePolicy' ? 'inlinePolicy' : 'other'} statement another Sid, or leave managedPolicy out to keep one inline policy each.`,
    );
  }
  // A token inline policy (JSON known at apply): AWS checks the length then.
  if (props.inlinePolicy !== undefined && inline === undefined) return;
  const rendered = renderPolicy(managedPolicyDocument(inline, parts));
  if (isToken(rendered)) return;
  const length = policyLength(rendered);
  if (length > QUOTAS.managedPolicyMaxLength) {
    const sizes = parts.map((p) => `${p.source} ${policyLength(JSON.stringify(p.statements))}`).join(', ');
    check.invalid(
      'managedPolicy',
      `${length} characters`,
      `at most ${QUOTAS.managedPolicyMaxLength} characters without white space (the IAM quota for a customer-managed policy); the statements' sizes: ${sizes}. Keep them inline (leave managedPolicy out), or split them across roles`,
    );
  }
}

/**
 * `addonPolicyNames`: keys of add-ons that write an inline policy, valid names, none equal to another
 * inline policy's name of the role; not with `managedPolicy`.
 */
export function checkAddonPolicyNames(check: Checker, props: RoleOptions, wellKnown: WellKnownGrant): void {
  const names = props.addonPolicyNames;
  if (names === undefined) return;
  if (typeof names !== 'object' || names === null || Array.isArray(names) || isToken(names)) {
    check.invalid(
      'addonPolicyNames',
      names,
      'an object of add-on key to inline policy name, e.g. { externalDns: "external-dns" }',
    );
  }
  if (managedPolicyOptions(props) !== undefined) {
    check.conflict(
      'addonPolicyNames',
      'managedPolicy',
      "the add-ons' statements go into the managed policy, so there are no add-on inline policies to name",
    );
  }
  const withPolicy = wellKnown.addons.filter((a) => a.statements.length > 0).map((a) => a.key);
  const allowed =
    withPolicy.length === 0
      ? 'the key of an add-on of wellKnownPolicies that writes an inline policy, and none does'
      : `the key of an add-on of wellKnownPolicies that writes an inline policy: ${withPolicy.join(', ')}`;
  for (const key of Object.keys(names)) {
    if (!withPolicy.includes(key)) {
      const canonical = addonCatalog().addonFor(key)?.key;
      const hint =
        canonical !== undefined && canonical !== key ? ` (add-on keys are canonical: ${canonical})` : '';
      check.invalid('addonPolicyNames key', key, `${allowed}${hint}`);
    }
    check.string(`addonPolicyNames.${key}`, names[key], RULES.policyName);
  }
  const base = props.inlinePolicyName ?? DEFAULT_INLINE_POLICY_NAME;
  const reserved = reservedPolicyNames(props);
  const taken = new Map<string, string>();
  for (const key of withPolicy) {
    const name = names[key] ?? `${base}-${key}`;
    if (isToken(name)) continue;
    const other = reserved.get(name);
    if (other !== undefined && names[key] !== undefined) {
      check.fail(
        `addonPolicyNames.${key}`,
        `addonPolicyNames.${key} ${JSON.stringify(name)} cannot be combined with ${other}: two inline policies of one role cannot share a name; choose another name for one of them.`,
      );
    }
    const before = taken.get(name);
    if (before !== undefined) {
      const given = names[key] !== undefined ? key : before;
      check.fail(
        `addonPolicyNames.${given}`,
        `addonPolicyNames.${given} ${JSON.stringify(name)} is the name of the inline policy of wellKnownPolicies.${given === key ? before : key} too: two inline policies of one role cannot share a name; choose another name.`,
      );
    }
    taken.set(name, key);
  }
}
