/**
 * Which of the plan's managed policies an attachment attaches while its `policy_arn` is known only after
 * apply: the review follows the attribute's configuration references. Terraform writes
 * `aws_iam_policy.p[var.i].arn` as `aws_iam_policy.p`, `var.i` (no key: it may be any instance), and
 * `aws_iam_policy.p[count.index].arn` as `aws_iam_policy.p`, `count.index`, the same as for a computed
 * index such as `[1 - count.index]` (the key is not confirmed).
 */
import { reviewPlans, type Report } from '../../src/review';
import type { RawConfigResource, RawResourceChange } from '../../src/review/plan/types';
import { plan } from './support/synthetic';
import { allow, doc, newRole } from './support/rules';

const policy = (index: number, statement: ReturnType<typeof allow>): RawResourceChange => ({
  address: `aws_iam_policy.p[${index}]`,
  mode: 'managed',
  type: 'aws_iam_policy',
  name: 'p',
  index,
  change: {
    actions: ['create'],
    before: null,
    after: { name: `p-${index}`, policy: doc(statement) },
    after_unknown: { arn: true, id: true },
    before_sensitive: false,
    after_sensitive: false,
  },
});

/** An attachment to role `roleName` whose policy ARN is known only after apply. */
const attachment = (name: string, roleName: string, index?: number): RawResourceChange => ({
  address: `aws_iam_role_policy_attachment.${name}${index === undefined ? '' : `[${index}]`}`,
  mode: 'managed',
  type: 'aws_iam_role_policy_attachment',
  name,
  ...(index === undefined ? {} : { index }),
  change: {
    actions: ['create'],
    before: null,
    after: { role: roleName },
    after_unknown: { policy_arn: true, id: true },
    before_sensitive: false,
    after_sensitive: false,
  },
});

const config = (name: string, references: string[], roleName: string): RawConfigResource => ({
  address: `aws_iam_role_policy_attachment.${name}`,
  mode: 'managed',
  type: 'aws_iam_role_policy_attachment',
  name,
  expressions: { policy_arn: { references }, role: { constant_value: roleName } },
});

async function review(): Promise<Report> {
  const p = plan([
    newRole('any'),
    newRole('worker'),
    newRole('pinned'),
    policy(0, allow('s3:GetObject', 'arn:aws:s3:::bucket/*')),
    policy(1, allow('*', '*')),
    attachment('by_var', 'any'),
    attachment('by_count', 'worker', 0),
    attachment('by_count', 'worker', 1),
    attachment('by_constant', 'pinned'),
  ]);
  p.configuration = {
    root_module: {
      resources: [
        config('by_var', ['aws_iam_policy.p', 'var.i'], 'any'),
        config('by_count', ['aws_iam_policy.p', 'count.index'], 'worker'),
        config(
          'by_constant',
          ['aws_iam_policy.p[1].arn', 'aws_iam_policy.p[1]', 'aws_iam_policy.p'],
          'pinned',
        ),
      ],
    },
  };
  return reviewPlans([{ source: 'plan.json', plan: p }], { checkActions: async () => new Map() });
}

const permissionsOf = (report: Report, roleName: string) =>
  report.roles
    .find((r) => r.address === `aws_iam_role.${roleName}`)
    ?.analysis.permissionChanges.map((c) => c.label);

describe('policy attachments whose ARN is known only after apply', () => {
  let report: Report;
  beforeAll(async () => {
    report = await review();
  });

  test('a reference without an instance key attaches every instance, so the admin one is not missed', () => {
    expect(permissionsOf(report, 'any')).toEqual(['aws_iam_policy.p[0]', 'aws_iam_policy.p[1]']);
    const any = report.roles.find((r) => r.address === 'aws_iam_role.any');
    expect(any?.managedChanges.map((m) => m.arn)).toEqual([
      'aws_iam_policy.p[0] or aws_iam_policy.p[1] (ARN known after apply)',
    ]);
  });

  test('a constant key attaches that instance only', () => {
    expect(permissionsOf(report, 'pinned')).toEqual(['aws_iam_policy.p[1]']);
  });

  test('a key taken from count.index is not confirmed: no policy, and the link listed as not analysed', () => {
    expect(permissionsOf(report, 'worker') ?? []).toEqual([]);
    const links = report.notAnalysed.filter((n) =>
      n.address.startsWith('aws_iam_role_policy_attachment.by_count'),
    );
    expect(links.map((n) => `${n.address} ${n.policy}`)).toEqual([
      'aws_iam_role_policy_attachment.by_count[0] policy link (policy_arn)',
      'aws_iam_role_policy_attachment.by_count[1] policy link (policy_arn)',
    ]);
    expect(links[0].reason).toBe(
      "the review cannot confirm which policy it names: its value is known only after apply, and its expression's " +
        'references (aws_iam_policy.p, count.index) are the same for [count.index] and for a computed index ' +
        'such as [1 - count.index]; it may be aws_iam_policy.p[0] or aws_iam_policy.p[1]',
    );
  });
});
