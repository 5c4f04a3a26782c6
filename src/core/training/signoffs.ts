/**
 * Sign-offs (a person completed a module on a date, verified by someone) and counts (an
 * organization reports N people trained: a truck stop's employees, a carrier's drivers).
 *
 * A sign-off is unique per person, module and date; so is a count per organization, module and
 * date. Recording the same one twice is not an error and changes nothing: the result says so.
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { InvalidDataError, NotFoundError } from '../../io/errors.js';
import { isIsoDate, isoTimestamp } from '../dates.js';
import { getModule, type TrainingModule } from './modules.js';
import { agencyTypeSql } from '../people/sql.js';

export interface SignoffInput {
  personId: number;
  moduleId: string;
  completedOn: string;
  verifiedBy?: string | null;
  coalitionId?: number | null;
  batchId?: number | null;
}

export interface SignoffResult {
  id: number;
  created: boolean;
  /** When an equal sign-off existed: what it already said (verified by, coalition). */
  existing?: { verified_by: string | null; coalition_id: number | null };
}

export function checkDate(date: string, field = 'date'): string {
  const d = date.trim();
  if (!isIsoDate(d)) throw new InvalidDataError(`"${date}" is not a date`, { field }, { hint: `pass --${field} YYYY-MM-DD, for example --${field} 2026-03-12` });
  return d;
}

/** Records a sign-off unless the same person, module and date is already recorded. */
export function recordSignoff(db: DB, input: SignoffInput, now: Date): SignoffResult {
  const found = stmt(db, 'SELECT id, verified_by, coalition_id FROM signoffs WHERE person_id = ? AND module_id = ? AND completed_on = ?').get(input.personId, input.moduleId, input.completedOn) as
    | { id: number; verified_by: string | null; coalition_id: number | null }
    | undefined;
  if (found) return { id: found.id, created: false, existing: { verified_by: found.verified_by, coalition_id: found.coalition_id } };
  const r = stmt(db, 'INSERT INTO signoffs (person_id, module_id, completed_on, verified_by, coalition_id, created_batch, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    input.personId, input.moduleId, input.completedOn, input.verifiedBy?.trim() || null, input.coalitionId ?? null, input.batchId ?? null, isoTimestamp(now),
  );
  return { id: Number(r.lastInsertRowid), created: true };
}

export interface CountInput {
  organizationId: number;
  moduleId: string;
  count: number;
  completedOn: string;
  verifiedBy?: string | null;
  coalitionId?: number | null;
  batchId?: number | null;
}

export interface CountResult {
  id: number;
  created: boolean;
  /** The count already recorded for this organization, module and date, when there was one. */
  previous?: { count: number; verified_by: string | null; coalition_id: number | null };
}

export function checkCount(raw: string | number, field = 'count'): number {
  const s = String(raw).trim().replace(/,/g, '');
  if (!/^\d+$/.test(s)) throw new InvalidDataError(`"${raw}" is not a whole number of people`, { field }, { hint: `pass --${field} N, for example --${field} 18` });
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n > 10_000_000) throw new InvalidDataError(`${raw} is not a plausible number of people`, { field });
  return n;
}

/**
 * Records that an organization trained N people. The same organization, module and date with the
 * same count changes nothing; a different count is reported as `previous` and not overwritten
 * (the caller decides: the command refuses without --replace, an import rejects the row).
 */
export function recordCount(db: DB, input: CountInput, now: Date): CountResult {
  const found = stmt(db, 'SELECT id, count, verified_by, coalition_id FROM training_counts WHERE organization_id = ? AND module_id = ? AND completed_on = ?').get(input.organizationId, input.moduleId, input.completedOn) as
    | { id: number; count: number; verified_by: string | null; coalition_id: number | null }
    | undefined;
  if (found) return { id: found.id, created: false, previous: { count: found.count, verified_by: found.verified_by, coalition_id: found.coalition_id } };
  const r = stmt(db, 'INSERT INTO training_counts (organization_id, module_id, count, completed_on, verified_by, coalition_id, created_batch, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    input.organizationId, input.moduleId, input.count, input.completedOn, input.verifiedBy?.trim() || null, input.coalitionId ?? null, input.batchId ?? null, isoTimestamp(now),
  );
  return { id: Number(r.lastInsertRowid), created: true };
}

/** Changes the count already recorded (`train count --replace`). */
export function replaceCount(db: DB, id: number, count: number, verifiedBy: string | null | undefined): void {
  stmt(db, 'UPDATE training_counts SET count = ?, verified_by = coalesce(?, verified_by) WHERE id = ?').run(count, verifiedBy?.trim() || null, id);
}

/** One line of `train list`: a person's sign-off, or an organization's count. */
export interface TrainingRecord {
  type: 'person' | 'organization';
  id: number;
  person_id: number | null;
  name: string;
  title: string | null;
  organization: string | null;
  organization_id: number | null;
  sector: string | null;
  module: string;
  module_name: string;
  completed_on: string;
  count: number;
  verified_by: string | null;
  coalition: string | null;
  batch: number | null;
}

export interface ListFilter {
  moduleId?: string;
  personId?: number;
  coalitionId?: number;
  /** Only sign-offs of people (no organization counts). */
  peopleOnly?: boolean;
}

export function listTraining(db: DB, f: ListFilter = {}): TrainingRecord[] {
  const people = stmt(db, `
    SELECT 'person' AS type, s.id, p.id AS person_id,
           trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')) AS name, p.title,
           o.name AS organization, p.organization_id, coalesce(p.sector, o.sector) AS sector,
           s.module_id AS module, m.name AS module_name, s.completed_on, 1 AS count, s.verified_by,
           c.slug AS coalition, s.created_batch AS batch
      FROM signoffs s
      JOIN people p ON p.id = s.person_id
      JOIN training_modules m ON m.id = s.module_id
      LEFT JOIN organizations o ON o.id = p.organization_id
      LEFT JOIN coalitions c ON c.id = s.coalition_id
     WHERE (@module IS NULL OR s.module_id = @module) AND (@person IS NULL OR s.person_id = @person) AND (@coalition IS NULL OR s.coalition_id = @coalition)
     ORDER BY s.completed_on, s.module_id, p.last_name, p.first_name, s.id`).all({ module: f.moduleId ?? null, person: f.personId ?? null, coalition: f.coalitionId ?? null }) as TrainingRecord[];
  if (f.peopleOnly || f.personId !== undefined) return people;
  const orgs = stmt(db, `
    SELECT 'organization' AS type, t.id, NULL AS person_id, o.name AS name, NULL AS title,
           o.name AS organization, o.id AS organization_id, o.sector,
           t.module_id AS module, m.name AS module_name, t.completed_on, t.count, t.verified_by,
           c.slug AS coalition, t.created_batch AS batch
      FROM training_counts t
      JOIN organizations o ON o.id = t.organization_id
      JOIN training_modules m ON m.id = t.module_id
      LEFT JOIN coalitions c ON c.id = t.coalition_id
     WHERE (@module IS NULL OR t.module_id = @module) AND (@coalition IS NULL OR t.coalition_id = @coalition)
     ORDER BY t.completed_on, t.module_id, o.name, t.id`).all({ module: f.moduleId ?? null, coalition: f.coalitionId ?? null }) as TrainingRecord[];
  return [...people, ...orgs].sort((a, b) => a.completed_on.localeCompare(b.completed_on) || a.module.localeCompare(b.module) || (a.type === b.type ? 0 : a.type === 'person' ? -1 : 1));
}

export interface MissingRecord {
  person_id: number;
  name: string;
  title: string | null;
  organization: string | null;
  sector: string;
  agency_type: string | null;
  /** The county's name ("Story"), for people to read; the FIPS code is the key. */
  county: string | null;
  county_fips: string | null;
}

export interface MissingResult {
  module: TrainingModule;
  /** The sector the list was limited to (the module's audience), or null for everyone. */
  audience: string | null;
  attended: number;
  signed: number;
  missing: MissingRecord[];
}

/**
 * Checked-in attendees of a coalition who have no sign-off for the module (on any date). A module
 * meant for one sector (victim-centered LE training) only asks it of that sector's attendees,
 * unless `allSectors`.
 */
export function missingSignoffs(db: DB, coalitionId: number, moduleId: string, opts: { allSectors?: boolean } = {}): MissingResult {
  const module = getModule(db, moduleId);
  if (!module) throw new NotFoundError(`unknown module "${moduleId}"`);
  const audience = !opts.allSectors && module.audience && module.audience !== 'all' ? module.audience : null;
  const rows = stmt(db, `
    SELECT p.id AS person_id, trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')) AS name, p.title,
           o.name AS organization, coalesce(p.sector, o.sector, 'other') AS sector,
           ${agencyTypeSql()} AS agency_type, c.name AS county, coalesce(p.county_fips, o.county_fips) AS county_fips,
           EXISTS (SELECT 1 FROM signoffs s WHERE s.person_id = p.id AND s.module_id = @module) AS signed
      FROM attendance a
      JOIN people p ON p.id = a.person_id
      LEFT JOIN organizations o ON o.id = p.organization_id
      LEFT JOIN counties c ON c.fips = coalesce(p.county_fips, o.county_fips)
     WHERE a.coalition_id = @coalition AND a.checked_in = 1
       AND (@audience IS NULL OR coalesce(p.sector, o.sector, 'other') = @audience)
     ORDER BY o.name, p.last_name, p.first_name, p.id`).all({ coalition: coalitionId, module: moduleId, audience }) as Array<MissingRecord & { signed: number }>;
  const missing = rows.filter((r) => !r.signed).map(({ signed: _s, ...r }) => r);
  return { module, audience, attended: rows.length, signed: rows.length - missing.length, missing };
}

export interface CertificateData {
  person: { id: number; name: string; title: string | null; organization: string | null };
  module: { id: string; name: string; description: string | null };
  completed_on: string;
  verified_by: string | null;
  coalition: { slug: string; name: string; build_date: string; city: string | null; states: string[]; hosts: string[] } | null;
}

/**
 * What a certificate prints: the person's sign-off for the module (the given date, or the latest).
 * Refuses when there is none: a certificate is never printed for training that was not recorded.
 */
export function certificateData(db: DB, personId: number, moduleId: string, date?: string): CertificateData | undefined {
  const s = stmt(db, `
    SELECT s.completed_on, s.verified_by, s.coalition_id,
           p.id AS person_id, trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')) AS name, p.title, o.name AS organization,
           m.id AS module_id, m.name AS module_name, m.description
      FROM signoffs s JOIN people p ON p.id = s.person_id JOIN training_modules m ON m.id = s.module_id
      LEFT JOIN organizations o ON o.id = p.organization_id
     WHERE s.person_id = @person AND s.module_id = @module AND (@date IS NULL OR s.completed_on = @date)
     ORDER BY s.completed_on DESC LIMIT 1`).get({ person: personId, module: moduleId, date: date ?? null }) as
    | { completed_on: string; verified_by: string | null; coalition_id: number | null; person_id: number; name: string; title: string | null; organization: string | null; module_id: string; module_name: string; description: string | null }
    | undefined;
  if (!s) return undefined;
  let coalition: CertificateData['coalition'] = null;
  if (s.coalition_id !== null) {
    const c = stmt(db, 'SELECT id, slug, name, build_date, city FROM coalitions WHERE id = ?').get(s.coalition_id) as { id: number; slug: string; name: string; build_date: string; city: string | null } | undefined;
    if (c) {
      const states = (stmt(db, 'SELECT state FROM coalition_states WHERE coalition_id = ? ORDER BY position').all(c.id) as { state: string }[]).map((r) => r.state);
      const hosts = (stmt(db, 'SELECT name FROM coalition_hosts WHERE coalition_id = ? ORDER BY position').all(c.id) as { name: string }[]).map((r) => r.name);
      coalition = { slug: c.slug, name: c.name, build_date: c.build_date, city: c.city, states, hosts };
    }
  }
  return {
    person: { id: s.person_id, name: s.name, title: s.title, organization: s.organization },
    module: { id: s.module_id, name: s.module_name, description: s.description },
    completed_on: s.completed_on,
    verified_by: s.verified_by,
    coalition,
  };
}
