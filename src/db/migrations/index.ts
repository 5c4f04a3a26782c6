/**
 * Numbered migrations. Each runs in its own transaction together with the `user_version` bump, so a
 * database is always at exactly one version. A database written by a newer `coalition` is refused
 * rather than guessed at. Before an existing, non-empty database is upgraded, an online backup is
 * written beside it.
 *
 * To add one: create `NNN-name.ts` exporting a Migration with the next version, append it below,
 * and add a test that upgrades a database from the previous version.
 */
import { closeSync, openSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { RefusedError } from '../../io/errors.js';
import { m001 } from './001-initial.js';
import { m002 } from './002-geo.js';
import { m003 } from './003-report-indexes.js';
import { m004 } from './004-named-unique-indexes.js';
import { m005 } from './005-person-emails.js';
import { m006 } from './006-county-equivalents.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
  /** Runs with foreign keys off (a table rebuilt: dropping the old one must not cascade), and is
   * checked with `foreign_key_check` before it commits. */
  foreignKeysOff?: boolean;
}

export const migrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006];

export const LATEST_VERSION = migrations[migrations.length - 1].version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to date; returns the path of the backup written first, if any. */
export async function migrate(db: Database.Database, file: string, now: () => Date, list: readonly Migration[] = migrations): Promise<string | undefined> {
  const current = schemaVersion(db);
  const latest = list[list.length - 1].version;
  if (current > latest) {
    throw new RefusedError(`the database ${file} has schema version ${current}, newer than this coalition understands (${latest})`, {
      hint: 'upgrade coalition (npm install) before opening this database',
    });
  }
  if (current === latest) return undefined;
  let backup: string | undefined;
  if (current > 0 && file !== ':memory:' && file !== '') {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    backup = `${file}.v${current}-${stamp}.bak`;
    // A copy of everyone in the database: owner-only from its first byte (SQLite would create it
    // with the umask's mode, readable by others).
    closeSync(openSync(backup, 'wx', 0o600));
    await db.backup(backup);
  }
  for (const m of list) {
    if (m.version <= current) continue;
    // foreign_keys cannot change inside a transaction: switched off around it, and back on after.
    const fkOn = m.foreignKeysOff ? (db.pragma('foreign_keys', { simple: true }) as number) === 1 : false;
    if (fkOn) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        // Only references the migration breaks count (not any the file already had).
        const brokenBefore = m.foreignKeysOff ? (db.pragma('foreign_key_check') as unknown[]).length : 0;
        m.up(db);
        if (m.foreignKeysOff) {
          const broken = (db.pragma('foreign_key_check') as unknown[]).slice(brokenBefore);
          if (broken.length) throw new Error(`internal: migration ${m.version} (${m.name}) would break ${broken.length} foreign key reference${broken.length === 1 ? '' : 's'}; the database is unchanged`);
        }
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (fkOn) db.pragma('foreign_keys = ON');
    }
  }
  return backup;
}
