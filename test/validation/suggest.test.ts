/**
 * The "did you mean" of src/validation/suggest.ts over the data it is used with: the add-on catalog's
 * names and the constructs' known keys. A suggestion must be right or absent.
 */
import fc from 'fast-check';
import { ADDONS, suggestAddonKey } from '../../src/policy/addons';
import { KNOWN_KEYS } from '../../src/validation/known-keys';
import { suggestKey } from '../../src/validation/suggest';

test('every add-on alias and other name leads to its own add-on, and no name is shared', () => {
  const owner = new Map<string, string>();
  for (const addon of ADDONS) {
    for (const name of [addon.key, ...(addon.aliases ?? []), ...(addon.knownAs ?? [])]) {
      expect([name, suggestAddonKey(name)]).toEqual([name, addon.key]);
      const normalized = name.toLowerCase().replace(/[-_. ]/g, '');
      expect([name, owner.get(normalized) ?? addon.key]).toEqual([name, addon.key]);
      owner.set(normalized, addon.key);
    }
  }
});

test('every other name of a prop points at a known key', () => {
  for (const known of Object.values(KNOWN_KEYS)) {
    for (const { name, key } of known.names) {
      expect([name, known.keys.includes(key), known.keys.includes(name)]).toEqual([name, true, false]);
    }
  }
});

test('property: one letter dropped from a prop of five or more letters suggests that prop back', () => {
  const cases = Object.values(KNOWN_KEYS).flatMap((k) =>
    k.keys.filter((key) => key.length >= 5).map((key) => ({ k, key })),
  );
  fc.assert(
    fc.property(fc.constantFrom(...cases), fc.nat(), ({ k, key }, n) => {
      const at = n % key.length;
      const typo = key.slice(0, at) + key.slice(at + 1);
      expect([typo, suggestKey(typo, k.keys, k.names)]).toEqual([typo, key]);
    }),
    { seed: 24, numRuns: 500 },
  );
});

test('property: a word sharing no three letters in a row with any add-on name gets no suggestion', () => {
  const names = ADDONS.flatMap((a) => [a.key, ...(a.aliases ?? []), ...(a.knownAs ?? [])]).map((n) =>
    n.toLowerCase().replace(/[-_. ]/g, ''),
  );
  const shares = (word: string) =>
    [...Array(Math.max(0, word.length - 2)).keys()].some((i) =>
      names.some((n) => n.includes(word.slice(i, i + 3))),
    );
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z]{6,14}$/), (word) => {
      fc.pre(!shares(word));
      expect([word, suggestAddonKey(word)]).toEqual([word, undefined]);
    }),
    { seed: 24, numRuns: 300 },
  );
});

describe('a word in the names of several keys', () => {
  test('suggests nothing when it is less than half of each name (a guess among many misleads)', () => {
    // "aws" is in the names of 13 add-ons; it used to suggest vpcCni (alias aws-node).
    expect(suggestAddonKey('aws')).toBeUndefined();
    expect(suggestAddonKey('attach_aws_policy')).toBeUndefined();
    const sa = KNOWN_KEYS.iamServiceAccount;
    // maxSessionDuration or disableSessionTags; attachPolicyArns, attachRoleArn or targetRoleArn.
    expect(suggestKey('session', sa.keys, sa.names)).toBeUndefined();
    expect(suggestKey('arn', sa.keys, sa.names)).toBeUndefined();
  });

  test('suggests the closest of the names it makes up at least half of', () => {
    // externalDns and externalSecrets both hold it; only "externaldns" is at most twice as long.
    expect(suggestAddonKey('external')).toBe('externalDns');
    // awsLoadBalancerController and awsLoadBalancerControllerTargetGroupBinding: the closer one.
    expect(suggestAddonKey('awsLoadBalancer')).toBe('awsLoadBalancerController');
    expect(suggestAddonKey('loadBalancerController')).toBe('awsLoadBalancerController');
  });

  test('a word in the names of one key still suggests it, however short', () => {
    expect(suggestAddonKey('karpenter')).toBe('karpenterController');
    expect(suggestAddonKey('attach_karpenter_policy')).toBe('karpenterController');
  });
});
