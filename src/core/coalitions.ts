/**
 * Coalitions (one per build): create, list, show, and which one a command works on. No terminal, no
 * commander here: the commands translate.
 */
import type { DB } from '../db/connection.js';
import { stmt } from '../db/connection.js';
import { InvalidDataError, NotFoundError, RefusedError, UsageError } from '../io/errors.js';
import { isIsoDate, isoTimestamp } from './dates.js';
import { findState } from './states.js';

export interface NewCoalition {
  slug?: string;
  name: string;
  states: string[];
  buildDate: string;
  city?: string;
  venue?: string;
  hosts?: string[];
  description?: string;
}

export interface CoalitionSummary {
  slug: string;
  name: string;
  states: string[];
  build_date: string;
  registered: number;
  attended: number;
}

export interface CoalitionDetails extends CoalitionSummary {
  id: number;
  city: string | null;
  venue: string | null;
  description: string | null;
  hosts: string[];
  by_sector: Record<string, number>;
  registered_by_sector: Record<string, number>;
  created_at: string;
}

export interface CoalitionRow {
  id: number;
  slug: string;
  name: string;
  build_date: string;
  city: string | null;
  venue: string | null;
  description: string | null;
  created_at: string;
}

const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `IA,ne, South Dakota` → ['IA','NE','SD']; throws naming the one that is not a state. */
export function parseStates(input: string | string[]): string[] {
  const parts = (Array.isArray(input) ? input : [input]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new InvalidDataError('no state given', { field: 'state' }, { hint: 'pass --state XX, for example --state IA or --state IA,NE' });
  const codes: string[] = [];
  for (const p of parts) {
    const st = findState(p);
    if (!st) throw new InvalidDataError(`"${p}" is not a US state, DC or territory code`, { field: 'state' }, { hint: 'use two-letter codes such as IA, NE, TX' });
    if (!codes.includes(st.code)) codes.push(st.code);
  }
  return codes;
}

export function defaultSlug(states: string[], buildDate: string): string {
  return `${states[0].toLowerCase()}-${buildDate.slice(0, 4)}`;
}

export function validateNew(input: NewCoalition): Required<Pick<NewCoalition, 'slug' | 'name' | 'states' | 'buildDate'>> & NewCoalition {
  const name = input.name?.trim();
  if (!name) throw new InvalidDataError('the coalition needs a name', { field: 'name' }, { hint: 'pass --name "Iowa Coalition Build 2026"' });
  const states = parseStates(input.states);
  const buildDate = input.buildDate?.trim();
  if (!buildDate || !isIsoDate(buildDate)) {
    throw new InvalidDataError(`"${input.buildDate ?? ''}" is not a date`, { field: 'date' }, { hint: 'pass --date YYYY-MM-DD, for example --date 2026-03-12' });
  }
  const slug = (input.slug?.trim() || defaultSlug(states, buildDate)).toLowerCase();
  if (!SLUG_RE.test(slug)) {
    throw new InvalidDataError(`"${slug}" is not a usable slug`, { field: 'slug' }, { hint: 'use lower-case letters, digits and dashes, for example ia-2026' });
  }
  return { ...input, slug, name, states, buildDate };
}

export function createCoalition(db: DB, input: NewCoalition, now: Date): CoalitionDetails {
  const v = validateNew(input);
  const ts = isoTimestamp(now);
  db.transaction(() => {
    if (stmt(db, 'SELECT 1 FROM coalitions WHERE slug = ?').get(v.slug)) {
      throw new RefusedError(`a coalition with the slug "${v.slug}" already exists`, {
        hint: `choose another slug, for example: coalition new ${v.slug}-2 …`,
      });
    }
    const { lastInsertRowid } = stmt(db, 'INSERT INTO coalitions (slug, name, build_date, city, venue, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      v.slug, v.name, v.buildDate, v.city?.trim() || null, v.venue?.trim() || null, v.description?.trim() || null, ts, ts,
    );
    const id = Number(lastInsertRowid);
    v.states.forEach((s, i) => stmt(db, 'INSERT INTO coalition_states (coalition_id, state, position) VALUES (?, ?, ?)').run(id, s, i));
    (v.hosts ?? []).map((h) => h.trim()).filter(Boolean).forEach((h, i) => stmt(db, 'INSERT INTO coalition_hosts (coalition_id, position, name) VALUES (?, ?, ?)').run(id, i, h));
  })();
  return getCoalition(db, v.slug);
}

export function coalitionStates(db: DB, coalitionId: number): string[] {
  return (stmt(db, 'SELECT state FROM coalition_states WHERE coalition_id = ? ORDER BY position').all(coalitionId) as { state: string }[]).map((r) => r.state);
}

export function listCoalitions(db: DB): CoalitionSummary[] {
  const rows = stmt(db, `
    SELECT c.id, c.slug, c.name, c.build_date,
           (SELECT count(*) FROM attendance a WHERE a.coalition_id = c.id) AS registered,
           (SELECT count(*) FROM attendance a WHERE a.coalition_id = c.id AND a.checked_in = 1) AS attended
      FROM coalitions c ORDER BY c.build_date, c.slug`).all() as Array<{ id: number; slug: string; name: string; build_date: string; registered: number; attended: number }>;
  return rows.map((r) => ({ slug: r.slug, name: r.name, states: coalitionStates(db, r.id), build_date: r.build_date, registered: r.registered, attended: r.attended }));
}

export function findCoalitionRow(db: DB, slug: string): CoalitionRow | undefined {
  return stmt(db, 'SELECT id, slug, name, build_date, city, venue, description, created_at FROM coalitions WHERE slug = ?').get(slug.toLowerCase()) as CoalitionRow | undefined;
}

export function requireCoalitionRow(db: DB, slug: string): CoalitionRow {
  const row = findCoalitionRow(db, slug);
  if (!row) {
    const slugs = allSlugs(db);
    throw new NotFoundError(`no coalition "${slug}"`, { hint: slugs.length ? `known coalitions: ${slugs.join(', ')}` : 'create one with: coalition new --name … --state XX --date YYYY-MM-DD' });
  }
  return row;
}

export function allSlugs(db: DB): string[] {
  return (stmt(db, 'SELECT slug FROM coalitions ORDER BY slug').all() as { slug: string }[]).map((r) => r.slug);
}

export function getCoalition(db: DB, slug: string): CoalitionDetails {
  const row = requireCoalitionRow(db, slug);
  const hosts = (stmt(db, 'SELECT name FROM coalition_hosts WHERE coalition_id = ? ORDER BY position').all(row.id) as { name: string }[]).map((r) => r.name);
  const sectorRows = stmt(db, `
    SELECT coalesce(p.sector, o.sector, 'other') AS sector, count(*) AS registered, sum(a.checked_in) AS attended
      FROM attendance a JOIN people p ON p.id = a.person_id LEFT JOIN organizations o ON o.id = p.organization_id
     WHERE a.coalition_id = ? GROUP BY 1 ORDER BY 3 DESC, 1`).all(row.id) as Array<{ sector: string; registered: number; attended: number }>;
  const by_sector: Record<string, number> = {};
  const registered_by_sector: Record<string, number> = {};
  let registered = 0;
  let attended = 0;
  for (const s of sectorRows) {
    registered_by_sector[s.sector] = s.registered;
    if (s.attended) by_sector[s.sector] = s.attended;
    registered += s.registered;
    attended += s.attended ?? 0;
  }
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    states: coalitionStates(db, row.id),
    build_date: row.build_date,
    registered,
    attended,
    city: row.city,
    venue: row.venue,
    description: row.description,
    hosts,
    by_sector,
    registered_by_sector,
    created_at: row.created_at,
  };
}

export function getSetting(db: DB, key: string): string | undefined {
  return (stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setSetting(db: DB, key: string, value: string): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export const DEFAULT_COALITION_KEY = 'default_coalition';

export function useCoalition(db: DB, slug: string): CoalitionRow {
  const row = requireCoalitionRow(db, slug);
  setSetting(db, DEFAULT_COALITION_KEY, row.slug);
  return row;
}

/**
 * Which coalition a command works on: `-c`, else COALITION, else the one chosen with `coalition use`,
 * else the only one that exists, else an error listing the slugs.
 */
export function resolveCoalition(db: DB, flag: string | undefined, env: Readonly<Record<string, string | undefined>>): CoalitionRow {
  const explicit = flag || env.COALITION;
  if (explicit) return requireCoalitionRow(db, explicit);
  const chosen = getSetting(db, DEFAULT_COALITION_KEY);
  if (chosen) {
    const row = findCoalitionRow(db, chosen);
    if (row) return row;
  }
  const slugs = allSlugs(db);
  if (slugs.length === 1) return requireCoalitionRow(db, slugs[0]);
  if (slugs.length === 0) {
    throw new NotFoundError('there is no coalition yet', { hint: 'create one with: coalition new --name "…" --state XX --date YYYY-MM-DD' });
  }
  throw new UsageError('more than one coalition exists; say which one', { hint: `pass -c SLUG (one of: ${slugs.join(', ')}) or run: coalition use SLUG` });
}
