/**
 * The two gates where extra input could widen a Pod Identity trust policy, as pure functions:
 * `buildTrustStatement` (extra statements are ORed with the others, so an Allow must not admit every
 * principal or the Pod Identity service itself) and the extra `conditions` of `buildPodIdentityStatements`
 * (IAM ORs the values of one operator and key, so a condition may only add a new pair:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html).
 */
import {
  POD_IDENTITY_PRINCIPAL,
  TrustStatementError,
  buildPodIdentityStatements,
  buildTrustStatement,
  type TrustStatementInput,
} from '../../src/policy/pod-identity';

const CI = 'arn:aws:iam::111122223333:role/ci';
const assume = ['sts:AssumeRole'];
const refusal = (input: TrustStatementInput, label?: string): string => {
  try {
    buildTrustStatement(input, label);
  } catch (e) {
    if (e instanceof TrustStatementError) return e.message;
    throw e;
  }
  throw new Error('not refused');
};

describe('buildTrustStatement: an Allow never admits every principal', () => {
  test.each([
    ['"*" after a named principal', ['arn:aws:iam::111122223333:role/ci', '*']],
    ['"*" first', ['*', CI]],
    ['a "*" inside an ARN', ['arn:aws:iam::*:root']],
  ])('refused: %s', (_, identifiers) => {
    expect(refusal({ actions: assume, principals: [{ type: 'AWS', identifiers }] })).toBe(
      'buildTrustStatement: trust statement is an Allow whose AWS principal "*" admits every principal',
    );
  });

  test('a "*" in a second principal block is refused too', () => {
    const principals = [
      { type: 'AWS', identifiers: [CI] },
      { type: 'Federated', identifiers: ['*'] },
    ];
    expect(refusal({ actions: assume, principals })).toContain(
      'Federated principal "*" admits every principal',
    );
  });

  test('a Deny is taken as given: "*" and not_principals only narrow there', () => {
    expect(
      buildTrustStatement({
        effect: 'Deny',
        actions: assume,
        principals: [{ type: 'AWS', identifiers: ['*'] }],
      }),
    ).toStrictEqual({ Effect: 'Deny', Principal: { AWS: ['*'] }, Action: assume });
  });
});

describe('buildTrustStatement: an Allow never names the Pod Identity service (it would bypass the scoping)', () => {
  const bypass = `buildTrustStatement: trust statement is an Allow for ${POD_IDENTITY_PRINCIPAL}, which would bypass the Pod Identity scoping`;
  test.each([
    ['alone', [POD_IDENTITY_PRINCIPAL]],
    ['after another service', ['ec2.amazonaws.com', POD_IDENTITY_PRINCIPAL]],
    ['in other letter case', ['Pods.EKS.AmazonAWS.com']],
  ])('refused: %s', (_, identifiers) => {
    expect(refusal({ actions: assume, principals: [{ type: 'Service', identifiers }] })).toBe(bypass);
  });

  test('another service principal is allowed', () => {
    expect(
      buildTrustStatement({
        actions: assume,
        principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }],
      }),
    ).toStrictEqual({ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] }, Action: assume });
  });

  test('the same text as an AWS principal is not the service principal (IAM would refuse it, not widen)', () => {
    expect(
      buildTrustStatement({
        actions: assume,
        principals: [{ type: 'AWS', identifiers: [POD_IDENTITY_PRINCIPAL] }],
      }),
    ).toStrictEqual({ Effect: 'Allow', Principal: { AWS: [POD_IDENTITY_PRINCIPAL] }, Action: assume });
  });
});

describe('buildTrustStatement: refusals name the label and list what is allowed', () => {
  test('the default label is "trust statement"', () => {
    expect(refusal({ principals: [{ type: 'AWS', identifiers: [CI] }] })).toBe(
      'buildTrustStatement: trust statement needs actions or not_actions (one of the two)',
    );
  });

  test('an unknown attribute lists the attributes', () => {
    expect(
      refusal({ actions: assume, principals: [], resources: ['*'] } as TrustStatementInput, 'extra[1]'),
    ).toBe(
      'buildTrustStatement: extra[1] has the unknown attribute resources (the attributes are sid, effect, actions, not_actions, principals, not_principals, condition)',
    );
  });

  test('an unknown principal type lists the types', () => {
    expect(
      refusal({
        effect: 'Deny',
        actions: assume,
        principals: [{ type: 'CanonicalUser', identifiers: ['x'] }],
      }),
    ).toBe(
      'buildTrustStatement: trust statement principal type "CanonicalUser" is not one of AWS, Service, Federated',
    );
  });

  test('the error is a TrustStatementError by name', () => {
    let caught: unknown;
    try {
      buildTrustStatement({ actions: assume });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TrustStatementError);
    expect((caught as Error).name).toBe('TrustStatementError');
  });
});

describe('buildTrustStatement: the IAM JSON it writes', () => {
  const principals = [{ type: 'AWS', identifiers: [CI] }];

  test('no Sid, Condition, NotAction or NotPrincipal keys unless given', () => {
    expect(buildTrustStatement({ actions: assume, principals })).toStrictEqual({
      Effect: 'Allow',
      Principal: { AWS: [CI] },
      Action: assume,
    });
  });

  test('an empty condition list writes no Condition', () => {
    expect(buildTrustStatement({ actions: assume, principals, condition: [] })).not.toHaveProperty(
      'Condition',
    );
  });

  test('two keys under one operator are both kept; two operators each keep their keys', () => {
    const statement = buildTrustStatement({
      actions: assume,
      principals,
      condition: [
        { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-1'] },
        { test: 'StringEquals', variable: 'aws:PrincipalAccount', values: ['111122223333'] },
        { test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] },
      ],
    });
    expect(statement.Condition).toStrictEqual({
      StringEquals: { 'aws:PrincipalOrgID': ['o-1'], 'aws:PrincipalAccount': ['111122223333'] },
      Bool: { 'aws:SecureTransport': ['true'] },
    });
  });

  test('principal identifiers given in two blocks of one type are joined without repeats', () => {
    const statement = buildTrustStatement({
      sid: 'Ci',
      actions: assume,
      principals: [
        { type: 'AWS', identifiers: [CI] },
        { type: 'AWS', identifiers: [CI, 'arn:aws:iam::111122223333:role/b'] },
      ],
    });
    expect(statement).toStrictEqual({
      Sid: 'Ci',
      Effect: 'Allow',
      Principal: { AWS: [CI, 'arn:aws:iam::111122223333:role/b'] },
      Action: assume,
    });
  });
});

describe('buildPodIdentityStatements: extra conditions', () => {
  const trust = [{ clusterName: 'blue', serviceAccounts: ['apps:web'] }];
  const build = (conditions: unknown[], scope?: 'scoped' | 'any-association') =>
    buildPodIdentityStatements({ trust, scope, conditions: conditions as never });

  test.each([
    ['no test', { variable: 'aws:PrincipalOrgID', values: ['o-1'] }],
    ['an empty test', { test: '', variable: 'aws:PrincipalOrgID', values: ['o-1'] }],
    ['a test that is not a string', { test: 1, variable: 'aws:PrincipalOrgID', values: ['o-1'] }],
    ['no variable', { test: 'StringEquals', values: ['o-1'] }],
    ['an empty variable', { test: 'StringEquals', variable: '', values: ['o-1'] }],
    ['a variable that is not a string', { test: 'StringEquals', variable: ['k'], values: ['o-1'] }],
  ])('refused: %s', (_, condition) => {
    expect(() => build([condition])).toThrow(
      `buildPodIdentityStatements: condition ${JSON.stringify(condition)} needs a test and a variable`,
    );
  });

  test('a missing condition is refused', () => {
    expect(() => build([null])).toThrow(
      'buildPodIdentityStatements: condition null needs a test and a variable',
    );
  });

  test('a scoping key repeated in other letter case is refused (IAM compares keys and operators so)', () => {
    expect(() =>
      build([{ test: 'stringequals', variable: 'aws:requesttag/Kubernetes-Namespace', values: ['other'] }]),
    ).toThrow('is given twice or repeats a scoping condition');
    expect(() =>
      build([{ test: 'StringEquals', variable: 'aws:RequestTag/KUBERNETES-NAMESPACE', values: ['other'] }]),
    ).toThrow('is given twice or repeats a scoping condition');
  });

  test('any-association has no scoping keys to repeat: the same key is a new condition there', () => {
    const [statement] = build(
      [{ test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-namespace', values: ['apps'] }],
      'any-association',
    );
    expect(statement?.Condition).toStrictEqual({
      StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'apps' },
    });
  });
});
