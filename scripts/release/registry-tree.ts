/**
 * Writes the Terraform Registry tree to dist/registry/<terraform-aws-eks-irsa> (outside the tracked tree:
 * dist/ is ignored) and checks it. Shared by `npm run build:registry`, the release command and the test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageInfo } from '../../src/modules/package-info';
import { REGISTRY_REPOSITORY, assembleRegistryTree, registryAddress } from './registry';
import {
  TerraformCheck,
  listTree,
  registryLayoutProblems,
  terraformCheckRegistryTree,
} from './registry-check';

/** Where the tree is written: dist/registry/terraform-aws-eks-irsa under the repository root. */
export function registryTreeDir(root: string): string {
  return path.join(root, 'dist', 'registry', REGISTRY_REPOSITORY);
}

/** Assembles the tree from `<root>/modules` and `<root>/LICENSE` into `outDir` (replacing it); returns its files. */
export function writeRegistryTree(
  root: string,
  info: PackageInfo,
  outDir: string = registryTreeDir(root),
): string[] {
  const modulesDir = path.join(root, 'modules');
  const modulesFiles = Object.fromEntries(
    listTree(modulesDir).map((f) => [f, fs.readFileSync(path.join(modulesDir, f), 'utf8')]),
  );
  const tree = assembleRegistryTree(modulesFiles, fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'), info);
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(tree)) {
    fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
    fs.writeFileSync(path.join(outDir, file), text);
  }
  return Object.keys(tree);
}

/** The result of checking a written tree. */
export interface RegistryCheck extends TerraformCheck {
  readonly layout: string[];
}

/** Layout rules, then (unless `terraform` is false) fmt and validate. */
export function checkRegistryTree(
  dir: string,
  info: PackageInfo,
  options: { terraform?: boolean } = {},
): RegistryCheck {
  const files = Object.fromEntries(listTree(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  const layout = registryLayoutProblems(
    path.basename(dir),
    files,
    { address: registryAddress(info), version: info.version },
    listTree(dir, true),
  );
  const tf =
    options.terraform === false
      ? { problems: [], validated: [], skipped: [] }
      : terraformCheckRegistryTree(dir);
  return { layout, ...tf };
}

/** A human-readable report of a check; `ok` is false when anything failed (skips do not fail). */
export function reportRegistryCheck(dir: string, check: RegistryCheck): { ok: boolean; text: string } {
  const lines = [`Registry tree ${dir}:`];
  lines.push(`  layout: ${check.layout.length === 0 ? 'ok' : `${check.layout.length} problem(s)`}`);
  for (const p of check.layout) lines.push(`    - ${p}`);
  if (check.validated.length > 0) lines.push(`  terraform validate ok: ${check.validated.join(', ')}`);
  for (const s of check.skipped) lines.push(`  SKIPPED terraform validate of ${s.dir}: ${s.reason}`);
  for (const p of check.problems) lines.push(`  FAILED ${p}`);
  return { ok: check.layout.length === 0 && check.problems.length === 0, text: `${lines.join('\n')}\n` };
}
