/**
 * The independent rule vectors (test/support/rule-vectors.ts) through the generated modules' own
 * `validation` blocks, with a real `terraform plan`. Only each module's variables.tf is used (copied into
 * a provider-free module), so no provider is needed and both modules are covered here, the
 * service-account module included although its Kubernetes provider is not installable on this machine.
 * Two plans in all: every accepted value as one module call each must plan; every refused value as one
 * module call each must fail, with one error naming exactly that call.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROLE_MODULE, SERVICE_ACCOUNT_MODULE } from '../../src/modules';
import { terraform, terraformCliUnavailableReason, terraformOk } from '../../tools/terraform';
import * as V from '../support/rule-vectors';
import { describeUnless } from '../support/skip';
import { MODULES_DIR } from './support';

/**
 * An HCL quoted string, written here independently of src/modules/hcl: everything outside printable
 * ASCII is a \u escape, and template sequences are doubled so they stay literal.
 */
function hclString(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `"${out.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}"`;
}

type Hcl = string | number | boolean | Hcl[] | { [key: string]: Hcl };
function hcl(value: Hcl): string {
  if (typeof value === 'string') return hclString(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(hcl).join(', ')}]`;
  return `{ ${Object.entries(value)
    .map(([k, v]) => `${hclString(k)} = ${hcl(v)}`)
    .join(', ')} }`;
}

const PROVIDER_ARN = V.OIDC_PROVIDER_ARN.accept[0];
type ModuleKind = 'role' | 'sa';
const BASE: Record<ModuleKind, Record<string, Hcl>> = {
  role: { oidc_providers: { main: { provider_arn: PROVIDER_ARN, namespace_service_accounts: ['default:app'] } } },
  sa: { name: 'app', oidc_provider_arn: PROVIDER_ARN },
};
const subjects = (subject: string, wildcards = false): Record<string, Hcl> => ({
  oidc_providers: { main: { provider_arn: PROVIDER_ARN, namespace_service_accounts: [subject] } },
  ...(wildcards ? { allow_wildcard_subjects: true } : {}),
});

interface ModuleUse<T> {
  readonly label: string;
  readonly module: ModuleKind;
  readonly inputs: (value: T) => Record<string, Hcl>;
}

const USES: [string, { accept: readonly (string | number)[]; refuse: readonly (string | number)[] }, ModuleUse<never>[]][] =
  [];
function uses<T extends string | number>(
  rule: string,
  vectors: { accept: readonly T[]; refuse: readonly T[] },
  list: ModuleUse<T>[],
): void {
  USES.push([rule, vectors, list as unknown as ModuleUse<never>[]]);
}

uses('namespace', V.DNS_LABEL, [
  { label: 'role subject namespace', module: 'role', inputs: (v) => subjects(`${v}:app`) },
  { label: 'service-account namespace', module: 'sa', inputs: (v) => ({ namespace: v }) },
]);
uses('serviceAccountName', V.DNS_SUBDOMAIN, [
  { label: 'role subject name', module: 'role', inputs: (v) => subjects(`default:${v}`) },
  { label: 'service-account name', module: 'sa', inputs: (v) => ({ name: v }) },
]);
uses('wildcardNamespace', V.WILDCARD_NAMESPACE, [
  { label: 'role wildcard namespace', module: 'role', inputs: (v) => subjects(`${v}:app`, true) },
]);
uses('wildcardServiceAccountName', V.WILDCARD_SERVICE_ACCOUNT_NAME, [
  { label: 'role wildcard name', module: 'role', inputs: (v) => subjects(`default:${v}`, true) },
]);
uses('metadataKey', V.QUALIFIED_NAME, [
  { label: 'labels key', module: 'sa', inputs: (v) => ({ labels: { [v]: 'x' } }) },
  { label: 'annotations key', module: 'sa', inputs: (v) => ({ annotations: { [v]: 'x' } }) },
]);
uses('labelValue', V.LABEL_VALUE, [{ label: 'labels value', module: 'sa', inputs: (v) => ({ labels: { k: v } }) }]);
uses('roleName', V.ROLE_NAME, [
  { label: 'role role_name', module: 'role', inputs: (v) => ({ role_name: v }) },
  { label: 'service-account role_name', module: 'sa', inputs: (v) => ({ role_name: v }) },
]);
uses('roleNamePrefix', V.ROLE_NAME_PREFIX, [
  { label: 'role role_name_prefix', module: 'role', inputs: (v) => ({ role_name_prefix: v }) },
]);
uses('policyName', V.POLICY_NAME, [
  {
    label: 'role inline_policies key',
    module: 'role',
    inputs: (v) => ({ inline_policies: { [v]: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' } }),
  },
]);
uses('rolePath', V.ROLE_PATH, [{ label: 'role role_path', module: 'role', inputs: (v) => ({ role_path: v }) }]);
uses('description', V.DESCRIPTION, [
  { label: 'role description', module: 'role', inputs: (v) => ({ description: v }) },
]);
uses('policyArn', V.POLICY_ARN, [
  { label: 'role permissions_boundary', module: 'role', inputs: (v) => ({ permissions_boundary: v }) },
  { label: 'role policy_arns', module: 'role', inputs: (v) => ({ policy_arns: { p: v } }) },
]);
uses('roleArn', V.ROLE_ARN, [
  { label: 'service-account attach_role_arn', module: 'sa', inputs: (v) => ({ create_role: false, attach_role_arn: v }) },
]);
uses('oidcProviderArn', V.OIDC_PROVIDER_ARN, [
  {
    label: 'role provider_arn',
    module: 'role',
    inputs: (v) => ({ oidc_providers: { main: { provider_arn: v, namespace_service_accounts: ['default:app'] } } }),
  },
  { label: 'service-account oidc_provider_arn', module: 'sa', inputs: (v) => ({ oidc_provider_arn: v }) },
]);
uses('audience', V.AUDIENCE, [
  { label: 'role audience', module: 'role', inputs: (v) => ({ audience: v }) },
  { label: 'service-account audience', module: 'sa', inputs: (v) => ({ audience: v }) },
]);
uses('tagKey', V.TAG_KEY, [{ label: 'role tags key', module: 'role', inputs: (v) => ({ tags: { [v]: 'x' } }) }]);
uses('tagValue', V.TAG_VALUE, [{ label: 'role tags value', module: 'role', inputs: (v) => ({ tags: { k: v } }) }]);
uses('maxSessionDuration', V.MAX_SESSION_DURATION, [
  { label: 'role max_session_duration', module: 'role', inputs: (v) => ({ max_session_duration: v }) },
]);
uses('trustPolicyMaxLength', V.TRUST_POLICY_MAX_LENGTH, [
  { label: 'role trust_policy_max_length', module: 'role', inputs: (v) => ({ trust_policy_max_length: v }) },
  { label: 'service-account trust_policy_max_length', module: 'sa', inputs: (v) => ({ trust_policy_max_length: v }) },
]);
// hostedZoneId and eksClusterName are construct-only (wellKnownPolicies): the modules take no such input.

interface Call {
  readonly describe: string;
  readonly module: ModuleKind;
  readonly inputs: Record<string, Hcl>;
}

function calls(which: 'accept' | 'refuse'): Call[] {
  const out: Call[] = [];
  for (const [rule, vectors, list] of USES) {
    for (const use of list) {
      for (const value of vectors[which]) {
        const inputs = { ...BASE[use.module], ...use.inputs(value as never) };
        // A ServiceAccount for an existing role (create_role = false) takes no OIDC provider.
        if (inputs.create_role === false) delete inputs.oidc_provider_arn;
        out.push({
          describe: `${rule} / ${use.label}: ${JSON.stringify(value).slice(0, 80)}`,
          module: use.module,
          inputs,
        });
      }
    }
  }
  return out;
}

/** A root module with one call per case (named c_<index>) of the variables-only copies. */
function writeConfig(dir: string, list: Call[]): void {
  for (const [kind, name] of [
    ['role', ROLE_MODULE],
    ['sa', SERVICE_ACCOUNT_MODULE],
  ] as const) {
    fs.mkdirSync(path.join(dir, kind), { recursive: true });
    fs.copyFileSync(path.join(MODULES_DIR, name, 'variables.tf'), path.join(dir, kind, 'variables.tf'));
  }
  const text = list
    .map(
      (c, i) =>
        `# ${c.describe.replace(/[^\x20-\x7e]/g, '?')}\nmodule "c_${i}" {\n  source = "./${c.module}"\n${Object.entries(
          c.inputs,
        )
          .map(([k, v]) => `  ${k} = ${hcl(v)}`)
          .join('\n')}\n}\n`,
    )
    .join('\n');
  fs.writeFileSync(path.join(dir, 'main.tf'), text);
}

describeUnless(terraformCliUnavailableReason(), 'rule vectors through the modules\' validation blocks (terraform plan)', () => {
  const dirs: string[] = [];
  const plan = (list: Call[]) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-rule-vectors-'));
    dirs.push(dir);
    writeConfig(dir, list);
    terraformOk(dir, ['init', '-input=false', '-no-color', '-backend=false']);
    return terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false']);
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('every accepted value plans', () => {
    const list = calls('accept');
    expect(list.length).toBeGreaterThan(200);
    const result = plan(list);
    const failed = [...result.stderr.matchAll(/in module "c_(\d+)"/g)].map((m) => list[Number(m[1])].describe);
    expect([...new Set(failed)]).toEqual([]);
    expect(result.status).toBe(0);
  });

  test('every refused value fails its own module call, and only that one', () => {
    const list = calls('refuse');
    expect(list.length).toBeGreaterThan(200);
    // Terraform 1.11 skips validations that refer to other variables (e.g. allow_wildcard_subjects) in a
    // call once other calls have failed, so the calls not yet reported are planned again on their own
    // until a plan reports none of them.
    let pending = list.map((_c, i) => i);
    const errors = new Set<string>();
    for (let round = 0; pending.length > 0 && round < 4; round++) {
      const result = plan(pending.map((i) => list[i]));
      const reported = new Set([...result.stderr.matchAll(/in module "c_(\d+)"/g)].map((m) => Number(m[1])));
      for (const m of result.stderr.matchAll(/Error: (.+)/g)) errors.add(m[1]);
      const next = pending.filter((_i, j) => !reported.has(j));
      if (result.status === 0 || next.length === pending.length) {
        pending = next;
        break;
      }
      pending = next;
    }
    expect(pending.map((i) => list[i].describe)).toEqual([]);
    // Every error is a failed variable validation (not a syntax error in the generated configuration).
    expect(errors).toEqual(new Set(['Invalid value for variable']));
  });
});
