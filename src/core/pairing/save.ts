/**
 * Saving a pairing, and the pins a coordinator sets. `savePairs` is idempotent: a row is written only
 * when it is new or its rank, match or distance changed, so re-running `coalition pair` on unchanged
 * data changes nothing (not even `computed_at`).
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { NotFoundError, UsageError } from '../../io/errors.js';
import { isoTimestamp } from '../dates.js';
import type { PairedContact, PairResult } from './compute.js';
import { personIdByAddress } from '../people/emails.js';

export interface SaveSummary {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

interface SavedRow {
  stop_id: number;
  person_id: number;
  rank: number;
  match: string;
  distance_miles: number | null;
  computed_at: string;
}

/** The saved pairing of a coalition: stop id → contacts in rank order (empty map when never saved). */
export function loadSavedPairs(db: DB, coalitionId: number): Map<number, PairedContact[]> {
  const rows = stmt(db, 'SELECT stop_id, person_id, rank, match, distance_miles FROM pairings WHERE coalition_id = ? ORDER BY stop_id, rank').all(coalitionId) as SavedRow[];
  const map = new Map<number, PairedContact[]>();
  for (const r of rows) {
    const list = map.get(r.stop_id) ?? [];
    list.push({ person_id: r.person_id, rank: r.rank, match: r.match as PairedContact['match'], distance_miles: r.distance_miles });
    map.set(r.stop_id, list);
  }
  return map;
}

/** When the pairing was last saved, or null. */
export function lastPairedAt(db: DB, coalitionId: number): string | null {
  return (stmt(db, 'SELECT max(computed_at) AS t FROM pairings WHERE coalition_id = ?').get(coalitionId) as { t: string | null }).t;
}

/** How many stops' saved lists differ from the computed ones (0 = the saved pairing is current). */
export function pairingDifferences(saved: Map<number, PairedContact[]>, result: PairResult): number {
  let differ = 0;
  const seen = new Set<number>();
  for (const s of result.stops) {
    seen.add(s.stop_id);
    const a = saved.get(s.stop_id) ?? [];
    const b = s.contacts.filter((c) => c.person_id !== null);
    const same = a.length === b.length && a.every((c, i) => sameContact(c, b[i]));
    if (!same) differ++;
  }
  for (const [id, list] of saved) if (!seen.has(id) && list.length) differ++;
  return differ;
}

function sameContact(a: PairedContact, b: PairedContact): boolean {
  return a.person_id === b.person_id && a.rank === b.rank && a.match === b.match && (a.distance_miles ?? null) === (b.distance_miles ?? null);
}

/** Writes the pairing in one transaction, touching only rows that changed. Contacts that are an
 * agency's main line (no person) are not stored: `pairings.person_id` is a person. */
export function savePairs(db: DB, coalitionId: number, result: PairResult, now: Date): SaveSummary {
  const ts = isoTimestamp(now);
  const summary: SaveSummary = { inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
  db.transaction(() => {
    const existing = new Map<string, SavedRow>();
    for (const r of stmt(db, 'SELECT stop_id, person_id, rank, match, distance_miles, computed_at FROM pairings WHERE coalition_id = ?').all(coalitionId) as SavedRow[]) {
      existing.set(`${r.stop_id}:${r.person_id}`, r);
    }
    const insert = stmt(db, 'INSERT INTO pairings (coalition_id, stop_id, person_id, rank, match, distance_miles, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const update = stmt(db, 'UPDATE pairings SET rank = ?, match = ?, distance_miles = ?, computed_at = ? WHERE coalition_id = ? AND stop_id = ? AND person_id = ?');
    const del = stmt(db, 'DELETE FROM pairings WHERE coalition_id = ? AND stop_id = ? AND person_id = ?');
    for (const s of result.stops) {
      for (const c of s.contacts) {
        // Agencies without a person are recomputed each time; the table holds people only.
        if (c.person_id === null) continue;
        const key = `${s.stop_id}:${c.person_id}`;
        const old = existing.get(key);
        existing.delete(key);
        if (!old) {
          insert.run(coalitionId, s.stop_id, c.person_id, c.rank, c.match, c.distance_miles, ts);
          summary.inserted++;
        } else if (!sameContact({ ...old, match: old.match as PairedContact['match'] }, c)) {
          update.run(c.rank, c.match, c.distance_miles, ts, coalitionId, s.stop_id, c.person_id);
          summary.updated++;
        } else summary.unchanged++;
      }
    }
    for (const old of existing.values()) {
      del.run(coalitionId, old.stop_id, old.person_id);
      summary.deleted++;
    }
  })();
  return summary;
}

/** Pins a person to a stop (kept across runs, always first). Returns false when it was pinned already. */
export function addPin(db: DB, coalitionId: number, stopId: number, personId: number, now: Date): boolean {
  const r = stmt(db, 'INSERT INTO pins (coalition_id, stop_id, person_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(coalitionId, stopId, personId, isoTimestamp(now));
  return r.changes > 0;
}

/** Removes a pin. Returns false when there was none. */
export function removePin(db: DB, coalitionId: number, stopId: number, personId: number): boolean {
  return stmt(db, 'DELETE FROM pins WHERE coalition_id = ? AND stop_id = ? AND person_id = ?').run(coalitionId, stopId, personId).changes > 0;
}

/** `STOP=PERSON` → its two halves; a usage error otherwise. */
export function parsePinArg(arg: string, flag: '--pin' | '--unpin'): { stop: string; person: string } {
  const i = arg.indexOf('=');
  const stop = i < 0 ? '' : arg.slice(0, i).trim();
  const person = i < 0 ? '' : arg.slice(i + 1).trim();
  if (!stop || !person) throw new UsageError(`${flag} needs STOP=PERSON, got "${arg}"`, { hint: `for example: ${flag} 12=45 or ${flag} "Pilot Travel Center #1090=deputy@example.gov"` });
  return { stop, person };
}

/** A truck stop by id, or by its exact name (case-insensitive) when that names only one. */
export function resolveStop(db: DB, ref: string): number {
  if (/^\d+$/.test(ref)) {
    const row = stmt(db, "SELECT id FROM organizations WHERE id = ? AND sector = 'truck_stop'").get(Number(ref)) as { id: number } | undefined;
    if (row) return row.id;
    throw new NotFoundError(`no truck stop with id ${ref}`, { hint: 'see the ids with: coalition contacts --format tsv, or coalition orgs --sector truck_stop' });
  }
  const rows = stmt(db, "SELECT id, city FROM organizations WHERE sector = 'truck_stop' AND name = ? COLLATE NOCASE ORDER BY id").all(ref) as Array<{ id: number; city: string | null }>;
  if (rows.length === 1) return rows[0].id;
  if (rows.length === 0) throw new NotFoundError(`no truck stop named "${ref}"`, { hint: 'use the stop\'s id (coalition orgs --sector truck_stop) or its exact name' });
  throw new UsageError(`${rows.length} truck stops are named "${ref}" (ids ${rows.map((r) => r.id).join(', ')})`, { hint: 'use the id of the one you mean' });
}

/** A person by id, e-mail (main or other address), or exact full name when that names only one. */
export function resolvePerson(db: DB, ref: string): number {
  if (/^\d+$/.test(ref)) {
    const row = stmt(db, 'SELECT id FROM people WHERE id = ?').get(Number(ref)) as { id: number } | undefined;
    if (row) return row.id;
    throw new NotFoundError(`no person with id ${ref}`, { hint: 'find the id with: coalition people --search NAME' });
  }
  if (ref.includes('@')) {
    const id = personIdByAddress(db, ref);
    if (id !== undefined) return id;
    throw new NotFoundError(`no person with the e-mail ${ref}`, { hint: 'find them with: coalition people --search NAME' });
  }
  const rows = stmt(db, "SELECT id FROM people WHERE trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) = ? COLLATE NOCASE ORDER BY id").all(ref.trim().replace(/\s+/g, ' ')) as Array<{ id: number }>;
  if (rows.length === 1) return rows[0].id;
  if (rows.length === 0) throw new NotFoundError(`no person named "${ref}"`, { hint: 'use their id or e-mail (coalition people --search NAME)' });
  throw new UsageError(`${rows.length} people are named "${ref}" (ids ${rows.map((r) => r.id).join(', ')})`, { hint: 'use the id or e-mail of the one you mean' });
}
