import fc from 'fast-check';
import {
  POD_IDENTITY_PRINCIPAL,
  buildPodIdentityStatements,
  buildRoleTrustPolicy,
  buildTrustStatement,
  buildTrustPolicy,
  parseServiceAccountRef,
  renderPolicy,
  serviceAccountSubject,
  TrustStatementError,
} from '../../src/policy';
import type { PolicyDocument, TrustStatementNames } from '../../src/policy';
import { allows, allowsService, podIdentityAdmits } from '../support/trust-oracle';
import { scaled } from '../support/property';
import { parsePolicyDocument } from '../../src/iam/document';
import { associationVerdict, podIdentityView } from '../../src/review/pod-identity';

const doc = (
  trust: Parameters<typeof buildPodIdentityStatements>[0]['trust'],
  scope?: 'scoped' | 'any-association',
) => ({ Version: '2012-10-17', Statement: buildPodIdentityStatements({ trust, scope }) }) as PolicyDocument;

const ARN_A = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/AAAA';
const ISS_A = 'oidc.eks.us-east-1.amazonaws.com/id/AAAA';

describe('buildPodIdentityStatements', () => {
  test('one service account: the documented principal and actions, StringEquals on three session tags', () => {
    expect(
      buildPodIdentityStatements({ trust: [{ clusterName: 'prod', serviceAccounts: ['apps:api'] }] }),
    ).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:RequestTag/eks-cluster-name': 'prod',
            'aws:RequestTag/kubernetes-namespace': 'apps',
            'aws:RequestTag/kubernetes-service-account': 'api',
          },
        },
      },
    ]);
  });

  test('any-association: one statement without conditions', () => {
    expect(
      buildPodIdentityStatements({
        trust: [{ clusterName: 'prod', serviceAccounts: ['apps:api'] }],
        scope: 'any-association',
      }),
    ).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: POD_IDENTITY_PRINCIPAL },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ]);
  });

  test('two namespaces never share a statement (no cross product of namespace and name)', () => {
    const policy = doc([{ clusterName: 'prod', serviceAccounts: ['a:x', 'b:y'] }]);
    expect(policy.Statement).toHaveLength(2);
    expect(podIdentityAdmits(policy, { cluster: 'prod', namespace: 'a', serviceAccount: 'y' })).toBe(false);
    expect(podIdentityAdmits(policy, { cluster: 'prod', namespace: 'b', serviceAccount: 'x' })).toBe(false);
  });

  test('the same service accounts on two clusters share one statement', () => {
    const policy = doc([
      { clusterName: 'blue', serviceAccounts: ['apps:api', 'apps:web'] },
      { clusterName: 'green', serviceAccounts: ['apps:web', 'apps:api'] },
    ]);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Condition?.StringEquals['aws:RequestTag/eks-cluster-name']).toEqual([
      'blue',
      'green',
    ]);
  });

  test('disabled session tags: the scoped role is unusable, the any-association role is usable', () => {
    const trust = [{ clusterName: 'prod', serviceAccounts: ['apps:api'] }];
    const call = { cluster: 'prod', namespace: 'apps', serviceAccount: 'api', sessionTagsDisabled: true };
    expect(podIdentityAdmits(doc(trust), call)).toBe(false);
    expect(podIdentityAdmits(doc(trust, 'any-association'), call)).toBe(true);
  });

  test.each([
    [{ trust: [] }, 'trust needs at least one cluster'],
    [{ trust: [{ clusterName: '', serviceAccounts: ['a:b'] }] }, 'a cluster name is empty'],
    [{ trust: [{ clusterName: 'c', serviceAccounts: [] }] }, 'cluster c has no service accounts'],
    [{ trust: [{ clusterName: 'c', serviceAccounts: ['a:*'] }] }, 'has a wildcard'],
    [{ trust: [{ clusterName: 'c', serviceAccounts: ['a'] }] }, 'is not "namespace:name"'],
    [{ trust: [{ clusterName: 'c', serviceAccounts: ['a:b', 'a:b'] }] }, 'is listed twice'],
    [
      {
        trust: [
          { clusterName: 'c', serviceAccounts: ['a:b'] },
          { clusterName: 'c', serviceAccounts: ['a:d'] },
        ],
      },
      'cluster c is listed twice',
    ],
    [
      { trust: [{ clusterName: 'c', serviceAccounts: ['a:b'] }], scope: 'open' },
      'is not "scoped" or "any-association"',
    ],
  ])('rejects %j', (input, message) => {
    expect(() => buildPodIdentityStatements(input as never)).toThrow(message);
  });
});

describe('buildRoleTrustPolicy', () => {
  const irsa = { trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['apps:api'] }] };
  const podIdentity = { trust: [{ clusterName: 'prod', serviceAccounts: ['apps:api'] }] };

  test('IRSA only: byte-identical to buildTrustPolicy', () => {
    expect(renderPolicy(buildRoleTrustPolicy({ irsa }))).toBe(renderPolicy(buildTrustPolicy(irsa)));
  });

  test('both: the OIDC statement first, then the Pod Identity statement; each admits only its own mechanism', () => {
    const policy = buildRoleTrustPolicy({ irsa, podIdentity });
    expect(policy.Statement.map((s) => Object.keys(s.Principal as object)[0])).toEqual([
      'Federated',
      'Service',
    ]);
    expect(podIdentityAdmits(policy, { cluster: 'prod', namespace: 'apps', serviceAccount: 'api' })).toBe(
      true,
    );
    const webIdentity = (sub: string) => ({
      federatedPrincipal: ARN_A,
      action: 'sts:AssumeRoleWithWebIdentity',
      context: { [`${ISS_A}:sub`]: sub, [`${ISS_A}:aud`]: 'sts.amazonaws.com' },
    });
    expect(allows(policy, webIdentity('system:serviceaccount:apps:api'))).toBe(true);
    expect(allows(policy, webIdentity('system:serviceaccount:apps:web'))).toBe(false);
    // The Pod Identity statement never admits a web-identity call, and the OIDC statement no Pod Identity call.
    expect(allows(buildRoleTrustPolicy({ podIdentity }), webIdentity('system:serviceaccount:apps:api'))).toBe(
      false,
    );
    expect(
      podIdentityAdmits(buildRoleTrustPolicy({ irsa }), {
        cluster: 'prod',
        namespace: 'apps',
        serviceAccount: 'api',
      }),
    ).toBe(false);
  });

  test('neither: an error', () => {
    expect(() => buildRoleTrustPolicy({})).toThrow('give irsa trust, podIdentity trust, or both');
  });
});

// Small alphabets make near misses (a listed name in another namespace or cluster) frequent.
const CLUSTERS = ['blue', 'green', 'red'];
const NAMESPACES = ['a', 'b', 'ab'];
const NAMES = ['x', 'y', 'xy'];
const triple = fc.record({
  cluster: fc.constantFrom(...CLUSTERS),
  namespace: fc.constantFrom(...NAMESPACES),
  serviceAccount: fc.constantFrom(...NAMES),
});
const tripleSet = fc.uniqueArray(triple, {
  minLength: 1,
  maxLength: 12,
  selector: (t) => `${t.cluster}/${t.namespace}/${t.serviceAccount}`,
});

function toTrust(triples: { cluster: string; namespace: string; serviceAccount: string }[]) {
  const byCluster = new Map<string, string[]>();
  for (const t of triples)
    byCluster.set(t.cluster, [...(byCluster.get(t.cluster) ?? []), `${t.namespace}:${t.serviceAccount}`]);
  return [...byCluster].map(([clusterName, serviceAccounts]) => ({ clusterName, serviceAccounts }));
}

const SEED = 20261128;

describe('Pod Identity trust properties (fast-check, independent evaluator)', () => {
  test('the role admits exactly the listed (cluster, namespace, service account) triples', () => {
    fc.assert(
      fc.property(tripleSet, (triples) => {
        const policy = doc(toTrust(triples));
        for (const cluster of CLUSTERS)
          for (const namespace of NAMESPACES)
            for (const serviceAccount of NAMES) {
              const listed = triples.some(
                (t) =>
                  t.cluster === cluster && t.namespace === namespace && t.serviceAccount === serviceAccount,
              );
              expect(podIdentityAdmits(policy, { cluster, namespace, serviceAccount })).toBe(listed);
              // Scoped trust never works without session tags.
              expect(
                podIdentityAdmits(policy, { cluster, namespace, serviceAccount, sessionTagsDisabled: true }),
              ).toBe(false);
            }
      }),
      { seed: SEED, numRuns: scaled(300) },
    );
  });

  test('both: each mechanism admits exactly its own listed service accounts', () => {
    fc.assert(
      fc.property(
        tripleSet,
        fc.uniqueArray(fc.constantFrom(...NAMESPACES.flatMap((n) => NAMES.map((m) => `${n}:${m}`))), {
          minLength: 1,
        }),
        (triples, subjects) => {
          const policy = buildRoleTrustPolicy({
            irsa: { trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: subjects }] },
            podIdentity: { trust: toTrust(triples) },
          });
          for (const namespace of NAMESPACES)
            for (const name of NAMES) {
              const sa = `${namespace}:${name}`;
              const webIdentity = {
                federatedPrincipal: ARN_A,
                action: 'sts:AssumeRoleWithWebIdentity',
                context: {
                  [`${ISS_A}:sub`]: serviceAccountSubject(parseServiceAccountRef(sa)!),
                  [`${ISS_A}:aud`]: 'sts.amazonaws.com',
                },
              };
              expect(allows(policy, webIdentity)).toBe(subjects.includes(sa));
              for (const cluster of CLUSTERS) {
                const listed = triples.some(
                  (t) => t.cluster === cluster && t.namespace === namespace && t.serviceAccount === name,
                );
                expect(podIdentityAdmits(policy, { cluster, namespace, serviceAccount: name })).toBe(listed);
              }
            }
        },
      ),
      { seed: SEED, numRuns: scaled(200) },
    );
  });

  test('output is deterministic and independent of input order', () => {
    fc.assert(
      fc.property(tripleSet, (triples) => {
        const forward = renderPolicy(doc(toTrust(triples)));
        const backward = renderPolicy(
          doc(
            toTrust([...triples].reverse()).map((e) => ({
              ...e,
              serviceAccounts: [...e.serviceAccounts].reverse(),
            })),
          ),
        );
        expect(backward).toBe(forward);
      }),
      { seed: SEED, numRuns: scaled(200) },
    );
  });
});

// Extra conditions (trust_policy_conditions, podIdentityTrustConditions): ANDed, so they only narrow.
const CONDITION_KEYS = [
  'aws:PrincipalOrgID',
  'aws:SourceAccount',
  'aws:RequestTag/eks-cluster-name',
  'aws:RequestTag/kubernetes-namespace',
  'aws:RequestTag/kubernetes-service-account',
  'aws:RequestTag/team',
];
const CONDITION_VALUES = ['o-1', 'o-2', 'blue', 'a', 'x', '*', 'b*'];
const extraCondition = fc.record({
  test: fc.constantFrom('StringEquals', 'StringLike', 'StringNotEquals'),
  variable: fc.constantFrom(...CONDITION_KEYS),
  values: fc.uniqueArray(fc.constantFrom(...CONDITION_VALUES), { minLength: 1, maxLength: 3 }),
});
const SCOPING = new Set(
  ['eks-cluster-name', 'kubernetes-namespace', 'kubernetes-service-account'].map(
    (k) => `stringequals\naws:requesttag/${k}`,
  ),
);
/** Conditions in distinct (operator, key) slots that never repeat a scoping condition. */
const extraConditions = fc
  .uniqueArray(extraCondition, { maxLength: 4, selector: (c) => `${c.test}\n${c.variable}`.toLowerCase() })
  .map((list) => list.filter((c) => !SCOPING.has(`${c.test}\n${c.variable}`.toLowerCase())));
const requestContext = fc.record({
  'aws:PrincipalOrgID': fc.constantFrom('o-1', 'o-2'),
  'aws:SourceAccount': fc.constantFrom('111122223333', 'o-1'),
  'aws:RequestTag/eks-cluster-name': fc.constantFrom(...CLUSTERS),
  'aws:RequestTag/kubernetes-namespace': fc.constantFrom(...NAMESPACES),
  'aws:RequestTag/kubernetes-service-account': fc.constantFrom(...NAMES),
  'aws:RequestTag/team': fc.constantFrom('x', 'b1'),
});

describe('Pod Identity trust: extra conditions only narrow (fast-check, independent evaluator)', () => {
  test('every request admitted with extra conditions is admitted without them; base conditions kept as they were', () => {
    fc.assert(
      fc.property(
        tripleSet,
        fc.constantFrom<'scoped' | 'any-association'>('scoped', 'any-association'),
        extraConditions,
        fc.array(requestContext, { minLength: 1, maxLength: 8 }),
        (triples, scope, conditions, contexts) => {
          const base = buildRoleTrustPolicy({ podIdentity: { trust: toTrust(triples), scope } });
          const narrowed = buildRoleTrustPolicy({
            podIdentity: { trust: toTrust(triples), scope, conditions },
          });
          expect(narrowed.Statement).toHaveLength(base.Statement.length);
          narrowed.Statement.forEach((s, i) => {
            const b = base.Statement[i];
            expect([s.Effect, s.Principal, s.Action]).toEqual([b.Effect, b.Principal, b.Action]);
            for (const [test, keys] of Object.entries(b.Condition ?? {}))
              for (const [key, values] of Object.entries(keys))
                expect(s.Condition?.[test]?.[key]).toEqual(values);
          });
          for (const context of contexts)
            for (const action of ['sts:AssumeRole', 'sts:TagSession']) {
              const request = { servicePrincipal: POD_IDENTITY_PRINCIPAL, action, context };
              if (allowsService(narrowed, request)) expect(allowsService(base, request)).toBe(true);
            }
        },
      ),
      { seed: SEED, numRuns: scaled(300) },
    );
  });

  test('a condition that repeats a scoping condition or another extra condition is refused (its values would be ORed)', () => {
    const trust = [{ clusterName: 'blue', serviceAccounts: ['a:x'] }];
    const repeat = { test: 'StringEquals', variable: 'aws:requesttag/kubernetes-namespace', values: ['b'] };
    expect(() => buildPodIdentityStatements({ trust, conditions: [repeat] })).toThrow(
      'condition StringEquals aws:requesttag/kubernetes-namespace is given twice or repeats a scoping condition',
    );
    // Without scoping conditions the key is free, once.
    expect(
      buildPodIdentityStatements({ trust, scope: 'any-association', conditions: [repeat] })[0].Condition,
    ).toEqual({
      StringEquals: { 'aws:requesttag/kubernetes-namespace': 'b' },
    });
    const org = { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-1'] };
    expect(() =>
      buildPodIdentityStatements({ trust, conditions: [org, { ...org, values: ['o-2'] }] }),
    ).toThrow('is given twice');
    expect(() => buildPodIdentityStatements({ trust, conditions: [{ ...org, values: [] }] })).toThrow(
      'has no values',
    );
    expect(() => buildPodIdentityStatements({ trust, conditions: [{ ...org, test: '' }] })).toThrow(
      'needs a test and a variable',
    );
  });

  test('aws:PrincipalOrgID joins the scoping StringEquals block', () => {
    const statements = buildPodIdentityStatements({
      trust: [{ clusterName: 'blue', serviceAccounts: ['a:x'] }],
      conditions: [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-1'] }],
    });
    expect(statements[0].Condition).toEqual({
      StringEquals: {
        'aws:RequestTag/eks-cluster-name': 'blue',
        'aws:RequestTag/kubernetes-namespace': 'a',
        'aws:RequestTag/kubernetes-service-account': 'x',
        'aws:PrincipalOrgID': 'o-1',
      },
    });
  });
});

describe('buildTrustStatement (extra trust statements, ORed)', () => {
  const aws = { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/ci'] };
  test('a refusal is a TrustStatementError whose reason names the attributes as the caller spells them', () => {
    const refused = (names?: TrustStatementNames): TrustStatementError => {
      try {
        buildTrustStatement({ actions: ['sts:AssumeRole'], not_principals: [aws] }, 'extra[0]', names);
      } catch (e) {
        if (e instanceof TrustStatementError) return e;
        throw e;
      }
      throw new Error('not refused');
    };
    const plain = refused();
    expect(plain.message).toBe(
      'buildTrustStatement: extra[0] is an Allow with not_principals, which admits every other principal',
    );
    expect([plain.label, plain.reason]).toEqual([
      'extra[0]',
      'is an Allow with not_principals, which admits every other principal',
    ]);
    expect(refused({ not_principals: 'notPrincipals' }).reason).toBe(
      'is an Allow with notPrincipals, which admits every other principal',
    );
  });

  test('as IAM JSON, after the Pod Identity statements', () => {
    const policy = buildRoleTrustPolicy({
      podIdentity: { trust: [{ clusterName: 'blue', serviceAccounts: ['a:x'] }] },
      statements: [
        {
          sid: 'Ci',
          actions: ['sts:AssumeRole'],
          principals: [
            aws,
            {
              type: 'AWS',
              identifiers: ['arn:aws:iam::111122223333:role/ci', 'arn:aws:iam::111122223333:role/b'],
            },
          ],
          condition: [
            { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-1'] },
            { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-2'] },
          ],
        },
        { effect: 'Deny', not_actions: ['sts:TagSession'], not_principals: [aws] },
      ],
    });
    expect(policy.Statement.slice(1)).toEqual([
      {
        Sid: 'Ci',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111122223333:role/ci', 'arn:aws:iam::111122223333:role/b'] },
        Action: ['sts:AssumeRole'],
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-1', 'o-2'] } },
      },
      { Effect: 'Deny', NotPrincipal: { AWS: [aws.identifiers[0]] }, NotAction: ['sts:TagSession'] },
    ]);
  });

  test.each([
    [
      { actions: ['sts:AssumeRole'], principals: [aws], resources: ['*'] },
      'has the unknown attribute resources',
    ],
    [
      { effect: 'allow', actions: ['sts:AssumeRole'], principals: [aws] },
      'effect "allow" is not "Allow" or "Deny"',
    ],
    [{ principals: [aws] }, 'needs actions or not_actions'],
    [{ actions: ['sts:AssumeRole'] }, 'needs principals or not_principals'],
    [{ actions: ['sts:AssumeRole'], not_principals: [aws] }, 'is an Allow with not_principals'],
    [
      { actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['*'] }] },
      'admits every principal',
    ],
    [
      {
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: [POD_IDENTITY_PRINCIPAL] }],
      },
      'would bypass the Pod Identity scoping',
    ],
    [
      { actions: ['sts:AssumeRole'], principals: [{ type: '*', identifiers: ['x'] }] },
      'principal type "*" is not one of',
    ],
  ])('refused: %j', (statement, message) => {
    expect(() => buildTrustStatement(statement as never)).toThrow(message);
  });
});

describe('irsa-review reads the new trust shapes (no regression)', () => {
  const view = (policy: PolicyDocument) => {
    const parsed = parsePolicyDocument(policy);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.document;
  };
  const trust = [{ clusterName: 'blue', serviceAccounts: ['a:x'] }];
  const org = { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-1'] };
  const ci = {
    actions: ['sts:AssumeRole'],
    principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/ci'] }],
  };

  test('scoped with aws:PrincipalOrgID and a CI statement: still scoped; the listed association cannot be confirmed (the key is unmodelled), others denied', () => {
    const doc = view(buildRoleTrustPolicy({ podIdentity: { trust, conditions: [org] }, statements: [ci] }));
    expect(podIdentityView(doc).anyAssociation).toBe(false);
    expect(associationVerdict(doc, { cluster: 'blue', namespace: 'a', serviceAccount: 'x' })).toBe(
      'cannot-confirm',
    );
    expect(associationVerdict(doc, { cluster: 'blue', namespace: 'a', serviceAccount: 'y' })).toBe('denied');
  });

  test('any-association with aws:PrincipalOrgID: still open to every association (an account-wide key narrows nothing within the account)', () => {
    const doc = view(
      buildRoleTrustPolicy({ podIdentity: { trust, scope: 'any-association', conditions: [org] } }),
    );
    expect(podIdentityView(doc).anyAssociation).toBe(true);
  });

  test('scoped without extra conditions: unchanged verdicts', () => {
    const doc = view(buildRoleTrustPolicy({ podIdentity: { trust }, statements: [ci] }));
    expect(podIdentityView(doc).anyAssociation).toBe(false);
    expect(associationVerdict(doc, { cluster: 'blue', namespace: 'a', serviceAccount: 'x' })).toBe(
      'admitted',
    );
  });
});
