/**
 * Finding the person or organization a coordinator names on the command line: a person by id,
 * email (any case) or name; an organization by id or name (matched with the normalized org key).
 * Returns candidates; the command decides whether to prompt or to fail.
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { NotFoundError } from '../../io/errors.js';
import { orgKey } from '../normalize/sector.js';
import { personIdByAddress } from '../people/emails.js';
import { normalizeText } from './modules.js';

export interface PersonCandidate {
  id: number;
  name: string;
  title: string | null;
  email: string | null;
  organization: string | null;
  organization_id: number | null;
}

const PERSON_SELECT = `
  SELECT p.id, trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')) AS name, p.title, p.email,
         o.name AS organization, p.organization_id
    FROM people p LEFT JOIN organizations o ON o.id = p.organization_id`;

export function getPerson(db: DB, id: number): PersonCandidate | undefined {
  return stmt(db, `${PERSON_SELECT} WHERE p.id = ?`).get(id) as PersonCandidate | undefined;
}

export type PersonLookup =
  | { kind: 'found'; person: PersonCandidate }
  | { kind: 'name'; exact: PersonCandidate[]; partial: PersonCandidate[] };

/**
 * A person by id (digits), by email (contains @, any case; their main or another address), or by name: `exact` holds the people
 * whose full name equals the argument (case and accents ignored), `partial` those whose name
 * contains every word of it.
 */
export function lookupPerson(db: DB, arg: string): PersonLookup {
  const a = arg.trim();
  if (/^\d+$/.test(a)) {
    const p = getPerson(db, Number(a));
    if (!p) throw new NotFoundError(`no person with id ${a}`, { hint: 'find the id with: coalition people --search NAME' });
    return { kind: 'found', person: p };
  }
  if (a.includes('@')) {
    const id = personIdByAddress(db, a);
    const p = id === undefined ? undefined : getPerson(db, id);
    if (!p) throw new NotFoundError(`no person with the email ${a}`, { hint: 'check the spelling, or find the person with: coalition people --search NAME' });
    return { kind: 'found', person: p };
  }
  return { kind: 'name', ...searchPeopleByName(db, a) };
}

/** People whose name matches the words of `term` (all of them, in any order). */
export function searchPeopleByName(db: DB, term: string, limit = 50): { exact: PersonCandidate[]; partial: PersonCandidate[] } {
  const words = normalizeText(term).split(' ').filter(Boolean);
  if (words.length === 0) return { exact: [], partial: [] };
  // Narrow in SQL by the longest word (bound, case-insensitive), then compare normalized in JS so
  // that accents and punctuation do not matter.
  const longest = [...words].sort((x, y) => y.length - x.length)[0];
  const pattern = `%${longest.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = stmt(db, `${PERSON_SELECT}
     WHERE p.first_name LIKE ? ESCAPE '\\' OR p.last_name LIKE ? ESCAPE '\\' OR p.name_key LIKE ? ESCAPE '\\'
     ORDER BY p.last_name, p.first_name, p.id LIMIT 2000`).all(pattern, pattern, pattern) as PersonCandidate[];
  const want = words.join(' ');
  const exact: PersonCandidate[] = [];
  const partial: PersonCandidate[] = [];
  for (const r of rows) {
    const have = normalizeText(r.name);
    const haveWords = have.split(' ');
    if (have === want) exact.push(r);
    else if (words.every((w) => haveWords.some((h) => h.startsWith(w)))) partial.push(r);
  }
  return { exact, partial: partial.slice(0, limit) };
}

/** Is the person registered for (an attendee of) the coalition? */
export function isRegistered(db: DB, coalitionId: number, personId: number): boolean {
  return stmt(db, 'SELECT 1 FROM attendance WHERE coalition_id = ? AND person_id = ?').get(coalitionId, personId) !== undefined;
}

/** How a candidate is shown when a name is ambiguous: id and organization, never email or phone. */
export function describeCandidate(p: PersonCandidate): string {
  return `${p.id} (${[p.title, p.name].filter(Boolean).join(' ')}, ${p.organization ?? 'no organization'})`;
}

export interface OrgCandidate {
  id: number;
  name: string;
  city: string | null;
  state: string | null;
  sector: string;
}

/** Organizations by id or by name (normalized org key; several when the name exists in several cities). */
export function lookupOrganizations(db: DB, arg: string): OrgCandidate[] {
  const a = arg.trim();
  if (/^\d+$/.test(a)) {
    const o = stmt(db, 'SELECT id, name, city, state, sector FROM organizations WHERE id = ?').get(Number(a)) as OrgCandidate | undefined;
    return o ? [o] : [];
  }
  const key = orgKey(a);
  if (!key) return [];
  return stmt(db, 'SELECT id, name, city, state, sector FROM organizations WHERE name_key = ? ORDER BY city, id').all(key) as OrgCandidate[];
}
