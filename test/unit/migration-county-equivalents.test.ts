import { describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { configure } from '../../src/db/connection.js';
import { LATEST_VERSION, migrate, migrations, schemaVersion } from '../../src/db/migrations/index.js';
import { censusCountyName } from '../../src/db/migrations/006-county-equivalents.js';
import { tempDir } from '../helpers/context.js';

const TS = '2026-01-01T00:00:00Z';

async function v5(file: string): Promise<Database.Database> {
  const db = new Database(file);
  configure(db);
  await migrate(db, file, () => new Date(TS), migrations.filter((m) => m.version <= 5));
  expect(schemaVersion(db)).toBe(5);
  const org = db.prepare(`INSERT INTO organizations (name, name_key, city_key, sector, agency_type, city, state, zip, county_fips, county_source, created_at, updated_at)
                          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '${TS}', '${TS}')`);
  org.run("Love's Travel Stop #780", 'loves travel stop #780', 'willington', 'truck_stop', null, 'Willington', 'CT', '06279', '09013', 'zip');
  org.run('Truck Stop of Bridgeport', 'truck stop of bridgeport', 'bridgeport', 'truck_stop', null, 'Bridgeport', 'CT', '06604', '09001', 'column');
  org.run("Roanoke County Sheriff's Office", 'roanoke county sheriffs office', 'salem', 'law_enforcement', 'sheriff', 'Salem', 'VA', '24153', '51775', 'zip');
  org.run('Salem Police Department', 'salem police department', 'salem', 'law_enforcement', 'police', 'Salem', 'VA', '24153', '51775', 'zip');
  org.run('Virginia State Police', 'virginia state police', 'salem', 'law_enforcement', 'state_patrol', 'Salem', 'VA', '24153', '51775', 'zip');
  org.run("Fairfax County Sheriff's Office", 'fairfax county sheriffs office', 'fairfax', 'law_enforcement', 'sheriff', 'Fairfax', 'VA', '22030', '51600', 'manual');
  org.run('Litchfield Agency', 'litchfield agency', '', 'other', null, null, 'CT', null, '09005', 'manual');
  db.prepare(`INSERT INTO people (first_name, last_name, name_key, state, zip, county_fips, county_source, created_at, updated_at) VALUES ('Ada', 'Byrne', 'ada byrne', 'AK', '99689', '02232', 'zip', '${TS}', '${TS}')`).run();
  return db;
}

describe('migration 6 (county-equivalents)', () => {
  it('upgrades a version-5 database: census names, Connecticut planning regions, county agencies placed by their names', async () => {
    const file = path.join(tempDir(), 'v5.db');
    const db = await v5(file);
    expect(db.prepare("SELECT name FROM counties WHERE fips = '22017'").pluck().get()).toBe('Caddo Parish');
    expect(db.prepare("SELECT name FROM counties WHERE fips = '22001'").pluck().get()).toBe('Acadia');

    await migrate(db, file, () => new Date(TS));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const names = db.prepare("SELECT fips, name FROM counties WHERE fips IN ('22001', '51760', '02122', '09110', '02282') ORDER BY fips").all();
    expect(names).toEqual([
      { fips: '02122', name: 'Kenai Peninsula Borough' },
      { fips: '02282', name: 'Yakutat City and Borough' },
      { fips: '09110', name: 'Capitol Planning Region' },
      { fips: '22001', name: 'Acadia Parish' },
      { fips: '51760', name: 'Richmond city' },
    ]);
    const orgs = db.prepare('SELECT name, county_fips, county_source FROM organizations ORDER BY id').all();
    expect(orgs).toEqual([
      // a ZIP that moved to its planning region takes its stops along
      { name: "Love's Travel Stop #780", county_fips: '09110', county_source: 'zip' },
      // an old county typed in a county column is the ZIP's planning region again
      { name: 'Truck Stop of Bridgeport', county_fips: '09120', county_source: 'zip' },
      // a county agency serves the county its name says
      { name: "Roanoke County Sheriff's Office", county_fips: '51161', county_source: 'name' },
      { name: 'Salem Police Department', county_fips: '51775', county_source: 'zip' },
      { name: 'Virginia State Police', county_fips: '51775', county_source: 'zip' },
      // a county set by hand stays
      { name: "Fairfax County Sheriff's Office", county_fips: '51600', county_source: 'manual' },
      // an old county without a ZIP to find the region by is no county
      { name: 'Litchfield Agency', county_fips: null, county_source: null },
    ]);
    expect(db.prepare('SELECT county_fips, county_source FROM people').get()).toEqual({ county_fips: '02282', county_source: 'zip' });
    expect(db.prepare("SELECT count(*) FROM counties WHERE fips IN ('09001', '09005', '09013', '02232')").pluck().get()).toBe(0);
    expect(db.prepare("SELECT lat FROM counties WHERE fips = '02282'").pluck().get()).toBeCloseTo(59.5, 0);
    // The organizations table keeps its indexes and accepts the new source, and only known ones.
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'organizations' AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['organizations_county', 'organizations_sector', 'organizations_state']));
    expect(() => db.prepare("UPDATE organizations SET county_source = 'guess' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it.each([
    ['LA', '22001', 'Acadia', 'Acadia Parish'],
    ['LA', '22017', 'Caddo Parish', 'Caddo Parish'],
    ['VA', '51760', 'City of Richmond', 'Richmond city'],
    ['VA', '51775', 'Salem (city)', 'Salem city'],
    ['VA', '51570', 'Colonial Heights (city', 'Colonial Heights city'],
    ['VA', '51095', 'James City', 'James City County'],
    ['VA', '51159', 'Richmond', 'Richmond'],
    ['MO', '29510', 'St. Louis (city)', 'St. Louis city'],
    ['MO', '29183', 'Saint Charles', 'St. Charles'],
    ['NV', '32510', 'Carson City (city)', 'Carson City'],
    ['CA', '06075', 'City and County of San Francisco', 'San Francisco'],
    ['AK', '02180', 'Nome (CA)', 'Nome Census Area'],
    ['AK', '02090', 'Fairbanks North Star', 'Fairbanks North Star Borough'],
    ['CT', '09120', 'Connecticut Metropolitan', 'Greater Bridgeport Planning Region'],
    ['IA', '19153', 'Polk', 'Polk'],
  ])('censusCountyName(%s, %s, %j) = %j', (state, fips, name, census) => expect(censusCountyName(state, fips, name)).toBe(census));
});
