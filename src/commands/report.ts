/** `coalition report`: the goal-progress report of one coalition, or of all of them compared. */
import path from 'node:path';
import { listCoalitions, requireCoalitionRow, resolveCoalition } from '../core/coalitions.js';
import { isIsoDate, isoDate, isoTimestamp } from '../core/dates.js';
import { computeReport, computeReports, type Report } from '../core/report/compute.js';
import { compareColumns, compareMarkdown, compareRows, pctText, reportCsv, reportMarkdown, reportText, STATUS_WORDS } from '../core/report/render.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { NotFoundError, UsageError } from '../io/errors.js';
import { renderJson, renderTable, resolveFormat, writeOutput, type OutputOptions } from '../io/output.js';
import { chalkFor, success } from '../io/style.js';

export interface ReportFlags extends OutputOptions {
  all?: boolean;
  asOf?: string;
  template?: string;
}

export async function execute(ctx: Context, _args: string[], opts: ReportFlags): Promise<number> {
  if (opts.all && ctx.globals.coalition) throw new UsageError('--all and -c contradict each other', { hint: 'pass one of them' });
  if (opts.asOf && !isIsoDate(opts.asOf)) throw new UsageError(`--as-of "${opts.asOf}" is not a date`, { hint: 'use YYYY-MM-DD, for example --as-of 2026-06-30' });
  const format = resolveFormat(ctx, opts, ['table', 'md', 'html', 'pdf', 'json', 'csv']);
  const asOf = opts.asOf ?? isoDate(ctx.now());
  const generated = isoTimestamp(ctx.now());
  const templateFile = opts.template ? path.resolve(ctx.cwd, opts.template) : undefined;
  const db = await openDb(ctx);

  if (opts.all) {
    const slugs = listCoalitions(db).map((c) => c.slug);
    if (!slugs.length) throw new NotFoundError('there is no coalition yet', { hint: 'create one with: coalition new --name "…" --state XX --date YYYY-MM-DD' });
    const reports = computeReports(db, slugs.map((s) => requireCoalitionRow(db, s)), { asOf });
    let out: string | Uint8Array;
    switch (format) {
      case 'json':
        out = renderJson(ctx, { as_of: asOf, coalitions: reports });
        break;
      case 'csv':
        out = reportCsv(reports);
        break;
      case 'md':
        out = compareMarkdown(reports, asOf);
        break;
      case 'html':
      case 'pdf': {
        const { compareHtml } = await import('../core/report/html.js');
        out = await compareHtml(reports, { asOf, generated, templateFile });
        break;
      }
      default: {
        const rows = compareRows(reports, (g) => `${STATUS_WORDS[g.status]} ${pctText(g.progress)}`);
        out = `Coalitions compared, as of ${asOf}\n` + (await renderTable(ctx, rows, compareColumns(reports, ctx.columns >= 60 + reports.length * 18)));
      }
    }
    await emit(ctx, format, out, opts.output);
    return 0;
  }

  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  const report = computeReport(db, coalition, { asOf });
  let out: string;
  switch (format) {
    case 'json':
      out = renderJson(ctx, report);
      break;
    case 'csv':
      out = reportCsv([report]);
      break;
    case 'md':
      out = reportMarkdown(report);
      break;
    case 'html':
    case 'pdf': {
      const { reportHtml } = await import('../core/report/html.js');
      out = await reportHtml(report, { generated, templateFile });
      break;
    }
    default:
      out = reportText(report, { width: ctx.columns, chalk: chalkFor(ctx, 'stdout') });
  }
  await emit(ctx, format, out, opts.output);
  return 0;
}

async function emit(ctx: Context, format: string, out: string | Uint8Array, output?: string): Promise<void> {
  if (format === 'pdf') {
    const file = path.resolve(ctx.cwd, output!);
    const { htmlToPdf } = await import('../core/render/pdf.js');
    await htmlToPdf(out as string, file, ctx.env);
    success(ctx, `Wrote ${file}`);
    return;
  }
  writeOutput(ctx, out, output);
  if (output && output !== '-') success(ctx, `Wrote ${path.resolve(ctx.cwd, output)}`);
}

export type { Report };
