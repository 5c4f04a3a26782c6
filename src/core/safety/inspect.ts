/**
 * Is this file a coalition database we can use? Opens it read-only and checks: SQLite at all, a known
 * schema version (not newer than this coalition), the core tables, and SQLite's integrity check.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LATEST_VERSION } from '../../db/migrations/index.js';
import { InvalidDataError, NotFoundError, RefusedError } from '../../io/errors.js';
import { withoutLitter } from './files.js';

/** Tables every coalition database has had since version 1. */
const CORE_TABLES = ['settings', 'coalitions', 'coalition_states', 'organizations', 'people', 'attendance', 'import_batches', 'batch_changes', 'signoffs', 'training_modules'];

export interface DatabaseInfo {
  file: string;
  bytes: number;
  schema_version: number;
  latest_version: number;
  /** true when opening it will upgrade it (an older schema). */
  needs_upgrade: boolean;
  coalitions: string[];
  people: number;
  organizations: number;
  settings: Record<string, string>;
}

/** Throws a clear error unless `file` is an intact coalition database of a schema this version knows. */
export function inspectDatabase(file: string, what = 'backup'): DatabaseInfo {
  return withoutLitter(file, () => inspect(file, what));
}

function inspect(file: string, what: string): DatabaseInfo {
  if (!existsSync(file)) throw new NotFoundError(`no file at ${file}`);
  if (!statSync(file).isFile()) throw new InvalidDataError(`${file} is not a file`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new InvalidDataError(`${file} cannot be opened as a database`, {}, { cause: err, hint: `is it a coalition ${what}?` });
  }
  try {
    let version: number;
    let tables: Set<string>;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      tables = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    } catch (err) {
      throw new InvalidDataError(`${file} is not a coalition ${what} (not an SQLite database, or damaged)`, {}, { cause: err, hint: 'check that you named the right file' });
    }
    const missing = CORE_TABLES.filter((t) => !tables.has(t));
    if (version === 0 || missing.length) {
      throw new InvalidDataError(`${file} is an SQLite database but not a coalition ${what}${missing.length ? ` (no ${missing.slice(0, 3).join(', ')} table)` : ' (no schema version)'}`, {}, { hint: 'check that you named the right file' });
    }
    if (version > LATEST_VERSION) {
      throw new RefusedError(`${file} has schema version ${version}, newer than this coalition understands (${LATEST_VERSION})`, {
        hint: 'upgrade coalition (npm install -g coalition) on this machine first, then try again',
      });
    }
    let settings: Record<string, string>;
    try {
      const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
      if (!(integrity.length === 1 && integrity[0] === 'ok')) {
        throw new InvalidDataError(`${file} is damaged: SQLite's integrity check found ${integrity.length} problem${integrity.length === 1 ? '' : 's'} (${integrity.slice(0, 2).join('; ')})`, {}, { hint: `use another ${what}` });
      }
      const fk = db.pragma('foreign_key_check') as unknown[];
      if (fk.length) {
        throw new InvalidDataError(`${file} is damaged: ${fk.length} row(s) point at missing records`, {}, { hint: `use another ${what}` });
      }
      settings = {};
      for (const r of db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]) settings[r.key] = r.value;
    } catch (err) {
      if (err instanceof InvalidDataError) throw err;
      throw new InvalidDataError(`${file} is damaged: SQLite cannot read it (${(err as { code?: string }).code ?? (err as Error).message})`, {}, { cause: err, hint: `use another ${what}` });
    }
    return {
      file,
      bytes: statSync(file).size,
      schema_version: version,
      latest_version: LATEST_VERSION,
      needs_upgrade: version < LATEST_VERSION,
      coalitions: (db.prepare('SELECT slug FROM coalitions ORDER BY slug').all() as { slug: string }[]).map((r) => r.slug),
      people: (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n,
      organizations: (db.prepare('SELECT count(*) AS n FROM organizations').get() as { n: number }).n,
      settings,
    };
  } finally {
    db.close();
  }
}
