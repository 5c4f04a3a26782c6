// A person's other e-mail addresses (person_emails): kept by `people merge`, found by imports (both
// identity paths), by every command that takes a person by e-mail, carried by export and merge, and
// consistent with undo.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DB } from '../../src/db/connection.js';
import { createCoalition, findCoalitionRow } from '../../src/core/coalitions.js';
import { runImport } from '../../src/core/import/pipeline.js';
import { mergePeople } from '../../src/core/people/merge.js';
import { resolvePerson as resolvePinPerson } from '../../src/core/pairing/save.js';
import { migratedDb } from '../helpers/db.js';
import { run, tempDir } from '../helpers/context.js';
import { query, seededDb } from './normalize-seed.js';

const now = new Date('2026-11-28T12:00:00Z');
const POLK = "Polk County Sheriff's Office";

function write(dir: string, name: string, lines: string[]): string {
  writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
  return name;
}

function exec(file: string, sql: string): void {
  const w = new Database(file);
  try {
    w.exec(sql);
  } finally {
    w.close();
  }
}

const others = (db: DB | string, id: number) =>
  (typeof db === 'string' ? query<{ email: string }>(db, 'SELECT email FROM person_emails WHERE person_id = ? ORDER BY email', id) : (db.prepare('SELECT email FROM person_emails WHERE person_id = ? ORDER BY email').all(id) as { email: string }[])).map((r) => r.email);

describe('people merge keeps both e-mail addresses', () => {
  it('the dropped address becomes another address of the kept person, in the JSON and the message', async () => {
    const db = await seededDb();
    exec(db, "INSERT INTO people (id, first_name, last_name, name_key, email, organization_id, created_at, updated_at) VALUES (7, 'Maria', 'Kowalski', 'maria kowalski', 'mkowalski@home.example', 1, 'x', 'x')");
    const r = await run(['people', 'merge', '1', '7', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kept: 1, dropped: 7, filled: [], other_emails: ['mkowalski@home.example'] });
    expect(r.stderr).toContain('kept mkowalski@home.example as another e-mail address of person 1');
    expect(query(db, 'SELECT id, email FROM people WHERE id IN (1, 7)')).toEqual([{ id: 1, email: 'maria.kowalski@polk.gov' }]);
    expect(others(db, 1)).toEqual(['mkowalski@home.example']);
  });

  it('moves the other addresses of the dropped record too; a kept record without an e-mail takes the main one', async () => {
    const db = await seededDb();
    exec(db, `INSERT INTO people (id, first_name, last_name, name_key, email, organization_id, created_at, updated_at) VALUES (7, 'Maria', 'Kowalski', 'maria kowalski', 'mkowalski@home.example', 1, 'x', 'x');`);
    expect((await run(['people', 'merge', '1', '7', '--db', db])).code).toBe(0);
    // person 2 has no e-mail: it takes person 1's main address, and person 1's other address follows
    const r = await run(['people', 'merge', '2', '1', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kept: 2, dropped: 1, other_emails: ['mkowalski@home.example'] });
    expect(JSON.parse(r.stdout).filled).toContain('email');
    expect(query(db, 'SELECT email FROM people WHERE id = 2')).toEqual([{ email: 'maria.kowalski@polk.gov' }]);
    expect(others(db, 2)).toEqual(['mkowalski@home.example']);
    expect(query(db, 'SELECT count(*) AS n FROM person_emails')).toEqual([{ n: 1 }]);
    // people dupes still works on merged people
    expect((await run(['people', 'dupes', '--json', '--db', db])).code).toBe(0);
  });
});
