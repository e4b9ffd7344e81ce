import fc from 'fast-check';
import { assertProperty, scaled } from '../support/property';
import { admitsSubject, compareAccess, deriveTrustAccess } from '../../src/iam/access';
import { diffPolicies } from '../../src/iam/diff';
import { parsePolicyDocument } from '../../src/iam/document';

const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/ABC';
const PROVIDER = `arn:aws:iam::1:oidc-provider/${ISSUER}`;
const trust = (condition: Record<string, unknown> | undefined, extra: unknown[] = []) => {
  const parsed = parsePolicyDocument({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...(condition ? { Condition: condition } : {}),
      },
      ...extra,
    ],
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.document;
};
const sub = (op: string, value: string | string[]) => ({ [op]: { [`${ISSUER}:sub`]: value } });

describe('subject derivation', () => {
  test('exact, pattern and any-subject grants per issuer', () => {
    expect(
      deriveTrustAccess(trust(sub('StringEquals', 'system:serviceaccount:a:b'))).issuers[0].grants[0],
    ).toEqual({
      anySubject: false,
      patterns: ['system:serviceaccount:a:b'],
      except: [],
    });
    expect(deriveTrustAccess(trust(undefined)).issuers[0].grants[0].anySubject).toBe(true);
    const excluded = deriveTrustAccess(trust(sub('StringNotEquals', 'system:serviceaccount:a:b')));
    expect(excluded.issuers[0].grants[0]).toMatchObject({
      anySubject: true,
      except: ['system:serviceaccount:a:b'],
    });
  });

  test('a Deny on :sub is recorded, a Deny without conditions denies everything', () => {
    const deny = {
      Effect: 'Deny',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: sub('StringEquals', 'system:serviceaccount:a:evil'),
    };
    expect(
      deriveTrustAccess(trust(sub('StringLike', 'system:serviceaccount:a:*'), [deny])).issuers[0].denied,
    ).toEqual(['system:serviceaccount:a:evil']);
    const denyAll = { Effect: 'Deny', Principal: '*', Action: 'sts:*' };
    expect(deriveTrustAccess(trust(undefined, [denyAll])).issuers[0].denied).toEqual(['*']);
  });

  test('widening and narrowing', () => {
    const exact = deriveTrustAccess(trust(sub('StringEquals', 'system:serviceaccount:a:b')));
    const ns = deriveTrustAccess(trust(sub('StringLike', 'system:serviceaccount:a:*')));
    const any = deriveTrustAccess(trust(undefined));
    expect(compareAccess(exact, ns)).toMatchObject({ widened: true, narrowed: false });
    expect(compareAccess(ns, exact)).toMatchObject({ widened: false, narrowed: true });
    expect(compareAccess(ns, any).widened).toBe(true);
    expect(compareAccess(any, any)).toMatchObject({ widened: false, narrowed: false });
    const withDeny = deriveTrustAccess(
      trust(sub('StringLike', 'system:serviceaccount:a:*'), [
        {
          Effect: 'Deny',
          Principal: { Federated: PROVIDER },
          Action: 'sts:*',
          Condition: sub('StringEquals', 'system:serviceaccount:a:x'),
        },
      ]),
    );
    expect(compareAccess(withDeny, ns).widened).toBe(true); // dropping a Deny widens
    expect(compareAccess(ns, withDeny).widened).toBe(false);
  });

  test('the evaluator confirms concrete subjects', () => {
    const d = trust({
      ...sub('StringEquals', 'system:serviceaccount:a:b'),
      StringEqualsIgnoreCase: { [`${ISSUER}:aud`]: 'STS.amazonaws.com' },
    });
    expect(admitsSubject(d, PROVIDER, 'system:serviceaccount:a:b')).toBe(true);
    expect(admitsSubject(d, PROVIDER, 'system:serviceaccount:a:c')).toBe(false);
    expect(admitsSubject(d, 'arn:aws:iam::1:oidc-provider/other', 'system:serviceaccount:a:b')).toBe(false);
  });
});

describe('robustness', () => {
  test('odd policy shapes never crash parsing, derivation, comparison, diff or evaluation', () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.constantFrom('*', PROVIDER, `${ISSUER}:sub`, 'sts:*'),
      fc.integer(),
      fc.boolean(),
    );
    // Shapes IAM refuses are rarer than valid ones, so both the parser's refusals and the analysis run.
    const odd = { arbitrary: fc.anything(), weight: 1 };
    const listish = fc.oneof(
      { arbitrary: scalar, weight: 5 },
      { arbitrary: fc.array(scalar, { maxLength: 3 }), weight: 5 },
      odd,
    );
    const statement = fc.record(
      {
        Effect: fc.oneof({ arbitrary: fc.constantFrom('Allow', 'Deny'), weight: 10 }, odd),
        Principal: fc.oneof(
          { arbitrary: fc.constant('*'), weight: 5 },
          { arbitrary: fc.dictionary(fc.constantFrom('AWS', 'Federated', 'Service'), listish), weight: 5 },
          odd,
        ),
        NotPrincipal: fc.dictionary(fc.constantFrom('AWS', 'Federated'), listish),
        Action: listish,
        NotAction: listish,
        Condition: fc.oneof(
          {
            arbitrary: fc.dictionary(
              fc.constantFrom(
                'StringEquals',
                'StringLike',
                'StringNotLike',
                'ForAnyValue:StringLike',
                'Null',
                'Bogus',
                'x:y:z',
              ),
              fc.dictionary(fc.constantFrom(`${ISSUER}:sub`, `${ISSUER}:aud`, 'aws:x'), listish),
            ),
            weight: 10,
          },
          odd,
        ),
      },
      { requiredKeys: ['Effect'] },
    );
    let parsed = 0;
    let refused = 0;
    assertProperty(
      fc.property(fc.array(statement, { maxLength: 4 }), fc.array(statement, { maxLength: 4 }), (a, b) => {
        const pa = parsePolicyDocument({ Statement: a });
        const pb = parsePolicyDocument({ Statement: b });
        refused += (pa.ok ? 0 : 1) + (pb.ok ? 0 : 1);
        if (!pa.ok || !pb.ok) return;
        parsed++;
        const [da, db] = [deriveTrustAccess(pa.document), deriveTrustAccess(pb.document)];
        compareAccess(da, db);
        diffPolicies(pa.document, pb.document);
        admitsSubject(pb.document, PROVIDER, 'system:serviceaccount:a:b');
      }),
      scaled(1000),
    );
    // The analysis itself (not only the parser's refusal) ran on enough generated pairs.
    expect(parsed).toBeGreaterThanOrEqual(scaled(100));
    // Policies IAM refuses (odd shapes) are refused, never analysed as something else.
    expect(refused).toBeGreaterThanOrEqual(scaled(100));
  });
});
