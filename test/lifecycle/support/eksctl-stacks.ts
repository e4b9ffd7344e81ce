/**
 * What `eksctl create iamserviceaccount` leaves in IAM, re-created in the emulator (which has no
 * CloudFormation that honours eksctl's templates): one stack per service account, rendered the way eksctl
 * renders it (pkg/cfn/builder/iam.go, pkg/iam/oidc, pkg/cfn/manager/api.go) and carried out the way
 * CloudFormation does, as Terraform resources that a separate workspace applies:
 * - `Role1` (AWS::IAM::Role): the trust policy eksctl writes (keys sorted, as Go renders its maps), the
 *   role name from `roleName` or, without it, CloudFormation's `<stack name>-Role1-<12 random>` cut to 64,
 *   path `/`, the permissions boundary, and the stack's tags (CloudFormation puts them on the role);
 * - `ManagedPolicyArns`: `attachPolicyARNs`, then the well-known managed policies (attachments);
 * - one AWS::IAM::Policy per `attachPolicy` (`Policy1`) and per well-known inline policy, named
 *   `<stack name>-<policy>`.
 * Independent of src/cli/plan.ts (the code under test); eksctl's well-known documents come from
 * src/cli/eksctl.ts, the facts file the CLI compares with.
 */
import { createHash } from 'node:crypto';
import type { ClusterConfig } from '../../../src/cli/cluster-config';
import { eksctlWellKnownDocument } from '../../../src/cli/eksctl';
import type { TerraformJson } from '../../support/emulator';

/** The eksctl release the stacks claim (the `alpha.eksctl.io/eksctl-version` tag). */
export const EKSCTL_VERSION = '0.210.0';

/** eksctl's managed policy per well-known key (pkg/cfn/builder/iam_helper.go). */
const MANAGED: Record<string, string> = {
  imageBuilder: 'AmazonEC2ContainerRegistryPowerUser',
  ebsCSIController: 'service-role/AmazonEBSCSIDriverPolicy',
};

/** eksctl's inline policies per well-known key, in eksctl's order. */
const INLINE: Record<string, string[]> = {
  autoScaler: ['PolicyAutoScaling'],
  awsLoadBalancerController: ['PolicyAWSLoadBalancerController'],
  externalDNS: ['PolicyExternalDNSChangeSet', 'PolicyExternalDNSHostedZones'],
  certManager: ['PolicyCertManagerChangeSet', 'PolicyCertManagerGetChange', 'PolicyCertManagerHostedZones'],
  efsCSIController: ['PolicyEFSCSIController'],
};

/** An excerpt of eksctl's load balancer controller policy (its first two statements, shortened). */
const LOAD_BALANCER_EXCERPT = {
  Statement: [
    {
      Action: ['iam:CreateServiceLinkedRole'],
      Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
      Effect: 'Allow',
      Resource: '*',
    },
    {
      Action: ['ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses', 'ec2:DescribeAvailabilityZones'],
      Effect: 'Allow',
      Resource: '*',
    },
  ],
  Version: '2012-10-17',
};

/** JSON with object keys sorted, as Go's encoding/json renders eksctl's maps. */
export function goJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

/** CloudFormation's name for an unnamed role: `<stack>-Role1-<12 characters>`, at most 64 characters. */
export function cloudFormationRoleName(stack: string): string {
  const suffix = createHash('sha256').update(stack).digest('hex').slice(0, 12).toUpperCase();
  const room = 64 - '-Role1-'.length - suffix.length;
  return `${stack.slice(0, room)}-Role1-${suffix}`;
}

export interface EksctlStacks {
  /** The Terraform JSON that creates everything (apply it in its own workspace). */
  readonly config: TerraformJson;
  /** `namespace/name` → the role's name (what `describe-stack-resource … Role1` returns). */
  readonly roleNames: Record<string, string>;
}

/** The IAM side of every `iam.serviceAccounts` entry that eksctl creates a role for, plus the OIDC provider. */
export function eksctlStacks(config: ClusterConfig, issuerUrl: string, account: string): EksctlStacks {
  const issuer = issuerUrl.replace(/^https:\/\//, '');
  const providerArn = `arn:aws:iam::${account}:oidc-provider/${issuer}`;
  const roles: Record<string, unknown> = {};
  const attachments: Record<string, unknown> = {};
  const policies: Record<string, unknown> = {};
  const roleNames: Record<string, string> = {};
  const customerPolicies = new Set<string>();
  for (const sa of config.serviceAccounts) {
    if (sa.attachRoleARN !== undefined) continue; // eksctl creates no role for these
    const stack = `eksctl-${config.name}-addon-iamserviceaccount-${sa.namespace}-${sa.name}`;
    const id = `${sa.namespace}_${sa.name}`.replace(/[^A-Za-z0-9_]/g, '_');
    const roleName = sa.roleName ?? cloudFormationRoleName(stack);
    roleNames[`${sa.namespace}/${sa.name}`] = roleName;
    const condition = sa.subjectPattern
      ? {
          StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${issuer}:sub`]: `system:serviceaccount:${sa.namespace}:${sa.subjectPattern}` },
        }
      : {
          StringEquals: {
            [`${issuer}:aud`]: 'sts.amazonaws.com',
            [`${issuer}:sub`]: `system:serviceaccount:${sa.namespace}:${sa.name}`,
          },
        };
    const trust = {
      Statement: [
        {
          Action: ['sts:AssumeRoleWithWebIdentity'],
          Condition: condition,
          Effect: 'Allow',
          Principal: { Federated: providerArn },
        },
      ],
      Version: '2012-10-17',
    };
    // Stack tags (shared tags, then the service account's, with its name): CloudFormation tags the role.
    const tags = {
      'alpha.eksctl.io/cluster-name': config.name,
      'eksctl.cluster.k8s.io/v1alpha1/cluster-name': config.name,
      'alpha.eksctl.io/eksctl-version': EKSCTL_VERSION,
      ...config.tags,
      ...sa.tags,
      'alpha.eksctl.io/iamserviceaccount-name': `${sa.namespace}/${sa.name}`,
    };
    const boundary = sa.permissionsBoundary;
    if (boundary?.includes(`:${account}:policy/`)) customerPolicies.add(boundary);
    roles[id] = {
      name: roleName,
      path: '/',
      assume_role_policy: goJson(trust),
      ...(boundary ? { permissions_boundary: boundary } : {}),
      tags,
      depends_on: ['aws_iam_openid_connect_provider.cluster', 'aws_iam_policy.customer'],
    };
    const managed = [
      ...sa.attachPolicyARNs,
      ...sa.wellKnownPolicies.flatMap((k) => (MANAGED[k] ? [`arn:aws:iam::aws:policy/${MANAGED[k]}`] : [])),
    ];
    managed.forEach((arn, i) => {
      if (arn.includes(`:${account}:policy/`)) customerPolicies.add(arn);
      attachments[`${id}_${i}`] = { role: `\${aws_iam_role.${id}.name}`, policy_arn: arn };
    });
    const inline: [string, unknown][] = sa.wellKnownPolicies.flatMap((k) =>
      (INLINE[k] ?? []).map((p): [string, unknown] => [
        p,
        p === 'PolicyAWSLoadBalancerController' ? LOAD_BALANCER_EXCERPT : eksctlWellKnownDocument(p, 'aws'),
      ]),
    );
    if (sa.attachPolicy) inline.push(['Policy1', sa.attachPolicy]);
    for (const [p, document] of inline) {
      policies[`${id}_${p}`] = {
        name: `${stack}-${p}`,
        role: `\${aws_iam_role.${id}.name}`,
        policy: goJson(document),
      };
    }
  }
  const customer = Object.fromEntries(
    [...customerPolicies].sort().map((arn) => [
      arn,
      {
        name: arn.slice(arn.lastIndexOf('/') + 1),
        policy: goJson({
          Statement: [{ Action: ['s3:GetObject'], Effect: 'Allow', Resource: '*' }],
          Version: '2012-10-17',
        }),
      },
    ]),
  );
  return {
    roleNames,
    config: {
      resource: {
        aws_iam_openid_connect_provider: {
          cluster: {
            url: issuerUrl,
            client_id_list: ['sts.amazonaws.com'],
            thumbprint_list: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
          },
        },
        aws_iam_policy: {
          customer: {
            for_each: customer,
            name: '${each.value.name}',
            policy: '${each.value.policy}',
          },
        },
        aws_iam_role: roles,
        aws_iam_role_policy_attachment: attachments,
        aws_iam_role_policy: policies,
      },
    },
  };
}
