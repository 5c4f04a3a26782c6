/** `orgs merge`: two records of one organization become one, nothing it had is lost. */
import { describe, expect, it } from 'vitest';
import { mergeOrganizations } from '../../src/core/orgs/merge.js';
import { NotFoundError, RefusedError } from '../../src/io/errors.js';
import { T, coalitionIn, memoryDb, org, person } from '../helpers/contacts-seed.js';

const NOW = new Date('2026-11-29T12:00:00Z');

async function seed() {
  const db = await memoryDb();
  const c = coalitionIn(db, ['IA']);
  const keep = org(db, { name: "Story County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', city: 'Nevada', state: 'IA', county_fips: '19169' });
  const drop = org(db, { name: 'Story County Sheriff', sector: 'other', city: 'Nevada', state: 'IA', phone: '+15153823131', address: '1315 S B Ave', website: 'https://storycounty.example' });
  db.prepare("UPDATE organizations SET sector_source = 'inferred' WHERE id = ?").run(keep);
  db.prepare("UPDATE organizations SET sector = 'law_enforcement', agency_type = 'sheriff', sector_source = 'manual', distribution_point = 1 WHERE id = ?").run(drop);
  const stop = org(db, { name: 'Kum & Go #12', sector: 'truck_stop', city: 'Ames', state: 'IA' });
  const a = person(db, { first: 'Dana', last: 'Whitfield', org: keep });
  const b = person(db, { first: 'Dana', last: 'Whitfield', org: drop });
  const d = person(db, { first: 'Ray', last: 'Olsen', org: drop });
  const count = db.prepare(`INSERT INTO training_counts (organization_id, module_id, count, completed_on, created_at) VALUES (?, ?, ?, ?, '${T}')`);
  count.run(keep, 'le-tat', 12, '2026-03-12');
  count.run(drop, 'le-tat', 15, '2026-03-12');
  count.run(drop, 'build-initial', 4, '2026-03-12');
  db.prepare(`INSERT INTO activities (coalition_id, kind, occurred_on, organization_id, created_at, updated_at) VALUES (?, 'commitment', '2026-03-12', ?, '${T}', '${T}')`).run(c, drop);
  const pin = db.prepare(`INSERT INTO pins (coalition_id, stop_id, person_id, created_at) VALUES (?, ?, ?, '${T}')`);
  pin.run(c, stop, a);
  return { db, c, keep, drop, stop, a, b, d };
}

describe('mergeOrganizations', () => {
  it('moves people, activities and counts, keeps the larger of two counts, fills the kept record', async () => {
    const { db, keep, drop, b, d } = await seed();
    const r = mergeOrganizations(db, keep, drop, NOW);
    expect(r).toEqual({ kept: keep, dropped: drop, moved: { training_counts: 1, people: 2, activities: 1 }, combined: { training_counts: 1 }, filled: expect.arrayContaining(['address', 'phone', 'website', 'sector', 'agency_type', 'sector_source', 'distribution_point']), namesakes: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM organizations WHERE id = ?').get(drop)).toEqual({ n: 0 });
    expect(db.prepare('SELECT organization_id FROM people WHERE id IN (?, ?)').all(b, d)).toEqual([{ organization_id: keep }, { organization_id: keep }]);
    expect(db.prepare('SELECT module_id, count FROM training_counts WHERE organization_id = ? ORDER BY module_id').all(keep)).toEqual([
      { module_id: 'build-initial', count: 4 },
      { module_id: 'le-tat', count: 15 },
    ]);
    const o = db.prepare('SELECT name, sector, agency_type, sector_source, phone, address, distribution_point, county_fips FROM organizations WHERE id = ?').get(keep);
    expect(o).toEqual({ name: "Story County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', sector_source: 'manual', phone: '+15153823131', address: '1315 S B Ave', distribution_point: 1, county_fips: '19169' });
    expect(db.prepare('SELECT organization_id FROM activities').all()).toEqual([{ organization_id: keep }]);
  });

  it("keeps a truck stop's pins and pairings once when both records had them", async () => {
    const { db, c, stop, a } = await seed();
    const other = db.prepare(`INSERT INTO organizations (name, name_key, city_key, sector, city, state, created_at, updated_at) VALUES ('Kum & Go 12', 'kum go 12 x', 'ames', 'truck_stop', 'Ames', 'IA', '${T}', '${T}')`).run().lastInsertRowid as number;
    db.prepare(`INSERT INTO pins (coalition_id, stop_id, person_id, created_at) VALUES (?, ?, ?, '${T}')`).run(c, other, a);
    const r = mergeOrganizations(db, stop, Number(other), NOW);
    expect(r.moved).toEqual({});
    expect(db.prepare('SELECT stop_id, person_id FROM pins').all()).toEqual([{ stop_id: stop, person_id: a }]);
  });

  it('takes the earlier import batch of the two, and none when one was made by hand', async () => {
    const { db, keep, drop } = await seed();
    const batch = db.prepare(`INSERT INTO import_batches (kind, file, content_hash, started_at) VALUES ('contacts', 'x.csv', 'h', '${T}')`);
    const b1 = Number(batch.run().lastInsertRowid);
    const b2 = Number(batch.run().lastInsertRowid);
    db.prepare('UPDATE organizations SET created_batch = ? WHERE id = ?').run(b2, keep);
    db.prepare('UPDATE organizations SET created_batch = ? WHERE id = ?').run(b1, drop);
    mergeOrganizations(db, keep, drop, NOW);
    expect(db.prepare('SELECT created_batch FROM organizations WHERE id = ?').get(keep)).toEqual({ created_batch: b1 });
  });

  it('refuses to merge a record with itself or with one that does not exist, and writes nothing', async () => {
    const { db, keep } = await seed();
    expect(() => mergeOrganizations(db, keep, keep, NOW)).toThrow(RefusedError);
    expect(() => mergeOrganizations(db, keep, 9999, NOW)).toThrow(NotFoundError);
    expect(db.prepare('SELECT count(*) AS n FROM organizations').get()).toEqual({ n: 3 });
  });

  it('refuses while a table it does not know points at organizations', async () => {
    const { db, keep, drop } = await seed();
    db.exec('CREATE TABLE visits (id INTEGER PRIMARY KEY, org INTEGER REFERENCES organizations(id))');
    expect(() => mergeOrganizations(db, keep, drop, NOW)).toThrow(/does not know how to move visits\.org/);
  });
});
