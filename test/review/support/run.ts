/** Runs the CLI in-process with captured output. */
import { main, type CliIo } from '../../../src/review/cli';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  files: Map<string, string>;
}

export async function runCli(
  argv: string[],
  opts: { cwd?: string; stdin?: string } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const io: CliIo = {
    cwd: opts.cwd ?? process.cwd(),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: () => opts.stdin ?? '',
    writeFile: (file, text) => {
      files.set(file, text);
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, files };
}
