/**
 * Real Terraform, offline against the mirrored AWS provider (5.100): Pod Identity service accounts (role
 * only: there is no Kubernetes provider here), a `both` role and an IrsaRole with Pod Identity trust are
 * validated and planned, and the planned trust policies are checked with the independent evaluator.
 * `target_role_arn` and `disable_session_tags` are newer than the mirrored provider: they are tested at synth
 * level in pod-identity-constructs.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IamServiceAccount, IrsaRole, PolicyDocument } from '../../src';
import {
  initAndValidate,
  planJson,
  plannedResources,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { ARN_1, ISSUER_1, offlineStack, provider1 } from '../support/stacks';
import { allows, podIdentityAdmits } from '../support/trust-oracle';

const CLUSTERS = ['blue', 'green', 'other'];
const NAMESPACES = ['apps', 'jobs', 'kube-system'];
const NAMES = ['api', 'worker', 'external-dns'];

/** Every (cluster, namespace, name) of the small universe that the policy admits through Pod Identity. */
function admittedTriples(policy: PolicyDocument): string[] {
  const out: string[] = [];
  for (const cluster of CLUSTERS)
    for (const namespace of NAMESPACES)
      for (const serviceAccount of NAMES)
        if (podIdentityAdmits(policy, { cluster, namespace, serviceAccount }))
          out.push(`${cluster}/${namespace}:${serviceAccount}`);
  return out;
}

describeUnless(terraformUnavailableReason(['hashicorp/aws']), 'terraform plan of Pod Identity stacks', () => {
  let dir: string;
  let plan: ReturnType<typeof planJson>;
  const byName = () =>
    new Map([...plannedResources(plan, 'aws_iam_role').values()].map((r) => [r.name as string, r]));
  const trustOf = (name: string) =>
    JSON.parse(byName().get(name)!.assume_role_policy as string) as PolicyDocument;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-pod-identity-plan-'));
    const { app, stack } = offlineStack(dir);
    new IamServiceAccount(stack, 'pod', {
      identity: 'pod-identity',
      clusterName: 'blue',
      namespace: 'apps',
      name: 'api',
      roleName: 'pod-api',
      roleOnly: true,
      attachPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
      associationTags: { team: 'platform' },
    });
    new IamServiceAccount(stack, 'both', {
      identity: 'both',
      oidcProvider: provider1(),
      clusterName: 'green',
      namespace: 'jobs',
      name: 'worker',
      roleName: 'both-worker',
      roleOnly: true,
      permissionsManagedElsewhere: true,
    });
    new IrsaRole(stack, 'shared', {
      roleName: 'shared',
      permissionsManagedElsewhere: true,
      podIdentity: [
        { clusterName: 'blue', serviceAccounts: ['apps:api', 'kube-system:external-dns'] },
        { clusterName: 'green', serviceAccounts: ['apps:api'] },
      ],
    });
    new IamServiceAccount(stack, 'attached', {
      identity: 'pod-identity',
      clusterName: 'green',
      namespace: 'kube-system',
      name: 'external-dns',
      attachRoleArn: 'arn:aws:iam::111122223333:role/shared',
      roleOnly: true,
    });
    app.synth();
    const stackDir = path.join(dir, 'stacks', 'offline');
    initAndValidate(stackDir);
    plan = planJson(stackDir);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('pod-identity: the planned role admits exactly its own (cluster, namespace, service account)', () => {
    expect(admittedTriples(trustOf('pod-api'))).toEqual(['blue/apps:api']);
  });

  test('both: Pod Identity admits exactly its triple, the OIDC statement exactly its subject', () => {
    const trust = trustOf('both-worker');
    expect(admittedTriples(trust)).toEqual(['green/jobs:worker']);
    const webIdentity = (sub: string) => ({
      federatedPrincipal: ARN_1,
      action: 'sts:AssumeRoleWithWebIdentity',
      context: { [`${ISSUER_1}:sub`]: sub, [`${ISSUER_1}:aud`]: 'sts.amazonaws.com' },
    });
    expect(allows(trust, webIdentity('system:serviceaccount:jobs:worker'))).toBe(true);
    expect(allows(trust, webIdentity('system:serviceaccount:apps:api'))).toBe(false);
  });

  test('IrsaRole podIdentity: exactly the listed triples on two clusters', () => {
    expect(admittedTriples(trustOf('shared'))).toEqual([
      'blue/apps:api',
      'blue/kube-system:external-dns',
      'green/apps:api',
    ]);
  });

  test('associations are planned with cluster, namespace, service account, role and tags', () => {
    const associations = [...plannedResources(plan, 'aws_eks_pod_identity_association').values()]
      .map((a) => ({
        cluster: a.cluster_name,
        namespace: a.namespace,
        sa: a.service_account,
        role: a.role_arn ?? '(known after apply)',
        tags: a.tags,
      }))
      .sort((a, b) => `${a.cluster}/${a.namespace}`.localeCompare(`${b.cluster}/${b.namespace}`));
    expect(associations).toEqual([
      {
        cluster: 'blue',
        namespace: 'apps',
        sa: 'api',
        role: '(known after apply)',
        tags: { team: 'platform' },
      },
      { cluster: 'green', namespace: 'jobs', sa: 'worker', role: '(known after apply)', tags: null },
      {
        cluster: 'green',
        namespace: 'kube-system',
        sa: 'external-dns',
        role: 'arn:aws:iam::111122223333:role/shared',
        tags: null,
      },
    ]);
  });

  test('all changes are creates; no Kubernetes resource (role only)', () => {
    const changes = plan.resource_changes ?? [];
    expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    expect(changes.filter((c) => c.type.startsWith('kubernetes_'))).toEqual([]);
  });
});
