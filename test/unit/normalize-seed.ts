/** A small Iowa database for the people/orgs command tests: one coalition, a few agencies, a truck
 * stop, people with attendance and sign-offs, and a near-duplicate. Built once, copied per test. */
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { run, tempDb, tempDir } from '../helpers/context.js';

let template: string | undefined;

export const SEED_SQL = `
INSERT INTO organizations (id, name, name_key, city_key, sector, agency_type, sector_source, city, state, zip, county_fips, county_source, lat, lon, phone, statewide, created_at, updated_at) VALUES
 (1, 'Polk County Sheriff''s Office', 'polk county sheriffs office', 'des moines', 'law_enforcement', 'sheriff', 'inferred', 'Des Moines', 'IA', '50309', '19153', 'zip', 41.58, -93.62, '+15152861800', 0, 'x', 'x'),
 (2, 'Pilot Travel Center #1234', 'pilot travel center #1234', 'ames', 'truck_stop', NULL, 'inferred', 'Ames', 'IA', '50010', '19169', 'zip', 42.03, -93.6, '+15152320100', 0, 'x', 'x'),
 (3, 'Acme Widgets', 'acme widgets', '', 'other', NULL, 'inferred', NULL, 'IA', NULL, NULL, NULL, NULL, NULL, NULL, 0, 'x', 'x'),
 (4, 'Iowa State Patrol', 'iowa state patrol', 'des moines', 'law_enforcement', 'state_patrol', 'column', 'Des Moines', 'IA', '50319', '19153', 'zip', 41.59, -93.6, NULL, 1, 'x', 'x'),
 (5, 'Douglas County Sheriff', 'douglas county sheriff', 'omaha', 'law_enforcement', 'sheriff', 'inferred', 'Omaha', 'NE', '68102', '31055', 'zip', 41.26, -95.93, NULL, 0, 'x', 'x');
INSERT INTO people (id, first_name, last_name, name_key, title, email, phone, phone_ext, organization_id, share_contact, created_at, updated_at) VALUES
 (1, 'Maria', 'Kowalski', 'maria kowalski', 'Lt.', 'maria.kowalski@polk.gov', '+15155550123', '12', 1, 1, 'x', 'x'),
 (2, 'Maria', 'Kowalsky', 'maria kowalsky', 'Lt.', NULL, '+15155550123', '12', 1, NULL, 'x', 'x'),
 (3, 'Dale', 'Cooper', 'dale cooper', 'General Manager', 'gm1234@pilot.com', '+15155550199', NULL, 2, 0, 'x', 'x'),
 (4, 'Ann', 'Lee', 'ann lee', NULL, NULL, NULL, NULL, 3, NULL, 'x', 'x'),
 (5, 'Luis', 'Ortega', 'luis ortega', 'Trooper', 'lortega@dps.iowa.gov', '+15152814000', NULL, 4, 1, 'x', 'x'),
 (6, 'Pat', 'Moore', 'pat moore', 'Deputy', 'pmoore@dcso.ne.gov', NULL, NULL, 5, 1, 'x', 'x');
INSERT INTO attendance (coalition_id, person_id, registered_at, checked_in, checked_in_at, created_at, updated_at) VALUES
 (1, 1, '2026-02-01', 1, '2026-03-12T14:05:00Z', 'x', 'x'),
 (1, 2, '2026-01-15', 0, NULL, 'x', 'x'),
 (1, 3, '2026-02-03', 1, '2026-03-12T14:10:00Z', 'x', 'x'),
 (1, 5, '2026-02-04', 0, NULL, 'x', 'x');
INSERT INTO signoffs (person_id, module_id, completed_on, verified_by, coalition_id, created_at) VALUES
 (1, 'build-initial', '2026-03-12', NULL, 1, 'x'),
 (2, 'build-initial', '2026-03-12', 'TAT trainer', 1, 'x'),
 (2, 'le-tat', '2026-04-01', NULL, NULL, 'x'),
 (3, 'build-initial', '2026-03-12', NULL, 1, 'x');
`;

/** A fresh copy of the seeded database; returns its path. */
export async function seededDb(): Promise<string> {
  if (!template) {
    const file = path.join(tempDir('coalition-seed-'), 'seed.db');
    const r = await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--db', file]);
    if (r.code !== 0) throw new Error(r.stderr);
    const db = new Database(file);
    db.exec(SEED_SQL);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    template = file;
  }
  const copy = tempDb();
  copyFileSync(template, copy);
  return copy;
}

export function query<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
