/**
 * Reading people: the filtered list (`coalition people`), one person with everything attached
 * (`people show`), and finding a person from what a coordinator types (an id, an e-mail, a name).
 *
 * A person's sector and agency type are their own when set, else their organization's.
 */
import { resolveModule } from '../training/modules.js';
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { NotFoundError } from '../../io/errors.js';
import { normalizeEmail } from '../normalize/email.js';
import { countyLabel } from '../normalize/geo.js';
import { personKey } from '../normalize/name.js';
import { containsPattern } from '../../db/like.js';
import { otherEmails, personIdByAddress } from './emails.js';
import { agencyTypeSql } from './sql.js';

/** One row of `coalition people --json` (CONTRACT.md), plus `phone_ext`. */
export interface PersonListItem {
  id: number;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  phone_ext: string | null;
  organization: string | null;
  organization_id: number | null;
  sector: string;
  agency_type: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  county: string | null;
  county_fips: string | null;
  county_source: string | null;
  share_contact: boolean | null;
}

export interface PeopleFilters {
  sector?: string;
  agencyType?: string;
  countyFips?: string;
  state?: string;
  coalitionId?: number;
  attended?: boolean;
  untrainedModule?: string;
  search?: string;
  limit?: number;
}

/** A person's county: their own, else their organization's; but an agency whose county comes from
 * its name ("Roanoke County Sheriff's Office", in Salem) places its people there too, as contact
 * lists do, unless the person's county was set by hand. */
const PERSON_COUNTY = `CASE WHEN o.county_source = 'name' AND coalesce(p.county_source, '') <> 'manual' THEN o.county_fips ELSE coalesce(p.county_fips, o.county_fips) END`;

/** The columns every person query selects, with the organization's values where the person has none. */
export const PERSON_SELECT = `
  SELECT p.id, p.first_name, p.last_name, p.title, p.email, p.phone, p.phone_ext,
         o.name AS organization, p.organization_id,
         coalesce(p.sector, o.sector, 'other') AS sector,
         ${agencyTypeSql()} AS agency_type,
         coalesce(p.city, o.city) AS city, coalesce(p.state, o.state) AS state, coalesce(p.zip, o.zip) AS zip,
         c.name AS county, ${PERSON_COUNTY} AS county_fips,
         CASE WHEN o.county_source = 'name' AND coalesce(p.county_source, '') <> 'manual' THEN 'name' WHEN p.county_fips IS NOT NULL THEN p.county_source ELSE o.county_source END AS county_source,
         p.share_contact
    FROM people p
    LEFT JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN counties c ON c.fips = ${PERSON_COUNTY}`;

type RawPerson = Omit<PersonListItem, 'share_contact'> & { share_contact: number | null };

export function toListItem(r: RawPerson): PersonListItem {
  return { ...r, county: countyLabel(r.county), share_contact: r.share_contact === null ? null : r.share_contact === 1 };
}

export function listPeople(db: DB, f: PeopleFilters = {}): PersonListItem[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.sector) {
    where.push(`coalesce(p.sector, o.sector, 'other') = @sector`);
    params.sector = f.sector;
  }
  if (f.agencyType) {
    where.push(`${agencyTypeSql()} = @agencyType`);
    params.agencyType = f.agencyType;
  }
  if (f.countyFips) {
    where.push(`${PERSON_COUNTY} = @county`);
    params.county = f.countyFips;
  }
  if (f.state) {
    where.push('coalesce(p.state, o.state) = @state');
    params.state = f.state;
  }
  if (f.coalitionId !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM attendance a WHERE a.person_id = p.id AND a.coalition_id = @coalition${f.attended ? ' AND a.checked_in = 1' : ''})`);
    params.coalition = f.coalitionId;
  }
  if (f.untrainedModule) {
    where.push('NOT EXISTS (SELECT 1 FROM signoffs s WHERE s.person_id = p.id AND s.module_id = @module)');
    params.module = f.untrainedModule;
  }
  if (f.search && f.search.trim()) {
    const text = f.search.trim();
    const digits = text.replace(/\D/g, '');
    const clauses = [
      `lower(coalesce(p.first_name,'') || ' ' || coalesce(p.last_name,'')) LIKE @like ESCAPE '\\'`,
      `lower(coalesce(p.last_name,'') || ', ' || coalesce(p.first_name,'')) LIKE @like ESCAPE '\\'`,
      `p.email LIKE @like ESCAPE '\\'`,
      `EXISTS (SELECT 1 FROM person_emails pe WHERE pe.person_id = p.id AND pe.email LIKE @like ESCAPE '\\')`,
      `lower(coalesce(p.title,'')) LIKE @like ESCAPE '\\'`,
      `lower(coalesce(o.name,'')) LIKE @like ESCAPE '\\'`,
      `p.name_key LIKE @keyLike ESCAPE '\\'`,
    ];
    params.like = containsPattern(text);
    params.keyLike = containsPattern(personKey(text, null) || text);
    if (digits.length >= 4 && digits.length === text.replace(/[\s()+.-]/g, '').length) {
      clauses.push(`p.phone LIKE @digits`);
      params.digits = `%${digits}%`;
    }
    where.push(`(${clauses.join(' OR ')})`);
  }
  const sql = `${PERSON_SELECT}${where.length ? `\n   WHERE ${where.join('\n     AND ')}` : ''}
   ORDER BY lower(coalesce(p.last_name, p.first_name, '')), lower(coalesce(p.first_name, '')), p.id${f.limit ? ' LIMIT @limit' : ''}`;
  if (f.limit) params.limit = f.limit;
  return (db.prepare(sql).all(params) as RawPerson[]).map(toListItem);
}

export interface PersonRef {
  id: number;
}

/**
 * Finds a person from an id, an e-mail address (their main or another one), or a name ("Maria
 * Kowalski", "Kowalski, Maria").
 * A name that fits several people is a NotFoundError listing them (ids to use instead).
 */
export function findPerson(db: DB, ref: string): number {
  const t = ref.trim();
  if (/^#?\d+$/.test(t)) {
    const id = Number(t.replace('#', ''));
    if (stmt(db, 'SELECT 1 FROM people WHERE id = ?').get(id)) return id;
    throw new NotFoundError(`no person with id ${id}`, { hint: 'find the id with: coalition people --search NAME' });
  }
  if (t.includes('@')) {
    const email = normalizeEmail(t).value ?? t.toLowerCase();
    const id = personIdByAddress(db, email);
    if (id !== undefined) return id;
    throw new NotFoundError(`no person with the e-mail ${email}`, { hint: 'find them with: coalition people --search NAME' });
  }
  const matches = findPeopleByName(db, t);
  if (matches.length === 1) return matches[0].id;
  if (matches.length === 0) throw new NotFoundError(`no person called "${t}"`, { hint: 'use an id or e-mail; find them with: coalition people --search TEXT' });
  throw new NotFoundError(`${matches.length} people are called "${t}"`, {
    hint: `use an id: ${matches.slice(0, 6).map((m) => `${m.id} (${m.organization ?? 'no organization'})`).join(', ')}`,
  });
}

export function findPeopleByName(db: DB, name: string): Array<{ id: number; organization: string | null }> {
  let first: string | null = name;
  let last: string | null = null;
  const comma = name.split(',');
  if (comma.length === 2) [last, first] = comma.map((s) => s.trim());
  else {
    const words = name.split(/\s+/);
    if (words.length > 1) {
      last = words.pop()!;
      first = words.join(' ');
    }
  }
  const key = personKey(first, last);
  return stmt(db, 'SELECT p.id, o.name AS organization FROM people p LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.name_key = ? ORDER BY p.id').all(key) as Array<{ id: number; organization: string | null }>;
}

export interface PersonDetails extends PersonListItem {
  prefix: string | null;
  suffix: string | null;
  address: string | null;
  address2: string | null;
  notes: string | null;
  own_sector: string | null;
  organization_details: { id: number; name: string; sector: string; agency_type: string | null; city: string | null; state: string | null; phone: string | null; phone_ext: string | null } | null;
  attendance: Array<{ coalition: string; name: string; build_date: string; registered_at: string | null; checked_in: boolean; checked_in_at: string | null; ticket_type: string | null }>;
  signoffs: Array<{ module: string; module_name: string; completed_on: string; verified_by: string | null; coalition: string | null }>;
  /** The person's other e-mail addresses (kept by `people merge`); `email` is the main one. */
  other_emails: string[];
  created_at: string;
  updated_at: string;
}

export function getPerson(db: DB, id: number): PersonDetails {
  const base = db.prepare(`${PERSON_SELECT} WHERE p.id = ?`).get(id) as RawPerson | undefined;
  if (!base) throw new NotFoundError(`no person with id ${id}`);
  const extra = stmt(db, 'SELECT prefix, suffix, address, address2, notes, sector AS own_sector, created_at, updated_at FROM people WHERE id = ?').get(id) as {
    prefix: string | null; suffix: string | null; address: string | null; address2: string | null; notes: string | null; own_sector: string | null; created_at: string; updated_at: string;
  };
  const org = base.organization_id
    ? (stmt(db, 'SELECT id, name, sector, agency_type, city, state, phone, phone_ext FROM organizations WHERE id = ?').get(base.organization_id) as PersonDetails['organization_details'])
    : null;
  const attendance = (stmt(db, `
    SELECT c.slug AS coalition, c.name, c.build_date, a.registered_at, a.checked_in, a.checked_in_at, a.ticket_type
      FROM attendance a JOIN coalitions c ON c.id = a.coalition_id WHERE a.person_id = ? ORDER BY c.build_date, c.slug`).all(id) as Array<Omit<PersonDetails['attendance'][number], 'checked_in'> & { checked_in: number }>).map((a) => ({ ...a, checked_in: a.checked_in === 1 }));
  const signoffs = stmt(db, `
    SELECT s.module_id AS module, m.name AS module_name, s.completed_on, s.verified_by, c.slug AS coalition
      FROM signoffs s JOIN training_modules m ON m.id = s.module_id LEFT JOIN coalitions c ON c.id = s.coalition_id
     WHERE s.person_id = ? ORDER BY s.completed_on, s.module_id`).all(id) as PersonDetails['signoffs'];
  return { ...toListItem(base), ...extra, organization_details: org, attendance, signoffs, other_emails: otherEmails(db, id) };
}

/** The module of `--untrained`, by id or in words as the train commands take it ("TAT Driver
 * Training"); an unknown one names the modules there are. */
export function requireModule(db: DB, module: string): string {
  return resolveModule(db, module).id;
}
