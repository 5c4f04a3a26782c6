/**
 * `coalition export`: a portable bundle of one coalition (or all) in a SQLite file with the same
 * schema as the database, so that a state coordinator can hand their work to the national office
 * and `coalition merge` can fold it into another database. The bundle holds the coalition(s) with
 * their states and hosts, attendance, the people and their organizations, the directory of the
 * coalition's states (organizations located there and their people, with their other e-mail
 * addresses), sign-offs and training counts,
 * activities, pairings, pins, targets, language-check runs, the hotline figures of its states and
 * the training modules used. Import history (batches) is not carried: `created_batch` is cleared.
 *
 * A manifest in the bundle's `settings` table says what it is: `bundle.format`, `bundle.scope`,
 * `bundle.coalitions`, `bundle.exported_at`, `bundle.schema_version`.
 *
 * The copy is made in one read transaction of the source (a consistent snapshot) into an
 * owner-only temporary file that is renamed into place when complete.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DB } from '../../db/connection.js';
import { openDatabaseFile } from '../../db/connection.js';
import { LATEST_VERSION } from '../../db/migrations/index.js';
import { RefusedError } from '../../io/errors.js';
import type { CoalitionRow } from '../coalitions.js';
import { isoTimestamp } from '../dates.js';
import { checkTarget, createTempSibling, moveIntoPlace, removeDbFiles } from './files.js';

export const BUNDLE_FORMAT = '1';

/** Tables copied into a bundle, parents before children. */
export const BUNDLE_TABLES = [
  'coalitions', 'coalition_states', 'coalition_hosts', 'organizations', 'people', 'person_emails', 'attendance', 'signoffs',
  'training_counts', 'activities', 'pairings', 'pins', 'targets', 'lint_runs', 'hotline_stats',
] as const;

export interface ExportResult {
  file: string;
  scope: 'coalition' | 'all';
  coalitions: string[];
  exported_at: string;
  schema_version: number;
  counts: Record<string, number>;
  bytes: number;
}

export interface ExportOptions {
  /** One coalition, or undefined with all = true. */
  coalition?: CoalitionRow;
  all?: boolean;
  force?: boolean;
  now: Date;
}

/** Row selections, as SQL over the source (main) database; `sel_*` temp tables hold the ids. */
function selections(all: boolean): string[] {
  if (all) {
    return [
      'INSERT INTO temp.sel_coalitions SELECT id FROM main.coalitions',
      'INSERT INTO temp.sel_organizations SELECT id FROM main.organizations',
      'INSERT INTO temp.sel_people SELECT id FROM main.people',
      'INSERT INTO temp.sel_states SELECT DISTINCT state FROM main.hotline_stats',
    ];
  }
  const C = 'SELECT id FROM temp.sel_coalitions';
  return [
    // the coalition's states
    `INSERT OR IGNORE INTO temp.sel_states SELECT state FROM main.coalition_states WHERE coalition_id IN (${C})`,
    // people: attendees, signed-off people, paired and pinned officers, people of the states' directory
    `INSERT OR IGNORE INTO temp.sel_people SELECT person_id FROM main.attendance WHERE coalition_id IN (${C})`,
    `INSERT OR IGNORE INTO temp.sel_people SELECT person_id FROM main.signoffs WHERE coalition_id IN (${C})`,
    `INSERT OR IGNORE INTO temp.sel_people SELECT person_id FROM main.pairings WHERE coalition_id IN (${C})`,
    `INSERT OR IGNORE INTO temp.sel_people SELECT person_id FROM main.pins WHERE coalition_id IN (${C})`,
    `INSERT OR IGNORE INTO temp.sel_people SELECT p.id FROM main.people p JOIN main.organizations o ON o.id = p.organization_id WHERE o.state IN (SELECT state FROM temp.sel_states)`,
    // organizations: the states' directory, the people's, and those activities, counts and pairings name
    'INSERT OR IGNORE INTO temp.sel_organizations SELECT id FROM main.organizations WHERE state IN (SELECT state FROM temp.sel_states)',
    'INSERT OR IGNORE INTO temp.sel_organizations SELECT organization_id FROM main.people WHERE organization_id IS NOT NULL AND id IN (SELECT id FROM temp.sel_people)',
    `INSERT OR IGNORE INTO temp.sel_organizations SELECT organization_id FROM main.training_counts WHERE coalition_id IN (${C})`,
    `INSERT OR IGNORE INTO temp.sel_organizations SELECT organization_id FROM main.activities WHERE organization_id IS NOT NULL AND coalition_id IN (${C})`,
    `INSERT OR IGNORE INTO temp.sel_organizations SELECT stop_id FROM main.pairings WHERE coalition_id IN (${C})`,
    `INSERT OR IGNORE INTO temp.sel_organizations SELECT stop_id FROM main.pins WHERE coalition_id IN (${C})`,
  ];
}

/** WHERE clause per table, over the selections. */
const WHERE: Record<(typeof BUNDLE_TABLES)[number], string> = {
  coalitions: 'id IN (SELECT id FROM temp.sel_coalitions)',
  coalition_states: 'coalition_id IN (SELECT id FROM temp.sel_coalitions)',
  coalition_hosts: 'coalition_id IN (SELECT id FROM temp.sel_coalitions)',
  organizations: 'id IN (SELECT id FROM temp.sel_organizations)',
  people: 'id IN (SELECT id FROM temp.sel_people)',
  person_emails: 'person_id IN (SELECT id FROM temp.sel_people)',
  attendance: 'coalition_id IN (SELECT id FROM temp.sel_coalitions)',
  signoffs: 'person_id IN (SELECT id FROM temp.sel_people) AND (coalition_id IN (SELECT id FROM temp.sel_coalitions) OR coalition_id IS NULL)',
  training_counts: 'organization_id IN (SELECT id FROM temp.sel_organizations) AND (coalition_id IN (SELECT id FROM temp.sel_coalitions) OR coalition_id IS NULL)',
  activities: 'coalition_id IN (SELECT id FROM temp.sel_coalitions)',
  pairings: 'coalition_id IN (SELECT id FROM temp.sel_coalitions)',
  pins: 'coalition_id IN (SELECT id FROM temp.sel_coalitions)',
  targets: 'coalition_id IN (SELECT id FROM temp.sel_coalitions)',
  lint_runs: 'coalition_id IN (SELECT id FROM temp.sel_coalitions)',
  hotline_stats: 'state IN (SELECT state FROM temp.sel_states)',
};

function columnsOf(db: DB, schema: string, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?, ?)').all(table, schema) as { name: string }[]).map((r) => r.name);
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

export async function exportBundle(db: DB, dbFile: string, target: string, opts: ExportOptions): Promise<ExportResult> {
  const file = path.resolve(target);
  if (file === path.resolve(dbFile)) throw new RefusedError('the bundle file is the database itself', { hint: 'name a new file, for example: -o ia-2026.coalition' });
  if (!opts.all && !opts.coalition) throw new RefusedError('nothing to export');
  checkTarget(file, opts.force, 'bundle');
  const tmp = createTempSibling(file, 'export');
  const exportedAt = isoTimestamp(opts.now);
  try {
    // The bundle starts as a fresh database at the latest schema (with the place tables, so that it
    // can also be opened and looked at with --db).
    const fresh = await openDatabaseFile(tmp, { now: () => opts.now });
    fresh.db.close();

    db.prepare('ATTACH DATABASE ? AS bundle').run(tmp);
    let counts: Record<string, number> = {};
    let slugs: string[] = [];
    try {
      db.transaction(() => {
        for (const t of ['coalitions', 'organizations', 'people']) db.exec(`CREATE TEMP TABLE sel_${t} (id INTEGER PRIMARY KEY)`);
        db.exec('CREATE TEMP TABLE sel_states (state TEXT PRIMARY KEY)');
        try {
          if (opts.coalition) db.prepare('INSERT INTO temp.sel_coalitions VALUES (?)').run(opts.coalition.id);
          for (const sql of selections(Boolean(opts.all))) db.exec(sql);
          for (const table of BUNDLE_TABLES) {
            const cols = columnsOf(db, 'bundle', table).filter((c) => columnsOf(db, 'main', table).includes(c));
            const select = cols.map((c) => (c === 'created_batch' ? 'NULL' : q(c))).join(', ');
            db.exec(`INSERT INTO bundle.${q(table)} (${cols.map(q).join(', ')}) SELECT ${select} FROM main.${q(table)} WHERE ${WHERE[table]}`);
          }
          // the training modules the bundle's sign-offs and counts use (built-in ones are already there)
          const modCols = columnsOf(db, 'bundle', 'training_modules').map(q).join(', ');
          db.exec(`INSERT OR REPLACE INTO bundle.training_modules (${modCols}) SELECT ${modCols} FROM main.training_modules
                    WHERE id IN (SELECT module_id FROM bundle.signoffs UNION SELECT module_id FROM bundle.training_counts)`);
          slugs = (db.prepare('SELECT slug FROM bundle.coalitions ORDER BY slug').all() as { slug: string }[]).map((r) => r.slug);
          const manifest: Record<string, string> = {
            'bundle.format': BUNDLE_FORMAT,
            'bundle.scope': opts.all ? 'all' : 'coalition',
            'bundle.coalitions': JSON.stringify(slugs),
            'bundle.exported_at': exportedAt,
            'bundle.schema_version': String(LATEST_VERSION),
          };
          const put = db.prepare('INSERT OR REPLACE INTO bundle.settings (key, value) VALUES (?, ?)');
          for (const [k, v] of Object.entries(manifest)) put.run(k, v);
          counts = {};
          for (const table of [...BUNDLE_TABLES, 'training_modules']) counts[table] = (db.prepare(`SELECT count(*) AS n FROM bundle.${q(table)}`).get() as { n: number }).n;
        } finally {
          for (const t of ['coalitions', 'organizations', 'people', 'states']) db.exec(`DROP TABLE IF EXISTS temp.sel_${t}`);
        }
      })();
    } finally {
      db.exec('DETACH DATABASE bundle');
    }
    // One self-contained file (no -wal beside it), compacted.
    const b = new Database(tmp, { fileMustExist: true });
    try {
      b.pragma('journal_mode = DELETE');
      b.exec('VACUUM');
    } finally {
      b.close();
    }
    moveIntoPlace(tmp, file);
    return {
      file,
      scope: opts.all ? 'all' : 'coalition',
      coalitions: slugs,
      exported_at: exportedAt,
      schema_version: LATEST_VERSION,
      counts,
      bytes: statSync(file).size,
    };
  } catch (err) {
    removeDbFiles(tmp);
    throw err;
  }
}
