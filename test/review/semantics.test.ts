/**
 * Semantic analysis on real terraform plans: permission rules reason about what a policy allows (not a
 * literal "*"), trust rules honour every statement (Deny included), and links keep instance keys.
 */
import { reviewPlans, type Report } from '../../src/review';
import type { RawPlan } from '../../src/review/plan/types';
import { describeUnless } from '../support/skip';
import { serviceAccountChange, withChanges } from './support/kubernetes';
import { fixturePlan, terraformReason } from './support/plans';

const review = (plan: RawPlan): Promise<Report> => reviewPlans([{ source: 'plan.json', plan }]);
const ids = (r: Report) => r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.address}`);

describeUnless(terraformReason(), 'semantic analysis on real terraform plans', () => {
  test('permissions: what the statements allow, Deny included', async () => {
    const report = await review(fixturePlan('semantics'));
    const perm = (key: string) =>
      ids(report)
        .filter((f) => f.endsWith(`aws_iam_role_policy.perm["${key}"]`))
        .map((f) => f.split(' ').slice(0, 2).join(' '));
    expect(perm('admin_not_resource')).toEqual(['IRSA009 high', 'IRSA010 high']);
    expect(perm('admin_arn_star')).toEqual(['IRSA009 high', 'IRSA010 high']);
    expect(perm('s3_every_bucket')).toEqual(['IRSA009 medium']);
    expect(perm('passrole_account_roles')).toEqual(['IRSA010 high']);
    expect(perm('passrole_not_resource')).toEqual(['IRSA010 high']);
    expect(perm('not_action_s3')).toEqual(['IRSA010 high', 'IRSA016 high', 'IRSA011 medium']);
    expect(perm('passrole_denied')).toEqual([]);
    expect(perm('escalation')).toEqual(['IRSA016 high']);
    const messages = report.findings.map((f) => f.message);
    expect(messages).toContain(
      'statement 1 allows every action on every resource except arn:aws:s3:::audit-logs',
    );
    expect(messages).toContain(
      'statement 1 allows iam:PassRole on every role except arn:aws:iam::111122223333:role/admin (can pass any role, including admin roles)',
    );
  });

  test('trust: Deny statements, ANDed patterns, audience patterns, everyone, cross-account', async () => {
    const plan = withChanges(fixturePlan('semantics'), [
      serviceAccountChange({
        name: 'app',
        namespace: 'shop',
        roleArn: 'arn:aws:iam::111122223333:role/semantic-trust-everyone-with-sub',
      }),
      serviceAccountChange({
        name: 'app',
        namespace: 'shop',
        address: 'app_deny',
        roleArn: 'arn:aws:iam::111122223333:role/semantic-trust-deny-all-but-one',
      }),
      serviceAccountChange({
        name: 'other',
        namespace: 'shop',
        roleArn: 'arn:aws:iam::111122223333:role/semantic-trust-deny-all-but-one',
      }),
    ]);
    const report = await review(plan);
    const trust = (key: string) =>
      ids(report)
        .filter((f) => f.endsWith(`aws_iam_role.trust["${key}"]`))
        .map((f) => f.split(' ').slice(0, 2).join(' '));
    expect(trust('deny_all_but_one')).toEqual([]);
    expect(trust('deny_literal_star')).toEqual(['IRSA003 high', 'IRSA004 high']);
    expect(trust('like_and_equals')).toEqual([]);
    expect(trust('aud_any')).toEqual(['IRSA002 medium']);
    expect(trust('everyone_with_sub')).toEqual(['IRSA005 high']);
    expect(trust('cross_account')).toEqual(['IRSA015 high']);
    // Only the service account the Deny leaves in is admitted.
    expect(ids(report).filter((f) => f.startsWith('IRSA007'))).toEqual([
      'IRSA007 high kubernetes_service_account_v1.other',
    ]);
    const preview = report.roles.find((r) => r.address === 'aws_iam_role.trust["deny_all_but_one"]');
    expect(preview?.analysis.accessRows.map((r) => r.after)).toEqual(['shop:app']);
    expect(report.findings.find((f) => f.ruleId === 'IRSA005')?.message).toContain(
      'matching its :sub condition can assume it',
    );
  });
});
