/** `coalition imports` and `coalition imports undo <batch>`. */
import { listBatches, undoBatch, type BatchListRow } from '../core/import/undo.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { CancelledError, UsageError } from '../io/errors.js';
import { printRecords, renderJson, type Column, type OutputOptions } from '../io/output.js';
import { info, success } from '../io/style.js';

export const columns: Column<BatchListRow>[] = [
  { header: 'batch', key: 'id', kind: 'number' },
  { header: 'kind', key: 'kind' },
  { header: 'file', key: 'file' },
  { header: 'coalition', key: 'coalition' },
  { header: 'when', key: 'started_at', kind: 'datetime' },
  { header: 'rows', key: 'rows', kind: 'number' },
  { header: 'inserted', key: 'inserted', kind: 'number' },
  { header: 'updated', key: 'updated', kind: 'number' },
  { header: 'rejected', key: 'rejected', kind: 'number' },
  { header: 'status', key: 'status' },
];

export async function executeList(ctx: Context, _args: string[], opts: OutputOptions): Promise<number> {
  const db = await openDb(ctx);
  const rows = listBatches(db);
  const json = rows.map((r) => ({
    batch: r.id, kind: r.kind, file: r.file, coalition: r.coalition, started_at: r.started_at, rows: r.rows,
    inserted: r.inserted_detail, updated: r.updated_detail, duplicates: r.duplicates, rejected: r.rejected, status: r.status,
  }));
  await printRecords(ctx, rows, columns, { ...opts, jsonValue: json, emptyMessage: 'Nothing imported yet. Try: coalition import contacts FILE' });
  return 0;
}

export async function executeUndo(ctx: Context, args: string[], opts: { json?: boolean }): Promise<number> {
  const id = Number(args[0]);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`"${args[0]}" is not a batch number`, { hint: 'list the batches with: coalition imports' });
  const db = await openDb(ctx);
  if (ctx.canPrompt) {
    const ok = await ctx.prompts.confirm({ message: `Undo import batch ${id}? Records it added are removed and the fields it changed are restored.`, default: false });
    if (!ok) throw new CancelledError('nothing was undone');
  }
  // A merge also adds coalitions, pins, targets and other rows without created_batch: its own undo
  // removes those too.
  const kind = (db.prepare('SELECT kind FROM import_batches WHERE id = ?').get(id) as { kind: string } | undefined)?.kind;
  const result = kind === 'merge' ? (await import('../core/safety/undo-merge.js')).undoMerge(db, id) : undoBatch(db, id);
  if (opts.json) {
    ctx.stdout.write(renderJson(ctx, result));
    return 0;
  }
  // In words ("1 person", "6 sign-offs"), as the import's own summary counted them.
  const { noun } = await import('./record-nouns.js');
  const removed = Object.entries(result.removed).map(([t, n]) => noun(t, n)).join(', ') || 'nothing';
  const restored = Object.entries(result.restored).map(([t, n]) => noun(t, n)).join(', ');
  success(ctx, `Undid batch ${id} (${result.kind}${result.file ? `, ${result.file}` : ''}): removed ${removed}${restored ? `; restored ${restored}` : ''}.`);
  if (!restored && removed === 'nothing') info(ctx, 'The batch had added and changed nothing.');
  return 0;
}
