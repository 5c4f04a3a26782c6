/**
 * The `hotline` import kind: hotline statistics per state and period (a month or a calendar year),
 * every count optional, the source kept per row, one row per state and period (a re-import
 * updates the figures it brings and records the previous ones for undo).
 */
import { findState } from '../../states.js';
import { CONTACT_FIELDS, COUNT_FIELDS, parsePeriod, upsertHotline, type CountField } from '../../hotline/index.js';
import { UsageError } from '../../../io/errors.js';
import type { Mapping } from '../mapper.js';
import { RowRejected, type Cell, type KindHandler, type MappedRow, type RowContext } from '../types.js';

/** Header synonyms (lower-case, spaces for separators) the mapper may use besides the field names. */
const extraSynonyms: Record<string, string[]> = {
  period: ['month', 'year', 'date', 'reporting period', 'month year', 'period start'],
  state: ['state code', 'st', 'state name'],
  calls: ['phone calls', 'calls received', 'signals calls', 'hotline calls', 'call count'],
  texts: ['text', 'sms', 'text messages', 'texts received'],
  webchats: ['webchat', 'web chats', 'chats', 'online chats'],
  emails: ['email', 'e mails', 'emails received'],
  online_tips: ['online tips', 'online tip', 'tips', 'web forms', 'webforms', 'online tip reports', 'tip reports'],
  cases: ['cases', 'cases identified', 'human trafficking cases', 'cases reported'],
  source: ['data source', 'from', 'notes', 'reference'],
};

const FIELDS: readonly string[] = ['period', 'state', ...COUNT_FIELDS, 'source'];

/** Header synonyms for the mapper: each field's own name (headers are compared case- and
 * punctuation-insensitively, so "Online Tips" finds online_tips) and the usual alternatives. */
export const synonyms: Record<string, string[]> = Object.fromEntries(FIELDS.map((f) => [f, [f, f.replace(/_/g, ' '), ...(extraSynonyms[f] ?? [])]]));

/** A count cell: empty → null; "1,234" → 1234; anything else rejects the row naming the field. */
export function parseCountCell(cell: Cell | undefined, field: string): number | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 0) throw new RowRejected(`${field} "${cell}" is not a whole number of 0 or more`, field);
    return cell;
  }
  const s = String(cell).trim().replace(/[,\s]/g, '');
  // Not reported: blank, a dash of any width ("—" in the hotline's own tables), N/A.
  if (s === '' || /^[-‐‑‒–—―]+$/.test(s) || /^n\/?a$/i.test(s)) return null;
  if (!/^\d+$/.test(s)) throw new RowRejected(`${field} "${String(cell).trim()}" is not a whole number of 0 or more`, field);
  return Number(s);
}

/** Headers of a total of contacts ("Signals", "Total contacts"), which is not stored: contacts are
 * the sum of calls, texts, webchats, e-mails and online tips. */
const TOTAL_HEADER = /^(?:total\s+)?(?:signals?|contacts?)(?:\s+received)?$|^total$/i;

/**
 * Layouts the import cannot read, said before any row is: the hotline's state page copied as it
 * is shown (the years as columns, the figures as rows), and a total of contacts without the
 * breakdown (it would be dropped, and goal P2.2 would have no contacts to compare).
 */
function checkLayout(mapping: Mapping): void {
  const headers = mapping.columns.map((c) => c.header?.trim() ?? '');
  const years = headers.filter((h) => /^(?:CY\s*)?(?:19|20|21)\d\d$/i.test(h));
  const periodMapped = mapping.columns.some((c) => c.field === 'period');
  if (!periodMapped && years.length >= 2) {
    throw new UsageError(`the file has the years as columns (${years.slice(0, 3).join(', ')}${years.length > 3 ? ', …' : ''}) and the figures as rows, as on the hotline's state page`, {
      hint: 'turn it round (in Excel: copy, then Paste Special > Transpose) so that each row is a year, with the columns Year, State, Calls, Texts, Webchats, Emails, Online Tips, Cases',
    });
  }
  const contactFields = mapping.columns.some((c) => c.field !== null && (CONTACT_FIELDS as readonly string[]).includes(c.field));
  const total = mapping.columns.find((c) => !c.field && c.note !== 'ignored by --map' && TOTAL_HEADER.test(c.header?.trim() ?? ''));
  if (total && !contactFields) {
    throw new UsageError(`the column "${total.header}" is a total of contacts, which is not stored: contacts are the calls, texts, webchats, e-mails and online tips added up`, {
      hint: `give the breakdown (the hotline's state page lists each), or pass --map "${total.header}=ignore" to import the other figures without it`,
    });
  }
}

export const hotlineKind: KindHandler & { synonyms: Record<string, string[]> } = {
  kind: 'hotline',
  fields: FIELDS,
  required: [['period'], ['state']],
  needsCoalition: 'no',
  synonyms,
  adaptMapping(mapping: Mapping): void {
    checkLayout(mapping);
  },
  // "Total", "Source: …" or a footnote under the figures.
  notes: { field: 'period', under: 'the figures', not: "a state's figures" },
  writeRow(row: MappedRow, ctx: RowContext): void {
    const f = row.fields;
    const p = parsePeriod(f.period ?? null);
    if ('error' in p) throw new RowRejected(p.error, 'period');
    const st = findState(f.state === null || f.state === undefined ? '' : String(f.state));
    if (!st) throw new RowRejected(`state "${String(f.state ?? '').trim()}" is not a US state code or name`, 'state');
    const counts: Partial<Record<CountField, number | null>> = {};
    for (const c of COUNT_FIELDS) counts[c] = parseCountCell(f[c], c);
    if (COUNT_FIELDS.every((c) => counts[c] === null)) throw new RowRejected('the row has no figures (calls, texts, webchats, emails, online_tips or cases)', 'calls');
    const source = f.source === null || f.source === undefined ? null : String(f.source).trim() || null;
    const seen = (ctx.cache.get('hotline:seen') as Set<string> | undefined) ?? new Set<string>();
    ctx.cache.set('hotline:seen', seen);
    const key = `${st.code}:${p.period}`;
    if (seen.has(key)) ctx.warn('period', `${st.code} ${p.period} appears more than once in the file; the later row's figures are kept`);
    seen.add(key);
    const r = upsertHotline(ctx.db, { state: st.code, period: p.period, granularity: p.granularity, counts, source }, ctx.now, ctx.batch.id);
    if (r.action === 'inserted') ctx.counters.inserted.hotline_stats = (ctx.counters.inserted.hotline_stats ?? 0) + 1;
    else if (r.action === 'updated') {
      ctx.batch.recordUpdate('hotline_stats', r.id, r.before!);
      ctx.counters.updated.hotline_stats = (ctx.counters.updated.hotline_stats ?? 0) + 1;
    } else ctx.counters.duplicates++;
  },
};

export default hotlineKind;
