/**
 * Issue 27, classes 3-5, on a real terraform plan (offline AWS provider 5.100) of the `reach` fixture,
 * planned against the prior state of its before.tf: cross-account reach (IRSA030, IRSA031), what pods
 * newly gain by a repointed association or annotation (IRSA032), trusts no service account can use
 * (IRSA033), and the benign counter-cases of the same plan that must stay quiet. ServiceAccounts are
 * hand-built (no kubernetes provider here) and `target_role_arn` is written into the plan as AWS provider
 * 6 writes it (provider 5 lacks the attribute).
 */
import { reviewPlans, type Report } from '../../src/review';
import type { RawPlan } from '../../src/review/plan/types';
import { describeUnless } from '../support/skip';
import { serviceAccountChange, withChanges } from './support/kubernetes';
import { fixturePlan, terraformReason } from './support/plans';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const arn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;

/** Sets `target_role_arn` on one association of the plan (after the change), making it an update. */
function withTarget(plan: RawPlan, address: string, target: string): RawPlan {
  return {
    ...plan,
    resource_changes: (plan.resource_changes ?? []).map((rc) => {
      if (rc.address !== address) return rc;
      const after = { ...(rc.change.after as Record<string, unknown>), target_role_arn: target };
      const actions = rc.change.actions.includes('no-op') ? ['update'] : rc.change.actions;
      return { ...rc, change: { ...rc.change, actions, after } };
    }),
  };
}

/** The fixture plan with its ServiceAccounts and target roles. */
function reachPlan(): RawPlan {
  let plan = fixturePlan('reach');
  plan = withTarget(plan, 'aws_eks_pod_identity_association.chained', arn('data-reader', OTHER));
  plan = withTarget(plan, 'aws_eks_pod_identity_association.reporter', arn('reach-reporter-target'));
  return withChanges(
    plan,
    [
      // IRSA032 high: moved from the narrow role to the admin role.
      serviceAccountChange({
        name: 'ops',
        namespace: 'shop',
        roleArnBefore: arn('reach-narrow-irsa'),
        roleArn: arn('reach-admin'),
      }),
      // IRSA032 high: moved to the role with an admin-equivalent inline policy.
      serviceAccountChange({
        name: 'reports',
        namespace: 'shop',
        roleArnBefore: arn('reach-narrow-irsa'),
        roleArn: arn('reach-inline-admin'),
      }),
      // Quiet: already annotated with the admin role (a label change only).
      serviceAccountChange({
        name: 'steady',
        namespace: 'shop',
        roleArnBefore: arn('reach-admin'),
        roleArn: arn('reach-admin'),
      }),
      // IRSA031 low: annotated with a role of another account.
      serviceAccountChange({ name: 'cross', namespace: 'shop', roleArn: arn('shared-reader', OTHER) }),
      // Quiet: a new service account for the new role of this account.
      serviceAccountChange({ name: 'app', namespace: 'shop', roleRef: 'aws_iam_role.same_account' }),
    ],
    { 'kubernetes_service_account_v1.app': 'aws_iam_role.same_account' },
  );
}

let cached: Promise<Report> | undefined;
const report = (): Promise<Report> => (cached ??= reviewPlans([{ source: 'plan.json', plan: reachPlan() }]));
const of = async (id: string, address: string): Promise<string[]> =>
  (await report()).findings
    .filter((f) => f.ruleId === id && f.address === address)
    .map((f) => `${f.severity}: ${f.message}`);

describeUnless(terraformReason(), 'irsa-review: reach, gains and unusable trusts on a real plan', () => {
  test('every finding of the plan, and nothing on the counter-cases', async () => {
    const r = await report();
    expect(r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.address}`)).toEqual([
      'IRSA032 high aws_eks_pod_identity_association.legacy',
      'IRSA032 high aws_iam_role.admin',
      'IRSA032 high aws_iam_role.inline_admin',
      'IRSA030 medium aws_iam_role.cross_trust',
      'IRSA031 medium aws_eks_pod_identity_association.foreign',
      'IRSA032 medium aws_iam_role.open_pods',
      'IRSA033 medium aws_iam_role.locked',
      'IRSA033 medium aws_iam_role.mismatch',
      'IRSA031 low aws_eks_pod_identity_association.chained',
      'IRSA031 low kubernetes_service_account_v1.cross',
    ]);
    // The plan's account comes from the resources it holds (the OIDC provider and roles in prior state).
    const quiet = [
      'aws_iam_role.same_account',
      'aws_iam_role.chain_home',
      'aws_eks_pod_identity_association.reporter',
      'kubernetes_service_account_v1.steady',
      'kubernetes_service_account_v1.app',
      'aws_iam_role.narrow_irsa',
    ];
    expect(r.findings.filter((f) => quiet.includes(f.address))).toEqual([]);
  });

  test("IRSA030: a new trust naming another account's OIDC provider", async () => {
    expect(await of('IRSA030', 'aws_iam_role.cross_trust')).toEqual([
      `medium: trust newly names the OIDC provider arn:aws:iam::${OTHER}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/OTHER0000000000000000000000000000 of account ${OTHER}, not the account this plan manages (${ACCOUNT}): STS looks a web-identity token's issuer up among the OIDC providers of the role's own account, so this statement admits no pod; for pods of a cluster in account ${OTHER}, create an OIDC provider for its issuer in the role's account and name that one`,
    ]);
  });

  test("IRSA031: an association's role, its target role and an annotation in another account", async () => {
    expect(await of('IRSA031', 'aws_eks_pod_identity_association.foreign')).toEqual([
      `medium: association blue/shop:foreign now uses role ${arn('shared-reader', OTHER)} of account ${OTHER}, not the account this plan manages (${ACCOUNT}): EKS Pod Identity needs the association's role in the cluster's account (it passes the role with iam:PassRole), so pods get no credentials; put a role of the cluster's account in role_arn and the other account's role in target_role_arn`,
    ]);
    // Its role_arn is known only after apply (a new role): the plan's account stands for it.
    expect(await of('IRSA031', 'aws_eks_pod_identity_association.chained')).toEqual([
      `low: association blue/shop:chained now chains to target role ${arn('data-reader', OTHER)} of account ${OTHER}, not the account this plan manages (${ACCOUNT}): its pods get that account's permissions, which this plan cannot show; that role's trust must admit only the association's role aws_iam_role.chain_home`,
    ]);
    const cross = await of('IRSA031', 'kubernetes_service_account_v1.cross');
    expect(cross[0]).toMatch(
      /^low: service account shop:cross is now annotated with role arn:aws:iam::444455556666:role\/shared-reader of account 444455556666, not the account this plan manages \(111122223333\)/,
    );
  });

  test('the target role appears in the access preview (it was read but never shown)', async () => {
    const r = await report();
    const home = r.roles.find((x) => x.address === 'aws_iam_role.chain_home');
    expect(home?.podIdentity?.associationsAfter).toEqual([
      `blue/shop:chained (aws_eks_pod_identity_association.chained), then target role ${arn('data-reader', OTHER)}: admitted by the trust`,
    ]);
    const reporter = r.roles.find((x) => x.address === 'aws_iam_role.narrow["reporter"]');
    expect(reporter?.podIdentity?.associationsAfter).toEqual([
      `blue/shop:reporter (aws_eks_pod_identity_association.reporter), then target role ${arn('reach-reporter-target')}: admitted by the trust`,
    ]);
  });

  test('IRSA032: repointed associations and annotations gain an existing broad role, reported on the role', async () => {
    expect(await of('IRSA032', 'aws_iam_role.admin')).toEqual([
      // One finding for the role, listing both workloads that newly point at it.
      'high: 2 workloads (service account shop:ops (kubernetes_service_account_v1.ops); association blue/shop:worker (aws_eks_pod_identity_association.worker)) now point at this existing role, and it has arn:aws:iam::aws:policy/AdministratorAccess attached: their pods gain that access, though nothing about the role changes in this plan',
    ]);
    expect(await of('IRSA032', 'aws_iam_role.inline_admin')).toEqual([
      'high: service account shop:reports (kubernetes_service_account_v1.reports) now points at this existing role, and aws_iam_role_policy.inline_admin allows every action on every resource: its pods gain that access, though nothing about the role changes in this plan',
    ]);
    expect(await of('IRSA032', 'aws_iam_role.open_pods')).toEqual([
      'medium: association blue/shop:batch (aws_eks_pod_identity_association.batch) now points at this existing role, and its trust admits any EKS Pod Identity association in the account: its pods gain that access, though nothing about the role changes in this plan',
    ]);
  });

  test('IRSA032: a role outside the plan known only by its AdministratorAccess attachment', async () => {
    expect(await of('IRSA032', 'aws_eks_pod_identity_association.legacy')).toEqual([
      `high: association blue/ops:legacy (aws_eks_pod_identity_association.legacy) now points at role ${arn('reach-legacy-admin')}, which this plan does not manage, and aws_iam_role_policy_attachment.legacy_admin attaches arn:aws:iam::aws:policy/AdministratorAccess to it: its pods gain that access`,
    ]);
  });

  test('IRSA033: keys of another issuer than the principal, and a Deny refusing every service account', async () => {
    expect(await of('IRSA033', 'aws_iam_role.mismatch')).toEqual([
      "medium: nobody can assume this role: statement 1 trusts the OIDC provider of oidc.eks.us-east-1.amazonaws.com/id/REACH0000000000000000000000000000 but its :sub/:aud conditions name oidc.eks.us-east-1.amazonaws.com/id/OTHER0000000000000000000000000000, whose claims that provider's tokens never carry",
    ]);
    expect(await of('IRSA033', 'aws_iam_role.locked')).toEqual([
      'medium: nobody can assume this role: its conditions exclude every service account (access: nobody for oidc.eks.us-east-1.amazonaws.com/id/REACH0000000000000000000000000000)',
    ]);
    // The access preview says the same: nobody, for every issuer the trust names.
    const mismatch = (await report()).roles.find((x) => x.address === 'aws_iam_role.mismatch');
    expect(mismatch?.analysis.accessRows.map((row) => row.after)).toEqual(['nobody', 'nobody']);
  });
});
