import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const PROVIDER_ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  files: Map<string, string>;
}

/** Runs `irsa` in-process in `cwd` (a fresh temp folder by default); files written are returned. */
export async function irsa(
  argv: string[],
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-cli-')),
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const code = await main(argv, {
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => '',
    writeFile: (file, text) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      files.set(path.relative(cwd, file), text);
    },
  });
  return { code, stdout, stderr, files };
}

export function writeTemp(name: string, text: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-cfg-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { dir, file };
}
