import { createCoalition, defaultSlug, parseStates, type NewCoalition } from '../../core/coalitions.js';
import { isIsoDate } from '../../core/dates.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { UsageError } from '../../io/errors.js';
import { renderJson } from '../../io/output.js';
import { success } from '../../io/style.js';

export interface NewOptions {
  name?: string;
  state?: string;
  date?: string;
  city?: string;
  venue?: string;
  host?: string[];
  description?: string;
  json?: boolean;
}

/** Asks for what the flags did not give, when a terminal allows it; otherwise names the flags. */
export async function gatherNew(ctx: Context, slug: string | undefined, opts: NewOptions): Promise<NewCoalition> {
  const missing = (['name', 'state', 'date'] as const).filter((k) => !opts[k]);
  if (missing.length && !ctx.canPrompt) {
    throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`, {
      hint: 'for example: coalition new --name "Iowa Coalition Build 2026" --state IA --date 2026-03-12',
    });
  }
  const p = ctx.prompts;
  const name = opts.name ?? (await p.input({ message: 'Name of the coalition build', validate: (v) => (v.trim() ? true : 'a name is needed') }));
  const state = opts.state ?? (await p.input({ message: 'State code(s), comma-separated (e.g. IA or IA,NE)', validate: (v) => validOr(() => parseStates(v)) }));
  const date = opts.date ?? (await p.input({ message: 'Date of the build meeting (YYYY-MM-DD)', validate: (v) => (isIsoDate(v.trim()) ? true : 'use YYYY-MM-DD') }));
  let city = opts.city;
  let venue = opts.venue;
  let hosts = opts.host;
  let chosenSlug = slug;
  if (missing.length) {
    // Only a wizard run asks for the optional details; a flag run takes what it was given.
    city ??= (await p.input({ message: 'City (optional)' })) || undefined;
    venue ??= (await p.input({ message: 'Venue (optional)' })) || undefined;
    if (!hosts) {
      const h = await p.input({ message: 'Host organizations, comma-separated (optional)', default: 'Truckers Against Trafficking' });
      hosts = h.split(',').map((s) => s.trim()).filter(Boolean);
    }
    const suggested = defaultSlug(parseStates(state), date.trim());
    chosenSlug ??= await p.input({ message: 'Short name (slug) used with -c', default: suggested });
  }
  return { slug: chosenSlug, name, states: [state], buildDate: date, city, venue, hosts, description: opts.description };
}

function validOr(fn: () => unknown): true | string {
  try {
    fn();
    return true;
  } catch (e) {
    return (e as Error).message;
  }
}

export async function execute(ctx: Context, args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as NewOptions;
  const input = await gatherNew(ctx, args[0], opts);
  const db = await openDb(ctx);
  const created = createCoalition(db, input, ctx.now());
  if (opts.json) ctx.stdout.write(renderJson(ctx, created));
  else {
    success(ctx, `Created coalition ${created.slug}: ${created.name} (${created.states.join(', ')}, ${created.build_date})`);
    ctx.stdout.write(created.slug + '\n');
  }
  return 0;
}
