/**
 * ZIP codes to five digits. ZIP+4 is cut (`50309-1234` → `50309`, `503091234` → `50309`). Excel drops
 * leading zeros when it treats a ZIP as a number (Connecticut's `06103` arrives as `6103`, New York's
 * `00501` as `501`, and `061031234` as `61031234`): they are restored. Only ZIPs of the states that
 * start with 0 (New England, New Jersey, parts of New York, Puerto Rico, the Virgin Islands and the
 * military) can lose digits, so when the row's state is known and is not one of them, a three- or
 * four-digit value is an error rather than a guess.
 */

export interface ZipResult {
  zip: string | null;
  error?: string;
}

/** States and territories whose ZIP codes start with 0. */
const ZERO_STATES = new Set(['CT', 'MA', 'ME', 'NH', 'NJ', 'NY', 'PR', 'RI', 'VT', 'VI', 'AE', 'AA', 'APO', 'FPO']);

export function normalizeZip(raw: string | number | null | undefined, state?: string | null): ZipResult {
  if (raw === null || raw === undefined) return { zip: null };
  let s: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0 || !Number.isInteger(raw)) return { zip: null, error: `"${raw}" is not a ZIP code` };
    s = String(raw);
  } else {
    s = String(raw).trim().replace(/^'/, '').replace(/\.0+$/, '');
  }
  if (!s) return { zip: null };
  // "IA 50309", "50309 USA": take the digits group that looks like a ZIP
  let m = /^(\d{3,5})(?:\s*[-–]\s*(\d{0,4}))?$/.exec(s);
  let digits: string;
  if (m) digits = m[1];
  else if ((m = /^\d{6,9}$/.exec(s))) {
    // ZIP+4 without its dash, possibly with leading zeros dropped: the last four digits are the +4.
    if (s.length < 7) return { zip: null, error: `"${s}" is not a ZIP code` };
    digits = s.slice(0, s.length - 4);
  } else if ((m = /(?:^|[^\d])(\d{5})(?:-\d{4})?(?:[^\d]|$)/.exec(s))) digits = m[1];
  else return { zip: null, error: `"${truncate(s)}" is not a ZIP code` };
  if (digits.length < 5) {
    const st = state ? String(state).trim().toUpperCase() : '';
    if (st && !ZERO_STATES.has(st)) {
      return { zip: null, error: `"${s}" is not a ZIP code of ${st} (too few digits)` };
    }
    digits = digits.padStart(5, '0');
  }
  if (digits === '00000') return { zip: null, error: `"${s}" is not a ZIP code` };
  return { zip: digits };
}

function truncate(s: string): string {
  return s.length > 30 ? s.slice(0, 27) + '…' : s;
}
