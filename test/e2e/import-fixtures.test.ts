import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import path from 'node:path';
import Database from 'better-sqlite3';
import { coalition, copyFixtures } from '../helpers/e2e.js';

let dir: string;
let db: string;
const run = (args: string[], input?: string) => coalition([...args, '--db', db], { cwd: dir, input });

function query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all(...params) as T[];
  } finally {
    d.close();
  }
}
const counts = () => query<{ t: string; n: number }>(`SELECT 'organizations' t, count(*) n FROM organizations UNION ALL SELECT 'people', count(*) FROM people UNION ALL SELECT 'attendance', count(*) FROM attendance UNION ALL SELECT 'batches', count(*) FROM import_batches`);

describe('coalition import: every fixture with one command', () => {
  beforeAll(async () => {
    dir = copyFixtures();
    db = path.join(dir, 'c.db');
    const r = await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12']);
    expect(r.exitCode).toBe(0);
  });

  it('imports the directories: truck stops and law enforcement, with counties and sectors', async () => {
    const stops = await run(['import', 'contacts', 'ia-truck-stops.csv', '--json']);
    expect(stops.exitCode).toBe(0);
    const s = JSON.parse(stops.stdout);
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['batch', 'kind', 'file', 'rows', 'inserted', 'updated', 'duplicates', 'rejected', 'warnings', 'rejects_file', 'dry_run']));
    expect(s).toMatchObject({ batch: 1, kind: 'contacts', file: 'ia-truck-stops.csv', rows: 32, rejected: 0, rejects_file: null, dry_run: false });
    const le = await run(['import', 'contacts', 'ia-law-enforcement.csv']);
    expect(le.exitCode).toBe(0);
    expect(le.stdout).toBe('');
    expect(le.stderr).toContain('Imported ia-law-enforcement.csv as contacts (batch 2');
    const sectors = Object.fromEntries(query<{ sector: string; n: number }>('SELECT sector, count(*) n FROM organizations GROUP BY 1').map((r) => [r.sector, r.n]));
    expect(sectors).toMatchObject({ truck_stop: 32, victim_services: 2, government: 1 });
    expect(sectors.law_enforcement).toBeGreaterThan(25);
    const statewide = query<{ name: string }>('SELECT DISTINCT name FROM organizations WHERE statewide = 1 ORDER BY name').map((r) => r.name);
    expect(statewide).toEqual(["Iowa Attorney General's Office", 'Iowa DOT Motor Vehicle Enforcement', 'Iowa State Patrol', 'Iowa State Patrol Post 3']);
    // Counties with truck stops but no local officer: the contact lists' gaps.
    const gaps = query<{ name: string }>(`SELECT DISTINCT c.name FROM organizations s JOIN counties c ON c.fips = s.county_fips
      WHERE s.sector = 'truck_stop' AND NOT EXISTS (SELECT 1 FROM people p JOIN organizations o ON o.id = p.organization_id WHERE o.sector = 'law_enforcement' AND o.county_fips = s.county_fips) ORDER BY 1`).map((r) => r.name);
    expect(gaps).toEqual(['Cass', 'Clarke', 'Fremont', 'Harrison', 'Worth']);
    const kowalski = query("SELECT p.title, p.first_name, p.last_name, p.share_contact, p.county_fips, o.agency_type FROM people p JOIN organizations o ON o.id = p.organization_id WHERE p.email = 'mkowalski@scottcounty.example'");
    expect(kowalski).toEqual([{ title: 'Lt.', first_name: 'Maria', last_name: 'Kowalski', share_contact: 1, county_fips: '19163', agency_type: 'sheriff' }]);
  });

  it('imports the Eventbrite, Google Forms, Excel and XLSX registrations, deduping people', async () => {
    const peopleBefore = query<{ n: number }>('SELECT count(*) n FROM people')[0].n;
    const eb = await run(['import', 'attendees', 'ia-2026-eventbrite.csv', '--json']);
    expect(eb.exitCode).toBe(0);
    const ebs = JSON.parse(eb.stdout);
    expect(ebs.preset).toBe('eventbrite');
    expect(ebs.duplicates).toBeGreaterThan(40);
    const gf = await run(['import', 'attendees', 'ia-2026-google-forms.csv', '--json']);
    expect(gf.exitCode).toBe(0);
    expect(JSON.parse(gf.stdout).preset).toBe('google-forms');
    const xl = await run(['import', 'attendees', 'ia-2026-signin-excel.csv']);
    expect(xl.exitCode).toBe(0);
    expect(xl.stderr).toContain('windows-1252');
    const carriers = await run(['import', 'contacts', 'ia-2026-partners.xlsx']);
    expect(carriers.exitCode).toBe(0);
    expect(carriers.stderr).toContain('XLSX, sheet "Carriers"');
    expect(carriers.stderr).toContain('ignored columns: Power Units, Member Since');
    const walkins = await run(['import', 'attendees', 'ia-2026-partners.xlsx', '--sheet', 'Walk-ins']);
    expect(walkins.exitCode).toBe(0);
    // Same e-mail, another case: still one person.
    expect(query("SELECT count(*) n FROM people WHERE email LIKE 'akolb@bigsioux.example'")).toEqual([{ n: 1 }]);
    expect(query("SELECT count(*) n FROM people WHERE email = 'mtrask@hawkeyefreight.example'")).toEqual([{ n: 1 }]);
    const peopleAfter = query<{ n: number }>('SELECT count(*) n FROM people')[0].n;
    expect(peopleAfter - peopleBefore).toBeLessThan(40);
    const list = JSON.parse((await run(['list', '--json'])).stdout)[0];
    expect(list.registered).toBeGreaterThan(70);
    expect(list.attended).toBeGreaterThan(55);
    expect(list.attended).toBeLessThan(list.registered);
    const bySector = Object.fromEntries(query<{ s: string; n: number }>(`SELECT coalesce(p.sector, o.sector) s, count(*) n FROM attendance a JOIN people p ON p.id = a.person_id JOIN organizations o ON o.id = p.organization_id WHERE a.checked_in = 1 GROUP BY 1`).map((r) => [r.s, r.n]));
    expect(Object.keys(bySector)).toEqual(expect.arrayContaining(['law_enforcement', 'truck_stop', 'trucking', 'government', 'bus', 'energy']));
    // Connecticut's 6103 arrives as 06103 and resolves to its county.
    expect(query("SELECT zip, county_fips FROM people WHERE email = 'cdamato@nutmeglogistics.example'")).toEqual([{ zip: '06103', county_fips: '09110' }]);
    const batches = JSON.parse((await run(['imports', '--json'])).stdout);
    expect(batches.map((b: { kind: string }) => b.kind)).toEqual(['contacts', 'contacts', 'attendees', 'attendees', 'attendees', 'contacts', 'attendees']);
    const tsv = await run(['imports']);
    expect(tsv.stdout.split('\n')[0]).toBe('batch\tkind\tfile\tcoalition\twhen\trows\tinserted\tupdated\trejected\tstatus');
  });

  it('rejects bad rows with exit 3 and a rejects file; refuses a second import of the same file', async () => {
    const bad = await run(['import', 'contacts', 'bad-rows.csv']);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('line 3, email: the e-mail address is not valid');
    expect(bad.stderr).toContain('line 4, state: "XX" is not a US state code');
    expect(bad.stderr).toContain('line 5, zip: ZIP 99999 is unknown; county not resolved from it');
    const rejects = readFileSync(path.join(dir, 'bad-rows.rejects.csv'), 'utf8');
    expect(rejects.trim().split('\r\n')).toHaveLength(4);
    const before = counts();
    const again = await run(['import', 'contacts', 'ia-truck-stops.csv']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/error: ia-truck-stops\.csv was already imported \(batch 1/);
    expect(again.stderr).toContain('--force');
    expect(counts()).toEqual(before);
  });

  it.each([
    [['broken-empty.csv'], 1, /broken-empty\.csv: the file is empty/],
    [['broken-header-only.csv'], 1, /broken-header-only\.csv, line 2: the file has a header row but no rows/],
    [['broken-binary.csv'], 1, /broken-binary\.csv, line 1: this is not a spreadsheet/],
    [['broken-unclosed-quote.csv'], 1, /broken-unclosed-quote\.csv, line 3: a quoted field opened on this line is never closed/],
    [['broken-ragged.csv'], 1, /broken-ragged\.csv, line 3: this row has 5 fields where the header has 6/],
    [['broken-duplicate-headers.csv'], 1, /broken-duplicate-headers\.csv, line 1, field "Email": the column "Email" appears twice/],
    [['broken-no-organization.csv'], 2, /no column of broken-no-organization\.csv matches the required field organization[\s\S]*hint: .*--map/],
    [['broken-not-a-workbook.xlsx'], 1, /not an Excel workbook/],
    [['broken-encrypted.xlsx'], 1, /broken-encrypted\.xlsx: this workbook is protected by a password[\s\S]*hint: .*remove the password/],
    [['ia-2026-partners.xlsx', '--sheet', 'Volunteers', '--force'], 1, /ia-2026-partners\.xlsx, field "sheet": the workbook has no sheet "Volunteers"[\s\S]*"Carriers", "Walk-ins"/],
    [['missing.csv'], 1, /error: no file missing\.csv/],
  ])('refuses %j with exit %i and changes nothing', async (args, code, msg) => {
    const before = counts();
    const r = await run(['import', 'contacts', ...args]);
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(counts()).toEqual(before);
    expect(existsSync(path.join(dir, String(args[0]).replace(/\.[a-z]+$/, '.rejects.csv')))).toBe(false);
  });

  it('reads stdin and undoes a batch', async () => {
    const csv = 'Agency,Officer,Email,City,State,ZIP\nMuscatine Police Department,Hal Ruiz,hruiz@muscatinepd.example,Muscatine,IA,52761\n';
    const r = await run(['import', 'contacts', '-', '--json'], csv);
    expect(r.exitCode).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ file: '-', rows: 1, inserted: { organizations: 1, people: 1 } });
    const undo = await run(['imports', 'undo', String(s.batch)]);
    expect(undo.exitCode).toBe(0);
    expect(undo.stderr).toContain(`Undid batch ${s.batch}`);
    expect(query("SELECT count(*) n FROM people WHERE email = 'hruiz@muscatinepd.example'")).toEqual([{ n: 0 }]);
    const refused = await run(['imports', 'undo', '2']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/error: later work changed or depends on records that batch 2 touched: (people|organizations|attendance) #\d+ \(batch \d+\)/);
    const nope = await run(['imports', 'undo', '999']);
    expect(nope.exitCode).toBe(1);
    expect(nope.stderr).toContain('no import batch 999');
  });
});

describe('coalition import with the reader in a worker thread (as for large files)', () => {
  it('gives the same result and the same errors', async () => {
    const d = copyFixtures(['ia-law-enforcement.csv', 'broken-ragged.csv', 'ia-2026-partners.xlsx']);
    const file = path.join(d, 'w.db');
    const env = { COALITION_READER_THREAD_BYTES: '0' };
    const ok = await coalition(['import', 'contacts', 'ia-law-enforcement.csv', '--json', '--db', file], { cwd: d, env });
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ rows: 40, rejected: 0, inserted: { organizations: 32, people: 38 } });
    const xlsx = await coalition(['import', 'attendees', 'ia-2026-partners.xlsx', '--sheet', 'Walk-ins', '-c', 'none', '--db', file], { cwd: d, env });
    expect(xlsx.exitCode).toBe(1);
    expect(xlsx.stderr).toContain('no coalition "none"');
    const bad = await coalition(['import', 'contacts', 'broken-ragged.csv', '--db', file], { cwd: d, env });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/broken-ragged\.csv, line 3: this row has 5 fields where the header has 6/);
    const again = await coalition(['import', 'contacts', 'ia-law-enforcement.csv', '--db', file], { cwd: d, env });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('already imported');
  });
});

describe('coalition import of a file saved by Excel for Mac ("CSV (Macintosh)": Mac Roman, CR line ends)', () => {
  it.each([
    ['on the main thread', {}],
    ['with the reader in a worker thread', { COALITION_READER_THREAD_BYTES: '0' }],
  ])('reads names, agencies and sectors right %s', async (_, env) => {
    const d = copyFixtures([]);
    const file = path.join(d, 'mac.db');
    const rows = ['First Name,Last Name,Agency,City,State,Zip', 'José,Núñez,Polk County Sheriff’s Office,Des Moines,IA,50313', 'Renée,O’Malley,Iowa State Patrol,Ames,IA,50010'];
    writeFileSync(path.join(d, 'mac.csv'), iconv.encode(rows.join('\r') + '\r', 'macintosh'));
    const r = await coalition(['import', 'contacts', 'mac.csv', '--json', '--db', file], { cwd: d, env });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ encoding: 'macintosh', rows: 2, rejected: 0 });
    const d2 = new Database(file, { readonly: true });
    const got = d2.prepare('SELECT p.first_name, p.last_name, o.name, o.agency_type FROM people p JOIN organizations o ON o.id = p.organization_id ORDER BY p.id').raw().all();
    d2.close();
    expect(got).toEqual([
      ['José', 'Núñez', 'Polk County Sheriff’s Office', 'sheriff'],
      ['Renée', 'O’Malley', 'Iowa State Patrol', 'state_patrol'],
    ]);
  });
});

describe('coalition import of two exports joined together (cat a.csv b.csv | coalition import … -)', () => {
  it.each([
    ['on the main thread', {}],
    ['with the reader in a worker thread', { COALITION_READER_THREAD_BYTES: '0' }],
  ])('skips the second header row with a warning and imports each person once %s', async (_, env) => {
    const d = copyFixtures(['ia-2026-eventbrite.csv']);
    const file = path.join(d, 'cat.db');
    expect((await coalition(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--db', file], { cwd: d })).exitCode).toBe(0);
    const one = readFileSync(path.join(d, 'ia-2026-eventbrite.csv'));
    // Each export starts with its byte-order mark, so the second one's lands mid-text.
    const r = await coalition(['import', 'attendees', '-', '--json', '--db', file], { cwd: d, env, input: Buffer.concat([one, one]) });
    expect(r.exitCode, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.rejected).toBe(0);
    expect(s.warnings.filter((w: { message: string }) => /repeats the header row/.test(w.message))).toHaveLength(1);
    const people = new Database(file, { readonly: true });
    const attendance = people.prepare('SELECT count(*) FROM attendance').pluck().get();
    people.close();
    expect(attendance).toBe(s.inserted.attendance);
    expect(s.duplicates).toBeGreaterThanOrEqual(attendance as number);
  });
});

describe('coalition import of a Zoom webinar attendee report (a summary and sections above the list)', () => {
  const report = [
    'Attendee Report,',
    'Report Generated:,"11/20/2026 10:02 AM"',
    'Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,# Cancelled,Unique Viewers',
    'Iowa TAT Law Enforcement Training,812 3456 7890,"11/19/2026 09:00 AM",92,45,2,38',
    'Host Details,',
    'Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Is Guest',
    'Yes,Iowa AG Office,host@ag.iowa.example,"11/19/2026 08:51 AM","11/19/2026 10:33 AM",102,No',
    'Panelist Details,',
    'Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Is Guest',
    'Yes,Kylla Lanier,klanier@tat.example,"11/19/2026 08:55 AM","11/19/2026 10:31 AM",96,No',
    'Attendee Details,',
    'Attended,User Name (Original Name),First Name,Last Name,Email,Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name,Organization,Job Title',
    'Yes,Dana Whitfield,Dana,Whitfield,dwhitfield@story.example,"11/01/2026 02:10 PM",approved,"11/19/2026 08:59 AM","11/19/2026 10:30 AM",91,Yes,United States,Story County Sheriff\'s Office,Sergeant',
    'No,Ray Olsen,Ray,Olsen,rolsen@story.example,"11/02/2026 09:10 AM",approved,--,--,--,Yes,United States,Ames Police Department,Officer',
  ].join('\n') + '\n';

  it.each([
    ['on the main thread', {}],
    ['with the reader in a worker thread', { COALITION_READER_THREAD_BYTES: '0' }],
  ])('imports the attendees, not the host or the panelists, with their check-in %s', async (_, env) => {
    const d = copyFixtures([]);
    const file = path.join(d, 'zoom.db');
    writeFileSync(path.join(d, 'zoom.csv'), report);
    expect((await coalition(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--db', file], { cwd: d })).exitCode).toBe(0);
    const r = await coalition(['import', 'attendees', 'zoom.csv', '--json', '--db', file], { cwd: d, env });
    expect(r.exitCode, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rows: 2, rejected: 0, inserted: { people: 2, attendance: 2 } });
    expect(s.warnings).toEqual([{ row: 12, field: '', message: expect.stringContaining('the rows above line 12') }]);
    const db = new Database(file, { readonly: true });
    const got = db.prepare('SELECT p.email, a.checked_in, a.registered_at FROM attendance a JOIN people p ON p.id = a.person_id ORDER BY p.email').raw().all();
    db.close();
    expect(got).toEqual([
      ['dwhitfield@story.example', 1, '2026-11-01T14:10:00'],
      ['rolsen@story.example', 0, '2026-11-02T09:10:00'],
    ]);
  });
});

describe('coalition import of a Microsoft Teams attendance report (UTF-16, tab-separated, in sections)', () => {
  it('signs off the participants from their section, without "Attendee" as a job title, and never the organizer', async () => {
    const d = copyFixtures([]);
    const file = path.join(d, 'teams.db');
    const lines = [
      '1. Summary',
      'Meeting title\tIowa LE Victim-Centered Training',
      'Attended participants\t2',
      'Start time\t11/19/26, 8:58:40 AM',
      '',
      '2. Participants',
      'Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole',
      'Dana Whitfield\t11/19/26, 8:59:40 AM\t11/19/26, 10:30:02 AM\t1h 30m 22s\tdwhitfield@story.example\tdwhitfield@story.example\tAttendee',
      'Iowa AG Office\t11/19/26, 8:58:40 AM\t11/19/26, 10:41:02 AM\t1h 42m 22s\thost@ag.iowa.example\thost@ag.iowa.example\tOrganizer',
    ];
    writeFileSync(path.join(d, 'teams.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf16le')]));
    expect((await coalition(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--db', file], { cwd: d })).exitCode).toBe(0);
    const r = await coalition(['import', 'trainings', 'teams.csv', '--module', 'le-victim-centered', '--date', '2026-11-19', '-c', 'ia-2026', '--json', '--db', file], { cwd: d });
    expect(r.exitCode, r.stderr).toBe(0);
    // The organizer gave the training: not signed off, said so.
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rows: 2, rejected: 0, inserted: { signoffs: 1 }, skipped: { hosts: 1 } });
    expect(s.warnings).toContainEqual({ row: 9, field: 'role', message: expect.stringContaining('"Organizer": they ran the session') });
    const db = new Database(file, { readonly: true });
    const got = db.prepare('SELECT p.email, p.title, s.module_id, s.completed_on FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY p.email').raw().all();
    db.close();
    expect(got).toEqual([['dwhitfield@story.example', null, 'le-victim-centered', '2026-11-19']]);
  });
});
