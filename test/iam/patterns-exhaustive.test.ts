/**
 * The IAM wildcard helpers against brute force over every small case: all patterns of up to 3 characters
 * over {a, b, ?, *} and all strings of up to 4 characters over {a, b}. `*` matches any run, `?` one character
 * (IAM StringLike). Overlap must be exact; containment must be sound (never claim a containment that a
 * string refutes) and exact for literals.
 */
import { hasWildcard, patternContains, patternsOverlap, wildcardMatch } from '../../src/iam/patterns';

function words(alphabet: string[], maxLength: number): string[] {
  const out = [''];
  let layer = [''];
  for (let n = 1; n <= maxLength; n++) {
    layer = layer.flatMap((w) => alphabet.map((c) => w + c));
    out.push(...layer);
  }
  return out;
}

/** Reference glob match by regular expression (independent of the two-pointer matcher). */
const reference = (pattern: string, text: string): boolean =>
  new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('')}$`, 's').test(
    text,
  );

const PATTERNS = words(['a', 'b', '?', '*'], 3);
const STRINGS = words(['a', 'b'], 4);

test('wildcardMatch agrees with the reference on every small case, and ignoreCase folds case', () => {
  let matched = 0;
  for (const p of PATTERNS) {
    for (const s of STRINGS) {
      expect({ p, s, m: wildcardMatch(p, s) }).toEqual({ p, s, m: reference(p, s) });
      if (reference(p, s)) matched++;
    }
  }
  expect(matched).toBeGreaterThan(300);
  expect(wildcardMatch('A?C*', 'abcdef', true)).toBe(true);
  expect(wildcardMatch('A?C*', 'abcdef')).toBe(false);
  expect(wildcardMatch('abc', 'ABC', true)).toBe(true);
});

test('patternsOverlap is exact: true iff some string matches both', () => {
  let overlaps = 0;
  for (const a of PATTERNS) {
    for (const b of PATTERNS) {
      // A common witness, if any, has at most len(a) + len(b) characters; 4 covers patterns of length 3.
      const brute = STRINGS.some((s) => reference(a, s) && reference(b, s));
      expect({ a, b, overlap: patternsOverlap(a, b) }).toEqual({ a, b, overlap: brute });
      if (brute) overlaps++;
    }
  }
  expect(overlaps).toBeGreaterThan(500);
});

test('patternContains is sound, and exact where the inner pattern is a literal', () => {
  let claimed = 0;
  for (const outer of PATTERNS) {
    for (const inner of PATTERNS) {
      const contained = patternContains(outer, inner);
      const refuted = STRINGS.some((s) => reference(inner, s) && !reference(outer, s));
      if (contained) {
        claimed++;
        expect({ outer, inner, refuted }).toEqual({ outer, inner, refuted: false });
      }
      if (!hasWildcard(inner))
        expect({ outer, inner, contained }).toEqual({ outer, inner, contained: reference(outer, inner) });
    }
  }
  expect(claimed).toBeGreaterThan(200);
  // Complete on the usual shapes: a pattern covers its own refinements.
  expect(patternContains('*', '?*')).toBe(true);
  expect(patternContains('a*', 'a?*')).toBe(true);
  expect(patternContains('?*', 'a*')).toBe(true);
  expect(patternContains('??', 'a?')).toBe(true);
  expect(patternContains('a?', 'a?')).toBe(true);
  expect(patternContains('*a', '?a')).toBe(true);
  expect(patternContains('?', '*')).toBe(false);
  expect(patternContains('a', '?')).toBe(false);
});

test('hasWildcard', () => {
  expect([hasWildcard('a'), hasWildcard('*'), hasWildcard('?'), hasWildcard('a*b'), hasWildcard('')]).toEqual(
    [false, true, true, true, false],
  );
});
