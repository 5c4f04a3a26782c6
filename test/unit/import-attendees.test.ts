import { describe, expect, it } from 'vitest';
import { handler, readCheckIn } from '../../src/core/import/kinds/attendees.js';
import { RowRejected, type MappedRow, type PrepareContext } from '../../src/core/import/types.js';
import { GeoIndex } from '../../src/core/normalize/geo.js';
import { parseTimeOfDay } from '../../src/core/normalize/date.js';

const geo = new GeoIndex([{ zip: '50309', city: 'DES MOINES', state: 'IA', county_fips: '19153', lat: 41.58, lon: -93.62 }], [{ fips: '19153', state: 'IA', name: 'Polk', lat: 41.68, lon: -93.57 }]);

function prepare(fields: MappedRow['fields']): { prepared?: unknown[]; rejected?: string; warnings: Array<[string, string]> } {
  const warnings: Array<[string, string]> = [];
  const ctx = {
    cache: new Map(),
    geo: () => geo,
    mapped: new Set(Object.keys(fields)),
    coalition: { id: 1, slug: 'ia-2026', build_date: '2026-12-03' },
    warn: (field: string, message: string) => warnings.push([field, message]),
  } as unknown as PrepareContext;
  try {
    return { prepared: handler.prepare!({ line: 2, fields, raw: [] }, ctx) as unknown[], warnings };
  } catch (err) {
    if (err instanceof RowRejected) return { rejected: err.reason, warnings };
    throw err;
  }
}

describe('attendees: check-in cells', () => {
  it.each([
    ['2026-12-03 07:42:10-06:00', { checked: true, at: '2026-12-03T13:42:10Z', status: null }],
    ['Checked In', { checked: true, at: null, status: 'Checked In' }],
    ['Attending', { checked: false, at: null, status: 'Attending' }],
    ['✓', { checked: true, at: null, status: null }],
    ['X', { checked: true, at: null, status: null }],
    ['7:45 AM', { checked: true, at: '2026-12-03T07:45:00', status: null }],
    ['13:05', { checked: true, at: '2026-12-03T13:05:00', status: null }],
    [0.3229166666666667, { checked: true, at: '2026-12-03T07:45:00', status: null }],
    [new Date(Date.UTC(1899, 11, 30, 7, 45)), { checked: true, at: '2026-12-03T07:45:00', status: null }],
  ])('%j → %j', (cell, expected) => expect(readCheckIn(cell, '2026-12-03')).toEqual(expected));

  it.each([['25:00'], ['7:61'], ['12:30 XM'], [1.5], [new Date(Date.UTC(2026, 11, 3))]])('%j is not a time of day', (cell) => expect(parseTimeOfDay(cell)).toBeNull());
});

describe('attendees: rows that register nobody', () => {
  const base = { full_name: 'Dale Hummel', organization: 'Hawkeye Freight Lines', email: 'dhummel@hawkeye.example' };

  it.each([['Refunded'], ['Deleted'], ['Transferred'], ['Not Attending'], ['Cancelled']])('a registration marked %j keeps the person but records no registration', (status) => {
    const r = prepare({ ...base, checked_in: status });
    expect(r.prepared?.at(-1)).toBe(true);
    expect(r.warnings).toEqual([['checked_in', `registration ${status}: the person is kept as a contact, not counted as registered`]]);
  });

  it.each([['Cancelled'], ['Declined'], ['Waitlisted'], ['denied'], ['pending'], ['Pending Approval']])('a registration status column (Cvent, Zoom\'s Approval Status) of %j records no registration', (status) => {
    const r = prepare({ ...base, registration_status: status, checked_in: 'No' });
    expect(r.prepared?.at(-1)).toBe(true);
    expect(r.warnings).toEqual([['registration_status', `registration ${status}: the person is kept as a contact, not counted as registered`]]);
  });

  it('a registration status of Accepted is one, and a check-in beats a cancelled status', () => {
    expect(prepare({ ...base, registration_status: 'Accepted' }).prepared?.at(-1)).toBe(false);
    const r = prepare({ ...base, registration_status: 'Cancelled', checked_in: '12/03/2026 07:51 AM' });
    expect(r.prepared?.at(-1)).toBe(false);
    expect(r.prepared?.[3]).toBe(true);
  });

  it.each([['Attending'], ['Checked In'], ['2026-12-03 07:42:10-06:00']])('a registration marked %j is one', (status) => {
    const r = prepare({ ...base, checked_in: status });
    expect(r.prepared?.at(-1)).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it.each([[{ full_name: 'Total: 45' }], [{ full_name: 'Count', organization: '12' }, false], [{ first_name: 'TOTAL', last_name: '45' }]])('rejects a footer %j in the name column', (fields, rejected = true) => {
    const r = prepare(fields as MappedRow['fields']);
    if (rejected) expect(r.rejected).toMatch(/is not a person's name \(a total or a note under the list\?\) and the row has no e-mail address/);
    else expect(r.rejected).toBeUndefined();
  });

  it('keeps a name with digits when the row has an e-mail address', () => {
    expect(prepare({ full_name: 'John Smith 3rd', email: 'js@x.example' }).rejected).toBeUndefined();
  });
});

describe("attendees: a webinar's host, presenters and panelists ran it", () => {
  const base = { full_name: 'Kylla Lanier', organization: 'Truckers Against Trafficking', email: 'klanier@tat.example' };

  it.each([
    [{ ...base, role: 'Host' }, 'role'],
    [{ ...base, role: 'Panelist' }, 'role'],
    [{ ...base, role: 'Organizer' }, 'role'],
    [{ ...base, full_name: 'Kylla Lanier (Co-host)' }, 'full_name'],
  ])('%j is skipped with a warning on %j, not registered', (fields, field) => {
    const r = prepare(fields);
    expect(r.rejected).toBeUndefined();
    expect(r.prepared).toBe('hosts');
    expect(r.warnings).toEqual([[field, expect.stringContaining('they ran the session rather than took part in it, so they are not counted as an attendee')]]);
  });

  it.each([[{ ...base, role: 'Attendee' }], [{ ...base, role: 'Guest' }], [{ ...base, full_name: 'Kylla Lanier (Guest)' }]])('%j is an attendee', (fields) => {
    expect(prepare(fields).prepared).toEqual(expect.any(Array));
  });
});

describe('attendees: a webinar report\'s registration column', () => {
  const base = { full_name: 'Rosa Delgado', organization: "Love's Travel Stop #784", email: 'rdelgado@loves.example' };

  it.each([
    ['Yes', null],
    ['No', null],
    ['11/01/2026 02:10 PM', '2026-11-01T14:10:00'],
  ])('Registered %j → %j, without a warning', (cell, registered) => {
    const r = prepare({ ...base, registered_at: cell });
    expect(r.prepared?.[2]).toBe(registered);
    expect(r.warnings).toEqual([]);
  });

  it('still warns about a registration date it cannot read', () => {
    expect(prepare({ ...base, registered_at: 'next Tuesday' }).warnings).toEqual([['registered_at', 'registration date not understood: "next Tuesday" is not a date']]);
  });
});

describe('attendees: guests', () => {
  it.each([
    [{ full_name: 'Guest 1' }, /an unnamed participant .* write their name and e-mail address in the row, or leave it out/],
    [{ full_name: 'Caller 3', organization: 'Ames Police Department' }, /an unnamed participant/],
  ])('rejects %j, saying what to do', (fields, reason) => expect(prepare(fields).rejected).toMatch(reason));

  it('keeps a named guest whose e-mail cell says "Guest", matched by name at the organization, with a warning', () => {
    const r = prepare({ full_name: 'Ray Olsen (Guest)', email: 'Guest', organization: 'Ames Police Department' });
    expect(r.rejected).toBeUndefined();
    expect(r.warnings).toEqual([['email', 'no e-mail address ("Guest"): the person is matched by name at their organization']]);
  });
});
