import { useCoalition } from '../../core/coalitions.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { success } from '../../io/style.js';

export async function execute(ctx: Context, args: string[]): Promise<number> {
  const db = await openDb(ctx);
  const row = useCoalition(db, args[0]);
  success(ctx, `Commands now work on ${row.slug} (${row.name}) unless you pass -c or set COALITION.`);
  return 0;
}
