/**
 * Focused cases for src/policy behaviour that the broader tests did not pin down: the exact errors the trust
 * builder promises, Pod Identity statement recognition and ordering, the add-on renderer's edge cases
 * (fallback resources, unknown partitions, bad templates), and how `wellKnownPolicies` values enable add-ons.
 */
import { IrsaValidationError } from '../../src/validation/error';
import {
  buildPodIdentityStatements,
  buildTrustPolicy,
  enabledAddons,
  isPodIdentityStatement,
  policyLength,
  POD_IDENTITY_PRINCIPAL,
  renderAddon,
  WELL_KNOWN_ADDONS,
} from '../../src/policy';
import type { AddonSpec, PolicyStatement, TrustPolicyInput } from '../../src/policy';
import { addonFor, fill, holds, snakeCase } from '../../src/policy/addons';

const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';

/** The IrsaValidationError `buildTrustPolicy` throws for `input`. */
function trustError(input: TrustPolicyInput): IrsaValidationError {
  try {
    buildTrustPolicy(input);
  } catch (e) {
    expect(e).toBeInstanceOf(IrsaValidationError);
    return e as IrsaValidationError;
  }
  throw new Error('buildTrustPolicy did not throw');
}

describe('buildTrustPolicy errors: whole message and the property they name', () => {
  test.each<[string, TrustPolicyInput, string, string]>([
    [
      'empty audience',
      { trust: [{ providerArn: PROVIDER, issuer: ISSUER, serviceAccounts: ['a:b'] }], audience: '' },
      'audience',
      'buildTrustPolicy: audience must not be empty',
    ],
    ['no provider', { trust: [] }, 'trust', 'buildTrustPolicy: trust needs at least one OIDC provider'],
    [
      'a provider listed twice',
      {
        trust: [
          { providerArn: PROVIDER, issuer: ISSUER, serviceAccounts: ['a:b'] },
          { providerArn: PROVIDER, issuer: ISSUER, serviceAccounts: ['a:c'] },
        ],
      },
      'trust',
      `buildTrustPolicy: OIDC provider ${PROVIDER} is listed twice; list all its service accounts in one entry`,
    ],
    [
      'a provider without service accounts',
      { trust: [{ providerArn: PROVIDER, issuer: ISSUER, serviceAccounts: [] }] },
      'trust',
      `buildTrustPolicy: OIDC provider ${PROVIDER} has no service accounts`,
    ],
    [
      'an empty service account',
      { trust: [{ providerArn: PROVIDER, issuer: ISSUER, serviceAccounts: [''] }] },
      'trust',
      'buildTrustPolicy: a service account is empty',
    ],
    [
      'a wildcard without allowWildcardSubjects',
      { trust: [{ providerArn: PROVIDER, issuer: ISSUER, serviceAccounts: ['a:*'] }] },
      'trust',
      'buildTrustPolicy: service account "a:*" has a wildcard but allowWildcardSubjects is not set',
    ],
    [
      'a service account listed twice',
      { trust: [{ providerArn: PROVIDER, issuer: ISSUER, serviceAccounts: ['a:b', 'a:b'] }] },
      'trust',
      'buildTrustPolicy: service account "a:b" is listed twice',
    ],
  ])('%s', (_name, input, property, message) => {
    const error = trustError(input);
    expect(error.message).toBe(message);
    expect(error.constructPath).toBe('buildTrustPolicy');
    expect(error.property).toBe(property);
  });
});

describe('isPodIdentityStatement', () => {
  const base: PolicyStatement = { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'] };
  test.each<[string, PolicyStatement['Principal'], boolean]>([
    ['the Pod Identity service principal', { Service: POD_IDENTITY_PRINCIPAL }, true],
    ['the principal among other services', { Service: ['ec2.amazonaws.com', POD_IDENTITY_PRINCIPAL] }, true],
    ['another service', { Service: 'ec2.amazonaws.com' }, false],
    ['other services only', { Service: ['ec2.amazonaws.com'] }, false],
    ['a service name that only contains the principal', { Service: `x${POD_IDENTITY_PRINCIPAL}` }, false],
    ['a federated principal', { Federated: PROVIDER }, false],
    ['everyone', '*', false],
    ['no principal', undefined, false],
  ])('%s: %s', (_name, principal, expected) => {
    const statement: PolicyStatement = principal === undefined ? base : { ...base, Principal: principal };
    expect(isPodIdentityStatement(statement)).toBe(expected);
  });
});

describe('buildPodIdentityStatements', () => {
  test('any-association: one statement with no Condition key at all', () => {
    const [statement, ...rest] = buildPodIdentityStatements({
      trust: [{ clusterName: 'prod', serviceAccounts: ['a:b'] }],
      scope: 'any-association',
    });
    expect(rest).toEqual([]);
    expect(Object.keys(statement)).toEqual(['Effect', 'Principal', 'Action']);
  });

  const stmt = (
    clusters: string | string[],
    namespace: string,
    names: string | string[],
  ): PolicyStatement => ({
    Effect: 'Allow',
    Principal: { Service: POD_IDENTITY_PRINCIPAL },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
    Condition: {
      StringEquals: {
        'aws:RequestTag/eks-cluster-name': clusters,
        'aws:RequestTag/kubernetes-namespace': namespace,
        'aws:RequestTag/kubernetes-service-account': names,
      },
    },
  });

  test('groups in one namespace are ordered by their cluster lists, compared entry by entry', () => {
    // Cluster list ["a", "c"] sorts before ["ab"]: its first entry "a" comes before "ab".
    const trust = [
      { clusterName: 'a', serviceAccounts: ['ns:x'] },
      { clusterName: 'c', serviceAccounts: ['ns:x'] },
      { clusterName: 'ab', serviceAccounts: ['ns:y'] },
    ];
    const expected = [stmt(['a', 'c'], 'ns', 'x'), stmt('ab', 'ns', 'y')];
    expect(buildPodIdentityStatements({ trust })).toEqual(expected);
    expect(buildPodIdentityStatements({ trust: [...trust].reverse() })).toEqual(expected);
  });

  test('groups with equal cluster text are ordered by their name lists, compared entry by entry', () => {
    // The cluster name "a\nb" (not validated here) joins like the list ["a", "b"]; the names decide:
    // ["x", "z"] sorts before ["xy"], its first entry "x" comes before "xy".
    const trust = [
      { clusterName: 'a\nb', serviceAccounts: ['ns:x', 'ns:z'] },
      { clusterName: 'a', serviceAccounts: ['ns:xy'] },
      { clusterName: 'b', serviceAccounts: ['ns:xy'] },
    ];
    const expected = [stmt('a\nb', 'ns', ['x', 'z']), stmt(['a', 'b'], 'ns', 'xy')];
    expect(buildPodIdentityStatements({ trust })).toEqual(expected);
    expect(buildPodIdentityStatements({ trust: [...trust].reverse() })).toEqual(expected);
  });
});

describe('policyLength', () => {
  test('a document object counts its minimal JSON, like its text', () => {
    const doc = { Version: '2012-10-17' as const, Statement: [] };
    // {"Version":"2012-10-17","Statement":[]}
    expect(policyLength(doc)).toBe(39);
    expect(policyLength(doc)).toBe(policyLength('{ "Version": "2012-10-17",\n  "Statement": [] }'));
  });
});

describe('the add-on catalog table and lookup', () => {
  test('an add-on without managed policies or aliases lists none', () => {
    const withoutManaged = Object.entries(WELL_KNOWN_ADDONS).find(([, a]) => a.managedPolicies.length === 0);
    expect(withoutManaged).toBeDefined();
    expect(WELL_KNOWN_ADDONS.externalDns.managedPolicies).toEqual([]);
    expect(WELL_KNOWN_ADDONS.awsLoadBalancerController.aliases).toEqual([]);
  });

  test('only keys and eksctl aliases name an add-on', () => {
    expect(addonFor('externalDNS')?.key).toBe('externalDns');
    expect(addonFor('Stryker was here')).toBeUndefined();
    expect(addonFor('')).toBeUndefined();
  });

  test('snakeCase turns camelCase option names into Terraform attribute names', () => {
    expect(snakeCase('hostedZoneArns')).toBe('hosted_zone_arns');
    expect(snakeCase('inline')).toBe('inline');
    expect(snakeCase('kmsKeyARN')).toBe('kms_key_a_r_n');
  });
});

const ANY = { pattern: '.*', allowed: 'any text', docs: 'https://example.com' };

/** A small spec that exercises each renderer path; not part of the catalog. */
const SPEC: AddonSpec = {
  key: 'sample',
  title: 'Sample',
  source: 'https://example.com/policy.json',
  version: 'v1',
  fingerprint: '',
  docs: 'https://example.com',
  options: [
    { name: 'zoneArns', kind: 'list', item: ANY, unsetWarning: 'all zones', doc: '' },
    { name: 'keyArns', kind: 'list', item: ANY, doc: '' },
    { name: 'queueUrl', kind: 'string', item: ANY, doc: '' },
    { name: 'extra', kind: 'flag', default: false, doc: '' },
  ],
  statements: [
    {
      actions: ['route53:ChangeResourceRecordSets'],
      resources: [{ option: 'zoneArns', fallback: ['arn:${partition}:route53:::hostedzone/*'] }],
      conditions: [],
    },
    { sid: 'Keys', actions: ['kms:Decrypt'], resources: [{ option: 'keyArns' }] },
    { actions: ['ec2:DescribeInstances'], resources: ['arn:${partition}:ec2:::${dnsSuffix}'] },
  ],
};

describe('renderAddon edge cases', () => {
  test('nothing set: fallback resources, no resources for an option without fallback, exact keys', () => {
    const grant = renderAddon(SPEC, {}, 'aws');
    expect(grant.statements).toStrictEqual([
      {
        Effect: 'Allow',
        Action: ['route53:ChangeResourceRecordSets'],
        Resource: ['arn:aws:route53:::hostedzone/*'],
      },
      { Effect: 'Allow', Sid: 'Keys', Action: ['kms:Decrypt'], Resource: [] },
      { Effect: 'Allow', Action: ['ec2:DescribeInstances'], Resource: ['arn:aws:ec2:::amazonaws.com'] },
    ]);
    expect(grant.managedPolicyArns).toEqual([]);
    // Only the list option that has an unsetWarning warns.
    expect(grant.warnings).toEqual(['wellKnownPolicies.sample.zoneArns is not set: all zones']);
  });

  test('scopes given: they replace the fallback', () => {
    const grant = renderAddon(SPEC, { zoneArns: ['arn:aws:route53:::hostedzone/Z1'], keyArns: ['k'] }, 'aws');
    expect(grant.statements.map((s) => s.Resource)).toEqual([
      ['arn:aws:route53:::hostedzone/Z1'],
      ['k'],
      ['arn:aws:ec2:::amazonaws.com'],
    ]);
    expect(grant.warnings).toEqual([]);
  });

  test('externalDns without hostedZoneIds falls back to every hosted zone in the partition', () => {
    const spec = addonFor('externalDns')!;
    const resources = renderAddon(spec, {}, 'aws-cn').statements.flatMap((s) => s.Resource ?? []);
    expect(resources).toContain('arn:aws-cn:route53:::hostedzone/*');
  });

  test('a partition missing from the suffix table uses amazonaws.com; a known one uses its own', () => {
    expect(renderAddon(SPEC, {}, 'aws-future').statements[2].Resource).toEqual([
      'arn:aws-future:ec2:::amazonaws.com',
    ]);
    expect(renderAddon(SPEC, {}, 'aws-iso').statements[2].Resource).toEqual(['arn:aws-iso:ec2:::c2s.ic.gov']);
  });
});

describe('template filling and flag lookup errors', () => {
  const where = { partition: 'aws', dnsSuffix: 'amazonaws.com' };
  test('${item} outside forEach', () => {
    expect(() => fill('arn:${item}', where, {})).toThrow(new Error('${item} outside forEach in arn:${item}'));
  });
  test('an option that is not a string', () => {
    expect(() => fill('arn:${zoneArns}', where, { zoneArns: ['z'] })).toThrow(
      new Error('no string option zoneArns for arn:${zoneArns}'),
    );
    expect(() => fill('arn:${missing}', where, {})).toThrow(
      new Error('no string option missing for arn:${missing}'),
    );
    expect(fill('arn:${queueUrl}', where, { queueUrl: 'q' })).toBe('arn:q');
  });
  test('a condition on a flag that does not exist or is not a flag', () => {
    expect(() => holds(SPEC, {}, [{ flag: 'nope', is: true }])).toThrow(
      new Error('sample: no flag option nope'),
    );
    expect(() => holds(SPEC, {}, [{ flag: 'zoneArns', is: false }])).toThrow(
      new Error('sample: no flag option zoneArns'),
    );
    expect(holds(SPEC, {}, [{ flag: 'extra', is: false }])).toBe(true);
  });
});

describe('enabledAddons', () => {
  test('true enables with no options, false and undefined leave the add-on out', () => {
    const enabled = enabledAddons({
      externalDns: true,
      certManager: false,
      clusterAutoscaler: undefined,
    } as never);
    expect([...enabled.entries()]).toEqual([['externalDns', {}]]);
  });
  test('an options object is kept, and an eksctl alias maps to its key', () => {
    const options = { hostedZoneIds: ['Z1'] };
    const enabled = enabledAddons({ externalDNS: options } as never);
    expect([...enabled.entries()]).toEqual([['externalDns', options]]);
  });
});
