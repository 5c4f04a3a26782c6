/**
 * Merging two records of one organization (`orgs merge <keep> <drop>`), in one transaction. The same
 * agency arrives under two names ("Story County Sheriff", "Story County Sheriff's Office") or in two
 * cities (a carrier's head office and a terminal typed as its city), and then counts twice in the
 * report and splits its people between two records on the contact lists.
 *
 * - people, activities, training counts, pairings and pins of the dropped organization move to the
 *   kept one; a training count both had (same module and date) is combined, keeping the larger
 *   figure: the two were one organization's report, and adding them would count people twice;
 * - the kept organization's empty fields are filled from the dropped one; a sector set by hand or
 *   read from a Sector column beats one inferred from the name; being a distribution point or
 *   statewide on either record holds for the merged one;
 * - the kept organization takes the earlier import batch of the two (none if either was made by
 *   hand), so that undoing one of the imports cannot delete the merged record;
 * - the dropped organization is deleted, with its import-change records.
 *
 * A table added later with a foreign key to organizations stops the merge (RefusedError) until this
 * module knows how to move its rows: nothing is lost silently.
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { NotFoundError, RefusedError } from '../../io/errors.js';
import { isoTimestamp } from '../dates.js';
import { earlierBatch, referencesTo } from '../../db/references.js';
import type { MergeResult } from '../people/merge.js';

/** What people merge reports (organizations have no other e-mail addresses), and the people who
 * now share a name at the kept organization (see `people dupes`). */
export interface OrgMergeResult extends Omit<MergeResult, 'other_emails'> {
  namesakes: number;
}

const FILL = ['agency_type', 'store_number', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'phone', 'phone_ext', 'email', 'website', 'vetted_by', 'notes'] as const;

/** Each table with a foreign key to organizations, and how its rows move. */
const KNOWN: Record<string, string> = {
  'people.organization_id': 'move',
  'activities.organization_id': 'move',
  'training_counts.organization_id': 'combine',
  'pairings.stop_id': 'ignore-duplicates',
  'pins.stop_id': 'ignore-duplicates',
};

type Row = Record<string, unknown> & { id: number };

const SOURCE_RANK: Record<string, number> = { manual: 2, column: 1, inferred: 0 };

const empty = (v: unknown) => v === null || v === undefined || v === '';

export function mergeOrganizations(db: DB, keepId: number, dropId: number, now: Date): OrgMergeResult {
  if (keepId === dropId) throw new RefusedError('cannot merge an organization with itself', { hint: 'give two different ids: coalition orgs merge KEEP DROP' });
  const unknown = referencesTo(db, 'organizations').filter((r) => !KNOWN[`${r.table}.${r.column}`]);
  if (unknown.length) throw new RefusedError(`internal: orgs merge does not know how to move ${unknown.map((r) => `${r.table}.${r.column}`).join(', ')}; nothing was merged`);
  return db.transaction((): OrgMergeResult => {
    const keep = stmt(db, 'SELECT * FROM organizations WHERE id = ?').get(keepId) as Row | undefined;
    const drop = stmt(db, 'SELECT * FROM organizations WHERE id = ?').get(dropId) as Row | undefined;
    if (!keep) throw new NotFoundError(`no organization with id ${keepId}`, { hint: 'find the ids with: coalition orgs --search NAME' });
    if (!drop) throw new NotFoundError(`no organization with id ${dropId}`, { hint: 'find the ids with: coalition orgs --search NAME' });
    const moved: Record<string, number> = {};
    const combined: Record<string, number> = {};
    const count = (into: Record<string, number>, table: string, n: number) => {
      if (n) into[table] = (into[table] ?? 0) + n;
    };
    const ts = isoTimestamp(now);

    // Training counts: one per organization, module and date; the larger figure of the two.
    for (const t of stmt(db, 'SELECT * FROM training_counts WHERE organization_id = ?').all(dropId) as Row[]) {
      const mine = stmt(db, 'SELECT id, count, created_batch FROM training_counts WHERE organization_id = ? AND module_id = ? AND completed_on = ?').get(keepId, t.module_id, t.completed_on) as
        | { id: number; count: number; created_batch: number | null }
        | undefined;
      if (!mine) continue;
      stmt(db, 'UPDATE training_counts SET count = max(count, ?), verified_by = coalesce(verified_by, ?), coalition_id = coalesce(coalition_id, ?), created_batch = ? WHERE id = ?').run(
        t.count as number, t.verified_by as string | null, t.coalition_id as number | null, earlierBatch(mine.created_batch, t.created_batch), mine.id,
      );
      stmt(db, "DELETE FROM batch_changes WHERE table_name = 'training_counts' AND row_id = ?").run(t.id);
      stmt(db, 'DELETE FROM training_counts WHERE id = ?').run(t.id);
      count(combined, 'training_counts', 1);
    }
    count(moved, 'training_counts', stmt(db, 'UPDATE training_counts SET organization_id = ? WHERE organization_id = ?').run(keepId, dropId).changes);
    count(moved, 'people', stmt(db, 'UPDATE people SET organization_id = ? WHERE organization_id = ?').run(keepId, dropId).changes);
    count(moved, 'activities', stmt(db, 'UPDATE activities SET organization_id = ? WHERE organization_id = ?').run(keepId, dropId).changes);
    // Pairings and pins of a truck stop: a person paired with both records stays paired once.
    for (const table of ['pairings', 'pins']) {
      count(moved, table, stmt(db, `UPDATE OR IGNORE ${table} SET stop_id = ? WHERE stop_id = ?`).run(keepId, dropId).changes);
      stmt(db, `DELETE FROM ${table} WHERE stop_id = ?`).run(dropId);
    }

    const set: Record<string, unknown> = {};
    for (const f of FILL) if (empty(keep[f]) && !empty(drop[f])) set[f] = drop[f];
    // a county and its source travel together
    if ('county_fips' in set) set.county_source = drop.county_source;
    else delete set.county_source;
    if ((SOURCE_RANK[String(drop.sector_source)] ?? 0) > (SOURCE_RANK[String(keep.sector_source)] ?? 0)) {
      set.sector = drop.sector;
      set.agency_type = drop.agency_type;
      set.sector_source = drop.sector_source;
    }
    if (Number(drop.distribution_point) === 1 && Number(keep.distribution_point) !== 1) set.distribution_point = 1;
    if (Number(drop.statewide) === 1 && Number(keep.statewide) !== 1) set.statewide = 1;
    const batch = earlierBatch(keep.created_batch, drop.created_batch);
    if (batch !== keep.created_batch) set.created_batch = batch;

    stmt(db, "DELETE FROM batch_changes WHERE table_name = 'organizations' AND row_id = ?").run(dropId);
    stmt(db, 'DELETE FROM organizations WHERE id = ?').run(dropId);
    const cols = Object.keys(set);
    stmt(db, `UPDATE organizations SET ${[...cols.map((k) => `${k} = @${k}`), 'updated_at = @updated_at'].join(', ')} WHERE id = @id`).run({ ...set, updated_at: ts, id: keepId });
    const namesakes = (stmt(db, "SELECT count(*) AS n FROM (SELECT name_key FROM people WHERE organization_id = ? AND name_key <> '' GROUP BY name_key HAVING count(*) > 1)").get(keepId) as { n: number }).n;
    return { kept: keepId, dropped: dropId, moved, combined, filled: cols.filter((c) => c !== 'created_batch'), namesakes };
  })();
}
