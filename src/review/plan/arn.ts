/** Role ARNs: `arn:<partition>:iam::<account>:role/<path/><name>`. */
const ROLE_ARN = /^arn:([^:]+):iam::([^:]*):role\/(?:.*\/)?([^/]+)$/;

export function roleArnParts(arn: string): { partition: string; account: string; name: string } | undefined {
  const m = ROLE_ARN.exec(arn);
  return m ? { partition: m[1], account: m[2], name: m[3] } : undefined;
}

/** The role name at the end of a role ARN (paths allowed), or undefined. */
export function roleNameFromArn(arn: string): string | undefined {
  return roleArnParts(arn)?.name;
}

/** The account of a role: from its ARN, else from the OIDC provider ARNs its trust names (same account). */
export function roleAccount(role: {
  arnAfter?: string;
  arnBefore?: string;
  trust: { before: { state: string }; after: { state: string } };
}): string | undefined {
  for (const arn of [role.arnAfter, role.arnBefore]) {
    const parts = arn ? roleArnParts(arn) : undefined;
    if (parts && parts.account) return parts.account;
  }
  for (const side of [role.trust.after, role.trust.before]) {
    const doc = (side as { document?: { statements: { principal?: Record<string, string[]> }[] } }).document;
    for (const s of doc?.statements ?? [])
      for (const arn of s.principal?.['Federated'] ?? []) {
        const m = /^arn:[^:]+:iam::(\d{12}):oidc-provider\//.exec(arn);
        if (m) return m[1];
      }
  }
  return undefined;
}
