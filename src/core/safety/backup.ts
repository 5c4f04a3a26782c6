/**
 * `coalition backup`: a consistent copy of the live database, made with SQLite's online backup API
 * while other processes may be writing. The whole copy is taken in one step (one read transaction),
 * so it is a snapshot of one moment and never restarts under a busy writer. The copy is written
 * owner-only under a temporary name and renamed into place.
 */
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DB } from '../../db/connection.js';
import { RefusedError } from '../../io/errors.js';
import { checkTarget, createTempSibling, moveIntoPlace, removeDbFiles } from './files.js';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

/** All remaining pages in one backup step: one consistent read of the source. */
const ALL_PAGES = 0x7fffffff;

export async function backupDatabase(db: DB, dbFile: string, target: string, opts: { force?: boolean } = {}): Promise<BackupResult> {
  const file = path.resolve(target);
  if (file === path.resolve(dbFile)) {
    throw new RefusedError('the backup file is the database itself', { hint: 'name another file, for example: coalition backup ~/coalition-backup.db' });
  }
  checkTarget(file, opts.force, 'backup');
  const tmp = createTempSibling(file, 'backup');
  try {
    const progress = await db.backup(tmp, { progress: () => ALL_PAGES });
    // A backup is one self-contained file: rollback journal, not WAL, so that reading it later
    // leaves no -wal/-shm beside it (the database itself goes back to WAL when opened as one).
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    // A stale -wal beside an older file of that name would be replayed onto the new one.
    for (const side of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(side, { force: true });
    moveIntoPlace(tmp, file);
    return { file, bytes: statSync(file).size, pages: progress.totalPages };
  } catch (err) {
    removeDbFiles(tmp);
    throw err;
  }
}
