/**
 * Pairing: which officers each truck stop of a coalition's state(s) should call (goal P1.3).
 *
 * For every truck stop (any import, attending or not):
 *
 * 1. Pins first (`coalition pair --pin STOP=PERSON`), in the order they were made: they always win.
 * 2. Local officers: law-enforcement people whose agency (else they themselves) is in the stop's
 *    county, by 5-digit FIPS (never by county name). Statewide agencies (state patrol/DPS, DOT/MVE,
 *    the AG's office) are not local: each county sheet lists their people nearest it instead
 *    (statewide.ts, chosen when the document is built); but in Alaska and Connecticut a state
 *    police post is also local to its county-equivalent (STATE_POLICE_LOCAL), among the other
 *    local agencies. Order:
 *      a. the sheriff's office, then the police of the stop's own city, then other local agencies,
 *         then federal agents and prosecutors based in the county;
 *      b. within that, people who attended this coalition's build before others;
 *      c. then people who consented to sharing their phone/email before those who did not;
 *      d. then the nearer one (when both have coordinates), then by name and id (stable).
 *    At most MAX_LOCAL (3) are kept, at most MAX_PER_AGENCY (2) from one agency while another
 *    agency of the county is available, so a stop gets both the sheriff's office and its city's
 *    police where both exist.
 * 3. Only where the county has no local officer at all: the MAX_NEAREST (2) nearest
 *    law-enforcement people of the same state within `maxMiles` (default 60) by great-circle
 *    distance (a kdbush/geokdbush index), marked `nearest` with the distance. Beyond the limit the
 *    stop has no officer.
 *
 * Coordinates: the stop's or agency's own (ZIP centroid set at import), else the county centroid.
 * A county with truck stops and no local officer is a *gap*, whether or not a nearest officer was
 * found within the limit; `nearest_miles` says how far the nearest one is (unbounded).
 *
 * `computePairs` only reads; `savePairs` (save.ts) writes.
 */
import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { UsageError } from '../../io/errors.js';
import { coalitionStates } from '../coalitions.js';
import { isLocalStatePolice } from '../normalize/county-equivalents.js';
import { attendedIds, cityKey, countyLabel, loadAgenciesWithoutPeople, loadOfficers, loadStops, type OfficerRow, type StopRow } from './data.js';

export const DEFAULT_MAX_MILES = 60;
export const MAX_LOCAL = 3;
export const MAX_PER_AGENCY = 2;
export const MAX_NEAREST = 2;
const KM_PER_MILE = 1.609344;

/** `--max-miles` text → a number of miles (default 60); a usage error otherwise. */
export function parseMaxMiles(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_MILES;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--max-miles must be a number of miles, got "${raw}"`, { hint: 'for example --max-miles 45' });
  return n;
}

export type MatchKind = 'county' | 'nearest' | 'pinned';

export interface PairedContact {
  /** The officer; null for an agency listed without any person (then `organization_id` says which,
   * and the agency's main line is printed). Only contacts with a person are saved in `pairings`. */
  person_id: number | null;
  organization_id?: number;
  /** 1-based position in the stop's list. */
  rank: number;
  match: MatchKind;
  /** Miles from the stop, for `nearest` (and pins when both have coordinates); null otherwise. */
  distance_miles: number | null;
}

export interface StopPairing {
  stop_id: number;
  state: string;
  county_fips: string | null;
  contacts: PairedContact[];
}

export interface Gap {
  county: string | null;
  county_fips: string;
  state: string;
  /** Truck stops in the county. */
  stops: number;
  /** Miles from the nearest of these stops to the nearest law-enforcement person of the state (any
   * distance); null when nobody has coordinates. */
  nearest_miles: number | null;
  /** `nearest`: stops got officers from within the limit; `none`: nobody within the limit. */
  covered_by: 'nearest' | 'none';
}

export interface PairSummary {
  stops: number;
  counties: number;
  /** Stops with at least one officer of their own county. */
  with_local: number;
  /** Stops served only by nearest officers. */
  with_nearest: number;
  /** Stops with no officer at all (not even pinned). */
  without: number;
  /** Stops with at least one pin. */
  pinned: number;
  /** Stops whose county is not known. */
  unplaced: number;
  gaps: number;
}

export interface PairResult {
  coalition_id: number;
  states: string[];
  max_miles: number;
  stops: StopPairing[];
  gaps: Gap[];
  summary: PairSummary;
}

export interface PairOptions {
  maxMiles?: number;
  /** Only these states (default: the coalition's). */
  states?: string[];
}

interface Candidate {
  o: OfficerRow;
  group: number;
  attended: boolean;
  consented: boolean;
  miles: number | null;
}

export function milesBetween(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return distance(lon1, lat1, lon2, lat2) / KM_PER_MILE;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** 0 sheriff, 1 police of the stop's city, 2 other local agencies, 3 federal/prosecutor. */
export function agencyGroup(agencyType: string | null, officerCity: string | null, stopCity: string | null): number {
  return groupByKey(agencyType, cityKey(officerCity), cityKey(stopCity));
}

function groupByKey(agencyType: string | null, officerCityKey: string, stopCityKey: string): number {
  if (agencyType === 'sheriff') return 0;
  if (agencyType === 'police') return officerCityKey !== '' && officerCityKey === stopCityKey ? 1 : 2;
  if (agencyType === 'federal' || agencyType === 'prosecutor') return 3;
  return 2;
}

const cmpText = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    a.group - b.group ||
    Number(a.o.id < 0) - Number(b.o.id < 0) ||
    Number(b.attended) - Number(a.attended) ||
    Number(b.consented) - Number(a.consented) ||
    (a.miles ?? Infinity) - (b.miles ?? Infinity) ||
    cmpText(a.o.last_name, b.o.last_name) ||
    cmpText(a.o.first_name, b.o.first_name) ||
    a.o.id - b.o.id
  );
}

/** Up to `max`, at most `perAgency` from one agency while others remain; then fills from the rest. */
export function pickDiverse(sorted: Candidate[], max: number, perAgency: number): Candidate[] {
  const chosen: Candidate[] = [];
  const perOrg = new Map<number | string, number>();
  for (const c of sorted) {
    if (chosen.length >= max) break;
    const key = c.o.organization_id ?? `p${c.o.id}`;
    const n = perOrg.get(key) ?? 0;
    if (n >= perAgency) continue;
    perOrg.set(key, n + 1);
    chosen.push(c);
  }
  for (const c of sorted) {
    if (chosen.length >= max) break;
    if (!chosen.includes(c)) chosen.push(c);
  }
  return chosen.sort(compareCandidates);
}

/** Computes the pairing of a coalition from the current data and pins. Reads only. */
export function computePairs(db: DB, coalitionId: number, opts: PairOptions = {}): PairResult {
  const maxMiles = opts.maxMiles ?? DEFAULT_MAX_MILES;
  const states = opts.states ?? coalitionStates(db, coalitionId);
  const stops = loadStops(db, states);
  const officers = [...loadOfficers(db), ...loadAgenciesWithoutPeople(db)];
  const attended = attendedIds(db, coalitionId);
  const pins = loadPins(db, coalitionId);

  // Local officers by county; the spatial index holds every non-statewide LE person with coordinates.
  const byCounty = new Map<string, OfficerRow[]>();
  const located: OfficerRow[] = [];
  const officerCity = new Map<number, string>();
  for (const o of officers) {
    if (!isLocal(o)) continue;
    officerCity.set(o.id, cityKey(o.city));
    if (o.county_fips) {
      let list = byCounty.get(o.county_fips);
      if (!list) byCounty.set(o.county_fips, (list = []));
      list.push(o);
    }
    if (o.lat !== null && o.lon !== null) located.push(o);
  }
  const index = new KDBush(Math.max(located.length, 1));
  for (const o of located) index.add(o.lon!, o.lat!);
  if (located.length === 0) index.add(0, 0);
  index.finish();
  const nearestOf = (s: StopRow, max: number, maxKm: number): Array<{ o: OfficerRow; miles: number }> => {
    if (s.lat === null || s.lon === null || located.length === 0) return [];
    const ids = around(index, s.lon, s.lat, max, maxKm, (i) => located[i].state === s.state);
    return ids.map((i) => ({ o: located[i], miles: milesBetween(s.lat!, s.lon!, located[i].lat!, located[i].lon!) }));
  };
  const peopleById = new Map(officers.map((o) => [o.id, o]));

  const result: StopPairing[] = [];
  const gapStops = new Map<string, StopRow[]>();
  const summary: PairSummary = { stops: stops.length, counties: 0, with_local: 0, with_nearest: 0, without: 0, pinned: 0, unplaced: 0, gaps: 0 };
  const counties = new Set<string>();
  for (const s of stops) {
    const contacts: PairedContact[] = [];
    const taken = new Set<number>();
    for (const personId of pins.get(s.id) ?? []) {
      const o = peopleById.get(personId);
      const miles = o && o.lat !== null && s.lat !== null ? round1(milesBetween(s.lat, s.lon!, o.lat, o.lon!)) : null;
      contacts.push({ person_id: personId, rank: contacts.length + 1, match: 'pinned', distance_miles: miles });
      taken.add(personId);
    }
    if (s.county_fips) counties.add(s.county_fips);
    else summary.unplaced++;
    const local = (s.county_fips ? byCounty.get(s.county_fips) : undefined) ?? [];
    if (local.length > 0) {
      const stopCity = cityKey(s.city);
      const candidates = local
        .filter((o) => !taken.has(o.id))
        .map<Candidate>((o) => ({
          o,
          group: groupByKey(o.agency_type, officerCity.get(o.id)!, stopCity),
          attended: attended.has(o.id),
          consented: o.share_contact === 1,
          miles: o.lat !== null && s.lat !== null ? milesBetween(s.lat, s.lon!, o.lat, o.lon!) : null,
        }))
        .sort(compareCandidates);
      for (const c of pickDiverse(candidates, MAX_LOCAL, MAX_PER_AGENCY)) {
        contacts.push({ ...who(c.o), rank: contacts.length + 1, match: 'county', distance_miles: null });
      }
      summary.with_local++;
    } else {
      if (s.county_fips) {
        let list = gapStops.get(s.county_fips);
        if (!list) gapStops.set(s.county_fips, (list = []));
        list.push(s);
      }
      const near = nearestOf(s, MAX_NEAREST + taken.size, maxMiles * KM_PER_MILE).filter((n) => !taken.has(n.o.id)).slice(0, MAX_NEAREST);
      for (const n of near) contacts.push({ ...who(n.o), rank: contacts.length + 1, match: 'nearest', distance_miles: round1(n.miles) });
      if (near.length) summary.with_nearest++;
      else if (!contacts.length) summary.without++;
    }
    if (pins.has(s.id)) summary.pinned++;
    result.push({ stop_id: s.id, state: s.state, county_fips: s.county_fips, contacts });
  }
  summary.counties = counties.size;

  const gaps: Gap[] = [];
  for (const [fips, list] of gapStops) {
    let nearest: number | null = null;
    let covered = false;
    for (const s of list) {
      const n = nearestOf(s, 1, Infinity)[0];
      if (n && (nearest === null || n.miles < nearest)) nearest = n.miles;
      if (n && n.miles <= maxMiles) covered = true;
    }
    const first = list[0];
    gaps.push({ county: countyLabel(first.county_name), county_fips: fips, state: first.state, stops: list.length, nearest_miles: nearest === null ? null : round1(nearest), covered_by: covered ? 'nearest' : 'none' });
  }
  gaps.sort((a, b) => b.stops - a.stops || (b.nearest_miles ?? Infinity) - (a.nearest_miles ?? Infinity) || a.state.localeCompare(b.state) || (a.county ?? '').localeCompare(b.county ?? '') || a.county_fips.localeCompare(b.county_fips));
  summary.gaps = gaps.length;
  return { coalition_id: coalitionId, states: [...states], max_miles: maxMiles, stops: result, gaps, summary };
}

/** Whether an officer can be a stop's local (or nearest) officer: law enforcement that is not
 * statewide; in Alaska and Connecticut, where the state police is the local police of every place
 * without its own, a state police post is local to the county-equivalent it is in. */
function isLocal(o: OfficerRow): boolean {
  if (o.sector !== 'law_enforcement') return false;
  if (!o.statewide) return true;
  return isLocalStatePolice(o.agency_type, o.state);
}

function who(o: OfficerRow): Pick<PairedContact, 'person_id' | 'organization_id'> {
  return o.id < 0 ? { person_id: null, organization_id: o.organization_id! } : { person_id: o.id };
}

/** The coalition's pins: stop id → person ids in the order they were pinned. */
export function loadPins(db: DB, coalitionId: number): Map<number, number[]> {
  const rows = stmt(db, 'SELECT stop_id, person_id FROM pins WHERE coalition_id = ? ORDER BY created_at, person_id').all(coalitionId) as Array<{ stop_id: number; person_id: number }>;
  const pins = new Map<number, number[]>();
  for (const r of rows) {
    const list = pins.get(r.stop_id) ?? [];
    list.push(r.person_id);
    pins.set(r.stop_id, list);
  }
  return pins;
}
