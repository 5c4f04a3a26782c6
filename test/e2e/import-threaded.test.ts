/**
 * A big file is read, mapped and cleaned on the reader thread and written on the main thread; a
 * small one is done all on the main thread. Both must give the same database, the same summary and
 * the same rejects file. COALITION_READER_THREAD_BYTES forces one or the other on a small file.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context.js';
import { coalition, copyFixtures } from '../helpers/e2e.js';

/** A messy directory: repeated people in other cases, "Last, First" names with ranks, ZIPs whose
 * leading zero was lost, ZIP+4, an unknown state, invalid e-mails, rows with no organization, phones
 * in every layout (some not real), consent answers, and a bad date for attendees. */
function messyCsv(rows: number, attendees = false): string {
  const places = [
    ['Des Moines', 'IA', '50309', 'Polk'],
    ['Hartford', 'CT', '6103', ''],
    ['Omaha', 'NE', '68102-1234', 'Douglas'],
    ['Sioux Falls', 'SD', '57104', ''],
    ['Nowhere', 'XX', '99999', ''],
    ['Boston', 'MA', '2108', 'Suffolk County'],
  ];
  const orgs = ["Polk County Sheriff's Office", 'Des Moines Police Department', 'Iowa State Patrol', 'Pilot Travel Center #412', "Love's Travel Stop #784", 'Hawkeye Freight Lines, Inc.', ''];
  const names = ['Maria Kowalski', 'Kessler, Dana', 'Lt. Aaron Fleck', 'Sgt. Rosa Delgado Jr.', "Patrick O'Malley", 'José Ramírez', 'Tanya Olsen'];
  const phones = ['(515) 555-0142', '515.555.0199 x12', '+1 402 555 0100', '6055550123', '515-555-01', 'n/a', ''];
  const lines = [attendees ? 'Attendee Name,Email,Company,Work Phone,Work City,Work State,Work Zip,County,Check-In Date,OK to list' : 'Agency,Officer,E-mail,Phone,City,State,ZIP,County,OK to list'];
  for (let i = 0; i < rows; i++) {
    const p = places[i % places.length];
    const org = orgs[(i * 7) % orgs.length];
    const name = names[(i * 3) % names.length];
    const n = i % 5 === 4 ? i - 3 : i; // every fifth row repeats an earlier person
    let email = `person${n}@agency${n % 11}.example`;
    if (i % 9 === 0) email = email.toUpperCase();
    if (i % 37 === 0) email = email.replace('@', '@@');
    if (i % 13 === 0) email = '';
    const phone = phones[i % phones.length];
    const ok = ['Y', 'N', '', 'maybe'][i % 4];
    const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    if (attendees) {
      const checkIn = ['2026-04-09 08:12:00-05:00', '', 'not a date', '4/9/2026'][i % 4];
      lines.push([q(name), email, q(org), phone, p[0], p[1], p[2], q(p[3]), checkIn, ok].join(','));
    } else lines.push([q(org), q(name), email, phone, p[0], p[1], p[2], q(p[3]), ok].join(','));
  }
  // Notes under the list: skipped with a warning on either thread.
  const pad = ','.repeat(lines[0].split(',').length - 1);
  lines.push(`Total: ${rows}${pad}`, `Last updated 3/1/2026${pad}`);
  return lines.join('\r\n') + '\r\n';
}

/** A roster: known people by e-mail in other cases, new people by name at an organization, module
 * names in words and ids, an unknown module, bad and missing dates, counts, a bad state on a row
 * whose person is known by e-mail. */
function rosterCsv(rows: number): string {
  const courses = ['Initial Human Trafficking Training', 'Victim-Centered Law Enforcement Training', 'build-initial', 'Truck Stop Employee Training', 'Basket Weaving 101', 'TAT LE Training'];
  const lines = ['Email,Full Name,Agency,Course,Date Completed,Verified By,State,Number Trained,Status'];
  for (let i = 0; i < rows; i++) {
    const known = i % 3 === 0;
    const email = known ? `PERSON${i}@agency${i % 11}.example` : i % 3 === 1 ? `new${i % 400}@roster.example` : '';
    const name = i % 7 === 0 ? '' : `Walt Brenner${i % 300}`;
    const org = i % 11 === 0 ? '' : `Bench Agency ${i % 40}`;
    const date = ['3/12/2026', '2026-04-09', '', '13/45/2026'][i % 4];
    const state = i % 17 === 0 ? 'XX' : 'IA';
    const count = i % 50 === 0 ? String(10 + (i % 7)) : '';
    const status = ['Completed', '', 'In Progress', 'Not Started', '100%', 'Archived'][i % 13 % 6];
    lines.push([email, name, org, courses[i % courses.length], date, 'TAT', state, count, status].join(','));
  }
  return lines.join('\n') + '\n';
}

const TABLES: Record<string, string> = {
  organizations: 'SELECT id, name, name_key, city_key, sector, agency_type, sector_source, store_number, address, city, state, zip, county_fips, county_source, lat, lon, phone, phone_ext, email, statewide, notes, created_batch FROM organizations ORDER BY id',
  people: 'SELECT id, first_name, last_name, name_key, prefix, suffix, title, email, phone, phone_ext, organization_id, city, state, zip, county_fips, county_source, lat, lon, share_contact, notes, created_batch FROM people ORDER BY id',
  attendance: 'SELECT coalition_id, person_id, registered_at, checked_in, checked_in_at, status FROM attendance ORDER BY id',
  signoffs: 'SELECT person_id, module_id, completed_on, verified_by, coalition_id, created_batch FROM signoffs ORDER BY id',
  training_counts: 'SELECT organization_id, module_id, count, completed_on, verified_by, created_batch FROM training_counts ORDER BY id',
  batch_changes: "SELECT batch_id, table_name, row_id, action, json_remove(before_json, '$.updated_at') AS before FROM batch_changes ORDER BY id",
};

function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(Object.entries(TABLES).map(([t, sql]) => [t, db.prepare(sql).all()]));
  } finally {
    db.close();
  }
}

/** Imports `file` (in `dir`) twice, with and without the reader thread, each in a folder of its own. */
async function importBoth(dir: string, file: string, args: string[], before?: { file: string; args: string[] }) {
  const results = [];
  for (const threadBytes of ['-1', '0']) {
    const cwd = path.join(dir, `run${threadBytes}`);
    mkdirSync(cwd);
    copyFileSync(path.join(dir, file), path.join(cwd, file));
    if (before) copyFileSync(path.join(dir, before.file), path.join(cwd, before.file));
    const db = path.join(cwd, 'c.db');
    const env = { COALITION_READER_THREAD_BYTES: threadBytes };
    expect((await coalition(['new', 'ia-2026', '--name', 'Iowa 2026', '--date', '2026-04-09', '--state', 'IA,NE', '--db', db], { cwd, env })).exitCode).toBe(0);
    if (before) expect((await coalition([...before.args, before.file, '--db', db], { cwd, env })).exitCode).toBe(3);
    const rejects = 'rejects.csv';
    const r = await coalition([...args, file, '--json', '--rejects', rejects, '--db', db], { cwd, env });
    expect(r.exitCode, r.stderr).toBe(3);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    // A second import of the same people updates and never duplicates, either way.
    const again = await coalition([...args, file, '--force', '--json', '--rejects', 'again.csv', '--db', db], { cwd, env });
    expect(again.exitCode, again.stderr).toBe(3);
    results.push({ summary, again: JSON.parse(again.stdout) as Record<string, unknown>, rejects: readFileSync(path.join(cwd, rejects), 'utf8'), tables: dump(db) });
  }
  return results;
}

describe('import with the rows prepared on the reader thread', () => {
  it('gives the same contacts, warnings and rejects as preparing them on the main thread', async () => {
    const dir = tempDir('coalition-threaded-');
    writeFileSync(path.join(dir, 'messy.csv'), messyCsv(1200));
    const [inline, threaded] = await importBoth(dir, 'messy.csv', ['import', 'contacts']);
    expect(inline.summary.rejected).toBeGreaterThan(100);
    expect((inline.summary.warnings_total as number)).toBeGreaterThan(300);
    expect(threaded.rejects).not.toContain('Total: 1200');
    expect(JSON.stringify(threaded.tables.organizations)).not.toContain('Total: 1200');
    expect(threaded.summary).toEqual(inline.summary);
    expect(threaded.again).toEqual(inline.again);
    expect(threaded.rejects).toBe(inline.rejects);
    expect(threaded.tables).toEqual(inline.tables);
    expect((inline.tables.people as unknown[]).length).toBeGreaterThan(500);
  });

  it('gives the same attendees and check-ins', async () => {
    const dir = tempDir('coalition-threaded-');
    writeFileSync(path.join(dir, 'reg.csv'), messyCsv(1000, true));
    const [inline, threaded] = await importBoth(dir, 'reg.csv', ['import', 'attendees', '-c', 'ia-2026']);
    expect((inline.tables.attendance as unknown[]).length).toBeGreaterThan(400);
    expect(threaded.summary).toEqual(inline.summary);
    expect(threaded.again).toEqual(inline.again);
    expect(threaded.rejects).toBe(inline.rejects);
    expect(threaded.tables).toEqual(inline.tables);
  });

  it('gives the same sign-offs, counts, new people and rejects for a training roster', async () => {
    const dir = tempDir('coalition-threaded-');
    writeFileSync(path.join(dir, 'messy.csv'), messyCsv(800));
    writeFileSync(path.join(dir, 'roster.csv'), rosterCsv(1200));
    const [inline, threaded] = await importBoth(dir, 'roster.csv', ['import', 'trainings', '-c', 'ia-2026'], { file: 'messy.csv', args: ['import', 'contacts'] });
    expect((inline.tables.signoffs as unknown[]).length).toBeGreaterThan(200);
    expect((inline.tables.training_counts as unknown[]).length).toBeGreaterThan(3);
    expect(inline.summary.rejected).toBeGreaterThan(100);
    expect((inline.summary.skipped as Record<string, number>).not_completed).toBeGreaterThan(100);
    expect(threaded.summary).toEqual(inline.summary);
    expect(threaded.again).toEqual(inline.again);
    expect(threaded.rejects).toBe(inline.rejects);
    expect(threaded.tables).toEqual(inline.tables);
  });

  it('reads on the reader thread an XLSX workbook that takes more memory than a text file may', async () => {
    // An XLSX workbook is read whole: the partners workbook with an archive sheet of 3,000 rows of
    // long notes (small once zipped, 75 MB of XML) must not run the reader thread out of memory.
    const dir = copyFixtures(['ia-2026-partners.xlsx']);
    const files = unzipSync(readFileSync(path.join(dir, 'ia-2026-partners.xlsx')));
    const note = 'n'.repeat(5000);
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}">${['A', 'B', 'C', 'D', 'E'].map((c) => `<c r="${c}${i + 1}" t="inlineStr"><is><t>${note}</t></is></c>`).join('')}</row>`).join('');
    files['xl/worksheets/sheet3.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
    files['xl/workbook.xml'] = strToU8(strFromU8(files['xl/workbook.xml']).replace('</sheets>', '<sheet name="Archive" sheetId="3" r:id="rId99"/></sheets>'));
    files['xl/_rels/workbook.xml.rels'] = strToU8(strFromU8(files['xl/_rels/workbook.xml.rels']).replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/></Relationships>'));
    writeFileSync(path.join(dir, 'archive.xlsx'), zipSync(files));
    const r = await coalition(['import', 'contacts', 'archive.xlsx', '--json', '--db', path.join(dir, 'a.db')], { cwd: dir, env: { COALITION_READER_THREAD_BYTES: '0' } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sheet: 'Carriers', rejected: 0 });
  });

  it('reads an XLSX workbook on the reader thread the same way', async () => {
    const dir = copyFixtures(['ia-2026-partners.xlsx']);
    const out = [];
    for (const threadBytes of ['-1', '0']) {
      const db = path.join(dir, `x${threadBytes}.db`);
      const r = await coalition(['import', 'contacts', 'ia-2026-partners.xlsx', '--json', '--db', db], { cwd: dir, env: { COALITION_READER_THREAD_BYTES: threadBytes } });
      expect(r.exitCode, r.stderr).toBe(0);
      out.push({ summary: JSON.parse(r.stdout) as unknown, tables: dump(db) });
    }
    expect(out[1]).toEqual(out[0]);
  });
});
