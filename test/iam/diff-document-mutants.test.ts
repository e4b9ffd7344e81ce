import { diffPolicies, statementFacets } from '../../src/iam/diff';
import {
  MAX_POLICY_VALUE_LENGTH,
  parsePolicyDocument,
  policySizeWithoutWhitespace,
  PolicyDocument,
  Statement,
  TRUST_POLICY_QUOTA,
} from '../../src/iam/document';

const doc = (...statements: unknown[]): PolicyDocument => {
  const parsed = parsePolicyDocument({ Version: '2012-10-17', Statement: statements });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.document;
};
const one = (raw: Record<string, unknown>): Statement => doc(raw).statements[0];
/** A statement whose Effect does not matter to the test: Allow unless it says otherwise. */
const allow = (raw: Record<string, unknown>): Statement => one({ Effect: 'Allow', ...raw });
/** Why IAM refuses a policy holding this one statement (the parser's reason), or 'parsed'. */
const refused = (raw: Record<string, unknown>): string => {
  const parsed = parsePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...raw }] });
  return parsed.ok ? 'parsed' : parsed.error;
};

describe('parsePolicyDocument normalises every element', () => {
  test('a full statement becomes lists, sorted principal types and flat condition clauses', () => {
    const parsed = parsePolicyDocument(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: {
          Sid: 'Full',
          Effect: 'Deny',
          Principal: { Service: 'eks.amazonaws.com', AWS: ['arn:aws:iam::1:root', 'arn:aws:iam::2:root'] },
          NotPrincipal: { Federated: 'arn:aws:iam::1:oidc-provider/x' },
          Action: 's3:GetObject',
          NotAction: ['s3:PutObject', 'iam:*'],
          Resource: '*',
          NotResource: ['arn:aws:s3:::b/*'],
          Condition: {
            StringEquals: { 'aws:a': 'x', 'aws:b': ['y', 'z'] },
            NumericLessThan: { 'aws:n': 5 },
            Bool: { 'aws:SecureTransport': false },
          },
        },
      }),
    );
    expect(parsed).toStrictEqual({
      ok: true,
      document: {
        version: '2012-10-17',
        statements: [
          {
            sid: 'Full',
            effect: 'Deny',
            principal: {
              AWS: ['arn:aws:iam::1:root', 'arn:aws:iam::2:root'],
              Service: ['eks.amazonaws.com'],
            },
            notPrincipal: { Federated: ['arn:aws:iam::1:oidc-provider/x'] },
            action: ['s3:GetObject'],
            notAction: ['s3:PutObject', 'iam:*'],
            resource: ['*'],
            notResource: ['arn:aws:s3:::b/*'],
            conditions: [
              { operator: 'StringEquals', key: 'aws:a', values: ['x'] },
              { operator: 'StringEquals', key: 'aws:b', values: ['y', 'z'] },
              { operator: 'NumericLessThan', key: 'aws:n', values: ['5'] },
              { operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] },
            ],
          },
        ],
      },
    });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(Object.keys(parsed.document.statements[0].principal ?? {})).toEqual(['AWS', 'Service']);
  });

  test('a statement with only an effect has no optional elements and no conditions', () => {
    expect(one({ Effect: 'Allow' })).toStrictEqual({ effect: 'Allow', conditions: [] });
    expect(parsePolicyDocument({ Statement: [{ Effect: 'Allow' }] })).toStrictEqual({
      ok: true,
      document: { statements: [{ effect: 'Allow', conditions: [] }] },
    });
  });

  test('Effect is exactly "Allow" or "Deny" (case-sensitive, required); anything else is refused as IAM does', () => {
    expect(one({ Effect: 'Deny' }).effect).toBe('Deny');
    expect(one({ Effect: 'Allow' }).effect).toBe('Allow');
    // Read as Allow before: an invalid policy analysed as if IAM had accepted it.
    expect(refused({ Effect: 'deny' })).toBe(
      'statement 1: Effect is "deny", not "Allow" or "Deny" (case-sensitive), which IAM refuses',
    );
    expect(refused({ Effect: undefined })).toBe('statement 1: Effect is missing, which IAM refuses');
    expect(refused({ Effect: 1 })).toBe(
      'statement 1: Effect is a number, not "Allow" or "Deny" (case-sensitive), which IAM refuses',
    );
    expect(refused({ Effect: 'x'.repeat(100) })).toBe(
      `statement 1: Effect is "${'x'.repeat(20)}", not "Allow" or "Deny" (case-sensitive), which IAM refuses`,
    );
    expect(parsePolicyDocument({ Statement: [{}] })).toStrictEqual({
      ok: false,
      error: 'statement 1: Effect is missing, which IAM refuses',
    });
  });

  test('an empty Sid is no Sid; a numeric Sid is its text', () => {
    expect(one({ Sid: '', Effect: 'Allow' })).toStrictEqual({ effect: 'Allow', conditions: [] });
    expect(one({ Sid: 7, Effect: 'Allow' }).sid).toBe('7');
    expect(one({ Sid: 'a', Effect: 'Allow' }).sid).toBe('a');
  });

  test('element names are read case-insensitively, the exact spelling first, else the last match', () => {
    expect(one({ effect: 'Deny' }).effect).toBe('Deny');
    expect(one({ Effect: 'Allow', effect: 'Deny' }).effect).toBe('Allow');
    expect(one({ EFFECT: 'Allow', effect: 'Deny' }).effect).toBe('Deny');
    expect(one({ effect: 'Deny', EFFECT: 'Allow' }).effect).toBe('Allow');
    expect(refused({ Effect: undefined, Effects: 'Deny' })).toBe(
      'statement 1: Effect is missing, which IAM refuses',
    );
    expect(
      allow({ action: 'a:B', RESOURCE: 'r', notaction: 'c:D', NOTRESOURCE: 'n', sid: 's' }),
    ).toStrictEqual({
      sid: 's',
      effect: 'Allow',
      action: ['a:B'],
      notAction: ['c:D'],
      resource: ['r'],
      notResource: ['n'],
      conditions: [],
    });
    expect(allow({ principal: '*', notprincipal: { aws: 'x' } })).toStrictEqual({
      effect: 'Allow',
      principal: { '*': ['*'] },
      notPrincipal: { aws: ['x'] },
      conditions: [],
    });
    expect(allow({ condition: { StringEquals: { k: 'v' } } }).conditions).toStrictEqual([
      { operator: 'StringEquals', key: 'k', values: ['v'] },
    ]);
    expect(parsePolicyDocument({ version: '1', statement: { effect: 'Deny' } })).toStrictEqual({
      ok: true,
      document: { version: '1', statements: [{ effect: 'Deny', conditions: [] }] },
    });
  });

  test('Principal is "*" or an object of string lists; anything else is refused with the reason', () => {
    expect(allow({ Principal: '*' }).principal).toStrictEqual({ '*': ['*'] });
    expect(allow({ Principal: { AWS: ['a', 1], Service: 's' } }).principal).toStrictEqual({
      AWS: ['a', '1'],
      Service: ['s'],
    });
    expect(allow({ Principal: {} }).principal).toStrictEqual({});
    // Each of these was read as "no principal" (or dropped one type) before: IAM refuses them all.
    expect(refused({ Principal: ['*'] })).toBe(
      'statement 1: Principal is a list, not "*" or an object, which IAM refuses',
    );
    expect(refused({ Principal: 'arn:aws:iam::1:root' })).toBe(
      'statement 1: Principal is a string, not "*" or an object, which IAM refuses',
    );
    expect(refused({ NotPrincipal: null })).toBe(
      'statement 1: NotPrincipal is null, not "*" or an object, which IAM refuses',
    );
    expect(refused({ Principal: { AWS: [{}], Service: 's' } })).toBe(
      'statement 1: Principal AWS is a list holding an object, not a string or a list of strings, which IAM refuses',
    );
  });

  test('Action, NotAction, Resource, NotResource: a string or a list of scalars; numbers and booleans become text', () => {
    expect(allow({ Action: [1, true, 'a'] }).action).toStrictEqual(['1', 'true', 'a']);
    expect(allow({ Action: [] }).action).toStrictEqual([]);
    expect(allow({ Resource: 7 }).resource).toStrictEqual(['7']);
    // A list holding a non-scalar, or null, was read as no element at all before.
    expect(refused({ Action: ['a:B', { x: 1 }] })).toBe(
      'statement 1: Action is a list holding an object, not a string or a list of strings, which IAM refuses',
    );
    expect(refused({ Action: null })).toBe(
      'statement 1: Action is null, not a string or a list of strings, which IAM refuses',
    );
    expect(refused({ Resource: [null] })).toBe(
      'statement 1: Resource is a list holding null, not a string or a list of strings, which IAM refuses',
    );
    expect(refused({ NotAction: { s3: '*' } })).toBe(
      'statement 1: NotAction is an object, not a string or a list of strings, which IAM refuses',
    );
    expect(refused({ NotResource: ['a', ['b']] })).toBe(
      'statement 1: NotResource is a list nested in a list, not a string or a list of strings, which IAM refuses',
    );
  });

  test('Condition is an object of operator objects whose values are scalars or lists of them; anything else is refused', () => {
    expect(
      allow({ Condition: { StringLike: { k: ['a', 2, false] }, Bool: { b: true } } }).conditions,
    ).toStrictEqual([
      { operator: 'StringLike', key: 'k', values: ['a', '2', 'false'] },
      { operator: 'Bool', key: 'b', values: ['true'] },
    ]);
    expect(allow({ Condition: {} }).conditions).toStrictEqual([]);
    // Skipped, or read as an empty value list (shown as `= []`), before.
    expect(refused({ Condition: 'x' })).toBe(
      'statement 1: Condition is a string, not an object, which IAM refuses',
    );
    expect(refused({ Condition: ['x'] })).toBe(
      'statement 1: Condition is a list, not an object, which IAM refuses',
    );
    expect(refused({ Condition: { StringEquals: 'x' } })).toBe(
      'statement 1: Condition StringEquals is a string, not an object, which IAM refuses',
    );
    expect(refused({ Condition: { StringLike: { k: [{}] } } })).toBe(
      'statement 1: the value of Condition StringLike "k" is a list holding an object, not a string or a list of strings, which IAM refuses',
    );
    expect(refused({ Condition: { StringLike: { k: null } } })).toBe(
      'statement 1: the value of Condition StringLike "k" is null, not a string or a list of strings, which IAM refuses',
    );
    expect(refused({ Condition: { StringLike: { k: [['x']] } } })).toBe(
      'statement 1: the value of Condition StringLike "k" is a list nested in a list, not a string or a list of strings, which IAM refuses',
    );
    // The reason names the first statement IAM refuses.
    const parsed = parsePolicyDocument({
      Statement: [{ Effect: 'Allow' }, { Effect: 'Deny', Condition: { Bool: { k: {} } } }],
    });
    expect(parsed).toStrictEqual({
      ok: false,
      error:
        'statement 2: the value of Condition Bool "k" is an object, not a string or a list of strings, which IAM refuses',
    });
  });

  test('a condition value nested thousands of lists deep is refused without recursion, as JSON text or as an object', () => {
    const depth = 100_000;
    const text = `{"Statement":{"Effect":"Allow","Condition":{"StringEquals":{"k":${'['.repeat(depth)}"x"${']'.repeat(depth)}}}}}`;
    const error =
      'statement 1: the value of Condition StringEquals "k" is a list nested in a list, not a string or a list of strings, which IAM refuses';
    expect(parsePolicyDocument(text)).toStrictEqual({ ok: false, error });
    expect(parsePolicyDocument(JSON.parse(text) as unknown)).toStrictEqual({ ok: false, error });
  });

  test('each malformed policy gets its own error', () => {
    expect(parsePolicyDocument('')).toStrictEqual({ ok: false, error: 'the policy is empty' });
    expect(parsePolicyDocument(' \n\t')).toStrictEqual({ ok: false, error: 'the policy is empty' });
    expect(parsePolicyDocument('{')).toStrictEqual({ ok: false, error: 'the policy is not valid JSON' });
    expect(parsePolicyDocument('[]')).toStrictEqual({ ok: false, error: 'the policy is not a JSON object' });
    expect(parsePolicyDocument('null')).toStrictEqual({
      ok: false,
      error: 'the policy is not a JSON object',
    });
    expect(parsePolicyDocument(42)).toStrictEqual({ ok: false, error: 'the policy is not a JSON object' });
    expect(parsePolicyDocument({})).toStrictEqual({
      ok: false,
      error: 'the policy has a Statement that is not an object',
    });
    expect(parsePolicyDocument({ Statement: [{ Effect: 'Allow' }, 'x'] })).toStrictEqual({
      ok: false,
      error: 'the policy has a Statement that is not an object',
    });
    expect(parsePolicyDocument({ Statement: [[]] })).toStrictEqual({
      ok: false,
      error: 'the policy has a Statement that is not an object',
    });
    expect(parsePolicyDocument({ Statement: [] })).toStrictEqual({ ok: true, document: { statements: [] } });
  });

  test('a string longer than any IAM policy can hold is refused, wherever it is', () => {
    const long = 'x'.repeat(MAX_POLICY_VALUE_LENGTH + 1);
    const error = {
      ok: false,
      error: `a value is ${MAX_POLICY_VALUE_LENGTH + 1} characters long, more than any IAM policy can hold (10240)`,
    };
    expect(MAX_POLICY_VALUE_LENGTH).toBe(10240);
    expect(parsePolicyDocument({ Statement: [{ Action: long }] })).toStrictEqual(error);
    expect(parsePolicyDocument(JSON.stringify({ Statement: [{ Action: long }] }))).toStrictEqual(error);
    expect(parsePolicyDocument({ Statement: [{ Action: ['a', long] }] })).toStrictEqual(error);
    expect(parsePolicyDocument({ Statement: [{ Action: ['a', ['b', long]] }] })).toStrictEqual(error);
    expect(
      parsePolicyDocument({ Statement: [{ Condition: { StringEquals: { [long]: 'v' } } }] }),
    ).toStrictEqual(error);
    expect(parsePolicyDocument({ Statement: [{ Condition: { StringEquals: { k: long } } }] })).toStrictEqual(
      error,
    );
    const longest = { Statement: [{ Effect: 'Allow', Action: ['a'.repeat(MAX_POLICY_VALUE_LENGTH), 'b'] }] };
    expect(parsePolicyDocument(longest).ok).toBe(true);
    expect(parsePolicyDocument(JSON.stringify(longest)).ok).toBe(true);
    // A policy object is walked whatever its keys are, a `length` key included.
    expect(parsePolicyDocument({ length: 1, Statement: [{ Action: long }] })).toStrictEqual(error);
    // A shorter key met after the long string does not hide it.
    expect(parsePolicyDocument({ Statement: [{ Effect: 'Allow' }, { Action: long }] })).toStrictEqual(error);
    // Only JSON values are policy text: the properties of a function in a parsed object are not walked.
    const fn = Object.assign(() => undefined, { [long]: 1 });
    expect(parsePolicyDocument({ Statement: [{ Effect: 'Allow' }], Extra: fn }).ok).toBe(true);
    // The longest string wins even when a shorter one is met later.
    expect(parsePolicyDocument({ Statement: [{ Action: [long, 'short'] }] })).toStrictEqual(error);
    expect(parsePolicyDocument({ Statement: [{ Sid: long, Action: 'short' }] })).toStrictEqual(error);
    const longer = `a value is ${MAX_POLICY_VALUE_LENGTH + 5} characters long, more than any IAM policy can hold (10240)`;
    expect(
      parsePolicyDocument({ Statement: [{ Action: ['y'.repeat(MAX_POLICY_VALUE_LENGTH + 5), long] }] }),
    ).toStrictEqual({ ok: false, error: longer });
    // Escapes make a text longer than its decoded strings: a text just over the limit is walked too.
    const escaped = JSON.stringify({
      Statement: [{ Effect: 'Allow', Action: '\\'.repeat(MAX_POLICY_VALUE_LENGTH / 2) }],
    });
    expect(escaped.length).toBeGreaterThan(MAX_POLICY_VALUE_LENGTH);
    expect(parsePolicyDocument(escaped).ok).toBe(true);
  });
});

describe('policy size without whitespace', () => {
  test('only space, tab, LF and CR are not counted', () => {
    expect(policySizeWithoutWhitespace(' a\tb\nc\rd ')).toBe(4);
    expect(policySizeWithoutWhitespace('a\fb\vc\u00a0')).toBe(6);
    expect(policySizeWithoutWhitespace('')).toBe(0);
    expect(TRUST_POLICY_QUOTA).toBe(2048);
  });
});

describe('statement facets', () => {
  test('every element becomes one facet per value, principals sorted by type', () => {
    expect(
      statementFacets(
        one({
          Effect: 'Deny',
          Principal: { Service: 's', AWS: ['a1', 'a2'] },
          NotPrincipal: { Federated: 'f' },
          Action: 'a:B',
          NotAction: 'c:D',
          Resource: 'r',
          NotResource: 'n',
          Condition: { StringEquals: { k: 'v', m: ['v1', 'v2'], e: [] } },
        }),
      ),
    ).toStrictEqual([
      'Effect: Deny',
      'Principal: AWS a1',
      'Principal: AWS a2',
      'Principal: Service s',
      'NotPrincipal: Federated f',
      'Action: a:B',
      'NotAction: c:D',
      'Resource: r',
      'NotResource: n',
      'Condition: StringEquals k = v',
      'Condition: StringEquals m = ["v1","v2"]',
      'Condition: StringEquals e = []',
    ]);
  });

  test('principal types are sorted even when the statement lists them unsorted', () => {
    const statement: Statement = { effect: 'Allow', principal: { Z: ['z'], A: ['a'] }, conditions: [] };
    expect(statementFacets(statement)).toStrictEqual(['Effect: Allow', 'Principal: A a', 'Principal: Z z']);
  });

  test('the any-principal reads as "*"; a "*" id of a named type keeps its type', () => {
    expect(statementFacets(allow({ Principal: '*', NotPrincipal: '*' }))).toStrictEqual([
      'Effect: Allow',
      'Principal: *',
      'NotPrincipal: *',
    ]);
    expect(statementFacets(allow({ Principal: { AWS: '*' } }))).toStrictEqual([
      'Effect: Allow',
      'Principal: AWS *',
    ]);
  });

  test('repeated facets appear once', () => {
    expect(statementFacets(allow({ Action: ['a:B', 'a:B'], Resource: [] }))).toStrictEqual([
      'Effect: Allow',
      'Action: a:B',
    ]);
  });
});

describe('policy diff', () => {
  const s3 = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
  const sqs = { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' };
  const sns = { Effect: 'Allow', Action: 'sns:Publish', Resource: '*' };

  test('no documents and equal documents give no changes', () => {
    expect(diffPolicies(undefined, undefined)).toStrictEqual([]);
    expect(diffPolicies(doc(s3, sqs), doc(s3, sqs))).toStrictEqual([]);
  });

  test('a new policy lists every statement as added, a deleted one as removed', () => {
    expect(diffPolicies(undefined, doc({ ...s3, Sid: 'Read' }, sqs))).toStrictEqual([
      {
        label: 'Sid "Read"',
        status: 'added',
        added: ['Effect: Allow', 'Action: s3:GetObject', 'Resource: *'],
        removed: [],
      },
      {
        label: 'statement 2',
        status: 'added',
        added: ['Effect: Allow', 'Action: sqs:SendMessage', 'Resource: *'],
        removed: [],
      },
    ]);
    expect(diffPolicies(doc(s3, sqs), undefined)).toStrictEqual([
      {
        label: 'statement 1',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: s3:GetObject', 'Resource: *'],
      },
      {
        label: 'statement 2',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: sqs:SendMessage', 'Resource: *'],
      },
    ]);
  });

  test('statements with the same Sid pair wherever they moved and report only their changed facets', () => {
    expect(
      diffPolicies(
        doc({ ...s3, Sid: 'A' }, { ...sqs, Sid: 'B' }),
        doc({ ...sqs, Sid: 'B', Effect: 'Deny' }, { ...s3, Sid: 'A' }),
      ),
    ).toStrictEqual([
      { label: 'Sid "B"', status: 'changed', added: ['Effect: Deny'], removed: ['Effect: Allow'] },
    ]);
  });

  test('a Sid-paired change is reported even when an identical statement without Sid exists', () => {
    expect(diffPolicies(doc({ ...s3, Sid: 'A' }, sqs), doc(sqs, { ...sqs, Sid: 'A' }))).toStrictEqual([
      {
        label: 'Sid "A"',
        status: 'changed',
        added: ['Action: sqs:SendMessage'],
        removed: ['Action: s3:GetObject'],
      },
    ]);
  });

  test('statements without Sid pair by identical content before position', () => {
    expect(diffPolicies(doc(s3, sqs), doc(sqs, s3))).toStrictEqual([]);
    expect(diffPolicies(doc(s3, sqs), doc(sns, s3))).toStrictEqual([
      {
        label: 'statement 1',
        status: 'changed',
        added: ['Action: sns:Publish'],
        removed: ['Action: sqs:SendMessage'],
      },
    ]);
  });

  test('identical content under different Sids is one statement removed and one added', () => {
    expect(diffPolicies(doc({ ...s3, Sid: 'Old' }), doc({ ...s3, Sid: 'New' }))).toStrictEqual([
      {
        label: 'Sid "New"',
        status: 'added',
        added: ['Effect: Allow', 'Action: s3:GetObject', 'Resource: *'],
        removed: [],
      },
      {
        label: 'Sid "Old"',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: s3:GetObject', 'Resource: *'],
      },
    ]);
  });

  test('a Sid added to an unchanged statement is one removed and one added, never a pairing by position', () => {
    expect(diffPolicies(doc(s3), doc({ ...sqs, Sid: 'X' }))).toStrictEqual([
      {
        label: 'Sid "X"',
        status: 'added',
        added: ['Effect: Allow', 'Action: sqs:SendMessage', 'Resource: *'],
        removed: [],
      },
      {
        label: 'statement 1',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: s3:GetObject', 'Resource: *'],
      },
    ]);
  });

  test('identical content pairs only with a statement of the same content, not a longer or shorter one', () => {
    const two = { Effect: 'Allow', Action: ['s3:GetObject', 'sqs:SendMessage'], Resource: '*' };
    expect(diffPolicies(doc(s3, two), doc(two))).toStrictEqual([
      {
        label: 'statement 1',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: s3:GetObject', 'Resource: *'],
      },
    ]);
    expect(diffPolicies(doc(two, s3), doc(s3))).toStrictEqual([
      {
        label: 'statement 1',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: s3:GetObject', 'Action: sqs:SendMessage', 'Resource: *'],
      },
    ]);
    const reordered = { Effect: 'Allow', Action: ['sqs:SendMessage', 's3:GetObject'], Resource: '*' };
    // Content pairing compares facets in order: the same actions in another order pair by position.
    expect(diffPolicies(doc(s3, two), doc(reordered))).toStrictEqual([
      { label: 'statement 1', status: 'changed', added: ['Action: sqs:SendMessage'], removed: [] },
      {
        label: 'statement 2',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: s3:GetObject', 'Action: sqs:SendMessage', 'Resource: *'],
      },
    ]);
  });

  test('a statement that gains a trailing facet is not identical content: it pairs by position', () => {
    const secure = { ...s3, Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    expect(diffPolicies(doc(sqs, s3), doc(secure))).toStrictEqual([
      {
        label: 'statement 1',
        status: 'changed',
        added: ['Action: s3:GetObject', 'Condition: Bool aws:SecureTransport = true'],
        removed: ['Action: sqs:SendMessage'],
      },
      {
        label: 'statement 2',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: s3:GetObject', 'Resource: *'],
      },
    ]);
  });

  test('changes come in the after document order, removals last in the before order', () => {
    expect(
      diffPolicies(
        doc({ ...s3, Sid: 'A' }, { ...sqs, Sid: 'R1' }, { ...sns, Sid: 'R2' }),
        doc({ ...sns, Sid: 'N' }, { ...s3, Sid: 'A', Effect: 'Deny' }),
      ),
    ).toStrictEqual([
      {
        label: 'Sid "N"',
        status: 'added',
        added: ['Effect: Allow', 'Action: sns:Publish', 'Resource: *'],
        removed: [],
      },
      { label: 'Sid "A"', status: 'changed', added: ['Effect: Deny'], removed: ['Effect: Allow'] },
      {
        label: 'Sid "R1"',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: sqs:SendMessage', 'Resource: *'],
      },
      {
        label: 'Sid "R2"',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: sns:Publish', 'Resource: *'],
      },
    ]);
  });

  test('a removed statement is labelled by its place in the before document', () => {
    expect(diffPolicies(doc({ ...s3, Sid: 'A' }, sqs), doc({ ...s3, Sid: 'A' }))).toStrictEqual([
      {
        label: 'statement 2',
        status: 'removed',
        added: [],
        removed: ['Effect: Allow', 'Action: sqs:SendMessage', 'Resource: *'],
      },
    ]);
  });

  test('a change that only adds or only removes facets is still reported', () => {
    expect(
      diffPolicies(doc(s3), doc({ ...s3, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })),
    ).toStrictEqual([
      {
        label: 'statement 1',
        status: 'changed',
        added: ['Condition: Bool aws:SecureTransport = true'],
        removed: [],
      },
    ]);
    expect(diffPolicies(doc({ ...s3, NotResource: 'n' }), doc(s3))).toStrictEqual([
      { label: 'statement 1', status: 'changed', added: [], removed: ['NotResource: n'] },
    ]);
  });
});
