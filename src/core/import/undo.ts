/**
 * Batches: the list, and undo. Undo removes every row the batch inserted (`created_batch`) and
 * restores the previous values of every row it changed (`batch_changes`), in one transaction. It
 * refuses when a later batch changed the same records or added rows that hang on them (a later
 * attendance for a person this batch created, say): undoing would lose that later work. The refusal
 * names the records by table and id, never by personal data.
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { NotFoundError, RefusedError } from '../../io/errors.js';

export interface BatchListRow {
  id: number;
  kind: string;
  file: string | null;
  coalition: string | null;
  started_at: string;
  rows: number;
  inserted: number;
  updated: number;
  duplicates: number;
  rejected: number;
  status: string;
  inserted_detail: Record<string, number>;
  updated_detail: Record<string, number>;
}

export function listBatches(db: DB): BatchListRow[] {
  const rows = stmt(db, `SELECT b.id, b.kind, b.file, c.slug AS coalition, b.started_at, b.rows, b.inserted_json, b.updated_json, b.duplicates, b.rejected, b.status
      FROM import_batches b LEFT JOIN coalitions c ON c.id = b.coalition_id ORDER BY b.id`).all() as Array<Omit<BatchListRow, 'inserted' | 'updated' | 'inserted_detail' | 'updated_detail'> & { inserted_json: string; updated_json: string }>;
  return rows.map(({ inserted_json, updated_json, ...r }) => {
    const ins = JSON.parse(inserted_json) as Record<string, number>;
    const upd = JSON.parse(updated_json) as Record<string, number>;
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    return { ...r, inserted: sum(ins), updated: sum(upd), inserted_detail: ins, updated_detail: upd };
  });
}

/** Tables whose rows carry created_batch, children before parents (the order deletes must run). */
const CREATED_TABLES = ['attendance', 'signoffs', 'training_counts', 'activities', 'hotline_stats', 'people', 'organizations'] as const;

/** A later change to a row the batch created, in any of CREATED_TABLES: a corrected roster's count
 * replacing one this batch added (training_counts), not only people, organizations and attendance. */
const CREATED_BY_BATCH = CREATED_TABLES.map((t) => `(later.table_name = '${t}' AND later.row_id IN (SELECT id FROM ${t} WHERE created_batch = @batch))`).join('\n            OR ');

/** Rows that point at a parent: [child table, column, parent table]. */
const REFERENCES: Array<[string, string, string]> = [
  ['attendance', 'person_id', 'people'],
  ['signoffs', 'person_id', 'people'],
  ['people', 'organization_id', 'organizations'],
  ['training_counts', 'organization_id', 'organizations'],
  ['activities', 'organization_id', 'organizations'],
];

export interface UndoResult {
  batch: number;
  kind: string;
  file: string | null;
  removed: Record<string, number>;
  restored: Record<string, number>;
}

export interface UndoConflict {
  table: string;
  id: number;
  /** The later batch, or null for a record added by a command (a sign-off, an activity). */
  batch: number | null;
  /** For a pin (`table` "pins", `id` its stop): coalition, stop and person, to unpin it. */
  pin?: [number, number, number];
}

export function undoBatch(db: DB, batchId: number): UndoResult {
  return db.transaction(() => {
    const batch = stmt(db, 'SELECT id, kind, file, status FROM import_batches WHERE id = ?').get(batchId) as { id: number; kind: string; file: string | null; status: string } | undefined;
    if (!batch) {
      const last = stmt(db, 'SELECT max(id) AS id FROM import_batches').get() as { id: number | null };
      throw new NotFoundError(`no import batch ${batchId}`, { hint: last.id ? 'list the batches with: coalition imports' : 'nothing has been imported yet' });
    }
    if (batch.status === 'undone') throw new RefusedError(`batch ${batchId} was already undone`, { hint: 'list the batches with: coalition imports' });

    const conflicts = findConflicts(db, batchId);
    if (conflicts.length) {
      const shown = conflicts.slice(0, 10).map((c) => (c.pin ? `a pin of person #${c.pin[2]} to stop #${c.pin[1]}` : `${c.table} #${c.id}`) + ` (${c.batch === null ? 'added since, outside an import' : `batch ${c.batch}`})`).join(', ');
      const later = [...new Set(conflicts.map((c) => c.batch).filter((b): b is number => b !== null))].sort((a, b) => b - a);
      const pins = conflicts.filter((c) => c.pin).map((c) => `coalition pair -c ${pinCoalition(db, c.pin![0])} --unpin ${c.pin![1]}=${c.pin![2]}`);
      throw new RefusedError(`later work changed or depends on records that batch ${batchId} touched: ${shown}${conflicts.length > 10 ? `, and ${conflicts.length - 10} more` : ''}`, {
        hint: later.length
          ? `undo the later batch${later.length > 1 ? 'es' : ''} first, newest first: ${later.map((b) => `coalition imports undo ${b}`).join(', then ')}`
          : pins.length === conflicts.length
            ? `unpin first: ${pins.slice(0, 3).join('; ')}${pins.length > 3 ? '; …' : ''}`
            : 'remove or move those records first; undo would delete them with the batch',
      });
    }

    // Restore changed rows, newest change first, so each row ends with its oldest recorded value.
    const restored: Record<string, number> = {};
    const changes = stmt(db, "SELECT table_name, row_id, before_json FROM batch_changes WHERE batch_id = ? AND action = 'update' ORDER BY id DESC").all(batchId) as Array<{ table_name: string; row_id: number; before_json: string }>;
    const seen = new Set<string>();
    for (const c of changes) {
      if (!(CREATED_TABLES as readonly string[]).includes(c.table_name)) continue;
      const before = JSON.parse(c.before_json) as Record<string, unknown>;
      const cols = Object.keys(before).filter((k) => /^[a-z_]+$/.test(k));
      if (!cols.length) continue;
      // Table and column names come from our own records (checked above), never from user data.
      stmt(db, `UPDATE ${c.table_name} SET ${cols.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...(cols.map((k) => before[k]) as never[]), c.row_id);
      const key = `${c.table_name}:${c.row_id}`;
      if (!seen.has(key)) {
        seen.add(key);
        restored[c.table_name] = (restored[c.table_name] ?? 0) + 1;
      }
    }
    const removed: Record<string, number> = {};
    for (const t of CREATED_TABLES) {
      const n = stmt(db, `DELETE FROM ${t} WHERE created_batch = ?`).run(batchId).changes;
      if (n) removed[t] = n;
    }
    stmt(db, "UPDATE import_batches SET status = 'undone' WHERE id = ?").run(batchId);
    return { batch: batchId, kind: batch.kind, file: batch.file, removed, restored };
  })();
}

/** Records of this batch that a later, still-active batch changed or hung rows on. */
export function findConflicts(db: DB, batchId: number): UndoConflict[] {
  const out: UndoConflict[] = [];
  const key = new Set<string>();
  const add = (table: string, id: number, batch: number | null) => {
    const k = `${table}:${id}`;
    if (key.has(k)) return;
    key.add(k);
    out.push({ table, id, batch });
  };
  // Rows this batch inserted or changed that a later batch changed.
  const changed = stmt(db, `
    SELECT later.table_name AS t, later.row_id AS id, later.batch_id AS b
      FROM batch_changes later JOIN import_batches lb ON lb.id = later.batch_id AND lb.status = 'done'
     WHERE later.batch_id > @batch
       AND (EXISTS (SELECT 1 FROM batch_changes mine WHERE mine.batch_id = @batch AND mine.table_name = later.table_name AND mine.row_id = later.row_id)
            OR ${CREATED_BY_BATCH})
     ORDER BY later.batch_id, later.table_name, later.row_id`).all({ batch: batchId }) as Array<{ t: string; id: number; b: number }>;
  for (const c of changed) add(c.t, c.id, c.b);
  // Rows a later batch (or anything done since) hung on rows this batch created.
  for (const [child, col, parent] of REFERENCES) {
    const rows = stmt(db, `
      SELECT ch.id AS id, ch.created_batch AS b FROM ${child} ch
       WHERE ch.${col} IN (SELECT id FROM ${parent} WHERE created_batch = ?)
         AND (ch.created_batch IS NULL
              OR (ch.created_batch > ? AND ch.created_batch IN (SELECT id FROM import_batches WHERE status = 'done')))`).all(batchId, batchId) as Array<{ id: number; b: number | null }>;
    for (const r of rows) add(child, r.id, r.b);
  }
  // Pins are the coordinator's own choice of an officer for a stop: undo would drop them silently.
  const pins = stmt(db, `
    SELECT coalition_id, stop_id, person_id FROM pins
     WHERE person_id IN (SELECT id FROM people WHERE created_batch = ?) OR stop_id IN (SELECT id FROM organizations WHERE created_batch = ?)
     ORDER BY coalition_id, stop_id, person_id`).all(batchId, batchId) as Array<{ coalition_id: number; stop_id: number; person_id: number }>;
  for (const p of pins) out.push({ table: 'pins', id: p.stop_id, batch: null, pin: [p.coalition_id, p.stop_id, p.person_id] });
  return out;
}

function pinCoalition(db: DB, id: number): string {
  return (stmt(db, 'SELECT slug FROM coalitions WHERE id = ?').get(id) as { slug: string } | undefined)?.slug ?? String(id);
}
