/** The people and orgs commands through the built binary, on a seeded database. */
import { describe, expect, it } from 'vitest';
import { coalition } from '../helpers/e2e.js';
import { query, seededDb } from '../unit/normalize-seed.js';

describe('coalition people / orgs (binary)', () => {
  it('lists, filters and shows people', async () => {
    const db = await seededDb();
    const tsv = await coalition(['people', '--sector', 'law_enforcement', '--county', 'Polk', '--db', db]);
    expect(tsv.exitCode).toBe(0);
    expect(tsv.stderr).toBe('');
    expect(tsv.stdout.split('\n').slice(1, -1).map((l) => l.split('\t')[0])).toEqual(['1', '2', '5']);
    const json = await coalition(['people', '-c', 'ia-2026', '--attended', '--json', '--db', db]);
    expect(JSON.parse(json.stdout).map((p: { id: number; phone: string }) => [p.id, p.phone])).toEqual([[3, '+15155550199'], [1, '+15155550123']]);
    const untrained = await coalition(['people', '--untrained', 'build-initial', '--json', '--db', db]);
    expect(JSON.parse(untrained.stdout).map((p: { id: number }) => p.id)).toEqual([4, 6, 5]);
    const show = await coalition(['people', 'show', 'maria.kowalski@polk.gov', '--db', db]);
    expect(show.exitCode).toBe(0);
    expect(show.stdout).toContain('phone\t(515) 555-0123 ext. 12\n');
    expect(show.stdout).toContain('sign-off: build-initial\t2026-03-12 (ia-2026)\n');
  });

  it('corrects a person and an organization, and the corrections are manual', async () => {
    const db = await seededDb();
    const set = await coalition(['people', 'set', '3', '--county', '19153', '--share-contact', 'yes', '--db', db]);
    expect(set.exitCode).toBe(0);
    expect(set.stderr).toMatch(/Updated person 3/);
    expect(query(db, 'SELECT county_fips, county_source, share_contact FROM people WHERE id = 3')[0]).toEqual({ county_fips: '19153', county_source: 'manual', share_contact: 1 });
    const org = await coalition(['orgs', 'set', '3', '--sector', 'Oil and Gas', '--db', db]);
    expect(org.exitCode).toBe(0);
    expect(query(db, 'SELECT sector, sector_source FROM organizations WHERE id = 3')[0]).toEqual({ sector: 'energy', sector_source: 'manual' });
    const unclassified = await coalition(['orgs', '--unclassified', '--json', '--db', db]);
    expect(JSON.parse(unclassified.stdout)).toEqual([]);
  });

  it('finds and merges duplicates', async () => {
    const db = await seededDb();
    const dupes = await coalition(['people', 'dupes', '--db', db]);
    expect(dupes.exitCode).toBe(0);
    expect(dupes.stdout.split('\n')[1].split('\t').slice(0, 4)).toEqual(['2', 'Maria Kowalsky', "Polk County Sheriff's Office", '1']);
    const merge = await coalition(['people', 'merge', '2', '1', '--db', db]);
    expect(merge.exitCode).toBe(0);
    expect(merge.stderr).toMatch(/Merged person 1 into 2/);
    expect(query(db, 'SELECT count(*) n FROM signoffs WHERE person_id = 2')[0]).toEqual({ n: 2 });
    expect(query(db, 'SELECT email FROM people WHERE id = 2')[0]).toEqual({ email: 'maria.kowalski@polk.gov' });
    expect((await coalition(['people', 'dupes', '--json', '--db', db])).stdout).toBe('[]\n');
  });

  it('lists and shows organizations', async () => {
    const db = await seededDb();
    const list = await coalition(['orgs', '--sector', 'truck_stop', '--db', db]);
    expect(list.exitCode).toBe(0);
    expect(list.stdout.split('\n')[1]).toMatch(/^2\tPilot Travel Center #1234\ttruck_stop\t\tinferred\t/);
    const show = await coalition(['orgs', 'show', '1', '--json', '--db', db]);
    expect(JSON.parse(show.stdout)).toMatchObject({ name: "Polk County Sheriff's Office", people: 2, county: 'Polk County' });
  });

  it('exits 2 on bad flags and for classify off a terminal, 1 when not found', async () => {
    const db = await seededDb();
    const bad = await coalition(['people', '--sector', 'wizards', '--db', db]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('error: unknown sector "wizards"\nhint: use one of: law_enforcement, government, trucking, truck_stop, bus, energy, victim_services, ngo, other\n');
    const classify = await coalition(['orgs', 'classify', '--db', db]);
    expect(classify.exitCode).toBe(2);
    expect(classify.stderr).toMatch(/coalition orgs set ID --sector S/);
    const missing = await coalition(['people', 'show', '404', '--db', db]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/^error: no person with id 404\nhint: /);
    expect(missing.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
