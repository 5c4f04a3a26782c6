import { findOrganization } from '../../core/orgs/edit.js';
import { mergeOrganizations } from '../../core/orgs/merge.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { renderJson } from '../../io/output.js';
import { info, success } from '../../io/style.js';
import { describeMerge } from '../record-nouns.js';

export async function execute(ctx: Context, args: string[], opts: { json?: boolean }): Promise<number> {
  const db = await openDb(ctx);
  const keep = findOrganization(db, args[0]);
  const drop = findOrganization(db, args[1]);
  const r = mergeOrganizations(db, keep, drop, ctx.now());
  success(ctx, describeMerge('organization', r));
  if (r.namesakes) info(ctx, `${r.namesakes} name${r.namesakes === 1 ? ' is' : 's are'} now held by two people at organization ${r.kept}: review them with coalition people dupes`);
  if (opts.json) ctx.stdout.write(renderJson(ctx, r));
  return 0;
}
