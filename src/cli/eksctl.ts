/**
 * What eksctl creates for `iam.serviceAccounts` and `iam.podIdentityAssociations`, as facts the import
 * plan relies on (eksctl's pkg/cfn/builder, pkg/iam/oidc, pkg/actions/irsa, pkg/actions/podidentityassociation):
 * - one CloudFormation stack per service account, named below; its role has the logical ID `Role1` and,
 *   without `roleName`, a name CloudFormation generates (`<stack>-Role1-<random>`, shortened to 64);
 * - attached policies: `attachPolicyARNs`, then the managed well-known policies, as the role's
 *   `ManagedPolicyArns` (plain attachments once adopted);
 * - inline policies (`AWS::IAM::Policy`) named `<stack>-<name>`: `Policy1` for `attachPolicy`, and one or
 *   more per well-known add-on that has no AWS managed policy, with the documents below (MIGRATION.md
 *   says which of them the first plan updates);
 * - the trust policy layout below (Action as a one-element list, `:sub` before `:aud`).
 * Pure: no I/O.
 */
import type { PolicyConditions, PolicyDocument } from '../policy/document';

/** eksctl's `wellKnownPolicies` keys (pkg/apis/eksctl.io/v1alpha5/well_known_iam_policy.go). */
export const EKSCTL_WELL_KNOWN_KEYS = [
  'imageBuilder',
  'autoScaler',
  'awsLoadBalancerController',
  'externalDNS',
  'certManager',
  'ebsCSIController',
  'efsCSIController',
] as const;
export type EksctlWellKnownKey = (typeof EKSCTL_WELL_KNOWN_KEYS)[number];

/** Managed policies eksctl attaches for a well-known key (names under `arn:<partition>:iam::aws:policy/`). */
export const EKSCTL_WELL_KNOWN_MANAGED: Partial<Record<EksctlWellKnownKey, string>> = {
  imageBuilder: 'AmazonEC2ContainerRegistryPowerUser',
  ebsCSIController: 'service-role/AmazonEBSCSIDriverPolicy',
};

/** Inline policies eksctl writes for a well-known key, in eksctl's order (names before the stack prefix). */
export const EKSCTL_WELL_KNOWN_INLINE: Partial<Record<EksctlWellKnownKey, readonly string[]>> = {
  autoScaler: ['PolicyAutoScaling'],
  awsLoadBalancerController: ['PolicyAWSLoadBalancerController'],
  externalDNS: ['PolicyExternalDNSChangeSet', 'PolicyExternalDNSHostedZones'],
  certManager: ['PolicyCertManagerChangeSet', 'PolicyCertManagerGetChange', 'PolicyCertManagerHostedZones'],
  efsCSIController: ['PolicyEFSCSIController'],
};

/** The logical ID of the role in eksctl's stacks. */
export const EKSCTL_ROLE_LOGICAL_ID = 'Role1';
/** The name (before the stack prefix) of the inline policy eksctl writes for `attachPolicy`. */
export const EKSCTL_ATTACH_POLICY_NAME = 'Policy1';

export function irsaStackName(cluster: string, namespace: string, name: string): string {
  return `eksctl-${cluster}-addon-iamserviceaccount-${namespace}-${name}`;
}

export function podIdentityStackName(cluster: string, namespace: string, serviceAccount: string): string {
  return `eksctl-${cluster}-podidentityrole-${namespace}-${serviceAccount}`;
}

/** The stack of the IRSA role eksctl creates for an EKS add-on (pkg/cfn/manager/addon.go). */
export function addonStackName(cluster: string, addon: string): string {
  return `eksctl-${cluster}-addon-${addon}`;
}

/**
 * The service account of each add-on eksctl creates an IRSA role for without being told one (the EKS add-ons'
 * own names). eksctl's trust names only vpc-cni's (`trustsIt`); for the others it admits every service
 * account of the cluster (pkg/actions/addon/create.go getKnownServiceAccountLocation, pkg/cfn/builder/iam.go).
 */
export const ADDON_SERVICE_ACCOUNTS: Readonly<
  Record<string, { readonly namespace: string; readonly name: string; readonly trustsIt: boolean }>
> = {
  'vpc-cni': { namespace: 'kube-system', name: 'aws-node', trustsIt: true },
  'aws-ebs-csi-driver': { namespace: 'kube-system', name: 'ebs-csi-controller-sa', trustsIt: false },
  'aws-efs-csi-driver': { namespace: 'kube-system', name: 'efs-csi-controller-sa', trustsIt: false },
};

/**
 * What eksctl gives an add-on's role when the ClusterConfig sets no IAM for it and the cluster has OIDC
 * (pkg/actions/addon/create.go setRecommendedPoliciesForIRSA; vpc-cni on IPv4 only).
 */
export const ADDON_RECOMMENDED: Readonly<
  Record<string, { readonly managed?: string; readonly wellKnown?: EksctlWellKnownKey }>
> = {
  'vpc-cni': { managed: 'AmazonEKS_CNI_Policy' },
  'aws-ebs-csi-driver': { wellKnown: 'ebsCSIController' },
  'aws-efs-csi-driver': { wellKnown: 'efsCSIController' },
};

/** Add-ons that need no AWS permissions: eksctl creates no role for them. */
export const ADDONS_WITHOUT_IAM = ['coredns', 'kube-proxy', 'metrics-server', 'eks-pod-identity-agent'];

/** An inline policy's name: CloudFormation's `${AWS::StackName}-<name>`. */
export function inlinePolicyName(stackName: string, name: string): string {
  return `${stackName}-${name}`;
}

/** The partition of a region, as eksctl's `${AWS::Partition}` resolves. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** The trust policy eksctl writes for an IRSA role, key for key in eksctl's order. */
export function eksctlIrsaTrustPolicy(input: {
  providerArn: string;
  issuer: string;
  namespace: string;
  serviceAccount: string;
  subjectPattern?: string;
  audience?: string;
  /** eksctl's add-on roles without a known service account: only the audience is checked. */
  anyServiceAccount?: boolean;
}): PolicyDocument {
  const audience = input.audience ?? 'sts.amazonaws.com';
  const sub = `${input.issuer}:sub`;
  const aud = `${input.issuer}:aud`;
  const condition: PolicyConditions = input.anyServiceAccount
    ? { StringEquals: { [aud]: audience } }
    : input.subjectPattern
      ? {
          StringLike: { [sub]: `system:serviceaccount:${input.namespace}:${input.subjectPattern}` },
          StringEquals: { [aud]: audience },
        }
      : {
          StringEquals: {
            [sub]: `system:serviceaccount:${input.namespace}:${input.serviceAccount}`,
            [aud]: audience,
          },
        };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['sts:AssumeRoleWithWebIdentity'],
        Principal: { Federated: input.providerArn },
        Condition: condition,
      },
    ],
  };
}

/** The trust policy eksctl writes for a Pod Identity role. */
export function eksctlPodIdentityTrustPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Principal: { Service: 'pods.eks.amazonaws.com' },
      },
    ],
  };
}

/** The commands that find the name CloudFormation gave a role eksctl created without `roleName`. */
export function roleLookupCommands(stackName: string, region: string): string[] {
  return [
    `aws cloudformation describe-stack-resource --region ${region} --stack-name ${stackName} --logical-resource-id ${EKSCTL_ROLE_LOGICAL_ID} --query StackResourceDetail.PhysicalResourceId --output text`,
    `aws iam list-roles --query "Roles[?starts_with(RoleName, '${stackName.slice(0, 40)}')].Arn" --output text`,
  ];
}

/** One eksctl statement: Allow, in the key order of eksctl's rendered template (Go sorts map keys). */
function allow(
  action: string[],
  resource: string,
  condition?: PolicyConditions,
): PolicyDocument['Statement'][number] {
  return condition
    ? { Action: action, Condition: condition, Effect: 'Allow', Resource: resource }
    : { Action: action, Effect: 'Allow', Resource: resource };
}

/**
 * The documents eksctl writes for its well-known inline policies (pkg/cfn/builder/statement.go), by the
 * policy's name before the stack prefix. The awsLoadBalancerController policy is left out: its document
 * is long and changes with eksctl releases, so the import keeps the one AWS holds.
 */
export function eksctlWellKnownDocument(policy: string, partition: string): PolicyDocument | undefined {
  const changeSet = [allow(['route53:ChangeResourceRecordSets'], `arn:${partition}:route53:::hostedzone/*`)];
  const efsTag = (key: string) => ({ StringLike: { [`aws:${key}/efs.csi.aws.com/cluster`]: 'true' } });
  const statements: Record<string, PolicyDocument['Statement']> = {
    PolicyAutoScaling: [
      allow(
        [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'autoscaling:DescribeTags',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
        ],
        '*',
      ),
      allow(
        [
          'autoscaling:SetDesiredCapacity',
          'autoscaling:TerminateInstanceInAutoScalingGroup',
          'ec2:DescribeImages',
          'ec2:GetInstanceTypesFromInstanceRequirements',
          'eks:DescribeNodegroup',
        ],
        '*',
      ),
    ],
    PolicyExternalDNSChangeSet: changeSet,
    PolicyExternalDNSHostedZones: [
      allow(
        ['route53:ListHostedZones', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'],
        '*',
      ),
    ],
    PolicyCertManagerChangeSet: changeSet,
    PolicyCertManagerGetChange: [allow(['route53:GetChange'], `arn:${partition}:route53:::change/*`)],
    PolicyCertManagerHostedZones: [
      allow(['route53:ListResourceRecordSets', 'route53:ListHostedZonesByName'], '*'),
    ],
    PolicyEFSCSIController: [
      allow(['elasticfilesystem:DescribeAccessPoints', 'elasticfilesystem:DescribeFileSystems'], '*'),
      allow(['elasticfilesystem:CreateAccessPoint'], '*', efsTag('RequestTag')),
      allow(['elasticfilesystem:TagResource'], '*', efsTag('RequestTag')),
      allow(['elasticfilesystem:DeleteAccessPoint'], '*', efsTag('ResourceTag')),
    ],
  };
  const found = statements[policy];
  return found ? { Version: '2012-10-17', Statement: found } : undefined;
}
