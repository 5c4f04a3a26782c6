/**
 * Where the database lives: `--db`, else COALITION_DB, else `coalition.db` in the user's data
 * directory (XDG_DATA_HOME on Linux, Application Support on macOS, %LOCALAPPDATA% on Windows).
 */
import path from 'node:path';
import os from 'node:os';
import type { Context } from '../io/context.js';

export function resolveDbPath(ctx: Pick<Context, 'env' | 'cwd' | 'globals'>): string {
  if (ctx.globals.db) return path.resolve(ctx.cwd, ctx.globals.db);
  if (ctx.env.COALITION_DB) return path.resolve(ctx.cwd, ctx.env.COALITION_DB);
  return path.join(userDataDir(ctx.env), 'coalition.db');
}

/** The platform's per-user data directory for this tool (what env-paths computes, without the
 * import cost on every start). */
export function userDataDir(env: Readonly<Record<string, string | undefined>>, platform = process.platform): string {
  const home = env.HOME || os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'coalition');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'coalition', 'Data');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'coalition');
}
