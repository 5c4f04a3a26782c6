// What one new person costs SQLite as the people table grows, with and without the two indexes that
// identity reads (the unique e-mail and the name at an organization). Not a test: figures only.
// It measures the writing thread's floor for `bench:import`, without any of the import's own work.
//
//   npm run bench:people                 (BENCH_ROWS=1000000 by default)
//
// 1. Inserts BENCH_ROWS people, random e-mails and names, into a migrated coalition database with
//    the pragmas and page cache an import uses, one transaction, timing each quarter.
// 2. The same into a copy whose `people` table has no e-mail or name index, then builds both.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BIN, tempDir } from './lib.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const dir = tempDir('coalition-bench-people-');
const base = path.join(dir, 'base.db');
const made = spawnSync('node', [BIN, '--db', base, 'db', 'migrate'], { encoding: 'utf8' });
if (made.status !== 0) throw new Error(made.stderr);

const COLS = ['first_name', 'last_name', 'name_key', 'title', 'email', 'phone', 'address', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'share_contact', 'created_batch', 'created_at', 'updated_at'];
const row = (i) => {
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  return [`First${h % 50}`, `Last${h % 70}`, `first${h % 50} last${h % 70}${h % 1000}`, 'Sgt.', `p${h}x${i}@agency${i % 997}.example`, `+1515555${String(i % 10000).padStart(4, '0')}`, `${i} Main St, Suite 4`, 'Des Moines', 'IA', '50309', '19153', 'zip', 41.6, -93.6, 1, 1, '2026-11-28T00:00:00Z', '2026-11-28T00:00:00Z'];
};

function open(file) {
  copyFileSync(base, file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -8192');
  db.exec("INSERT INTO import_batches (id, kind, content_hash, started_at) VALUES (1, 'contacts', 'bench', 't')");
  // The indexes an import defers anyway.
  for (const ix of ['people_org', 'people_phone', 'people_county']) db.exec(`DROP INDEX ${ix}`);
  return db;
}

function run(label, db, after) {
  const ins = db.prepare(`INSERT INTO people (${COLS}) VALUES (${COLS.map(() => '?')})`);
  const quarter = Math.ceil(ROWS / 4);
  const parts = [];
  db.exec('BEGIN');
  let t = process.hrtime.bigint();
  for (let i = 0; i < ROWS; i++) {
    ins.run(row(i));
    if ((i + 1) % quarter === 0 || i === ROWS - 1) {
      const now = process.hrtime.bigint();
      parts.push(Number(now - t) / 1e3 / quarter);
      t = now;
    }
  }
  const t0 = process.hrtime.bigint();
  after?.(db);
  const build = Number(process.hrtime.bigint() - t0) / 1e6;
  db.exec('COMMIT');
  db.close();
  console.log(`  ${label.padEnd(46)} ${parts.map((p) => p.toFixed(1).padStart(6)).join(' ')}   ${after ? `then ${(build / 1000).toFixed(1)} s to build them` : ''}`);
}

console.log(`${ROWS.toLocaleString('en-US')} new people, µs per person in each quarter of the table:`);
run('with the e-mail and name indexes', open(path.join(dir, 'a.db')));
const b = open(path.join(dir, 'b.db'));
// What a big import does since migration 4: drop both, build them after the rows.
b.exec('DROP INDEX people_email; DROP INDEX people_name_org;');
run('without them, built after the rows', b, (db) => {
  db.exec('CREATE UNIQUE INDEX people_email ON people(email)');
  db.exec('CREATE INDEX people_name_org ON people(name_key, organization_id)');
});
// Two databases of a million people each: gone unless BENCH_KEEP=1.
if (process.env.BENCH_KEEP) console.log(`  files in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
