// Start-up time: median whole-process time of `coalition --version` and `coalition list` on a small
// database, against bare `node -e 0` in the same run. Not a test: figures only.
import path from 'node:path';
import { BIN, fmt, medianRun, printTable, tempDir, timeRun } from './lib.mjs';

const n = Number(process.env.BENCH_RUNS ?? 21);
const db = path.join(tempDir(), 'startup.db');
timeRun('node', [BIN, '--db', db, 'new', '--name', 'Bench', '--state', 'IA', '--date', '2026-03-12']);

const node = medianRun('node', ['-e', '0'], n);
const version = medianRun('node', [BIN, '--version'], n);
const help = medianRun('node', [BIN, '--help'], n);
const list = medianRun('node', [BIN, '--db', db, 'list'], n);

printTable(`Start-up, median of ${n} runs (target: --version within 40 ms of node, list within 80 ms)`, [
  ['node -e 0 (reference)', fmt(node), ''],
  ['coalition --version', fmt(version), `+${(version - node).toFixed(1)} ms`],
  ['coalition --help', fmt(help), `+${(help - node).toFixed(1)} ms`],
  ['coalition list (small db)', fmt(list), `+${(list - node).toFixed(1)} ms`],
]);
