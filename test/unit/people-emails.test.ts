// A person's other e-mail addresses (person_emails): kept by `people merge`, found by imports (both
// identity paths), by every command that takes a person by e-mail, carried by export and merge, and
// consistent with undo.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DB } from '../../src/db/connection.js';
import { createCoalition, findCoalitionRow } from '../../src/core/coalitions.js';
import { runImport } from '../../src/core/import/pipeline.js';
import { mergePeople } from '../../src/core/people/merge.js';
import { resolvePerson as resolvePinPerson } from '../../src/core/pairing/save.js';
import { migratedDb } from '../helpers/db.js';
import { run, tempDir } from '../helpers/context.js';
import { query, seededDb } from './normalize-seed.js';

const now = new Date('2026-11-28T12:00:00Z');
const POLK = "Polk County Sheriff's Office";

function write(dir: string, name: string, lines: string[]): string {
  writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
  return name;
}

function exec(file: string, sql: string): void {
  const w = new Database(file);
  try {
    w.exec(sql);
  } finally {
    w.close();
  }
}

const others = (db: DB | string, id: number) =>
  (typeof db === 'string' ? query<{ email: string }>(db, 'SELECT email FROM person_emails WHERE person_id = ? ORDER BY email', id) : (db.prepare('SELECT email FROM person_emails WHERE person_id = ? ORDER BY email').all(id) as { email: string }[])).map((r) => r.email);

describe('people merge keeps both e-mail addresses', () => {
  it('the dropped address becomes another address of the kept person, in the JSON and the message', async () => {
    const db = await seededDb();
    exec(db, "INSERT INTO people (id, first_name, last_name, name_key, email, organization_id, created_at, updated_at) VALUES (7, 'Maria', 'Kowalski', 'maria kowalski', 'mkowalski@home.example', 1, 'x', 'x')");
    const r = await run(['people', 'merge', '1', '7', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kept: 1, dropped: 7, filled: [], other_emails: ['mkowalski@home.example'] });
    expect(r.stderr).toContain('kept mkowalski@home.example as another e-mail address of person 1');
    expect(query(db, 'SELECT id, email FROM people WHERE id IN (1, 7)')).toEqual([{ id: 1, email: 'maria.kowalski@polk.gov' }]);
    expect(others(db, 1)).toEqual(['mkowalski@home.example']);
  });

  it('moves the other addresses of the dropped record too; a kept record without an e-mail takes the main one', async () => {
    const db = await seededDb();
    exec(db, `INSERT INTO people (id, first_name, last_name, name_key, email, organization_id, created_at, updated_at) VALUES (7, 'Maria', 'Kowalski', 'maria kowalski', 'mkowalski@home.example', 1, 'x', 'x');`);
    expect((await run(['people', 'merge', '1', '7', '--db', db])).code).toBe(0);
    // person 2 has no e-mail: it takes person 1's main address, and person 1's other address follows
    const r = await run(['people', 'merge', '2', '1', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kept: 2, dropped: 1, other_emails: ['mkowalski@home.example'] });
    expect(JSON.parse(r.stdout).filled).toContain('email');
    expect(query(db, 'SELECT email FROM people WHERE id = 2')).toEqual([{ email: 'maria.kowalski@polk.gov' }]);
    expect(others(db, 2)).toEqual(['mkowalski@home.example']);
    expect(query(db, 'SELECT count(*) AS n FROM person_emails')).toEqual([{ n: 1 }]);
    // people dupes still works on merged people
    expect((await run(['people', 'dupes', '--json', '--db', db])).code).toBe(0);
  });
});

describe('commands that take a person by e-mail find them by another address', () => {
  async function merged(): Promise<string> {
    const db = await seededDb();
    exec(db, "INSERT INTO people (id, first_name, last_name, name_key, email, organization_id, created_at, updated_at) VALUES (7, 'Maria', 'Kowalski', 'maria kowalski', 'mkowalski@home.example', 1, 'x', 'x')");
    expect((await run(['people', 'merge', '1', '7', '--db', db])).code).toBe(0);
    return db;
  }

  it('people show lists the other addresses (table and JSON), and finds the person by one', async () => {
    const db = await merged();
    const table = await run(['people', 'show', 'MKowalski@Home.example', '--db', db]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('id\t1\n');
    expect(table.stdout).toContain('email\tmaria.kowalski@polk.gov\nother e-mails\tmkowalski@home.example\n');
    const json = JSON.parse((await run(['people', 'show', '1', '--json', '--db', db])).stdout);
    expect(json).toMatchObject({ id: 1, email: 'maria.kowalski@polk.gov', other_emails: ['mkowalski@home.example'] });
    expect(JSON.parse((await run(['people', 'show', '5', '--json', '--db', db])).stdout).other_emails).toEqual([]);
    expect((await run(['people', 'show', '5', '--db', db])).stdout).not.toContain('other e-mails');
  });

  it('people --search matches another address', async () => {
    const db = await merged();
    const r = await run(['people', '--search', 'home.example', '--json', '--db', db]);
    expect((JSON.parse(r.stdout) as Array<{ id: number }>).map((p) => p.id)).toEqual([1]);
  });

  it('train sign and pins take another address', async () => {
    const db = await merged();
    const r = await run(['train', 'sign', 'mailto:mkowalski@HOME.example', '--module', 'le-tat', '--date', '2026-05-01', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(query(db, "SELECT person_id FROM signoffs WHERE module_id = 'le-tat' AND completed_on = '2026-05-01'")).toEqual([{ person_id: 1 }]);
    const handle = new Database(db, { readonly: true });
    try {
      expect(resolvePinPerson(handle, 'mkowalski@home.example')).toBe(1);
      // An address as pasted from a mail program reads as an import reads it, for every lookup.
      expect(resolvePinPerson(handle, 'Maria Kowalski <MKowalski@home.example>')).toBe(1);
    } finally {
      handle.close();
    }
  });

  it('people set --email refuses another person\'s other address, with the merge to run', async () => {
    const db = await merged();
    const r = await run(['people', 'set', '5', '--email', 'mkowalski@home.example', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: person 1 already has the e-mail mkowalski@home.example (as another address)');
    expect(r.stderr).toContain('hint: if they are the same person, merge them: coalition people merge 5 1');
    expect(query(db, 'SELECT email FROM people WHERE id = 5')).toEqual([{ email: 'lortega@dps.iowa.gov' }]);
  });

  it('people set --email with one of the person\'s own other addresses swaps it with the main one; clearing the main one promotes the other', async () => {
    const db = await merged();
    const swap = await run(['people', 'set', '1', '--email', 'MKowalski@home.example', '--json', '--db', db]);
    expect(swap.code, swap.stderr).toBe(0);
    expect(JSON.parse(swap.stdout)).toMatchObject({ email: 'mkowalski@home.example', other_emails: ['maria.kowalski@polk.gov'] });
    // both still find her
    expect(JSON.parse((await run(['people', 'show', 'maria.kowalski@polk.gov', '--json', '--db', db])).stdout).id).toBe(1);
    const clear = await run(['people', 'set', 'mkowalski@home.example', '--email', '', '--json', '--db', db]);
    expect(clear.code, clear.stderr).toBe(0);
    expect(JSON.parse(clear.stdout)).toMatchObject({ email: 'maria.kowalski@polk.gov', other_emails: [] });
    expect(query(db, 'SELECT count(*) AS n FROM person_emails')).toEqual([{ n: 0 }]);
    // the removed address is free again
    expect((await run(['people', 'set', '5', '--email', 'mkowalski@home.example', '--db', db])).code).toBe(0);
  });
});

/** A directory with Sgt. Dana Whitfield (work address), a registration of hers with a personal
 * address (a second record), and an e-mail-less namesake elsewhere; then the two records merged. */
async function mergedDana(deferIndexes: 'always' | 'never'): Promise<{ db: DB; dir: string; dana: number; opts: (kind: string, file: string) => Parameters<typeof runImport>[1] }> {
  const { db, dir } = await migratedDb();
  createCoalition(db, { slug: 'ia-2026', name: 'Iowa Coalition Build 2026', states: ['IA'], buildDate: '2026-03-12' }, now);
  const coalition = findCoalitionRow(db, 'ia-2026')!;
  const opts = (kind: string, file: string) => ({ kind, file, cwd: dir, now, coalition, threadBytes: -1, deferIndexes, force: true });
  await runImport(db, opts('contacts', write(dir, 'directory.csv', [
    'Agency,Officer,Email,Phone,City,State,ZIP',
    `${POLK},Sgt. Dana Whitfield,dwhitfield@polkcounty.example,,Des Moines,IA,50313`,
    'Ankeny Police Department,Chris Tran,,515-555-0177,Ankeny,IA,50023',
  ])));
  await runImport(db, opts('attendees', write(dir, 'reg.csv', ['Email,First Name,Last Name,Company', `dana.whitfield@home.example,Dana,Whitfield,${POLK}`])));
  const ids = db.prepare("SELECT id FROM people WHERE name_key = 'dana whitfield' ORDER BY id").pluck().all() as number[];
  expect(ids).toHaveLength(2);
  mergePeople(db, ids[0], ids[1], now);
  return { db, dir, dana: ids[0], opts };
}

describe.each(['never', 'always'] as const)('imports find a person by another address (people indexes: %s deferred)', (deferIndexes) => {
  it('attendees, contacts and trainings: no new person, the rows go to the kept person, whose main address stays', async () => {
    const { db, dir, dana, opts } = await mergedDana(deferIndexes);
    const people = db.prepare('SELECT count(*) FROM people').pluck().get() as number;
    const tran = db.prepare("SELECT id FROM people WHERE name_key = 'chris tran'").pluck().get() as number;

    const checkin = await runImport(db, opts('attendees', write(dir, 'checkin.csv', [
      'Email,First Name,Last Name,Company,Phone,Checked In',
      ` Dana.Whitfield@HOME.example ,D.,Whitfield,${POLK},515-555-0113,Yes`,
      // the other address with the name of an e-mail-less person elsewhere: still Dana, not a
      // namesake to fill
      'dana.whitfield@home.example,Chris,Tran,Ankeny Police Department,,Yes',
    ])));
    expect(checkin.inserted.people ?? 0).toBe(0);
    expect(db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(people);
    expect(db.prepare('SELECT person_id, checked_in FROM attendance').all()).toEqual([{ person_id: dana, checked_in: 1 }]);
    expect(db.prepare('SELECT email, phone FROM people WHERE id = ?').get(dana)).toEqual({ email: 'dwhitfield@polkcounty.example', phone: '+15155550113' });
    expect(db.prepare('SELECT email FROM people WHERE id = ?').get(tran)).toEqual({ email: null });
    expect(others(db, dana)).toEqual(['dana.whitfield@home.example']);
    // undo records: the phone was filled, not the e-mail
    const before = (db.prepare("SELECT before_json FROM batch_changes WHERE table_name = 'people' AND row_id = ? AND batch_id = ?").pluck().all(dana, checkin.batch) as string[]).map((j) => Object.keys(JSON.parse(j)));
    expect(before.flat()).not.toContain('email');

    const contacts = await runImport(db, opts('contacts', write(dir, 'roster.csv', ['Agency,Officer,Rank,Email,City,State,ZIP', `${POLK},Dana Whitfield,Sgt.,dana.whitfield@home.example,Des Moines,IA,50313`])));
    expect(contacts.inserted.people ?? 0).toBe(0);
    const trainings = await runImport(db, opts('trainings', write(dir, 'trained.csv', ['Email,Full Name,Agency,Course,Date Completed', `DANA.WHITFIELD@home.example,Dana Whitfield,${POLK},Victim-Centered Law Enforcement Training,4/2/2026`])));
    expect(trainings.inserted).toEqual({ signoffs: 1 });
    expect(db.prepare('SELECT person_id, module_id FROM signoffs').all()).toEqual([{ person_id: dana, module_id: 'le-victim-centered' }]);
    expect(db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(people);
  });
});

describe('imports undo and merged people', () => {
  async function twoBatches(): Promise<{ db: string; a: number; b: number }> {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--db', db]);
    write(dir, 'directory.csv', ['Agency,Officer,Email,City,State,ZIP', `${POLK},Dana Whitfield,dwhitfield@polkcounty.example,Des Moines,IA,50313`]);
    write(dir, 'reg.csv', ['Email,First Name,Last Name,Company,Checked In', `dana.whitfield@home.example,Dana,Whitfield,${POLK},Yes`]);
    expect((await run(['import', 'contacts', path.join(dir, 'directory.csv'), '--db', db])).code).toBe(0);
    expect((await run(['import', 'attendees', path.join(dir, 'reg.csv'), '-c', 'ia-2026', '--db', db])).code).toBe(0);
    const [a, b] = query<{ id: number }>(db, 'SELECT id FROM people ORDER BY id').map((p) => p.id);
    return { db, a, b };
  }

  it('keeping the first batch\'s record: undoing it is refused while the second batch\'s attendance hangs on it; undoing the second keeps both addresses', async () => {
    const { db, a, b } = await twoBatches();
    expect((await run(['people', 'merge', String(a), String(b), '--db', db])).code).toBe(0);
    const refused = await run(['imports', 'undo', '1', '--yes', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/attendance #\d+ \(batch 2\)/);
    expect(others(db, a)).toEqual(['dana.whitfield@home.example']);
    expect((await run(['imports', 'undo', '2', '--yes', '--db', db])).code).toBe(0);
    expect(query(db, 'SELECT id, email FROM people')).toEqual([{ id: a, email: 'dwhitfield@polkcounty.example' }]);
    expect(others(db, a)).toEqual(['dana.whitfield@home.example']);
    // undoing the batch that created the merged person now removes it with its addresses
    expect((await run(['imports', 'undo', '1', '--yes', '--db', db])).code).toBe(0);
    expect(query(db, 'SELECT count(*) AS n FROM people')).toEqual([{ n: 0 }]);
    expect(query(db, 'SELECT count(*) AS n FROM person_emails')).toEqual([{ n: 0 }]);
  });

  it('keeping the second batch\'s record: it takes the first batch, so undoing the second leaves it with both addresses', async () => {
    const { db, a, b } = await twoBatches();
    expect((await run(['people', 'merge', String(b), String(a), '--db', db])).code).toBe(0);
    expect(query(db, 'SELECT created_batch FROM people WHERE id = ?', b)).toEqual([{ created_batch: 1 }]);
    expect((await run(['imports', 'undo', '2', '--yes', '--db', db])).code).toBe(0);
    expect(query(db, 'SELECT id, email FROM people')).toEqual([{ id: b, email: 'dana.whitfield@home.example' }]);
    expect(others(db, b)).toEqual(['dwhitfield@polkcounty.example']);
    // the directory's address still finds her: re-importing the directory adds nobody
    const again = await run(['import', 'contacts', path.join(path.dirname(db), 'directory.csv'), '--force', '--json', '--db', db]);
    expect(JSON.parse(again.stdout).inserted.people ?? 0).toBe(0);
  });
});

describe('export and merge carry the other addresses', () => {
  async function bundle(): Promise<{ file: string; dir: string }> {
    const dir = tempDir();
    const db = path.join(dir, 'state.db');
    await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--db', db]);
    write(dir, 'reg.csv', ['Email,First Name,Last Name,Company,Checked In', `dwhitfield@polkcounty.example,Dana,Whitfield,${POLK},Yes`, `dana.whitfield@home.example,Dana,Whitfield,${POLK},`]);
    expect((await run(['import', 'attendees', path.join(dir, 'reg.csv'), '-c', 'ia-2026', '--db', db])).code).toBe(0);
    expect((await run(['people', 'merge', 'dwhitfield@polkcounty.example', 'dana.whitfield@home.example', '--db', db])).code).toBe(0);
    const file = path.join(dir, 'ia-2026.coalition');
    const r = await run(['export', '-c', 'ia-2026', '-o', file, '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).counts).toMatchObject({ people: 1, person_emails: 1 });
    expect(query(file, 'SELECT email FROM person_emails')).toEqual([{ email: 'dana.whitfield@home.example' }]);
    return { file, dir };
  }

  async function target(dir: string, name: string, rows: string[] = []): Promise<string> {
    const db = path.join(dir, name);
    await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--db', db]);
    if (rows.length) {
      write(dir, `${name}.csv`, ['Email,First Name,Last Name,Company', ...rows]);
      expect((await run(['import', 'attendees', path.join(dir, `${name}.csv`), '-c', 'ia-2026', '--db', db])).code).toBe(0);
    }
    return db;
  }

  it('into a new database: one person with both addresses; a second merge changes nothing', async () => {
    const { file, dir } = await bundle();
    const db = await target(dir, 'national.db');
    const r = await run(['merge', file, '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).added).toMatchObject({ people: 1, person_emails: 1 });
    const [dana] = query<{ id: number; email: string }>(db, 'SELECT id, email FROM people');
    expect(dana.email).toBe('dwhitfield@polkcounty.example');
    expect(others(db, dana.id)).toEqual(['dana.whitfield@home.example']);
    const again = JSON.parse((await run(['merge', file, '--json', '--db', db])).stdout);
    expect(again.batch).toBeNull();
    expect(again.unchanged.person_emails).toBe(1);
  });

  it('into a database that knows her by the other address only: no duplicate; the bundle\'s main address becomes another one; undo takes it back', async () => {
    const { file, dir } = await bundle();
    const db = await target(dir, 'home.db', [`dana.whitfield@home.example,Dana,Whitfield,${POLK}`]);
    const r = await run(['merge', file, '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.added).toMatchObject({ people: 0, person_emails: 1 });
    expect(report.left_alone).toEqual([]);
    const people = query<{ id: number; email: string }>(db, 'SELECT id, email FROM people');
    expect(people).toHaveLength(1);
    expect(people[0].email).toBe('dana.whitfield@home.example');
    expect(others(db, people[0].id)).toEqual(['dwhitfield@polkcounty.example']);
    const undo = await run(['merge', '--undo', String(report.batch), '--json', '--db', db]);
    expect(undo.code, undo.stderr).toBe(0);
    expect(JSON.parse(undo.stdout).removed).toMatchObject({ person_emails: 1 });
    expect(query(db, 'SELECT count(*) AS n FROM person_emails')).toEqual([{ n: 0 }]);
  });

  it('into a database where the two addresses are two people: neither is merged behind the coordinator\'s back; the address is reported', async () => {
    const { file, dir } = await bundle();
    const db = await target(dir, 'two.db', [`dwhitfield@polkcounty.example,Dana,Whitfield,${POLK}`, `dana.whitfield@home.example,Dana,Whitfield,${POLK}`]);
    const r = await run(['merge', file, '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const work = query<{ id: number }>(db, "SELECT id FROM people WHERE email = 'dwhitfield@polkcounty.example'")[0].id;
    expect(report.left_alone).toEqual([{ table: 'people', id: work, name: 'Dana Whitfield', fields: ['email'] }]);
    expect(query(db, 'SELECT count(*) AS n FROM people')).toEqual([{ n: 2 }]);
    expect(query(db, 'SELECT count(*) AS n FROM person_emails')).toEqual([{ n: 0 }]);
  });
});
