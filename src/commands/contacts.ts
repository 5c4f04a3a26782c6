/** `coalition contacts`: the per-county contact lists in every format. */
import path from 'node:path';
import { coalitionStates, resolveCoalition } from '../core/coalitions.js';
import { computePairs, parseMaxMiles } from '../core/pairing/compute.js';
import { buildContactsDocument, resolveCountyRefs, type ContactsDocument } from '../core/pairing/document.js';
import { contactRows, renderContactsMarkdown, type ContactRow } from '../core/pairing/formats.js';
import { loadSavedPairs, pairingDifferences } from '../core/pairing/save.js';
import { openDb } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { UsageError } from '../io/errors.js';
import { ALL_FORMATS, printRecords, renderJson, resolveFormat, writeOutput, type Column, type OutputOptions } from '../io/output.js';
import { info, success, warn } from '../io/style.js';

export interface ContactsOptions extends OutputOptions {
  county?: string[];
  template?: string;
  maxMiles?: string;
}

export const contactColumns: Column<ContactRow>[] = [
  { header: 'county', key: 'county' },
  { header: 'fips', key: 'county_fips' },
  { header: 'state', key: 'state' },
  { header: 'stop id', key: 'stop_id', kind: 'number' },
  { header: 'truck stop', key: 'stop' },
  { header: 'city', key: 'stop_city' },
  { header: 'stop phone', key: 'stop_phone' },
  { header: 'manager', key: 'manager' },
  { header: 'rank', key: 'rank', kind: 'number' },
  { header: 'officer', key: 'officer' },
  { header: 'title', key: 'title' },
  { header: 'agency', key: 'agency' },
  { header: 'phone', key: 'phone' },
  { header: 'email', key: 'email' },
  { header: 'match', key: 'match' },
  { header: 'miles', key: 'miles', kind: 'number' },
];

/** On a terminal: the columns that fit a screen (the full set is in tsv/csv/json). */
export const contactTableColumns: Column<ContactRow>[] = [
  { header: 'county', key: 'county' },
  { header: 'truck stop', key: 'stop' },
  { header: 'city', key: 'stop_city' },
  { header: 'officer', get: (r) => [r.officer, r.title].filter(Boolean).join(', ') },
  { header: 'agency', key: 'agency' },
  { header: 'phone', key: 'phone' },
  { header: 'match', get: (r) => ((r.match === 'nearest' || r.match === 'statewide') && r.miles !== null ? `${r.match}, ${Math.round(r.miles)} mi` : r.match) },
];

export async function execute(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as ContactsOptions;
  const format = resolveFormat(ctx, opts, ALL_FORMATS);
  if (opts.template && format !== 'html' && format !== 'pdf') {
    throw new UsageError('--template is used only for --format html or pdf', { hint: 'add --format html or --format pdf' });
  }
  const maxMiles = parseMaxMiles(opts.maxMiles);
  const db = await openDb(ctx);
  const coalition = resolveCoalition(db, ctx.globals.coalition, ctx.env);
  const counties = opts.county?.length ? resolveCountyRefs(db, opts.county, coalitionStates(db, coalition.id)) : undefined;
  const pairs = computePairs(db, coalition.id, { maxMiles });
  const saved = loadSavedPairs(db, coalition.id);
  if (pairs.stops.length === 0) {
    warn(ctx, `no truck stop of ${pairs.states.join(', ')} is in the database yet; import a truck stop directory with: coalition import contacts FILE`);
  } else {
    if (saved.size === 0) info(ctx, 'The pairing has not been saved yet; these lists use the current data. Run "coalition pair" to save it for the report.');
    else {
      const n = pairingDifferences(saved, pairs);
      if (n > 0) info(ctx, `The data changed since "coalition pair" last ran (${n} stops differ); these lists use the current data. Run "coalition pair" to save it.`);
    }
  }
  const doc = buildContactsDocument(db, coalition, pairs, { counties, now: ctx.now() });
  if (counties && doc.counties.length === 0 && pairs.stops.length > 0) warn(ctx, 'no truck stop of the directory is in the county or counties given');
  await printDocument(ctx, doc, format, opts);
  return 0;
}

export async function printDocument(ctx: Context, doc: ContactsDocument, format: (typeof ALL_FORMATS)[number], opts: ContactsOptions): Promise<void> {
  switch (format) {
    case 'json':
      writeOutput(ctx, renderJson(ctx, doc), opts.output);
      return;
    case 'md':
      writeOutput(ctx, renderContactsMarkdown(doc), opts.output);
      return;
    case 'html':
    case 'pdf': {
      const { renderHtml } = await import('../core/render/html.js');
      const html = await renderHtml('contacts', doc, { templateFile: opts.template ? path.resolve(ctx.cwd, opts.template) : undefined });
      if (format === 'html') {
        writeOutput(ctx, html, opts.output);
        return;
      }
      const { htmlToPdf } = await import('../core/render/pdf.js');
      const file = path.resolve(ctx.cwd, opts.output!);
      await htmlToPdf(html, file, ctx.env);
      success(ctx, `Wrote ${doc.counties.length} county contact ${doc.counties.length === 1 ? 'list' : 'lists'} to ${opts.output}`);
      return;
    }
    default:
      await printRecords(ctx, contactRows(doc), format === 'table' ? contactTableColumns : contactColumns, { format, output: opts.output, emptyMessage: 'No truck stops to list.' });
  }
}
