/**
 * The people table's e-mail uniqueness becomes a named unique index, `people_email`, instead of the
 * `UNIQUE` of the column.
 *
 * Why: SQLite cannot drop the index behind a column's `UNIQUE`, and a big import wants to. Inserting
 * a million people one by one into a growing e-mail index costs about three times the insert itself
 * (measured with `npm run bench:people`); building the index once after the rows costs about a
 * second. With a named index, a big import drops it, resolves e-mails in memory
 * (src/core/import/people-index.ts), and builds it again before committing; a duplicate e-mail
 * would then fail the build and roll the whole import back, so uniqueness still holds.
 *
 * SQLite cannot change a column's constraint in place: the table is rebuilt (SQLite's documented
 * procedure: create the new table, copy the rows, drop the old one, rename the new one, create the
 * indexes again), with foreign keys off so that dropping the old table does not delete the people's
 * attendance and sign-offs, and checked with `foreign_key_check` before the migration commits.
 */
import type { Migration } from './index.js';

export const m004: Migration = {
  version: 4,
  name: 'people-email-index',
  foreignKeysOff: true,
  up(db) {
    const ddl = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'people'").pluck().get() as string;
    const rebuilt = ddl.replace(/\bemail(\s+)TEXT UNIQUE\b/, 'email$1TEXT').replace(/^CREATE TABLE people\b/, 'CREATE TABLE people_rebuilt');
    if (rebuilt === ddl || /\bUNIQUE\b/i.test(rebuilt)) throw new Error('internal: the people table does not declare "email TEXT UNIQUE" as migration 4 expects');
    const indexes = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' AND sql IS NOT NULL").pluck().all() as string[]);
    db.exec(rebuilt);
    db.exec('INSERT INTO people_rebuilt SELECT * FROM people');
    db.exec('DROP TABLE people');
    db.exec('ALTER TABLE people_rebuilt RENAME TO people');
    for (const sql of indexes) db.exec(sql);
    db.exec('CREATE UNIQUE INDEX people_email ON people(email)');
  },
};
