/**
 * Readable, deterministic IAM role names (`roleNaming: "readable"`): what the role is for, then a short
 * hash of what identifies the role to the user, so that two stacks with the same namespace and service
 * account never collide (IAM role names are unique per account, case-insensitively).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 *
 * The name depends on nothing a documented change alters: not on the trusted OIDC providers, the Pod
 * Identity clusters, the identity mode or the trusted service accounts of an `IrsaRole`. Changing the name of
 * a deployed role replaces it, and pods lose AWS access until they point at the new one.
 */
import { createHash } from 'node:crypto';

/** IAM's role-name limit. */
export const ROLE_NAME_MAX_LENGTH = 64;
/** Hex characters of the hash suffix. */
export const ROLE_NAME_HASH_LENGTH = 8;

export interface ReadableRoleNameInput {
  /**
   * What the role is for, as the user named it: `"<namespace>-<name>"` of an `IamServiceAccount`'s service
   * account, or the construct's id; sanitized and shortened to fit.
   */
  readonly label: string;
  /** The construct path (it starts with the stack's id). */
  readonly constructPath: string;
}

/**
 * `<label>-<hash>`: the label keeps IAM's role-name characters (`[\w+=,.@-]`, anything else becomes
 * `-`), is cut so the whole name fits 64 characters, and the hash is the first 8 hex digits of the SHA-256 of
 * the construct path and the label as given, one per line. Both are known at synth, so the name is too.
 */
export function readableRoleName(input: ReadableRoleNameInput): string {
  const text = `${input.constructPath}\n${input.label}`;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, ROLE_NAME_HASH_LENGTH);
  return `${roleNameLabel(input.label)}-${hash}`;
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
