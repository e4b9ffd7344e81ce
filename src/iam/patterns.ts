/**
 * IAM wildcard patterns (`*` = any run of characters, `?` = exactly one), matched without regexes so
 * a hostile pattern cannot cause catastrophic backtracking: the greedy two-pointer match is linear in
 * practice and never exponential.
 */

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** True when `text` matches the IAM wildcard `pattern`. */
export function wildcardMatch(pattern: string, text: string, ignoreCase = false): boolean {
  if (ignoreCase) {
    pattern = pattern.toLowerCase();
    text = text.toLowerCase();
  }
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === text[t]))) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * True when every string that `inner` matches is also matched by `outer` (pattern containment).
 * `inner` is read as a word over literals, `?` and `*`: a literal is covered by the same literal, `?` or
 * `*`; `?` by `?` or `*`; `*` only by `*`. That is sound (never claims a containment that does not
 * hold), which is the safe direction for "did access widen?".
 */
export function patternContains(outer: string, inner: string): boolean {
  // Fast paths (most subjects are exact): a literal covers only itself, and a literal is covered by
  // whatever matches it. Both are exactly what the general algorithm below computes.
  if (!hasWildcard(inner)) return wildcardMatch(outer, inner);
  if (!hasWildcard(outer)) return false;
  // dp[j] = outer[0..i) covers inner[0..j); two rows, reused, so long plans do not churn the GC.
  let prev: boolean[] = new Array<boolean>(inner.length + 1).fill(false);
  let cur: boolean[] = new Array<boolean>(inner.length + 1).fill(false);
  prev[0] = true;
  for (let i = 1; i <= outer.length; i++) {
    const o = outer[i - 1];
    cur[0] = o === '*' ? prev[0] : false;
    for (let j = 1; j <= inner.length; j++) {
      const c = inner[j - 1];
      if (o === '*') {
        cur[j] = prev[j] || cur[j - 1];
      } else if (o === '?') {
        cur[j] = prev[j - 1] && c !== '*';
      } else {
        cur[j] = prev[j - 1] && c === o;
      }
    }
    [prev, cur] = [cur, prev];
  }
  return prev[inner.length];
}

/** True when some string matches both patterns (used to tell whether a Deny can touch an Allow). */
export function patternsOverlap(a: string, b: string): boolean {
  // A literal overlaps a pattern exactly when the pattern matches it.
  if (!hasWildcard(a)) return wildcardMatch(b, a);
  if (!hasWildcard(b)) return wildcardMatch(a, b);
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === a.length && j === b.length) result = true;
    else if (i < a.length && a[i] === '*') result = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (j < b.length && b[j] === '*') result = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else if (i === a.length || j === b.length) result = false;
    else result = (a[i] === '?' || b[j] === '?' || a[i] === b[j]) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}
