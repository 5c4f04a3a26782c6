/**
 * Places, offline: every ZIP code and county of the `zip_codes` and `counties` tables (loaded from
 * the GeoNames table by migration 002), read once per database into memory so that an import of a
 * million rows never queries per row.
 *
 * `resolve` finds a row's county in this order, and says which it used (`county_source`):
 *   1. the county column: a 5-digit FIPS code (a 4-digit one that Excel shortened is restored), or a
 *      name with or without "County"/"Co."/"Parish" in the row's state (or the ZIP's state);
 *   2. the ZIP code;
 *   3. the city and state (the county holding most of that city's ZIP codes).
 * A warning comes back for an unknown ZIP, a county name not found in the state, a ZIP in another
 * state than the row's, and a county column that disagrees with the ZIP (which can be right: about a
 * quarter of ZIP codes touch more than one county; the column wins and the coordinator can correct
 * it with `people set --county` / `orgs set --county`).
 */
import type { DB } from '../../db/connection.js';
import { findState } from '../states.js';
import { cityKey } from './sector.js';
import { normalizeZip } from './zip.js';

export interface ZipPlace {
  city: string;
  state: string;
  county_fips: string | null;
  lat: number | null;
  lon: number | null;
}

export interface CountyPlace {
  fips: string;
  state: string;
  name: string;
  lat: number | null;
  lon: number | null;
}

export type CountySource = 'column' | 'zip' | 'city';

export interface GeoResolution {
  county_fips: string | null;
  county_source: CountySource | null;
  lat: number | null;
  lon: number | null;
  warning?: string;
}

export interface GeoInput {
  county?: string | number | null;
  zip?: string | number | null;
  city?: string | null;
  state?: string | null;
}

/** "Polk County" / "Polk Co." / "polk" / "St. Louis City" → one key. */
export function countyNameKey(name: string): string {
  let t = cityKey(String(name).replace(/\(city\)/i, ' city '));
  t = t.replace(/ (county|co|parish|borough|census area|municipality|city and borough)$/, '');
  t = t.replace(/^(city and county of|city of|county of|municipality of) /, '');
  return t.trim();
}

const cache = new WeakMap<DB, GeoIndex>();

export class GeoIndex {
  private readonly zips = new Map<string, ZipPlace>();
  private readonly counties = new Map<string, CountyPlace>();
  private readonly countyNames = new Map<string, string>();
  private cityIndex?: { counties: Map<string, string>; place: Map<string, { lat: number | null; lon: number | null }> };

  /** Loads (once per database connection) every ZIP and county into memory. */
  static load(db: DB): GeoIndex {
    let g = cache.get(db);
    if (!g) {
      g = new GeoIndex(
        db.prepare('SELECT zip, city, state, county_fips, lat, lon FROM zip_codes').all() as Array<ZipPlace & { zip: string }>,
        db.prepare('SELECT fips, state, name, lat, lon FROM counties').all() as CountyPlace[],
      );
      cache.set(db, g);
    }
    return g;
  }

  constructor(zips: Array<ZipPlace & { zip: string }>, counties: CountyPlace[]) {
    for (const c of counties) {
      this.counties.set(c.fips, c);
      this.countyNames.set(`${c.state}|${countyNameKey(c.name)}`, c.fips);
    }
    for (const z of zips) this.zips.set(z.zip, { city: z.city, state: z.state, county_fips: z.county_fips, lat: z.lat, lon: z.lon });
  }

  /** City → county, built on first use (most rows resolve by county column or ZIP). */
  private cities(): NonNullable<GeoIndex['cityIndex']> {
    if (this.cityIndex) return this.cityIndex;
    const counties = new Map<string, string>();
    const place = new Map<string, { lat: number | null; lon: number | null }>();
    const tally = new Map<string, Map<string, number>>();
    for (const z of this.zips.values()) {
      if (!z.county_fips) continue;
      const key = `${z.state}|${cityKey(z.city)}`;
      let t = tally.get(key);
      if (!t) tally.set(key, (t = new Map()));
      t.set(z.county_fips, (t.get(z.county_fips) ?? 0) + 1);
      if (!place.has(key)) place.set(key, { lat: z.lat, lon: z.lon });
    }
    for (const [key, t] of tally) {
      let best = '';
      let n = -1;
      for (const [fips, count] of t) if (count > n || (count === n && fips < best)) [best, n] = [fips, count];
      counties.set(key, best);
    }
    return (this.cityIndex = { counties, place });
  }

  zip(zip: string): ZipPlace | undefined {
    return this.zips.get(zip);
  }

  county(fips: string): CountyPlace | undefined {
    return this.counties.get(fips);
  }

  /** A county's FIPS from its name in a state: "Polk", "Polk County", "Polk Co." all work. */
  countyByName(state: string, name: string): string | undefined {
    const st = findState(state)?.code;
    if (!st || !name) return undefined;
    const key = countyNameKey(name);
    return this.countyNames.get(`${st}|${key}`) ?? this.countyNames.get(`${st}|${key.replace(/^saint /, 'st ')}`);
  }

  /** The county holding most of a city's ZIP codes. */
  countyForCity(state: string, city: string): string | undefined {
    const st = findState(state)?.code;
    if (!st || !city) return undefined;
    return this.cities().counties.get(`${st}|${cityKey(city)}`);
  }

  /** A county from what a user typed: a FIPS code, or a name (with the state, or unique across the
   * states given). */
  findCounty(input: string, states: readonly string[] = []): CountyPlace | undefined {
    const t = input.trim();
    if (/^\d{4,5}$/.test(t)) return this.counties.get(t.padStart(5, '0'));
    // "Polk, IA" / "Polk County IA"
    const m = /^(.*?)[,\s]+([A-Za-z]{2})$/.exec(t);
    if (m && findState(m[2])) {
      const f = this.countyByName(m[2], m[1]);
      if (f) return this.counties.get(f);
    }
    for (const st of states) {
      const f = this.countyByName(st, t);
      if (f) return this.counties.get(f);
    }
    return undefined;
  }

  /** Every county whose name matches, in any state (for "which Washington County?" messages). */
  countiesNamed(name: string): CountyPlace[] {
    const key = countyNameKey(name);
    const out: CountyPlace[] = [];
    for (const c of this.counties.values()) if (countyNameKey(c.name) === key) out.push(c);
    return out;
  }

  resolve(input: GeoInput): GeoResolution {
    const rowState = input.state ? findState(String(input.state))?.code : undefined;
    let zip: string | null = null;
    if (input.zip !== null && input.zip !== undefined && input.zip !== '') zip = normalizeZip(input.zip as string | number, rowState ?? null).zip;
    const countyRaw = input.county === null || input.county === undefined ? '' : String(input.county).trim();
    return this.resolveClean(rowState, zip, countyRaw, input.city);
  }

  /**
   * `resolve` for what an import has cleaned already: the row's state as a USPS code, its ZIP as
   * normalizeZip gave it and its county trimmed. An import's rows need not be read a second time
   * (measured on the 100,000 contacts of bench/import.mjs: computePlace 660-850 ms against 860-980).
   */
  resolveClean(rowState: string | undefined, zip: string | null, countyRaw: string, city: string | null | undefined): GeoResolution {
    const warnings: string[] = [];
    let zipPlace: ZipPlace | undefined;
    if (zip) {
      zipPlace = this.zips.get(zip);
      if (!zipPlace) warnings.push(`ZIP ${zip} is unknown; county not resolved from it`);
      else if (rowState && zipPlace.state !== rowState) warnings.push(`ZIP ${zip} is in ${zipPlace.state}, not ${rowState}`);
    }
    const state = rowState ?? zipPlace?.state;

    // 1. the county column
    if (countyRaw) {
      let fips: string | undefined;
      if (/^\d{4,5}$/.test(countyRaw)) {
        const f = countyRaw.padStart(5, '0');
        if (this.counties.has(f)) fips = f;
      } else if (/^\d{1,3}$/.test(countyRaw) && state) {
        // a 3-digit county code within the row's state
        const st = findState(state);
        const f = st ? st.fips + countyRaw.padStart(3, '0') : '';
        if (this.counties.has(f)) fips = f;
      } else if (state) fips = this.countyByName(state, countyRaw);
      if (fips) {
        const c = this.counties.get(fips)!;
        if (zipPlace?.county_fips && zipPlace.county_fips !== fips) {
          const zc = this.counties.get(zipPlace.county_fips);
          warnings.push(`county ${c.name} (${fips}) and ZIP ${zip} (${zc ? zc.name : zipPlace.county_fips}) disagree; kept the county column`);
        }
        const sameCounty = zipPlace && zipPlace.county_fips === fips;
        return done(fips, 'column', sameCounty ? zipPlace!.lat : c.lat, sameCounty ? zipPlace!.lon : c.lon, warnings);
      }
      warnings.push(state ? `county "${short(countyRaw)}" is not a county of ${state}` : `county "${short(countyRaw)}" needs a state to be found`);
    }
    // 2. the ZIP
    if (zipPlace?.county_fips) return done(zipPlace.county_fips, 'zip', zipPlace.lat, zipPlace.lon, warnings);
    // 3. city and state
    if (city && state) {
      const key = `${state}|${cityKey(city)}`;
      const fips = this.cities().counties.get(key);
      if (fips) {
        const p = this.cities().place.get(key);
        return done(fips, 'city', p?.lat ?? null, p?.lon ?? null, warnings);
      }
    }
    return done(null, null, zipPlace?.lat ?? null, zipPlace?.lon ?? null, warnings);
  }
}

function done(county_fips: string | null, county_source: CountySource | null, lat: number | null, lon: number | null, warnings: string[]): GeoResolution {
  const r: GeoResolution = { county_fips, county_source, lat, lon };
  if (warnings.length) r.warning = warnings.join('; ');
  return r;
}

function short(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '…' : s;
}

/** "Polk" → "Polk County"; names that already say Parish, Borough, city, Region… stay as they are. */
export function countyLabel(name: string | null | undefined): string | null {
  if (!name) return null;
  return /\b(county|parish|borough|city|census area|municipality|municipio|district|region)\b/i.test(name) ? name : `${name} County`;
}

/** How a county was found, in words: "from the ZIP code", "set by hand". */
export function countySourceText(source: string | null | undefined): string {
  switch (source) {
    case 'column':
      return "from the file's county column";
    case 'zip':
      return 'from the ZIP code';
    case 'city':
      return 'from the city';
    case 'manual':
      return 'set by hand';
    default:
      return 'source unknown';
  }
}
