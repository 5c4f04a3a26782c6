import { describe, expect, it } from 'vitest';
import { detectPreset, headerRepeat, ignoredColumns, mapHeaders, parseMapOption, rowMapper, sheriffsOffice } from '../../src/core/import/mapper.js';
import { headerKey } from '../../src/core/import/synonyms.js';
import { handler as attendees } from '../../src/core/import/kinds/attendees.js';
import { handler as contacts } from '../../src/core/import/kinds/contacts.js';
import { trainingsHandler as trainings } from '../../src/core/import/kinds/trainings.js';
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

  it.each([
    // The name of a thing is not a person's name: over Webex's and Zoom's lists, beside Docebo's and
    // Eventbrite's people.
    ['Webinar Name', null], ['Meeting Name', null], ['Event Name', null], ['Session Name', null], ['Branch Name', null], ['Device Name', null], ['Host Name', null],
    // People's names still are.
    ['User Name (Original Name)', 'full_name'], ['Participant Name', 'full_name'], ['Display Name', 'full_name'], ['Your name', 'full_name'],
  ])('%j → %j for attendees', (h, f) => expect(fieldOf(h, attendees)).toBe(f));

  it.each([
    // When someone joined the meeting is their check-in; whether a webinar's host approved the registration, its status.
    ['Join Time', 'checked_in'], ['First Join', 'checked_in'], ['Time joined', 'checked_in'], ['Approval Status', 'registration_status'],
  ])('%j → %j for attendees', (h, f) => expect(fieldOf(h, attendees)).toBe(f));

  it.each([
    // A sign-in form: its timestamp is the check-in, or in a roster the completion date; the
    // session it asks about is the training.
    [['Timestamp', 'Email Address', 'Full Name', 'Agency', 'Which session did you attend?'], 'attendees', { checked_in: 'Timestamp' }],
    [['Timestamp', 'Email Address', 'Full Name', 'Agency', 'Which session did you attend?'], 'trainings', { completed_on: 'Timestamp', module: 'Which session did you attend?' }],
    [['Timestamp', 'Email Address', 'Name', 'Agency', 'Are you signing in for the morning or the afternoon?'], 'attendees', { checked_in: 'Timestamp' }],
    // A registration form stays one: what someone will attend, or attended before.
    [['Timestamp', 'Email Address', 'Full Name', 'Agency', 'Which session will you attend?'], 'attendees', { registered_at: 'Timestamp' }],
    [['Timestamp', 'Email Address', 'Full Name', 'Agency', 'Have you attended a TAT training before?'], 'attendees', { registered_at: 'Timestamp' }],
    // A column named with --map keeps what it was given.
    [['Timestamp', 'Email Address', 'Full Name', 'Agency', 'Which session did you attend?'], 'attendees', { registered_at: 'Timestamp' }, { Timestamp: 'registered_at' }],
  ] as const)('a Google Forms export %j imported as %s', (header, kind, expected, explicit?: Record<string, string>) => {
    const m = mapHeaders([...header], { attendees, trainings }[kind], { explicit });
    const byField = Object.fromEntries(m.columns.filter((c) => c.field).map((c) => [c.field, c.header]));
    expect(m.preset).toBe('google-forms');
    expect(byField).toMatchObject(expected);
  });

  it.each([
    // A meeting add-on's sheet: one column of Present / Absent headed by the meeting's date.
    [['Full Name', 'Email', 'Organization', 'Nov 19 2026 9:00 AM'], { checked_in: 'Nov 19 2026 9:00 AM' }],
    [['Full Name', 'Email', 'Organization', '11/19/2026'], { checked_in: '11/19/2026' }],
    // Two meetings: which one is meant is not guessed; a check-in column wins.
    [['Full Name', 'Email', 'Organization', '11/19/2026', '11/20/2026'], {}],
    [['Full Name', 'Email', 'Organization', 'Checked In', '11/19/2026'], { checked_in: 'Checked In' }],
    // A registration form's custom question about the agency's type.
    [['Name', 'Email', 'Agency', 'What is your agency type?'], { agency_type: 'What is your agency type?' }],
  ])('%j → %j for attendees', (header, expected) => {
    const m = mapHeaders(header, attendees);
    const byField = Object.fromEntries(m.columns.filter((c) => c.field && c.field !== 'full_name' && c.field !== 'email' && c.field !== 'organization').map((c) => [c.field, c.header]));
    expect(byField).toEqual(expected);
  });

  it('reads "--" and "-" as a blank cell, as reports write one', () => {
    const m = mapHeaders(['Name', 'Attended', 'Join Time', 'Phone'], attendees);
    expect(rowMapper(m)(['Ray Olsen', 'No', '--', '-'])).toMatchObject({ full_name: 'Ray Olsen', checked_in: 'No', phone: undefined });
    expect(rowMapper(m)(['Dana Whitfield', 'Yes', '11/19/2026 08:59 AM', '—'])).toMatchObject({ checked_in: '11/19/2026 08:59 AM', phone: undefined });
  });

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

  it('takes the check-in date over the status whichever comes first', () => {
    const header = ['Email', 'Attendee Status', 'Check-In Date', 'Order Date', 'Ticket Type'];
    const map = rowMapper(mapHeaders(header, attendees));
    const row = (status: string, date: string | Date) => map(['a@b.example', status, date, '', '']).checked_in;
    expect(row('Checked In', '2026-12-03 07:42:10-06:00')).toBe('2026-12-03 07:42:10-06:00');
    expect(row('Attending', '2026-12-03 07:58:00-06:00')).toBe('2026-12-03 07:58:00-06:00');
    const at = new Date(Date.UTC(2026, 11, 3, 7, 58));
    expect(row('Attending', at)).toBe(at);
    expect(row('Not Attending', '')).toBe('Not Attending');
  });

  it.each([
    [['Timestamp', 'Email Address', 'First and last name', 'Agency'], 'First and last name', 'full_name'],
    [['Email', 'Your first and last name', 'Agency'], 'Your first and last name', 'full_name'],
    [['Email', "Supervisor's name (if attending on their behalf)", 'Full Name', 'Agency'], "Supervisor's name (if attending on their behalf)", null],
    [['First Name', 'Last Name', 'Email', 'Company', 'Will you bring a colleague? If yes please list name'], 'Will you bring a colleague? If yes please list name', null],
    [['First Name', 'Last Name', 'Email', 'Company', 'Name on your badge'], 'Name on your badge', null],
    [['Email', 'Name', 'Agency/Organization Name', 'Which sector best describes your organization?'], 'Which sector best describes your organization?', 'sector'],
    [['Email', 'Name', 'Agency', 'What type of organization do you represent?'], 'What type of organization do you represent?', 'sector'],
  ])('reads form questions about names and sectors: %j', (header, column, field) => {
    const m = mapHeaders(header, attendees);
    expect(m.columns.find((c) => c.header === column)!.field).toBe(field);
  });

  it('reads a Microsoft Forms export by its questions, the account only when the form asks nothing', () => {
    const header = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Full name', 'Agency or organization', 'Work email'];
    expect(detectPreset(header)).toBe('microsoft-forms');
    const by = Object.fromEntries(mapHeaders(header, attendees).columns.map((c) => [c.header, c.field]));
    expect(by).toMatchObject({ 'Completion time': 'registered_at', Email: null, Name: null, 'Full name': 'full_name', 'Work email': 'email', 'Start time': null, ID: null });
    const account = Object.fromEntries(mapHeaders(['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Agency'], attendees).columns.map((c) => [c.header, c.field]));
    expect(account).toMatchObject({ Email: 'email', Name: 'full_name', Agency: 'organization' });
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
    // A field's detail after a colon is kept as typed: a roster's column of one module.
    expect(parseMapOption('LE Training=module:le-tat, Date Trained=Completed-On')).toEqual({ 'LE Training': 'module:le-tat', 'Date Trained': 'completed_on' });
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

  it('a value given on the command line satisfies a required field and fills blank cells; a filled cell wins', () => {
    expect(mapHeaders(['Name', 'Agency'], trainings).missing).toEqual([['module']]);
    const m = mapHeaders(['Name', 'Agency', 'Date'], trainings, { given: { module: 'le-tat', completed_on: '2026-03-12' } });
    expect(m.missing).toEqual([]);
    expect(m.given).toEqual({ module: 'le-tat', completed_on: '2026-03-12' });
    const row = rowMapper(m);
    expect(row(['Jo Park', 'Polk County Sheriff', '4/2/2026'])).toEqual({ full_name: 'Jo Park', organization: 'Polk County Sheriff', completed_on: '4/2/2026', module: 'le-tat' });
    expect(row(['Jo Park', 'Polk County Sheriff', ' '])).toEqual({ full_name: 'Jo Park', organization: 'Polk County Sheriff', completed_on: '2026-03-12', module: 'le-tat' });
  });

  it("never reads someone else's e-mail or phone, a home phone or a fax as the person's own", () => {
    const byField = (h: string[]) => Object.fromEntries(mapHeaders(h, attendees).columns.filter((c) => c.field).map((c) => [c.field, c.header]));
    const m = byField(['Name', 'Agency', "Supervisor's email address", 'Emergency contact phone number', 'Home phone', 'Fax number']);
    expect(m).toEqual({ full_name: 'Name', organization: 'Agency' });
    expect(byField(['Name', 'Agency', 'Your work email address', 'Best phone number to reach you'])).toMatchObject({ email: 'Your work email address', phone: 'Best phone number to reach you' });
    expect(Object.fromEntries(mapHeaders(['Agency', 'Non-emergency phone'], contacts).columns.map((c) => [c.header, c.field]))).toEqual({ Agency: 'organization', 'Non-emergency phone': 'org_phone' });
  });

  it('a second phone column fills a row whose first one is blank', () => {
    const m = mapHeaders(['Name', 'Company Name', 'Work Phone', 'Mobile Phone', 'Home Phone'], attendees);
    expect(m.columns.map((c) => c.field)).toEqual(['full_name', 'organization', 'phone', 'phone', null]);
    const row = rowMapper(m);
    expect(row(['Opal Reyes', 'Sapp Bros', '', '402-555-0182', '402-555-9999']).phone).toBe('402-555-0182');
    expect(row(['Greta Holm', 'Linn County Sheriff', '319-555-0180', '319-555-0111', '']).phone).toBe('319-555-0180');
  });

  it("a Sheriff column beside a County column, and no agency column, names the county's sheriff's office", () => {
    const m = mapHeaders(['County', 'Sheriff', 'Phone'], contacts);
    expect(m.missing).toEqual([]);
    expect(m.orgFromCounty).toBe(true);
    expect(rowMapper(m)(['STORY', 'John Smith', ''])).toMatchObject({ organization: "Story County Sheriff's Office", full_name: 'John Smith', title: 'Sheriff' });
    expect(rowMapper(m)(['', 'John Smith', '']).organization).toBeUndefined();
    // Not from any other person column, nor when the file names the agency itself.
    expect(mapHeaders(['County', 'Officer'], contacts).missing).toEqual([['organization']]);
    expect(mapHeaders(['Agency', 'County', 'Sheriff'], contacts).orgFromCounty).toBe(false);
  });

  it.each([
    ['POLK', "Polk County Sheriff's Office"], ['Polk County', "Polk County Sheriff's Office"], ['Linn Co.', "Linn County Sheriff's Office"], ["O'BRIEN", "O'Brien County Sheriff's Office"],
    ['Caddo Parish', "Caddo Parish Sheriff's Office"], ['Parish of Caddo', "Caddo Parish Sheriff's Office"], ['Caddo Par.', "Caddo Parish Sheriff's Office"],
    ['Richmond City', "Richmond City Sheriff's Office"], ['City of Richmond', "Richmond City Sheriff's Office"], ['Salem (city)', "Salem City Sheriff's Office"],
    ['19153', null], ['  ', null],
  ])('sheriffsOffice(%j) = %j', (county, office) => expect(sheriffsOffice(county)).toBe(office));

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

describe('a row that repeats the header (two exports pasted or joined together)', () => {
  const header = ['First Name', 'Last Name', 'Email', 'Agency', ''];
  const again = headerRepeat(mapHeaders(header, contacts));
  it.each([
    [['First Name', 'Last Name', 'Email', 'Agency', ''], true],
    [['  first name ', 'LAST NAME', 'email', 'Agency', null], true],
    [['\uFEFFFirst Name', 'Last Name', 'Email', 'Agency', ''], true],
    [['First Name', 'Last Name', 'Email', 'Agency', 'x'], true],
    [['First Name', 'Last Name', 'dana@x.example', 'Agency', ''], false],
    [['First Name', 'Last Name', 'Email', '', ''], false],
    [['Dana', 'Smith', 'dana@x.example', 'Story County Sheriff', ''], false],
    [[], false],
  ] as const)('%j → %s', (cells, expected) => expect(again(cells as never)).toBe(expected));

  it('never matches in a file of one named column', () => {
    expect(headerRepeat(mapHeaders(['Agency'], contacts))(['Agency'])).toBe(false);
  });
});
