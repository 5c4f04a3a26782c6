import { describe, expect, it } from 'vitest';
import { ranTheSession, readOrg, readPerson, readPlace } from '../../src/core/import/kinds/common.js';
import { RowRejected, type MappedRow, type PrepareContext } from '../../src/core/import/types.js';
import { GeoIndex } from '../../src/core/normalize/geo.js';

const geo = new GeoIndex(
  [
    { zip: '50309', city: 'DES MOINES', state: 'IA', county_fips: '19153', lat: 41.58, lon: -93.62 },
    { zip: '06103', city: 'HARTFORD', state: 'CT', county_fips: '09003', lat: 41.76, lon: -72.67 },
  ],
  [
    { fips: '19153', state: 'IA', name: 'Polk', lat: 41.68, lon: -93.57 },
    { fips: '09003', state: 'CT', name: 'Hartford', lat: 41.8, lon: -72.73 },
  ],
);

function context(): { ctx: PrepareContext; warnings: Array<[string, string]> } {
  const warnings: Array<[string, string]> = [];
  const ctx = { cache: new Map(), geo: () => geo, warn: (field: string, message: string) => warnings.push([field, message]) } as unknown as PrepareContext;
  return { ctx, warnings };
}

function place(ctx: PrepareContext, fields: MappedRow['fields']) {
  try {
    return readPlace({ line: 2, fields, raw: [] }, ctx);
  } catch (err) {
    if (err instanceof RowRejected) return { rejected: err.reason, field: err.field };
    throw err;
  }
}

describe('readPlace (the last place remembered)', () => {
  const rows: Array<MappedRow['fields']> = [
    { state: 'IA', zip: '50309', city: 'Des Moines', county: 'Polk', address: '1 Main St' },
    { state: 'IA', zip: '50309', city: 'Des Moines', county: 'Polk', address: '2 Main St' },
    { state: 'IA', zip: '50309', city: 'Des Moines', county: 'Story', address: '3 Main St' },
    { state: 'IA', zip: '50309', city: 'Des Moines', county: 'Story' },
    { state: 'XX', zip: '50309' },
    { state: 'XX', zip: '50309' },
    { state: 'CT', zip: '6103' },
    { state: 'CT', zip: 6103 },
    { state: 'CT', zip: 6103 },
    { state: 'NE', zip: '99999', city: 'Omaha' },
    { state: 'NE', zip: '99999', city: 'Omaha' },
    { state: 'IA', zip: '50309', city: 'Des Moines', county: 'Polk', address: '1 Main St' },
  ];

  it('gives each row the place, warnings and rejection that computing it alone gives', () => {
    const shared = context();
    for (const fields of rows) {
      const alone = context();
      const before = shared.warnings.length;
      expect(place(shared.ctx, fields)).toEqual(place(alone.ctx, fields));
      expect(shared.warnings.slice(before)).toEqual(alone.warnings);
    }
    expect(shared.warnings.length).toBeGreaterThan(3);
  });
});

describe('ranTheSession and readPerson: how someone took part is not their job', () => {
  it.each([
    [{ role: 'Organizer', full_name: 'Iowa AG Office' }, { role: 'Organizer', field: 'role' }],
    [{ role: 'Co-host' }, { role: 'Co-host', field: 'role' }],
    [{ role: ' Panelist ' }, { role: 'Panelist', field: 'role' }],
    [{ role: 'Presenter' }, { role: 'Presenter', field: 'role' }],
    [{ role: 'Instructor' }, { role: 'Instructor', field: 'role' }],
    [{ role: 'Tutor' }, { role: 'Tutor', field: 'role' }],
    [{ full_name: 'Iowa AG Training (Presenter)' }, { role: '(Presenter)', field: 'full_name' }],
    [{ full_name: 'Dana Whitfield (Host, me)' }, { role: '(Host, me)', field: 'full_name' }],
    [{ role: 'Attendee' }, null],
    [{ role: 'Learner' }, null],
    [{ role: 'Student' }, null],
    [{ role: 'Sheriff' }, null],
    [{ full_name: 'Ray Olsen (Guest)' }, null],
    [{ full_name: 'Maria Kowalski (External)' }, null],
    // A job title is a job, whatever it says: only a role column or a mark after the name count.
    [{ title: 'Instructor' }, null],
  ] as Array<[MappedRow['fields'], unknown]>)('%j → %j', (fields, expected) => {
    expect(ranTheSession({ line: 2, fields, raw: [] })).toEqual(expected);
  });

  it.each([
    [{ full_name: 'Dana Whitfield', role: 'Attendee' }, null],
    [{ full_name: 'Dana Whitfield', role: 'Learner', title: 'Sergeant' }, 'Sergeant'],
    // A "Role" that holds a job gives the title; one that says how they took part never does.
    [{ full_name: 'Dana Whitfield', role: 'Sheriff' }, 'Sheriff'],
    [{ full_name: 'Dana Whitfield', title: 'Organizer' }, null],
    [{ full_name: 'Lt. Dana Whitfield', role: 'Attendee' }, 'Lt.'],
  ] as Array<[MappedRow['fields'], string | null]>)('readPerson(%j).title → %j', (fields, title) => {
    const { ctx } = context();
    (ctx as { mapped: Set<string> }).mapped = new Set(Object.keys(fields).filter((f) => f !== 'role'));
    expect(readPerson({ line: 2, fields, raw: [] }, ctx)?.title).toBe(title);
  });
});

describe('readOrg: a Sector column that names a wide field yields to the name', () => {
  const noPlace = { address: null, address2: null, city: null, state: null, zip: null, county_fips: null, county_source: null, lat: null, lon: null };
  it.each([
    // Zoom's "Industry" choices: wide fields; the name says which of the coalition's sectors.
    ['Government', "Story County Sheriff's Office", 'law_enforcement', 'sheriff', 'inferred'],
    ['Government', 'Iowa DOT Motor Vehicle Enforcement', 'law_enforcement', 'dot_mve', 'inferred'],
    ['Transportation', 'Iowa 80 Truckstop', 'truck_stop', null, 'inferred'],
    ['Transportation', 'Jefferson Lines', 'bus', null, 'inferred'],
    ['Other', "Love's Travel Stop #784", 'truck_stop', null, 'inferred'],
    // The same words where the name says nothing more, and the coalition's own sectors, stand.
    ['Government', 'Iowa Department of Human Rights', 'government', 'other', 'column'],
    ['Transportation', 'Hawkeye Freight Lines', 'trucking', 'carrier', 'column'],
    ['Government', 'Riverside Consulting', 'government', null, 'column'],
    ['Law Enforcement', 'Riverside Consulting', 'law_enforcement', null, 'column'],
    ['Truck Stop Manager/Owner', 'Hawkeye Freight Lines', 'truck_stop', null, 'column'],
  ])('%j at %j → %j', (sector, organization, expected, agency, source) => {
    const { ctx, warnings } = context();
    const org = readOrg({ line: 2, fields: { sector, organization }, raw: [] }, ctx, noPlace);
    expect([org?.sector, org?.agency_type, org?.sector_source]).toEqual([expected, agency, source]);
    expect(warnings).toEqual([]);
  });
});
