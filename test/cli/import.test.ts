/**
 * `irsa import eksctl-config` and `irsa create …`, checked on their output: every key of the ClusterConfig
 * lands where it should, every resource eksctl created gets an import block, unknown values become
 * variables (never a new role), MIGRATION.md gives the commands, and the output is deterministic. The
 * Kubernetes side is checked structurally (no kubernetes provider here).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readClusterConfig } from '../../src/cli/cluster-config';
import { eksctlIrsaTrustPolicy } from '../../src/cli/eksctl';
import { buildPlan } from '../../src/cli/plan';
import { compareTrustPolicies } from '../../src/cli/trust-diff';
import { buildTrustPolicy } from '../../src/policy/trust-policy';
import { FIXTURES, PROVIDER_ARN, irsa } from './support';

const FULL = path.join(FIXTURES, 'full.yaml');
const ISSUER = PROVIDER_ARN.split('oidc-provider/')[1];

function blocks(text: string, head: RegExp): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!head.test(lines[i])) continue;
    let j = i;
    while (j < lines.length && lines[j] !== '}') j++;
    out.push(lines.slice(i, j + 1).join('\n'));
  }
  return out;
}

describe('ClusterConfig reader', () => {
  const config = readClusterConfig(fs.readFileSync(FULL, 'utf8'), 'full.yaml');

  test('reads every key of the parts it uses', () => {
    expect(config).toMatchObject({
      name: 'prod',
      region: 'eu-west-1',
      tags: { team: 'platform' },
      withOIDC: true,
    });
    expect(config.ignoredSections).toEqual(['vpc', 'managedNodeGroups']);
    const [reader, autoscaler, dns, writer, batch, legacy, lb] = config.serviceAccounts;
    expect(reader).toMatchObject({
      name: 's3-reader',
      namespace: 'backend',
      labels: { app: 'reader' },
      annotations: { 'example.com/owner': 'data' },
      attachPolicyARNs: [
        'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
        'arn:aws:iam::111122223333:policy/reader-extra',
      ],
      permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary',
      tags: { 'cost-center': '42' },
      roleOnly: false,
    });
    expect(autoscaler).toMatchObject({
      wellKnownPolicies: ['autoScaler'],
      roleName: 'prod-cluster-autoscaler',
      roleOnly: true,
    });
    expect(dns.wellKnownPolicies).toEqual(['imageBuilder', 'externalDNS']);
    expect(writer.attachPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::prod-bucket/*' }],
    });
    expect(batch.subjectPattern).toBe('batch-*');
    expect(legacy.attachRoleARN).toBe('arn:aws:iam::111122223333:role/legacy-role');
    // `efsCSIController: false` is off; `status` is read-only eksctl output and ignored.
    expect(lb.wellKnownPolicies).toEqual(['awsLoadBalancerController', 'certManager', 'ebsCSIController']);
    const [api, worker] = config.podIdentityAssociations;
    expect(api).toMatchObject({
      namespace: 'payments',
      serviceAccountName: 'api',
      roleName: 'prod-payments-api',
      createServiceAccount: true,
      permissionPolicyARNs: ['arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess'],
      permissionPolicyName: 'payments-write',
      wellKnownPolicies: [],
      permissionsBoundaryARN: 'arn:aws:iam::111122223333:policy/boundary',
      targetRoleARN: 'arn:aws:iam::444455556666:role/payments-target',
      disableSessionTags: true,
      tags: { app: 'payments' },
    });
    expect(api.permissionPolicy).toBeDefined();
    expect(worker.roleARN).toBe('arn:aws:iam::111122223333:role/existing-worker');
  });
});

describe('trust-policy comparison with eksctl', () => {
  const ours = (subject: string, wildcard = false) =>
    buildTrustPolicy({
      trust: [{ providerArn: PROVIDER_ARN, issuer: ISSUER, serviceAccounts: [subject] }],
      allowWildcardSubjects: wildcard,
    });
  const theirs = (serviceAccount: string, subjectPattern?: string) =>
    eksctlIrsaTrustPolicy({
      providerArn: PROVIDER_ARN,
      issuer: ISSUER,
      namespace: 'web',
      serviceAccount,
      subjectPattern,
    });

  test('exact subject: same meaning, layout only, no planned change', () => {
    const diff = compareTrustPolicies(theirs('app'), ours('web:app'));
    expect(diff.sameMeaning).toBe(true);
    expect(diff.inPlaceUpdate).toBe(false);
    expect(diff.differences).toEqual([
      'Statement[0].Action: eksctl writes ["sts:AssumeRoleWithWebIdentity"], this module "sts:AssumeRoleWithWebIdentity" (same action)',
      'Statement[0]: key order Effect, Action, Principal, Condition (eksctl) vs Effect, Principal, Action, Condition (this module)',
      'Statement[0].Condition.StringEquals: key order ' +
        `${ISSUER}:sub, ${ISSUER}:aud (eksctl) vs ${ISSUER}:aud, ${ISSUER}:sub (this module)`,
    ]);
  });

  test('wildcard pattern: same meaning, same operators', () => {
    const diff = compareTrustPolicies(theirs('app', 'app-*'), ours('web:app-*', true));
    expect(diff.sameMeaning).toBe(true);
    expect(diff.inPlaceUpdate).toBe(false);
  });

  test('a pattern without wildcards: eksctl StringLike, ours StringEquals: same meaning, in-place update', () => {
    const diff = compareTrustPolicies(theirs('app', 'app'), ours('web:app'));
    expect(diff.sameMeaning).toBe(true);
    expect(diff.inPlaceUpdate).toBe(true);
    expect(diff.differences).toContain('Statement[0].Condition.StringLike: only eksctl uses this operator');
  });

  test('another service account: different meaning, said so', () => {
    const diff = compareTrustPolicies(theirs('app'), ours('web:other'));
    expect(diff.sameMeaning).toBe(false);
    expect(diff.inPlaceUpdate).toBe(true);
    expect(diff.differences).toContain('the documents grant different access: review before applying');
  });
});

describe('irsa import eksctl-config full.yaml', () => {
  let run: Awaited<ReturnType<typeof irsa>>;
  const file = (name: string) => run.files.get(path.join('out', name)) as string;
  beforeAll(async () => {
    run = await irsa(['import', 'eksctl-config', FULL, '--oidc-provider-arn', PROVIDER_ARN, '--out', 'out']);
  }, 60_000);

  test('writes the folder and says once what it ignores', () => {
    expect(run.code).toBe(0);
    expect([...run.files.keys()].sort()).toEqual(
      ['MIGRATION.md', 'imports.tf', 'kubernetes.tf', 'main.tf', 'variables.tf', 'versions.tf'].map((f) =>
        path.join('out', f),
      ),
    );
    expect(run.stderr.match(/ignoring/g)).toHaveLength(1);
    expect(run.stderr).toContain(
      'ignoring vpc, managedNodeGroups (only metadata, iam, addons and addonsConfig are read)',
    );
  });

  test('an import block for every role, attachment, inline policy and association', () => {
    const imports = blocks(file('imports.tf'), /^import \{/).map((b) => /to = (\S+)/.exec(b)![1]);
    expect(imports).toHaveLength(24);
    expect(imports).toEqual(
      expect.arrayContaining([
        'module.irsa_backend_s3_reader.aws_iam_role.this[0]',
        'module.irsa_backend_s3_reader.aws_iam_role_policy_attachment.this["amazons3readonlyaccess"]',
        'module.irsa_backend_writer.aws_iam_role_policy.this["eksctl-prod-addon-iamserviceaccount-backend-writer-Policy1"]',
        'aws_iam_role_policy.irsa_kube_system_external_dns_policyexternaldnshostedzones',
        'module.pod_identity_payments_api.aws_eks_pod_identity_association.this["eksctl"]',
        'aws_eks_pod_identity_association.pod_identity_payments_worker',
      ]),
    );
    // attachRoleARN: the role is managed elsewhere, nothing IAM is adopted for it.
    expect(imports.some((i) => i.includes('legacy'))).toBe(false);
    expect(file('imports.tf')).toContain('id = "prod,${var.pod_identity_association_ids["payments/api"]}"');
  });

  test('unknown role names are variables the plan requires, never new names', () => {
    expect(file('main.tf')).toContain('role_name = var.eksctl_role_names["backend/s3-reader"]');
    expect(file('main.tf')).not.toMatch(/role_name\s*=\s*"eksctl-/);
    const variables = file('variables.tf');
    expect(variables).toContain('variable "eksctl_role_names"');
    expect(variables).toContain('["backend/s3-reader", "kube-system/external-dns"]');
    expect(variables).not.toMatch(/default\s*=/);
    expect(variables).toContain('variable "eksctl_inline_policies"');
    expect(variables).toContain('variable "pod_identity_association_ids"');
  });

  test('Kubernetes side: ServiceAccounts with the role annotation and their imports (structural)', () => {
    const k8s = file('kubernetes.tf');
    const sas = blocks(k8s, /^resource "kubernetes_service_account_v1"/);
    expect(sas.map((b) => /"kubernetes_service_account_v1" "(\w+)"/.exec(b)![1])).toEqual([
      'sa_backend_s3_reader',
      'sa_kube_system_external_dns',
      'sa_backend_writer',
      'sa_default_legacy',
      'sa_kube_system_lb',
      'sa_payments_api',
    ]);
    expect(sas[0]).toMatch(/"eks.amazonaws.com\/role-arn" += module.irsa_backend_s3_reader.role_arn/);
    expect(sas[0]).toMatch(/"example.com\/owner" += "data"/);
    expect(sas[0]).not.toContain('merge(');
    expect(sas[0]).toMatch(/labels = \{\s*app\s+= "reader"/);
    // eksctl's managed-by label is replaced by ours on adoption (docs/kubernetes.md).
    expect(sas[0]).toMatch(/"app\.kubernetes\.io\/managed-by" += "cdktf-irsa"/);
    expect(file('MIGRATION.md')).toContain(
      'the adopted ServiceAccounts are labelled `cdktf-irsa` instead (an in-place update)',
    );
    expect(sas[3]).toContain('"eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/legacy-role"');
    expect(sas[5]).not.toContain('role-arn');
    const ids = blocks(k8s, /^import \{/).map((b) => /id = "([^"]+)"/.exec(b)![1]);
    expect(ids).toEqual([
      'backend/s3-reader',
      'kube-system/external-dns',
      'backend/writer',
      'default/legacy',
      'kube-system/lb',
      'payments/api',
    ]);
    expect(k8s).toContain('source  = "hashicorp/kubernetes"');
    expect(file('main.tf')).not.toContain('kubernetes');
  });

  test('Pod Identity: a module call per created role with every association key, a plain association for roleARN (structural)', () => {
    const [api] = blocks(file('main.tf'), /^module "pod_identity_/);
    for (const expected of [
      'role_name = "prod-payments-api"',
      'cluster_name         = "prod"',
      'namespace            = "payments"',
      'service_account      = "api"',
      'target_role_arn      = "arn:aws:iam::444455556666:role/payments-target"',
      'disable_session_tags = true',
      // Adopting keeps eksctl's trust: any association in the account, no session-tag conditions.
      'pod_identity_trust = "any-association"',
      'amazondynamodbreadonlyaccess = "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"',
      'payments-write = jsonencode(',
      'permissions_boundary = "arn:aws:iam::111122223333:policy/boundary"',
    ]) {
      expect(api).toContain(expected);
    }
    expect(api).toMatch(/association_tags = \{\s*app = "payments"/);
    expect(api).toContain('/eks-pod-identity"');
    const [worker] = blocks(file('main.tf'), /^resource "aws_eks_pod_identity_association"/);
    expect(worker).toContain('role_arn        = "arn:aws:iam::111122223333:role/existing-worker"');
    expect(file('imports.tf')).toContain(
      'to = module.pod_identity_payments_api.aws_eks_pod_identity_association.this["eksctl"]',
    );
    expect(file('imports.tf')).toContain(
      'to = aws_eks_pod_identity_association.pod_identity_payments_worker',
    );
  });

  test('MIGRATION.md: the commands for every unknown, and the trust comparison per role', () => {
    const md = file('MIGRATION.md');
    expect(md).toContain(
      'aws cloudformation describe-stack-resource --region eu-west-1 --stack-name eksctl-prod-addon-iamserviceaccount-backend-s3-reader --logical-resource-id Role1 --query StackResourceDetail.PhysicalResourceId --output text',
    );
    expect(md).toContain(
      "aws eks list-pod-identity-associations --region eu-west-1 --cluster-name prod --namespace payments --service-account api --query 'associations[0].associationId' --output text",
    );
    expect(md).toContain(
      'aws iam get-role-policy --role-name prod-lb --policy-name eksctl-prod-addon-iamserviceaccount-kube-system-lb-PolicyAWSLoadBalancerController --query PolicyDocument --output json',
    );
    expect(md).toContain(
      "trust policy: same meaning as eksctl's; the AWS provider compares policies by meaning, so the plan shows no change.",
    );
    expect(md.match(/^### /gm)).toHaveLength(7);
    expect(md).toContain('DeletionPolicy: Retain');
  });

  test("MIGRATION.md, default --policies eksctl: every well-known policy keeps eksctl's exact statements", () => {
    const md = file('MIGRATION.md');
    const stack = 'eksctl-prod-addon-iamserviceaccount';
    const lines = md
      .split('\n')
      .filter((l) => /^ {2}- `eksctl-.* (keeps eksctl's|gets this project's) /.test(l));
    expect(lines).toEqual(
      [
        "kube-system-cluster-autoscaler-PolicyAutoScaling` keeps eksctl's autoScaler",
        "kube-system-external-dns-PolicyExternalDNSChangeSet` keeps eksctl's externalDNS",
        "kube-system-external-dns-PolicyExternalDNSHostedZones` keeps eksctl's externalDNS",
        "kube-system-lb-PolicyCertManagerChangeSet` keeps eksctl's certManager",
        "kube-system-lb-PolicyCertManagerGetChange` keeps eksctl's certManager",
        "kube-system-lb-PolicyCertManagerHostedZones` keeps eksctl's certManager",
      ].map((l) => `  - \`${stack}-${l} statements: no change.`),
    );
    expect(md).toContain(
      "eksctl's well-known inline policies keep eksctl's exact statements (`--policies eksctl`, the default): adopting them changes no permission.",
    );
    expect(run.stderr).toContain('irsa: `--policies catalog` would instead change:\n');
    expect(file('main.tf')).toContain('"route53:ListTagsForResource"');
    expect(file('main.tf')).not.toContain('ListTagsForResources');
  });

  test('MIGRATION.md, --policies catalog: every grant added and removed, per role, before adoption', async () => {
    const catalog = await irsa([
      'import',
      'eksctl-config',
      FULL,
      '--oidc-provider-arn',
      PROVIDER_ARN,
      '--policies',
      'catalog',
      '--out',
      'out',
    ]);
    expect(catalog.code).toBe(0);
    const md = catalog.files.get(path.join('out', 'MIGRATION.md')) as string;
    const stack = 'eksctl-prod-addon-iamserviceaccount';
    const section = md.split('## Permission changes on adoption\n\n')[1].split('\n\n')[0];
    expect(section.split('\n')).toEqual([
      "eksctl's well-known inline policies get this project's statements (`--policies catalog`): adopting them changes these permissions.",
      `- role of \`kube-system/external-dns\`, \`${stack}-kube-system-external-dns-PolicyExternalDNSHostedZones\`:`,
      '  - removed: `route53:ListTagsForResource` on `*` (no condition)',
      '  - added: `route53:ListTagsForResources` on `*` (no condition)',
      `- role of \`kube-system/lb\`, \`${stack}-kube-system-lb-PolicyCertManagerChangeSet\`:`,
      '  - removed: `route53:ChangeResourceRecordSets` on `arn:aws:route53:::hostedzone/*` (no condition)',
      '  - added: `route53:ChangeResourceRecordSets`, `route53:ListResourceRecordSets` on `arn:aws:route53:::hostedzone/*` when `ForAllValues:StringEquals route53:ChangeResourceRecordSetsRecordTypes = TXT`',
      `- role of \`kube-system/lb\`, \`${stack}-kube-system-lb-PolicyCertManagerHostedZones\`:`,
      '  - removed: `route53:ListResourceRecordSets` on `*` (no condition)',
    ]);
    // The same lines on stderr, before anything is adopted.
    for (const line of section.split('\n')) expect(catalog.stderr).toContain(`irsa: ${line}\n`);
    const lines = md.split('\n').filter((l) => l.includes(' gets this project'));
    expect(lines).toEqual([
      `  - \`${stack}-kube-system-cluster-autoscaler-PolicyAutoScaling\` gets this project's autoScaler statements, which differ from eksctl's: the plan shows an in-place update of its \`policy\`.`,
      `  - \`${stack}-kube-system-external-dns-PolicyExternalDNSChangeSet\` gets this project's externalDNS statements, equal to eksctl's: no change.`,
      `  - \`${stack}-kube-system-external-dns-PolicyExternalDNSHostedZones\` gets this project's externalDNS statements, which differ from eksctl's: the plan shows an in-place update of its \`policy\`.`,
      `  - \`${stack}-kube-system-lb-PolicyCertManagerChangeSet\` gets this project's certManager statements, which differ from eksctl's: the plan shows an in-place update of its \`policy\`.`,
      `  - \`${stack}-kube-system-lb-PolicyCertManagerGetChange\` gets this project's certManager statements, equal to eksctl's: no change.`,
      `  - \`${stack}-kube-system-lb-PolicyCertManagerHostedZones\` gets this project's certManager statements, which differ from eksctl's: the plan shows an in-place update of its \`policy\`.`,
    ]);
    // The autoscaler's statements are regrouped only: an update of the text, no permission change.
    expect(md).toContain(
      `gets this project's autoScaler statements, which differ from eksctl's: the plan shows an in-place update of its \`policy\`.\n    - the same grants, grouped in other statements: no permission changes`,
    );
    expect(md).not.toContain("if eksctl's differ");
  }, 60_000);

  test('--policies takes eksctl or catalog only', async () => {
    const bad = await irsa(['import', 'eksctl-config', FULL, '--policies', 'ours', '--dry-run']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('irsa: --policies must be one of eksctl, catalog (got "ours")\n');
  });

  test('same input, byte-identical output', async () => {
    const again = await irsa([
      'import',
      'eksctl-config',
      FULL,
      '--oidc-provider-arn',
      PROVIDER_ARN,
      '--out',
      'out',
    ]);
    expect(again.files).toEqual(run.files);
  }, 60_000);

  test('--role-arns resolves names (and paths) and drops the variable', async () => {
    const arns = path.join(FIXTURES, 'role-arns.yaml');
    const resolved = await irsa([
      'import',
      'eksctl-config',
      path.join(FIXTURES, 'irsa.yaml'),
      '--oidc-provider-arn',
      PROVIDER_ARN,
      '--role-arns',
      arns,
      '--dry-run',
    ]);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(
      'role_name = "eksctl-prod-addon-iamserviceaccount-backe-Role1-1A2B3C4D5E6F"',
    );
    expect(resolved.stdout).not.toContain('eksctl_role_names');
  }, 60_000);

  test('without --oidc-provider-arn the cluster is looked up by name', () => {
    const config = readClusterConfig(fs.readFileSync(FULL, 'utf8'), 'full.yaml');
    const plan = buildPlan(config, { adopt: true });
    expect(plan.oidc).toEqual({ lookup: 'prod' });
  });

  test('--output json: Terraform JSON with the same imports', async () => {
    const json = await irsa([
      'import',
      'eksctl-config',
      FULL,
      '--oidc-provider-arn',
      PROVIDER_ARN,
      '--output',
      'json',
      '--out',
      'out',
    ]);
    expect(json.code).toBe(0);
    const imports = JSON.parse(json.files.get(path.join('out', 'imports.tf.json')) as string) as {
      import: { to: string; id: string }[];
    };
    expect(imports.import).toHaveLength(24);
    expect(imports.import[0]).toEqual({
      to: 'module.irsa_backend_s3_reader.aws_iam_role.this[0]',
      id: '${var.eksctl_role_names["backend/s3-reader"]}',
    });
    const main = JSON.parse(json.files.get(path.join('out', 'main.tf.json')) as string) as {
      module: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(main.module.irsa_backend_writer.inline_policies as object)).toEqual([
      'eksctl-prod-addon-iamserviceaccount-backend-writer-Policy1',
    ]);
  }, 60_000);
});

describe('irsa create', () => {
  const base = [
    'create',
    'iamserviceaccount',
    '-c',
    'prod',
    '--namespace',
    'web',
    '--name',
    'app',
    '--oidc-provider-arn',
    PROVIDER_ARN,
    '--dry-run',
  ];

  test('iamserviceaccount: a role module call and a ServiceAccount, no imports', async () => {
    const run = await irsa([
      ...base,
      '--attach-policy-arn',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      '--role-name',
      'app-role',
      '--tags',
      'team=web,env=prod',
      '--permissions-boundary',
      'arn:aws:iam::111122223333:policy/b',
      '--approve',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('module "irsa_web_app"');
    expect(run.stdout).toContain('role_name = "app-role"');
    expect(run.stdout).toMatch(/env\s+= "prod"/);
    expect(run.stdout).toContain('permissions_boundary = "arn:aws:iam::111122223333:policy/b"');
    expect(run.stdout).toContain('resource "kubernetes_service_account_v1" "sa_web_app"');
    expect(run.stdout).not.toContain('import {');
  });

  test('--override-existing-serviceaccounts annotates the existing ServiceAccount, forcibly', async () => {
    const run = await irsa([
      ...base,
      '--attach-policy-arn',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      '--override-existing-serviceaccounts',
    ]);
    expect(run.stdout).toContain('resource "kubernetes_annotations" "sa_web_app"');
    expect(run.stdout).toMatch(/force += true/);
  });

  test('--role-only: no ServiceAccount; --attach-role-arn: no role', async () => {
    const roleOnly = await irsa([...base, '--well-known-policies', 'autoScaler,externalDNS', '--role-only']);
    expect(roleOnly.stdout).not.toContain('kubernetes_service_account_v1');
    expect(roleOnly.stdout).toContain('PolicyAutoScaling');
    const attached = await irsa([...base, '--attach-role-arn', 'arn:aws:iam::111122223333:role/x']);
    expect(attached.stdout).not.toContain('module "');
    expect(attached.stdout).toContain('"eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/x"');
  });

  test('--subject-pattern trusts a wildcard with StringLike', async () => {
    const run = await irsa([
      ...base,
      '--attach-policy-arn',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      '--subject-pattern',
      'app-*',
      '--role-only',
    ]);
    expect(run.stdout).toContain('namespace_service_accounts = ["web:app-*"]');
    expect(run.stdout).toContain('allow_wildcard_subjects = true');
  });

  test('--out writes the file', async () => {
    const run = await irsa([
      ...base.filter((a) => a !== '--dry-run'),
      '--attach-policy-arn',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      '--out',
      'app.tf',
    ]);
    expect(run.code).toBe(0);
    expect(run.files.get('app.tf')).toContain('module "irsa_web_app"');
  });

  test("podidentityassociation: a module call with eksctl's flags", async () => {
    const run = await irsa([
      'create',
      'podidentityassociation',
      '-c',
      'prod',
      '--namespace',
      'web',
      '--service-account-name',
      'app',
      '--permission-policy-arns',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      '--well-known-policies',
      'ebsCSIController',
      '--permission-boundary-arn',
      'arn:aws:iam::111122223333:policy/b',
      '--target-role-arn',
      'arn:aws:iam::444455556666:role/t',
      '--disable-session-tags',
      '--create-service-account',
      '--tags',
      'a=b',
      '--dry-run',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('module "pod_identity_web_app"');
    expect(run.stdout).toContain('service_account      = "app"');
    // disable_session_tags rules out the scoped trust.
    expect(run.stdout).toContain('pod_identity_trust = "any-association"');
    expect(run.stdout).toContain(
      'amazonebscsidriverpolicy = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"',
    );
    expect(run.stdout).toContain('disable_session_tags = true');
    expect(run.stdout).toContain('resource "kubernetes_service_account_v1" "sa_web_app"');
    expect(run.stdout).not.toContain('cluster_oidc');
  });
});

describe('docs/cli.md', () => {
  test('shows the --help output of every command, as printed', async () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'cli.md'), 'utf8');
    for (const argv of [
      ['--help'],
      ['create', 'iamserviceaccount', '--help'],
      ['create', 'podidentityassociation', '--help'],
      ['import', 'eksctl-config', '--help'],
    ]) {
      const run = await irsa(argv);
      expect(run.code).toBe(0);
      expect(readme).toContain(run.stdout.trimEnd());
    }
  });
});

describe('irsa review and bare irsa', () => {
  test('irsa review runs the plan reviewer (irsa-review stays)', async () => {
    const run = await irsa(['review', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: irsa-review');
    const bad = await irsa(['review', '--format', 'pdf', 'x.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('irsa-review: --format must be one of');
  });

  test('irsa without a command prints the usage and exits 2', async () => {
    const run = await irsa([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Usage: irsa <command> [flags]');
  });
});
