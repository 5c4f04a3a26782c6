import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';

/** Copies a database file we only read (a backup, a bundle) into `target` through SQLite's backup
 * API, in one step, and removes the empty -wal/-shm files that opening it created. */
export async function copyDatabase(source: string, target: string): Promise<void> {
  const had = { wal: existsSync(`${source}-wal`), shm: existsSync(`${source}-shm`) };
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(target, { progress: () => 0x7fffffff });
  } finally {
    from.close();
    try {
      if (!had.wal && existsSync(`${source}-wal`) && statSync(`${source}-wal`).size === 0) rmSync(`${source}-wal`);
      if (!had.shm && !existsSync(`${source}-wal`)) rmSync(`${source}-shm`, { force: true });
    } catch {
      // leaving an empty side file is harmless
    }
  }
}
