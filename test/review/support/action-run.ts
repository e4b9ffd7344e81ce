/**
 * Runs the GitHub Action's script as the runner would: a child process of the JavaScript that action.yml
 * names, inside a package layout (`dist/src/…` beside package.json) transpiled from src/ so the test does
 * not depend on a build, with the runner's environment, and with every connection but the fake API's
 * refused (support/loopback-only.js).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.join(__dirname, '..', '..', '..');

/** Transpiles src/review, src/iam and src/kubernetes (constants the review shares) into `<dir>/dist/src/` and copies package.json to `<dir>`. */
export function transpilePackage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-action-pkg-'));
  for (const sub of ['src/review', 'src/iam', 'src/kubernetes']) {
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.ts')) {
          const js = ts.transpileModule(fs.readFileSync(full, 'utf8'), {
            compilerOptions: {
              module: ts.ModuleKind.CommonJS,
              target: ts.ScriptTarget.ES2022,
              esModuleInterop: true,
            },
          }).outputText;
          const target = path.join(dir, 'dist', path.relative(root, full)).replace(/\.ts$/, '.js');
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, js);
        }
      }
    };
    walk(path.join(root, sub));
  }
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  return dir;
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Contents of GITHUB_OUTPUT after the run. */
  outputs: string;
  /** Contents of GITHUB_STEP_SUMMARY after the run. */
  summary: string;
  /** Connections the loopback guard refused, `host:port` per line. */
  blocked: string;
}

export interface RunOptions {
  /** The script, absolute. */
  script: string;
  /** Working directory (GITHUB_WORKSPACE). */
  workspace: string;
  /** INPUT_* and GITHUB_* variables; the rest of the runner's environment is filled in. */
  env: Record<string, string>;
  /** Ports the script may connect to on 127.0.0.1. */
  allowedPorts: number[];
}

export async function runScript(options: RunOptions): Promise<ScriptRun> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-action-run-'));
  const files = {
    output: path.join(scratch, 'output'),
    summary: path.join(scratch, 'summary'),
    blocked: path.join(scratch, 'blocked'),
  };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_PATH: path.join(root, 'node_modules'),
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: path.join(options.workspace, 'runner-temp'),
    LOOPBACK_ALLOWED_PORTS: options.allowedPorts.join(','),
    LOOPBACK_BLOCKED_LOG: files.blocked,
    ...options.env,
  };
  const guard = path.join(__dirname, 'loopback-only.js');
  const child = spawn(process.execPath, ['-r', guard, options.script], { cwd: options.workspace, env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const read = (f: string): string => fs.readFileSync(f, 'utf8');
  const result = {
    code,
    stdout,
    stderr,
    outputs: read(files.output),
    summary: read(files.summary),
    blocked: read(files.blocked),
  };
  fs.rmSync(scratch, { recursive: true, force: true });
  return result;
}
