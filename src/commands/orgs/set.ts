import { findOrganization, setOrganization, type OrgChanges } from '../../core/orgs/edit.js';
import { getOrganization } from '../../core/orgs/query.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { UsageError } from '../../io/errors.js';
import { renderJson } from '../../io/output.js';
import { info, success } from '../../io/style.js';

const FLAGS: Array<[keyof OrgChanges, string]> = [
  ['name', 'name'], ['sector', 'sector'], ['agencyType', 'agency-type'], ['county', 'county'], ['vettedBy', 'vetted-by'],
  ['distributionPoint', 'distribution-point'], ['statewide', 'statewide'], ['phone', 'phone'], ['email', 'email'], ['notes', 'notes'],
];

export async function execute(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<number> {
  const changes: OrgChanges = {};
  for (const [key] of FLAGS) if (typeof raw[key] === 'string') changes[key] = raw[key] as string;
  if (Object.keys(changes).length === 0) throw new UsageError('nothing to change', { hint: `pass one or more of: ${FLAGS.map(([, f]) => `--${f}`).join(', ')}` });
  const db = await openDb(ctx);
  const id = findOrganization(db, args[0]);
  const r = setOrganization(db, id, changes, ctx.now());
  if (r.changed.length) success(ctx, `Updated organization ${id}: ${r.changed.join(', ')}`);
  else info(ctx, `Organization ${id} already had those values; nothing changed.`);
  if (raw.json) ctx.stdout.write(renderJson(ctx, getOrganization(db, id)));
  return 0;
}
