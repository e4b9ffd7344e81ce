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
