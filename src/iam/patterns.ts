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

let rowA = new Uint8Array(256);
let rowB = new Uint8Array(256);

/** The characters before the first wildcard. */
function literalHead(pattern: string): string {
  let i = 0;
  while (i < pattern.length && pattern[i] !== '*' && pattern[i] !== '?') i++;
  return pattern.slice(0, i);
}

/** The characters after the last wildcard. */
function literalTail(pattern: string): string {
  let i = pattern.length;
  while (i > 0 && pattern[i - 1] !== '*' && pattern[i - 1] !== '?') i--;
  return pattern.slice(i);
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
  // Outer's literal head and tail can only be covered by the same characters of inner, one for one:
  // checking them first gives the same answer as the table below, without building it.
  const head = literalHead(outer);
  if (!inner.startsWith(head) || !inner.endsWith(literalTail(outer))) return false;
  // dp[j] = outer[0..i) covers inner[0..j); two rows, shared between calls, so the GC is not churned.
  if (rowA.length <= inner.length) {
    rowA = new Uint8Array(inner.length + 1);
    rowB = new Uint8Array(inner.length + 1);
  }
  let prev = rowA;
  let cur = rowB;
  prev.fill(0, 0, inner.length + 1);
  prev[0] = 1;
  for (let i = 1; i <= outer.length; i++) {
    const o = outer[i - 1];
    cur[0] = o === '*' ? prev[0] : 0;
    for (let j = 1; j <= inner.length; j++) {
      const c = inner[j - 1];
      if (o === '*') {
        cur[j] = prev[j] | cur[j - 1];
      } else if (o === '?') {
        cur[j] = prev[j - 1] && c !== '*' ? 1 : 0;
      } else {
        cur[j] = prev[j - 1] && c === o ? 1 : 0;
      }
    }
    [prev, cur] = [cur, prev];
  }
  return prev[inner.length] === 1;
}

/** True when some string matches both patterns (used to tell whether a Deny can touch an Allow). */
export function patternsOverlap(a: string, b: string): boolean {
  // A literal overlaps a pattern exactly when the pattern matches it.
  if (!hasWildcard(a)) return wildcardMatch(b, a);
  if (!hasWildcard(b)) return wildcardMatch(a, b);
  // Iterative DP over suffixes (no recursion: patterns may be thousands of characters long).
  // next[j] = a[i+1..] and b[j..] share a string; cur[j] the same for a[i..].
  const m = b.length;
  let next = new Uint8Array(m + 1);
  let cur = new Uint8Array(m + 1);
  // Row i = a.length: only b's trailing stars can match the empty rest.
  next[m] = 1;
  for (let j = m - 1; j >= 0; j--) next[j] = b[j] === '*' && next[j + 1] ? 1 : 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const x = a[i];
    cur[m] = x === '*' && next[m] ? 1 : 0;
    for (let j = m - 1; j >= 0; j--) {
      const y = b[j];
      let r: boolean;
      if (x === '*') r = next[j] === 1 || cur[j + 1] === 1;
      else if (y === '*') r = cur[j + 1] === 1 || next[j] === 1;
      else r = (x === '?' || y === '?' || x === y) && next[j + 1] === 1;
      cur[j] = r ? 1 : 0;
    }
    [next, cur] = [cur, next];
  }
  return next[0] === 1;
}
