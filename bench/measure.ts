/**
 * Measures whole processes from outside: wall time and peak RSS from GNU time (`/usr/bin/time`), or,
 * where it is missing, from python3's `getrusage(RUSAGE_CHILDREN)` around the child.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export interface Sample {
  seconds: number;
  maxRssMb: number;
}

export interface Command {
  label: string;
  argv: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

const GNU_TIME = '/usr/bin/time';
const PY_MEASURE = `import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
e = time.perf_counter() - t
m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write("\\n%f %d\\n" % (e, m))
sys.exit(r.returncode)`;

export function measure(command: Command): Sample {
  const useGnuTime = fs.existsSync(GNU_TIME);
  const argv = useGnuTime
    ? [GNU_TIME, '-f', '\n%e %M', ...command.argv]
    : ['python3', '-c', PY_MEASURE, ...command.argv];
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines = (result.stderr ?? '').trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  const match = /^([\d.]+) (\d+)$/.exec(last.trim());
  if (result.status !== 0 || !match) {
    throw new Error(`${command.label} failed (exit ${result.status}):\n${result.stderr}`);
  }
  // GNU time %e has 10 ms resolution; both report max RSS in KiB.
  return { seconds: Number(match[1]), maxRssMb: Number(match[2]) / 1024 };
}

export interface Stats {
  median: number;
  min: number;
  max: number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

export interface Comparison {
  a: { label: string; time: Stats; rss: Stats };
  b: { label: string; time: Stats; rss: Stats };
  /** Medians of the per-pair ratios a/b (each pair ran back to back). */
  timeRatio: Stats;
  rssRatio: Stats;
}

/** Runs A and B alternately (A, B, B, A, A, B, …) so drift on a shared machine hits both alike. */
export function compare(a: Command, b: Command, runs: number, warmups = 1): Comparison {
  for (let i = 0; i < warmups; i++) {
    measure(a);
    measure(b);
  }
  const as: Sample[] = [];
  const bs: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      as.push(measure(a));
      bs.push(measure(b));
    } else {
      bs.push(measure(b));
      as.push(measure(a));
    }
  }
  const summary = (label: string, s: Sample[]) => ({
    label,
    time: stats(s.map((x) => x.seconds)),
    rss: stats(s.map((x) => x.maxRssMb)),
  });
  return {
    a: summary(a.label, as),
    b: summary(b.label, bs),
    timeRatio: stats(as.map((x, i) => x.seconds / bs[i].seconds)),
    rssRatio: stats(as.map((x, i) => x.maxRssMb / bs[i].maxRssMb)),
  };
}
