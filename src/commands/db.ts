import { existsSync } from 'node:fs';
import { checkDatabase } from '../core/db-check.js';
import { openDb, openDatabaseFile } from '../db/connection.js';
import { LATEST_VERSION } from '../db/migrations/index.js';
import { resolveDbPath } from '../db/paths.js';
import type { Context } from '../io/context.js';
import { NotFoundError } from '../io/errors.js';
import { renderJson } from '../io/output.js';
import { chalkFor, success } from '../io/style.js';

/** Prints the path without opening or creating anything. */
export async function executePath(ctx: Context): Promise<number> {
  ctx.stdout.write(resolveDbPath(ctx) + '\n');
  return 0;
}

export async function executeCheck(ctx: Context, _args: string[], opts: { json?: boolean }): Promise<number> {
  const file = resolveDbPath(ctx);
  if (!existsSync(file)) throw new NotFoundError(`no database at ${file}`, { hint: 'create one with: coalition new …, or pass --db FILE' });
  const { db } = await openDatabaseFile(file, { create: false, migrate: false });
  try {
    const result = checkDatabase(db, file);
    if (opts.json) ctx.stdout.write(renderJson(ctx, result));
    else {
      const c = chalkFor(ctx, 'stdout');
      const line = (ok: boolean, text: string) => ctx.stdout.write(`${ok ? c.green('ok  ') : c.red('FAIL')}  ${text}\n`);
      line(result.integrity.length === 0, result.integrity.length ? `integrity: ${result.integrity.slice(0, 5).join('; ')}` : 'integrity check');
      line(result.foreign_keys.length === 0, result.foreign_keys.length ? `${result.foreign_keys.length} rows point at missing records` : 'foreign keys');
      line(result.schema_version === result.latest_version, `schema version ${result.schema_version} (this coalition: ${result.latest_version})`);
      line(result.permissions.length === 0, result.permissions.length ? result.permissions.join('; ') : 'owner-only permissions');
    }
    return result.ok ? 0 : 1;
  } finally {
    db.close();
  }
}

export async function executeMigrate(ctx: Context): Promise<number> {
  await openDb(ctx);
  success(ctx, `The database is at schema version ${LATEST_VERSION}.`);
  return 0;
}
