/**
 * Hotline statistics (goal P2.2): contacts to the National Human Trafficking Hotline per state and
 * period. The hotline publishes state figures per calendar year; coalitions often keep their own
 * monthly counts. A period is a month ('2026-03') or a year ('2025'); one row per state and period.
 *
 * The comparison around the build: the mean per period of the 12 months before the build's month
 * against the months after it (the build's own month belongs to neither: it is half and half), or,
 * for yearly figures, the years before the build's year against the years after it.
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { isoTimestamp } from '../dates.js';

export const COUNT_FIELDS = ['calls', 'texts', 'webchats', 'emails', 'online_tips', 'cases'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];
/** One figure per count field (null: not reported). */
export type Counts = Record<CountField, number | null>;
/** The fields summed into "contacts" (cases are what came of them, counted apart). */
export const CONTACT_FIELDS: readonly CountField[] = ['calls', 'texts', 'webchats', 'emails', 'online_tips'];

export type Granularity = 'month' | 'year';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A period from what spreadsheets hold: `2026-03`, `2026-3`, `Mar 2026`, `March 2026`, `3/2026`,
 * `03/2026`, `2026/03`, a date (`2026-03-01`, `3/1/2026`: its month), a year `2025`, `FY2025` is not
 * a calendar year and is refused, or an Excel date cell.
 */
export function parsePeriod(raw: unknown): { period: string; granularity: Granularity } | { error: string } {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { error: 'not a date' };
    return month(raw.getUTCFullYear(), raw.getUTCMonth() + 1);
  }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 1900 && raw <= 2200) return { period: String(raw), granularity: 'year' };
    if (raw > 20000 && raw < 80000) {
      // An Excel serial day number (1900 date system).
      const d = new Date(Date.UTC(1899, 11, 30) + Math.round(raw) * 86400000);
      return month(d.getUTCFullYear(), d.getUTCMonth() + 1);
    }
    return { error: `"${raw}" is not a month or a year` };
  }
  const s = String(raw ?? '').trim();
  if (!s) return { error: 'the period is empty' };
  let m: RegExpExecArray | null;
  if ((m = /^(?:CY\s*)?(\d{4})$/i.exec(s))) return year(+m[1]);
  if ((m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ].*)?$/.exec(s))) return month(+m[1], +m[2]);
  if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(s))) return month(+m[2], +m[1]);
  if ((m = /^(\d{1,2})[-/.]\d{1,2}[-/.](\d{4})$/.exec(s))) return month(+m[2], +m[1]);
  if ((m = /^([a-z]{3,9})\.?[\s,-]+(\d{4})$/i.exec(s)) || (m = /^(\d{4})[\s,-]+([a-z]{3,9})\.?$/i.exec(s))) {
    const [name, y] = /^\d/.test(m[1]) ? [m[2], m[1]] : [m[1], m[2]];
    const idx = MONTHS.findIndex((x) => name.toLowerCase().startsWith(x) && (name.length === 3 || fullMonth(x, name)));
    if (idx >= 0) return month(+y, idx + 1);
  }
  if (/^(?:Q[1-4]\b.*\d{4}|\d{4}\s*-?\s*Q[1-4])$/i.test(s)) return { error: `"${s}" is a quarter: give its three months, or the whole year` };
  return { error: `"${s}" is not a month (2026-03, Mar 2026, 3/2026) or a year (2025)` };
}

function fullMonth(abbr: string, name: string): boolean {
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  const n = name.toLowerCase();
  return full.some((f) => f.startsWith(abbr) && (f === n || (n === 'sept' && f === 'september')));
}

function year(y: number): { period: string; granularity: Granularity } | { error: string } {
  if (y < 1900 || y > 2200) return { error: `${y} is not a plausible year` };
  return { period: String(y), granularity: 'year' };
}

function month(y: number, mo: number): { period: string; granularity: Granularity } | { error: string } {
  if (mo < 1 || mo > 12) return { error: `month ${mo} does not exist` };
  if (y < 1900 || y > 2200) return { error: `${y} is not a plausible year` };
  return { period: `${y}-${String(mo).padStart(2, '0')}`, granularity: 'month' };
}

export interface HotlineInput {
  state: string;
  period: string;
  granularity: Granularity;
  counts: Partial<Record<CountField, number | null>>;
  source?: string | null;
}

export interface UpsertResult {
  id: number;
  action: 'inserted' | 'updated' | 'unchanged';
  /** Previous values of the columns changed (for undo). */
  before?: Record<string, unknown>;
}

/**
 * One row per state and period. A re-import updates the counts it brings (an empty cell leaves
 * the stored figure alone) and the source.
 */
export function upsertHotline(db: DB, input: HotlineInput, now: Date, batchId: number | null = null): UpsertResult {
  const ts = isoTimestamp(now);
  const existing = stmt(db, 'SELECT * FROM hotline_stats WHERE state = ? AND period = ?').get(input.state, input.period) as Record<string, unknown> | undefined;
  if (!existing) {
    const r = stmt(db, `INSERT INTO hotline_stats (state, period, granularity, calls, texts, webchats, emails, online_tips, cases, source, created_batch, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      input.state, input.period, input.granularity,
      ...COUNT_FIELDS.map((f) => input.counts[f] ?? null),
      input.source ?? null, batchId, ts, ts,
    );
    return { id: Number(r.lastInsertRowid), action: 'inserted' };
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const f of COUNT_FIELDS) {
    const v = input.counts[f];
    if (v !== null && v !== undefined && v !== existing[f]) {
      before[f] = existing[f];
      after[f] = v;
    }
  }
  if (input.source && input.source !== existing.source) {
    before.source = existing.source;
    after.source = input.source;
  }
  const id = existing.id as number;
  if (Object.keys(after).length === 0) return { id, action: 'unchanged' };
  before.updated_at = existing.updated_at;
  // Column names come from the fixed list above, never from the data.
  const cols = Object.keys(after);
  db.prepare(`UPDATE hotline_stats SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...cols.map((c) => after[c]), ts, id);
  return { id, action: 'updated', before };
}

export interface HotlinePoint extends Counts {
  period: string;
  granularity: Granularity;
  /** calls + texts + webchats + emails + online tips (the counts given). */
  contacts: number | null;
  /** How many states the figures add up (a multi-state build sums its states). */
  states: number;
  sources: string[];
}

interface StatRow extends Counts {
  state: string;
  period: string;
  granularity: Granularity;
  source: string | null;
}

function add(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}

/** The series for some states: one point per period (the states' figures summed), oldest first.
 * `until` (an ISO date) leaves out periods that had not begun by then. */
export function hotlineSeries(db: DB, states: string[], granularity: Granularity, until?: string): HotlinePoint[] {
  const rows = stmt(db, `SELECT state, period, granularity, calls, texts, webchats, emails, online_tips, cases, source FROM hotline_stats
                          WHERE granularity = ? AND state IN (SELECT value FROM json_each(?)) ORDER BY period, state`).all(granularity, JSON.stringify(states)) as StatRow[];
  const byPeriod = new Map<string, HotlinePoint>();
  for (const r of rows) {
    if (until && periodStart(r.period) > until) continue;
    let p = byPeriod.get(r.period);
    if (!p) {
      p = { period: r.period, granularity: r.granularity, calls: null, texts: null, webchats: null, emails: null, online_tips: null, cases: null, contacts: null, states: 0, sources: [] };
      byPeriod.set(r.period, p);
    }
    for (const f of COUNT_FIELDS) p[f] = add(p[f], r[f]);
    p.contacts = add(p.contacts, CONTACT_FIELDS.reduce<number | null>((s, f) => add(s, r[f]), null));
    p.states++;
    if (r.source && !p.sources.includes(r.source)) p.sources.push(r.source);
  }
  return [...byPeriod.values()];
}

/** Which granularities a state set has. */
export function availableGranularities(db: DB, states: string[]): Granularity[] {
  const rows = stmt(db, `SELECT DISTINCT granularity FROM hotline_stats WHERE state IN (SELECT value FROM json_each(?))`).all(JSON.stringify(states)) as { granularity: Granularity }[];
  return (['month', 'year'] as Granularity[]).filter((g) => rows.some((r) => r.granularity === g));
}

export function periodStart(period: string): string {
  return period.length === 4 ? `${period}-01-01` : `${period}-01`;
}

/** The period that contains a date. */
export function periodOf(date: string, g: Granularity): string {
  return g === 'year' ? date.slice(0, 4) : date.slice(0, 7);
}

function shiftMonth(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

export interface Comparison {
  granularity: Granularity;
  metric: 'contacts' | 'cases';
  build_period: string;
  before: { from: string | null; to: string | null; periods: number; mean: number | null };
  after: { from: string | null; to: string | null; periods: number; mean: number | null };
  /** (after − before) / before × 100, one decimal; null when either side is missing or before is 0. */
  change_pct: number | null;
}

function mean(xs: number[]): number | null {
  return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
}

/**
 * Before: the 12 months before the build's month (or every year before the build's year).
 * After: every month (year) after the build's month (year), up to `until` when given. Periods
 * without the figure are skipped.
 */
export function compareAroundBuild(series: HotlinePoint[], buildDate: string, metric: 'contacts' | 'cases' = 'contacts', until?: string): Comparison {
  const g: Granularity = series[0]?.granularity ?? 'month';
  const buildPeriod = periodOf(buildDate, g);
  const firstBefore = g === 'month' ? shiftMonth(buildPeriod, -12) : '0000';
  const lastAllowed = until ? periodOf(until, g) : '9999';
  let before = series.filter((p) => p.period < buildPeriod && p.period >= firstBefore && p[metric] !== null);
  // A period counts as "after" only once it is over (or it is the last one we have, as of `until`).
  let after = series.filter((p) => p.period > buildPeriod && p.period <= lastAllowed && p[metric] !== null);
  // A multi-state build compares like with like: only the periods for which as many states reported
  // as in the fullest one (a state whose figures begin after the build is not an increase).
  const full = Math.max(0, ...before.map((p) => p.states), ...after.map((p) => p.states));
  before = before.filter((p) => p.states === full);
  after = after.filter((p) => p.states === full);
  const bm = mean(before.map((p) => p[metric]!));
  const am = mean(after.map((p) => p[metric]!));
  const change = bm !== null && am !== null && bm !== 0 ? Math.round(((am - bm) / bm) * 1000) / 10 : null;
  return {
    granularity: g,
    metric,
    build_period: buildPeriod,
    before: { from: before[0]?.period ?? null, to: before.at(-1)?.period ?? null, periods: before.length, mean: bm },
    after: { from: after[0]?.period ?? null, to: after.at(-1)?.period ?? null, periods: after.length, mean: am },
    change_pct: change,
  };
}

/** Monthly when there are monthly figures on both sides of the build, else yearly, else monthly. */
export function chooseGranularity(db: DB, states: string[], buildDate: string, until?: string): Granularity | null {
  const avail = availableGranularities(db, states);
  if (avail.length === 0) return null;
  if (avail.length === 1) return avail[0];
  const monthly = compareAroundBuild(hotlineSeries(db, states, 'month', until), buildDate, 'contacts', until);
  if (monthly.before.periods && monthly.after.periods) return 'month';
  const yearly = compareAroundBuild(hotlineSeries(db, states, 'year', until), buildDate, 'contacts', until);
  if (yearly.before.periods && yearly.after.periods) return 'year';
  return 'month';
}

/**
 * A terminal chart of the series (asciichart), with a line under the x axis marking the build
 * period with ▲ and the first and last periods labelled.
 */
export async function terminalChart(points: HotlinePoint[], buildDate: string | null, opts: { metric?: 'contacts' | 'cases'; height?: number; width?: number } = {}): Promise<string> {
  const metric = opts.metric ?? 'contacts';
  const withData = points.filter((p) => p[metric] !== null);
  if (withData.length < 2) return '';
  const { default: asciichart } = await import('asciichart');
  const maxWidth = Math.max(10, (opts.width ?? 80) - 12);
  // Too many periods for the width: keep the most recent ones.
  const shown = withData.slice(-maxWidth);
  const values = shown.map((p) => p[metric]!);
  const chart = asciichart.plot(values, { height: opts.height ?? 10, format: (x: number) => String(Math.round(x)).padStart(8) });
  const offset = chart.split('\n')[0].indexOf('┤') >= 0 ? chart.split('\n')[0].indexOf('┤') + 1 : 10;
  const g = shown[0].granularity;
  const bp = buildDate ? periodOf(buildDate, g) : '';
  let idx = buildDate ? shown.findIndex((p) => p.period >= bp) : -1;
  const marks = ' '.repeat(offset + shown.length).split('');
  let legend = '';
  if (!buildDate) legend = 'no build date (pass -c SLUG to mark it)';
  else if (idx >= 0 && shown[0].period <= bp) {
    marks[offset + idx] = '▲';
    legend = `▲ build (${buildDate})`;
  } else {
    idx = -1;
    legend = `the build (${buildDate}) is outside the periods shown`;
  }
  const axis = `${' '.repeat(offset)}${shown[0].period}${' '.repeat(Math.max(1, shown.length - shown[0].period.length - shown.at(-1)!.period.length))}${shown.at(-1)!.period}`;
  return `${chart}\n${marks.join('').trimEnd()}\n${axis}\n${' '.repeat(offset)}${legend}; ${metric} per ${g}\n`;
}
