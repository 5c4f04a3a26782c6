/**
 * Crash safety: an import killed with SIGKILL part-way leaves the database intact and holding none
 * of that batch, and the same import then succeeds. The kill points are conditions polled in a
 * bounded loop (the database opened; the first pages of the batch spilled to the -wal; the -wal
 * grown to several sizes while the batch is still open), never a sleep.
 */
import { execa } from 'execa';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context.js';
import { BIN, cleanEnv, coalition } from '../helpers/e2e.js';
import { freshDb, query, seedCoalition } from './safety-fixtures.js';
import { writeContactsFile } from './safety-import-files.js';

const ROWS = 8_000;
const MB = 1024 * 1024;

/** When to kill: a description and a condition on the database's -wal file. */
const KILL_POINTS: Array<[string, (wal: number | undefined) => boolean]> = [
  ['as soon as the database is open', (wal) => wal !== undefined],
  ['when the first pages of the batch reach the -wal', (wal) => (wal ?? 0) > 0],
  ['when the -wal holds 2 MB of the open batch', (wal) => (wal ?? 0) >= 2 * MB],
  ['when the -wal holds 5 MB of the open batch', (wal) => (wal ?? 0) >= 5 * MB],
];

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
  it(`an import of ${ROWS} rows killed with SIGKILL at ${KILL_POINTS.length} points leaves nothing behind; the same import then succeeds`, async () => {
    const db = await freshDb();
    seedCoalition(db, { slug: 'ia-2026', state: 'IA', people: [{ first: 'Maria', last: 'Kowalski', email: 'mkowalski@polk.example', org: "Polk County Sheriff's Office" }] });
    const before = snapshot(db);
    const input = path.join(tempDir(), 'directory.csv');
    writeContactsFile(input, { rows: ROWS, tag: 'Big', noteLength: 1000 });
    const home = tempDir('coalition-home-');
    const tried: string[] = [];

    for (const [label, reached] of KILL_POINTS) {
      // a checkpointed database starts each round with no -wal
      expect(existsSync(`${db}-wal`)).toBe(false);
      const child = execa('node', [BIN, 'import', 'contacts', input, '--db', db], { reject: false, extendEnv: false, env: cleanEnv(home) });
      let hit = false;
      // poll every millisecond, for at most about three minutes
      for (let i = 0; i < 180_000 && child.exitCode === null; i++) {
        if (reached(walSize(db))) {
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
      tried.push(`${label} (-wal ${walSize(db) ?? 0} bytes)`);

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
