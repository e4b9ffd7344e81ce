/**
 * The add-on grants as exact documents, written from each add-on's documented IAM policy (Cluster
 * Autoscaler's AWS README, ExternalDNS's AWS tutorial, cert-manager's Route 53 page, the EKS user guide's
 * managed policies), in every partition.
 */
import { wellKnownGrant } from '../../src/policy/well-known';

const AUTOSCALER_READ = [
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeAutoScalingInstances',
  'autoscaling:DescribeLaunchConfigurations',
  'autoscaling:DescribeScalingActivities',
  'autoscaling:DescribeTags',
  'ec2:DescribeImages',
  'ec2:DescribeInstanceTypes',
  'ec2:DescribeLaunchTemplateVersions',
  'ec2:GetInstanceTypesFromInstanceRequirements',
  'eks:DescribeNodegroup',
];
const RESIZE = ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'];

describe.each(['aws', 'aws-cn', 'aws-us-gov'])('wellKnownGrant in partition %s', (partition) => {
  test('nothing asked, nothing granted', () => {
    expect(wellKnownGrant({}, partition)).toEqual({ managedPolicyArns: [], statements: [] });
    expect(
      wellKnownGrant(
        {
          clusterAutoscaler: false,
          externalDns: false,
          certManager: false,
          ebsCsiDriver: false,
          vpcCni: false,
        },
        partition,
      ),
    ).toEqual({ managedPolicyArns: [], statements: [] });
  });

  test('managed policies, in a fixed order', () => {
    expect(
      wellKnownGrant({ imageBuilder: true, vpcCni: true, efsCsiDriver: true, ebsCsiDriver: true }, partition),
    ).toEqual({
      managedPolicyArns: [
        `arn:${partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy`,
        `arn:${partition}:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy`,
        `arn:${partition}:iam::aws:policy/AmazonEKS_CNI_Policy`,
        `arn:${partition}:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser`,
      ],
      statements: [],
    });
    expect(wellKnownGrant({ vpcCni: true }, partition).managedPolicyArns).toEqual([
      `arn:${partition}:iam::aws:policy/AmazonEKS_CNI_Policy`,
    ]);
  });

  test('Cluster Autoscaler: unscoped, and one resize statement per cluster tag', () => {
    expect(wellKnownGrant({ clusterAutoscaler: true }, partition).statements).toEqual([
      { Effect: 'Allow', Action: AUTOSCALER_READ, Resource: '*' },
      { Effect: 'Allow', Action: RESIZE, Resource: '*' },
    ]);
    expect(wellKnownGrant({ clusterAutoscaler: { clusterNames: [] } }, partition).statements).toEqual([
      { Effect: 'Allow', Action: AUTOSCALER_READ, Resource: '*' },
      { Effect: 'Allow', Action: RESIZE, Resource: '*' },
    ]);
    expect(
      wellKnownGrant({ clusterAutoscaler: { clusterNames: ['east', 'west'] } }, partition).statements,
    ).toEqual([
      { Effect: 'Allow', Action: AUTOSCALER_READ, Resource: '*' },
      {
        Effect: 'Allow',
        Action: RESIZE,
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/east': 'owned' } },
      },
      {
        Effect: 'Allow',
        Action: RESIZE,
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/west': 'owned' } },
      },
    ]);
  });

  test('ExternalDNS: every zone, or only the listed zones', () => {
    const list = {
      Effect: 'Allow',
      Action: ['route53:ListHostedZones', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'],
      Resource: '*',
    };
    expect(wellKnownGrant({ externalDns: true }, partition).statements).toEqual([
      {
        Effect: 'Allow',
        Action: 'route53:ChangeResourceRecordSets',
        Resource: [`arn:${partition}:route53:::hostedzone/*`],
      },
      list,
    ]);
    expect(wellKnownGrant({ externalDns: {} }, partition).statements[0].Resource).toEqual([
      `arn:${partition}:route53:::hostedzone/*`,
    ]);
    expect(wellKnownGrant({ externalDns: { hostedZoneIds: ['Z1', 'Z2'] } }, partition).statements).toEqual([
      {
        Effect: 'Allow',
        Action: 'route53:ChangeResourceRecordSets',
        Resource: [`arn:${partition}:route53:::hostedzone/Z1`, `arn:${partition}:route53:::hostedzone/Z2`],
      },
      list,
    ]);
  });

  test('cert-manager: GetChange, record changes in every zone or the listed ones, ListHostedZonesByName', () => {
    const expected = (zones: string[]) => [
      { Effect: 'Allow', Action: 'route53:GetChange', Resource: `arn:${partition}:route53:::change/*` },
      {
        Effect: 'Allow',
        Action: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
        Resource: zones.map((z) => `arn:${partition}:route53:::hostedzone/${z}`),
      },
      { Effect: 'Allow', Action: 'route53:ListHostedZonesByName', Resource: '*' },
    ];
    expect(wellKnownGrant({ certManager: true }, partition).statements).toEqual(expected(['*']));
    expect(wellKnownGrant({ certManager: { hostedZoneIds: ['ZABC'] } }, partition).statements).toEqual(
      expected(['ZABC']),
    );
  });

  test('several add-ons: statements in a fixed order (autoscaler, ExternalDNS, cert-manager)', () => {
    const grant = wellKnownGrant(
      { certManager: true, externalDns: true, clusterAutoscaler: true },
      partition,
    );
    expect(grant.statements.map((s) => s.Action)).toEqual([
      AUTOSCALER_READ,
      RESIZE,
      'route53:ChangeResourceRecordSets',
      ['route53:ListHostedZones', 'route53:ListResourceRecordSets', 'route53:ListTagsForResource'],
      'route53:GetChange',
      ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
      'route53:ListHostedZonesByName',
    ]);
  });
});
