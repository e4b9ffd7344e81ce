import fc from 'fast-check';
import { assertProperty } from '../support/property';
import { evaluateClause, parseOperator } from '../../src/iam/conditions';
import { parsePolicyDocument, policySizeWithoutWhitespace } from '../../src/iam/document';
import { evaluatePolicy } from '../../src/iam/evaluate';
import { patternContains, wildcardMatch } from '../../src/iam/patterns';

const clause = (operator: string, key: string, values: string[]) => ({ operator, key, values });
const SUB = 'oidc.example/id/X:sub';

describe('condition operators', () => {
  const ctx = { [SUB]: ['system:serviceaccount:shop:app'] };
  test.each([
    ['StringEquals', ['system:serviceaccount:shop:app'], true],
    ['StringEquals', ['system:serviceaccount:shop:*'], false],
    ['StringNotEquals', ['system:serviceaccount:shop:app'], false],
    ['StringNotEquals', ['system:serviceaccount:shop:other'], true],
    ['StringEqualsIgnoreCase', ['SYSTEM:serviceaccount:SHOP:app'], true],
    ['StringNotEqualsIgnoreCase', ['SYSTEM:serviceaccount:SHOP:app'], false],
    ['StringLike', ['system:serviceaccount:shop:*'], true],
    ['StringLike', ['system:serviceaccount:shop:ap?'], true],
    ['StringLike', ['system:serviceaccount:shop:a?'], false],
    ['StringNotLike', ['system:serviceaccount:shop:*'], false],
    ['StringNotLike', ['system:serviceaccount:other:*'], true],
    ['StringLike', ['nomatch', 'system:serviceaccount:*'], true], // values ORed
  ])('%s %j -> %s', (op, values, expected) => {
    expect(evaluateClause(clause(op, SUB, values), ctx)).toBe(expected);
  });

  test('keys compare case-insensitively', () => {
    expect(
      evaluateClause(clause('StringEquals', SUB.toUpperCase(), ['system:serviceaccount:shop:app']), ctx),
    ).toBe(true);
  });

  test('missing key: positive operators fail, negated match, IfExists matches', () => {
    expect(evaluateClause(clause('StringEquals', 'a:b', ['x']), {})).toBe(false);
    expect(evaluateClause(clause('StringNotEquals', 'a:b', ['x']), {})).toBe(true);
    expect(evaluateClause(clause('StringEqualsIfExists', 'a:b', ['x']), {})).toBe(true);
    expect(evaluateClause(clause('StringEqualsIfExists', 'a:b', ['x']), { 'a:b': ['y'] })).toBe(false);
  });

  test('Null', () => {
    expect(evaluateClause(clause('Null', 'a:b', ['true']), {})).toBe(true);
    expect(evaluateClause(clause('Null', 'a:b', ['true']), { 'a:b': ['v'] })).toBe(false);
    expect(evaluateClause(clause('Null', 'a:b', ['false']), { 'a:b': ['v'] })).toBe(true);
    expect(evaluateClause(clause('Null', 'a:b', ['false']), {})).toBe(false);
  });

  test('Bool', () => {
    expect(
      evaluateClause(clause('Bool', 'aws:SecureTransport', ['true']), { 'aws:SecureTransport': ['TRUE'] }),
    ).toBe(true);
    expect(
      evaluateClause(clause('Bool', 'aws:SecureTransport', ['true']), { 'aws:SecureTransport': ['false'] }),
    ).toBe(false);
  });

  test('ForAnyValue / ForAllValues', () => {
    const tags = { 'aws:TagKeys': ['a', 'b'] };
    expect(evaluateClause(clause('ForAnyValue:StringEquals', 'aws:TagKeys', ['b', 'z']), tags)).toBe(true);
    expect(evaluateClause(clause('ForAnyValue:StringEquals', 'aws:TagKeys', ['z']), tags)).toBe(false);
    expect(evaluateClause(clause('ForAllValues:StringEquals', 'aws:TagKeys', ['a', 'b', 'c']), tags)).toBe(
      true,
    );
    expect(evaluateClause(clause('ForAllValues:StringEquals', 'aws:TagKeys', ['a']), tags)).toBe(false);
    expect(evaluateClause(clause('ForAllValues:StringEquals', 'aws:TagKeys', ['a']), {})).toBe(true);
    expect(evaluateClause(clause('ForAnyValue:StringEquals', 'aws:TagKeys', ['a']), {})).toBe(false);
    expect(evaluateClause(clause('ForAnyValue:StringNotLike', 'aws:TagKeys', ['a']), tags)).toBe(true);
    expect(evaluateClause(clause('ForAllValues:StringNotLike', 'aws:TagKeys', ['a']), tags)).toBe(false);
    expect(evaluateClause(clause('ForAnyValue:StringLikeIfExists', 'aws:TagKeys', ['x']), {})).toBe(true);
  });

  test('ArnEquals / ArnLike / negations compare per component', () => {
    const ctx2 = { 'aws:SourceArn': ['arn:aws:iam::111122223333:role/app'] };
    expect(
      evaluateClause(clause('ArnEquals', 'aws:SourceArn', ['arn:aws:iam::111122223333:role/app']), ctx2),
    ).toBe(true);
    expect(evaluateClause(clause('ArnLike', 'aws:SourceArn', ['arn:aws:iam::*:role/*']), ctx2)).toBe(true);
    expect(evaluateClause(clause('ArnLike', 'aws:SourceArn', ['arn:aws:iam::*']), ctx2)).toBe(false);
    expect(
      evaluateClause(clause('ArnNotEquals', 'aws:SourceArn', ['arn:aws:iam::111122223333:role/app']), ctx2),
    ).toBe(false);
    expect(evaluateClause(clause('ArnNotLike', 'aws:SourceArn', ['arn:aws:s3:::*']), ctx2)).toBe(true);
  });

  test('unsupported operators never match and are flagged', () => {
    expect(parseOperator('NumericLessThan').supported).toBe(false);
    expect(evaluateClause(clause('NumericLessThan', 'a:b', ['1']), { 'a:b': ['0'] })).toBe(false);
    expect(parseOperator('ForAnyValue:StringLikeIfExists')).toMatchObject({
      qualifier: 'ForAnyValue',
      base: 'StringLike',
      ifExists: true,
      supported: true,
    });
  });
});

describe('policy evaluation', () => {
  const provider = 'arn:aws:iam::1:oidc-provider/oidc.example/id/X';
  const doc = (statements: unknown[]) => {
    const parsed = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.document;
  };
  const request = (sub: string) => ({
    action: 'sts:AssumeRoleWithWebIdentity',
    principal: { type: 'Federated', id: provider },
    context: { [SUB]: [sub] },
  });
  const allow = {
    Effect: 'Allow',
    Principal: { Federated: provider },
    Action: 'sts:AssumeRoleWithWebIdentity',
  };

  test('statements are ORed, conditions ANDed, explicit Deny wins', () => {
    const d = doc([
      { ...allow, Condition: { StringLike: { [SUB]: 'system:serviceaccount:shop:*' } } },
      { ...allow, Condition: { StringEquals: { [SUB]: 'system:serviceaccount:ops:tool' } } },
      { ...allow, Effect: 'Deny', Condition: { StringEquals: { [SUB]: 'system:serviceaccount:shop:evil' } } },
    ]);
    expect(evaluatePolicy(d, request('system:serviceaccount:shop:app'))).toBe('allow');
    expect(evaluatePolicy(d, request('system:serviceaccount:ops:tool'))).toBe('allow');
    expect(evaluatePolicy(d, request('system:serviceaccount:shop:evil'))).toBe('explicit-deny');
    expect(evaluatePolicy(d, request('system:serviceaccount:ops:other'))).toBe('implicit-deny');
    const both = doc([
      {
        ...allow,
        Condition: {
          StringLike: { [SUB]: '*:shop:*' },
          StringNotEquals: { [SUB]: 'system:serviceaccount:shop:x' },
        },
      },
    ]);
    expect(evaluatePolicy(both, request('system:serviceaccount:shop:y'))).toBe('allow');
    expect(evaluatePolicy(both, request('system:serviceaccount:shop:x'))).toBe('implicit-deny');
  });

  test('NotAction, NotPrincipal and principal "*"', () => {
    expect(evaluatePolicy(doc([{ Effect: 'Allow', Principal: '*', NotAction: 's3:*' }]), request('x'))).toBe(
      'allow',
    );
    expect(evaluatePolicy(doc([{ Effect: 'Allow', Principal: '*', NotAction: 'sts:*' }]), request('x'))).toBe(
      'implicit-deny',
    );
    expect(
      evaluatePolicy(
        doc([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: '*' }]),
        request('x'),
      ),
    ).toBe('allow');
    expect(
      evaluatePolicy(doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:*' }]), request('x')),
    ).toBe('allow');
  });
});

describe('wildcards', () => {
  const toRegex = (pattern: string): RegExp =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      's',
    );
  const alphabet = fc.constantFrom('a', 'b', ':', '*', '?');
  const textAlphabet = fc.constantFrom('a', 'b', ':');

  test('StringLike matching agrees with a reference regex', () => {
    let matched = 0;
    assertProperty(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 8 }),
        fc.string({ unit: textAlphabet, maxLength: 8 }),
        (p, t) => {
          const expected = toRegex(p).test(t);
          expect(wildcardMatch(p, t)).toBe(expected);
          if (expected) matched++;
        },
      ),
      2000,
    );
    // Both answers are checked often: matches are not a rare corner of the generated pairs.
    expect(matched).toBeGreaterThanOrEqual(100);
  });

  test('pattern containment is sound: contained patterns never admit a string the outer one rejects', () => {
    let contained = 0;
    let checked = 0;
    assertProperty(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 5 }),
        fc.string({ unit: alphabet, maxLength: 5 }),
        fc.array(fc.string({ unit: textAlphabet, maxLength: 6 }), { maxLength: 20 }),
        (outer, inner, samples) => {
          if (!patternContains(outer, inner)) return;
          contained++;
          // The inner pattern itself, read literally, is one more string it matches when it has no wildcard.
          for (const s of [...samples, inner]) {
            if (wildcardMatch(inner, s)) {
              expect(wildcardMatch(outer, s)).toBe(true);
              checked++;
            }
          }
        },
      ),
      2000,
    );
    // Containment is claimed, and a sample inside the inner pattern checked, in enough runs to mean something.
    expect(contained).toBeGreaterThanOrEqual(100);
    expect(checked).toBeGreaterThanOrEqual(100);
    expect(patternContains('system:serviceaccount:*', 'system:serviceaccount:shop:*')).toBe(true);
    expect(patternContains('system:serviceaccount:shop:*', 'system:serviceaccount:*')).toBe(false);
    expect(patternContains('a?c', 'abc')).toBe(true);
  });

  test('policy size counts characters without whitespace', () => {
    expect(policySizeWithoutWhitespace('{ "a" : [ 1,\n 2 ]\t}')).toBe(11);
  });
});
