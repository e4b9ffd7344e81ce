/**
 * The GitHub Action (action.yml): its script end to end against a fake GitHub REST API on 127.0.0.1
 * (the exact calls that create, then update, the one sticky comment; outputs; exit status; API errors),
 * with every other connection refused; its inputs' error messages; the structure of action.yml; its
 * install step; and the docs and snippets that name it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import { reviewPlans, writeMarkdown, writeReport } from '../../src/review';
import { EXIT, OUTPUT_NAMES } from '../../src/review/action/main';
import { expandPlanPaths, segmentRegExp } from '../../src/review/action/glob';
import { nextLink } from '../../src/review/action/github';
import { INPUT_DEFAULTS, INPUT_ENV, readInputs } from '../../src/review/action/inputs';
import type { RawPlan } from '../../src/review/plan/types';
import { runScript, transpilePackage, type ScriptRun } from './support/action-run';
import { BOT, FakeGitHub, TOKEN } from './support/fake-github';
import { plan, roleChange, trustJson, ISSUER } from './support/synthetic';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
  dependencies: Record<string, string>;
};
const actionText = fs.readFileSync(path.join(root, 'action.yml'), 'utf8');
interface ActionStep {
  id?: string;
  name: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}
const action = YAML.parse(actionText) as ActionYml;
const step = (id: string): ActionStep => {
  const found = action.runs.steps.find((s) => s.id === id);
  if (!found) throw new Error(`action.yml has no step ${id}`);
  return found;
};
/** The script's path inside the package, as the install step names it. */
const SCRIPT_IN_PACKAGE = (/"\$ACTION_PATH\/(dist\/[^"]+)"/.exec(step('install').run ?? '') ?? [])[1];

const RULES_URL = `https://github.com/cdktf-irsa/cdktf-irsa/blob/v${pkg.version}/docs/rules/`;
const condition = (sub: string, aud = true) => ({
  StringEquals: {
    [`${ISSUER}:sub`]: sub,
    ...(aud ? { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } : {}),
  },
});
/** One high (IRSA001) and one medium (IRSA002) finding. */
const risky = plan([roleChange('open', trustJson())]);
/** The same, plus a second role: another report. */
const riskier = plan([
  roleChange('open', trustJson()),
  roleChange('wide', trustJson({ StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:*' } })),
]);
/** Only a medium finding (IRSA002: no audience condition). */
const mediumOnly = plan([roleChange('noaud', trustJson(condition('system:serviceaccount:a:b', false)))]);
const clean = plan([roleChange('app', trustJson(condition('system:serviceaccount:a:b')))]);

let pkgDir: string;
let script: string;
let workspace: string;
let fake: FakeGitHub;

beforeAll(() => {
  pkgDir = transpilePackage();
  script = path.join(pkgDir, SCRIPT_IN_PACKAGE);
});
afterAll(() => fs.rmSync(pkgDir, { recursive: true, force: true }));
beforeEach(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-action-ws-'));
  fs.mkdirSync(path.join(workspace, 'plans'));
  fs.writeFileSync(path.join(workspace, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
  fake = new FakeGitHub();
  await fake.start();
});
afterEach(async () => {
  await fake.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

const writePlan = (name: string, p: RawPlan): void =>
  fs.writeFileSync(path.join(workspace, 'plans', name), JSON.stringify(p));

async function run(
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ScriptRun> {
  const vars: Record<string, string> = {
    INPUT_PLANS: 'plans/app.json',
    INPUT_GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: fake.url,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path.join(workspace, 'event.json'),
    ...env,
  };
  for (const [name, value] of Object.entries(inputs)) vars[INPUT_ENV[name as keyof typeof INPUT_ENV]] = value;
  const result = await runScript({ script, workspace, env: vars, allowedPorts: [fake.port] });
  expect(result.blocked).toBe('');
  return result;
}

async function expectedMarkdown(p: RawPlan, source = 'plans/app.json'): Promise<string> {
  return writeMarkdown(await reviewPlans([{ source, plan: p }]), { rulesUrl: RULES_URL });
}

const temp = (...parts: string[]): string => path.join(workspace, 'runner-temp', ...parts);
const commentUrl = (id: number): string => `${fake.url}/octo/app/pull/7#issuecomment-${id}`;
const listPath = '/repos/octo/app/issues/7/comments?per_page=100';

describe('the script against a fake GitHub API', () => {
  test('run 1 creates the comment; run 2 with a changed plan edits it; run 3 leaves it alone', async () => {
    writePlan('app.json', risky);
    const first = await run();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(EXIT.findings); // fail-on defaults to high
    const body1 = await expectedMarkdown(risky);
    expect(body1.startsWith('<!-- irsa-review -->\n## IRSA review\n')).toBe(true);
    expect(body1).toContain(`[IRSA001](${RULES_URL}IRSA001.md)`);
    expect(fake.calls).toEqual([
      {
        method: 'GET',
        path: listPath,
        authorization: `Bearer ${TOKEN}`,
        accept: 'application/vnd.github+json',
        apiVersion: '2022-11-28',
      },
      {
        method: 'POST',
        path: '/repos/octo/app/issues/7/comments',
        authorization: `Bearer ${TOKEN}`,
        accept: 'application/vnd.github+json',
        apiVersion: '2022-11-28',
        body: { body: body1 },
      },
    ]);
    expect(first.outputs).toBe(
      [
        'findings=2',
        'highest-severity=high',
        'high=1',
        'medium=1',
        'low=0',
        `report-file=${temp('irsa-review', 'report.md')}`,
        `sarif-file=${temp('irsa-review', 'irsa-review.sarif')}`,
        `comment-url=${commentUrl(1)}`,
        '',
      ].join('\n'),
    );
    expect(first.stdout).toContain(`irsa-review: created the comment on pull request #7: ${commentUrl(1)}\n`);
    expect(first.stdout).toContain(
      '::error title=irsa-review::2 findings (1 high, 1 medium, 0 low) in 1 plan; fail-on is high\n',
    );

    fake.reset();
    writePlan('app.json', riskier);
    const second = await run();
    expect(second.code).toBe(EXIT.findings);
    const body2 = await expectedMarkdown(riskier);
    expect(body2).not.toBe(body1);
    expect(fake.calls.map((c) => [c.method, c.path, c.authorization, c.body])).toEqual([
      ['GET', listPath, `Bearer ${TOKEN}`, undefined],
      ['PATCH', '/repos/octo/app/issues/comments/1', `Bearer ${TOKEN}`, { body: body2 }],
    ]);
    expect(fake.comments).toEqual([{ id: 1, issue: 7, login: BOT, body: body2 }]);
    expect(second.stdout).toContain(
      `irsa-review: updated the comment on pull request #7: ${commentUrl(1)}\n`,
    );

    fake.reset();
    const third = await run();
    expect(fake.calls.map((c) => c.method)).toEqual(['GET']);
    expect(third.stdout).toContain(
      `irsa-review: unchanged the comment on pull request #7: ${commentUrl(1)}\n`,
    );
    expect(third.outputs).toContain(`comment-url=${commentUrl(1)}\n`);
  });

  test('the report, SARIF and job summary files', async () => {
    writePlan('app.json', risky);
    const result = await run({ format: 'json', 'fail-on': 'none' });
    expect(result.code).toBe(EXIT.ok);
    const report = await reviewPlans([{ source: 'plans/app.json', plan: risky }]);
    const jsonFile = temp('irsa-review', 'report.json');
    expect(result.outputs).toContain(`report-file=${jsonFile}\n`);
    expect(fs.readFileSync(jsonFile, 'utf8')).toBe(writeReport(report, 'json', { rulesUrl: RULES_URL }));
    const sarif = JSON.parse(fs.readFileSync(temp('irsa-review', 'irsa-review.sarif'), 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(2);
    expect(result.summary).toBe(await expectedMarkdown(risky));
    // The text report is in the log, with workflow commands off around it.
    expect(result.stdout).toMatch(/^::stop-commands::([0-9a-f-]{36})\n[^]*IRSA001[^]*\n::\1::\n/);
  });

  test('sarif-upload false and job-summary false write neither', async () => {
    writePlan('app.json', risky);
    const result = await run({ 'sarif-upload': 'false', 'job-summary': 'false', comment: 'off' });
    expect(result.outputs).toContain('\nsarif-file=\n');
    expect(fs.existsSync(temp('irsa-review', 'irsa-review.sarif'))).toBe(false);
    expect(result.summary).toBe('');
    expect(fake.calls).toEqual([]);
  });

  test('a plan with no findings: exit 0, highest-severity none, the comment says so', async () => {
    writePlan('app.json', clean);
    const result = await run();
    expect(result.code).toBe(EXIT.ok);
    expect(result.outputs.split('\n').slice(0, 5)).toEqual([
      'findings=0',
      'highest-severity=none',
      'high=0',
      'medium=0',
      'low=0',
    ]);
    const body = (fake.calls[1].body as { body: string }).body;
    expect(body).toBe(await expectedMarkdown(clean));
    expect(body).toContain('**0 high, 0 medium, 0 low** findings');
    expect(result.stdout).not.toContain('::error');
  });

  test.each([
    ['none', risky, EXIT.ok],
    ['high', risky, EXIT.findings],
    ['high', mediumOnly, EXIT.ok],
    ['medium', mediumOnly, EXIT.findings],
    ['low', mediumOnly, EXIT.findings],
    ['low', clean, EXIT.ok],
  ])('fail-on %s: exit status', async (failOn, p, code) => {
    writePlan('app.json', p);
    const result = await run({ 'fail-on': failOn, comment: 'off' });
    expect(result.code).toBe(code);
  });

  test('an API error: one clear line, exit 4, the outputs already written', async () => {
    writePlan('app.json', risky);
    fake.failures.set('POST /repos/octo/app/issues/7/comments', {
      status: 403,
      body: JSON.stringify({ message: 'Resource not accessible by integration' }),
    });
    const result = await run();
    expect(result.code).toBe(EXIT.github);
    const message =
      'GitHub API POST /repos/octo/app/issues/7/comments failed: 403 Resource not accessible by integration ' +
      '(the token needs "pull-requests: write"; pull requests from forks get a read-only token)';
    expect(result.stderr).toBe(`irsa-review: ${message}\n`);
    expect(result.stdout).toContain(`::error title=irsa-review::${message}\n`);
    expect(result.outputs).toContain('findings=2\n');
    expect(result.outputs).not.toContain('comment-url=');
    expect(fake.comments).toEqual([]);
  });

  test('a bad token and a server error that is not JSON', async () => {
    writePlan('app.json', clean);
    const bad = await run({ 'github-token': 'wrong' });
    expect(bad.code).toBe(EXIT.github);
    expect(bad.stderr).toBe(
      `irsa-review: GitHub API GET /repos/octo/app/issues/7/comments failed: 401 Bad credentials (check the github-token input)\n`,
    );
    fake.failures.set('GET /repos/octo/app/issues/7/comments', { status: 502, body: '<html>bad gateway' });
    const down = await run();
    expect(down.stderr).toBe(
      'irsa-review: GitHub API GET /repos/octo/app/issues/7/comments failed: 502 Bad Gateway\n',
    );
  });

  test('only its own marked comment is edited: not another user, not another tag', async () => {
    writePlan('app.json', clean);
    fake.seed(7, 'mallory', '<!-- irsa-review -->\nlooks like a review');
    fake.seed(7, BOT, '<!-- irsa-review tag=prod -->\nthe prod review');
    fake.seed(7, BOT, 'an unrelated bot comment <!-- irsa-review -->');
    const result = await run();
    expect(result.code).toBe(EXIT.ok);
    expect(fake.calls.map((c) => c.method)).toEqual(['GET', 'POST']);
    expect(fake.comments.map((c) => c.body.split('\n')[0])).toEqual([
      '<!-- irsa-review -->',
      '<!-- irsa-review tag=prod -->',
      'an unrelated bot comment <!-- irsa-review -->',
      '<!-- irsa-review -->',
    ]);
    expect(fake.comments[0].body).toBe('<!-- irsa-review -->\nlooks like a review');
  });

  test('comment-tag: edits the tagged comment, found on the second page of the list', async () => {
    writePlan('app.json', clean);
    fake.pageSize = 2;
    fake.seed(7, BOT, '<!-- irsa-review -->\nthe default review');
    fake.seed(7, 'someone', 'a human comment');
    const tagged = fake.seed(7, BOT, '<!-- irsa-review tag=prod -->\nold');
    const result = await run({ 'comment-tag': 'prod' });
    expect(result.code).toBe(EXIT.ok);
    const body = (await expectedMarkdown(clean)).replace(
      /^<!-- irsa-review -->/,
      '<!-- irsa-review tag=prod -->',
    );
    expect(fake.calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['GET', listPath, undefined],
      ['GET', '/repos/octo/app/issues/7/comments?per_page=100&page=2', undefined],
      ['PATCH', `/repos/octo/app/issues/comments/${tagged.id}`, { body }],
    ]);
    expect(result.outputs).toContain(`report-file=${temp('irsa-review-prod', 'report.md')}\n`);
  });

  test('comment-author: a personal token edits its own login’s comment', async () => {
    writePlan('app.json', clean);
    const mine = fake.seed(7, 'review-bot', '<!-- irsa-review -->\nold');
    await run({ 'comment-author': 'review-bot' });
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET ${listPath}`,
      `PATCH /repos/octo/app/issues/comments/${mine.id}`,
    ]);
  });

  test('comment create: a new comment every run', async () => {
    writePlan('app.json', clean);
    await run({ comment: 'create' });
    await run({ comment: 'create' });
    expect(fake.calls.map((c) => c.method)).toEqual(['POST', 'POST']);
    expect(fake.comments).toHaveLength(2);
  });

  test('no pull request (a push) or comment off: no call at all', async () => {
    writePlan('app.json', clean);
    fs.writeFileSync(path.join(workspace, 'push.json'), JSON.stringify({ ref: 'refs/heads/main' }));
    const push = await run(
      {},
      { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path.join(workspace, 'push.json') },
    );
    expect(push.code).toBe(EXIT.ok);
    expect(push.stdout).toContain(
      '::notice title=irsa-review::no pull request in this push event: no comment\n',
    );
    expect(push.outputs).toContain('\ncomment-url=\n');
    const off = await run({ comment: 'off' });
    expect(off.code).toBe(EXIT.ok);
    expect(fake.calls).toEqual([]);
  });

  test('an issue_comment event on a pull request comments there', async () => {
    writePlan('app.json', clean);
    const event = path.join(workspace, 'issue-comment.json');
    fs.writeFileSync(event, JSON.stringify({ issue: { number: 7, pull_request: { url: 'x' } } }));
    await run({}, { GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: event });
    expect(fake.calls.map((c) => c.method)).toEqual(['GET', 'POST']);
  });

  test('globs and several plans make one report', async () => {
    fs.mkdirSync(path.join(workspace, 'plans', 'a'));
    fs.mkdirSync(path.join(workspace, 'plans', 'b'));
    fs.writeFileSync(path.join(workspace, 'plans', 'a', 'plan.json'), JSON.stringify(risky));
    fs.writeFileSync(path.join(workspace, 'plans', 'b', 'plan.json'), JSON.stringify(clean));
    const result = await run({
      plans: 'plans/**/plan.json\nplans/a/plan.json',
      comment: 'off',
      'fail-on': 'none',
    });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('irsa-review: 2 findings (1 high, 1 medium, 0 low) in 2 plans;');
  });

  test('bad input: exit 2 and one line, before any call', async () => {
    const missing = await run({ plans: 'plans/none.json' });
    expect(missing.code).toBe(EXIT.badInput);
    expect(missing.stderr).toBe('irsa-review: plans/none.json: no such file or directory\n');
    const glob = await run({ plans: 'stacks/*/plan.json' });
    expect(glob.stderr).toBe('irsa-review: input plans: "stacks/*/plan.json" matches no file or directory\n');
    writePlan('app.json', clean);
    const format = await run({ format: 'html' });
    expect(format.code).toBe(EXIT.badInput);
    expect(format.stderr).toBe(
      'irsa-review: input format must be one of markdown, json, sarif, text (got "html")\n',
    );
    const token = await run({ 'github-token': '' });
    expect(token.code).toBe(EXIT.badInput);
    expect(token.stderr).toBe(
      'irsa-review: input github-token is empty: the comment needs a token with pull-requests: write (or set comment: off)\n',
    );
    const repository = await run({}, { GITHUB_REPOSITORY: 'octo' });
    expect(repository.stderr).toBe('irsa-review: GITHUB_REPOSITORY must be owner/name (got "octo")\n');
    const event = await run({}, { GITHUB_EVENT_PATH: path.join(workspace, 'none.json') });
    expect(event.code).toBe(EXIT.badInput);
    expect(event.stderr).toBe(
      `irsa-review: GITHUB_EVENT_PATH ${path.join(workspace, 'none.json')} cannot be read (ENOENT)\n`,
    );
    fs.writeFileSync(path.join(workspace, 'bad.json'), '{');
    const notJson = await run({}, { GITHUB_EVENT_PATH: path.join(workspace, 'bad.json') });
    expect(notJson.stderr).toBe(
      `irsa-review: GITHUB_EVENT_PATH ${path.join(workspace, 'bad.json')} cannot be read (not JSON)\n`,
    );
    expect(fake.calls).toEqual([]);
  });

  test('the token never leaves GITHUB_API_URL’s origin, even when a Link header says so', async () => {
    writePlan('app.json', clean);
    fake.pageSize = 1;
    fake.seed(7, 'someone', 'one');
    fake.seed(7, 'someone', 'two');
    fake.linkOrigin = 'http://127.0.0.2:1';
    const result = await run();
    expect(result.code).toBe(EXIT.github);
    expect(result.stderr).toBe(
      `irsa-review: refusing to send the token to http://127.0.0.2:1 (GITHUB_API_URL is ${fake.url})\n`,
    );
    expect(fake.calls).toHaveLength(1);
  });

  test('the loopback guard refuses any other address (so the runs above stayed on loopback)', async () => {
    writePlan('app.json', clean);
    const closed = new FakeGitHub();
    await closed.start();
    const port = closed.port;
    await closed.stop();
    const result = await runScript({
      script,
      workspace,
      env: {
        INPUT_PLANS: 'plans/app.json',
        INPUT_GITHUB_TOKEN: TOKEN,
        GITHUB_API_URL: `http://127.0.0.1:${port}`,
        GITHUB_REPOSITORY: 'octo/app',
        GITHUB_EVENT_PATH: path.join(workspace, 'event.json'),
      },
      allowedPorts: [fake.port],
    });
    expect(result.blocked).toBe(`127.0.0.1:${port}\n`);
    expect(result.code).toBe(EXIT.github);
    expect(result.stderr).toBe(
      `irsa-review: GitHub API GET /repos/octo/app/issues/7/comments failed: loopback-only: blocked a connection to 127.0.0.1:${port}\n`,
    );
  });
});

describe('inputs: one message per bad value', () => {
  const base = { INPUT_PLANS: 'plan.json' };
  test.each([
    [
      { INPUT_PLANS: '  \n ' },
      'input plans is empty: give one or more terraform show -json files, directories or globs',
    ],
    [{ INPUT_PLANS: 'a.json -' }, 'input plans cannot read stdin ("-"): give a file'],
    [
      { ...base, INPUT_FAIL_ON: 'critical' },
      'input fail-on must be one of none, low, medium, high (got "critical")',
    ],
    [{ ...base, INPUT_COMMENT: 'sticky' }, 'input comment must be one of off, create, update (got "sticky")'],
    [
      { ...base, INPUT_COMMENT_TAG: 'a b-->' },
      'input comment-tag must be 1 to 64 letters, digits, ".", "_" or "-" (got "a b-->")',
    ],
    [
      { ...base, INPUT_COMMENT_AUTHOR: 'not a login' },
      'input comment-author must be a GitHub login such as github-actions[bot] (got "not a login")',
    ],
    [{ ...base, INPUT_SARIF_UPLOAD: 'yes' }, 'input sarif-upload must be true or false (got "yes")'],
    [{ ...base, INPUT_JOB_SUMMARY: '1' }, 'input job-summary must be true or false (got "1")'],
  ])('%j', (env, message) => {
    expect(() => readInputs(env)).toThrow(message);
  });

  test('defaults', () => {
    expect(readInputs({ INPUT_PLANS: ' a.json\n\tb/*.json ' })).toEqual({
      plans: ['a.json', 'b/*.json'],
      failOn: 'high',
      format: 'markdown',
      comment: 'update',
      commentTag: '',
      commentAuthor: 'github-actions[bot]',
      sarif: true,
      jobSummary: true,
      token: '',
    });
  });
});

describe('plan globs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-action-glob-'));
    for (const f of [
      'cdktf.out/stacks/prod/plan.json',
      'cdktf.out/stacks/dev/plan.json',
      'cdktf.out/stacks/dev/cdk.tf.json',
      'cdktf.out/stacks/.hidden/plan.json',
      'cdktf.out/node_modules/x/plan.json',
      'plan[1].json',
      'plan[2.json',
      'a b.json',
    ]) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), '{}');
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    [['cdktf.out/stacks/*/plan.json'], ['cdktf.out/stacks/dev/plan.json', 'cdktf.out/stacks/prod/plan.json']],
    [['cdktf.out/**/plan.json'], ['cdktf.out/stacks/dev/plan.json', 'cdktf.out/stacks/prod/plan.json']],
    [['cdktf.out/stacks/*'], ['cdktf.out/stacks/dev', 'cdktf.out/stacks/prod']],
    [['cdktf.out/stacks/.*/plan.json'], ['cdktf.out/stacks/.hidden/plan.json']],
    [
      ['cdktf.out/stacks/[p]rod/plan.json', 'cdktf.out/stacks/[!p]*/p?an.json'],
      ['cdktf.out/stacks/prod/plan.json', 'cdktf.out/stacks/dev/plan.json'],
    ],
    [['a?b.json'], ['a b.json']],
    [['plan[[]1].json'], ['plan[1].json']],
    [['plan[2.json'], ['plan[2.json']], // an unclosed bracket is literal
    [['missing.json', 'missing.json'], ['missing.json']],
  ])('%j', (patterns, expected) => {
    expect(expandPlanPaths(patterns, dir)).toEqual(expected.map((p) => p.split('/').join(path.sep)));
  });

  test('absolute patterns', () => {
    expect(expandPlanPaths([`${dir}/cdktf.out/stacks/p*/plan.json`], dir)).toEqual([
      path.join('cdktf.out', 'stacks', 'prod', 'plan.json'),
    ]);
  });

  test('segment expressions', () => {
    expect(segmentRegExp('a.b*').test('a.bcd')).toBe(true);
    expect(segmentRegExp('a.b*').test('axb')).toBe(false);
    expect(segmentRegExp('[^a]').test('b')).toBe(true);
    expect(segmentRegExp('[a]]').test('a]')).toBe(true);
  });

  test('Link headers', () => {
    expect(nextLink('<https://x/a?page=2>; rel="next", <https://x/a?page=5>; rel="last"')).toBe(
      'https://x/a?page=2',
    );
    expect(nextLink('<https://x/a?page=1>; rel="prev"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});

describe('action.yml', () => {
  test('a composite action whose inputs and outputs are all described', () => {
    expect(action.name).toBe('irsa-review');
    expect(action.runs.using).toBe('composite');
    expect(action.description.length).toBeLessThanOrEqual(125); // the Marketplace's limit
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, input.description.length > 20]).toEqual([name, true]);
    }
    for (const [name, output] of Object.entries(action.outputs)) {
      expect([name, output.description.length > 5]).toEqual([name, true]);
      expect(output.value).toBe(`\${{ steps.review.outputs.${name} }}`);
    }
    expect(Object.keys(action.outputs)).toEqual([...OUTPUT_NAMES]);
  });

  test('every ${{ inputs.x }} is declared and every input is used', () => {
    const used = new Set([...actionText.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  test('the review step passes every input to the script, under the name it reads', () => {
    const env = step('review').env ?? {};
    for (const [name, variable] of Object.entries(INPUT_ENV))
      expect([variable, env[variable]]).toEqual([variable, `\${{ inputs.${name} }}`]);
    expect(Object.keys(INPUT_ENV).sort()).toEqual(Object.keys(action.inputs).sort());
    expect(step('review').run).toBe('node "$IRSA_REVIEW_SCRIPT"');
    expect(env.IRSA_REVIEW_SCRIPT).toBe('${{ steps.install.outputs.script }}');
  });

  test('defaults match the script’s; plans is required; the token defaults to the workflow’s', () => {
    expect(action.inputs.plans.required).toBe(true);
    expect(action.inputs['github-token'].default).toBe('${{ github.token }}');
    for (const [name, value] of Object.entries(INPUT_DEFAULTS)) {
      expect([name, action.inputs[name].default]).toEqual([name, value]);
      expect([name, action.inputs[name].required]).toEqual([name, false]);
    }
  });

  test('the script it runs ships in the package', () => {
    expect(SCRIPT_IN_PACKAGE).toBe('dist/src/review/action/main.js');
    expect(step('install').run).toContain(`"$prefix/node_modules/cdktf-irsa/${SCRIPT_IN_PACKAGE}"`);
    // dist/src/x.js is built from src/x.ts (tsconfig.build.json) and published (package.json "files").
    const source = SCRIPT_IN_PACKAGE.replace(/^dist\//, '').replace(/\.js$/, '.ts');
    expect(fs.existsSync(path.join(root, source))).toBe(true);
    expect(pkg.files).toContain('dist/src');
    expect(fs.existsSync(script)).toBe(true);
  });

  test('SARIF is uploaded by codeql-action, after a failing review too, only when written', () => {
    const upload = action.runs.steps[2];
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
    expect(upload.if).toBe(
      "${{ !cancelled() && inputs.sarif-upload == 'true' && steps.review.outputs.sarif-file != '' }}",
    );
    expect(upload.with?.sarif_file).toBe('${{ steps.review.outputs.sarif-file }}');
    expect(upload.with?.token).toBe('${{ inputs.github-token }}');
    // One category per comment-tag: jobs of a matrix do not replace each other's results.
    expect(upload.with?.category).toBe(
      "irsa-review${{ inputs.comment-tag != '' && format('-{0}', inputs.comment-tag) || '' }}",
    );
  });

  test('no expression is expanded inside a shell script', () => {
    for (const s of action.runs.steps) if (s.run !== undefined) expect(s.run).not.toContain('${{');
  });
});

describe('the install step', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-action-install-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function install(actionPath: string): { status: number | null; script: string; npm: string } {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    // A stand-in for npm that records its arguments and lays out the installed package.
    fs.writeFileSync(
      path.join(bin, 'npm'),
      [
        '#!/usr/bin/env bash',
        `printf '%s\\n' "$*" >> "${path.join(dir, 'npm.log')}"`,
        'prefix="$3"',
        'mkdir -p "$prefix/node_modules/cdktf-irsa/dist/src/review/action"',
        'touch "$prefix/node_modules/cdktf-irsa/dist/src/review/action/main.js"',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const output = path.join(dir, 'output');
    fs.writeFileSync(output, '');
    const result = spawnSync('bash', ['-c', step('install').run ?? ''], {
      env: {
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
        ACTION_PATH: actionPath,
        RUNNER_TEMP: path.join(dir, 'temp'),
        GITHUB_OUTPUT: output,
      },
      encoding: 'utf8',
    });
    const npmLog = path.join(dir, 'npm.log');
    return {
      status: result.status,
      script: fs.readFileSync(output, 'utf8'),
      npm: fs.existsSync(npmLog) ? fs.readFileSync(npmLog, 'utf8') : '',
    };
  }

  test('installs the package.json version and the locked runtime dependencies, once per job', () => {
    const first = install(pkgDirWithoutBuild(true));
    const prefix = path.join(dir, 'temp', 'irsa-review-action', pkg.version);
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    const locked = Object.keys(pkg.dependencies).map(
      (name) => `${name}@${lock.packages[`node_modules/${name}`].version}`,
    );
    expect(locked.length).toBeGreaterThan(0);
    expect(first.status).toBe(0);
    expect(first.npm).toBe(
      `install --prefix ${prefix} --no-save --no-package-lock --omit=dev --omit=peer --ignore-scripts --no-audit --no-fund ` +
        `cdktf-irsa@${pkg.version} ${locked.join(' ')}\n`,
    );
    expect(first.script).toBe(`script=${prefix}/node_modules/cdktf-irsa/dist/src/review/action/main.js\n`);
    const second = install(pkgDirWithoutBuild(true));
    expect(second.npm).toBe(first.npm); // not installed again
  });

  test('without a lock file, the package alone', () => {
    const result = install(pkgDirWithoutBuild(false));
    expect(result.npm).toMatch(new RegExp(`--no-fund cdktf-irsa@${pkg.version.replace(/\./g, '\\.')}\n$`));
  });

  test('uses a build beside action.yml without installing', () => {
    const result = install(pkgDir);
    expect(result.status).toBe(0);
    expect(result.npm).toBe('');
    expect(result.script).toBe(`script=${pkgDir}/dist/src/review/action/main.js\n`);
  });

  /** package.json (and package-lock.json) without dist/, as a checkout of a tag is. */
  function pkgDirWithoutBuild(withLock: boolean): string {
    const checkout = path.join(dir, 'checkout');
    fs.mkdirSync(checkout, { recursive: true });
    for (const file of withLock ? ['package.json', 'package-lock.json'] : ['package.json'])
      fs.copyFileSync(path.join(root, file), path.join(checkout, file));
    return checkout;
  }
});

describe('docs and snippets', () => {
  const docs = fs.readFileSync(path.join(root, 'docs/review.md'), 'utf8');

  test('docs/review.md has a row per input and per output, with the default', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      const shown = input.required ? 'required' : input.default === '' ? '(empty)' : `\`${input.default}\``;
      expect(docs).toContain(`| \`${name}\` | ${shown} |`);
    }
    for (const name of Object.keys(action.outputs)) expect(docs).toContain(`| \`${name}\` |`);
  });

  test('every uses: of this Action names the package version', () => {
    const files = ['README.md', 'docs/review.md', 'examples/github-actions/irsa-review.yml'];
    let count = 0;
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const m of text.matchAll(/uses:\s*cdktf-irsa\/cdktf-irsa@(\S+)/g)) {
        expect([file, m[1]]).toEqual([file, `v${pkg.version}`]);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(3);
  });

  test('the example workflow is valid YAML that runs this Action with declared inputs', () => {
    const workflow = YAML.parse(
      fs.readFileSync(path.join(root, 'examples/github-actions/irsa-review.yml'), 'utf8'),
    ) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
    const uses = Object.values(workflow.jobs).flatMap((j) =>
      j.steps.filter((s) => s.uses?.startsWith('cdktf-irsa/cdktf-irsa@')),
    );
    expect(uses).toHaveLength(1);
    for (const key of Object.keys(uses[0].with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
  });
});
