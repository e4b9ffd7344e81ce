/**
 * Kubernetes service-account subjects as they appear in the `sub` claim of a projected token:
 * `system:serviceaccount:<namespace>:<name>`.
 * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 */

export const SERVICE_ACCOUNT_SUBJECT_PREFIX = 'system:serviceaccount:';

/** The web-identity audience the EKS pod identity webhook requests by default. */
export const DEFAULT_AUDIENCE = 'sts.amazonaws.com';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** Splits `"namespace:name"`; undefined when the text does not have exactly one `:` with text on each side. */
export function parseServiceAccountRef(text: string): ServiceAccountRef | undefined {
  const parts = text.split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0], name: parts[1] };
}

export function formatServiceAccountRef(ref: ServiceAccountRef): string {
  return `${ref.namespace}:${ref.name}`;
}

/** The token `sub` claim of a service account. */
export function serviceAccountSubject(ref: ServiceAccountRef): string {
  return `${SERVICE_ACCOUNT_SUBJECT_PREFIX}${ref.namespace}:${ref.name}`;
}

/** True when the text holds an IAM `StringLike` wildcard (`*` or `?`). */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
