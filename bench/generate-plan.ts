/**
 * Writes a synthetic but realistic `terraform show -json` plan with N resource changes, from a seed, so
 * every benchmark run reviews the same input: roles with trust policies (creates, updates that widen or
 * narrow, replacements, deletes), attachments, inline policies, ServiceAccounts annotated with role ARNs,
 * and unrelated resources.
 *
 * Usage: node dist/bench/generate-plan.js <count> <out.json> [seed]
 */
import * as fs from 'node:fs';

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNT = '111122223333';
const ISSUERS = Array.from(
  { length: 5 },
  (_, i) => `oidc.eks.us-east-1.amazonaws.com/id/CLUSTER${i}EXAMPLE0000000000000`,
);
const providerArn = (issuer: string) => `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}`;

function trustPolicy(issuer: string, subjects: string[], like: boolean): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn(issuer) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: like
          ? {
              StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' },
              StringLike: { [`${issuer}:sub`]: subjects },
            }
          : { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: subjects } },
      },
    ],
  });
}

function role(name: string, policy: string) {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    assume_role_policy: policy,
    description: `Role for ${name}`,
    force_detach_policies: false,
    max_session_duration: 3600,
    name,
    path: '/',
    permissions_boundary: null,
    tags: { team: 'platform', service: name },
    tags_all: { team: 'platform', service: name },
  };
}

type Change = Record<string, unknown>;

/**
 * `iamShare` scales the share of IAM-related changes: 1 (the default) gives 30% roles, 20% attachments,
 * 10% inline policies, 10% ServiceAccounts and 30% other resources; 0.2 gives a sixth of that.
 */
export function generatePlan(count: number, seed = 42, iamShare = 1): object {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const changes: Change[] = [];
  const change = (
    type: string,
    name: string,
    actions: string[],
    before: unknown,
    after: unknown,
    extra: object = {},
  ) =>
    changes.push({
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      provider_name: type.startsWith('kubernetes_')
        ? 'registry.terraform.io/hashicorp/kubernetes'
        : 'registry.terraform.io/hashicorp/aws',
      change: { actions, before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
      ...extra,
    });

  for (let i = 0; changes.length < count; i++) {
    const kind = random();
    const issuer = pick(ISSUERS);
    const name = `svc-${i}`;
    const subject = `system:serviceaccount:team-${i % 20}:${name}`;
    if (kind < 0.3 * iamShare) {
      const action = pick(['create', 'create', 'update', 'update', 'replace', 'delete'] as const);
      const before = role(name, trustPolicy(issuer, [subject], false));
      const widened = role(name, trustPolicy(issuer, [`system:serviceaccount:team-${i % 20}:*`], true));
      const after =
        action === 'update' && random() < 0.5
          ? widened
          : role(name, trustPolicy(issuer, [subject, `${subject}-b`], false));
      if (action === 'create') change('aws_iam_role', name, ['create'], null, after);
      else if (action === 'update') change('aws_iam_role', name, ['update'], before, after);
      else if (action === 'delete')
        change('aws_iam_role', name, ['delete'], before, null, {
          action_reason: 'delete_because_no_resource_config',
        });
      else
        change(
          'aws_iam_role',
          name,
          ['delete', 'create'],
          before,
          { ...after, path: '/irsa/' },
          { action_reason: 'replace_because_cannot_update', replace_paths: [['path']] },
        );
    } else if (kind < 0.5 * iamShare) {
      const arn = pick([
        'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
        `arn:aws:iam::${ACCOUNT}:policy/custom-${i}`,
        'arn:aws:iam::aws:policy/AdministratorAccess',
      ]);
      change('aws_iam_role_policy_attachment', name, ['create'], null, {
        policy_arn: arn,
        role: `svc-${i - 1}`,
      });
    } else if (kind < 0.6 * iamShare) {
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: pick([
              ['s3:GetObject', 's3:PutObject'],
              ['sqs:SendMessage'],
              ['s3:*'],
              ['dynamodb:GetItem', 'dynamodb:Query'],
            ]),
            Resource: `arn:aws:s3:::bucket-${i}/*`,
          },
        ],
      });
      change('aws_iam_role_policy', name, ['create'], null, {
        name: 'irsa-permissions',
        policy,
        role: `svc-${i - 2}`,
      });
    } else if (kind < 0.7 * iamShare) {
      const roleName = `svc-${Math.max(0, i - 3)}`;
      change('kubernetes_service_account_v1', name, ['create'], null, {
        automount_service_account_token: true,
        metadata: [
          {
            annotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::${ACCOUNT}:role/${roleName}` },
            labels: { app: name },
            name,
            namespace: `team-${i % 20}`,
          },
        ],
      });
    } else {
      const type = pick([
        'aws_s3_bucket',
        'aws_instance',
        'aws_security_group',
        'aws_sqs_queue',
        'aws_cloudwatch_log_group',
      ]);
      const body = {
        name: `${type}-${i}`,
        tags: { team: 'platform', index: String(i) },
        description: 'x'.repeat(200 + Math.floor(random() * 400)),
      };
      change(type, name, [pick(['create', 'update', 'no-op', 'delete'])], random() < 0.5 ? null : body, body);
    }
  }
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: {} },
    resource_changes: changes,
    configuration: { root_module: {} },
  };
}

/**
 * A linking-heavy plan: a quarter of the changes are new roles, a quarter ServiceAccounts annotated with
 * one of those roles (each one a link the reviewer checks against the role's trust), the rest unrelated
 * resources. With 10,000 changes: 2,500 links.
 */
export function generateLinkingPlan(count: number, seed = 42): object {
  const random = rng(seed);
  const changes: Change[] = [];
  const add = (type: string, name: string, after: unknown) =>
    changes.push({
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      provider_name: type.startsWith('kubernetes_')
        ? 'registry.terraform.io/hashicorp/kubernetes'
        : 'registry.terraform.io/hashicorp/aws',
      change: {
        actions: ['create'],
        before: null,
        after,
        after_unknown: type === 'aws_iam_role' ? { arn: true, id: true, unique_id: true } : { id: true },
        before_sensitive: false,
        after_sensitive: {},
      },
    });
  for (let i = 0; changes.length < count; i++) {
    const issuer = ISSUERS[i % ISSUERS.length];
    const name = `svc-${i}`;
    const namespace = `team-${i % 20}`;
    const kind = i % 4;
    if (kind === 0) {
      const values: Record<string, unknown> = role(
        name,
        trustPolicy(issuer, [`system:serviceaccount:${namespace}:${name}`], false),
      );
      delete values['arn']; // known only after apply
      add('aws_iam_role', name, values);
    } else if (kind === 1) {
      // Annotated with the role created just before (same name, namespace off by one in a tenth of them).
      const roleName = `svc-${i - 1}`;
      const ns = random() < 0.1 ? `team-${(i + 1) % 20}` : `team-${(i - 1) % 20}`;
      add('kubernetes_service_account_v1', roleName, {
        automount_service_account_token: true,
        metadata: [
          {
            annotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::${ACCOUNT}:role/${roleName}` },
            labels: { app: roleName },
            name: roleName,
            namespace: ns,
          },
        ],
      });
    } else {
      add('aws_s3_bucket', name, {
        bucket: `${name}-bucket`,
        tags: { team: 'platform', index: String(i) },
        description: 'x'.repeat(200 + Math.floor(random() * 400)),
      });
    }
  }
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: {} },
    resource_changes: changes,
    configuration: { root_module: {} },
  };
}

if (require.main === module) {
  const [countText, out, seedText] = process.argv.slice(2);
  if (!countText || !out) {
    process.stderr.write('usage: generate-plan <count> <out.json> [seed]\n');
    process.exit(2);
  }
  fs.writeFileSync(out, JSON.stringify(generatePlan(Number(countText), seedText ? Number(seedText) : 42)));
}
