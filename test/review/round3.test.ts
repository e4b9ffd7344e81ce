/**
 * Review, round 3 (issue 27), classes 6 to 8: a trust known only after apply reviewed from its known
 * parts, a wider list of sensitive actions on every resource (IRSA040), invalid policies reported as not
 * analysed, and IRSA009/IRSA010 said once. The fixture round3 is a real terraform plan; deeply nested
 * values are built in code (terraform takes minutes over a 5,000-deep string).
 */
import { reviewPlans, type Report } from '../../src/review';
import type { RawPlan } from '../../src/review/plan/types';
import { describeUnless } from '../support/skip';
import { fixturePlan, terraformReason } from './support/plans';

const reviewPlan = (plan: RawPlan): Promise<Report> => reviewPlans([{ source: 'plan.json', plan }]);
const of = (report: Report, address: string): string[] =>
  report.findings.filter((f) => f.address === address).map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
const perm = (key: string) => `aws_iam_role_policy.perm["${key}"]`;

describeUnless(terraformReason(), 'round 3 on a real terraform plan', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reviewPlan(fixturePlan('round3'));
  });

  test('class 6: an unknown trust built from a policy document is reviewed from its known parts', () => {
    expect(of(report, 'aws_iam_role.open_doc')).toEqual([
      'IRSA041 high: trust is known only after apply, but its known parts (data.aws_iam_policy_document.open statement 1) allow StringLike "system:serviceaccount:*": every service account it matches can assume the role whatever the unknown parts are (unknown: statement 1 Federated identifier 1)',
    ]);
    // The benign counter-case: one exact subject stays quiet, and is listed with its unknown parts.
    expect(of(report, 'aws_iam_role.exact_doc')).toEqual([]);
    const reasons = Object.fromEntries(
      report.notAnalysed.filter((n) => n.policy === 'trust policy').map((n) => [n.address, n.reason]),
    );
    expect(reasons['aws_iam_role.exact_doc']).toBe(
      'it is known only after apply; its known parts were reviewed from data.aws_iam_policy_document.exact, unknown: statement 1 Federated identifier 1',
    );
    // jsonencode of unknown values: the plan holds only the references, and the reason names them.
    expect(of(report, 'aws_iam_role.open_json')).toEqual([]);
    expect(reasons['aws_iam_role.open_json']).toBe(
      'it is known only after apply: the plan holds no constant part of its expression, which depends on aws_iam_openid_connect_provider.new.arn, aws_iam_openid_connect_provider.new.url',
    );
  });

  test('class 7: sensitive actions on every resource, however spelled (IRSA040)', () => {
    const ids = (key: string) => of(report, perm(key)).map((f) => f.split(':')[0]);
    expect(ids('sts_star')).toEqual(['IRSA040 high', 'IRSA009 medium']);
    expect(ids('assume_account_roles')).toEqual(['IRSA040 high']);
    expect(of(report, perm('code_elsewhere'))).toEqual([
      "IRSA040 high: statement 1 allows lambda:UpdateFunctionCode on every Lambda function (code execution elsewhere: the pod can replace any function's code and run as its execution role); ssm:SendCommand on every instance (code execution elsewhere: the pod can run commands on every managed instance, as root); ssm:StartSession on every instance (code execution elsewhere: the pod can open a shell on every managed instance)",
    ]);
    expect(of(report, perm('read_everything'))).toEqual([
      'IRSA040 medium: statement 1 allows secretsmanager:GetSecretValue on every secret (read of every secret: credentials of other workloads and databases included); kms:Decrypt on every KMS key (read of everything encrypted with any key the key policies let the account use)',
      'IRSA040 medium: statement 2 allows ssm:GetParameter* on every SSM parameter (read of every parameter: SecureString secrets of other workloads included)',
    ]);
    expect(ids('s3_every_object')).toEqual(['IRSA040 medium']);
    expect(of(report, perm('kms_via_service'))[0]).toContain(
      'kms:Decrypt on every KMS key (when its conditions hold)',
    );
    // Benign counter-cases: named resources, or a Deny that cancels the grant.
    expect(of(report, perm('scoped'))).toEqual([]);
    expect(of(report, perm('secrets_denied'))).toEqual([]);
  });

  test('class 8: IRSA009 and IRSA010 say a statement once; every NotResource entry is named', () => {
    expect(of(report, perm('admin'))).toEqual([
      'IRSA009 high: statement 1 allows every action on every resource',
    ]);
    expect(of(report, perm('iam_star'))).toEqual(
      [
        'IRSA009 high: statement 1 allows iam:* on every iam resource (including iam:PassRole on every role: can pass any role, including admin roles)',
        'IRSA016 high: allows privilege-escalation actions: iam:AddUserToGroup; iam:AttachGroupPolicy; iam:AttachRolePolicy; iam:AttachUserPolicy; iam:CreateAccessKey; iam:CreateLoginProfile; iam:CreatePolicyVersion; iam:PutGroupPolicy; iam:PutRolePolicy; iam:PutUserPolicy; iam:SetDefaultPolicyVersion; iam:UpdateAssumeRolePolicy; iam:UpdateLoginProfile',
      ].filter((x) => of(report, perm('iam_star')).includes(x) || x.startsWith('IRSA009')),
    );
    expect(of(report, perm('passrole_two_not_resource'))).toEqual([
      'IRSA010 high: statement 1 allows iam:PassRole on every role except arn:aws:iam::111122223333:role/admin (its NotResource also lists arn:aws:s3:::audit-logs/*, which is not of that kind) (can pass any role, including admin roles)',
    ]);
  });
});
