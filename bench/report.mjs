// The goal-progress report on a large generated database: 50 coalitions (one per state), 200,000
// people at 20,000 organizations, 1,000,000 training sign-offs, 5,000 follow-up activities and ten
// years of monthly hotline figures for 50 states (deterministic: a seeded PRNG). Times the whole
// `coalition report -c SLUG --json` and `coalition report --all --json` processes, wall clock and
// CPU time (user + system, from /usr/bin/time when it is there), beside two references run in the
// same session: `coalition --version` (start-up) and a bare `sqlite3` count of the sign-offs. The
// machine's load average is printed with them: on a shared machine, wall time is not CPU time.
// Figures only. Targets: one coalition under 300 ms, --all under 3 s.
// Run: npm run build && npm run bench:report   (BENCH_RUNS=5 by default; BENCH_KEEP=1 keeps the db)
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, fmt, measure, median, mulberry32, printTable, ROOT, tempDir } from './lib.mjs';

const dist = (p) => import(path.join(ROOT, 'dist', p));
const { openDatabaseFile } = await dist('db/connection.js');
const { createCoalition } = await dist('core/coalitions.js');
const { STATES } = await dist('core/states.js');

const N = {
  coalitions: Number(process.env.BENCH_COALITIONS ?? 50),
  people: Number(process.env.BENCH_PEOPLE ?? 200_000),
  orgs: Number(process.env.BENCH_ORGS ?? 20_000),
  signoffs: Number(process.env.BENCH_SIGNOFFS ?? 1_000_000),
  activities: Number(process.env.BENCH_ACTIVITIES ?? 5_000),
  years: 10,
};
const runs = Number(process.env.BENCH_RUNS ?? 5);

const rand = mulberry32(20261128);
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];
const day = (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

// BENCH_DB=FILE times an existing bench database (kept with BENCH_KEEP=1) instead of generating one.
const reuse = process.env.BENCH_DB;
const dir = reuse ? null : tempDir();
const file = reuse ?? path.join(dir, 'report-bench.db');
const COUNTS_SQL = `SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM signoffs) AS signoffs, (SELECT count(*) FROM activities) AS activities,
  (SELECT count(*) FROM hotline_stats) AS hotline, (SELECT count(*) FROM attendance) AS attendance, (SELECT count(*) FROM organizations) AS orgs`;
let counts;
let coalitions;
let genMs = 0;
if (reuse) {
  const { db } = await openDatabaseFile(file, { create: false });
  counts = db.prepare(COUNTS_SQL).get();
  coalitions = db.prepare('SELECT id FROM coalitions').all();
  db.close();
} else {
  const { db } = await openDatabaseFile(file);
const t0 = performance.now();
const states = STATES.filter((s) => Number(s.fips) <= 56 && s.code !== 'DC').map((s) => s.code).slice(0, N.coalitions);
const ts = '2026-01-01T00:00:00Z';
coalitions = states.map((st, i) => {
  const buildDate = day(2020 + (i % 6), 1 + (i % 12), 1 + (i % 27));
  return { id: createCoalition(db, { slug: `${st.toLowerCase()}-build`, name: `${st} Coalition Build`, states: [st], buildDate }, new Date(ts)).id, state: st, buildDate };
});
const counties = new Map();
for (const c of db.prepare('SELECT fips, state FROM counties').all()) {
  if (!counties.has(c.state)) counties.set(c.state, []);
  counties.get(c.state).push(c.fips);
}
const KINDS = [
  ['law_enforcement', 'sheriff', 0.2], ['law_enforcement', 'police', 0.15], ['law_enforcement', 'state_patrol', 0.03], ['law_enforcement', 'dot_mve', 0.02],
  ['truck_stop', null, 0.25], ['trucking', 'carrier', 0.2], ['trucking', 'association', 0.01], ['government', 'attorney_general', 0.01],
  ['victim_services', null, 0.05], ['ngo', null, 0.04], ['energy', null, 0.02], ['bus', null, 0.02],
];
function kindFor() {
  let r = rand();
  for (const k of KINDS) if ((r -= k[2]) < 0) return k;
  return KINDS[0];
}
const MODULES = ['build-initial', 'le-victim-centered', 'survivor-session', 'truck-stop-employee', 'driver', 'cdl-entry', 'le-tat'];
const ACTS = [
  ['commitment', () => ({ what: pick(['train-drivers', 'train-employees', 'distribute-materials', 'join-task-force']) }), true],
  ['distribution-point', () => ({ materials: ['wallet cards', 'posters'] }), true],
  ['training-event', () => ({ audience: pick(['law_enforcement', 'trucking', 'truck_stop']) }), false],
  ['task-force', () => ({ name: `Task Force ${int(5)}` }), true],
  ['investigation', () => ({}), false],
  ['sbi', () => ({ component: pick(['executive-order', 'train-agencies', 'distribute-materials', 'forfeiture-funds', 'hotline-network', 'cdl-curriculum']), status: pick(['adopted', 'in-progress', 'none']) }), false],
  ['cdl-mandate', () => ({ status: pick(['none', 'proposed', 'introduced', 'passed', 'implemented']) }), false],
  ['provider-invited', () => ({}), true],
  ['agenda', () => ({ item: pick(['le-led-session', 'survivor-session']) }), false],
];

db.transaction(() => {
  const insOrg = db.prepare(`INSERT INTO organizations (name, name_key, city_key, sector, agency_type, state, county_fips, vetted_by, distribution_point, created_at, updated_at) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, '${ts}', '${ts}')`);
  const orgs = [];
  for (let i = 0; i < N.orgs; i++) {
    const st = pick(states);
    const [sector, agency] = kindFor();
    const id = Number(insOrg.run(`Org ${i}`, `org ${i}`, sector, agency, st, pick(counties.get(st)), sector === 'victim_services' && rand() < 0.5 ? 'AG' : null, sector === 'truck_stop' && rand() < 0.1 ? 1 : 0).lastInsertRowid);
    orgs.push({ id, st, sector });
  }
  const byState = new Map(states.map((s) => [s, orgs.filter((o) => o.st === s)]));
  const insPerson = db.prepare(`INSERT INTO people (first_name, last_name, name_key, organization_id, created_at, updated_at) VALUES ('P', ?, ?, ?, '${ts}', '${ts}')`);
  const insAtt = db.prepare(`INSERT INTO attendance (coalition_id, person_id, registered_at, checked_in, created_at, updated_at) VALUES (?, ?, ?, ?, '${ts}', '${ts}')`);
  const people = [];
  for (let i = 0; i < N.people; i++) {
    const c = coalitions[i % coalitions.length];
    const org = pick(byState.get(c.state));
    const id = Number(insPerson.run(`L${i}`, `p l${i}`, org.id).lastInsertRowid);
    people.push(id);
    // Every person registered for their state's build; 85 % checked in.
    insAtt.run(c.id, id, c.buildDate, rand() < 0.85 ? 1 : 0);
  }
  const insSign = db.prepare(`INSERT OR IGNORE INTO signoffs (person_id, module_id, completed_on, coalition_id, created_at) VALUES (?, ?, ?, ?, '${ts}')`);
  let s = 0;
  while (s < N.signoffs) {
    const i = int(people.length);
    const c = coalitions[i % coalitions.length];
    const r = insSign.run(people[i], pick(MODULES), day(2019 + int(8), 1 + int(12), 1 + int(28)), rand() < 0.8 ? c.id : null);
    s += r.changes;
  }
  const insCount = db.prepare(`INSERT OR IGNORE INTO training_counts (organization_id, module_id, count, completed_on, coalition_id, created_at) VALUES (?, ?, ?, ?, ?, '${ts}')`);
  for (let i = 0; i < 20_000; i++) {
    const o = pick(orgs);
    insCount.run(o.id, o.sector === 'truck_stop' ? 'truck-stop-employee' : 'driver', 5 + int(200), day(2019 + int(8), 1 + int(12), 1 + int(28)), rand() < 0.5 ? coalitions[states.indexOf(o.st)].id : null);
  }
  const insAct = db.prepare(`INSERT INTO activities (coalition_id, kind, occurred_on, organization_id, count, details_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '${ts}', '${ts}')`);
  for (let i = 0; i < N.activities; i++) {
    const c = coalitions[i % coalitions.length];
    const [kind, details, withOrg] = pick(ACTS);
    insAct.run(c.id, kind, day(2020 + int(7), 1 + int(12), 1 + int(28)), withOrg ? pick(byState.get(c.state)).id : null, kind === 'training-event' || kind === 'investigation' || kind === 'distribution-point' ? 1 + int(80) : null, JSON.stringify(details()));
  }
  const insHot = db.prepare(`INSERT INTO hotline_stats (state, period, granularity, calls, texts, webchats, emails, online_tips, cases, source, created_at, updated_at) VALUES (?, ?, 'month', ?, ?, ?, ?, ?, ?, 'bench', '${ts}', '${ts}')`);
  for (const st of states) for (let y = 2017; y < 2017 + N.years; y++) for (let m = 1; m <= 12; m++) insHot.run(st, `${y}-${String(m).padStart(2, '0')}`, 30 + int(40), int(15), int(8), int(4), int(10), int(9));
  const insLint = db.prepare('INSERT INTO lint_runs (coalition_id, checked_at, findings) VALUES (?, ?, ?)');
  for (const c of coalitions) for (let k = 0; k < 3; k++) insLint.run(c.id, `${day(2021 + k, 3, 1)}T10:00:00Z`, int(10));
})();
db.pragma('wal_checkpoint(TRUNCATE)');
db.exec('ANALYZE');
counts = db.prepare(COUNTS_SQL).get();
db.close();
genMs = performance.now() - t0;

}
const one = ['--db', file, 'report', '-c', 'ia-build', '--json', '--as-of', '2026-11-28'];
const all = ['--db', file, 'report', '--all', '--json', '--as-of', '2026-11-28'];
const hasSqlite = spawnSync('sqlite3', ['-version']).status === 0;

/** One run: wall ms and CPU ms (user + system of the child, NaN without /usr/bin/time). */
function run(cmd, args) {
  const r = measure(cmd, args, { stdout: 'ignore' });
  return { wall: r.ms, cpu: r.cpuMs };
}
const time = (cmd, args, n) => {
  run(cmd, args);
  const rs = [];
  for (let i = 0; i < n; i++) rs.push(run(cmd, args));
  return { wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)) };
};
const load0 = os.loadavg();
const nodeT = time('node', [BIN, '--version'], runs);
const sqliteT = hasSqlite ? time('sqlite3', [file, 'SELECT count(*) FROM signoffs'], runs) : null;
const oneT = time('node', [BIN, ...one], runs);
const allT = time('node', [BIN, ...all], Math.max(1, Math.ceil(runs / 2)));
const load1 = os.loadavg();

const cpu = (t) => (Number.isNaN(t.cpu) ? '      (no /usr/bin/time)' : `${fmt(t.cpu)} CPU`);
const verdict = (ms, target) => `target < ${target >= 1000 ? `${target / 1000} s` : `${target} ms`}: ${ms < target ? 'met' : 'MISSED'}`;
printTable(`Report on a generated database (${counts.people.toLocaleString()} people, ${counts.orgs.toLocaleString()} organizations, ${counts.attendance.toLocaleString()} registrations, ${counts.signoffs.toLocaleString()} sign-offs, ${counts.activities.toLocaleString()} activities, ${counts.hotline.toLocaleString()} hotline rows; generated in ${(genMs / 1000).toFixed(1)} s), median of ${runs} whole-process runs (--all: ${Math.max(1, Math.ceil(runs / 2))}); load average ${load0[0].toFixed(2)} before, ${load1[0].toFixed(2)} after, ${os.cpus().length} CPUs`, [
  ['', '    wall clock', '           CPU (user+sys)', 'target (wall / CPU)'],
  ['coalition --version (start-up, reference)', fmt(nodeT.wall), cpu(nodeT), ''],
  ...(sqliteT ? [['sqlite3 FILE "SELECT count(*) FROM signoffs" (reference)', fmt(sqliteT.wall), cpu(sqliteT), '']] : []),
  ['coalition report -c ia-build --json', fmt(oneT.wall), cpu(oneT), `${verdict(oneT.wall, 300)} / ${Number.isNaN(oneT.cpu) ? '–' : verdict(oneT.cpu, 300)}`],
  [`coalition report --all --json (${coalitions.length} coalitions)`, fmt(allT.wall), cpu(allT), `${verdict(allT.wall, 3000)} / ${Number.isNaN(allT.cpu) ? '–' : verdict(allT.cpu, 3000)}`],
]);
if (process.env.BENCH_KEEP && dir) console.log(`\nDatabase kept at ${file}`);
else if (dir) rmSync(dir, { recursive: true, force: true });
