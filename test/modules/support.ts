import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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
