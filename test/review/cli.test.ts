/**
 * The command line in-process: flags, exit codes, one exact line per bad input, the Markdown cut,
 * sensitive/unknown/import handling on hand-built plans, and one run as a real child process.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { assertAsyncProperty, assertProperty } from '../support/property';
import { reviewPlans, RULES, writeMarkdown, writeReport } from '../../src/review';
import { manyRoles, plan, roleChange, trustJson, ISSUER, PROVIDER_ARN } from './support/synthetic';
import { serviceAccountChange } from './support/kubernetes';
import { runCli } from './support/run';

import { transpilePackage } from './support/action-run';
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-review-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string): string => {
  fs.writeFileSync(path.join(dir, name), content);
  return name;
};
const goodTrust = trustJson({
  StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:a:b', [`${ISSUER}:aud`]: 'sts.amazonaws.com' },
});

describe('bad input: one line, exit 2', () => {
  const cases: [string, () => string[], string][] = [
    [
      'empty file',
      () => [write('empty.json', '  \n')],
      'empty.json: is empty (expected the output of terraform show -json)',
    ],
    ['not JSON', () => [write('text.json', 'hello')], 'text.json: is not valid JSON'],
    [
      'JSON syntax error with a position',
      () => [write('comma.json', '{"a":1,}')],
      'comma.json: is not valid JSON (line 1, column 8)',
    ],
    [
      'truncated JSON',
      () => [write('cut.json', '{"format_version":"1.2","resource_changes":[{"address":"a"')],
      'cut.json: is truncated JSON (the document ends early)',
    ],
    [
      'JSON that is not a plan',
      () => [write('other.json', '{"hello":"world"}')],
      'other.json: is JSON but not a Terraform plan (no format_version; use terraform show -json <planfile>)',
    ],
    [
      'a JSON array',
      () => [write('array.json', '[1,2]')],
      'array.json: is JSON but not a Terraform plan (expected an object with format_version)',
    ],
    [
      'a state file',
      () => [write('state.json', '{"format_version":"1.0","terraform_version":"1.11.4","values":{}}')],
      'state.json: is not a Terraform plan (no resource_changes or planned_values; state files are not plans)',
    ],
    [
      'unsupported format_version major',
      () => [write('v2.json', '{"format_version":"2.0","planned_values":{}}')],
      'v2.json: plan format_version 2.0 is not supported (this tool reads 0.x and 1.x)',
    ],
    ['missing file', () => ['nope.json'], 'nope.json: no such file or directory'],
    ['unknown flag', () => ['--bogus', 'x.json'], 'unknown option --bogus (see --help)'],
    [
      'bad --format',
      () => ['--format', 'html', 'x.json'],
      '--format must be one of markdown, json, sarif, text (got "html")',
    ],
    [
      'bad --fail-on',
      () => ['--fail-on=critical', 'x.json'],
      '--fail-on must be one of none, low, medium, high (got "critical")',
    ],
    [
      'bad --max-chars',
      () => ['--max-chars', '-5', 'x.json'],
      '--max-chars must be a positive integer (got "-5")',
    ],
    ['flag without value', () => ['x.json', '--output'], '--output needs a value'],
    ['no input', () => [], 'missing input: give a plan JSON file, a directory, or - for stdin (see --help)'],
    ['two inputs', () => ['a.json', 'b.json'], 'expected one input, got 2: a.json b.json'],
    [
      'empty directory',
      () => (fs.mkdirSync(path.join(dir, 'stacks'), { recursive: true }), ['stacks']),
      'stacks: directory holds no plan JSON files (terraform show -json output)',
    ],
  ];
  test.each(cases)('%s', async (_name, args, line) => {
    const result = await runCli(args(), { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`irsa-review: ${line}\n`);
  });

  test('empty stdin', async () => {
    const result = await runCli(['-'], { cwd: dir, stdin: '' });
    expect([result.code, result.stderr]).toEqual([
      2,
      'irsa-review: stdin: is empty (expected the output of terraform show -json)\n',
    ]);
  });
});

describe('flags and exit codes', () => {
  test('--help prints usage and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: irsa-review');
    for (const flag of ['--format', '--output', '--fail-on', '--max-chars'])
      expect(result.stdout).toContain(flag);
  });

  test('--fail-on thresholds', async () => {
    const input = JSON.stringify(plan([roleChange('open', trustJson())])); // IRSA001 high + IRSA002 medium
    for (const [failOn, code] of [
      ['none', 0],
      ['low', 1],
      ['medium', 1],
      ['high', 1],
    ] as const) {
      expect((await runCli(['-', '--fail-on', failOn], { stdin: input })).code).toBe(code);
    }
    const clean = JSON.stringify(plan([roleChange('ok', goodTrust)]));
    expect((await runCli(['-', '--fail-on', 'low'], { stdin: clean })).code).toBe(0);
  });

  test('--output writes the report instead of printing it', async () => {
    const input = JSON.stringify(plan([roleChange('ok', goodTrust)]));
    const result = await runCli(['-', '--format=json', '--output', 'out/report.json'], {
      cwd: dir,
      stdin: input,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const written = result.files.get(path.join(dir, 'out/report.json'));
    expect(JSON.parse(written ?? '{}')).toMatchObject({
      sources: ['stdin'],
      counts: { high: 0, medium: 0, low: 0 },
    });
  });
});

describe('hand-built edge cases', () => {
  test('import, move, unknown trust and sensitive values', async () => {
    const secret = 'arn:aws:iam::111122223333:policy/SECRET-BOUNDARY';
    const changes = [
      roleChange('imported', goodTrust, { actions: ['no-op'], importing: { id: 'imported' } }),
      roleChange('later', null),
      {
        ...roleChange('hidden', goodTrust, {
          actions: ['update'],
          before: {
            name: 'hidden',
            assume_role_policy: goodTrust,
            permissions_boundary: secret,
            arn: 'arn:aws:iam::1:role/hidden',
          },
          before_sensitive: { permissions_boundary: true },
          after_sensitive: { permissions_boundary: true },
        }),
      },
      { ...roleChange('renamed', goodTrust, { actions: ['no-op'] }), previous_address: 'aws_iam_role.old' },
    ];
    const report = await reviewPlans([{ source: 'p.json', plan: plan(changes) }]);
    expect(report.summary).toEqual([
      { type: 'aws_iam_role', counts: { create: 1, update: 1, replace: 0, delete: 0, import: 1, move: 1 } },
    ]);
    const later = report.roles.find((r) => r.address === 'aws_iam_role.later');
    expect(later?.trustAfter).toBe('(known after apply)');
    for (const format of ['markdown', 'json', 'sarif', 'text']) {
      const result = await runCli(['-', '--format', format], { stdin: JSON.stringify(plan(changes)) });
      expect(result.stdout).not.toContain('SECRET-BOUNDARY');
    }
    const text = (await runCli(['-', '--format', 'text'], { stdin: JSON.stringify(plan(changes)) })).stdout;
    expect(text).toContain('(known after apply)');
    expect(text).toContain('Role aws_iam_role.imported (no-op, import)');
    expect(text).toContain('moved from aws_iam_role.old');
  });
});

describe('trust rules on hand-built policies', () => {
  const sub = `${ISSUER}:sub`;
  const aud = { [`${ISSUER}:aud`]: 'sts.amazonaws.com' };
  const findingsFor = async (trust: string) =>
    (await reviewPlans([{ source: 'p.json', plan: plan([roleChange('r', trust)]) }])).findings.map(
      (f) => `${f.ruleId} ${f.severity}`,
    );

  test('exclusions alone still admit any service account (IRSA001)', async () => {
    expect(
      await findingsFor(
        trustJson({ StringEquals: aud, StringNotEquals: { [sub]: 'system:serviceaccount:a:b' } }),
      ),
    ).toEqual(['IRSA001 high']);
  });

  test('IRSA003 severity follows the pattern scope; IfExists and ForAnyValue forms count', async () => {
    const like = (value: string, op = 'StringLike') =>
      trustJson({ StringEquals: aud, [op]: { [sub]: value } });
    expect(await findingsFor(like('system:serviceaccount:*'))).toEqual(['IRSA003 high']);
    expect(await findingsFor(like('system:serviceaccount:*:app'))).toEqual(['IRSA003 high']);
    expect(await findingsFor(like('*'))).toEqual(['IRSA003 high']);
    expect(await findingsFor(like('system:serviceaccount:shop:app-*', 'StringLikeIfExists'))).toEqual([
      'IRSA003 medium',
    ]);
    expect(await findingsFor(like('system:serviceaccount:shop:*', 'ForAnyValue:StringLike'))).toEqual([
      'IRSA003 high',
    ]);
    expect(await findingsFor(like('system:serviceaccount:shop:app'))).toEqual([]);
  });

  test('NotPrincipal with Allow is IRSA005', async () => {
    const trust = JSON.stringify({
      Statement: [
        { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: 'sts:AssumeRole' },
      ],
    });
    expect(await findingsFor(trust)).toEqual(['IRSA005 high']);
  });

  test('an invalid trust policy is reported as such, not crashed on', async () => {
    const report = await reviewPlans([{ source: 'p.json', plan: plan([roleChange('r', '{not json')]) }]);
    expect(report.findings).toEqual([]);
    expect(report.roles[0].trustAfter).toBe('invalid');
  });
});

describe('unchanged roles', () => {
  test('are not listed, but still count as trusting a replaced OIDC provider (IRSA013)', async () => {
    const provider = {
      address: 'aws_iam_openid_connect_provider.cluster',
      mode: 'managed',
      type: 'aws_iam_openid_connect_provider',
      name: 'cluster',
      action_reason: 'replace_because_cannot_update',
      change: {
        actions: ['delete', 'create'],
        before: { arn: PROVIDER_ARN, url: `https://${ISSUER}` },
        after: { url: `https://${ISSUER}-v2` },
        after_unknown: { arn: true },
        replace_paths: [['url']],
      },
    };
    const unchanged = roleChange('steady', goodTrust, {
      actions: ['no-op'],
      before: { name: 'steady', assume_role_policy: goodTrust, inline_policy: [], managed_policy_arns: [] },
    });
    const report = await reviewPlans([{ source: 'p.json', plan: plan([provider, unchanged]) }]);
    expect(report.roles).toEqual([]);
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([
      'IRSA013 aws_iam_openid_connect_provider.cluster: OIDC provider is replaced while aws_iam_role.steady trusts it: web-identity sign-in fails until it exists again',
    ]);
  });
});

describe('service accounts whose namespace is known only after apply', () => {
  test('are linked but not checked against the trust (no false IRSA007)', async () => {
    const sa = serviceAccountChange({
      name: 'app',
      namespace: 'ignored',
      roleArn: 'arn:aws:iam::111122223333:role/r',
    });
    sa.change.after = {
      metadata: [
        { name: 'app', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/r' } },
      ],
    };
    sa.change.after_unknown = { metadata: [{ namespace: true, uid: true }] };
    const report = await reviewPlans([{ source: 'p.json', plan: plan([roleChange('r', goodTrust), sa]) }]);
    expect(report.findings).toEqual([]);
    expect(report.roles[0].usedBy).toEqual(['(known after apply):app (kubernetes_service_account_v1.app)']);
  });
});

describe('policies and attachments on roles outside the plan', () => {
  test('permission rules still check them', async () => {
    const rolePolicy = {
      address: 'aws_iam_role_policy.extra',
      mode: 'managed',
      type: 'aws_iam_role_policy',
      name: 'extra',
      change: {
        actions: ['create'],
        before: null,
        after: {
          role: 'managed-elsewhere',
          name: 'extra',
          policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }),
        },
        after_unknown: { id: true },
      },
    };
    const attachment = {
      address: 'aws_iam_role_policy_attachment.admin',
      mode: 'managed',
      type: 'aws_iam_role_policy_attachment',
      name: 'admin',
      change: {
        actions: ['create'],
        before: null,
        after: { role: 'managed-elsewhere', policy_arn: 'arn:aws:iam::aws:policy/IAMFullAccess' },
        after_unknown: { id: true },
      },
    };
    const unknownPolicy = {
      ...roleChange('pending', goodTrust),
      address: 'aws_iam_role_policy.pending',
      type: 'aws_iam_role_policy',
      name: 'pending',
    };
    unknownPolicy.change = {
      actions: ['create'],
      before: null,
      after: { role: 'pending', name: 'pending' },
      after_unknown: { policy: true, id: true },
    };
    const report = await reviewPlans([
      {
        source: 'p.json',
        plan: plan([rolePolicy, attachment, roleChange('pending', goodTrust), unknownPolicy]),
      },
    ]);
    expect(report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.address}`)).toEqual([
      // iam:* with iam:PassRole on every role: one IRSA009 finding, high (not IRSA010 as well).
      'IRSA009 high aws_iam_role_policy.extra',
      'IRSA009 high aws_iam_role_policy_attachment.admin',
    ]);
    const text = (
      await runCli(['-', '--format', 'text'], {
        stdin: JSON.stringify(plan([roleChange('pending', goodTrust), unknownPolicy])),
      })
    ).stdout;
    expect(text).toContain('policy: none -> (known after apply)');
  });
});

describe('malformed but parseable plans', () => {
  test('never crash the review (fuzzed resource changes)', async () => {
    const type = fc.constantFrom(
      'aws_iam_role',
      'aws_iam_role_policy',
      'aws_iam_policy',
      'aws_iam_role_policy_attachment',
      'aws_iam_openid_connect_provider',
      'kubernetes_service_account_v1',
      'kubernetes_annotations',
      'aws_s3_bucket',
    );
    const value = fc.oneof(fc.anything(), fc.constant(goodTrust), fc.constant('{"Statement":{}}'));
    const change = fc.record({
      address: fc.string(),
      type,
      name: fc.string(),
      change: fc.record({
        actions: fc.oneof(fc.constant(['create']), fc.constant(['delete', 'create']), fc.anything()),
        before: fc.oneof(fc.constant(null), fc.dictionary(fc.string(), value)),
        after: fc.oneof(
          fc.constant(null),
          fc.record({
            assume_role_policy: value,
            policy: value,
            role: value,
            metadata: fc.anything(),
            name: value,
          }),
        ),
        after_unknown: fc.anything(),
        after_sensitive: fc.anything(),
      }),
    });
    await assertAsyncProperty(
      fc.asyncProperty(fc.array(change, { maxLength: 6 }), async (changes) => {
        const p = plan(changes as never);
        const report = await reviewPlans([{ source: 'fuzz.json', plan: p }], {
          checkActions: async (actions) => new Map(actions.map((a) => [a, 'known' as const])),
        });
        for (const format of ['markdown', 'json', 'sarif', 'text'] as const) writeReport(report, format);
      }),
      300,
    );
  });
});

describe('Markdown cut to --max-chars', () => {
  test('a large report is cut deterministically, keeping the summary and every high finding', async () => {
    const report = await reviewPlans([{ source: 'big.json', plan: manyRoles(300) }]);
    const highs = report.findings.filter((f) => f.severity === 'high');
    expect(highs.length).toBe(30);
    const full = writeMarkdown(report, { maxChars: 10_000_000 });
    let cutRuns = 0;
    let withinLimit = 0;
    assertProperty(
      fc.property(fc.integer({ min: 200, max: 120000 }), (maxChars) => {
        const out = writeMarkdown(report, { maxChars });
        expect(writeMarkdown(report, { maxChars })).toBe(out);
        expect(out).toContain('### Changes');
        // Every high finding is shown, or counted in the note that says where the rest is.
        const shown = highs.filter((f) => out.includes(`\`${f.address}\``)).length;
        if (shown < highs.length) expect(out).toContain(`**${highs.length - shown} more high findings**`);
        if (maxChars >= 12000) expect(shown).toBe(highs.length);
        // Cut exactly when the full report does not fit, and then it says so.
        expect(out !== full).toBe(full.length > maxChars);
        if (out !== full) {
          expect(out).toMatch(/\*\*Cut to fit|more high findings/);
          cutRuns++;
        }
        if (maxChars >= 3000) {
          expect(out.length).toBeLessThanOrEqual(maxChars);
          withinLimit++;
        }
      }),
      60,
    );
    // Both the cut and the within-limit branches were checked in a good share of the runs.
    expect(cutRuns).toBeGreaterThanOrEqual(10);
    expect(withinLimit).toBeGreaterThanOrEqual(10);
    const cut = writeMarkdown(report, { maxChars: 8000 });
    expect(cut).toMatch(
      /omitted \d+ medium findings?, 1 access graph, \d+ access previews?, 300 role details/,
    );
  });
});

describe('as a child process', () => {
  test('exit codes and output of the transpiled CLI', () => {
    // The review's sources transpiled in a package layout, so the test does not depend on a build.
    const out = transpilePackage();
    try {
      const root = path.join(__dirname, '..', '..');
      const cli = path.join(out, 'dist/src/review/cli.js');
      const env = { ...process.env, NODE_PATH: path.join(root, 'node_modules') };
      const run = (args: string[], input?: string) =>
        spawnSync(process.execPath, [cli, ...args], { cwd: dir, env, input, encoding: 'utf8' });
      const risky = JSON.stringify(plan([roleChange('open', trustJson())]));
      const ok = run(['-', '--format', 'text'], risky);
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain('IRSA001');
      expect(run(['-', '--fail-on', 'high'], risky).status).toBe(1);
      const bad = run(['missing.json']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toBe('irsa-review: missing.json: no such file or directory\n');
      // The CLI starts lean: no CDKTF runtime is loaded.
      const loaded = spawnSync(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(cli)}); console.log(Object.keys(require.cache).filter((k) => /node_modules\\/(cdktf|constructs|@cdktf)\\//.test(k)).length)`,
        ],
        { cwd: dir, env, encoding: 'utf8' },
      );
      expect(loaded.stdout.trim()).toBe('0');
      const truncated = run(['-'], risky.slice(0, 40));
      expect(truncated.status).toBe(2);
      expect(truncated.stderr.split('\n').length).toBe(2); // one line, no stack trace
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('documentation', () => {
  const root = path.join(__dirname, '..', '..');
  test('every rule has a docs page and a row in docs/review.md', () => {
    const review = fs.readFileSync(path.join(root, 'docs/review.md'), 'utf8');
    for (const rule of RULES) {
      const page = fs.readFileSync(path.join(root, `docs/rules/${rule.id}.md`), 'utf8');
      expect(page.startsWith(`# ${rule.id}: `)).toBe(true);
      for (const section of ['## What it means', '## Why it matters', '## Example', '## How to fix']) {
        expect(page).toContain(section);
      }
      expect(review).toContain(`| [${rule.id}](rules/${rule.id}.md) |`);
    }
  });

  test('the example comment in docs/review.md is the tool output for the update fixture', () => {
    const review = fs.readFileSync(path.join(root, 'docs/review.md'), 'utf8');
    const example = review.slice(
      review.indexOf('<!-- example:start -->\n') + '<!-- example:start -->\n'.length,
      review.indexOf('<!-- example:end -->'),
    );
    const golden = fs.readFileSync(path.join(__dirname, 'golden', 'update.md.golden'), 'utf8');
    expect(example).toBe(golden.split('](docs/rules/').join('](rules/'));
  });
});
