/**
 * A minimal `moto_server` for the upgrade check: on a free loopback port, with the AWS managed policies
 * loaded, stopped by `stop()`. Where it is missing the test skips with the reason; with
 * IRSA_REQUIRE_EMULATOR=1 (CI) its absence fails the run.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';

export const REQUIRE_EMULATOR_ENV = 'IRSA_REQUIRE_EMULATOR';

/** Why the emulator cannot run here, or undefined; throws when IRSA_REQUIRE_EMULATOR=1. */
export function emulatorUnavailableReason(): string | undefined {
  const missing = ['moto_server', 'aws'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status !== 0,
  );
  if (missing.length === 0) return undefined;
  const reason = `${missing.join(' and ')} not on PATH (the AWS API emulator, moto, and the AWS CLI)`;
  if (process.env[REQUIRE_EMULATOR_ENV] === '1') {
    throw new Error(`${REQUIRE_EMULATOR_ENV}=1 but ${reason}`);
  }
  return reason;
}

export interface Emulator {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Runs the AWS CLI against the emulator; throws with its output on failure. */
  aws(args: string[]): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function responds(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${endpoint}/moto-api/`, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('error', () => resolve(false));
  });
}

/** Starts moto_server and waits until it answers (at most 200 tries, 100 ms apart). */
export async function startEmulator(): Promise<Emulator> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let attempt = 0; !(await responds(endpoint)); attempt++) {
    if (exited || attempt >= 200) {
      child.kill();
      throw new Error(`moto_server did not start on ${endpoint}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  return {
    endpoint,
    aws(args) {
      const result = spawnSync('aws', [...args, '--endpoint-url', endpoint, '--output', 'json'], {
        encoding: 'utf8',
        env,
      });
      if (result.status !== 0) throw new Error(`aws ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
