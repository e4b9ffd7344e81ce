/**
 * `arnField` reads one colon-separated field of an ARN without splitting it (the permission rules read
 * the partition, region and account of every resource ARN of every changed policy): it must give what
 * `split(':')[n]` gives, on any text.
 */
import fc from 'fast-check';
import { arnField } from '../../src/iam/permissions';

describe('arnField', () => {
  test('equals split(":")[n] on ARNs, short ARNs and colon runs', () => {
    for (const arn of ['arn:aws:iam::123456789012:role/x', 'arn:aws-cn:*', 'arn:', 'arn::', 'a:b:c:d:e:f:g'])
      for (let n = 0; n < 7; n++) expect(arnField(arn, n)).toBe(arn.split(':')[n]);
  });

  test('equals split(":")[n] on random texts (seeded)', () => {
    const text = fc.array(fc.constantFrom('a', ':', '*', 'b', '-'), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 6 }), (s, n) => arnField(s, n) === s.split(':')[n]),
      { seed: 28, numRuns: 5000 },
    );
  });
});
