/** A migrated database for in-process tests. Migrating loads the ZIP table (the slow part), so it
 * is done once per test file and the file copied for each test. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { configure, type DB } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrations/index.js';
import { tempDir } from './context.js';

let template: Promise<Buffer> | undefined;

async function migratedTemplate(): Promise<Buffer> {
  const file = path.join(tempDir(), 'template.db');
  const db = new Database(file);
  configure(db);
  await migrate(db, file, () => new Date('2026-11-28T12:00:00Z'));
  db.pragma('journal_mode = DELETE');
  db.close();
  return readFileSync(file);
}

/** A fresh, migrated database file in its own temporary folder, opened and configured. */
export async function migratedDb(): Promise<{ db: DB; dir: string; file: string }> {
  template ??= migratedTemplate();
  const dir = tempDir();
  const file = path.join(dir, 't.db');
  writeFileSync(file, await template);
  const db = new Database(file);
  configure(db);
  return { db, dir, file };
}
