import { countySourceText as sourceText } from '../../core/normalize/geo.js';
import { formatPhone } from '../../core/normalize/phone.js';
import { getOrganization, type OrgDetails } from '../../core/orgs/query.js';
import { findOrganization } from '../../core/orgs/edit.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { printRecords, renderJson, resolveFormat, type OutputOptions } from '../../io/output.js';

export function orgFields(o: OrgDetails): Array<{ field: string; value: string }> {
  const source = o.sector_source === 'manual' ? 'set by hand' : o.sector_source === 'column' ? 'from the file' : 'inferred from the name';
  const f = [
    { field: 'id', value: String(o.id) },
    { field: 'name', value: o.name },
    { field: 'sector', value: `${o.sector}${o.agency_type ? ` / ${o.agency_type}` : ''} (${source})` },
    { field: 'address', value: [o.address, o.address2].filter(Boolean).join(', ') },
    { field: 'city', value: [o.city, o.state, o.zip].filter(Boolean).join(', ') },
    { field: 'county', value: o.county ? `${o.county}, ${o.state ?? ''} (${o.county_fips}; ${sourceText(o.county_source)})` : 'not known' },
    { field: 'phone', value: formatPhone(o.phone, o.phone_ext) },
    { field: 'email', value: o.email ?? '' },
    { field: 'statewide contact', value: o.statewide ? 'yes' : 'no' },
  ];
  if (o.sector === 'truck_stop' || o.distribution_point) f.push({ field: 'distribution point', value: o.distribution_point ? 'yes' : 'no' });
  if (o.store_number) f.push({ field: 'store number', value: o.store_number });
  if (o.vetted_by || o.sector === 'victim_services') f.push({ field: 'vetted by', value: o.vetted_by ?? 'not recorded' });
  if (o.notes) f.push({ field: 'notes', value: o.notes });
  f.push({ field: 'people', value: String(o.members.length) });
  for (const m of o.members) f.push({ field: `  #${m.id}`, value: [m.name, m.email, formatPhone(m.phone, m.phone_ext)].filter(Boolean).join(' · ') });
  for (const t of o.training_counts) f.push({ field: `trained: ${t.module}`, value: `${t.count} on ${t.completed_on}` });
  return f;
}

export async function execute(ctx: Context, args: string[], opts: OutputOptions): Promise<number> {
  const format = resolveFormat(ctx, opts, ['table', 'tsv', 'json']);
  const db = await openDb(ctx);
  const org = getOrganization(db, findOrganization(db, args[0]));
  if (format === 'json') {
    ctx.stdout.write(renderJson(ctx, org));
    return 0;
  }
  await printRecords(ctx, orgFields(org), [{ header: 'field', key: 'field' }, { header: 'value', key: 'value' }], { format });
  return 0;
}
