/**
 * Review, round 3 (issue 27), classes 6 to 8: a trust known only after apply reviewed from its known
 * parts, a wider list of sensitive actions on every resource (IRSA040), invalid policies reported as not
 * analysed, and IRSA009/IRSA010 said once. The fixture round3 is a real terraform plan; deeply nested
 * values are spliced into its JSON text as strings (terraform takes minutes over a 5,000-deep value, and
 * building one as an object would recurse).
 */
import { FORMATS, parsePlanText, reviewPlans, writeReport, type Report } from '../../src/review';
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
    // iam:* on every resource includes iam:PassRole on every role: IRSA009 says it, IRSA010 does not repeat it.
    expect(of(report, perm('iam_star')).map((f) => f.split(':')[0])).toEqual(['IRSA009 high']);
    expect(of(report, perm('iam_star'))[0]).toBe(
      'IRSA009 high: statement 1 allows iam:* on every iam resource (including iam:PassRole on every role: can pass any role, including admin roles)',
    );
    expect(of(report, perm('passrole_two_not_resource'))).toEqual([
      'IRSA010 high: statement 1 allows iam:PassRole on every role except arn:aws:iam::111122223333:role/admin (its NotResource also lists arn:aws:s3:::audit-logs/*, which is not of that kind) (can pass any role, including admin roles)',
    ]);
  });
});

/** `[[[ ... "x" ... ]]]`, `depth` lists deep, as JSON text: nothing recurses while it is built. */
const nested = (depth: number): string => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
const reasonsOf = (report: Report): string[] =>
  report.notAnalysed.map((n) => `${n.address} ${n.policy}: ${n.reason}`);
const refuses = (): string => ', not a string or a list of strings, which IAM refuses)';
const sub = 'oidc.eks.us-east-1.amazonaws.com/id/ROUND3000000000000000000000000000:sub';

describeUnless(terraformReason(), 'class 8a: policies IAM refuses are not analysed, with the reason', () => {
  test('shapes IAM refuses, as terraform wrote them: a nested or null condition value, an object Action, a lower-case Effect, a number Principal', async () => {
    const report = await reviewPlan(fixturePlan('round3'));
    const invalid = reasonsOf(report).filter((r) => r.includes('not a valid policy'));
    expect(invalid).toEqual([
      `aws_iam_role.number_principal trust policy: it is not a valid policy (statement 1: Principal is a number, not "*" or an object, which IAM refuses)`,
      `aws_iam_role.perm["invalid_effect"] permission policy aws_iam_role_policy.perm["invalid_effect"]: it is not a valid policy (statement 1: Effect is "allow", not "Allow" or "Deny" (case-sensitive), which IAM refuses)`,
      `aws_iam_role.perm["invalid_nested_condition"] permission policy aws_iam_role_policy.perm["invalid_nested_condition"]: it is not a valid policy (statement 1: the value of Condition StringEquals "aws:PrincipalTag/team" is a list nested in a list${refuses()}`,
      `aws_iam_role.perm["invalid_null_condition"] permission policy aws_iam_role_policy.perm["invalid_null_condition"]: it is not a valid policy (statement 1: the value of Condition StringEquals "aws:PrincipalTag/team" is null${refuses()}`,
      `aws_iam_role.perm["invalid_object_action"] permission policy aws_iam_role_policy.perm["invalid_object_action"]: it is not a valid policy (statement 1: Action is an object${refuses()}`,
    ]);
    // Never analysed as if the element were absent or empty: no finding on any of them (the lower-case
    // "allow" of every action would be IRSA009 if it were read as Allow, as it was).
    for (const key of [
      'invalid_effect',
      'invalid_nested_condition',
      'invalid_null_condition',
      'invalid_object_action',
    ])
      expect([...of(report, perm(key)), ...of(report, `aws_iam_role.perm["${key}"]`)]).toEqual([]);
    expect(of(report, 'aws_iam_role.number_principal')).toEqual([]);
    // The same statement with a valid condition value (the placeholder) is analysed, and draws IRSA040.
    expect(of(report, perm('deep_condition')).map((f) => f.split(':')[0])).toEqual(['IRSA040 medium']);
  });

  test('a condition value nested 5,000 lists deep, in a trust and in a permission policy of a real plan', async () => {
    const text = JSON.stringify(fixturePlan('round3'));
    // Inside the plan, policies are JSON strings: the placeholder's quotes are escaped there.
    const deep = nested(5000).replace(/"/g, '\\"');
    const placeholders = ['\\"ROUND3-DEEP\\"', '\\"ROUND3-DEEP-TRUST\\"'];
    // Each policy is in the plan's planned values and in its resource changes.
    expect(placeholders.map((p) => text.split(p).length - 1)).toEqual([2, 2]);
    const spliced = placeholders.reduce((t, p) => t.split(p).join(deep), text);
    // The reviewer's own reader: JSON.parse of the plan does not recurse, nor does anything after it.
    const report = await reviewPlans([{ source: 'plan.json', plan: parsePlanText(spliced, 'plan.json') }]);
    const nestedReason = (key: string) =>
      `it is not a valid policy (statement 1: the value of Condition StringEquals "${key}" is a list nested in a list, not a string or a list of strings, which IAM refuses)`;
    const reasons = reasonsOf(report);
    expect(reasons).toContain(`aws_iam_role.deep_trust trust policy: ${nestedReason(sub)}`);
    expect(reasons).toContain(
      `aws_iam_role.perm["deep_condition"] permission policy aws_iam_role_policy.perm["deep_condition"]: ${nestedReason('aws:PrincipalTag/team')}`,
    );
    // Never read as an empty condition (shown as `= []`): no finding about the trust's subjects or the
    // grant. IRSA012 (the trust size quota) reads the text and rightly fires: 10,000 brackets.
    expect(of(report, 'aws_iam_role.deep_trust').map((f) => f.split(':')[0])).toEqual(['IRSA012 low']);
    expect(of(report, perm('deep_condition'))).toEqual([]);
    const role = report.roles.find((r) => r.address === 'aws_iam_role.deep_trust');
    expect(role?.analysis.accessRows).toEqual([]);
    // Every format is written without recursing into the value.
    for (const format of FORMATS) expect(writeReport(report, format)).not.toContain('= []');
  });

  test('a plan whose values, unknown markers and configuration are nested 5,000 lists deep is reviewed, not a crash', async () => {
    const plan = parsePlanText(JSON.stringify(fixturePlan('round3')), 'plan.json');
    const deep = (): unknown => JSON.parse(nested(5000));
    const change = plan.resource_changes?.find((rc) => rc.address === perm('deep_condition'));
    if (!change) throw new Error('the fixture has no deep_condition policy');
    Object.assign(change.change, { after: { ...(change.change.after as object), policy: deep() } });
    Object.assign(change.change, { after_unknown: { policy: deep() } });
    const config = plan.configuration?.root_module?.resources?.find(
      (r) => r.address === 'aws_iam_role_policy.perm',
    );
    if (!config?.expressions)
      throw new Error('the fixture has no configuration for aws_iam_role_policy.perm');
    config.expressions['policy'] = deep();
    const report = await reviewPlans([{ source: 'plan.json', plan }]);
    expect(reasonsOf(report)).toContain(
      `aws_iam_role.perm["deep_condition"] permission policy aws_iam_role_policy.perm["deep_condition"]: it is not a valid policy (the policy is not a JSON object)`,
    );
    for (const format of FORMATS) expect(typeof writeReport(report, format)).toBe('string');
  });
});
