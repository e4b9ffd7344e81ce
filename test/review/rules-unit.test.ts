/**
 * Unit tests of every review rule (IRSA001-IRSA020) on small hand-written plans: no terraform. Each rule
 * gets a case where it fires (the whole finding, message included), the boundary of each of its
 * conditions on both sides, and a quiet case.
 */
import type { RawResourceChange } from '../../src/review/plan/types';
import { actionsToCheck, wildcardSubjectSeverity } from '../../src/review/rules';
import { adminAccess, unknownAction } from '../../src/review/rules/permissions';
import { buildModel } from '../../src/review/plan/build';
import { analyseRole } from '../../src/review/analysis';
import { annotationsChange, serviceAccountChange } from './support/kubernetes';
import { ISSUER, plan, PROVIDER_ARN } from './support/synthetic';
import {
  ACCOUNT,
  OTHER_ACCOUNT,
  SOURCE,
  ISSUER2,
  PROVIDER2_ARN,
  roleArn,
  type Json,
  type Condition,
  doc,
  web,
  sub,
  aud,
  STS,
  scoped,
  SAFE_TRUST,
  allow,
  role,
  newRole,
  rolePolicy,
  attachment,
  managedPolicy,
  oidcProvider,
  association,
  resource,
  podTrust,
  podScoped,
  PODS,
  review,
  findings,
  messages,
  f,
} from './support/rules';

describe('IRSA001: web-identity trust without a :sub condition', () => {
  const noSub = `trust for ${ISSUER} has no :sub condition: any service account in that cluster can assume this role`;

  test('fires on a new role whose trust has only an :aud condition', async () => {
    const found = await findings('IRSA001', [
      newRole('r', { trust: doc(web({ StringEquals: { [aud]: STS } })) }),
    ]);
    expect(found).toEqual([f('IRSA001', 'high', 'aws_iam_role.r', noSub)]);
  });

  test('fires on a trust without any condition', async () => {
    expect(await messages('IRSA001', [newRole('r', { trust: doc(web()) })])).toEqual([
      `high aws_iam_role.r: ${noSub}`,
    ]);
  });

  test('a :sub that only excludes subjects is named as such', async () => {
    const trust = doc(
      web({
        StringEquals: { [aud]: STS },
        StringNotEquals: { [sub]: 'system:serviceaccount:kube-system:x' },
      }),
    );
    expect(await findings('IRSA001', [newRole('r', { trust })])).toEqual([
      f(
        'IRSA001',
        'high',
        'aws_iam_role.r',
        `trust for ${ISSUER} only excludes some subjects on :sub (StringNotEquals/StringNotLike): any service account in that cluster can assume this role`,
      ),
    ]);
  });

  test('quiet: a literal :sub, a wildcard :sub (IRSA003), a Deny leaving one subject', async () => {
    expect(await findings('IRSA001', [newRole('r')])).toEqual([]);
    const like = doc(
      web({ StringLike: { [sub]: 'system:serviceaccount:shop:*' }, StringEquals: { [aud]: STS } }),
    );
    expect(await findings('IRSA001', [newRole('like', { trust: like })])).toEqual([]);
    // Any service account is a wildcard pattern: IRSA003's, not IRSA001's.
    const star = doc(web({ StringLike: { [sub]: '*' }, StringEquals: { [aud]: STS } }));
    expect(await findings('IRSA001', [newRole('star', { trust: star })])).toEqual([]);
    const denied = doc(web({ StringEquals: { [aud]: STS } }), {
      Effect: 'Deny',
      Principal: { Federated: PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringNotEquals: { [sub]: 'system:serviceaccount:shop:app' } },
    });
    expect(await findings('IRSA001', [newRole('denied', { trust: denied })])).toEqual([]);
  });

  test('only a changed trust of a live role is checked', async () => {
    const trust = doc(web({ StringEquals: { [aud]: STS } }));
    // Unchanged trust on an update: not this plan's doing.
    expect(await findings('IRSA001', [role('r', 'update', { trust }, { trust, managed: ['x'] })])).toEqual(
      [],
    );
    expect(await findings('IRSA001', [role('r', 'delete', { trust })])).toEqual([]);
    // A trust known only after apply cannot be read.
    const unknown = role('u', 'create', {}, {});
    (unknown.change.after as Json).assume_role_policy = null;
    unknown.change.after_unknown = { assume_role_policy: true };
    expect(await findings('IRSA001', [unknown])).toEqual([]);
    // A changed trust on an update is checked.
    expect(await messages('IRSA001', [role('r', 'update', {}, { trust })])).toEqual([
      `high aws_iam_role.r: ${noSub}`,
    ]);
  });

  test('Principal "*" without conditions is IRSA005, not an issuer without :sub', async () => {
    const trust = doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' });
    expect(await findings('IRSA001', [newRole('r', { trust })])).toEqual([]);
  });

  test('Principal "*" with conditions on one issuer: that issuer is checked', async () => {
    const trust = doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [aud]: STS } },
    });
    expect(await messages('IRSA001', [newRole('r', { trust })])).toEqual([`high aws_iam_role.r: ${noSub}`]);
  });

  test('quiet: a Deny on every service-account subject leaves no pod in', async () => {
    const trust = doc(web({ StringEquals: { [aud]: STS } }), {
      Effect: 'Deny',
      Principal: { Federated: PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { [sub]: 'system:serviceaccount:*' } },
    });
    expect(await findings('IRSA001', [newRole('r', { trust })])).toEqual([]);
  });

  test('fires when a Deny refuses only subjects that are not service accounts', async () => {
    // Every service account still gets in: the Deny on StringNotLike "system:serviceaccount:*" only
    // refuses tokens that are not service-account tokens.
    const trust = doc(web({ StringEquals: { [aud]: STS } }), {
      Effect: 'Deny',
      Principal: { Federated: PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringNotLike: { [sub]: 'system:serviceaccount:*' } },
    });
    expect(await findings('IRSA001', [newRole('r', { trust })])).toEqual([
      f(
        'IRSA001',
        'high',
        'aws_iam_role.r',
        `trust for ${ISSUER} only excludes some subjects on :sub (StringNotEquals/StringNotLike): any service account in that cluster can assume this role`,
      ),
    ]);
    // The same door written as an Allow pattern is IRSA003's, not IRSA001's.
    const like = doc(web({ StringLike: { [sub]: 'system:serviceaccount:*' }, StringEquals: { [aud]: STS } }));
    expect(await findings('IRSA001', [newRole('like', { trust: like })])).toEqual([]);
    expect((await findings('IRSA003', [newRole('like', { trust: like })])).length).toBe(1);
  });

  test('one finding per open issuer', async () => {
    const trust = doc(
      scoped(),
      web({ StringEquals: { [`${ISSUER2}:aud`]: STS } }, { Principal: { Federated: PROVIDER2_ARN } }),
    );
    expect(await messages('IRSA001', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: trust for ${ISSUER2} has no :sub condition: any service account in that cluster can assume this role`,
    ]);
  });
});

describe('IRSA002: web-identity trust without an :aud condition', () => {
  const expected = (what: string) =>
    `trust for ${ISSUER} ${what} (expected StringEquals ...:aud = sts.amazonaws.com)`;

  test('fires when :aud is missing', async () => {
    const trust = doc(web({ StringEquals: { [sub]: 'system:serviceaccount:shop:app' } }));
    expect(await findings('IRSA002', [newRole('r', { trust })])).toEqual([
      f('IRSA002', 'medium', 'aws_iam_role.r', expected('has no :aud condition')),
    ]);
  });

  test('fires when :aud is a pattern matching any audience', async () => {
    const trust = doc(
      web({ StringEquals: { [sub]: 'system:serviceaccount:shop:app' }, StringLike: { [aud]: '*' } }),
    );
    expect(await findings('IRSA002', [newRole('r', { trust })])).toEqual([
      f('IRSA002', 'medium', 'aws_iam_role.r', expected('accepts any :aud (a wildcard pattern)')),
    ]);
  });

  test('a missing :aud in one statement wins over a wildcard in another', async () => {
    const trust = doc(
      web({ StringEquals: { [sub]: 'system:serviceaccount:shop:a' }, StringLike: { [aud]: '*' } }),
      web({ StringEquals: { [sub]: 'system:serviceaccount:shop:b' } }),
    );
    expect(await messages('IRSA002', [newRole('r', { trust })])).toEqual([
      `medium aws_iam_role.r: ${expected('has no :aud condition')}`,
    ]);
  });

  test('one statement without :aud is enough, whatever the others say', async () => {
    const trust = doc(
      scoped('system:serviceaccount:shop:a'),
      web({ StringEquals: { [sub]: 'system:serviceaccount:shop:b' } }),
    );
    expect(await messages('IRSA002', [newRole('r', { trust })])).toEqual([
      `medium aws_iam_role.r: ${expected('has no :aud condition')}`,
    ]);
  });

  test('one wildcard among the accepted audiences is enough', async () => {
    const trust = doc(
      web({ StringEquals: { [sub]: 'system:serviceaccount:shop:app' }, StringLike: { [aud]: [STS, '*'] } }),
    );
    expect(await messages('IRSA002', [newRole('r', { trust })])).toEqual([
      `medium aws_iam_role.r: ${expected('accepts any :aud (a wildcard pattern)')}`,
    ]);
  });

  test('quiet: the STS audience, a narrow audience pattern, unchanged or deleted roles, every issuer', async () => {
    expect(await findings('IRSA002', [newRole('r')])).toEqual([]);
    const narrow = doc(
      web({ StringEquals: { [sub]: 'system:serviceaccount:shop:app' }, StringLike: { [aud]: 'sts.*.com' } }),
    );
    expect(await findings('IRSA002', [newRole('n', { trust: narrow })])).toEqual([]);
    const open = doc(web({ StringEquals: { [sub]: 'system:serviceaccount:shop:app' } }));
    expect(
      await findings('IRSA002', [role('u', 'update', { trust: open }, { trust: open, managed: ['x'] })]),
    ).toEqual([]);
    expect(await findings('IRSA002', [role('d', 'delete', { trust: open })])).toEqual([]);
    // Principal "*" without conditions names no issuer: IRSA005 reports it.
    const everyone = doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' });
    expect(await findings('IRSA002', [newRole('e', { trust: everyone })])).toEqual([]);
  });
});

describe('IRSA003: wildcard service-account subject', () => {
  const like = (pattern: string, extra: Json = {}) =>
    doc(web({ StringLike: { [sub]: pattern }, StringEquals: { [aud]: STS } }, extra));

  test('fires high on a whole namespace', async () => {
    expect(
      await findings('IRSA003', [newRole('r', { trust: like('system:serviceaccount:shop:*') })]),
    ).toEqual([
      f(
        'IRSA003',
        'high',
        'aws_iam_role.r',
        `statement 1: StringLike ${sub} = "system:serviceaccount:shop:*" admits a whole namespace or more`,
      ),
    ]);
  });

  test('fires medium on a narrower pattern, naming the Sid', async () => {
    const trust = like('system:serviceaccount:shop:app-*', { Sid: 'Pods' });
    expect(await findings('IRSA003', [newRole('r', { trust })])).toEqual([
      f(
        'IRSA003',
        'medium',
        'aws_iam_role.r',
        `statement "Pods": StringLike ${sub} = "system:serviceaccount:shop:app-*" admits several service accounts`,
      ),
    ]);
  });

  test('the statement number counts from one', async () => {
    const trust = doc(
      scoped(),
      web({ StringLike: { [sub]: 'system:serviceaccount:a:b?' }, StringEquals: { [aud]: STS } }),
    );
    expect(await messages('IRSA003', [newRole('r', { trust })])).toEqual([
      `medium aws_iam_role.r: statement 2: StringLike ${sub} = "system:serviceaccount:a:b?" admits several service accounts`,
    ]);
  });

  test('ForAnyValue:StringLike counts as StringLike', async () => {
    const trust = doc(
      web({
        'ForAnyValue:StringLike': { [sub]: 'system:serviceaccount:shop:*' },
        StringEquals: { [aud]: STS },
      }),
    );
    expect(await messages('IRSA003', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: statement 1: ForAnyValue:StringLike ${sub} = "system:serviceaccount:shop:*" admits a whole namespace or more`,
    ]);
  });

  test('quiet: literal StringLike, negated operators, other keys, Deny statements', async () => {
    expect(
      await findings('IRSA003', [newRole('a', { trust: like('system:serviceaccount:shop:app') })]),
    ).toEqual([]);
    const notLike = doc(
      web({
        StringEquals: { [aud]: STS, [sub]: 'system:serviceaccount:shop:app' },
        StringNotLike: { [sub]: 'system:serviceaccount:kube-*:*' },
      }),
    );
    expect(await findings('IRSA003', [newRole('b', { trust: notLike })])).toEqual([]);
    const audLike = doc(
      web({ StringEquals: { [sub]: 'system:serviceaccount:shop:app' }, StringLike: { [aud]: 'sts*' } }),
    );
    expect(await findings('IRSA003', [newRole('c', { trust: audLike })])).toEqual([]);
    const deny = doc(scoped(), {
      Effect: 'Deny',
      Principal: { Federated: PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { [sub]: 'system:serviceaccount:kube-system:*' } },
    });
    expect(await findings('IRSA003', [newRole('d', { trust: deny })])).toEqual([]);
  });

  test('quiet: a pattern ANDed with one literal subject admits only that subject', async () => {
    const trust = doc(
      web({
        StringLike: { [sub]: 'system:serviceaccount:shop:*' },
        StringEquals: { [sub]: 'system:serviceaccount:shop:app', [aud]: STS },
      }),
    );
    expect(await findings('IRSA003', [newRole('r', { trust })])).toEqual([]);
  });

  test('quiet: a pattern whose other subjects a Deny removes', async () => {
    const trust = doc(
      web({ StringLike: { [sub]: 'system:serviceaccount:shop:*' }, StringEquals: { [aud]: STS } }),
      {
        Effect: 'Deny',
        Principal: { Federated: PROVIDER_ARN },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringNotEquals: { [sub]: 'system:serviceaccount:shop:app' } },
      },
    );
    expect(await findings('IRSA003', [newRole('r', { trust })])).toEqual([]);
  });

  test('quiet: unchanged and deleted roles', async () => {
    const trust = like('system:serviceaccount:shop:*');
    expect(await findings('IRSA003', [role('u', 'update', { trust }, { trust, managed: ['x'] })])).toEqual(
      [],
    );
    expect(await findings('IRSA003', [role('d', 'delete', { trust })])).toEqual([]);
  });

  test('a pattern under another issuer key is checked against that issuer', async () => {
    // The key names ISSUER2, which the principal does not trust: the pattern admits nobody there.
    const trust = doc(
      web({
        StringEquals: { [sub]: 'system:serviceaccount:shop:app', [aud]: STS },
        StringLike: { [`${ISSUER2}:sub`]: 'system:serviceaccount:*' },
      }),
    );
    expect(await findings('IRSA003', [newRole('r', { trust })])).toEqual([]);
  });

  test('with Principal "*", the key names the issuer', async () => {
    const trust = doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { [sub]: 'system:serviceaccount:shop:*' }, StringEquals: { [aud]: STS } },
    });
    expect(await messages('IRSA003', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: statement 1: StringLike ${sub} = "system:serviceaccount:shop:*" admits a whole namespace or more`,
    ]);
  });
});

describe('IRSA003: which conditions count', () => {
  test('only Allow, non-negated StringLike on a :sub key (case-insensitive) is reported', async () => {
    const trust = doc(
      // 1: a pattern admitting every service account.
      web({ StringLike: { [sub]: 'system:serviceaccount:*' }, StringEquals: { [aud]: STS } }),
      // 2: StringEquals with "*" (IRSA004's), an audience pattern.
      web({ StringEquals: { [sub]: 'system:serviceaccount:shop:*' }, StringLike: { [aud]: 'sts*' } }),
      // 3: a negated pattern.
      web({ StringNotLike: { [sub]: 'system:serviceaccount:kube-system:*' }, StringEquals: { [aud]: STS } }),
      // 4: a Deny for another cluster, naming this cluster's key.
      {
        Effect: 'Deny',
        Principal: { Federated: PROVIDER2_ARN },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { [sub]: 'system:serviceaccount:kube-public:*' } },
      },
    );
    expect(await messages('IRSA003', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: statement 1: StringLike ${sub} = "system:serviceaccount:*" admits a whole namespace or more`,
    ]);
  });

  test('StringLikeIfExists counts as StringLike (web-identity tokens always carry :sub)', async () => {
    const trust = doc(
      web({ StringLikeIfExists: { [sub]: 'system:serviceaccount:shop:*' }, StringEquals: { [aud]: STS } }),
    );
    expect(await messages('IRSA003', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: statement 1: StringLikeIfExists ${sub} = "system:serviceaccount:shop:*" admits a whole namespace or more`,
    ]);
  });

  test("a pattern is judged by its own issuer's access, not another cluster's", async () => {
    const trust = doc(
      web(
        {
          StringLike: { [`${ISSUER2}:sub`]: 'system:serviceaccount:*' },
          StringEquals: { [`${ISSUER2}:aud`]: STS },
        },
        { Principal: { Federated: PROVIDER2_ARN } },
      ),
      web({
        StringLike: { [sub]: 'system:serviceaccount:shop:*' },
        StringEquals: { [sub]: 'system:serviceaccount:shop:app', [aud]: STS },
      }),
    );
    expect(await messages('IRSA003', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: statement 1: StringLike ${ISSUER2}:sub = "system:serviceaccount:*" admits a whole namespace or more`,
    ]);
  });

  test('the claim name and the issuer in the key are matched case-insensitively', async () => {
    const upperClaim = doc(
      web({
        StringLike: { [`${ISSUER}:Sub`]: 'system:serviceaccount:shop:*' },
        StringEquals: { [aud]: STS },
      }),
    );
    expect(await messages('IRSA003', [newRole('r', { trust: upperClaim })])).toEqual([
      `high aws_iam_role.r: statement 1: StringLike ${ISSUER}:Sub = "system:serviceaccount:shop:*" admits a whole namespace or more`,
    ]);
    const upperIssuer = `${ISSUER.toUpperCase()}:sub`;
    const trust = doc(
      web({ StringLike: { [upperIssuer]: 'system:serviceaccount:shop:*' }, StringEquals: { [aud]: STS } }),
    );
    expect(await messages('IRSA003', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: statement 1: StringLike ${upperIssuer} = "system:serviceaccount:shop:*" admits a whole namespace or more`,
    ]);
  });
});

describe('wildcardSubjectSeverity', () => {
  test.each([
    ['*', 'high'],
    ['system:*', 'high'],
    ['system:serviceaccount:*', 'high'],
    ['system:serviceaccount:shop', 'high'],
    ['system:serviceaccount:sh*p:app', 'high'],
    ['system:serviceaccount:sh?p:app', 'high'],
    ['system:serviceaccount:shop:*', 'high'],
    ['system:serviceaccount:shop:**', 'high'],
    ['system:serviceaccount:shop:?*', 'high'],
    ['system:serviceaccount:shop:a:*', 'high'],
    ['system:serviceaccount:shop:app:x', 'high'],
    ['system:serviceaccount:shop:app-*', 'medium'],
    ['system:serviceaccount:shop:???', 'medium'],
    ['system:serviceaccount:shop:app?', 'medium'],
    ['system:serviceaccount:shop:', 'medium'],
    ['system:serviceaccount::app*', 'medium'],
  ] as const)('%s is %s', (pattern, severity) => {
    expect(wildcardSubjectSeverity(pattern)).toBe(severity);
  });
});

describe('IRSA004: wildcard inside a StringEquals value', () => {
  test('fires on an Allow, with the effect explained', async () => {
    const trust = doc(
      web({ StringEquals: { [sub]: 'system:serviceaccount:shop:*', [aud]: STS } }, { Sid: 'Shop' }),
    );
    expect(await findings('IRSA004', [newRole('r', { trust })])).toEqual([
      f(
        'IRSA004',
        'high',
        'aws_iam_role.r',
        `statement "Shop": StringEquals ${sub} = "system:serviceaccount:shop:*" matches "*" literally, so no token can match (use StringLike)`,
      ),
    ]);
  });

  test('fires on a Deny, with the other effect', async () => {
    const trust = doc(scoped(), {
      Effect: 'Deny',
      Principal: { Federated: PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [sub]: 'system:serviceaccount:kube-system:*' } },
    });
    expect(await messages('IRSA004', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: statement 2: StringEquals ${sub} = "system:serviceaccount:kube-system:*" matches "*" literally, so this Deny denies no real token (use StringLike)`,
    ]);
  });

  test('StringEqualsIgnoreCase and ForAnyValue:StringEquals count; each value is reported', async () => {
    const trust = doc(
      web({
        StringEqualsIgnoreCase: { [aud]: 'sts*' },
        'ForAnyValue:StringEquals': {
          [sub]: ['system:serviceaccount:a:*', 'system:serviceaccount:b:c', 'x*'],
        },
      }),
    );
    expect((await messages('IRSA004', [newRole('r', { trust })])).sort()).toEqual([
      `high aws_iam_role.r: statement 1: ForAnyValue:StringEquals ${sub} = "system:serviceaccount:a:*" matches "*" literally, so no token can match (use StringLike)`,
      `high aws_iam_role.r: statement 1: ForAnyValue:StringEquals ${sub} = "x*" matches "*" literally, so no token can match (use StringLike)`,
      `high aws_iam_role.r: statement 1: StringEqualsIgnoreCase ${aud} = "sts*" matches "*" literally, so no token can match (use StringLike)`,
    ]);
  });

  test('quiet: "?" in StringEquals, StringNotEquals with "*", StringLike, unchanged/deleted roles', async () => {
    const question = doc(web({ StringEquals: { [sub]: 'system:serviceaccount:shop:app?', [aud]: STS } }));
    expect(await findings('IRSA004', [newRole('q', { trust: question })])).toEqual([]);
    const notEquals = doc(
      web({
        StringEquals: { [sub]: 'system:serviceaccount:shop:app', [aud]: STS },
        StringNotEquals: { [sub]: 'x*' },
      }),
    );
    expect(await findings('IRSA004', [newRole('n', { trust: notEquals })])).toEqual([]);
    expect(await findings('IRSA004', [newRole('ok')])).toEqual([]);
    const like = doc(
      web({ StringLike: { [sub]: 'system:serviceaccount:shop:*' }, StringEquals: { [aud]: STS } }),
    );
    expect(await findings('IRSA004', [newRole('l', { trust: like })])).toEqual([]);
    const bad = doc(web({ StringEquals: { [sub]: 'system:serviceaccount:shop:*', [aud]: STS } }));
    expect(
      await findings('IRSA004', [role('u', 'update', { trust: bad }, { trust: bad, managed: ['x'] })]),
    ).toEqual([]);
    expect(await findings('IRSA004', [role('d', 'delete', { trust: bad })])).toEqual([]);
  });
});

describe('IRSA005: trust policy trusts every principal', () => {
  test('fires on Principal "*" without conditions, with no detail', async () => {
    const trust = doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' });
    expect(await findings('IRSA005', [newRole('r', { trust })])).toEqual([
      f('IRSA005', 'high', 'aws_iam_role.r', 'statement 1 trusts every principal ("*")'),
    ]);
  });

  test('fires on Principal {"AWS": "*"} with a :sub condition, naming the issuer', async () => {
    const trust = doc({
      Sid: 'All',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'],
      Condition: { StringEquals: { [sub]: 'system:serviceaccount:shop:app', [aud]: STS } },
    });
    expect(await findings('IRSA005', [newRole('r', { trust })])).toEqual([
      f(
        'IRSA005',
        'high',
        'aws_iam_role.r',
        `statement "All" trusts every principal ("*"): pods of ${ISSUER} matching its :sub condition can assume it, and so can any other principal whose request matches the conditions`,
      ),
    ]);
  });

  test('fires on NotPrincipal with Allow', async () => {
    const trust = doc(scoped(), {
      Effect: 'Allow',
      NotPrincipal: { AWS: roleArn('x') },
      Action: 'sts:AssumeRole',
    });
    expect(await messages('IRSA005', [newRole('r', { trust })])).toEqual([
      'high aws_iam_role.r: statement 2 uses NotPrincipal with Allow: it trusts every principal not listed',
    ]);
  });

  test('quiet: Deny with "*" or NotPrincipal, a named principal, unchanged/deleted roles', async () => {
    const deny = doc(
      scoped(),
      { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' },
      { Effect: 'Deny', NotPrincipal: { AWS: roleArn('x') }, Action: 'sts:AssumeRole' },
    );
    expect(await findings('IRSA005', [newRole('a', { trust: deny })])).toEqual([]);
    expect(await findings('IRSA005', [newRole('b')])).toEqual([]);
    const open = doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' });
    expect(
      await findings('IRSA005', [role('u', 'update', { trust: open }, { trust: open, managed: ['x'] })]),
    ).toEqual([]);
    expect(await findings('IRSA005', [role('d', 'delete', { trust: open })])).toEqual([]);
  });
});

describe('IRSA005: the detail of Principal "*"', () => {
  const everyone = (condition: Condition) =>
    doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition });
  const detail = (issuers: string) =>
    `high aws_iam_role.r: statement 1 trusts every principal ("*"): pods of ${issuers} matching its :sub condition can assume it, and so can any other principal whose request matches the conditions`;

  test('no detail when the conditions restrict no subject', async () => {
    expect(
      await messages('IRSA005', [newRole('r', { trust: everyone({ StringEquals: { [aud]: STS } }) })]),
    ).toEqual(['high aws_iam_role.r: statement 1 trusts every principal ("*")']);
  });

  test('a :sub that only excludes subjects still names the issuer', async () => {
    const trust = everyone({
      StringEquals: { [aud]: STS },
      StringNotEquals: { [sub]: 'system:serviceaccount:a:b' },
    });
    expect(await messages('IRSA005', [newRole('r', { trust })])).toEqual([detail(ISSUER)]);
  });

  test('no detail when :sub conditions on two issuers in one statement can never hold together', async () => {
    // A token carries the claims of one issuer: the other issuer's key is missing, so StringEquals fails.
    const trust = everyone({
      StringEquals: { [sub]: 'system:serviceaccount:a:b', [`${ISSUER2}:sub`]: 'system:serviceaccount:a:b' },
    });
    expect(await messages('IRSA005', [newRole('r', { trust })])).toEqual([
      'high aws_iam_role.r: statement 1 trusts every principal ("*")',
    ]);
  });
});

describe('IRSA006: role access widened', () => {
  test('fires when an update admits a new service account', async () => {
    const before = { trust: doc(scoped('system:serviceaccount:shop:app')) };
    const after = {
      trust: doc(
        web({
          StringEquals: {
            [sub]: ['system:serviceaccount:shop:app', 'system:serviceaccount:shop:new'],
            [aud]: STS,
          },
        }),
      ),
    };
    expect(await findings('IRSA006', [role('r', 'update', before, after)])).toEqual([
      f('IRSA006', 'high', 'aws_iam_role.r', `access widened: newly admitted ${ISSUER}: shop:new`),
    ]);
  });

  test('names any service account when the :sub condition is dropped', async () => {
    const before = { trust: SAFE_TRUST };
    const after = { trust: doc(web({ StringEquals: { [aud]: STS } })) };
    expect(await messages('IRSA006', [role('r', 'update', before, after)])).toEqual([
      `high aws_iam_role.r: access widened: newly admitted ${ISSUER}: any service account`,
    ]);
  });

  test('names subjects a new wildcard admits', async () => {
    const before = { trust: SAFE_TRUST };
    const after = {
      trust: doc(
        web({ StringLike: { [sub]: 'system:serviceaccount:shop:*' }, StringEquals: { [aud]: STS } }),
      ),
    };
    const [m] = await messages('IRSA006', [role('r', 'update', before, after)]);
    expect(m).toMatch(
      new RegExp(`^high aws_iam_role.r: access widened: newly admitted ${ISSUER.replace(/\./g, '\\.')}: `),
    );
    expect(m).toContain('shop:*');
  });

  test('lists every issuer that widens, sorted', async () => {
    const before = { trust: SAFE_TRUST };
    const after = {
      trust: doc(
        web({
          StringEquals: {
            [sub]: ['system:serviceaccount:shop:app', 'system:serviceaccount:shop:b'],
            [aud]: STS,
          },
        }),
        web(
          { StringEquals: { [`${ISSUER2}:sub`]: 'system:serviceaccount:shop:c', [`${ISSUER2}:aud`]: STS } },
          { Principal: { Federated: PROVIDER2_ARN } },
        ),
      ),
    };
    expect(await messages('IRSA006', [role('r', 'update', before, after)])).toEqual([
      `high aws_iam_role.r: access widened: newly admitted ${ISSUER2}: shop:c; ${ISSUER}: shop:b`,
    ]);
  });

  const second = (subjects: string | string[]) =>
    web(
      { StringEquals: { [`${ISSUER2}:sub`]: subjects, [`${ISSUER2}:aud`]: STS } },
      { Principal: { Federated: PROVIDER2_ARN } },
    );

  test('an issuer whose access does not change is not listed', async () => {
    const before = { trust: doc(scoped(), second('system:serviceaccount:shop:c')) };
    const after = {
      trust: doc(
        scoped(['system:serviceaccount:shop:app', 'system:serviceaccount:shop:b']),
        second('system:serviceaccount:shop:c'),
      ),
    };
    expect(await messages('IRSA006', [role('r', 'update', before, after)])).toEqual([
      `high aws_iam_role.r: access widened: newly admitted ${ISSUER}: shop:b`,
    ]);
  });

  test('a subject no statement names is not repeated for an issuer already listed', async () => {
    const before = { trust: doc(scoped(), second('system:serviceaccount:shop:c')) };
    const after = {
      trust: doc(
        web({ StringEquals: { [aud]: STS } }),
        second(['system:serviceaccount:shop:c', 'system:serviceaccount:shop:d']),
      ),
    };
    expect(await messages('IRSA006', [role('r', 'update', before, after)])).toEqual([
      `high aws_iam_role.r: access widened: newly admitted ${ISSUER2}: shop:d; ${ISSUER}: any service account`,
    ]);
  });

  test('Principal "*": any issuer, and service accounts no statement named', async () => {
    const after = {
      trust: doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' }),
    };
    expect(await messages('IRSA006', [role('r', 'update', { trust: SAFE_TRUST }, after)])).toEqual([
      `high aws_iam_role.r: access widened: newly admitted any issuer: any service account; ${ISSUER}: service accounts no statement names`,
    ]);
  });

  test('a subject only a pattern probe shows is named by its pattern, "subjects matching"', async () => {
    const before = {
      trust: doc(
        web({ StringEquals: { [aud]: STS }, StringNotLike: { [sub]: 'system:serviceaccount:shop:*' } }),
      ),
    };
    const after = {
      trust: doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' }),
    };
    const [m, ...rest] = await messages('IRSA006', [role('r', 'update', before, after)]);
    expect(rest).toEqual([]);
    expect(m).toBe(
      `high aws_iam_role.r: access widened: newly admitted any issuer: any service account; ${ISSUER}: subjects matching shop:*`,
    );
  });

  test('a service account of the plan the new trust admits is named once', async () => {
    const after = {
      trust: doc(
        web({
          StringEquals: {
            [sub]: ['system:serviceaccount:shop:app', 'system:serviceaccount:shop:new'],
            [aud]: STS,
          },
        }),
      ),
    };
    const sa = serviceAccountChange({ name: 'new', namespace: 'shop', roleArn: roleArn('r') });
    expect(await messages('IRSA006', [role('r', 'update', { trust: SAFE_TRUST }, after), sa])).toEqual([
      `high aws_iam_role.r: access widened: newly admitted ${ISSUER}: shop:new`,
    ]);
  });

  test('a service account of the plan matched by a new pattern is added to it', async () => {
    const after = {
      trust: doc(
        web({ StringLike: { [sub]: 'system:serviceaccount:shop:a*' }, StringEquals: { [aud]: STS } }),
      ),
    };
    const sa = serviceAccountChange({ name: 'app2', namespace: 'shop', roleArn: roleArn('r') });
    expect(await messages('IRSA006', [role('r', 'update', { trust: SAFE_TRUST }, after), sa])).toEqual([
      `high aws_iam_role.r: access widened: newly admitted ${ISSUER}: shop:a*; ${ISSUER}: shop:app2`,
    ]);
  });

  test('quiet: a new role, an unchanged or narrowed trust, a deleted role', async () => {
    expect(await findings('IRSA006', [newRole('n')])).toEqual([]);
    expect(await findings('IRSA006', [role('u', 'update', {}, { managed: ['x'] })])).toEqual([]);
    const two = {
      trust: doc(
        web({
          StringEquals: {
            [sub]: ['system:serviceaccount:shop:app', 'system:serviceaccount:shop:b'],
            [aud]: STS,
          },
        }),
      ),
    };
    expect(await findings('IRSA006', [role('narrow', 'update', two, {})])).toEqual([]);
    expect(await findings('IRSA006', [role('d', 'delete', two)])).toEqual([]);
  });
});

describe('IRSA007: service account annotation does not match the role trust', () => {
  test('fires when the role trusts another service account', async () => {
    const found = await findings('IRSA007', [
      newRole('r', { trust: doc(scoped('system:serviceaccount:shop:other')) }),
      serviceAccountChange({ name: 'app', namespace: 'shop', roleArn: roleArn('r') }),
    ]);
    expect(found).toEqual([
      f(
        'IRSA007',
        'high',
        'kubernetes_service_account_v1.app',
        'service account shop:app is annotated with role aws_iam_role.r, but its trust does not admit shop:app: pods will fail to assume it',
      ),
    ]);
  });

  test('fires when the role trusts no OIDC provider', async () => {
    const trust = doc({
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    expect(
      await messages('IRSA007', [
        newRole('r', { trust }),
        serviceAccountChange({ name: 'app', namespace: 'shop', roleArn: roleArn('r') }),
      ]),
    ).toEqual([
      'high kubernetes_service_account_v1.app: service account shop:app is annotated with role aws_iam_role.r, but it trusts no OIDC provider: pods will fail to assume it',
    ]);
  });

  test('also for a kubernetes_annotations resource', async () => {
    expect(
      await messages('IRSA007', [
        newRole('r', { trust: doc(scoped('system:serviceaccount:shop:other')) }),
        annotationsChange({ name: 'app', namespace: 'shop', roleArn: roleArn('r'), resourceName: 'ann' }),
      ]),
    ).toEqual([
      'high kubernetes_annotations.ann: service account shop:app is annotated with role aws_iam_role.r, but its trust does not admit shop:app: pods will fail to assume it',
    ]);
  });

  test('quiet: the trust admits it (literal, pattern, every issuer)', async () => {
    const sa = serviceAccountChange({ name: 'app', namespace: 'shop', roleArn: roleArn('r') });
    expect(await findings('IRSA007', [newRole('r'), sa])).toEqual([]);
    const pattern = doc(
      web({ StringLike: { [sub]: 'system:serviceaccount:shop:*' }, StringEquals: { [aud]: STS } }),
    );
    expect(await findings('IRSA007', [newRole('r', { trust: pattern }), sa])).toEqual([]);
    // Principal "*" without conditions admits every issuer's tokens (IRSA005 reports that).
    const anyIssuer = doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' });
    expect(await findings('IRSA007', [newRole('r', { trust: anyIssuer }), sa])).toEqual([]);
    const everyoneSub = doc({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [sub]: 'system:serviceaccount:shop:app' } },
    });
    expect(await findings('IRSA007', [newRole('r', { trust: everyoneSub }), sa])).toEqual([]);
  });

  test('quiet: deleted service account or role, unknown identity, unknown trust', async () => {
    const other = doc(scoped('system:serviceaccount:shop:other'));
    const deletedSa = serviceAccountChange({
      name: 'app',
      namespace: 'shop',
      roleArn: roleArn('r'),
      actions: ['delete'],
    });
    deletedSa.change.before = deletedSa.change.after;
    deletedSa.change.after = null;
    expect(await findings('IRSA007', [newRole('r', { trust: other }), deletedSa])).toEqual([]);
    const sa = serviceAccountChange({ name: 'app', namespace: 'shop', roleArn: roleArn('r') });
    expect(await findings('IRSA007', [role('r', 'delete', { trust: other }), sa])).toEqual([]);
    const unknownName = serviceAccountChange({ name: 'app', namespace: 'shop', roleArn: roleArn('r') });
    (unknownName.change.after_unknown as Json).metadata = [{ name: true, uid: true }];
    ((unknownName.change.after as Json).metadata as Json[])[0].name = null;
    expect(await findings('IRSA007', [newRole('r', { trust: other }), unknownName])).toEqual([]);
    const unknownTrust = newRole('r');
    (unknownTrust.change.after as Json).assume_role_policy = null;
    unknownTrust.change.after_unknown = { assume_role_policy: true };
    expect(await findings('IRSA007', [unknownTrust, sa])).toEqual([]);
  });
});

describe('IRSA008: role used by a service account is deleted or replaced', () => {
  const sa = () => serviceAccountChange({ name: 'app', namespace: 'shop', roleArn: roleArn('r') });

  test('fires on a deleted role', async () => {
    expect(await findings('IRSA008', [role('r', 'delete', {}), sa()])).toEqual([
      f(
        'IRSA008',
        'medium',
        'aws_iam_role.r',
        'role is deleted while service account shop:app (kubernetes_service_account_v1.app) uses it',
      ),
    ]);
  });

  test('fires on a replaced role', async () => {
    expect(await messages('IRSA008', [role('r', 'replace', {}), sa()])).toEqual([
      'medium aws_iam_role.r: role is replaced (pods lose access until it is re-created) while service account shop:app (kubernetes_service_account_v1.app) uses it',
    ]);
  });

  test('quiet: created, updated or kept role; deleted service account', async () => {
    expect(await findings('IRSA008', [newRole('r'), sa()])).toEqual([]);
    expect(await findings('IRSA008', [role('r', 'update', {}, { managed: ['x'] }), sa()])).toEqual([]);
    expect(await findings('IRSA008', [role('r', 'no-op', {}), sa()])).toEqual([]);
    const gone = sa();
    gone.change.actions = ['delete'];
    gone.change.before = gone.change.after;
    gone.change.after = null;
    expect(await findings('IRSA008', [role('r', 'delete', {}), gone])).toEqual([]);
  });

  /** A replaced role whose name changes, as Terraform plans it: `replace_paths` names `name`. */
  const renamed = (trust?: string) => {
    const r = role('r', 'replace', { trust });
    (r.change.after as Json).name = 'r-v2';
    (r.change.after as Json).arn = roleArn('r-v2');
    r.change.replace_paths = [['name']];
    return r;
  };
  const outside = 'service accounts outside this plan lose access';

  test('fires on a deleted role with an IRSA trust and no service account in the plan', async () => {
    expect(await findings('IRSA008', [role('r', 'delete', {})])).toEqual([
      f(
        'IRSA008',
        'medium',
        'aws_iam_role.r',
        `role is deleted; its trust admits IRSA service accounts (shop:app): ${outside}`,
      ),
    ]);
  });

  test('fires on a role replaced by a name change, and says so', async () => {
    expect(await messages('IRSA008', [renamed()])).toEqual([
      `medium aws_iam_role.r: role is replaced because its name changes from "r" to "r-v2", which forces replacement (pods lose access until they use the new role); its trust admits IRSA service accounts (shop:app): ${outside} until they point at the new role`,
    ]);
    const moved = serviceAccountChange({ name: 'app', namespace: 'shop', roleArn: roleArn('r-v2') });
    expect(await messages('IRSA008', [renamed(), moved])).toEqual([
      'medium aws_iam_role.r: role is replaced because its name changes from "r" to "r-v2", which forces replacement (pods lose access until they use the new role) while service account shop:app (kubernetes_service_account_v1.app) uses it',
    ]);
  });

  test('fires on a role with a Pod Identity trust, with or without its association in the plan', async () => {
    const expected = [
      `medium aws_iam_role.r: role is replaced (pods lose access until it is re-created); its trust admits EKS Pod Identity associations: ${outside} until they point at the new role`,
    ];
    const podRole = () => role('r', 'replace', { trust: podScoped() });
    expect(await messages('IRSA008', [podRole()])).toEqual(expected);
    expect(await messages('IRSA008', [podRole(), association('a', 'no-op', { role: 'r' })])).toEqual(
      expected,
    );
  });

  test('quiet: the role goes with everything in the plan that uses it; a role no workload can assume', async () => {
    const podRole = role('r', 'delete', { trust: podScoped() });
    expect(await findings('IRSA008', [podRole, association('a', 'delete', { role: 'r' })])).toEqual([]);
    const ec2 = doc({
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    expect(await findings('IRSA008', [role('r', 'delete', { trust: ec2 })])).toEqual([]);
    expect(await findings('IRSA008', [renamed(ec2)])).toEqual([]);
    // Moved without a moved block: a role created in the same plan takes the deleted role's name (and ARN).
    const successor = newRole('successor');
    (successor.change.after as Json).name = 'r';
    (successor.change.after as Json).arn = roleArn('r');
    expect(await findings('IRSA008', [role('r', 'delete', {}), successor])).toEqual([]);
  });
});

describe('IRSA009: administrator-level permissions', () => {
  const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

  test.each(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'])(
    'fires on managed_policy_arns %s',
    async (name) => {
      const arn = `arn:aws:iam::aws:policy/${name}`;
      expect(await findings('IRSA009', [newRole('r', { managed: [arn] })])).toEqual([
        f('IRSA009', 'high', 'aws_iam_role.r', `attaches ${arn}`),
      ]);
    },
  );

  test('other partitions count; look-alike ARNs do not', async () => {
    expect(
      await messages('IRSA009', [
        newRole('r', { managed: ['arn:aws-us-gov:iam::aws:policy/AdministratorAccess'] }),
      ]),
    ).toEqual(['high aws_iam_role.r: attaches arn:aws-us-gov:iam::aws:policy/AdministratorAccess']);
    const lookAlike = [
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/AdministratorAccessX',
      `arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess`,
      'xarn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:iam::aws:policy/job-function/AdministratorAccess',
    ];
    expect(await findings('IRSA009', [newRole('r', { managed: lookAlike })])).toEqual([]);
  });

  test('an attachment resource, in and out of the plan', async () => {
    expect(await messages('IRSA009', [newRole('r'), attachment('a', 'r', ADMIN)])).toEqual([
      `high aws_iam_role.r: attaches ${ADMIN}`,
    ]);
    expect(await findings('IRSA009', [attachment('a', 'elsewhere', ADMIN)])).toEqual([
      f(
        'IRSA009',
        'high',
        'aws_iam_role_policy_attachment.a',
        `attaches ${ADMIN} (to a role outside this plan)`,
      ),
    ]);
    // Kept on a role outside the plan: not this plan's doing.
    expect(await findings('IRSA009', [attachment('a', 'elsewhere', ADMIN, 'update')])).toEqual([]);
    expect(
      await findings('IRSA009', [attachment('a', 'elsewhere', 'arn:aws:iam::aws:policy/ReadOnlyAccess')]),
    ).toEqual([]);
  });

  test('kept admin attachments fire only when the role itself changes', async () => {
    expect(await findings('IRSA009', [role('r', 'no-op', { managed: [ADMIN] })])).toEqual([]);
    expect(
      await messages('IRSA009', [
        role('r', 'update', { managed: [ADMIN] }, { managed: [ADMIN], boundary: 'b' }),
      ]),
    ).toEqual([`high aws_iam_role.r: attaches ${ADMIN}`]);
    // Removed: the role loses it.
    expect(await findings('IRSA009', [role('r', 'update', { managed: [ADMIN] }, { managed: [] })])).toEqual(
      [],
    );
    // A deleted role grants nothing.
    expect(await findings('IRSA009', [role('r', 'delete', { managed: [ADMIN] })])).toEqual([]);
  });

  test('a statement allowing every action on every resource', async () => {
    const policy = doc(allow('*'));
    expect(await findings('IRSA009', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([
      f('IRSA009', 'high', 'aws_iam_role_policy.p', 'statement 1 allows every action on every resource'),
    ]);
  });

  test('inline_policy blocks are reported on the role, with their label and Sid', async () => {
    const policy = doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'), allow('*', '*', { Sid: 'Admin' }));
    expect(await messages('IRSA009', [newRole('r', { inline: { ops: policy } })])).toEqual([
      'high aws_iam_role.r: inline_policy "ops" statement "Admin" allows every action on every resource',
    ]);
  });

  test('exceptions and conditions are named', async () => {
    const policy = doc(allow('*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), {
      Effect: 'Allow',
      Action: '*',
      NotResource: 'arn:aws:s3:::audit',
    });
    expect(await messages('IRSA009', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([
      'high aws_iam_role_policy.p: statement 1 allows every action on every resource (when its conditions hold)',
      'high aws_iam_role_policy.p: statement 2 allows every action on every resource except arn:aws:s3:::audit',
    ]);
  });

  test('statements that together allow every action', async () => {
    const policy = doc(
      { Effect: 'Allow', NotAction: 's3:*', Resource: '*' },
      allow('s3:*', '*', { Sid: 'S3' }),
    );
    const found = await messages('IRSA009', [newRole('r'), rolePolicy('p', 'r', policy)]);
    expect(found).toContain(
      'high aws_iam_role_policy.p: statements 1, "S3" together allow every action on every resource',
    );
  });

  test('a whole service on every resource is medium; on one resource it is quiet', async () => {
    const policy = doc(
      allow(['S3:*', 's3:GetObject']),
      allow('dynamodb:*', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t`),
    );
    expect(await findings('IRSA009', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([
      f('IRSA009', 'medium', 'aws_iam_role_policy.p', 'statement 1 allows s3:* on every s3 resource'),
    ]);
  });

  test('a statement allowing "*" is not reported again per service; services are sorted', async () => {
    const policy = doc(allow(['*', 's3:*']), allow(['s3:*', 'ec2:*']));
    expect(await messages('IRSA009', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([
      'high aws_iam_role_policy.p: statement 1 allows every action on every resource',
      'medium aws_iam_role_policy.p: statement 2 allows ec2:* on every ec2 resource',
      'medium aws_iam_role_policy.p: statement 2 allows s3:* on every s3 resource',
    ]);
  });

  test('inline statements that together allow every action name the inline policy', async () => {
    const policy = doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }, allow('s3:*'));
    expect(await messages('IRSA009', [newRole('r', { inline: { ops: policy } })])).toContain(
      'high aws_iam_role.r: inline_policy "ops" statements 1, 2 together allow every action on every resource',
    );
  });

  test('the rule itself lists services in order (statement order does not matter)', () => {
    const model = buildModel(
      plan([newRole('r', { inline: { a: doc(allow('s3:*'), allow('ec2:*')) } })]),
      SOURCE,
    );
    const context = {
      model,
      analyses: model.roles.map((r) => analyseRole(r, [])),
      links: [],
      actionVerdicts: new Map(),
    };
    expect(adminAccess(context).map((x) => x.message)).toEqual([
      'inline_policy "a" statement 2 allows ec2:* on every ec2 resource',
      'inline_policy "a" statement 1 allows s3:* on every s3 resource',
    ]);
  });

  test('a Deny statement naming a whole service grants nothing', async () => {
    const policy = doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'), {
      Effect: 'Deny',
      Action: 'ec2:*',
      Resource: '*',
    });
    expect(await findings('IRSA009', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([]);
  });

  test('a managed policy of the plan attached to two roles is reported once, on the policy', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/ops`;
    const changes = [
      newRole('a'),
      newRole('b'),
      managedPolicy('ops', doc(allow('*'), { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })),
      attachment('a_ops', 'a', arn),
      attachment('b_ops', 'b', arn),
    ];
    expect(await messages('IRSA009', changes)).toEqual([
      'high aws_iam_policy.ops: statement 1 allows every action on every resource',
      'high aws_iam_policy.ops: statement 2 allows every action of every service except iam on every resource',
    ]);
    expect(await messages('IRSA011', changes)).toEqual([
      'medium aws_iam_policy.ops: statement 2 allows everything except iam:* (NotAction with Allow)',
    ]);
  });

  test('a Deny in another policy of the role cuts the grant back', async () => {
    const denyAll = doc({ Effect: 'Deny', Action: '*', Resource: '*' });
    expect(
      await findings('IRSA009', [
        newRole('r', { inline: { deny: denyAll } }),
        rolePolicy('p', 'r', doc(allow('*'))),
      ]),
    ).toEqual([]);
  });

  test('quiet: unchanged policies, deleted roles, narrow policies', async () => {
    const admin = doc(allow('*'));
    expect(await findings('IRSA009', [role('r', 'no-op', {}), rolePolicy('p', 'r', admin, 'no-op')])).toEqual(
      [],
    );
    expect(await findings('IRSA009', [role('r', 'delete', { inline: { a: admin } })])).toEqual([]);
    expect(
      await findings('IRSA009', [
        newRole('r'),
        rolePolicy('p', 'r', doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'))),
      ]),
    ).toEqual([]);
    // A Deny statement naming "*" is not a grant.
    expect(
      await findings('IRSA009', [
        newRole('r'),
        rolePolicy('p', 'r', doc({ Effect: 'Deny', Action: '*', Resource: '*' })),
      ]),
    ).toEqual([]);
  });

  test('a policy known only after apply is not read (and does not break the review)', async () => {
    const p = rolePolicy('p', 'r', doc(allow('*')));
    (p.change.after as Json).policy = null;
    p.change.after_unknown = { policy: true };
    const inline = newRole('q', { inline: { a: doc(allow('*')) } });
    ((inline.change.after as Json).inline_policy as Json[])[0].policy = null;
    inline.change.after_unknown = { inline_policy: [{ policy: true }] };
    const report = await review([newRole('r'), p, inline]);
    expect(
      report.findings.filter((x) => ['IRSA009', 'IRSA010', 'IRSA011', 'IRSA016'].includes(x.ruleId)),
    ).toEqual([]);
  });

  test('a changed policy on a role outside the plan is checked too', async () => {
    expect(await messages('IRSA009', [rolePolicy('p', 'elsewhere', doc(allow('*')))])).toEqual([
      'high aws_iam_role_policy.p: statement 1 allows every action on every resource',
    ]);
    expect(await findings('IRSA009', [rolePolicy('p', 'elsewhere', doc(allow('*')), 'no-op')])).toEqual([]);
  });
});

describe('IRSA010: iam:PassRole on every resource', () => {
  test('fires on PassRole on "*"', async () => {
    expect(
      await findings('IRSA010', [newRole('r'), rolePolicy('p', 'r', doc(allow('iam:PassRole')))]),
    ).toEqual([
      f(
        'IRSA010',
        'high',
        'aws_iam_role_policy.p',
        'statement 1 allows iam:PassRole on every role (can pass any role, including admin roles)',
      ),
    ]);
  });

  test('a role/* pattern and an exception', async () => {
    const policy = doc(allow('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/*`, { Sid: 'Pass' }));
    expect(await messages('IRSA010', [newRole('r', { inline: { pass: policy } })])).toEqual([
      'high aws_iam_role.r: inline_policy "pass" statement "Pass" allows iam:PassRole on every role (can pass any role, including admin roles)',
    ]);
    const except = doc({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: roleArn('admin') });
    expect(await messages('IRSA010', [newRole('r'), rolePolicy('p', 'r', except)])).toEqual([
      `high aws_iam_role_policy.p: statement 1 allows iam:PassRole on every role except ${roleArn('admin')} (can pass any role, including admin roles)`,
    ]);
  });

  test('quiet: one named role, a Deny, an unchanged policy', async () => {
    expect(
      await findings('IRSA010', [
        newRole('r'),
        rolePolicy('p', 'r', doc(allow('iam:PassRole', roleArn('worker')))),
      ]),
    ).toEqual([]);
    const denied = doc(allow('iam:PassRole'), { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' });
    expect(await findings('IRSA010', [newRole('r'), rolePolicy('p', 'r', denied)])).toEqual([]);
    expect(
      await findings('IRSA010', [
        role('r', 'no-op', {}),
        rolePolicy('p', 'r', doc(allow('iam:PassRole')), 'no-op'),
      ]),
    ).toEqual([]);
  });
});

describe('IRSA011: NotAction in an Allow statement', () => {
  test('fires, listing the excluded actions', async () => {
    const policy = doc({
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*'],
      Resource: 'arn:aws:s3:::b/*',
    });
    expect(await findings('IRSA011', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([
      f(
        'IRSA011',
        'medium',
        'aws_iam_role_policy.p',
        'statement 1 allows everything except iam:*, organizations:* (NotAction with Allow)',
      ),
    ]);
  });

  test('on an inline_policy block, the role and label', async () => {
    const policy = doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'), {
      Sid: 'Most',
      Effect: 'Allow',
      NotAction: 'iam:*',
      Resource: 'arn:aws:s3:::b/*',
    });
    expect(await messages('IRSA011', [newRole('r', { inline: { most: policy } })])).toEqual([
      'medium aws_iam_role.r: inline_policy "most" statement "Most" allows everything except iam:* (NotAction with Allow)',
    ]);
  });

  test('quiet: NotAction with Deny, unchanged policies, deleted roles', async () => {
    const deny = doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'), {
      Effect: 'Deny',
      NotAction: 's3:*',
      Resource: '*',
    });
    expect(await findings('IRSA011', [newRole('r'), rolePolicy('p', 'r', deny)])).toEqual([]);
    const notAction = doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b/*' });
    expect(
      await findings('IRSA011', [role('r', 'no-op', {}), rolePolicy('p', 'r', notAction, 'no-op')]),
    ).toEqual([]);
    expect(await findings('IRSA011', [role('r', 'delete', { inline: { x: notAction } })])).toEqual([]);
  });

  test('a changed unlinked policy is checked; an unchanged one is not', async () => {
    const notAction = doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b/*' });
    expect(
      await messages('IRSA011', [
        rolePolicy('p', 'elsewhere', notAction, 'update', doc(allow('s3:GetObject'))),
      ]),
    ).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows everything except iam:* (NotAction with Allow)',
    ]);
    expect(await findings('IRSA011', [rolePolicy('p', 'elsewhere', notAction, 'update')])).toEqual([]);
  });
});

describe('IRSA012: trust policy near its size quota, or permissions boundary removed', () => {
  /** A trust with `n` literal subjects, padded to an exact size without whitespace. */
  function trustOfSize(size: number): string {
    const base = doc(
      web({ StringEquals: { [sub]: 'system:serviceaccount:shop:app', [aud]: STS } }, { Sid: '' }),
    );
    const pad = size - base.replace(/\s/g, '').length;
    const text = doc(
      web(
        { StringEquals: { [sub]: 'system:serviceaccount:shop:app', [aud]: STS } },
        { Sid: 'S'.repeat(pad) },
      ),
    );
    expect(text.replace(/\s/g, '').length).toBe(size);
    return text;
  }

  test('fires low just above 90% of 2,048 characters', async () => {
    const trust = trustOfSize(1844);
    expect(await findings('IRSA012', [newRole('r', { trust })])).toEqual([
      f(
        'IRSA012',
        'low',
        'aws_iam_role.r',
        'trust policy is 1844 characters without whitespace, within 10% of the 2048-character quota',
      ),
    ]);
  });

  test('quiet at exactly 90% (1843.2 rounds to 1843 characters)', async () => {
    expect(await findings('IRSA012', [newRole('r', { trust: trustOfSize(1843) })])).toEqual([]);
  });

  test('whitespace does not count', async () => {
    const compact = trustOfSize(1843);
    const spaced = JSON.stringify(JSON.parse(compact), null, 8);
    expect(spaced.length).toBeGreaterThan(1844);
    expect(await findings('IRSA012', [newRole('r', { trust: spaced })])).toEqual([]);
  });

  test('an invalid (unparseable) trust text is measured too', async () => {
    const trust = `{"Statement": "${'x'.repeat(1900)}"`;
    const found = await findings('IRSA012', [newRole('r', { trust })]);
    expect(found.map((x) => x.severity)).toEqual(['low']);
  });

  test('quiet when the long trust is unchanged', async () => {
    const trust = trustOfSize(1900);
    expect(await findings('IRSA012', [role('r', 'update', { trust }, { trust, managed: ['x'] })])).toEqual(
      [],
    );
  });

  test('fires medium when the boundary is removed', async () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/guard`;
    expect(await findings('IRSA012', [role('r', 'update', { boundary }, {})])).toEqual([
      f('IRSA012', 'medium', 'aws_iam_role.r', `permissions boundary ${boundary} is removed`),
    ]);
  });

  test('quiet: boundary kept, changed, added, or the role deleted', async () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/guard`;
    expect(
      await findings('IRSA012', [role('r', 'update', { boundary }, { boundary, managed: ['x'] })]),
    ).toEqual([]);
    expect(
      await findings('IRSA012', [role('r', 'update', { boundary }, { boundary: `${boundary}2` })]),
    ).toEqual([]);
    expect(await findings('IRSA012', [role('r', 'update', {}, { boundary })])).toEqual([]);
    expect(await findings('IRSA012', [role('r', 'delete', { boundary })])).toEqual([]);
  });

  test('quiet when the new boundary is known only after apply', async () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/guard`;
    const change = role('r', 'update', { boundary }, {});
    change.change.after_unknown = { permissions_boundary: true };
    expect(await findings('IRSA012', [change])).toEqual([]);
  });
});

describe('IRSA013: OIDC provider deleted or replaced while roles trust it', () => {
  test('fires on a deleted provider a role trusts', async () => {
    expect(await findings('IRSA013', [oidcProvider('eks', 'delete'), newRole('r')])).toEqual([
      f(
        'IRSA013',
        'medium',
        'aws_iam_openid_connect_provider.eks',
        'OIDC provider is deleted while aws_iam_role.r trusts it: web-identity sign-in fails until it exists again',
      ),
    ]);
  });

  test('replaced, several roles (sorted, plural verb), unchanged roles count', async () => {
    expect(
      await messages('IRSA013', [oidcProvider('eks', 'replace'), newRole('b'), role('a', 'no-op', {})]),
    ).toEqual([
      'medium aws_iam_openid_connect_provider.eks: OIDC provider is replaced while aws_iam_role.a, aws_iam_role.b trust it: web-identity sign-in fails until it exists again',
    ]);
  });

  test('matched by issuer (condition keys) when the provider ARN differs', async () => {
    const otherArn = `arn:aws:iam::${OTHER_ACCOUNT}:oidc-provider/${ISSUER}`;
    expect(await messages('IRSA013', [oidcProvider('eks', 'delete', otherArn), newRole('r')])).toEqual([
      'medium aws_iam_openid_connect_provider.eks: OIDC provider is deleted while aws_iam_role.r trusts it: web-identity sign-in fails until it exists again',
    ]);
  });

  test('quiet: provider created, updated or kept; roles trusting another issuer; deleted roles', async () => {
    for (const kind of ['create', 'update', 'no-op'] as const)
      expect(await findings('IRSA013', [oidcProvider('eks', kind), newRole('r')])).toEqual([]);
    expect(
      await findings('IRSA013', [oidcProvider('eks', 'delete', PROVIDER2_ARN, ISSUER2), newRole('r')]),
    ).toEqual([]);
    expect(await findings('IRSA013', [oidcProvider('eks', 'delete'), role('r', 'delete', {})])).toEqual([]);
    expect(await findings('IRSA013', [oidcProvider('eks', 'delete')])).toEqual([]);
  });

  test('a role trusting this provider and another one counts', async () => {
    const trust = doc(
      scoped(),
      web(
        { StringEquals: { [`${ISSUER2}:sub`]: 'system:serviceaccount:shop:app', [`${ISSUER2}:aud`]: STS } },
        { Principal: { Federated: PROVIDER2_ARN } },
      ),
    );
    expect(
      (await findings('IRSA013', [oidcProvider('eks', 'delete'), newRole('r', { trust })])).map(
        (x) => x.address,
      ),
    ).toEqual(['aws_iam_openid_connect_provider.eks']);
  });

  test('matched by the issuer of the ARN when the provider URL is not in the plan', async () => {
    const provider = oidcProvider('eks', 'delete', `arn:aws:iam::${OTHER_ACCOUNT}:oidc-provider/${ISSUER}`);
    delete (provider.change.before as Json).url;
    expect((await findings('IRSA013', [provider, newRole('r')])).map((x) => x.address)).toEqual([
      'aws_iam_openid_connect_provider.eks',
    ]);
  });

  test('matched by its URL when its ARN is not in the plan', async () => {
    const provider = oidcProvider('eks', 'delete');
    delete (provider.change.before as Json).arn;
    expect((await findings('IRSA013', [provider, newRole('r')])).map((x) => x.address)).toEqual([
      'aws_iam_openid_connect_provider.eks',
    ]);
  });

  test('a role whose trust after is unknown counts by its trust before', async () => {
    const r = role('r', 'update', {}, {});
    (r.change.after as Json).assume_role_policy = null;
    r.change.after_unknown = { assume_role_policy: true };
    expect((await findings('IRSA013', [oidcProvider('eks', 'delete'), r])).map((x) => x.address)).toEqual([
      'aws_iam_openid_connect_provider.eks',
    ]);
  });

  test('a role whose new trust drops the provider still counts by its trust after', async () => {
    const before = { trust: SAFE_TRUST };
    const after = {
      trust: doc(
        web(
          { StringEquals: { [`${ISSUER2}:sub`]: 'system:serviceaccount:shop:app', [`${ISSUER2}:aud`]: STS } },
          { Principal: { Federated: PROVIDER2_ARN } },
        ),
      ),
    };
    expect(
      await findings('IRSA013', [oidcProvider('eks', 'delete'), role('r', 'update', before, after)]),
    ).toEqual([]);
  });
});

describe('IRSA014: action not in the IAM action catalog', () => {
  const policy = doc(allow(['s3:GetObject', 's3:GetObjekt', 'sss:GetObject'], 'arn:aws:s3:::b/*'));

  test('fires per unknown action, with the reason', async () => {
    const found = await findings('IRSA014', [newRole('r'), rolePolicy('p', 'r', policy)], {
      's3:GetObjekt': 'unknown-action',
      'sss:GetObject': 'unknown-service',
    });
    expect(found).toEqual([
      f(
        'IRSA014',
        'medium',
        'aws_iam_role_policy.p',
        'statement 1 allows "s3:GetObjekt": no such action exists, so it grants nothing',
      ),
      f(
        'IRSA014',
        'medium',
        'aws_iam_role_policy.p',
        'statement 1 allows "sss:GetObject": its service prefix is unknown, so it grants nothing',
      ),
    ]);
  });

  test('quiet: known actions, Deny statements, unchanged policies', async () => {
    expect(await findings('IRSA014', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([]);
    const deny = doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'), {
      Effect: 'Deny',
      Action: 's3:GetObjekt',
      Resource: '*',
    });
    expect(
      await findings('IRSA014', [newRole('r'), rolePolicy('p', 'r', deny)], {
        's3:GetObjekt': 'unknown-action',
      }),
    ).toEqual([]);
    expect(
      await findings('IRSA014', [role('r', 'no-op', {}), rolePolicy('p', 'r', policy, 'no-op')], {
        's3:GetObjekt': 'unknown-action',
      }),
    ).toEqual([]);
  });
});

describe('IRSA014: the rule on its own', () => {
  test('an action the catalog gave no verdict for is not reported', () => {
    const model = buildModel(
      plan([newRole('r', { inline: { a: doc(allow(['s3:GetObjekt', 'sss:Get'])) } })]),
      SOURCE,
    );
    const context = { model, analyses: model.roles.map((r) => analyseRole(r, [])), links: [] };
    expect(unknownAction({ ...context, actionVerdicts: new Map() })).toEqual([]);
    // A Deny naming an unknown action grants nothing either way: not reported.
    const deny = buildModel(
      plan([newRole('d', { inline: { a: doc({ Effect: 'Deny', Action: 'sss:Get', Resource: '*' }) } })]),
      SOURCE,
    );
    expect(
      unknownAction({
        model: deny,
        analyses: deny.roles.map((r) => analyseRole(r, [])),
        links: [],
        actionVerdicts: new Map([['sss:Get', 'unknown-service' as const]]),
      }),
    ).toEqual([]);
    expect(
      unknownAction({ ...context, actionVerdicts: new Map([['sss:Get', 'unknown-service' as const]]) }),
    ).toEqual([
      f(
        'IRSA014',
        'medium',
        'aws_iam_role.r',
        'inline_policy "a" statement 1 allows "sss:Get": its service prefix is unknown, so it grants nothing',
      ),
    ]);
  });
});

describe('actionsToCheck', () => {
  const contextOf = (changes: RawResourceChange[]) => {
    const model = buildModel(plan(changes), SOURCE);
    return { model, analyses: model.roles.map((r) => analyseRole(r, [])), links: [] };
  };

  test('Allow actions of changed policies, deduplicated and sorted', () => {
    const a = doc(allow(['s3:PutObject', 's3:GetObject']), {
      Effect: 'Deny',
      Action: 'iam:*',
      Resource: '*',
    });
    const b = doc(allow('s3:GetObject'), { Effect: 'Allow', NotAction: 'ec2:*', Resource: '*' });
    expect(actionsToCheck(contextOf([newRole('r', { inline: { a } }), rolePolicy('p', 'r', b)]))).toEqual([
      's3:GetObject',
      's3:PutObject',
    ]);
  });

  test('nothing from unchanged policies or deleted roles', () => {
    const a = doc(allow('s3:GetObject'));
    expect(actionsToCheck(contextOf([role('r', 'no-op', {}), rolePolicy('p', 'r', a, 'no-op')]))).toEqual([]);
    expect(actionsToCheck(contextOf([role('r', 'delete', { inline: { a } })]))).toEqual([]);
  });

  test('changed policies of roles outside the plan count', () => {
    expect(actionsToCheck(contextOf([rolePolicy('p', 'elsewhere', doc(allow('sqs:SendMessage')))]))).toEqual([
      'sqs:SendMessage',
    ]);
  });
});

describe('IRSA015: trust newly admits an AWS principal of another account', () => {
  const awsTrust = (principal: string) =>
    doc(scoped(), { Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' });

  test('fires high for another account, both accounts known', async () => {
    const p = `arn:aws:iam::${OTHER_ACCOUNT}:root`;
    expect(await findings('IRSA015', [newRole('r', { trust: awsTrust(p) })])).toEqual([
      f(
        'IRSA015',
        'high',
        'aws_iam_role.r',
        `trust newly admits AWS principal ${p} from account ${OTHER_ACCOUNT}, not this role's account ${ACCOUNT}: it can assume this role directly, without a service account`,
      ),
    ]);
  });

  test('a bare account ID and a role ARN are read too', async () => {
    expect(await messages('IRSA015', [newRole('r', { trust: awsTrust(OTHER_ACCOUNT) })])).toEqual([
      `high aws_iam_role.r: trust newly admits AWS principal ${OTHER_ACCOUNT} from account ${OTHER_ACCOUNT}, not this role's account ${ACCOUNT}: it can assume this role directly, without a service account`,
    ]);
    const assumed = `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/x/y`;
    expect(await messages('IRSA015', [newRole('r', { trust: awsTrust(assumed) })])).toEqual([
      `high aws_iam_role.r: trust newly admits AWS principal ${assumed} from account ${OTHER_ACCOUNT}, not this role's account ${ACCOUNT}: it can assume this role directly, without a service account`,
    ]);
  });

  test("the role's account comes from the OIDC provider ARN when its own ARN is unknown", async () => {
    const p = roleArn('x', OTHER_ACCOUNT);
    expect(await messages('IRSA015', [newRole('r', { trust: awsTrust(p), arn: null })])).toEqual([
      `high aws_iam_role.r: trust newly admits AWS principal ${p} from account ${OTHER_ACCOUNT}, not this role's account ${ACCOUNT}: it can assume this role directly, without a service account`,
    ]);
  });

  test("medium when the role's account is unknown", async () => {
    const p = roleArn('x', OTHER_ACCOUNT);
    const trust = doc({ Effect: 'Allow', Principal: { AWS: p }, Action: 'sts:AssumeRole' });
    expect(await findings('IRSA015', [newRole('r', { trust, arn: null })])).toEqual([
      f(
        'IRSA015',
        'medium',
        'aws_iam_role.r',
        `trust newly admits AWS principal ${p} from account ${OTHER_ACCOUNT} (this role's account is not known in the plan): it can assume this role directly, without a service account`,
      ),
    ]);
  });

  test('medium when the principal account cannot be told', async () => {
    const p = 'AIDAEXAMPLEUSERID0000';
    expect(await findings('IRSA015', [newRole('r', { trust: awsTrust(p) })])).toEqual([
      f(
        'IRSA015',
        'medium',
        'aws_iam_role.r',
        `trust newly admits AWS principal ${p} from a principal whose account cannot be told: it can assume this role directly, without a service account`,
      ),
    ]);
  });

  test('quiet: same account, everyone ("*": IRSA005), other principal types, already trusted', async () => {
    expect(
      await findings('IRSA015', [newRole('r', { trust: awsTrust(`arn:aws:iam::${ACCOUNT}:root`) })]),
    ).toEqual([]);
    expect(await findings('IRSA015', [newRole('r', { trust: awsTrust('*') })])).toEqual([]);
    const service = doc(scoped(), {
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    expect(await findings('IRSA015', [newRole('r', { trust: service })])).toEqual([]);
    const other = awsTrust(`arn:aws:iam::${OTHER_ACCOUNT}:root`);
    expect(
      await findings('IRSA015', [role('r', 'update', { trust: other }, { trust: `${other} ` })]),
    ).toEqual([]);
  });

  test('an update that adds the principal fires', async () => {
    const p = `arn:aws:iam::${OTHER_ACCOUNT}:root`;
    expect(await messages('IRSA015', [role('r', 'update', {}, { trust: awsTrust(p) })])).toEqual([
      `high aws_iam_role.r: trust newly admits AWS principal ${p} from account ${OTHER_ACCOUNT}, not this role's account ${ACCOUNT}: it can assume this role directly, without a service account`,
    ]);
  });

  test('a 13-digit number is not an account ID', async () => {
    expect(await messages('IRSA015', [newRole('r', { trust: awsTrust('1234567890123') })])).toEqual([
      'medium aws_iam_role.r: trust newly admits AWS principal 1234567890123 from a principal whose account cannot be told: it can assume this role directly, without a service account',
    ]);
  });

  test("the role's ARN before the change gives its account when the new one is unknown", async () => {
    const p = `arn:aws:iam::${OTHER_ACCOUNT}:root`;
    const trust = doc({ Effect: 'Allow', Principal: { AWS: p }, Action: 'sts:AssumeRole' });
    expect(await findings('IRSA015', [role('r', 'replace', {}, { trust, arn: null })])).toEqual([
      f(
        'IRSA015',
        'high',
        'aws_iam_role.r',
        `trust newly admits AWS principal ${p} from account ${OTHER_ACCOUNT}, not this role's account ${ACCOUNT}: it can assume this role directly, without a service account`,
      ),
    ]);
  });

  test('quiet: a deleted role', async () => {
    expect(await findings('IRSA015', [role('r', 'delete', { trust: awsTrust(OTHER_ACCOUNT) })])).toEqual([]);
  });
});

describe('IRSA016: privilege-escalation IAM actions', () => {
  test('fires, listing each action', async () => {
    const policy = doc(allow(['iam:AttachRolePolicy', 'iam:CreatePolicyVersion', 's3:GetObject']));
    expect(await findings('IRSA016', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([
      f(
        'IRSA016',
        'high',
        'aws_iam_role_policy.p',
        'allows privilege-escalation actions: iam:AttachRolePolicy; iam:CreatePolicyVersion',
      ),
    ]);
  });

  test('iam:PassRole on every role with a compute action; an inline label', async () => {
    const policy = doc(allow(['iam:PassRole', 'lambda:CreateFunction', 'ec2:RunInstances']));
    expect(await messages('IRSA016', [newRole('r', { inline: { ops: policy } })])).toEqual([
      'high aws_iam_role.r: inline_policy "ops" allows privilege-escalation actions: iam:PassRole with ec2:RunInstances, lambda:CreateFunction',
    ]);
  });

  test('a wildcard such as iam:Put* and a NotAction reach IAM actions', async () => {
    expect(
      await messages('IRSA016', [newRole('r'), rolePolicy('p', 'r', doc(allow('iam:Put*Policy')))]),
    ).toEqual([
      'high aws_iam_role_policy.p: allows privilege-escalation actions: iam:PutGroupPolicy; iam:PutRolePolicy; iam:PutUserPolicy',
    ]);
    const notAction = doc({
      Effect: 'Allow',
      NotAction: ['iam:Create*', 'iam:Add*', 'iam:Attach*', 'iam:Put*', 'iam:Set*', 'iam:PassRole'],
      Resource: '*',
    });
    expect(await messages('IRSA016', [newRole('r'), rolePolicy('p', 'r', notAction)])).toEqual([
      'high aws_iam_role_policy.p: allows privilege-escalation actions: iam:UpdateAssumeRolePolicy; iam:UpdateLoginProfile',
    ]);
  });

  test('actions are matched case-insensitively; both kinds are joined', async () => {
    const policy = doc(allow(['IAM:CreateAccessKey', 'iam:PassRole', 'ecs:RunTask']));
    expect(await messages('IRSA016', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([
      'high aws_iam_role_policy.p: allows privilege-escalation actions: iam:CreateAccessKey; iam:PassRole with ecs:RunTask',
    ]);
  });

  test('an upper-case IAM action alone reaches IAM', async () => {
    expect(
      await messages('IRSA016', [newRole('r'), rolePolicy('p', 'r', doc(allow('IAM:CreateAccessKey')))]),
    ).toEqual(['high aws_iam_role_policy.p: allows privilege-escalation actions: iam:CreateAccessKey']);
  });

  test('one statement reaching IAM among others is enough', async () => {
    const policy = doc(allow('s3:GetObject', 'arn:aws:s3:::b/*'), allow('iam:AttachRolePolicy'));
    expect(await messages('IRSA016', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([
      'high aws_iam_role_policy.p: allows privilege-escalation actions: iam:AttachRolePolicy',
    ]);
  });

  test('quiet: PassRole without compute, compute without PassRole, PassRole on one role', async () => {
    expect(
      await findings('IRSA016', [newRole('r'), rolePolicy('p', 'r', doc(allow('iam:PassRole')))]),
    ).toEqual([]);
    expect(
      await findings('IRSA016', [
        newRole('r'),
        rolePolicy('p', 'r', doc(allow(['ec2:RunInstances', 'iam:GetRole']))),
      ]),
    ).toEqual([]);
    const one = doc(allow('iam:PassRole', roleArn('worker')), allow('ec2:RunInstances'));
    expect(await findings('IRSA016', [newRole('r'), rolePolicy('p', 'r', one)])).toEqual([]);
  });

  test('quiet: "*" and iam:* are IRSA009\'s, Deny cuts back, no IAM action, unchanged', async () => {
    expect(await findings('IRSA016', [newRole('r'), rolePolicy('p', 'r', doc(allow('*')))])).toEqual([]);
    expect(
      await findings('IRSA016', [
        newRole('r'),
        rolePolicy('p', 'r', doc(allow(['IAM:*', 'ec2:RunInstances']))),
      ]),
    ).toEqual([]);
    const denied = doc(allow('iam:AttachRolePolicy'), { Effect: 'Deny', Action: 'iam:*', Resource: '*' });
    expect(await findings('IRSA016', [newRole('r'), rolePolicy('p', 'r', denied)])).toEqual([]);
    expect(await findings('IRSA016', [newRole('r'), rolePolicy('p', 'r', doc(allow('s3:*')))])).toEqual([]);
    const esc = doc(allow('iam:AttachRolePolicy'));
    expect(await findings('IRSA016', [role('r', 'no-op', {}), rolePolicy('p', 'r', esc, 'no-op')])).toEqual(
      [],
    );
  });

  test('an IAM action only in a Deny statement does not reach IAM', async () => {
    const policy = doc(allow('ec2:RunInstances'), {
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: roleArn('x'),
    });
    expect(await findings('IRSA016', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([]);
  });
});

describe('IRSA017: Pod Identity association with a role that does not trust it', () => {
  const label = 'association prod/shop:app uses aws_iam_role.r';

  test('fires when the role does not trust pods.eks.amazonaws.com', async () => {
    expect(await findings('IRSA017', [newRole('r'), association('a', 'create', { role: 'r' })])).toEqual([
      f(
        'IRSA017',
        'medium',
        'aws_eks_pod_identity_association.a',
        `${label}, whose trust policy does not trust pods.eks.amazonaws.com for sts:AssumeRole: pods using the service account get no credentials`,
      ),
    ]);
  });

  test('fires when sts:TagSession is missing and session tags are on', async () => {
    expect(
      await messages('IRSA017', [
        newRole('r', { trust: podTrust('sts:AssumeRole') }),
        association('a', 'create', { role: 'r' }),
      ]),
    ).toEqual([
      `medium aws_eks_pod_identity_association.a: ${label}, whose trust policy does not allow sts:TagSession to pods.eks.amazonaws.com: EKS Pod Identity tags the session, so the AssumeRole is denied and pods get no credentials`,
    ]);
  });

  test('quiet: TagSession missing but session tags disabled; a trusting role', async () => {
    expect(
      await findings('IRSA017', [
        newRole('r', { trust: podTrust('sts:AssumeRole') }),
        association('a', 'create', { role: 'r', disableSessionTags: true }),
      ]),
    ).toEqual([]);
    expect(
      await findings('IRSA017', [
        newRole('r', { trust: podTrust() }),
        association('a', 'create', { role: 'r' }),
      ]),
    ).toEqual([]);
  });

  test('quiet: association unchanged or deleted, role deleted, trust unknown', async () => {
    expect(await findings('IRSA017', [newRole('r'), association('a', 'no-op', { role: 'r' })])).toEqual([]);
    expect(await findings('IRSA017', [newRole('r'), association('a', 'delete', { role: 'r' })])).toEqual([]);
    expect(
      await findings('IRSA017', [role('r', 'delete', {}), association('a', 'create', { role: 'r' })]),
    ).toEqual([]);
    const unknown = newRole('r');
    (unknown.change.after as Json).assume_role_policy = null;
    unknown.change.after_unknown = { assume_role_policy: true };
    expect(await findings('IRSA017', [unknown, association('a', 'create', { role: 'r' })])).toEqual([]);
  });

  test('an association updated onto a role that does not trust it fires', async () => {
    expect(
      await messages('IRSA017', [
        role('r', 'no-op', {}),
        role('good', 'no-op', { trust: podTrust() }),
        association('a', 'update', { role: 'r' }, { role: 'good' }),
      ]),
    ).toEqual([
      `medium aws_eks_pod_identity_association.a: ${label}, whose trust policy does not trust pods.eks.amazonaws.com for sts:AssumeRole: pods using the service account get no credentials`,
    ]);
  });
});

describe('IRSA018 and IRSA020: Pod Identity trust scope', () => {
  const IRSA018 =
    'trusts pods.eks.amazonaws.com without conditions on the session tags: any EKS Pod Identity association in the account (any cluster, namespace and service account) can give pods this role';
  const IRSA020 =
    'Pod Identity trust widened from scoped to unscoped: the session-tag conditions (cluster, namespace, service account) are gone, so any EKS Pod Identity association in the account can now give pods this role';

  test('IRSA018 fires on a new unscoped Pod Identity trust', async () => {
    expect((await review([newRole('r', { trust: podTrust() })])).findings).toEqual([
      f('IRSA018', 'medium', 'aws_iam_role.r', IRSA018),
    ]);
  });

  test('IRSA018 fires on an update from a non-Pod-Identity trust', async () => {
    const found = (await review([role('r', 'update', {}, { trust: podTrust() })])).findings.filter((x) =>
      ['IRSA018', 'IRSA020'].includes(x.ruleId),
    );
    expect(found).toEqual([f('IRSA018', 'medium', 'aws_iam_role.r', IRSA018)]);
  });

  test('IRSA020 fires (and IRSA018 does not) when a scoped trust loses its conditions', async () => {
    const found = (
      await review([role('r', 'update', { trust: podScoped() }, { trust: podTrust() })])
    ).findings.filter((x) => ['IRSA018', 'IRSA020'].includes(x.ruleId));
    expect(found).toEqual([f('IRSA020', 'high', 'aws_iam_role.r', IRSA020)]);
  });

  test('a replaced role counts as widened from its old trust', async () => {
    const found = (await review([role('r', 'replace', { trust: podScoped() }, { trust: podTrust() })]))
      .findings;
    expect(found.filter((x) => x.ruleId === 'IRSA020').map((x) => x.address)).toEqual(['aws_iam_role.r']);
  });

  test('quiet: scoped trust, unchanged unscoped trust, deleted role, unknown trust', async () => {
    const ids = async (changes: RawResourceChange[]) =>
      (await review(changes)).findings
        .map((x) => x.ruleId)
        .filter((id) => ['IRSA018', 'IRSA020'].includes(id));
    expect(await ids([newRole('r', { trust: podScoped() })])).toEqual([]);
    expect(
      await ids([role('r', 'update', { trust: podTrust() }, { trust: podTrust(), managed: ['x'] })]),
    ).toEqual([]);
    expect(
      await ids([role('r', 'update', { trust: podScoped() }, { trust: podScoped('shop', 'other') })]),
    ).toEqual([]);
    expect(await ids([role('r', 'delete', { trust: podTrust() })])).toEqual([]);
    const unknown = role('r', 'update', { trust: podScoped() }, {});
    (unknown.change.after as Json).assume_role_policy = null;
    unknown.change.after_unknown = { assume_role_policy: true };
    expect(await ids([unknown])).toEqual([]);
  });

  test('an unscoped trust before (not scoped) widened again is IRSA018, not IRSA020', async () => {
    const before = podTrust();
    const after = podTrust(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']);
    const found = (await review([role('r', 'update', { trust: before }, { trust: after })])).findings;
    expect(found.filter((x) => ['IRSA018', 'IRSA020'].includes(x.ruleId)).map((x) => x.ruleId)).toEqual([
      'IRSA018',
    ]);
  });
});

describe('IRSA019: Pod Identity association outside the role scoping conditions', () => {
  test('fires when the session-tag conditions exclude the association', async () => {
    expect(
      await findings('IRSA019', [
        newRole('r', { trust: podScoped('shop', 'other') }),
        association('a', 'create', { role: 'r' }),
      ]),
    ).toEqual([
      f(
        'IRSA019',
        'medium',
        'aws_eks_pod_identity_association.a',
        "association prod/shop:app uses aws_iam_role.r, but the trust policy's conditions on the session tags exclude it: pods using the service account get no credentials",
      ),
    ]);
  });

  test('fires when session tags are disabled but the conditions need them', async () => {
    expect(
      await messages('IRSA019', [
        newRole('r', { trust: podScoped() }),
        association('a', 'create', { role: 'r', disableSessionTags: true }),
      ]),
    ).toEqual([
      'medium aws_eks_pod_identity_association.a: association prod/shop:app uses aws_iam_role.r, but the association disables session tags, and the trust conditions need them: pods using the service account get no credentials',
    ]);
  });

  test('quiet: admitted; not trusting or no TagSession (IRSA017); unknown identity; unchanged; deleted role', async () => {
    const ids = async (changes: RawResourceChange[]) =>
      (await findings('IRSA019', changes)).map((x) => x.address);
    expect(
      await ids([newRole('r', { trust: podScoped() }), association('a', 'create', { role: 'r' })]),
    ).toEqual([]);
    expect(await ids([newRole('r'), association('a', 'create', { role: 'r' })])).toEqual([]);
    const noTag = podTrust('sts:AssumeRole', {
      StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'other' },
    });
    expect(await ids([newRole('r', { trust: noTag }), association('a', 'create', { role: 'r' })])).toEqual(
      [],
    );
    expect(
      await ids([
        newRole('r', { trust: podScoped('x') }),
        association('a', 'create', { role: 'r', cluster: null }),
      ]),
    ).toEqual([]);
    expect(
      await ids([newRole('r', { trust: podScoped('x') }), association('a', 'no-op', { role: 'r' })]),
    ).toEqual([]);
    expect(
      await ids([role('r', 'delete', { trust: podScoped('x') }), association('a', 'create', { role: 'r' })]),
    ).toEqual([]);
  });

  test('quiet: without TagSession, session tags disabled and no conditions', async () => {
    expect(
      await findings('IRSA019', [
        newRole('r', { trust: podTrust('sts:AssumeRole') }),
        association('a', 'create', { role: 'r', disableSessionTags: true }),
      ]),
    ).toEqual([]);
  });

  test('without TagSession, disabled session tags and a condition on a tag fire IRSA019', async () => {
    const noTag = podTrust('sts:AssumeRole', {
      StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'shop' },
    });
    expect(
      (
        await findings('IRSA019', [
          newRole('r', { trust: noTag }),
          association('a', 'create', { role: 'r', disableSessionTags: true }),
        ])
      ).map((x) => x.address),
    ).toEqual(['aws_eks_pod_identity_association.a']);
  });
});

describe('a safe plan', () => {
  test('an IRSA role, its policy, service account, and a scoped Pod Identity role give no finding', async () => {
    const report = await review([
      oidcProvider('eks', 'create'),
      newRole('r'),
      rolePolicy('p', 'r', doc(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*'))),
      serviceAccountChange({ name: 'app', namespace: 'shop', roleArn: roleArn('r') }),
      newRole('pod', { trust: podScoped() }),
      association('a', 'create', { role: 'pod' }),
      // The Pod Identity Agent for the association's cluster (IRSA050 without it).
      resource('aws_eks_addon', 'agent', 'create', null, {
        cluster_name: 'prod',
        addon_name: 'eks-pod-identity-agent',
      }),
    ]);
    expect(report.findings).toEqual([]);
  });
});

describe('IRSA018: Pod Identity trust scoped only in part (issue 27, class 1)', () => {
  const ids = (found: Array<{ ruleId: string }>) => found.map((x) => x.ruleId);

  test('only aws:RequestTag/eks-cluster-name: every namespace and service account of that cluster', async () => {
    const trust = podTrust(undefined, { StringEquals: { 'aws:RequestTag/eks-cluster-name': 'prod' } });
    expect(await findings('IRSA018', [newRole('r', { trust })])).toEqual([
      f(
        'IRSA018',
        'medium',
        'aws_iam_role.r',
        'Pod Identity trust is scoped only in part: associations for prod/*:* (cluster/namespace:service-account, * for any) can give pods this role; pin the namespace and service account (aws:RequestTag/kubernetes-namespace, aws:RequestTag/kubernetes-service-account)',
      ),
    ]);
  });

  test('a namespace without a service account: every service account of that namespace, any cluster', async () => {
    const trust = podTrust(undefined, {
      StringEquals: { 'aws:RequestTag/kubernetes-namespace': ['shop', 'billing'] },
    });
    const [only] = await findings('IRSA018', [newRole('r', { trust })]);
    expect(only.message).toContain('associations for */billing:*, */shop:* (cluster/namespace');
  });

  test('a service-account pattern (StringLike) is open for every name it matches', async () => {
    const trust = podTrust(undefined, {
      StringEquals: {
        'aws:RequestTag/eks-cluster-name': 'prod',
        'aws:RequestTag/kubernetes-namespace': 'shop',
      },
      StringLike: { 'aws:RequestTag/kubernetes-service-account': 'app-*' },
    });
    const [only] = await findings('IRSA018', [newRole('r', { trust })]);
    expect(only.message).toContain('associations for prod/shop:app-* (');
  });

  test('only aws:SourceAccount equal to the role account: every association in the account', async () => {
    const trust = podTrust(undefined, { StringEquals: { 'aws:SourceAccount': ACCOUNT } });
    expect(await findings('IRSA018', [newRole('r', { trust })])).toEqual([
      f(
        'IRSA018',
        'medium',
        'aws_iam_role.r',
        'trusts pods.eks.amazonaws.com without conditions on the session tags: any EKS Pod Identity association in the account (any cluster, namespace and service account) can give pods this role (aws:SourceAccount names an account or organization, not an association: every association in that account meets it)',
      ),
    ]);
  });

  test('without sts:TagSession, meant for associations with disable_session_tags: any such association', async () => {
    const found = await findings('IRSA018', [
      newRole('r', { trust: podTrust('sts:AssumeRole') }),
      association('a', 'create', { role: 'r', disableSessionTags: true }),
    ]);
    expect(found).toEqual([
      f(
        'IRSA018',
        'medium',
        'aws_iam_role.r',
        'trusts pods.eks.amazonaws.com for associations with session tags disabled (no sts:TagSession, nothing to scope on): any such EKS Pod Identity association in the account (any cluster, namespace and service account) can give pods this role',
      ),
    ]);
  });

  test('a scoped trust widened to the cluster only is IRSA018 (open in part), not IRSA020', async () => {
    const after = podTrust(undefined, { StringEquals: { 'aws:RequestTag/eks-cluster-name': 'prod' } });
    const found = (await review([role('r', 'update', { trust: podScoped() }, { trust: after })])).findings;
    expect(ids(found).filter((id) => id === 'IRSA018' || id === 'IRSA020')).toEqual(['IRSA018']);
  });

  test('quiet: namespace and service account pinned (with or without the cluster), sts:ExternalId', async () => {
    const full = podTrust(undefined, {
      StringEquals: {
        'aws:RequestTag/eks-cluster-name': 'prod',
        'aws:RequestTag/kubernetes-namespace': 'shop',
        'aws:RequestTag/kubernetes-service-account': 'app',
      },
    });
    expect(await findings('IRSA018', [newRole('r', { trust: full })])).toEqual([]);
    expect(await findings('IRSA018', [newRole('r', { trust: podScoped() })])).toEqual([]);
    // sts:ExternalId pins one association (its external id): the reviewer cannot confirm either way.
    const external = podTrust(undefined, {
      StringEquals: { 'sts:ExternalId': 'f1e2d3c4-0000-4000-8000-000000000000' },
    });
    const report = await review([newRole('r', { trust: external })]);
    expect(report.findings.filter((x) => x.ruleId === 'IRSA018')).toEqual([]);
    expect(report.roles.find((r) => r.address === 'aws_iam_role.r')?.podIdentity?.trustAfter).toBe(
      'cannot confirm: depends on sts:ExternalId',
    );
  });

  test('the preview says what is left open', async () => {
    const trust = podTrust(undefined, { StringEquals: { 'aws:RequestTag/eks-cluster-name': 'prod' } });
    const report = await review([newRole('r', { trust })]);
    expect(report.roles.find((r) => r.address === 'aws_iam_role.r')?.podIdentity?.trustAfter).toBe(
      'scoped in part: open to prod/*:*',
    );
  });
});

describe('Pod Identity: context keys the reviewer cannot know (issue 27, class 2)', () => {
  const withSourceAccount = (account: string, namespace = 'shop') =>
    podTrust(undefined, {
      StringEquals: {
        'aws:SourceAccount': account,
        'aws:RequestTag/kubernetes-namespace': namespace,
        'aws:RequestTag/kubernetes-service-account': 'app',
      },
    });

  test('aws:SourceAccount on a trust that admits the association: no IRSA019, the preview says cannot confirm', async () => {
    const changes = [
      newRole('r', { trust: withSourceAccount(ACCOUNT) }),
      association('a', 'create', { role: 'r' }),
    ];
    const report = await review(changes);
    expect(report.findings.filter((x) => x.ruleId === 'IRSA019')).toEqual([]);
    const preview = report.roles.find((r) => r.address === 'aws_iam_role.r')?.podIdentity;
    expect(preview?.associationsAfter).toEqual([
      'prod/shop:app (aws_eks_pod_identity_association.a): cannot confirm: depends on aws:SourceAccount',
    ]);
    expect(preview?.trustAfter).toBe(
      'scoped by session tags (conditions on aws:SourceAccount not evaluated)',
    );
  });

  test('aws:SourceArn, aws:PrincipalOrgID and sts:ExternalId are not known either', async () => {
    for (const key of ['aws:SourceArn', 'aws:PrincipalOrgID', 'sts:ExternalId']) {
      const trust = podTrust(undefined, {
        StringEquals: {
          [key]: 'x',
          'aws:RequestTag/kubernetes-namespace': 'shop',
          'aws:RequestTag/kubernetes-service-account': 'app',
        },
      });
      const report = await review([newRole('r', { trust }), association('a', 'create', { role: 'r' })]);
      expect(report.findings.filter((x) => x.ruleId === 'IRSA019')).toEqual([]);
      expect(report.roles[0].podIdentity?.associationsAfter).toEqual([
        `prod/shop:app (aws_eks_pod_identity_association.a): cannot confirm: depends on ${key}`,
      ]);
    }
  });

  test('the session tags still decide when they exclude the association whatever the unknown key holds', async () => {
    expect(
      await messages('IRSA019', [
        newRole('r', { trust: withSourceAccount(ACCOUNT, 'other') }),
        association('a', 'create', { role: 'r' }),
      ]),
    ).toEqual([
      "medium aws_eks_pod_identity_association.a: association prod/shop:app uses aws_iam_role.r, but the trust policy's conditions on the session tags exclude it: pods using the service account get no credentials",
    ]);
  });

  test('a Deny on an unknown key is not read as denying', async () => {
    const trust = doc(
      {
        Effect: 'Allow',
        Principal: { Service: PODS },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:RequestTag/kubernetes-namespace': 'shop',
            'aws:RequestTag/kubernetes-service-account': 'app',
          },
        },
      },
      {
        Effect: 'Deny',
        Principal: { Service: PODS },
        Action: 'sts:AssumeRole',
        Condition: { StringNotEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    );
    const report = await review([newRole('r', { trust }), association('a', 'create', { role: 'r' })]);
    expect(report.findings.filter((x) => x.ruleId === 'IRSA019')).toEqual([]);
    expect(report.roles[0].podIdentity?.associationsAfter[0]).toContain(
      'cannot confirm: depends on aws:SourceAccount',
    );
  });
});
