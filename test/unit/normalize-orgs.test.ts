import { describe, expect, it } from 'vitest';
import { run, scriptedPrompts } from '../helpers/context.js';
import { query, seededDb } from './normalize-seed.js';

async function orgIds(db: string, ...args: string[]): Promise<number[]> {
  const r = await run(['orgs', '--json', '--db', db, ...args]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as Array<{ id: number }>).map((o) => o.id);
}

describe('coalition orgs', () => {
  it('lists organizations with their sector, county and people', async () => {
    const db = await seededDb();
    const r = await run(['orgs', '--json', '--db', db]);
    const orgs = JSON.parse(r.stdout);
    expect(orgs.map((o: { name: string }) => o.name)).toEqual(['Acme Widgets', 'Douglas County Sheriff', 'Iowa State Patrol', 'Pilot Travel Center #1234', "Polk County Sheriff's Office"]);
    expect(orgs[4]).toMatchObject({ id: 1, sector: 'law_enforcement', agency_type: 'sheriff', sector_source: 'inferred', county: 'Polk County', county_fips: '19153', phone: '+15152861800', statewide: false, people: 2 });
    const tty = await run(['orgs', '--db', db], { tty: true, columns: 160 });
    expect(tty.stdout).toContain('(515) 286-1800');
    expect(tty.stdout).toContain('law_enforcement/sheriff (inferred)');
  });

  it.each([
    [['--sector', 'truck_stop'], [2]],
    [['--sector', 'Law Enforcement', '--agency-type', 'sheriff'], [5, 1]],
    [['--agency-type', 'state_patrol'], [4]],
    [['--county', '19153'], [4, 1]],
    [['--county', 'Douglas', '--state', 'NE'], [5]],
    [['--state', 'NE'], [5]],
    [['--unclassified'], [3]],
    [['--search', 'sheriff'], [5, 1]],
  ])('filters %j', async (args, expected) => {
    const db = await seededDb();
    expect(await orgIds(db, ...args)).toEqual(expected);
  });

  it('shows one organization with its people', async () => {
    const db = await seededDb();
    const r = await run(['orgs', 'show', 'Polk County Sheriffs Office', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sector\tlaw_enforcement / sheriff (inferred from the name)\n');
    expect(r.stdout).toContain('county\tPolk County, IA (19153; from the ZIP code)\n');
    expect(r.stdout).toContain('  #1\tLt. Maria Kowalski · maria.kowalski@polk.gov · (515) 555-0123 ext. 12\n');
    const json = JSON.parse((await run(['orgs', 'show', '2', '--json', '--db', db])).stdout);
    expect(json).toMatchObject({ id: 2, name: 'Pilot Travel Center #1234', distribution_point: false, members: [{ id: 3, name: 'General Manager Dale Cooper', share_contact: false }] });
    const missing = await run(['orgs', 'show', '99', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no organization with id 99/);
  });
});

describe('coalition orgs set', () => {
  it('records a sector set by hand, with its agency type and statewide flag', async () => {
    const db = await seededDb();
    const r = await run(['orgs', 'set', '3', '--sector', 'LE', '--agency-type', 'Highway Patrol', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('✓ Updated organization 3: sector, agency_type, statewide\n');
    expect(query(db, 'SELECT sector, agency_type, sector_source, statewide FROM organizations WHERE id = 3')[0]).toEqual({ sector: 'law_enforcement', agency_type: 'state_patrol', sector_source: 'manual', statewide: 1 });
    expect(await orgIds(db, '--unclassified')).toEqual([]);
  });

  it('takes the agency type the name suggests when only the sector changes', async () => {
    const db = await seededDb();
    await run(['orgs', 'set', '5', '--sector', 'government', '--db', db]);
    expect(query(db, 'SELECT sector, agency_type FROM organizations WHERE id = 5')[0]).toEqual({ sector: 'government', agency_type: null });
    await run(['orgs', 'set', '5', '--sector', 'law_enforcement', '--db', db]);
    expect(query(db, 'SELECT sector, agency_type FROM organizations WHERE id = 5')[0]).toEqual({ sector: 'law_enforcement', agency_type: 'sheriff' });
  });

  it('sets the county by hand, distribution point, vetting, phone and name', async () => {
    const db = await seededDb();
    const r = await run(['orgs', 'set', 'Pilot Travel Center #1234', '--county', 'Polk', '--distribution-point', 'yes', '--vetted-by', 'Iowa Attorney General', '--phone', '515.232.0101', '--name', 'Pilot Travel Center #1235', '--db', db]);
    expect(r.code).toBe(0);
    expect(query(db, 'SELECT name, name_key, store_number, county_fips, county_source, distribution_point, vetted_by, phone FROM organizations WHERE id = 2')[0]).toEqual({
      name: 'Pilot Travel Center #1235', name_key: 'pilot travel center #1235', store_number: '1235', county_fips: '19153', county_source: 'manual', distribution_point: 1, vetted_by: 'Iowa Attorney General', phone: '+15152320101',
    });
  });

  it.each([
    [['--sector', 'banana'], 1, /unknown sector "banana"/],
    [['--agency-type', 'carrier'], 1, /unknown agency type "carrier" for law_enforcement/],
    [['--distribution-point', 'sometimes'], 1, /"sometimes" is not yes or no/],
    [['--phone', '12'], 1, /too short/],
    [['--name', 'Iowa State Patrol'], 1, /organization 4 already has that name/],
    [[], 2, /nothing to change/],
  ])('refuses %j and changes nothing', async (args, code, msg) => {
    const db = await seededDb();
    const before = query(db, 'SELECT * FROM organizations WHERE id = 1');
    const r = await run(['orgs', 'set', '1', ...args, '--db', db]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(msg);
    expect(query(db, 'SELECT * FROM organizations WHERE id = 1')).toEqual(before);
  });
});

describe('coalition orgs classify', () => {
  it('is a usage error off a terminal, naming orgs set', async () => {
    const db = await seededDb();
    const r = await run(['orgs', 'classify', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: orgs classify asks questions and needs a terminal\nhint: set sectors with: coalition orgs set ID --sector S --agency-type T (list them with: coalition orgs --unclassified)\n');
  });

  it('reviews inferred sectors most-used first and records the answers as manual', async () => {
    const db = await seededDb();
    // Polk sheriff (2 people, 2 registrations) first, then the Pilot (1+1), then Acme and Douglas (1 each)
    const prompts = scriptedPrompts(['__ok', '__skip', 'ngo', '__stop']);
    const r = await run(['orgs', 'classify', '--db', db], { tty: true, prompts });
    expect(r.code).toBe(0);
    expect(prompts.asked).toEqual([
      "1/4 Polk County Sheriff's Office (Des Moines, IA): 4 record(s), now law_enforcement/sheriff",
      '2/4 Pilot Travel Center #1234 (Ames, IA): 2 record(s), now truck_stop',
      '3/4 Acme Widgets (IA): 1 record(s), now other',
      '4/4 Douglas County Sheriff (Omaha, NE): 1 record(s), now law_enforcement/sheriff',
    ]);
    expect(r.stderr).toMatch(/Recorded 2 sector\(s\)/);
    expect(query(db, 'SELECT id, sector, agency_type, sector_source FROM organizations ORDER BY id')).toEqual([
      { id: 1, sector: 'law_enforcement', agency_type: 'sheriff', sector_source: 'manual' },
      { id: 2, sector: 'truck_stop', agency_type: null, sector_source: 'inferred' },
      { id: 3, sector: 'ngo', agency_type: null, sector_source: 'manual' },
      { id: 4, sector: 'law_enforcement', agency_type: 'state_patrol', sector_source: 'column' },
      { id: 5, sector: 'law_enforcement', agency_type: 'sheriff', sector_source: 'inferred' },
    ]);
  });

  it('asks for the agency type of a sector that has them, and honours --limit', async () => {
    const db = await seededDb();
    const prompts = scriptedPrompts(['government', 'attorney_general']);
    const r = await run(['orgs', 'classify', '--limit', '1', '--db', db], { tty: true, prompts });
    expect(r.code).toBe(0);
    expect(prompts.asked[1]).toBe("Agency type of Polk County Sheriff's Office");
    expect(query(db, 'SELECT sector, agency_type, statewide FROM organizations WHERE id = 1')[0]).toEqual({ sector: 'government', agency_type: 'attorney_general', statewide: 1 });
  });
});
