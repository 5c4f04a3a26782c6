// Import benchmark (issue 3, item 10). Not a test: figures only.
//
// 1. Generates a deterministic, messy contacts CSV (default 1,000,000 rows; BENCH_ROWS to change):
//    mixed-case and padded e-mails, phones in every format with extensions, ZIP+4 and ZIPs whose
//    leading zero Excel dropped, "Last, First" names with ranks, quoted fields with commas, blank
//    counties, a few invalid e-mails and unknown states (rejected rows), repeated people.
// 2. Imports it with `coalition import contacts` (all the cleaning: names, e-mails, phones, ZIPs,
//    counties, sectors, identity, undo records) into a fresh database, under /usr/bin/time for the
//    CPU time and the peak memory (maximum resident set size).
// 3. In the same run, times `sqlite3 .import` of the same file into a fresh database: the reference.
// 4. And the floor of any Node import (bench/floor.mjs): the same file through papaparse into one
//    prepared better-sqlite3 statement, no cleaning. coalition's time above the floor is cleaning
//    and identity; the floor's time above sqlite3 is what Node and the two libraries cost. Then the
//    same rows, uncleaned, into a coalition database's people table with its indexes: what writing
//    the schema costs before any cleaning.
//
// Targets: within 3x of sqlite3 .import, and peak memory under 300 MB.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { BIN, ROOT, finish, measure, mulberry32, tempDir } from './lib.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const outDir = path.join(ROOT, 'bench', '.out');
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `contacts-${ROWS}.csv`);


async function generate() {
  if (existsSync(file)) return;
  const { parseGeonames, geonamesFile } = await import(path.join(ROOT, 'dist', 'db', 'migrations', '002-geo.js'));
  const places = parseGeonames(readFileSync(geonamesFile(), 'utf8')).filter((p) => p.countyFips);
  const r = mulberry32(20260312);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const firsts = ['Maria', 'Aaron', 'Dana', 'Terrence', 'Rob', 'Lynn', 'Samuel', 'Rosa', 'Kyle', 'Monica', 'Travis', 'Heather', 'Patrick', 'Andre', 'Grace', 'Ben', 'Colin', 'Denise', 'José', 'Renée', 'Siobhan', 'Luis', 'Tanya', 'Curtis'];
  const lasts = ['Kowalski', 'Fleck', 'Whitfield', 'Odom', 'Kessler', 'Hartsock', 'Greer', 'Delgado', 'Brandt', 'Sweeney', 'Nygaard', 'Lindahl', "O'Malley", 'Whitmore', 'Holloway', 'Tran', 'Raske', 'Fuentes', 'Ramírez', 'Fontaine', 'Vasquez', 'Olsen'];
  const ranks = ['', '', '', 'Lt.', 'Sgt.', 'Deputy', 'Trooper', 'Chief', 'Capt.', 'Officer', 'Investigator'];
  const kinds = [
    (p) => `${p.countyName} County Sheriff's Office`,
    (p) => `${p.city} Police Department`,
    (p) => `${p.state} State Patrol`,
    () => `Pilot Travel Center #${Math.floor(r() * 1500)}`,
    () => `Love's Travel Stop #${Math.floor(r() * 900)}`,
    (p) => `${p.city} Travel Plaza`,
    (p) => `${p.countyName} Freight Lines, Inc.`,
    () => `Flying J Travel Center #${Math.floor(r() * 800)}`,
  ];
  const orgs = [];
  for (let i = 0; i < 20000; i++) {
    const p = pick(places);
    orgs.push({ name: pick(kinds)(p), p });
  }
  const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const out = createWriteStream(file);
  out.write('Agency,Officer,Rank,E-mail,Phone,Address,City,State,ZIP,County,OK to list\n');
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    const o = pick(orgs);
    const p = o.p;
    const first = pick(firsts);
    const last = pick(lasts);
    const n = r() < 0.05 && i > 10 ? Math.floor(r() * i) : i; // about 5% repeat an earlier person
    let email = `${first[0]}${last}${n}@agency${n % 997}.example`.toLowerCase().replace(/[^a-z0-9@.]/g, '');
    const er = r();
    if (er < 0.2) email = email.toUpperCase();
    else if (er < 0.3) email = `  ${email} `;
    else if (er < 0.305) email = email.replace('@', '@@'); // invalid: rejected
    const name = r() < 0.3 ? `${last}, ${first}` : `${first} ${last}`;
    const area = 200 + Math.floor(r() * 700);
    const num = `555-01${String(Math.floor(r() * 100)).padStart(2, '0')}`;
    const pr = r();
    const phone = pr < 0.3 ? `(${area}) ${num}` : pr < 0.5 ? `${area}.${num.replace('-', '.')} x${Math.floor(r() * 900)}` : pr < 0.7 ? `+1 ${area} ${num}` : pr < 0.8 ? `${area}${num.replace('-', '')}` : `${area}-${num} ext. 12`;
    let zip = p.zip;
    const zr = r();
    if (zr < 0.1) zip = `${zip}-${String(Math.floor(r() * 9999)).padStart(4, '0')}`;
    else if (zr < 0.2) zip = String(Number(zip));
    const state = r() < 0.002 ? 'XX' : r() < 0.1 ? p.state.toLowerCase() : p.state;
    const county = r() < 0.5 ? p.countyName : '';
    const ok = pick(['Y', 'N', '', 'Yes', 'no']);
    buf += [q(o.name), q(name), pick(ranks), email, phone, q(`${100 + Math.floor(r() * 9000)} Main St, Suite ${Math.floor(r() * 20)}`), q(p.city), state, zip, q(county), ok].join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((res) => out.once('drain', res));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((res) => out.end(res));
}

await generate();
const size = statSync(file).size;
console.log(`file: ${path.relative(ROOT, file)} (${ROWS.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(0)} MB)`);

const dir = tempDir();
// A fresh coalition database, created before the clock starts (creation loads the ZIP table).
spawnSync('node', [BIN, '--db', path.join(dir, 'c.db'), 'db', 'migrate'], { stdio: 'ignore' });

const ref = measure('sqlite3', [path.join(dir, 'ref.db'), '-cmd', '.mode csv', `.import ${file} contacts`]);
const floor = measure('node', [path.join(ROOT, 'bench', 'floor.mjs'), file, path.join(dir, 'floor.db')]);
// The same, written into the people table of a coalition database (26 columns, five indexes built at
// the end): the least writing the contract's people costs, before any cleaning.
spawnSync('node', [BIN, '--db', path.join(dir, 'floor-people.db'), 'db', 'migrate'], { stdio: 'ignore' });
const floorPeople = measure('node', [path.join(ROOT, 'bench', 'floor.mjs'), file, path.join(dir, 'floor-people.db'), 'people']);
// BENCH_NODE_FLAGS (e.g. --max-old-space-size=128) to try heap limits without changing bin/coalition.
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
// Exit 3: some rows were rejected (the generated file has invalid e-mails and unknown states).
const imp = measure('node', [...nodeFlags, BIN, '--db', path.join(dir, 'c.db'), 'import', 'contacts', file, '--json', '--rejects', path.join(dir, 'rejects.csv')], { ok: [0, 3] });
const summary = JSON.parse(imp.stdout);

const ratio = imp.ms / ref.ms;
const cpuRatio = imp.cpuMs / ref.cpuMs;
const s = (ms) => `${(ms / 1000).toFixed(2).padStart(7)} s`;
const rate = (ms) => `${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US').padStart(9)} rows/s`;
console.log(`\nImport of ${ROWS.toLocaleString('en-US')} messy contacts (target: within 3x of sqlite3 .import, peak memory < 300 MB)`);
if (nodeFlags.length) console.log(`  node flags for coalition: ${nodeFlags.join(' ')}`);
console.log(`  load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores: wall time depends on the other processes; CPU time (user + system, all threads) less so`);
console.log(`                                   wall        CPU (user+sys)   rows/s (wall)      peak RSS`);
console.log(`  sqlite3 .import (reference)   ${s(ref.ms)}   ${s(ref.cpuMs)}   ${rate(ref.ms)}   ${ref.peakMb.toFixed(0).padStart(4)} MB`);
console.log(`  bare Node floor (no cleaning)  ${s(floor.ms)}   ${s(floor.cpuMs)}   ${rate(floor.ms)}   ${floor.peakMb.toFixed(0).padStart(4)} MB   ${(floor.ms / ref.ms).toFixed(2)}x sqlite3`);
console.log(`  bare Node floor, people table ${s(floorPeople.ms)}   ${s(floorPeople.cpuMs)}   ${rate(floorPeople.ms)}   ${floorPeople.peakMb.toFixed(0).padStart(4)} MB   ${(floorPeople.ms / ref.ms).toFixed(2)}x sqlite3`);
console.log(`  coalition import contacts     ${s(imp.ms)}   ${s(imp.cpuMs)}   ${rate(imp.ms)}   ${imp.peakMb.toFixed(0).padStart(4)} MB`);
console.log(`  ratio (coalition / sqlite3)   ${ratio.toFixed(2).padStart(6)}x    ${cpuRatio.toFixed(2).padStart(6)}x          CPU per row: ${((imp.cpuMs * 1000) / ROWS).toFixed(1)} µs vs ${((ref.cpuMs * 1000) / ROWS).toFixed(1)} µs`);
console.log(`  rows ${summary.rows}, inserted ${JSON.stringify(summary.inserted)}, updated ${JSON.stringify(summary.updated)}, duplicates ${summary.duplicates}, rejected ${summary.rejected}, warnings ${summary.warnings_total}`);
console.log(`  time target (3x): wall ${ratio <= 3 ? 'met' : 'NOT met'}, CPU ${cpuRatio <= 3 ? 'met' : 'NOT met'}; memory target (300 MB): ${imp.peakMb < 300 ? 'met' : 'NOT met'}`);
finish(dir);
