/**
 * Readable, deterministic IAM role names (`roleNaming: "readable"`): what the role is for, then a short
 * hash of what makes it unique in the account, so that two stacks or two clusters with the same
 * namespace and service account never collide (IAM role names are unique per account, case-insensitively).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
import { createHash } from 'node:crypto';
import { Fn, Token } from 'cdktf';

/** IAM's role-name limit. */
export const ROLE_NAME_MAX_LENGTH = 64;
/** Hex characters of the hash suffix. */
export const ROLE_NAME_HASH_LENGTH = 8;

export interface ReadableRoleNameInput {
  /** What the role is for, e.g. `"kube-system-external-dns"`; sanitized and shortened to fit. */
  readonly label: string;
  /** The construct path (it starts with the stack's id). */
  readonly constructPath: string;
  /** The trusted OIDC providers' ARNs (literal or Terraform tokens; their order does not matter). */
  readonly providerArns: readonly string[];
}

/**
 * `<label>-<hash>`: the label keeps IAM's role-name characters (`[\w+=,.@-]`, anything else becomes
 * `-`), is cut so the whole name fits 64 characters, and the hash is the first 8 hex digits of the SHA-256 of
 * the construct path and the sorted provider ARNs, one per line. With a provider ARN that is a Terraform
 * token the same hash is computed by Terraform (`sha256`, `sort`, `substr`), so the name is still
 * deterministic, just known only once the ARN is.
 */
export function readableRoleName(input: ReadableRoleNameInput): string {
  const prefix = `${roleNameLabel(input.label)}-`;
  if (input.providerArns.some((arn) => Token.isUnresolved(arn))) {
    const hashed = Fn.sha256(
      Fn.join('\n', Fn.concat([[input.constructPath], Fn.sort([...input.providerArns])])),
    );
    return Fn.join('', [prefix, Fn.substr(hashed, 0, ROLE_NAME_HASH_LENGTH)]);
  }
  const text = [input.constructPath, ...[...input.providerArns].sort()].join('\n');
  return prefix + createHash('sha256').update(text).digest('hex').slice(0, ROLE_NAME_HASH_LENGTH);
}

/** The label part: valid role-name characters only, at most 64 − 9 long, never empty. */
export function roleNameLabel(label: string): string {
  const max = ROLE_NAME_MAX_LENGTH - ROLE_NAME_HASH_LENGTH - 1;
  const clean = label
    .replace(/[^\w+=,.@-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, max)
    .replace(/^[-.]+|[-.]+$/g, '');
  return clean === '' ? 'irsa' : clean;
}
