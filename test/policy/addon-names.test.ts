/**
 * The add-on catalog's names as the package exposes them: the `WELL_KNOWN_ADDONS` table, the lazily loaded
 * `ADDONS`/`WELL_KNOWN_ADDONS` exports, the "did you mean" for terraform-aws-modules' `attach_<name>_policy`
 * inputs, and how a refusal words its options.
 */
import fc from 'fast-check';
import { ADDONS, WELL_KNOWN_ADDONS, suggestAddonKey } from '../../src/policy/addons';
import { describeWhen } from '../../src/policy/addons/model';
import { withCatalogLoads } from '../support/catalog-loads';

describe('WELL_KNOWN_ADDONS', () => {
  test('every add-on lists its aliases and the other names it is known by', () => {
    for (const addon of ADDONS) {
      const info = WELL_KNOWN_ADDONS[addon.key];
      expect([addon.key, info?.aliases, info?.knownAs]).toEqual([
        addon.key,
        addon.aliases ?? [],
        addon.knownAs ?? [],
      ]);
    }
    expect(WELL_KNOWN_ADDONS.karpenterController?.knownAs).toContain('karpenter');
  });
});

describe('the package exports of the catalog (getters, so an app that never reads them never loads it)', () => {
  test('ADDONS and WELL_KNOWN_ADDONS are enumerable exports with the catalog behind them', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require('../../src/policy/addon-exports') as Record<string, unknown>;
    expect(Object.keys(exported)).toEqual(expect.arrayContaining(['ADDONS', 'WELL_KNOWN_ADDONS']));
    expect(exported.ADDONS).toBe(ADDONS);
    expect(exported.WELL_KNOWN_ADDONS).toBe(WELL_KNOWN_ADDONS);
  });
});

describe('wellKnownGrant loads the catalog only when an add-on is enabled', () => {
  test('no add-on: empty grant, catalog not loaded; one add-on: loaded', () => {
    withCatalogLoads((loads) => {
      type WellKnown = typeof import('../../src/policy/well-known');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { wellKnownGrant } = require('../../src/policy/well-known') as WellKnown;
      expect(wellKnownGrant({}, 'aws')).toEqual({
        managedPolicyArns: [],
        statements: [],
        addons: [],
        warnings: [],
      });
      expect(loads()).toBe(0);
      expect(wellKnownGrant({ vpcCni: true }, 'aws').managedPolicyArns).toEqual([
        'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
      ]);
      expect(loads()).toBe(1);
    });
  });
});

describe('suggestAddonKey and terraform-aws-modules input names', () => {
  const names = ADDONS.flatMap((a) => [a.key, ...(a.aliases ?? []), ...(a.knownAs ?? [])]).filter(
    (n) => n.length >= 6,
  );

  test('property: wrapping a misspelt name as attach_<name>_policy (any spelling of the wrapper) never changes the suggestion', () => {
    const wrappers: [string, string][] = [
      ['attach_', '_policy'],
      ['attach-', '-policy'],
      ['attach', 'Policy'],
      ['Attach', 'Policy'],
      ['ATTACH_', '_POLICY'],
      ['attach_', ''],
      ['', '_policy'],
      ['', 'policy'],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.nat(),
        fc.constantFrom(...wrappers),
        (name, n, [pre, post]) => {
          const at = n % name.length;
          const typo = name.slice(0, at) + name.slice(at + 1);
          const wrapped = `${pre}${typo}${post}`;
          expect([wrapped, suggestAddonKey(wrapped)]).toEqual([wrapped, suggestAddonKey(typo)]);
        },
      ),
      { seed: 28, numRuns: 400 },
    );
  });

  test('a misspelt name that only its unwrapped form finds', () => {
    expect(suggestAddonKey('attach_awsLoadBalncerController_policy')).toBe('awsLoadBalancerController');
    expect(suggestAddonKey('attachawsLoadBalncerControllerPolicy')).toBe('awsLoadBalancerController');
  });

  test('"attach" is unwrapped only at the start and "policy" only at the end; elsewhere the name is matched as written', () => {
    expect(suggestAddonKey('x_attach_csi_policy')).toBeUndefined();
    expect(suggestAddonKey('cloudwatch_policy_arn')).toBeUndefined();
  });

  test('the wrapper alone suggests nothing', () => {
    for (const word of ['attach', 'policy', 'attach_policy', 'attachPolicy', 'attach-policy']) {
      expect([word, suggestAddonKey(word)]).toEqual([word, undefined]);
    }
  });
});

describe('describeWhen', () => {
  test('options as the user set them, joined with "and"; names as given unless a speller is passed', () => {
    const when = [
      { flag: 'inline', is: false },
      { set: 'hostedZoneArns', is: true },
      { set: 'kmsKeyArns', is: false },
    ];
    expect(describeWhen(when)).toBe('with inline = false and hostedZoneArns given and kmsKeyArns left out');
    expect(describeWhen(when, (o) => o.toUpperCase())).toBe(
      'with INLINE = false and HOSTEDZONEARNS given and KMSKEYARNS left out',
    );
  });
});
