/** `coalition hotline`: the series with a terminal chart and the comparison around the build. */
import { coalitionStates, resolveCoalition, type CoalitionRow } from '../core/coalitions.js';
import { findState } from '../core/states.js';
import { availableGranularities, chooseGranularity, compareAroundBuild, hotlineSeries, terminalChart, type HotlinePoint } from '../core/hotline/index.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { NotFoundError, UsageError } from '../io/errors.js';
import { printRecords, renderJson, resolveFormat, type Column, type OutputOptions } from '../io/output.js';

const columns: Column<HotlinePoint>[] = [
  { header: 'period', key: 'period' },
  { header: 'calls', key: 'calls', kind: 'number' },
  { header: 'texts', key: 'texts', kind: 'number' },
  { header: 'webchats', key: 'webchats', kind: 'number' },
  { header: 'emails', key: 'emails', kind: 'number' },
  { header: 'online tips', key: 'online_tips', kind: 'number' },
  { header: 'contacts', key: 'contacts', kind: 'number' },
  { header: 'cases', key: 'cases', kind: 'number' },
  { header: 'source', key: 'sources', kind: 'list' },
];

export async function execute(ctx: Context, _args: string[], opts: OutputOptions & { state?: string; metric?: 'contacts' | 'cases'; yearly?: boolean }): Promise<number> {
  const db = await openDb(ctx);
  let coalition: CoalitionRow | undefined;
  let states: string[];
  if (opts.state) {
    const st = findState(opts.state);
    if (!st) throw new UsageError(`"${opts.state}" is not a state code`, { hint: 'pass --state XX, for example --state IA' });
    states = [st.code];
    // A coalition is used for the build date only when one was asked for or is the obvious one.
    try {
      coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
      if (!coalitionStates(db, coalition.id).includes(st.code)) coalition = ctx.globals.coalition || ctx.env.COALITION ? coalition : undefined;
    } catch (err) {
      if (ctx.globals.coalition || ctx.env.COALITION) throw err;
      coalition = undefined;
    }
  } else {
    coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
    states = coalitionStates(db, coalition.id);
  }
  const format = resolveFormat(ctx, opts, ['table', 'tsv', 'csv', 'json']);
  const metric = opts.metric ?? 'contacts';
  const avail = availableGranularities(db, states);
  if (!avail.length) throw new NotFoundError(`no hotline figures for ${states.join(', ')}`, { hint: 'import them with: coalition import hotline FILE' });
  const granularity = opts.yearly ? (avail.includes('year') ? 'year' : null) : coalition ? chooseGranularity(db, states, coalition.build_date)! : avail[0];
  if (!granularity) throw new NotFoundError(`no yearly hotline figures for ${states.join(', ')}`, { hint: 'leave out --yearly to see the monthly figures' });
  const series = hotlineSeries(db, states, granularity);
  const comparison = coalition ? compareAroundBuild(series, coalition.build_date, metric) : null;
  if (format === 'json') {
    ctx.stdout.write(renderJson(ctx, { states, coalition: coalition?.slug ?? null, build_date: coalition?.build_date ?? null, granularity, metric, series, comparison }));
    return 0;
  }
  if (format !== 'table') {
    await printRecords(ctx, series, columns, { format });
    return 0;
  }
  const unit = granularity;
  const out: string[] = [`Hotline ${metric} per ${unit}, ${states.join(' + ')}${coalition ? ` (${coalition.slug}, build ${coalition.build_date})` : ''}`, ''];
  const chart = await terminalChart(series, coalition?.build_date ?? null, { metric, width: ctx.columns });
  if (chart) out.push(chart);
  if (comparison) {
    const c = comparison;
    const before = c.before.periods ? `${c.before.mean} per ${unit} over ${c.before.periods} ${unit}s (${c.before.from} … ${c.before.to})` : `no figures for the ${unit === 'month' ? '12 months' : 'years'} before the build`;
    const after = c.after.periods ? `${c.after.mean} per ${unit} over ${c.after.periods} ${unit}s (${c.after.from} … ${c.after.to})` : `no figures after the build yet`;
    out.push(`Before the build: ${before}`);
    out.push(`After the build:  ${after}`);
    out.push(c.change_pct === null ? 'Change: not enough figures to compare' : `Change: ${c.change_pct > 0 ? '+' : ''}${c.change_pct}%  (the build's own ${unit}, ${c.build_period}, is in neither)`);
  }
  const sources = [...new Set(series.flatMap((p) => p.sources))];
  if (sources.length) out.push(`Source: ${sources.join('; ')}`);
  ctx.stdout.write(out.join('\n') + '\n');
  return 0;
}
