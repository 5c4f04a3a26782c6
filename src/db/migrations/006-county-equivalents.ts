/**
 * County-equivalents as the Census Bureau names and codes them, where the GeoNames table of
 * migration 002 does not:
 *
 * - names: Louisiana's parishes ("Acadia" printed as "Acadia County" on a contact list) become
 *   "Acadia Parish"; Alaska's boroughs and census areas get their kind ("Kenai Peninsula Borough",
 *   "Nome Census Area" for "Nome (CA)"); the independent cities of Virginia, Maryland and Missouri
 *   are "Richmond city", "Baltimore city", "St. Louis city" (GeoNames wrote "City of Richmond",
 *   whose reading met Richmond County's, and "Salem (city)"); Connecticut's planning regions are
 *   "Capitol Planning Region" and so on; "Saint Charles" is "St. Charles".
 * - codes: Connecticut's planning regions replaced its counties in the census codes in 2022, and
 *   GeoNames has both: 11 ZIP codes still point at the old counties (09001 … 09015) while the others
 *   point at the regions, so a stop and the police of the next town could land in two different
 *   units. Each of those ZIPs takes the region of the nearest ZIP code that has one (Redding's 06875
 *   → Western Connecticut, Willington's 06279 → Capitol), and the old counties go. Yakutat's 99689
 *   pointed at Skagway-Hoonah-Angoon (02232, divided in 2007) and is Yakutat City and Borough
 *   (02282); Cuthbert (39840) and Georgetown (39854) are the seats of Randolph and Quitman counties,
 *   Georgia, not of Ben Hill and Clay; Kalaupapa (96742) is Kalawao County, Hawaii.
 * - organizations may record that their county came from their name (`county_source = 'name'`):
 *   "Roanoke County Sheriff's Office" serves Roanoke County although its address, in Salem, is an
 *   independent city. The table is rebuilt to allow the value (SQLite cannot change a CHECK in
 *   place), and the law-enforcement agencies already stored get the county their name says.
 *
 * Records whose county no longer exists take their ZIP code's again.
 */
import type Database from 'better-sqlite3';
import { GeoIndex, type CountyPlace } from '../../core/normalize/geo.js';
import type { Migration } from './index.js';

/** Alaska's county-equivalents, by county code. */
const ALASKA: Record<string, string> = {
  '013': 'Aleutians East Borough', '016': 'Aleutians West Census Area', '020': 'Anchorage Municipality', '050': 'Bethel Census Area',
  '060': 'Bristol Bay Borough', '063': 'Chugach Census Area', '066': 'Copper River Census Area', '068': 'Denali Borough',
  '070': 'Dillingham Census Area', '090': 'Fairbanks North Star Borough', '100': 'Haines Borough', '105': 'Hoonah-Angoon Census Area',
  '110': 'Juneau City and Borough', '122': 'Kenai Peninsula Borough', '130': 'Ketchikan Gateway Borough', '150': 'Kodiak Island Borough',
  '158': 'Kusilvak Census Area', '164': 'Lake and Peninsula Borough', '170': 'Matanuska-Susitna Borough', '180': 'Nome Census Area',
  '185': 'North Slope Borough', '188': 'Northwest Arctic Borough', '195': 'Petersburg Borough', '198': 'Prince of Wales-Hyder Census Area',
  '220': 'Sitka City and Borough', '230': 'Skagway Municipality', '240': 'Southeast Fairbanks Census Area', '275': 'Wrangell City and Borough',
  '282': 'Yakutat City and Borough', '290': 'Yukon-Koyukuk Census Area',
};

/** Connecticut's planning regions (2022), by county code. */
const CONNECTICUT: Record<string, string> = {
  '110': 'Capitol Planning Region', '120': 'Greater Bridgeport Planning Region', '130': 'Lower Connecticut River Valley Planning Region',
  '140': 'Naugatuck Valley Planning Region', '150': 'Northeastern Connecticut Planning Region', '160': 'Northwest Hills Planning Region',
  '170': 'South Central Connecticut Planning Region', '180': 'Southeastern Connecticut Planning Region', '190': 'Western Connecticut Planning Region',
};

/** Counties GeoNames has no ZIP code for, with the ZIP codes that are theirs. */
const ZIP_FIXES: Record<string, { fips: string; name: string }> = {
  '99689': { fips: '02282', name: 'Yakutat City and Borough' },
  '39840': { fips: '13243', name: 'Randolph' },
  '39854': { fips: '13239', name: 'Quitman' },
  '96742': { fips: '15005', name: 'Kalawao' },
};

/** Connecticut's counties before 2022. */
const OLD_CONNECTICUT = /^090(0\d|1[0-5])$/;

/** The census name of a county-equivalent, from its state, code and GeoNames name. */
export function censusCountyName(state: string, fips: string, name: string): string {
  const code = fips.slice(2);
  if (state === 'AK' && ALASKA[code]) return ALASKA[code];
  if (state === 'CT' && CONNECTICUT[code]) return CONNECTICUT[code];
  let n = name.trim().replace(/^Saint /, 'St. ');
  if (state === 'LA') return `${n.replace(/\s+Parish$/i, '')} Parish`;
  if (/^City and County of /i.test(n)) return n.replace(/^City and County of /i, '');
  // "Salem (city)", "Colonial Heights (city", "City of Richmond" → "Salem city"; Carson City is
  // named so already.
  const m = /^(.*?)\s*\(city\)?$/i.exec(n) ?? (state === 'VA' ? /^City of (.*)$/i.exec(n) : null);
  if (m) n = /\bcity$/i.test(m[1]) ? m[1] : `${m[1]} city`;
  // Virginia's James City and Charles City are counties.
  else if (/\bCity$/.test(n)) n = `${n} County`;
  return n;
}

/** Squared distance on a small patch of the globe: enough to find the nearest ZIP centroid. */
function near(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const dx = (aLon - bLon) * Math.cos((aLat * Math.PI) / 180);
  return (aLat - bLat) ** 2 + dx * dx;
}

interface ZipRow {
  zip: string;
  state: string;
  county_fips: string | null;
  lat: number | null;
  lon: number | null;
}

function fixPlaces(db: Database.Database): void {
  // Only Connecticut's ZIP codes and the ones to fix are read (a database is created often: tests,
  // the demo; all 41,000 rows cost a tenth of a second).
  const fixes = Object.keys(ZIP_FIXES);
  const zips = db.prepare(`SELECT zip, state, county_fips, lat, lon FROM zip_codes WHERE state = 'CT' OR zip IN (${fixes.map(() => '?').join(', ')})`).all(...fixes) as ZipRow[];
  const moved = new Map<string, string>();
  for (const z of zips) if (ZIP_FIXES[z.zip] && z.county_fips !== ZIP_FIXES[z.zip].fips) moved.set(z.zip, ZIP_FIXES[z.zip].fips);
  const regions = zips.filter((z) => z.state === 'CT' && z.county_fips && !OLD_CONNECTICUT.test(z.county_fips) && z.lat !== null && z.lon !== null);
  for (const z of zips) {
    if (z.state !== 'CT' || !z.county_fips || !OLD_CONNECTICUT.test(z.county_fips) || z.lat === null || z.lon === null) continue;
    let best: ZipRow | undefined;
    for (const r of regions) if (!best || near(z.lat, z.lon, r.lat!, r.lon!) < near(z.lat, z.lon, best.lat!, best.lon!)) best = r;
    if (best) moved.set(z.zip, best.county_fips!);
  }
  const setZip = db.prepare('UPDATE zip_codes SET county_fips = ? WHERE zip = ?');
  const insertCounty = db.prepare('INSERT OR IGNORE INTO counties (fips, state, name, lat, lon) VALUES (?, ?, ?, NULL, NULL)');
  for (const [zip, fips] of moved) {
    setZip.run(fips, zip);
    const fix = ZIP_FIXES[zip];
    if (fix) insertCounty.run(fix.fips, zips.find((z) => z.zip === zip)!.state, fix.name);
  }
  // Every county's centroid is the mean of its ZIP centroids (as migration 002 made them): again for
  // the counties that gained or lost ZIP codes; a county left with none no longer exists.
  const touched = new Set<string>();
  for (const z of zips) if (moved.has(z.zip) && z.county_fips) touched.add(z.county_fips);
  for (const fips of moved.values()) touched.add(fips);
  const centroid = db.prepare('SELECT count(*) AS n, avg(lat) AS lat, avg(lon) AS lon FROM zip_codes WHERE county_fips = ? AND lat IS NOT NULL AND lon IS NOT NULL');
  const any = db.prepare('SELECT 1 FROM zip_codes WHERE county_fips = ? LIMIT 1');
  const setCentroid = db.prepare('UPDATE counties SET lat = ?, lon = ? WHERE fips = ?');
  const dropCounty = db.prepare('DELETE FROM counties WHERE fips = ?');
  for (const fips of touched) {
    if (!any.get(fips)) {
      dropCounty.run(fips);
      continue;
    }
    const c = centroid.get(fips) as { n: number; lat: number | null; lon: number | null };
    setCentroid.run(c.n ? c.lat : null, c.n ? c.lon : null, fips);
  }

  const rename = db.prepare('UPDATE counties SET name = ? WHERE fips = ?');
  for (const c of db.prepare('SELECT fips, state, name FROM counties').all() as CountyPlace[]) {
    const name = censusCountyName(c.state, c.fips, c.name);
    if (name !== c.name) rename.run(name, c.fips);
  }

  // People and organizations: a county found from a ZIP code that moved follows it; a county that
  // no longer exists (an old Connecticut county typed in a county column) is the ZIP code's again.
  for (const table of ['organizations', 'people'] as const) {
    const follow = db.prepare(`UPDATE ${table} SET county_fips = ? WHERE zip = ? AND county_source = 'zip'`);
    for (const [zip, fips] of moved) follow.run(fips, zip);
    db.exec(`
      UPDATE ${table}
         SET county_fips = (SELECT z.county_fips FROM zip_codes z WHERE z.zip = ${table}.zip),
             county_source = CASE WHEN (SELECT z.county_fips FROM zip_codes z WHERE z.zip = ${table}.zip) IS NULL THEN NULL ELSE 'zip' END
       WHERE county_fips IS NOT NULL AND county_fips NOT IN (SELECT fips FROM counties)`);
  }
}

/** Rebuilds organizations with 'name' among the sources of a county (SQLite's documented procedure,
 * as migration 4 did for people). */
function allowCountyFromName(db: Database.Database): void {
  const ddl = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'organizations'").pluck().get() as string;
  const check = /county_source(\s+)TEXT CHECK \(county_source IN \('column','zip','city','manual'\)\)/;
  if (!check.test(ddl)) throw new Error('internal: the organizations table does not declare the county_source check migration 6 expects');
  const rebuilt = ddl
    .replace(check, "county_source$1TEXT CHECK (county_source IN ('column','name','zip','city','manual'))")
    .replace(/^CREATE TABLE organizations\b/, 'CREATE TABLE organizations_rebuilt');
  const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'organizations' AND sql IS NOT NULL").pluck().all() as string[];
  db.exec(rebuilt);
  db.exec('INSERT INTO organizations_rebuilt SELECT * FROM organizations');
  db.exec('DROP TABLE organizations');
  db.exec('ALTER TABLE organizations_rebuilt RENAME TO organizations');
  for (const sql of indexes) db.exec(sql);
}

/** Law-enforcement agencies already stored take the county their name says (as imports now do). */
function countiesFromNames(db: Database.Database): void {
  const rows = db.prepare(`
    SELECT id, name, state, county_fips FROM organizations
     WHERE sector = 'law_enforcement' AND statewide = 0 AND state IS NOT NULL
       AND coalesce(agency_type, '') NOT IN ('state_patrol', 'dot_mve', 'federal')
       AND (county_source IS NULL OR county_source IN ('zip', 'city'))`).all() as Array<{ id: number; name: string; state: string; county_fips: string | null }>;
  if (rows.length === 0) return;
  const geo = new GeoIndex(
    db.prepare('SELECT zip, city, state, county_fips, lat, lon FROM zip_codes').all() as Array<ZipRow & { city: string }>,
    db.prepare('SELECT fips, state, name, lat, lon FROM counties').all() as CountyPlace[],
  );
  const set = db.prepare("UPDATE organizations SET county_fips = ?, county_source = 'name' WHERE id = ?");
  for (const r of rows) {
    const fips = geo.countyInName(r.state, r.name);
    if (fips && fips !== r.county_fips) set.run(fips, r.id);
  }
}

export const m006: Migration = {
  version: 6,
  name: 'county-equivalents',
  foreignKeysOff: true,
  up(db) {
    allowCountyFromName(db);
    fixPlaces(db);
    countiesFromNames(db);
  },
};
