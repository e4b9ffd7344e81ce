/**
 * A list that V8 grew by `push` keeps room for at least 17 items (~150 bytes of backing store) however few
 * it holds. Lists that live as long as a review (normalised policy elements, derived access) are copied to
 * their exact size once built, so the collector copies less on every scavenge (bench/NOTES.md, section 4).
 */
export function fitted<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}
