/** `coalition targets` and `targets set GOAL KEY VALUE`. */
import { resolveCoalition } from '../core/coalitions.js';
import { listTargets, setTarget, type TargetRow } from '../core/report/goals.js';
import { valueText } from '../core/report/render.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { printRecords, type Column, type OutputOptions } from '../io/output.js';
import { success } from '../io/style.js';

const columns: Column<TargetRow>[] = [
  { header: 'goal', key: 'goal' },
  { header: 'key', key: 'key' },
  { header: 'target', get: (r) => valueText(r.goal, r.key, r.value) },
  { header: 'default', get: (r) => valueText(r.goal, r.key, r.default) },
  { header: 'changed', key: 'changed', kind: 'bool' },
  { header: 'measures', key: 'description' },
];

export async function execute(ctx: Context, _args: string[], opts: OutputOptions): Promise<number> {
  const db = await openDb(ctx);
  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  await printRecords(ctx, listTargets(db, coalition.id), columns, opts);
  return 0;
}

export async function executeSet(ctx: Context, args: string[]): Promise<number> {
  const [goal, key, value] = args;
  const db = await openDb(ctx);
  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  const r = setTarget(db, coalition.id, goal, key, value);
  success(ctx, `${coalition.slug}: target ${r.goal} ${r.key} = ${valueText(r.goal, r.key, r.value)}${r.changed ? ` (default ${valueText(r.goal, r.key, r.default)})` : ' (the default)'}`);
  return 0;
}
