import {
  ANY_ISSUER,
  ANY_SUBJECT_PROBE,
  FRESH_AUDIENCE,
  FRESH_SUBJECT,
  UNNAMED_ISSUER,
  PROBE_FILLER,
  accessAdmits,
  compareAccess,
  deriveTrustAccess,
  grantAdmits,
  instantiatePattern,
  intersectPatterns,
  issuerOfProviderArn,
  serviceAccountSubject,
  shortSubject,
  trustedProviderArns,
  type TrustAccess,
} from '../../src/iam/access';
import { parsePolicyDocument, type PolicyDocument } from '../../src/iam/document';

const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/ABC';
const OTHER = 'oidc.eks.us-east-1.amazonaws.com/id/DEF';
const PROVIDER = `arn:aws:iam::1:oidc-provider/${ISSUER}`;
const OTHER_PROVIDER = `arn:aws:iam::1:oidc-provider/${OTHER}`;
const ACTION = 'sts:AssumeRoleWithWebIdentity';
const SA = (ns: string, name: string): string => `system:serviceaccount:${ns}:${name}`;

const policy = (statements: unknown[]): PolicyDocument => {
  const parsed = parsePolicyDocument({ Version: '2012-10-17', Statement: statements });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.document;
};
const allow = (condition?: Record<string, unknown>, principal: unknown = { Federated: PROVIDER }) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: ACTION,
  ...(condition ? { Condition: condition } : {}),
});
const deny = (condition?: Record<string, unknown>, principal: unknown = { Federated: PROVIDER }) => ({
  ...allow(condition, principal),
  Effect: 'Deny',
});
const sub = (op: string, value: string | string[], issuer = ISSUER) => ({
  [op]: { [`${issuer}:sub`]: value },
});
const derive = (statements: unknown[]): TrustAccess => deriveTrustAccess(policy(statements));

describe('service-account subjects', () => {
  test('shortSubject strips the service-account prefix and leaves other values alone', () => {
    expect(shortSubject(SA('ns', 'app'))).toBe('ns:app');
    expect(shortSubject('ns:app')).toBe('ns:app');
    expect(serviceAccountSubject('ns', 'app')).toBe('system:serviceaccount:ns:app');
  });

  test('instantiatePattern fills * with the probe filler and ? with z', () => {
    expect(instantiatePattern(SA('ns', '*'))).toBe(`system:serviceaccount:ns:${PROBE_FILLER}`);
    expect(PROBE_FILLER).toBe('zz-irsa-review-probe');
    expect(instantiatePattern('a?b*')).toBe('azbzz-irsa-review-probe');
    expect(FRESH_SUBJECT).toBe(serviceAccountSubject('zz-irsa-review-probe', 'zz-irsa-review-probe'));
  });
});

describe('provider ARNs', () => {
  test('issuerOfProviderArn reads the part after :oidc-provider/, even at the start', () => {
    expect(issuerOfProviderArn(PROVIDER)).toBe(ISSUER);
    expect(issuerOfProviderArn(':oidc-provider/x.example')).toBe('x.example');
    expect(issuerOfProviderArn('arn:aws:iam::1:role/r')).toBeUndefined();
  });

  test('trustedProviderArns lists federated OIDC providers, sorted and unique', () => {
    const doc = policy([
      allow(undefined, { Federated: [OTHER_PROVIDER, 'cognito-identity.amazonaws.com'] }),
      allow(undefined, { Federated: PROVIDER }),
      allow(undefined, { Federated: OTHER_PROVIDER }),
      { Effect: 'Allow', Action: ACTION },
    ]);
    expect(trustedProviderArns(doc)).toEqual([PROVIDER, OTHER_PROVIDER]);
    expect(trustedProviderArns(policy([{ Effect: 'Allow', Action: ACTION }]))).toEqual([]);
  });
});

describe('intersectPatterns', () => {
  test('keeps the narrower of each contained pair, in either order', () => {
    expect(intersectPatterns([SA('a', '*')], [SA('a', 'b')])).toEqual([SA('a', 'b')]);
    expect(intersectPatterns([SA('a', 'b')], [SA('a', '*')])).toEqual([SA('a', 'b')]);
    expect(intersectPatterns([SA('a', 'b')], [SA('c', 'd')])).toEqual([]);
    expect(intersectPatterns([SA('a', '*')], [SA('*', 'b')])).toBeUndefined();
  });
});

describe('grant derivation', () => {
  test('an unconditioned grant admits any subject with no patterns', () => {
    expect(derive([allow()])).toStrictEqual({
      issuers: [
        {
          issuer: ISSUER,
          providerArns: [PROVIDER],
          grants: [{ anySubject: true, patterns: [], except: [] }],
          denied: [],
        },
      ],
      otherPrincipals: [],
      notes: [],
    });
  });

  test('subject patterns are sorted and de-duplicated', () => {
    const access = derive([allow(sub('StringLike', [SA('b', 'x'), SA('a', 'x'), SA('a', 'x')]))]);
    expect(access.issuers[0].grants).toStrictEqual([
      { anySubject: false, patterns: [SA('a', 'x'), SA('b', 'x')], except: [] },
    ]);
    const two = derive([allow(sub('StringEquals', [SA('b', 'x'), SA('a', 'x')]))]);
    expect(two.issuers[0].grants[0].patterns).toEqual([SA('a', 'x'), SA('b', 'x')]);
    const dup = derive([allow(sub('StringEquals', [SA('a', 'x'), SA('a', 'x')]))]);
    expect(dup.issuers[0].grants[0].patterns).toEqual([SA('a', 'x')]);
  });

  test('deriving access does not modify the policy document', () => {
    const doc = policy([allow(sub('StringLike', [SA('b', 'x'), SA('a', 'x'), SA('a', 'x')]))]);
    const copy = JSON.parse(JSON.stringify(doc)) as unknown;
    deriveTrustAccess(doc);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(copy);
  });

  test('overlapping patterns of one clause stay one pattern list', () => {
    const access = derive([allow(sub('StringLike', [SA('a', '*'), SA('*', 'b')]))]);
    expect(access.issuers[0].grants).toStrictEqual([
      { anySubject: false, patterns: [SA('*', 'b'), SA('a', '*')], except: [] },
    ]);
  });

  test('two :sub clauses that only overlap are both kept (also), and both must match', () => {
    const access = derive([
      allow({
        StringLike: { [`${ISSUER}:sub`]: SA('a', '*') },
        'ForAnyValue:StringLike': { [`${ISSUER}:sub`]: SA('*', 'b') },
      }),
    ]);
    const grant = access.issuers[0].grants[0];
    expect(grant).toStrictEqual({
      anySubject: false,
      patterns: [SA('a', '*')],
      also: [[SA('*', 'b')]],
      except: [],
    });
    expect(grantAdmits(grant, SA('a', 'b'), 'sts.amazonaws.com')).toBe(true);
    expect(grantAdmits(grant, SA('a', 'c'), 'sts.amazonaws.com')).toBe(false);
    expect(accessAdmits(access, ISSUER, SA('a', 'c'))).toBe(false);
  });

  test('an also list admits a subject matching any one of its values', () => {
    const grant = { anySubject: true, patterns: [], also: [[SA('x', 'y'), SA('a', '*')]], except: [] };
    expect(grantAdmits(grant, SA('a', 'b'), 'sts.amazonaws.com')).toBe(true);
  });

  test('StringNotLike on :sub excludes subjects', () => {
    const access = derive([allow(sub('StringNotLike', SA('kube-system', '*')))]);
    expect(access.issuers[0].grants).toStrictEqual([
      { anySubject: true, patterns: [], except: [SA('kube-system', '*')] },
    ]);
    expect(access.notes).toEqual([]);
  });

  test('a Null check on :sub or :aud reads as "present"', () => {
    const present = derive([allow({ Null: { [`${ISSUER}:sub`]: 'false' } })]);
    expect(present.issuers[0].grants).toStrictEqual([{ anySubject: true, patterns: [], except: [] }]);
    expect(present.notes).toEqual([]);
    const absent = derive([allow({ Null: { [`${ISSUER}:sub`]: 'true' } })]);
    expect(absent.issuers[0].grants).toEqual([]);
  });

  test('audience restrictions are kept; an unrestricted audience leaves the key out', () => {
    const access = derive([
      allow({
        StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: SA('a', 'b') },
      }),
    ]);
    expect(access.issuers[0].grants).toStrictEqual([
      { anySubject: false, patterns: [SA('a', 'b')], except: [], audiences: ['sts.amazonaws.com'] },
    ]);
    expect(access.notes).toEqual([]);
  });

  test('other claims and other operators on :sub are noted as unmodelled', () => {
    const access = derive([
      allow({
        StringEquals: { [`${ISSUER}:email`]: 'x@example.com' },
        StringEqualsIgnoreCase: { [`${ISSUER}:sub`]: SA('a', 'b') },
      }),
    ]);
    expect(access.issuers[0].grants).toStrictEqual([{ anySubject: true, patterns: [], except: [] }]);
    expect(access.notes).toEqual([
      `condition StringEquals on ${ISSUER}:email is not modelled (treated as always true)`,
      `condition StringEqualsIgnoreCase on ${ISSUER}:sub is not modelled (treated as always true)`,
    ]);
  });

  test('global condition keys and keys without a colon are unmodelled, not another issuer', () => {
    const access = derive([allow({ StringEquals: { 'aws:SourceAccount': '1', 'oidc.example/sub': 'x' } })]);
    expect(access.issuers.map((i) => i.issuer)).toEqual([ISSUER]);
    expect(access.issuers[0].grants).toStrictEqual([{ anySubject: true, patterns: [], except: [] }]);
    expect(access.notes).toEqual([
      'condition StringEquals on aws:SourceAccount is not modelled (treated as always true)',
      'condition StringEquals on oidc.example/sub is not modelled (treated as always true)',
    ]);
  });

  test('an issuer with a dot but no slash in a condition key is an issuer', () => {
    const access = derive([
      allow(
        { StringEquals: { 'accounts.example.com:sub': 'x' } },
        { Federated: 'arn:aws:iam::1:oidc-provider/accounts.example.com' },
      ),
    ]);
    expect(access.issuers[0]).toStrictEqual({
      issuer: 'accounts.example.com',
      providerArns: ['arn:aws:iam::1:oidc-provider/accounts.example.com'],
      grants: [{ anySubject: false, patterns: ['x'], except: [] }],
      denied: [],
    });
    expect(access.notes).toEqual([]);
  });

  test('an unsupported operator admits nothing', () => {
    const access = derive([allow({ 'Foo:StringEquals': { [`${ISSUER}:sub`]: SA('a', 'b') } })]);
    expect(access.issuers).toStrictEqual([
      { issuer: ISSUER, providerArns: [PROVIDER], grants: [], denied: [] },
    ]);
  });

  test('a statement without a Principal applies to every issuer', () => {
    const access = derive([{ Effect: 'Allow', Action: ACTION }]);
    expect(access.issuers).toStrictEqual([
      {
        issuer: ANY_ISSUER,
        providerArns: [],
        grants: [{ anySubject: true, patterns: [], except: [] }],
        denied: [],
      },
    ]);
  });

  test('a statement without Action or NotAction grants no web identity', () => {
    const access = derive([{ Effect: 'Allow', Principal: { Federated: PROVIDER } }]);
    expect(access.issuers).toStrictEqual([
      { issuer: ISSUER, providerArns: [PROVIDER], grants: [], denied: [] },
    ]);
  });

  test('an Allow for another action grants no web identity', () => {
    const access = derive([
      { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRole' },
    ]);
    expect(access.issuers[0].grants).toEqual([]);
  });

  test('Principal "*" grants every issuer and is not listed among other principals', () => {
    const access = derive([allow(sub('StringEquals', SA('a', 'b'), ISSUER), '*')]);
    expect(access).toStrictEqual({
      issuers: [
        { issuer: ANY_ISSUER, providerArns: [], grants: [], denied: [] },
        {
          issuer: ISSUER,
          providerArns: [],
          grants: [{ anySubject: false, patterns: [SA('a', 'b')], except: [] }],
          denied: [],
        },
      ],
      otherPrincipals: [],
      notes: [],
    });
  });
});

describe('other principals', () => {
  test('non-OIDC principals of Allow statements are listed as Type:id; AWS "*" and OIDC providers are not', () => {
    const access = derive([
      allow(undefined, {
        AWS: ['arn:aws:iam::1:role/r', '*'],
        Federated: [PROVIDER, 'cognito-identity.amazonaws.com'],
        Service: 'ec2.amazonaws.com',
      }),
      deny(undefined, { AWS: 'arn:aws:iam::2:role/d' }),
    ]);
    expect(access.otherPrincipals).toEqual([
      'AWS:arn:aws:iam::1:role/r',
      'Federated:cognito-identity.amazonaws.com',
      'Service:ec2.amazonaws.com',
    ]);
  });

  test('an AWS principal naming an oidc-provider ARN is still another principal', () => {
    const access = derive([allow(undefined, { AWS: PROVIDER })]);
    expect(access.otherPrincipals).toEqual([`AWS:${PROVIDER}`]);
  });
});

describe('issuers', () => {
  test('issuers are sorted, the unnamed issuer first', () => {
    const access = derive([
      allow(undefined, { Federated: OTHER_PROVIDER }),
      allow(undefined, { Federated: PROVIDER }),
      { Effect: 'Allow', Principal: '*', Action: ACTION, Condition: sub('StringEquals', 'z') },
    ]);
    expect(access.issuers.map((i) => i.issuer)).toEqual([ANY_ISSUER, ISSUER, OTHER]);
    const reversed = derive([
      allow(undefined, { Federated: PROVIDER }),
      allow(undefined, { Federated: OTHER_PROVIDER }),
    ]);
    expect(reversed.issuers.map((i) => i.issuer)).toEqual([ISSUER, OTHER]);
  });

  test('one issuer spelled in two cases is one entry, with each distinct provider ARN once', () => {
    const p2 = `arn:aws:iam::2:oidc-provider/${ISSUER}`;
    const access = derive([
      allow(undefined, { Federated: [PROVIDER, p2, PROVIDER] }),
      allow(sub('StringEquals', SA('a', 'b'), ISSUER.toLowerCase())),
    ]);
    expect(access.issuers.map((i) => [i.issuer, i.providerArns])).toEqual([[ISSUER, [PROVIDER, p2]]]);
  });

  test('issuers differing only by Unicode upper-case folding stay apart', () => {
    const dotless = 'oidc.example/\u0131';
    const plain = 'oidc.example/i';
    const access = derive([
      allow(undefined, { Federated: `arn:aws:iam::1:oidc-provider/${dotless}` }),
      allow(undefined, { Federated: `arn:aws:iam::1:oidc-provider/${plain}` }),
    ]);
    expect(access.issuers.map((i) => i.issuer).sort()).toEqual([plain, dotless].sort());
  });

  test('conditions on claims other than sub and aud do not name an issuer', () => {
    const access = derive([allow({ StringEquals: { [`${OTHER}:email`]: 'x' } })]);
    expect(access.issuers.map((i) => i.issuer)).toEqual([ISSUER]);
  });
});

describe('grant order', () => {
  test('grants are de-duplicated and sorted by content', () => {
    const access = derive([
      allow(sub('StringEquals', SA('c', 'x'))),
      allow(sub('StringEquals', SA('a', 'x'))),
      allow(sub('StringEquals', SA('b', 'x'))),
      allow(sub('StringEquals', SA('a', 'x'))),
    ]);
    expect(access.issuers[0].grants.map((g) => g.patterns)).toEqual([
      [SA('a', 'x')],
      [SA('b', 'x')],
      [SA('c', 'x')],
    ]);
    const two = derive([allow(sub('StringEquals', SA('b', 'x'))), allow(sub('StringEquals', SA('a', 'x')))]);
    expect(two.issuers[0].grants.map((g) => g.patterns)).toEqual([[SA('a', 'x')], [SA('b', 'x')]]);
  });
});

describe('Deny statements', () => {
  test('a Deny intersecting two :sub clauses denies the intersection', () => {
    const access = derive([
      allow(),
      deny({
        StringLike: { [`${ISSUER}:sub`]: SA('a', '*') },
        StringEquals: { [`${ISSUER}:sub`]: SA('a', 'x') },
      }),
    ]);
    expect(access.issuers[0].denied).toEqual([SA('a', 'x')]);
    expect(access.notes).toEqual([]);
  });

  test('a Deny with only-overlapping :sub clauses is noted', () => {
    const access = derive([
      allow(),
      deny({
        StringLike: { [`${ISSUER}:sub`]: SA('a', '*') },
        'ForAnyValue:StringLike': { [`${ISSUER}:sub`]: SA('*', 'b') },
      }),
    ]);
    expect(access.issuers[0].denied).toEqual([]);
    expect(access.notes).toEqual([
      'a Deny with several overlapping :sub patterns is not modelled (access may be narrower than shown)',
    ]);
  });

  test('a Deny listing overlapping patterns in one clause denies them all', () => {
    const access = derive([allow(), deny(sub('StringLike', [SA('a', '*'), SA('*', 'b')]))]);
    expect(access.issuers[0].denied).toEqual([SA('*', 'b'), SA('a', '*')]);
    expect(access.notes).toEqual([]);
  });

  test('a Deny with both :sub matches and exclusions is noted and not applied', () => {
    const access = derive([
      allow(),
      deny({
        StringLike: { [`${ISSUER}:sub`]: SA('a', '*') },
        StringNotEquals: { [`${ISSUER}:sub`]: SA('a', 'x') },
      }),
    ]);
    expect(access.issuers[0].denied).toEqual([]);
    expect(access.issuers[0].grants).toStrictEqual([{ anySubject: true, patterns: [], except: [] }]);
    expect(access.notes).toEqual([
      'a Deny with both :sub matches and exclusions is not modelled (access may be narrower than shown)',
    ]);
  });

  test('a Deny on :aud is noted and not applied', () => {
    const access = derive([allow(), deny({ StringEquals: { [`${ISSUER}:aud`]: 'x' } })]);
    expect(access.issuers[0].denied).toEqual([]);
    expect(access.notes).toEqual([
      'a Deny with conditions other than :sub is not modelled (access may be narrower than shown)',
    ]);
  });

  test('a Deny of everything except some subjects narrows each grant', () => {
    const access = derive([
      allow(),
      allow(sub('StringLike', SA('a', '*'))),
      allow(sub('StringEquals', SA('c', 'x'))),
      deny(sub('StringNotLike', [SA('*', 'b'), SA('c', 'x')])),
    ]);
    expect(access.issuers[0].grants).toStrictEqual([
      { anySubject: false, patterns: [SA('*', 'b'), SA('c', 'x')], except: [] },
      { anySubject: false, patterns: [SA('a', '*')], also: [[SA('*', 'b'), SA('c', 'x')]], except: [] },
      { anySubject: false, patterns: [SA('c', 'x')], except: [] },
    ]);
    expect(access.notes).toEqual([]);
  });

  test('a second except-only Deny adds another also list', () => {
    const access = derive([
      allow(sub('StringLike', SA('a', '*'))),
      deny(sub('StringNotLike', SA('*', 'b'))),
      deny(sub('StringNotLike', SA('*', 'c'))),
    ]);
    expect(access.issuers[0].grants).toStrictEqual([
      { anySubject: false, patterns: [SA('a', '*')], also: [[SA('*', 'b')], [SA('*', 'c')]], except: [] },
    ]);
  });

  test('a denied pattern blocks the subjects it matches, and only those', () => {
    const access = derive([allow(), deny(sub('StringEquals', SA('a', 'x')))]);
    expect(accessAdmits(access, ISSUER, SA('a', 'x'))).toBe(false);
    expect(accessAdmits(access, ISSUER, SA('a', 'y'))).toBe(true);
  });

  test('a Deny of the empty subject blocks no real subject', () => {
    const access = derive([allow(), deny(sub('StringEquals', ''))]);
    expect(access.issuers[0].denied).toEqual(['']);
    expect(accessAdmits(access, ISSUER, SA('a', 'y'))).toBe(true);
  });
});

describe('compareAccess', () => {
  const exact = (ns: string, name: string) => allow(sub('StringEquals', SA(ns, name)));

  test('a new role that denies everything widens nothing', () => {
    const after = derive([exact('a', 'b'), deny()]);
    expect(compareAccess(undefined, after)).toEqual({ widened: false, narrowed: false, issuers: [] });
  });

  test('an empty-subject Deny neither hides nor blocks widening', () => {
    const after = derive([exact('a', 'b'), deny(sub('StringEquals', ''))]);
    expect(compareAccess(undefined, after)).toEqual({
      widened: true,
      narrowed: false,
      issuers: [{ issuer: ISSUER, widened: [SA('a', 'b')], narrowed: [] }],
    });
    expect(compareAccess(after, after)).toEqual({ widened: false, narrowed: false, issuers: [] });
  });

  test('an any-subject grant is reported as *', () => {
    expect(compareAccess(undefined, derive([allow()]))).toEqual({
      widened: true,
      narrowed: false,
      issuers: [{ issuer: ISSUER, widened: ['*'], narrowed: [] }],
    });
  });

  test('patterns denied after are not widened', () => {
    const after = derive([exact('a', 'b'), deny(sub('StringLike', SA('a', '*')))]);
    expect(compareAccess(undefined, after).issuers).toEqual([]);
  });

  test('one covering grant before is enough', () => {
    const before = derive([exact('x', 'y'), exact('a', 'b')]);
    const after = derive([exact('a', 'b')]);
    expect(compareAccess(before, after)).toEqual({
      widened: false,
      narrowed: true,
      issuers: [{ issuer: ISSUER, widened: [], narrowed: [SA('x', 'y')] }],
    });
  });

  test('an exclusion of the grant before that does not touch the subject keeps it covered', () => {
    const before = derive([allow(sub('StringNotEquals', SA('x', 'y')))]);
    const after = derive([exact('a', 'b')]);
    expect(compareAccess(before, after).widened).toBe(false);
  });

  test('dropping an exclusion that touches the subject widens', () => {
    const before = derive([allow(sub('StringNotEquals', SA('a', 'x')))]);
    const after = derive([allow(sub('StringLike', SA('a', '*')))]);
    expect(compareAccess(before, after)).toEqual({
      widened: true,
      narrowed: true,
      issuers: [{ issuer: ISSUER, widened: [SA('a', '*')], narrowed: ['*'] }],
    });
  });

  test('an exclusion kept as a Deny is still covered', () => {
    const before = derive([allow(sub('StringNotEquals', SA('a', 'x')))]);
    const after = derive([allow(sub('StringLike', SA('a', '*'))), deny(sub('StringEquals', SA('a', 'x')))]);
    expect(compareAccess(before, after).widened).toBe(false);
  });

  test('an exclusion kept in the new grant is still covered', () => {
    const before = derive([allow(sub('StringNotEquals', SA('a', 'x')))]);
    const after = derive([
      allow({
        StringLike: { [`${ISSUER}:sub`]: SA('a', '*') },
        StringNotEquals: { [`${ISSUER}:sub`]: SA('a', 'x') },
      }),
    ]);
    expect(compareAccess(before, after).widened).toBe(false);
  });

  test('a Deny before that does not touch the subject keeps it covered; one that does widens when dropped', () => {
    const before = derive([allow(), deny(sub('StringEquals', SA('x', 'y')))]);
    expect(compareAccess(before, derive([exact('a', 'b')])).widened).toBe(false);
    expect(compareAccess(before, derive([exact('x', 'y')])).widened).toBe(true);
    const kept = derive([allow(sub('StringLike', SA('x', '*'))), deny(sub('StringEquals', SA('x', 'y')))]);
    expect(compareAccess(before, kept).widened).toBe(false);
  });

  test('a new any-issuer grant widens a named issuer; removing it narrows', () => {
    const named = derive([exact('a', 'b')]);
    const everyone = derive([exact('a', 'b'), { Effect: 'Allow', Principal: '*', Action: ACTION }]);
    expect(compareAccess(named, everyone)).toEqual({
      widened: true,
      narrowed: false,
      issuers: [
        { issuer: ANY_ISSUER, widened: ['*'], narrowed: [] },
        { issuer: ISSUER, widened: ['*'], narrowed: [] },
      ],
    });
    expect(compareAccess(everyone, named)).toEqual({
      widened: false,
      narrowed: true,
      issuers: [
        { issuer: ANY_ISSUER, widened: [], narrowed: ['*'] },
        { issuer: ISSUER, widened: [], narrowed: ['*'] },
      ],
    });
  });

  test('an issuer the any-issuer grant covered before is not widened when named', () => {
    const everyone = derive([{ Effect: 'Allow', Principal: '*', Action: ACTION }]);
    const both = derive([{ Effect: 'Allow', Principal: '*', Action: ACTION }, exact('a', 'b')]);
    expect(compareAccess(everyone, both)).toEqual({ widened: false, narrowed: false, issuers: [] });
    expect(compareAccess(both, everyone)).toEqual({ widened: false, narrowed: false, issuers: [] });
  });
});

describe('probe values', () => {
  test('the probes are fixed values no real token carries', () => {
    expect(UNNAMED_ISSUER).toBe('oidc.irsa-review.invalid/unnamed');
    expect(ANY_SUBJECT_PROBE).toBe('zz-irsa-review-probe');
    expect(FRESH_AUDIENCE).toBe('zz-irsa-review-probe-audience');
  });
});

describe('edge principals and ordering', () => {
  test('the unnamed-issuer entry is keyed "*"', () => {
    expect(
      derive([{ Effect: 'Allow', Principal: '*', Action: ACTION }]).issuers.map((i) => i.issuer),
    ).toEqual(['*']);
  });

  test('a provider ARN for the literal issuer "*" admits nothing and keeps its entry before the unnamed-issuer one', () => {
    const arn = 'arn:aws:iam::1:oidc-provider/*';
    expect(derive([allow(undefined, { Federated: arn })]).issuers).toStrictEqual([]);
    const withEveryone = derive([
      allow(undefined, { Federated: arn }),
      { Effect: 'Allow', Principal: '*', Action: ACTION, Condition: sub('StringEquals', 'z') },
    ]);
    expect(withEveryone.issuers.map((i) => [i.issuer, i.providerArns])).toEqual([
      ['*', [arn]],
      ['*', []],
      [ISSUER, []],
    ]);
  });

  test('a Federated or Service "*" is another principal, not everyone', () => {
    const access = derive([allow(undefined, { Federated: '*', Service: '*' })]);
    expect(access.otherPrincipals).toEqual(['Federated:*', 'Service:*']);
  });

  test('many issuers in any order come out sorted', () => {
    const names = Array.from(
      { length: 60 },
      (_, i) => `oidc.example/${String((i * 37) % 60).padStart(2, '0')}`,
    );
    const access = derive([
      allow(undefined, { Federated: names.map((n) => `arn:aws:iam::1:oidc-provider/${n}`) }),
    ]);
    expect(access.issuers.map((i) => i.issuer)).toEqual([...names].sort());
  });

  test('many grants in any order come out sorted', () => {
    const names = Array.from({ length: 60 }, (_, i) => String((i * 37) % 60).padStart(2, '0'));
    const access = derive(names.map((n) => allow(sub('StringEquals', SA('ns', n)))));
    expect(access.issuers[0].grants.map((g) => g.patterns[0])).toEqual(
      [...names].sort().map((n) => SA('ns', n)),
    );
  });
});
