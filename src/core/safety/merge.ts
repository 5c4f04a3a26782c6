/**
 * `coalition merge`: folds a bundle (from `coalition export`, or a whole coalition database) into
 * this database, in one transaction, without duplicating anything:
 *
 * - coalitions match by slug; organizations by their identity keys (`name_key` + `city_key`);
 *   people by e-mail (any of the bundle person's addresses against any address here, main or
 *   other), else by `name_key` at the matched organization; sign-offs, training counts,
 *   attendance, hotline figures, pins and targets by their unique keys; activities and language-check
 *   runs by all their values.
 * - an existing record only gets its empty fields filled; a field that holds a different value is
 *   left alone and reported (never overwritten). A person's e-mail addresses are the exception: the
 *   bundle's addresses that nobody here has become other addresses of the person (`person_emails`),
 *   so that either finds them later; one that another person here has is left alone and reported.
 * - what it adds carries `created_batch` of a merge batch (`import_batches.kind = 'merge'`), and
 *   each filled record is recorded with its previous values in `batch_changes`, as imports do.
 *
 * Merging the same bundle twice changes nothing the second time: every record matches and no empty
 * field is left to fill; no batch is recorded for a merge that changed nothing.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DB } from '../../db/connection.js';
import { openDatabaseFile } from '../../db/connection.js';
import { RefusedError } from '../../io/errors.js';
import { isoTimestamp } from '../dates.js';
import { victimDetailProblem } from '../activities/index.js';
import { addOtherEmail, personIdByAddress } from '../people/emails.js';
import { copyDatabase } from './copy.js';
import { createTempSibling, removeDbFiles } from './files.js';
import { inspectDatabase } from './inspect.js';

export const MERGE_TABLES = [
  'coalitions', 'training_modules', 'organizations', 'people', 'person_emails', 'attendance', 'signoffs', 'training_counts',
  'activities', 'hotline_stats', 'pairings', 'pins', 'targets', 'lint_runs',
] as const;
type Table = (typeof MERGE_TABLES)[number];

export interface LeftAlone {
  table: Table;
  /** The record's id in this database (the slug for coalitions, the id for modules). */
  id: number | string;
  /** How a coordinator recognises it: an organization's or person's name, a coalition's slug. */
  name: string;
  /** Fields that hold a different value here than in the bundle: this database's value was kept. */
  fields: string[];
}

export interface MergeReport {
  /** The merge batch, or null for a dry run or a merge that changed nothing. */
  batch: number | null;
  file: string;
  dry_run: boolean;
  bundle: { scope: string; coalitions: string[]; exported_at: string | null; schema_version: number };
  added: Record<Table, number>;
  updated: Record<Table, number>;
  unchanged: Record<Table, number>;
  left_alone: LeftAlone[];
  /** Investigation notes of the bundle that seemed to hold victim details: the activity was
   * merged without its note (the count and date stay), and the text never entered this database. */
  dropped_notes: Array<{ kind: string; occurred_on: string; problem: string }>;
}

type Row = Record<string, unknown>;

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
const isEmpty = (v: unknown) => v === null || v === undefined || v === '';
const zeroes = () => Object.fromEntries(MERGE_TABLES.map((t) => [t, 0])) as Record<Table, number>;

class Rollback extends Error {}

/** Keys of the rows a merge added to tables that carry no created_batch (see undoMerge). */
export interface MergeKeys {
  coalition_states: Array<[number, string]>;
  coalition_hosts: Array<[number, number]>;
  pairings: Array<[number, number, number]>;
  pins: Array<[number, number, number]>;
  targets: Array<[number, string, string]>;
  training_modules: string[];
  /** Other e-mail addresses added to people (new or existing). */
  person_emails: string[];
}

/** Columns an existing record may have filled from the bundle (identity columns excluded). */
const FILL: Partial<Record<Table, string[]>> = {
  coalitions: ['name', 'build_date', 'city', 'venue', 'description'],
  training_modules: ['name', 'audience', 'description'],
  organizations: ['store_number', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'phone', 'phone_ext', 'email', 'website', 'vetted_by', 'notes'],
  people: ['first_name', 'last_name', 'prefix', 'suffix', 'title', 'email', 'phone', 'phone_ext', 'organization_id', 'sector', 'agency_type', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'share_contact', 'notes'],
  attendance: ['registered_at', 'checked_in_at', 'ticket_type', 'status'],
  signoffs: ['verified_by', 'coalition_id'],
  training_counts: ['count', 'verified_by', 'coalition_id'],
  hotline_stats: ['granularity', 'calls', 'texts', 'webchats', 'emails', 'online_tips', 'cases', 'source'],
  targets: ['value'],
};
/** 0/1 flags where 1 is knowledge the other side lacks: 0 counts as empty. */
const FLAGS: Partial<Record<Table, string[]>> = {
  organizations: ['distribution_point', 'statewide'],
  attendance: ['checked_in'],
};

export interface MergeOptions {
  dryRun?: boolean;
  now: Date;
}

export async function mergeBundle(db: DB, dbFile: string, bundleFile: string, opts: MergeOptions): Promise<MergeReport> {
  const file = path.resolve(bundleFile);
  if (file === path.resolve(dbFile)) throw new RefusedError('the bundle is this database itself', { hint: 'name the bundle file made by: coalition export -o FILE' });
  const info = inspectDatabase(file, 'bundle');
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
  // Work on a private copy brought to this schema by the normal migrations (an older bundle is
  // upgraded; the file the user gave is never written to).
  const tmp = createTempSibling(path.resolve(dbFile), 'merge');
  let src: DB | undefined;
  try {
    await copyDatabase(file, tmp);
    src = (await openDatabaseFile(tmp, { create: false, now: () => opts.now })).db;
    return runMerge(db, src, {
      file: path.basename(file),
      hash,
      now: opts.now,
      dryRun: Boolean(opts.dryRun),
      bundle: {
        scope: info.settings['bundle.scope'] ?? 'database',
        coalitions: info.coalitions,
        exported_at: info.settings['bundle.exported_at'] ?? null,
        schema_version: info.schema_version,
      },
    });
  } finally {
    src?.close();
    removeDbFiles(tmp);
    // an older bundle was upgraded, and the upgrade kept a backup of the private copy: remove it too
    for (const f of readdirSync(path.dirname(tmp))) if (f.startsWith(`${path.basename(tmp)}.v`) && f.endsWith('.bak')) removeDbFiles(path.join(path.dirname(tmp), f));
  }
}

interface RunOptions {
  file: string;
  hash: string;
  now: Date;
  dryRun: boolean;
  bundle: MergeReport['bundle'];
}

function runMerge(db: DB, src: DB, o: RunOptions): MergeReport {
  const report: MergeReport = { batch: null, file: o.file, dry_run: o.dryRun, bundle: o.bundle, added: zeroes(), updated: zeroes(), unchanged: zeroes(), left_alone: [], dropped_notes: [] };
  const ts = isoTimestamp(o.now);
  const all = (sql: string, ...params: unknown[]) => src.prepare(sql).all(...params) as Row[];
  const get = (sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as Row | undefined;
  const cols = (table: string) => (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((r) => r.name);

  const tx = db.transaction(() => {
    const coalitionForBatch = o.bundle.coalitions.length === 1 ? (get('SELECT id FROM coalitions WHERE slug = ?', o.bundle.coalitions[0])?.id as number | undefined) ?? null : null;
    const batchId = Number(
      db.prepare(`INSERT INTO import_batches (kind, file, content_hash, coalition_id, started_at, options_json) VALUES ('merge', ?, ?, ?, ?, ?)`)
        .run(o.file, o.hash, coalitionForBatch, ts, JSON.stringify({ bundle: o.bundle })).lastInsertRowid,
    );
    /** Rows added to tables without created_batch, by key, kept in the batch's options for undo. */
    const keys: MergeKeys = { coalition_states: [], coalition_hosts: [], pairings: [], pins: [], targets: [], training_modules: [], person_emails: [] };
    const recordInsert = (table: string, id: number) => db.prepare("INSERT INTO batch_changes (batch_id, table_name, row_id, action) VALUES (?, ?, ?, 'insert')").run(batchId, table, id);
    const recordUpdate = (table: string, id: number, before: Row) => db.prepare("INSERT INTO batch_changes (batch_id, table_name, row_id, action, before_json) VALUES (?, ?, ?, 'update', ?)").run(batchId, table, id, JSON.stringify(before));

    /** Inserts a bundle row (with mapped values) into `table`; returns the new rowid. */
    const insert = (table: Table, row: Row, overrides: Row, withId = false): number => {
      const names = cols(table).filter((c) => (withId || c !== 'id') && (c in row || c in overrides));
      const values = names.map((c) => {
        if (c in overrides) return overrides[c];
        if (c === 'created_batch') return batchId;
        return row[c];
      });
      const id = Number(db.prepare(`INSERT INTO ${q(table)} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...(values as unknown[])).lastInsertRowid);
      report.added[table]++;
      return id;
    };

    /** Fills the empty fields of an existing record; reports fields that differ. `key` locates it. */
    const fill = (table: Table, existing: Row, incoming: Row, mapped: Row, where: { sql: string; params: unknown[] }, label: { id: number | string; name: string }, rowid: number | null): void => {
      const set: Row = {};
      const before: Row = {};
      const differ: string[] = [];
      for (const c of FILL[table] ?? []) {
        const theirs = c in mapped ? mapped[c] : incoming[c];
        if (isEmpty(theirs)) continue;
        if (isEmpty(existing[c])) {
          set[c] = theirs;
          before[c] = existing[c] ?? null;
        } else if (existing[c] !== theirs) differ.push(c);
      }
      for (const c of FLAGS[table] ?? []) {
        if (incoming[c] === 1 && existing[c] === 0) {
          set[c] = 1;
          before[c] = 0;
        }
      }
      if (table === 'organizations' && existing.sector === 'other' && existing.sector_source === 'inferred' && incoming.sector !== 'other') {
        // "other, inferred" is what an import writes when it could not tell: the bundle knows better
        Object.assign(before, { sector: existing.sector, agency_type: existing.agency_type, sector_source: existing.sector_source });
        Object.assign(set, { sector: incoming.sector, agency_type: incoming.agency_type, sector_source: incoming.sector_source });
      } else if (table === 'organizations' && (existing.sector !== incoming.sector || (incoming.agency_type && existing.agency_type && existing.agency_type !== incoming.agency_type))) {
        differ.push(existing.sector !== incoming.sector ? 'sector' : 'agency_type');
      }
      if (differ.length) report.left_alone.push({ table, id: label.id, name: label.name, fields: differ });
      const names = Object.keys(set);
      if (!names.length) {
        report.unchanged[table]++;
        return;
      }
      const hasUpdatedAt = cols(table).includes('updated_at');
      const assignments = [...names.map((c) => `${q(c)} = ?`), ...(hasUpdatedAt ? ['updated_at = ?'] : [])].join(', ');
      db.prepare(`UPDATE ${q(table)} SET ${assignments} WHERE ${where.sql}`).run(...(names.map((c) => set[c]) as unknown[]), ...(hasUpdatedAt ? [ts] : []), ...where.params);
      if (rowid !== null) recordUpdate(table, rowid, hasUpdatedAt ? { ...before, updated_at: existing.updated_at } : before);
      report.updated[table]++;
    };

    // 1. training modules, by id
    for (const m of all('SELECT * FROM training_modules WHERE id IN (SELECT module_id FROM signoffs UNION SELECT module_id FROM training_counts)')) {
      const existing = get('SELECT * FROM training_modules WHERE id = ?', m.id);
      if (!existing) {
        insert('training_modules', m, { builtin: 0, created_at: ts }, true);
        keys.training_modules.push(m.id as string);
      }
      else fill('training_modules', existing, m, {}, { sql: 'id = ?', params: [m.id] }, { id: m.id as string, name: m.name as string }, null);
    }

    // 2. coalitions, by slug, with their states and hosts
    const coalitionMap = new Map<number, number>();
    for (const c of all('SELECT * FROM coalitions ORDER BY id')) {
      const existing = get('SELECT * FROM coalitions WHERE slug = ?', c.slug);
      let id: number;
      if (existing) {
        id = existing.id as number;
        fill('coalitions', existing, c, {}, { sql: 'id = ?', params: [id] }, { id: c.slug as string, name: c.name as string }, id);
      } else {
        id = insert('coalitions', c, { created_at: c.created_at, updated_at: ts });
        recordInsert('coalitions', id);
      }
      coalitionMap.set(c.id as number, id);
      for (const s of all('SELECT state FROM coalition_states WHERE coalition_id = ? ORDER BY position', c.id)) {
        if (!get('SELECT 1 AS x FROM coalition_states WHERE coalition_id = ? AND state = ?', id, s.state)) {
          const pos = (get('SELECT coalesce(max(position) + 1, 0) AS p FROM coalition_states WHERE coalition_id = ?', id)!.p as number);
          db.prepare('INSERT INTO coalition_states (coalition_id, state, position) VALUES (?, ?, ?)').run(id, s.state, pos);
          keys.coalition_states.push([id, s.state as string]);
        }
      }
      for (const h of all('SELECT name FROM coalition_hosts WHERE coalition_id = ? ORDER BY position', c.id)) {
        if (!get('SELECT 1 AS x FROM coalition_hosts WHERE coalition_id = ? AND name = ?', id, h.name)) {
          const pos = (get('SELECT coalesce(max(position) + 1, 0) AS p FROM coalition_hosts WHERE coalition_id = ?', id)!.p as number);
          db.prepare('INSERT INTO coalition_hosts (coalition_id, position, name) VALUES (?, ?, ?)').run(id, pos, h.name);
          keys.coalition_hosts.push([id, pos]);
        }
      }
    }
    const mapCoalition = (v: unknown) => (v === null || v === undefined ? null : (coalitionMap.get(v as number) ?? null));

    // 3. organizations, by name_key + city_key
    const orgMap = new Map<number, number>();
    for (const org of all('SELECT * FROM organizations ORDER BY id')) {
      const existing = get('SELECT * FROM organizations WHERE name_key = ? AND city_key = ?', org.name_key, org.city_key);
      if (existing) {
        orgMap.set(org.id as number, existing.id as number);
        fill('organizations', existing, org, {}, { sql: 'id = ?', params: [existing.id] }, { id: existing.id as number, name: existing.name as string }, existing.id as number);
      } else {
        const id = insert('organizations', org, { created_at: org.created_at, updated_at: ts });
        recordInsert('organizations', id);
        orgMap.set(org.id as number, id);
      }
    }
    const mapOrg = (v: unknown) => (v === null || v === undefined ? null : (orgMap.get(v as number) ?? null));

    // 4. people, by any of their e-mail addresses, else by name key at the matched organization;
    // then their other addresses
    const personMap = new Map<number, number>();
    const othersInBundle = new Map<number, string[]>();
    for (const [email, personId] of src.prepare('SELECT email, person_id FROM person_emails ORDER BY created_at, rowid').raw().all() as Array<[string, number]>) {
      const list = othersInBundle.get(personId);
      if (list) list.push(email);
      else othersInBundle.set(personId, [email]);
    }
    for (const p of all('SELECT * FROM people ORDER BY id')) {
      const orgId = mapOrg(p.organization_id);
      const addresses = [p.email as string | null, ...(othersInBundle.get(p.id as number) ?? [])].filter((e): e is string => typeof e === 'string' && e !== '');
      let existing: Row | undefined;
      for (const a of addresses) {
        const owner = personIdByAddress(db, a);
        if (owner !== undefined) {
          existing = get('SELECT * FROM people WHERE id = ?', owner);
          break;
        }
      }
      existing ??= get('SELECT * FROM people WHERE name_key = ? AND organization_id IS ? AND (email IS NULL OR ? IS NULL) ORDER BY id LIMIT 1', p.name_key, orgId, p.email ?? null);
      const name = [p.first_name, p.last_name].filter(Boolean).join(' ') || `person ${p.id}`;
      let id: number;
      if (existing) {
        id = existing.id as number;
        // The main address here stays (the bundle's become other addresses below); an empty one is
        // filled with the first of the bundle's that nobody here has.
        const main = isEmpty(existing.email) ? (addresses.find((a) => personIdByAddress(db, a) === undefined) ?? null) : existing.email;
        fill('people', existing, p, { organization_id: orgId, email: main }, { sql: 'id = ?', params: [id] }, { id, name }, id);
      } else {
        id = insert('people', p, { organization_id: orgId, created_at: p.created_at, updated_at: ts });
        recordInsert('people', id);
      }
      personMap.set(p.id as number, id);
      for (const a of addresses) {
        const owner = personIdByAddress(db, a);
        if (owner === id) {
          if (a !== p.email) report.unchanged.person_emails++;
        } else if (owner === undefined) {
          addOtherEmail(db, id, a, ts);
          keys.person_emails.push(a);
          report.added.person_emails++;
        } else {
          // Another person here has it: two records here the bundle knows as one person. Not merged
          // behind the coordinator's back: reported (people dupes / people merge decide).
          const entry = report.left_alone.find((l) => l.table === 'people' && l.id === id);
          if (!entry) report.left_alone.push({ table: 'people', id, name, fields: ['email'] });
          else if (!entry.fields.includes('email')) entry.fields.push('email');
        }
      }
    }
    const mapPerson = (v: unknown) => personMap.get(v as number)!;

    // 5. attendance, by coalition and person
    for (const a of all('SELECT * FROM attendance ORDER BY id')) {
      const m = { coalition_id: mapCoalition(a.coalition_id), person_id: mapPerson(a.person_id) };
      const existing = get('SELECT * FROM attendance WHERE coalition_id = ? AND person_id = ?', m.coalition_id, m.person_id);
      if (existing) fill('attendance', existing, a, {}, { sql: 'id = ?', params: [existing.id] }, { id: existing.id as number, name: `attendance ${existing.id}` }, existing.id as number);
      else recordInsert('attendance', insert('attendance', a, { ...m, created_at: a.created_at, updated_at: ts }));
    }

    // 6. sign-offs, by person, module and date; 7. training counts, by organization, module and date
    for (const s of all('SELECT * FROM signoffs ORDER BY id')) {
      const m = { person_id: mapPerson(s.person_id), coalition_id: mapCoalition(s.coalition_id) };
      const existing = get('SELECT * FROM signoffs WHERE person_id = ? AND module_id = ? AND completed_on = ?', m.person_id, s.module_id, s.completed_on);
      if (existing) fill('signoffs', existing, s, { coalition_id: m.coalition_id }, { sql: 'id = ?', params: [existing.id] }, { id: existing.id as number, name: `sign-off ${s.module_id} ${s.completed_on}` }, existing.id as number);
      else recordInsert('signoffs', insert('signoffs', s, m));
    }
    for (const t of all('SELECT * FROM training_counts ORDER BY id')) {
      const m = { organization_id: mapOrg(t.organization_id), coalition_id: mapCoalition(t.coalition_id) };
      const existing = get('SELECT * FROM training_counts WHERE organization_id = ? AND module_id = ? AND completed_on = ?', m.organization_id, t.module_id, t.completed_on);
      if (existing) fill('training_counts', existing, t, { coalition_id: m.coalition_id }, { sql: 'id = ?', params: [existing.id] }, { id: existing.id as number, name: `training count ${t.module_id} ${t.completed_on}` }, existing.id as number);
      else recordInsert('training_counts', insert('training_counts', t, m));
    }

    // 8. activities and 9. language-check runs: the same values are the same record
    for (const bundled of all('SELECT * FROM activities ORDER BY id')) {
      // The same rule as logging one here: an investigation note never carries victim details.
      const problem = bundled.kind === 'investigation' && typeof bundled.note === 'string' ? victimDetailProblem(bundled.note) : undefined;
      const a = problem ? { ...bundled, note: null } : bundled;
      if (problem) report.dropped_notes.push({ kind: String(a.kind), occurred_on: String(a.occurred_on), problem });
      const m = { coalition_id: mapCoalition(a.coalition_id), organization_id: mapOrg(a.organization_id) };
      const same = get('SELECT id FROM activities WHERE coalition_id = ? AND kind = ? AND occurred_on = ? AND organization_id IS ? AND count IS ? AND note IS ? AND details_json = ?',
        m.coalition_id, a.kind, a.occurred_on, m.organization_id, a.count, a.note, a.details_json);
      if (same) report.unchanged.activities++;
      else recordInsert('activities', insert('activities', a, { ...m, created_at: a.created_at, updated_at: ts }));
    }
    for (const l of all('SELECT * FROM lint_runs ORDER BY id')) {
      const m = { coalition_id: mapCoalition(l.coalition_id) };
      if (get('SELECT id FROM lint_runs WHERE coalition_id = ? AND checked_at = ? AND findings = ?', m.coalition_id, l.checked_at, l.findings)) report.unchanged.lint_runs++;
      else recordInsert('lint_runs', insert('lint_runs', l, m));
    }

    // 10. hotline figures, by state and period
    for (const h of all('SELECT * FROM hotline_stats ORDER BY id')) {
      const existing = get('SELECT * FROM hotline_stats WHERE state = ? AND period = ?', h.state, h.period);
      if (existing) fill('hotline_stats', existing, h, {}, { sql: 'id = ?', params: [existing.id] }, { id: existing.id as number, name: `hotline ${h.state} ${h.period}` }, existing.id as number);
      else recordInsert('hotline_stats', insert('hotline_stats', h, { created_at: h.created_at, updated_at: ts }));
    }

    // 11. pairings: a stop's computed list is taken only when this database has none for it
    const pairedHere = new Set<string>();
    for (const p of all('SELECT * FROM pairings ORDER BY coalition_id, stop_id, rank')) {
      const m = { coalition_id: mapCoalition(p.coalition_id), stop_id: mapOrg(p.stop_id), person_id: mapPerson(p.person_id) };
      const key = `${m.coalition_id}/${m.stop_id}`;
      if (!pairedHere.has(key) && get('SELECT 1 AS x FROM pairings WHERE coalition_id = ? AND stop_id = ?', m.coalition_id, m.stop_id)) {
        report.unchanged.pairings++;
        continue;
      }
      pairedHere.add(key);
      insert('pairings', p, m);
      keys.pairings.push([m.coalition_id!, m.stop_id!, m.person_id]);
    }
    // 12. pins and 13. targets, by their keys
    for (const p of all('SELECT * FROM pins')) {
      const m = { coalition_id: mapCoalition(p.coalition_id), stop_id: mapOrg(p.stop_id), person_id: mapPerson(p.person_id) };
      if (get('SELECT 1 AS x FROM pins WHERE coalition_id = ? AND stop_id = ? AND person_id = ?', m.coalition_id, m.stop_id, m.person_id)) report.unchanged.pins++;
      else {
        insert('pins', p, m);
        keys.pins.push([m.coalition_id!, m.stop_id!, m.person_id]);
      }
    }
    for (const t of all('SELECT * FROM targets')) {
      const m = { coalition_id: mapCoalition(t.coalition_id) };
      const existing = get('SELECT * FROM targets WHERE coalition_id = ? AND goal = ? AND key = ?', m.coalition_id, t.goal, t.key);
      if (existing) fill('targets', existing, t, {}, { sql: 'coalition_id = ? AND goal = ? AND key = ?', params: [m.coalition_id, t.goal, t.key] }, { id: `${t.goal} ${t.key}`, name: `target ${t.goal} ${t.key}` }, null);
      else {
        insert('targets', t, m);
        keys.targets.push([m.coalition_id!, t.goal as string, t.key as string]);
      }
    }

    const added = Object.values(report.added).reduce((a, b) => a + b, 0);
    const updated = Object.values(report.updated).reduce((a, b) => a + b, 0);
    if (o.dryRun || added + updated === 0) throw new Rollback();
    const nonZero = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([, n]) => n > 0));
    db.prepare('UPDATE import_batches SET finished_at = ?, options_json = ?, rows = ?, inserted_json = ?, updated_json = ?, warnings_json = ? WHERE id = ?').run(
      ts, JSON.stringify({ bundle: o.bundle, merge_keys: keys }), added + updated + Object.values(report.unchanged).reduce((a, b) => a + b, 0), JSON.stringify(nonZero(report.added)), JSON.stringify(nonZero(report.updated)),
      JSON.stringify(report.left_alone.map((l) => ({ field: l.fields.join(','), message: `${l.table} ${l.id}: kept this database's value` }))), batchId,
    );
    // the batch names its coalition (created by this merge or not) when the bundle holds one
    if (o.bundle.coalitions.length === 1) {
      db.prepare('UPDATE import_batches SET coalition_id = (SELECT id FROM coalitions WHERE slug = ?) WHERE id = ?').run(o.bundle.coalitions[0], batchId);
    }
    report.batch = batchId;
  });
  try {
    tx();
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return report;
}
