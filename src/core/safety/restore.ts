/**
 * `coalition restore`: replaces the database with a backup after checking it. The current database
 * (with its -wal/-shm files) is kept aside under a timestamped name; the backup is copied beside the
 * database under a temporary name and renamed into place, so the database path always holds either
 * the old or the new database, never half of one. An older schema is upgraded by the normal
 * migration the next time the database is opened; a newer one is refused.
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { RefusedError } from '../../io/errors.js';
import { copyDatabase } from './copy.js';
import { createTempSibling, fileStamp, moveIntoPlace, removeDbFiles } from './files.js';
import { inspectDatabase, type DatabaseInfo } from './inspect.js';

export interface RestoreResult {
  database: string;
  restored_from: string;
  /** Where the previous database was kept, or null when there was none. */
  kept_aside: string | null;
  schema_version: number;
  latest_version: number;
  needs_upgrade: boolean;
  coalitions: string[];
}

export async function restoreDatabase(dbFile: string, backupFile: string, now: Date): Promise<RestoreResult> {
  const target = path.resolve(dbFile);
  const source = path.resolve(backupFile);
  if (source === target) throw new RefusedError('the backup file is the database itself', { hint: 'name the backup file to restore from' });
  const info: DatabaseInfo = inspectDatabase(source);

  // Copy through SQLite (a backup file may itself carry a -wal) into an owner-only temporary file.
  const tmp = createTempSibling(target, 'restore');
  try {
    await copyDatabase(source, tmp);
    let kept: string | null = null;
    if (existsSync(target)) {
      ensureNotInUse(target);
      kept = `${target}.before-restore-${fileStamp(now)}`;
      for (let i = 2; existsSync(kept); i++) kept = `${target}.before-restore-${fileStamp(now)}-${i}`;
      renameSync(target, kept);
      for (const side of ['-wal', '-shm']) if (existsSync(target + side)) renameSync(target + side, kept + side);
    }
    removeDbFiles(`${target}-journal`);
    moveIntoPlace(tmp, target);
    return {
      database: target,
      restored_from: source,
      kept_aside: kept,
      schema_version: info.schema_version,
      latest_version: info.latest_version,
      needs_upgrade: info.needs_upgrade,
      coalitions: info.coalitions,
    };
  } catch (err) {
    removeDbFiles(tmp);
    throw err;
  }
}

/**
 * Folds the WAL into the database and makes sure no other process has it open: replacing a file
 * under a running import would lose that import. A damaged database (the usual reason to restore)
 * may not open at all; it is then simply moved aside with its side files.
 */
function ensureNotInUse(file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 2000 });
    const r = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (r[0]?.busy) throw busyError();
  } catch (err) {
    if (err instanceof RefusedError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'SQLITE_BUSY') throw busyError();
    // damaged or not a database: nothing to fold in; it is kept aside as it is
  } finally {
    db?.close();
  }
  // The last connection to close removes the -wal file; if it is still there, someone else is open.
  if (existsSync(`${file}-wal`)) {
    let stillOpen = true;
    try {
      const probe = new Database(file, { fileMustExist: true });
      probe.close();
      stillOpen = existsSync(`${file}-wal`);
    } catch {
      stillOpen = false;
    }
    if (stillOpen) throw busyError();
  }
}

function busyError(): RefusedError {
  return new RefusedError('another coalition command is using the database right now', { hint: 'wait for it to finish (or close it), then run the restore again' });
}
