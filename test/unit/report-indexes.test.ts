import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { configure } from '../../src/db/connection.js';
import { LATEST_VERSION, migrate, migrations, schemaVersion } from '../../src/db/migrations/index.js';
import { tempDir } from '../helpers/context.js';

const TS = '2026-01-01T00:00:00Z';
const indexColumns = (db: Database.Database, name: string) => (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(name) as { name: string }[]).map((r) => r.name);

describe('migration 3 (report indexes)', () => {
  it('upgrades a version-2 database, keeping its sign-offs and training counts', async () => {
    const file = path.join(tempDir(), 'v2.db');
    const db = new Database(file);
    configure(db);
    await migrate(db, file, () => new Date(TS), migrations.filter((m) => m.version <= 2));
    expect(schemaVersion(db)).toBe(2);
    expect(indexColumns(db, 'signoffs_coalition')).toEqual(['coalition_id', 'module_id']);
    db.prepare("INSERT INTO coalitions (slug, name, build_date, created_at, updated_at) VALUES ('ia-2026','Iowa','2026-03-12',?,?)").run(TS, TS);
    db.prepare("INSERT INTO organizations (name, name_key, city_key, sector, state, created_at, updated_at) VALUES ('Stop', 'stop', '', 'truck_stop', 'IA', ?, ?)").run(TS, TS);
    db.prepare("INSERT INTO people (first_name, last_name, name_key, organization_id, created_at, updated_at) VALUES ('A', 'B', 'a b', 1, ?, ?)").run(TS, TS);
    db.prepare("INSERT INTO signoffs (person_id, module_id, completed_on, coalition_id, created_at) VALUES (1, 'truck-stop-employee', '2026-04-01', 1, ?)").run(TS);
    db.prepare("INSERT INTO training_counts (organization_id, module_id, count, completed_on, coalition_id, created_at) VALUES (1, 'truck-stop-employee', 12, '2026-04-02', 1, ?)").run(TS);

    const backup = await migrate(db, file, () => new Date(TS));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(3);
    expect(backup && existsSync(backup)).toBe(true);
    expect(indexColumns(db, 'signoffs_coalition')).toEqual(['coalition_id', 'module_id', 'completed_on', 'person_id']);
    expect(indexColumns(db, 'training_counts_coalition')).toEqual(['coalition_id', 'module_id', 'completed_on']);
    expect(db.prepare('SELECT person_id, module_id, completed_on, coalition_id FROM signoffs').all()).toEqual([{ person_id: 1, module_id: 'truck-stop-employee', completed_on: '2026-04-01', coalition_id: 1 }]);
    expect(db.prepare('SELECT count FROM training_counts').get()).toEqual({ count: 12 });
    db.close();
  });

  it('lets the report read a coalition\'s sign-offs of one module from the index alone', async () => {
    const db = new Database(':memory:');
    configure(db);
    await migrate(db, ':memory:', () => new Date(TS));
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, 'driver', '2026-01-01', '2026-12-31') as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan('SELECT person_id FROM signoffs WHERE coalition_id = ? AND module_id = ? AND completed_on >= ? AND completed_on <= ?')).toContain('COVERING INDEX signoffs_coalition');
    expect(plan('SELECT sum(count) FROM training_counts WHERE coalition_id = ? AND module_id = ? AND completed_on >= ? AND completed_on <= ?')).toContain('training_counts_coalition');
    db.close();
  });
});
