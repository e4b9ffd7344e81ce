/**
 * `irsa import eksctl-config` on eksctl's own example configs (fixtures/eksctl-examples, unchanged copies)
 * and on every way an `addons` entry meets a role eksctl created (fixtures/addons-gaps.yaml): each import
 * adopts everything eksctl created, or says exactly what it leaves out and why, and then exits 2 unless
 * `--accept-unadopted` is given.
 */
import * as path from 'node:path';
import { FIXTURES, irsa, writeTemp } from './support';

const EXAMPLES = path.join(FIXTURES, 'eksctl-examples');
const example = (name: string) => path.join(EXAMPLES, name);
const out = (run: Awaited<ReturnType<typeof irsa>>, name: string) =>
  run.files.get(path.join('out', name)) as string;
const importTargets = (text: string) => [...text.matchAll(/^ {2}to = (.+)$/gm)].map((m) => m[1]);

describe("eksctl's example 25 (addons)", () => {
  let run: Awaited<ReturnType<typeof irsa>>;
  beforeAll(async () => {
    run = await irsa(['import', 'eksctl-config', example('25-addons.yaml'), '--out', 'out']);
  });

  test('adopts the roles eksctl created for vpc-cni and aws-ebs-csi-driver, under their add-on stacks', () => {
    expect(run.code).toBe(0);
    expect(importTargets(out(run, 'imports.tf'))).toEqual([
      'module.irsa_kube_system_aws_node.aws_iam_role.this[0]',
      'module.irsa_kube_system_aws_node.aws_iam_role_policy_attachment.this["amazoneks_cni_policy"]',
      'module.irsa_kube_system_ebs_csi_controller_sa.aws_iam_role.this[0]',
      'module.irsa_kube_system_ebs_csi_controller_sa.aws_iam_role_policy_attachment.this["amazonebscsidriverpolicy"]',
    ]);
    const main = out(run, 'main.tf');
    expect(main).toContain(
      '# IRSA role of add-on vpc-cni, kube-system/aws-node (eksctl stack eksctl-cluster-25-addon-vpc-cni).',
    );
    expect(main).toContain('namespace_service_accounts = ["kube-system:ebs-csi-controller-sa"]');
    // EKS creates the add-ons' ServiceAccounts: nothing Kubernetes-side is written.
    expect(run.files.has(path.join('out', 'kubernetes.tf'))).toBe(false);
    const md = out(run, 'MIGRATION.md');
    expect(md).toContain(
      'aws cloudformation describe-stack-resource --region us-west-2 --stack-name eksctl-cluster-25-addon-aws-ebs-csi-driver --logical-resource-id Role1',
    );
  });

  test('says per add-on what happens, on stderr and in MIGRATION.md; nothing is left out', () => {
    const file = example('25-addons.yaml');
    expect(run.stderr).toContain(
      `irsa: ${file}: add-on vpc-cni: adopted: IRSA role (module.irsa_kube_system_aws_node) trusted by kube-system/aws-node\n`,
    );
    expect(run.stderr).toContain(
      `irsa: ${file}: add-on coredns: nothing to adopt: needs no AWS permissions: eksctl creates no role for it\n`,
    );
    const md = out(run, 'MIGRATION.md');
    const section = md.split('## Add-ons\n\n')[1].split('\n\n')[0];
    expect(section.split('\n')).toEqual([
      '- `vpc-cni`: adopted: IRSA role (module.irsa_kube_system_aws_node) trusted by kube-system/aws-node.',
      '- `coredns`: nothing to adopt: needs no AWS permissions: eksctl creates no role for it.',
      '- `kube-proxy`: nothing to adopt: needs no AWS permissions: eksctl creates no role for it.',
      '- `aws-ebs-csi-driver`: adopted: IRSA role (module.irsa_kube_system_ebs_csi_controller_sa) trusted by kube-system/ebs-csi-controller-sa.',
    ]);
    expect(md).toContain('Every role eksctl created for these add-ons is adopted or needs none.');
    expect(md).toContain("`eksctl delete addon` (even with `--preserve`) deletes the add-on's IAM stack");
  });

  test("the EBS role's trust: eksctl admits every service account, the import narrows it to the controller, and says so", () => {
    const md = out(run, 'MIGRATION.md');
    const ebs = md.split('### IRSA role of add-on `aws-ebs-csi-driver`')[1].split('\n### ')[0];
    expect(ebs).toContain(
      "- trust policy: **different meaning from eksctl's**; the plan shows an in-place update of `assume_role_policy` (never a replacement).",
    );
    expect(ebs).toContain(
      "eksctl's trust admits every service account of the cluster (it names none for this add-on); this configuration admits only `kube-system/ebs-csi-controller-sa`",
    );
    const cni = md.split('### IRSA role of add-on `vpc-cni`')[1].split('\n### ')[0];
    expect(cni).toContain("- trust policy: same meaning as eksctl's");
  });
});

describe("eksctl's other examples with service accounts, associations or add-ons", () => {
  test('30 (IPv6): the vpc-cni attachPolicy is adopted as its Policy1 inline policy', async () => {
    const run = await irsa([
      'import',
      'eksctl-config',
      example('30-vpc-with-ip-family.yaml'),
      '--out',
      'out',
    ]);
    expect(run.code).toBe(0);
    expect(importTargets(out(run, 'imports.tf'))).toEqual([
      'module.irsa_kube_system_aws_node.aws_iam_role.this[0]',
      'module.irsa_kube_system_aws_node.aws_iam_role_policy.this["eksctl-cluster-2-addon-vpc-cni-Policy1"]',
    ]);
    expect(out(run, 'main.tf')).toContain('"ec2:AssignIpv6Addresses"');
  });

  test('39 (Pod Identity): the eks-pod-identity-agent add-on needs no role', async () => {
    const file = example('39-pod-identity-association.yaml');
    const run = await irsa(['import', 'eksctl-config', file, '--out', 'out']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `irsa: ${file}: add-on eks-pod-identity-agent: nothing to adopt: needs no AWS permissions: eksctl creates no role for it\n`,
    );
    expect(out(run, 'MIGRATION.md')).toContain("keeps eksctl's externalDNS statements: no change.");
  });

  test.each([
    [
      '13-iamserviceaccounts.yaml',
      ':80: iam.serviceAccounts[10].attachRoleARN "arn:aws:iam::123:role/already-created-role-for-app" is invalid',
    ],
    [
      '17-permissions-boundary.yaml',
      ':19: iam.serviceAccounts[0].permissionsBoundary "arn:aws:iam::11111:policy/entity/boundary" is invalid',
    ],
  ])(
    '%s: its placeholder account IDs are refused, naming the entry (nothing is written)',
    async (name, message) => {
      const run = await irsa(['import', 'eksctl-config', example(name), '--out', 'out']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.files.size).toBe(0);
    },
  );
});

describe('add-on roles left with eksctl', () => {
  const file = path.join(FIXTURES, 'addons-gaps.yaml');

  test('are listed with their reasons, and the import exits 2 writing nothing', async () => {
    const run = await irsa(['import', 'eksctl-config', file, '--out', 'out']);
    expect(run.code).toBe(2);
    expect(run.files.size).toBe(0);
    expect(run.stderr).toContain(
      `irsa: ${file}: add-on adot: NOT adopted: eksctl's role for it trusts every service account of the cluster, and this project does not know which service account the add-on runs as: it will not write such a trust\n`,
    );
    expect(run.stderr).toContain(
      `irsa: ${file}: add-on aws-ebs-csi-driver: NOT adopted: eksctl gives it Pod Identity roles (stacks eksctl-gaps-addon-aws-ebs-csi-driver-podidentityrole-<service account>)`,
    );
    expect(run.stderr.trimEnd().split('\n').pop()).toBe(
      `irsa: ${file}: 2 add-on role(s) eksctl created would stay with eksctl (aws-ebs-csi-driver, adot; reasons above); pass --accept-unadopted to write the folder anyway (MIGRATION.md lists them)`,
    );
  });

  test('--accept-unadopted writes the folder; MIGRATION.md says what stays, what needs nothing, what is adopted', async () => {
    const run = await irsa(['import', 'eksctl-config', file, '--accept-unadopted', '--out', 'out']);
    expect(run.code).toBe(0);
    const md = out(run, 'MIGRATION.md');
    const section = md.split('## Add-ons\n\n')[1].split('\n\n')[0].split('\n');
    expect(section.map((l) => /^- `([^`]+)`: ([^:(]+)/.exec(l)?.slice(1).join(' → '))).toEqual([
      'vpc-cni → nothing to adopt',
      'aws-efs-csi-driver → adopted',
      'aws-ebs-csi-driver → **not adopted** ',
      'adot → **not adopted** ',
      'coredns → nothing to adopt',
      'snapshot-controller → nothing to adopt',
    ]);
    expect(section[0]).toContain(
      'serviceAccountRoleARN: the role arn:aws:iam::111122223333:role/existing-cni already exists and eksctl created none; nothing to adopt',
    );
    expect(md).toContain('2 add-on role(s) above stay with eksctl: keep their stacks');
    // No role, import or trust is written for what stays.
    const imports = importTargets(out(run, 'imports.tf'));
    expect(imports).toEqual([
      'module.irsa_kube_system_efs_csi_controller_sa.aws_iam_role.this[0]',
      'aws_iam_role_policy.irsa_kube_system_efs_csi_controller_sa_policyefscsicontroller',
    ]);
    expect(out(run, 'main.tf')).not.toMatch(/adot|existing-cni/);
  });

  test('the vpc-cni add-on eksctl installs unasked is listed, not a gap', async () => {
    const { file: cfg } = writeTemp(
      'default.yaml',
      'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: d, region: us-east-1}\niam: {withOIDC: true}\n',
    );
    const run = await irsa(['import', 'eksctl-config', cfg, '--out', 'out']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'add-on vpc-cni: not in the ClusterConfig, not adopted: the default add-on eksctl installs when the ClusterConfig lists none: eksctl 0.180.0 and later give it an IRSA role in stack eksctl-d-addon-vpc-cni',
    );
    expect(out(run, 'MIGRATION.md')).toContain(
      '- `vpc-cni`: **not adopted** (not in the ClusterConfig) (eksctl stack `eksctl-d-addon-vpc-cni`)',
    );
  });
});

describe('addons: errors, as eksctl validates them', () => {
  const config = (addons: string) =>
    writeTemp(
      'c.yaml',
      `apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: e, region: us-east-1}\niam: {withOIDC: true}\naddons:\n${addons}`,
    ).file;

  test.each([
    [
      '  - name: vpc-cni\n    attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy]\n    wellKnownPolicies: {ebsCSIController: true}\n',
      ':6:5: addons[0]: at most one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy can be specified, as eksctl requires',
    ],
    [
      '  - name: aws-ebs-csi-driver\n    wellKnownPolicies: {ebsCSIController: true}\n    podIdentityAssociations:\n      - {namespace: kube-system, serviceAccountName: x, roleARN: arn:aws:iam::111122223333:role/x}\n',
      ':8:5: addons[0]: cannot set IRSA settings (serviceAccountRoleARN, attachPolicyARNs, attachPolicy, wellKnownPolicies) and podIdentityAssociations at the same time, as eksctl requires',
    ],
    [
      '  - name: vpc-cni\n    attachPolicyARN: [x]\n',
      ':7:5: addons[0].attachPolicyARN is not a key eksctl defines here; did you mean attachPolicyARNs?',
    ],
    ['  - version: latest\n', ':6:5: addons[0].name is required'],
    ['  - name: coredns\n  - name: CoreDNS\n', ':7:5: addons[1] repeats add-on CoreDNS'],
  ])('%#: one clear error', async (addons, message) => {
    const file = config(addons);
    const run = await irsa(['import', 'eksctl-config', file, '--dry-run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`irsa: ${file}${message}\n`);
  });
});
