/**
 * Real plans from the fixture configurations, generated with terraform and the offline AWS provider.
 * Fixtures with a before.tf get prior state: before.tf is planned, its planned values (plus the
 * computed attributes AWS would fill in) become a version-4 state file, and main.tf is then planned
 * against that state with -refresh=false. Plans are cached per test process and never committed.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RawPlan } from '../../../src/review/plan/types';
import {
  initAndValidate,
  OFFLINE_AWS_PROVIDER_HCL,
  planJson,
  terraformUnavailableReason,
} from '../../../tools/terraform';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const ACCOUNT = '111122223333';

let reason: string | undefined | null = null;
export function terraformReason(): string | undefined {
  if (reason === null) reason = terraformUnavailableReason(['hashicorp/aws']);
  return reason;
}

function copyConfig(fixtureDir: string, target: string, mainFile: string): void {
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(fixtureDir, mainFile), path.join(target, 'main.tf'));
  const modules = path.join(fixtureDir, 'modules');
  if (fs.existsSync(modules)) fs.cpSync(modules, path.join(target, 'modules'), { recursive: true });
  fs.writeFileSync(path.join(target, 'provider.tf'), OFFLINE_AWS_PROVIDER_HCL);
}

/** Computed attributes AWS would have filled in for a created resource. */
function completeAttributes(type: string, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  const name = String(values['name'] ?? '');
  switch (type) {
    case 'aws_iam_role':
      Object.assign(out, {
        id: name,
        arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
        unique_id: `AROA${name
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '')
          .padEnd(17, '0')
          .slice(0, 17)}`,
        create_date: '2026-01-01T00:00:00Z',
        inline_policy: values['inline_policy'] ?? [],
        managed_policy_arns: values['managed_policy_arns'] ?? [],
        tags_all: values['tags_all'] ?? {},
        name_prefix: values['name_prefix'] ?? '',
      });
      break;
    case 'aws_iam_openid_connect_provider': {
      const url = String(values['url']).replace(/^https:\/\//, '');
      const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${url}`;
      Object.assign(out, { id: arn, arn, tags_all: values['tags_all'] ?? {} });
      break;
    }
    case 'aws_iam_policy': {
      const arn = `arn:aws:iam::${ACCOUNT}:policy/${name}`;
      Object.assign(out, {
        id: arn,
        arn,
        policy_id: 'ANPA000000000000000',
        attachment_count: 0,
        tags_all: {},
      });
      break;
    }
    case 'aws_iam_role_policy':
      Object.assign(out, { id: `${String(values['role'])}:${name}` });
      break;
    default:
      out['id'] = out['id'] ?? `${type}-fixture`;
  }
  return out;
}

/** A version-4 state holding the planned values of `plan` (what apply would have produced). */
export function stateFromPlan(plan: RawPlan): unknown {
  const resources = (plan.resource_changes ?? [])
    .filter((rc) => rc.mode !== 'data' && rc.change.after)
    .map((rc) => ({
      ...(rc.module_address ? { module: rc.module_address } : {}),
      mode: 'managed',
      type: rc.type,
      name: rc.name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          ...(rc.index !== undefined ? { index_key: rc.index } : {}),
          schema_version: 0,
          attributes: completeAttributes(rc.type, rc.change.after as Record<string, unknown>),
          sensitive_attributes: [],
        },
      ],
    }));
  return {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: '00000000-0000-4000-8000-000000000000',
    outputs: {},
    resources,
    check_results: null,
  };
}

const cache = new Map<string, RawPlan>();

/** Every file of a fixture folder, sorted, for the disk cache key. */
function fixtureFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

/**
 * With IRSA_PLAN_CACHE set (the mutation runs set it: Stryker reruns these tests once per mutant, in a
 * fresh module registry), plans are also kept on disk, keyed by a hash of the fixture's files and of this
 * file, so a changed fixture or a changed state builder is planned again.
 */
function diskCachePath(name: string): string | undefined {
  const dir = process.env['IRSA_PLAN_CACHE'];
  if (!dir) return undefined;
  const fixtureDir = path.join(FIXTURES, name);
  const hash = createHash('sha256').update(fs.readFileSync(__filename));
  for (const f of fixtureFiles(fixtureDir)) {
    hash.update(`\0${f}\0`).update(fs.readFileSync(path.join(fixtureDir, f)));
  }
  return path.join(dir, `${name}-${hash.digest('hex').slice(0, 16)}.json`);
}

/** `terraform show -json` of the fixture's main.tf, against before.tf's state when there is one. */
export function fixturePlan(name: string): RawPlan {
  const cached = cache.get(name);
  if (cached) return cached;
  const onDisk = diskCachePath(name);
  if (onDisk && fs.existsSync(onDisk)) {
    const plan = JSON.parse(fs.readFileSync(onDisk, 'utf8')) as RawPlan;
    cache.set(name, plan);
    return plan;
  }
  const fixtureDir = path.join(FIXTURES, name);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `irsa-review-${name}-`));
  try {
    const after = path.join(work, 'after');
    copyConfig(fixtureDir, after, 'main.tf');
    if (fs.existsSync(path.join(fixtureDir, 'before.tf'))) {
      const before = path.join(work, 'before');
      copyConfig(fixtureDir, before, 'before.tf');
      initAndValidate(before);
      const beforePlan = planJson(before) as unknown as RawPlan;
      fs.writeFileSync(
        path.join(after, 'terraform.tfstate'),
        JSON.stringify(stateFromPlan(beforePlan), null, 2),
      );
    }
    initAndValidate(after);
    const plan = planJson(after, ['-refresh=false']) as unknown as RawPlan;
    cache.set(name, plan);
    if (onDisk) {
      fs.mkdirSync(path.dirname(onDisk), { recursive: true });
      fs.writeFileSync(`${onDisk}.${process.pid}`, JSON.stringify(plan));
      fs.renameSync(`${onDisk}.${process.pid}`, onDisk);
    }
    return plan;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
