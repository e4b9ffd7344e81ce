/**
 * The grant diff MIGRATION.md prints before adoption: eksctl's exact documents against the catalog's, and
 * seeded properties (regrouping is no change; added and removed swap when the sides do; a grant moved to
 * another resource or condition reads as one removed and one added).
 */
import fc from 'fast-check';
import { eksctlWellKnownDocument } from '../../src/cli/eksctl';
import { grantDiff, grantDiffLines } from '../../src/cli/policy-diff';
import type { PolicyDocument, PolicyStatement } from '../../src/policy/document';
import { wellKnownGrant } from '../../src/policy/well-known';
import { assertProperty } from '../support/property';

const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

describe('grantDiff on eksctl and catalog documents', () => {
  test("external-dns: eksctl's ListTagsForResource removed, the controller's ListTagsForResources added", () => {
    const eksctl = eksctlWellKnownDocument('PolicyExternalDNSHostedZones', 'aws') as PolicyDocument;
    const catalog = doc(wellKnownGrant({ externalDns: true }, 'aws').statements[1]);
    expect(grantDiffLines(grantDiff(eksctl, catalog))).toEqual([
      'removed: `route53:ListTagsForResource` on `*` (no condition)',
      'added: `route53:ListTagsForResources` on `*` (no condition)',
    ]);
  });

  test("cluster-autoscaler: the catalog regroups eksctl's grants without changing one", () => {
    const eksctl = eksctlWellKnownDocument('PolicyAutoScaling', 'aws') as PolicyDocument;
    const catalog = doc(...wellKnownGrant({ clusterAutoscaler: true }, 'aws').statements);
    expect(grantDiff(eksctl, catalog)).toEqual({ added: [], removed: [] });
  });

  test('conditions are part of a grant: the same action under a condition is another grant', () => {
    const open = doc({ Effect: 'Allow', Action: 'route53:ChangeResourceRecordSets', Resource: '*' });
    const txt = doc({
      Effect: 'Allow',
      Action: ['route53:ChangeResourceRecordSets'],
      Resource: '*',
      Condition: {
        'ForAllValues:StringEquals': { 'route53:ChangeResourceRecordSetsRecordTypes': ['TXT', 'CAA'] },
      },
    });
    expect(grantDiffLines(grantDiff(open, txt))).toEqual([
      'removed: `route53:ChangeResourceRecordSets` on `*` (no condition)',
      'added: `route53:ChangeResourceRecordSets` on `*` when `ForAllValues:StringEquals route53:ChangeResourceRecordSetsRecordTypes = TXT | CAA`',
    ]);
  });
});

describe('grantDiff properties (seeded)', () => {
  const action = fc.constantFrom('s3:GetObject', 's3:PutObject', 'ec2:DescribeTags', 'route53:GetChange');
  const resource = fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:route53:::change/*');
  const condition = fc.option(fc.constantFrom('a', 'b'), { nil: undefined });
  const statement = fc
    .record({
      actions: fc.uniqueArray(action, { minLength: 1, maxLength: 3 }),
      resources: fc.uniqueArray(resource, { minLength: 1, maxLength: 2 }),
      condition,
    })
    .map(({ actions, resources, condition: c }): PolicyStatement => ({
      Effect: 'Allow',
      Action: actions,
      Resource: resources,
      ...(c ? { Condition: { StringEquals: { 'aws:RequestTag/x': c } } } : {}),
    }));
  const document = fc.array(statement, { minLength: 1, maxLength: 4 }).map((s) => doc(...s));

  /** The same grants, one statement per (action, resource), in reverse order. */
  const exploded = (d: PolicyDocument): PolicyDocument =>
    doc(
      ...d.Statement.flatMap((s) =>
        (s.Action as string[]).flatMap((a) =>
          (s.Resource as string[]).map((r) => ({ ...s, Action: a, Resource: r })),
        ),
      ).reverse(),
    );

  test('regrouping the same grants is no change', () => {
    assertProperty(
      fc.property(document, (d) => {
        expect(grantDiff(d, exploded(d))).toEqual({ added: [], removed: [] });
      }),
      200,
    );
  });

  test('swapping the sides swaps added and removed', () => {
    assertProperty(
      fc.property(document, document, (a, b) => {
        const there = grantDiff(a, b);
        const back = grantDiff(b, a);
        expect(back.added).toEqual(there.removed);
        expect(back.removed).toEqual(there.added);
      }),
      200,
    );
  });

  test('a statement added to a document adds exactly its grants not already granted', () => {
    assertProperty(
      fc.property(document, statement, (d, s) => {
        const diff = grantDiff(d, doc(...d.Statement, s));
        expect(diff.removed).toEqual([]);
        for (const g of diff.added) {
          expect(s.Resource).toContain(g.resource);
          for (const a of g.actions) expect(s.Action).toContain(a);
        }
      }),
      200,
    );
  });
});
