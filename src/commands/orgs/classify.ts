/**
 * `orgs classify`: the sectors inferred from organization names, reviewed one by one on a terminal,
 * most-used first. Each answer is recorded as set by hand (`sector_source = 'manual'`), which later
 * imports keep.
 */
import { classifyOrganization } from '../../core/orgs/edit.js';
import { classifyQueue } from '../../core/orgs/query.js';
import { AGENCY_TYPES, SECTOR_LABELS, SECTORS, type Sector } from '../../core/normalize/sector.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { UsageError } from '../../io/errors.js';
import { info, success } from '../../io/style.js';

type Answer = Sector | '__ok' | '__skip' | '__stop';

export async function execute(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<number> {
  if (!ctx.canPrompt) {
    throw new UsageError('orgs classify asks questions and needs a terminal', {
      hint: 'set sectors with: coalition orgs set ID --sector S --agency-type T (list them with: coalition orgs --unclassified)',
    });
  }
  const limit = raw.limit === undefined ? Infinity : Number(raw.limit);
  if (!Number.isInteger(limit) && limit !== Infinity) throw new UsageError(`--limit needs a whole number, not "${raw.limit}"`);
  const db = await openDb(ctx);
  const queue = classifyQueue(db, { includeColumn: Boolean(raw.includeColumn) });
  if (queue.length === 0) {
    info(ctx, 'Every organization\'s sector has been reviewed.');
    return 0;
  }
  info(ctx, `${queue.length} organization(s) to review, most-used first.`);
  let done = 0;
  for (const [i, o] of queue.entries()) {
    if (done >= limit) break;
    const where = [o.city, o.state].filter(Boolean).join(', ');
    const current = `${o.sector}${o.agency_type ? `/${o.agency_type}` : ''}`;
    const answer = await ctx.prompts.select<Answer>({
      message: `${i + 1}/${queue.length} ${o.name}${where ? ` (${where})` : ''}: ${o.uses} record(s), now ${current}`,
      choices: [
        { name: `Correct as ${current}`, value: '__ok' },
        ...SECTORS.map((s) => ({ name: `${SECTOR_LABELS[s]} (${s})`, value: s as Answer })),
        { name: 'Skip', value: '__skip' },
        { name: 'Stop', value: '__stop' },
      ],
      default: '__ok',
    });
    if (answer === '__stop') break;
    if (answer === '__skip') continue;
    let sector = o.sector as Sector;
    let type = o.agency_type;
    if (answer !== '__ok') {
      sector = answer;
      const types = AGENCY_TYPES[sector];
      type = types.length
        ? await ctx.prompts.select<string>({
            message: `Agency type of ${o.name}`,
            choices: types.map((t) => ({ name: t, value: t })),
            default: sector === o.sector && o.agency_type ? o.agency_type : undefined,
          })
        : null;
    }
    classifyOrganization(db, o.id, sector, type, ctx.now());
    done++;
  }
  success(ctx, `Recorded ${done} sector(s).`);
  return 0;
}
