import { resolveModule } from '../../core/training/modules.js';
import { describeCandidate, isRegistered, lookupPerson, searchPeopleByName, type PersonCandidate } from '../../core/training/people.js';
import { recordSignoff } from '../../core/training/signoffs.js';
import { openDb, type DB } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { NotFoundError, UsageError } from '../../io/errors.js';
import { renderJson } from '../../io/output.js';
import { info, success, warn } from '../../io/style.js';
import { dateOrToday, optionalCoalition } from './shared.js';

export interface SignOptions {
  module?: string;
  date?: string;
  by?: string;
  json?: boolean;
}

/**
 * The person a coordinator named: by id or email directly; by name when exactly one person has
 * that name; otherwise, on a terminal, a search by name; off a terminal, an error listing the
 * candidates by id and organization (never emails or phones).
 */
export async function choosePerson(ctx: Context, db: DB, arg: string): Promise<PersonCandidate> {
  const found = lookupPerson(db, arg);
  if (found.kind === 'found') return found.person;
  if (found.exact.length === 1) return found.exact[0];
  const candidates = found.exact.length ? found.exact : found.partial;
  if (ctx.canPrompt) {
    const label = (p: PersonCandidate) => `${[p.title, p.name].filter(Boolean).join(' ')} — ${p.organization ?? 'no organization'} (id ${p.id})`;
    return ctx.prompts.search<PersonCandidate>({
      message: found.exact.length > 1 ? `Several people are named "${arg}"; which one?` : `Search for the person (name)`,
      source: (term) => {
        const list = term && term.trim() ? (() => { const r = searchPeopleByName(db, term); return [...r.exact, ...r.partial]; })() : candidates;
        return list.slice(0, 30).map((p) => ({ name: label(p), value: p }));
      },
    });
  }
  if (candidates.length === 0) {
    throw new NotFoundError(`no person named "${arg}"`, { hint: 'pass the person\'s id or email; find it with: coalition people --search NAME' });
  }
  if (candidates.length === 1) {
    throw new UsageError(`no person is named exactly "${arg}"; did you mean ${describeCandidate(candidates[0])}?`, { hint: `pass the id: ${candidates[0].id}` });
  }
  const shown = candidates.slice(0, 10).map(describeCandidate).join('; ');
  const more = candidates.length > 10 ? ` and ${candidates.length - 10} more` : '';
  throw new UsageError(`"${arg}" matches ${candidates.length} people: ${shown}${more}`, { hint: 'pass the id of the person you mean instead of the name' });
}

export async function execute(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as SignOptions;
  if (!opts.module) throw new UsageError('missing --module', { hint: 'for example: --module build-initial (see: coalition train modules)' });
  const date = dateOrToday(ctx, opts.date);
  const db = await openDb(ctx);
  const module = resolveModule(db, opts.module);
  const coalition = optionalCoalition(db, ctx);
  const person = await choosePerson(ctx, db, args[0]);
  const r = db.transaction(() => recordSignoff(db, { personId: person.id, moduleId: module.id, completedOn: date, verifiedBy: opts.by, coalitionId: coalition?.id }, ctx.now()))();
  const who = `${person.name || `person ${person.id}`} (id ${person.id})`;
  if (coalition && r.created && !isRegistered(db, coalition.id, person.id)) {
    warn(ctx, `${who} is not registered for ${coalition.slug}; the sign-off is linked to it anyway`);
  }
  if (opts.json) {
    ctx.stdout.write(renderJson(ctx, { id: r.id, created: r.created, person_id: person.id, module: module.id, completed_on: date, coalition: coalition?.slug ?? null }));
  } else if (r.created) {
    success(ctx, `Recorded ${module.id} for ${who} on ${date}`);
  } else {
    info(ctx, `Already recorded: ${module.id} for ${who} on ${date}; nothing changed`);
  }
  return 0;
}
