/**
 * Plans of the role module under the real Terraform CLI (offline): every validation case prints exactly
 * its message, and a for_each over hundreds of instances plans quickly. (Separate from terraform.test.ts
 * so that jest can run the two in parallel.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROLE_MODULE } from '../../src/modules';
import { HclLiteral, render } from '../../src/modules/hcl';
import { MODULE_VALIDATION_CASES } from '../../src/modules/tests';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  planJson,
  plannedResources,
  terraformOk,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { describeUnless } from '../support/skip';
import { copyModules, expectMessages } from './support';

describeUnless(terraformUnavailableReason(['hashicorp/aws']), `terraform plan: ${ROLE_MODULE} (AWS provider)`, () => {
  let root: string;
  let moduleDir: string;

  beforeAll(() => {
    const copy = copyModules('irsa-modules-plan-');
    root = copy.root;
    moduleDir = path.join(copy.modules, ROLE_MODULE);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('each bad input fails with exactly the constructs’ wording', () => {
    // One module call per case, in as few plans as Terraform's validation stages allow.
    const dir = path.join(root, 'messages');
    fs.mkdirSync(dir);
    const source = `../modules/${ROLE_MODULE}`;
    const defaults: Record<string, HclLiteral> = {
      oidc_providers: {
        main: {
          provider_arn:
            'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
          namespace_service_accounts: ['default:app'],
        },
      },
    };
    const moduleBlock = (name: string, vars: Record<string, HclLiteral>) =>
      `module ${JSON.stringify(name)} {\n  source = ${JSON.stringify(source)}\n${Object.entries({ ...defaults, ...vars })
        .map(([k, v]) => `  ${k} = ${render(v)}`)
        .join('\n')}\n}\n`;
    expectMessages(
      dir,
      OFFLINE_AWS_PROVIDER_HCL,
      MODULE_VALIDATION_CASES.map((c) => ({ name: c.name, moduleBlock: moduleBlock(c.name, c.variables), message: c.message })),
    );
  });

  test('for_each over 300 service accounts plans, with no data sources', () => {
    const example = path.join(moduleDir, 'examples', 'for-each');
    const accounts: Record<string, Record<string, string>> = {};
    for (let i = 0; i < 300; i++) {
      accounts[`team-${i % 30}:app-${i}`] = { read_only: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
    }
    fs.writeFileSync(path.join(example, 'terraform.tfvars.json'), JSON.stringify({ service_accounts: accounts }));
    // An override file makes the example's provider block work offline, as *_override.tf files merge in.
    fs.writeFileSync(path.join(example, 'provider_override.tf'), OFFLINE_AWS_PROVIDER_HCL.replace(/region\s+= "us-east-1"\n/, ''));
    terraformOk(example, ['init', '-input=false', '-no-color']);
    // How long this takes is a benchmark figure, not an assertion: BENCHMARKS.md row 3 ("module plan",
    // `npm run bench`, for_each over N = 50 and 200 against the same resources written by hand).
    const plan = planJson(example);
    expect(plannedResources(plan, 'aws_iam_role').size).toBe(300);
    expect(plannedResources(plan, 'aws_iam_role_policy_attachment').size).toBe(300);
    expect((plan.resource_changes ?? []).filter((c) => c.address.includes('data.'))).toEqual([]);
    // Everything but the role's own computed attributes is known at plan time.
    const role = [...plannedResources(plan, 'aws_iam_role').values()][0];
    expect(typeof role.assume_role_policy).toBe('string');
  });
});
