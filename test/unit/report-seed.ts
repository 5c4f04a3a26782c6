/**
 * A small hand-made Iowa coalition for the report tests. Every expected figure in
 * report-goals.test.ts is derived from the rows below by hand.
 */
import Database from 'better-sqlite3';
import { configure, type DB } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrations/index.js';
import { createCoalition } from '../../src/core/coalitions.js';

const TS = '2026-01-01T00:00:00Z';

export async function memoryDb(): Promise<DB> {
  const db = new Database(':memory:');
  configure(db);
  await migrate(db, ':memory:', () => new Date(TS));
  return db;
}

export function addOrg(db: DB, o: { name: string; sector: string; agency_type?: string | null; county?: string | null; state?: string; vetted_by?: string | null; distribution_point?: number; city?: string }): number {
  const r = db.prepare(`INSERT INTO organizations (name, name_key, city_key, sector, agency_type, sector_source, city, state, county_fips, county_source, vetted_by, distribution_point, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, 'column', ?, ?, ?, 'column', ?, ?, ?, ?)`).run(
    o.name, o.name.toLowerCase(), (o.city ?? '').toLowerCase(), o.sector, o.agency_type ?? null, o.city ?? null, o.state ?? 'IA', o.county ?? null, o.vetted_by ?? null, o.distribution_point ?? 0, TS, TS);
  return Number(r.lastInsertRowid);
}

export function addPerson(db: DB, first: string, last: string, orgId: number): number {
  const r = db.prepare('INSERT INTO people (first_name, last_name, name_key, organization_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(first, last, `${first} ${last}`.toLowerCase(), orgId, TS, TS);
  return Number(r.lastInsertRowid);
}

export function attend(db: DB, coalitionId: number, personId: number, checkedIn: boolean): void {
  db.prepare('INSERT INTO attendance (coalition_id, person_id, registered_at, checked_in, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(coalitionId, personId, '2026-02-20', checkedIn ? 1 : 0, TS, TS);
}

export function signoff(db: DB, personId: number, module: string, date: string, coalitionId: number | null): void {
  db.prepare('INSERT INTO signoffs (person_id, module_id, completed_on, coalition_id, created_at) VALUES (?, ?, ?, ?, ?)').run(personId, module, date, coalitionId, TS);
}

export function trainingCount(db: DB, orgId: number, module: string, count: number, date: string, coalitionId: number | null): void {
  db.prepare('INSERT INTO training_counts (organization_id, module_id, count, completed_on, coalition_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(orgId, module, count, date, coalitionId, TS);
}

export function activity(db: DB, coalitionId: number, kind: string, date: string, o: { org?: number | null; count?: number | null; details?: object } = {}): void {
  db.prepare('INSERT INTO activities (coalition_id, kind, occurred_on, organization_id, count, details_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    coalitionId, kind, date, o.org ?? null, o.count ?? null, JSON.stringify(o.details ?? {}), TS, TS);
}

export function hotline(db: DB, state: string, period: string, calls: number, texts: number | null, cases: number | null = null): void {
  db.prepare(`INSERT INTO hotline_stats (state, period, granularity, calls, texts, cases, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'test', ?, ?)`).run(
    state, period, period.length === 4 ? 'year' : 'month', calls, texts, cases, TS, TS);
}

/** The Iowa build of 2026-03-12. Returns the ids the tests need. */
export function seedIowa(db: DB) {
  const c = createCoalition(db, { slug: 'ia-2026', name: 'Iowa Coalition Build 2026', states: ['IA'], buildDate: '2026-03-12' }, new Date(TS));
  const cid = c.id;
  const POLK = '19153', STORY = '19169', DALLAS = '19049', LINN = '19113';
  const polkSheriff = addOrg(db, { name: 'Polk County Sheriff\'s Office', sector: 'law_enforcement', agency_type: 'sheriff', county: POLK });
  const storySheriff = addOrg(db, { name: 'Story County Sheriff\'s Office', sector: 'law_enforcement', agency_type: 'sheriff', county: STORY });
  const isp = addOrg(db, { name: 'Iowa State Patrol', sector: 'law_enforcement', agency_type: 'state_patrol', county: POLK });
  const mve = addOrg(db, { name: 'Iowa DOT Motor Vehicle Enforcement', sector: 'law_enforcement', agency_type: 'dot_mve', county: POLK });
  const dmpd = addOrg(db, { name: 'Des Moines Police Department', sector: 'law_enforcement', agency_type: 'police', county: POLK });
  const heartland = addOrg(db, { name: 'Heartland Express', sector: 'trucking', agency_type: 'carrier', county: LINN });
  const imta = addOrg(db, { name: 'Iowa Motor Truck Association', sector: 'trucking', agency_type: 'association', county: POLK });
  const loves = addOrg(db, { name: "Love's Travel Stop #512", sector: 'truck_stop', county: POLK });
  const pilot = addOrg(db, { name: 'Pilot Travel Center #1', sector: 'truck_stop', county: STORY, distribution_point: 1 });
  const flyingJ = addOrg(db, { name: 'Flying J #3', sector: 'truck_stop', county: DALLAS });
  const ta = addOrg(db, { name: 'TA Cedar Rapids', sector: 'truck_stop', county: LINN });
  const monsoon = addOrg(db, { name: 'Monsoon United Asian Women of Iowa', sector: 'victim_services', county: POLK, vetted_by: 'Iowa Attorney General' });
  const ag = addOrg(db, { name: 'Iowa Attorney General', sector: 'government', agency_type: 'attorney_general', county: POLK });
  addOrg(db, { name: 'Hope Shelter', sector: 'victim_services', county: STORY });
  const prairie = addOrg(db, { name: 'Prairie Freight', sector: 'trucking', agency_type: 'carrier', county: DALLAS });
  // A Nebraska truck stop: another state, never counted for Iowa.
  addOrg(db, { name: 'Nebraska Stop', sector: 'truck_stop', county: '31055', state: 'NE' });

  const p1 = addPerson(db, 'Ana', 'Deputy', polkSheriff);
  const p2 = addPerson(db, 'Ben', 'Sheriff', storySheriff);
  const p3 = addPerson(db, 'Cy', 'Trooper', isp);
  const p4 = addPerson(db, 'Di', 'Officer', dmpd);
  const p5 = addPerson(db, 'Ed', 'Inspector', mve);
  const p6 = addPerson(db, 'Flo', 'Exec', heartland);
  const p7 = addPerson(db, 'Gus', 'Assoc', imta);
  const p8 = addPerson(db, 'Hal', 'Manager', loves);
  const p9 = addPerson(db, 'Ivy', 'Manager', flyingJ);
  const p10 = addPerson(db, 'Jo', 'Counsel', ag);
  const p11 = addPerson(db, 'Kit', 'Manager', pilot);
  for (const p of [p1, p2, p3, p4, p6, p7, p8, p9, p10]) attend(db, cid, p, true);
  for (const p of [p5, p11]) attend(db, cid, p, false);

  for (const p of [p1, p2, p3, p6, p8, p10, p5]) signoff(db, p, 'build-initial', '2026-03-12', cid);
  for (const p of [p1, p3]) signoff(db, p, 'le-victim-centered', '2026-03-12', cid);

  activity(db, cid, 'commitment', '2026-04-01', { org: heartland, details: { what: 'train-drivers' } });
  trainingCount(db, heartland, 'driver', 120, '2026-05-01', cid);
  trainingCount(db, prairie, 'driver', 80, '2026-02-01', null); // before the build: not counted
  trainingCount(db, loves, 'truck-stop-employee', 25, '2026-04-10', cid);
  activity(db, cid, 'distribution-point', '2026-04-15', { org: loves, count: 400, details: { materials: ['wallet cards', 'posters'] } });
  db.prepare('UPDATE organizations SET distribution_point = 1 WHERE id = ?').run(loves);
  activity(db, cid, 'agenda', '2026-03-12', { details: { item: 'le-led-session' } });
  db.prepare("INSERT INTO lint_runs (coalition_id, checked_at, findings) VALUES (?, '2026-03-01T10:00:00Z', 8), (?, '2026-04-01T10:00:00Z', 2)").run(cid, cid);
  activity(db, cid, 'provider-invited', '2026-02-15', { org: monsoon });
  activity(db, cid, 'training-event', '2026-02-01', { count: 10, details: { audience: 'law_enforcement' } }); // before the build
  activity(db, cid, 'training-event', '2026-05-14', { count: 35, details: { audience: 'law_enforcement' } });
  activity(db, cid, 'training-event', '2026-08-20', { count: 40, details: { audience: 'truck_stop' } });
  // Hotline, monthly: 2025-01/02 outside the 12-month window (100 each); 2025-03…2026-02 = 50 each;
  // the build month 2026-03 = 500 (in neither); 2026-04…2026-09 = 66 each.
  hotline(db, 'IA', '2025-01', 100, null);
  hotline(db, 'IA', '2025-02', 100, null);
  for (let m = 3; m <= 14; m++) {
    const y = m <= 12 ? 2025 : 2026;
    hotline(db, 'IA', `${y}-${String(((m - 1) % 12) + 1).padStart(2, '0')}`, 40, 10, 4);
  }
  hotline(db, 'IA', '2026-03', 450, 50);
  for (let m = 4; m <= 9; m++) hotline(db, 'IA', `2026-0${m}`, 60, 6, 5);
  hotline(db, 'NE', '2026-05', 9999, 0); // another state: never counted for Iowa
  activity(db, cid, 'task-force', '2026-06-01', { org: imta, details: { name: 'Central Iowa Human Trafficking Task Force' } });
  activity(db, cid, 'task-force', '2026-06-02', { org: storySheriff, details: { name: 'Story County Task Force' } });
  activity(db, cid, 'investigation', '2026-09-30', { count: 2 });
  activity(db, cid, 'sbi', '2026-06-01', { details: { component: 'executive-order', status: 'adopted' } });
  activity(db, cid, 'sbi', '2026-07-01', { details: { component: 'train-agencies', status: 'in-progress' } });
  activity(db, cid, 'sbi', '2026-10-01', { details: { component: 'train-agencies', status: 'adopted' } });
  activity(db, cid, 'sbi', '2026-07-01', { details: { component: 'hotline-network', status: 'in-progress' } });
  activity(db, cid, 'cdl-mandate', '2026-04-01', { details: { status: 'proposed' } });
  activity(db, cid, 'cdl-mandate', '2026-09-01', { details: { status: 'introduced' } });
  return { cid, orgs: { polkSheriff, storySheriff, isp, mve, dmpd, heartland, imta, loves, pilot, flyingJ, ta, monsoon, ag, prairie }, people: { p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11 } };
}
