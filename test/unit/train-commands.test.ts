/** Command tests for `coalition train …` with the test context: a fixed clock, no terminal unless
 * asked, scripted prompts. People and attendance are seeded with SQL so these tests do not depend on
 * the import pipeline. */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { orgKey } from '../../src/core/normalize/sector.js';
import { personKey } from '../../src/core/normalize/name.js';
import { run, scriptedPrompts, tempDb, tempDir } from '../helpers/context.js';

let db: string;

function seed(file: string) {
  const d = new Database(file);
  const ts = '2026-03-01T00:00:00Z';
  const org = (name: string, city: string, sector: string, agency: string | null) =>
    Number(d.prepare('INSERT INTO organizations (name, name_key, city_key, city, state, sector, agency_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(name, orgKey(name), city.toLowerCase(), city, 'IA', sector, agency, ts, ts).lastInsertRowid);
  const scott = org("Scott County Sheriff's Office", 'Davenport', 'law_enforcement', 'sheriff');
  const polk = org("Polk County Sheriff's Office", 'Des Moines', 'law_enforcement', 'sheriff');
  const iowa80 = org('Iowa 80 Truckstop', 'Walcott', 'truck_stop', null);
  const person = (first: string, last: string, email: string | null, orgId: number, title: string | null = null) =>
    Number(d.prepare('INSERT INTO people (first_name, last_name, name_key, title, email, organization_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(first, last, personKey(first, last), title, email, orgId, ts, ts).lastInsertRowid);
  const maria = person('Maria', 'Kowalski', 'mkowalski@scottcounty.example', scott, 'Lt.');
  const aaron = person('Aaron', 'Fleck', 'afleck@scottcounty.example', scott, 'Deputy');
  const dana1 = person('Dana', 'Whitfield', 'dwhitfield@polkcounty.example', polk, 'Sgt.');
  const dana2 = person('Dana', 'Whitfield', null, scott);
  const dale = person('Dale', 'Hendricks', 'dhendricks@iowa80.example', iowa80, 'General Manager');
  const c = d.prepare("SELECT id FROM coalitions WHERE slug = 'ia-2026'").get() as { id: number };
  for (const [p, checked] of [[maria, 1], [aaron, 1], [dana1, 1], [dana2, 0], [dale, 1]] as const) {
    d.prepare('INSERT INTO attendance (coalition_id, person_id, checked_in, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(c.id, p, checked, ts, ts);
  }
  d.close();
  return { maria, aaron, dana1, dana2, dale, scott, polk, iowa80 };
}

let ids: ReturnType<typeof seed>;
const cli = (args: string[], o: Parameters<typeof run>[1] = {}) => run(['--db', db, ...args], o);

beforeEach(async () => {
  db = tempDb();
  expect((await cli(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12'])).code).toBe(0);
  ids = seed(db);
});

describe('train modules', () => {
  it('lists the catalog as TSV when piped and adds a module', async () => {
    const r = await cli(['train', 'modules']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('id\tname\taudience\tbuilt in\tdescription');
    expect(r.stdout).toContain('le-victim-centered\tVictim-centered law enforcement training\tlaw_enforcement\tyes');
    const add = await cli(['train', 'modules', 'add', 'hotel-staff', '--name', 'Hotel staff training', '--audience', 'other']);
    expect(add).toMatchObject({ code: 0, stdout: 'hotel-staff\n' });
    const json = JSON.parse((await cli(['train', 'modules', '--json'])).stdout);
    expect(json.find((m: { id: string }) => m.id === 'hotel-staff')).toEqual({ id: 'hotel-staff', name: 'Hotel staff training', audience: 'other', description: null, builtin: false });
    const bad = await cli(['train', 'modules', 'add', 'Hotel Staff', '--name', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a usable module id/);
  });
});

describe('train sign', () => {
  it('records by email in another case, defaults the date to today, and is idempotent', async () => {
    const r = await cli(['train', 'sign', 'MKowalski@ScottCounty.EXAMPLE', '--module', 'le-victim-centered', '--by', 'Iowa AG', '-c', 'ia-2026']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Recorded le-victim-centered for Maria Kowalski (id ${ids.maria}) on 2026-11-28`);
    expect(r.stderr).not.toContain('not registered');
    const again = await cli(['train', 'sign', String(ids.maria), '--module', 'Victim-Centered Law Enforcement Training', '--date', '2026-11-28']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Already recorded');
    expect(again.stderr).toContain('nothing changed');
    const list = JSON.parse((await cli(['train', 'list', '--json'])).stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ type: 'person', person_id: ids.maria, module: 'le-victim-centered', completed_on: '2026-11-28', verified_by: 'Iowa AG', coalition: 'ia-2026', count: 1 });
  });

  it('warns when the person is not registered for the coalition named', async () => {
    expect((await cli(['new', '--name', 'Nebraska Build', '--state', 'NE', '--date', '2026-06-02'])).code).toBe(0);
    const r = await cli(['train', 'sign', String(ids.maria), '--module', 'build-initial', '-c', 'ne-2026']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: Maria Kowalski (id ${ids.maria}) is not registered for ne-2026; the sign-off is linked to it anyway`);
  });

  it('takes a unique name; an ambiguous name off a terminal lists ids and organizations, no emails', async () => {
    expect((await cli(['train', 'sign', 'aaron fleck', '--module', 'build-initial', '--date', '2026-03-12'])).code).toBe(0);
    const r = await cli(['train', 'sign', 'Dana Whitfield', '--module', 'build-initial']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: "Dana Whitfield" matches 2 people: ${ids.dana1} (Sgt. Dana Whitfield, Polk County Sheriff's Office); ${ids.dana2} (Dana Whitfield, Scott County Sheriff's Office)`);
    expect(r.stderr).toContain('hint: pass the id');
    expect(r.stderr).not.toContain('@');
    const none = await cli(['train', 'sign', 'Nobody Here', '--module', 'build-initial']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no person named "Nobody Here"');
  });

  it('on a terminal, searches by name when the name is ambiguous', async () => {
    const prompts = scriptedPrompts([{ id: ids.dana2, name: 'Dana Whitfield', title: null, email: null, organization: "Scott County Sheriff's Office", organization_id: ids.scott }]);
    const r = await cli(['train', 'sign', 'Dana Whitfield', '--module', 'build-initial', '--date', '2026-03-12'], { tty: true, prompts });
    expect(r.code).toBe(0);
    expect(prompts.asked).toEqual(['Several people are named "Dana Whitfield"; which one?']);
    expect(r.stderr).toContain(`(id ${ids.dana2})`);
  });

  it('refuses an unknown module naming the ids, and a bad date', async () => {
    const r = await cli(['train', 'sign', String(ids.maria), '--module', 'forklift']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown module "forklift"; known modules: build-initial');
    const d = await cli(['train', 'sign', String(ids.maria), '--module', 'driver', '--date', '2026-02-30']);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('"2026-02-30" is not a date');
    const m = await cli(['train', 'sign', String(ids.maria)]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('missing --module');
  });
});

describe('train count', () => {
  it('records an organization\'s count by name, is idempotent, refuses a different count without --replace', async () => {
    const r = await cli(['train', 'count', 'IOWA 80 TRUCKSTOP', '--module', 'truck stop employee training', '--count', '18', '--date', '2026-04-15', '-c', 'ia-2026']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Recorded 18 trained in truck-stop-employee at Iowa 80 Truckstop (id ${ids.iowa80}) on 2026-04-15`);
    expect((await cli(['train', 'count', String(ids.iowa80), '--module', 'truck-stop-employee', '--count', '18', '--date', '2026-04-15'])).stderr).toContain('nothing changed');
    const diff = await cli(['train', 'count', String(ids.iowa80), '--module', 'truck-stop-employee', '--count', '20', '--date', '2026-04-15']);
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain('hint: to change it to 20, add --replace');
    expect((await cli(['train', 'count', String(ids.iowa80), '--module', 'truck-stop-employee', '--count', '20', '--date', '2026-04-15', '--replace'])).code).toBe(0);
    const list = JSON.parse((await cli(['train', 'list', '--json', '--module', 'truck-stop-employee'])).stdout);
    expect(list).toEqual([expect.objectContaining({ type: 'organization', organization_id: ids.iowa80, count: 20, coalition: 'ia-2026' })]);
    expect((await cli(['train', 'count', 'Nowhere Inc', '--module', 'driver', '--count', '3'])).code).toBe(1);
    expect((await cli(['train', 'count', String(ids.iowa80), '--module', 'driver', '--count', 'many'])).stderr).toContain('not a whole number');
  });
});

describe('train missing and list', () => {
  it('lists checked-in attendees without the sign-off, in every record format', async () => {
    await cli(['train', 'sign', String(ids.maria), '--module', 'build-initial', '--date', '2026-03-12', '-c', 'ia-2026']);
    const tsv = await cli(['train', 'missing', '--module', 'build-initial', '-c', 'ia-2026']);
    expect(tsv.code).toBe(0);
    const lines = tsv.stdout.trim().split('\n');
    expect(lines[0]).toBe('person id\tname\torganization\tsector\tagency type\tcounty');
    // Aaron, Dana (Polk), Dale: checked in and not signed off. Dana (Scott) did not check in.
    expect(lines.slice(1).map((l) => Number(l.split('\t')[0])).sort()).toEqual([ids.aaron, ids.dana1, ids.dale].sort());
    const json = JSON.parse((await cli(['train', 'missing', '--module', 'build-initial', '-c', 'ia-2026', '--json'])).stdout);
    expect(json.map((r: { person_id: number }) => r.person_id).sort()).toEqual([ids.aaron, ids.dana1, ids.dale].sort());
    const csv = (await cli(['train', 'missing', '--module', 'build-initial', '-c', 'ia-2026', '--format', 'csv'])).stdout;
    expect(csv.split('\r\n')[0]).toBe('person id,name,organization,sector,agency type,county');
    const table = await cli(['train', 'missing', '--module', 'build-initial', '-c', 'ia-2026'], { tty: true });
    expect(table.stdout).toContain('Deputy Aaron Fleck');
    expect(table.stderr).toContain('1 of 4 checked-in attendees of ia-2026 signed off on build-initial; 3 still to train');
    // The LE module asks only law enforcement, unless --all-sectors.
    const le = JSON.parse((await cli(['train', 'missing', '--module', 'le-victim-centered', '-c', 'ia-2026', '--json'])).stdout);
    expect(le.map((r: { person_id: number }) => r.person_id).sort()).toEqual([ids.maria, ids.aaron, ids.dana1].sort());
    const all = JSON.parse((await cli(['train', 'missing', '--module', 'le-victim-centered', '-c', 'ia-2026', '--json', '--all-sectors'])).stdout);
    expect(all).toHaveLength(4);
    expect((await cli(['train', 'missing', '-c', 'ia-2026'])).code).toBe(2);
  });

  it('lists by person and writes CSV to a file', async () => {
    await cli(['train', 'sign', String(ids.maria), '--module', 'build-initial', '--date', '2026-03-12']);
    await cli(['train', 'sign', String(ids.aaron), '--module', 'build-initial', '--date', '2026-03-12']);
    const one = JSON.parse((await cli(['train', 'list', '--person', 'mkowalski@scottcounty.example', '--json'])).stdout);
    expect(one).toHaveLength(1);
    const dir = tempDir();
    const out = path.join(dir, 'trained.csv');
    expect((await cli(['train', 'list', '--format', 'csv', '-o', out])).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe('date,module,type,person id,name,organization,sector,trained,verified by,coalition');
    expect(text).toContain('Lt. Maria Kowalski');
  });
});

describe('train certificate', () => {
  it('refuses without a sign-off and prints HTML with the sign-off', async () => {
    const no = await cli(['train', 'certificate', String(ids.maria), '--module', 'le-victim-centered', '--format', 'html']);
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('has no sign-off for le-victim-centered; no certificate printed');
    await cli(['train', 'sign', String(ids.maria), '--module', 'le-victim-centered', '--date', '2026-03-12', '--by', "Iowa Attorney General's Office", '-c', 'ia-2026']);
    const r = await cli(['train', 'certificate', 'mkowalski@scottcounty.example', '--module', 'le-victim-centered', '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Lt. Maria Kowalski');
    expect(r.stdout).toContain('Victim-centered law enforcement training');
    expect(r.stdout).toContain('March 12, 2026');
    expect(r.stdout).toContain('Iowa Attorney General&#39;s Office');
    expect(r.stdout).toContain('Iowa Coalition Build 2026');
    expect(r.stdout).toContain('1-888-373-7888');
    expect(r.stdout.toLowerCase()).not.toContain('prostitut');
    expect(r.stdout).toContain('on March 12, 2026, at the Iowa Coalition Build 2026');
    // A roll-call training a week later, linked to the coalition, was not held at the build.
    await cli(['train', 'sign', String(ids.aaron), '--module', 'le-victim-centered', '--date', '2026-03-18', '-c', 'ia-2026']);
    const later = await cli(['train', 'certificate', String(ids.aaron), '--module', 'le-victim-centered', '--format', 'html']);
    expect(later.stdout).toContain('on March 18, 2026, following the Iowa Coalition Build 2026.');
    expect(later.stdout).not.toContain('at the Iowa Coalition Build');
    const pdf = await cli(['train', 'certificate', String(ids.maria), '--module', 'le-victim-centered', '--format', 'pdf']);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('PDF output needs a file');
  });
});
