import fc from 'fast-check';
import { buildTrustPolicy, parseServiceAccountRef, policyLength, renderPolicy } from '../../src/policy';
import { assertProperty, scaled } from '../support/property';
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

  test('only wildcard subjects on a provider: one StringLike statement, no empty StringEquals list', () => {
    const policy = buildTrustPolicy({
      allowWildcardSubjects: true,
      trust: [{ providerArn: ARN_A, issuer: ISS_A, serviceAccounts: ['team-*:app'] }],
    });
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Condition).toEqual({
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
// Requests are built here from literal IAM/EKS facts (the token's sub is
// "system:serviceaccount:<namespace>:<name>", aud the audience), never with src helpers.

const SUBJECT_PREFIX = 'system:serviceaccount:';
const STS_AUDIENCE = 'sts.amazonaws.com';
const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';

const PROVIDERS = [
  ['aws', '111122223333', 'oidc.eks.us-east-1.amazonaws.com/id/A1'],
  ['aws', '111122223333', 'oidc.eks.eu-west-1.amazonaws.com/id/B2'],
  ['aws-cn', '444455556666', 'oidc.eks.cn-north-1.amazonaws.com.cn/id/C3'],
  ['aws-us-gov', '777788889999', 'oidc.eks.us-gov-west-1.amazonaws.com/id/D4'],
].map(([partition, account, issuer]) => ({
  providerArn: `arn:${partition}:iam::${account}:oidc-provider/${issuer}`,
  issuer,
}));
type Provider = (typeof PROVIDERS)[number];

// Small alphabets make near-misses (same name, other namespace; prefixes) frequent.
const namePart = fc.stringMatching(/^[ab][ab-]{0,2}$/);
const serviceAccount = fc.tuple(namePart, namePart).map(([ns, name]) => `${ns}:${name}`);
const patternPart = fc.stringMatching(/^[ab*?][ab*?-]{0,2}$/);
const wildcardServiceAccount = fc
  .tuple(patternPart, patternPart)
  .map(([ns, name]) => `${ns}:${name}`)
  .filter((sa) => /[*?]/.test(sa));
const audience = fc.option(
  fc.constantFrom(STS_AUDIENCE, 'vault', 'sts.amazonaws.com.cn', 'https://example.com/aud'),
  {
    nil: undefined,
  },
);

interface Trust {
  providers: (Provider & { serviceAccounts: string[] })[];
  audience?: string;
}

/** 1 to 3 of the 4 providers (3 partitions), each with 1 to 4 subjects, and maybe a custom audience. */
function trustArbitrary(subject: fc.Arbitrary<string>): fc.Arbitrary<Trust> {
  return fc
    .record({ providers: fc.subarray(PROVIDERS, { minLength: 1, maxLength: 3 }), audience })
    .chain(({ providers, audience }) =>
      fc
        .tuple(
          ...providers.map((p) =>
            fc
              .uniqueArray(subject, { minLength: 1, maxLength: 4 })
              .map((serviceAccounts) => ({ ...p, serviceAccounts })),
          ),
        )
        .map((list) => ({ providers: list, audience })),
    );
}

/** A concrete namespace:name that `pattern` matches: "*" becomes 0-2 characters, "?" one. */
function instance(pattern: string): fc.Arbitrary<string> {
  const pieces = [...pattern].map((c) =>
    c === '*'
      ? fc.stringMatching(/^[ab-]{0,2}$/)
      : c === '?'
        ? fc.constantFrom('a', 'b', '-')
        : fc.constant(c),
  );
  return fc.tuple(...pieces).map((p) => p.join(''));
}

interface Request {
  provider: Provider;
  serviceAccount: string;
  audience: string;
  action: string;
}

/**
 * Requests for `trust`: half of them built from a listed subject on its own provider with the right
 * audience and action (so they must be admitted, unless a near-miss below is applied), the rest random.
 */
function requestFor(trust: Trust): fc.Arbitrary<Request> {
  const rightAudience = trust.audience ?? STS_AUDIENCE;
  const listed = fc
    .constantFrom(...trust.providers)
    .chain((p) =>
      fc
        .constantFrom(...p.serviceAccounts)
        .chain(instance)
        .map((sa) => ({
          provider: PROVIDERS.find((x) => x.providerArn === p.providerArn)!,
          serviceAccount: sa,
        })),
    )
    .map((r) => ({ ...r, audience: rightAudience, action: WEB_IDENTITY }));
  const random = fc.record({
    provider: fc.constantFrom(...PROVIDERS),
    serviceAccount,
    audience: fc.constantFrom(
      rightAudience,
      STS_AUDIENCE,
      'vault',
      `${rightAudience} `,
      rightAudience.toUpperCase(),
    ),
    action: fc.constantFrom(WEB_IDENTITY, WEB_IDENTITY, 'sts:AssumeRole', 'sts:AssumeRoleWithSAML'),
  });
  return fc.oneof(listed, random);
}

function webIdentityRequest(r: Request) {
  const [namespace, name] = r.serviceAccount.split(':');
  return {
    federatedPrincipal: r.provider.providerArn,
    action: r.action,
    context: {
      [`${r.provider.issuer}:sub`]: `${SUBJECT_PREFIX}${namespace}:${name}`,
      [`${r.provider.issuer}:aud`]: r.audience,
    },
  };
}

/** The reference answer: provider listed, a subject of that provider matches, audience and action right. */
function mustAdmit(trust: Trust, r: Request): boolean {
  const entry = trust.providers.find((t) => t.providerArn === r.provider.providerArn);
  return (
    entry !== undefined &&
    entry.serviceAccounts.some((sa) => globMatch(sa, r.serviceAccount)) &&
    r.audience === (trust.audience ?? STS_AUDIENCE) &&
    r.action === WEB_IDENTITY
  );
}

const withRequests = (trust: fc.Arbitrary<Trust>) =>
  trust.chain((t) => fc.tuple(fc.constant(t), fc.array(requestFor(t), { minLength: 3, maxLength: 3 })));

describe('trust policy properties (fast-check, seeded, independent evaluator)', () => {
  test.each([
    ['exact subjects', serviceAccount, false],
    ['exact and wildcard subjects mixed', fc.oneof(serviceAccount, wildcardServiceAccount), true],
  ] as const)('%s: a request is admitted iff the reference says so', (_name, subject, wildcards) => {
    let admitted = 0;
    let checked = 0;
    assertProperty(
      fc.property(withRequests(trustArbitrary(subject)), ([trust, requests]) => {
        const policy = buildTrustPolicy({
          trust: trust.providers,
          audience: trust.audience,
          allowWildcardSubjects: wildcards,
        });
        for (const r of requests) {
          const expected = mustAdmit(trust, r);
          expect(allows(policy, webIdentityRequest(r))).toBe(expected);
          checked++;
          if (expected) admitted++;
        }
      }),
      scaled(400),
    );
    // Every run checks its requests, and at least a third of them are ones that must be admitted.
    expect(checked).toBeGreaterThanOrEqual(scaled(1200));
    expect(admitted / checked).toBeGreaterThan(1 / 3);
  });

  test('a listed subject is admitted on its own provider and on no other', () => {
    let admitted = 0;
    assertProperty(
      fc.property(trustArbitrary(serviceAccount), (trust) => {
        const policy = buildTrustPolicy({ trust: trust.providers, audience: trust.audience });
        for (const entry of trust.providers) {
          for (const sa of entry.serviceAccounts) {
            for (const provider of PROVIDERS) {
              const listedHere = trust.providers.some(
                (t) => t.providerArn === provider.providerArn && t.serviceAccounts.includes(sa),
              );
              const r = {
                provider,
                serviceAccount: sa,
                audience: trust.audience ?? STS_AUDIENCE,
                action: WEB_IDENTITY,
              };
              expect(allows(policy, webIdentityRequest(r))).toBe(listedHere);
              if (listedHere) admitted++;
            }
          }
        }
      }),
      scaled(300),
    );
    expect(admitted).toBeGreaterThanOrEqual(scaled(300));
  });

  test('without allowWildcardSubjects a "*" or "?" is always refused', () => {
    let refused = 0;
    assertProperty(
      fc.property(trustArbitrary(wildcardServiceAccount), (trust) => {
        expect(() => buildTrustPolicy({ trust: trust.providers })).toThrow(
          'allowWildcardSubjects is not set',
        );
        refused++;
      }),
      scaled(100),
    );
    expect(refused).toBe(scaled(100));
  });

  test('output is deterministic and independent of service-account order', () => {
    assertProperty(
      fc.property(trustArbitrary(serviceAccount), (trust) => {
        const reversed = trust.providers.map((t) => ({
          ...t,
          serviceAccounts: [...t.serviceAccounts].reverse(),
        }));
        expect(renderPolicy(buildTrustPolicy({ trust: reversed, audience: trust.audience }))).toBe(
          renderPolicy(buildTrustPolicy({ trust: trust.providers, audience: trust.audience })),
        );
      }),
      scaled(100),
    );
  });
});
