/**
 * Finds what a release must not ship in its documentation and module snippets: placeholder repository
 * names (`<org>/<repo>`), TODO-style markers, module refs other than this version's tag, module sources on
 * another repository, and GitHub Action refs of this repository other than this version's tag.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageInfo, releaseTag } from '../../src/modules/package-info';

/** The paths (relative to the repository root) that are scanned: files or folders. */
export const PLACEHOLDER_SCAN_PATHS = ['README.md', 'docs', 'modules', 'examples', 'src'];

const TEXT_FILE = /\.(md|ts|tf|hcl|ya?ml|json|txt|sh)$/;
const PLACEHOLDER = /<(org|repo|owner|organi[sz]ation|your[-_a-z]*)>|\b(TODO|FIXME|TBD|XXX)\b/gi;
const TODO_CASE = /^(TODO|FIXME|TBD|XXX)$/;

/** Text files under the scanned paths, relative to `root`, sorted. */
export function scannedFiles(root: string, scan: readonly string[] = PLACEHOLDER_SCAN_PATHS): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const full = path.join(root, rel);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const entry of fs.readdirSync(full).sort()) walk(path.posix.join(rel, entry));
    } else if (TEXT_FILE.test(rel)) out.push(rel);
  };
  for (const p of scan) walk(p);
  return out.sort();
}

/** Every problem in one file's text, as `file:line: message`. */
export function placeholderProblemsIn(file: string, text: string, info: PackageInfo): string[] {
  const problems: string[] = [];
  const tag = releaseTag(info.version);
  const repoPath = new URL(info.repositoryUrl).pathname.slice(1);
  text.split('\n').forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    for (const m of line.matchAll(PLACEHOLDER)) {
      // Angle-bracket placeholders in any case; TODO-style markers only in capitals.
      if (m[2] && !TODO_CASE.test(m[2])) continue;
      problems.push(`${at}: placeholder "${m[0]}"`);
    }
    for (const m of line.matchAll(/\?ref=([^"'`\s)&\]]+)/g)) {
      // `${...}` is the generator's template (src/modules), which derives the tag from package.json.
      if (m[1].startsWith('${') || m[1] === tag) continue;
      problems.push(`${at}: ?ref=${m[1]} is not this version's tag ${tag}`);
    }
    for (const m of line.matchAll(
      /github\.com\/([A-Za-z0-9_.<>-]+\/[A-Za-z0-9_.<>-]+?)\.git\/\/modules\//g,
    )) {
      if (m[1] !== repoPath)
        problems.push(`${at}: module source on ${m[1]}, not this repository ${repoPath}`);
    }
    for (const m of line.matchAll(
      /uses:\s*['"]?([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(?:\/[^@\s'"]*)?@([^\s'"]+)/g,
    )) {
      if (m[1] === repoPath && m[2] !== tag)
        problems.push(`${at}: uses ${m[1]}@${m[2]} is not this version's tag ${tag}`);
    }
  });
  return problems;
}

/** Every placeholder problem under the scanned paths of the repository at `root`. */
export function placeholderProblems(
  root: string,
  info: PackageInfo,
  scan: readonly string[] = PLACEHOLDER_SCAN_PATHS,
): string[] {
  return scannedFiles(root, scan).flatMap((f) =>
    placeholderProblemsIn(f, fs.readFileSync(path.join(root, f), 'utf8'), info),
  );
}
