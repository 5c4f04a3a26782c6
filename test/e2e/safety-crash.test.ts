/**
 * Crash safety: an import killed with SIGKILL part-way leaves the database intact and holding none
 * of that batch, and the same import then succeeds. The kill points are conditions polled in a
 * bounded loop, never a sleep: the database opened, and the import's read position in the input
 * file (from /proc/<pid>/fdinfo) past the start, 40 % and 80 % of the file. A position short of the
 * end means the batch cannot have committed yet (the import commits only after reading it all),
 * so every kill lands inside the open batch. (The -wal is no use as a clock: the import holds the
 * whole batch in a 64 MB page cache and writes it to the -wal only when it commits.)
 */
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context.js';
import { BIN, cleanEnv, coalition } from '../helpers/e2e.js';
import { freshDb, query, seedCoalition } from './safety-fixtures.js';
import { writeContactsFile } from './safety-import-files.js';

const ROWS = 8_000;

interface Probe {
  wal: number | undefined;
  /** How far the import has read the input file, as a share of its size (undefined: not open). */
  read: number | undefined;
}

/** When to kill: a description and a condition on what the child has done so far. */
const KILL_POINTS: Array<[string, (p: Probe) => boolean]> = [
  ['as soon as the database is open', (p) => p.wal !== undefined],
  ['once the import has started reading the file', (p) => (p.read ?? 0) > 0],
  ['with 40 % of the file read', (p) => (p.read ?? 0) >= 0.4],
  ['with 80 % of the file read', (p) => (p.read ?? 0) >= 0.8],
];

/** The read offset of `file` in process `pid` (Linux /proc), or undefined when it is not open. */
function readOffset(pid: number, file: string): number | undefined {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== file) continue;
        const m = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
        if (m) return Number(m[1]);
      } catch {
        // the descriptor closed while we looked
      }
    }
  } catch {
    // the process is gone
  }
  return undefined;
}

function walSize(db: string): number | undefined {
  try {
    return statSync(`${db}-wal`).size;
  } catch {
    return undefined;
  }
}

const snapshot = (db: string) => ({
  batches: query(db, 'SELECT id, kind FROM import_batches ORDER BY id'),
  people: query(db, 'SELECT count(*) AS n FROM people')[0],
  organizations: query(db, 'SELECT count(*) AS n FROM organizations')[0],
  changes: query(db, 'SELECT count(*) AS n FROM batch_changes')[0],
});

describe('crash safety', () => {
  it.skipIf(process.platform !== 'linux')(`an import of ${ROWS} rows killed with SIGKILL at ${KILL_POINTS.length} points leaves nothing behind; the same import then succeeds`, async () => {
    const db = await freshDb();
    seedCoalition(db, { slug: 'ia-2026', state: 'IA', people: [{ first: 'Maria', last: 'Kowalski', email: 'mkowalski@polk.example', org: "Polk County Sheriff's Office" }] });
    const before = snapshot(db);
    const input = path.join(tempDir(), 'directory.csv');
    writeContactsFile(input, { rows: ROWS, tag: 'Big', noteLength: 1000 });
    const size = statSync(input).size;
    const home = tempDir('coalition-home-');
    const tried: string[] = [];

    for (const [label, reached] of KILL_POINTS) {
      // a checkpointed database starts each round with no -wal
      expect(existsSync(`${db}-wal`)).toBe(false);
      const child = execa('node', [BIN, 'import', 'contacts', input, '--db', db], { reject: false, extendEnv: false, env: cleanEnv(home) });
      let hit = false;
      let readShare: number | undefined;
      // poll every millisecond, for at most about three minutes
      for (let i = 0; i < 180_000 && child.exitCode === null; i++) {
        const offset = readOffset(child.pid!, input);
        readShare = offset === undefined ? undefined : offset / size;
        if (reached({ wal: walSize(db), read: readShare })) {
          hit = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 1));
      }
      expect(child.exitCode, `the import ended before the kill point "${label}"`).toBeNull();
      expect(hit, `the kill point "${label}" was not reached in time`).toBe(true);
      child.kill('SIGKILL');
      const result = await child;
      expect(result.signal, label).toBe('SIGKILL');
      tried.push(`${label} (read ${readShare === undefined ? 'not started' : `${Math.round(readShare * 100)} %`})`);
      // short of the end of the file: the batch was still open when it was killed
      expect(readShare ?? 0).toBeLessThan(1);

      const check = await coalition(['db', 'check', '--db', db], { env: { HOME: home } });
      expect(check.exitCode, `${label}: ${check.stdout}`).toBe(0);
      expect(snapshot(db), label).toEqual(before);
    }

    const done = await coalition(['import', 'contacts', input, '--json', '--db', db], { env: { HOME: home } });
    expect(done.exitCode, done.stderr).toBe(0);
    const summary = JSON.parse(done.stdout);
    expect(summary.rows).toBe(ROWS);
    expect(summary.inserted.people).toBe(ROWS);
    expect(query(db, 'SELECT count(*) AS n FROM people')[0]).toEqual({ n: before.people.n + ROWS });
    expect((await coalition(['db', 'check', '--db', db], { env: { HOME: home } })).exitCode).toBe(0);
    process.stdout.write(`safety-crash: kill points tried: ${tried.length}\n  ${tried.join('\n  ')}\n`);
  }, 600_000);
});
