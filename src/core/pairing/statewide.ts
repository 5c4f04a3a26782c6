/**
 * Statewide contacts per county sheet: the people of each statewide agency (state patrol/DPS,
 * DOT/MVE, the AG's office) nearest to the county, so that a truck stop manager in a far corner of
 * the state is handed the troopers of the post near them, not of one 250 miles away.
 *
 * For every sheet, per agency (its name within a state, across its posts: see
 * `loadStatewideAgencies`), up to MAX_STATEWIDE_PER_AGENCY (3) people:
 *
 * 1. the nearest first, measured from the sheet's point (see `sheetPoint`) to where the person works,
 *    compared to the whole mile (people of one post are equally near);
 * 2. at the same distance, people who attended this build, then those who consented to sharing
 *    their phone/e-mail, then the nearer one, then by name and id (stable);
 * 3. people with no coordinates after everyone with; on a sheet with no point at all, order 2 alone.
 *
 * An agency with no person in the directory is listed by the main line of its nearest office that
 * has a phone (else its nearest office).
 *
 * Each agency's people are held in a kdbush index of the places they work (one entry per distinct
 * point, its people sorted once), so a sheet costs two nearest-neighbour queries per agency, not a
 * sort of everyone: a national directory has thousands of troopers and thousands of counties.
 * Reads nothing from the database; `loadStatewideAgencies` (data.ts) does.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { milesBetween } from './compute.js';
import type { StatewideAgency, StatewideOffice, StatewidePerson } from './data.js';

/** People listed per statewide agency on each sheet (a state patrol may have hundreds in the directory). */
export const MAX_STATEWIDE_PER_AGENCY = 3;
const KM_PER_MILE = 1.609344;

export interface LatLon {
  lat: number;
  lon: number;
}

export interface StatewidePick {
  /** The person; null for an agency listed by an office's main line. */
  person_id: number | null;
  /** The person's office, or the office whose main line is listed. */
  organization_id: number;
  /** Miles from the sheet's point, to a tenth; null when either has no coordinates. */
  distance_miles: number | null;
}

/** Chooses the statewide contacts of one sheet: agencies of the state in print order, then picks. */
export type StatewideChooser = (state: string, at: LatLon | null) => StatewidePick[];

/** Print order of the agencies: state patrol, DOT/MVE, DOT, AG, others; then by name. */
export function agencyOrder(agencyType: string | null): number {
  return ({ state_patrol: 0, dot_mve: 1, dot: 2, attorney_general: 3 } as Record<string, number>)[agencyType ?? ''] ?? 4;
}

/**
 * The point a county sheet is measured from: the middle of its truck stops (their own coordinates,
 * else their county's centre). The stops, not the county's centre, because the sheet is for their
 * managers, and in a large county the stops along the interstate can be far from its centre. A
 * mean of unit vectors, so that it holds across the 180th meridian (the Aleutians) too.
 */
export function sheetPoint(points: ReadonlyArray<{ lat: number | null; lon: number | null }>): LatLon | null {
  const located = points.filter((p): p is LatLon => p.lat !== null && p.lon !== null && Number.isFinite(p.lat) && Number.isFinite(p.lon));
  if (located.length === 0) return null;
  const first = located[0];
  if (located.every((p) => p.lat === first.lat && p.lon === first.lon)) return { lat: first.lat, lon: first.lon };
  const rad = Math.PI / 180;
  let x = 0;
  let y = 0;
  let z = 0;
  for (const p of located) {
    const cl = Math.cos(p.lat * rad);
    x += cl * Math.cos(p.lon * rad);
    y += cl * Math.sin(p.lon * rad);
    z += Math.sin(p.lat * rad);
  }
  if (Math.hypot(x, y, z) < 1e-9) return { lat: first.lat, lon: first.lon };
  return { lat: Math.atan2(z, Math.hypot(x, y)) / rad, lon: Math.atan2(y, x) / rad };
}

interface Ranked<T> {
  item: T;
  miles: number | null;
}

/**
 * Items nearest a point first, at the same whole mile by `compare`, then those without coordinates.
 * Items at one point are one entry of the index, sorted once.
 */
export class NearestFirst<T> {
  private readonly places: Array<{ lat: number; lon: number; items: T[] }> = [];
  private readonly index: KDBush | null = null;
  private readonly unplaced: T[] = [];
  /** Everyone by `compare` alone, for a sheet with no point (sorted when first needed). */
  private everyone: T[] | null = null;

  constructor(
    private readonly items: readonly T[],
    where: (item: T) => { lat: number | null; lon: number | null },
    private readonly compare: (a: Ranked<T>, b: Ranked<T>) => number,
  ) {
    const byPoint = new Map<string, { lat: number; lon: number; items: T[] }>();
    for (const item of items) {
      const { lat, lon } = where(item);
      if (lat === null || lon === null) {
        this.unplaced.push(item);
        continue;
      }
      const key = `${lat},${lon}`;
      let place = byPoint.get(key);
      if (!place) byPoint.set(key, (place = { lat, lon, items: [] }));
      place.items.push(item);
    }
    const alone = (a: T, b: T) => compare({ item: a, miles: null }, { item: b, miles: null });
    for (const place of byPoint.values()) {
      place.items.sort(alone);
      this.places.push(place);
    }
    this.unplaced.sort(alone);
    if (this.places.length > 0) {
      this.index = new KDBush(this.places.length);
      for (const p of this.places) this.index.add(p.lon, p.lat);
      this.index.finish();
    }
  }

  /** Up to `n` items: nearest `at` first (see the module's rules). */
  take(at: LatLon | null, n: number): Array<Ranked<T>> {
    if (n <= 0) return [];
    if (!at || !this.index) {
      this.everyone ??= [...this.items].sort((a, b) => this.compare({ item: a, miles: null }, { item: b, miles: null }));
      return this.everyone.slice(0, n).map((item) => ({ item, miles: null }));
    }
    const milesTo = (i: number) => milesBetween(at.lat, at.lon, this.places[i].lat, this.places[i].lon);
    // The n nearest places hold at least n items; the whole mile where the n-th item lies bounds
    // the second query, which brings every place equally near.
    let count = 0;
    let bound = 0;
    for (const i of around(this.index, at.lon, at.lat, n)) {
      bound = Math.round(milesTo(i));
      count += this.places[i].items.length;
      if (count >= n) break;
    }
    const out: Array<Ranked<T>> = [];
    let tier: Array<Ranked<T>> = [];
    let tierMile = -1;
    const flush = () => {
      tier.sort(this.compare);
      for (const r of tier) {
        if (out.length >= n) break;
        out.push(r);
      }
      tier = [];
    };
    for (const i of around(this.index, at.lon, at.lat, Infinity, (bound + 0.5) * KM_PER_MILE + 1e-6)) {
      const miles = milesTo(i);
      const mile = Math.round(miles);
      if (mile !== tierMile) {
        flush();
        if (out.length >= n) break;
        tierMile = mile;
      }
      // Only the first n of one place can be chosen: its items are already in order.
      const items = this.places[i].items;
      for (let k = 0; k < items.length && k < n; k++) tier.push({ item: items[k], miles });
    }
    flush();
    for (const item of this.unplaced) {
      if (out.length >= n) break;
      out.push({ item, miles: null });
    }
    return out;
  }
}

// The same order as String#localeCompare (the default locale), many times faster over thousands of names.
const collator = new Intl.Collator();
const byText = (a: string | null, b: string | null) => collator.compare(a ?? '', b ?? '');
const byMiles = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity);
const round1 = (n: number) => Math.round(n * 10) / 10;

/** A chooser over the statewide agencies of the coalition's states; `attended` are this build's attendees. */
export function statewideChooser(agencies: readonly StatewideAgency[], attended: ReadonlySet<number>): StatewideChooser {
  const comparePeople = (a: Ranked<StatewidePerson>, b: Ranked<StatewidePerson>) =>
    Number(attended.has(b.item.id)) - Number(attended.has(a.item.id)) ||
    Number(b.item.share_contact === 1) - Number(a.item.share_contact === 1) ||
    byMiles(a.miles, b.miles) ||
    byText(a.item.last_name, b.item.last_name) ||
    byText(a.item.first_name, b.item.first_name) ||
    a.item.id - b.item.id;
  const compareOffices = (a: Ranked<StatewideOffice>, b: Ranked<StatewideOffice>) => byMiles(a.miles, b.miles) || byText(a.item.name, b.item.name) || a.item.id - b.item.id;
  const own = (x: { lat: number | null; lon: number | null }) => x;

  type Chooser = (point: LatLon | null) => StatewidePick[];
  const byState = new Map<string, Array<{ agency: StatewideAgency; choose: Chooser }>>();
  for (const agency of agencies) {
    let choose: Chooser;
    if (agency.people.length > 0) {
      const people = new NearestFirst(agency.people, own, comparePeople);
      choose = (point) => people.take(point, MAX_STATEWIDE_PER_AGENCY).map((r) => ({ person_id: r.item.id, organization_id: r.item.organization_id, distance_miles: r.miles === null ? null : round1(r.miles) }));
    } else {
      // One main line: the nearest office that has a phone, else the nearest office.
      const withPhone = new NearestFirst(agency.offices.filter((o) => o.phone), own, compareOffices);
      const all = new NearestFirst(agency.offices, own, compareOffices);
      choose = (point) => {
        const r = withPhone.take(point, 1)[0] ?? all.take(point, 1)[0];
        return r ? [{ person_id: null, organization_id: r.item.id, distance_miles: r.miles === null ? null : round1(r.miles) }] : [];
      };
    }
    const list = byState.get(agency.state) ?? [];
    list.push({ agency, choose });
    byState.set(agency.state, list);
  }
  for (const list of byState.values()) list.sort((a, b) => agencyOrder(a.agency.agency_type) - agencyOrder(b.agency.agency_type) || byText(a.agency.name, b.agency.name));
  return (state, point) => (byState.get(state) ?? []).flatMap((a) => a.choose(point));
}
