/**
 * Edge cases of IRSA030-IRSA033 on small hand-written plans (the real-plan cases are in reach.test.ts):
 * where the plan's account comes from, when it cannot be told, and what each rule leaves to others.
 */
import { reviewPlans } from '../../src/review';
import type { RawPlan } from '../../src/review/plan/types';
import {
  ACCOUNT,
  association,
  attachment,
  doc,
  findings,
  newRole,
  OTHER_ACCOUNT,
  podScoped,
  podTrust,
  resource,
  role,
  roleArn,
  SAFE_TRUST,
  scoped,
  web,
} from './support/rules';
import { serviceAccountChange } from './support/kubernetes';
import { ISSUER, plan } from './support/synthetic';

const OTHER_PROVIDER = `arn:aws:iam::${OTHER_ACCOUNT}:oidc-provider/${ISSUER}`;
const foreignTrust = doc({
  Effect: 'Allow',
  Principal: { Federated: OTHER_PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: {
      [`${ISSUER}:sub`]: 'system:serviceaccount:shop:app',
      [`${ISSUER}:aud`]: 'sts.amazonaws.com',
    },
  },
});
const ids = async (raw: RawPlan, rule: string): Promise<string[]> =>
  (await reviewPlans([{ source: 'plan.json', plan: raw }])).findings
    .filter((f) => f.ruleId === rule)
    .map((f) => `${f.severity} ${f.address}`);

describe('IRSA030: where the role account comes from', () => {
  const created = newRole('x', { arn: null, trust: foreignTrust });

  test('quiet when neither the role ARN nor the plan tells the account', async () => {
    expect(await ids(plan([created]), 'IRSA030')).toEqual([]);
  });

  test('the account_id of an aws_caller_identity data source in the prior state', async () => {
    const raw: RawPlan = {
      ...plan([created]),
      prior_state: {
        values: {
          root_module: {
            resources: [
              { mode: 'data', type: 'aws_caller_identity', name: 'me', values: { account_id: ACCOUNT } },
            ],
          },
        },
      },
    };
    expect(await ids(raw, 'IRSA030')).toEqual(['medium aws_iam_role.x']);
  });

  test("a workload's literal ARN for a role the plan creates names that role's account", async () => {
    const raw = plan([created, association('a', 'create', { role: 'x' })]);
    expect(await ids(raw, 'IRSA030')).toEqual(['medium aws_iam_role.x']);
  });

  test('a ServiceAccount annotation does not: it may name a same-named role of another account', async () => {
    const sa = serviceAccountChange({ name: 'app', namespace: 'shop', roleArn: roleArn('x') });
    expect(await ids(plan([created, sa]), 'IRSA030')).toEqual([]);
  });

  test('allowed_account_ids of the AWS provider configuration', async () => {
    const base = plan([created]);
    const raw: RawPlan = {
      ...base,
      configuration: {
        ...base.configuration,
        provider_config: {
          aws: { name: 'aws', expressions: { allowed_account_ids: { constant_value: [ACCOUNT] } } },
        },
      } as RawPlan['configuration'],
    };
    expect(await ids(raw, 'IRSA030')).toEqual(['medium aws_iam_role.x']);
  });

  test("the role's own ARN wins over the plan's accounts; an unchanged provider is not new", async () => {
    const inOther = role('y', 'create', {}, { arn: roleArn('y', OTHER_ACCOUNT), trust: foreignTrust });
    const kept = role(
      'z',
      'update',
      { trust: foreignTrust, managed: [] },
      { trust: foreignTrust, managed: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    );
    expect(await findings('IRSA030', [inOther, kept, role('own', 'no-op', {})])).toEqual([]);
    expect(
      (await findings('IRSA030', [role('w', 'update', {}, { trust: foreignTrust })])).map((f) => f.message),
    ).toEqual([
      `trust newly names the OIDC provider ${OTHER_PROVIDER} of account ${OTHER_ACCOUNT}, not this role's account ${ACCOUNT}: STS looks a web-identity token's issuer up among the OIDC providers of the role's own account, so this statement admits no pod; for pods of a cluster in account ${OTHER_ACCOUNT}, create an OIDC provider for its issuer in the role's account and name that one`,
    ]);
  });
});

describe('IRSA031: accounts of associations', () => {
  const home = role('home', 'no-op', { trust: podScoped() });
  const withTarget = (target: string, kind: 'create' | 'no-op' = 'create') => {
    const a = association('a', kind, { role: 'home' });
    (a.change.after as Record<string, unknown>)['target_role_arn'] = target;
    if (a.change.before) (a.change.before as Record<string, unknown>)['target_role_arn'] = target;
    return a;
  };

  test('a target role of the same account, or one the association already had, is quiet', async () => {
    expect(await findings('IRSA031', [home, withTarget(roleArn('t'))])).toEqual([]);
    expect(await findings('IRSA031', [home, withTarget(roleArn('t', OTHER_ACCOUNT), 'no-op')])).toEqual([]);
    expect(
      (await findings('IRSA031', [home, withTarget(roleArn('t', OTHER_ACCOUNT))])).map((f) => f.severity),
    ).toEqual(['low']);
  });

  test("the association's own ARN names the cluster's account", async () => {
    const a = resource(
      'aws_eks_pod_identity_association',
      'moved',
      'update',
      {
        cluster_name: 'prod',
        namespace: 'shop',
        service_account: 'app',
        role_arn: roleArn('home'),
        association_arn: `arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/prod/a-1`,
      },
      {
        cluster_name: 'prod',
        namespace: 'shop',
        service_account: 'app',
        role_arn: roleArn('elsewhere', OTHER_ACCOUNT),
        association_arn: `arn:aws:eks:us-east-1:${ACCOUNT}:podidentityassociation/prod/a-1`,
      },
    );
    const found = await findings('IRSA031', [a]);
    expect(found.map((f) => f.message)).toEqual([
      `association prod/shop:app now uses role ${roleArn('elsewhere', OTHER_ACCOUNT)} of account ${OTHER_ACCOUNT}, not the cluster's account ${ACCOUNT}: EKS Pod Identity needs the association's role in the cluster's account (it passes the role with iam:PassRole), so pods get no credentials; put a role of the cluster's account in role_arn and the other account's role in target_role_arn`,
    ]);
  });
});

describe('IRSA032: what it leaves to the rules of changed roles', () => {
  const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
  test('an admin attachment of a role that changes otherwise is IRSA009, not IRSA032', async () => {
    const admin = role(
      'admin',
      'update',
      { trust: podScoped(), managed: [ADMIN] },
      { trust: podScoped(), managed: [ADMIN, 'arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    );
    const changes = [admin, association('a', 'create', { role: 'admin' })];
    expect(await findings('IRSA032', changes)).toEqual([]);
    expect((await findings('IRSA009', changes)).map((f) => f.address)).toEqual(['aws_iam_role.admin']);
  });

  test('an open trust changed in this plan is its own rules; a role created here too', async () => {
    const opened = role('opened', 'update', { trust: podScoped() }, { trust: podTrust() });
    const created = newRole('fresh', { trust: podTrust(), managed: [ADMIN] });
    const changes = [
      opened,
      created,
      association('a', 'create', { role: 'opened' }),
      association('b', 'create', { role: 'fresh' }),
    ];
    expect(await findings('IRSA032', changes)).toEqual([]);
  });

  test('an unchanged association to a broad role is quiet; an IRSA trust open to any service account is high', async () => {
    const broad = role('broad', 'no-op', { trust: podTrust(), managed: [ADMIN] });
    expect(await findings('IRSA032', [broad, association('a', 'no-op', { role: 'broad' })])).toEqual([]);
    const open = role('open', 'no-op', {
      trust: doc(
        web({ StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } }),
        ...JSON.parse(podScoped()).Statement,
      ),
    });
    const found = await findings('IRSA032', [open, association('a', 'create', { role: 'open' })]);
    expect(found.map((f) => `${f.severity} ${f.message}`)).toEqual([
      `high association prod/shop:app (aws_eks_pod_identity_association.a) now points at this existing role, and its trust admits any service account of ${ISSUER}: its pods gain that access, though nothing about the role changes in this plan`,
    ]);
  });

  test('several workloads newly pointing at one role are one finding that lists them all', async () => {
    const broad = role('broad', 'no-op', { trust: podTrust(), managed: [ADMIN] });
    const twoAssociations = await findings('IRSA032', [
      broad,
      association('a', 'create', { role: 'broad' }),
      association('b', 'create', { role: 'broad', serviceAccount: 'worker' }),
    ]);
    expect(twoAssociations.map((f) => `${f.severity} ${f.address}: ${f.message}`)).toEqual([
      `high aws_iam_role.broad: 2 associations (prod/shop:app (aws_eks_pod_identity_association.a); prod/shop:worker (aws_eks_pod_identity_association.b)) now point at this existing role, and it has ${ADMIN} attached; its trust admits any EKS Pod Identity association in the account: their pods gain that access, though nothing about the role changes in this plan`,
    ]);
  });

  test('an outside role whose attachment is only added now is IRSA009', async () => {
    const a = association('a', 'create', { role: 'legacy' });
    const changes = [attachment('legacy_admin', 'legacy', ADMIN), a];
    expect(await findings('IRSA032', changes)).toEqual([]);
  });
});

describe('IRSA033: what it does not judge', () => {
  test('a literal * in StringEquals is IRSA004 only', async () => {
    const star = newRole('star', { trust: doc(scoped('system:serviceaccount:shop:*')) });
    expect(await findings('IRSA033', [star])).toEqual([]);
    expect((await findings('IRSA004', [star])).length).toBe(1);
  });

  test('a Cognito trust, and a trust with a working subject, are quiet', async () => {
    const cognito = newRole('cognito', {
      trust: doc({
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0000' } },
      }),
    });
    expect(await findings('IRSA033', [cognito, newRole('ok', { trust: SAFE_TRUST })])).toEqual([]);
  });

  test('with Pod Identity beside it, the message says only Pod Identity can assume the role', async () => {
    const trust = doc(
      web({
        StringEquals: { [`${ISSUER}:sub`]: ['system:serviceaccount:a:x'] },
        StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:b:*' },
      }),
      ...JSON.parse(podScoped()).Statement,
    );
    expect((await findings('IRSA033', [newRole('both', { trust })])).map((f) => f.message)).toEqual([
      `no pod can assume it through web identity (IRSA); only Service:pods.eks.amazonaws.com can: its conditions exclude every service account (access: nobody for ${ISSUER})`,
    ]);
  });
});
