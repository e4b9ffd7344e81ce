/**
 * The reviewer on real terraform plans of the fixture configurations (plus hand-built Kubernetes
 * resource changes, since no kubernetes provider exists here): every rule fires where it should and
 * stays quiet on the safe fixtures; golden files pin each output format; SARIF is schema-validated.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { reviewPlans, type Report } from '../../src/review';
import type { RawPlan } from '../../src/review/plan/types';
import { describeUnless } from '../support/skip';
import { annotationsChange, serviceAccountChange, withChanges } from './support/kubernetes';
import { fixturePlan, terraformReason } from './support/plans';
import { runCli } from './support/run';

const GOLDEN = path.join(__dirname, 'golden');
const review = (plan: RawPlan, source = 'plan.json'): Promise<Report> => reviewPlans([{ source, plan }]);
const ids = (r: Report) => r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.address}`);

/** The safe plan plus service accounts: one correct, three that the role's trust does not admit. */
function safeWithServiceAccounts(): RawPlan {
  return withChanges(
    fixturePlan('safe'),
    [
      serviceAccountChange({
        name: 'app',
        namespace: 'shop',
        roleArn: 'arn:aws:iam::111122223333:role/safe-app',
      }),
      serviceAccountChange({
        name: 'other',
        namespace: 'shop',
        roleArn: 'arn:aws:iam::111122223333:role/safe-app',
        type: 'kubernetes_service_account',
      }),
      serviceAccountChange({
        name: 'by-ref',
        namespace: 'billing',
        roleRef: 'aws_iam_role.app',
        address: 'by_ref',
      }),
      annotationsChange({
        name: 'annotated',
        namespace: 'shop',
        roleArn: 'arn:aws:iam::111122223333:role/safe-app',
        resourceName: 'annotated',
      }),
    ],
    { 'kubernetes_service_account_v1.by_ref': 'aws_iam_role.app' },
  );
}

/** The update plan plus service accounts using the deleted and the replaced role. */
function updateWithServiceAccounts(): RawPlan {
  return withChanges(fixturePlan('update'), [
    serviceAccountChange({
      name: 'gone',
      namespace: 'shop',
      roleArn: 'arn:aws:iam::111122223333:role/update-gone',
    }),
    serviceAccountChange({
      name: 'renamed',
      namespace: 'shop',
      roleArn: 'arn:aws:iam::111122223333:role/update-renamed',
    }),
  ]);
}

describeUnless(terraformReason(), 'irsa-review on real terraform plans', () => {
  test('safe fixtures produce no findings', async () => {
    expect(ids(await review(fixturePlan('safe')))).toEqual([]);
    const multi = await review(fixturePlan('multi-cluster'));
    expect(ids(multi)).toEqual([]);
    // Module addresses and both clusters appear in the access preview.
    expect(multi.roles.map((r) => r.address)).toEqual([
      'aws_iam_role.shared',
      'module.east.aws_iam_role.this',
      'module.west.aws_iam_role.this',
    ]);
    expect(multi.roles[0].analysis.accessRows.map((r) => [r.issuer, r.after])).toEqual([
      ['oidc.eks.us-east-1.amazonaws.com/id/EAST0000000000000000000000000000', 'reporting:reader'],
      ['oidc.eks.us-west-2.amazonaws.com/id/WEST0000000000000000000000000000', 'reporting:reader'],
    ]);
  });

  test('every create-time rule fires on its role in the dangerous fixture', async () => {
    const report = await review(fixturePlan('dangerous'));
    expect(ids(report)).toEqual([
      'IRSA001 high aws_iam_role.irsa001_no_sub',
      'IRSA003 high aws_iam_role.irsa003_namespace_wildcard',
      'IRSA004 high aws_iam_role.irsa004_literal_star',
      'IRSA005 high aws_iam_role.irsa005_everyone',
      'IRSA009 high aws_iam_role.irsa009_admin',
      'IRSA010 high aws_iam_role_policy.irsa010_passrole',
      'IRSA016 high aws_iam_role_policy.irsa010_passrole',
      'IRSA002 medium aws_iam_role.irsa002_no_aud',
      'IRSA003 medium aws_iam_role.irsa003_prefix_wildcard',
      'IRSA009 medium aws_iam_role.irsa009_star_action',
      'IRSA011 medium aws_iam_role_policy.irsa011_not_action',
      'IRSA014 medium aws_iam_policy.irsa014_typo',
      'IRSA014 medium aws_iam_policy.irsa014_typo',
      'IRSA014 medium aws_iam_policy.irsa014_typo',
      'IRSA012 low aws_iam_role.irsa012_large_trust',
    ]);
    // s3:List* matches real actions, so only the three bad ones are reported.
    expect(report.findings.filter((f) => f.ruleId === 'IRSA014').map((f) => f.message)).toEqual([
      'statement 1 allows "s3:Frobnicate*": no such action exists, so it grants nothing',
      'statement 1 allows "s3:GetObjekt": no such action exists, so it grants nothing',
      'statement 1 allows "s4:GetObject": its service prefix is unknown, so it grants nothing',
    ]);
    // The policy attached by a reference whose ARN is unknown until apply is linked to its role.
    const typo = report.roles.find((r) => r.address === 'aws_iam_role.irsa014_typo');
    expect(typo?.analysis.permissionChanges.map((p) => p.label)).toEqual(['aws_iam_policy.irsa014_typo']);
    expect(typo?.managedChanges[0].arn).toBe('aws_iam_policy.irsa014_typo (ARN known after apply)');
  });

  test('update fixture: widening, narrowing, boundary, replace, delete, move, OIDC provider', async () => {
    const report = await review(fixturePlan('update'));
    expect(ids(report)).toEqual([
      'IRSA003 high aws_iam_role.widen',
      'IRSA006 high aws_iam_role.widen',
      'IRSA008 medium aws_iam_role.gone',
      'IRSA008 medium aws_iam_role.renamed',
      'IRSA012 medium aws_iam_role.boundary',
      'IRSA013 medium aws_iam_openid_connect_provider.cluster',
    ]);
    // No ServiceAccount in this plan: the roles' IRSA trust is enough (issue 23).
    expect(report.findings.filter((f) => f.ruleId === 'IRSA008').map((f) => f.message)).toEqual([
      'role is deleted; its trust admits IRSA service accounts (shop:gone): service accounts outside this plan lose access',
      'role is replaced because its name changes from "update-renamed" to "update-renamed-v2", which forces replacement (pods lose access until they use the new role); its trust admits IRSA service accounts (shop:renamed): service accounts outside this plan lose access until they point at the new role',
    ]);
    expect(report.summary).toEqual([
      { type: 'aws_iam_role', counts: { create: 0, update: 3, replace: 1, delete: 1, import: 0, move: 1 } },
      {
        type: 'aws_iam_openid_connect_provider',
        counts: { create: 0, update: 0, replace: 1, delete: 0, import: 0, move: 0 },
      },
    ]);
    const byAddress = new Map(report.roles.map((r) => [r.address, r]));
    expect(byAddress.get('aws_iam_role.widen')?.analysis.accessRows[0]).toMatchObject({
      before: 'shop:app',
      after: 'shop:*',
      change: 'widened',
    });
    expect(byAddress.get('aws_iam_role.narrow')?.analysis).toMatchObject({ widened: false, narrowed: true });
    const renamed = byAddress.get('aws_iam_role.renamed');
    expect(renamed?.kind).toBe('replace');
    expect(renamed?.actionReason).toBe('replace_because_cannot_update');
    expect(renamed?.replacePaths).toEqual(['name']);
    expect(byAddress.get('aws_iam_role.gone')?.kind).toBe('delete');
    expect(byAddress.get('aws_iam_role.moved')?.previousAddress).toBe('aws_iam_role.old_name');
  });

  test('service-account links: trust mismatch (IRSA007) by ARN, by name, by reference, via kubernetes_annotations', async () => {
    const report = await review(safeWithServiceAccounts());
    expect(ids(report)).toEqual([
      'IRSA007 high kubernetes_annotations.annotated',
      'IRSA007 high kubernetes_service_account.other',
      'IRSA007 high kubernetes_service_account_v1.by_ref',
    ]);
    expect(report.roles[0].usedBy).toEqual([
      'billing:by-ref (kubernetes_service_account_v1.by_ref)',
      'shop:annotated (kubernetes_annotations.annotated)',
      'shop:app (kubernetes_service_account_v1.app)',
      'shop:other (kubernetes_service_account.other)',
    ]);
  });

  test('service accounts linked through module outputs when the role ARN is unknown until apply', async () => {
    const plan = withChanges(
      fixturePlan('multi-cluster'),
      [
        serviceAccountChange({
          name: 'app',
          namespace: 'shop',
          roleRef: 'module.east.role_arn',
          address: 'east_app',
        }),
        serviceAccountChange({
          name: 'intruder',
          namespace: 'shop',
          roleRef: 'module.west.role_arn',
          address: 'west_bad',
        }),
      ],
      {
        'kubernetes_service_account_v1.east_app': 'module.east.role_arn',
        'kubernetes_service_account_v1.west_bad': 'module.west.role_arn',
      },
    );
    const report = await review(plan);
    expect(ids(report)).toEqual(['IRSA007 high kubernetes_service_account_v1.west_bad']);
    const east = report.roles.find((r) => r.address === 'module.east.aws_iam_role.this');
    expect(east?.usedBy).toEqual(['shop:app (kubernetes_service_account_v1.east_app)']);
  });

  test('service accounts using a deleted or replaced role (IRSA008)', async () => {
    const report = await review(updateWithServiceAccounts());
    expect(ids(report).filter((f) => f.startsWith('IRSA008') || f.startsWith('IRSA007'))).toEqual([
      'IRSA008 medium aws_iam_role.gone',
      'IRSA008 medium aws_iam_role.renamed',
    ]);
  });

  test('a directory of stack plans is reviewed in sorted order; non-plan JSON is skipped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-review-dir-'));
    try {
      const stacks = path.join(dir, 'cdktf.out', 'stacks');
      fs.mkdirSync(path.join(stacks, 'b-prod'), { recursive: true });
      fs.mkdirSync(path.join(stacks, 'a-dev'), { recursive: true });
      fs.writeFileSync(path.join(stacks, 'b-prod', 'plan.json'), JSON.stringify(fixturePlan('dangerous')));
      fs.writeFileSync(path.join(stacks, 'a-dev', 'plan.json'), JSON.stringify(fixturePlan('safe')));
      fs.writeFileSync(path.join(stacks, 'a-dev', 'cdk.tf.json'), JSON.stringify({ resource: {} }));
      const result = await runCli(['cdktf.out/stacks', '--format', 'json', '--fail-on', 'high'], {
        cwd: dir,
      });
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout) as { sources: string[]; findings: { source: string }[] };
      expect(json.sources).toEqual(['cdktf.out/stacks/a-dev/plan.json', 'cdktf.out/stacks/b-prod/plan.json']);
      expect(new Set(json.findings.map((f) => f.source))).toEqual(
        new Set(['cdktf.out/stacks/b-prod/plan.json']),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('golden files (UPDATE_GOLDEN=1 rewrites them)', () => {
    const cases: [string, () => RawPlan][] = [
      ['dangerous', () => fixturePlan('dangerous')],
      ['update', updateWithServiceAccounts],
      ['links', safeWithServiceAccounts],
    ];
    // `.golden` keeps prettier (which checks *.json and *.md) away from byte-exact expectations.
    const formats: [string, string][] = [
      ['markdown', 'md.golden'],
      ['json', 'json.golden'],
      ['sarif', 'sarif.golden'],
      ['text', 'txt.golden'],
    ];
    for (const [name, plan] of cases) {
      for (const [format, ext] of formats) {
        test(`${name} as ${format}`, async () => {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-review-golden-'));
          try {
            fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan()));
            const first = await runCli(['plan.json', '--format', format], { cwd: dir });
            const second = await runCli(['plan.json', '--format', format], { cwd: dir });
            expect(first.stderr).toBe('');
            expect(second.stdout).toBe(first.stdout); // deterministic
            expect(first.stdout).not.toContain(dir); // no absolute paths
            const golden = path.join(GOLDEN, `${name}.${ext}`);
            if (process.env.UPDATE_GOLDEN === '1') {
              fs.mkdirSync(GOLDEN, { recursive: true });
              fs.writeFileSync(golden, first.stdout);
            }
            expect(first.stdout).toBe(fs.readFileSync(golden, 'utf8'));
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        });
      }
    }
  });

  test('SARIF validates against the SARIF 2.1.0 JSON schema', async () => {
    // The schema file ships in @microsoft/jest-sarif (the 2.1.0 rtm.5 schema, draft-04). Its
    // patterns are not valid under the `u` flag, hence unicodeRegExp: false.
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    for (const plan of [fixturePlan('dangerous'), updateWithServiceAccounts(), fixturePlan('safe')]) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-review-sarif-'));
      try {
        fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
        const result = await runCli(['plan.json', '--format', 'sarif'], { cwd: dir });
        const valid = validate(JSON.parse(result.stdout));
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
