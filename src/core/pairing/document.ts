/**
 * The per-county contact lists as data (the contract's `coalition contacts --json` shape), built from
 * a pairing, plus each sheet's statewide contacts (the nearest post's: statewide.ts chooses them), the
 * victim service resources and the hotline block. The HTML/PDF, Markdown and flat formats are all
 * rendered from this one object.
 *
 * Consent: a person whose `share_contact` is not 1 is printed with their name, title and agency, and
 * the agency's main line instead of any personal phone or e-mail (`consented: false`).
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { NotFoundError, UsageError } from '../../io/errors.js';
import { coalitionStates, type CoalitionRow } from '../coalitions.js';
import { isoDate, isoTimestamp } from '../dates.js';
import { findState } from '../states.js';
import type { Gap, MatchKind, PairResult } from './compute.js';
import { attendedIds, countyLabel, loadStatewideAgencies, loadStops, type StopRow } from './data.js';
import { agencyOrder, sheetPoint, statewideChooser, type StatewidePick } from './statewide.js';
import { GeoIndex } from '../normalize/geo.js';
import { agencyTypeSql } from '../people/sql.js';

export const HOTLINE = {
  name: 'National Human Trafficking Hotline',
  phone: '1-888-373-7888',
  text: '233733',
  emergency: '911',
} as const;

export interface ContactEntry {
  person_id: number | null;
  name: string | null;
  title: string | null;
  agency: string | null;
  agency_type: string | null;
  phone: string | null;
  phone_ext: string | null;
  email: string | null;
  match: MatchKind | 'statewide';
  distance_miles: number | null;
  /** false: the phone is the agency's main line, the e-mail is withheld. */
  consented: boolean;
  attended: boolean;
  state?: string | null;
}

export interface StopEntry {
  id: number;
  name: string;
  address: string | null;
  city: string | null;
  zip: string | null;
  phone: string | null;
  phone_ext: string | null;
  manager: string | null;
  attended: boolean;
  contacts: ContactEntry[];
}

export interface CountySection {
  county: string;
  county_fips: string | null;
  state: string;
  state_name: string;
  /** No officer of the county itself (served by the nearest ones, or by nobody). */
  gap: boolean;
  stops: StopEntry[];
  /** The statewide contacts for this sheet: per agency, the people nearest its truck stops, with
   * `distance_miles` from the middle of them (statewide.ts). */
  statewide: ContactEntry[];
}

export interface ResourceEntry {
  id: number;
  name: string;
  address: string | null;
  city: string | null;
  state: string;
  county_fips: string | null;
  phone: string | null;
  phone_ext: string | null;
  email: string | null;
  website: string | null;
  vetted_by: string | null;
  /** A named contact there who consented to sharing (their phone/e-mail fill in a missing main line). */
  contact: string | null;
}

export interface ContactsDocument {
  coalition: { slug: string; name: string; states: string[]; build_date: string };
  generated_at: string;
  printed_on: string;
  max_miles: number;
  counties: CountySection[];
  /** Every statewide contact on any of the sheets, once (`distance_miles` null: it differs by sheet). */
  statewide: ContactEntry[];
  resources: ResourceEntry[];
  hotline: typeof HOTLINE;
  gaps: Gap[];
}

interface PersonDetail {
  id: number;
  first_name: string | null;
  last_name: string | null;
  prefix: string | null;
  suffix: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  phone_ext: string | null;
  share_contact: number | null;
  agency: string | null;
  agency_type: string | null;
  sector: string | null;
  org_phone: string | null;
  org_phone_ext: string | null;
  statewide: number | null;
  state: string | null;
  organization_id: number | null;
}

const PERSON_SQL = `
  SELECT p.id, p.first_name, p.last_name, p.prefix, p.suffix, p.title, p.email, p.phone, p.phone_ext, p.share_contact,
         o.name AS agency, ${agencyTypeSql()} AS agency_type, coalesce(p.sector, o.sector) AS sector,
         o.phone AS org_phone, o.phone_ext AS org_phone_ext, o.statewide, coalesce(o.state, p.state) AS state, p.organization_id
    FROM people p LEFT JOIN organizations o ON o.id = p.organization_id`;

export function personName(p: { first_name: string | null; last_name: string | null; suffix?: string | null }): string | null {
  const n = [p.first_name, p.last_name].filter(Boolean).join(' ') + (p.suffix ? ` ${p.suffix}` : '');
  return n.trim() || null;
}

function entry(p: PersonDetail, match: ContactEntry['match'], miles: number | null, attended: Set<number>): ContactEntry {
  const consented = p.share_contact === 1;
  return {
    person_id: p.id,
    name: personName(p),
    title: p.title,
    agency: p.agency,
    agency_type: p.agency_type,
    phone: consented ? (p.phone ?? p.org_phone) : p.org_phone,
    phone_ext: consented ? (p.phone ? p.phone_ext : p.org_phone_ext) : p.org_phone_ext,
    email: consented ? p.email : null,
    match,
    distance_miles: miles,
    consented,
    attended: attended.has(p.id),
  };
}

interface AgencyRow {
  id: number;
  name: string;
  agency_type: string | null;
  phone: string | null;
  phone_ext: string | null;
  email: string | null;
  state: string | null;
}

/** An agency listed by its main line (no person of it in the directory). */
function agencyEntry(o: AgencyRow, match: ContactEntry['match'], miles: number | null): ContactEntry {
  return { person_id: null, name: null, title: null, agency: o.name, agency_type: o.agency_type, phone: o.phone, phone_ext: o.phone_ext, email: o.email, match, distance_miles: miles, consented: true, attended: false };
}

export interface BuildOptions {
  /** Only these counties (FIPS codes, from resolveCountyRefs). */
  counties?: string[];
  now: Date;
}

/** Builds the document for a coalition from a pairing (computed or saved). */
export function buildContactsDocument(db: DB, coalition: CoalitionRow, pairs: PairResult, opts: BuildOptions): ContactsDocument {
  const states = coalitionStates(db, coalition.id);
  const attended = attendedIds(db, coalition.id);
  const stops = new Map<number, StopRow>(loadStops(db, pairs.states).map((s) => [s.id, s]));
  // One query for everyone referenced (faster than one per contact on a national directory).
  const people = new Map<number, PersonDetail>();
  for (const p of stmt(db, PERSON_SQL).all() as PersonDetail[]) people.set(p.id, p);
  const person = (id: number) => people.get(id)!;
  const agencyStmt = stmt(db, 'SELECT id, name, agency_type, phone, phone_ext, email, state FROM organizations WHERE id = ?');
  const agency = (id: number) => agencyStmt.get(id) as AgencyRow;
  // Who is at each truck stop (its manager or owner) and whether anyone of it attended.
  const staff = new Map<number, Array<{ id: number; name: string | null; title: string | null }>>();
  for (const r of stmt(db, `SELECT p.id, p.first_name, p.last_name, p.suffix, p.title, p.organization_id FROM people p JOIN organizations o ON o.id = p.organization_id WHERE o.sector = 'truck_stop' ORDER BY p.organization_id, p.last_name, p.first_name, p.id`).all() as Array<{ id: number; first_name: string | null; last_name: string | null; suffix: string | null; title: string | null; organization_id: number }>) {
    const list = staff.get(r.organization_id) ?? [];
    list.push({ id: r.id, name: personName(r), title: r.title });
    staff.set(r.organization_id, list);
  }

  const wanted = opts.counties ? new Set(opts.counties) : undefined;
  const gapFips = new Set(pairs.gaps.map((g) => g.county_fips));
  const sections = new Map<string, CountySection>();
  const sectionStops = new Map<CountySection, StopRow[]>();
  for (const sp of pairs.stops) {
    if (wanted && (!sp.county_fips || !wanted.has(sp.county_fips))) continue;
    const s = stops.get(sp.stop_id);
    if (!s) continue;
    const key = sp.county_fips ?? `unknown:${s.state}`;
    let section = sections.get(key);
    if (!section) {
      section = {
        county: countyLabel(s.county_name) ?? 'County not known',
        county_fips: sp.county_fips,
        state: s.state,
        state_name: findState(s.state)?.name ?? s.state,
        gap: sp.county_fips ? gapFips.has(sp.county_fips) : true,
        stops: [],
        statewide: [],
      };
      sections.set(key, section);
      sectionStops.set(section, []);
    }
    sectionStops.get(section)!.push(s);
    const people = staff.get(s.id) ?? [];
    section.stops.push({
      id: s.id,
      name: s.name,
      address: [s.address, s.address2].filter(Boolean).join(', ') || null,
      city: s.city,
      zip: s.zip,
      phone: s.phone,
      phone_ext: s.phone_ext,
      manager: people.map((m) => (m.title ? `${m.name ?? ''} (${m.title})` : m.name)).filter(Boolean).join('; ') || null,
      attended: people.some((m) => attended.has(m.id)),
      contacts: sp.contacts.map((c) => (c.person_id === null ? agencyEntry(agency(c.organization_id!), c.match, c.distance_miles) : entry(person(c.person_id), c.match, c.distance_miles, attended))),
    });
  }
  const stateOrder = (st: string) => (states.indexOf(st) + 1 || 99);
  const counties = [...sections.values()].sort(
    (a, b) => stateOrder(a.state) - stateOrder(b.state) || Number(a.county_fips === null) - Number(b.county_fips === null) || a.county.localeCompare(b.county) || (a.county_fips ?? '').localeCompare(b.county_fips ?? ''),
  );
  for (const c of counties) c.stops.sort((a, b) => (a.city ?? '').localeCompare(b.city ?? '') || a.name.localeCompare(b.name) || a.id - b.id);

  // Statewide contacts, sheet by sheet: nearest the middle of the sheet's truck stops.
  const choose = statewideChooser(loadStatewideAgencies(db, pairs.states), attended);
  const statewideEntry = (pick: StatewidePick, state: string): ContactEntry => {
    const e = pick.person_id === null ? agencyEntry(agency(pick.organization_id), 'statewide', pick.distance_miles) : entry(person(pick.person_id), 'statewide', pick.distance_miles, attended);
    e.state = state;
    return e;
  };
  const everyStatewide = new Map<string, ContactEntry>();
  for (const c of counties) {
    const picks = choose(c.state, sheetPoint(sectionStops.get(c)!));
    c.statewide = picks.map((pick) => statewideEntry(pick, c.state));
    picks.forEach((pick, i) => {
      const key = pick.person_id === null ? `o${pick.organization_id}` : `p${pick.person_id}`;
      if (!everyStatewide.has(key)) everyStatewide.set(key, { ...c.statewide[i], distance_miles: null });
    });
  }
  const text = new Intl.Collator().compare;
  const statewide = [...everyStatewide.values()].sort(
    (a, b) => stateOrder(a.state!) - stateOrder(b.state!) || agencyOrder(a.agency_type) - agencyOrder(b.agency_type) || text(a.agency ?? '', b.agency ?? '') || text(a.name ?? '', b.name ?? '') || (a.person_id ?? 0) - (b.person_id ?? 0),
  );

  return {
    coalition: { slug: coalition.slug, name: coalition.name, states, build_date: coalition.build_date },
    generated_at: isoTimestamp(opts.now),
    printed_on: isoDate(opts.now),
    max_miles: pairs.max_miles,
    counties,
    statewide,
    resources: victimServices(db, pairs.states),
    hotline: HOTLINE,
    gaps: wanted ? pairs.gaps.filter((g) => wanted.has(g.county_fips)) : pairs.gaps,
  };
}

/** Victim service providers of the states (organizations of sector victim_services). Where the
 * organization has no phone or e-mail of its own, those of a person there who consented to sharing
 * are used, with their name. */
export function victimServices(db: DB, states: readonly string[]): ResourceEntry[] {
  const wanted = new Set(states);
  const rows = stmt(db, `SELECT id, name, address, city, upper(state) AS state, county_fips, phone, phone_ext, email, website, vetted_by, NULL AS contact FROM organizations WHERE sector = 'victim_services' ORDER BY name, id`).all() as ResourceEntry[];
  const staff = stmt(db, 'SELECT first_name, last_name, suffix, phone, phone_ext, email FROM people WHERE organization_id = ? AND share_contact = 1 AND (phone IS NOT NULL OR email IS NOT NULL) ORDER BY id LIMIT 1');
  return rows
    .filter((r) => r.state && wanted.has(r.state))
    .map((r) => {
      if (r.phone && (r.email || r.website)) return r;
      const p = staff.get(r.id) as { first_name: string | null; last_name: string | null; suffix: string | null; phone: string | null; phone_ext: string | null; email: string | null } | undefined;
      if (!p) return r;
      const usePhone = !r.phone && p.phone;
      return { ...r, phone: r.phone ?? p.phone, phone_ext: usePhone ? p.phone_ext : r.phone_ext, email: r.email ?? p.email, contact: personName(p) };
    });
}

/**
 * `--county` values → FIPS codes within the coalition's states: a 5-digit FIPS, or a name as imports
 * read one ("Polk", "Polk County", "Washington, NE", "Caddo Parish", "City of Richmond", "Brooklyn").
 * A name found in two of the states, or naming both a county and an independent city ("Richmond"
 * in Virginia), is ambiguous: the error lists the FIPS codes to use instead.
 */
export function resolveCountyRefs(db: DB, refs: readonly string[], states: readonly string[]): string[] {
  const geo = GeoIndex.load(db);
  const out: string[] = [];
  for (const raw of refs) {
    const ref = raw.trim();
    if (/^\d{5}$/.test(ref)) {
      const row = stmt(db, 'SELECT fips FROM counties WHERE fips = ?').get(ref) as { fips: string } | undefined;
      if (!row) throw new NotFoundError(`no county with FIPS code ${ref}`, { hint: 'a county FIPS code is 5 digits: 2 for the state, 3 for the county (Polk County, Iowa = 19153)' });
      out.push(row.fips);
      continue;
    }
    let name = ref;
    let inStates = [...states];
    const m = /^(.*?),\s*([A-Za-z .]+)$/.exec(ref);
    if (m) {
      const st = findState(m[2]);
      if (!st) throw new UsageError(`"${m[2]}" in --county "${ref}" is not a state`, { hint: 'write the county as "Washington, NE", or use its FIPS code' });
      name = m[1];
      inStates = [st.code];
    }
    const found = inStates.flatMap((st) => geo.countyCandidates(st, name)).map((fips) => geo.county(fips)!);
    if (found.length === 0) throw new NotFoundError(`no county "${ref}" in ${inStates.join(', ')}`, { hint: 'check the spelling, or use the 5-digit FIPS code' });
    if (found.length > 1) {
      throw new UsageError(`"${ref}" names ${found.length} counties: ${found.map((f) => `${countyLabel(f.name)}, ${f.state} (${f.fips})`).join('; ')}`, { hint: `use the FIPS code, or the county's full name: --county "${countyLabel(found[0].name)}, ${found[0].state}"` });
    }
    out.push(found[0].fips);
  }
  return [...new Set(out)];
}
