/**
 * Links whose role is picked by an index the plan does not show (issue 27, 6b). Terraform writes the same
 * `references` for `aws_iam_role.worker[count.index]` and `aws_iam_role.worker[1 - count.index]`, and for
 * `[each.key]` and `[lower(each.key)]`: while the role ARN is known only after apply, the reviewer
 * cannot confirm which instance is meant, says so, and attributes the link to no instance. One real plan
 * (fixtures/computed-index) holds every case; the ServiceAccounts are built from its stand-ins.
 */
import { reviewPlans, type Report } from '../../src/review';
import { indexConfiguration, referenceLink } from '../../src/review/plan/config';
import type { RawPlan, RawResourceChange } from '../../src/review/plan/types';
import { describeUnless } from '../support/skip';
import { serviceAccountChange } from './support/kubernetes';
import { fixturePlan, terraformReason } from './support/plans';

const ids = (r: Report) => r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.address}`);

interface Case {
  /** The ServiceAccount's resource name and key (`swap`, `[0]`). */
  name: string;
  key: string;
  namespace: string;
  serviceAccount: string;
  /** The stand-in whose expression (and planned value) the annotation takes. */
  standIn: string;
  /** The annotation is the stand-in's planned value (known at plan) rather than unknown. */
  known?: boolean;
}

const CASES: Case[] = [
  ...[0, 1].flatMap((i) => [
    { name: 'own', key: `[${i}]`, namespace: 'workers', serviceAccount: `worker-${i}`, standIn: 'own_ref' },
    { name: 'swap', key: `[${i}]`, namespace: 'workers', serviceAccount: `worker-${i}`, standIn: 'swap_ref' },
  ]),
  // No instance of aws_iam_role.worker admits it: whichever the index picks, pods fail (IRSA007).
  { name: 'stranger', key: '[0]', namespace: 'workers', serviceAccount: 'stranger', standIn: 'swap_ref' },
  ...['a', 'b'].map((k) => ({
    name: 'each',
    key: `["${k}"]`,
    namespace: 'each',
    serviceAccount: k,
    standIn: 'each_ref',
  })),
  ...['A', 'B'].map((k) => ({
    name: 'lower',
    key: `["${k}"]`,
    namespace: 'each',
    serviceAccount: k.toLowerCase(),
    standIn: 'lower_ref',
  })),
  ...['shop', 'payments'].map((k) => ({
    name: 'module',
    key: `["${k}"]`,
    namespace: k,
    serviceAccount: 'app',
    standIn: 'module_ref',
  })),
  // known_ref[i] is "arn:aws:iam::111122223333:role/ci-worker-${1 - i}", known at plan: matched by value.
  {
    name: 'known',
    key: '[0]',
    namespace: 'workers',
    serviceAccount: 'worker-1',
    standIn: 'known_ref',
    known: true,
  },
  {
    name: 'known',
    key: '[1]',
    namespace: 'workers',
    serviceAccount: 'worker-1',
    standIn: 'known_ref',
    known: true,
  },
];

/** The fixture plan with ServiceAccounts in place of the stand-in policies (same expressions and values). */
function planWithServiceAccounts(): RawPlan {
  const base = fixturePlan('computed-index');
  const isStandIn = (r: { type: string; name: string }) =>
    r.type === 'aws_iam_role_policy' && r.name.endsWith('_ref');
  const standIns = (base.resource_changes ?? []).filter(isStandIn);
  const configOf = (name: string) =>
    base.configuration?.root_module?.resources?.find((r) => r.address === `aws_iam_role_policy.${name}`);
  const serviceAccounts: RawResourceChange[] = CASES.map((c) => {
    const standIn = standIns.find((rc) => rc.address === `aws_iam_role_policy.${c.standIn}${c.key}`);
    const policy = JSON.parse(String((standIn?.change.after as { policy?: string })?.policy ?? '{}')) as {
      Statement?: { Resource?: string }[];
    };
    const roleArn = policy.Statement?.[0]?.Resource;
    if (c.known && roleArn === undefined) throw new Error(`${c.standIn}${c.key} has no known value`);
    return serviceAccountChange({
      name: c.serviceAccount,
      namespace: c.namespace,
      address: `${c.name}${c.key}`,
      ...(c.known ? { roleArn } : { roleRef: 'unknown' }),
    });
  });
  const names = [...new Set(CASES.map((c) => c.name))];
  return {
    ...base,
    resource_changes: [...(base.resource_changes ?? []).filter((rc) => !isStandIn(rc)), ...serviceAccounts],
    configuration: {
      ...base.configuration,
      root_module: {
        ...base.configuration?.root_module,
        resources: [
          ...(base.configuration?.root_module?.resources ?? []).filter((r) => !isStandIn(r)),
          ...names.map((name) => {
            const standIn = CASES.find((c) => c.name === name)?.standIn ?? '';
            return {
              address: `kubernetes_service_account_v1.${name}`,
              mode: 'managed',
              type: 'kubernetes_service_account_v1',
              name,
              expressions: { metadata: [{ annotations: configOf(standIn)?.expressions?.['policy'] }] },
            };
          }),
        ],
      },
    },
  };
}

describeUnless(terraformReason(), 'computed-index links on a real terraform plan', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reviewPlans([{ source: 'plan.json', plan: planWithServiceAccounts() }]);
  });

  test('the plan writes the same references for [count.index] and [1 - count.index], [each.key] and [lower(each.key)]', () => {
    const refs = (address: string, attr: string) =>
      JSON.stringify(
        (fixturePlan('computed-index').configuration?.root_module?.resources ?? []).find(
          (r) => r.address === address,
        )?.expressions?.[attr],
      );
    expect(refs('aws_iam_role_policy.own_ref', 'policy')).toBe(
      refs('aws_iam_role_policy.swap_ref', 'policy'),
    );
    expect(refs('aws_eks_pod_identity_association.own', 'role_arn')).toBe(
      refs('aws_eks_pod_identity_association.swap', 'role_arn'),
    );
    expect(refs('aws_iam_role_policy.each_ref', 'policy')).toContain('"aws_iam_role.each","each.key"');
    expect(refs('aws_iam_role_policy.lower_ref', 'policy')).toContain('"aws_iam_role.each","each.key"');
  });

  test('only sure mismatches are findings: no role it may name admits it, or the ARN known at plan names a role that does not', () => {
    expect(ids(report)).toEqual([
      'IRSA007 high kubernetes_service_account_v1.known[1]',
      'IRSA007 high kubernetes_service_account_v1.stranger[0]',
      // The policy on a role it cannot confirm is checked on its own.
      'IRSA010 high aws_iam_role_policy.anon_perm[0]',
      'IRSA010 high aws_iam_role_policy.anon_perm[1]',
      // Associations whose every possible role refuses them.
      'IRSA017 medium aws_eks_pod_identity_association.irsa_only["payments"]',
      'IRSA017 medium aws_eks_pod_identity_association.irsa_only["shop"]',
      'IRSA019 medium aws_eks_pod_identity_association.stranger[0]',
      'IRSA019 medium aws_eks_pod_identity_association.stranger[1]',
    ]);
    const message = (address: string) => report.findings.find((f) => f.address === address)?.message;
    expect(message('aws_eks_pod_identity_association.irsa_only["shop"]')).toBe(
      'association ci/shop:app uses one of module.irsa["payments"].aws_iam_role.this, module.irsa["shop"].aws_iam_role.this (the plan cannot show which: the index is computed), and none of their trust policies trusts pods.eks.amazonaws.com for sts:AssumeRole: pods using the service account get no credentials',
    );
    expect(message('aws_eks_pod_identity_association.stranger[0]')).toBe(
      'association ci/workers:stranger uses one of aws_iam_role.worker[0], aws_iam_role.worker[1] (the plan cannot show which: the index is computed), but none of their trust policies admits it: pods using the service account get no credentials',
    );
    expect(report.findings.slice(0, 2).map((f) => f.message)).toEqual([
      'service account workers:worker-1 is annotated with role aws_iam_role.worker[0], but its trust does not admit workers:worker-1: pods will fail to assume it',
      'service account workers:stranger is annotated with one of aws_iam_role.worker[0], aws_iam_role.worker[1] (the plan cannot show which: the index is computed), but none of their trusts admits workers:stranger: pods will fail to assume it',
    ]);
  });

  test('every link resting on an assumed index is listed as not analysed, naming its references', () => {
    const lines = report.notAnalysed.map((n) => `${n.address} | ${n.policy}`);
    expect(lines).toEqual([
      'aws_eks_pod_identity_association.each["a"] | role link (role_arn)',
      'aws_eks_pod_identity_association.each["b"] | role link (role_arn)',
      'aws_eks_pod_identity_association.irsa_only["payments"] | role link (role_arn)',
      'aws_eks_pod_identity_association.irsa_only["shop"] | role link (role_arn)',
      'aws_eks_pod_identity_association.own[0] | role link (role_arn)',
      'aws_eks_pod_identity_association.own[1] | role link (role_arn)',
      'aws_eks_pod_identity_association.stranger[0] | role link (role_arn)',
      'aws_eks_pod_identity_association.stranger[1] | role link (role_arn)',
      'aws_eks_pod_identity_association.swap[0] | role link (role_arn)',
      'aws_eks_pod_identity_association.swap[1] | role link (role_arn)',
      'aws_iam_role_policy.anon_perm[0] | role link (role)',
      'aws_iam_role_policy.anon_perm[1] | role link (role)',
      ...[
        'each["a"]',
        'each["b"]',
        'lower["A"]',
        'lower["B"]',
        'module["payments"]',
        'module["shop"]',
        'own[0]',
        'own[1]',
        'stranger[0]',
        'swap[0]',
        'swap[1]',
      ].map((a) => `kubernetes_service_account_v1.${a} | role link (eks.amazonaws.com/role-arn)`),
    ]);
    const reason = (address: string) => report.notAnalysed.find((n) => n.address === address)?.reason;
    expect(reason('kubernetes_service_account_v1.swap[0]')).toBe(
      "the review cannot confirm which role it names: its value is known only after apply, and its expression's references (aws_iam_role.worker, count.index) are the same for [count.index] and for a computed index such as [1 - count.index]; it may be aws_iam_role.worker[0] or aws_iam_role.worker[1]",
    );
    expect(reason('kubernetes_service_account_v1.lower["A"]')).toBe(
      'the review cannot confirm which role it names: its value is known only after apply, and its expression\'s references (aws_iam_role.each, each.key) are the same for [each.key] and for a computed index such as [lower(each.key)]; it may be aws_iam_role.each["a"] or aws_iam_role.each["b"]',
    );
    expect(reason('kubernetes_service_account_v1.module["shop"]')).toContain(
      '(each.key, module.irsa) are the same for [each.key]',
    );
    expect(reason('kubernetes_service_account_v1.module["shop"]')).toContain(
      'it may be module.irsa["payments"].aws_iam_role.this or module.irsa["shop"].aws_iam_role.this',
    );
  });

  test('no instance is assumed: unverified links are attributed to no role; links by known value are', () => {
    const role = (address: string) => report.roles.find((r) => r.address === address);
    // known[1]'s ARN, known at plan, names worker[0] (whose trust does not admit it: IRSA007 above).
    expect(role('aws_iam_role.worker[0]')?.usedBy).toEqual([
      'workers:worker-1 (kubernetes_service_account_v1.known[1])',
    ]);
    expect(role('aws_iam_role.worker[1]')?.usedBy).toEqual([
      'workers:worker-1 (kubernetes_service_account_v1.known[0])',
    ]);
    for (const address of [
      'aws_iam_role.each["a"]',
      'aws_iam_role.each["b"]',
      'module.irsa["payments"].aws_iam_role.this',
      'module.irsa["shop"].aws_iam_role.this',
    ])
      expect(role(address)?.usedBy).toEqual([]);
    expect(role('aws_iam_role.worker[0]')?.podIdentity?.associationsAfter).toEqual([
      'ci/workers:worker-0 (aws_eks_pod_identity_association.known[0]): admitted by the trust',
    ]);
    expect(role('aws_iam_role.each["a"]')?.podIdentity?.associationsAfter).toEqual([]);
    // A policy on a role whose name is known only after apply: on no role, checked on its own.
    expect(role('aws_iam_role.anon[0]')?.analysis.permissionChanges).toEqual([]);
    expect(role('aws_iam_role.anon[1]')?.analysis.permissionChanges).toEqual([]);
    // The access graph draws "annotated with" edges for the known ARNs only.
    const annotated = report.graphs[0].edges.filter((e) => e.kind === 'annotation');
    expect(annotated.map((e) => `${e.from} -> ${e.to}`)).toEqual([
      'sa:issuer:oidc.eks.us-east-1.amazonaws.com/id/COMPUTEDINDEX000000000000000000|workers/worker-1 -> role:aws_iam_role.worker[1]',
      'sa:kubernetes:ServiceAccounts in the plan (issuer not admitted or unknown)|workers/worker-1 -> role:aws_iam_role.worker[0]',
    ]);
  });
});

describe('referenceLink', () => {
  const index = (refs: string[]) =>
    indexConfiguration({
      format_version: '1.2',
      configuration: {
        root_module: {
          resources: [
            {
              address: 'kubernetes_service_account_v1.sa',
              mode: 'managed',
              type: 'kubernetes_service_account_v1',
              name: 'sa',
              expressions: { metadata: [{ annotations: { references: refs } }] },
            },
          ],
        },
      },
    } as RawPlan);
  const link = (refs: string[]) =>
    referenceLink(
      index(refs),
      'kubernetes_service_account_v1.sa["k"]',
      ['metadata', 'annotations'],
      'aws_iam_role',
    );

  test('an unkeyed reference next to each.key takes the own key, as an assumption', () => {
    expect(link(['aws_iam_role.x', 'each.key'])).toEqual({
      addresses: ['aws_iam_role.x["k"]'],
      ownKeyAssumed: true,
      candidates: ['aws_iam_role.x'],
      references: ['aws_iam_role.x', 'each.key'],
    });
  });

  test('a literal key is no assumption, and its bare twin takes no own key', () => {
    expect(link(['aws_iam_role.x[0].arn', 'aws_iam_role.x[0]', 'aws_iam_role.x', 'each.key'])).toMatchObject({
      addresses: ['aws_iam_role.x[0]'],
      ownKeyAssumed: false,
      candidates: [],
      references: [],
    });
  });
});
