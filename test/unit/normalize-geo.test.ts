import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { configure } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrations/index.js';
import { GeoIndex, countyNameKey } from '../../src/core/normalize/geo.js';

let geo: GeoIndex;
let db: Database.Database;

beforeAll(async () => {
  db = new Database(':memory:');
  configure(db);
  await migrate(db, ':memory:', () => new Date());
  geo = GeoIndex.load(db);
});

describe('GeoIndex', () => {
  it('is loaded once per database', () => {
    expect(GeoIndex.load(db)).toBe(geo);
  });

  it('looks up ZIPs and counties', () => {
    expect(geo.zip('50309')).toMatchObject({ city: 'Des Moines', state: 'IA', county_fips: '19153' });
    expect(geo.zip('99999')).toBeUndefined();
    expect(geo.county('19153')).toMatchObject({ fips: '19153', state: 'IA', name: 'Polk' });
  });

  it.each([
    ['IA', 'Polk', '19153'],
    ['IA', 'Polk County', '19153'],
    ['IA', 'POLK CO.', '19153'],
    ['ia', 'polk co', '19153'],
    ['Iowa', 'Story', '19169'],
    ['NE', 'Hooker', '31091'],
    ['NE', 'Hooker County', '31091'],
    ['MO', 'St. Louis', '29189'],
    ['LA', 'Caddo Parish', '22017'],
    ['IA', 'Hooker', undefined],
    ['XX', 'Polk', undefined],
  ])('countyByName(%s, %j) → %s', (state, name, fips) => expect(geo.countyByName(state, name)).toBe(fips));

  it.each([
    ['IA', 'Des Moines', '19153'],
    ['IA', 'des moines', '19153'],
    ['IA', 'Ames', '19169'],
    ['IA', 'Nowhere Town', undefined],
  ])('countyForCity(%s, %j) → %s', (state, city, fips) => expect(geo.countyForCity(state, city)).toBe(fips));

  it('finds a county from a FIPS code or a name in the given states', () => {
    expect(geo.findCounty('19153')?.name).toBe('Polk');
    expect(geo.findCounty('Polk County', ['IA'])?.fips).toBe('19153');
    expect(geo.findCounty('Polk, NE')?.fips).toBe('31143');
    expect(geo.findCounty('Washington County', ['IA', 'NE'])?.fips).toBe('19183');
    expect(geo.findCounty('Washington')).toBeUndefined();
    expect(geo.countiesNamed('Washington County').length).toBeGreaterThan(25);
  });

  it('normalizes county names', () => {
    expect(countyNameKey('Polk County')).toBe('polk');
    expect(countyNameKey('St. Louis Co.')).toBe('saint louis');
    expect(countyNameKey('Caddo Parish')).toBe('caddo');
  });
});

describe('GeoIndex.resolve', () => {
  it('takes the county column first (name or FIPS), then the ZIP, then the city', () => {
    expect(geo.resolve({ county: 'Polk', zip: '50309', state: 'IA' })).toMatchObject({ county_fips: '19153', county_source: 'column' });
    expect(geo.resolve({ county: '19169', state: 'IA' })).toMatchObject({ county_fips: '19169', county_source: 'column' });
    expect(geo.resolve({ county: 'Story County', zip: '50010' })).toMatchObject({ county_fips: '19169', county_source: 'column' });
    expect(geo.resolve({ zip: '50309', state: 'IA' })).toMatchObject({ county_fips: '19153', county_source: 'zip' });
    expect(geo.resolve({ zip: 50309 })).toMatchObject({ county_fips: '19153', county_source: 'zip' });
    expect(geo.resolve({ zip: '50309-1234', state: 'IA' })).toMatchObject({ county_fips: '19153', county_source: 'zip' });
    expect(geo.resolve({ city: 'Ames', state: 'IA' })).toMatchObject({ county_fips: '19169', county_source: 'city' });
    expect(geo.resolve({})).toEqual({ county_fips: null, county_source: null, lat: null, lon: null });
  });

  it('gives coordinates', () => {
    const r = geo.resolve({ zip: '50309' });
    expect(r.lat).toBeCloseTo(41.59, 1);
    expect(r.lon).toBeCloseTo(-93.62, 1);
  });

  it('restores a ZIP whose leading zero Excel dropped', () => {
    expect(geo.resolve({ zip: '6103', state: 'CT' })).toMatchObject({ county_source: 'zip' });
    expect(geo.resolve({ zip: 6103, state: 'CT' }).county_fips).toBe(geo.zip('06103')!.county_fips);
  });

  it('warns about an unknown ZIP and falls back to the city', () => {
    const r = geo.resolve({ zip: '99999', city: 'Des Moines', state: 'IA' });
    expect(r).toMatchObject({ county_fips: '19153', county_source: 'city' });
    expect(r.warning).toBe('ZIP 99999 is unknown; county not resolved from it');
    expect(geo.resolve({ zip: '99999', state: 'IA' })).toMatchObject({ county_fips: null, county_source: null, warning: 'ZIP 99999 is unknown; county not resolved from it' });
  });

  it('warns when the county column and the ZIP disagree, and keeps the column', () => {
    const r = geo.resolve({ county: 'Story', zip: '50309', state: 'IA' });
    expect(r).toMatchObject({ county_fips: '19169', county_source: 'column' });
    expect(r.warning).toMatch(/county Story \(19169\) and ZIP 50309 \(Polk\) disagree/);
  });

  it('warns about a county not in the state and uses the ZIP', () => {
    const r = geo.resolve({ county: 'Hooker', zip: '50309', state: 'IA' });
    expect(r).toMatchObject({ county_fips: '19153', county_source: 'zip' });
    expect(r.warning).toBe('county "Hooker" is not a county of IA');
  });

  it('warns about a ZIP in another state', () => {
    expect(geo.resolve({ zip: '68102', state: 'IA' }).warning).toBe('ZIP 68102 is in NE, not IA');
  });
});

describe('countyColumns (a county typed by hand in people set / orgs set)', () => {
  it('finds a name in the given states or a FIPS code, marks it manual, clears on empty, names an unknown one', async () => {
    const { countyColumns } = await import('../../src/core/edit-fields.js');
    expect(countyColumns(db, 'Polk', ['IA'])).toMatchObject({ county_fips: '19153', county_source: 'manual', county: { state: 'IA' } });
    expect(countyColumns(db, 'Polk', ['NE'])).toMatchObject({ county_fips: '31143', county_source: 'manual' });
    expect(countyColumns(db, '19153', [])).toMatchObject({ county_fips: '19153', county: { lat: expect.any(Number) } });
    expect(countyColumns(db, '', ['IA'])).toEqual({ county_fips: null, county_source: null });
    expect(countyColumns(db, '-', ['IA'])).toEqual({ county_fips: null, county_source: null });
    expect(() => countyColumns(db, 'Nowhere', ['IA'])).toThrow(/no county|Nowhere/);
  });
});
