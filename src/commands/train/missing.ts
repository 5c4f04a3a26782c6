import { resolveCoalition } from '../../core/coalitions.js';
import { resolveModule } from '../../core/training/modules.js';
import { missingSignoffs, type MissingRecord } from '../../core/training/signoffs.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { UsageError } from '../../io/errors.js';
import { printRecords, resolveFormat, type Column, type OutputOptions } from '../../io/output.js';
import { info } from '../../io/style.js';

export const columns: Column<MissingRecord>[] = [
  { header: 'person id', key: 'person_id', kind: 'number' },
  { header: 'name', get: (r) => [r.title, r.name].filter(Boolean).join(' ') },
  { header: 'organization', key: 'organization' },
  { header: 'sector', key: 'sector' },
  { header: 'agency type', key: 'agency_type' },
  // The county by name, as coordinators know it; its FIPS code stays in --json.
  { header: 'county', key: 'county' },
];

export interface MissingOptions extends OutputOptions {
  module?: string;
  allSectors?: boolean;
}

/** `coalition train missing --module M -c SLUG`: checked-in attendees without that sign-off. */
export async function execute(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as MissingOptions;
  if (!opts.module) throw new UsageError('missing --module', { hint: 'for example: coalition train missing --module build-initial -c ia-2026' });
  const format = resolveFormat(ctx, opts);
  const db = await openDb(ctx);
  const module = resolveModule(db, opts.module);
  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  const r = missingSignoffs(db, coalition.id, module.id, { allSectors: opts.allSectors });
  const scope = r.audience ? `${r.audience} attendees` : 'attendees';
  await printRecords(ctx, r.missing, columns, opts);
  if (format === 'table' || ctx.stderrIsTTY) {
    info(ctx, `${r.signed} of ${r.attended} checked-in ${scope} of ${coalition.slug} signed off on ${module.id}; ${r.missing.length} still to train${r.audience ? ' (--all-sectors to include everyone)' : ''}`);
  }
  return 0;
}
