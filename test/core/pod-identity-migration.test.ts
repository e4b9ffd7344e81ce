/**
 * The migration irsa -> both -> pod-identity as real offline plans: each step is planned against the state
 * the previous step's plan would leave (role only: there is no Kubernetes provider here), and the role is
 * only ever updated in place, never replaced; the association is created at step 1 and kept at step 2.
 * What docs/pod-identity.md says each `terraform plan` shows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IamServiceAccount, IamServiceAccountProps } from '../../src';
import type { RawPlan } from '../../src/review/plan/types';
import {
  initAndValidate,
  planJson,
  terraformUnavailableReason,
  type TerraformPlan,
} from '../../tools/terraform';
import { stateFromPlan } from '../review/support/plans';
import { describeUnless } from '../support/skip';
import { offlineStack, provider1 } from '../support/stacks';

const COMMON = {
  namespace: 'apps',
  name: 'api',
  roleName: 'migrate-api',
  roleOnly: true,
  inlinePolicy: {
    Version: '2012-10-17' as const,
    Statement: [{ Effect: 'Allow' as const, Action: 's3:GetObject', Resource: '*' }],
  },
};

const STEPS: [string, IamServiceAccountProps][] = [
  ['irsa', { ...COMMON, oidcProvider: provider1() }],
  ['both', { ...COMMON, identity: 'both', oidcProvider: provider1(), clusterName: 'prod' }],
  ['pod-identity', { ...COMMON, identity: 'pod-identity', clusterName: 'prod' }],
];

/** `type action` for every resource change, sorted. */
const actions = (plan: TerraformPlan) =>
  (plan.resource_changes ?? []).map((c) => `${c.type} ${c.change.actions.join('+')}`).sort();

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  'migration irsa -> both -> pod-identity (terraform plan against prior state)',
  () => {
    let root: string;
    const plans: TerraformPlan[] = [];

    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-migration-'));
      let state: unknown;
      for (const [name, props] of STEPS) {
        const outdir = path.join(root, name);
        const { app, stack } = offlineStack(outdir, 'migration');
        // State next to the configuration (CDKTF's default local backend path is absolute, under the project).
        stack.addOverride('terraform.backend', { local: { path: 'terraform.tfstate' } });
        new IamServiceAccount(stack, 'api', props);
        app.synth();
        const dir = path.join(outdir, 'stacks', 'migration');
        if (state) fs.writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify(state));
        initAndValidate(dir);
        const plan = planJson(dir, ['-refresh=false']);
        plans.push(plan);
        state = stateFromPlan(plan as unknown as RawPlan);
      }
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    test('step 0 (irsa): role and inline policy are created', () => {
      expect(actions(plans[0])).toEqual(['aws_iam_role create', 'aws_iam_role_policy create']);
    });

    test('step 1 (both): the role is updated in place (trust gains the Pod Identity statement), the association is created', () => {
      expect(actions(plans[1])).toEqual([
        'aws_eks_pod_identity_association create',
        'aws_iam_role update',
        'aws_iam_role_policy no-op',
      ]);
      const role = plans[1].resource_changes!.find((c) => c.type === 'aws_iam_role')!;
      const before = JSON.parse((role.change.before as Record<string, string>).assume_role_policy);
      const after = JSON.parse(role.change.after!.assume_role_policy as string);
      expect(before.Statement.map((s: { Principal: object }) => Object.keys(s.Principal)[0])).toEqual([
        'Federated',
      ]);
      expect(after.Statement.map((s: { Principal: object }) => Object.keys(s.Principal)[0])).toEqual([
        'Federated',
        'Service',
      ]);
      expect(role.change.after!.name).toBe('migrate-api');
    });

    test('step 2 (pod-identity): the role is updated in place (the OIDC statement goes), the association is kept', () => {
      expect(actions(plans[2])).toEqual([
        'aws_eks_pod_identity_association no-op',
        'aws_iam_role update',
        'aws_iam_role_policy no-op',
      ]);
      const role = plans[2].resource_changes!.find((c) => c.type === 'aws_iam_role')!;
      const after = JSON.parse(role.change.after!.assume_role_policy as string);
      expect(after.Statement.map((s: { Principal: object }) => Object.keys(s.Principal)[0])).toEqual([
        'Service',
      ]);
    });

    test('no step deletes or replaces anything, and every step keeps the role address', () => {
      const roleAddresses = plans.map((p) =>
        p.resource_changes!.filter((c) => c.type === 'aws_iam_role').map((c) => c.address),
      );
      expect(roleAddresses[1]).toEqual(roleAddresses[0]);
      expect(roleAddresses[2]).toEqual(roleAddresses[0]);
      for (const plan of plans)
        for (const c of plan.resource_changes ?? []) expect(c.change.actions).not.toContain('delete');
    });
  },
);
