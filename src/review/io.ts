/**
 * The I/O that the `irsa` and `irsa-review` commands take explicitly (so tests run them in-process), and
 * the process's own. Kept apart from the review so that `irsa` loads the reviewer only for `irsa review`.
 */
import * as fs from 'node:fs';
import { decodeText } from './plan/read';

/** What a command reads and writes: its working folder, output streams, stdin and files. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  writeFile: (file: string, text: string) => void;
}

/** The running process's I/O. */
export const processIo: CliIo = {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => decodeText(fs.readFileSync(0)),
  writeFile: (file, text) => fs.writeFileSync(file, text),
};

/** A closed pipe (`irsa-review plan.json | head`) ends the process quietly instead of with a stack trace. */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
