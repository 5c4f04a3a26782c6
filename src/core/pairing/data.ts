/**
 * What pairing and the contact lists read from the database: truck stops of some states and the
 * law-enforcement people (with their agency, county, coordinates, consent and attendance). One
 * query each; everything else happens in memory.
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { stateByFips } from '../states.js';
import { agencyTypeSql } from '../people/sql.js';

export interface StopRow {
  id: number;
  name: string;
  store_number: string | null;
  address: string | null;
  address2: string | null;
  city: string | null;
  state: string;
  zip: string | null;
  county_fips: string | null;
  county_name: string | null;
  lat: number | null;
  lon: number | null;
  phone: string | null;
  phone_ext: string | null;
}

export interface OfficerRow {
  id: number;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  share_contact: number | null;
  organization_id: number | null;
  agency: string | null;
  agency_type: string | null;
  sector: string;
  statewide: boolean;
  city: string | null;
  state: string | null;
  county_fips: string | null;
  lat: number | null;
  lon: number | null;
}

/** Agency types that serve a whole state: listed once per sheet (the people nearest the county),
 * never as a stop's local officer. */
export const STATEWIDE_AGENCY_TYPES = ['state_patrol', 'dot_mve', 'attorney_general'] as const;

export function isStatewideAgency(sector: string | null, agencyType: string | null, statewideFlag: number | boolean | null): boolean {
  if (statewideFlag) return true;
  if (!agencyType) return false;
  if ((STATEWIDE_AGENCY_TYPES as readonly string[]).includes(agencyType)) return true;
  return sector === 'government' && agencyType === 'dot';
}

/** The organizations (alias `o`) that may be statewide agencies, in SQL: a filter that spares
 * reading every local agency; `isStatewideAgency` decides. */
const MAYBE_STATEWIDE_SQL = `o.sector IN ('law_enforcement', 'government') AND (o.statewide = 1 OR o.agency_type IN (${STATEWIDE_AGENCY_TYPES.map((t) => `'${t}'`).join(', ')}, 'dot'))`;

function pickCoords(...pairs: Array<[number | null, number | null]>): [number | null, number | null] {
  for (const [lat, lon] of pairs) if (lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon)) return [lat, lon];
  return [null, null];
}

type RawStop = Omit<StopRow, 'state' | 'lat' | 'lon'> & { state: string | null; lat: number | null; lon: number | null; clat: number | null; clon: number | null; cstate: string | null };

/** Every truck stop whose state (its own, else its county's) is one of `states`. Coordinates: the
 * stop's own (ZIP centroid set at import), else its county's centroid. */
export function loadStops(db: DB, states: readonly string[]): StopRow[] {
  const wanted = new Set(states);
  const rows = stmt(db, `
    SELECT o.id, o.name, o.store_number, o.address, o.address2, o.city, o.state, o.zip, o.county_fips,
           c.name AS county_name, c.state AS cstate, o.lat, o.lon, c.lat AS clat, c.lon AS clon, o.phone, o.phone_ext
      FROM organizations o LEFT JOIN counties c ON c.fips = o.county_fips
     WHERE o.sector = 'truck_stop'
     ORDER BY o.id`).all() as RawStop[];
  const out: StopRow[] = [];
  for (const r of rows) {
    const state = (r.state ?? r.cstate ?? (r.county_fips ? stateByFips(r.county_fips)?.code : undefined) ?? '').toUpperCase();
    if (!wanted.has(state)) continue;
    const [lat, lon] = pickCoords([r.lat, r.lon], [r.clat, r.clon]);
    const { clat: _a, clon: _b, cstate: _c, ...rest } = r;
    out.push({ ...rest, state, lat, lon });
  }
  return out;
}

/** Every law-enforcement person (their own sector, else their organization's), plus the people of
 * statewide government offices (the AG's office, the DOT). County and coordinates: the agency's, else
 * the person's own, else the county centroid; but a county set by hand on the person
 * (`people set --county`: an officer assigned to another county than the agency's seat) wins, with
 * the person's own coordinates. */
export function loadOfficers(db: DB): OfficerRow[] {
  // Rows as arrays (no per-row key objects): this runs over every law-enforcement person of the
  // database on each pairing.
  const rows = stmt(db, `
    SELECT p.id, p.first_name, p.last_name, p.title, p.share_contact, p.organization_id,
           o.name, ${agencyTypeSql()},
           coalesce(p.sector, o.sector), coalesce(o.statewide, 0),
           coalesce(o.city, p.city),
           CASE WHEN p.county_source = 'manual' THEN p.county_fips ELSE coalesce(o.county_fips, p.county_fips) END,
           CASE WHEN p.county_source = 'manual' THEN coalesce(c.state, p.state) ELSE coalesce(o.state, p.state, c.state) END,
           CASE WHEN p.county_source = 'manual' THEN NULL ELSE o.lat END, CASE WHEN p.county_source = 'manual' THEN NULL ELSE o.lon END,
           p.lat, p.lon, c.lat, c.lon
      FROM people p
      LEFT JOIN organizations o ON o.id = p.organization_id
      LEFT JOIN counties c ON c.fips = CASE WHEN p.county_source = 'manual' THEN p.county_fips ELSE coalesce(o.county_fips, p.county_fips) END
     WHERE coalesce(p.sector, o.sector) = 'law_enforcement'
        OR (coalesce(p.sector, o.sector) = 'government' AND (coalesce(o.statewide, 0) = 1 OR ${agencyTypeSql()} IN ('attorney_general', 'dot')))
     ORDER BY p.id`)
    .raw(true)
    .all() as unknown[][];
  const out: OfficerRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as [number, string | null, string | null, string | null, number | null, number | null, string | null, string | null, string, number, string | null, string | null, string | null, number | null, number | null, number | null, number | null, number | null, number | null];
    const [lat, lon] = pickCoords([r[13], r[14]], [r[15], r[16]], [r[17], r[18]]);
    const fips = r[11];
    out[i] = {
      id: r[0],
      first_name: r[1],
      last_name: r[2],
      title: r[3],
      share_contact: r[4],
      organization_id: r[5],
      agency: r[6],
      agency_type: r[7],
      sector: r[8],
      statewide: isStatewideAgency(r[8], r[7], r[9]),
      city: r[10],
      state: (r[12] ?? (fips ? stateByFips(fips)?.code : null) ?? null)?.toUpperCase() ?? null,
      county_fips: fips,
      lat,
      lon,
    };
  }
  return out;
}

/**
 * Law-enforcement agencies that have no person in the directory (a sheriff's office listed by its
 * main line only). They take part in pairing as the agency itself, after the named officers of the
 * same group, with `id` = minus the organization id so they never collide with a person; which of
 * them are local (not statewide, or a state police post where that is local) computePairs decides,
 * as for people.
 */
export function loadAgenciesWithoutPeople(db: DB): OfficerRow[] {
  const rows = stmt(db, `
    SELECT o.id, o.name, o.agency_type, o.statewide, o.city, o.state, o.county_fips, o.lat, o.lon, c.lat AS clat, c.lon AS clon, c.state AS cstate
      FROM organizations o LEFT JOIN counties c ON c.fips = o.county_fips
     WHERE o.sector = 'law_enforcement' AND NOT EXISTS (SELECT 1 FROM people p WHERE p.organization_id = o.id)
     ORDER BY o.id`).all() as Array<Record<string, unknown>>;
  return rows.map((r) => {
    const [lat, lon] = pickCoords([r.lat as number | null, r.lon as number | null], [r.clat as number | null, r.clon as number | null]);
    return {
      id: -(r.id as number),
      first_name: null,
      last_name: null,
      title: null,
      share_contact: null,
      organization_id: r.id as number,
      agency: r.name as string,
      agency_type: r.agency_type as string | null,
      sector: 'law_enforcement',
      statewide: isStatewideAgency('law_enforcement', r.agency_type as string | null, r.statewide as number),
      city: r.city as string | null,
      state: ((r.state as string | null) ?? (r.cstate as string | null))?.toUpperCase() ?? null,
      county_fips: r.county_fips as string | null,
      lat,
      lon,
    };
  });
}

/** One office of a statewide agency (a post, a troop, the headquarters) and where it is. */
export interface StatewideOffice {
  id: number;
  name: string;
  phone: string | null;
  lat: number | null;
  lon: number | null;
}

/** A person of a statewide agency and where they work. */
export interface StatewidePerson {
  id: number;
  first_name: string | null;
  last_name: string | null;
  share_contact: number | null;
  organization_id: number;
  lat: number | null;
  lon: number | null;
}

/** A statewide agency: every office of one name in one state, with the people of all of them. */
export interface StatewideAgency {
  state: string;
  /** The name of its first office (by name, then id). */
  name: string;
  agency_type: string | null;
  /** By name, then id. */
  offices: StatewideOffice[];
  /** In no particular order (statewide.ts orders them). */
  people: StatewidePerson[];
}

/** A post's, troop's or district's designation, at the end of an office's name key ("post 3", "troop
 * c", "district 9", "cambridge post") or at its start ("post 3 iowa state patrol"). */
const UNIT_END = / (?:(?:post|troop|district|region|zone|area|division|detachment|barracks|station|headquarters|hq)(?: [a-z0-9]{1,3})?|[a-z]+ (?:post|barracks|station))$/;
const UNIT_START = /^(?:post|troop|district|region|zone|area|division) [a-z0-9]{1,3} /;

/**
 * The agency an office of a statewide agency belongs to, from its name key: the name without its
 * post, troop or district ("Iowa State Patrol Post 3", "Missouri State Highway Patrol - Troop C",
 * "Ohio State Highway Patrol District 9 Cambridge Post" are offices of their patrol). Directories
 * name posts both ways, and an office counted as an agency of its own was listed on every sheet of
 * the state, however far away.
 */
export function agencyKey(nameKey: string): string {
  let k = nameKey.replace(UNIT_START, '');
  for (let before = ''; before !== k && k.includes(' '); ) {
    before = k;
    k = k.replace(UNIT_END, '');
  }
  return k;
}

/**
 * The statewide agencies (state patrol/DPS, DOT/MVE, the AG's office, and any organization marked
 * statewide) of `states`, each with its offices and people.
 *
 * An agency is its name within a state, not one organization: a patrol directory lists each post
 * in its own city ("Iowa State Patrol", Des Moines; the same, Mason City), which are separate
 * organizations of one name key, or names each post ("Iowa State Patrol Post 3": see agencyKey).
 *
 * Where a person is: their own coordinates (the ZIP of their directory row, or the centre of a county
 * set by hand), else their office's (its ZIP, else its county's centre), else their own county's
 * centre. A county set by hand (`people set --county`: a trooper assigned elsewhere than the
 * office's county) never falls back to the office.
 */
export function loadStatewideAgencies(db: DB, states: readonly string[]): StatewideAgency[] {
  const wanted = new Set(states);
  const orgs = stmt(db, `
    SELECT o.id, o.name, o.name_key, o.sector, o.agency_type, o.statewide, o.state, o.phone, o.lat, o.lon, c.lat AS clat, c.lon AS clon
      FROM organizations o LEFT JOIN counties c ON c.fips = o.county_fips
     WHERE ${MAYBE_STATEWIDE_SQL}
     ORDER BY o.name, o.id`).all() as Array<{ id: number; name: string; name_key: string; sector: string; agency_type: string | null; statewide: number; state: string | null; phone: string | null; lat: number | null; lon: number | null; clat: number | null; clon: number | null }>;
  const agencies = new Map<string, StatewideAgency>();
  const officeOf = new Map<number, { agency: StatewideAgency; office: StatewideOffice }>();
  for (const o of orgs) {
    const state = o.state?.toUpperCase();
    if (!state || !wanted.has(state) || !isStatewideAgency(o.sector, o.agency_type, o.statewide)) continue;
    const key = `${state}\u0000${agencyKey(o.name_key)}`;
    let agency = agencies.get(key);
    if (!agency) agencies.set(key, (agency = { state, name: o.name, agency_type: o.agency_type, offices: [], people: [] }));
    const [lat, lon] = pickCoords([o.lat, o.lon], [o.clat, o.clon]);
    const office = { id: o.id, name: o.name, phone: o.phone, lat, lon };
    agency.offices.push(office);
    officeOf.set(o.id, { agency, office });
  }
  if (officeOf.size === 0) return [];
  // Rows as arrays, as in loadOfficers: a national patrol directory has tens of thousands.
  const people = stmt(db, `
    SELECT p.id, p.first_name, p.last_name, p.share_contact, p.organization_id, p.county_source = 'manual', p.lat, p.lon, c.lat, c.lon
      FROM organizations o JOIN people p ON p.organization_id = o.id LEFT JOIN counties c ON c.fips = p.county_fips
     WHERE ${MAYBE_STATEWIDE_SQL}`)
    .raw(true)
    .all() as Array<[number, string | null, string | null, number | null, number, number | null, number | null, number | null, number | null, number | null]>;
  for (const [id, first_name, last_name, share_contact, organization_id, manual, plat, plon, clat, clon] of people) {
    const at = officeOf.get(organization_id);
    if (!at) continue;
    const [lat, lon] = manual ? pickCoords([plat, plon], [clat, clon]) : pickCoords([plat, plon], [at.office.lat, at.office.lon], [clat, clon]);
    at.agency.people.push({ id, first_name, last_name, share_contact, organization_id, lat, lon });
  }
  return [...agencies.values()];
}

/** People of this coalition who checked in at the build. */
export function attendedIds(db: DB, coalitionId: number): Set<number> {
  return new Set((stmt(db, 'SELECT person_id FROM attendance WHERE coalition_id = ? AND checked_in = 1').all(coalitionId) as { person_id: number }[]).map((r) => r.person_id));
}

/** A city name reduced for comparison: case, punctuation and "St."/"Saint", "Ft."/"Fort" ignored. */
export function cityKey(city: string | null | undefined): string {
  if (!city) return '';
  return city
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^st\b/, 'saint')
    .replace(/^ft\b/, 'fort')
    .replace(/^mt\b/, 'mount');
}

/** "Polk" → "Polk County": one rule for every listing (normalize/geo.ts). */
export { countyLabel } from '../normalize/geo.js';
