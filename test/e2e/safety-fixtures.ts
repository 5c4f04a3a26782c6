/** Databases for the safety tests: one migrated template per test file (copied, since loading the
 * place tables takes a second), and small coalitions written straight into the tables. */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabaseFile } from '../../src/db/connection.js';
import { tempDir } from '../helpers/context.js';

let template: Promise<string> | undefined;

export function templateDb(): Promise<string> {
  template ??= (async () => {
    const file = path.join(tempDir('coalition-template-'), 'template.db');
    const { db } = await openDatabaseFile(file);
    db.close();
    return file;
  })();
  return template;
}

/** A fresh, empty, migrated database file in its own folder. */
export async function freshDb(name = 'coalition.db'): Promise<string> {
  const file = path.join(tempDir('coalition-safety-'), name);
  copyFileSync(await templateDb(), file);
  return file;
}

const T = '2026-03-01T12:00:00Z';

export interface Person {
  first: string;
  last: string;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
  org: string;
  city?: string;
}

/** Writes a coalition with organizations, people, attendance, sign-offs and follow-up into `file`. */
export function seedCoalition(file: string, o: { slug: string; state: string; people: Person[]; extraOrgs?: Array<{ name: string; city: string; sector: string }> }): void {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    const cid = Number(db.prepare('INSERT INTO coalitions (slug, name, build_date, city, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(o.slug, `${o.state} Coalition Build`, '2026-03-12', null, T, T).lastInsertRowid);
    db.prepare('INSERT INTO coalition_states (coalition_id, state, position) VALUES (?, ?, 0)').run(cid, o.state);
    db.prepare('INSERT INTO coalition_hosts (coalition_id, position, name) VALUES (?, 0, ?)').run(cid, 'Truckers Against Trafficking');
    const orgId = (name: string, city: string, sector = 'law_enforcement'): number => {
      const key = name.toLowerCase();
      const found = db.prepare('SELECT id FROM organizations WHERE name_key = ? AND city_key = ?').get(key, city.toLowerCase()) as { id: number } | undefined;
      if (found) return found.id;
      return Number(db.prepare('INSERT INTO organizations (name, name_key, city_key, sector, city, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(name, key, city.toLowerCase(), sector, city, o.state, T, T).lastInsertRowid);
    };
    let stop = 0;
    for (const e of o.extraOrgs ?? []) stop = orgId(e.name, e.city, e.sector);
    let first = 0;
    for (const p of o.people) {
      const org = orgId(p.org, p.city ?? 'Des Moines');
      const pid = Number(db.prepare('INSERT INTO people (first_name, last_name, name_key, email, phone, title, organization_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        p.first, p.last, `${p.first} ${p.last}`.toLowerCase(), p.email ?? null, p.phone ?? null, p.title ?? null, org, T, T).lastInsertRowid);
      first ||= pid;
      db.prepare('INSERT INTO attendance (coalition_id, person_id, checked_in, created_at, updated_at) VALUES (?, ?, 1, ?, ?)').run(cid, pid, T, T);
      db.prepare("INSERT INTO signoffs (person_id, module_id, completed_on, coalition_id, created_at) VALUES (?, 'build-initial', '2026-03-12', ?, ?)").run(pid, cid, T);
    }
    const firstOrg = (db.prepare('SELECT organization_id AS id FROM people WHERE id = ?').get(first) as { id: number }).id;
    db.prepare("INSERT INTO training_counts (organization_id, module_id, count, completed_on, coalition_id, created_at) VALUES (?, 'truck-stop-employee', 12, '2026-04-01', ?, ?)").run(firstOrg, cid, T);
    db.prepare("INSERT INTO activities (coalition_id, kind, occurred_on, organization_id, count, note, details_json, created_at, updated_at) VALUES (?, 'commitment', '2026-04-02', ?, NULL, 'will train drivers', '{\"what\":\"train-drivers\"}', ?, ?)").run(cid, firstOrg, T, T);
    db.prepare("INSERT INTO hotline_stats (state, period, granularity, calls, created_at, updated_at) VALUES (?, '2026-03', 'month', 41, ?, ?) ON CONFLICT DO NOTHING").run(o.state, T, T);
    db.prepare("INSERT INTO targets (coalition_id, goal, key, value) VALUES (?, 'P1.2', 'share', 0.9)").run(cid);
    db.prepare("INSERT INTO lint_runs (coalition_id, checked_at, findings, details_json) VALUES (?, ?, 0, '[]')").run(cid, T);
    if (stop) {
      db.prepare("INSERT INTO pairings (coalition_id, stop_id, person_id, rank, match, distance_miles, computed_at) VALUES (?, ?, ?, 1, 'county', NULL, ?)").run(cid, stop, first, T);
      db.prepare('INSERT INTO pins (coalition_id, stop_id, person_id, created_at) VALUES (?, ?, ?, ?)').run(cid, stop, first, T);
    }
  })();
  db.close();
}

/** Every row of the coalition tables (not import history, not the place tables), for comparisons. */
export function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { fileMustExist: true }); // read-write, so closing removes the -wal it opened
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of ['coalitions', 'coalition_states', 'coalition_hosts', 'organizations', 'people', 'attendance', 'signoffs', 'training_counts', 'activities', 'hotline_stats', 'pairings', 'pins', 'targets', 'lint_runs', 'training_modules', 'settings']) {
      out[t] = db.prepare(`SELECT * FROM ${t}`).all().map((r) => JSON.stringify(r)).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

export function query<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { fileMustExist: true }); // read-write, so closing removes the -wal it opened
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
