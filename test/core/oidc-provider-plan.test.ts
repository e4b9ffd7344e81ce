/**
 * Real Terraform (offline, local provider mirror) for the cluster-first constructs: a plan of EksOidcProvider
 * with two role-only IamServiceAccounts, of fromCluster on a cluster declared in the same stack, and of
 * fromIssuerUrl with issuers known only to Terraform; `validate` plus a `terraform test` (override_data for
 * the cluster, caller identity and partition) of fromClusterName in the partitions aws, aws-cn and aws-us-gov.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import { EksOidcProvider, IamServiceAccount, OidcProvider, buildTrustPolicy } from '../../src';
import { expectedProviderArn, PARTITION_ISSUERS } from '../../src/modules/oidc-module-tests';
import { issuerHostPath } from '../../src/validation/issuer';
import {
  initAndValidate,
  planJson,
  plannedResources,
  terraform,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { offlineStack } from '../support/stacks';

const EKS_ISSUER = PARTITION_ISSUERS[0].issuerUrl;
/** Why the ServiceAccounts cannot be planned here (then the service accounts are role-only), or undefined. */
const KUBERNETES_MISSING = terraformUnavailableReason(['hashicorp/aws', 'hashicorp/kubernetes']);

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  'terraform plan: EksOidcProvider, fromCluster and token issuers (AWS provider)',
  () => {
    let dir: string;
    let plan: ReturnType<typeof planJson>;
    let synthesized: Record<string, Record<string, Record<string, Record<string, unknown>>>>;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-oidc-plan-'));
      const { app, stack } = offlineStack(dir);
      if (KUBERNETES_MISSING === undefined) {
        stack.addOverride('terraform.required_providers.kubernetes.version', '>= 2.0');
        stack.addOverride('provider.kubernetes', [{ host: 'https://127.0.0.1:1', insecure: true }]);
      } else {
        process.stderr.write(`EksOidcProvider plan: service accounts are role-only: ${KUBERNETES_MISSING}\n`);
      }
      const oidc = new EksOidcProvider(stack, 'oidc', { issuerUrl: EKS_ISSUER, tags: { team: 'platform' } });
      for (const name of ['external-dns', 'cert-manager']) {
        new IamServiceAccount(stack, name, {
          oidcProvider: oidc.oidcProvider,
          namespace: 'kube-system',
          name,
          roleName: name,
          roleOnly: KUBERNETES_MISSING !== undefined,
          permissionsManagedElsewhere: true,
        });
      }
      const cluster = new EksCluster(stack, 'cluster', {
        name: 'prod',
        roleArn: 'arn:aws:iam::111122223333:role/eks-cluster',
        vpcConfig: { subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] },
      });
      new EksOidcProvider(stack, 'cluster-oidc', { issuerUrl: cluster.identity.get(0).oidc.get(0).issuer });
      new IamServiceAccount(stack, 'from-cluster', {
        oidcProvider: OidcProvider.fromCluster(cluster),
        namespace: 'apps',
        name: 'api',
        roleName: 'from-cluster',
        roleOnly: true,
        permissionsManagedElsewhere: true,
      });
      // Issuers known only to Terraform: it derives the partition from the host, as fromIssuerUrl does.
      for (const p of PARTITION_ISSUERS) {
        const issuer = new TerraformVariable(stack, `issuer_${p.name}`, {
          type: 'string',
          default: p.issuerUrl,
        });
        new IamServiceAccount(stack, `token-${p.name}`, {
          oidcProvider: OidcProvider.fromIssuerUrl({
            issuerUrl: issuer.stringValue,
            accountId: '111122223333',
          }),
          namespace: 'apps',
          name: 'api',
          roleName: `token-${p.name.replace(/_/g, '-')}`,
          roleOnly: true,
          permissionsManagedElsewhere: true,
        });
      }
      app.synth();
      const stackDir = path.join(dir, 'stacks', 'offline');
      synthesized = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
      initAndValidate(stackDir);
      plan = planJson(stackDir);
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const rolesByName = () =>
      new Map(
        (plan.resource_changes ?? [])
          .filter((c) => c.type === 'aws_iam_role')
          .map((c) => [c.change.after!.name as string, c.change]),
      );

    test('the OIDC provider: the issuer URL, sts.amazonaws.com, tags, no thumbprints', () => {
      const providers = [...plannedResources(plan, 'aws_iam_openid_connect_provider').values()];
      const literal = providers.find((p) => p.url === EKS_ISSUER)!;
      expect(literal).toMatchObject({ client_id_list: ['sts.amazonaws.com'], tags: { team: 'platform' } });
      expect(literal.thumbprint_list).toBeUndefined();
      // The cluster's provider: its URL is known only after the cluster exists.
      expect(providers).toHaveLength(2);
    });

    test('both service accounts trust the provider by its ARN (a token), with literal condition keys', () => {
      const roles = rolesByName();
      const providerName = Object.keys(synthesized.resource.aws_iam_openid_connect_provider).find((k) =>
        k.startsWith('oidc_provider'),
      )!;
      for (const name of ['external-dns', 'cert-manager']) {
        const role = roles.get(name)!;
        // The ARN is known only after apply, so the planned policy is unknown; the configuration names the ARN.
        expect(role.after_unknown).toMatchObject({ assume_role_policy: true });
        const config = Object.values(synthesized.resource.aws_iam_role).find((r) => r.name === name)!;
        const policy = JSON.parse(config.assume_role_policy as string);
        expect(policy.Statement).toEqual([
          {
            Effect: 'Allow',
            Principal: { Federated: `\${aws_iam_openid_connect_provider.${providerName}.arn}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                [`${issuerHostPath(EKS_ISSUER)}:aud`]: 'sts.amazonaws.com',
                [`${issuerHostPath(EKS_ISSUER)}:sub`]: `system:serviceaccount:kube-system:${name}`,
              },
            },
          },
        ]);
      }
    });

    test('two ServiceAccounts are planned where the Kubernetes provider is installable, none when role-only', () => {
      const accounts = [...plannedResources(plan, 'kubernetes_service_account_v1').values()];
      expect(accounts).toHaveLength(KUBERNETES_MISSING === undefined ? 2 : 0);
    });

    test('fromCluster: the cluster is created in the same plan, the role waits for its issuer', () => {
      const changes = plan.resource_changes ?? [];
      expect(changes.filter((c) => c.type === 'aws_eks_cluster').map((c) => c.change.actions)).toEqual([
        ['create'],
      ]);
      expect(rolesByName().get('from-cluster')!.after_unknown).toMatchObject({ assume_role_policy: true });
      expect(changes.some((c) => c.address.startsWith('data.'))).toBe(false);
    });

    test.each(PARTITION_ISSUERS)(
      'token issuer in $partition: Terraform computes the trust policy fromIssuerUrl would',
      (p) => {
        const role = rolesByName().get(`token-${p.name.replace(/_/g, '-')}`)!;
        const expected = buildTrustPolicy({
          trust: [
            {
              providerArn: expectedProviderArn(p.issuerUrl),
              issuer: issuerHostPath(p.issuerUrl),
              serviceAccounts: ['apps:api'],
            },
          ],
        });
        expect(JSON.parse(role.after!.assume_role_policy as string)).toEqual(expected);
        expect(expectedProviderArn(p.issuerUrl)).toBe(
          OidcProvider.fromIssuerUrl({ issuerUrl: p.issuerUrl, accountId: '111122223333' }).arn,
        );
      },
    );
  },
);

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  'terraform validate and test: OidcProvider.fromClusterName in aws, aws-cn and aws-us-gov',
  () => {
    test('validate, then a terraform test per partition shows the derived ARN in the trust policy', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-oidc-cluster-name-'));
      try {
        const { app, stack } = offlineStack(dir);
        const oidc = OidcProvider.fromClusterName(stack, 'prod', 'prod');
        const sa = new IamServiceAccount(stack, 'sa', {
          oidcProvider: oidc,
          namespace: 'apps',
          name: 'api',
          roleName: 'api',
          roleOnly: true,
          permissionsManagedElsewhere: true,
        });
        new IamServiceAccount(stack, 'sa2', {
          oidcProvider: OidcProvider.fromClusterName(stack, 'prod-again', 'prod'),
          namespace: 'apps',
          name: 'worker',
          roleName: 'worker',
          roleOnly: true,
          permissionsManagedElsewhere: true,
        });
        new TerraformOutput(stack, 'provider_arn', { value: oidc.arn });
        app.synth();
        const stackDir = path.join(dir, 'stacks', 'offline');
        const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
        expect(Object.keys(json.data).sort()).toEqual([
          'aws_caller_identity',
          'aws_eks_cluster',
          'aws_partition',
        ]);
        const roleId = Object.keys(json.resource.aws_iam_role).find(
          (k) => json.resource.aws_iam_role[k].name === 'api',
        )!;
        expect(sa.roleArn).toBeDefined();
        initAndValidate(stackDir);

        const runs = PARTITION_ISSUERS.map(
          (p) => `run "partition_${p.name}" {
  command = plan

  override_data {
    target = data.aws_eks_cluster.prod
    values = { identity = [{ oidc = [{ issuer = "${p.issuerUrl}" }] }] }
  }
  override_data {
    target = data.aws_partition.irsa-partition
    values = { partition = "${p.partition}" }
  }

  assert {
    condition     = output.provider_arn == "${expectedProviderArn(p.issuerUrl)}"
    error_message = "provider_arn: \${output.provider_arn}"
  }
  assert {
    condition     = jsondecode(aws_iam_role.${roleId}.assume_role_policy).Statement[0].Principal.Federated == "${expectedProviderArn(p.issuerUrl)}"
    error_message = "The trust policy must name the derived ARN."
  }
  assert {
    condition     = keys(jsondecode(aws_iam_role.${roleId}.assume_role_policy).Statement[0].Condition.StringEquals) == ["${issuerHostPath(p.issuerUrl)}:aud", "${issuerHostPath(p.issuerUrl)}:sub"]
    error_message = "The condition keys must start with the issuer without https://."
  }
}`,
        );
        fs.mkdirSync(path.join(stackDir, 'tests'));
        fs.writeFileSync(
          path.join(stackDir, 'tests', 'partitions.tftest.hcl'),
          `mock_provider "aws" {
  override_data {
    target = data.aws_caller_identity.irsa-caller-identity
    values = { account_id = "111122223333" }
  }
}

${runs.join('\n\n')}
`,
        );
        const result = terraform(stackDir, ['test', '-no-color']);
        const output = `${result.stdout}\n${result.stderr}`;
        expect({ status: result.status, output }).toEqual({
          status: 0,
          output: expect.stringContaining(`Success! ${PARTITION_ISSUERS.length} passed, 0 failed.`),
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
