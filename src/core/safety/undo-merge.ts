/**
 * Undoing a merge. The import's undo (`undoBatch`) removes the rows a batch created (`created_batch`)
 * and restores the fields it filled; a merge also adds rows to tables that carry no created_batch
 * (coalitions and their states and hosts, pairings, pins, targets, language-check runs, training
 * modules, people's other e-mail addresses), whose keys it keeps in the batch's options. This removes those too, in the same
 * transaction, and refuses — naming the records by table and id — when later work hangs on what the
 * merge added (an import into a coalition the merge created, say).
 */
import type { DB } from '../../db/connection.js';
import { NotFoundError, RefusedError } from '../../io/errors.js';
import { findConflicts, undoBatch, type UndoResult } from '../import/undo.js';
import type { MergeKeys } from './merge.js';

export interface MergeUndoResult extends UndoResult {}

const EMPTY_KEYS: MergeKeys = { coalition_states: [], coalition_hosts: [], pairings: [], pins: [], targets: [], training_modules: [], person_emails: [] };

export function undoMerge(db: DB, batchId: number): MergeUndoResult {
  return db.transaction(() => {
    const batch = db.prepare('SELECT id, kind, status, options_json FROM import_batches WHERE id = ?').get(batchId) as { id: number; kind: string; status: string; options_json: string } | undefined;
    if (!batch) throw new NotFoundError(`no batch ${batchId}`, { hint: 'list the batches with: coalition imports' });
    if (batch.kind !== 'merge') throw new RefusedError(`batch ${batchId} is an import (${batch.kind}), not a merge`, { hint: `undo it with: coalition imports undo ${batchId}` });
    if (batch.status === 'undone') throw new RefusedError(`batch ${batchId} was already undone`, { hint: 'list the batches with: coalition imports' });
    const keys: MergeKeys = { ...EMPTY_KEYS, ...((JSON.parse(batch.options_json) as { merge_keys?: MergeKeys }).merge_keys ?? {}) };
    const inserted = (table: string) => (db.prepare("SELECT row_id FROM batch_changes WHERE batch_id = ? AND table_name = ? AND action = 'insert'").all(batchId, table) as { row_id: number }[]).map((r) => r.row_id);
    const newCoalitions = inserted('coalitions');
    const ourLintRuns = new Set(inserted('lint_runs'));

    // Later work that hangs on a coalition this merge created would go with it: refuse.
    const ownPin = (pin: [number, number, number]) => keys.pins.some((k) => k.every((v, i) => v === pin[i]));
    const conflicts: string[] = findConflicts(db, batchId)
      .filter((c) => !c.pin || !ownPin(c.pin))
      .map((c) => (c.pin ? `pin ${c.pin.join('/')}` : `${c.table} #${c.id}`));
    const inNew = (table: string, extra = '') => newCoalitions.length
      ? (db.prepare(`SELECT * FROM ${table} WHERE coalition_id IN (${newCoalitions.map(() => '?').join(',')})${extra}`).all(...newCoalitions) as Record<string, unknown>[])
      : [];
    for (const t of ['attendance', 'signoffs', 'training_counts', 'activities']) {
      for (const r of inNew(t)) if (r.created_batch !== batchId) conflicts.push(`${t} #${r.id}`);
    }
    for (const r of inNew('lint_runs')) if (!ourLintRuns.has(r.id as number)) conflicts.push(`lint_runs #${r.id}`);
    const has = (list: unknown[][], row: unknown[]) => list.some((k) => k.every((v, i) => v === row[i]));
    for (const r of inNew('pins')) if (!has(keys.pins, [r.coalition_id, r.stop_id, r.person_id])) conflicts.push(`pin ${r.coalition_id}/${r.stop_id}/${r.person_id}`);
    for (const r of inNew('targets')) if (!has(keys.targets, [r.coalition_id, r.goal, r.key])) conflicts.push(`target ${r.goal} ${r.key}`);
    if (conflicts.length) {
      throw new RefusedError(`later work depends on what merge batch ${batchId} added: ${conflicts.slice(0, 10).join(', ')}${conflicts.length > 10 ? `, and ${conflicts.length - 10} more` : ''}`, {
        hint: 'undo the later batches first (coalition imports), or keep the merge',
      });
    }

    const removed: Record<string, number> = {};
    const count = (t: string, n: number) => {
      if (n) removed[t] = (removed[t] ?? 0) + n;
    };
    for (const [c, s, p] of keys.pins) count('pins', db.prepare('DELETE FROM pins WHERE coalition_id = ? AND stop_id = ? AND person_id = ?').run(c, s, p).changes);
    for (const [c, s, p] of keys.pairings) count('pairings', db.prepare('DELETE FROM pairings WHERE coalition_id = ? AND stop_id = ? AND person_id = ?').run(c, s, p).changes);
    for (const [c, g, k] of keys.targets) count('targets', db.prepare('DELETE FROM targets WHERE coalition_id = ? AND goal = ? AND key = ?').run(c, g, k).changes);
    for (const id of ourLintRuns) count('lint_runs', db.prepare('DELETE FROM lint_runs WHERE id = ?').run(id).changes);
    for (const [c, pos] of keys.coalition_hosts) count('coalition_hosts', db.prepare('DELETE FROM coalition_hosts WHERE coalition_id = ? AND position = ?').run(c, pos).changes);
    for (const [c, st] of keys.coalition_states) count('coalition_states', db.prepare('DELETE FROM coalition_states WHERE coalition_id = ? AND state = ?').run(c, st).changes);
    for (const e of keys.person_emails) count('person_emails', db.prepare('DELETE FROM person_emails WHERE email = ?').run(e).changes);

    // The rows with created_batch, and the filled fields of people, organizations, attendance…
    const result = undoBatch(db, batchId);
    for (const [t, n] of Object.entries(result.removed)) count(t, n);
    const restored = { ...result.restored };

    // The filled fields of coalitions, then the coalitions this merge created.
    const coalitionChanges = db.prepare("SELECT row_id, before_json FROM batch_changes WHERE batch_id = ? AND table_name = 'coalitions' AND action = 'update' ORDER BY id DESC").all(batchId) as { row_id: number; before_json: string }[];
    for (const c of coalitionChanges) {
      const before = JSON.parse(c.before_json) as Record<string, unknown>;
      const cols = Object.keys(before).filter((k) => ['name', 'build_date', 'city', 'venue', 'description', 'updated_at'].includes(k));
      if (!cols.length) continue;
      db.prepare(`UPDATE coalitions SET ${cols.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...(cols.map((k) => before[k]) as never[]), c.row_id);
      restored.coalitions = (restored.coalitions ?? 0) + 1;
    }
    for (const id of newCoalitions) count('coalitions', db.prepare('DELETE FROM coalitions WHERE id = ?').run(id).changes);
    for (const id of keys.training_modules) {
      const used = db.prepare('SELECT 1 FROM signoffs WHERE module_id = ? UNION ALL SELECT 1 FROM training_counts WHERE module_id = ? LIMIT 1').get(id, id);
      if (!used) count('training_modules', db.prepare('DELETE FROM training_modules WHERE id = ? AND builtin = 0').run(id).changes);
    }
    return { ...result, removed, restored };
  })();
}
