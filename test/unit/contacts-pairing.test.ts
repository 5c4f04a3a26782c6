import { describe, expect, it } from 'vitest';
import { agencyGroup, computePairs, milesBetween, parseMaxMiles, pickDiverse } from '../../src/core/pairing/compute.js';
import { agencyKey, cityKey, countyLabel } from '../../src/core/pairing/data.js';
import { addPin, loadSavedPairs, pairingDifferences, parsePinArg, removePin, resolvePerson, resolveStop, savePairs } from '../../src/core/pairing/save.js';
import { buildContactsDocument, resolveCountyRefs } from '../../src/core/pairing/document.js';
import { MAX_STATEWIDE_PER_AGENCY, NearestFirst, sheetPoint } from '../../src/core/pairing/statewide.js';
import { findCoalitionRow } from '../../src/core/coalitions.js';
import fc from 'fast-check';
import { attend, coalitionIn, FAR, memoryDb, org, person, seedIowa, seedTwoPosts } from '../helpers/contacts-seed.js';

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

describe('statewide contacts: the nearest post on each sheet', () => {
  /** The statewide contacts of each county's sheet, as printed. */
  function sheets(db: Parameters<typeof computePairs>[0], coalitionId: number) {
    const doc = buildContactsDocument(db, findCoalitionRow(db, 'test-2026')!, computePairs(db, coalitionId), { now });
    const sheet = (fips: string | null) => doc.counties.find((c) => c.county_fips === fips)!.statewide;
    return { doc, sheet, ids: (fips: string | null) => sheet(fips).map((c) => c.person_id) };
  }
  const WEST = '19155';
  const EAST = '19163';

  it("gives each county's sheet the troopers of the post nearest it, not the same list everywhere", async () => {
    const db = await memoryDb();
    const s = seedTwoPosts(db);
    const { doc, sheet, ids } = sheets(db, s.coalition);
    expect(ids(WEST)).toEqual(s.west);
    expect(ids(EAST)).toEqual(s.east);
    expect(sheet(WEST).every((c) => c.match === 'statewide' && c.agency === 'Iowa State Patrol' && c.state === 'IA')).toBe(true);
    expect(sheet(WEST).map((c) => c.distance_miles)).toEqual([0, 0, 0]);
    // The Walcott stop is 11 miles from the Davenport post.
    expect(sheet(EAST)[0].distance_miles).toBeGreaterThan(10);
    expect(sheet(EAST)[0].distance_miles).toBeLessThan(12);
    // The document-wide list holds everyone printed on some sheet, once, without a distance.
    expect(doc.statewide.map((c) => c.person_id).sort()).toEqual([...s.west, ...s.east].sort());
    expect(doc.statewide.every((c) => c.distance_miles === null)).toBe(true);
  });

  it("measures to a trooper's own coordinates (their ZIP) before their office's", async () => {
    const db = await memoryDb();
    const coalition = coalitionIn(db, ['IA']);
    org(db, { name: 'West Stop', sector: 'truck_stop', state: 'IA', county_fips: '19155', lat: FAR.councilBluffs[0], lon: FAR.councilBluffs[1] });
    org(db, { name: 'East Stop', sector: 'truck_stop', state: 'IA', county_fips: '19163', lat: FAR.walcott[0], lon: FAR.walcott[1] });
    // One organization in Des Moines; each trooper's own row gives the post's ZIP.
    const hq = org(db, { name: 'Iowa State Patrol', sector: 'law_enforcement', agency_type: 'state_patrol', statewide: 1, city: 'Des Moines', state: 'IA', county_fips: '19153', lat: 41.59, lon: -93.6 });
    const west = person(db, { first: 'Wes', last: 'Trooper', org: hq, lat: FAR.councilBluffs[0], lon: FAR.councilBluffs[1] });
    const east = person(db, { first: 'Eve', last: 'Trooper', org: hq, lat: FAR.davenport[0], lon: FAR.davenport[1] });
    const central = person(db, { first: 'Cal', last: 'Trooper', org: hq });
    const { ids } = sheets(db, coalition);
    expect(ids(WEST)).toEqual([west, central, east]);
    expect(ids(EAST)).toEqual([east, central, west]);
  });

  it('at the same distance (to the mile): attendees first, then those who consented, then by name; a nearer post still wins', async () => {
    const db = await memoryDb();
    const s = seedTwoPosts(db);
    const [ada, bo, cy] = s.west;
    attend(db, s.coalition, cy);
    db.prepare('UPDATE people SET share_contact = 0 WHERE id = ?').run(bo);
    // At the post: Al Near sorts before Ada West by name.
    const al = s.trooper('Al', 'Near', s.westPost);
    expect(sheets(db, s.coalition).ids(WEST)).toEqual([cy, al, ada]);
    // Attended, 0.3 mile from the post (the same mile): before those who did not attend.
    const gus = person(db, { first: 'Gus', last: 'Zed', org: s.westPost, share: 0, lat: FAR.councilBluffs[0] + 0.004, lon: FAR.councilBluffs[1] });
    attend(db, s.coalition, gus);
    expect(sheets(db, s.coalition).ids(WEST)).toEqual([cy, gus, al]);
    // Attended, at the far post: never before the near post's troopers.
    attend(db, s.coalition, s.east[0]);
    expect(sheets(db, s.coalition).ids(WEST)).not.toContain(s.east[0]);
    expect(sheets(db, s.coalition).ids(EAST)[0]).toBe(s.east[0]);
  });

  it('lists people without coordinates after those with, and by attendance alone on a sheet with no place', async () => {
    const db = await memoryDb();
    const s = seedTwoPosts(db);
    const mveWest = org(db, { name: 'Iowa DOT Motor Vehicle Enforcement', name_key: 'iowa dot mve', sector: 'law_enforcement', agency_type: 'dot_mve', statewide: 1, city: 'Council Bluffs', state: 'IA', county_fips: '19155', lat: FAR.councilBluffs[0], lon: FAR.councilBluffs[1] });
    const mveSomewhere = org(db, { name: 'Iowa DOT Motor Vehicle Enforcement', name_key: 'iowa dot mve', sector: 'law_enforcement', agency_type: 'dot_mve', statewide: 1, city: 'Somewhere', state: 'IA' });
    const located = person(db, { first: 'Lou', last: 'Located', org: mveWest, share: 1 });
    const unknown = person(db, { first: 'Una', last: 'Unknown', org: mveSomewhere, share: 1 });
    attend(db, s.coalition, unknown);
    const mve = (list: ReturnType<ReturnType<typeof sheets>['sheet']>) => list.filter((c) => c.agency_type === 'dot_mve').map((c) => [c.person_id, c.distance_miles]);
    expect(mve(sheets(db, s.coalition).sheet(WEST))).toEqual([[located, 0], [unknown, null]]);
    // A truck stop with no county and no coordinates: nothing to measure from.
    org(db, { name: 'Mystery Fuel Stop', sector: 'truck_stop', state: 'IA' });
    const { sheet } = sheets(db, s.coalition);
    expect(mve(sheet(null))).toEqual([[unknown, null], [located, null]]);
    // Patrol order there: the previous rule (attendance, consent, then name), no distances.
    expect(sheet(null).filter((c) => c.agency_type === 'state_patrol').map((c) => [c.person_id, c.distance_miles])).toEqual(s.east.map((id) => [id, null]));
  });

  it.each([
    ['iowa state patrol post 3', 'iowa state patrol'],
    ['post 3 iowa state patrol', 'iowa state patrol'],
    ['missouri state highway patrol troop c', 'missouri state highway patrol'],
    ['ohio state highway patrol district 9 cambridge post', 'ohio state highway patrol'],
    ['iowa dot motor vehicle enforcement district 4', 'iowa dot motor vehicle enforcement'],
    ['texas dps region 2', 'texas dps'],
    ['iowa state patrol', 'iowa state patrol'],
    ['iowa attorney generals office', 'iowa attorney generals office'],
    ['post', 'post'],
  ])('an office named %j belongs to the agency %j', (key, agency) => expect(agencyKey(key)).toBe(agency));

  it('counts a post named in its office\'s name as the patrol: on a far sheet only when the near post has too few', async () => {
    const db = await memoryDb();
    const s = seedTwoPosts(db);
    // A third office, named for its post, in Council Bluffs: before, an agency of its own, listed on every sheet.
    const post3 = org(db, { name: 'Iowa State Patrol Post 3', name_key: 'iowa state patrol post 3', sector: 'law_enforcement', agency_type: 'state_patrol', statewide: 1, city: 'Council Bluffs', state: 'IA', county_fips: '19155', lat: FAR.councilBluffs[0], lon: FAR.councilBluffs[1] });
    const ida = s.trooper('Ida', 'Post', post3);
    const { ids, sheet } = sheets(db, s.coalition);
    expect(ids(EAST)).toEqual(s.east);
    expect(ids(WEST)).toHaveLength(MAX_STATEWIDE_PER_AGENCY);
    expect(ids(WEST)).not.toContain(s.east[0]);
    expect([...ids(WEST), ida].every((id) => [...s.west, ida].includes(id!))).toBe(true);
    expect(sheet(EAST).every((c) => c.agency === 'Iowa State Patrol')).toBe(true);
  });

  it(`keeps at most ${MAX_STATEWIDE_PER_AGENCY} people per agency (its posts counted as one), then the next nearest post`, async () => {
    const db = await memoryDb();
    const s = seedTwoPosts(db);
    const more = [s.trooper('Gil', 'West', s.westPost), s.trooper('Hal', 'West', s.westPost)];
    const { ids } = sheets(db, s.coalition);
    expect(ids(WEST)).toHaveLength(MAX_STATEWIDE_PER_AGENCY);
    expect(ids(WEST).every((id) => [...s.west, ...more].includes(id!))).toBe(true);
    // With two troopers at the near post, the third comes from the far one.
    db.prepare('DELETE FROM people WHERE id IN (?, ?, ?)').run(s.west[2], ...more);
    const after = sheets(db, s.coalition);
    expect(after.ids(WEST)).toEqual([s.west[0], s.west[1], s.east[0]]);
    expect(after.sheet(WEST)[2].distance_miles).toBeGreaterThan(250);
    // Another agency has its own cap.
    const mve = org(db, { name: 'Iowa DOT Motor Vehicle Enforcement', sector: 'law_enforcement', agency_type: 'dot_mve', statewide: 1, state: 'IA', county_fips: '19155' });
    const officers = [1, 2, 3, 4].map((i) => person(db, { first: `Mo${i}`, last: 'Mve', org: mve, share: 1 }));
    const withMve = sheets(db, s.coalition).sheet(WEST);
    expect(withMve.map((c) => c.person_id)).toEqual([s.west[0], s.west[1], s.east[0], ...officers.slice(0, 3)]);
  });

  it('prints a trooper who did not consent with the post\'s main line, never their own phone or e-mail', async () => {
    const db = await memoryDb();
    const s = seedTwoPosts(db);
    db.prepare('UPDATE people SET share_contact = 0 WHERE id = ?').run(s.west[0]);
    const { doc, sheet } = sheets(db, s.coalition);
    const ada = sheet(WEST).find((c) => c.person_id === s.west[0])!;
    expect(ada).toMatchObject({ name: 'Ada West', phone: '+17125550300', email: null, consented: false });
    expect(sheet(WEST).find((c) => c.person_id === s.west[1])).toMatchObject({ email: 'bo@isp.example', consented: true });
    expect(JSON.stringify(doc)).not.toContain('ada@isp.example');
    expect(JSON.stringify(doc)).not.toContain('+15155540001');
  });

  it('lists an agency without people by the main line of its nearest office that has a phone', async () => {
    const db = await memoryDb();
    const s = seedTwoPosts(db);
    const mve = (city: string, fips: string, at: readonly [number, number], phone: string | null) =>
      org(db, { name: 'Iowa DOT Motor Vehicle Enforcement', name_key: 'iowa dot mve', sector: 'law_enforcement', agency_type: 'dot_mve', statewide: 1, city, state: 'IA', county_fips: fips, lat: at[0], lon: at[1], phone });
    mve('Council Bluffs', '19155', FAR.councilBluffs, '+17125550400');
    mve('Davenport', '19163', FAR.davenport, '+15635550400');
    mve('Walcott', '19163', FAR.walcott, null);
    const { sheet } = sheets(db, s.coalition);
    const line = (fips: string) => sheet(fips).filter((c) => c.agency_type === 'dot_mve').map((c) => [c.person_id, c.phone]);
    expect(line(WEST)).toEqual([[null, '+17125550400']]);
    expect(line(EAST)).toEqual([[null, '+15635550400']]);
  });
});

describe('NearestFirst', () => {
  it.each([
    ['no points', [], null],
    ['one point', [{ lat: 41.5, lon: -93.5 }], { lat: 41.5, lon: -93.5 }],
    ['the same point twice', [{ lat: 41.5, lon: -93.5 }, { lat: 41.5, lon: -93.5 }], { lat: 41.5, lon: -93.5 }],
    ['points without coordinates are left out', [{ lat: null, lon: null }, { lat: 41.5, lon: -93.5 }], { lat: 41.5, lon: -93.5 }],
  ])('sheetPoint of %s', (_what, points, expected) => expect(sheetPoint(points)).toEqual(expected));

  it('sheetPoint: the middle of two points, across the 180th meridian too', () => {
    const mid = sheetPoint([{ lat: 41, lon: -94 }, { lat: 41, lon: -92 }])!;
    expect(mid.lat).toBeCloseTo(41.006, 2);
    expect(mid.lon).toBeCloseTo(-93, 6);
    const aleutians = sheetPoint([{ lat: 52, lon: 179 }, { lat: 52, lon: -179 }])!;
    expect(Math.abs(aleutians.lon)).toBeCloseTo(180, 6);
  });

  it('agrees with sorting everyone by distance to the mile, then the tie-breakers', () => {
    interface Item { id: number; lat: number | null; lon: number | null; rank: number }
    const point = fc.record({ lat: fc.double({ min: 40, max: 44, noNaN: true }), lon: fc.double({ min: -97, max: -90, noNaN: true }) });
    const item = fc.record({ place: fc.option(fc.nat(7), { nil: null }), rank: fc.nat(2) });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 8 }), fc.array(item, { maxLength: 30 }), point, fc.integer({ min: 1, max: 6 }), (places, raw, at, n) => {
        const items: Item[] = raw.map((r, id) => ({ id, rank: r.rank, lat: r.place === null ? null : places[r.place % places.length].lat, lon: r.place === null ? null : places[r.place % places.length].lon }));
        const compare = (a: { item: Item; miles: number | null }, b: { item: Item; miles: number | null }) => a.item.rank - b.item.rank || (a.miles ?? Infinity) - (b.miles ?? Infinity) || a.item.id - b.item.id;
        const got = new NearestFirst(items, (x) => x, compare).take(at, n).map((r) => r.item.id);
        const miles = (x: Item) => (x.lat === null ? null : milesBetween(at.lat, at.lon, x.lat, x.lon!));
        const expected = items
          .map((x) => ({ item: x, miles: miles(x) }))
          .sort((a, b) => (a.miles === null ? Infinity : Math.round(a.miles)) - (b.miles === null ? Infinity : Math.round(b.miles)) || compare(a, b))
          .slice(0, n)
          .map((r) => r.item.id);
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
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
