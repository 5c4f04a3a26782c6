// Shared helpers for the benchmarks: timing whole processes and printing figures side by side.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'coalition');

export function tempDir(prefix = 'coalition-bench-') {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Wall-clock milliseconds of one run of a command, which must succeed. */
export function timeRun(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

const TIME = '/usr/bin/time';
const HAS_TIME = existsSync(TIME);

/**
 * One run of a child process: wall time measured here; CPU time (user + system, all threads) and
 * peak memory (maximum resident set size) from /usr/bin/time, NaN where it is not installed. The
 * machine may be shared, so CPU time says more than wall time alone. Throws unless the exit status
 * is one of `ok`.
 */
export function measure(cmd, args, { ok = [0], stdout = 'pipe' } = {}) {
  const full = HAS_TIME ? [TIME, ['-f', '@@time %U %S %M', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { stdio: ['ignore', stdout, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!ok.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
  const m = /@@time ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return {
    ms,
    cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN,
    peakMb: m ? Number(m[3]) / 1024 : NaN,
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '').replace(/^@@time .*$/m, ''),
  };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of n runs after one warm-up run. */
export function medianRun(cmd, args, n = 15, opts = {}) {
  timeRun(cmd, args, opts);
  const times = [];
  for (let i = 0; i < n; i++) times.push(timeRun(cmd, args, opts));
  return median(times);
}

export function printTable(title, rows) {
  console.log(`\n${title}`);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  for (const r of rows) console.log(`  ${r[0].padEnd(w0)}  ${r.slice(1).join('  ')}`);
}

export const fmt = (ms) => `${ms.toFixed(1).padStart(8)} ms`;

/** A small deterministic PRNG (mulberry32), so generated data is the same on every machine. */
export function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A benchmark's scratch folder (databases of hundreds of MB): removed at the end, unless
 * BENCH_KEEP=1 keeps it to look at. Left behind run after run, they fill the disk. */
export function finish(dir) {
  if (process.env.BENCH_KEEP) console.log(`  files kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
