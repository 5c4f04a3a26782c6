import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, scriptedPrompts, tempDir } from '../helpers/context.js';
import { query, seededDb } from './normalize-seed.js';

const CONTRACT_KEYS = ['id', 'first_name', 'last_name', 'title', 'email', 'phone', 'organization', 'organization_id', 'sector', 'agency_type', 'city', 'state', 'zip', 'county', 'county_fips', 'county_source', 'share_contact'];

async function ids(db: string, ...args: string[]): Promise<number[]> {
  const r = await run(['people', '--json', '--db', db, ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as Array<{ id: number }>).map((p) => p.id);
}

describe('coalition people', () => {
  it('lists people as TSV when piped, sorted by last name, E.164 phones', async () => {
    const db = await seededDb();
    const r = await run(['people', '--db', db]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id\tfirst_name\tlast_name\ttitle\temail\tphone\tphone_ext\torganization\torganization_id\tsector\tagency_type\tcity\tstate\tzip\tcounty\tcounty_fips\tcounty_source\tshare_contact');
    expect(lines.slice(1).map((l) => l.split('\t')[2])).toEqual(['Cooper', 'Kowalski', 'Kowalsky', 'Lee', 'Moore', 'Ortega']);
    expect(lines[2]).toBe("1\tMaria\tKowalski\tLt.\tmaria.kowalski@polk.gov\t+15155550123\t12\tPolk County Sheriff's Office\t1\tlaw_enforcement\tsheriff\tDes Moines\tIA\t50309\tPolk County\t19153\tzip\tyes");
  });

  it('prints the contract JSON keys, phones in E.164, consent as true/false/null', async () => {
    const db = await seededDb();
    const r = await run(['people', '--json', '--db', db]);
    const people = JSON.parse(r.stdout);
    for (const k of CONTRACT_KEYS) expect(people[0]).toHaveProperty(k);
    const maria = people.find((p: { id: number }) => p.id === 1);
    expect(maria).toEqual({
      id: 1, first_name: 'Maria', last_name: 'Kowalski', title: 'Lt.', email: 'maria.kowalski@polk.gov', phone: '+15155550123', phone_ext: '12',
      organization: "Polk County Sheriff's Office", organization_id: 1, sector: 'law_enforcement', agency_type: 'sheriff', city: 'Des Moines', state: 'IA',
      zip: '50309', county: 'Polk County', county_fips: '19153', county_source: 'zip', share_contact: true,
    });
    expect(people.find((p: { id: number }) => p.id === 2).share_contact).toBeNull();
    expect(people.find((p: { id: number }) => p.id === 3).share_contact).toBe(false);
  });

  it('shows phones in the national style in a terminal table', async () => {
    const db = await seededDb();
    const r = await run(['people', '--db', db], { tty: true, columns: 160 });
    expect(r.stdout).toContain('(515) 555-0123 ext. 12');
    expect(r.stdout).not.toContain('+15155550123');
    expect(r.stdout).toContain('law_enforcement/sheriff');
  });

  it('writes CSV to a file with -o', async () => {
    const db = await seededDb();
    const { tempDir } = await import('../helpers/context.js');
    const dir = tempDir();
    const r = await run(['people', '--format', 'csv', '-o', 'people.csv', '--db', db], { cwd: dir });
    expect(r.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(`${dir}/people.csv`, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('id,first_name,last_name');
    expect(csv).toContain("'+15155550123"); // a leading + is neutralized for spreadsheets
  });

  it.each([
    [['--sector', 'law_enforcement'], [1, 2, 6, 5]],
    [['--sector', 'LE'], [1, 2, 6, 5]],
    [['--sector', 'Truck Stop Manager/Owner'], [3]],
    [['--agency-type', 'sheriff'], [1, 2, 6]],
    [['--sector', 'law_enforcement', '--agency-type', 'DPS'], [5]],
    [['--county', 'Polk'], [1, 2, 5]],
    [['--county', 'Polk County, IA'], [1, 2, 5]],
    [['--county', '19169'], [3]],
    [['--state', 'NE'], [6]],
    [['--state', 'Nebraska'], [6]],
    [['-c', 'ia-2026'], [3, 1, 2, 5]],
    [['-c', 'ia-2026', '--attended'], [3, 1]],
    [['--attended'], [3, 1]],
    [['--untrained', 'build-initial'], [4, 6, 5]],
    [['--untrained', 'Initial Human Trafficking Training'], [4, 6, 5]],
    [['-c', 'ia-2026', '--untrained', 'build-initial'], [5]],
    [['--untrained', 'le-tat', '--sector', 'law_enforcement'], [1, 6, 5]],
    [['--search', 'kowal'], [1, 2]],
    [['--search', 'Kowalski, Maria'], [1]],
    [['--search', 'pilot'], [3]],
    [['--search', '555-0199'], [3]],
    [['--search', 'TROOPER'], [5]],
    [['--search', '100%'], []],
  ])('filters %j', async (args, expected) => {
    const db = await seededDb();
    expect(await ids(db, ...args)).toEqual(expected);
  });

  it.each([
    [['--sector', 'banana'], 2, /unknown sector "banana"/, /law_enforcement, government/],
    [['--agency-type', 'wizard'], 2, /unknown agency type "wizard"/, /sheriff, police/],
    [['--sector', 'trucking', '--agency-type', 'sheriff'], 2, /unknown agency type "sheriff" for trucking/, /carrier, association/],
    [['--state', 'XX'], 2, /"XX" is not a US state/, /two-letter/],
    [['--county', 'Washington'], 2, /"Washington" is a county name in \d+ states/, /Washington County, IA \(19183\)/],
    [['--county', 'Nowhere'], 2, /no county "Nowhere"/, /FIPS/],
    [['--county', '99999'], 2, /no county has the FIPS code 99999/, /19153/],
    [['--untrained', 'nope'], 1, /unknown module "nope"; known modules: build-initial/, /coalition train modules/],
    [['-c', 'nope'], 1, /no coalition "nope"/, /ia-2026/],
    [['--json', '--format', 'csv'], 2, /contradict/, /one of them/],
  ])('refuses %j', async (args, code, message, hint) => {
    const db = await seededDb();
    const r = await run(['people', '--db', db, ...args]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    const [err, h] = r.stderr.split('\n');
    expect(err).toMatch(/^error: /);
    expect(err).toMatch(message);
    expect(h).toMatch(hint);
  });

  it('says so on a terminal when nothing matches', async () => {
    const db = await seededDb();
    const r = await run(['people', '--state', 'TX', '--db', db], { tty: true });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/No people match/);
  });
});

describe('coalition people show', () => {
  it.each([['1'], ['#1'], ['maria.kowalski@polk.gov'], ['  MARIA.Kowalski@Polk.gov '], ['Maria Kowalski'], ['Kowalski, Maria']])('finds a person by %j', async (ref) => {
    const db = await seededDb();
    const r = await run(['people', 'show', ref, '--json', '--db', db]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p).toMatchObject({ id: 1, organization: "Polk County Sheriff's Office", county: 'Polk County', county_fips: '19153' });
    expect(p.attendance).toEqual([{ coalition: 'ia-2026', name: 'Iowa Coalition Build 2026', build_date: '2026-03-12', registered_at: '2026-02-01', checked_in: true, checked_in_at: '2026-03-12T14:05:00Z', ticket_type: null }]);
    expect(p.signoffs).toEqual([{ module: 'build-initial', module_name: 'Initial human-trafficking training (coalition build)', completed_on: '2026-03-12', verified_by: null, coalition: 'ia-2026' }]);
    expect(p.organization_details).toMatchObject({ id: 1, sector: 'law_enforcement', phone: '+15152861800' });
  });

  it('prints fields with the county source and attendance in words', async () => {
    const db = await seededDb();
    const r = await run(['people', 'show', '2', '--db', db]);
    expect(r.stdout).toContain('phone\t(515) 555-0123 ext. 12\n');
    expect(r.stdout).toContain('county\tPolk County, IA (19153; from the ZIP code)\n');
    expect(r.stdout).toContain('share contact\tnot asked (treated as no)\n');
    expect(r.stdout).toContain('attendance: ia-2026\tregistered, not checked in\n');
    expect(r.stdout).toContain('sign-off: build-initial\t2026-03-12, verified by TAT trainer (ia-2026)\n');
  });

  it('offers the people a name fits on a terminal', async () => {
    const db = await seededDb();
    const prompts = scriptedPrompts([2]);
    const r = await run(['people', 'show', 'Kowal', '--json', '--db', db], { tty: true, prompts });
    expect(r.code).toBe(0);
    expect(prompts.asked).toEqual(['Which person is "Kowal"?']);
    expect(JSON.parse(r.stdout).id).toBe(2);
  });

  it.each([
    ['999', /no person with id 999/],
    ['nobody@example.org', /no person with the e-mail nobody@example.org/],
    ['Nobody Here', /no person called "Nobody Here"/],
  ])('%j is not found (exit 1)', async (ref, msg) => {
    const db = await seededDb();
    const r = await run(['people', 'show', ref, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).toMatch(/hint: /);
  });
});

describe('coalition people set', () => {
  it('corrects fields; a county set by hand is manual', async () => {
    const db = await seededDb();
    const r = await run(['people', 'set', '2', '--county', 'Story', '--title', 'Sgt.', '--phone', '(515) 555-0177 x3', '--share-contact', 'yes', '--first-name', 'MARIA', '--last-name', 'kowalsky', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Updated person 2: /);
    expect(query(db, 'SELECT title, phone, phone_ext, share_contact, county_fips, county_source, first_name, last_name, name_key FROM people WHERE id = 2')[0]).toEqual({
      title: 'Sgt.', phone: '+15155550177', phone_ext: '3', share_contact: 1, county_fips: '19169', county_source: 'manual', first_name: 'Maria', last_name: 'Kowalsky', name_key: 'maria kowalsky',
    });
  });

  it('names the state once when a county is not found in it', async () => {
    const db = await seededDb();
    const Database = (await import('better-sqlite3')).default;
    const w = new Database(db);
    w.exec("UPDATE people SET state = 'IA' WHERE id = 2");
    w.close();
    const r = await run(['people', 'set', '2', '--county', 'Suffolk', '--db', db]);
    expect(r.stderr).toContain('error: no county "Suffolk" in IA\n');
  });

  it('sets a sector of the person\'s own and back to the organization\'s', async () => {
    const db = await seededDb();
    await run(['people', 'set', '4', '--sector', 'Victim Services', '--db', db]);
    expect(JSON.parse((await run(['people', 'show', '4', '--json', '--db', db])).stdout)).toMatchObject({ sector: 'victim_services', own_sector: 'victim_services' });
    await run(['people', 'set', '4', '--sector', 'org', '--db', db]);
    expect(JSON.parse((await run(['people', 'show', '4', '--json', '--db', db])).stdout)).toMatchObject({ sector: 'other', own_sector: null });
    await run(['people', 'set', '4', '--agency-type', 'DPS', '--sector', 'LE', '--db', db]);
    expect(query(db, 'SELECT sector, agency_type FROM people WHERE id = 4')[0]).toEqual({ sector: 'law_enforcement', agency_type: 'state_patrol' });
  });

  it('moves a person to an organization by name, creating it when new', async () => {
    const db = await seededDb();
    let r = await run(['people', 'set', '4', '--organization', 'pilot travel center # 1234', '--db', db]);
    expect(r.code).toBe(0);
    expect(query(db, 'SELECT organization_id FROM people WHERE id = 4')[0]).toEqual({ organization_id: 2 });
    r = await run(['people', 'set', '4', '--organization', 'Story County Sheriff', '--db', db]);
    expect(r.stderr).toMatch(/Created organization 6: Story County Sheriff/);
    expect(query(db, 'SELECT name, sector, agency_type, sector_source FROM organizations WHERE id = 6')[0]).toEqual({ name: 'Story County Sheriff', sector: 'law_enforcement', agency_type: 'sheriff', sector_source: 'inferred' });
  });

  it('clears a field with ""', async () => {
    const db = await seededDb();
    await run(['people', 'set', '1', '--phone', '', '--title', '', '--db', db]);
    expect(query(db, 'SELECT phone, phone_ext, title FROM people WHERE id = 1')[0]).toEqual({ phone: null, phone_ext: null, title: null });
  });

  it('says when nothing changed', async () => {
    const db = await seededDb();
    const r = await run(['people', 'set', '1', '--title', 'Lt.', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Person 1 already had those values; nothing changed.\n');
  });

  it.each([
    [[], 2, /nothing to change/],
    [['--email', 'not-an-email'], 1, /"not-an-email" is not an e-mail address/],
    [['--email', 'maria.kowalski@polk.gov'], 1, /person 1 already has the e-mail/],
    [['--phone', '555-0123'], 1, /too short/],
    [['--share-contact', 'perhaps'], 1, /"perhaps" is not yes or no/],
    [['--sector', 'banana'], 1, /unknown sector "banana"/],
    [['--county', 'Hooker'], 2, /no county "Hooker" in IA/],
  ])('refuses %j', async (args, code, msg) => {
    const db = await seededDb();
    const before = query(db, 'SELECT * FROM people WHERE id = 3');
    const r = await run(['people', 'set', '3', ...args, '--db', db]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(msg);
    expect(query(db, 'SELECT * FROM people WHERE id = 3')).toEqual(before);
  });

  it('suggests the merge when an e-mail belongs to someone else', async () => {
    const db = await seededDb();
    const r = await run(['people', 'set', '2', '--email', 'maria.kowalski@polk.gov', '--db', db]);
    expect(r.stderr).toContain('hint: if they are the same person, merge them: coalition people merge 2 1');
  });
});

describe('coalition people merge', () => {
  it('keeps every sign-off and attendance, combining collisions, in one step', async () => {
    const db = await seededDb();
    const r = await run(['people', 'merge', '1', '2', '--json', '--db', db]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kept: 1, dropped: 2, moved: { signoffs: 1 }, combined: { attendance: 1, signoffs: 1 }, filled: [], other_emails: [] });
    expect(query(db, 'SELECT count(*) n FROM people WHERE id = 2')[0]).toEqual({ n: 0 });
    // attendance: the check-in of the kept record, the earliest registration of the two
    expect(query(db, 'SELECT person_id, checked_in, registered_at, checked_in_at FROM attendance WHERE coalition_id = 1 AND person_id IN (1, 2)')).toEqual([
      { person_id: 1, checked_in: 1, registered_at: '2026-01-15', checked_in_at: '2026-03-12T14:05:00Z' },
    ]);
    // sign-offs: both modules, the verifier of the dropped duplicate kept
    expect(query(db, 'SELECT module_id, completed_on, verified_by FROM signoffs WHERE person_id = 1 ORDER BY module_id')).toEqual([
      { module_id: 'build-initial', completed_on: '2026-03-12', verified_by: 'TAT trainer' },
      { module_id: 'le-tat', completed_on: '2026-04-01', verified_by: null },
    ]);
  });

  it('fills the kept person\'s empty fields, e-mail included', async () => {
    const db = await seededDb();
    const r = await run(['people', 'merge', 'Maria Kowalsky', 'maria.kowalski@polk.gov', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Merged person 1 into 2/);
    expect(query(db, 'SELECT email, share_contact FROM people WHERE id = 2')[0]).toEqual({ email: 'maria.kowalski@polk.gov', share_contact: 1 });
  });

  it('moves pairings and pins, dropping duplicates', async () => {
    const db = await seededDb();
    const Database = (await import('better-sqlite3')).default;
    const w = new Database(db);
    w.exec(`INSERT INTO pairings VALUES (1, 2, 1, 1, 'county', NULL, 'x'), (1, 2, 2, 2, 'county', NULL, 'x');
            INSERT INTO pins VALUES (1, 2, 2, 'x');`);
    w.close();
    const r = await run(['people', 'merge', '1', '2', '--json', '--db', db]);
    expect(JSON.parse(r.stdout)).toMatchObject({ moved: { signoffs: 1, pins: 1 }, combined: { attendance: 1, signoffs: 1, pairings: 1 } });
    expect(query(db, 'SELECT person_id FROM pairings')).toEqual([{ person_id: 1 }]);
    expect(query(db, 'SELECT person_id FROM pins')).toEqual([{ person_id: 1 }]);
  });

  it('a "no" to sharing contact details on either record wins over a yes', async () => {
    const db = await seededDb();
    const Database = (await import('better-sqlite3')).default;
    const w = new Database(db);
    w.exec('UPDATE people SET share_contact = 0 WHERE id = 2');
    w.close();
    const r = await run(['people', 'merge', '1', '2', '--json', '--db', db]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).filled).toEqual(['share_contact']);
    expect(query(db, 'SELECT share_contact FROM people WHERE id = 1')[0]).toEqual({ share_contact: 0 });
  });

  it('a kept initial gives way to the first name it stands for', async () => {
    const db = await seededDb();
    const Database = (await import('better-sqlite3')).default;
    const w = new Database(db);
    w.exec("UPDATE people SET first_name = 'M.', name_key = 'm kowalsky' WHERE id = 2");
    w.close();
    expect((await run(['people', 'merge', '2', '1', '--db', db])).code).toBe(0);
    expect(query(db, 'SELECT first_name, name_key FROM people WHERE id = 2')[0]).toEqual({ first_name: 'Maria', name_key: 'maria kowalsky' });
  });

  it('undoing the import that created the kept record leaves the merged person and what the other record brought', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--db', db]);
    const directory = path.join(dir, 'directory.csv');
    writeFileSync(directory, "Agency,Officer,Rank,Email,Phone,City,State,ZIP\nPolk County Sheriff's Office,Dana Whitfield,Sgt.,dwhitfield@polkcounty.example,515-555-0113,Des Moines,IA,50313\n");
    const reg = path.join(dir, 'reg.csv');
    writeFileSync(reg, "Email,First Name,Last Name,Company,Phone,Checked In\ndwhitfield@polkcounty.example,Dana,Whitfield,Polk County Sheriff's Office,515-555-0113,Yes\n");
    const signin = path.join(dir, 'signin.csv');
    writeFileSync(signin, "Name,Organization,Phone,Signed In\nSgt. D. Whitfield,Polk County Sheriff's Office,515-555-0113,Y\n");
    for (const [kind, file] of [['contacts', directory], ['attendees', reg], ['attendees', signin]]) {
      expect((await run(['import', kind, file, '-c', 'ia-2026', '--db', db])).code).toBe(0);
    }
    const [dana, initial] = query<{ id: number }>(db, 'SELECT id FROM people ORDER BY id').map((p) => p.id);
    // the coordinator keeps the sign-in sheet's record, then undoes the sign-in sheet
    expect((await run(['people', 'merge', String(initial), String(dana), '--db', db])).code).toBe(0);
    const undo = await run(['imports', 'undo', '3', '--yes', '--db', db]);
    expect(undo.code).toBe(0);
    expect(query(db, 'SELECT first_name, email FROM people')).toEqual([{ first_name: 'Dana', email: 'dwhitfield@polkcounty.example' }]);
    expect(query(db, 'SELECT count(*) n FROM attendance')[0]).toEqual({ n: 1 });
  });

  it.each([
    [['1', '1'], /cannot merge a person with themselves/],
    [['1', '99'], /no person with id 99/],
  ])('refuses %j', async (args, msg) => {
    const db = await seededDb();
    const r = await run(['people', 'merge', ...args, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg);
    expect(query(db, 'SELECT count(*) n FROM people')[0]).toEqual({ n: 6 });
  });
});

describe('coalition people dupes', () => {
  it('lists likely duplicates off a terminal', async () => {
    const db = await seededDb();
    const r = await run(['people', 'dupes', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'keep\tkeep name\tkeep organization\tdrop\tdrop name\tdrop organization\twhy\tsimilarity\n' +
        "2\tMaria Kowalsky\tPolk County Sheriff's Office\t1\tMaria Kowalski\tPolk County Sheriff's Office\tsimilar names at Polk County Sheriff's Office; same phone\t0.93\n",
    );
    const json = JSON.parse((await run(['people', 'dupes', '--json', '--db', db])).stdout);
    expect(json).toEqual([
      {
        keep: { id: 2, name: 'Maria Kowalsky', email: null, phone: '+15155550123', organization: "Polk County Sheriff's Office", organization_id: 1, records: 3 },
        drop: { id: 1, name: 'Maria Kowalski', email: 'maria.kowalski@polk.gov', phone: '+15155550123', organization: "Polk County Sheriff's Office", organization_id: 1, records: 2 },
        reasons: ["similar names at Polk County Sheriff's Office", 'same phone'],
        similarity: 0.93,
      },
    ]);
  });

  it('reviews one by one on a terminal and merges on request', async () => {
    const db = await seededDb();
    const prompts = scriptedPrompts(['swap']);
    const r = await run(['people', 'dupes', '--db', db], { tty: true, prompts });
    expect(r.code).toBe(0);
    expect(prompts.asked).toEqual(['Same person?']);
    expect(r.stderr).toMatch(/Merged person 2 into 1/);
    expect(query(db, 'SELECT id FROM people WHERE id IN (1, 2)')).toEqual([{ id: 1 }]);
    expect((await run(['people', 'dupes', '--json', '--db', db])).stdout).toBe('[]\n');
  });

  it('remembers "different people" and leaves them out, unless --all', async () => {
    const db = await seededDb();
    const r = await run(['people', 'dupes', '--db', db], { tty: true, prompts: scriptedPrompts(['different']) });
    expect(r.stderr).toMatch(/Nothing merged/);
    expect((await run(['people', 'dupes', '--json', '--db', db])).stdout).toBe('[]\n');
    expect(JSON.parse((await run(['people', 'dupes', '--all', '--json', '--db', db])).stdout)).toHaveLength(1);
  });

  it('finds the same phone with a missing name, and ignores a main line shared by different names', async () => {
    const db = await seededDb();
    const Database = (await import('better-sqlite3')).default;
    const w = new Database(db);
    w.exec(`INSERT INTO people (id, first_name, last_name, name_key, phone, organization_id, created_at, updated_at) VALUES
      (7, 'Dale', 'Cooper', 'dale cooper', '+15155550199', NULL, 'x', 'x'),
      (8, 'Sam', 'Price', 'sam price', '+15152861800', 1, 'x', 'x'),
      (9, 'Jo', 'March', 'jo march', '+15152861800', 1, 'x', 'x')`);
    w.close();
    const pairs = JSON.parse((await run(['people', 'dupes', '--json', '--db', db])).stdout) as Array<{ keep: { id: number }; drop: { id: number }; reasons: string[] }>;
    expect(pairs.map((p) => [p.keep.id, p.drop.id, p.reasons])).toEqual([
      [3, 7, ['same phone', 'same name, one without an organization']],
      [2, 1, ["similar names at Polk County Sheriff's Office", 'same phone']],
    ]);
  });

  it('knows nicknames and initials, and leaves different first names with one last name alone', async () => {
    const db = await seededDb();
    const Database = (await import('better-sqlite3')).default;
    const w = new Database(db);
    w.exec(`INSERT INTO people (id, first_name, last_name, name_key, organization_id, created_at, updated_at) VALUES
      (10, 'Bob', 'Smith', 'bob smith', 3, 'x', 'x'), (11, 'Robert', 'Smith', 'robert smith', 3, 'x', 'x'),
      (12, 'J.', 'Nguyen', 'j nguyen', 2, 'x', 'x'), (13, 'John', 'Nguyen', 'john nguyen', 2, 'x', 'x'),
      (14, 'Karen', 'Olson', 'karen olson', 1, 'x', 'x'), (15, 'Eric', 'Olson', 'eric olson', 1, 'x', 'x')`);
    w.close();
    const pairs = JSON.parse((await run(['people', 'dupes', '--json', '--db', db])).stdout) as Array<{ keep: { id: number }; drop: { id: number } }>;
    const found = pairs.map((p) => [p.keep.id, p.drop.id].sort((a, b) => a - b).join('-'));
    expect(found).toContain('10-11');
    expect(found).toContain('12-13');
    expect(found).not.toContain('14-15');
  });

  it('knows a nickname of several names, and leaves fathers and sons and two mailboxes of one agency alone', async () => {
    const db = await seededDb();
    const Database = (await import('better-sqlite3')).default;
    const w = new Database(db);
    w.exec(`INSERT INTO people (id, first_name, last_name, suffix, name_key, email, phone, organization_id, created_at, updated_at) VALUES
      (20, 'Terry', 'Odom', NULL, 'terry odom', NULL, NULL, 3, 'x', 'x'), (21, 'Terrence', 'Odom', NULL, 'terrence odom', NULL, NULL, 3, 'x', 'x'),
      (22, 'John', 'Smith', 'Sr.', 'john smith', 'jsmith@marion.example', NULL, 1, 'x', 'x'), (23, 'John', 'Smith', 'Jr.', 'john smith', 'jsmithjr@marion.example', NULL, 1, 'x', 'x'),
      (24, 'Mark', 'Ruiz', NULL, 'mark ruiz', 'mruiz@amespd.example', '+15155550190', 2, 'x', 'x'), (25, 'Mary', 'Ruiz', NULL, 'mary ruiz', 'mary.ruiz@amespd.example', '+15155550191', 2, 'x', 'x'),
      (26, 'Dale', 'Hunt', NULL, 'dale hunt', 'dhunt@amespd.example', NULL, 2, 'x', 'x'), (27, 'Dale', 'Hunt', NULL, 'dale hunt', 'dale.hunt@gmail.com', NULL, 2, 'x', 'x'),
      (28, 'Ann', 'Berg', NULL, 'ann berg', 'aberg@amespd.example', NULL, 2, 'x', 'x'), (29, 'Anne', 'Berg', NULL, 'anne berg', 'aberg2@amespd.example', NULL, 2, 'x', 'x')`);
    w.close();
    const pairs = JSON.parse((await run(['people', 'dupes', '--json', '--db', db])).stdout) as Array<{ keep: { id: number }; drop: { id: number } }>;
    const found = pairs.map((p) => [p.keep.id, p.drop.id].sort((a, b) => a - b).join('-'));
    expect(found).toContain('20-21');
    expect(found).not.toContain('22-23');
    expect(found).not.toContain('24-25');
    // a work and a personal address, or a typo in the mailbox, may still be one person
    expect(found).toContain('26-27');
    expect(found).toContain('28-29');
  });
});

describe('people merge and orgs merge: asking first on a terminal, and --dry-run', () => {
  const snapshot = (db: string) => query(db, 'SELECT (SELECT count(*) FROM people) p, (SELECT count(*) FROM organizations) o, (SELECT count(*) FROM attendance) a, (SELECT count(*) FROM signoffs) s, (SELECT group_concat(person_id) FROM signoffs) who');

  it('--dry-run reports the real merge and writes nothing', async () => {
    const db = await seededDb();
    const before = snapshot(db);
    const dry = await run(['people', 'merge', '1', '2', '--dry-run', '--json', '--db', db]);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toBe('Dry run: merging person 2 into 1 would move 1 sign-off; combine 1 attendance record, 1 sign-off. Nothing was written.\n');
    expect(snapshot(db)).toEqual(before);
    const real = await run(['people', 'merge', '1', '2', '--json', '--db', db]);
    expect(JSON.parse(dry.stdout)).toEqual({ ...JSON.parse(real.stdout), dry_run: true });
    expect(snapshot(db)).not.toEqual(before);
  });

  it('asks on a terminal, showing both records, and merges nothing on "no" (exit 130)', async () => {
    const db = await seededDb();
    const before = snapshot(db);
    const prompts = scriptedPrompts([false]);
    const r = await run(['people', 'merge', '1', '2', '--db', db], { tty: true, prompts });
    expect(r.code).toBe(130);
    expect(prompts.asked).toHaveLength(1);
    expect(prompts.asked[0]).toMatch(/^Merge #2 .+ \(\d+ registrations?, \d+ sign-offs?\) into #1 .+\? #2 is deleted; this cannot be undone\.$/);
    expect(r.stderr).toContain('nothing was merged');
    expect(snapshot(db)).toEqual(before);
    const yes = await run(['people', 'merge', '1', '2', '--db', db], { tty: true, prompts: scriptedPrompts([true]) });
    expect(yes.code).toBe(0);
    expect(query(db, 'SELECT count(*) n FROM people WHERE id = 2')[0]).toEqual({ n: 0 });
  });

  it('does not ask with --yes or in a script', async () => {
    const db = await seededDb();
    const r = await run(['people', 'merge', '1', '2', '--yes', '--db', db], { tty: true, prompts: scriptedPrompts([]) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Merged person 2 into 1/);
  });

  it('orgs merge: the same question and the same dry run', async () => {
    const db = await seededDb();
    const orgs = query<{ id: number }>(db, 'SELECT id FROM organizations ORDER BY id LIMIT 2');
    const [keep, drop] = orgs.map((o) => String(o.id));
    const before = snapshot(db);
    const dry = await run(['orgs', 'merge', keep, drop, '--dry-run', '--json', '--db', db]);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(new RegExp(`^Dry run: merging organization ${drop} into ${keep} would .+\\. Nothing was written\\.\\n`));
    expect(JSON.parse(dry.stdout).dry_run).toBe(true);
    expect(snapshot(db)).toEqual(before);
    const prompts = scriptedPrompts([false]);
    const no = await run(['orgs', 'merge', keep, drop, '--db', db], { tty: true, prompts });
    expect(no.code).toBe(130);
    expect(prompts.asked[0]).toMatch(new RegExp(`^Merge #${drop} .+ \\(\\d+ (person|people)\\) into #${keep} .+\\? #${drop} is deleted; this cannot be undone\\.$`));
    expect(snapshot(db)).toEqual(before);
  });
});
