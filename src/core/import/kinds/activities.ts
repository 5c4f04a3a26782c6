/**
 * The `activities` import kind: a spreadsheet of follow-up activities for one coalition, one row
 * per activity, validated exactly as `coalition log` validates (src/core/activities). Organizations
 * must already be in the database (import the directory with `import contacts` first): an
 * activity never creates an organization from a free-text name.
 */
import { ActivityKind, applySideEffects, findDuplicate, insertActivity, validateActivity, type ActivityInput } from '../../activities/index.js';
import { isoDate } from '../../dates.js';
import { parseDate } from '../../normalize/date.js';
import { CoalitionError } from '../../../io/errors.js';
import { RowRejected, type Cell, type KindHandler, type MappedRow, type RowContext } from '../types.js';

const extraSynonyms: Record<string, string[]> = {
  kind: ['activity', 'type', 'activity type', 'what happened'],
  date: ['occurred on', 'when', 'activity date', 'event date', 'completed on'],
  organization: ['org', 'company', 'agency', 'member', 'truck stop', 'carrier', 'provider'],
  count: ['number', 'how many', 'people trained', 'qty', 'quantity', 'total'],
  note: ['notes', 'comment', 'comments', 'description'],
  what: ['commitment', 'pledge'],
  materials: ['materials distributed', 'material'],
  audience: ['sector', 'audience sector', 'trained sector'],
  name: ['task force', 'task force name'],
  component: ['sbi component', 'initiative component'],
  status: ['stage', 'mandate status', 'sbi status'],
  item: ['agenda item', 'session'],
};

const FIELDS: readonly string[] = ['kind', 'date', 'organization', 'count', 'note', 'what', 'materials', 'audience', 'name', 'component', 'status', 'item'];

/** Header synonyms for the mapper: each field's own name (headers are compared case- and
 * punctuation-insensitively, so "Online Tips" finds online_tips) and the usual alternatives. */
export const synonyms: Record<string, string[]> = Object.fromEntries(FIELDS.map((f) => [f, [f, f.replace(/_/g, ' '), ...(extraSynonyms[f] ?? [])]]));

function text(c: Cell | undefined): string | null {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return isoDate(new Date(Date.UTC(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate(), 12)));
  const s = String(c).trim();
  return s === '' ? null : s;
}

/** Dates as spreadsheets hold them, read as the other imports read them (src/core/normalize/date):
 * ISO, M/D/YYYY and M/D/YY, "March 12, 2026", "12 Mar 2026", an Excel serial or date cell. A cell
 * that is not a date is returned as it is, for validation to reject naming it. */
export function activityDate(c: Cell | undefined, dayFirst = false): string | null {
  if (c === null || c === undefined || c === '') return null;
  const r = parseDate(c, dayFirst);
  if (r.date) return r.date;
  return typeof c === 'string' ? c.trim() || null : String(c);
}

export const activitiesKind: KindHandler & { synonyms: Record<string, string[]> } = {
  kind: 'activities',
  fields: FIELDS,
  required: [['kind']],
  needsCoalition: 'yes',
  synonyms,
  writeRow(row: MappedRow, ctx: RowContext): void {
    if (!ctx.coalition) throw new RowRejected('activities belong to a coalition: pass -c SLUG', 'kind');
    const f = row.fields;
    const input: ActivityInput = {
      kind: text(f.kind) ?? '',
      date: activityDate(f.date, ctx.dayFirst),
      org: text(f.organization),
      count: typeof f.count === 'number' ? f.count : text(f.count),
      note: text(f.note),
      what: text(f.what),
      materials: text(f.materials),
      audience: text(f.audience),
      name: text(f.name),
      component: text(f.component),
      status: text(f.status),
      item: text(f.item),
    };
    let v;
    try {
      v = validateActivity(ctx.db, input, { date: ctx.coalition.build_date });
    } catch (err) {
      if (err instanceof CoalitionError) {
        // An organization that cannot be found (or is ambiguous) carries no field of its own.
        const field = (err as { location?: { field?: string } }).location?.field ?? (/organization/.test(err.message) ? 'org' : undefined);
        throw new RowRejected(err.message.replace(/^field "[^"]+": /, '') + (err.hint ? ` (${err.hint})` : ''), field === 'org' ? 'organization' : field);
      }
      throw err;
    }
    for (const w of v.warnings) ctx.warn(v.kind === 'investigation' ? 'note' : 'organization', w);
    if (findDuplicate(ctx.db, ctx.coalition.id, v) !== undefined) {
      ctx.counters.duplicates++;
      return;
    }
    insertActivity(ctx.db, ctx.coalition.id, v, ctx.now, ctx.batch.id);
    ctx.counters.inserted.activities = (ctx.counters.inserted.activities ?? 0) + 1;
    const changed = applySideEffects(ctx.db, v, ctx.now);
    if (changed) {
      ctx.batch.recordUpdate('organizations', changed.orgId, { distribution_point: changed.before });
      ctx.counters.updated.organizations = (ctx.counters.updated.organizations ?? 0) + 1;
    }
  },
};

export type { ActivityKind };
export default activitiesKind;
