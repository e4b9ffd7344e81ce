/**
 * The add-on catalog in modules/eks-pod-identity (the AWS provider 5.x variant, as the mirror has 5.100),
 * with real offline `terraform plan`: the planned inline policies and managed attachments equal what
 * `IamServiceAccount` with `identity: 'pod-identity'` and the same `wellKnownPolicies` plans (also in another
 * partition, through the `partition` input), and a misspelled add-on is the same error as in the role module.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IamServiceAccount, WellKnownPolicies } from '../../src';
import { renderModules } from '../../src/modules';
import { HclLiteral, render } from '../../src/modules/hcl';
import { POD_IDENTITY_MODULE, podIdentityModuleFiles } from '../../src/modules/pod-identity-module';
import { ROLE_MODULE } from '../../src/modules/role-module';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  TerraformPlan,
  planJson,
  plannedResources,
  terraform,
  terraformOk,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { addonsInput } from '../support/addons';
import { describeUnless } from '../support/skip';
import { offlineStack } from '../support/stacks';

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

interface Case {
  readonly partition?: string;
  readonly wellKnownPolicies: WellKnownPolicies;
}

const CASES: Record<string, Case> = {
  lbc: {
    wellKnownPolicies: { awsLoadBalancerController: true, externalDns: { hostedZoneIds: ['Z0123456789ABC', 'Z3AADJGX6KTTL2'] } },
  },
  // A managed policy (AmazonEBSCSIDriverPolicy) and service domains in another partition.
  china: { partition: 'aws-cn', wellKnownPolicies: { ebsCsiDriver: true, vpcCni: true, certManager: { hostedZoneIds: ['Z1'] } } },
};

/** Per case: inline policies (name, parsed policy) and managed-policy ARNs, sorted. */
function permissions(plan: TerraformPlan, caseOf: (address: string) => string | undefined) {
  const out: Record<string, { inline: { name: unknown; policy: unknown }[]; managed: unknown[] }> = {};
  const entry = (id: string) => (out[id] ??= { inline: [], managed: [] });
  for (const [address, after] of plannedResources(plan, 'aws_iam_role_policy')) {
    const id = caseOf(address);
    if (id) entry(id).inline.push({ name: after.name, policy: JSON.parse(after.policy as string) });
  }
  for (const [address, after] of plannedResources(plan, 'aws_iam_role_policy_attachment')) {
    const id = caseOf(address);
    if (id) entry(id).managed.push(after.policy_arn);
  }
  for (const p of Object.values(out)) {
    p.inline.sort((a, b) => String(a.name).localeCompare(String(b.name)));
    p.managed.sort();
  }
  return out;
}

describeUnless(terraformUnavailableReason(['hashicorp/aws']), `${POD_IDENTITY_MODULE}: addons`, () => {
  let root: string;
  let moduleDir: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-pod-identity-addons-'));
    moduleDir = path.join(root, POD_IDENTITY_MODULE);
    writeFiles(moduleDir, podIdentityModuleFiles({ providerV6Arguments: false }));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('plans the inline policies and managed attachments IamServiceAccount (pod-identity) plans for the same wellKnownPolicies', () => {
    // CDKTF side.
    const cdktfDir = path.join(root, 'cdktf');
    const { app, stack } = offlineStack(cdktfDir, 'addons');
    for (const [id, c] of Object.entries(CASES)) {
      new IamServiceAccount(stack, id, {
        identity: 'pod-identity',
        clusterName: 'blue',
        namespace: 'kube-system',
        name: id,
        roleName: `pod-addons-${id}`,
        roleOnly: true,
        partition: c.partition,
        wellKnownPolicies: c.wellKnownPolicies,
      });
    }
    app.synth();
    const stackDir = path.join(cdktfDir, 'stacks', 'addons');
    terraformOk(stackDir, ['init', '-input=false', '-no-color']);
    const ids = Object.keys(CASES);
    const fromConstructs = permissions(planJson(stackDir), (address) =>
      ids.find((id) => address.split('.')[1]?.startsWith(id)),
    );

    // HCL side.
    const hclDir = path.join(root, 'hcl');
    fs.mkdirSync(hclDir);
    const calls = Object.entries(CASES).map(([id, c]) => {
      const inputs: Record<string, HclLiteral | undefined> = {
        role_name: `pod-addons-${id}`,
        associations: { main: { cluster_name: 'blue', namespace: 'kube-system', service_account: id } },
        partition: c.partition,
        addons: addonsInput(c.wellKnownPolicies),
      };
      return `module "${id}" {\n  source = "../${POD_IDENTITY_MODULE}"\n${Object.entries(inputs)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `  ${k} = ${render(v as HclLiteral)}`)
        .join('\n')}\n}\n`;
    });
    fs.writeFileSync(path.join(hclDir, 'main.tf'), `${OFFLINE_AWS_PROVIDER_HCL}\n${calls.join('\n')}`);
    terraformOk(hclDir, ['init', '-input=false', '-no-color']);
    const fromModule = permissions(planJson(hclDir), (address) => address.match(/^module\.([a-z]+)\./)?.[1]);

    expect(Object.keys(fromModule).sort()).toEqual(ids.sort());
    expect(fromModule).toEqual(fromConstructs);
    // Not vacuous: the Load Balancer Controller and ExternalDNS each have their own policy, scoped to the zones.
    expect(fromModule.lbc.inline.map((p) => p.name)).toEqual([
      'irsa-permissions-awsLoadBalancerController',
      'irsa-permissions-externalDns',
    ]);
    expect(JSON.stringify(fromModule.lbc.inline[1].policy)).toContain('arn:aws:route53:::hostedzone/Z3AADJGX6KTTL2');
    expect(fromModule.china.managed).toEqual([
      'arn:aws-cn:iam::aws:policy/AmazonEKS_CNI_Policy',
      'arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    ]);
  });

  test('a partition and ARNs known only after apply still plan: the for_each keys are the add-on names', () => {
    const dir = path.join(root, 'later');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      `${OFFLINE_AWS_PROVIDER_HCL}
resource "aws_s3_bucket" "backups" {
  bucket_prefix = "velero-"
}

module "later" {
  source       = "../${POD_IDENTITY_MODULE}"
  partition    = split(":", aws_s3_bucket.backups.arn)[1]
  associations = { main = { cluster_name = "blue", namespace = "velero", service_account = "velero" } }
  addons = {
    velero         = { bucket_arns = [aws_s3_bucket.backups.arn] }
    ebs_csi_driver = {}
  }
}
`,
    );
    terraformOk(dir, ['init', '-input=false', '-no-color']);
    const plan = planJson(dir);
    expect([...plannedResources(plan, 'aws_iam_role_policy').keys()].sort()).toEqual([
      'module.later.aws_iam_role_policy.addons["velero"]',
    ]);
    expect([...plannedResources(plan, 'aws_iam_role_policy_attachment').keys()]).toEqual([
      'module.later.aws_iam_role_policy_attachment.addons["ebs_csi_driver/service-role/AmazonEBSCSIDriverPolicy"]',
    ]);
  });

  test('an unknown add-on key is the same error as in the role module', async () => {
    const errors = async (module: string, files: Record<string, string>, inputs: string): Promise<string[]> => {
      const dir = path.join(root, `unknown-${module}`);
      writeFiles(path.join(dir, module), files);
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        `${OFFLINE_AWS_PROVIDER_HCL}\nmodule "m" {\n  source = "./${module}"\n${inputs}\n  addons = { external_dnss = {} }\n}\n`,
      );
      terraformOk(dir, ['init', '-input=false', '-no-color']);
      const result = terraform(dir, ['plan', '-json', '-input=false', '-no-color', '-lock=false']);
      expect(result.status).not.toBe(0);
      return result.stdout
        .split('\n')
        .filter((line) => line.includes('"diagnostic"'))
        .map((line) => JSON.parse(line).diagnostic as { severity: string; detail: string })
        .filter((d) => d.severity === 'error')
        .map((d) => d.detail.split('\n\nThis was checked by')[0]);
    };
    const rendered = await renderModules();
    const roleFiles = Object.fromEntries(
      Object.entries(rendered)
        .filter(([name]) => name.startsWith(`${ROLE_MODULE}/`) && !name.includes('/examples/') && !name.includes('/tests/'))
        .map(([name, text]) => [name.slice(ROLE_MODULE.length + 1), text]),
    );
    const fromRole = await errors(
      ROLE_MODULE,
      roleFiles,
      '  oidc_providers = { main = { provider_arn = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE", namespace_service_accounts = ["kube-system:external-dns"] } }',
    );
    const fromPodIdentity = await errors(
      POD_IDENTITY_MODULE,
      podIdentityModuleFiles({ providerV6Arguments: false }),
      '  associations = { main = { cluster_name = "blue", namespace = "kube-system", service_account = "external-dns" } }',
    );
    expect(fromPodIdentity).toEqual(['addons attribute "external_dnss" is not a known add-on: did you mean "external_dns"?']);
    expect(fromPodIdentity).toEqual(fromRole);
  });
});
