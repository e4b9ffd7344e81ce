/**
 * "Did you mean …?" for a mistyped key: a suggestion only when it is likely right, none otherwise (a wrong
 * suggestion misleads more than none). Pure; shared by the constructs' prop checks, the add-on catalog
 * checks and (through the same data) the modules and the CLI.
 */
import { closest } from '../iam/action-catalog';

/** Lower case without "-", "_", "." and spaces: `EBS-CSI`, `ebs_csi` and `ebsCsi` compare equal. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_. ]/g, '');
}

/** A name (a key, or another name people use for it) and the key it stands for. */
export interface NameOf {
  readonly name: string;
  readonly key: string;
}

/** Shortest name that may match inside a longer one (`alb` in `albController`). */
const MIN_CONTAINED = 3;

/**
 * The key `word` most likely means, in this order:
 * 1. a key or other name equal to it ignoring case and separators (`ebs-csi` → `ebsCsiDriver` via its
 *    alias `ebs-csi`; `attachPolicyARNs` → `attachPolicyArns`);
 * 2. a key or name one edit away per eight characters (at least one): `thumbprint` → `thumbprints`;
 * 3. names that contain it or that it contains (at least 3 characters: `karpenter` → `karpenterController`,
 *    `albController` → alias `alb`, `roleArn` → `attachRoleArn`), when they all name one key; when they name
 *    several, only those the shorter of the two makes up at least half of, then the closest of them by edit
 *    distance (`external` → `externalDns`, but `aws`, in the names of 13 add-ons, suggests nothing);
 * 4. the key or name closest by edit distance, if at most one edit per four characters (at least one);
 * 5. nothing.
 */
export function suggestKey(
  word: string,
  keys: readonly string[],
  others: readonly NameOf[] = [],
): string | undefined {
  if (typeof word !== 'string' || word === '') return undefined;
  const names: NameOf[] = [...keys.map((key) => ({ name: key, key })), ...others];
  const w = normalizeName(word);
  const equal = names.find((n) => normalizeName(n.name) === w);
  if (equal) return equal.key;
  const normalized = names.map((n) => normalizeName(n.name));
  // A slip of a letter or two in a long name, before names that merely contain or are contained in it.
  const slip = byName(names, closest(w, normalized, Math.max(1, Math.floor(w.length / 8))));
  if (slip !== undefined) return slip;
  const contained = names.filter((n) => {
    const m = normalizeName(n.name);
    return (m.includes(w) && w.length >= MIN_CONTAINED) || (w.includes(m) && m.length >= MIN_CONTAINED);
  });
  const containedKeys = new Set(contained.map((n) => n.key));
  if (containedKeys.size === 1) return contained[0].key;
  if (containedKeys.size > 1) {
    const halves = contained
      .map((n) => normalizeName(n.name))
      .filter((m) => 2 * Math.min(m.length, w.length) >= Math.max(m.length, w.length));
    return halves.length === 0 ? undefined : byName(names, closest(w, halves));
  }
  return byName(names, closest(w, normalized, Math.max(1, Math.floor(w.length / 4))));
}

function byName(names: readonly NameOf[], normalized: string | undefined): string | undefined {
  return normalized === undefined ? undefined : names.find((n) => normalizeName(n.name) === normalized)?.key;
}

/** ` Did you mean "x"?` or nothing. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` Did you mean ${JSON.stringify(suggestion)}?`;
}
