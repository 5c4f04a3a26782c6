/**
 * Files written by the safety commands: owner-only from their first byte, written under a temporary
 * name beside the target and renamed into place, so a crash never leaves half a backup or bundle
 * under the name the user asked for.
 */
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
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

/** Do two paths name the same file (the same path, or the same inode through a link)? */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Does the file start with SQLite's header (a database, a backup, a bundle)? */
export function isSqliteFile(file: string): boolean {
  let fd: number | undefined;
  try {
    if (!statSync(file).isFile()) return false;
    fd = openSync(file, 'r');
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\u0000';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Why a file the tool is about to write (a document, a rejects file) must not replace what is
 * already there: it is the database or one of its side files, one of the `inputs` being read, or a
 * SQLite database (a backup, a bundle). Undefined when writing it is fine.
 */
export function protectedTargetProblem(file: string, opts: { database?: string; inputs?: readonly string[] } = {}): string | undefined {
  if (opts.database) {
    for (const side of ['', '-wal', '-shm', '-journal']) {
      if (sameFile(file, opts.database + side)) return side ? `the database's ${side.slice(1)} file` : 'the database';
    }
  }
  for (const input of opts.inputs ?? []) if (sameFile(file, input)) return 'the file being read';
  if (isSqliteFile(file)) return 'a SQLite database (a backup, a bundle or a coalition database)';
  return undefined;
}
