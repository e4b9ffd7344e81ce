/**
 * Small hand-written plans for the review rule tests: roles, policies, attachments, OIDC providers and
 * Pod Identity associations as terraform writes them, and a review that reports one rule's findings.
 */
import { reviewPlans, type Finding, type Report } from '../../../src/review';
import type { RawPlan, RawResourceChange } from '../../../src/review/plan/types';
import type { ActionVerdict } from '../../../src/iam/action-catalog';
import { ISSUER, plan, PROVIDER_ARN } from './synthetic';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const SOURCE = 'plan.json';
export const ISSUER2 = 'oidc.eks.us-east-1.amazonaws.com/id/SECOND00000000000000000000000000';
export const PROVIDER2_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER2}`;
export const roleArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;

export type Json = Record<string, unknown>;
export type Condition = Record<string, Record<string, string | string[]>>;

export const doc = (...statements: Json[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** A web-identity Allow statement for the synthetic cluster's provider. */
export function web(condition?: Condition, extra: Json = {}): Json {
  return {
    Effect: 'Allow',
    Principal: { Federated: PROVIDER_ARN },
    Action: 'sts:AssumeRoleWithWebIdentity',
    ...(condition ? { Condition: condition } : {}),
    ...extra,
  };
}

export const sub = `${ISSUER}:sub`;
export const aud = `${ISSUER}:aud`;
export const STS = 'sts.amazonaws.com';

/** The correct IRSA trust: one service account, the STS audience. */
export const scoped = (subject: string | string[] = 'system:serviceaccount:shop:app'): Json =>
  web({ StringEquals: { [sub]: subject, [aud]: STS } });

export const SAFE_TRUST = doc(scoped());

export const allow = (
  action: string | string[],
  resource: string | string[] = '*',
  extra: Json = {},
): Json => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});

export type Kind = 'create' | 'update' | 'delete' | 'replace' | 'no-op';
export const ACTIONS: Record<Kind, string[]> = {
  create: ['create'],
  update: ['update'],
  delete: ['delete'],
  replace: ['delete', 'create'],
  'no-op': ['no-op'],
};

export interface RoleSide {
  trust?: string;
  inline?: Record<string, string>;
  managed?: string[];
  boundary?: string;
  /** The role ARN; `null` for known after apply. */
  arn?: string | null;
}

/** An aws_iam_role change. `before` is ignored for create, `after` for delete. */
export function role(
  name: string,
  kind: Kind,
  before: RoleSide,
  after: RoleSide = before,
): RawResourceChange {
  const obj = (s: RoleSide) => ({
    name,
    ...(s.arn === null ? {} : { arn: s.arn ?? roleArn(name) }),
    assume_role_policy: s.trust ?? SAFE_TRUST,
    inline_policy: Object.entries(s.inline ?? {}).map(([n, policy]) => ({ name: n, policy })),
    managed_policy_arns: s.managed ?? [],
    permissions_boundary: s.boundary ?? null,
  });
  return {
    address: `aws_iam_role.${name}`,
    mode: 'managed',
    type: 'aws_iam_role',
    name,
    change: {
      actions: ACTIONS[kind],
      before: kind === 'create' ? null : obj(before),
      after: kind === 'delete' ? null : obj(after),
      after_unknown: kind === 'delete' ? {} : after.arn === null ? { arn: true } : {},
      before_sensitive: false,
      after_sensitive: false,
    },
  };
}

export const newRole = (name: string, after: RoleSide = {}) => role(name, 'create', {}, after);

export function resource(
  type: string,
  name: string,
  kind: Kind,
  before: Json | null,
  after: Json | null,
  afterUnknown: Json = {},
): RawResourceChange {
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    change: {
      actions: ACTIONS[kind],
      before: kind === 'create' ? null : before,
      after: kind === 'delete' ? null : after,
      after_unknown: afterUnknown,
      before_sensitive: false,
      after_sensitive: false,
    },
  };
}

/** aws_iam_role_policy `name` on role `roleName`, created with `policy`. */
export const rolePolicy = (
  name: string,
  roleName: string,
  policy: string,
  kind: Kind = 'create',
  before = policy,
) =>
  resource(
    'aws_iam_role_policy',
    name,
    kind,
    { role: roleName, name, policy: before },
    { role: roleName, name, policy },
  );

export const attachment = (name: string, roleName: string, policyArn: string, kind: Kind = 'create') =>
  resource(
    'aws_iam_role_policy_attachment',
    name,
    kind,
    { role: roleName, policy_arn: policyArn },
    { role: roleName, policy_arn: policyArn },
  );

export const managedPolicy = (name: string, policy: string) =>
  resource('aws_iam_policy', name, 'create', null, {
    name,
    arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    policy,
  });

export const oidcProvider = (name: string, kind: Kind, arn = PROVIDER_ARN, issuer = ISSUER) =>
  resource(
    'aws_iam_openid_connect_provider',
    name,
    kind,
    { arn, url: `https://${issuer}` },
    { arn, url: `https://${issuer}` },
  );

export interface AssociationSide {
  role: string;
  cluster?: string | null;
  namespace?: string;
  serviceAccount?: string;
  disableSessionTags?: boolean;
}

export function association(
  name: string,
  kind: Kind,
  after: AssociationSide,
  before: AssociationSide = after,
) {
  const obj = (s: AssociationSide) => ({
    cluster_name: s.cluster === null ? null : (s.cluster ?? 'prod'),
    namespace: s.namespace ?? 'shop',
    service_account: s.serviceAccount ?? 'app',
    role_arn: roleArn(s.role),
    ...(s.disableSessionTags !== undefined ? { disable_session_tags: s.disableSessionTags } : {}),
  });
  return resource(
    'aws_eks_pod_identity_association',
    name,
    kind,
    obj(before),
    obj(after),
    after.cluster === null ? { cluster_name: true } : {},
  );
}

export const PODS = 'pods.eks.amazonaws.com';
export const podTrust = (
  actions: string | string[] = ['sts:AssumeRole', 'sts:TagSession'],
  condition?: Condition,
) =>
  doc({
    Effect: 'Allow',
    Principal: { Service: PODS },
    Action: actions,
    ...(condition ? { Condition: condition } : {}),
  });
export const podScoped = (namespace = 'shop', serviceAccount = 'app') =>
  podTrust(undefined, {
    StringEquals: {
      'aws:RequestTag/kubernetes-namespace': namespace,
      'aws:RequestTag/kubernetes-service-account': serviceAccount,
    },
  });

/** Reviews the changes; every action is `known` to the catalog unless `verdicts` says otherwise. */
export async function review(
  changes: RawResourceChange[],
  verdicts: Record<string, ActionVerdict> = {},
  rawPlan: RawPlan = plan(changes),
): Promise<Report> {
  return reviewPlans([{ source: SOURCE, plan: rawPlan }], {
    checkActions: async (actions) => new Map(actions.map((a) => [a, verdicts[a] ?? 'known'])),
  });
}

export async function findings(
  ruleId: string,
  changes: RawResourceChange[],
  verdicts = {},
): Promise<Finding[]> {
  return (await review(changes, verdicts)).findings.filter((f) => f.ruleId === ruleId);
}

export async function messages(
  ruleId: string,
  changes: RawResourceChange[],
  verdicts = {},
): Promise<string[]> {
  return (await findings(ruleId, changes, verdicts)).map((f) => `${f.severity} ${f.address}: ${f.message}`);
}

export const f = (
  ruleId: string,
  severity: Finding['severity'],
  address: string,
  message: string,
): Finding => ({
  ruleId,
  severity,
  source: SOURCE,
  address,
  message,
});
