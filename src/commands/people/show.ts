import { countySourceText as sourceText } from '../../core/normalize/geo.js';
import { formatPhone } from '../../core/normalize/phone.js';
import { getPerson, type PersonDetails } from '../../core/people/query.js';
import { resolvePerson } from './resolve.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { printRecords, renderJson, resolveFormat, type OutputOptions } from '../../io/output.js';

interface Field {
  field: string;
  value: string;
}

const yn = (v: boolean | null) => (v === null ? 'not asked (treated as no)' : v ? 'yes' : 'no');

export function personFields(p: PersonDetails): Field[] {
  const f: Field[] = [
    { field: 'id', value: String(p.id) },
    { field: 'name', value: [p.prefix, p.first_name, p.last_name, p.suffix].filter(Boolean).join(' ') },
    { field: 'title', value: p.title ?? '' },
    { field: 'organization', value: p.organization ? `${p.organization} (id ${p.organization_id})` : '' },
    { field: 'sector', value: `${p.sector}${p.agency_type ? ` / ${p.agency_type}` : ''}${p.own_sector ? ' (set on the person)' : ''}` },
    { field: 'email', value: p.email ?? '' },
    ...(p.other_emails.length ? [{ field: 'other e-mails', value: p.other_emails.join(', ') }] : []),
    { field: 'phone', value: formatPhone(p.phone, p.phone_ext) },
    { field: 'address', value: [p.address, p.address2].filter(Boolean).join(', ') },
    { field: 'city', value: [p.city, p.state, p.zip].filter(Boolean).join(', ') },
    { field: 'county', value: p.county ? `${p.county}, ${p.state ?? ''} (${p.county_fips}; ${sourceText(p.county_source)})` : 'not known' },
    { field: 'share contact', value: yn(p.share_contact) },
  ];
  if (p.notes) f.push({ field: 'notes', value: p.notes });
  if (p.attendance.length === 0) f.push({ field: 'attendance', value: 'none' });
  for (const a of p.attendance) {
    f.push({ field: `attendance: ${a.coalition}`, value: a.checked_in ? `attended${a.checked_in_at ? ` (checked in ${a.checked_in_at})` : ''}` : 'registered, not checked in' });
  }
  if (p.signoffs.length === 0) f.push({ field: 'sign-offs', value: 'none' });
  for (const s of p.signoffs) f.push({ field: `sign-off: ${s.module}`, value: `${s.completed_on}${s.verified_by ? `, verified by ${s.verified_by}` : ''}${s.coalition ? ` (${s.coalition})` : ''}` });
  return f;
}

export async function execute(ctx: Context, args: string[], opts: OutputOptions): Promise<number> {
  const format = resolveFormat(ctx, opts, ['table', 'tsv', 'json']);
  const db = await openDb(ctx);
  const person = getPerson(db, await resolvePerson(ctx, db, args[0]));
  if (format === 'json') {
    ctx.stdout.write(renderJson(ctx, person));
    return 0;
  }
  await printRecords(ctx, personFields(person), [{ header: 'field', key: 'field' }, { header: 'value', key: 'value' }], { format });
  return 0;
}
