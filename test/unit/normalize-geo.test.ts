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
    expect(countyNameKey('St. Louis Co.')).toBe('saintlouis');
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
    expect(r.warning).toBe('county Story County (19169) and ZIP 50309 (Polk County) disagree; kept the county column');
  });

  it('warns about a county not in the state and uses the ZIP', () => {
    const r = geo.resolve({ county: 'Hooker', zip: '50309', state: 'IA' });
    expect(r).toMatchObject({ county_fips: '19153', county_source: 'zip' });
    expect(r.warning).toBe('county "Hooker" is not a county of IA');
  });

  it('warns about a ZIP in another state, and takes no county of that state from it', () => {
    expect(geo.resolve({ zip: '68102', state: 'IA' })).toMatchObject({ county_fips: null, warning: 'ZIP 68102 is in NE, not IA; county not resolved' });
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

describe('county-equivalents outside Iowa (names as the census writes them, read as people write them)', () => {
  it.each([
    ['Polk County', 'polk'],
    ['Caddo Parish', 'caddo'],
    ['Parish of Caddo', 'caddo'],
    ['Caddo Par.', 'caddo'],
    ['DeSoto Parish', 'desoto'],
    ['De Soto', 'desoto'],
    ['W. Baton Rouge', 'westbatonrouge'],
    ['Richmond city', 'richmondcity'],
    ['City of Richmond', 'richmondcity'],
    ['Salem (city)', 'salemcity'],
    ['Colonial Heights (city', 'colonialheightscity'],
    ['St. Louis City', 'saintlouiscity'],
    ['Ste. Genevieve', 'saintegenevieve'],
    ['Sainte Genevieve County', 'saintegenevieve'],
    ['Kenai Peninsula Borough', 'kenaipeninsula'],
    ['Municipality of Anchorage', 'anchorage'],
    ['City and Borough of Juneau', 'juneau'],
    ['Nome (CA)', 'nome'],
    ['Bethel Census Area', 'bethel'],
    ['Capitol Planning Region', 'capitol'],
    ['The Bronx', 'bronx'],
  ])('countyNameKey(%j) = %j', (name, key) => expect(countyNameKey(name)).toBe(key));

  it.each([
    // Louisiana's parishes, however a directory writes them
    ['LA', 'Caddo', '22017'],
    ['LA', 'Parish of Caddo', '22017'],
    ['LA', 'Caddo Par.', '22017'],
    ['LA', 'DeSoto Parish', '22031'],
    ['LA', 'W. Baton Rouge', '22121'],
    // Virginia: Richmond County and the independent city of Richmond are two county-equivalents
    ['VA', 'Richmond County', '51159'],
    ['VA', 'Richmond city', '51760'],
    ['VA', 'City of Richmond', '51760'],
    ['VA', 'Richmond City', '51760'],
    ['VA', 'Salem', '51775'],
    ['VA', 'Roanoke County', '51161'],
    ['VA', 'Roanoke City', '51770'],
    ['VA', 'Charles City', '51036'],
    ['VA', 'Bedford city', '51019'],
    // Missouri
    ['MO', 'St. Louis City', '29510'],
    ['MO', 'City of St. Louis', '29510'],
    ['MO', 'Saint Louis County', '29189'],
    ['MO', 'St Louis Co.', '29189'],
    ['MO', 'Ste. Genevieve', '29186'],
    ['MO', 'Sainte Genevieve County', '29186'],
    ['MO', 'St. Charles', '29183'],
    ['MO', 'Jefferson City', undefined],
    // Alaska's boroughs and census areas
    ['AK', 'Mat-Su Borough', '02170'],
    ['AK', 'Municipality of Anchorage', '02020'],
    ['AK', 'Kenai Peninsula', '02122'],
    ['AK', 'Nome (CA)', '02180'],
    ['AK', 'Yakutat', '02282'],
    ['AK', 'Wade Hampton', '02158'],
    // Connecticut's planning regions, also by their councils' names; not its old counties
    ['CT', 'Capitol Region', '09110'],
    ['CT', 'Connecticut Metropolitan', '09120'],
    ['CT', 'Western Connecticut Planning Region', '09190'],
    ['CT', 'Hartford County', undefined],
    // New York City's boroughs are counties
    ['NY', 'Brooklyn', '36047'],
    ['NY', 'Manhattan', '36061'],
    ['NY', 'Staten Island', '36085'],
    ['NY', 'The Bronx', '36005'],
    ['NY', 'Queens County', '36081'],
    // Other independent cities
    ['MD', 'Baltimore City', '24510'],
    ['MD', 'Baltimore County', '24005'],
    ['NV', 'Carson City', '32510'],
    // Washington County is in 30 states: the state decides
    ['TX', 'Washington', '48477'],
    ['LA', 'Washington', '22117'],
  ])('countyByName(%s, %j) → %s', (state, name, fips) => expect(geo.countyByName(state, name)).toBe(fips));

  it.each([
    ['VA', 'Richmond', ['51159', '51760']],
    ['VA', 'Fairfax', ['51059', '51600']],
    ['MO', 'St. Louis', ['29189', '29510']],
    ['MD', 'Baltimore', ['24005', '24510']],
    ['VA', 'Norfolk', ['51710']],
    ['VA', 'Charles', []],
  ])('countyCandidates(%s, %j): a bare name can be the county or the independent city → %j', (state, name, fips) => expect(geo.countyCandidates(state, name)).toEqual(fips));

  it.each([
    ['VA', "Roanoke County Sheriff's Office", '51161'],
    ['VA', "Richmond City Sheriff's Office", '51760'],
    ['VA', 'City of Salem Police Department', '51775'],
    ['VA', 'Fairfax County Police Department', '51059'],
    ['VA', 'Fairfax City Police Department', '51600'],
    ['VA', "Charles City County Sheriff's Office", '51036'],
    ['VA', 'Salem Police Department', undefined],
    ['LA', "East Baton Rouge Parish Sheriff's Office", '22033'],
    ['LA', "Caddo Parish Sheriff's Office", '22017'],
    ['LA', "DeSoto Parish Sheriff's Office", '22031'],
    ['MO', 'St. Louis County Police Department', '29189'],
    ['MO', "St. Louis City Sheriff's Office", '29510'],
    ['MO', 'Jefferson City Police Department', undefined],
    ['NV', "Carson City Sheriff's Office", '32510'],
    ['UT', 'Salt Lake County Sheriff', '49035'],
    ['UT', 'Salt Lake City Police Department', undefined],
    ['IA', 'Iowa City Police Department', undefined],
    ['IA', 'Polk Co. Sheriff', '19153'],
    ['NE', "Polk County Sheriff's Office", '31143'],
  ])('countyInName(%s, %j) → %s', (state, name, fips) => expect(geo.countyInName(state, name)).toBe(fips));

  it('holds the census names: parishes, boroughs, census areas, independent cities, planning regions', () => {
    expect(['22001', '22017', '22031', '02122', '02180', '02020', '02282', '51760', '51159', '29510', '29183', '24510', '32510', '51095', '09110', '09120'].map((f) => geo.county(f)?.name)).toEqual([
      'Acadia Parish', 'Caddo Parish', 'De Soto Parish', 'Kenai Peninsula Borough', 'Nome Census Area', 'Anchorage Municipality', 'Yakutat City and Borough',
      'Richmond city', 'Richmond', 'St. Louis city', 'St. Charles', 'Baltimore city', 'Carson City', 'James City County', 'Capitol Planning Region', 'Greater Bridgeport Planning Region',
    ]);
    // Connecticut's old counties and Alaska's Skagway-Hoonah-Angoon are gone; no two county-equivalents of a state read alike.
    expect(['09001', '09013', '02232'].map((f) => geo.county(f))).toEqual([undefined, undefined, undefined]);
    const rows = db.prepare('SELECT fips, state, name FROM counties').all() as Array<{ fips: string; state: string; name: string }>;
    const keys = new Map<string, string>();
    for (const r of rows) {
      const k = `${r.state}|${countyNameKey(r.name)}`;
      expect(keys.get(k), `${r.fips} ${r.name}`).toBeUndefined();
      keys.set(k, r.fips);
    }
    expect(rows).toHaveLength(3144);
  });

  it.each([
    ['06279', '09110'], // Willington: Capitol, not Tolland County
    ['06875', '09190'], // Redding: Western Connecticut, not Fairfield County
    ['06255', '09150'], // North Grosvenordale: Northeastern Connecticut, not Windham County
    ['99689', '02282'], // Yakutat, not the Skagway-Hoonah-Angoon of before 2007
    ['39840', '13243'], // Cuthbert, Randolph County
    ['20002', '11001'],
  ])('ZIP %s is in %s', (zip, fips) => expect(geo.zip(zip)?.county_fips).toBe(fips));
});

describe('GeoIndex.resolve outside Iowa', () => {
  it.each([
    // A bare name that is both a county and an independent city: the ZIP says which, else the county.
    [{ county: 'Richmond', zip: '23219', state: 'VA' }, '51760', 'column', undefined],
    [{ county: 'Richmond', zip: '22572', state: 'VA' }, '51159', 'column', undefined],
    [{ county: 'Richmond', state: 'VA' }, '51159', 'column', undefined],
    [{ county: 'Richmond County', zip: '22572', state: 'VA' }, '51159', 'column', undefined],
    [{ county: 'City of St. Louis', zip: '63147', state: 'MO' }, '29510', 'column', undefined],
    [{ county: 'St. Louis', zip: '63147', state: 'MO' }, '29510', 'column', undefined],
    [{ county: 'Parish of Caddo', zip: '71129' }, '22017', 'column', undefined],
    [{ county: 'Brooklyn', zip: '11231', state: 'NY' }, '36047', 'column', undefined],
    // A ZIP that spans the independent city and the county: the column wins, and says so.
    [{ county: 'Roanoke County', zip: '24153', state: 'VA' }, '51161', 'column', 'county Roanoke County (51161) and ZIP 24153 (Salem city) disagree; kept the county column'],
    // Connecticut's old counties give way to the ZIP's planning region, silently; without one, they say why.
    [{ county: 'Hartford County', zip: '6108', state: 'CT' }, '09110', 'zip', undefined],
    [{ county: 'Tolland', zip: '06279', state: 'CT' }, '09110', 'zip', undefined],
    [{ county: '09003', zip: '06108', state: 'CT' }, '09110', 'zip', undefined],
    [{ county: 'Hartford County', state: 'CT' }, null, null, `county "Hartford County" no longer exists (Connecticut's planning regions replaced its counties in 2022); give the ZIP code or the town`],
    [{ county: 'Hartford County', state: 'CT', city: 'East Hartford' }, '09110', 'city', undefined],
    // The District of Columbia is one county-equivalent, whatever the cell says.
    [{ county: 'Washington', zip: '20002', state: 'DC' }, '11001', 'column', undefined],
    // A ZIP of the state next door: the county comes from the row's state (its city), or not at all.
    [{ zip: '71854', city: 'Texarkana', state: 'TX' }, '48037', 'city', 'ZIP 71854 is in AR, not TX; the county was taken from the city'],
    [{ zip: '75503', county: 'Miller', state: 'AR' }, '05091', 'column', 'ZIP 75503 is in TX, not AR'],
    [{ zip: '71854', state: 'TX' }, null, null, 'ZIP 71854 is in AR, not TX; county not resolved'],
    // Territories the ZIP table does not cover.
    [{ zip: '901', state: 'PR' }, null, null, 'ZIP 00901 is not known: the offline ZIP table covers the 50 states and DC, not Puerto Rico'],
    // Parishes and boroughs in messages
    [{ county: 'Nowhere', zip: '71129', state: 'LA' }, '22017', 'zip', 'county "Nowhere" is not a parish of LA'],
    [{ county: 'Nowhere', zip: '99501', state: 'AK' }, '02020', 'zip', 'county "Nowhere" is not a borough or census area of AK'],
  ])('%j → %s (%s)', (input, fips, source, warning) => {
    const r = geo.resolve(input);
    expect(r).toMatchObject({ county_fips: fips, county_source: source });
    expect(r.warning).toBe(warning);
  });

  it('keeps the coordinates of a ZIP next door when no county of the row\'s state is found (for the nearest officers)', () => {
    const r = geo.resolve({ zip: '71854', state: 'TX' });
    expect(r.lat).toBeCloseTo(geo.zip('71854')!.lat!, 3);
  });
});
