/**
 * Two uniqueness rules become named unique indexes instead of `UNIQUE` constraints of their tables:
 * - people: one person per e-mail → `people_email` on people(email);
 * - signoffs: one sign-off per person, module and date → `signoffs_person` on
 *   signoffs(person_id, module_id, completed_on).
 *
 * Why: SQLite cannot drop the index behind a table's `UNIQUE`, and a big import wants to. Inserting
 * a million rows one by one into such a growing index costs more than the inserts themselves
 * (measured with `npm run bench:people`); building it once after the rows costs about a second. With
 * a named index, a big import drops it, keeps the rule in memory (src/core/import/identity-index.ts),
 * and builds the index again before committing. A duplicate would fail that build and roll the
 * whole import back, so the rule still holds.
 *
 * SQLite cannot change a table's constraints in place: each table is rebuilt (SQLite's documented
 * procedure: create the new table, copy the rows, drop the old one, rename the new one, create the
 * indexes again), with foreign keys off so that dropping the old people table does not delete the
 * people's attendance and sign-offs, and checked with `foreign_key_check` before the migration
 * commits.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './index.js';

/** Rebuilds `table` with `constraint` (a regular expression over its CREATE TABLE) removed, then
 * creates its indexes again and `index`. */
function moveUniqueToIndex(db: Database.Database, table: string, constraint: RegExp, index: string): void {
  const ddl = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string;
  const rebuilt = ddl.replace(constraint, '').replace(new RegExp(`^CREATE TABLE ${table}\\b`), `CREATE TABLE ${table}_rebuilt`);
  if (!constraint.test(ddl) || /\bUNIQUE\b/i.test(rebuilt)) throw new Error(`internal: the ${table} table does not declare the UNIQUE constraint migration 4 expects`);
  const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").pluck().all(table) as string[];
  // Table names are fixed here, never from data.
  db.exec(rebuilt);
  db.exec(`INSERT INTO ${table}_rebuilt SELECT * FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${table}_rebuilt RENAME TO ${table}`);
  for (const sql of indexes) db.exec(sql);
  db.exec(index);
}

export const m004: Migration = {
  version: 4,
  name: 'named-unique-indexes',
  foreignKeysOff: true,
  up(db) {
    moveUniqueToIndex(db, 'people', /(?<=\bemail\s+TEXT) UNIQUE\b/, 'CREATE UNIQUE INDEX people_email ON people(email)');
    moveUniqueToIndex(db, 'signoffs', /,\s*UNIQUE \(person_id, module_id, completed_on\)/, 'CREATE UNIQUE INDEX signoffs_person ON signoffs(person_id, module_id, completed_on)');
  },
};
