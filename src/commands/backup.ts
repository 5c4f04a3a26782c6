import { existsSync } from 'node:fs';
import path from 'node:path';
import { backupDatabase } from '../core/safety/backup.js';
import { openDb } from '../db/connection.js';
import { resolveDbPath } from '../db/paths.js';
import type { Context } from '../io/context.js';
import { NotFoundError } from '../io/errors.js';
import { renderJson } from '../io/output.js';
import { success } from '../io/style.js';

export interface BackupOptions {
  force?: boolean;
  json?: boolean;
}

export async function execute(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as BackupOptions;
  const dbFile = resolveDbPath(ctx);
  if (!existsSync(dbFile)) throw new NotFoundError(`no database at ${dbFile}`, { hint: 'check the path with: coalition db path, or pass --db FILE' });
  const db = await openDb(ctx);
  const result = await backupDatabase(db, dbFile, path.resolve(ctx.cwd, args[0]), { force: opts.force });
  if (opts.json) ctx.stdout.write(renderJson(ctx, { database: dbFile, ...result }));
  else {
    success(ctx, `Backed up ${dbFile} to ${result.file} (${formatBytes(result.bytes)}, readable only by you).`);
    ctx.stdout.write(result.file + '\n');
  }
  return 0;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
