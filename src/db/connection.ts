/**
 * Opening the database: once per process, owner-only files, WAL, foreign keys, a busy timeout so
 * that concurrent imports wait instead of failing, synchronous=FULL, and the schema brought up to
 * date by the numbered migrations (with a backup first when an existing database is upgraded).
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Context } from '../io/context.js';
import { RefusedError } from '../io/errors.js';
import { migrate } from './migrations/index.js';
import { resolveDbPath } from './paths.js';

export type DB = Database.Database;

export interface OpenOptions {
  /** Create the file when missing (default true). */
  create?: boolean;
  /** Run migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
  now?: () => Date;
}

export interface OpenResult {
  db: DB;
  path: string;
  /** The backup written before an upgrade, if any. */
  backup?: string;
}

export async function openDatabaseFile(file: string, opts: OpenOptions = {}): Promise<OpenResult> {
  const create = opts.create ?? true;
  if (!existsSync(file)) {
    if (!create) throw new RefusedError(`no database at ${file}`);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Create the file ourselves so it is owner-only from its first byte; SQLite gives the -wal and
    // -shm files the same mode.
    closeSync(openSync(file, 'wx', 0o600));
  }
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: true, nativeBinding: nativeBinding() });
  try {
    configure(db);
    let backup: string | undefined;
    if (opts.migrate ?? true) backup = await migrate(db, file, opts.now ?? (() => new Date()));
    return { db, path: file, backup };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** A read-only connection to an existing database, for a helper thread that only reads (the
 * import's reader thread reads the ZIP and county tables). */
export function openReadOnly(file: string): DB {
  const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
  db.pragma('busy_timeout = 30000');
  return db;
}

let binding: string | null | undefined;

/**
 * The compiled addon's path, so better-sqlite3 need not search for it with the `bindings` package
 * (about 10 ms of every start-up). Undefined, and so the default search, when it is elsewhere.
 */
function nativeBinding(): string | undefined {
  if (binding === undefined) {
    try {
      const require = createRequire(import.meta.url);
      const file = path.join(path.dirname(require.resolve('better-sqlite3')), '..', 'build', 'Release', 'better_sqlite3.node');
      binding = existsSync(file) ? file : null;
    } catch {
      binding = null;
    }
  }
  return binding ?? undefined;
}

export function configure(db: DB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 30000');
  db.pragma('synchronous = FULL');
}

const opened = new WeakMap<Context, Promise<OpenResult>>();

/** The command's database, opened once per context and closed when the command ends. */
export async function openDb(ctx: Context): Promise<DB> {
  let p = opened.get(ctx);
  if (!p) {
    p = openDatabaseFile(resolveDbPath(ctx), { now: ctx.now });
    opened.set(ctx, p);
    const r = await p;
    ctx.onClose(() => {
      statementCache.delete(r.db);
      if (r.db.open) r.db.close();
    });
    if (r.backup) ctx.stderr.write(`Upgraded the database; the previous version is kept at ${r.backup}\n`);
  }
  return (await p).db;
}

/** Is the file (and its folder) owner-only? Used by `db check`. */
export function permissionProblems(file: string): string[] {
  if (process.platform === 'win32') return [];
  const problems: string[] = [];
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) problems.push(`${file} is readable by others (mode ${mode.toString(8)}); run: chmod 600 "${file}"`);
  const dmode = statSync(path.dirname(file)).mode & 0o777;
  if (dmode & 0o077 && path.basename(path.dirname(file)) === 'coalition') {
    problems.push(`${path.dirname(file)} is open to others (mode ${dmode.toString(8)}); run: chmod 700 "${path.dirname(file)}"`);
  }
  return problems;
}

export function makeOwnerOnly(file: string): void {
  if (process.platform !== 'win32') chmodSync(file, 0o600);
}

const statementCache = new WeakMap<DB, Map<string, Database.Statement>>();

/** Prepares a statement once per connection and reuses it. Parameters are always bound, never
 * interpolated into the SQL. */
export function stmt<BindParameters extends unknown[] | {} = unknown[], Result = unknown>(db: DB, sql: string): Database.Statement<BindParameters, Result> {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s as unknown as Database.Statement<BindParameters, Result>;
}
