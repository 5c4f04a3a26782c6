import { findOrganization } from '../../core/orgs/edit.js';
import { mergeOrganizations } from '../../core/orgs/merge.js';
import { getOrganization } from '../../core/orgs/query.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { renderJson } from '../../io/output.js';
import { info, success } from '../../io/style.js';
import { describeMerge } from '../record-nouns.js';
import { runMerge, type MergeFlags } from '../record-merge.js';

export async function execute(ctx: Context, args: string[], opts: MergeFlags): Promise<number> {
  const db = await openDb(ctx);
  const keep = findOrganization(db, args[0]);
  const drop = findOrganization(db, args[1]);
  const label = (id: number) => {
    const o = getOrganization(db, id);
    return `#${id} ${o.name}${o.city ? `, ${o.city}` : ''}${o.state ? ` ${o.state}` : ''} (${o.people} ${o.people === 1 ? 'person' : 'people'})`;
  };
  const r = await runMerge(ctx, db, opts, () => `Merge ${label(drop)} into ${label(keep)}? #${drop} is deleted; this cannot be undone.`, () => mergeOrganizations(db, keep, drop, ctx.now()));
  if (opts.dryRun) info(ctx, describeMerge('organization', r, true));
  else success(ctx, describeMerge('organization', r));
  if (r.namesakes) info(ctx, `${r.namesakes} name${r.namesakes === 1 ? ' is' : 's are'} ${opts.dryRun ? 'would be' : 'now'} held by two people at organization ${r.kept}: review them with coalition people dupes`);
  if (opts.json) ctx.stdout.write(renderJson(ctx, opts.dryRun ? { ...r, dry_run: true } : r));
  return 0;
}
