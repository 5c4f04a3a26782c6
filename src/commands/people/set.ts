import { setPerson, type PersonChanges } from '../../core/people/edit.js';
import { getPerson } from '../../core/people/query.js';
import { resolvePerson } from './resolve.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { UsageError } from '../../io/errors.js';
import { renderJson } from '../../io/output.js';
import { info, success } from '../../io/style.js';

const FLAGS: Array<[keyof PersonChanges, string]> = [
  ['firstName', 'first-name'], ['lastName', 'last-name'], ['title', 'title'], ['email', 'email'], ['phone', 'phone'], ['sector', 'sector'],
  ['agencyType', 'agency-type'], ['organization', 'organization'], ['county', 'county'], ['shareContact', 'share-contact'], ['notes', 'notes'],
];

export async function execute(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<number> {
  const changes: PersonChanges = {};
  for (const [key] of FLAGS) if (typeof raw[key] === 'string') changes[key] = raw[key] as string;
  if (Object.keys(changes).length === 0) {
    throw new UsageError('nothing to change', { hint: `pass one or more of: ${FLAGS.map(([, f]) => `--${f}`).join(', ')}` });
  }
  const db = await openDb(ctx);
  const id = await resolvePerson(ctx, db, args[0]);
  const result = setPerson(db, id, changes, ctx.now());
  if (result.created_organization) info(ctx, `Created organization ${result.created_organization.id}: ${result.created_organization.name}`);
  if (result.changed.length) success(ctx, `Updated person ${id}: ${result.changed.join(', ')}`);
  else info(ctx, `Person ${id} already had those values; nothing changed.`);
  if (raw.json) ctx.stdout.write(renderJson(ctx, getPerson(db, id)));
  return 0;
}
