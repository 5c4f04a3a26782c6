/**
 * Files written by the safety commands: owner-only from their first byte, written under a temporary
 * name beside the target and renamed into place, so a crash never leaves half a backup or bundle
 * under the name the user asked for.
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { RefusedError } from '../../io/errors.js';

/** A timestamp usable in a file name: 2026-11-28T15-00-00Z. */
export function fileStamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

/** Refuses to overwrite an existing file unless forced. */
export function checkTarget(file: string, force: boolean | undefined, what: string): void {
  if (existsSync(file) && !force) {
    throw new RefusedError(`${file} already exists; not overwriting it with the ${what}`, { hint: 'choose another file name, or pass --force to replace it' });
  }
  if (!existsSync(path.dirname(file))) {
    throw new RefusedError(`the folder ${path.dirname(file)} does not exist`, { hint: 'create it first, or choose another file name' });
  }
}

/** An empty owner-only file beside `file`, with a name no one else uses. */
export function createTempSibling(file: string, tag: string): string {
  const dir = path.dirname(file);
  const base = path.basename(file);
  for (let i = 0; ; i++) {
    const tmp = path.join(dir, `.${base}.${tag}-${process.pid}-${i}.tmp`);
    try {
      closeSync(openSync(tmp, 'wx', 0o600));
      return tmp;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || i > 100) throw err;
    }
  }
}

/** Moves a finished temporary file into place (atomic on one file system). */
export function moveIntoPlace(tmp: string, file: string): void {
  renameSync(tmp, file);
}

/** Removes a file and its SQLite side files, ignoring the ones that are not there. */
export function removeDbFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/**
 * Opening a WAL-mode database, even read-only, creates -wal and -shm files beside it. For a file we
 * only read (a backup, a bundle), remove the empty ones we caused, so that the user's folder is left
 * as we found it.
 */
export function withoutLitter<T>(file: string, fn: () => T): T {
  const had = { wal: existsSync(`${file}-wal`), shm: existsSync(`${file}-shm`) };
  try {
    return fn();
  } finally {
    try {
      if (!had.wal && existsSync(`${file}-wal`) && statSync(`${file}-wal`).size === 0) rmSync(`${file}-wal`);
      if (!had.shm && !existsSync(`${file}-wal`)) rmSync(`${file}-shm`, { force: true });
    } catch {
      // leaving an empty side file is harmless
    }
  }
}
