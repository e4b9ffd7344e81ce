/**
 * The generator, without Terraform: deterministic, reproduces the committed modules/ byte for byte, and
 * writes HCL that parses (hcl2json) with what CDKTF's HCL output gets wrong done right: falsy defaults,
 * required_version, and no configuration_aliases.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { GENERATED_HEADER, ROLE_MODULE, SERVICE_ACCOUNT_MODULE, renderModules } from '../../src/modules';
import { REQUIRED_TERRAFORM_VERSION, type VariableSpec } from '../../src/modules/files';
import { ROLE_OUTPUTS } from '../../src/modules/role-module';
import { SERVICE_ACCOUNT_OUTPUTS } from '../../src/modules/service-account-module';
import { roleModuleVariables, serviceAccountModuleVariables } from '../../src/modules/variables';
import { RULES } from '../../src/validation/rules';
import { MODULES_DIR, listFiles } from './support';

type Parsed = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let rendered: Record<string, string>;
const parsed = new Map<string, Parsed>();

beforeAll(async () => {
  rendered = await renderModules();
  for (const [name, text] of Object.entries(rendered)) {
    if (/\.(tf|hcl)$/.test(name)) parsed.set(name, await parse(name, text));
  }
});

const MODULES: [string, () => VariableSpec[], { name: string }[]][] = [
  [ROLE_MODULE, roleModuleVariables, ROLE_OUTPUTS],
  [SERVICE_ACCOUNT_MODULE, serviceAccountModuleVariables, SERVICE_ACCOUNT_OUTPUTS],
];

describe('determinism and drift', () => {
  test('rendering twice gives the same bytes', async () => {
    expect(await renderModules()).toEqual(rendered);
  });

  test('the committed modules/ is exactly what the generator writes', () => {
    expect(listFiles(MODULES_DIR)).toEqual(Object.keys(rendered).sort());
    for (const [name, text] of Object.entries(rendered)) {
      expect({ name, text: fs.readFileSync(path.join(MODULES_DIR, name), 'utf8') }).toEqual({ name, text });
    }
  });

  test('every file carries the generated-file header', () => {
    for (const [name, text] of Object.entries(rendered)) {
      const first = text.split('\n')[0];
      expect({ name, first }).toEqual({
        name,
        first: name.endsWith('.md') ? `<!-- ${GENERATED_HEADER} -->` : `# ${GENERATED_HEADER}`,
      });
    }
  });
});

describe('HCL structure (hcl2json)', () => {
  test('every .tf and .tftest.hcl file parses', () => {
    const hclFiles = Object.keys(rendered).filter((n) => /\.(tf|hcl)$/.test(n));
    expect(hclFiles.length).toBeGreaterThanOrEqual(18);
    for (const name of hclFiles) expect(parsed.get(name)).toBeDefined();
  });

  test.each(MODULES)('%s: versions.tf pins Terraform and the providers, with no aliases', (module) => {
    const versions = parsed.get(`${module}/versions.tf`)!;
    const terraform = versions.terraform[0];
    expect(terraform.required_version).toBe(REQUIRED_TERRAFORM_VERSION);
    // The floor is stated where users look, with the reason.
    expect(REQUIRED_TERRAFORM_VERSION).toBe('>= 1.9.0');
    expect(rendered[`${module}/README.md`]).toContain(
      'Terraform 1.9 or later is required: the `validation` blocks refer to other variables',
    );
    for (const [name, text] of Object.entries(rendered)) {
      if (name.startsWith(`${module}/examples/`)) expect(text).toContain(`required_version = "${REQUIRED_TERRAFORM_VERSION}"`);
    }
    const providers = terraform.required_providers[0];
    expect(providers.aws).toEqual({ source: 'hashicorp/aws', version: '>= 5.0, < 7.0' });
    if (module === SERVICE_ACCOUNT_MODULE) {
      expect(providers.kubernetes.source).toBe('hashicorp/kubernetes');
    } else {
      expect(providers.kubernetes).toBeUndefined();
    }
    // Callers pass providers without aliases; configuration_aliases would be a CDKTF HCL-output hazard.
    expect(JSON.stringify(versions)).not.toContain('configuration_aliases');
  });

  test.each(MODULES)('%s: no provider, backend or data blocks inside the module', (module) => {
    for (const file of ['versions.tf', 'variables.tf', 'main.tf', 'outputs.tf']) {
      const json = parsed.get(`${module}/${file}`)!;
      expect(json.provider).toBeUndefined();
      expect(json.data).toBeUndefined();
      expect(JSON.stringify(json.terraform ?? [])).not.toContain('backend');
    }
  });

  test.each(MODULES)('%s: variables.tf matches the specs, falsy defaults included', (module, specs) => {
    const variables = parsed.get(`${module}/variables.tf`)!.variable as Record<string, Parsed[]>;
    const expected = specs();
    expect(Object.keys(variables).sort()).toEqual(expected.map((s) => s.name).sort());
    for (const spec of expected) {
      const v = variables[spec.name][0];
      expect(v.description).toMatch(/https:\/\/\S+$/);
      // The one exception: an object type constraint would silently drop a misspelled add-on or option
      // (src/modules/addons.ts), so `addons` is `any` and its schema is checked by validation blocks.
      // The map-of-object inputs are `any` for the same reason (src/modules/object-input.ts): their
      // validations reject undeclared attributes; so is the list of objects policy_statements (role-policy.ts).
      if (spec.name === 'addons') expect(spec.validations.length).toBeGreaterThan(50);
      else if (spec.name === 'oidc_providers' || spec.name === 'associations' || spec.name === 'policy_statements') {
        expect(spec.validations[1].errorMessage).toContain('is not an attribute of');
      } else expect(v.type).not.toContain('any');
      if (spec.default === undefined) {
        expect('default' in v).toBe(false);
      } else {
        // false, {}, [] and null must survive (CDKTF's HCL output drops falsy defaults).
        expect({ name: spec.name, default: v.default }).toEqual({ name: spec.name, default: spec.default });
      }
      expect((v.validation ?? []).length).toBe(spec.validations.length);
    }
    const defaults = expected.filter((s) => s.default !== undefined).map((s) => s.default);
    expect(defaults).toEqual(expect.arrayContaining([false, {}, null]));
  });

  test('the modules have falsy defaults of every kind the bug drops: false, {}, [] (service account)', () => {
    const role = parsed.get(`${ROLE_MODULE}/variables.tf`)!.variable;
    expect(role.allow_wildcard_subjects[0].default).toBe(false);
    expect(role.policy_arns[0].default).toEqual({});
    const sa = parsed.get(`${SERVICE_ACCOUNT_MODULE}/variables.tf`)!.variable;
    expect(sa.additional_oidc_provider_arns[0].default).toEqual([]);
    expect(sa.override_existing_service_account[0].default).toBe(false);
    expect(sa.create_role[0].default).toBe(true);
    expect(role.force_detach_policies[0].default).toBe(true);
  });

  test('validation patterns come from the rule table', () => {
    const text = [ROLE_MODULE, SERVICE_ACCOUNT_MODULE, 'eks-oidc-provider', 'eks-cluster-oidc']
      .flatMap((m) => [rendered[`${m}/variables.tf`], rendered[`${m}/main.tf`]])
      .join('');
    for (const [name, rule] of Object.entries(RULES)) {
      // Rules of wellKnownPolicies, which the modules do not offer.
      if (['hostedZoneId', 'eksClusterName'].includes(name)) continue;
      // EKS issuers are checked without "https://" (the tail of a provider ARN), from the same parts.
      const pattern = name === 'eksIssuerUrl' ? rule.pattern.replace('^https://', '^') : rule.pattern;
      expect({ name, pattern: text.includes(JSON.stringify(pattern)) }).toEqual({ name, pattern: true });
      const allowed = rule.allowed.replace(/"/g, '\\"');
      expect({ name, allowed: text.includes(allowed) }).toEqual({ name, allowed: true });
    }
  });

  test('the trust policy is a jsonencode of an object, not an escaped string', () => {
    const main = parsed.get(`${ROLE_MODULE}/main.tf`)!;
    const role = main.resource.aws_iam_role.this[0];
    expect(role.assume_role_policy).toBe('${jsonencode(local.trust_policy)}');
    expect(rendered[`${ROLE_MODULE}/main.tf`]).toMatch(/trust_policy = \{\n\s+Version\s+= "2012-10-17"/);
  });

  test('the service-account module calls the role module as a child module', () => {
    const main = parsed.get(`${SERVICE_ACCOUNT_MODULE}/main.tf`)!;
    expect(main.module.role[0].source).toBe(`../${ROLE_MODULE}`);
    expect(Object.keys(main.resource).sort()).toEqual([
      'kubernetes_annotations',
      'kubernetes_labels',
      'kubernetes_namespace_v1',
      'kubernetes_service_account_v1',
    ]);
  });

  test.each(MODULES)('%s: outputs.tf and the README list every input and output', (module, specs, outputs) => {
    const outputBlocks = parsed.get(`${module}/outputs.tf`)!.output;
    expect(Object.keys(outputBlocks).sort()).toEqual(outputs.map((o) => o.name).sort());
    const readme = rendered[`${module}/README.md`];
    for (const spec of specs()) expect(readme).toContain(`| \`${spec.name}\` |`);
    for (const output of outputs) expect(readme).toContain(`| \`${output.name}\` |`);
    for (const example of ['basic', 'multi-cluster', 'role-only-helm', 'for-each']) {
      expect(rendered[`${module}/examples/${example}/main.tf`]).toBeDefined();
    }
  });
});
