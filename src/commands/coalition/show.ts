import { getCoalition, resolveCoalition, type CoalitionDetails } from '../../core/coalitions.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { printRecords, resolveFormat, renderJson, type OutputOptions } from '../../io/output.js';

interface Field {
  field: string;
  value: string;
}

export function detailFields(c: CoalitionDetails): Field[] {
  const fields: Field[] = [
    { field: 'slug', value: c.slug },
    { field: 'name', value: c.name },
    { field: 'states', value: c.states.join(', ') },
    { field: 'build date', value: c.build_date },
    { field: 'city', value: c.city ?? '' },
    { field: 'venue', value: c.venue ?? '' },
    { field: 'hosts', value: c.hosts.join('; ') },
    { field: 'registered', value: String(c.registered) },
    { field: 'attended', value: String(c.attended) },
  ];
  for (const [sector, n] of Object.entries(c.by_sector)) fields.push({ field: `attended: ${sector}`, value: String(n) });
  return fields;
}

export async function execute(ctx: Context, args: string[], opts: OutputOptions): Promise<number> {
  const db = await openDb(ctx);
  const row = resolveCoalition(db, args[0] ?? ctx.globals.coalition, ctx.env);
  const details = getCoalition(db, row.slug);
  const format = resolveFormat(ctx, opts, ['table', 'tsv', 'json']);
  if (format === 'json') {
    const { id: _id, ...rest } = details;
    ctx.stdout.write(renderJson(ctx, rest));
    return 0;
  }
  await printRecords(ctx, detailFields(details), [{ header: 'field', key: 'field' }, { header: 'value', key: 'value' }], { format });
  return 0;
}
