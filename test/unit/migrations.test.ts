import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LATEST_VERSION, migrate, migrations, schemaVersion, type Migration } from '../../src/db/migrations/index.js';
import { configure, openDatabaseFile } from '../../src/db/connection.js';
import { tempDir } from '../helpers/context.js';

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('bring an empty database to the latest version with every table', async () => {
    const db = new Database(':memory:');
    configure(db);
    expect(await migrate(db, ':memory:', () => new Date())).toBeUndefined();
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    for (const t of ['coalitions', 'people', 'organizations', 'attendance', 'import_batches', 'batch_changes', 'signoffs', 'training_counts', 'pairings', 'pins', 'activities', 'hotline_stats', 'targets', 'settings', 'counties', 'zip_codes', 'person_emails']) {
      expect(tables).toContain(t);
    }
    expect((db.prepare('SELECT count(*) n FROM training_modules').get() as { n: number }).n).toBe(7);
  });

  it('upgrades an older database, keeping its data and a backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.db');
    const { db } = await openDatabaseFile(file);
    db.prepare("INSERT INTO coalitions (slug, name, build_date, created_at, updated_at) VALUES ('ia-2026','Iowa','2026-03-12','x','x')").run();
    const v = schemaVersion(db);
    const next: Migration = { version: v + 1, name: 'test-add-column', up: (d) => d.exec('ALTER TABLE coalitions ADD COLUMN test_col TEXT') };
    const backup = await migrate(db, file, () => new Date('2026-11-28T00:00:00Z'), [...migrations, next]);
    expect(schemaVersion(db)).toBe(v + 1);
    expect(backup).toBeDefined();
    expect(existsSync(backup!)).toBe(true);
    expect(db.prepare('SELECT name, test_col FROM coalitions').get()).toEqual({ name: 'Iowa', test_col: null });
    const old = new Database(backup!, { readonly: true });
    expect(schemaVersion(old)).toBe(v);
    expect(old.prepare('SELECT name FROM coalitions').get()).toEqual({ name: 'Iowa' });
    old.close();
    db.close();
  });

  it('rolls back a failing migration and leaves the version unchanged', async () => {
    const db = new Database(':memory:');
    configure(db);
    await migrate(db, ':memory:', () => new Date());
    const bad: Migration = { version: LATEST_VERSION + 1, name: 'bad', up: (d) => { d.exec('CREATE TABLE half (x)'); throw new Error('boom'); } };
    await expect(migrate(db, ':memory:', () => new Date(), [...migrations, bad])).rejects.toThrow('boom');
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name='half'").get()).toEqual({ n: 0 });
  });

  it('refuses a database from a newer coalition', async () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    await expect(migrate(db, 'x.db', () => new Date())).rejects.toThrow(/newer than this coalition understands/);
  });
});
