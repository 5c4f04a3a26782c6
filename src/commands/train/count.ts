import { resolveModule } from '../../core/training/modules.js';
import { lookupOrganizations } from '../../core/training/people.js';
import { checkCount, recordCount, replaceCount } from '../../core/training/signoffs.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { NotFoundError, RefusedError, UsageError } from '../../io/errors.js';
import { renderJson } from '../../io/output.js';
import { info, success } from '../../io/style.js';
import { dateOrToday, optionalCoalition } from './shared.js';

export interface CountOptions {
  module?: string;
  count?: string;
  date?: string;
  by?: string;
  replace?: boolean;
  json?: boolean;
}

/** `coalition train count <org> --module M --count N`: an organization reports N people trained. */
export async function execute(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as CountOptions;
  const missing = (['module', 'count'] as const).filter((k) => opts[k] === undefined);
  if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`, { hint: 'for example: coalition train count "Love\'s Travel Stop #412" --module truck-stop-employee --count 18' });
  const count = checkCount(opts.count!);
  const date = dateOrToday(ctx, opts.date);
  const db = await openDb(ctx);
  const module = resolveModule(db, opts.module!);
  const coalition = optionalCoalition(db, ctx);
  const orgs = lookupOrganizations(db, args[0]);
  if (orgs.length === 0) throw new NotFoundError(`no organization "${args[0]}"`, { hint: 'pass its id or its name as imported; find it with: coalition orgs' });
  if (orgs.length > 1) {
    throw new UsageError(`"${args[0]}" names ${orgs.length} organizations: ${orgs.map((o) => `${o.id} (${[o.city, o.state].filter(Boolean).join(', ') || 'no city'})`).join('; ')}`, { hint: 'pass the id of the one you mean' });
  }
  const org = orgs[0];
  const r = db.transaction(() => {
    const res = recordCount(db, { organizationId: org.id, moduleId: module.id, count, completedOn: date, verifiedBy: opts.by, coalitionId: coalition?.id }, ctx.now());
    if (!res.created && res.previous && res.previous.count !== count) {
      if (!opts.replace) {
        throw new RefusedError(`${org.name} already reported ${res.previous.count} trained in ${module.id} on ${date}`, { hint: `to change it to ${count}, add --replace` });
      }
      replaceCount(db, res.id, count, opts.by);
    }
    return res;
  })();
  const changed = r.created || (r.previous !== undefined && r.previous.count !== count);
  if (opts.json) ctx.stdout.write(renderJson(ctx, { id: r.id, created: r.created, changed, organization_id: org.id, module: module.id, count, completed_on: date, coalition: coalition?.slug ?? null }));
  else if (r.created) success(ctx, `Recorded ${count} trained in ${module.id} at ${org.name} (id ${org.id}) on ${date}`);
  else if (changed) success(ctx, `Changed the count for ${module.id} at ${org.name} on ${date} from ${r.previous!.count} to ${count}`);
  else info(ctx, `Already recorded: ${count} trained in ${module.id} at ${org.name} on ${date}; nothing changed`);
  return 0;
}
