/**
 * Same inputs, same AWS resources: for several input sets, `terraform plan` of a CDKTF stack of `IrsaRole`
 * constructs and `terraform plan` of an HCL root that calls modules/iam-role-for-service-accounts once per
 * set must plan identical values (trust and inline policies compared as parsed JSON).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IrsaRole, OidcProvider, PolicyDocument, WellKnownPolicies, wellKnownGrant } from '../../src';
import { ROLE_MODULE } from '../../src/modules';
import { HclLiteral, render } from '../../src/modules/hcl';
import { DEFAULT_INLINE_POLICY_NAME } from '../../src/modules/variables';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  terraformOk,
  planJson,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { ROLE_GROUPS, addonsInput, pick } from '../support/addons';
import { ARN_1, ARN_2, offlineStack } from '../support/stacks';
import { MODULES_DIR, Planned, comparable } from './support';

const ARN_3 = 'arn:aws-us-gov:iam::444455556666:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/3333333333333333333333333333333D';

const S3_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::bucket/*' },
    { Effect: 'Deny', NotAction: 's3:*', NotResource: 'arn:aws:s3:::bucket/*' },
  ],
};

/** One input set, in neutral form; `id` names the construct, the module call and (by default) the role. */
interface InputSet {
  readonly id: string;
  readonly providers: Record<string, string[]>;
  readonly providerArns?: Record<string, string>;
  readonly allowWildcardSubjects?: boolean;
  readonly audience?: string;
  readonly roleName?: string;
  readonly roleNamePrefix?: string;
  readonly rolePath?: string;
  readonly permissionsBoundary?: string;
  readonly maxSessionDuration?: number;
  readonly description?: string;
  readonly tags?: Record<string, string>;
  readonly policyArns?: Record<string, string>;
  readonly inlinePolicy?: PolicyDocument;
  readonly inlinePolicyName?: string;
  readonly wellKnownPolicies?: WellKnownPolicies;
}

const ARNS: Record<string, string> = { blue: ARN_1, green: ARN_2, gov: ARN_3 };

const INPUT_SETS: InputSet[] = [
  {
    id: 'everything',
    roleName: 'eq-everything',
    providers: { blue: ['default:app'] },
    rolePath: '/irsa/',
    permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary',
    maxSessionDuration: 7200,
    description: 'Every role setting, one subject',
    tags: { team: 'platform', 'cost-center': '42' },
    policyArns: {
      read_only: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      custom: 'arn:aws:iam::111122223333:policy/custom',
    },
    inlinePolicy: S3_POLICY,
    inlinePolicyName: 's3-access',
  },
  {
    id: 'defaults',
    roleNamePrefix: 'eq-defaults-',
    providers: { blue: ['kube-system:external-dns'] },
  },
  {
    id: 'multicluster',
    roleName: 'eq-multicluster',
    audience: 'sts.amazonaws.com.example',
    providers: {
      green: ['apps:worker', 'apps:api', 'batch:job'],
      blue: ['apps:api'],
      gov: ['apps:api', 'apps:worker'],
    },
    policyArns: { read_only: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
  },
  {
    id: 'wildcards',
    roleName: 'eq-wildcards',
    allowWildcardSubjects: true,
    providers: {
      blue: ['preview-*:api', 'apps:api', 'apps:web', 'batch-?:job', 'ci:runner-*'],
      green: ['*:reader'],
      gov: ['apps:api'],
    },
  },
  {
    id: 'many',
    roleName: 'eq-many',
    providers: {
      blue: Array.from({ length: 12 }, (_, i) => `team-${(i * 7) % 12}:app`),
      green: Array.from({ length: 5 }, (_, i) => `apps:svc-${5 - i}`),
    },
    inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] },
  },
  // Every add-on of the catalog, split across roles as the inline-policy quota requires.
  ...ROLE_GROUPS.map(
    (group, i): InputSet => ({
      id: `addons${i}`,
      roleName: `eq-addons-${i}`,
      providers: { blue: [`kube-system:addons-${i}`] },
      wellKnownPolicies: pick(group),
      ...(i === 0 ? { policyArns: { read_only: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, inlinePolicy: S3_POLICY } : {}),
    }),
  ),
];

/** Module variables for an input set. */
function moduleInputs(set: InputSet): Record<string, HclLiteral> {
  const inputs: Record<string, HclLiteral> = {
    oidc_providers: Object.fromEntries(
      Object.entries(set.providers).map(([key, serviceAccounts]) => [
        key,
        { provider_arn: ARNS[key], namespace_service_accounts: serviceAccounts },
      ]),
    ),
  };
  const optional: Record<string, HclLiteral | undefined> = {
    allow_wildcard_subjects: set.allowWildcardSubjects,
    audience: set.audience,
    role_name: set.roleName,
    role_name_prefix: set.roleNamePrefix,
    role_path: set.rolePath,
    permissions_boundary: set.permissionsBoundary,
    max_session_duration: set.maxSessionDuration,
    description: set.description,
    tags: set.tags,
    policy_arns: set.policyArns,
    addons: set.wellKnownPolicies && addonsInput(set.wellKnownPolicies),
    inline_policies: set.inlinePolicy && {
      [set.inlinePolicyName ?? DEFAULT_INLINE_POLICY_NAME]: JSON.stringify(set.inlinePolicy),
    },
    // The module defaults to true (so destroy detaches policies attached by hand); the construct leaves the
    // provider's default, false.
    force_detach_policies: false,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) inputs[key] = value;
  return inputs;
}

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  'equivalence: IrsaRole (CDKTF JSON) and the HCL module plan the same AWS resources',
  () => {
    let dir: string;
    let fromConstructs: Map<string, Planned>;
    let fromModule: Map<string, Planned>;
    const constructs = new Map<string, IrsaRole>();

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-equivalence-'));

      // CDKTF side: one IrsaRole per input set, providers in key order (the module's statement order).
      const { app, stack } = offlineStack(path.join(dir, 'cdktf'), 'equivalence');
      for (const set of INPUT_SETS) {
        const role = new IrsaRole(stack, set.id, {
          trust: Object.keys(set.providers)
            .sort()
            .map((key) => ({ oidcProvider: OidcProvider.fromArn(ARNS[key]), serviceAccounts: set.providers[key] })),
          allowWildcardSubjects: set.allowWildcardSubjects,
          audience: set.audience,
          roleName: set.roleName,
          roleNamePrefix: set.roleNamePrefix,
          rolePath: set.rolePath,
          permissionsBoundary: set.permissionsBoundary,
          maxSessionDuration: set.maxSessionDuration,
          description: set.description,
          tags: set.tags,
          attachPolicyArns: set.policyArns && Object.values(set.policyArns),
          inlinePolicy: set.inlinePolicy,
          inlinePolicyName: set.inlinePolicyName,
          wellKnownPolicies: set.wellKnownPolicies,
          // Some sets test trust only; the module takes a role without policies.
          permissionsManagedElsewhere: true,
        });
        constructs.set(set.id, role);
      }
      app.synth();
      const stackDir = path.join(dir, 'cdktf', 'stacks', 'equivalence');
      terraformOk(stackDir, ['init', '-input=false', '-no-color']); // plan validates too
      let started = Date.now();
      const cdktfPlan = planJson(stackDir);
      process.stderr.write(`equivalence: CDKTF stack plan ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

      // HCL side: the same input sets as module calls in one root configuration.
      const hclDir = path.join(dir, 'hcl');
      fs.mkdirSync(hclDir);
      const source = path.relative(hclDir, path.join(MODULES_DIR, ROLE_MODULE));
      const calls = INPUT_SETS.map(
        (set) =>
          `module "${set.id}" {\n  source = ${JSON.stringify(source)}\n${Object.entries(moduleInputs(set))
            .map(([k, v]) => `  ${k} = ${render(v)}`)
            .join('\n')}\n}\n`,
      );
      fs.writeFileSync(path.join(hclDir, 'main.tf'), `${OFFLINE_AWS_PROVIDER_HCL}\n${calls.join('\n')}`);
      terraformOk(hclDir, ['init', '-input=false', '-no-color']); // plan validates too
      started = Date.now();
      const hclPlan = planJson(hclDir);
      process.stderr.write(`equivalence: HCL module plan ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

      // Construct resources are named <construct id>_<resource id>_<hash>; module ones live in module.<id>.
      fromConstructs = comparable(cdktfPlan, (address) => address.split('.')[1]?.split('_')[0]);
      fromModule = comparable(hclPlan, (_address, moduleAddress) => moduleAddress?.replace(/^module\./, ''));
    });

    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('both sides plan every input set', () => {
      expect([...fromConstructs.keys()].sort()).toEqual(INPUT_SETS.map((s) => s.id).sort());
      expect([...fromModule.keys()].sort()).toEqual(INPUT_SETS.map((s) => s.id).sort());
    });

    test.each(INPUT_SETS.map((s) => [s.id]))('%s: identical role, trust policy and unknowns', (id) => {
      const role = fromModule.get(id)!.role;
      expect(Object.keys(role)).toEqual(expect.arrayContaining(['assume_role_policy', 'max_session_duration', 'path']));
      expect(role).toEqual(fromConstructs.get(id)!.role);
      expect(fromModule.get(id)!.roleUnknown).toEqual(fromConstructs.get(id)!.roleUnknown);
      // And the trust policy is the construct's, i.e. buildTrustPolicy's.
      expect(fromModule.get(id)!.role.assume_role_policy).toEqual(constructs.get(id)!.trustPolicy);
    });

    test.each(INPUT_SETS.map((s) => [s.id]))('%s: identical attachments and inline policies', (id) => {
      const set = INPUT_SETS.find((s) => s.id === id)!;
      const grant = wellKnownGrant(set.wellKnownPolicies ?? {}, 'aws');
      expect(fromModule.get(id)!.attachments).toHaveLength(
        Object.keys(set.policyArns ?? {}).length + grant.managedPolicyArns.length,
      );
      expect(fromModule.get(id)!.inlinePolicies).toHaveLength(
        (set.inlinePolicy ? 1 : 0) + grant.addons.filter((a) => a.statements.length > 0).length,
      );
      expect(fromModule.get(id)!.attachments).toEqual(fromConstructs.get(id)!.attachments);
      expect(fromModule.get(id)!.inlinePolicies).toEqual(fromConstructs.get(id)!.inlinePolicies);
    });

    test('the input sets cover multi-cluster, wildcards, and exact plus wildcard subjects of one provider', () => {
      const statements = (id: string) => constructs.get(id)!.trustPolicy.Statement;
      expect(statements('multicluster')).toHaveLength(3);
      const wildcard = statements('wildcards');
      const blue = wildcard.filter((s) => (s.Principal as Record<string, string>).Federated === ARN_1);
      expect(blue.map((s) => Object.keys(s.Condition!).sort())).toEqual([
        ['StringEquals'],
        ['StringEquals', 'StringLike'],
      ]);
    });
  },
);
