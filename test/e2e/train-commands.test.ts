/** `coalition import trainings` and `coalition train …` end to end: the built binary, copies of the
 * fixtures, the roster handed in after the Iowa Coalition Build 2026. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coalition, copyFixtures } from '../helpers/e2e.js';

const ROSTER = 'trainings-ia-2026-roster.csv';
const ROSTER_XLSX = 'trainings-ia-2026-roster.xlsx';

async function build(dir: string) {
  const db = ['--db', path.join(dir, 'c.db')];
  const created = await coalition([...db, 'new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12'], { cwd: dir });
  expect(created.exitCode).toBe(0);
  const att = await coalition([...db, 'import', 'attendees', 'ia-2026-eventbrite.csv', '-c', 'ia-2026'], { cwd: dir });
  expect(att.exitCode).toBe(0);
  return db;
}

describe('training roster import (built binary)', () => {
  let dir: string;
  let db: string[];
  beforeAll(async () => {
    dir = copyFixtures(['ia-2026-eventbrite.csv', ROSTER, ROSTER_XLSX]);
    db = await build(dir);
  });

  it('imports the CSV roster: partial success (exit 3), a rejects file naming the known ids', async () => {
    const r = await coalition([...db, 'import', 'trainings', ROSTER, '-c', 'ia-2026', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(3);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ kind: 'trainings', rows: 18, inserted: { signoffs: 14, people: 1, training_counts: 2 }, duplicates: 1, rejected: 1, dry_run: false });
    const rejectsFile = path.join(dir, 'trainings-ia-2026-roster.rejects.csv');
    expect(existsSync(rejectsFile)).toBe(true);
    expect(statSync(rejectsFile).mode & 0o077).toBe(0);
    const rejects = readFileSync(rejectsFile, 'utf8');
    expect(rejects).toContain('Forklift Safety Certification');
    expect(rejects).toContain('known modules: build-initial, cdl-entry, driver, le-tat, le-victim-centered, survivor-session, truck-stop-employee');
  });

  it('refuses the same file again, and --force changes nothing', async () => {
    const again = await coalition([...db, 'import', 'trainings', ROSTER, '-c', 'ia-2026'], { cwd: dir });
    expect(again.exitCode).toBe(1);
    const forced = await coalition([...db, 'import', 'trainings', ROSTER, '-c', 'ia-2026', '--force', '--json'], { cwd: dir });
    const s = JSON.parse(forced.stdout);
    expect(s.inserted).toEqual({});
    expect(s.duplicates).toBe(17);
  });

  it('train sign by email in another case is idempotent', async () => {
    const r = await coalition([...db, 'train', 'sign', 'AFLECK@ScottCounty.Example', '--module', 'build-initial', '--date', '2026-03-12', '-c', 'ia-2026']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/Recorded build-initial for Aaron Fleck \(id \d+\) on 2026-03-12/);
    const again = await coalition([...db, 'train', 'sign', 'afleck@scottcounty.example', '--module', 'Initial Human Trafficking Training', '--date', '2026-03-12']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('Already recorded');
  });

  it('train missing lists checked-in attendees without the sign-off, in every format', async () => {
    const json = JSON.parse((await coalition([...db, 'train', 'missing', '--module', 'build-initial', '-c', 'ia-2026', '--json'])).stdout) as Array<{ name: string; person_id: number }>;
    const names = json.map((r) => r.name);
    expect(names).not.toContain('Maria Kowalski'); // signed off in the roster
    expect(names).not.toContain('Aaron Fleck'); // signed off above
    expect(names).not.toContain('Travis Nygaard'); // registered, never checked in
    expect(names).toContain('Lynn Hartsock'); // checked in, not signed off
    const tsv = await coalition([...db, 'train', 'missing', '--module', 'build-initial', '-c', 'ia-2026']);
    expect(tsv.stdout.split('\n')[0]).toBe('person id\tname\torganization\tsector\tagency type\tcounty');
    expect(tsv.stdout.trim().split('\n')).toHaveLength(json.length + 1);
    // The county by name for people to read (Lynn Hartsock: Jasper County Sheriff's Office), its code in JSON.
    expect(tsv.stdout.split('\n').find((l) => l.includes('Lynn Hartsock'))!.split('\t')[5]).toBe('Jasper');
    expect(json.find((r) => r.name === 'Lynn Hartsock')).toMatchObject({ county: 'Jasper', county_fips: '19099' });
    const csv = await coalition([...db, 'train', 'missing', '--module', 'build-initial', '-c', 'ia-2026', '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe('person id,name,organization,sector,agency type,county');
    // The LE module asks only the law-enforcement attendees.
    const le = JSON.parse((await coalition([...db, 'train', 'missing', '--module', 'le-victim-centered', '-c', 'ia-2026', '--json'])).stdout) as Array<{ sector: string; name: string }>;
    expect(le.length).toBeGreaterThan(0);
    expect(new Set(le.map((r) => r.sector))).toEqual(new Set(['law_enforcement']));
    expect(le.map((r) => r.name)).not.toContain('Malik Haynes');
  });

  it('train list shows sign-offs and counts', async () => {
    const list = JSON.parse((await coalition([...db, 'train', 'list', '-c', 'ia-2026', '--json'])).stdout) as Array<{ type: string; module: string; count: number; organization: string }>;
    expect(list.filter((r) => r.type === 'organization').map((r) => [r.organization, r.module, r.count])).toEqual([
      ['Iowa 80 Truckstop', 'truck-stop-employee', 18],
      ['Hawkeye Freight Lines', 'driver', 450],
    ]);
    const tsv = await coalition([...db, 'train', 'list', '--module', 'le-victim-centered']);
    expect(tsv.stdout.split('\n')[0]).toBe('date\tmodule\ttype\tperson id\tname\torganization\tsector\ttrained\tverified by\tcoalition');
    expect(tsv.stdout).toContain('Officer Jake Mueller');
  });

  it('prints a certificate for a sign-off, and refuses without one', async () => {
    const out = path.join(dir, 'kowalski.html');
    const r = await coalition([...db, 'train', 'certificate', 'MKOWALSKI@scottcounty.example', '--module', 'le-victim-centered', '-o', out]);
    expect(r.exitCode).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Certificate of completion');
    expect(html).toContain('Maria Kowalski');
    expect(html).toContain('Victim-centered law enforcement training');
    expect(html).toContain('March 12, 2026');
    expect(html).toContain('victim-centered approach');
    const no = await coalition([...db, 'train', 'certificate', 'cmedina@iowadot.example', '--module', 'le-victim-centered', '--format', 'html']);
    expect(no.exitCode).toBe(1);
    expect(no.stderr).toContain('has no sign-off for le-victim-centered');
    expect(no.stdout).toBe('');
  });

  it.skipIf(!existsSync(process.env.CHROME_PATH ?? '/usr/bin/chromium'))('prints the certificate as PDF with Chromium', async () => {
    const out = path.join(dir, 'kowalski.pdf');
    const r = await coalition([...db, 'train', 'certificate', 'mkowalski@scottcounty.example', '--module', 'le-victim-centered', '-o', out], { env: process.env.CHROME_PATH ? { CHROME_PATH: process.env.CHROME_PATH } : {} });
    expect(r.stderr).toContain('Wrote the certificate');
    expect(r.exitCode).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
  });
});

describe('training roster import from XLSX (built binary)', () => {
  it('gives the same result as the CSV, and undo removes it', async () => {
    const dir = copyFixtures(['ia-2026-eventbrite.csv', ROSTER_XLSX]);
    const db = await build(dir);
    const r = await coalition([...db, 'import', 'trainings', ROSTER_XLSX, '-c', 'ia-2026', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(3);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ inserted: { signoffs: 14, people: 1, training_counts: 2 }, duplicates: 1, rejected: 1 });
    const undo = await coalition([...db, 'imports', 'undo', String(s.batch)], { cwd: dir });
    expect(undo.exitCode).toBe(0);
    // In words, as the import counted them.
    expect(undo.stderr).toContain(`Undid batch ${s.batch} (trainings, ${ROSTER_XLSX}): removed 14 sign-offs, 2 counts of people trained, 1 person.`);
    const list = await coalition([...db, 'train', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});

describe('a sign-in sheet of one training (built binary)', () => {
  it('takes the module, date and verifier from --module, --date and --by where the rows do not say', async () => {
    const dir = copyFixtures(['ia-2026-eventbrite.csv']);
    const db = await build(dir);
    writeFileSync(
      path.join(dir, 'roll-call.csv'),
      "Name,Agency,Badge #,Email,Date\nLt. Maria Kowalski,Scott County Sheriff's Office,412,MKowalski@ScottCounty.example,\nOfficer Jake Mueller,Des Moines Police Department,77,,3/13/2026\n",
    );
    const without = await coalition([...db, 'import', 'trainings', 'roll-call.csv', '-c', 'ia-2026'], { cwd: dir });
    expect(without.exitCode).toBe(2);
    expect(without.stderr).toContain('matches the required field module');
    const r = await coalition([...db, 'import', 'trainings', 'roll-call.csv', '-c', 'ia-2026', '--module', 'Victim-Centered Law Enforcement Training', '--date', '2026-03-12', '--by', 'Iowa AG', '--json'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: { signoffs: 2, people: 1 }, rejected: 0, warnings: [] });
    const list = JSON.parse((await coalition([...db, 'train', 'list', '--module', 'le-victim-centered', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(list.map((t) => [t.name, t.completed_on, t.verified_by])).toEqual([
      ['Maria Kowalski', '2026-03-12', 'Iowa AG'],
      ['Jake Mueller', '2026-03-13', 'Iowa AG'],
    ]);
  });

  it('refuses the flags for other kinds, and an unknown module or a bad date before reading the file', async () => {
    const dir = copyFixtures(['ia-2026-eventbrite.csv']);
    const db = await build(dir);
    writeFileSync(path.join(dir, 'roll-call.csv'), 'Name,Agency\nJo Park,Polk County Sheriff\n');
    const contacts = await coalition([...db, 'import', 'contacts', 'roll-call.csv', '--module', 'le-tat'], { cwd: dir });
    expect(contacts.exitCode).toBe(2);
    expect(contacts.stderr).toContain('--module is only for import trainings');
    const unknown = await coalition([...db, 'import', 'trainings', 'roll-call.csv', '--module', 'Forklift Safety'], { cwd: dir });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('unknown module "Forklift Safety"; known modules: build-initial');
    const badDate = await coalition([...db, 'import', 'trainings', 'roll-call.csv', '--module', 'le-tat', '--date', '3/45/2026'], { cwd: dir });
    expect(badDate.exitCode).toBe(1);
    expect(badDate.stderr).toContain('"3/45/2026" is not a date');
    expect(JSON.parse((await coalition([...db, 'imports', '--json'])).stdout)).toHaveLength(1);
  });
});
