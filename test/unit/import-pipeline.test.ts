import { describe, expect, it } from 'vitest';
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DB } from '../../src/db/connection.js';
import { createCoalition, findCoalitionRow } from '../../src/core/coalitions.js';
import { runImport, type ImportOptions } from '../../src/core/import/pipeline.js';
import { undoBatch } from '../../src/core/import/undo.js';
import { InvalidDataError, RefusedError, UsageError } from '../../src/io/errors.js';
import { FIXTURES } from '../helpers/e2e.js';
import { migratedDb } from '../helpers/db.js';

const now = new Date('2026-11-28T12:00:00Z');
async function freshDb(): Promise<{ db: DB; dir: string }> {
  const { db, dir } = await migratedDb();
  createCoalition(db, { name: 'Iowa Coalition Build 2026', states: ['IA'], buildDate: '2026-03-12' }, now);
  return { db, dir };
}

async function migratedDbWithCoalition(): Promise<{ db: DB; dir: string; file: string }> {
  const r = await migratedDb();
  createCoalition(r.db, { name: 'Iowa Coalition Build 2026', states: ['IA'], buildDate: '2026-03-12' }, now);
  return r;
}

function opts(dir: string, db: DB, file: string, extra: Partial<ImportOptions> = {}): ImportOptions {
  return { kind: 'contacts', file, cwd: dir, now, coalition: findCoalitionRow(db, 'ia-2026'), ...extra };
}

function fixture(dir: string, name: string): string {
  copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
  return name;
}

const count = (db: DB, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const snapshot = (db: DB) => ['organizations', 'people', 'attendance', 'import_batches', 'batch_changes', 'saved_maps'].map((t) => count(db, t));

describe('runImport', () => {
  it('imports the truck stop directory: counties, sectors, store numbers, managers', async () => {
    const { db, dir } = await freshDb();
    const s = await runImport(db, opts(dir, db, fixture(dir, 'ia-truck-stops.csv')));
    expect(s).toMatchObject({ batch: 1, kind: 'contacts', rows: 32, rejected: 0, dry_run: false, inserted: { organizations: 32, people: 29 }, share_contact_default: 'yes' });
    const stop = db.prepare("SELECT * FROM organizations WHERE name = 'Pilot Travel Center #432'").get() as Record<string, unknown>;
    expect(stop).toMatchObject({ sector: 'truck_stop', store_number: '432', zip: '52773', county_fips: '19163', county_source: 'column', city: 'Walcott', phone: '+15635550103' });
    const noCounty = db.prepare("SELECT county_fips, county_source FROM organizations WHERE name = 'TA Travel Center #218'").get();
    expect(noCounty).toEqual({ county_fips: '19163', county_source: 'zip' });
    const gm = db.prepare("SELECT p.title, p.share_contact, p.phone_ext, o.name FROM people p JOIN organizations o ON o.id = p.organization_id WHERE p.email = 'dhendricks@iowa80.example'").get();
    expect(gm).toMatchObject({ title: 'General Manager', share_contact: 1, name: 'Iowa 80 Truckstop' });
    const counties = db.prepare("SELECT count(DISTINCT county_fips) AS n FROM organizations WHERE sector = 'truck_stop'").get() as { n: number };
    expect(counties.n).toBeGreaterThanOrEqual(12);
  });

  it('dedupes people across files by e-mail in any case, and records attendance with check-in', async () => {
    const { db, dir } = await freshDb();
    await runImport(db, opts(dir, db, fixture(dir, 'ia-law-enforcement.csv')));
    const people = count(db, 'people');
    const s = await runImport(db, opts(dir, db, fixture(dir, 'ia-2026-eventbrite.csv'), { kind: 'attendees' }));
    expect(s.preset).toBe('eventbrite');
    expect(s.ignored_columns.map((c) => c.column)).toContain('Buyer Email');
    expect(s.duplicates).toBeGreaterThan(20);
    // Officers who registered were not added again (their e-mails are typed in other cases).
    const again = db.prepare("SELECT count(*) AS n FROM people WHERE lower(email) = 'afleck@scottcounty.example'").get() as { n: number };
    expect(again.n).toBe(1);
    expect(count(db, 'people')).toBe(people + (s.inserted.people ?? 0));
    // The buyer (an AG staffer who bought the deputies' tickets) is not an attendee.
    expect(db.prepare("SELECT count(*) AS n FROM people WHERE email = 'kmoreland@ag.iowa.example'").get()).toEqual({ n: 0 });
    // A check-in date, or the status "Checked In", counts as attended; "Attending" does not.
    const rows = db.prepare('SELECT checked_in, checked_in_at, status FROM attendance').all() as Array<{ checked_in: number; checked_in_at: string | null; status: string | null }>;
    expect(rows.length).toBe(s.inserted.attendance);
    expect(rows.some((r) => r.checked_in === 1 && r.checked_in_at === null && r.status === 'Checked In')).toBe(true);
    expect(rows.some((r) => r.checked_in === 1 && r.checked_in_at?.startsWith('2026-03-12'))).toBe(true);
    expect(rows.some((r) => r.checked_in === 0 && r.status === 'Attending')).toBe(true);
    // The second registration of one person (upper-case e-mail) made no second attendance.
    expect(s.rows).toBe((s.inserted.attendance ?? 0) + 1);
  });

  it('reads Windows-1252 with ZIP zeros restored from the state', async () => {
    const { db, dir } = await freshDb();
    const s = await runImport(db, opts(dir, db, fixture(dir, 'ia-2026-signin-excel.csv'), { kind: 'attendees' }));
    expect(s.encoding).toBe('windows-1252');
    const p = db.prepare("SELECT first_name, last_name, zip, state, county_fips FROM people WHERE email = 'cdamato@nutmeglogistics.example'").get();
    expect(p).toEqual({ first_name: 'Cheryl', last_name: 'D’Amato', zip: '06103', state: 'CT', county_fips: '09110' });
    const nj = db.prepare("SELECT zip FROM people WHERE email = 'jramirez@gsfreight.example'").get();
    expect(nj).toEqual({ zip: '07102' });
    expect(db.prepare("SELECT title, first_name FROM people WHERE email = 'mdoyle@bristolpd.example'").get()).toMatchObject({ first_name: 'Maureen' });
  });

  it('rejects bad rows into a formula-safe rejects file, warns about an unknown ZIP, and imports the rest', async () => {
    const { db, dir } = await freshDb();
    writeFileSync(path.join(dir, 'x.csv'), 'Agency,Officer,Email,State,ZIP\nA PD,Ann Lee,=HYPERLINK("x"),IA,50010\nB PD,Bo Dee,bo@b.example,XX,50010\nC PD,Cy Eng,cy@c.example,IA,99999\n');
    const s = await runImport(db, opts(dir, db, 'x.csv'));
    expect(s.rejected).toBe(2);
    expect(s.rejects_file).toBe('x.rejects.csv');
    expect(s.rejects.map((r) => [r.row, r.field])).toEqual([[2, 'email'], [3, 'state']]);
    expect(s.warnings).toEqual([{ row: 4, field: 'zip', message: 'ZIP 99999 is unknown; county not resolved from it' }]);
    const rejects = readFileSync(path.join(dir, 'x.rejects.csv'), 'utf8');
    expect(rejects.split('\r\n')[0]).toBe('\uFEFFAgency,Officer,Email,State,ZIP,reason');
    expect(rejects).toContain(`"'=HYPERLINK(""x"")"`);
    expect(rejects).toContain('line 3, state: ""XX"" is not a US state code');
    expect(count(db, 'people')).toBe(1);
  });

  it('--strict imports nothing when a row is rejected; --dry-run writes nothing', async () => {
    const { db, dir } = await freshDb();
    const before = snapshot(db);
    const bad = fixture(dir, 'bad-rows.csv');
    await expect(runImport(db, opts(dir, db, bad, { strict: true }))).rejects.toThrow(/3 rows were rejected, so with --strict nothing was imported/);
    expect(snapshot(db)).toEqual(before);
    expect(existsSync(path.join(dir, 'bad-rows.rejects.csv'))).toBe(true);
    const dry = await runImport(db, opts(dir, db, fixture(dir, 'ia-law-enforcement.csv'), { dryRun: true }));
    expect(dry).toMatchObject({ batch: null, dry_run: true, rows: 40 });
    expect(dry.inserted.people).toBeGreaterThan(30);
    expect(snapshot(db)).toEqual(before);
  });

  it('a rolled-back import leaves an earlier rejects file as it was; kept rejects replace it owner-only', async () => {
    const { db, dir } = await freshDb();
    const bad = fixture(dir, 'bad-rows.csv');
    await runImport(db, opts(dir, db, bad));
    const rejectsFile = path.join(dir, 'bad-rows.rejects.csv');
    // The coordinator is fixing the rejected rows when the same file is imported again by mistake.
    writeFileSync(rejectsFile, 'being fixed\n', { mode: 0o644 });
    chmodSync(rejectsFile, 0o644);
    await expect(runImport(db, opts(dir, db, bad))).rejects.toThrow(RefusedError);
    expect(readFileSync(rejectsFile, 'utf8')).toBe('being fixed\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Kept rejects replace the file, owner-only even though it was readable by others.
    await runImport(db, opts(dir, db, bad, { force: true }));
    expect(readFileSync(rejectsFile, 'utf8')).toContain('is not a US state code');
    if (process.platform !== 'win32') expect(statSync(rejectsFile).mode & 0o777).toBe(0o600);
  });

  it('refuses a rejects file that is the input, the database or another database, before reading', async () => {
    const { db, dir, file } = await migratedDbWithCoalition();
    const bad = fixture(dir, 'bad-rows.csv');
    const input = readFileSync(path.join(dir, bad));
    const before = snapshot(db);
    await expect(runImport(db, opts(dir, db, bad, { rejects: bad }))).rejects.toThrow(/--rejects bad-rows.csv is the file being read/);
    await expect(runImport(db, opts(dir, db, bad, { rejects: file }))).rejects.toThrow(/is the database;/);
    await expect(runImport(db, opts(dir, db, bad, { rejects: `${file}-wal` }))).rejects.toThrow(UsageError);
    copyFileSync(file, path.join(dir, 'backup.db'));
    await expect(runImport(db, opts(dir, db, bad, { rejects: 'backup.db' }))).rejects.toThrow(/a SQLite database/);
    expect(readFileSync(path.join(dir, bad))).toEqual(input);
    expect(snapshot(db)).toEqual(before);
    expect(db.prepare('PRAGMA quick_check').pluck().get()).toBe('ok');
  });

  it('refuses the same content twice unless --force, and --force never duplicates', async () => {
    const { db, dir } = await freshDb();
    const f = fixture(dir, 'ia-truck-stops.csv');
    await runImport(db, opts(dir, db, f));
    const before = snapshot(db);
    const e = await runImport(db, opts(dir, db, f)).catch((x) => x);
    expect(e).toBeInstanceOf(RefusedError);
    expect(e.message).toMatch(/already imported \(batch 1/);
    expect(snapshot(db)).toEqual(before);
    const forced = await runImport(db, opts(dir, db, f, { force: true }));
    expect(forced.inserted).toEqual({});
    expect(forced.duplicates).toBe(32);
    expect(count(db, 'organizations')).toBe(before[0]);
  });

  it('fails a broken file with nothing written, naming the line', async () => {
    const { db, dir } = await freshDb();
    const before = snapshot(db);
    for (const [name, msg] of [
      ['broken-unclosed-quote.csv', /line 3: a quoted field/],
      ['broken-ragged.csv', /line 3: this row has 5 fields/],
      ['broken-header-only.csv', /line 2: the file has a header row but no rows/],
      ['broken-empty.csv', /the file is empty/],
    ] as const) {
      const e = await runImport(db, opts(dir, db, fixture(dir, name))).catch((x) => x);
      expect(e).toBeInstanceOf(InvalidDataError);
      expect(e.message).toMatch(new RegExp(`^${name.replace('.', '\\.')}`));
      expect(e.message).toMatch(msg);
    }
    expect(snapshot(db)).toEqual(before);
  });

  it('asks for a required column when it can, and names --map when it cannot', async () => {
    const { db, dir } = await freshDb();
    const f = fixture(dir, 'broken-no-organization.csv');
    const e = await runImport(db, opts(dir, db, f)).catch((x) => x);
    expect(e).toBeInstanceOf(UsageError);
    expect(e.hint).toContain('--map');
    writeFileSync(path.join(dir, 'u.csv'), 'Unit,Officer,Email\nScott County Sheriff\'s Office,Aaron Fleck,afleck@scottcounty.example\n');
    const asked: string[][] = [];
    const s = await runImport(db, opts(dir, db, 'u.csv', { askColumn: async (fields, cols) => { asked.push([...fields, ...cols.map((c) => c.header)]); return cols[0].index; }, saveMap: 'units' }));
    expect(asked).toEqual([['organization', 'Unit', 'Officer', 'Email']]);
    expect(s.inserted).toEqual({ organizations: 1, people: 1 });
    // The saved map brings the answer back without asking.
    writeFileSync(path.join(dir, 'u2.csv'), 'Unit,Officer,Email\nPolk County Sheriff\'s Office,Dana Whitfield,dwhitfield@polkcounty.example\n');
    const s2 = await runImport(db, opts(dir, db, 'u2.csv', { useMap: 'units' }));
    expect(s2.columns[0]).toEqual({ column: 'Unit', field: 'organization' });
    await expect(runImport(db, opts(dir, db, 'u2.csv', { useMap: 'nope' }))).rejects.toThrow(/no saved map "nope"/);
  });

  it('reads stdin, with no rejects file unless asked', async () => {
    const { db, dir } = await freshDb();
    const stdin = Readable.from([Buffer.from('Agency,Email\nAmes Police Department,jsandberg@amespd.example\nNo Org,bad@@x\n')]);
    const s = await runImport(db, opts(dir, db, '-', { stdin }));
    expect(s).toMatchObject({ file: '-', rows: 2, rejected: 1, rejects_file: null });
  });

  it('applies the consent rule: a consent column wins; contacts share by default; attendees do not', async () => {
    const { db, dir } = await freshDb();
    await runImport(db, opts(dir, db, fixture(dir, 'ia-law-enforcement.csv')));
    const consent = db.prepare('SELECT share_contact AS s, count(*) AS n FROM people GROUP BY 1 ORDER BY 1').all();
    expect(consent).toEqual([{ s: null, n: expect.any(Number) }, { s: 0, n: expect.any(Number) }, { s: 1, n: expect.any(Number) }]);
    writeFileSync(path.join(dir, 'a.csv'), 'Name,Agency,Email\nNew Person,Some Carrier LLC,np@carrier.example\n');
    await runImport(db, opts(dir, db, 'a.csv', { kind: 'attendees' }));
    expect(db.prepare("SELECT share_contact FROM people WHERE email = 'np@carrier.example'").get()).toEqual({ share_contact: null });
    writeFileSync(path.join(dir, 'b.csv'), 'Name,Agency,Email\nOther Person,Some Carrier LLC,op@carrier.example\n');
    await runImport(db, opts(dir, db, 'b.csv', { kind: 'attendees', shareContact: true }));
    expect(db.prepare("SELECT share_contact FROM people WHERE email = 'op@carrier.example'").get()).toEqual({ share_contact: 1 });
    // A later "No" in a consent column overrides an earlier yes.
    writeFileSync(path.join(dir, 'c.csv'), 'Email,Agency,May we share your contact details?\nop@carrier.example,Some Carrier LLC,No\n');
    await runImport(db, opts(dir, db, 'c.csv', { kind: 'attendees' }));
    expect(db.prepare("SELECT share_contact FROM people WHERE email = 'op@carrier.example'").get()).toEqual({ share_contact: 0 });
  });

  it('undo removes what a batch added and restores what it changed; refuses when a later batch touched them', async () => {
    const { db, dir } = await freshDb();
    writeFileSync(path.join(dir, 'one.csv'), 'Agency,Officer,Email\nAmes Police Department,Joel Sandberg,jsandberg@amespd.example\n');
    writeFileSync(path.join(dir, 'two.csv'), 'Agency,Officer,Email,Phone,City\nAmes Police Department,Joel Sandberg,JSANDBERG@amespd.example,515-555-0140,Ames\nStory County Sheriff\'s Office,Heather Lindahl,hlindahl@storycounty.example,,Nevada\n');
    const b1 = await runImport(db, opts(dir, db, 'one.csv'));
    const b2 = await runImport(db, opts(dir, db, 'two.csv'));
    expect(b2.updated).toEqual({ organizations: 1, people: 1 });
    const joel = () => db.prepare("SELECT phone, city FROM people WHERE email = 'jsandberg@amespd.example'").get();
    expect(joel()).toEqual({ phone: '+15155550140', city: 'Ames' });
    const refused = (() => { try { undoBatch(db, b1.batch!); } catch (e) { return e as RefusedError; } })()!;
    expect(refused).toBeInstanceOf(RefusedError);
    expect(refused.message).toMatch(/people #1 \(batch 2\)/);
    expect(refused.message).not.toMatch(/Sandberg|amespd/);
    expect(refused.hint).toContain('coalition imports undo 2');
    const u = undoBatch(db, b2.batch!);
    expect(u.removed).toEqual({ people: 1, organizations: 1 });
    expect(u.restored).toEqual({ people: 1, organizations: 1 });
    expect(joel()).toEqual({ phone: null, city: null });
    expect(() => undoBatch(db, b2.batch!)).toThrow(/already undone/);
    undoBatch(db, b1.batch!);
    expect(count(db, 'people')).toBe(0);
    expect(count(db, 'organizations')).toBe(0);
    // An undone file can be imported again.
    await runImport(db, opts(dir, db, 'one.csv'));
    expect(count(db, 'people')).toBe(1);
  });

  it('undo refuses to drop a pin the coordinator set on a person or stop of the batch, and says how to unpin', async () => {
    const { db, dir } = await freshDb();
    writeFileSync(path.join(dir, 'stops.csv'), 'Location Name,City,State,Zip\nKwik Star #612,Waterloo,IA,50703\n');
    writeFileSync(path.join(dir, 'le.csv'), "Agency,Officer,Email,City,State,Zip\nBlack Hawk County Sheriff's Office,Monica Sweeney,msweeney@blackhawkcounty.example,Waterloo,IA,50703\n");
    await runImport(db, opts(dir, db, 'stops.csv'));
    const le = await runImport(db, opts(dir, db, 'le.csv'));
    const stop = (db.prepare("SELECT id FROM organizations WHERE sector = 'truck_stop'").get() as { id: number }).id;
    const person = (db.prepare('SELECT id FROM people').get() as { id: number }).id;
    db.prepare("INSERT INTO pins (coalition_id, stop_id, person_id, created_at) VALUES (1, ?, ?, 'x')").run(stop, person);
    const refused = (() => { try { undoBatch(db, le.batch!); } catch (e) { return e as RefusedError; } })()!;
    expect(refused).toBeInstanceOf(RefusedError);
    expect(refused.message).toContain(`a pin of person #${person} to stop #${stop}`);
    expect(refused.hint).toBe(`unpin first: coalition pair -c ia-2026 --unpin ${stop}=${person}`);
    expect(count(db, 'pins')).toBe(1);
    db.prepare('DELETE FROM pins').run();
    expect(undoBatch(db, le.batch!).removed).toEqual({ people: 1, organizations: 1 });
  });
});

describe('the demo import step', () => {
  it('imports every demo fixture without a rejected row', async () => {
    const { importDemoFixtures, DEMO_IMPORTS } = await import('../../src/core/import/demo-imports.js');
    const { db } = await freshDb();
    const log: string[] = [];
    const s = await importDemoFixtures(db, { coalition: findCoalitionRow(db, 'ia-2026')!, now, log: (m) => log.push(m), fixturesDir: FIXTURES });
    expect(s).toHaveLength(DEMO_IMPORTS.length);
    expect(s.map((x) => x.rejected)).toEqual(DEMO_IMPORTS.map(() => 0));
    expect(log[0]).toMatch(/^Imported ia-truck-stops\.csv as contacts: 32 rows/);
    const att = db.prepare('SELECT count(*) AS n, sum(checked_in) AS a FROM attendance').get() as { n: number; a: number };
    expect(att.n).toBeGreaterThan(70);
    expect(att.a).toBeGreaterThan(55);
  });
});
