/**
 * Dates and timestamps as spreadsheets carry them, to ISO.
 *
 * Accepted: ISO (`2026-03-12`, `2026-03-12T08:15:00Z`, `2026-03-12 02:15:00 PM`), US `M/D/YYYY` and
 * `M/D/YY` with an optional time (`3/12/2026 8:15:00`, `3/12/2026 8:15 AM`: Google Forms timestamps;
 * `3/12/2026, 2:15:00 PM` with a comma, as JavaScript and learning systems write it), Eventbrite's
 * `2026-03-12 08:15:00-06:00`, `YYYY/M/D` with a time (`2026/11/28 2:03:22 PM`), a US zone or GMT offset
 * after a time (`… 2:03:22 PM EST`, `… GMT-5`: Google Forms in some locales), month names (`March 12, 2026`, `Thu, Mar 12, 2026`, `12-Mar-2026`,
 * `12 March 2026`), Excel serial numbers (`46093`, `46093.34375`) and JS Dates from XLSX cells.
 *
 * Result: `date` is the calendar date as written in the source (a check-in at 23:30 in Iowa stays on
 * that Iowa date); `datetime` is set when a time of day was given: an ISO UTC instant (`…Z`) when the
 * source carried an offset, otherwise the local wall-clock time without zone
 * (`2026-03-12T08:15:00`). Day-month order is US (month first) unless `dayFirst` says otherwise; a
 * first number above 12 is taken as the day (`25/3/2026`), since nothing else can be meant.
 */
import { isValid, parse } from 'date-fns';
import type { Cell } from '../import/types.js';
import { dict, memo } from './text.js';

export interface DateResult {
  date: string | null;
  datetime: string | null;
  error?: string;
}

const MONTHS: Record<string, number> = dict({
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
});

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function ymd(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999. */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function toHour(h: number, ampm: string | undefined): number | null {
  if (!ampm) return h <= 23 ? h : null;
  if (h < 1 || h > 12) return null;
  const pm = ampm.toLowerCase().startsWith('p');
  return (h % 12) + (pm ? 12 : 0);
}

function build(y: number, mo: number, d: number, time?: { h: number; mi: number; s: number; offset?: string }, raw?: string): DateResult {
  if (!validYmd(y, mo, d)) return fail(raw ?? `${y}-${mo}-${d}`);
  const date = ymd(y, mo, d);
  if (!time) return { date, datetime: null };
  if (time.h > 23 || time.mi > 59 || time.s > 60) return fail(raw ?? date);
  const local = `${date}T${pad(time.h)}:${pad(time.mi)}:${pad(Math.min(time.s, 59))}`;
  if (!time.offset) return { date, datetime: local };
  const off = time.offset === 'Z' || time.offset === 'z' ? 'Z' : time.offset.length === 5 && !time.offset.includes(':') ? `${time.offset.slice(0, 3)}:${time.offset.slice(3)}` : time.offset.length === 3 ? `${time.offset}:00` : time.offset;
  const t = Date.parse(`${local}${off}`);
  if (Number.isNaN(t)) return fail(raw ?? local);
  return { date, datetime: new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

function fail(raw: string): DateResult {
  const shown = raw.length > 40 ? raw.slice(0, 37) + '…' : raw;
  return { date: null, datetime: null, error: `"${shown}" is not a date` };
}

const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?)?`;
const ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$`, 'i');
/** A comma between a numeric date and its time, as JavaScript's en-US dates and learning systems
 * write it ("3/12/2026, 2:15:00 PM", TalentLMS's "03/12/2026, 14:22"). */
const DATE_COMMA_TIME = /^([\d/.-]+),\s*(?=\d{1,2}:\d{2})/;
const US_RE = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})${TIME}\s*(Z|[+-]\d{2}:?\d{2})?$`, 'i');
const SLASH_ISO_RE = new RegExp(String.raw`^(\d{4})\/(\d{1,2})\/(\d{1,2})${TIME}\s*(Z|[+-]\d{2}:?\d{2})?$`, 'i');

/** US time zones as exports spell them after a time ("2026/11/28 2:03:22 PM EST", "… GMT-5"). */
const ZONES: Record<string, string> = dict({
  est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00', mdt: '-06:00', pst: '-08:00', pdt: '-07:00',
  akst: '-09:00', akdt: '-08:00', hst: '-10:00', ast: '-04:00', utc: 'Z', gmt: 'Z',
});
const ZONE_RE = /(\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*[ap]\.?m\.?)?)\s+(?:([a-z]{3,4})|(?:gmt|utc)\s*([+-])(\d{1,2})(?::?(\d{2}))?)$/i;

/** A zone name or a GMT offset after a time of day → the numeric offset the patterns read. */
function zoneToOffset(s: string): string {
  const m = ZONE_RE.exec(s);
  if (!m) return s;
  const offset = m[2] !== undefined ? ZONES[m[2].toLowerCase()] : `${m[3]}${pad(+m[4])}:${m[5] ?? '00'}`;
  return offset ? `${s.slice(0, m.index)}${m[1]} ${offset}` : s;
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included). */
export function fromExcelSerial(n: number): DateResult {
  if (!Number.isFinite(n) || n < 1 || n > 109575) return fail(String(n));
  const whole = Math.floor(n);
  const d = new Date(Date.UTC(1899, 11, 30) + whole * 86400000);
  const fraction = n - whole;
  if (fraction < 1e-9) return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  const secs = Math.round(fraction * 86400);
  if (secs >= 86400) return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), { h: Math.floor(secs / 3600), mi: Math.floor((secs % 3600) / 60), s: secs % 60 });
}

/**
 * A JS Date from an XLSX cell: read-excel-file gives the cell's wall-clock value as a UTC instant, so
 * the UTC fields are the date and time as shown in Excel.
 */
function fromDateObject(d: Date): DateResult {
  if (!isValid(d)) return fail('invalid date');
  const time = d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds() ? { h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() } : undefined;
  return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), time);
}

/** Formats with month names, tried in order with date-fns (after the fast paths). */
const NAMED_FORMATS = ['MMMM d yyyy', 'MMM d yyyy', 'd MMMM yyyy', 'd MMM yyyy', 'MMMM d yy', 'MMM d yy', 'd MMM yy', 'MMMM yyyy d'];

/** `dayFirst` reads numeric dates as day/month/year (`5/11/26` is 5 November), as files from
 * outside the US write them (Moodle's default English); see `dateOrder`. */
export function parseDate(raw: Cell | undefined, dayFirst = false): DateResult {
  if (raw === null || raw === undefined || raw === '') return { date: null, datetime: null };
  if (raw instanceof Date) return fromDateObject(raw);
  if (typeof raw === 'boolean') return fail(String(raw));
  if (typeof raw === 'number') return fromExcelSerial(raw);
  const r = (dayFirst ? parseDateTextDayFirst : parseDateText)(String(raw));
  return r.error ? { ...r } : { date: r.date, datetime: r.datetime };
}

/** The numbers at the start of a numeric date, "5/11/26" or "19.11.2026" (not ISO). */
const NUMERIC_DATE = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}(?!\d)/;

/**
 * Which order a numeric date's day and month must be in: 'dmy' when its first number cannot be a
 * month (`19/11/26`), 'mdy' when its second cannot (`11/19/26`), 'either' when both can and differ
 * (`5/11/26`: May 11 or 5 November); null for anything else (ISO, names of months, `3/3/26`).
 */
export function dateOrder(raw: Cell | undefined): 'dmy' | 'mdy' | 'either' | null {
  if (typeof raw !== 'string') return null;
  const m = NUMERIC_DATE.exec(raw);
  if (!m) return null;
  const a = +m[1];
  const b = +m[2];
  if (a > 12) return b <= 12 ? 'dmy' : null;
  if (b > 12) return 'mdy';
  return a === b || a === 0 || b === 0 ? null : 'either';
}

const parseDateText = memo((text: string) => parseDateTextIn(text, false), 20_000);
const parseDateTextDayFirst = memo((text: string) => parseDateTextIn(text, true), 5_000);

function parseDateTextIn(text: string, dayFirst: boolean): DateResult {
  const s = zoneToOffset(text.trim().replace(/\s+/g, ' ').replace(DATE_COMMA_TIME, '$1 '));
  if (!s) return { date: null, datetime: null };
  let m = ISO_RE.exec(s);
  if (m) {
    if (m[4] === undefined) return build(+m[1], +m[2], +m[3], undefined, s);
    // "2026-03-12 02:15:00 PM": an ISO date with a 12-hour time, as some exports write it.
    const h = toHour(+m[4], m[7]);
    if (h === null) return fail(s);
    return build(+m[1], +m[2], +m[3], { h, mi: +m[5], s: m[6] ? +m[6] : 0, offset: m[8] }, s);
  }
  m = US_RE.exec(s);
  if (m) {
    let mo = dayFirst ? +m[2] : +m[1];
    let d = dayFirst ? +m[1] : +m[2];
    if (mo > 12 && d <= 12) [mo, d] = [d, mo];
    let time: { h: number; mi: number; s: number; offset?: string } | undefined;
    if (m[4] !== undefined) {
      const h = toHour(+m[4], m[7]);
      if (h === null) return fail(s);
      time = { h, mi: +m[5], s: m[6] ? +m[6] : 0, offset: m[8] };
    }
    return build(fullYear(m[3]), mo, d, time, s);
  }
  m = SLASH_ISO_RE.exec(s);
  if (m) {
    if (m[4] === undefined) return build(+m[1], +m[2], +m[3], undefined, s);
    const h = toHour(+m[4], m[7]);
    if (h === null) return fail(s);
    return build(+m[1], +m[2], +m[3], { h, mi: +m[5], s: m[6] ? +m[6] : 0, offset: m[8] }, s);
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromExcelSerial(Number(s));
  return parseNamed(s);
}

/** "Thursday, March 12, 2026 at 8:15 AM", "12-Mar-2026", "Mar. 12th 2026". */
function parseNamed(s: string): DateResult {
  let t = s
    .replace(/^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+/i, '')
    .replace(/\b(\d{1,2})(st|nd|rd|th)\b/gi, '$1')
    .replace(/\bat\b/i, ' ');
  let time: { h: number; mi: number; s: number; offset?: string } | undefined;
  const tm = /\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?(?:\s*(Z|[+-]\d{2}:?\d{2})|\s*[a-z]{2,4})?$/i.exec(t);
  if (tm) {
    const h = toHour(+tm[1], tm[4]);
    if (h === null) return fail(s);
    time = { h, mi: +tm[2], s: tm[3] ? +tm[3] : 0, offset: tm[5] };
    t = t.slice(0, tm.index);
  }
  t = t.replace(/[,.\-/]+/g, ' ').replace(/\s+/g, ' ').trim();
  const words = t.split(' ');
  if (!words.some((w) => MONTHS[w.toLowerCase()] !== undefined)) return fail(s);
  // date-fns wants "Sept" as "Sep"
  t = words.map((w) => (w.toLowerCase() === 'sept' ? 'Sep' : w)).join(' ');
  for (const f of NAMED_FORMATS) {
    const d = parse(t, f, new Date(2000, 0, 1));
    if (isValid(d)) return build(d.getFullYear(), d.getMonth() + 1, d.getDate(), time, s);
  }
  return fail(s);
}

/**
 * A time of day alone, as a sign-in sheet's "Time In" holds it: "7:45", "7:45 AM", "07:45:10", an
 * Excel time cell (a date on Excel's day 0, 1899-12-30) or its fraction of a day (0.3229…). Returns
 * `HH:MM:SS`, or null when the cell is not a time of day.
 */
export function parseTimeOfDay(raw: Cell | undefined): string | null {
  if (raw instanceof Date) {
    if (!isValid(raw) || raw.getUTCFullYear() !== 1899) return null;
    return `${pad(raw.getUTCHours())}:${pad(raw.getUTCMinutes())}:${pad(raw.getUTCSeconds())}`;
  }
  if (typeof raw === 'number') {
    if (!(raw > 0 && raw < 1)) return null;
    const secs = Math.round(raw * 86400);
    return `${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}`;
  }
  if (typeof raw !== 'string') return null;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(raw.trim());
  if (!m) return null;
  const h = toHour(+m[1], m[4]);
  if (h === null || +m[2] > 59 || (m[3] !== undefined && +m[3] > 59)) return null;
  return `${pad(h)}:${m[2]}:${m[3] ?? '00'}`;
}

/**
 * Yes/no cells: yes, y, true, 1, x, ✓, checked in, attended, present → true; no, n, false, 0,
 * not attended, no show, absent → false; a date (a check-in date) counts as yes; blank or anything
 * else → null (unknown).
 */
export function parseYesNo(raw: Cell | undefined): boolean | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean') return raw;
  if (raw instanceof Date) return isValid(raw) ? true : null;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : raw > 20000 ? true : null;
  const s = String(raw).trim().toLowerCase().replace(/[\s_-]+/g, ' ').replace(/[.!]+$/, '');
  if (!s) return null;
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  if (/^(yes|y)\b/.test(s) && !/\bnot?\b/.test(s.slice(3))) return true;
  if (/^no\b/.test(s)) return false;
  if (/\d/.test(s) && parseDate(String(raw)).date) return true;
  return null;
}

const YES = new Set(['yes', 'y', 'true', 't', '1', 'x', '✓', '✔', 'checked', 'checked in', 'checkedin', 'check in', 'attended', 'present', 'here', 'ok', 'agree', 'i agree', 'consent', 'on', 'si', 'sí']);
const NO = new Set(['no', 'n', 'false', 'f', '0', 'not attended', 'did not attend', 'not checked in', 'no show', 'noshow', 'absent', 'cancelled', 'canceled', 'refunded', 'disagree', 'off', 'none']);

export type PeriodResult = { period: string; granularity: 'month' | 'year' } | { error: string };

/**
 * A hotline reporting period: a month (`2026-03`, `Mar 2026`, `March 2026`, `3/2026`, `03/2026`,
 * `2026/03`, a date or an Excel date cell → its month) or a calendar year (`2025`).
 */
export function parsePeriod(raw: Cell | undefined): PeriodResult {
  if (raw === null || raw === undefined || raw === '') return { error: 'no period given' };
  if (raw instanceof Date) {
    const r = fromDateObject(raw);
    return r.date ? { period: r.date.slice(0, 7), granularity: 'month' } : { error: 'not a month or year' };
  }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 1900 && raw <= 2200) return { period: String(raw), granularity: 'year' };
    const r = fromExcelSerial(raw);
    return r.date ? { period: r.date.slice(0, 7), granularity: 'month' } : { error: `"${raw}" is not a month or year` };
  }
  const s = String(raw).trim().replace(/\s+/g, ' ');
  const bad = { error: `"${s.length > 30 ? s.slice(0, 27) + '…' : s}" is not a month (2026-03, Mar 2026, 3/2026) or a year (2025)` };
  let m = /^(?:cy\s*|fy\s*)?(\d{4})$/i.exec(s);
  if (m) return +m[1] >= 1900 && +m[1] <= 2200 ? { period: m[1], granularity: 'year' } : bad;
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(s);
  if (m) return month(+m[1], +m[2], bad);
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return month(+m[2], +m[1], bad);
  m = /^([a-z]+)\.?,?[\s-]+(\d{4}|'?\d{2})$/i.exec(s);
  if (m && MONTHS[m[1].toLowerCase()]) return month(fullYear(m[2].replace("'", '')), MONTHS[m[1].toLowerCase()], bad);
  m = /^(\d{4})[\s-]+([a-z]+)\.?$/i.exec(s);
  if (m && MONTHS[m[2].toLowerCase()]) return month(+m[1], MONTHS[m[2].toLowerCase()], bad);
  const d = parseDate(s);
  if (d.date) return { period: d.date.slice(0, 7), granularity: 'month' };
  return bad;
}

function month(y: number, m: number, bad: { error: string }): PeriodResult {
  if (y < 1900 || y > 2200 || m < 1 || m > 12) return bad;
  return { period: `${y}-${pad(m)}`, granularity: 'month' };
}

/** Text that ends in a time of day in UTC ("…T02:30:00Z", "… 02:30 UTC", "+00:00"): an instant,
 * whose calendar date depends on where it is read (see `localDate`). */
export function isUtcText(raw: Cell | undefined): boolean {
  return typeof raw === 'string' && /\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:z|[+-]00:?00|(?:utc|gmt)(?:[+-]0?0(?::?00)?)?)\s*$/i.test(raw.trim());
}

/** The calendar date of an ISO instant in a time zone: "2026-03-14T02:30:00Z" in America/Chicago
 * is 2026-03-13. */
export function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}
