/**
 * Merging two records of one person (`people merge <keep> <drop>`), in one transaction:
 *
 * - every row that points at the dropped person (attendance, sign-offs, pairings, pins, and any
 *   table added later with a foreign key to people) moves to the kept one. Where the kept person
 *   already has the same unique row (the same coalition's attendance, the same module and date),
 *   the two are combined: attendance keeps the check-in and the earliest registration, a sign-off
 *   keeps its verifier; then the duplicate row goes;
 * - the kept person's empty fields are filled from the dropped one (its e-mail too, when the kept
 *   one has none, and a first name where the kept one has only its initial); nothing else the kept
 *   person has is overwritten. Consent is the exception: a "no" on either record wins, because the
 *   person refused on one of their registrations and a merge must not print their phone;
 * - no e-mail address is lost: when both have one, the dropped record's address (and any other
 *   addresses it had) become other addresses of the kept person (`person_emails`), so that the
 *   next import carrying it finds the kept person instead of creating the dropped one again;
 * - the kept person (and a combined attendance or sign-off) takes the earlier import batch of the
 *   two, so that undoing the import that created one record cannot delete the merged person and
 *   with it what the other record brought (a directory entry, an earlier registration);
 * - the dropped person is deleted, with its import-change records (so that undoing the import that
 *   created it cannot touch the kept person).
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { NotFoundError, RefusedError } from '../../io/errors.js';
import { isoTimestamp } from '../dates.js';
import { personKey } from '../normalize/name.js';
import { earlierBatch, referencesTo } from '../../db/references.js';
import { addOtherEmail, otherEmails } from './emails.js';

export interface MergeResult {
  kept: number;
  dropped: number;
  /** rows moved to the kept person, per table */
  moved: Record<string, number>;
  /** rows combined with one the kept person already had, per table */
  combined: Record<string, number>;
  /** fields of the kept person filled from the dropped one */
  filled: string[];
  /** the dropped record's e-mail addresses kept as other addresses of the kept person */
  other_emails: string[];
}

const FILL = ['first_name', 'last_name', 'prefix', 'suffix', 'title', 'email', 'phone', 'phone_ext', 'organization_id', 'sector', 'agency_type', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'share_contact', 'notes'] as const;

type Row = Record<string, unknown> & { id: number };

/** "D." or "D": a first name that is only an initial. */
const INITIAL = /^\p{L}\.?$/u;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function mergePeople(db: DB, keepId: number, dropId: number, now: Date): MergeResult {
  if (keepId === dropId) throw new RefusedError('cannot merge a person with themselves', { hint: 'give two different ids: coalition people merge KEEP DROP' });
  return db.transaction((): MergeResult => {
    const keep = stmt(db, 'SELECT * FROM people WHERE id = ?').get(keepId) as Row | undefined;
    const drop = stmt(db, 'SELECT * FROM people WHERE id = ?').get(dropId) as Row | undefined;
    if (!keep) throw new NotFoundError(`no person with id ${keepId}`, { hint: 'find the ids with: coalition people dupes' });
    if (!drop) throw new NotFoundError(`no person with id ${dropId}`, { hint: 'find the ids with: coalition people dupes' });
    const moved: Record<string, number> = {};
    const combined: Record<string, number> = {};
    const ts = isoTimestamp(now);

    // Attendance: one row per coalition and person; combine check-ins.
    for (const a of stmt(db, 'SELECT * FROM attendance WHERE person_id = ?').all(dropId) as Row[]) {
      const mine = stmt(db, 'SELECT * FROM attendance WHERE person_id = ? AND coalition_id = ?').get(keepId, a.coalition_id) as Row | undefined;
      if (!mine) continue;
      const earliest = (x: unknown, y: unknown) => (x && y ? (String(x) < String(y) ? x : y) : (x ?? y ?? null));
      stmt(db, `UPDATE attendance SET checked_in = max(checked_in, ?), checked_in_at = ?, registered_at = ?, ticket_type = coalesce(ticket_type, ?), status = coalesce(status, ?), created_batch = ?, updated_at = ? WHERE id = ?`).run(
        a.checked_in as number, earliest(mine.checked_in_at, a.checked_in_at) as string | null, earliest(mine.registered_at, a.registered_at) as string | null, a.ticket_type as string | null, a.status as string | null, earlierBatch(mine.created_batch, a.created_batch), ts, mine.id,
      );
      stmt(db, 'DELETE FROM attendance WHERE id = ?').run(a.id);
      combined.attendance = (combined.attendance ?? 0) + 1;
    }
    // Sign-offs: unique per person, module and date; keep a verifier.
    for (const s of stmt(db, 'SELECT * FROM signoffs WHERE person_id = ?').all(dropId) as Row[]) {
      const mine = stmt(db, 'SELECT id, created_batch FROM signoffs WHERE person_id = ? AND module_id = ? AND completed_on = ?').get(keepId, s.module_id, s.completed_on) as { id: number; created_batch: number | null } | undefined;
      if (!mine) continue;
      stmt(db, 'UPDATE signoffs SET verified_by = coalesce(verified_by, ?), coalition_id = coalesce(coalition_id, ?), created_batch = ? WHERE id = ?').run(s.verified_by as string | null, s.coalition_id as number | null, earlierBatch(mine.created_batch, s.created_batch), mine.id);
      stmt(db, 'DELETE FROM signoffs WHERE id = ?').run(s.id);
      combined.signoffs = (combined.signoffs ?? 0) + 1;
    }
    // E-mail addresses: the kept person keeps every one. The dropped record's main address fills
    // an empty main address, else becomes another address; its other addresses move over.
    const dropAddresses = [drop.email as string | null, ...otherEmails(db, dropId)].filter((e): e is string => typeof e === 'string' && e !== '');
    const keepHasMain = typeof keep.email === 'string' && keep.email !== '';
    const kept = keepHasMain ? dropAddresses : dropAddresses.slice(1);
    stmt(db, 'DELETE FROM person_emails WHERE person_id = ?').run(dropId);
    for (const e of kept) addOtherEmail(db, keepId, e, ts);

    // Everything else that points at people (pairings, pins, tables added later): move, and where
    // a unique key already holds the kept person, the dropped row is a duplicate.
    for (const ref of referencesTo(db, 'people')) {
      const t = q(ref.table);
      const c = q(ref.column);
      const r = db.prepare(`UPDATE OR IGNORE ${t} SET ${c} = ? WHERE ${c} = ?`).run(keepId, dropId);
      if (r.changes) moved[ref.table] = (moved[ref.table] ?? 0) + r.changes;
      const left = db.prepare(`DELETE FROM ${t} WHERE ${c} = ?`).run(dropId);
      if (left.changes) combined[ref.table] = (combined[ref.table] ?? 0) + left.changes;
    }

    // Fill the kept person's empty fields.
    const set: Record<string, unknown> = {};
    for (const col of FILL) {
      const mine = keep[col];
      const theirs = drop[col];
      if ((mine === null || mine === undefined || mine === '') && theirs !== null && theirs !== undefined && theirs !== '') set[col] = theirs;
    }
    // an initial ("D.") gives way to the first name it stands for ("Dana")
    const keepFirst = typeof keep.first_name === 'string' ? keep.first_name : '';
    const dropFirst = typeof drop.first_name === 'string' ? drop.first_name : '';
    if (INITIAL.test(keepFirst) && !INITIAL.test(dropFirst) && dropFirst.length > 1 && dropFirst[0].toLowerCase() === keepFirst[0].toLowerCase()) set.first_name = dropFirst;
    // a refusal to share contact details, on either record, wins over a yes
    if (keep.share_contact === 1 && drop.share_contact === 0) set.share_contact = 0;
    // a county and its source travel together
    if ('county_fips' in set) set.county_source = drop.county_source;
    else delete set.county_source;
    if ('phone' in set) set.phone_ext = drop.phone_ext;
    else if (keep.phone) delete set.phone_ext;
    if (!keepHasMain && dropAddresses.length) set.email = dropAddresses[0];
    else delete set.email;
    if (drop.email) stmt(db, 'UPDATE people SET email = NULL WHERE id = ?').run(dropId);
    if ('first_name' in set || 'last_name' in set) set.name_key = personKey((set.first_name ?? keep.first_name) as string | null, (set.last_name ?? keep.last_name) as string | null);
    stmt(db, "DELETE FROM batch_changes WHERE table_name = 'people' AND row_id = ?").run(dropId);
    stmt(db, 'DELETE FROM people WHERE id = ?').run(dropId);
    const batch = earlierBatch(keep.created_batch, drop.created_batch);
    if (batch !== keep.created_batch) stmt(db, 'UPDATE people SET created_batch = ? WHERE id = ?').run(batch, keepId);
    const cols = Object.keys(set);
    if (cols.length) stmt(db, `UPDATE people SET ${cols.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @updated_at WHERE id = @id`).run({ ...set, updated_at: ts, id: keepId });
    else stmt(db, 'UPDATE people SET updated_at = ? WHERE id = ?').run(ts, keepId);
    return { kept: keepId, dropped: dropId, moved, combined, filled: cols.filter((k) => k !== 'name_key' && k !== 'lat' && k !== 'lon'), other_emails: kept };
  })();
}
