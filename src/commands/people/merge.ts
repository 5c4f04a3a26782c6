import { mergePeople } from '../../core/people/merge.js';
import { getPerson } from '../../core/people/query.js';
import { resolvePerson } from './resolve.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { renderJson } from '../../io/output.js';
import { info, success } from '../../io/style.js';
import { describeMerge } from '../record-nouns.js';
import { runMerge, type MergeFlags } from '../record-merge.js';

export async function execute(ctx: Context, args: string[], opts: MergeFlags): Promise<number> {
  const db = await openDb(ctx);
  const keep = await resolvePerson(ctx, db, args[0]);
  const drop = await resolvePerson(ctx, db, args[1]);
  const label = (id: number) => {
    const p = getPerson(db, id);
    const name = [p.title, p.first_name, p.last_name].filter(Boolean).join(' ') || 'no name';
    const held = [`${p.attendance.length} registration${p.attendance.length === 1 ? '' : 's'}`, `${p.signoffs.length} sign-off${p.signoffs.length === 1 ? '' : 's'}`];
    return `#${id} ${[name, p.email, p.organization].filter(Boolean).join(', ')} (${held.join(', ')})`;
  };
  const r = await runMerge(ctx, db, opts, () => `Merge ${label(drop)} into ${label(keep)}? #${drop} is deleted; this cannot be undone.`, () => mergePeople(db, keep, drop, ctx.now()));
  if (opts.dryRun) info(ctx, describeMerge('person', r, true));
  else success(ctx, describeMerge('person', r));
  if (opts.json) ctx.stdout.write(renderJson(ctx, opts.dryRun ? { ...r, dry_run: true } : r));
  return 0;
}
