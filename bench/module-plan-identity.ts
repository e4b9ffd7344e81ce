/**
 * Proves that a change to the generated modules plans byte-identically: plans the same root configurations
 * against two copies of `modules/` (before and after) and compares `terraform show -json` of each plan.
 *
 *     node dist/bench/module-plan-identity.js BEFORE_MODULES_DIR AFTER_MODULES_DIR [PATH_PART]
 *
 * The configurations: every example of the role, Pod Identity and ServiceAccount modules (and the OIDC
 * modules' examples that call them), with the provider made offline by override files; and an add-on
 * harness that calls the role and Pod Identity modules with every add-on and option (the same cases as
 * test/modules/addons.test.ts), defaults, flags off, an add-on given as null, create_policy, renamed add-on
 * policies and lists known only after apply. A configuration that cannot be planned here (no Kubernetes
 * provider) is reported as skipped with its reason. Exit status 1 when any plan differs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { render, type HclLiteral } from '../src/modules/hcl';
import { FULL, ROLE_GROUPS, addonsInput, pick } from '../test/support/addons';
import { OFFLINE_AWS_PROVIDER_HCL, terraform } from '../tools/terraform';

const MODULES = [
  'iam-role-for-service-accounts',
  'eks-pod-identity',
  'iam-service-account',
  'eks-cluster-oidc',
  'eks-oidc-provider',
];
const PROVIDER_ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

/** Override files: the offline provider, and the mirror's provider version (examples may ask for 6.x). */
const OVERRIDES = {
  'provider_override.tf': OFFLINE_AWS_PROVIDER_HCL.replace(/region\s+= "us-east-1"\n/, ''),
  'versions_override.tf': `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.0"\n    }\n  }\n}\n`,
};

/** The add-on values each harness role gets. */
function addonCases(): Record<string, { addons: string; extra?: string }> {
  const lit = (v: HclLiteral) => render(v);
  const cases: Record<string, { addons: string; extra?: string }> = {
    none: { addons: '{}' },
    null_addon: {
      addons: '{ velero = null, external_dns = { hosted_zone_ids = ["Z0123456789ABCDEFGHIJ"] } }',
    },
    defaults: {
      addons:
        '{ external_dns = {}, cert_manager = {}, cluster_autoscaler = {}, ebs_csi_driver = {}, efs_csi_driver = {}, vpc_cni = {}, image_builder = {}, fsx_lustre_csi_driver = {} }',
    },
    ipv6: {
      addons:
        '{ vpc_cni = { ipv4 = false, ipv6 = true }, ebs_csi_driver = { kms_key_arns = ["arn:aws:kms:us-east-1:111122223333:key/k1"] } }',
    },
    unknown_lists: {
      addons:
        '{ cluster_autoscaler = { cluster_names = terraform_data.later.output }, velero = { bucket_arns = [terraform_data.later.output[0]] } }',
    },
    // Two add-ons: the managed policy must stay within its quota (QUOTAS.managedPolicyMaxLength).
    create_policy: {
      addons: lit(addonsInput(pick(['certManager', 'nodeTerminationHandler']))),
      extra: 'create_policy = true',
    },
    renamed: {
      addons: '{ external_dns = {}, cert_manager = {} }',
      extra: 'addon_policy_names = { external_dns = "dns" }',
    },
  };
  ROLE_GROUPS.forEach((group, i) => (cases[`full_${i}`] = { addons: lit(addonsInput(pick(group))) }));
  if (Object.keys(FULL).length < 20) throw new Error('FULL no longer covers the catalog');
  return cases;
}

function harness(modules: string, which: 'role' | 'pod'): string {
  const calls = Object.entries(addonCases()).map(([name, c]) =>
    which === 'role'
      ? `module "role_${name}" {
  source    = ${JSON.stringify(path.join(modules, 'iam-role-for-service-accounts'))}
  role_name = "role-${name}"
  oidc_providers = { main = { provider_arn = ${JSON.stringify(PROVIDER_ARN)}, namespace_service_accounts = ["apps:${name.replace(/_/g, '-')}"] } }
  addons    = ${c.addons}
  ${c.extra ?? ''}
}`
      : `module "pod_${name}" {
  source       = ${JSON.stringify(path.join(modules, 'eks-pod-identity'))}
  role_name    = "pod-${name}"
  associations = { main = { cluster_name = "blue", namespace = "apps", service_account = "${name.replace(/_/g, '-')}" } }
  addons       = ${c.addons}
  ${c.extra ?? ''}
}`,
  );
  return `${OFFLINE_AWS_PROVIDER_HCL}
resource "terraform_data" "later" {
  input = ["arn:aws:s3:::later"]
}

${calls.join('\n\n')}
`;
}

/** `terraform show -json` of a plan of `dir`, or the reason it could not be planned. */
function planText(dir: string, root: string): { json?: string; skipped?: string } {
  for (const [file, text] of Object.entries(OVERRIDES)) fs.writeFileSync(path.join(dir, file), text);
  // Aliased AWS providers (cross-account examples) get the same offline settings.
  const aliases = [
    ...fs.readFileSync(path.join(dir, 'main.tf'), 'utf8').matchAll(/alias\s*=\s*"([\w-]+)"/g),
  ].map((m) => m[1]);
  const aliased = aliases.map((alias) =>
    OFFLINE_AWS_PROVIDER_HCL.replace(/region\s+= "us-east-1"\n/, '').replace(
      '{\n',
      `{\n  alias = ${JSON.stringify(alias)}\n`,
    ),
  );
  fs.appendFileSync(path.join(dir, 'provider_override.tf'), aliased.join('\n'));
  const init = terraform(dir, ['init', '-input=false', '-no-color']);
  if (init.status !== 0)
    return {
      skipped: `init failed: ${init.stderr.split('\n').find((l) => l.includes('Error')) ?? init.stderr.slice(0, 200)}`,
    };
  const plan = terraform(dir, ['plan', '-input=false', '-lock=false', '-no-color', '-out=tfplan']);
  if (plan.status !== 0) return { skipped: `plan failed: ${plan.stderr.replace(/\s+/g, ' ').slice(0, 400)}` };
  const show = terraform(dir, ['show', '-json', 'tfplan']);
  if (show.status !== 0) throw new Error(`show failed in ${dir}: ${show.stderr}`);
  const parsed = JSON.parse(show.stdout) as Record<string, unknown>;
  delete parsed.timestamp;
  // A set in Terraform's model, listed in the order the plan walk (concurrent) happened to reach them.
  if (Array.isArray(parsed.relevant_attributes)) {
    parsed.relevant_attributes = parsed.relevant_attributes
      .map((a) => JSON.stringify(a))
      .sort()
      .map((a) => JSON.parse(a) as unknown);
  }
  // The configuration section names module sources by path, which differs between the two copies.
  return { json: JSON.stringify(parsed).split(root).join('<root>') };
}

/** Copies `modules` into `root` and lists the configurations to plan there. */
function prepare(modules: string, root: string): string[] {
  const copy = path.join(root, 'modules');
  fs.cpSync(modules, copy, { recursive: true });
  const dirs: string[] = [];
  for (const m of MODULES) {
    const examples = path.join(copy, m, 'examples');
    if (!fs.existsSync(examples)) continue;
    for (const e of fs.readdirSync(examples).sort()) dirs.push(path.join(examples, e));
  }
  for (const which of ['role', 'pod'] as const) {
    const h = path.join(root, `harness-${which}`);
    fs.mkdirSync(h);
    fs.writeFileSync(path.join(h, 'main.tf'), harness(copy, which));
    dirs.push(h);
  }
  // An optional third argument plans only the configurations whose path contains it.
  const only = process.argv[4];
  return only ? dirs.filter((d) => d.includes(only)) : dirs;
}

function main(): void {
  const [before, after] = process.argv.slice(2).map((p) => path.resolve(p));
  if (!before || !after)
    throw new Error('usage: module-plan-identity BEFORE_MODULES_DIR AFTER_MODULES_DIR [PATH_PART]');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-plan-identity-'));
  const a = prepare(before, path.join(tmp, 'before'));
  const b = prepare(after, path.join(tmp, 'after'));
  let differ = 0;
  a.forEach((dirA, i) => {
    const name = path.relative(path.join(tmp, 'before'), dirA);
    const x = planText(dirA, path.join(tmp, 'before'));
    const y = planText(b[i], path.join(tmp, 'after'));
    let verdict: string;
    if (x.json !== undefined && y.json !== undefined) {
      verdict = x.json === y.json ? `identical (${x.json.length} bytes)` : 'DIFFERENT';
    } else if (x.skipped !== undefined && y.skipped !== undefined) {
      verdict = `skipped on both sides: ${x.skipped}`;
    } else {
      verdict = `DIFFERENT: before ${x.skipped ?? 'planned'}; after ${y.skipped ?? 'planned'}`;
    }
    if (verdict.startsWith('DIFFERENT')) {
      differ++;
      const base = path.join(tmp, name.replace(/\W+/g, '_'));
      if (x.json !== undefined) fs.writeFileSync(`${base}.before.json`, x.json);
      if (y.json !== undefined) fs.writeFileSync(`${base}.after.json`, y.json);
    }
    process.stdout.write(`${name}: ${verdict}\n`);
  });
  process.stdout.write(
    `${differ === 0 ? 'all plans identical' : `${differ} plan(s) differ`} (work dir ${tmp})\n`,
  );
  process.exitCode = differ === 0 ? 0 : 1;
}

main();
