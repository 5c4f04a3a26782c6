/**
 * The contact lists as flat rows (table, TSV, CSV: one row per stop and officer, each county's
 * statewide contacts after its stops, with no stop and the match `statewide`) and as Markdown (one
 * section per county). HTML/PDF come from templates/contacts.html through src/core/render.
 */
import { formatLongDate, formatPhoneForPrint } from '../render/format.js';
import type { ContactEntry, ContactsDocument } from './document.js';

export interface ContactRow {
  county: string;
  county_fips: string;
  state: string;
  stop_id: number | null;
  stop: string;
  stop_city: string;
  stop_phone: string;
  manager: string;
  rank: number | null;
  officer: string;
  title: string;
  agency: string;
  phone: string;
  email: string;
  match: string;
  miles: number | null;
}

const phone = (c: { phone: string | null; phone_ext: string | null }) => formatPhoneForPrint(c.phone, c.phone_ext);

function officerCells(c: ContactEntry | undefined) {
  return {
    officer: c?.name ?? (c ? 'Main line' : ''),
    title: c?.title ?? '',
    agency: c?.agency ?? '',
    phone: c ? phone(c) : '',
    email: c?.email ?? '',
    match: c?.match ?? '',
    miles: c?.distance_miles ?? null,
  };
}

export function contactRows(doc: ContactsDocument): ContactRow[] {
  const rows: ContactRow[] = [];
  for (const c of doc.counties) {
    for (const s of c.stops) {
      const base = { county: c.county, county_fips: c.county_fips ?? '', state: c.state, stop_id: s.id, stop: s.name, stop_city: s.city ?? '', stop_phone: phone(s), manager: s.manager ?? '' };
      if (s.contacts.length === 0) rows.push({ ...base, rank: null, ...officerCells(undefined) });
      s.contacts.forEach((o, i) => rows.push({ ...base, rank: i + 1, ...officerCells(o) }));
    }
    // The statewide contacts differ from county to county (the nearest post's), so each county has its own.
    for (const o of c.statewide) {
      rows.push({ county: c.county, county_fips: c.county_fips ?? '', state: c.state, stop_id: null, stop: '', stop_city: '', stop_phone: '', manager: '', rank: null, ...officerCells(o) });
    }
  }
  return rows;
}

const md = (s: string | null | undefined) => (s ?? '').replace(/([\\`*_{}[\]<>#|])/g, '\\$1').replace(/[\r\n]+/g, ' ');

function mdContact(o: ContactEntry): string {
  const who = [o.name ? md(o.name) : 'Main line', o.title ? md(o.title) : ''].filter(Boolean).join(', ');
  const tail = [md(o.agency), phone(o) + (!o.consented && o.phone ? ' (main line)' : ''), md(o.email)].filter(Boolean).join(' · ');
  const tag =
    o.match === 'nearest' ? ` _(nearest, ${Math.round(o.distance_miles ?? 0)} mi)_`
    : o.match === 'pinned' ? ' _(chosen)_'
    : o.match === 'statewide' && o.distance_miles !== null ? ` _(${Math.round(o.distance_miles)} mi)_`
    : '';
  return `**${who}**${tag} · ${tail}`;
}

export function renderContactsMarkdown(doc: ContactsDocument): string {
  const out: string[] = [];
  const meta = `${md(doc.coalition.name)} · build ${formatLongDate(doc.coalition.build_date)} · printed ${formatLongDate(doc.printed_on)}`;
  if (doc.counties.length === 0) out.push(`# No truck stops to list\n\n${meta}\n`);
  for (const c of doc.counties) {
    out.push(`# ${md(c.county)}, ${md(c.state_name)}\n\n${meta}${c.county_fips ? ` · FIPS ${c.county_fips}` : ''}\n`);
    if (c.gap) out.push('> No officer of this county is in the contact directory. Call the statewide contacts below, or 911 in an emergency.\n');
    out.push('## Truck stops and the officers to call\n');
    for (const s of c.stops) {
      const where = [md(s.address), [md(s.city), c.state].filter(Boolean).join(', ') + (s.zip ? ` ${s.zip}` : ''), phone(s)].filter(Boolean).join(' · ');
      out.push(`### ${md(s.name)}\n\n${where}${s.manager ? `  \nManager: ${md(s.manager)}` : ''}\n`);
      if (s.contacts.length === 0) out.push(`- _No officer within ${doc.max_miles} miles is in the directory._`);
      for (const o of s.contacts) out.push(`- ${mdContact(o)}`);
      out.push('');
    }
    out.push(`## Statewide contacts, ${md(c.state_name)}${c.statewide.some((o) => o.distance_miles !== null) ? ' (nearest post)' : ''}\n`);
    out.push(c.statewide.length ? c.statewide.map((o) => `- ${mdContact(o)}`).join('\n') : '_None in the directory yet._', '');
    out.push(`## Victim service resources, ${md(c.state_name)}\n`);
    const rs = doc.resources.filter((r) => r.state === c.state);
    out.push(rs.length ? rs.map((r) => `- **${md(r.name)}**${r.contact ? ` (${md(r.contact)})` : ''} · ${[md(r.city), phone(r), md(r.website ?? r.email)].filter(Boolean).join(' · ')}`).join('\n') : '_None in the directory yet._', '');
    const h = doc.hotline;
    out.push(`**If you see signs of human trafficking:** call the ${h.name} at **${h.phone}** or text **${h.text}**.  \n**If someone is in immediate danger, call ${h.emergency}.**\n`);
    out.push('---\n');
  }
  return out.join('\n');
}
