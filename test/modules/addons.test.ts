/**
 * The add-on catalog rendered as HCL (src/modules/addons.ts) against the constructs' rendering, with real
 * offline `terraform plan`: for every add-on (split across roles as the inline quota requires) and for the
 * default forms, the planned inline policies and managed attachments equal what `wellKnownGrant` builds.
 * Then the `addons` input's validation: unknown add-ons and options, missing scopes, malformed ARNs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WellKnownPolicies, wellKnownGrant } from '../../src';
import { addonsHcl } from '../../src/modules/addons';
import { AWS_PROVIDER, variablesTf, versionsTf } from '../../src/modules/files';
import { formatHcl, render, type HclLiteral } from '../../src/modules/hcl';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  planJson,
  plannedResources,
  terraform,
  terraformOk,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { FULL, ROLE_GROUPS, addonsInput, pick } from '../support/addons';

const CASES: Record<string, WellKnownPolicies> = {
  ...Object.fromEntries(ROLE_GROUPS.map((g, i) => [`full_${i}`, pick(g)])),
  defaults: {
    externalDns: true,
    certManager: true,
    clusterAutoscaler: true,
    ebsCsiDriver: true,
    efsCsiDriver: true,
    vpcCni: true,
    imageBuilder: true,
    fsxLustreCsiDriver: true,
  },
  tag_upstream: { clusterAutoscaler: { clusterNames: ['prod'], autoscalerTag: false, kubernetesClusterTag: true } },
  ipv6: { vpcCni: { ipv4: false, ipv6: true }, ebsCsiDriver: { kmsKeyArns: ['arn:aws:kms:us-east-1:111122223333:key/k1'] } },
};

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ZONE = 'Z0123456789ABCDEFGHIJ';

/**
 * terraform-aws-modules' option names in the module (left) against the constructs' names (right): the
 * module must plan what the constructs render from the canonical options.
 */
const ALIASED: Record<string, [HclLiteral, WellKnownPolicies]> = {
  aliases_0: [
    {
      vpc_cni: { enable_ipv4: false, enable_ipv6: true, enable_cloudwatch_logs: true },
      external_dns: { hosted_zone_arns: [`arn:aws:route53:::hostedzone/${ZONE}`] },
      ebs_csi_driver: { inline: true, kms_cmk_ids: [KEY] },
      velero: { s3_bucket_arns: ['arn:aws:s3:::backups'] },
      external_secrets: {
        ssm_parameter_arns: ['arn:aws:ssm:us-east-1:111122223333:parameter/prod/*'],
        secrets_manager_arns: ['arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/*'],
        secrets_manager_create_permission: true,
      },
    },
    {
      vpcCni: { ipv4: false, ipv6: true, cloudWatchLogs: true },
      externalDns: { hostedZoneIds: [ZONE] },
      ebsCsiDriver: { inline: true, kmsKeyArns: [KEY] },
      velero: { bucketArns: ['arn:aws:s3:::backups'] },
      externalSecrets: {
        parameterArns: ['arn:aws:ssm:us-east-1:111122223333:parameter/prod/*'],
        secretArns: ['arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/*'],
        createSecrets: true,
      },
    },
  ],
  aliases_1: [
    {
      cert_manager: { hosted_zone_arns: [`arn:aws:route53:::hostedzone/${ZONE}`] },
      ebs_csi_driver: { kms_cmk_arns: [KEY] },
      mountpoint_s3_csi_driver: {
        bucket_arns: ['arn:aws:s3:::data'],
        path_arns: ['arn:aws:s3:::data/x/*'],
        kms_arns: [KEY],
      },
      fsx_lustre_csi_driver: { service_role_arns: ['arn:aws:iam::111122223333:role/aws-service-role/fsx.amazonaws.com/*'] },
      fsx_open_zfs_csi_driver: { service_role_arns: ['arn:aws:iam::111122223333:role/aws-service-role/fsx.amazonaws.com/*'] },
      aws_load_balancer_controller_target_group_binding: {
        targetgroup_arns: ['arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef'],
      },
      node_termination_handler: { sqs_queue_arns: ['arn:aws:sqs:us-east-1:111122223333:nth'] },
    },
    {
      certManager: { hostedZoneIds: [ZONE] },
      ebsCsiDriver: { kmsKeyArns: [KEY] },
      mountpointS3CsiDriver: { bucketArns: ['arn:aws:s3:::data'], objectArns: ['arn:aws:s3:::data/x/*'], kmsKeyArns: [KEY] },
      fsxLustreCsiDriver: { serviceLinkedRoleArns: ['arn:aws:iam::111122223333:role/aws-service-role/fsx.amazonaws.com/*'] },
      fsxOpenZfsCsiDriver: { serviceLinkedRoleArns: ['arn:aws:iam::111122223333:role/aws-service-role/fsx.amazonaws.com/*'] },
      awsLoadBalancerControllerTargetGroupBinding: {
        targetGroupArns: ['arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef'],
      },
      nodeTerminationHandler: { queueArns: ['arn:aws:sqs:us-east-1:111122223333:nth'] },
    },
  ],
};

async function writeHarness(dir: string, cases: Record<string, HclLiteral>): Promise<void> {
  const hcl = addonsHcl({
    section: 'Add-ons',
    partition: 'var.partition',
    role: 'aws_iam_role.this.name',
    create: 'true',
    namePrefix: '"irsa-permissions"',
    otherInlineLength: '0',
  });
  const m = path.join(dir, 'm');
  fs.mkdirSync(m, { recursive: true });
  fs.writeFileSync(path.join(m, 'versions.tf'), await formatHcl(versionsTf([AWS_PROVIDER])));
  fs.writeFileSync(
    path.join(m, 'variables.tf'),
    await formatHcl(
      variablesTf([
        hcl.variable,
        { name: 'partition', section: 'Add-ons', description: 'p', type: 'string', validations: [] },
      ]),
    ),
  );
  fs.writeFileSync(
    path.join(m, 'main.tf'),
    await formatHcl(`resource "aws_iam_role" "this" {
  name               = "harness"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

${hcl.main}`),
  );
  const calls = Object.entries(cases)
    .map(
      ([name, addons]) =>
        `module ${JSON.stringify(name)} {\nsource = "./m"\npartition = "aws"\naddons = ${render(addons)}\n}`,
    )
    .join('\n\n');
  fs.writeFileSync(path.join(dir, 'main.tf'), await formatHcl(`${OFFLINE_AWS_PROVIDER_HCL}\n${calls}\n`));
}

describeUnless(terraformUnavailableReason(['hashicorp/aws']), 'add-ons in HCL vs the constructs', () => {
  let plan: ReturnType<typeof planJson>;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-addons-hcl-'));
    await writeHarness(dir, {
      ...Object.fromEntries(Object.entries(CASES).map(([k, v]) => [k, addonsInput(v)])),
      ...Object.fromEntries(Object.entries(ALIASED).map(([k, [input]]) => [k, input])),
    });
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    plan = planJson(dir);
  });

  test.each([...Object.keys(CASES), ...Object.keys(ALIASED)])('%s: the same inline policies and managed attachments', (name) => {
    const grant = wellKnownGrant(CASES[name] ?? ALIASED[name][1], 'aws');
    const policies = [...plannedResources(plan, 'aws_iam_role_policy')]
      .filter(([address]) => address.startsWith(`module.${name}.`))
      .map(([, after]) => ({ name: after.name, policy: JSON.parse(after.policy as string) }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    const expected = grant.addons
      .filter((a) => a.statements.length > 0)
      .map((a) => ({
        name: `irsa-permissions-${a.key}`,
        policy: { Version: '2012-10-17', Statement: a.statements },
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(policies).toEqual(expected);
    const attachments = [...plannedResources(plan, 'aws_iam_role_policy_attachment')]
      .filter(([address]) => address.startsWith(`module.${name}.`))
      .map(([, after]) => after.policy_arn)
      .sort();
    expect(attachments).toEqual([...grant.managedPolicyArns].sort());
  });

  test('FULL covers every add-on', () => expect(Object.keys(FULL).length).toBeGreaterThan(20));
});

describeUnless(terraformUnavailableReason(['hashicorp/aws']), 'the addons input: one error per mistake', () => {
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-addons-errors-'));
    await writeHarness(dir, { bad: {} });
    terraformOk(dir, ['init', '-input=false', '-no-color']);
  });

  /** Plans with `addons` and returns Terraform's error text, flattened to one line. */
  async function planError(addons: string): Promise<string> {
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      `${OFFLINE_AWS_PROVIDER_HCL}\nmodule "bad" {\n  source = "./m"\n  partition = "aws"\n  addons = ${addons}\n}\n`,
    );
    const result = terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false']);
    expect(result.status).not.toBe(0);
    return result.stderr.replace(/│/g, '').replace(/\s+/g, ' ');
  }

  test.each([
    [
      '{ external_dnss = {} }',
      'addons attribute "external_dnss" is not a known add-on: did you mean "external_dns"?',
    ],
    ['{ autoscaler = {} }', 'addons attribute "autoscaler" is not a known add-on: did you mean "cluster_autoscaler"?'],
    [
      '{ external_dns = { hosted_zone_id = ["Z1"] } }',
      'addons.external_dns.hosted_zone_id is not an option of external_dns: the options are hosted_zone_ids.',
    ],
    [
      '{ velero = {} }',
      'addons.velero.bucket_arns null is invalid: it must be a non-empty list of an S3 bucket ARN',
    ],
    [
      '{ velero = { bucket_arns = ["arn:aws:s3:::Bad_Bucket"] } }',
      'addons.velero.bucket_arns[0] "arn:aws:s3:::Bad_Bucket" is invalid: it must be an S3 bucket ARN',
    ],
    [
      '{ pganalyze = { region = "us-east-1" } }',
      'addons.pganalyze.account_id null is invalid: it must be a 12-digit AWS account ID.',
    ],
    [
      '{ image_builder = { inline = true } }',
      'addons.image_builder.repository_arns null is invalid: it must be a non-empty list of an ECR repository ARN',
    ],
    [
      '{ external_secrets = {} }',
      'addons.external_secrets needs at least one of secret_arns, parameter_arns: without them it would grant nothing.',
    ],
    ['{ cert_manager = { hosted_zone_ids = [] } }', 'addons.cert_manager.hosted_zone_ids [] is invalid: it must be a non-empty list (leave it out instead).'],
    ['["external_dns"]', 'addons ["external_dns"] is invalid: it must be an object with one attribute per add-on'],
  ])('%s', async (addons, message) => {
    expect(await planError(addons)).toContain(message);
  });

  /** One plan with a module call per case; Terraform reports every failing validation. */
  const BATCHED: [string, string][] = [
    [
      '{ vpc_cni = { ipv6 = true, enable_ipv6 = true } }',
      "addons.vpc_cni.enable_ipv6 cannot be combined with addons.vpc_cni.ipv6: enable_ipv6 is terraform-aws-modules' vpc_cni_enable_ipv6, another name for ipv6; give one.",
    ],
    [
      '{ ebs_csi_driver = { kms_cmk_arns = ["arn:aws:kms:us-east-1:111122223333:key/a"], kms_cmk_ids = ["arn:aws:kms:us-east-1:111122223333:key/a"] } }',
      "addons.ebs_csi_driver.kms_cmk_ids cannot be combined with addons.ebs_csi_driver.kms_cmk_arns: kms_cmk_ids is terraform-aws-modules' ebs_csi_kms_cmk_ids, another name for kms_key_arns; give one.",
    ],
    [
      '{ external_dns = { hosted_zone_arns = ["Z0123456789ABC"] } }',
      'addons.external_dns.hosted_zone_arns[0] "Z0123456789ABC" is invalid: it must be a Route 53 hosted zone ARN: arn:<partition>:route53:::hostedzone/<zone ID> (leave the list out for every zone).',
    ],
    [
      '{ velero = { s3_bucket_arns = [] } }',
      'addons.velero.s3_bucket_arns [] is invalid: it must be a non-empty list (leave it out instead).',
    ],
    ['{ vpc_cni = { enable_ipv6 = "yes" } }', 'addons.vpc_cni.enable_ipv6 "yes" is invalid: it must be true or false.'],
    [
      '{ cluster_autoscaler = { cluster_names = ["prod"], autoscaler_tag = false, kubernetes_cluster_tag = false } }',
      'addons.cluster_autoscaler with autoscaler_tag = false and kubernetes_cluster_tag = false is invalid: it must keep at least one tag scheme on: without one the autoscaler could resize no group.',
    ],
    [
      '{ velero = { bucket_arns = ["arn:aws:s3:::b"], object_arns = ["arn:aws:s3:::b"] } }',
      'addons.velero.object_arns[0] "arn:aws:s3:::b" is invalid: it must be an S3 object-path ARN',
    ],
  ];

  test('aliases, tag schemes and Velero paths: one message each, in one plan', () => {
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      `${OFFLINE_AWS_PROVIDER_HCL}\n${BATCHED.map(([addons], i) => `module "bad_${i}" {\n  source = "./m"\n  partition = "aws"\n  addons = ${addons}\n}\n`).join('\n')}`,
    );
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    const result = terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false']);
    expect(result.status).not.toBe(0);
    const text = result.stderr.replace(/│/g, '').replace(/\s+/g, ' ');
    expect(BATCHED.filter(([, message]) => !text.includes(message))).toEqual([]);
  });
});

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  'the addons input with ARNs known only after apply',
  () => {
    test('plans: for_each keys come from the add-on names, flags and list lengths only', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-addons-unknown-'));
      await writeHarness(dir, { later: {} });
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        `${OFFLINE_AWS_PROVIDER_HCL}
resource "aws_s3_bucket" "backups" {
  bucket_prefix = "velero-"
}

resource "aws_route53_zone" "dns" {
  name = "example.com"
}

module "later" {
  source    = "./m"
  partition = "aws"
  addons = {
    velero          = { bucket_arns = [aws_s3_bucket.backups.arn] }
    ebs_csi_driver  = { kms_key_arns = [aws_s3_bucket.backups.arn] }
    external_dns    = {}
    cert_manager    = { hosted_zone_arns = [aws_route53_zone.dns.arn] }
  }
}
`,
      );
      terraformOk(dir, ['init', '-input=false', '-no-color']);
      const plan = planJson(dir);
      const policies = [...plannedResources(plan, 'aws_iam_role_policy').keys()].sort();
      expect(policies).toEqual([
        'module.later.aws_iam_role_policy.addons["cert_manager"]',
        'module.later.aws_iam_role_policy.addons["ebs_csi_driver"]',
        'module.later.aws_iam_role_policy.addons["external_dns"]',
        'module.later.aws_iam_role_policy.addons["velero"]',
      ]);
    });
  },
);
