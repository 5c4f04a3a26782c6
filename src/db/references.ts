/** What points at a table: read from the schema itself, so that a table added later is not missed
 * by the code that moves rows from one record to another (people merge, orgs merge). */
import type { DB } from './connection.js';

/** Tables (and their columns) with a foreign key to `target`(id). */
export function referencesTo(db: DB, target: string): Array<{ table: string; column: string }> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
  const refs: Array<{ table: string; column: string }> = [];
  for (const t of tables) {
    for (const fk of db.pragma(`foreign_key_list("${t.replace(/"/g, '""')}")`) as Array<{ table: string; from: string; to: string | null }>) {
      if (fk.table === target && (fk.to === 'id' || fk.to === null)) refs.push({ table: t, column: fk.from });
    }
  }
  return refs;
}

/** The import batch a merged record belongs to: the earlier of the two, so that undoing one of the
 * imports cannot delete the merged record; none (never undone) if either was made by hand. */
export function earlierBatch(a: unknown, b: unknown): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  return Math.min(Number(a), Number(b));
}
