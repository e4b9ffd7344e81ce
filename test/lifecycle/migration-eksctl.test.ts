/**
 * eksctl → this project, against the emulator: the IAM side of `eksctl create iamserviceaccount` is
 * created there as eksctl's CloudFormation leaves it (support/eksctl-stacks.ts), then the folder that
 * `irsa import eksctl-config` writes for the same ClusterConfig is planned with its import blocks: nothing
 * to create, replace or destroy, every eksctl resource imported, and exactly the in-place changes its
 * MIGRATION.md lists. Applying that plan adopts everything, and the next plan is "No changes".
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readClusterConfig } from '../../src/cli/cluster-config';
import { irsa } from '../cli/support';
import {
  EMULATOR_ACCOUNT_ID,
  Emulator,
  REQUIRE_EMULATOR_ENV,
  Workspace,
  changesOf,
  emulatorEnv,
  emulatorProviderOverride,
  emulatorUnavailableReason,
  type Change,
} from '../support/emulator';
import { describeUnless } from '../support/skip';
import { eksctlStacks } from './support/eksctl-stacks';

const FIXTURE = path.join(__dirname, 'fixtures', 'eksctl-prod.yaml');
const MODULES = path.resolve(__dirname, '..', '..', 'modules');

/** The attributes a plan changes on one resource (before vs after, computed `tags_all` left out). */
function changedAttributes(change: Change): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  return Object.keys(after)
    .filter((k) => k !== 'tags_all' && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}

/** Each `# comment` of imports.tf (what is imported) → its `to` address. */
function importAddresses(imports: string): Map<string, string> {
  return new Map([...imports.matchAll(/^# (.+)\nimport \{\n {2}to = (.+)$/gm)].map((m) => [m[1], m[2]]));
}

/**
 * The in-place changes MIGRATION.md announces, as `address → changed attributes`: per role, the tags and
 * force_detach_policies lines (and the trust line when it says `assume_role_policy` changes), and each
 * add-on policy whose line says the plan updates its `policy`.
 */
function listedChanges(markdown: string, imports: string): Record<string, string[]> {
  const addresses = importAddresses(imports);
  const out: Record<string, string[]> = {};
  for (const section of markdown.split(/^### /m).slice(1)) {
    const subject = /^IRSA role of `([^`]+)`/.exec(section)?.[1];
    if (subject === undefined) continue;
    const role = addresses.get(`role of ${subject}`) as string;
    const attributes: string[] = [];
    if (/^- tags: .*the plan removes the others in place/m.test(section)) attributes.push('tags');
    if (/^- force_detach_policies: .*updates it in place/m.test(section))
      attributes.push('force_detach_policies');
    if (/^- trust policy: .*in-place update of `assume_role_policy`/m.test(section))
      attributes.push('assume_role_policy');
    if (attributes.length > 0) out[role] = attributes.sort();
    for (const m of section.matchAll(
      /^ {2}- `([^`]+)` gets .*the plan shows an in-place update of its `policy`\.$/gm,
    )) {
      out[addresses.get(`inline policy ${m[1]}`) as string] = ['policy'];
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The documents MIGRATION.md asks for, read from the emulator with the `aws iam get-role-policy` commands
 * it prints (a role name it cannot know yet, `<role name>`, is filled in as the user would).
 */
function readInlinePolicies(
  markdown: string,
  endpoint: string,
  roleNames: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const commands = markdown.match(/^ *aws iam get-role-policy .*$/gm) ?? [];
  for (const command of commands) {
    const args = command.trim().split(/\s+/).slice(1);
    const policy = args[args.indexOf('--policy-name') + 1];
    const role = args.indexOf('--role-name') + 1;
    if (args[role] === '<role') {
      const stack = policy.slice(0, policy.lastIndexOf('-'));
      const key = Object.keys(roleNames).find((k) => stack.endsWith(`-${k.replace('/', '-')}`)) as string;
      args.splice(role, 2, roleNames[key]);
    }
    // The emulator's environment, without its empty AWS_PROFILE (which the AWS CLI reads as a name).
    const env = { ...process.env, ...emulatorEnv() };
    delete env.AWS_PROFILE;
    const result = spawnSync('aws', [...args, '--endpoint-url', endpoint], { encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(`${command}: ${result.stderr}`);
    out[policy] = JSON.stringify(JSON.parse(result.stdout));
  }
  return out;
}

/** Why MIGRATION.md's `aws` commands cannot run here, or undefined; throws when the emulator is required. */
function awsCliUnavailableReason(): string | undefined {
  const version = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (!version.error && version.status === 0) return undefined;
  const reason = "the AWS CLI (aws), which runs MIGRATION.md's commands against the emulator, does not run";
  if (process.env[REQUIRE_EMULATOR_ENV] === '1') throw new Error(`${REQUIRE_EMULATOR_ENV}=1 but ${reason}`);
  return reason;
}

describeUnless(
  emulatorUnavailableReason() ?? awsCliUnavailableReason(),
  'irsa import eksctl-config against the emulator',
  () => {
    let emulator: Emulator;
    let eksctl: Workspace;
    let adopt: Workspace;
    let files: Map<string, string>;
    let changes: Map<string, Change>;
    let importing: string[];
    let issuerHost: string;
    let roleNames: Record<string, string>;

    beforeAll(async () => {
      emulator = await Emulator.start();
      const issuer = await emulator.createCluster('prod');
      const config = readClusterConfig(fs.readFileSync(FIXTURE, 'utf8'), 'eksctl-prod.yaml');
      const stacks = eksctlStacks(config, issuer, EMULATOR_ACCOUNT_ID);
      eksctl = new Workspace(emulator, 'eksctl');
      eksctl.write(stacks.config);
      eksctl.apply();

      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-eksctl-import-'));
      issuerHost = issuer.replace('https://', '');
      roleNames = stacks.roleNames;
      const providerArn = `arn:aws:iam::${EMULATOR_ACCOUNT_ID}:oidc-provider/${issuerHost}`;
      // The generated files are planned from the adopt workspace: their module source is relative to it.
      adopt = new Workspace(emulator, 'adopt');
      const run = await irsa(
        [
          'import',
          'eksctl-config',
          FIXTURE,
          '--oidc-provider-arn',
          providerArn,
          '--module-source',
          path.relative(adopt.dir, MODULES),
          '--out',
          'tf',
        ],
        root,
      );
      expect(run.code).toBe(0);
      files = new Map([...run.files].map(([f, text]) => [path.basename(f), text]));

      const provider = emulatorProviderOverride(emulator.endpoint);
      const tf: Record<string, string> = { 'provider.tf.json': JSON.stringify(provider, null, 2) };
      for (const [name, text] of files) if (name.endsWith('.tf') && name !== 'kubernetes.tf') tf[name] = text;
      tf['terraform.tfvars.json'] = JSON.stringify(
        {
          eksctl_role_names: stacks.roleNames,
          eksctl_inline_policies: readInlinePolicies(
            files.get('MIGRATION.md') as string,
            emulator.endpoint,
            stacks.roleNames,
          ),
        },
        null,
        2,
      );
      adopt.writeFiles(tf, ['provider.tf.json']);
      const plan = adopt.plan();
      changes = changesOf(plan);
      importing = (plan.resource_changes ?? [])
        .filter((rc) => (rc.change as { importing?: unknown }).importing !== undefined)
        .map((rc) => rc.address);
    }, 600_000);

    afterAll(async () => {
      eksctl?.dispose();
      adopt?.dispose();
      await emulator?.stop();
    });

    test('0 to add, 0 to change by replacement, 0 to destroy; every eksctl resource imported', () => {
      const wanted = [...(files.get('imports.tf') as string).matchAll(/^ {2}to = (.+)$/gm)].map((m) => m[1]);
      expect(wanted.length).toBe(21);
      expect([...changes.keys()].sort()).toEqual([...wanted].sort());
      const bad = [...changes].filter(([, c]) => !['no-op', 'update'].includes(c.action));
      expect(bad.map(([a, c]) => `${a}: ${c.action}`)).toEqual([]);
      expect([...importing].sort()).toEqual([...wanted].sort());
    });

    test('exactly the in-place changes MIGRATION.md lists, nothing else', () => {
      const actual: Record<string, string[]> = {};
      for (const [address, c] of changes) if (c.action === 'update') actual[address] = changedAttributes(c);
      const expected = listedChanges(files.get('MIGRATION.md') as string, files.get('imports.tf') as string);
      expect(actual).toEqual(expected);
      // What these are, spelled out: each role loses eksctl's stack tags and gets force_detach_policies;
      // with --policies eksctl (the default) no policy document changes.
      expect(Object.keys(expected).filter((a) => a.includes('aws_iam_role_policy'))).toEqual([]);
      expect(Object.keys(actual).filter((a) => a.includes('aws_iam_role_policy'))).toEqual([]);
    });

    test("the tags that go are eksctl's stack tags, the ClusterConfig's stay", () => {
      const role = changes.get('module.irsa_backend_s3_reader.aws_iam_role.this[0]') as Change;
      const before = role.before?.tags as Record<string, string>;
      const after = role.after?.tags as Record<string, string>;
      expect(after).toEqual({ 'cost-center': '42', team: 'platform' });
      expect(Object.keys(before).filter((k) => !(k in after))).toEqual([
        'alpha.eksctl.io/cluster-name',
        'alpha.eksctl.io/eksctl-version',
        'alpha.eksctl.io/iamserviceaccount-name',
        'eksctl.cluster.k8s.io/v1alpha1/cluster-name',
      ]);
      for (const c of changes.values()) {
        if (c.after?.name !== undefined && c.before?.name !== undefined)
          expect(c.after.name).toBe(c.before.name);
      }
    });

    test('applying adopts everything; the next plan is "No changes"', () => {
      adopt.apply();
      expect(adopt.planActions()).toEqual({});
      expect(adopt.state().size).toBe(21);
    }, 300_000);

    test('then --policies catalog plans exactly the policy updates its MIGRATION.md lists', async () => {
      const run = await irsa(
        [
          'import',
          'eksctl-config',
          FIXTURE,
          '--oidc-provider-arn',
          `arn:aws:iam::${EMULATOR_ACCOUNT_ID}:oidc-provider/${issuerHost}`,
          '--module-source',
          path.relative(adopt.dir, MODULES),
          '--policies',
          'catalog',
          '--out',
          'tf',
        ],
        fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-eksctl-catalog-')),
      );
      expect(run.code).toBe(0);
      const catalog = new Map([...run.files].map(([f, text]) => [path.basename(f), text]));
      const md = catalog.get('MIGRATION.md') as string;
      const tf: Record<string, string> = {};
      for (const [name, text] of catalog)
        if (name.endsWith('.tf') && name !== 'kubernetes.tf') tf[name] = text;
      tf['terraform.tfvars.json'] = JSON.stringify({
        eksctl_role_names: roleNames,
        eksctl_inline_policies: readInlinePolicies(md, emulator.endpoint, roleNames),
      });
      adopt.writeFiles(tf, ['provider.tf.json']);
      const actual: Record<string, string[]> = {};
      const other: string[] = [];
      for (const [address, c] of changesOf(adopt.plan())) {
        if (c.action === 'update') actual[address] = changedAttributes(c);
        else if (c.action !== 'no-op' && c.action !== 'read') other.push(`${address}: ${c.action}`);
      }
      expect(other).toEqual([]);
      const listed = Object.fromEntries(
        Object.entries(listedChanges(md, catalog.get('imports.tf') as string)).filter(([a]) =>
          a.includes('aws_iam_role_policy.'),
        ),
      );
      expect(actual).toEqual(listed);
      expect(Object.keys(listed)).toEqual([
        'aws_iam_role_policy.irsa_kube_system_cluster_autoscaler_policyautoscaling',
        'aws_iam_role_policy.irsa_kube_system_external_dns_policyexternaldnshostedzones',
        'aws_iam_role_policy.irsa_kube_system_lb_policycertmanagerchangeset',
        'aws_iam_role_policy.irsa_kube_system_lb_policycertmanagerhostedzones',
      ]);
    }, 300_000);
  },
);
