/**
 * The reviewer on real terraform plans (offline AWS provider 5.100) of EKS Pod Identity fixtures: each of
 * IRSA017-IRSA020 fires where it should, no rule (IRSA ones included) fires on the safe fixture, and the
 * access preview lists the associations that give pods each role, before and after.
 */
import { reviewPlans, type Report } from '../../src/review';
import { writeReport as formatReport } from '../../src/review/writers';
import type { RawPlan } from '../../src/review/plan/types';
import { describeUnless } from '../support/skip';
import { fixturePlan, terraformReason } from './support/plans';

const review = (plan: RawPlan): Promise<Report> => reviewPlans([{ source: 'plan.json', plan }]);
const ids = (r: Report) => r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.address}`);

describeUnless(terraformReason(), 'irsa-review: EKS Pod Identity on real terraform plans', () => {
  test('safe: scoped trust, admitted associations, an IRSA + Pod Identity role: no findings', async () => {
    const report = await review(fixturePlan('pod-identity-safe'));
    expect(ids(report)).toEqual([]);
    const api = report.roles.find((r) => r.address === 'aws_iam_role.api')!;
    expect(api.podIdentity).toEqual({
      trustBefore: '—',
      trustAfter: 'scoped by session tags',
      associationsBefore: [],
      associationsAfter: [
        'blue/apps:api (aws_eks_pod_identity_association.api_blue): admitted by the trust',
        'green/apps:api (aws_eks_pod_identity_association.api_green): admitted by the trust',
      ],
    });
    const both = report.roles.find((r) => r.address === 'aws_iam_role.both')!;
    expect(both.podIdentity?.associationsAfter).toEqual([
      'blue/jobs:worker (aws_eks_pod_identity_association.worker): admitted by the trust',
    ]);
  });

  test('dangerous: IRSA017 (no Pod Identity trust; no sts:TagSession), IRSA018 (any association), IRSA019 (outside the scoping)', async () => {
    const report = await review(fixturePlan('pod-identity-dangerous'));
    expect(ids(report)).toEqual([
      'IRSA017 medium aws_eks_pod_identity_association.irsa_only',
      'IRSA017 medium aws_eks_pod_identity_association.no_tag_session',
      'IRSA018 medium aws_iam_role.open',
      'IRSA019 medium aws_eks_pod_identity_association.outside',
    ]);
    const message = (id: string, address: string) =>
      report.findings.find((f) => f.ruleId === id && f.address === address)!.message;
    expect(message('IRSA017', 'aws_eks_pod_identity_association.irsa_only')).toBe(
      'association blue/apps:api uses aws_iam_role.irsa_only, whose trust policy does not trust pods.eks.amazonaws.com for sts:AssumeRole: pods using the service account get no credentials',
    );
    expect(message('IRSA017', 'aws_eks_pod_identity_association.no_tag_session')).toContain(
      'does not allow sts:TagSession',
    );
    expect(message('IRSA019', 'aws_eks_pod_identity_association.outside')).toBe(
      "association blue/apps:web uses aws_iam_role.scoped, but the trust policy's conditions on the session tags exclude it: pods using the service account get no credentials",
    );
    const open = report.roles.find((r) => r.address === 'aws_iam_role.open')!;
    expect(open.podIdentity?.trustAfter).toBe('any association in the account');
    const scoped = report.roles.find((r) => r.address === 'aws_iam_role.scoped')!;
    expect(scoped.podIdentity?.associationsAfter).toEqual([
      'blue/apps:web (aws_eks_pod_identity_association.outside): NOT admitted by the trust',
    ]);
  });

  test('update: IRSA020 when a scoped trust loses its conditions; an unchanged role gaining an association is previewed', async () => {
    const report = await review(fixturePlan('pod-identity-update'));
    // Only IRSA020: the migration step (IRSA plus scoped Pod Identity) trips no rule, IRSA006 included.
    expect(ids(report)).toEqual(['IRSA020 high aws_iam_role.widened']);
    const migrating = report.roles.find((r) => r.address === 'aws_iam_role.migrating')!;
    expect(migrating.podIdentity).toMatchObject({
      trustBefore: 'not trusted',
      trustAfter: 'scoped by session tags',
    });
    expect(migrating.analysis.widened).toBe(false);
    const widened = report.roles.find((r) => r.address === 'aws_iam_role.widened')!;
    expect(widened.podIdentity).toMatchObject({
      trustBefore: 'scoped by session tags',
      trustAfter: 'any association in the account',
    });
    const unchanged = report.roles.find((r) => r.address === 'aws_iam_role.unchanged')!;
    expect(unchanged.analysis.trustChanged).toBe(false);
    expect(unchanged.podIdentity).toEqual({
      trustBefore: 'scoped by session tags',
      trustAfter: 'scoped by session tags',
      associationsBefore: [],
      associationsAfter: ['blue/apps:api (aws_eks_pod_identity_association.api): admitted by the trust'],
    });
  });

  test('the text, markdown and JSON writers show the Pod Identity preview', async () => {
    const report = await review(fixturePlan('pod-identity-update'));
    const text = formatReport(report, 'text');
    expect(text).toContain('EKS Pod Identity (pods.eks.amazonaws.com):');
    expect(text).toContain('trust: scoped by session tags -> any association in the account');
    expect(text).toContain(
      'associations after: blue/apps:api (aws_eks_pod_identity_association.api): admitted by the trust',
    );
    expect(formatReport(report, 'markdown')).toContain('EKS Pod Identity');
    const json = JSON.parse(formatReport(report, 'json'));
    const role = json.roles.find((r: { address: string }) => r.address === 'aws_iam_role.unchanged');
    expect(role.podIdentity.associationsAfter).toHaveLength(1);
  });

  test('IRSA050: a cluster’s first association without the agent add-on; quiet with earlier associations or the add-on in state or plan', async () => {
    const report = await review(fixturePlan('pod-identity-agent'));
    // The fixture's existing role trusts any association of the account, so IRSA032 also fires: once for
    // the role, listing every new association that points at it (it fired once per association before).
    const gains = report.findings.filter((f) => f.ruleId === 'IRSA032');
    expect(gains.map((f) => `${f.severity} ${f.address}`)).toEqual(['medium aws_iam_role.apps']);
    expect(gains[0].message).toMatch(
      /^8 associations \([^()]+ \(aws_eks_pod_identity_association\.[a-z_]+\)(; [^()]+ \(aws_eks_pod_identity_association\.[a-z_]+\)){7}\) now point at this existing role, and its trust admits any EKS Pod Identity association in the account: their pods gain that access/,
    );
    expect(ids(report).filter((id) => !id.startsWith('IRSA032 '))).toEqual([
      'IRSA050 low aws_eks_pod_identity_association.amber_api',
      'IRSA050 low aws_eks_pod_identity_association.gray_api',
      'IRSA050 low aws_eks_pod_identity_association.violet_api',
    ]);
    const amber = report.findings.find((f) => f.address === 'aws_eks_pod_identity_association.amber_api')!;
    expect(amber.message).toBe(
      'first EKS Pod Identity association for cluster "amber" (and 1 more association), and neither this plan nor its prior state has an aws_eks_addon "eks-pod-identity-agent" for that cluster: without the Pod Identity Agent on the nodes, pods get no credentials from the association. Install the add-on (IamServiceAccount createPodIdentityAgentAddon, or the eks-pod-identity module\'s pod_identity_agent_addons), unless it is installed another way (console, eksctl, another Terraform state, a self-managed DaemonSet)',
    );
  });
});
