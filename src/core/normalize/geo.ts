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
import { COUNTY_ALIASES, FORMER_COUNTIES, ONE_COUNTY, countyWord } from './county-equivalents.js';
import { cityKey } from './sector.js';
import { memo } from './text.js';
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

const TYPE_PREFIX = /^(?:city and county|city and borough|consolidated municipality|county|parish|borough|municipality) of /;
const TYPE_SUFFIX = / (?:county|co|cnty|cty|parish|par|psh|borough|boro|census area|municipality|city and borough|planning region|region)$/;

/**
 * A county-equivalent's name reduced for comparison: "Polk County", "Polk Co.", "POLK" → "polk";
 * "Caddo Parish", "Parish of Caddo", "Caddo Par." → "caddo"; "DeSoto" and "De Soto" → "desoto";
 * "Kenai Peninsula Borough", "Nome (CA)", "Municipality of Anchorage" lose their kind. An
 * independent city keeps "city" whichever way it is written ("Richmond city", "City of Richmond",
 * "Richmond (city)" → "richmondcity"), so it never meets the county of the same name.
 */
export function countyNameKey(name: string): string {
  return countyName(name).key;
}

/** The key of a county-equivalent's name, and whether the name said its kind ("County", "Parish",
 * "Borough": then it is not the independent city of the same name). */
const countyName = memo((name: string): { key: string; kind: boolean } => {
  let t = cityKey(String(name).replace(/&/g, ' and ').replace(/\(\s*city\s*\)?/gi, ' city ').replace(/\(\s*ca\s*\)/gi, ' census area '));
  t = t.replace(/^the /, '');
  let city = false;
  const bare = t;
  if (t.startsWith('city of ')) {
    t = t.slice(8);
    city = true;
  } else t = t.replace(TYPE_PREFIX, '');
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(TYPE_SUFFIX, '');
  }
  const kind = !city && t !== bare;
  if (city) t += ' city';
  return { key: t.replace(/ /g, ''), kind };
});

/** A census name that is an independent city ("Richmond city", "St. Louis city"): the census writes
 * their "city" in lower case. */
const INDEPENDENT_CITY = / city$/;

/** Words after which an agency's name says its county-equivalent ("Roanoke County Sheriff's
 * Office", "Caddo Parish …", "Richmond City …"), and before which ("City of Salem Police"). */
const KIND_AFTER = new Set(['county', 'co', 'parish', 'borough', 'city', 'municipality']);
const KIND_BEFORE = new Set(['city', 'county', 'parish', 'borough', 'municipality']);

const cache = new WeakMap<DB, GeoIndex>();

/** Territories the GeoNames table has no ZIP codes (nor municipios, islands, districts) for. */
const TERRITORIES = new Set(['PR', 'VI', 'GU', 'AS', 'MP', 'UM']);

export class GeoIndex {
  private readonly zips = new Map<string, ZipPlace>();
  private readonly counties = new Map<string, CountyPlace>();
  private readonly countyNames = new Map<string, string>();
  /** State → its only county-equivalent (the District of Columbia). */
  private readonly single = new Map<string, string>();
  /** `STATE|key` → what replaced a county-equivalent that no longer exists. */
  private readonly former = new Map<string, string>();
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
      if (ONE_COUNTY.has(c.state)) this.single.set(c.state, c.fips);
    }
    for (const [st, aliases] of Object.entries(COUNTY_ALIASES)) {
      for (const [alias, name] of Object.entries(aliases)) {
        const fips = this.countyNames.get(`${st}|${countyNameKey(name)}`);
        if (fips && !this.countyNames.has(`${st}|${countyNameKey(alias)}`)) this.countyNames.set(`${st}|${countyNameKey(alias)}`, fips);
      }
    }
    for (const [st, f] of Object.entries(FORMER_COUNTIES)) {
      for (const name of f.names) if (!this.countyNames.has(`${st}|${countyNameKey(name)}`)) this.former.set(`${st}|${countyNameKey(name)}`, f.replaced);
      for (const fips of f.fips) if (!this.counties.has(fips)) this.former.set(`${st}|${fips}`, f.replaced);
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

  /** A county's FIPS from its name in a state: "Polk", "Polk County", "Polk Co." all work; a bare
   * "Richmond" in Virginia is Richmond County (see `countyCandidates`). */
  countyByName(state: string, name: string): string | undefined {
    const st = findState(state)?.code;
    if (!st || !name) return undefined;
    const n = countyName(name);
    return this.candidates(st, n.key, n.kind)[0];
  }

  /**
   * The county-equivalents a name can mean in a state: one, none, or a county and the independent
   * city of the same name when the name does not say which ("Richmond", "St. Louis", "Fairfax": the
   * county first). A name that says "city" is only ever the city; a bare name that only an
   * independent city has ("Norfolk", "Salem" in Virginia) is that city.
   */
  countyCandidates(state: string, name: string): string[] {
    const st = findState(state)?.code;
    if (!st || !name) return [];
    const n = countyName(name);
    return this.candidates(st, n.key, n.kind);
  }

  private candidates(st: string, key: string, kind: boolean): string[] {
    if (!key) return [];
    const county = this.countyNames.get(`${st}|${key}`);
    if (kind || key.endsWith('city')) return county ? [county] : [];
    const city = this.countyNames.get(`${st}|${key}city`);
    const independent = city !== undefined && INDEPENDENT_CITY.test(this.counties.get(city)!.name);
    if (county) return independent ? [county, city!] : [county];
    return independent ? [city!] : [];
  }

  /**
   * The county-equivalent an agency's name says it serves, in its state: "Roanoke County Sheriff's
   * Office" → Roanoke County, "Caddo Parish Sheriff's Office" → Caddo Parish, "Richmond City
   * Sheriff's Office" or "City of Richmond Police" → the independent city. The name must spell the
   * kind out ("Salem Police Department" says nothing, "Jefferson City Police" is no county); the
   * longest name that is one of the state's wins ("East Baton Rouge Parish" over "Baton Rouge").
   */
  countyInName(state: string, agency: string): string | undefined {
    const st = findState(state)?.code;
    if (!st || !agency) return undefined;
    const words = cityKey(agency.replace(/&/g, ' and ')).split(' ');
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (i > 0 && KIND_AFTER.has(w)) {
        for (let j = Math.max(0, i - 5); j < i; j++) {
          const name = words.slice(j, i).join('');
          const fips = this.strict(st, w === 'city' ? `${name}city` : name, w === 'city');
          if (fips) return fips;
        }
      }
      if (KIND_BEFORE.has(w) && words[i + 1] === 'of') {
        for (let j = Math.min(words.length, i + 7); j > i + 2; j--) {
          const name = words.slice(i + 2, j).join('');
          const fips = this.strict(st, w === 'city' ? `${name}city` : name, w === 'city');
          if (fips) return fips;
        }
      }
    }
    return undefined;
  }

  /** A name key that is exactly one county-equivalent of the state: a county, or (`city`) an
   * independent city. */
  private strict(st: string, key: string, city: boolean): string | undefined {
    const fips = this.countyNames.get(`${st}|${key}`);
    if (!fips) return undefined;
    return INDEPENDENT_CITY.test(this.counties.get(fips)!.name) || /\bcity$/i.test(this.counties.get(fips)!.name) ? (city ? fips : undefined) : city ? undefined : fips;
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
    return this.findCounties(input, states)[0];
  }

  /** Every county-equivalent what a user typed can mean: a FIPS code; a name with its state ("Polk,
   * IA", "Polk County IA"); else a name in the first of `states` that has it. Two when a name is both
   * a county and an independent city ("Richmond, VA"). */
  findCounties(input: string, states: readonly string[] = []): CountyPlace[] {
    const t = input.trim();
    if (/^\d{4,5}$/.test(t)) {
      const c = this.counties.get(t.padStart(5, '0'));
      return c ? [c] : [];
    }
    // "Polk, IA" / "Polk County IA"
    const m = /^(.*?)[,\s]+([A-Za-z]{2})$/.exec(t);
    if (m && findState(m[2])) {
      const f = this.countyCandidates(m[2], m[1]);
      if (f.length) return f.map((x) => this.counties.get(x)!);
    }
    for (const st of states) {
      const f = this.countyCandidates(st, t);
      if (f.length) return f.map((x) => this.counties.get(x)!);
    }
    return [];
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
    // A ZIP of another state (a truck stop on the state line, a typo) gives no county: a county of
    // the row's state comes from its county cell or its city, or not at all.
    let otherState = false;
    if (zip) {
      zipPlace = this.zips.get(zip);
      if (!zipPlace) warnings.push(rowState && TERRITORIES.has(rowState) ? `ZIP ${zip} is not known: the offline ZIP table covers the 50 states and DC, not ${findState(rowState)!.name}` : `ZIP ${zip} is unknown; county not resolved from it`);
      else if (rowState && zipPlace.state !== rowState) otherState = true;
    }
    const state = rowState ?? zipPlace?.state;
    const zipCounty = otherState ? null : zipPlace?.county_fips ?? null;
    const otherStateWarning = (how: string) => warnings.unshift(`ZIP ${zip} is in ${zipPlace!.state}, not ${rowState}${how}`);

    // 1. the county column
    let former: string | undefined;
    if (countyRaw) {
      let fips: string | undefined;
      if (/^\d{4,5}$/.test(countyRaw)) {
        const f = countyRaw.padStart(5, '0');
        if (this.counties.has(f)) fips = f;
        else if (state) former = this.former.get(`${state}|${f}`);
      } else if (/^\d{1,3}$/.test(countyRaw) && state) {
        // a 3-digit county code within the row's state
        const st = findState(state);
        const f = st ? st.fips + countyRaw.padStart(3, '0') : '';
        if (this.counties.has(f)) fips = f;
        else former = this.former.get(`${state}|${f}`);
      } else if (state) {
        const { key, kind } = countyName(countyRaw);
        const found = this.candidates(state, key, kind);
        // "Richmond" in Virginia: the county, unless the ZIP is in the city.
        fips = found.length > 1 && zipCounty && found.includes(zipCounty) ? zipCounty : found[0];
        if (!fips) former = this.former.get(`${state}|${key}`);
        // The District of Columbia is its own only county-equivalent, whatever the cell says.
        if (!fips && !former) fips = this.single.get(state) ?? undefined;
      }
      if (fips) {
        const c = this.counties.get(fips)!;
        if (zipCounty && zipCounty !== fips) {
          const zc = this.counties.get(zipCounty);
          warnings.push(`county ${countyLabel(c.name)} (${fips}) and ZIP ${zip} (${zc ? countyLabel(zc.name) : zipCounty}) disagree; kept the county column`);
        }
        if (otherState) otherStateWarning('');
        const sameCounty = zipPlace && zipCounty === fips;
        return done(fips, 'column', sameCounty ? zipPlace!.lat : c.lat, sameCounty ? zipPlace!.lon : c.lon, warnings);
      }
      if (!former) warnings.push(state ? `county "${short(countyRaw)}" is not a ${countyWord(state)} of ${state}` : `county "${short(countyRaw)}" needs a state to be found`);
    }
    // 2. the ZIP
    if (zipCounty) return done(zipCounty, 'zip', zipPlace!.lat, zipPlace!.lon, warnings);
    // 3. city and state
    if (city && state) {
      const key = `${state}|${cityKey(city)}`;
      const fips = this.cities().counties.get(key);
      if (fips) {
        const p = this.cities().place.get(key);
        if (otherState) otherStateWarning('; the county was taken from the city');
        return done(fips, 'city', p?.lat ?? null, p?.lon ?? null, warnings);
      }
    }
    if (otherState) otherStateWarning('; county not resolved');
    if (former) warnings.push(`county "${short(countyRaw)}" no longer exists (${former}); give the ZIP code or the town`);
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

/** The sheriff's office of a county-equivalent, from its census name: "Polk" → "Polk County
 * Sheriff's Office", "Caddo Parish" → "Caddo Parish Sheriff's Office", "Richmond city" → "Richmond
 * City Sheriff's Office" (as Virginia's city sheriffs are styled). */
export function sheriffsOfficeOf(countyName: string): string {
  return `${countyLabel(countyName)!.replace(/ city$/, ' City')} Sheriff's Office`;
}

/** How a county was found, in words: "from the ZIP code", "set by hand". */
export function countySourceText(source: string | null | undefined): string {
  switch (source) {
    case 'column':
      return "from the file's county column";
    case 'name':
      return "from the agency's name";
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
