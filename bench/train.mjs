// Importing a 1,000,000-row training sign-off roster with `coalition import trainings`, timed side
// by side with `sqlite3 .import` of the same file into a bare table (the floor: parsing CSV and
// inserting text, no matching, no normalizing, no identity). Not a test: figures only.
//
//   npm run bench:train                 (BENCH_ROWS=200000 for a quicker run;
//                                        BENCH_NODE_FLAGS=--max-old-space-size=128 to cap the heap)
//
// The roster is deterministic: 200,000 people (one in five rows a new person, 2,000 organizations),
// each signed off on several modules named in words as LMS exports name them, emails in mixed case,
// US dates. The database is prepared first with the people of half the roster already known, so
// both paths (match an existing person, create a new one) are measured.
import { createWriteStream, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { BIN, ROOT, finish, fmt, measure, mulberry32, printTable, tempDir } from './lib.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PEOPLE = Math.max(10, Math.floor(ROWS / 5));
const ORGS = Math.max(5, Math.min(2000, Math.floor(PEOPLE / 10)));
const dir = tempDir('coalition-bench-train-');
const roster = path.join(dir, 'roster.csv');
const known = path.join(dir, 'known.csv');
const db = path.join(dir, 'bench.db');

const COURSES = [
  'Initial Human Trafficking Training',
  'Victim-Centered Law Enforcement Training',
  'Survivor-Leader Session',
  'Truck Stop Employee Training',
  'Professional Driver Training',
  'TAT LE Training',
];
const FIRST = ['Maria', 'Aaron', 'Dana', 'Terrence', 'Lynn', 'Samuel', 'Rosa', 'Kyle', 'Travis', 'Heather', 'Patrick', 'Andre', 'Ben', 'Colin', 'Denise', 'Walt'];
const LAST = ['Kowalski', 'Fleck', 'Whitfield', 'Odom', 'Hartsock', 'Greer', 'Delgado', 'Brandt', 'Nygaard', 'Lindahl', "O'Malley", 'Whitmore', 'Tran', 'Raske', 'Fuentes', 'Brenner'];

const rand = mulberry32(20260312);

function person(i) {
  const first = FIRST[i % FIRST.length];
  const last = `${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i}`;
  const org = `Bench Agency ${i % ORGS}`;
  const email = `${first[0]}${last}@agency${i % ORGS}.example`.toLowerCase();
  return { first, last, org, email };
}

async function writeLines(file, header, count, line) {
  const out = createWriteStream(file);
  out.write(header + '\n');
  let buf = '';
  for (let i = 0; i < count; i++) {
    buf += line(i) + '\n';
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
}

const csvCell = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

// Half of the people are known beforehand (imported as a roster of their own).
await writeLines(known, 'Email,First Name,Last Name,Agency,Course,Date Completed', PEOPLE / 2, (i) => {
  const p = person(i * 2);
  return [p.email, p.first, p.last, p.org, 'build-initial', '2026-03-12'].map(csvCell).join(',');
});
await writeLines(roster, 'Email,Full Name,Agency,Course,Date Completed,Verified By', ROWS, (r) => {
  const i = Math.floor(rand() * PEOPLE);
  const p = person(i);
  const email = r % 3 === 0 ? p.email.toUpperCase() : p.email;
  const course = COURSES[Math.floor(rand() * COURSES.length)];
  const day = 1 + Math.floor(rand() * 28);
  const month = 1 + Math.floor(rand() * 12);
  return [email, `${p.first} ${p.last}`, p.org, course, `${month}/${day}/2026`, 'Truckers Against Trafficking'].map(csvCell).join(',');
});
const mb = (statSync(roster).size / 1e6).toFixed(1);

process.env.NO_COLOR = '1';
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
measure('node', [...nodeFlags, BIN, '--db', db, 'import', 'trainings', known, '--json'], { ok: [0, 3] });
const ours = measure('node', [...nodeFlags, BIN, '--db', db, 'import', 'trainings', roster, '--json'], { ok: [0, 3] });
const summary = JSON.parse(ours.stdout);

const sq = measure('sqlite3', [path.join(dir, 'sqlite.db'), '-cmd', '.mode csv', `.import ${roster} roster`]);
// The floor of any Node import (bench/floor.mjs): papaparse into one prepared statement, no cleaning.
const floor = measure('node', [path.join(ROOT, 'bench', 'floor.mjs'), roster, path.join(dir, 'floor.db')]);

printTable(`Training roster import: ${ROWS.toLocaleString('en-US')} rows (${mb} MB), one run each`, [
  ['sqlite3 .import (bare table, reference)', fmt(sq.ms), `${fmt(sq.cpuMs)} CPU`, `peak ${sq.peakMb.toFixed(0)} MB`, ''],
  ['bare Node floor (papaparse + better-sqlite3, no cleaning)', fmt(floor.ms), `${fmt(floor.cpuMs)} CPU`, `peak ${floor.peakMb.toFixed(0)} MB`, `${(floor.ms / sq.ms).toFixed(2)}x sqlite3`],
  [`coalition import trainings${nodeFlags.length ? ` (node ${nodeFlags.join(' ')})` : ''}`, fmt(ours.ms), `${fmt(ours.cpuMs)} CPU`, `peak ${ours.peakMb.toFixed(0)} MB`, `${(ours.ms / sq.ms).toFixed(2)}x sqlite3 (target within 3x; memory < 300 MB)`],
]);
console.log(`\n  summary: inserted ${JSON.stringify(summary.inserted)}, updated ${JSON.stringify(summary.updated)}, duplicates ${summary.duplicates}, rejected ${summary.rejected}`);
console.log(`  load average at the end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs (wall-clock, and CPU time of all threads)`);
finish(dir);
