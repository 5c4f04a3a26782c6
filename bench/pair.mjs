// Pairing and contact-list rendering on a generated national directory: 5,000 truck stops and
// 20,000 law-enforcement contacts spread over every US county (deterministic: a seeded PRNG), one
// coalition covering all 50 states and DC. Figures only, no assertions.
// Then the statewide contacts at scale: BENCH_TROOPERS (20,000) more state patrol people at posts
// across each state (one agency per state, a post per few counties, each trooper with a ZIP of
// their own), and the document built again: each county sheet chooses its nearest troopers.
// Targets: pairing under 2 s, HTML for all counties under 2 s.
// Run: npm run build && npm run bench:pair   (BENCH_RUNS=5 by default)
import path from 'node:path';
import { BIN, finish, fmt, median, printTable, ROOT, tempDir, timeRun, mulberry32 } from './lib.mjs';

const dist = (p) => import(path.join(ROOT, 'dist', p));
const { openDatabaseFile } = await dist('db/connection.js');
const { createCoalition, findCoalitionRow } = await dist('core/coalitions.js');
const { STATES } = await dist('core/states.js');
const { computePairs } = await dist('core/pairing/compute.js');
const { savePairs } = await dist('core/pairing/save.js');
const { buildContactsDocument } = await dist('core/pairing/document.js');
const { renderHtml } = await dist('core/render/html.js');

const STOPS = Number(process.env.BENCH_STOPS ?? 5000);
const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 20000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const TROOPERS = Number(process.env.BENCH_TROOPERS ?? 20000);

const rand = mulberry32(20260312);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const file = path.join(tempDir(), 'national.db');
const { db } = await openDatabaseFile(file);
const t0 = performance.now();
const states = STATES.filter((s) => Number(s.fips) <= 56).map((s) => s.code);
const coalitionId = createCoalition(db, { slug: 'us-2026', name: 'National Bench Build', states, buildDate: '2026-03-12' }, new Date()).id;
const counties = db.prepare('SELECT fips, state, name, lat, lon FROM counties WHERE lat IS NOT NULL AND state IN (' + states.map(() => '?').join(',') + ')').all(...states);
// One county in eight has no officer of its own: the gaps.
const policed = counties.filter(() => rand() > 0.125);
const ts = new Date().toISOString();
const insOrg = db.prepare(`INSERT INTO organizations (name, name_key, city_key, sector, agency_type, city, state, county_fips, lat, lon, phone, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '${ts}', '${ts}')`);
const insPerson = db.prepare(`INSERT INTO people (first_name, last_name, name_key, title, email, phone, organization_id, share_contact, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, '${ts}', '${ts}')`);
const jitter = () => (rand() - 0.5) * 0.3;
const phone = () => `+1${200 + Math.floor(rand() * 700)}555${String(Math.floor(rand() * 10000)).padStart(4, '0')}`;
const FIRST = ['Maria', 'James', 'Ana', 'Tom', 'Kim', 'Dana', 'Sam', 'Lee', 'Chris', 'Pat', 'Jordan', 'Alex'];
const LAST = ['Kowalski', 'Reed', 'Lopez', 'Berg', 'Olsen', 'Nguyen', 'Smith', 'Garcia', 'Johnson', 'Brown', 'Miller', 'Davis'];
db.transaction(() => {
  for (let i = 0; i < STOPS; i++) {
    const c = pick(counties);
    const brand = pick(['Pilot Travel Center', "Love's Travel Stop", 'TA Travel Center', 'Petro Stopping Center', 'Flying J Travel Plaza']);
    const name = `${brand} #${1000 + i}`;
    const id = Number(insOrg.run(name, `${name.toLowerCase()}`, `${c.name.toLowerCase()}`, 'truck_stop', null, `${c.name} City`, c.state, c.fips, c.lat + jitter(), c.lon + jitter(), phone()).lastInsertRowid);
    insPerson.run(pick(FIRST), pick(LAST), `mgr${i}`, 'General Manager', `mgr${i}@stop.example`, phone(), id, rand() < 0.7 ? 1 : 0);
  }
  const agencies = new Map();
  for (let i = 0; i < OFFICERS; i++) {
    const r = rand();
    const type = r < 0.4 ? 'sheriff' : r < 0.85 ? 'police' : r < 0.9 ? 'other' : r < 0.93 ? 'federal' : r < 0.98 ? 'state_patrol' : 'dot_mve';
    const c = pick(policed);
    const key = `${type}:${type === 'state_patrol' || type === 'dot_mve' ? c.state : c.fips}`;
    let orgId = agencies.get(key);
    if (!orgId) {
      const name = type === 'sheriff' ? `${c.name} County Sheriff's Office` : type === 'police' ? `${c.name} City Police Department` : type === 'state_patrol' ? `${c.state} State Patrol` : type === 'dot_mve' ? `${c.state} Motor Vehicle Enforcement` : `${c.name} ${type} agency`;
      orgId = Number(insOrg.run(name, `${name.toLowerCase()} ${c.fips}`, `${c.name.toLowerCase()}`, 'law_enforcement', type, `${c.name} City`, c.state, c.fips, c.lat + jitter(), c.lon + jitter(), phone()).lastInsertRowid);
      agencies.set(key, orgId);
    }
    insPerson.run(pick(FIRST), pick(LAST), `le${i}`, pick(['Deputy', 'Sgt.', 'Lt.', 'Officer', 'Trooper']), `le${i}@agency.example`, phone(), orgId, rand() < 0.6 ? 1 : rand() < 0.5 ? 0 : null);
  }
})();
const genMs = performance.now() - t0;

const coalition = findCoalitionRow(db, 'us-2026');
// Wall-clock and CPU time of this process (CPU time is what the code costs when the machine is
// shared with other work; wall-clock is what a user waits).
const pairTimes = [];
const renderTimes = [];
const buildTimes = [];
const cpu = { pair: [], build: [], render: [] };
const cpuMs = (u) => (u.user + u.system) / 1000;
let result;
let html = '';
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  let c = process.cpuUsage();
  result = computePairs(db, coalitionId, {});
  pairTimes.push(performance.now() - t);
  cpu.pair.push(cpuMs(process.cpuUsage(c)));
  t = performance.now();
  c = process.cpuUsage();
  const doc = buildContactsDocument(db, coalition, result, { now: new Date() });
  buildTimes.push(performance.now() - t);
  cpu.build.push(cpuMs(process.cpuUsage(c)));
  t = performance.now();
  c = process.cpuUsage();
  html = await renderHtml('contacts', doc);
  renderTimes.push(performance.now() - t);
  cpu.render.push(cpuMs(process.cpuUsage(c)));
}
let t = performance.now();
const first = savePairs(db, coalitionId, result, new Date());
const saveMs = performance.now() - t;
t = performance.now();
const again = savePairs(db, coalitionId, computePairs(db, coalitionId, {}), new Date());
const resaveMs = performance.now() - t;

// Statewide contacts at scale, in a copy of the database so the CLI figures below are unchanged.
const heavyFile = path.join(path.dirname(file), 'troopers.db');
await db.backup(heavyFile);
db.close();
const { db: heavy } = await openDatabaseFile(heavyFile);
const insPersonAt = heavy.prepare(`INSERT INTO people (first_name, last_name, name_key, title, email, phone, organization_id, share_contact, lat, lon, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '${ts}', '${ts}')`);
const insPost = heavy.prepare(`INSERT INTO organizations (name, name_key, city_key, sector, agency_type, statewide, city, state, county_fips, lat, lon, phone, created_at, updated_at)
  VALUES (?, ?, ?, 'law_enforcement', 'state_patrol', 1, ?, ?, ?, ?, ?, ?, '${ts}', '${ts}')`);
const posts = [];
heavy.transaction(() => {
  for (const c of counties) {
    if (rand() > 0.2) continue;
    const name = `${c.state} State Patrol`;
    posts.push({ id: Number(insPost.run(name, name.toLowerCase(), `${c.name.toLowerCase()}`, `${c.name} City`, c.state, c.fips, c.lat, c.lon, phone()).lastInsertRowid), c });
  }
  for (let i = 0; i < TROOPERS; i++) {
    const p = pick(posts);
    insPersonAt.run(pick(FIRST), pick(LAST), `tr${i}`, 'Trooper', `tr${i}@patrol.example`, phone(), p.id, rand() < 0.6 ? 1 : 0, p.c.lat + jitter() / 10, p.c.lon + jitter() / 10);
  }
})();
const heavyTimes = [];
const heavyCpu = [];
let heavyDoc;
const heavyPairs = computePairs(heavy, coalitionId, {});
for (let i = 0; i < runs; i++) {
  t = performance.now();
  const c = process.cpuUsage();
  heavyDoc = buildContactsDocument(heavy, coalition, heavyPairs, { now: new Date() });
  heavyTimes.push(performance.now() - t);
  heavyCpu.push(cpuMs(process.cpuUsage(c)));
}
const statewidePeople = heavy.prepare("SELECT count(*) AS n FROM people p JOIN organizations o ON o.id = p.organization_id WHERE o.statewide = 1 OR o.agency_type IN ('state_patrol', 'dot_mve')").get().n;
heavy.close();

const cli = (args) => timeRun('node', [BIN, '--db', file, ...args]);
const pairCli = median([cli(['pair']), cli(['pair']), cli(['pair'])]);
const htmlCli = median([cli(['contacts', '--format', 'html', '-o', path.join(path.dirname(file), 'all.html')]), cli(['contacts', '--format', 'html', '-o', path.join(path.dirname(file), 'all.html')])]);

const s = result.summary;
printTable(`Pairing a national directory: ${STOPS} truck stops, ${OFFICERS} law-enforcement contacts, ${s.counties} counties (median of ${runs})`, [
  ['generate + insert (setup)', fmt(genMs), ''],
  ['computePairs', fmt(median(pairTimes)), `cpu ${fmt(median(cpu.pair))}  target < 2000 ms`],
  ['buildContactsDocument', fmt(median(buildTimes)), `cpu ${fmt(median(cpu.build))}`],
  ['renderHtml (all counties)', fmt(median(renderTimes)), `cpu ${fmt(median(cpu.render))}  target < 2000 ms (${(html.length / 1e6).toFixed(1)} MB HTML)`],
  [`buildContactsDocument, ${statewidePeople} statewide people`, fmt(median(heavyTimes)), `cpu ${fmt(median(heavyCpu))}  (${posts.length} patrol posts; ${heavyDoc.statewide.length} statewide contacts on ${heavyDoc.counties.length} sheets)`],
  ['savePairs, first', fmt(saveMs), `${first.inserted} rows`],
  ['compute + savePairs, unchanged', fmt(resaveMs), `${again.unchanged} unchanged, ${again.inserted + again.updated + again.deleted} written`],
  ['coalition pair (whole process)', fmt(pairCli), ''],
  ['coalition contacts --format html (whole process)', fmt(htmlCli), ''],
]);
console.log(`  load average while measuring: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
console.log(`\n  stops with a local officer ${s.with_local}, nearest only ${s.with_nearest}, none ${s.without}; gaps: ${s.gaps} counties`);
finish(path.dirname(file));
