/** `coalition gaps`: counties with truck stops and no officer of their own. */
import { resolveCoalition } from '../core/coalitions.js';
import { computePairs, type Gap } from '../core/pairing/compute.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { printRecords, type Column, type OutputOptions } from '../io/output.js';
import { parseMaxMiles } from './contacts.js';

export const gapColumns: Column<Gap>[] = [
  { header: 'county', key: 'county' },
  { header: 'fips', key: 'county_fips' },
  { header: 'state', key: 'state' },
  { header: 'stops', key: 'stops', kind: 'number' },
  { header: 'nearest officer (mi)', key: 'nearest_miles', kind: 'number' },
  { header: 'covered by', get: (g) => (g.covered_by === 'nearest' ? 'nearest officers' : 'nobody within the limit') },
];

export async function execute(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as OutputOptions & { maxMiles?: string };
  const maxMiles = parseMaxMiles(opts.maxMiles);
  const db = await openDb(ctx);
  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  const { gaps } = computePairs(db, coalition.id, { maxMiles });
  await printRecords(ctx, gaps, gapColumns, { ...opts, emptyMessage: 'Every county with a truck stop has an officer of its own.' });
  return 0;
}
