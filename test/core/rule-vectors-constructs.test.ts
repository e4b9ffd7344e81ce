/**
 * The independent rule vectors (test/support/rule-vectors.ts) through the constructs themselves
 * (IrsaRole, IamServiceAccount): a refused value throws an IrsaValidationError naming the prop.
 */
import { NUMBER_USES, STRING_USES, mismatches } from '../support/rule-uses';

describe('rule vectors: constructs', () => {
  for (const [rule, vectors, uses] of STRING_USES) {
    test.each(uses.map((u) => [u.label, u] as const))(`${rule}: %s`, (_label, use) => {
      expect(mismatches(vectors, use, 'construct')).toEqual([]);
    });
  }
  for (const [rule, vectors, uses] of NUMBER_USES) {
    test.each(uses.map((u) => [u.label, u] as const))(`${rule}: %s`, (_label, use) => {
      expect(mismatches(vectors, use, 'construct')).toEqual([]);
    });
  }
});
