import { describe, expect, it } from 'vitest';
import { detectPreset, ignoredColumns, mapHeaders, parseMapOption, rowMapper } from '../../src/core/import/mapper.js';
import { headerKey } from '../../src/core/import/synonyms.js';
import { handler as attendees } from '../../src/core/import/kinds/attendees.js';
import { handler as contacts } from '../../src/core/import/kinds/contacts.js';
import { UsageError } from '../../src/io/errors.js';

const fieldOf = (header: string, kind = contacts) => mapHeaders([header], kind).columns[0].field;

describe('header keys', () => {
  it.each([
    ['E-mail', 'e mail'],
    [' EMAIL ADDRESS ', 'email address'],
    ['Store #', 'store number'],
    ['Title / Rank', 'title rank'],
    ['Agency & Company', 'agency and company'],
    ["Sheriff's Office", 'sheriffs office'],
    ['Téléphone', 'telephone'],
  ])('%j → %j', (h, k) => expect(headerKey(h)).toBe(k));
});

describe('generic synonyms: headers as people type them', () => {
  it.each([
    ['Agency', 'organization'], ['Department', 'organization'], ['Company', 'organization'], ['Employer', 'organization'], ['Location Name', 'organization'],
    ['Store', 'organization'], ['Site', 'organization'], ['Agency or Company', 'organization'],
    ['Name', 'full_name'], ['Contact Name', 'full_name'], ['Officer', 'full_name'], ['General Manager', 'full_name'], ['GM', 'full_name'],
    ['E-mail', 'email'], ['Email Address', 'email'], ['GM Email', 'email'], ['Contact Email', 'email'], ['EMAIL', 'email'],
    ['First Name', 'first_name'], ['LAST NAME', 'last_name'], ['Surname', 'last_name'],
    ['Rank', 'title'], ['Job Title', 'title'], ['Title / Rank', 'title'],
    ['Phone', 'phone'], ['Cell', 'phone'], ['GM Phone', 'phone'], ['Best phone number', 'phone'], ['Ext.', 'phone_ext'],
    ['Main Phone', 'org_phone'], ['Store #', 'store_number'], ['Store No.', 'store_number'],
    ['Zip Code', 'zip'], ['Postal Code', 'zip'], ['Work ZIP code', 'zip'], ['County', 'county'], ['ST', 'state'], ['Town', 'city'],
    ['Type', 'agency_type'], ['Sector', 'sector'], ['Industry', 'sector'],
    ['OK to list on contact sheet', 'share_contact'],
    ['May we list your work phone and email on the coalition contact list?', 'share_contact'],
    ['County you serve (if law enforcement)', 'county'],
    ['Sheriff', 'full_name'], ['Chief', 'full_name'], ['Chief of Police', 'full_name'], ['Executive Director', 'full_name'],
    ['Physical Address', 'address'], ['Office Address', 'address'],
    // A fax number is never read as the phone.
    ['Fax', null], ['Fax Phone', null], ['Phone/Fax', null], ['Fax Number', null],
    ['Favourite colour', null],
  ])('%j → %j', (h, f) => expect(fieldOf(h)).toBe(f));

  it('maps check-in headers only for attendees', () => {
    expect(fieldOf('Signed In', attendees)).toBe('checked_in');
    expect(fieldOf('Check-In Date', attendees)).toBe('checked_in');
    expect(fieldOf('Signed In', contacts)).toBe(null);
  });

  it('lets a kind teach extra synonyms, tried before the generic table', () => {
    const kind = { fields: ['module', 'full_name', 'organization'], required: [['module']], synonyms: { module: ['Course', 'Training Module'], organization: ['Name'] } };
    const m = mapHeaders(['Course', 'Name'], kind);
    expect(m.columns.map((c) => c.field)).toEqual(['module', 'organization']);
    expect(m.missing).toEqual([]);
  });
});

describe('presets', () => {
  const eventbrite = ['Order #', 'Order Date', 'First Name', 'Last Name', 'Email', 'Quantity', 'Ticket Type', 'Attendee #', 'Job Title', 'Company', 'Work Phone', 'Work City', 'Work State', 'Work Zip', 'Check-In Date', 'Attendee Status', 'Buyer First Name', 'Buyer Last Name', 'Buyer Email'];
  it('recognises Eventbrite, Google Forms and the rest', () => {
    expect(detectPreset(eventbrite)).toBe('eventbrite');
    expect(detectPreset(['Timestamp', 'Email Address', 'Full Name'])).toBe('google-forms');
    expect(detectPreset(['Name', 'Agency'])).toBe('generic');
  });

  it('maps Eventbrite attendee columns and never the buyer', () => {
    const m = mapHeaders(eventbrite, attendees);
    const by = Object.fromEntries(m.columns.map((c) => [c.header, c.field]));
    expect(by).toMatchObject({ Email: 'email', Company: 'organization', 'Work Zip': 'zip', 'Check-In Date': 'checked_in', 'Attendee Status': 'checked_in', 'Order Date': 'registered_at', 'Buyer Email': null, 'Buyer First Name': null });
    expect(ignoredColumns(m).map((c) => c.column)).toEqual(['Order #', 'Quantity', 'Attendee #', 'Buyer First Name', 'Buyer Last Name', 'Buyer Email']);
    // The check-in date wins when given, the status otherwise.
    const map = rowMapper(m);
    const row = (date: string, status: string) => { const cells = eventbrite.map(() => ''); cells[14] = date; cells[15] = status; return map(cells).checked_in; };
    expect(row('2026-03-12 08:01:00-06:00', 'Checked In')).toBe('2026-03-12 08:01:00-06:00');
    expect(row('', 'Attending')).toBe('Attending');
  });

  it('takes the first column for a field and lists the second as ignored', () => {
    const m = mapHeaders(['Agency', 'Email', 'GM Email'], contacts);
    expect(m.columns.map((c) => c.field)).toEqual(['organization', 'email', null]);
    expect(ignoredColumns(m)).toEqual([{ column: 'GM Email', reason: '"Email" is already read as email' }]);
  });
});

describe('--map and required fields', () => {
  it('parses --map, quoted headers, and "-" to ignore', () => {
    expect(parseMapOption('Agency Name=organization, "Title, Rank"=title,Cell=phone,Junk=-')).toEqual({ 'Agency Name': 'organization', 'Title, Rank': 'title', Cell: 'phone', Junk: '' });
    expect(() => parseMapOption('oops')).toThrow(UsageError);
  });

  it('explicit mapping wins, and is checked against the file and the kind', () => {
    const m = mapHeaders(['Dept Name', 'Email'], contacts, { explicit: { 'dept name': 'organization', Email: '' } });
    expect(m.columns.map((c) => [c.field, c.by])).toEqual([['organization', 'map'], [null, undefined]]);
    expect(() => mapHeaders(['A'], contacts, { explicit: { B: 'organization' } })).toThrow(/does not have/);
    expect(() => mapHeaders(['A'], contacts, { explicit: { A: 'checked_in' } })).toThrow(/not a field of this kind/);
  });

  it('reports required fields that no column matches', () => {
    expect(mapHeaders(['Officer', 'Email'], contacts).missing).toEqual([['organization']]);
    expect(mapHeaders(['Agency'], attendees).missing).toEqual([['email', 'full_name', 'last_name', 'first_name']]);
  });

  it('a General Manager column implies the title', () => {
    const m = mapHeaders(['Location Name', 'General Manager'], contacts);
    expect(m.defaults).toEqual({ title: 'General Manager' });
    expect(rowMapper(m)(['Iowa 80 Truckstop', 'Dale Hendricks'])).toEqual({ organization: 'Iowa 80 Truckstop', full_name: 'Dale Hendricks', title: 'General Manager' });
    expect(rowMapper(m)(['Iowa 80 Truckstop', '  '])).toEqual({ organization: 'Iowa 80 Truckstop' });
  });

  it.each([
    ['Sheriff', 'Sheriff'],
    ['Chief of Police', 'Chief of Police'],
    ['Chief', 'Chief'],
  ])('a %j column names the person and implies the title %j', (header, title) => {
    const m = mapHeaders(['Agency', header], contacts);
    expect(m.columns[1].field).toBe('full_name');
    expect(m.defaults).toEqual({ title });
  });
});
