import fc from 'fast-check';
import {
  POD_IDENTITY_PRINCIPAL,
  buildPodIdentityStatements,
  buildRoleTrustPolicy,
  buildTrustPolicy,
  parseServiceAccountRef,
  renderPolicy,
  serviceAccountSubject,
} from '../../src/policy';
import type { PolicyDocument } from '../../src/policy';
import { allows, podIdentityAdmits } from '../support/trust-oracle';
import { scaled } from '../support/property';

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
