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
  ipv6: { vpcCni: { ipv4: false, ipv6: true }, ebsCsiDriver: { kmsKeyArns: ['arn:aws:kms:us-east-1:111122223333:key/k1'] } },
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
    await writeHarness(
      dir,
      Object.fromEntries(Object.entries(CASES).map(([k, v]) => [k, addonsInput(v)])),
    );
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    plan = planJson(dir);
  });

  test.each(Object.keys(CASES))('%s: the same inline policies and managed attachments', (name) => {
    const grant = wellKnownGrant(CASES[name], 'aws');
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

module "later" {
  source    = "./m"
  partition = "aws"
  addons = {
    velero          = { bucket_arns = [aws_s3_bucket.backups.arn] }
    ebs_csi_driver  = { kms_key_arns = [aws_s3_bucket.backups.arn] }
    external_dns    = {}
  }
}
`,
      );
      terraformOk(dir, ['init', '-input=false', '-no-color']);
      const plan = planJson(dir);
      const policies = [...plannedResources(plan, 'aws_iam_role_policy').keys()].sort();
      expect(policies).toEqual([
        'module.later.aws_iam_role_policy.addons["ebs_csi_driver"]',
        'module.later.aws_iam_role_policy.addons["external_dns"]',
        'module.later.aws_iam_role_policy.addons["velero"]',
      ]);
    });
  },
);
