/** What the train commands share: the optional coalition and the date. */
import { findCoalitionRow, requireCoalitionRow, type CoalitionRow } from '../../core/coalitions.js';
import { isoDate } from '../../core/dates.js';
import { checkDate } from '../../core/training/signoffs.js';
import type { DB } from '../../db/connection.js';
import type { Context } from '../../io/context.js';

/** A sign-off links to a coalition only when one is named (-c or COALITION): it is optional. */
export function optionalCoalition(db: DB, ctx: Context, flag?: string): CoalitionRow | undefined {
  const slug = flag ?? ctx.globals.coalition ?? ctx.env.COALITION;
  if (!slug) return undefined;
  return findCoalitionRow(db, slug) ?? requireCoalitionRow(db, slug);
}

/** `--date`, else today (by the context's clock). */
export function dateOrToday(ctx: Context, date?: string): string {
  return date ? checkDate(date) : isoDate(ctx.now());
}
