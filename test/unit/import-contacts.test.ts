import { beforeAll, describe, expect, it } from 'vitest';
import { memoryDb } from '../helpers/contacts-seed.js';
import { sheriffsOffice } from '../../src/core/import/mapper.js';
import { handler as contacts } from '../../src/core/import/kinds/contacts.js';
import { noteRow, placeholderName, skipNote } from '../../src/core/import/kinds/common.js';
import { trainingsHandler } from '../../src/core/import/kinds/trainings.js';
import { unpackOrg, unpackPerson, type PackedOrg, type PackedPerson } from '../../src/core/import/identity.js';
import type { MappedRow, PrepareContext } from '../../src/core/import/types.js';
import { GeoIndex } from '../../src/core/normalize/geo.js';

const geo = new GeoIndex(
  [{ zip: '50021', city: 'ANKENY', state: 'IA', county_fips: '19153', lat: 41.73, lon: -93.6 }],
  [{ fips: '19153', state: 'IA', name: 'Polk', lat: 41.68, lon: -93.57 }],
);

/** Prepares one contacts row as the pipeline does, collecting its warnings. */
function prepare(fields: MappedRow['fields'], places: GeoIndex = geo, mapped: string[] = Object.keys(fields)) {
  const warnings: Array<[string, string]> = [];
  const ctx = {
    cache: new Map(),
    geo: () => places,
    warn: (field: string, message: string) => warnings.push([field, message]),
    mapped: new Set(mapped),
    now: new Date('2026-03-01T00:00:00Z'),
    file: 'agencies.csv',
  } as unknown as PrepareContext;
  const [org, person] = contacts.prepare!({ line: 2, fields, raw: [] }, ctx) as [PackedOrg, PackedPerson | null];
  return { org: unpackOrg(org), person: person ? unpackPerson(person) : null, warnings };
}

describe('contacts: a row without a person is its organization\'s main line', () => {
  it('warns once about a phone it cannot keep (it was read twice)', () => {
    const { org, person, warnings } = prepare({ organization: 'Iowa DOT Motor Vehicle Enforcement', phone: 'call dispatch', zip: '50021' });
    expect(person).toBeNull();
    expect(org.phone).toBeNull();
    expect(warnings.filter(([f]) => f === 'phone')).toHaveLength(1);
  });

  it('warns once when only an e-mail names the row', () => {
    const { org, warnings } = prepare({ organization: 'Iowa DOT Motor Vehicle Enforcement', email: 'mve@iowadot.example', phone: '515-555-0170 / 515-555-0171' });
    expect(org).toMatchObject({ email: 'mve@iowadot.example', phone: '+15155550170' });
    expect(warnings.filter(([f]) => f === 'phone')).toHaveLength(1);
  });
});

describe('contacts: a store-number column', () => {
  it.each([['612'], ['#612'], ['Store 612'], ['Store #612'], ['Store # 0612'], ['No. 612']])('%j → "Pilot Travel Center #612", store 612', (cell) => {
    const { org } = prepare({ organization: 'Pilot Travel Center', store_number: cell, zip: '50021' });
    expect(org).toMatchObject({ name: 'Pilot Travel Center #612', store_number: '612' });
  });
});

describe('contacts: the title a person column implies', () => {
  const withDefault = (fields: MappedRow['fields']) => {
    const warnings: Array<[string, string]> = [];
    const ctx = { cache: new Map(), geo: () => geo, warn: (f: string, m: string) => warnings.push([f, m]), mapped: new Set(['organization', 'full_name']), now: new Date(), file: 'chiefs.csv' } as unknown as PrepareContext;
    const [, person] = contacts.prepare!({ line: 2, fields, raw: [] }, ctx) as [PackedOrg, PackedPerson | null];
    return unpackPerson(person!);
  };

  it('yields to a rank written in the name', () => {
    // A "Chief" column gives the title Chief (mapper defaults) unless the name says otherwise.
    expect(withDefault({ organization: 'Waterloo Police Department', full_name: 'Capt. Mary Ellen McDonald', title: 'Chief' })).toMatchObject({ title: 'Capt.', first_name: 'Mary Ellen', last_name: 'McDonald' });
    expect(withDefault({ organization: 'Ames Police Department', full_name: 'Geoff Huff', title: 'Chief' })).toMatchObject({ title: 'Chief' });
  });

  it('never overrides a title column', () => {
    const { person } = prepare({ organization: 'Iowa State Patrol', full_name: 'Trooper Amy Chen', title: 'Sgt.' });
    expect(person).toMatchObject({ title: 'Sgt.', first_name: 'Amy', last_name: 'Chen' });
  });
});

describe('contacts: notes and totals under a directory', () => {
  it.each([
    [['Total: 5 counties', '', '', '']],
    [['', 'TOTAL', '', '']],
    [['Total Agencies: 99', '', '']],
    [['Last updated 3/1/2026', '', '']],
    [['Revised March 2026']],
    [['Source: Iowa State Sheriffs\u2019 and Deputies\u2019 Association', '']],
    [['Page 2 of 3', '', '']],
    [['* interim sheriff until the special election', '', '']],
    [['Total', '6', '', '']],
    [['', 'Grand Total:', '1,250', '']],
  ])('%j is skipped, with a warning', (raw) => {
    expect(noteRow(raw)).not.toBeNull();
    const warnings: Array<[string, string]> = [];
    expect(skipNote(contacts.notes, raw, (f, m) => warnings.push([f, m]))).toBe(true);
    expect(warnings).toEqual([['organization', expect.stringMatching(/is a note or a total under the directory, not an entry: skipped$/)]]);
  });

  it.each([
    [['Total Transportation Inc', 'Des Moines', 'IA']],
    [['Total Logistics', '', '']],
    [['Source Trucking', 'Ames']],
    [['Updated Freight Lines', '', '515-555-0101']],
    [['Polk County Sheriff\u2019s Office', '', '']],
    [['Updated Freight Lines', '5155550101', '']],
    [['Total', 'Des Moines', '']],
  ])('%j is an entry', (raw) => expect(noteRow(raw)).toBeNull());

  it.each([
    // Canvas's gradebook: the points row, under the header, and the posting policy row.
    [['    Points Possible', '', '', '10.00', '10.00', '(read only)', '(read only)']],
    [['', '', '', 'Manual Posting', '', '']],
    [['', 'Muted', '']],
  ])('%j, a gradebook\'s row, is skipped with a warning', (raw) => {
    const warnings: Array<[string, string]> = [];
    expect(skipNote(trainingsHandler.notes, raw, (f, m) => warnings.push([f, m]))).toBe(true);
    expect(warnings).toEqual([['module', expect.stringContaining("is a gradebook's row of points or settings, not a sign-off: skipped")]]);
  });

  it.each([[['Points', 'Possible', '']], [['Muted Horn Trucking', '', '']], [['Dana Whitfield', 'Manual Posting']]])('%j is not a gradebook\'s row', (raw) => {
    expect(skipNote(trainingsHandler.notes, raw, () => undefined)).toBe(false);
  });
});

describe('placeholderName: names of no one', () => {
  it.each([
    [{ full_name: 'Guest 1' }, 'unnamed'],
    [{ full_name: 'Caller 3' }, 'unnamed'],
    [{ full_name: 'Call-in User_2' }, 'unnamed'],
    [{ full_name: '+1 515 555 0199' }, 'unnamed'],
    [{ full_name: '15155550199' }, 'unnamed'],
    [{ full_name: 'Anonymous' }, 'unnamed'],
    [{ full_name: 'Student, Test' }, 'test'],
    [{ first_name: 'Test', last_name: 'Student' }, 'test'],
    [{ full_name: 'Dana Whitfield' }, null],
    [{ full_name: 'Guest Services Desk' }, null],
    [{ full_name: 'John Smith 3rd' }, null],
    [{ email: 'x@y.example' }, null],
  ] as Array<[MappedRow['fields'], string | null]>)('%j → %j', (fields, expected) => expect(placeholderName({ line: 2, fields, raw: [] })).toBe(expected));
});

describe('contacts: a place written in one cell', () => {
  it('takes a "City, State Zip" column apart, so the county is found', () => {
    const { org } = prepare({ organization: 'Ankeny Police Department', city: 'Ankeny, IA 50021-8710' });
    expect(org).toMatchObject({ city: 'Ankeny', state: 'IA', zip: '50021', county_fips: '19153', county_source: 'zip' });
  });

  it('takes a whole address apart when the row has no city, state or ZIP', () => {
    expect(prepare({ organization: 'Ankeny Police Department', address: '411 W 1st St, Ankeny, IA 50021' }).org).toMatchObject({
      address: '411 W 1st St', city: 'Ankeny', state: 'IA', zip: '50021', county_fips: '19153',
    });
    // Without commas, the ZIP code's city tells the street from the city.
    expect(prepare({ organization: 'Ankeny Police Department', address: '411 W 1st St Ankeny IA 50021' }).org).toMatchObject({ address: '411 W 1st St', city: 'Ankeny', zip: '50021' });
  });

  it('leaves the cells alone when the row has its own state or ZIP', () => {
    expect(prepare({ organization: 'Ankeny Police Department', address: '411 W 1st St, Ankeny, IA 50021', zip: '50021' }).org).toMatchObject({ address: '411 W 1st St, Ankeny, IA 50021', city: 'Ankeny' });
    expect(prepare({ organization: 'Nevada Police Department', city: 'Nevada', state: 'IA' }).org).toMatchObject({ city: 'Nevada', state: 'IA' });
  });
});

describe('contacts: agencies outside Iowa (the whole ZIP and county table)', () => {
  let all: GeoIndex;
  beforeAll(async () => {
    all = GeoIndex.load(await memoryDb());
  });

  it.each([
    // A county agency serves the county its name says, though its office is in an independent city.
    [{ organization: "Roanoke County Sheriff's Office", address: '401 E Main St', city: 'Salem', state: 'VA', zip: '24153' }, "Roanoke County Sheriff's Office", '51161', 'name'],
    [{ organization: "Fairfax County Sheriff's Office", city: 'Fairfax', state: 'VA', zip: '22030' }, "Fairfax County Sheriff's Office", '51059', 'name'],
    [{ organization: 'Albemarle County Police Department', city: 'Charlottesville', state: 'VA', zip: '22902' }, 'Albemarle County Police Department', '51003', 'name'],
    // The city's own agencies stay in the city.
    [{ organization: 'Salem Police Department', city: 'Salem', state: 'VA', zip: '24153' }, 'Salem Police Department', '51775', 'zip'],
    [{ organization: "Richmond City Sheriff's Office", city: 'Richmond', state: 'VA', zip: '23223' }, "Richmond City Sheriff's Office", '51760', 'name'],
    // A county column still wins over the name.
    [{ organization: "Roanoke County Sheriff's Office", city: 'Salem', state: 'VA', zip: '24153', county: 'Salem' }, "Roanoke County Sheriff's Office", '51775', 'column'],
    // Statewide and federal agencies are not placed by a county in their name.
    [{ organization: 'Virginia State Police', city: 'Salem', state: 'VA', zip: '24153' }, 'Virginia State Police', '51775', 'zip'],
    // An agency column's name is kept as the file writes it.
    [{ organization: "Acadia County Sheriff's Office", county: 'Acadia', state: 'LA', zip: '70526' }, "Acadia County Sheriff's Office", '22001', 'column'],
  ])('%j → %j in %s (%s)', (fields, name, fips, source) => {
    expect(prepare(fields, all).org).toMatchObject({ name, county_fips: fips, county_source: source });
  });

  // A sheriffs' directory that gives only the county and the sheriff (no agency column: the mapper
  // named the office from the county cell): the office is the county-equivalent's.
  it.each([
    [{ county: 'Caddo', city: 'Shreveport', zip: '71101' }, "Caddo Parish Sheriff's Office", '22017'],
    [{ county: 'Richmond City', state: 'VA', zip: '23223' }, "Richmond City Sheriff's Office", '51760'],
    [{ county: 'St. Louis City', state: 'MO' }, "St. Louis City Sheriff's Office", '29510'],
    [{ county: 'POLK', state: 'IA' }, "Polk County Sheriff's Office", '19153'],
    [{ county: 'Nowhere', state: 'LA' }, "Nowhere County Sheriff's Office", null],
  ])('a sheriffs\' directory row %j → %j in %s', (fields, name, fips) => {
    const row = { ...fields, organization: sheriffsOffice(fields.county), full_name: 'Pat Doe' };
    expect(prepare(row, all, ['full_name', ...Object.keys(fields)]).org).toMatchObject({ name, county_fips: fips });
  });
});
