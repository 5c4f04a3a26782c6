// `npm run bench`: every benchmark in turn, each printing its figures beside a reference measured
// in the same run. BENCH_ONLY=startup,pair runs a subset. Nothing here asserts: figures only.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './lib.mjs';

const all = ['startup', 'import', 'train', 'pair', 'report', 'people'];
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : all;
const unknown = only.filter((b) => !all.includes(b));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${all.join(', ')}`);
  process.exit(2);
}

const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let failed = 0;
for (const name of only) {
  console.log(`\n=== bench:${name} ===`);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bench', `${name}.mjs`)], { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`bench:${name} failed (exit ${r.status})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
