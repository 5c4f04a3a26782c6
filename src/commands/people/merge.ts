import { mergePeople } from '../../core/people/merge.js';
import { resolvePerson } from './resolve.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { renderJson } from '../../io/output.js';
import { success } from '../../io/style.js';
import { describeMerge } from '../record-nouns.js';

export async function execute(ctx: Context, args: string[], opts: { json?: boolean }): Promise<number> {
  const db = await openDb(ctx);
  const keep = await resolvePerson(ctx, db, args[0]);
  const drop = await resolvePerson(ctx, db, args[1]);
  const r = mergePeople(db, keep, drop, ctx.now());
  success(ctx, describeMerge('person', r));
  if (opts.json) ctx.stdout.write(renderJson(ctx, r));
  return 0;
}
