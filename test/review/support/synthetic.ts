/** Synthetic plans built in code: for edge cases terraform cannot produce here and for size tests. */
import type { RawPlan, RawResourceChange } from '../../../src/review/plan/types';

export const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/SYNTH000000000000000000000000000';
export const PROVIDER_ARN = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;

export function trustJson(condition?: Record<string, Record<string, string | string[]>>): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER_ARN },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
}

export function roleChange(
  name: string,
  trust: string | null,
  extra: Partial<RawResourceChange['change']> = {},
): RawResourceChange {
  return {
    address: `aws_iam_role.${name}`,
    mode: 'managed',
    type: 'aws_iam_role',
    name,
    change: {
      actions: ['create'],
      before: null,
      after: { name, assume_role_policy: trust, inline_policy: [], managed_policy_arns: [] },
      after_unknown: { arn: true, id: true, ...(trust === null ? { assume_role_policy: true } : {}) },
      before_sensitive: false,
      after_sensitive: { inline_policy: [], managed_policy_arns: [] },
      ...extra,
    },
  };
}

export function plan(changes: RawResourceChange[]): RawPlan {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: {} },
    resource_changes: changes,
    configuration: { root_module: {} },
  };
}

/**
 * `count` roles: every 10th without a :sub condition (high + medium findings), the rest correct,
 * plus an unrelated resource per role so "other" types are exercised.
 */
export function manyRoles(count: number): RawPlan {
  const changes: RawResourceChange[] = [];
  for (let i = 0; i < count; i++) {
    const name = `role_${String(i).padStart(5, '0')}`;
    const condition =
      i % 10 === 0
        ? undefined
        : {
            StringEquals: {
              [`${ISSUER}:sub`]: `system:serviceaccount:ns${i % 7}:sa-${i}`,
              [`${ISSUER}:aud`]: 'sts.amazonaws.com',
            },
          };
    changes.push(roleChange(name, trustJson(condition)));
    changes.push({
      address: `aws_s3_bucket.b_${i}`,
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: `b_${i}`,
      change: {
        actions: ['create'],
        before: null,
        after: { bucket: `bucket-${i}`, tags: { team: 'x'.repeat(400) } },
        after_unknown: { arn: true },
      },
    });
  }
  return plan(changes);
}
