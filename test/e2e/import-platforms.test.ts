/**
 * Exports from webinar, meeting and learning platforms, imported as a coordinator receives them,
 * with the built binary: Zoom's registration report, GoToWebinar's attendee and registrant reports,
 * Webex's attendee report, Google Meet's attendance report and a Meet add-on's sheet, Eventbrite's
 * attendee export, a Google Forms sign-in, and the course reports of TalentLMS, Docebo, Moodle,
 * Canvas and SCORM Cloud. People and phone numbers (555-01xx, *.example) are fictional; places are
 * real. Reports made of sections are read on both reader paths (COALITION_READER_THREAD_BYTES=0
 * forces the worker thread).
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coalition } from '../helpers/e2e.js';
import { tempDir } from '../helpers/context.js';

const BOTH_PATHS = [
  ['on the main thread', {}],
  ['with the reader in a worker thread', { COALITION_READER_THREAD_BYTES: '0' }],
] as const;

/** A folder with the file and a database holding the Iowa build. */
async function setup(name: string, content: string | Buffer): Promise<{ dir: string; db: string; run: (args: string[], env?: Record<string, string>) => ReturnType<typeof coalition> }> {
  const dir = tempDir('coalition-platforms-');
  const db = path.join(dir, 'c.db');
  writeFileSync(path.join(dir, name), content);
  const run = (args: string[], env: Record<string, string> = {}) => coalition([...args, '--db', db], { cwd: dir, env });
  const made = await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12']);
  expect(made.exitCode, made.stderr).toBe(0);
  return { dir, db, run };
}

function query(db: string, sql: string): unknown[][] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).raw().all() as unknown[][];
  } finally {
    d.close();
  }
}

const lines = (rows: string[], eol = '\n') => rows.join(eol) + eol;
const utf16 = (rows: string[]) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines(rows, '\r\n'), 'utf16le')]);

const ATTENDANCE = `SELECT p.email, o.name, o.sector, a.registered_at, a.checked_in, a.checked_in_at FROM attendance a JOIN people p ON p.id = a.person_id LEFT JOIN organizations o ON o.id = p.organization_id ORDER BY p.email`;
const SIGNOFFS = `SELECT coalesce(p.email, p.first_name || ' ' || p.last_name), s.module_id, s.completed_on FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY 1, 2`;

describe('Zoom webinar registration report', () => {
  const report = lines([
    'Registration Report',
    'Report Generated:,"Nov 20, 2026 10:02 AM"',
    'Topic,Webinar ID,Scheduled Time,Duration (minutes),# Registered',
    'Iowa TAT Law Enforcement Training,812 3456 7890,"Nov 19, 2026 09:00 AM",90,6',
    'Registrant Details',
    'First Name,Last Name,Email,City,Country/Region,Zip/Postal Code,State/Province,Phone,Industry,Organization,Job Title,Registration Time,Approval Status,What is your agency type?',
    "Dana,Whitfield,dwhitfield@story.example,Nevada,United States,50201,IA,515-555-0101,Government,Story County Sheriff's Office,Sergeant,\"Nov 01, 2026 02:10 PM\",approved,Sheriff",
    'Ray,Olsen,rolsen@amespd.example,Ames,United States,50010,Iowa,515-555-0102,Government,Ames Police Department,Officer,"Nov 02, 2026 09:10 AM",approved,Police',
    'Curtis,Mahoney,cmahoney@ta-petro.example,Walcott,United States,52773,IA,563-555-0103,Transportation,Iowa 80 Truckstop,General Manager,"Nov 03, 2026 11:45 AM",pending,',
    'Lynn,Brandt,lbrandt@hawkeyefreight.example,Des Moines,United States,50313,IA,,Transportation,Hawkeye Freight Lines,Safety Director,"Nov 04, 2026 08:01 AM",denied,',
    'Siobhan,Greer,sgreer@iowadot.example,Ankeny,United States,50021,IA,515-555-0105,Government,Iowa DOT Motor Vehicle Enforcement,Lieutenant,"Nov 05, 2026 04:30 PM",cancelled,',
  ]);

  it.each(BOTH_PATHS)('registers the approved registrants only, in their sectors, %s', async (_, env) => {
    const { db, run } = await setup('zoom-registration.csv', report);
    const r = await run(['import', 'attendees', 'zoom-registration.csv', '--json'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rows: 5, rejected: 0, inserted: { people: 5, attendance: 2 } });
    expect(s.columns).toEqual(expect.arrayContaining([{ column: 'Approval Status', field: 'registration_status' }, { column: 'What is your agency type?', field: 'agency_type' }]));
    expect(s.warnings.map((w: { row: number; message: string }) => [w.row, w.message.split(':')[0]])).toEqual([
      [6, 'the rows above line 6 are the report\'s summary or other sections, not the list'],
      [9, 'registration pending'],
      [10, 'registration denied'],
      [11, 'registration cancelled'],
    ]);
    expect(query(db, ATTENDANCE)).toEqual([
      ['dwhitfield@story.example', "Story County Sheriff's Office", 'law_enforcement', '2026-11-01T14:10:00', 0, null],
      ['rolsen@amespd.example', 'Ames Police Department', 'law_enforcement', '2026-11-02T09:10:00', 0, null],
    ]);
    // Zoom's "Industry" (Government, Transportation) yields to what the names say.
    expect(query(db, 'SELECT name, sector, agency_type FROM organizations ORDER BY name')).toEqual([
      ['Ames Police Department', 'law_enforcement', 'police'],
      ['Hawkeye Freight Lines', 'trucking', 'carrier'],
      ['Iowa 80 Truckstop', 'truck_stop', null],
      ['Iowa DOT Motor Vehicle Enforcement', 'law_enforcement', 'dot_mve'],
      ["Story County Sheriff's Office", 'law_enforcement', 'sheriff'],
    ]);
  });
});

describe('GoToWebinar reports', () => {
  const attendees = lines([
    'Attendee Report:,Iowa TAT Victim-Centered Training',
    'Report Generated:,"Nov 20, 2026 10:02 AM CST"',
    'Webinar ID,Actual Start Date/Time,Actual Duration (minutes),# Registered,# Attended,Clicked Registration Link,Opened Invitation',
    '421-337-819,"Nov 19, 2026 09:00 AM CST",92,3,2,41,120',
    '',
    'Host Details',
    'Attended,Interest Rating,Last Name,First Name,Email Address,Join Time,Leave Time,In Session Duration*,Time in Session,Unsubscribed',
    'Yes,,Office,Iowa AG,training@ag.iowa.example,"Nov 19, 2026 08:45 AM CST","Nov 19, 2026 10:35 AM CST",110 minutes,100%,No',
    '',
    'Panelist Details',
    'Attended,Interest Rating,Last Name,First Name,Email Address,Join Time,Leave Time,In Session Duration*,Time in Session,Unsubscribed',
    'Yes,,Lanier,Kylla,klanier@tat.example,"Nov 19, 2026 08:52 AM CST","Nov 19, 2026 10:31 AM CST",99 minutes,100%,No',
    '',
    'Attendee Details',
    'Attended,Interest Rating,Last Name,First Name,Email Address,Registration Date,Join Time,Leave Time,In Session Duration*,Time in Session,Unsubscribed,Organization,Job Title,Phone,City,State,Zip/Postal Code',
    "Yes,85,Whitfield,Dana,dwhitfield@story.example,\"Nov 01, 2026 02:10 PM CST\",\"Nov 19, 2026 08:59 AM CST\",\"Nov 19, 2026 10:30 AM CST\",1 hour 31 minutes,98%,No,Story County Sheriff's Office,Sergeant,515-555-0101,Nevada,IA,50201",
    'Yes,62,Olsen,Ray,rolsen@amespd.example,"Nov 02, 2026 09:10 AM CST","Nov 19, 2026 09:20 AM CST","Nov 19, 2026 10:30 AM CST",70 minutes,75%,No,Ames Police Department,Officer,515-555-0102,Ames,IA,50010',
    'No,,Mahoney,Curtis,cmahoney@ta-petro.example,"Nov 03, 2026 11:45 AM CST",--,--,--,--,No,Iowa 80 Truckstop,General Manager,563-555-0103,Walcott,IA,52773',
    '',
    '*If an attendee left and rejoined the session, the In Session Duration column only includes their first visit.',
  ]);

  it.each(BOTH_PATHS)('attendee report: the attendees with their join times, not the host or the panelist, past the footnote %s', async (_, env) => {
    const { db, run } = await setup('goto-attendees.csv', attendees);
    const r = await run(['import', 'attendees', 'goto-attendees.csv', '--json'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rows: 4, rejected: 0, inserted: { people: 3, attendance: 3 } });
    expect(s.warnings).toContainEqual({ row: 20, field: 'full_name', message: expect.stringContaining('"*If an attendee left and rejoined the se" is a note or a total under the list') });
    expect(query(db, ATTENDANCE)).toEqual([
      ['cmahoney@ta-petro.example', 'Iowa 80 Truckstop', 'truck_stop', '2026-11-03T17:45:00Z', 0, null],
      ['dwhitfield@story.example', "Story County Sheriff's Office", 'law_enforcement', '2026-11-01T20:10:00Z', 1, '2026-11-19T14:59:00Z'],
      ['rolsen@amespd.example', 'Ames Police Department', 'law_enforcement', '2026-11-02T15:10:00Z', 1, '2026-11-19T15:20:00Z'],
    ]);
  });

  it('registrant report: every registrant, under its summary', async () => {
    const { db, run } = await setup(
      'goto-registrants.csv',
      lines([
        'Registrant Report:,Iowa TAT Victim-Centered Training',
        'Report Generated:,"Nov 18, 2026 04:00 PM CST"',
        'Webinar ID,Scheduled Start Date/Time,# Registered,Clicked Registration Link,Opened Invitation',
        '421-337-819,"Nov 19, 2026 09:00 AM CST",2,41,120',
        '',
        'Registrants',
        'Registrant Name,Email Address,Registration Date,Organization,Job Title,Phone,City,State,Zip/Postal Code,Source,Unsubscribed',
        "Dana Whitfield,dwhitfield@story.example,\"Nov 01, 2026 02:10 PM CST\",Story County Sheriff's Office,Sergeant,515-555-0101,Nevada,IA,50201,IA AG newsletter,No",
        "Rosa Delgado,rdelgado@loves.example,\"Nov 10, 2026 01:20 PM CST\",Love's Travel Stop #784,Manager,515-555-0107,Altoona,IA,50009,,No",
      ]),
    );
    const r = await run(['import', 'attendees', 'goto-registrants.csv', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 2, rejected: 0, inserted: { attendance: 2 } });
    expect(query(db, 'SELECT p.title, o.sector FROM people p JOIN organizations o ON o.id = p.organization_id ORDER BY p.email')).toEqual([
      ['Sergeant', 'law_enforcement'],
      ['Manager', 'truck_stop'],
    ]);
  });
});

describe('Webex webinar attendee report (UTF-16, tab-separated, labels and values above the list)', () => {
  const report = utf16([
    'Webinar Name\tIowa TAT Truck Stop Training',
    'Webinar Number\t2634 123 4567',
    'Start Date & Time\t11/19/2026 9:00 AM',
    'Duration\t90 mins',
    '',
    'Name\tEmail\tRole\tInvited\tRegistered\tAttended\tJoin Time\tLeave Time\tAttendance Duration\tConnection Type\tCompany Name\tJob Title\tPhone Number\tCity\tState',
    "Iowa AG Training\ttraining@ag.iowa.example\tHost\tNo\tNo\tYes\t11/19/2026 8:45 AM\t11/19/2026 10:35 AM\t110 mins\tDesktop app\tIowa Attorney General's Office\t\t\tDes Moines\tIA",
    'Kylla Lanier\tklanier@tat.example\tPanelist\tYes\tNo\tYes\t11/19/2026 8:52 AM\t11/19/2026 10:31 AM\t99 mins\tDesktop app\tTruckers Against Trafficking\tDeputy Director\t\tEnglewood\tCO',
    "Rosa Delgado\trdelgado@loves.example\tAttendee\tNo\tYes\tYes\t11/19/2026 8:58 AM\t11/19/2026 10:30 AM\t92 mins\tWeb app\tLove's Travel Stop #784\tManager\t515-555-0107\tAltoona\tIA",
    'Curtis Mahoney\tcmahoney@ta-petro.example\tAttendee\tNo\tYes\tNo\t\t\t\t\tIowa 80 Truckstop\tGeneral Manager\t563-555-0103\tWalcott\tIA',
    'Guest 1\t\tAttendee\tNo\tNo\tYes\t11/19/2026 9:05 AM\t11/19/2026 9:40 AM\t35 mins\tPhone\t\t\t\t\t',
  ]);

  it.each(BOTH_PATHS)('as attendees: the host and the panelist are not counted, a dial-in is rejected saying why %s', async (_, env) => {
    const { db, run } = await setup('webex.csv', report);
    const r = await run(['import', 'attendees', 'webex.csv', '--json'], env);
    expect(r.exitCode, r.stderr).toBe(3);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rows: 5, rejected: 1, skipped: { hosts: 2 }, inserted: { attendance: 2 } });
    expect(s.rejects).toEqual([{ row: 11, field: 'full_name', reason: expect.stringContaining('an unnamed participant') }]);
    // "Registered" says Yes or No, not when: no warning about it.
    expect(s.warnings.filter((w: { field: string }) => w.field === 'registered_at')).toEqual([]);
    expect(query(db, 'SELECT p.email, p.title, a.checked_in, a.checked_in_at FROM attendance a JOIN people p ON p.id = a.person_id ORDER BY p.email')).toEqual([
      ['cmahoney@ta-petro.example', 'General Manager', 0, null],
      ['rdelgado@loves.example', 'Manager', 1, '2026-11-19T08:58:00'],
    ]);
  });

  it('as a training roster: only who attended is signed off', async () => {
    const { db, run } = await setup('webex.csv', report);
    const r = await run(['import', 'trainings', 'webex.csv', '--module', 'truck-stop-employee', '--date', '2026-11-19', '-c', 'ia-2026', '--json']);
    expect(r.exitCode, r.stderr).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: { signoffs: 1 }, skipped: { hosts: 2, not_completed: 1 }, rejected: 1 });
    expect(query(db, SIGNOFFS)).toEqual([['rdelgado@loves.example', 'truck-stop-employee', '2026-11-19']]);
  });
});

describe('Google Meet attendance', () => {
  it('the report Workspace e-mails: refused as attendees (no organization), saying what to do; a roster with --module', async () => {
    const { db, run } = await setup(
      'meet.csv',
      lines(
        [
          'First name,Last name,Email,Duration,Time joined,Time exited',
          'Dana,Whitfield,dwhitfield@story.example,1 hr 31 min,9:00 AM,10:31 AM',
          'Ray,Olsen,rolsen@amespd.example,1 hr 10 min,9:20 AM,10:30 AM',
          'Maria,Kowalski (Guest),,58 min,9:32 AM,10:30 AM',
        ],
        '\r\n',
      ),
    );
    const att = await run(['import', 'attendees', 'meet.csv']);
    expect(att.exitCode).toBe(2);
    expect(att.stderr).toContain('no column of meet.csv matches the required field organization');
    expect(att.stderr).toContain('import the list as a training roster (coalition import trainings FILE --module M --date D)');
    expect(att.stderr).not.toContain('Duration=organization');
    const r = await run(['import', 'trainings', 'meet.csv', '--module', 'le-victim-centered', '--date', '2026-11-19', '--json']);
    expect(r.exitCode, r.stderr).toBe(3);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ inserted: { signoffs: 2 }, rejected: 1 });
    // A guest without an e-mail or an organization cannot be told from another person of that name.
    expect(s.rejects).toEqual([{ row: 4, field: 'organization', reason: expect.stringContaining('add the organization') }]);
    expect(query(db, SIGNOFFS)).toEqual([
      ['dwhitfield@story.example', 'le-victim-centered', '2026-11-19'],
      ['rolsen@amespd.example', 'le-victim-centered', '2026-11-19'],
    ]);
  });

  it("an add-on's sheet: the meeting's column of Present / Absent is the check-in, the presenter is not counted", async () => {
    const { db, run } = await setup(
      'meet-addon.csv',
      lines(
        [
          'Meet Attendance,,,',
          'Meeting code: abc-mnop-xyz,,,',
          'Full Name,Email,Organization,Nov 19 2026 9:00 AM',
          "Dana Whitfield,dwhitfield@story.example,Story County Sheriff's Office,Present",
          'Curtis Mahoney,cmahoney@ta-petro.example,Iowa 80 Truckstop,Absent',
          "Iowa AG Training (Presenter),training@ag.iowa.example,Iowa Attorney General's Office,Present",
        ],
        '\r\n',
      ),
    );
    const r = await run(['import', 'attendees', 'meet-addon.csv', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3, skipped: { hosts: 1 }, inserted: { attendance: 2 } });
    expect(query(db, 'SELECT p.email, a.checked_in FROM attendance a JOIN people p ON p.id = a.person_id ORDER BY p.email')).toEqual([
      ['cmahoney@ta-petro.example', 0],
      ['dwhitfield@story.example', 1],
    ]);
  });
});

describe("Eventbrite's attendee export and a Google Forms sign-in", () => {
  it('Eventbrite: the attendee, not the buyer; a second ticket without an e-mail; no registration for Not Attending', async () => {
    const { db, run } = await setup(
      'eventbrite.csv',
      lines(
        [
          '\uFEFFOrder #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Barcode #,Buyer Last Name,Buyer First Name,Buyer Email,Date Attending,Device Name,Check-In Date,Discount,Hold,Order Type,Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment Processing,Attendee Status,Job Title,Company,Work Phone,Work Address 1,Work Address 2,Work City,Work State,Work Zip,Work Country,Which sector best describes your organization?,Do you consent to your work contact information being shared with coalition partners?,Dietary restrictions',
          "9876543210,2026-02-20 14:03:11-06:00,Dana,Whitfield,dwhitfield@story.example,1,General Admission,1234567890,1234567890123001,Whitfield,Dana,dwhitfield@story.example,\"Mar 12, 2026 8:00 AM\",iPhone - Eventbrite Organizer,2026-03-12 07:52:40-06:00,,,Free Order,USD,0.00,0.00,0.00,0.00,Checked In,Sergeant,Story County Sheriff's Office,515-555-0101,1315 S B Ave,,Nevada,IA,50201,US,Law Enforcement,Yes,",
          '9876543211,2026-02-21 09:15:02-06:00,Curtis,Mahoney,cmahoney@ta-petro.example,2,General Admission,1234567891,1234567891123001,Mahoney,Curtis,cmahoney@ta-petro.example,"Mar 12, 2026 8:00 AM",,,,,Free Order,USD,0.00,0.00,0.00,0.00,Attending,General Manager,Iowa 80 Truckstop,563-555-0103,755 W Iowa 80 Rd,,Walcott,IA,52773,US,Truck Stop Manager/Owner,No,Vegetarian',
          '9876543211,2026-02-21 09:15:02-06:00,Rosa,Delgado,,2,General Admission,1234567892,1234567891123002,Mahoney,Curtis,cmahoney@ta-petro.example,"Mar 12, 2026 8:00 AM",iPad - Eventbrite Organizer,2026-03-12 08:05:10-06:00,,,Free Order,USD,0.00,0.00,0.00,0.00,Checked In,Assistant Manager,Iowa 80 Truckstop,,755 W Iowa 80 Rd,,Walcott,IA,52773,US,Truck Stop Manager/Owner,Yes,',
          '9876543212,2026-02-22 10:00:00-06:00,Lynn,Brandt,lbrandt@hawkeyefreight.example,1,Industry Partner,1234567893,1234567893123001,Brandt,Lynn,lbrandt@hawkeyefreight.example,"Mar 12, 2026 8:00 AM",,,,,Free Order,USD,0.00,0.00,0.00,0.00,Not Attending,Safety Director,Hawkeye Freight Lines,515-555-0104,,,Des Moines,IA,50313,US,Trucking Industry,Yes,',
        ],
        '\r\n',
      ),
    );
    const r = await run(['import', 'attendees', 'eventbrite.csv', '-c', 'ia-2026', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ preset: 'eventbrite', rows: 4, rejected: 0, inserted: { people: 4, attendance: 3 } });
    expect(query(db, 'SELECT p.first_name, p.email, p.share_contact, o.name, a.checked_in FROM people p JOIN organizations o ON o.id = p.organization_id LEFT JOIN attendance a ON a.person_id = p.id ORDER BY p.id')).toEqual([
      ['Dana', 'dwhitfield@story.example', 1, "Story County Sheriff's Office", 1],
      ['Curtis', 'cmahoney@ta-petro.example', 0, 'Iowa 80 Truckstop', 0],
      ['Rosa', null, 1, 'Iowa 80 Truckstop', 1],
      ['Lynn', 'lbrandt@hawkeyefreight.example', 1, 'Hawkeye Freight Lines', null],
    ]);
  });

  const signin = lines([
    'Timestamp,Email Address,Full Name,Agency / Organization,Title / Rank,Which session did you attend?,Best phone number',
    "3/12/2026 7:48:12,dwhitfield@story.example,Dana Whitfield,Story County Sheriff's Office,Sgt.,Morning: Law Enforcement Victim-Centered Training,515-555-0101",
    '3/12/2026 12:58:03,cmahoney@ta-petro.example,Curtis Mahoney,Iowa 80 Truckstop,GM,Afternoon: Truck Stop Employee Training,563-555-0103',
  ]);

  it('Google Forms sign-in: its timestamp is the check-in; as a roster, the completion date, its session the module', async () => {
    const { db, run } = await setup('signin.csv', signin);
    const att = await run(['import', 'attendees', 'signin.csv', '-c', 'ia-2026', '--json']);
    expect(att.exitCode, att.stderr).toBe(0);
    expect(JSON.parse(att.stdout).columns).toContainEqual({ column: 'Timestamp', field: 'checked_in' });
    expect(query(db, 'SELECT p.email, a.registered_at, a.checked_in, a.checked_in_at FROM attendance a JOIN people p ON p.id = a.person_id ORDER BY p.email')).toEqual([
      ['cmahoney@ta-petro.example', null, 1, '2026-03-12T12:58:03'],
      ['dwhitfield@story.example', null, 1, '2026-03-12T07:48:12'],
    ]);
    const tr = await run(['import', 'trainings', 'signin.csv', '-c', 'ia-2026', '--json']);
    expect(tr.exitCode, tr.stderr).toBe(0);
    expect(JSON.parse(tr.stdout)).toMatchObject({ inserted: { signoffs: 2 }, warnings: [] });
    expect(query(db, SIGNOFFS)).toEqual([
      ['cmahoney@ta-petro.example', 'truck-stop-employee', '2026-03-12'],
      ['dwhitfield@story.example', 'le-victim-centered', '2026-03-12'],
    ]);
  });
});

describe('learning systems: course reports as training rosters', () => {
  it('TalentLMS course users: the instructor and the learners who have not finished are not signed off', async () => {
    const { db, run } = await setup(
      'talentlms.csv',
      lines([
        'User,Email,Role,Enrolled on,Completion date,Progress status,Score,Time',
        'Iowa AG Training,training@ag.iowa.example,Instructor,"10/01/2026, 09:00",,,,',
        'Rosa Delgado,rdelgado@loves.example,Learner,"10/02/2026, 10:15","10/05/2026, 14:22",Completed,100,1h 12m',
        'Curtis Mahoney,cmahoney@ta-petro.example,Learner,"10/02/2026, 10:16",,In progress,,25m',
        'Sam Brandt,sbrandt@kwikstar.example,Learner,"10/02/2026, 10:17",,Not attempted,,',
      ]),
    );
    const without = await run(['import', 'trainings', 'talentlms.csv']);
    expect(without.exitCode).toBe(2);
    expect(without.stderr).toContain('names it with --module ID');
    const r = await run(['import', 'trainings', 'talentlms.csv', '--module', 'truck-stop-employee', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: { signoffs: 1 }, skipped: { hosts: 1, not_completed: 2 }, rejected: 0 });
    expect(query(db, SIGNOFFS)).toEqual([['rdelgado@loves.example', 'truck-stop-employee', '2026-10-05']]);
  });

  it('Docebo enrollments: each course its module; Subscribed is not done; an instructor enrollment is skipped', async () => {
    const { db, run } = await setup(
      'docebo.csv',
      lines([
        'Username,First Name,Last Name,Email,Branch Name,Course Code,Course Name,Course Type,Enrollment Date,Completion Date,Course Enrollment Status,Enrollment Level,Session Time (min),Credits',
        "rdelgado,Rosa,Delgado,rdelgado@loves.example,Love's Travel Stops,TAT-TS-101,TAT Truck Stop Employee Training,E-Learning,2026-10-02 10:15:00,2026-10-05 14:22:31,Completed,Student,72,1",
        'cmahoney,Curtis,Mahoney,cmahoney@ta-petro.example,Iowa 80 Truckstop,TAT-TS-101,TAT Truck Stop Employee Training,E-Learning,2026-10-02 10:16:00,,Subscribed,Student,0,1',
        "agtrainer,Iowa AG,Training,training@ag.iowa.example,Iowa Attorney General's Office,TAT-TS-101,TAT Truck Stop Employee Training,E-Learning,2026-10-01 09:00:00,,Subscribed,Instructor,0,1",
        "tnygaard,Travis,Nygaard,tnygaard@polkcounty.example,Polk County Sheriff's Office,TAT-LE-200,TAT Law Enforcement Training,E-Learning,2026-10-02 11:00:00,2026-10-04 09:00:00,Completed,Student,60,1",
      ]),
    );
    const r = await run(['import', 'trainings', 'docebo.csv', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: { signoffs: 2 }, skipped: { hosts: 1, not_completed: 1 }, rejected: 0 });
    expect(query(db, SIGNOFFS)).toEqual([
      ['rdelgado@loves.example', 'truck-stop-employee', '2026-10-05'],
      ['tnygaard@polkcounty.example', 'le-tat', '2026-10-04'],
    ]);
  });

  const moodle = lines([
    'ID,Name,Email address,Human Trafficking 101,Human Trafficking 101 - Completion date,Knowledge check,Knowledge check - Completion date,Course complete',
    '12,Dana Whitfield,dwhitfield@story.example,Completed,"19/11/26, 10:30",Completed (achieved pass grade),"19/11/26, 10:42","19/11/26, 10:42"',
    '13,Ray Olsen,rolsen@amespd.example,Completed,"05/11/26, 09:10",Completed (achieved pass grade),"05/11/26, 09:25","05/11/26, 09:25"',
    '14,Travis Nygaard,tnygaard@polkcounty.example,Completed,"19/11/26, 11:02",Completed (did not achieve pass grade),"19/11/26, 11:15",',
  ]);

  it.each(BOTH_PATHS)('Moodle course completion: day-first dates are refused until --day-first, and a blank "Course complete" is not done %s', async (_, env) => {
    const { db, run } = await setup('moodle.csv', moodle);
    const refused = await run(['import', 'trainings', 'moodle.csv', '--module', 'le-tat', '--date', '2026-11-19'], env);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('moodle.csv, line 3, field "Course complete": the dates of the column "Course complete" are written day first ("19/11/26, 10:42" on line 2)');
    expect(refused.stderr).toContain('hint: import again with --day-first');
    expect(query(db, SIGNOFFS)).toEqual([]);
    const r = await run(['import', 'trainings', 'moodle.csv', '--module', 'le-tat', '--date', '2026-11-19', '--day-first', '--json'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: { signoffs: 2 }, skipped: { not_completed: 1 } });
    expect(query(db, SIGNOFFS)).toEqual([
      ['dwhitfield@story.example', 'le-tat', '2026-11-19'],
      ['rolsen@amespd.example', 'le-tat', '2026-11-05'],
    ]);
  });

  it('Canvas gradebook: its points row and its test student are not people', async () => {
    const { db, run } = await setup(
      'canvas.csv',
      lines([
        'Student,ID,SIS User ID,SIS Login ID,Section,Human Trafficking Awareness Quiz (10211),Current Score,Final Score',
        ',,,,,Manual Posting,,',
        '    Points Possible,,,,,10.00,(read only),(read only)',
        '"Whitfield, Dana",2201,DW2201,dwhitfield@story.example,Iowa LE 2026,10.00,95.00,95.00',
        '"Student, Test",2299,,a1b2c3d4e5,Iowa LE 2026,,,',
      ]),
    );
    const r = await run(['import', 'trainings', 'canvas.csv', '--module', 'le-tat', '--date', '2026-11-19', '--map', 'SIS Login ID=email', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rows: 4, inserted: { signoffs: 1 }, skipped: { test_students: 1 }, rejected: 0 });
    expect(s.warnings.map((w: { row: number }) => w.row)).toEqual([2, 3, 5]);
    expect(s.warnings[1].message).toContain('"Points Possible" is a gradebook\'s row of points or settings, not a sign-off: skipped (a gradebook gives scores, not completions');
    expect(query(db, SIGNOFFS)).toEqual([['dwhitfield@story.example', 'le-tat', '2026-11-19']]);
  });

  it.each(BOTH_PATHS)('SCORM Cloud registrations: completed and failed is not done; UTC dates fall on the Iowa calendar %s', async (_, env) => {
    const { db, run } = await setup(
      'scorm.csv',
      lines([
        'Registration Id,Course Id,Course Title,Learner Id,Learner First Name,Learner Last Name,Learner Email,Completion Status,Success Status,Score,Total Time,First Access Date,Last Access Date,Completion Date',
        'reg-0001,TAT_LE_VC,TAT Victim-Centered Law Enforcement Training,dwhitfield@story.example,Dana,Whitfield,dwhitfield@story.example,COMPLETED,PASSED,92,PT1H12M3S,2026-11-19T15:00:02.000Z,2026-11-19T16:12:05.000Z,2026-11-19T16:12:05.000Z',
        'reg-0002,TAT_LE_VC,TAT Victim-Centered Law Enforcement Training,rolsen@amespd.example,Ray,Olsen,rolsen@amespd.example,COMPLETED,FAILED,55,PT58M,2026-11-19T15:01:00.000Z,2026-11-19T15:59:00.000Z,2026-11-19T15:59:00.000Z',
        'reg-0003,TAT_LE_VC,TAT Victim-Centered Law Enforcement Training,tnygaard@polkcounty.example,Travis,Nygaard,tnygaard@polkcounty.example,INCOMPLETE,UNKNOWN,,PT20M,2026-11-19T15:05:00.000Z,2026-11-19T15:25:00.000Z,',
        'reg-0004,TAT_LE_VC,TAT Victim-Centered Law Enforcement Training,sbrandt@kwikstar.example,Sam,Brandt,sbrandt@kwikstar.example,COMPLETED,UNKNOWN,,PT40M,2026-11-20T02:10:00.000Z,2026-11-20T02:50:00.000Z,2026-11-20T02:50:00.000Z',
      ]),
    );
    const r = await run(['import', 'trainings', 'scorm.csv', '-c', 'ia-2026', '--json'], env);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: { signoffs: 2 }, skipped: { not_completed: 2 }, rejected: 0 });
    expect(query(db, SIGNOFFS)).toEqual([
      ['dwhitfield@story.example', 'le-victim-centered', '2026-11-19'],
      ['sbrandt@kwikstar.example', 'le-victim-centered', '2026-11-19'],
    ]);
  });
});
