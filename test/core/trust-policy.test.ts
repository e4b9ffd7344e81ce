import fc from 'fast-check';
import {
  DEFAULT_AUDIENCE,
  buildTrustPolicy,
  parseServiceAccountRef,
  policyLength,
  renderPolicy,
  serviceAccountSubject,
} from '../../src/policy';
import { allows, globMatch } from '../support/trust-oracle';

const ARN_A = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/AAAA';
const ISS_A = 'oidc.eks.us-east-1.amazonaws.com/id/AAAA';
const ARN_B = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/BBBB';
const ISS_B = 'oidc.eks.eu-west-1.amazonaws.com/id/BBBB';

describe('buildTrustPolicy', () => {
  test('one service account: one statement, StringEquals on sub and aud', () => {
    const policy = buildTrustPolicy({
      trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['default:s3-reader'] }],
    });
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: ARN_A },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${ISS_A}:aud`]: 'sts.amazonaws.com',
              [`${ISS_A}:sub`]: 'system:serviceaccount:default:s3-reader',
            },
          },
        },
      ],
    });
  });

  test('minimal JSON with a fixed key order', () => {
    const json = renderPolicy(
      buildTrustPolicy({ trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['a:b'] }] }),
    );
    expect(json).toBe(
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${ARN_A}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${ISS_A}:aud":"sts.amazonaws.com","${ISS_A}:sub":"system:serviceaccount:a:b"}}}]}`,
    );
    expect(json).not.toMatch(/\s/);
  });

  test('several service accounts: a sorted list, independent of input order', () => {
    const a = buildTrustPolicy({
      trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['ns:b', 'ns:a'] }],
    });
    const b = buildTrustPolicy({
      trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['ns:a', 'ns:b'] }],
    });
    expect(renderPolicy(a)).toBe(renderPolicy(b));
    expect(a.Statement[0].Condition?.StringEquals[`${ISS_A}:sub`]).toEqual([
      'system:serviceaccount:ns:a',
      'system:serviceaccount:ns:b',
    ]);
  });

  test('several clusters: one statement each, never keys of two issuers in one statement', () => {
    const policy = buildTrustPolicy({
      trust: [
        { providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['ns:a'] },
        { providerArn: ARN_B, issuer: ISS_B, serviceAccounts: ['ns:a'] },
      ],
    });
    expect(policy.Statement).toHaveLength(2);
    for (const statement of policy.Statement) {
      const issuer = (statement.Principal as { Federated: string }).Federated.split('oidc-provider/')[1];
      const keys = Object.values(statement.Condition ?? {}).flatMap((k) => Object.keys(k));
      expect(keys.every((k) => k.startsWith(`${issuer}:`))).toBe(true);
    }
  });

  test('wildcards: StringLike on sub in its own statement, aud stays StringEquals', () => {
    const policy = buildTrustPolicy({
      allowWildcardSubjects: true,
      trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['team-*:app', 'ns:exact'] }],
    });
    expect(policy.Statement).toHaveLength(2);
    expect(policy.Statement[0].Condition).toEqual({
      StringEquals: {
        [`${ISS_A}:aud`]: 'sts.amazonaws.com',
        [`${ISS_A}:sub`]: 'system:serviceaccount:ns:exact',
      },
    });
    expect(policy.Statement[1].Condition).toEqual({
      StringEquals: { [`${ISS_A}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [`${ISS_A}:sub`]: 'system:serviceaccount:team-*:app' },
    });
  });

  test('custom audience', () => {
    const policy = buildTrustPolicy({
      audience: 'my-aud',
      trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['a:b'] }],
    });
    expect(policy.Statement[0].Condition?.StringEquals[`${ISS_A}:aud`]).toBe('my-aud');
  });

  test.each([
    [{ trust: [] }, 'trust needs at least one OIDC provider'],
    [{ trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: [] }] }, 'has no service accounts'],
    [{ trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: [''] }] }, 'a service account is empty'],
    [
      { trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['a:*'] }] },
      'allowWildcardSubjects is not set',
    ],
    [{ trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['a:b', 'a:b'] }] }, 'is listed twice'],
    [
      {
        trust: [
          { providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['a:b'] },
          { providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['a:c'] },
        ],
      },
      'is listed twice; list all its service accounts in one entry',
    ],
    [
      { audience: '', trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['a:b'] }] },
      'audience must not be empty',
    ],
  ])('refuses input that would make a wrong policy (%#)', (input, message) => {
    expect(() => buildTrustPolicy(input)).toThrow(message);
  });
});

describe('helpers', () => {
  test('parseServiceAccountRef takes exactly one colon with text on both sides', () => {
    expect(parseServiceAccountRef('ns:name')).toEqual({ namespace: 'ns', name: 'name' });
    for (const bad of ['ns', ':name', 'ns:', 'a:b:c', ''])
      expect(parseServiceAccountRef(bad)).toBeUndefined();
  });
  test('policyLength ignores white space, as IAM counts', () => {
    expect(policyLength('{ "a" : "b c" }')).toBe('{"a":"bc"}'.length);
  });
  test('globMatch oracle', () => {
    expect(globMatch('a*c', 'abbbc')).toBe(true);
    expect(globMatch('a?c', 'abc')).toBe(true);
    expect(globMatch('a?c', 'ac')).toBe(false);
    expect(globMatch('*', '')).toBe(true);
  });
});

// ---- properties: the policy admits exactly the listed subjects on exactly the listed providers ----

const PROVIDERS = ['A', 'B', 'C'].map((id) => ({
  providerArn: `arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/${id}`,
  issuer: `oidc.eks.us-east-1.amazonaws.com/id/${id}`,
}));
// Small alphabets make near-misses (same name, other namespace; prefixes) frequent.
const namePart = fc.stringMatching(/^[ab][ab-]{0,2}$/);
const serviceAccount = fc.tuple(namePart, namePart).map(([ns, name]) => `${ns}:${name}`);
const patternPart = fc.stringMatching(/^[ab*?][ab*?-]{0,2}$/);
const wildcardServiceAccount = fc.tuple(patternPart, patternPart).map(([ns, name]) => `${ns}:${name}`);

function trustArbitrary(subject: fc.Arbitrary<string>) {
  return fc
    .subarray(PROVIDERS, { minLength: 1 })
    .chain((providers) =>
      fc.tuple(
        ...providers.map((p) =>
          fc
            .uniqueArray(subject, { minLength: 1, maxLength: 4 })
            .map((serviceAccounts) => ({ ...p, serviceAccounts })),
        ),
      ),
    );
}

const requestArbitrary = fc.record({
  provider: fc.constantFrom(...PROVIDERS),
  serviceAccount,
  audience: fc.constantFrom(DEFAULT_AUDIENCE, 'other-audience', 'sts.amazonaws.com '),
  action: fc.constantFrom('sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole'),
});

type RequestInput = typeof requestArbitrary extends fc.Arbitrary<infer T> ? T : never;

function request(r: RequestInput) {
  return {
    federatedPrincipal: r.provider.providerArn,
    action: r.action,
    context: {
      [`${r.provider.issuer}:sub`]: serviceAccountSubject(parseServiceAccountRef(r.serviceAccount)!),
      [`${r.provider.issuer}:aud`]: r.audience,
    },
  };
}

describe('trust policy properties (fast-check, independent evaluator)', () => {
  test('exact subjects: allowed iff provider listed, service account listed for it, audience and action right', () => {
    fc.assert(
      fc.property(trustArbitrary(serviceAccount), requestArbitrary, (trust, r) => {
        const policy = buildTrustPolicy({ trust });
        const entry = trust.find((t) => t.providerArn === r.provider.providerArn);
        const expected =
          entry !== undefined &&
          entry.serviceAccounts.includes(r.serviceAccount) &&
          r.audience === DEFAULT_AUDIENCE &&
          r.action === 'sts:AssumeRoleWithWebIdentity';
        expect(allows(policy, request(r))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  test('a listed subject is admitted on its own provider and on no other', () => {
    fc.assert(
      fc.property(trustArbitrary(serviceAccount), (trust) => {
        const policy = buildTrustPolicy({ trust });
        for (const entry of trust) {
          for (const sa of entry.serviceAccounts) {
            for (const provider of PROVIDERS) {
              const listedHere = trust.some(
                (t) => t.providerArn === provider.providerArn && t.serviceAccounts.includes(sa),
              );
              const r = request({
                provider,
                serviceAccount: sa,
                audience: DEFAULT_AUDIENCE,
                action: 'sts:AssumeRoleWithWebIdentity',
              });
              expect(allows(policy, r)).toBe(listedHere);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('wildcard subjects: allowed iff the service account matches a listed pattern of that provider', () => {
    fc.assert(
      fc.property(
        trustArbitrary(fc.oneof(serviceAccount, wildcardServiceAccount)),
        requestArbitrary,
        (trust, r) => {
          const policy = buildTrustPolicy({ trust, allowWildcardSubjects: true });
          const entry = trust.find((t) => t.providerArn === r.provider.providerArn);
          const expected =
            entry !== undefined &&
            entry.serviceAccounts.some((sa) => globMatch(sa, r.serviceAccount)) &&
            r.audience === DEFAULT_AUDIENCE &&
            r.action === 'sts:AssumeRoleWithWebIdentity';
          expect(allows(policy, request(r))).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('without allowWildcardSubjects a "*" is never admitted as a wildcard', () => {
    fc.assert(
      fc.property(trustArbitrary(wildcardServiceAccount), (trust) => {
        const hasWildcard = trust.some((t) => t.serviceAccounts.some((sa) => /[*?]/.test(sa)));
        if (hasWildcard)
          expect(() => buildTrustPolicy({ trust })).toThrow('allowWildcardSubjects is not set');
      }),
    );
  });

  test('output is deterministic and independent of service-account order', () => {
    fc.assert(
      fc.property(trustArbitrary(serviceAccount), (trust) => {
        const reversed = trust.map((t) => ({ ...t, serviceAccounts: [...t.serviceAccounts].reverse() }));
        expect(renderPolicy(buildTrustPolicy({ trust: reversed }))).toBe(
          renderPolicy(buildTrustPolicy({ trust })),
        );
      }),
    );
  });
});
