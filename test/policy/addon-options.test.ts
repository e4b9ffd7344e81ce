/**
 * The add-on options issue 26 added: Velero's object paths and KMS keys, the Cluster Autoscaler's tag
 * schemes (unit cases, and a seeded property over the IAM evaluator: a group may be resized exactly when it
 * carries an enabled scheme's tag for a listed cluster), and the catalog's data for terraform-aws-modules'
 * option names (each alias names a real option and a real upstream input, and is unique).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { type PolicyStatement, type WellKnownPolicies, wellKnownGrant } from '../../src';
import { evaluatePolicy } from '../../src/iam/evaluate';
import { parsePolicyDocument } from '../../src/iam/document';
import { ADDONS, addonFor, refusalsOf, snakeCase } from '../../src/policy/addons';
import { assertProperty, scaled } from '../support/property';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const statementsOf = (policies: WellKnownPolicies): PolicyStatement[] =>
  wellKnownGrant(policies, 'aws').statements;

describe('velero', () => {
  test('objectArns replaces the buckets\' "/*" in the object statement; listing stays on the buckets', () => {
    const statements = statementsOf({
      velero: { bucketArns: ['arn:aws:s3:::backups'], objectArns: ['arn:aws:s3:::backups/prod/*'] },
    });
    const objects = statements.filter((s) => s.Sid === 'S3ReadWrite');
    expect(objects).toHaveLength(1);
    expect(objects[0].Resource).toEqual(['arn:aws:s3:::backups/prod/*']);
    expect(statements.find((s) => s.Sid === 'S3List')?.Resource).toEqual(['arn:aws:s3:::backups']);
    expect(statements.some((s) => JSON.stringify(s).includes('arn:aws:s3:::backups/*'))).toBe(false);
  });

  test('kmsKeyArns adds data-key use and grants for AWS resources only, on those keys', () => {
    const statements = statementsOf({ velero: { bucketArns: ['arn:aws:s3:::backups'], kmsKeyArns: [KEY] } });
    expect(statements.filter((s) => JSON.stringify(s.Action).includes('kms:'))).toEqual([
      {
        Sid: 'KmsDataKeys',
        Effect: 'Allow',
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: [KEY],
      },
      {
        Sid: 'KmsGrants',
        Effect: 'Allow',
        Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        Resource: [KEY],
        Condition: { Bool: { 'kms:GrantIsForAWSResource': ['true'] } },
      },
    ]);
  });

  test('without the new options: no KMS statement, objects under each bucket', () => {
    const statements = statementsOf({ velero: { bucketArns: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] } });
    expect(statements.map((s) => s.Sid)).toEqual(['Ec2ReadWrite', 'S3ReadWrite', 'S3List']);
    expect(statements[1].Resource).toEqual(['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*']);
  });
});

const RESIZE = 'autoscaling:SetDesiredCapacity';
const SCHEMES = {
  autoscalerTag: (name: string) => `k8s.io/cluster-autoscaler/${name}`,
  kubernetesClusterTag: (name: string) => `kubernetes.io/cluster/${name}`,
};

/** The autoscaler's policy's decision on resizing a group with these tags. */
function mayResize(policies: WellKnownPolicies, tags: Record<string, string>): boolean {
  const parsed = parsePolicyDocument({ Version: '2012-10-17', Statement: statementsOf(policies) });
  if (!parsed.ok) throw new Error(parsed.error);
  const context = Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, [v]]));
  return (
    evaluatePolicy(parsed.document, {
      action: RESIZE,
      resource: 'arn:aws:autoscaling:us-east-1:111122223333:autoScalingGroup:x:autoScalingGroupName/g',
      context,
    }) === 'allow'
  );
}

describe('clusterAutoscaler tag schemes', () => {
  test('the default (and autoscalerTag) scheme only: k8s.io/cluster-autoscaler/<name>', () => {
    const conditions = statementsOf({ clusterAutoscaler: { clusterNames: ['prod'] } })
      .filter((s) => s.Condition)
      .map((s) => s.Condition);
    expect(conditions).toEqual([
      { StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/prod': ['owned'] } },
    ]);
  });

  test("kubernetesClusterTag adds terraform-aws-modules' scheme: one statement per cluster and scheme", () => {
    const keys = statementsOf({
      clusterAutoscaler: { clusterNames: ['prod', 'stage'], kubernetesClusterTag: true },
    }).flatMap((s) => Object.keys(s.Condition?.StringEquals ?? {}));
    expect(keys).toEqual([
      'aws:ResourceTag/k8s.io/cluster-autoscaler/prod',
      'aws:ResourceTag/k8s.io/cluster-autoscaler/stage',
      'aws:ResourceTag/kubernetes.io/cluster/prod',
      'aws:ResourceTag/kubernetes.io/cluster/stage',
    ]);
  });

  test('autoscalerTag: false with kubernetesClusterTag keeps the upstream scheme alone', () => {
    const policies = {
      clusterAutoscaler: { clusterNames: ['prod'], autoscalerTag: false, kubernetesClusterTag: true },
    };
    expect(mayResize(policies, { 'kubernetes.io/cluster/prod': 'owned' })).toBe(true);
    expect(mayResize(policies, { 'k8s.io/cluster-autoscaler/prod': 'owned' })).toBe(false);
  });

  test('both schemes off is refused by the catalog', () => {
    const spec = addonFor('clusterAutoscaler')!;
    expect(refusalsOf(spec, { autoscalerTag: false, kubernetesClusterTag: false })).toHaveLength(1);
    expect(refusalsOf(spec, { kubernetesClusterTag: false })).toHaveLength(0);
    expect(refusalsOf(spec, { autoscalerTag: false, kubernetesClusterTag: true })).toHaveLength(0);
  });

  test('property: a group may be resized exactly when it carries an enabled scheme tag of a listed cluster', () => {
    const name = fc.constantFrom('prod', 'stage', 'dev', 'a_b-1');
    const schemeNames = Object.keys(SCHEMES) as (keyof typeof SCHEMES)[];
    const tag = fc.record({
      scheme: fc.constantFrom(...schemeNames),
      cluster: name,
      value: fc.constantFrom('owned', 'shared', 'true'),
    });
    assertProperty(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(tag, { maxLength: 4 }),
        (clusterNames, autoscalerTag, kubernetesClusterTag, tags) => {
          fc.pre(autoscalerTag || kubernetesClusterTag);
          const on = { autoscalerTag, kubernetesClusterTag };
          const asgTags = Object.fromEntries(tags.map((t) => [SCHEMES[t.scheme](t.cluster), t.value]));
          const expected = tags.some(
            (t) =>
              on[t.scheme] &&
              clusterNames.includes(t.cluster) &&
              asgTags[SCHEMES[t.scheme](t.cluster)] === 'owned',
          );
          const policies = { clusterAutoscaler: { clusterNames, autoscalerTag, kubernetesClusterTag } };
          return mayResize(policies, asgTags) === expected;
        },
      ),
      scaled(300),
    );
  });
});

describe("terraform-aws-modules' option names (optionAliases)", () => {
  const aliases = ADDONS.flatMap((a) => (a.optionAliases ?? []).map((alias) => ({ addon: a, alias })));

  test('each names an option of its add-on, is not an option itself, and is unique within the add-on', () => {
    const bad: string[] = [];
    for (const { addon, alias } of aliases) {
      const names = addon.options.map((o) => o.name);
      if (!names.includes(alias.option)) bad.push(`${addon.key}.${alias.name}: no option ${alias.option}`);
      if (names.includes(alias.name)) bad.push(`${addon.key}.${alias.name} is an option`);
      const option = addon.options.find((o) => o.name === alias.option);
      if (option?.kind === 'string') bad.push(`${addon.key}.${alias.name}: string options take no alias`);
      if (option?.kind === 'flag' && (alias.item || alias.strip))
        bad.push(`${addon.key}.${alias.name}: flag`);
      if (aliases.filter((a) => a.addon === addon && a.alias.name === alias.name).length > 1)
        bad.push(`${addon.key}.${alias.name} twice`);
    }
    expect(bad).toEqual([]);
  });

  test('each is the upstream input name without its add-on prefix', () => {
    for (const { alias } of aliases) {
      const snake = alias.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      expect(alias.from.endsWith(`_${snake}`)).toBe(true);
    }
  });

  test('a hosted zone ARN, stripped, is a valid hosted zone ID', () => {
    for (const { addon, alias } of aliases.filter((a) => a.alias.strip)) {
      const option = addon.options.find((o) => o.name === alias.option)!;
      const id = 'arn:aws-cn:route53:::hostedzone/Z0123456789ABC'.replace(new RegExp(alias.strip!), '');
      expect(id).toBe('Z0123456789ABC');
      expect(new RegExp(alias.item!.pattern).test('arn:aws-cn:route53:::hostedzone/Z0123456789ABC')).toBe(
        true,
      );
      expect(new RegExp(option.kind === 'list' ? option.item.pattern : '').test(id)).toBe(true);
    }
  });
});

describe('the migration guide', () => {
  test("lists every terraform-aws-modules option name the modules accept, with this project's name", () => {
    const guide = fs.readFileSync(
      path.join(__dirname, '..', '..', 'docs', 'migrating-from-terraform-aws-modules.md'),
      'utf8',
    );
    const missing = ADDONS.flatMap((a) => a.optionAliases ?? [])
      .filter(
        (alias) => !guide.includes(`\`${snakeCase(alias.name)}\``) || !guide.includes(`\`${alias.from}\``),
      )
      .map((alias) => alias.from);
    expect(missing).toEqual([]);
  });
});
