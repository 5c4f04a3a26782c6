/** `coalition log <kind>`: records one follow-up activity for the coalition. */
import { logActivity, type ActivityInput } from '../core/activities/index.js';
import { resolveCoalition } from '../core/coalitions.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { renderJson } from '../io/output.js';
import { info, success, warn } from '../io/style.js';

export interface KindFlags {
  date?: string;
  org?: string;
  count?: string;
  note?: string;
  what?: string;
  materials?: string;
  audience?: string;
  name?: string;
  component?: string;
  status?: string;
  item?: string;
  json?: boolean;
  kind?: string;
}

export function inputFromFlags(kind: string, o: KindFlags): ActivityInput {
  return { kind, date: o.date, org: o.org, count: o.count, note: o.note, what: o.what, materials: o.materials, audience: o.audience, name: o.name, component: o.component, status: o.status, item: o.item };
}

export async function execute(ctx: Context, args: string[], opts: KindFlags): Promise<number> {
  const db = await openDb(ctx);
  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  const r = logActivity(db, coalition, inputFromFlags(args[0], opts), ctx.now());
  for (const w of r.warnings) warn(ctx, w);
  if (r.activity.kind === 'investigation') info(ctx, 'Investigations are kept as a count and a date only; never record victim details.');
  if (opts.json) ctx.stdout.write(renderJson(ctx, r.activity));
  else ctx.stdout.write(`${r.activity.id}\n`);
  const what = [r.activity.kind, r.activity.summary, r.activity.organization ? `at ${r.activity.organization}` : '', r.activity.count !== null ? `count ${r.activity.count}` : ''].filter(Boolean).join(' ');
  if (r.duplicate) info(ctx, `Already logged as activity ${r.activity.id} (${what}, ${r.activity.date}); nothing changed.`);
  else success(ctx, `Logged activity ${r.activity.id} for ${coalition.slug}: ${what}, ${r.activity.date}`);
  return 0;
}
