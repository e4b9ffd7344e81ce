import { catalogServiceNames, checkActionSync, checkActions } from '../../src/iam/action-catalog';
import { contextValues, evaluateClause, parseOperator } from '../../src/iam/conditions';
import type { PolicyDocument, Statement } from '../../src/iam/document';
import { evaluatePolicy } from '../../src/iam/evaluate';
import { patternContains } from '../../src/iam/patterns';

const clause = (operator: string, key: string, values: string[]) => ({ operator, key, values });
const KEY = 'oidc.example/id/X:sub';

describe('condition operator parsing', () => {
  test('an operator with an unknown set qualifier matches nothing, even when its value matches', () => {
    const ctx = { [KEY]: ['system:serviceaccount:a:b'] };
    expect(evaluateClause(clause('Foo:StringEquals', KEY, ['system:serviceaccount:a:b']), ctx)).toBe(false);
    expect(evaluateClause(clause(':StringEquals', KEY, ['system:serviceaccount:a:b']), ctx)).toBe(false);
  });

  test('a leading colon is read as an empty (unsupported) qualifier', () => {
    expect(parseOperator(':StringEquals')).toEqual({
      qualifier: undefined,
      base: 'StringEquals',
      ifExists: false,
      negated: false,
      supported: false,
    });
  });

  test('an operator without a colon has no qualifier, even when it starts like one', () => {
    expect(parseOperator('ForAnyValues')).toEqual({
      qualifier: undefined,
      base: 'ForAnyValues',
      ifExists: false,
      negated: false,
      supported: false,
    });
  });
});

describe('operator memo', () => {
  test('a parsed operator is memoized, up to 10000 distinct operators', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('../../src/iam/conditions') as typeof import('../../src/iam/conditions');
      const first = fresh.parseOperator('StringEquals');
      expect(fresh.parseOperator('StringEquals')).toBe(first);
      for (let i = 1; i < 10000; i++) fresh.parseOperator(`Op${i}`);
      const extra = fresh.parseOperator('StringLike');
      expect(extra).toEqual(fresh.parseOperator('StringLike'));
      expect(fresh.parseOperator('StringLike')).not.toBe(extra);
      expect(fresh.parseOperator('StringEquals')).toBe(first);
    });
  });
});

describe('ARN operators compare the six components', () => {
  const arnKey = 'aws:SourceArn';
  const arnLike = (pattern: string, arn: string) =>
    evaluateClause(clause('ArnLike', arnKey, [pattern]), { [arnKey]: [arn] });

  test('a value with fewer than six components never matches', () => {
    expect(arnLike('arn:aws:iam::1:role/x', 'arn:aws:iam')).toBe(false);
    expect(evaluateClause(clause('ArnEquals', arnKey, ['arn:aws']), { [arnKey]: ['arn:aws'] })).toBe(false);
  });

  test('the resource component keeps its colons and is compared whole', () => {
    expect(arnLike('arn:aws:s3:::a:b', 'arn:aws:s3:::a:c')).toBe(false);
    expect(arnLike('arn:aws:s3:::a:b', 'arn:aws:s3:::ab')).toBe(false);
    expect(arnLike('arn:aws:s3:::a:b', 'arn:aws:s3:::a:b')).toBe(true);
  });

  test('a wildcard in an earlier component does not absorb colons of the resource', () => {
    expect(arnLike('arn:aws:s3:*:1:x', 'arn:aws:s3:r:1:1:x')).toBe(false);
    expect(arnLike('arn:aws:s3:*:1:x', 'arn:aws:s3:r:1:x')).toBe(true);
  });
});

describe('context lookup and absent keys', () => {
  test('an exact key wins over a key differing only in case', () => {
    expect(contextValues({ 'Aws:X': ['1'], 'aws:x': ['2'] }, 'aws:x')).toEqual(['2']);
  });

  test('a key present with no values counts as absent', () => {
    const ctx = { [KEY]: [] };
    expect(evaluateClause(clause('Null', KEY, ['true']), ctx)).toBe(true);
    expect(evaluateClause(clause('StringEqualsIfExists', KEY, ['x']), ctx)).toBe(true);
  });

  test('Null values are ORed', () => {
    expect(evaluateClause(clause('Null', KEY, ['true', 'false']), {})).toBe(true);
    expect(evaluateClause(clause('Null', KEY, ['true', 'false']), { [KEY]: ['v'] })).toBe(true);
  });

  test('ForAnyValue with a negated operator does not match an absent key', () => {
    expect(evaluateClause(clause('ForAnyValue:StringNotEquals', KEY, ['x']), {})).toBe(false);
  });
});

describe('unqualified operators on a multi-valued key', () => {
  const ctx = { [KEY]: ['a', 'b'] };
  test('a positive operator needs one value to match', () => {
    expect(evaluateClause(clause('StringEquals', KEY, ['a']), ctx)).toBe(true);
  });
  test('a negated operator needs no value to match', () => {
    expect(evaluateClause(clause('StringNotEquals', KEY, ['a']), ctx)).toBe(false);
    expect(evaluateClause(clause('StringNotEquals', KEY, ['c']), ctx)).toBe(true);
  });
});

describe('policy evaluation edge cases', () => {
  const doc = (statement: Statement): PolicyDocument =>
    ({ version: '2012-10-17', statements: [statement] }) as unknown as PolicyDocument;
  const stmt = (extra: Partial<Statement>): Statement =>
    ({ effect: 'Allow', conditions: [], ...extra }) as Statement;

  test('a statement naming neither Action nor NotAction applies to nothing', () => {
    expect(evaluatePolicy(doc(stmt({})), { action: 's3:GetObject', resource: 'x', context: {} })).toBe(
      'implicit-deny',
    );
  });

  test('a request without a resource (a trust policy) ignores the statement Resource', () => {
    const d = doc(stmt({ action: ['sts:AssumeRoleWithWebIdentity'], resource: ['arn:aws:s3:::b'] }));
    expect(evaluatePolicy(d, { action: 'sts:AssumeRoleWithWebIdentity', context: {} })).toBe('allow');
  });

  test('a principal of a type the statement does not name never matches, whatever its id', () => {
    const d = doc(
      stmt({ action: ['sts:AssumeRole'], principal: { Federated: ['arn:aws:iam::1:oidc-provider/x'] } }),
    );
    for (const id of ['arn:aws:iam::1:oidc-provider/x', 'Stryker was here']) {
      expect(
        evaluatePolicy(d, { action: 'sts:AssumeRole', principal: { type: 'AWS', id }, context: {} }),
      ).toBe('implicit-deny');
    }
  });
});

describe('pattern containment', () => {
  test('a trailing star covers a trailing question mark', () => {
    expect(patternContains('a*', 'a?')).toBe(true);
    expect(patternContains('a*', 'b?')).toBe(false);
  });

  test('long inner patterns are compared in full', () => {
    for (const length of [255, 256, 300, 1000]) {
      const inner = `${'a'.repeat(length - 1)}*`;
      expect(patternContains('*', inner)).toBe(true);
      expect(patternContains('**', inner)).toBe(true);
      expect(patternContains('a*', inner)).toBe(true);
      expect(patternContains('b*', inner)).toBe(false);
    }
  });

  test('an inner pattern of exactly 256 characters is compared in full on first use', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('../../src/iam/patterns') as typeof import('../../src/iam/patterns');
      expect(fresh.patternContains('*', `${'a'.repeat(255)}*`)).toBe(true);
    });
  });
});

describe('action catalog', () => {
  test('"*" is known and an action without a colon or service is not', async () => {
    const verdicts = await checkActions(['*', ':GetObject', 'GetObject']);
    expect(Object.fromEntries(verdicts)).toEqual({
      '*': 'known',
      ':GetObject': 'unknown-service',
      GetObject: 'unknown-action',
    });
  });

  test('wildcard action names match case-insensitively', async () => {
    expect(Object.fromEntries(await checkActions(['s3:getobj*']))).toEqual({ 's3:getobj*': 'known' });
    expect(checkActionSync('s3:getobj*')).toEqual({ verdict: 'known' });
  });

  test('an empty service prefix is an unknown service', () => {
    expect(checkActionSync(':GetObject').verdict).toBe('unknown-service');
  });

  test('the catalog service names are lower case, unique and sorted', () => {
    const names = catalogServiceNames();
    expect(names).toEqual(expect.arrayContaining(['iam', 's3', 'sts']));
    expect(names.every((n) => n === n.toLowerCase())).toBe(true);
    expect([...new Set(names)].sort()).toEqual(names);
    expect(catalogServiceNames()).toBe(names);
  });
});
