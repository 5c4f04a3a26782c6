import path from 'node:path';
import { restoreDatabase } from '../core/safety/restore.js';
import { resolveDbPath } from '../db/paths.js';
import type { Context } from '../io/context.js';
import { renderJson } from '../io/output.js';
import { info, success } from '../io/style.js';

export async function execute(ctx: Context, args: string[], opts: { json?: boolean }): Promise<number> {
  const dbFile = resolveDbPath(ctx);
  const result = await restoreDatabase(dbFile, path.resolve(ctx.cwd, args[0]), ctx.now());
  if (opts.json) {
    ctx.stdout.write(renderJson(ctx, result));
    return 0;
  }
  success(ctx, `Restored ${result.database} from ${result.restored_from} (${result.coalitions.length} coalition${result.coalitions.length === 1 ? '' : 's'}${result.coalitions.length ? `: ${result.coalitions.join(', ')}` : ''}).`);
  if (result.kept_aside) info(ctx, `The previous database is kept at ${result.kept_aside}; to go back: coalition restore "${result.kept_aside}"`);
  if (result.needs_upgrade) info(ctx, `The backup has schema version ${result.schema_version}; it is upgraded to ${result.latest_version} the next time it is opened (or now with: coalition db migrate).`);
  ctx.stdout.write(result.database + '\n');
  return 0;
}
