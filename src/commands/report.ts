/** `coalition report`: the goal-progress report of one coalition, or of all of them compared. */
import path from 'node:path';
import { resolveCoalition } from '../core/coalitions.js';
import { isIsoDate, isoDate, isoTimestamp } from '../core/dates.js';
import { computeReport, computeReports, reportCoalitions, type Report } from '../core/report/compute.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { NotFoundError, UsageError } from '../io/errors.js';
import { renderJson, renderTable, renderTsv, resolveFormat, toFile, writeOutput, type OutputOptions } from '../io/output.js';
import { chalkFor, success } from '../io/style.js';

export interface ReportFlags extends OutputOptions {
  all?: boolean;
  asOf?: string;
  template?: string;
}

/** The text renderers are loaded only for the formats that use them (not for --json). */
const render = () => import('../core/report/render.js');

export async function execute(ctx: Context, _args: string[], opts: ReportFlags): Promise<number> {
  if (opts.all && ctx.globals.coalition) throw new UsageError('--all and -c contradict each other', { hint: 'pass one of them' });
  if (opts.asOf && !isIsoDate(opts.asOf)) throw new UsageError(`--as-of "${opts.asOf}" is not a date`, { hint: 'use YYYY-MM-DD, for example --as-of 2026-06-30' });
  // The comparison of --all is a table of records: piped, it is tab-separated lines like every
  // list; one coalition's report is a document and stays one.
  const format = resolveFormat(ctx, opts, opts.all ? ['table', 'tsv', 'md', 'html', 'pdf', 'json', 'csv'] : ['table', 'md', 'html', 'pdf', 'json', 'csv']);
  const asOf = opts.asOf ?? isoDate(ctx.now());
  const generated = isoTimestamp(ctx.now());
  const templateFile = opts.template ? path.resolve(ctx.cwd, opts.template) : undefined;
  const db = await openDb(ctx);
  // The report reads much of the database, at random: mapped pages cost no read() call each.
  db.pragma('mmap_size = 1073741824');

  if (opts.all) {
    const coalitions = reportCoalitions(db);
    if (!coalitions.length) throw new NotFoundError('there is no coalition yet', { hint: 'create one with: coalition new --name "…" --state XX --date YYYY-MM-DD' });
    const reports = computeReports(db, coalitions, { asOf });
    let out: string | Uint8Array;
    switch (format) {
      case 'json':
        out = renderJson(ctx, { as_of: asOf, coalitions: reports });
        break;
      case 'csv':
        out = (await render()).reportCsv(reports);
        break;
      case 'md':
        out = (await render()).compareMarkdown(reports, asOf);
        break;
      case 'tsv': {
        const { compareColumns, compareRows, pctText, STATUS_WORDS } = await render();
        out = renderTsv(compareRows(reports, (g) => `${STATUS_WORDS[g.status]} ${pctText(g.progress)}`), compareColumns(reports, true), { spreadsheet: toFile(opts.output) });
        break;
      }
      case 'html':
      case 'pdf': {
        const { compareHtml } = await import('../core/report/html.js');
        out = await compareHtml(reports, { asOf, generated, templateFile });
        break;
      }
      default: {
        const { compareColumns, compareRows, pctText, STATUS_WORDS } = await render();
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
      out = (await render()).reportCsv([report]);
      break;
    case 'md':
      out = (await render()).reportMarkdown(report);
      break;
    case 'html':
    case 'pdf': {
      const { reportHtml } = await import('../core/report/html.js');
      out = await reportHtml(report, { generated, templateFile });
      break;
    }
    default:
      out = (await render()).reportText(report, { width: ctx.columns, chalk: chalkFor(ctx, 'stdout') });
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
