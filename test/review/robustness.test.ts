/**
 * Never silent, never crashing: directory mode finds plans by parsing them, unreadable policies are
 * listed in every format, Windows encodings and old plan formats are read, deep or huge inputs neither
 * crash nor hang, and text from the plan cannot forge Markdown lines or terminal escapes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reviewPlans, writeMarkdown, writeReport } from '../../src/review';
import type { RawPlan, RawResourceChange } from '../../src/review/plan/types';
import { patternContains, patternsOverlap } from '../../src/iam/patterns';
import { ISSUER, PROVIDER_ARN, plan, roleChange, trustJson } from './support/synthetic';
import { runCli } from './support/run';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-review-robust-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const goodTrust = trustJson({
  StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:a:b', [`${ISSUER}:aud`]: 'sts.amazonaws.com' },
});
const openTrust = trustJson({ StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } });

/** Keys sorted at every level, as `jq -S` writes them: format_version is no longer near the top. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}

describe('directory mode', () => {
  test('finds plans by parsing: sorted keys, *.JSON, symlinks; other JSON skipped with one line', async () => {
    const root = path.join(dir, 'stacks');
    fs.mkdirSync(path.join(root, 'a'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'elsewhere'), { recursive: true });
    // A big plan whose format_version comes after 4 KB once sorted.
    const big = plan([
      roleChange('open', openTrust),
      ...Array.from({ length: 40 }, (_, i) => roleChange(`r${i}`, goodTrust)),
    ]);
    fs.writeFileSync(path.join(root, 'a', 'plan.json'), JSON.stringify(sortKeys(big), null, 2));
    fs.writeFileSync(path.join(root, 'B.JSON'), JSON.stringify(plan([roleChange('upper', openTrust)])));
    fs.writeFileSync(
      path.join(dir, 'elsewhere', 'linked.json'),
      JSON.stringify(plan([roleChange('linked', openTrust)])),
    );
    fs.symlinkSync(path.join(dir, 'elsewhere', 'linked.json'), path.join(root, 'c-link.json'));
    fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(root, 'd-dir'));
    fs.writeFileSync(path.join(root, 'cdk.tf.json'), JSON.stringify({ resource: {}, terraform: {} }));
    fs.writeFileSync(path.join(root, 'notes.json'), 'not json at all');
    const result = await runCli(['stacks', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'irsa-review: skipped stacks/cdk.tf.json: JSON but not a Terraform plan\n' +
        'irsa-review: skipped stacks/notes.json: not JSON\n',
    );
    const report = JSON.parse(result.stdout) as { sources: string[]; findings: { address: string }[] };
    expect(report.sources).toEqual([
      'stacks/B.JSON',
      'stacks/a/plan.json',
      'stacks/c-link.json',
      'stacks/d-dir/linked.json',
    ]);
    expect(report.findings.map((f) => f.address)).toEqual(
      expect.arrayContaining(['aws_iam_role.open', 'aws_iam_role.upper', 'aws_iam_role.linked']),
    );
  });

  test('no plan found at all is exit 2, after the skip lines', async () => {
    const root = path.join(dir, 'only-cdk');
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'cdk.tf.json'), JSON.stringify({ resource: {} }));
    const result = await runCli(['only-cdk'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'irsa-review: skipped only-cdk/cdk.tf.json: JSON but not a Terraform plan\n' +
        'irsa-review: only-cdk: directory holds no plan JSON files (terraform show -json output)\n',
    );
  });
});

describe('encodings and formats', () => {
  const text = JSON.stringify(plan([roleChange('open', openTrust)]));
  test.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 LE without BOM', Buffer.from(text, 'utf16le')],
  ])('%s', async (name, bytes) => {
    const file = `${name.replace(/\W+/g, '-')}.json`;
    fs.writeFileSync(path.join(dir, file), bytes);
    const result = await runCli([file, '--format', 'text'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('IRSA001 aws_iam_role.open');
  });

  test("Terraform 1.0's plan format_version 0.2 is read", async () => {
    const old = { ...plan([roleChange('open', openTrust)]), format_version: '0.2' };
    const report = await reviewPlans([{ source: 'old.json', plan: old as RawPlan }]);
    expect(report.findings.map((f) => f.ruleId)).toContain('IRSA001');
  });
});

describe('policies the review cannot read', () => {
  test('are listed as "not analysed, because ..." in every format', async () => {
    const sensitive = roleChange('secret', goodTrust, {
      after_sensitive: { assume_role_policy: true },
    });
    const unknown = roleChange('later', null);
    const policy: RawResourceChange = {
      address: 'aws_iam_role_policy.hidden',
      mode: 'managed',
      type: 'aws_iam_role_policy',
      name: 'hidden',
      change: {
        actions: ['create'],
        before: null,
        after: { name: 'hidden', role: 'secret', policy: null },
        after_unknown: { policy: true, id: true },
        before_sensitive: false,
        after_sensitive: {},
      },
    };
    const report = await reviewPlans([{ source: 'p.json', plan: plan([sensitive, unknown, policy]) }]);
    expect(report.notAnalysed.map((n) => `${n.address}: ${n.policy}: ${n.reason}`)).toEqual([
      'aws_iam_role.later: trust policy: it is known only after apply',
      'aws_iam_role.secret: permission policy aws_iam_role_policy.hidden: it is known only after apply',
      'aws_iam_role.secret: trust policy: it is a sensitive value',
    ]);
    const line = 'trust policy of aws_iam_role.secret not analysed, because it is a sensitive value';
    expect(writeReport(report, 'text')).toContain(line);
    expect(writeReport(report, 'markdown')).toContain(line.replace(/_/g, '\\_'));
    expect(writeReport(report, 'json')).toContain('"reason": "it is a sensitive value"');
    expect(writeReport(report, 'sarif')).toContain(
      'aws_iam_role.secret: trust policy not analysed, because it is a sensitive value',
    );
  });
});

describe('deep and huge inputs', () => {
  test('configuration expressions nested 5,000 deep and deeply nested policy values', async () => {
    let expr: unknown = { references: ['aws_iam_role.r.arn', 'aws_iam_role.r'] };
    for (let i = 0; i < 5000; i++) expr = i % 2 ? [expr] : { nested: expr };
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = [deep];
    const p = plan([roleChange('r', goodTrust), roleChange('deep', null)]);
    const deepRole = p.resource_changes?.[1];
    if (deepRole) {
      deepRole.change.after = { name: 'deep', assume_role_policy: deep };
      deepRole.change.after_unknown = {};
    }
    p.configuration = {
      root_module: {
        resources: [
          {
            address: 'kubernetes_service_account_v1.sa',
            mode: 'managed',
            type: 'kubernetes_service_account_v1',
            name: 'sa',
            expressions: { metadata: [{ annotations: expr }] },
          },
        ],
      },
    };
    // The same as JSON text, as the CLI reads it (built by hand: JSON.stringify itself recurses).
    const role = (name: string, policy: string) =>
      `{"address":"aws_iam_role.${name}","mode":"managed","type":"aws_iam_role","name":"${name}","change":{"actions":["create"],"before":null,"after":{"name":"${name}","assume_role_policy":${policy}},"after_unknown":{}}}`;
    const nestedExpr = `${'{"nested":['.repeat(2500)}{"references":["aws_iam_role.r"]}${']}'.repeat(2500)}`;
    const text =
      `{"format_version":"1.2","resource_changes":[${role('r', JSON.stringify(goodTrust))},${role('deep', `${'['.repeat(5000)}"x"${']'.repeat(5000)}`)},` +
      `{"address":"kubernetes_service_account_v1.sa","mode":"managed","type":"kubernetes_service_account_v1","name":"sa","change":{"actions":["create"],"before":null,"after":{"metadata":[{"name":"sa","namespace":"a","annotations":null}]},"after_unknown":{"metadata":[{"annotations":true}]}}}],` +
      `"configuration":{"root_module":{"resources":[{"address":"kubernetes_service_account_v1.sa","type":"kubernetes_service_account_v1","name":"sa","expressions":{"metadata":[{"annotations":${nestedExpr}}]}}]}}}`;
    fs.writeFileSync(path.join(dir, 'deep.json'), text);
    for (const format of ['json', 'markdown', 'text', 'sarif']) {
      const result = await runCli(['deep.json', '--format', format], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    const fromText = await runCli(['deep.json', '--format', 'json'], { cwd: dir });
    // The deeply nested expression still links the service account to aws_iam_role.r.
    expect(
      (JSON.parse(fromText.stdout) as { roles: { address: string; usedBy: string[] }[] }).roles.find(
        (r) => r.address === 'aws_iam_role.r',
      )?.usedBy,
    ).toEqual(['a:sa (kubernetes_service_account_v1.sa)']);
    const report = await reviewPlans([{ source: 'p.json', plan: p }]);
    expect(report.notAnalysed.map((n) => n.address)).toContain('aws_iam_role.deep');
  });

  test('4,000-character patterns compare quickly; over-long values make the policy invalid', async () => {
    const a = `${'a*'.repeat(2000)}`;
    const b = `${'*a'.repeat(2000)}`;
    expect(patternsOverlap(a, b)).toBe(true);
    expect(patternContains('*', a)).toBe(true);
    expect(patternContains(a, b)).toBe(false);
    const huge = `system:serviceaccount:${'*x'.repeat(20000)}`;
    const report = await reviewPlans([
      {
        source: 'p.json',
        plan: plan([roleChange('huge', trustJson({ StringLike: { [`${ISSUER}:sub`]: huge } }))]),
      },
    ]);
    expect(report.notAnalysed.map((n) => n.reason)).toEqual([
      'it is not a valid policy (a value is 40022 characters long, more than any IAM policy can hold (10240))',
    ]);
  });

  test('--max-chars holds with 20,000 high findings: counts kept, the rest pointed to', async () => {
    const changes = Array.from({ length: 20000 }, (_, i) => roleChange(`open_${i}`, openTrust));
    const report = await reviewPlans([{ source: 'big.json', plan: plan(changes) }]);
    expect(report.counts.high).toBe(20000);
    const out = writeMarkdown(report, { maxChars: 65000 });
    expect(out.length).toBeLessThanOrEqual(65000);
    expect(out).toContain('**20000 high, ');
    expect(out).toMatch(
      /\*\*\d+ more high findings\*\* are not shown here \(all 20000 by rule: IRSA001: 20000\)/,
    );
    expect(out).toContain('`--format json`');
  });
});

describe('text from the plan is sanitized', () => {
  test('a lone CR cannot start a Markdown line; escape sequences never reach a terminal', async () => {
    const evil = 'system:serviceaccount:a:b\r## fake heading @org/team\u001b[31mred\u001b[0m';
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: { [`${ISSUER}:sub`]: [evil, 'system:serviceaccount:*'] } },
        },
      ],
    });
    const report = await reviewPlans([{ source: 'p.json', plan: plan([roleChange('evil', trust)]) }]);
    for (const format of ['markdown', 'text'] as const) {
      const out = writeReport(report, format);
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\r\u001b]/);
      expect(out).not.toMatch(/^## fake heading/m);
      expect(out).toContain('x1b');
    }
  });

  test('Markdown cannot mention people or teams, or link issues, with text from the plan', async () => {
    const subject = 'system:serviceaccount:team:@octocat-and-@org/team-#123';
    const trust = trustJson({ StringEquals: { [`${ISSUER}:sub`]: subject } });
    const report = await reviewPlans([{ source: 'p.json', plan: plan([roleChange('r', trust)]) }]);
    const out = writeReport(report, 'markdown');
    // The subject reaches the access preview (outside code spans) with a word joiner after @ and #.
    expect(out).toContain('team:@\u2060octocat-and-@\u2060org/team-#\u2060123');
    let fenced = false;
    for (const line of out.split('\n')) {
      if (line.startsWith('```')) fenced = !fenced;
      if (fenced || line.startsWith('```')) continue;
      // Outside code, no `@name` or `#123` is left for GitHub to read as a mention or reference.
      const outsideCode = line.replace(/`[^`]*`/g, '');
      expect(outsideCode).not.toMatch(/@[\p{L}\p{N}_-]/u);
      expect(outsideCode).not.toMatch(/#[\p{L}\p{N}]/u);
    }
  });
});
