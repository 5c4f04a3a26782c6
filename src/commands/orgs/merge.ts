import { findOrganization } from '../../core/orgs/edit.js';
import { mergeOrganizations, type OrgMergeResult } from '../../core/orgs/merge.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { renderJson } from '../../io/output.js';
import { info, success } from '../../io/style.js';

const NOUNS: Record<string, [string, string]> = {
  people: ['person', 'people'],
  activities: ['activity', 'activities'],
  training_counts: ['training count', 'training counts'],
  pairings: ['pairing', 'pairings'],
  pins: ['pin', 'pins'],
};

const counted = ([table, n]: [string, number]) => {
  const [one, many] = NOUNS[table] ?? [table, table];
  return `${n} ${n === 1 ? one : many}`;
};

export function describeOrgMerge(r: OrgMergeResult): string {
  const parts = Object.entries(r.moved).map(counted);
  const combined = Object.entries(r.combined).map(counted);
  return `Merged organization ${r.dropped} into ${r.kept}` +
    (parts.length ? `; moved ${parts.join(', ')}` : '') +
    (combined.length ? `; combined ${combined.join(', ')}` : '') +
    (r.filled.length ? `; filled ${r.filled.join(', ')}` : '');
}

export async function execute(ctx: Context, args: string[], opts: { json?: boolean }): Promise<number> {
  const db = await openDb(ctx);
  const keep = findOrganization(db, args[0]);
  const drop = findOrganization(db, args[1]);
  const r = mergeOrganizations(db, keep, drop, ctx.now());
  success(ctx, describeOrgMerge(r));
  if (r.namesakes) info(ctx, `${r.namesakes} name${r.namesakes === 1 ? ' is' : 's are'} now held by two people at organization ${r.kept}: review them with coalition people dupes`);
  if (opts.json) ctx.stdout.write(renderJson(ctx, r));
  return 0;
}
