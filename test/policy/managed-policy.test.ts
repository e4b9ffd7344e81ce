/**
 * The role's customer-managed policy (`managedPolicy`) as pure functions: which parts it merges, in which
 * order, the first Sid two parts share (IAM refuses a policy whose Sids repeat:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html), and the merged
 * document's Version and Id.
 */
import type { PolicyDocument, PolicyStatement } from '../../src/policy/document';
import {
  managedPolicyDocument,
  managedPolicyParts,
  sharedSid,
  statementsOf,
} from '../../src/policy/managed-policy';

const allow = (sid: string | undefined, action = 's3:GetObject'): PolicyStatement =>
  sid === undefined
    ? { Effect: 'Allow', Action: action, Resource: '*' }
    : { Sid: sid, Effect: 'Allow', Action: action, Resource: '*' };
const addon = (key: string, statements: PolicyStatement[]) => ({ key, managedPolicyArns: [], statements });
const part = (source: string, sids: (string | undefined)[]) => ({
  source,
  statements: sids.map((s) => allow(s)),
});
const notToken = () => false;

describe('statementsOf', () => {
  test('a list of statements is returned as it is', () => {
    const statements = [allow('A'), allow('B')];
    expect(statementsOf({ Version: '2012-10-17', Statement: statements })).toBe(statements);
  });

  test('one statement object (IAM accepts it) becomes a list of one', () => {
    const one = allow('A');
    expect(statementsOf({ Version: '2012-10-17', Statement: one as unknown as PolicyStatement[] })).toEqual([
      one,
    ]);
  });

  test('no Statement at all is no statements', () => {
    expect(statementsOf({ Version: '2012-10-17' } as PolicyDocument)).toEqual([]);
  });
});

describe('managedPolicyParts', () => {
  const inline: PolicyDocument = { Version: '2012-10-17', Statement: [allow('Inline')] };

  test('the inline document first, then each add-on with statements, in the order given', () => {
    const parts = managedPolicyParts(inline, [
      addon('externalDns', [allow('Dns')]),
      addon('velero', [allow('V')]),
    ]);
    expect(parts.map((p) => p.source)).toEqual([
      'inlinePolicy',
      'wellKnownPolicies.externalDns',
      'wellKnownPolicies.velero',
    ]);
    expect(parts[0]?.statements).toEqual([allow('Inline')]);
    expect(parts[2]?.statements).toEqual([allow('V')]);
  });

  test('an add-on that only attaches managed policies (no statements) is no part', () => {
    const parts = managedPolicyParts(undefined, [addon('vpcCni', []), addon('externalDns', [allow('Dns')])]);
    expect(parts).toEqual([{ source: 'wellKnownPolicies.externalDns', statements: [allow('Dns')] }]);
  });

  test('no inline document (or one known only at apply) and no add-ons: no parts', () => {
    expect(managedPolicyParts(undefined, [])).toEqual([]);
  });

  test('an inline document with no statements is still a part (its Version and Id are kept)', () => {
    expect(managedPolicyParts({ Version: '2012-10-17', Statement: [] }, [])).toEqual([
      { source: 'inlinePolicy', statements: [] },
    ]);
  });
});

describe('sharedSid', () => {
  test('the first Sid two parts share, with both parts, first owner first', () => {
    const parts = [part('inlinePolicy', ['A', 'B']), part('wellKnownPolicies.x', ['C', 'B', 'A'])];
    expect(sharedSid(parts, notToken)).toEqual({
      sid: 'B',
      first: 'inlinePolicy',
      second: 'wellKnownPolicies.x',
    });
  });

  test('the owner is the first part that used the Sid, not the last', () => {
    const parts = [part('p1', ['S']), part('p2', ['T']), part('p3', ['S'])];
    expect(sharedSid(parts, notToken)).toEqual({ sid: 'S', first: 'p1', second: 'p3' });
  });

  test('a Sid repeated inside one part is not shared between parts', () => {
    expect(sharedSid([part('p1', ['S', 'S']), part('p2', ['T'])], notToken)).toBeUndefined();
  });

  test('a Sid repeated inside the first part and then used by another part is shared', () => {
    expect(sharedSid([part('p1', ['S', 'S']), part('p2', ['S'])], notToken)).toEqual({
      sid: 'S',
      first: 'p1',
      second: 'p2',
    });
  });

  test('statements without a Sid, or with an empty one, never clash', () => {
    expect(sharedSid([part('p1', [undefined, '']), part('p2', [undefined, ''])], notToken)).toBeUndefined();
  });

  test('a Sid that is not a string is skipped', () => {
    const odd = { Sid: 7, Effect: 'Allow', Action: '*', Resource: '*' } as unknown as PolicyStatement;
    expect(
      sharedSid(
        [
          { source: 'p1', statements: [odd] },
          { source: 'p2', statements: [odd] },
        ],
        notToken,
      ),
    ).toBeUndefined();
  });

  test('Sids known only at apply (tokens) are skipped, the others still compared', () => {
    const isToken = (v: unknown) => typeof v === 'string' && v.startsWith('${');
    expect(sharedSid([part('p1', ['${TOKEN}']), part('p2', ['${TOKEN}'])], isToken)).toBeUndefined();
    expect(sharedSid([part('p1', ['${TOKEN}', 'K']), part('p2', ['${TOKEN}', 'K'])], isToken)).toEqual({
      sid: 'K',
      first: 'p1',
      second: 'p2',
    });
  });

  test('no parts, or distinct Sids: nothing shared', () => {
    expect(sharedSid([], notToken)).toBeUndefined();
    expect(sharedSid([part('p1', ['A']), part('p2', ['B'])], notToken)).toBeUndefined();
  });
});

describe('managedPolicyDocument', () => {
  const parts = [part('inlinePolicy', ['A']), part('wellKnownPolicies.x', ['B'])];

  test('all parts’ statements in order, Version 2012-10-17 when there is no inline document', () => {
    expect(managedPolicyDocument(undefined, parts)).toEqual({
      Version: '2012-10-17',
      Statement: [allow('A'), allow('B')],
    });
  });

  test("the inline document's Version is kept", () => {
    const inline = { Version: '2008-10-17', Statement: [] } as unknown as PolicyDocument;
    expect(managedPolicyDocument(inline, parts)).toEqual({
      Version: '2008-10-17',
      Statement: [allow('A'), allow('B')],
    });
  });

  test("the inline document's Id is kept, and no Id key when it has none", () => {
    const withId: PolicyDocument = { Version: '2012-10-17', Id: 'mine', Statement: [] };
    expect(managedPolicyDocument(withId, parts)).toEqual({
      Version: '2012-10-17',
      Id: 'mine',
      Statement: [allow('A'), allow('B')],
    });
    expect(Object.keys(managedPolicyDocument({ Version: '2012-10-17', Statement: [] }, parts))).toEqual([
      'Version',
      'Statement',
    ]);
  });

  test('an inline document without a Version gets 2012-10-17', () => {
    const noVersion = { Statement: [] } as unknown as PolicyDocument;
    expect(managedPolicyDocument(noVersion, [])).toEqual({ Version: '2012-10-17', Statement: [] });
  });
});
