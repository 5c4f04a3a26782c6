import { listCoalitions, type CoalitionSummary } from '../../core/coalitions.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { printRecords, type Column, type OutputOptions } from '../../io/output.js';

export const columns: Column<CoalitionSummary>[] = [
  { header: 'slug', key: 'slug' },
  { header: 'name', key: 'name' },
  { header: 'states', key: 'states', kind: 'list' },
  { header: 'build date', key: 'build_date', kind: 'date' },
  { header: 'registered', key: 'registered', kind: 'number' },
  { header: 'attended', key: 'attended', kind: 'number' },
];

export async function execute(ctx: Context, _args: string[], opts: OutputOptions): Promise<number> {
  const db = await openDb(ctx);
  const rows = listCoalitions(db);
  await printRecords(ctx, rows, columns, { ...opts, emptyMessage: 'No coalitions yet. Create one with: coalition new --name "…" --state XX --date YYYY-MM-DD' });
  return 0;
}
