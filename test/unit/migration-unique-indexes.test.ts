import { describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { configure } from '../../src/db/connection.js';
import { LATEST_VERSION, migrate, migrations, schemaVersion, type Migration } from '../../src/db/migrations/index.js';
import { tempDir } from '../helpers/context.js';

const TS = '2026-01-01T00:00:00Z';
const peopleIndexes = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' ORDER BY name").pluck().all() as string[]);

async function v3(file: string): Promise<Database.Database> {
  const db = new Database(file);
  configure(db);
  await migrate(db, file, () => new Date(TS), migrations.filter((m) => m.version <= 3));
  expect(schemaVersion(db)).toBe(3);
  db.prepare("INSERT INTO coalitions (slug, name, build_date, created_at, updated_at) VALUES ('ia-2026','Iowa','2026-03-12',?,?)").run(TS, TS);
  db.prepare("INSERT INTO organizations (name, name_key, city_key, sector, state, created_at, updated_at) VALUES ('Stop', 'stop', '', 'truck_stop', 'IA', ?, ?)").run(TS, TS);
  const person = db.prepare('INSERT INTO people (first_name, last_name, name_key, email, phone, organization_id, share_contact, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?)');
  person.run('Ada', 'Byrne', 'ada byrne', 'ada@example.org', '+15155550100', TS, TS);
  person.run('Cal', 'Dunn', 'cal dunn', null, null, TS, TS);
  db.prepare('INSERT INTO attendance (coalition_id, person_id, checked_in, created_at, updated_at) VALUES (1, 1, 1, ?, ?)').run(TS, TS);
  db.prepare("INSERT INTO signoffs (person_id, module_id, completed_on, coalition_id, created_at) VALUES (2, 'truck-stop-employee', '2026-04-01', 1, ?)").run(TS);
  return db;
}

describe('migration 4 (named unique indexes)', () => {
  it('upgrades a version-3 database: same people, attendance and sign-offs; e-mails and sign-offs still unique', async () => {
    const file = path.join(tempDir(), 'v3.db');
    const db = await v3(file);
    const before = db.prepare('SELECT * FROM people ORDER BY id').all();
    expect(peopleIndexes(db)).toContain('sqlite_autoindex_people_1');

    await migrate(db, file, () => new Date(TS));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT * FROM people ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT person_id, checked_in FROM attendance').all()).toEqual([{ person_id: 1, checked_in: 1 }]);
    expect(db.prepare('SELECT person_id FROM signoffs').all()).toEqual([{ person_id: 2 }]);
    expect(peopleIndexes(db)).toEqual(['people_county', 'people_email', 'people_name_org', 'people_org', 'people_phone']);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'people'").pluck().get()).not.toMatch(/UNIQUE/);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'signoffs'").pluck().get()).not.toMatch(/UNIQUE/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'signoffs' ORDER BY name").pluck().all()).toEqual(['signoffs_coalition', 'signoffs_module', 'signoffs_person']);
    expect(() => db.prepare("INSERT INTO signoffs (person_id, module_id, completed_on, created_at) VALUES (2, 'truck-stop-employee', '2026-04-01', ?)").run(TS)).toThrow(/UNIQUE/);
    expect(db.prepare("INSERT INTO signoffs (person_id, module_id, completed_on, created_at) VALUES (2, 'truck-stop-employee', '2026-04-01', ?) ON CONFLICT (person_id, module_id, completed_on) DO NOTHING").run(TS).changes).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // Uniqueness holds through the index, and the references still act: deleting a person cascades.
    expect(() => db.prepare("INSERT INTO people (name_key, email, created_at, updated_at) VALUES ('x', 'ada@example.org', ?, ?)").run(TS, TS)).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM people WHERE id = 2').run();
    expect(db.prepare('SELECT count(*) FROM signoffs').pluck().get()).toBe(0);
    // The upsert the import uses still finds its conflict target.
    const r = db.prepare("INSERT INTO people (name_key, email, created_at, updated_at) VALUES ('x', 'ada@example.org', ?, ?) ON CONFLICT (email) DO NOTHING").run(TS, TS);
    expect(r.changes).toBe(0);
    db.close();
  });

  it('rolls back, with foreign keys on again, when a rebuilt table would break references', async () => {
    const file = path.join(tempDir(), 'v3.db');
    const db = await v3(file);
    const breaking: Migration = { version: 4, name: 'breaking', foreignKeysOff: true, up: (d) => d.exec('DELETE FROM people') };
    await expect(migrate(db, file, () => new Date(TS), [...migrations.filter((m) => m.version <= 3), breaking])).rejects.toThrow(/would break 2 foreign key references; the database is unchanged/);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
