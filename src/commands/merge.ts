import path from 'node:path';
import { mergeBundle, MERGE_TABLES, type MergeReport } from '../core/safety/merge.js';
import { openDb } from '../db/connection.js';
import { resolveDbPath } from '../db/paths.js';
import type { Context } from '../io/context.js';
import { renderJson } from '../io/output.js';
import { info, success, warn } from '../io/style.js';
import { UsageError } from '../io/errors.js';
import { undoMerge } from '../core/safety/undo-merge.js';
import { noun, recordName } from './record-nouns.js';

export function describeCounts(counts: Record<string, number>): string {
  const parts = [...MERGE_TABLES, 'coalition_states', 'coalition_hosts'].filter((t) => counts[t] > 0).map((t) => noun(t, counts[t]));
  return parts.length ? parts.join(', ') : 'nothing';
}

export async function execute(ctx: Context, args: string[], opts: { dryRun?: boolean; json?: boolean; undo?: string }): Promise<number> {
  if (opts.undo !== undefined) return undo(ctx, args, opts);
  if (!args[0]) throw new UsageError('name the bundle to merge', { hint: 'for example: coalition merge ia-2026.coalition (or --undo BATCH to take a merge back)' });
  const db = await openDb(ctx);
  const report: MergeReport = await mergeBundle(db, resolveDbPath(ctx), path.resolve(ctx.cwd, args[0]), { dryRun: opts.dryRun, now: ctx.now() });
  if (opts.json) {
    ctx.stdout.write(renderJson(ctx, report));
    return 0;
  }
  const head = report.dry_run ? 'Dry run, nothing written.' : report.batch ? `Merged ${report.file} as batch ${report.batch}.` : `Nothing to merge: everything in ${report.file} is already here.`;
  success(ctx, head);
  info(ctx, `${report.dry_run ? 'Would add' : 'Added'}: ${describeCounts(report.added)}.`);
  info(ctx, `${report.dry_run ? 'Would fill empty fields of' : 'Filled empty fields of'}: ${describeCounts(report.updated)}.`);
  info(ctx, `Already here, unchanged: ${describeCounts(report.unchanged)}.`);
  if (report.left_alone.length) {
    warn(ctx, `${report.left_alone.length} record${report.left_alone.length === 1 ? '' : 's'} differ from the bundle; this database's values were kept (nothing is overwritten):`);
    for (const l of report.left_alone.slice(0, 20)) info(ctx, `  ${recordName(l.table)} ${l.id} (${l.name}): ${l.fields.join(', ')}`);
    if (report.left_alone.length > 20) info(ctx, `  … and ${report.left_alone.length - 20} more (see --json)`);
  }
  if (report.dropped_notes.length) {
    warn(ctx, `${report.dropped_notes.length} investigation note${report.dropped_notes.length === 1 ? '' : 's'} of the bundle seemed to hold victim details; the activit${report.dropped_notes.length === 1 ? 'y was' : 'ies were'} merged without ${report.dropped_notes.length === 1 ? 'it' : 'them'} (the count and date are kept):`);
    for (const d of report.dropped_notes.slice(0, 20)) info(ctx, `  ${d.kind} of ${d.occurred_on}: ${d.problem}`);
  }
  ctx.stdout.write(`added\t${Object.values(report.added).reduce((a, b) => a + b, 0)}\nupdated\t${Object.values(report.updated).reduce((a, b) => a + b, 0)}\nleft_alone\t${report.left_alone.length}\n`);
  return 0;
}

async function undo(ctx: Context, args: string[], opts: { dryRun?: boolean; json?: boolean; undo?: string }): Promise<number> {
  if (args.length) throw new UsageError('--undo takes a batch number, not a file', { hint: 'for example: coalition merge --undo 12' });
  if (opts.dryRun) throw new UsageError('--undo and --dry-run cannot be combined', { hint: 'leave out --dry-run' });
  const id = Number(opts.undo);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`"${opts.undo}" is not a batch number`, { hint: 'list the batches with: coalition imports' });
  const db = await openDb(ctx);
  const result = undoMerge(db, id);
  if (opts.json) {
    ctx.stdout.write(renderJson(ctx, result));
    return 0;
  }
  success(ctx, `Undid merge batch ${id}${result.file ? ` (${result.file})` : ''}: removed ${describeCounts(result.removed)}; restored ${describeCounts(result.restored)}.`);
  return 0;
}
