/**
 * Semantic versions (https://semver.org/spec/v2.0.0.html) and the Terraform version constraints the
 * generated modules use (`>= 5.0, < 7.0`, `~> 2.20`), enough to tell whether a mirrored provider fits.
 */

/** The official semver 2.0.0 grammar: MAJOR.MINOR.PATCH, optional -prerelease and +build. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** True when `version` is a semantic version such as `1.2.3` or `1.2.3-rc.1` (no leading `v`). */
export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

/** Throws one clear error unless `version` is a semantic version. */
export function assertSemver(version: string): void {
  if (isSemver(version)) return;
  const hint = /^v\d/.test(version)
    ? ` (drop the leading "v": the tag is v<version>, the version is ${version.slice(1)})`
    : '';
  throw new Error(
    `version "${version}" is not a semantic version: expected MAJOR.MINOR.PATCH such as 0.2.0 or 1.0.0-rc.1${hint}`,
  );
}

/** Numeric MAJOR.MINOR.PATCH of a version (missing parts are 0; prerelease and build ignored). */
function parts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version
    .split(/[-+]/)[0]
    .split('.')
    .map((n) => Number(n));
  return [major, minor, patch];
}

/** Compares two versions by MAJOR.MINOR.PATCH: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** True when `version` satisfies every comma-separated part of a Terraform version constraint. */
export function satisfiesConstraint(version: string, constraint: string): boolean {
  return constraint
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0)
    .every((c) => {
      const match = /^(>=|<=|!=|~>|>|<|=)?\s*v?(\d+(?:\.\d+){0,2})$/.exec(c);
      if (!match) throw new Error(`unsupported version constraint "${c}" in "${constraint}"`);
      const [, op = '=', bound] = match;
      const cmp = compareVersions(version, bound);
      switch (op) {
        case '>=':
          return cmp >= 0;
        case '>':
          return cmp > 0;
        case '<=':
          return cmp <= 0;
        case '<':
          return cmp < 0;
        case '!=':
          return cmp !== 0;
        case '~>': {
          // ~> 1.2 allows 1.x from 1.2; ~> 1.2.3 allows 1.2.x from 1.2.3: the last given part may grow.
          const given = bound.split('.').map(Number);
          const upper = given.slice(0, Math.max(given.length - 1, 1));
          upper[upper.length - 1] += 1;
          return cmp >= 0 && compareVersions(version, upper.join('.')) < 0;
        }
        default:
          return cmp === 0;
      }
    });
}
