import { describe, expect, it } from 'vitest';
import { agencyGroup, computePairs, parseMaxMiles, pickDiverse } from '../../src/core/pairing/compute.js';
import { cityKey, countyLabel } from '../../src/core/pairing/data.js';
import { addPin, loadSavedPairs, pairingDifferences, parsePinArg, removePin, resolvePerson, resolveStop, savePairs } from '../../src/core/pairing/save.js';
import { resolveCountyRefs } from '../../src/core/pairing/document.js';
import { attend, coalitionIn, memoryDb, org, person, seedIowa } from '../helpers/contacts-seed.js';

const now = new Date('2026-11-28T15:00:00Z');
const ids = (r: ReturnType<typeof computePairs>, stop: number) => r.stops.find((s) => s.stop_id === stop)!.contacts.map((c) => c.person_id);

describe('agency order', () => {
  it.each([
    ['sheriff', 'Adel', 'Des Moines', 0],
    ['police', 'Des Moines', 'Des Moines', 1],
    ['police', 'St. Paul', 'Saint Paul', 1],
    ['police', 'Ankeny', 'Des Moines', 2],
    ['police', null, 'Des Moines', 2],
    ['other', 'Des Moines', 'Des Moines', 2],
    [null, 'Des Moines', 'Des Moines', 2],
    ['federal', 'Des Moines', 'Des Moines', 3],
    ['prosecutor', 'Des Moines', 'Des Moines', 3],
  ])('%s in %s for a stop in %s → group %d', (type, city, stopCity, group) => {
    expect(agencyGroup(type, city, stopCity)).toBe(group);
  });

  it.each([
    ['Des Moines', 'des moines'], ['  DES-MOINES ', 'des moines'], ['St. Louis', 'saint louis'], ['Ft. Dodge', 'fort dodge'], ['Mt. Pleasant', 'mount pleasant'], [null, ''],
  ])('cityKey(%j) = %j', (input, key) => expect(cityKey(input)).toBe(key));

  it.each([
    ['Polk', 'Polk County'], ['Caddo Parish', 'Caddo Parish'], ['Juneau City and Borough', 'Juneau City and Borough'], [null, null],
  ])('countyLabel(%j) = %j', (input, label) => expect(countyLabel(input)).toBe(label));

  it('keeps at most 2 of one agency while another is available, then fills', () => {
    const c = (id: number, org: number, group: number) => ({ o: { id, organization_id: org, last_name: `L${id}`, first_name: '' } as never, group, attended: false, consented: false, miles: null });
    expect(pickDiverse([c(1, 10, 0), c(2, 10, 0), c(3, 10, 0), c(4, 20, 2)], 3, 2).map((x) => x.o.id)).toEqual([1, 2, 4]);
    expect(pickDiverse([c(1, 10, 0), c(2, 10, 0), c(3, 10, 0)], 3, 2).map((x) => x.o.id)).toEqual([1, 2, 3]);
  });
});

describe('--max-miles', () => {
  it.each([[undefined, 60], ['45', 45], ['0', 0], ['12.5', 12.5]])('%j → %j', (raw, miles) => expect(parseMaxMiles(raw)).toBe(miles));
  it.each(['', 'far', '-3'])('refuses %j', (raw) => expect(() => parseMaxMiles(raw)).toThrow(/--max-miles must be a number/));
});

describe('computePairs', () => {
  it('pairs same-county officers, sheriff first, then the police of the stop\'s city, then others', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    const r = computePairs(db, s.coalition);
    expect(ids(r, s.stopDM)).toEqual([s.deputy, s.dmOfficer, s.ankenyOfficer]);
    expect(r.stops.find((x) => x.stop_id === s.stopDM)!.contacts.every((c) => c.match === 'county' && c.distance_miles === null)).toBe(true);
  });

  it('a same-county officer beats a nearer one across the county line', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    const r = computePairs(db, s.coalition);
    // The Dallas County deputy is 1 mile from the Clive stop; the Polk officers are 8 to 13 miles away.
    expect(ids(r, s.stopClive)).not.toContain(s.dallasDeputy);
    expect(ids(r, s.stopClive)[0]).toBe(s.deputy);
  });

  it('puts people who consented to sharing before those who did not (same agency group)', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    // For the Clive stop both city police departments are "other local": Lopez consented, Reed did not.
    expect(ids(computePairs(db, s.coalition), s.stopClive)).toEqual([s.deputy, s.ankenyOfficer, s.dmOfficer]);
  });

  it('puts attendees of this coalition first within the agency group, before consent', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    attend(db, s.coalition, s.dmOfficer);
    expect(ids(computePairs(db, s.coalition), s.stopClive)).toEqual([s.deputy, s.dmOfficer, s.ankenyOfficer]);
    // Attendance of another coalition does not count.
    const db2 = await memoryDb();
    const s2 = seedIowa(db2);
    const other = coalitionIn(db2, ['IA'], 'other-2025', 'Other');
    attend(db2, other, s2.dmOfficer);
    expect(ids(computePairs(db2, s2.coalition), s2.stopClive)).toEqual([s2.deputy, s2.ankenyOfficer, s2.dmOfficer]);
  });

  it("a county set by hand on an officer (people set --county) beats the agency's", async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    // Ana Lopez of the Ankeny PD (Polk) is assigned to Story County, which has no agency of its own here.
    db.prepare("UPDATE people SET county_fips = '19169', county_source = 'manual', lat = 42.03, lon = -93.63 WHERE id = ?").run(s.ankenyOfficer);
    const r = computePairs(db, s.coalition);
    expect(r.stops.find((x) => x.stop_id === s.stopAmes)!.contacts.map((c) => [c.person_id, c.match])).toEqual([[s.ankenyOfficer, 'county']]);
    expect(ids(r, s.stopDM)).not.toContain(s.ankenyOfficer);
    // A county filled in by an import (not by hand) does not move them.
    db.prepare("UPDATE people SET county_source = 'zip' WHERE id = ?").run(s.ankenyOfficer);
    expect(ids(computePairs(db, s.coalition), s.stopDM)).toContain(s.ankenyOfficer);
  });

  it('keeps statewide agencies out of the local lists', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    const r = computePairs(db, s.coalition);
    for (const stop of r.stops) expect(stop.contacts.map((c) => c.person_id)).not.toContain(s.trooper);
  });

  it('falls back to the nearest officers within the limit where a county has none, and reports the gap', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    const r = computePairs(db, s.coalition, { maxMiles: 60 });
    const ames = r.stops.find((x) => x.stop_id === s.stopAmes)!;
    expect(ames.contacts.map((c) => [c.person_id, c.match])).toEqual([[s.ankenyOfficer, 'nearest'], [s.dmOfficer, 'nearest']]);
    expect(ames.contacts[0].distance_miles).toBeGreaterThan(19);
    expect(ames.contacts[0].distance_miles).toBeLessThan(22);
    expect(r.gaps).toEqual([{ county: 'Story County', county_fips: '19169', state: 'IA', stops: 1, nearest_miles: ames.contacts[0].distance_miles, covered_by: 'nearest' }]);
    expect(r.summary).toMatchObject({ stops: 3, counties: 2, with_local: 2, with_nearest: 1, without: 0, gaps: 1 });
  });

  it('beyond the limit a county is a gap with nobody to call', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    const r = computePairs(db, s.coalition, { maxMiles: 10 });
    expect(r.stops.find((x) => x.stop_id === s.stopAmes)!.contacts).toEqual([]);
    expect(r.gaps[0]).toMatchObject({ county_fips: '19169', covered_by: 'none' });
    expect(r.gaps[0].nearest_miles).toBeGreaterThan(10);
    expect(r.summary.without).toBe(1);
  });

  it('an agency listed without any officer is a local contact by its main line, after named officers', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    const storySo = org(db, { name: "Story County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', city: 'Nevada', state: 'IA', county_fips: '19169', phone: '+15153826565' });
    const r = computePairs(db, s.coalition);
    expect(r.stops.find((x) => x.stop_id === s.stopAmes)!.contacts).toEqual([{ person_id: null, organization_id: storySo, rank: 1, match: 'county', distance_miles: null }]);
    expect(r.gaps).toEqual([]);
    // Saved pairings hold people only; the agency is recomputed each time, so nothing looks stale.
    const saved = savePairs(db, s.coalition, r, now);
    expect(saved.inserted).toBe(6);
    expect(pairingDifferences(loadSavedPairs(db, s.coalition), computePairs(db, s.coalition))).toBe(0);
    // Named officers of the same group come first.
    const named = person(db, { first: 'Sam', last: 'Story', org: org(db, { name: 'Story Sheriff Annex', sector: 'law_enforcement', agency_type: 'sheriff', state: 'IA', county_fips: '19169' }) });
    expect(computePairs(db, s.coalition).stops.find((x) => x.stop_id === s.stopAmes)!.contacts.map((c) => c.person_id)).toEqual([named, null]);
  });

  it('keeps two counties with the same name in two states apart', async () => {
    const db = await memoryDb();
    const coalition = coalitionIn(db, ['IA', 'NE']);
    // Washington County, Iowa (19183) and Washington County, Nebraska (31177): 230 miles apart.
    const iaStop = org(db, { name: 'Washington IA Truck Stop', sector: 'truck_stop', city: 'Washington', state: 'IA', county_fips: '19183' });
    const neStop = org(db, { name: 'Blair NE Truck Stop', sector: 'truck_stop', city: 'Blair', state: 'NE', county_fips: '31177' });
    const neSo = org(db, { name: "Washington County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', city: 'Blair', state: 'NE', county_fips: '31177' });
    const neDeputy = person(db, { first: 'Neb', last: 'Deputy', org: neSo });
    const r = computePairs(db, coalition);
    expect(ids(r, neStop)).toEqual([neDeputy]);
    expect(ids(r, iaStop)).toEqual([]);
    expect(r.gaps.map((g) => g.county_fips)).toEqual(['19183']);
    expect(resolveCountyRefs(db, ['Washington, NE'], ['IA', 'NE'])).toEqual(['31177']);
    expect(resolveCountyRefs(db, ['19183', 'polk county, ia'], ['IA', 'NE'])).toEqual(['19183', '19153']);
    expect(() => resolveCountyRefs(db, ['Washington'], ['IA', 'NE'])).toThrow(/names 2 counties: Washington County, IA \(19183\); Washington County, NE \(31177\)/);
    expect(() => resolveCountyRefs(db, ['Nowhere'], ['IA'])).toThrow(/no county "Nowhere"/);
  });

  it('only pairs truck stops of the coalition\'s states, from the county when the state is missing', async () => {
    const db = await memoryDb();
    const coalition = coalitionIn(db, ['IA']);
    const inIowa = org(db, { name: 'No State Stop', sector: 'truck_stop', county_fips: '19153' });
    org(db, { name: 'Nebraska Stop', sector: 'truck_stop', state: 'NE', county_fips: '31055' });
    expect(computePairs(db, coalition).stops.map((s) => s.stop_id)).toEqual([inIowa]);
  });

  it('keeps up to 3 local officers, at most 2 from one agency while another is available', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    const extra = [1, 2, 3].map((i) => person(db, { first: `Deputy${i}`, last: 'Extra', org: s.sheriff, share: 1 }));
    const got = ids(computePairs(db, s.coalition), s.stopDM);
    expect(got).toHaveLength(3);
    expect(got.filter((id) => [s.deputy, ...extra].includes(id))).toHaveLength(2);
    expect(got[2]).toBe(s.dmOfficer);
  });

  it('is read-only', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    computePairs(db, s.coalition);
    expect(db.prepare('SELECT count(*) n FROM pairings').get()).toEqual({ n: 0 });
  });
});

describe('pins and saving', () => {
  it('pins always win and persist across runs; unpin removes them', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    expect(addPin(db, s.coalition, s.stopDM, s.dallasDeputy, now)).toBe(true);
    expect(addPin(db, s.coalition, s.stopDM, s.dallasDeputy, now)).toBe(false);
    const r = computePairs(db, s.coalition);
    const dm = r.stops.find((x) => x.stop_id === s.stopDM)!;
    expect(dm.contacts[0]).toMatchObject({ person_id: s.dallasDeputy, rank: 1, match: 'pinned' });
    expect(dm.contacts.map((c) => c.person_id)).toEqual([s.dallasDeputy, s.deputy, s.dmOfficer, s.ankenyOfficer]);
    // Pinning a local officer moves them first without listing them twice.
    addPin(db, s.coalition, s.stopClive, s.dmOfficer, now);
    const clive = computePairs(db, s.coalition).stops.find((x) => x.stop_id === s.stopClive)!;
    expect(clive.contacts.map((c) => [c.person_id, c.match])).toEqual([[s.dmOfficer, 'pinned'], [s.deputy, 'county'], [s.ankenyOfficer, 'county']]);
    expect(removePin(db, s.coalition, s.stopDM, s.dallasDeputy)).toBe(true);
    expect(removePin(db, s.coalition, s.stopDM, s.dallasDeputy)).toBe(false);
    expect(ids(computePairs(db, s.coalition), s.stopDM)).toEqual([s.deputy, s.dmOfficer, s.ankenyOfficer]);
  });

  it('savePairs is idempotent and writes only what changed', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    const first = savePairs(db, s.coalition, computePairs(db, s.coalition), now);
    expect(first).toEqual({ inserted: 8, updated: 0, deleted: 0, unchanged: 0 });
    const before = db.prepare('SELECT * FROM pairings ORDER BY stop_id, rank').all();
    const again = savePairs(db, s.coalition, computePairs(db, s.coalition), new Date('2026-12-01T00:00:00Z'));
    expect(again).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 8 });
    expect(db.prepare('SELECT * FROM pairings ORDER BY stop_id, rank').all()).toEqual(before);
    // Story County gets its own officer: the nearest ones are replaced.
    const storySo = org(db, { name: "Story County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', city: 'Nevada', state: 'IA', county_fips: '19169' });
    const storyDeputy = person(db, { first: 'Sam', last: 'Story', org: storySo });
    const changed = savePairs(db, s.coalition, computePairs(db, s.coalition), now);
    expect(changed).toEqual({ inserted: 1, updated: 0, deleted: 2, unchanged: 6 });
    expect(loadSavedPairs(db, s.coalition).get(s.stopAmes)).toEqual([{ person_id: storyDeputy, rank: 1, match: 'county', distance_miles: null }]);
  });

  it('resolves stops and people by id, name or e-mail', async () => {
    const db = await memoryDb();
    const s = seedIowa(db);
    expect(resolveStop(db, String(s.stopDM))).toBe(s.stopDM);
    expect(resolveStop(db, "love's travel stop #412")).toBe(s.stopClive);
    expect(() => resolveStop(db, String(s.sheriff))).toThrow(/no truck stop with id/);
    expect(resolvePerson(db, 'MKowalski@Polk.example')).toBe(s.deputy);
    expect(resolvePerson(db, 'Maria  Kowalski')).toBe(s.deputy);
    expect(resolvePerson(db, String(s.trooper))).toBe(s.trooper);
    expect(() => resolvePerson(db, 'Nobody Here')).toThrow(/no person named/);
    expect(parsePinArg(' 12 = a@b.c ', '--pin')).toEqual({ stop: '12', person: 'a@b.c' });
    expect(() => parsePinArg('12', '--pin')).toThrow(/STOP=PERSON/);
  });
});

describe('computePairs: where the state police is the local police (Alaska, Connecticut)', () => {
  it.each([
    // Tok: the troopers' post is the only police there is.
    ['AK', '02240', 'Tok', 63.34, -142.99, 'county'],
    // Willington, CT: no town police; Troop C in the same planning region.
    ['CT', '09110', 'Willington', 41.87, -72.26, 'county'],
    // Iowa has sheriffs: a state patrol post in a county without one is no local officer, and
    // never a nearest one (it is on every sheet already).
    ['IA', '19169', 'Ames', 42.03, -93.63, null],
  ])('%s: a state police post in the stop\'s county (%s) → %s', async (state, fips, city, lat, lon, match) => {
    const db = await memoryDb();
    const coalition = coalitionIn(db, [state]);
    const stop = org(db, { name: 'Truck Stop', sector: 'truck_stop', city, state, county_fips: fips, lat, lon });
    const post = org(db, { name: `${state} State Police Post`, sector: 'law_enforcement', agency_type: 'state_patrol', statewide: 1, city, state, county_fips: fips, lat: lat + 0.01, lon });
    const trooper = person(db, { first: 'Cal', last: 'Poe', title: 'Trooper', org: post, share: 1 });
    const r = computePairs(db, coalition);
    const contacts = r.stops.find((s) => s.stop_id === stop)!.contacts;
    if (match) {
      expect(contacts).toEqual([expect.objectContaining({ person_id: trooper, match })]);
      expect(r.gaps).toEqual([]);
    } else {
      expect(contacts).toEqual([]);
      expect(r.gaps.map((g) => g.county_fips)).toEqual([fips]);
    }
  });

  it('a post listed by its main line only counts too, after the town\'s own police', async () => {
    const db = await memoryDb();
    const coalition = coalitionIn(db, ['AK']);
    const stop = org(db, { name: 'Fred Meyer Fuel Center', sector: 'truck_stop', city: 'Wasilla', state: 'AK', county_fips: '02170', lat: 61.58, lon: -149.44 });
    const post = org(db, { name: 'Alaska State Troopers - Palmer Post', sector: 'law_enforcement', agency_type: 'state_patrol', statewide: 1, city: 'Palmer', state: 'AK', county_fips: '02170', lat: 61.6, lon: -149.1 });
    const wpd = org(db, { name: 'Wasilla Police Department', sector: 'law_enforcement', agency_type: 'police', city: 'Wasilla', state: 'AK', county_fips: '02170', lat: 61.58, lon: -149.43 });
    const officer = person(db, { first: 'Ida', last: 'Poe', org: wpd, share: 1 });
    const contacts = computePairs(db, coalition).stops.find((s) => s.stop_id === stop)!.contacts;
    expect(contacts.map((c) => c.person_id ?? -c.organization_id!)).toEqual([officer, -post]);
  });
});
