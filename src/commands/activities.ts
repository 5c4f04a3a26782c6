/** `coalition activities` (list), `activities edit <id>`, `activities delete <id>`. */
import { deleteActivity, editActivity, listActivities, type ActivityRecord } from '../core/activities/index.js';
import { resolveCoalition } from '../core/coalitions.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { UsageError } from '../io/errors.js';
import { printRecords, renderJson, type Column, type OutputOptions } from '../io/output.js';
import { info, success, warn } from '../io/style.js';
import { inputFromFlags, type KindFlags } from './log.js';

export const columns: Column<ActivityRecord>[] = [
  { header: 'id', key: 'id', kind: 'number' },
  { header: 'date', key: 'date', kind: 'date' },
  { header: 'kind', key: 'kind' },
  { header: 'details', key: 'summary' },
  { header: 'organization', key: 'organization' },
  { header: 'count', key: 'count', kind: 'number' },
  { header: 'note', key: 'note' },
];

export async function execute(ctx: Context, _args: string[], opts: OutputOptions & { kind?: string; from?: string; to?: string; org?: string }): Promise<number> {
  const db = await openDb(ctx);
  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  const rows = listActivities(db, coalition.id, { kind: opts.kind, from: opts.from, to: opts.to, org: opts.org });
  await printRecords(ctx, rows, columns, {
    ...opts,
    allowed: ['table', 'tsv', 'csv', 'json', 'md'],
    emptyMessage: `No activities logged for ${coalition.slug}${opts.kind ? ` of kind ${opts.kind}` : ''}. Log one with: coalition log <kind> …`,
  });
  return 0;
}

function parseId(raw: string): number {
  if (!/^\d+$/.test(raw ?? '')) throw new UsageError(`"${raw}" is not an activity id`, { hint: 'the ids are in the first column of: coalition activities' });
  return Number(raw);
}

export async function executeEdit(ctx: Context, args: string[], opts: KindFlags): Promise<number> {
  const id = parseId(args[0]);
  const { json, kind, ...rest } = opts;
  const edit = { ...inputFromFlags(kind as string, rest), kind };
  if (Object.values(edit).every((v) => v === undefined)) throw new UsageError('nothing to change', { hint: 'pass the options to change, for example --count 40 or --date 2026-05-14' });
  const db = await openDb(ctx);
  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  const r = editActivity(db, coalition.id, id, edit, ctx.now());
  for (const w of r.warnings) warn(ctx, w);
  if (json) ctx.stdout.write(renderJson(ctx, r.activity));
  success(ctx, `Changed activity ${id}: ${r.activity.kind} ${r.activity.summary} ${r.activity.date}`.trim());
  return 0;
}

export async function executeDelete(ctx: Context, args: string[]): Promise<number> {
  const id = parseId(args[0]);
  const db = await openDb(ctx);
  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  if (!ctx.globals.yes) {
    if (!ctx.canPrompt) throw new UsageError(`deleting activity ${id} needs confirmation`, { hint: 'pass --yes to delete without asking' });
    const { getActivity } = await import('../core/activities/index.js');
    const a = getActivity(db, id);
    const ok = await ctx.prompts.confirm({ message: `Delete activity ${id} (${a.kind} ${a.summary} ${a.date})?`, default: false });
    if (!ok) {
      info(ctx, 'Nothing deleted.');
      return 0;
    }
  }
  const a = deleteActivity(db, coalition.id, id);
  success(ctx, `Deleted activity ${id} (${a.kind} ${a.summary}, ${a.date})`);
  return 0;
}
