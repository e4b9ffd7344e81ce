/** Options for every add-on with every scoping input set (and the smallest valid form of each). */
import type { WellKnownPolicies } from '../../src';
import type { HclLiteral } from '../../src/modules/hcl';
import { snakeCase } from '../../src/policy/addons';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

/** Every add-on, every scope given. Split into roles by `ROLE_GROUPS` (the inline-policy quota). */
export const FULL: WellKnownPolicies = {
  awsLoadBalancerController: true,
  awsLoadBalancerControllerTargetGroupBinding: {
    targetGroupArns: [`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web/0123456789abcdef`],
  },
  clusterAutoscaler: { clusterNames: ['prod', 'stage'], kubernetesClusterTag: true },
  externalDns: { hostedZoneIds: ['Z0123456789ABCDEFGHIJ'] },
  certManager: { hostedZoneIds: ['Z0123456789ABCDEFGHIJ', 'Z9876543210ZYXWVUTSRQ'] },
  ebsCsiDriver: {
    inline: true,
    kmsKeyArns: [`arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
  },
  efsCsiDriver: { inline: true },
  vpcCni: { inline: true, ipv6: true, cloudWatchLogs: true },
  imageBuilder: { inline: true, repositoryArns: [`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/apps/*`] },
  karpenterController: {
    clusterName: 'prod',
    region: REGION,
    accountId: ACCOUNT,
    nodeRoleArns: [`arn:aws:iam::${ACCOUNT}:role/KarpenterNodeRole-prod`],
    interruptionQueueArns: [`arn:aws:sqs:${REGION}:${ACCOUNT}:Karpenter-prod`],
    amiSsmParameterArns: [`arn:aws:ssm:${REGION}::parameter/aws/service/eks/optimized-ami/*`],
  },
  externalSecrets: {
    secretArns: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:prod/*`],
    parameterArns: [`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/prod/*`],
    kmsKeyArns: [`arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    createSecrets: true,
  },
  velero: {
    bucketArns: ['arn:aws:s3:::velero-backups'],
    objectArns: ['arn:aws:s3:::velero-backups/prod/*'],
    kmsKeyArns: [`arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
  },
  fsxLustreCsiDriver: {
    serviceLinkedRoleArns: [
      `arn:aws:iam::${ACCOUNT}:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*`,
    ],
  },
  fsxOpenZfsCsiDriver: {
    serviceLinkedRoleArns: [`arn:aws:iam::${ACCOUNT}:role/aws-service-role/fsx.amazonaws.com/*`],
  },
  mountpointS3CsiDriver: {
    bucketArns: ['arn:aws:s3:::datasets'],
    objectArns: ['arn:aws:s3:::datasets/training/*'],
    kmsKeyArns: [`arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
  },
  nodeTerminationHandler: { queueArns: [`arn:aws:sqs:${REGION}:${ACCOUNT}:nth-prod`] },
  amazonManagedPrometheus: {
    workspaceArns: [`arn:aws:aps:${REGION}:${ACCOUNT}:workspace/ws-12345678-abcd-1234-abcd-123456789012`],
  },
  cloudWatchObservability: true,
  awsGatewayController: true,
  awsPrivateCaIssuer: {
    certificateAuthorityArns: [
      `arn:aws:acm-pca:${REGION}:${ACCOUNT}:certificate-authority/12345678-1234-1234-1234-123456789012`,
    ],
  },
  appMeshController: true,
  appMeshEnvoyProxy: true,
  pganalyze: { region: REGION, accountId: ACCOUNT },
};

/** Add-on keys per role so every role stays within the inline-policy and attachment quotas. */
export const ROLE_GROUPS: (keyof WellKnownPolicies)[][] = [
  [
    'awsLoadBalancerController',
    'awsLoadBalancerControllerTargetGroupBinding',
    'clusterAutoscaler',
    'externalDns',
  ],
  ['karpenterController', 'certManager', 'nodeTerminationHandler', 'amazonManagedPrometheus'],
  ['ebsCsiDriver', 'efsCsiDriver', 'vpcCni', 'imageBuilder', 'velero'],
  [
    'externalSecrets',
    'fsxLustreCsiDriver',
    'fsxOpenZfsCsiDriver',
    'mountpointS3CsiDriver',
    'cloudWatchObservability',
    'awsGatewayController',
    'awsPrivateCaIssuer',
    'appMeshEnvoyProxy',
    'pganalyze',
  ],
  ['appMeshController'],
];

/** The options of `keys`, taken from `FULL`. */
export function pick(keys: (keyof WellKnownPolicies)[]): WellKnownPolicies {
  return Object.fromEntries(keys.map((k) => [k, FULL[k]])) as WellKnownPolicies;
}

/** `wellKnownPolicies` as the module's `addons` value: snake_case keys, `true` as `{}`. */
export function addonsInput(policies: WellKnownPolicies): HclLiteral {
  const out: Record<string, HclLiteral> = {};
  for (const [key, value] of Object.entries(policies)) {
    if (value === undefined || value === false) continue;
    const options: Record<string, HclLiteral> = {};
    if (typeof value === 'object') {
      for (const [name, v] of Object.entries(value)) options[snakeCase(name)] = v as HclLiteral;
    }
    out[snakeCase(key)] = options;
  }
  return out;
}
