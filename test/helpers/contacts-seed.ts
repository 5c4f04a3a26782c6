/** Small hand-made directories for the pairing and contact-list tests, inserted with SQL. */
import Database from 'better-sqlite3';
import { configure } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrations/index.js';
import { createCoalition } from '../../src/core/coalitions.js';

export const T = '2026-01-01T00:00:00Z';

export async function memoryDb(): Promise<Database.Database> {
  const db = new Database(':memory:');
  configure(db);
  await migrate(db, ':memory:', () => new Date(T));
  return db;
}

export interface OrgSeed {
  name: string;
  sector: string;
  agency_type?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  county_fips?: string | null;
  lat?: number | null;
  lon?: number | null;
  phone?: string | null;
  address?: string | null;
  statewide?: number;
  website?: string | null;
  /** Give two offices of one agency the same key, as an import does (one name, a city each). */
  name_key?: string;
}

let keyCounter = 0;

export function org(db: Database.Database, o: OrgSeed): number {
  const r = db
    .prepare(`INSERT INTO organizations (name, name_key, city_key, sector, agency_type, city, state, zip, county_fips, lat, lon, phone, address, statewide, website, created_at, updated_at)
              VALUES (@name, @name_key, @city_key, @sector, @agency_type, @city, @state, @zip, @county_fips, @lat, @lon, @phone, @address, @statewide, @website, '${T}', '${T}')`)
    .run({
      agency_type: null, city: null, state: null, zip: null, county_fips: null, lat: null, lon: null, phone: null, address: null, statewide: 0, website: null,
      ...o,
      name_key: o.name_key ?? `${o.name.toLowerCase()}#${++keyCounter}`,
      city_key: (o.city ?? '').toLowerCase(),
    });
  return Number(r.lastInsertRowid);
}

export interface PersonSeed {
  first: string;
  last: string;
  org?: number | null;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  share?: number | null;
  sector?: string | null;
  agency_type?: string | null;
  county_fips?: string | null;
  state?: string | null;
  lat?: number | null;
  lon?: number | null;
}

export function person(db: Database.Database, p: PersonSeed): number {
  const r = db
    .prepare(`INSERT INTO people (first_name, last_name, name_key, title, email, phone, organization_id, share_contact, sector, agency_type, county_fips, state, lat, lon, created_at, updated_at)
              VALUES (@first, @last, @key, @title, @email, @phone, @org, @share, @sector, @agency_type, @county_fips, @state, @lat, @lon, '${T}', '${T}')`)
    .run({ org: null, title: null, email: null, phone: null, share: null, sector: null, agency_type: null, county_fips: null, state: null, lat: null, lon: null, ...p, key: `${p.first} ${p.last}`.toLowerCase() });
  return Number(r.lastInsertRowid);
}

export function attend(db: Database.Database, coalitionId: number, personId: number, checkedIn = 1): void {
  db.prepare(`INSERT INTO attendance (coalition_id, person_id, checked_in, created_at, updated_at) VALUES (?, ?, ?, '${T}', '${T}')`).run(coalitionId, personId, checkedIn);
}

export function coalitionIn(db: Database.Database, states: string[], slug = 'test-2026', name = 'Test Coalition Build 2026'): number {
  return createCoalition(db, { slug, name, states, buildDate: '2026-03-12' }, new Date(T)).id;
}

/** Points used by the tests (lat, lon). Polk County IA (19153) around Des Moines; Dallas County IA
 * (19049) to its west; Story County IA (19169) to the north. */
export const P = {
  desMoines: [41.6005, -93.6091] as const,
  ankeny: [41.7297, -93.6058] as const,
  // Just west of the Polk/Dallas county line, 1 mile from the Clive stop.
  dallasNearLine: [41.6032, -93.7900] as const,
  clive: [41.6030, -93.7710] as const,
  waukee: [41.6117, -93.8852] as const,
  ames: [42.0308, -93.6319] as const,
};

/**
 * A small Iowa directory: two truck stops in Polk County, one in Story County (no officer of its
 * own: Polk officers about 30 miles away), the state patrol, the AG's office (no people), a victim
 * service provider.
 */
export function seedIowa(db: Database.Database) {
  const coalition = coalitionIn(db, ['IA']);
  const stopDM = org(db, { name: 'Pilot Travel Center #1090', sector: 'truck_stop', city: 'Des Moines', state: 'IA', zip: '50313', county_fips: '19153', lat: P.desMoines[0], lon: P.desMoines[1], phone: '+15155550100', address: '4000 Hubbell Ave' });
  const stopClive = org(db, { name: "Love's Travel Stop #412", sector: 'truck_stop', city: 'Clive', state: 'IA', zip: '50325', county_fips: '19153', lat: P.clive[0], lon: P.clive[1], phone: '+15155550200' });
  const stopAmes = org(db, { name: 'Kum & Go Truck Plaza', sector: 'truck_stop', city: 'Ames', state: 'IA', zip: '50010', county_fips: '19169', lat: P.ames[0], lon: P.ames[1] });
  const manager = person(db, { first: 'Dana', last: 'Whitfield', org: stopDM, title: 'General Manager', email: 'dana@pilot.example', share: 1 });
  attend(db, coalition, manager);

  const sheriff = org(db, { name: "Polk County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', city: 'Des Moines', state: 'IA', county_fips: '19153', lat: 41.5868, lon: -93.6250, phone: '+15152863800' });
  const dmpd = org(db, { name: 'Des Moines Police Department', sector: 'law_enforcement', agency_type: 'police', city: 'Des Moines', state: 'IA', county_fips: '19153', lat: 41.5900, lon: -93.6200, phone: '+15152838600' });
  const ankenyPd = org(db, { name: 'Ankeny Police Department', sector: 'law_enforcement', agency_type: 'police', city: 'Ankeny', state: 'IA', county_fips: '19153', lat: P.ankeny[0], lon: P.ankeny[1], phone: '+15159636800' });
  const dallasSo = org(db, { name: "Dallas County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', city: 'Adel', state: 'IA', county_fips: '19049', lat: P.dallasNearLine[0], lon: P.dallasNearLine[1], phone: '+15159932250' });
  const patrol = org(db, { name: 'Iowa State Patrol', sector: 'law_enforcement', agency_type: 'state_patrol', city: 'Des Moines', state: 'IA', county_fips: '19153', lat: 41.59, lon: -93.60, phone: '+15157255000' });
  const ag = org(db, { name: 'Iowa Attorney General', sector: 'government', agency_type: 'attorney_general', city: 'Des Moines', state: 'IA', county_fips: '19153', phone: '+15152815164' });
  const shelter = org(db, { name: 'Iowa Survivor Network', sector: 'victim_services', city: 'Des Moines', state: 'IA', county_fips: '19153', phone: '+15155550300', website: 'https://survivors.example' });

  const deputy = person(db, { first: 'Maria', last: 'Kowalski', title: 'Lt.', org: sheriff, email: 'mkowalski@polk.example', phone: '+15155551001', share: 1 });
  const dmOfficer = person(db, { first: 'James', last: 'Reed', title: 'Sgt.', org: dmpd, email: 'jreed@dmpd.example', phone: '+15155551002', share: 0 });
  const ankenyOfficer = person(db, { first: 'Ana', last: 'Lopez', title: 'Officer', org: ankenyPd, email: 'alopez@ankeny.example', phone: '+15155551003', share: 1 });
  const dallasDeputy = person(db, { first: 'Tom', last: 'Berg', title: 'Deputy', org: dallasSo, email: 'tberg@dallas.example', share: 1 });
  const trooper = person(db, { first: 'Kim', last: 'Olsen', title: 'Trooper', org: patrol, email: 'kolsen@isp.example', phone: '+15155551005', share: 1 });
  return { coalition, stopDM, stopClive, stopAmes, manager, sheriff, dmpd, ankenyPd, dallasSo, patrol, ag, shelter, deputy, dmOfficer, ankenyOfficer, dallasDeputy, trooper };
}

/** Points at the two ends of Iowa, 270 miles apart (lat, lon). */
export const FAR = {
  councilBluffs: [41.2619, -95.8608] as const,
  davenport: [41.5236, -90.5776] as const,
  walcott: [41.5847, -90.7721] as const,
};

/**
 * A state patrol with two posts at the two ends of Iowa, listed as two offices of one name (as a
 * directory import makes them), three troopers each; a truck stop near each post, in Pottawattamie
 * County (19155) and Scott County (19163).
 */
export function seedTwoPosts(db: Database.Database) {
  const coalition = coalitionIn(db, ['IA']);
  const westStop = org(db, { name: 'Council Bluffs Travel Plaza', sector: 'truck_stop', city: 'Council Bluffs', state: 'IA', county_fips: '19155', lat: FAR.councilBluffs[0], lon: FAR.councilBluffs[1] });
  const eastStop = org(db, { name: 'Iowa 80 Truckstop', sector: 'truck_stop', city: 'Walcott', state: 'IA', county_fips: '19163', lat: FAR.walcott[0], lon: FAR.walcott[1] });
  const post = (city: string, fips: string, at: readonly [number, number], phone: string) =>
    org(db, { name: 'Iowa State Patrol', name_key: 'iowa state patrol', sector: 'law_enforcement', agency_type: 'state_patrol', statewide: 1, city, state: 'IA', county_fips: fips, lat: at[0], lon: at[1], phone });
  const westPost = post('Council Bluffs', '19155', FAR.councilBluffs, '+17125550300');
  const eastPost = post('Davenport', '19163', FAR.davenport, '+15635550300');
  let n = 0;
  const trooper = (first: string, last: string, at: number, share: number | null = 1) => person(db, { first, last, title: 'Trooper', org: at, email: `${first.toLowerCase()}@isp.example`, phone: `+151555540${String(++n).padStart(2, '0')}`, share });
  const west = [trooper('Ada', 'West', westPost), trooper('Bo', 'West', westPost), trooper('Cy', 'West', westPost)];
  const east = [trooper('Di', 'East', eastPost), trooper('Ed', 'East', eastPost), trooper('Flo', 'East', eastPost)];
  return { coalition, westStop, eastStop, westPost, eastPost, west, east, trooper };
}
