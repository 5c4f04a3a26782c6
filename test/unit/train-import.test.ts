/** The trainings import kind, through the real pipeline (runImport) on copies of the fixtures. */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCoalition, findCoalitionRow } from '../../src/core/coalitions.js';
import { mapHeaders } from '../../src/core/import/mapper.js';
import { runImport } from '../../src/core/import/pipeline.js';
import { undoBatch } from '../../src/core/import/undo.js';
import { trainingsHandler } from '../../src/core/import/kinds/trainings.js';
import { listTraining, missingSignoffs } from '../../src/core/training/signoffs.js';
import { migrate } from '../../src/db/migrations/index.js';
import { configure } from '../../src/db/connection.js';
import { copyFixtures } from '../helpers/e2e.js';

const NOW = new Date('2026-11-28T15:00:00Z');
let db: Database.Database;
let dir: string;

async function freshDb() {
  const d = new Database(':memory:');
  configure(d);
  await migrate(d, ':memory:', () => NOW);
  return d;
}

const coalition = () => findCoalitionRow(db, 'ia-2026')!;
const importFile = (file: string, kind = 'trainings', extra: Record<string, unknown> = {}) =>
  runImport(db, { kind, file, cwd: dir, now: NOW, coalition: coalition(), ...extra });

beforeEach(async () => {
  db = await freshDb();
  dir = copyFixtures(['ia-2026-eventbrite.csv', 'trainings-ia-2026-roster.csv', 'trainings-ia-2026-roster.xlsx']);
  createCoalition(db, { slug: 'ia-2026', name: 'Iowa Coalition Build 2026', states: ['IA'], buildDate: '2026-03-12' }, NOW);
  await importFile('ia-2026-eventbrite.csv', 'attendees');
});

describe('trainings kind: header mapping', () => {
  it.each([
    [['Email', 'Full Name', 'Agency', 'Course', 'Date Completed', 'Verified By', 'Number Trained'], { module: 'Course', completed_on: 'Date Completed', verified_by: 'Verified By', count: 'Number Trained' }],
    [['E-mail', 'Name', 'Organization', 'Training', 'Completion Date', 'Trainer'], { module: 'Training', completed_on: 'Completion Date', verified_by: 'Trainer' }],
    [['email', 'Last Name', 'Module', 'Completed On', 'Instructor', '# Trained'], { module: 'Module', completed_on: 'Completed On', verified_by: 'Instructor', count: '# Trained' }],
    // TalentLMS: the learner's name under "User"
    [['User', 'Login', 'Email', 'Course', 'Completion date', 'Completion status'], { full_name: 'User', email: 'Email', module: 'Course', completed_on: 'Completion date', status: 'Completion status' }],
    // Cornerstone: its status is the transcript's; a learner's account status is not a completion
    [['User Full Name', 'User Email', 'User Status', 'Training Title', 'Transcript Status', 'Completion Date'], { full_name: 'User Full Name', module: 'Training Title', status: 'Transcript Status', completed_on: 'Completion Date' }],
    [['Student Name', 'Course Completion State', 'Course Completion Date', 'Course Name'], { full_name: 'Student Name', status: 'Course Completion State', completed_on: 'Course Completion Date', module: 'Course Name' }],
    [['Employee', 'Location', 'Date Passed', 'Training'], { full_name: 'Employee', organization: 'Location', completed_on: 'Date Passed', module: 'Training' }],
    // TalentLMS's course users, SCORM Cloud's registrations, Moodle's course completion, a Webex report.
    [['User', 'Email', 'Role', 'Enrolled on', 'Completion date', 'Progress status', 'Score', 'Time', 'Course'], { full_name: 'User', role: 'Role', completed_on: 'Completion date', status: 'Progress status' }],
    [['Course Title', 'Learner First Name', 'Learner Last Name', 'Learner Email', 'Completion Status', 'Success Status', 'Completion Date'], { module: 'Course Title', email: 'Learner Email', status: 'Completion Status', result: 'Success Status', completed_on: 'Completion Date' }],
    [['ID', 'Name', 'Email address', 'Human Trafficking 101', 'Human Trafficking 101 - Completion date', 'Course complete', 'Course'], { full_name: 'Name', email: 'Email address', status: 'Course complete' }],
    [['Name', 'Email', 'Role', 'Attended', 'Company Name', 'Course'], { role: 'Role', status: 'Attended', organization: 'Company Name' }],
  ])('maps %j', (header, expected) => {
    const m = mapHeaders(header, trainingsHandler);
    const byField = Object.fromEntries(m.columns.filter((c) => c.field).map((c) => [c.field, c.header]));
    expect(byField).toMatchObject(expected);
    expect(m.missing).toEqual([]);
  });
});

describe('trainings kind: the ia-2026 roster', () => {
  it('matches people by email in any case and by name at the organization, adds unknown people, rejects the unknown module', async () => {
    const peopleBefore = (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
    const s = await importFile('trainings-ia-2026-roster.csv');
    expect(s.rows).toBe(18);
    expect(s.inserted).toEqual({ signoffs: 14, people: 1, training_counts: 2 });
    expect(s.duplicates).toBe(1);
    expect(s.rejected).toBe(1);
    expect(s.rejects[0]).toMatchObject({ row: 16, field: 'module' });
    expect(s.rejects[0].reason).toContain('unknown module "Forklift Safety Certification"; known modules: build-initial, ');
    expect(s.rejects_file).not.toBeNull();
    const rejects = readFileSync(path.join(dir, 'trainings-ia-2026-roster.rejects.csv'), 'utf8');
    expect(rejects).toContain('Forklift Safety Certification');
    expect(rejects.split(/\r?\n/)[0]).toMatch(/reason/);
    // One new person (Officer Jake Mueller, not registered), at the existing Des Moines PD.
    expect((db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n).toBe(peopleBefore + 1);
    const jake = db.prepare("SELECT p.first_name, p.last_name, p.title, o.name AS org FROM people p JOIN organizations o ON o.id = p.organization_id WHERE p.last_name = 'Mueller'").get();
    expect(jake).toEqual({ first_name: 'Jake', last_name: 'Mueller', title: 'Officer', org: 'Des Moines Police Department' });
    // Terrence Odom had no email in the roster: matched by name at Polk County Sheriff's Office.
    const odom = db.prepare("SELECT s.module_id, s.completed_on, p.email FROM signoffs s JOIN people p ON p.id = s.person_id WHERE p.last_name = 'Odom'").all();
    expect(odom).toEqual([{ module_id: 'build-initial', completed_on: '2026-03-12', email: 'todom@polkcounty.example' }]);
    // Maria Kowalski: three spellings of her email, two modules.
    const maria = db.prepare("SELECT s.module_id, s.verified_by, s.coalition_id FROM signoffs s JOIN people p ON p.id = s.person_id WHERE p.email = 'mkowalski@scottcounty.example' ORDER BY s.module_id").all();
    expect(maria).toEqual([
      { module_id: 'build-initial', verified_by: 'Truckers Against Trafficking', coalition_id: coalition().id },
      { module_id: 'le-victim-centered', verified_by: "Iowa Attorney General's Office", coalition_id: coalition().id },
    ]);
    const byModule = Object.fromEntries((db.prepare('SELECT module_id, count(*) AS n FROM signoffs GROUP BY module_id').all() as { module_id: string; n: number }[]).map((r) => [r.module_id, r.n]));
    expect(byModule).toEqual({ 'build-initial': 8, 'le-victim-centered': 4, 'survivor-session': 1, 'le-tat': 1 });
    const counts = db.prepare('SELECT o.name, t.module_id, t.count, t.completed_on FROM training_counts t JOIN organizations o ON o.id = t.organization_id ORDER BY t.count').all();
    expect(counts).toEqual([
      { name: 'Iowa 80 Truckstop', module_id: 'truck-stop-employee', count: 18, completed_on: '2026-04-15' },
      { name: 'Hawkeye Freight Lines', module_id: 'driver', count: 450, completed_on: '2026-05-01' },
    ]);
  });

  it('signs off only completed trainings when the roster has a status column (an LMS export)', async () => {
    writeFileSync(
      path.join(dir, 'lms.csv'),
      [
        'Learner Email,Learner Name,Organization,Course Title,Completion Status,Completion Date',
        'mkowalski@scottcounty.example,Maria Kowalski,Scott County Sheriff\'s Office,Initial Human Trafficking Training,Completed,3/12/2026',
        'afleck@scottcounty.example,Aaron Fleck,Scott County Sheriff\'s Office,Initial Human Trafficking Training,In Progress,',
        'dwhitfield@polkcounty.example,Dana Whitfield,Polk County Sheriff\'s Office,Initial Human Trafficking Training,Not Started,',
        'nobody@new.example,Ned Newcomer,Polk County Sheriff\'s Office,Not A Real Course,Failed,',
        'dwhitfield@polkcounty.example,Dana Whitfield,Polk County Sheriff\'s Office,Victim-Centered Law Enforcement Training,100%,3/13/2026',
        'afleck@scottcounty.example,Aaron Fleck,Scott County Sheriff\'s Office,Victim-Centered Law Enforcement Training,Archived,3/13/2026',
        'todom@polkcounty.example,Terrence Odom,Polk County Sheriff\'s Office,Initial Human Trafficking Training,,3/12/2026',
      ].join('\n') + '\n',
    );
    const peopleBefore = (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
    const s = await importFile('lms.csv');
    expect(s.columns).toContainEqual({ column: 'Completion Status', field: 'status' });
    expect(s.inserted).toEqual({ signoffs: 3 });
    // Not started, in progress and failed are people still to train: not signed off, not rejected,
    // and no new person for the failed row's unknown learner.
    expect(s.skipped).toEqual({ not_completed: 3 });
    expect(s.rejected).toBe(1);
    expect(s.rejects[0]).toMatchObject({ row: 7, field: 'status' });
    expect(s.rejects[0].reason).toContain('the status "Archived" is not understood');
    expect((db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n).toBe(peopleBefore);
    const signed = db.prepare('SELECT p.last_name, s.module_id FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY p.last_name, s.module_id').all();
    expect(signed).toEqual([
      { last_name: 'Kowalski', module_id: 'build-initial' },
      { last_name: 'Odom', module_id: 'build-initial' },
      { last_name: 'Whitfield', module_id: 'le-victim-centered' },
    ]);
    expect(missingSignoffs(db, coalition().id, 'build-initial').missing.map((m) => m.name)).toEqual(expect.arrayContaining(['Aaron Fleck', 'Dana Whitfield']));
  });

  it('reads a learning system export as it comes: TalentLMS (User, Role, dates with a comma, TAT course names)', async () => {
    writeFileSync(
      path.join(dir, 'talentlms.csv'),
      [
        'User,Login,Email,Course,Role,Enrolled on,Completion date,Completion status,Score',
        'Renee Vasquez,rvasquez,rvasquez@pilotflyingj.example,TAT Truck Stop Employee Training,Learner,"03/01/2026, 09:12","03/14/2026, 08:05",Completed,100',
        'Curtis Mahoney,cmahoney,cmahoney@ta-petro.example,TAT Truck Stop Employee Training,Learner,"03/01/2026, 09:12",,In progress,',
        'Paul Ecker,pecker,pecker@hawkeyefreight.example,TAT Driver Training (video),Learner,"03/01/2026, 09:12","03/20/2026, 10:00",Completed,100',
        'Jim Newcomer,jnewcomer,jnewcomer@hawkeyefreight.example,TAT Driver Training (video),Learner,"03/01/2026, 09:12","03/22/2026, 16:45",Completed,97',
      ].join('\n') + '\n',
    );
    const s = await importFile('talentlms.csv');
    expect(s.rejected).toBe(0);
    expect(s.inserted).toEqual({ signoffs: 3, people: 1 });
    expect(s.skipped).toEqual({ not_completed: 1 });
    const signed = db.prepare('SELECT p.last_name, s.module_id, s.completed_on FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY p.last_name').all();
    expect(signed).toEqual([
      { last_name: 'Ecker', module_id: 'driver', completed_on: '2026-03-20' },
      { last_name: 'Newcomer', module_id: 'driver', completed_on: '2026-03-22' },
      { last_name: 'Vasquez', module_id: 'truck-stop-employee', completed_on: '2026-03-14' },
    ]);
    // "Learner" is the learning system's role, not the new person's job title.
    expect(db.prepare("SELECT first_name, title FROM people WHERE last_name = 'Newcomer'").get()).toEqual({ first_name: 'Jim', title: null });
  });

  it.each([
    ['TalentLMS (Role: Instructor)', 'User,Email,Role,Course,Completion date\nIowa AG Training,training@ag.iowa.example,Instructor,build-initial,3/12/2026\nRenee Vasquez,rvasquez@pilotflyingj.example,Learner,build-initial,3/12/2026\n'],
    ['Docebo (Level: Tutor)', 'First Name,Last Name,Email,Course Name,Completion Date,Level\nIowa AG,Training,training@ag.iowa.example,build-initial,2026-03-12 10:00:00,Tutor\nRenee,Vasquez,rvasquez@pilotflyingj.example,build-initial,2026-03-12 10:00:00,Student\n'],
    ['a meeting list ("(Presenter)" after the name)', 'Name,Email,Course,Date\nIowa AG Training (Presenter),training@ag.iowa.example,build-initial,3/12/2026\nRenee Vasquez,rvasquez@pilotflyingj.example,build-initial,3/12/2026\n'],
  ])('never signs off the instructor or presenter of a roster: %s', async (_what, text) => {
    writeFileSync(path.join(dir, 'roles.csv'), text);
    const s = await importFile('roles.csv');
    expect(s.rejected).toBe(0);
    expect(s.skipped).toEqual({ hosts: 1 });
    expect(s.warnings.map((w) => w.message)).toEqual([expect.stringContaining('they ran the session rather than took part in it, so they are not counted as trained')]);
    const signed = db.prepare('SELECT p.email FROM signoffs s JOIN people p ON p.id = s.person_id').all();
    expect(signed).toEqual([{ email: 'rvasquez@pilotflyingj.example' }]);
  });

  it('reads a result beside the completion status: a course completed and failed is not a sign-off (SCORM Cloud)', async () => {
    writeFileSync(
      path.join(dir, 'scorm.csv'),
      [
        'Course Title,Learner First Name,Learner Last Name,Learner Email,Completion Status,Success Status,Completion Date',
        'build-initial,Maria,Kowalski,mkowalski@scottcounty.example,COMPLETED,PASSED,2026-03-13T15:00:00.000Z',
        'build-initial,Aaron,Fleck,afleck@scottcounty.example,COMPLETED,FAILED,2026-03-13T15:00:00.000Z',
        'build-initial,Dana,Whitfield,dwhitfield@polkcounty.example,INCOMPLETE,UNKNOWN,',
        'build-initial,Terrence,Odom,todom@polkcounty.example,COMPLETED,UNKNOWN,2026-03-14T02:30:00.000Z',
        'build-initial,Ned,Newcomer,nnewcomer@polkcounty.example,COMPLETED,Maybe,2026-03-14T02:30:00.000Z',
      ].join('\n') + '\n',
    );
    const s = await importFile('scorm.csv');
    expect(s.skipped).toEqual({ not_completed: 2 });
    expect(s.rejects).toEqual([{ row: 6, field: 'result', reason: expect.stringContaining('the status "Maybe" is not understood') }]);
    const signed = db.prepare('SELECT p.last_name, s.completed_on FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY p.last_name').all();
    expect(signed).toEqual([
      { last_name: 'Kowalski', completed_on: '2026-03-13' },
      { last_name: 'Odom', completed_on: '2026-03-13' },
    ]);
  });

  it("reads Moodle's course completion report with --module and --date: a blank \"Course complete\" is not done, its date beats --date", async () => {
    writeFileSync(
      path.join(dir, 'moodle.csv'),
      [
        'ID,Name,Email address,Human Trafficking 101,Human Trafficking 101 - Completion date,Course complete',
        '12,Maria Kowalski,mkowalski@scottcounty.example,Completed,"3/13/26, 10:30","3/13/26, 10:42"',
        '13,Aaron Fleck,afleck@scottcounty.example,Not completed,,',
      ].join('\n') + '\n',
    );
    const s = await importFile('moodle.csv', 'trainings', { given: { module: 'build-initial', completed_on: '2026-03-20' } });
    expect(s.skipped).toEqual({ not_completed: 1 });
    expect(s.rejected).toBe(0);
    const signed = db.prepare('SELECT p.last_name, s.completed_on FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY p.last_name').all();
    expect(signed).toEqual([{ last_name: 'Kowalski', completed_on: '2026-03-13' }]);
  });

  it.each([
    // Moodle's default English writes day/month/year: one date that can only be day first shows the
    // next one, which could be either, would be read wrong.
    ['a day-first date, then one that could be either', ['"19/3/26, 10:42"', '"05/03/26, 09:25"'], {}, /the dates of the column "Course complete" are written day first \("19\/3\/26, 10:42" on line 2\), but they were read month first, so "05\/03\/26, 09:25" on line 3/],
    ['one that could be either, then a day-first date', ['05/03/26', '19/03/26'], {}, /written day first \("19\/03\/26" on line 3\).*"05\/03\/26" on line 2/],
    ['a month-first date read with --day-first', ['3/19/26', '3/5/26'], { dayFirst: true }, /written month first \("3\/19\/26" on line 2\), but they were read day first/],
    ['dates written both ways', ['19/3/26', '3/20/26'], {}, /has dates written day first and month first/],
  ])('refuses %s, importing nothing', async (_what, dates, extra, message) => {
    writeFileSync(path.join(dir, 'dmy.csv'), `Name,Email address,Course complete\nMaria Kowalski,mkowalski@scottcounty.example,${dates[0]}\nAaron Fleck,afleck@scottcounty.example,${dates[1]}\n`);
    const before = (db.prepare('SELECT count(*) AS n FROM signoffs').get() as { n: number }).n;
    await expect(importFile('dmy.csv', 'trainings', { given: { module: 'build-initial' }, ...extra })).rejects.toThrow(message);
    expect((db.prepare('SELECT count(*) AS n FROM signoffs').get() as { n: number }).n).toBe(before);
  });

  it('reads day-first dates with --day-first', async () => {
    writeFileSync(path.join(dir, 'dmy.csv'), 'Name,Email address,Course complete\nMaria Kowalski,mkowalski@scottcounty.example,"19/03/26, 10:42"\nAaron Fleck,afleck@scottcounty.example,"05/03/26, 09:25"\n');
    const s = await importFile('dmy.csv', 'trainings', { given: { module: 'build-initial' }, dayFirst: true });
    expect(s.inserted).toEqual({ signoffs: 2 });
    const dates = db.prepare('SELECT p.last_name, s.completed_on FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY p.last_name').all();
    expect(dates).toEqual([
      { last_name: 'Fleck', completed_on: '2026-03-05' },
      { last_name: 'Kowalski', completed_on: '2026-03-19' },
    ]);
  });

  it("never signs off someone a webinar's attendance says did not attend", async () => {
    writeFileSync(path.join(dir, 'webex.csv'), 'Name,Email,Role,Attended\nMaria Kowalski,mkowalski@scottcounty.example,Attendee,Yes\nAaron Fleck,afleck@scottcounty.example,Attendee,No\n');
    const s = await importFile('webex.csv', 'trainings', { given: { module: 'build-initial', completed_on: '2026-03-20' } });
    expect(s.inserted).toEqual({ signoffs: 1 });
    expect(s.skipped).toEqual({ not_completed: 1 });
  });

  it('reads counts as organizations report them, estimates with a warning', async () => {
    writeFileSync(
      path.join(dir, 'counts.csv'),
      [
        'Truck Stop,City,# Employees Trained,Date,Training',
        'Iowa 80 Truckstop,Walcott,"1,250",4/15/2026,TAT Truck Stop Employee Training',
        "Love's Travel Stop #784,Altoona,approx. 30,4/20/2026,truck-stop-employee",
        'Kwik Star #612,Waterloo,30+,4/22/2026,truck-stop-employee',
        'Pilot Travel Center #432,Walcott,18 employees,4/23/2026,truck-stop-employee',
        'Hawkeye Freight Lines,Des Moines,Drivers trained: 450,5/1/2026,driver',
        "Casey's #1561,Osceola,25-30,4/22/2026,truck-stop-employee",
        "Casey's #2214,Ottumwa,12.5,4/22/2026,truck-stop-employee",
        'Petro Stopping Center #361,Des Moines,,4/23/2026,truck-stop-employee',
      ].join('\n') + '\n',
    );
    const s = await importFile('counts.csv');
    expect(s.columns).toContainEqual({ column: '# Employees Trained', field: 'count' });
    expect(s.inserted.training_counts).toBe(5);
    expect(s.warnings.map((w) => [w.row, w.message])).toEqual([
      [3, '"approx. 30" is an estimate; 30 was recorded'],
      [4, '"30+" is an estimate; 30 was recorded'],
    ]);
    expect(s.rejects.map((r) => [r.row, r.field])).toEqual([[7, 'count'], [8, 'count'], [9, 'count']]);
    // A tally has no people: its blank count is what is missing, not a person.
    expect(s.rejects[2].reason).toBe('no count: fill in how many people were trained');
    const counts = db.prepare('SELECT count FROM training_counts ORDER BY id').all().map((r) => (r as { count: number }).count);
    expect(counts).toEqual([1250, 30, 30, 18, 450]);
  });

  it('reads a status column of dates ("Passed: 3/13/2026") as completed on that date', async () => {
    writeFileSync(
      path.join(dir, 'passed.csv'),
      'Email,Training,Date Completed,Passed\nmkowalski@scottcounty.example,build-initial,46093,Yes\nafleck@scottcounty.example,build-initial,,3/13/2026\ndwhitfield@polkcounty.example,build-initial,3/12/2026,3/14/2026\ntodom@polkcounty.example,build-initial,,13/45/2026\n',
    );
    const s = await importFile('passed.csv');
    expect(s.inserted).toEqual({ signoffs: 3 });
    expect(s.warnings).toEqual([]);
    expect(s.rejects).toEqual([{ row: 5, field: 'status', reason: 'the status "13/45/2026" is not a date' }]);
    const dates = db.prepare('SELECT p.last_name, s.completed_on FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY p.last_name').all();
    // A date column wins over the status's date; an Excel serial number is a date.
    expect(dates).toEqual([
      { last_name: 'Fleck', completed_on: '2026-03-13' },
      { last_name: 'Kowalski', completed_on: '2026-03-12' },
      { last_name: 'Whitfield', completed_on: '2026-03-12' },
    ]);
  });

  it('reads a "Completed?" column of yes and no answers: no is not a sign-off, yes takes the build date', async () => {
    writeFileSync(
      path.join(dir, 'yesno.csv'),
      'Email,Course,Completed\nmkowalski@scottcounty.example,build-initial,Yes\nafleck@scottcounty.example,build-initial,No\ndwhitfield@polkcounty.example,build-initial,3/14/2026\n',
    );
    const s = await importFile('yesno.csv');
    expect(s.inserted).toEqual({ signoffs: 2 });
    expect(s.skipped).toEqual({ not_completed: 1 });
    expect(s.warnings.map((w) => w.message)).toEqual([expect.stringContaining('the build date 2026-03-12 of ia-2026 was used')]);
    const dates = db.prepare('SELECT p.last_name, s.completed_on FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY p.last_name').all();
    expect(dates).toEqual([
      { last_name: 'Kowalski', completed_on: '2026-03-12' },
      { last_name: 'Whitfield', completed_on: '2026-03-14' },
    ]);
  });

  it('skips a total or a note under the roster with a warning, rather than rejecting it', async () => {
    writeFileSync(path.join(dir, 'footer.csv'), 'Email,Course,Date\nmkowalski@scottcounty.example,build-initial,3/12/2026\n,,\nTotal: 1,,\n');
    const s = await importFile('footer.csv');
    expect(s).toMatchObject({ rows: 2, rejected: 0, inserted: { signoffs: 1 } });
    expect(s.warnings).toEqual([{ row: 4, field: 'module', message: '"Total: 1" is a note or a total under the roster, not a sign-off: skipped' }]);
  });

  it("reads a UTC timestamp on the coalition's calendar (an Iowa evening is not the next day)", async () => {
    writeFileSync(
      path.join(dir, 'canvas.csv'),
      'Email,Course,Completed At\nmkowalski@scottcounty.example,build-initial,2026-03-14T02:30:00Z\nafleck@scottcounty.example,build-initial,2026-03-14T15:00:00Z\ndwhitfield@polkcounty.example,build-initial,2026-03-14 02:30:00-06:00\n',
    );
    await importFile('canvas.csv');
    const dates = db.prepare('SELECT p.last_name, s.completed_on FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY p.last_name').all();
    expect(dates).toEqual([
      { last_name: 'Fleck', completed_on: '2026-03-14' },
      { last_name: 'Kowalski', completed_on: '2026-03-13' },
      { last_name: 'Whitfield', completed_on: '2026-03-14' },
    ]);
  });

  it('is idempotent: the same rows again (--force) insert nothing', async () => {
    await importFile('trainings-ia-2026-roster.csv');
    const before = listTraining(db).length;
    const again = await importFile('trainings-ia-2026-roster.csv', 'trainings', { force: true });
    expect(again.inserted).toEqual({});
    expect(again.duplicates).toBe(17);
    expect(listTraining(db).length).toBe(before);
  });

  it('reads the XLSX roster (date cells, number cells) to the same result', async () => {
    const s = await importFile('trainings-ia-2026-roster.xlsx');
    expect(s.format).toBe('xlsx');
    expect(s.inserted).toEqual({ signoffs: 14, people: 1, training_counts: 2 });
    expect(s.rejected).toBe(1);
    const again = await importFile('trainings-ia-2026-roster.csv');
    expect(again.inserted).toEqual({});
  });

  it('leaves the checked-in attendees without a sign-off for `missing`', async () => {
    await importFile('trainings-ia-2026-roster.csv');
    const r = missingSignoffs(db, coalition().id, 'build-initial');
    const attended = (db.prepare('SELECT count(*) AS n FROM attendance WHERE coalition_id = ? AND checked_in = 1').get(coalition().id) as { n: number }).n;
    expect(r.attended).toBe(attended);
    const signedAndCheckedIn = (db.prepare("SELECT count(*) AS n FROM attendance a WHERE a.coalition_id = ? AND a.checked_in = 1 AND EXISTS (SELECT 1 FROM signoffs s WHERE s.person_id = a.person_id AND s.module_id = 'build-initial')").get(coalition().id) as { n: number }).n;
    expect(r.signed).toBe(signedAndCheckedIn);
    expect(r.missing.length).toBe(attended - signedAndCheckedIn);
    expect(r.missing.map((m) => m.name)).not.toContain('Maria Kowalski');
    expect(r.missing.map((m) => m.name)).toContain('Aaron Fleck');
  });

  it('undo removes the sign-offs, counts and the new person, and restores a replaced count', async () => {
    const first = await importFile('trainings-ia-2026-roster.csv');
    const people = (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
    writeFileSync(path.join(dir, 'fix.csv'), 'Agency,Course,Date Completed,Number Trained\nIowa 80 Truckstop,truck-stop-employee,2026-04-15,21\n');
    const fix = await importFile('fix.csv');
    expect(fix.updated).toEqual({ training_counts: 1 });
    expect(fix.warnings[0].message).toContain('was 18; now 21');
    // The roster that added the count cannot be undone while the correction stands: it would delete
    // the corrected figure, and undoing the correction afterwards would restore nothing.
    expect(() => undoBatch(db, first.batch!)).toThrow(new RegExp(`later work changed or depends on records that batch ${first.batch} touched: training_counts #\\d+ \\(batch ${fix.batch}\\)`));
    undoBatch(db, fix.batch!);
    expect((db.prepare("SELECT count FROM training_counts WHERE module_id = 'truck-stop-employee'").get() as { count: number }).count).toBe(18);
    undoBatch(db, first.batch!);
    expect((db.prepare('SELECT count(*) AS n FROM signoffs').get() as { n: number }).n).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM training_counts').get() as { n: number }).n).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n).toBe(people - 1);
  });

  it('rejects rows it cannot use, naming the field', async () => {
    writeFileSync(
      path.join(dir, 'bad.csv'),
      [
        'Email,Name,Agency,Training,Completion Date,Number Trained',
        'mkowalski@scottcounty.example,Maria Kowalski,,Law Enforcement Training,3/12/2026,',
        'mkowalski@scottcounty.example,Maria Kowalski,,build-initial,13/45/2026,',
        ',,Iowa 80 Truckstop,truck-stop-employee,3/12/2026,lots',
        'nobody@nowhere.example,,,build-initial,3/12/2026,',
        ',Pat Doe,,build-initial,3/12/2026,',
        'not-an-email,Pat Doe,Some Org,build-initial,3/12/2026,',
        ',,Iowa 80 Truckstop,,3/12/2026,',
        'mkowalski@scottcounty.example,Maria Kowalski,,build-initial,,',
      ].join('\n') + '\n',
    );
    const s = await importFile('bad.csv');
    expect(s.rejects.map((r) => r.field)).toEqual(['module', 'completed_on', 'count', 'full_name', 'organization', 'email', 'module']);
    expect(s.rejects[0].reason).toMatch(/could be le-(tat|victim-centered) or le-(tat|victim-centered)/);
    // The last row has no date: the build date of -c is used, with a warning.
    expect(s.inserted).toEqual({ signoffs: 1 });
    expect(s.warnings.some((w) => w.field === 'completed_on' && w.message.includes('2026-03-12'))).toBe(true);
  });
});

describe('trainings kind: a tracker with a column per module', () => {
  const tracker = [
    'Name,Agency,Email,Initial Training,Victim-Centered LE,Survivor Session,Notes',
    "Maria Kowalski,Scott County Sheriff's Office,mkowalski@scottcounty.example,3/12/2026,3/13/2026,X,",
    "Aaron Fleck,Scott County Sheriff's Office,afleck@scottcounty.example,3/12/2026,No,,left early",
    'Dale Hendricks,Iowa 80 Truckstop,dhendricks@iowa80.example,,,,',
    "Dana Whitfield,Polk County Sheriff's Office,dwhitfield@polkcounty.example,3/12/2026,see notes,,",
  ];

  it('signs off each dated or ticked module of a row, a tick on the build date', async () => {
    writeFileSync(path.join(dir, 'tracker.csv'), tracker.join('\n') + '\n');
    const s = await importFile('tracker.csv');
    expect(s.columns).toEqual(expect.arrayContaining([
      { column: 'Initial Training', field: 'module:build-initial' },
      { column: 'Victim-Centered LE', field: 'module:le-victim-centered' },
      { column: 'Survivor Session', field: 'module:survivor-session' },
    ]));
    expect(s.ignored_columns.map((c) => c.column)).toEqual(['Notes']);
    expect(s.inserted).toEqual({ signoffs: 4 });
    // Dale trained in nothing: not signed off, still on train missing.
    expect(s.skipped).toEqual({ not_completed: 1 });
    expect(s.rejects).toEqual([{ row: 5, field: 'module:le-victim-centered', reason: expect.stringContaining('the le-victim-centered cell "see notes" is neither a date nor a tick') }]);
    expect(s.warnings).toEqual([{ row: 2, field: 'completed_on', message: expect.stringContaining('the build date 2026-03-12 of ia-2026 was used') }]);
    const signed = db.prepare('SELECT p.last_name, s.module_id, s.completed_on FROM signoffs s JOIN people p ON p.id = s.person_id ORDER BY p.last_name, s.module_id').all();
    expect(signed).toEqual([
      { last_name: 'Fleck', module_id: 'build-initial', completed_on: '2026-03-12' },
      { last_name: 'Kowalski', module_id: 'build-initial', completed_on: '2026-03-12' },
      { last_name: 'Kowalski', module_id: 'le-victim-centered', completed_on: '2026-03-13' },
      { last_name: 'Kowalski', module_id: 'survivor-session', completed_on: '2026-03-12' },
    ]);
    // Again: every row recorded nothing new.
    const again = await importFile('tracker.csv', 'trainings', { force: true });
    expect(again.inserted).toEqual({});
    expect(again.duplicates).toBe(2);
  });

  it('refuses a column that could be either of two modules, and takes --map HEADER=module:ID', async () => {
    writeFileSync(path.join(dir, 'le.csv'), 'Name,Agency,LE Training\nMaria Kowalski,Scott County Sheriff\'s Office,3/12/2026\n');
    await expect(importFile('le.csv')).rejects.toThrow(/the column "LE Training" could be the module le-(tat|victim-centered) or le-/);
    const s = await importFile('le.csv', 'trainings', { map: 'LE Training=module:le-tat' });
    expect(s.inserted).toEqual({ signoffs: 1 });
    expect(listTraining(db)[0]).toMatchObject({ module: 'le-tat', completed_on: '2026-03-12' });
    await expect(importFile('le.csv', 'trainings', { map: 'LE Training=module:hotel-staff', force: true })).rejects.toThrow(/there is no such module/);
  });

  it('reads a one-module sheet of ticks with --date, and a module column still wins over module-named columns', async () => {
    writeFileSync(path.join(dir, 'ticks.csv'), 'Name,Agency,Survivor Session\nMaria Kowalski,Scott County Sheriff\'s Office,✓\n');
    const s = await importFile('ticks.csv', 'trainings', { given: { completed_on: '2026-03-18' } });
    expect(s.warnings).toEqual([]);
    expect(listTraining(db)[0]).toMatchObject({ module: 'survivor-session', completed_on: '2026-03-18' });
    writeFileSync(path.join(dir, 'both.csv'), 'Email,Course,Date,Survivor Session\nafleck@scottcounty.example,build-initial,3/12/2026,X\n');
    const b = await importFile('both.csv');
    expect(b.columns.map((c) => c.field)).not.toContain('module:survivor-session');
    expect(b.inserted).toEqual({ signoffs: 1 });
  });
});

describe('trainings kind: without a coalition', () => {
  it('records sign-offs unlinked and rejects rows without a date', async () => {
    writeFileSync(path.join(dir, 'nc.csv'), 'Email,Course,Date\nafleck@scottcounty.example,Initial Human Trafficking Training,2026-03-12\nafleck@scottcounty.example,driver,\n');
    const s = await runImport(db, { kind: 'trainings', file: 'nc.csv', cwd: dir, now: NOW });
    expect(s.inserted).toEqual({ signoffs: 1 });
    expect(s.rejects[0]).toMatchObject({ field: 'completed_on' });
    expect(listTraining(db)[0]).toMatchObject({ module: 'build-initial', coalition: null });
    expect(existsSync(path.join(dir, 'nc.rejects.csv'))).toBe(true);
  });
});
