/**
 * Without Terraform: every trust statement of the role module (generated and committed) conditions on
 * `<issuer>:aud` = var.audience, and IamServiceAccount puts its audience in every trust statement. The
 * Terraform-backed tests (trust-property, terraform-plan) check the same on real plans; these kill a
 * dropped audience where Terraform is missing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamServiceAccount } from '../../src';
import { ROLE_MODULE } from '../../src/modules';
import { roleMainTf } from '../../src/modules/role-module';
import { provider1, provider2, resourcesOf, synthJson, testStack, ISSUER_1, ISSUER_2 } from '../support/stacks';
import { MODULES_DIR } from './support';

/** The Condition blocks of the trust_statements local. */
function trustConditions(mainTf: string): string[] {
  const start = mainTf.indexOf('trust_statements');
  const end = mainTf.indexOf('trust_policy = {', start);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return mainTf.slice(start, end).split('Condition = {').slice(1);
}

const AUD = /StringEquals\s*=\s*\{[^}]*"\$\{provider\.issuer\}:aud"\s*=\s*var\.audience/;

describe.each([
  ['generated', () => roleMainTf()],
  ['committed', () => fs.readFileSync(path.join(MODULES_DIR, ROLE_MODULE, 'main.tf'), 'utf8')],
])('%s role module main.tf', (_name, text) => {
  test('both trust statements (exact and wildcard subjects) have StringEquals <issuer>:aud = var.audience', () => {
    const conditions = trustConditions(text());
    expect(conditions).toHaveLength(2);
    for (const condition of conditions) expect(condition).toMatch(AUD);
  });
});

describe('IamServiceAccount audience in its trust policy', () => {
  test.each([
    [undefined, 'sts.amazonaws.com'],
    ['custom-aud', 'custom-aud'],
  ])('audience %s: every statement, on every provider, conditions on %s', (audience, expected) => {
    const { stack } = testStack();
    new IamServiceAccount(stack, 'sa', {
      oidcProvider: provider1(),
      additionalOidcProviders: [provider2()],
      name: 'api',
      ...(audience === undefined ? {} : { audience }),
    });
    const roles = resourcesOf(synthJson(stack), IamRole.tfResourceType);
    expect(roles).toHaveLength(1);
    const trust = JSON.parse(roles[0].assume_role_policy as string) as {
      Statement: { Condition: { StringEquals: Record<string, string> } }[];
    };
    expect(trust.Statement.map((s) => s.Condition.StringEquals)).toEqual([
      { [`${ISSUER_1}:aud`]: expected, [`${ISSUER_1}:sub`]: 'system:serviceaccount:default:api' },
      { [`${ISSUER_2}:aud`]: expected, [`${ISSUER_2}:sub`]: 'system:serviceaccount:default:api' },
    ]);
  });
});
