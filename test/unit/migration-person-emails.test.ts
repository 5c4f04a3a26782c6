import { describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { configure } from '../../src/db/connection.js';
import { LATEST_VERSION, migrate, migrations, schemaVersion } from '../../src/db/migrations/index.js';
import { tempDir } from '../helpers/context.js';

const TS = '2026-01-01T00:00:00Z';

async function v4(file: string): Promise<Database.Database> {
  const db = new Database(file);
  configure(db);
  await migrate(db, file, () => new Date(TS), migrations.filter((m) => m.version <= 4));
  expect(schemaVersion(db)).toBe(4);
  const person = db.prepare('INSERT INTO people (first_name, last_name, name_key, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  person.run('Ada', 'Byrne', 'ada byrne', 'ada@example.org', TS, TS);
  person.run('Cal', 'Dunn', 'cal dunn', null, TS, TS);
  return db;
}

describe('migration 5 (person_emails)', () => {
  it('upgrades a version-4 database: people unchanged, an empty table of other addresses that follows its person', async () => {
    const file = path.join(tempDir(), 'v4.db');
    const db = await v4(file);
    const before = db.prepare('SELECT * FROM people ORDER BY id').all();
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'person_emails'").pluck().get()).toBe(0);

    await migrate(db, file, () => new Date(TS));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(5);
    expect(db.prepare('SELECT * FROM people ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM person_emails').pluck().get()).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person_emails' AND sql IS NOT NULL").pluck().all()).toEqual(['person_emails_person']);

    const alias = db.prepare('INSERT INTO person_emails (email, person_id, created_at) VALUES (?, ?, ?)');
    alias.run('ada.byrne@home.example', 1, TS);
    // One address, one person.
    expect(() => alias.run('ada.byrne@home.example', 2, TS)).toThrow(/UNIQUE/);
    // Only for a person that exists.
    expect(() => alias.run('nobody@example.org', 99, TS)).toThrow(/FOREIGN KEY/);
    // Deleting the person deletes their other addresses.
    db.prepare('DELETE FROM people WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM person_emails').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
