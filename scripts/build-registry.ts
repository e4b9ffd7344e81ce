/**
 * `npm run build:registry`: assembles the Terraform Registry tree (root module, modules/*, examples/*,
 * README, LICENSE, versions.tf) from the generated modules into dist/registry/terraform-aws-eks-irsa and
 * checks it (layout rules, terraform fmt, terraform validate). `--no-terraform` checks the layout only.
 */
import * as path from 'node:path';
import { packageInfo, packageJsonPath } from '../src/modules/package-info';
import {
  checkRegistryTree,
  reportRegistryCheck,
  writeRegistryTree,
  registryTreeDir,
} from './release/registry-tree';

function main(): void {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--no-terraform');
  if (unknown.length > 0)
    throw new Error(`unknown argument ${unknown.join(' ')}: build:registry takes only --no-terraform`);
  const root = path.dirname(packageJsonPath(__dirname));
  const info = packageInfo();
  const dir = registryTreeDir(root);
  const files = writeRegistryTree(root, info, dir);
  process.stdout.write(`build:registry: wrote ${files.length} files to ${dir}\n`);
  const report = reportRegistryCheck(
    dir,
    checkRegistryTree(dir, info, { terraform: !args.includes('--no-terraform') }),
  );
  process.stdout.write(report.text);
  if (!report.ok) process.exit(1);
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`build:registry failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
