/**
 * The generated AWS side is valid Terraform, and adopting what eksctl created replaces and destroys
 * nothing: a prior state holds the resources as eksctl made them (its role names, its trust-policy layout,
 * its attachments, inline policies and stack tags), and `terraform plan -refresh=false` against it must show
 * only no-ops and in-place updates. (An import itself needs AWS; this is the state an import would leave.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eksctlIrsaTrustPolicy } from '../../src/cli/eksctl';
import { describeUnless } from '../support/skip';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  initAndValidate,
  planJson,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { FIXTURES, PROVIDER_ARN, irsa } from './support';

const ACCOUNT = '111122223333';
const ISSUER = PROVIDER_ARN.slice(PROVIDER_ARN.indexOf('oidc-provider/') + 'oidc-provider/'.length);
const ROLE_NAMES: Record<string, string> = {
  'backend/s3-reader': 'eksctl-prod-addon-iamserviceaccount-backe-Role1-1A2B3C4D5E6F',
  'kube-system/cluster-autoscaler': 'prod-cluster-autoscaler',
  'kube-system/external-dns': 'eksctl-prod-addon-iamserviceaccount-kube--Role1-9Z8Y7X6W5V4U',
  'backend/writer': 'prod-writer',
  'jobs/batch': 'prod-batch',
  'kube-system/lb': 'prod-lb',
};
const LB_POLICY = 'eksctl-prod-addon-iamserviceaccount-kube-system-lb-PolicyAWSLoadBalancerController';
const LB_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['elasticloadbalancing:*'], Resource: '*' }],
};

function stackTags(namespace: string, name: string): Record<string, string> {
  return {
    'alpha.eksctl.io/cluster-name': 'prod',
    'alpha.eksctl.io/eksctl-version': '0.190.0',
    'alpha.eksctl.io/iamserviceaccount-name': `${namespace}/${name}`,
    'eksctl.cluster.k8s.io/v1alpha1/cluster-name': 'prod',
    team: 'platform',
  };
}

interface Role {
  module: string;
  namespace: string;
  name: string;
  subjectPattern?: string;
  attachments: Record<string, string>;
  inline: { address?: string; name: string; policy: unknown }[];
  boundary?: string;
  tags?: Record<string, string>;
}

const doc = (actions: string[], resource = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
});
const stack = (ns: string, name: string) => `eksctl-prod-addon-iamserviceaccount-${ns}-${name}`;

/** What eksctl created for irsa.yaml, attribute by attribute. */
const EKSCTL_ROLES: Role[] = [
  {
    module: 'irsa_backend_s3_reader',
    namespace: 'backend',
    name: 's3-reader',
    attachments: {
      amazons3readonlyaccess: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      reader_extra: `arn:aws:iam::${ACCOUNT}:policy/reader-extra`,
    },
    inline: [],
    boundary: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
    tags: { 'cost-center': '42' },
  },
  {
    module: 'irsa_kube_system_cluster_autoscaler',
    namespace: 'kube-system',
    name: 'cluster-autoscaler',
    attachments: {},
    inline: [
      {
        address: 'aws_iam_role_policy.irsa_kube_system_cluster_autoscaler_policyautoscaling',
        name: `${stack('kube-system', 'cluster-autoscaler')}-PolicyAutoScaling`,
        policy: doc(['autoscaling:DescribeAutoScalingGroups', 'autoscaling:SetDesiredCapacity']),
      },
    ],
  },
  {
    module: 'irsa_kube_system_external_dns',
    namespace: 'kube-system',
    name: 'external-dns',
    attachments: {
      amazonec2containerregistrypoweruser: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser',
    },
    inline: [
      {
        address: 'aws_iam_role_policy.irsa_kube_system_external_dns_policyexternaldnschangeset',
        name: `${stack('kube-system', 'external-dns')}-PolicyExternalDNSChangeSet`,
        policy: doc(['route53:ChangeResourceRecordSets'], 'arn:aws:route53:::hostedzone/*'),
      },
      {
        address: 'aws_iam_role_policy.irsa_kube_system_external_dns_policyexternaldnshostedzones',
        name: `${stack('kube-system', 'external-dns')}-PolicyExternalDNSHostedZones`,
        policy: doc([
          'route53:ListHostedZones',
          'route53:ListResourceRecordSets',
          'route53:ListTagsForResource',
        ]),
      },
    ],
  },
  {
    module: 'irsa_backend_writer',
    namespace: 'backend',
    name: 'writer',
    attachments: {},
    inline: [
      {
        name: `${stack('backend', 'writer')}-Policy1`,
        policy: doc(['s3:PutObject'], 'arn:aws:s3:::prod-bucket/*'),
      },
    ],
  },
  {
    module: 'irsa_jobs_batch',
    namespace: 'jobs',
    name: 'batch',
    subjectPattern: 'batch-*',
    attachments: { amazonsqsfullaccess: 'arn:aws:iam::aws:policy/AmazonSQSFullAccess' },
    inline: [],
  },
  {
    module: 'irsa_kube_system_lb',
    namespace: 'kube-system',
    name: 'lb',
    attachments: {
      amazonebscsidriverpolicy: 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    },
    inline: [
      {
        address: 'aws_iam_role_policy.irsa_kube_system_lb_policyawsloadbalancercontroller',
        name: LB_POLICY,
        policy: LB_DOCUMENT,
      },
      {
        address: 'aws_iam_role_policy.irsa_kube_system_lb_policycertmanagerchangeset',
        name: `${stack('kube-system', 'lb')}-PolicyCertManagerChangeSet`,
        policy: doc(
          ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
          'arn:aws:route53:::hostedzone/*',
        ),
      },
      {
        address: 'aws_iam_role_policy.irsa_kube_system_lb_policycertmanagergetchange',
        name: `${stack('kube-system', 'lb')}-PolicyCertManagerGetChange`,
        policy: doc(['route53:GetChange'], 'arn:aws:route53:::change/*'),
      },
      {
        address: 'aws_iam_role_policy.irsa_kube_system_lb_policycertmanagerhostedzones',
        name: `${stack('kube-system', 'lb')}-PolicyCertManagerHostedZones`,
        policy: doc(['route53:ListHostedZonesByName']),
      },
    ],
  },
];

function resource(
  address: { module?: string; type: string; name: string; index?: string | number },
  attributes: Record<string, unknown>,
) {
  return {
    ...(address.module ? { module: address.module } : {}),
    mode: 'managed',
    type: address.type,
    name: address.name,
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [
      {
        ...(address.index !== undefined ? { index_key: address.index } : {}),
        schema_version: 0,
        attributes,
        sensitive_attributes: [],
      },
    ],
  };
}

/** The version-4 state an import of every eksctl resource would leave. */
function eksctlState(): unknown {
  const resources: unknown[] = [];
  for (const r of EKSCTL_ROLES) {
    const roleName = ROLE_NAMES[`${r.namespace}/${r.name}`];
    const module = `module.${r.module}`;
    const tags = { ...stackTags(r.namespace, r.name), ...r.tags };
    const trust = eksctlIrsaTrustPolicy({
      providerArn: PROVIDER_ARN,
      issuer: ISSUER,
      namespace: r.namespace,
      serviceAccount: r.name,
      subjectPattern: r.subjectPattern,
    });
    resources.push(
      resource(
        { module, type: 'aws_iam_role', name: 'this', index: 0 },
        {
          id: roleName,
          name: roleName,
          name_prefix: '',
          arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
          assume_role_policy: JSON.stringify(trust),
          create_date: '2024-05-01T10:00:00Z',
          description: '',
          force_detach_policies: false,
          inline_policy: r.inline.map((p) => ({ name: p.name, policy: JSON.stringify(p.policy) })),
          managed_policy_arns: Object.values(r.attachments).sort(),
          max_session_duration: 3600,
          path: '/',
          permissions_boundary: r.boundary ?? null,
          tags,
          tags_all: tags,
          unique_id: `AROA${r.module.toUpperCase().replace(/_/g, '').slice(0, 17)}`,
        },
      ),
    );
    for (const [key, arn] of Object.entries(r.attachments)) {
      resources.push(
        resource(
          { module, type: 'aws_iam_role_policy_attachment', name: 'this', index: key },
          {
            id: `${roleName}/${arn}`,
            role: roleName,
            policy_arn: arn,
          },
        ),
      );
    }
    for (const p of r.inline) {
      const attributes = {
        id: `${roleName}:${p.name}`,
        name: p.name,
        name_prefix: '',
        role: roleName,
        policy: JSON.stringify(p.policy),
      };
      if (p.address) {
        resources.push(resource({ type: 'aws_iam_role_policy', name: p.address.split('.')[1] }, attributes));
      } else {
        resources.push(
          resource({ module, type: 'aws_iam_role_policy', name: 'this', index: p.name }, attributes),
        );
      }
    }
  }
  return {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: '00000000-0000-4000-8000-0000000000e1',
    outputs: {},
    resources,
    check_results: null,
  };
}

/** The AWS side of the generated folder (no kubernetes provider here), ready for `terraform init`. */
async function awsSide(output: 'hcl' | 'json'): Promise<string> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-aws-')), 'tf');
  const modules = path.resolve(__dirname, '..', '..', 'modules');
  const run = await irsa(
    [
      'import',
      'eksctl-config',
      path.join(FIXTURES, 'irsa.yaml'),
      '--oidc-provider-arn',
      PROVIDER_ARN,
      '--role-arns',
      path.join(FIXTURES, 'role-arns.yaml'),
      '--output',
      output,
      '--module-source',
      path.relative(dir, modules),
      '--out',
      'tf',
    ],
    path.dirname(dir),
  );
  expect(run.code).toBe(0);
  for (const file of fs.readdirSync(dir)) {
    if (file.startsWith('kubernetes.') || file.endsWith('.md')) fs.rmSync(path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, 'provider.tf'), OFFLINE_AWS_PROVIDER_HCL);
  fs.writeFileSync(
    path.join(dir, 'terraform.tfvars.json'),
    JSON.stringify({ eksctl_inline_policies: { [LB_POLICY]: JSON.stringify(LB_DOCUMENT) } }),
  );
  return dir;
}

describeUnless(terraformUnavailableReason(), 'irsa import eksctl-config: AWS side on real Terraform', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await awsSide('hcl');
  }, 120_000);

  test('--output json passes terraform validate too', async () => {
    const json = await awsSide('json');
    expect(
      fs
        .readdirSync(json)
        .filter((f) => f.endsWith('.tf.json'))
        .sort(),
    ).toEqual(['imports.tf.json', 'main.tf.json', 'variables.tf.json', 'versions.tf.json']);
    expect(() => initAndValidate(json)).not.toThrow();
  }, 300_000);

  test('terraform validate passes', () => {
    expect(() => initAndValidate(dir)).not.toThrow();
  }, 300_000);

  test('adopting eksctl state plans no create, no replace, no destroy', () => {
    if (!fs.existsSync(path.join(dir, '.terraform'))) initAndValidate(dir); // when run alone (-t)
    fs.writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify(eksctlState(), null, 2));
    const plan = planJson(dir, ['-refresh=false']);
    const changes = plan.resource_changes ?? [];
    const summary = changes.map((c) => `${c.address}: ${c.change.actions.join('+')}`);
    const bad = summary.filter((s) => /create|delete/.test(s));
    expect(bad).toEqual([]);
    // Every eksctl resource is in the plan (adopted), none is missing.
    expect(changes.length).toBe(
      EKSCTL_ROLES.reduce((n, r) => n + 1 + Object.keys(r.attachments).length + r.inline.length, 0),
    );
    const byAddress = new Map(changes.map((c) => [c.address, c]));
    // Trust policies: eksctl's layout differs, the meaning does not, and the provider plans no change.
    for (const r of EKSCTL_ROLES) {
      const role = byAddress.get(`module.${r.module}.aws_iam_role.this[0]`)!;
      const after = role.change.after as Record<string, unknown>;
      const before = role.change.before as Record<string, unknown>;
      expect(after.assume_role_policy).toBe(before.assume_role_policy);
      // The only in-place changes on a role (MIGRATION.md says both): eksctl's stack tags go, and the
      // modules' force_detach_policies default (true) replaces the provider's false.
      const changed = Object.keys(after).filter(
        (k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]),
      );
      expect(changed.filter((k) => !['tags', 'tags_all', 'force_detach_policies'].includes(k))).toEqual([]);
      expect(after.name).toBe(ROLE_NAMES[`${r.namespace}/${r.name}`]);
    }
    // eksctl's stack tags go in place, which MIGRATION.md says.
    const tagged = byAddress.get('module.irsa_backend_s3_reader.aws_iam_role.this[0]')!;
    expect(tagged.change.actions).toEqual(['update']);
    expect((tagged.change.after as { tags: Record<string, string> }).tags).toEqual({
      'cost-center': '42',
      team: 'platform',
    });
    // Attachments and inline policies eksctl wrote the same way: no change.
    expect(
      byAddress.get(
        'module.irsa_backend_writer.aws_iam_role_policy.this["eksctl-prod-addon-iamserviceaccount-backend-writer-Policy1"]',
      )!.change.actions,
    ).toEqual(['no-op']);
    expect(
      byAddress.get('aws_iam_role_policy.irsa_kube_system_lb_policyawsloadbalancercontroller')!.change
        .actions,
    ).toEqual(['no-op']);
    process.stdout.write(`adoption plan:\n${summary.join('\n')}\n`);
  }, 300_000);
});
