/**
 * Every validation rule against independent vectors (test/support/rule-vectors.ts: Kubernetes
 * apimachinery's own test tables, IAM's documented patterns and quotas) through the pure prop validators:
 * no Terraform, no construct tree. test/core/rule-vectors-constructs.test.ts runs the same tables through
 * the constructs, test/modules/rule-vectors.test.ts through the modules' validation blocks.
 */
import { OidcProvider } from '../../src';
import * as V from '../support/rule-vectors';
import { NUMBER_USES, STRING_USES, mismatches } from '../support/rule-uses';

describe('rule vectors: src/validation validators', () => {
  for (const [rule, vectors, uses] of STRING_USES) {
    test.each(uses.map((u) => [u.label, u] as const))(`${rule}: %s`, (_label, use) => {
      expect(mismatches(vectors, use, 'validator')).toEqual([]);
    });
  }
  for (const [rule, vectors, uses] of NUMBER_USES) {
    test.each(uses.map((u) => [u.label, u] as const))(`${rule}: %s`, (_label, use) => {
      expect(mismatches(vectors, use, 'validator')).toEqual([]);
    });
  }
});

describe('rule vectors: OidcProvider.fromArn', () => {
  test('accepts and refuses the OIDC provider ARN vectors', () => {
    const wrong: string[] = [];
    for (const arn of V.OIDC_PROVIDER_ARN.accept) {
      try {
        expect(OidcProvider.fromArn(arn).arn).toBe(arn);
      } catch (e) {
        wrong.push(`accept ${arn}: ${String(e)}`);
      }
    }
    for (const arn of V.OIDC_PROVIDER_ARN.refuse) {
      let threw = false;
      try {
        OidcProvider.fromArn(arn);
      } catch {
        threw = true;
      }
      if (!threw) wrong.push(`refuse ${arn}: accepted`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('rule vectors: the tables themselves', () => {
  const all = [...STRING_USES.map(([, v]) => v), ...NUMBER_USES.map(([, v]) => v), V.OIDC_PROVIDER_ARN];
  test('every table has accepted and refused values and names its source', () => {
    for (const v of all) {
      expect(v.source.length).toBeGreaterThan(10);
      expect(v.accept.length).toBeGreaterThan(2);
      expect(v.refuse.length).toBeGreaterThan(2);
    }
  });
  test('the loosened-label mutant input is in the namespace table', () => {
    expect(V.DNS_LABEL.refuse).toContain('bad-');
  });
});
