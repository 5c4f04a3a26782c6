/**
 * Concurrent use: four imports started at once into one database all finish — each waits for the
 * others through the busy timeout instead of failing with "database is locked" — and together they
 * give the right totals, with the people all four files share created once.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context.js';
import { coalition } from '../helpers/e2e.js';
import { freshDb, query } from './safety-fixtures.js';
import { writeContactsFile } from './safety-import-files.js';

const WRITERS = 4;
const ROWS = 600;
const SHARED = 50;

describe('concurrent imports', () => {
  it(`${WRITERS} imports started at once all finish with the right totals`, async () => {
    const db = await freshDb();
    const dir = tempDir();
    const home = tempDir('coalition-home-');
    const files = Array.from({ length: WRITERS }, (_, k) => {
      const file = path.join(dir, `directory-${k}.csv`);
      writeContactsFile(file, { rows: ROWS, tag: `W${k}`, shared: SHARED, orgsEvery: 10 });
      return file;
    });

    const results = await Promise.all(files.map((f) => coalition(['import', 'contacts', f, '--json', '--db', db], { env: { HOME: home } })));

    for (const r of results) {
      expect(r.stderr).not.toMatch(/locked|busy/i);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    const summaries = results.map((r) => JSON.parse(r.stdout));
    expect(new Set(summaries.map((s) => s.batch)).size).toBe(WRITERS);
    for (const s of summaries) expect(s.rows).toBe(ROWS + SHARED);
    // the shared people are created by whichever import ran first, and found by the others
    const insertedPeople = summaries.reduce((n, s) => n + (s.inserted.people ?? 0), 0);
    expect(insertedPeople).toBe(WRITERS * ROWS + SHARED);
    expect(query(db, 'SELECT count(*) AS n FROM people')).toEqual([{ n: WRITERS * ROWS + SHARED }]);
    expect(query(db, 'SELECT count(DISTINCT email) AS n FROM people')).toEqual([{ n: WRITERS * ROWS + SHARED }]);
    expect(query(db, 'SELECT count(*) AS n FROM organizations')).toEqual([{ n: WRITERS * (ROWS / 10) + 1 }]);
    expect(query(db, "SELECT count(*) AS n FROM import_batches WHERE kind = 'contacts' AND status = 'done'")).toEqual([{ n: WRITERS }]);
    const check = await coalition(['db', 'check', '--db', db], { env: { HOME: home } });
    expect(check.exitCode, check.stdout).toBe(0);
  }, 300_000);
});
