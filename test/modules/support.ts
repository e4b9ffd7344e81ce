import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformPlan, terraform, terraformOk } from '../../tools/terraform';

export const REPO = path.join(__dirname, '..', '..');
export const MODULES_DIR = path.join(REPO, 'modules');

/** Every file under `dir`, as paths relative to it, sorted. */
export function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // Terraform's own working files are gitignored, not generated.
    if (entry.name === '.terraform' || entry.name === '.terraform.lock.hcl') continue;
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else out.push(path.relative(base, full));
  }
  return out.sort();
}

/** A temporary copy of modules/ (terraform writes .terraform/ and lock files where it runs). */
export function copyModules(prefix: string): { root: string; modules: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const modules = path.join(root, 'modules');
  fs.cpSync(MODULES_DIR, modules, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}.terraform`),
  });
  return { root, modules };
}

/** Removes the Kubernetes resources and provider requirement from a copy of the module. */
export function withoutKubernetes(moduleDir: string): void {
  const main = path.join(moduleDir, 'main.tf');
  const text = fs.readFileSync(main, 'utf8');
  const stripped = text.replace(/^resource "kubernetes_[a-z0-9_]+" "[a-z_]+" \{\n[\s\S]*?^\}\n/gm, '');
  expect(text.match(/^resource "kubernetes_/gm)).toHaveLength(4);
  expect(stripped).not.toContain('kubernetes_');
  fs.writeFileSync(main, stripped);
  const versions = path.join(moduleDir, 'versions.tf');
  fs.writeFileSync(
    versions,
    fs.readFileSync(versions, 'utf8').replace(/^\s+kubernetes = \{\n[\s\S]*?\n\s+\}\n/m, ''),
  );
  expect(fs.readFileSync(versions, 'utf8')).not.toContain('kubernetes');
}

/**
 * Removes, from a copy of the service-account module's `terraform test` file, the Kubernetes mock provider
 * and every assert block that reads a Kubernetes resource, so that the rest (outputs, validations) runs
 * against the copy without Kubernetes resources. Returns how many asserts were removed.
 */
export function withoutKubernetesAssertions(testFile: string): number {
  const text = fs.readFileSync(testFile, 'utf8');
  expect(text).toContain('mock_provider "kubernetes" {}\n');
  let removed = 0;
  const stripped = text
    .replace('mock_provider "kubernetes" {}\n', '')
    .replace(/^ +kubernetes = kubernetes\n/m, '')
    .replace(/\n {2}assert \{\n(?:(?!\n {2}\}).)*kubernetes_(?:(?!\n {2}\}).)*\n {2}\}\n/gs, () => {
      removed++;
      return '\n';
    });
  expect(stripped).not.toContain('kubernetes');
  fs.writeFileSync(testFile, stripped);
  return removed;
}

/** Planned AWS values of one input set, made comparable: policies parsed, lists in a stable order. */
export interface Planned {
  role: Record<string, unknown>;
  roleUnknown: unknown;
  attachments: Record<string, unknown>[];
  inlinePolicies: Record<string, unknown>[];
}

export function comparable(
  plan: TerraformPlan,
  setOf: (address: string, moduleAddress?: string) => string | undefined,
): Map<string, Planned> {
  const out = new Map<string, Planned>();
  const entry = (id: string) => {
    if (!out.has(id)) out.set(id, { role: {}, roleUnknown: undefined, attachments: [], inlinePolicies: [] });
    return out.get(id)!;
  };
  for (const rc of plan.resource_changes ?? []) {
    const id = setOf(rc.address, rc.module_address);
    const after = rc.change.after;
    if (!id || !after) continue;
    expect(rc.change.actions).toEqual(['create']);
    if (rc.type === 'aws_iam_role') {
      entry(id).role = { ...after, assume_role_policy: JSON.parse(after.assume_role_policy as string) };
      entry(id).roleUnknown = rc.change.after_unknown;
    } else if (rc.type === 'aws_iam_role_policy_attachment') {
      entry(id).attachments.push(after);
    } else if (rc.type === 'aws_iam_role_policy') {
      entry(id).inlinePolicies.push({ ...after, policy: JSON.parse(after.policy as string) });
    } else {
      throw new Error(`unexpected resource ${rc.address}`);
    }
  }
  for (const planned of out.values()) {
    planned.attachments.sort((a, b) => String(a.policy_arn).localeCompare(String(b.policy_arn)));
    planned.inlinePolicies.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  }
  return out;
}


/** The error messages (without Terraform's "This was checked by …" trailer) of a failing plan of `dir`. */
export function planErrors(dir: string, mainTf: string): string[] {
  fs.writeFileSync(path.join(dir, 'main.tf'), mainTf);
  terraformOk(dir, ['init', '-input=false', '-no-color']);
  const result = terraform(dir, ['plan', '-json', '-input=false', '-no-color', '-lock=false']);
  expect(result.status).not.toBe(0);
  return result.stdout
    .split('\n')
    .filter((line) => line.includes('"diagnostic"'))
    .map((line) => JSON.parse(line).diagnostic as { severity: string; detail: string })
    .filter((d) => d.severity === 'error')
    .map((d) => d.detail.split('\n\nThis was checked by')[0]);
}

export interface BadInput {
  readonly name: string;
  /** A module block for this case. */
  readonly moduleBlock: string;
  readonly message: string;
}

/**
 * Plans all cases in one root configuration and checks each prints its message and nothing unexpected is
 * printed. Terraform checks single-variable validations, then cross-variable ones, then preconditions, and
 * stops at the first stage with errors, so it plans again without the cases already seen.
 */
export function expectMessages(dir: string, header: string, cases: readonly BadInput[]): void {
  const expected = new Set(cases.map((c) => c.message));
  let remaining = [...cases];
  for (let round = 0; remaining.length > 0 && round < 4; round++) {
    const messages = planErrors(dir, [header, ...remaining.map((c) => c.moduleBlock)].join('\n'));
    for (const message of messages) expect(expected).toContain(message);
    const before = remaining.length;
    remaining = remaining.filter((c) => !messages.includes(c.message));
    expect(remaining.length).toBeLessThan(before);
  }
  expect(remaining.map((c) => c.name)).toEqual([]);
}
