// A big import drops the people e-mail and name indexes and resolves identity in memory
// (identity-index.ts). Both paths must give the same database: the same imports are run with the
// indexes kept and with them dropped, and every table is compared.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DB } from '../../src/db/connection.js';
import { createCoalition, findCoalitionRow } from '../../src/core/coalitions.js';
import { runImport, type ImportOptions } from '../../src/core/import/pipeline.js';
import { migratedDb } from '../helpers/db.js';
import { copyFixtures } from '../helpers/e2e.js';

const now = new Date('2026-11-28T12:00:00Z');

/** Rows that exercise every identity rule: e-mails in other cases and with spaces, a name-only
 * person filled with an e-mail later, namesakes at other organizations, an e-mail shared by two
 * names, people without an organization's city, a second row changing consent. */
function identityFile(dir: string): string {
  const rows = [
    'Agency,Name,Email,Phone,City,State,ZIP,OK to list',
    "Polk County Sheriff's Office,Sgt. Dana Kessler,,(515) 555-0100,Des Moines,IA,50309,Y",
    "Polk County Sheriff's Office,Dana Kessler,DKessler@Polk.example ,,Des Moines,IA,50309,",
    "Polk County Sheriff's Office,Dana Kessler,dkessler@polk.example,515.555.0101,Des Moines,IA,50309,N",
    'Ankeny Police Department,Dana Kessler,,,Ankeny,IA,50023,',
    'Ankeny Police Department,Dana Kessler,,515-555-0102,Ankeny,IA,50023,',
    'Ankeny Police Department,Rob Odom,shared@ankeny.example,,Ankeny,IA,50023,',
    'Ankeny Police Department,Robert Odom,SHARED@ankeny.example,,Ankeny,IA,50023,Y',
    'Pilot Travel Center #412,Lynn Fleck,,,,IA,50317,',
    'Pilot Travel Center #412,Lynn Fleck,lynn@pilot.example,,Des Moines,IA,50317,',
    'Pilot Travel Center #412,,help@pilot.example,(515) 555-0199,Des Moines,IA,50317,',
    "Story County Sheriff's Office,Maria Kowalski,mkowalski@scottcounty.example,,Nevada,IA,50201,",
    // Two people of one name at one organization: a row without an e-mail is the first of them.
    'Ankeny Police Department,Chris Tran,ctran1@ankeny.example,,Ankeny,IA,50023,',
    'Ankeny Police Department,Chris Tran,ctran2@ankeny.example,,Ankeny,IA,50023,',
    'Ankeny Police Department,Chris Tran,,515-555-0177,Ankeny,IA,50023,',
  ];
  for (let i = 0; i < 60; i++) rows.push(`Story County Sheriff's Office,Person ${i % 20} Greer,${i % 3 === 0 ? '' : `p${i % 20}@story.example`},,Nevada,IA,50201,`);
  writeFileSync(path.join(dir, 'identity.csv'), rows.join('\n') + '\n');
  return 'identity.csv';
}

/** Sign-offs repeated within the file (e-mail in another case), and one on another date. */
function rosterFile(dir: string): string {
  const rows = ['Email,Full Name,Agency,Course,Date Completed'];
  for (const email of ['dkessler@polk.example', 'DKESSLER@polk.example', 'walkin@example.org']) rows.push(`${email},Dana Kessler,Polk County Sheriff's Office,Victim-Centered Law Enforcement Training,4/2/2026`);
  rows.push("dkessler@polk.example,Dana Kessler,Polk County Sheriff's Office,Victim-Centered Law Enforcement Training,4/3/2026");
  rows.push("ctran2@ankeny.example,Chris Tran,Ankeny Police Department,Initial Human Trafficking Training,2026-03-12");
  writeFileSync(path.join(dir, 'roster.csv'), rows.join('\n') + '\n');
  return 'roster.csv';
}

/** Registrations with only an e-mail (no name), the same e-mail twice in other cases. */
function emailOnlyFile(dir: string): string {
  writeFileSync(path.join(dir, 'email-only.csv'), ['Email Address,Agency or Company', 'walkin@example.org,', ' WALKIN@example.org ,Ankeny Police Department', 'dkessler@polk.example,'].join('\n') + '\n');
  return 'email-only.csv';
}

async function run(deferIndexes: 'always' | 'never'): Promise<{ db: DB; summaries: unknown[] }> {
  const { db } = await migratedDb();
  const dir = copyFixtures(['ia-law-enforcement.csv', 'ia-truck-stops.csv', 'ia-2026-eventbrite.csv', 'ia-2026-google-forms.csv', 'ia-2026-signin-excel.csv', 'trainings-ia-2026-roster.csv']);
  createCoalition(db, { slug: 'ia-2026', name: 'Iowa Coalition Build 2026', states: ['IA'], buildDate: '2026-03-12' }, now);
  const coalition = findCoalitionRow(db, 'ia-2026')!;
  const opts = (kind: string, file: string): ImportOptions => ({ kind, file, cwd: dir, now, coalition, threadBytes: -1, deferIndexes, force: true });
  const summaries = [];
  for (const [kind, file] of [
    ['contacts', 'ia-law-enforcement.csv'],
    ['contacts', 'ia-truck-stops.csv'],
    ['contacts', identityFile(dir)],
    ['attendees', 'ia-2026-eventbrite.csv'],
    ['attendees', 'ia-2026-google-forms.csv'],
    ['attendees', 'ia-2026-signin-excel.csv'],
    ['attendees', emailOnlyFile(dir)],
    ['trainings', 'trainings-ia-2026-roster.csv'],
    // Again: every sign-off is a duplicate now.
    ['trainings', 'trainings-ia-2026-roster.csv'],
    ['trainings', rosterFile(dir)],
  ]) {
    const s = await runImport(db, opts(kind, file));
    summaries.push({ ...s, rejects_file: null });
  }
  return { db, summaries };
}

const dump = (db: DB, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();

describe('identity with the people indexes dropped (big imports) and kept', () => {
  it('gives the same people, organizations, attendance, sign-offs, undo records and summaries', async () => {
    const kept = await run('never');
    const dropped = await run('always');
    expect(dropped.summaries).toEqual(kept.summaries);
    for (const table of ['people', 'organizations', 'attendance', 'signoffs', 'training_counts', 'batch_changes']) {
      expect({ table, rows: dump(dropped.db, table) }).toEqual({ table, rows: dump(kept.db, table) });
    }
    // The indexes came back, and the e-mails are unique.
    const indexes = (db: DB) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('people', 'signoffs') ORDER BY name").all();
    expect(indexes(dropped.db)).toEqual(indexes(kept.db));
    expect(dropped.db.prepare('SELECT count(*) FROM people').pluck().get()).toBeGreaterThan(100);
    expect(dropped.db.prepare('SELECT count(*) - count(DISTINCT email) FROM people WHERE email IS NOT NULL').pluck().get()).toBe(0);
    expect(indexes(dropped.db).map((r) => (r as { name: string }).name)).toEqual(expect.arrayContaining(['people_email', 'people_name_org', 'signoffs_person']));
    const trainings = kept.summaries.slice(-3) as Array<{ inserted: Record<string, number>; duplicates: number }>;
    expect(trainings[1].inserted.signoffs ?? 0).toBe(0);
    expect(trainings[1].duplicates).toBeGreaterThan(0);
    expect(trainings[2]).toMatchObject({ inserted: { signoffs: 4 }, duplicates: 1 });
  });
});
