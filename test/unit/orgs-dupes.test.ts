/** `orgs dupes`: the same organization written two ways, never two real places. */
import { describe, expect, it } from 'vitest';
import { baseKey, findOrgDupes } from '../../src/core/orgs/dupes.js';
import { orgKey } from '../../src/core/normalize/sector.js';
import { T, memoryDb, person } from '../helpers/contacts-seed.js';

async function db() {
  const d = await memoryDb();
  const insert = d.prepare(`INSERT INTO organizations (name, name_key, city_key, sector, sector_source, store_number, city, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'IA', '${T}', '${T}')`);
  const org = (name: string, city: string | null, sector: string, source = 'inferred', store: string | null = null) =>
    Number(insert.run(name, orgKey(name), (city ?? '').toLowerCase(), sector, source, store, city).lastInsertRowid);
  return { d, org };
}

describe('baseKey', () => {
  it.each([
    ["story county sheriffs office", 'story sheriff'],
    ['story county sheriffs', 'story sheriff'],
    ['caddo parish sheriffs office', 'caddo sheriff'],
    ['caddo sheriffs office', 'caddo sheriff'],
    ['des moines police department', 'des moines police'],
    // County and parish are part of other agencies' names: a county police is not the city's.
    ['baltimore county police department', 'baltimore county police'],
    ['cornbelt carriers co', 'cornbelt carriers'],
  ])('%j → %j', (key, base) => expect(baseKey(key)).toBe(base));
});

describe('findOrgDupes: a sheriff named with or without its county or parish', () => {
  it('pairs them within a state, and never a county police with the city police', async () => {
    const { d, org } = await db();
    const parish = org("Caddo Parish Sheriff's Office", 'Shreveport', 'law_enforcement');
    const bare = org("Caddo Sheriff's Office", null, 'law_enforcement');
    org('Baltimore County Police Department', null, 'law_enforcement');
    org('Baltimore Police Department', 'Baltimore', 'law_enforcement');
    expect(findOrgDupes(d).map((p) => [p.keep.id, p.drop.id])).toEqual([[parish, bare]]);
  });
});

describe('findOrgDupes', () => {
  it('finds the same agency written two ways or a typo apart, and suggests keeping the one with more people', async () => {
    const { d, org } = await db();
    const office = org("Story County Sheriff's Office", 'Nevada', 'law_enforcement');
    const bare = org('Story County Sheriff', 'Nevada', 'law_enforcement');
    const typo = org('Des Moines Polce Department', 'Des Moines', 'government');
    const dmpd = org('Des Moines Police Department', 'Des Moines', 'law_enforcement');
    const nocity = org('Cornbelt Carriers', null, 'trucking');
    const ames = org('Cornbelt Carriers', 'Ames', 'trucking');
    person(d, { first: 'Ray', last: 'Olsen', org: bare });
    person(d, { first: 'Flo', last: 'Fox', org: dmpd });
    const pairs = findOrgDupes(d).map((p) => [p.keep.id, p.drop.id, p.reason]);
    expect(pairs).toEqual([
      [ames, nocity, 'the same name, one without a city'],
      [dmpd, typo, 'names a typo apart'],
      [bare, office, 'the same name but for words such as Office, Department or Inc'],
    ]);
  });

  it('never pairs two stores, two posts in two cities, or two sectors both known', async () => {
    const { d, org } = await db();
    org('Pilot Travel Center #412', 'Ames', 'truck_stop', 'inferred', '412');
    org('Pilot Travel Center #413', 'Ames', 'truck_stop', 'inferred', '413');
    org('Iowa State Patrol', 'Ames', 'law_enforcement');
    org('Iowa State Patrol', 'Ankeny', 'law_enforcement');
    org('Ames Police Department', 'Ames', 'law_enforcement', 'manual');
    org('Ames Police Departments', 'Ames', 'ngo', 'column');
    expect(findOrgDupes(d)).toEqual([]);
  });
});
