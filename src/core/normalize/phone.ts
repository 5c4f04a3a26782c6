/**
 * Phone numbers: stored in E.164 (`+15155550123`) with the extension apart, printed in the national
 * style (`(515) 555-0123 ext. 12`). US is the default country; other numbers need their `+` code.
 *
 * A phone that cannot be a real number is a *warning*, not a rejected row: the person is still worth
 * having, and the coordinator can add the number with `people set --phone`. The result then has
 * `e164: null` and an `error` the import reports as that row's warning.
 *
 * Speed: the usual ten-digit North American number is recognised without calling libphonenumber for
 * each row; libphonenumber-js checks each area code + exchange once (cached) and handles everything
 * else (international numbers, odd layouts).
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface PhoneResult {
  e164: string | null;
  ext: string | null;
  error?: string;
  /** The number was kept, but something in the cell was not (a second number). */
  warning?: string;
}

const EXT_RE = /\s*[,;]?\s*(?:ext\.?|extension|ex\.?|x|#)\s*:?\s*(\d{1,7})\s*\)?\s*$/i;
const validNanp = new Map<string, boolean>();

export function normalizePhone(raw: unknown, defaultCountry: string = 'US'): PhoneResult {
  if (raw === null || raw === undefined || typeof raw === 'boolean') return { e164: null, ext: null };
  let s: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { e164: null, ext: null, error: 'not a phone number' };
    s = String(Math.trunc(raw));
  } else s = String(raw).trim();
  if (!s || /^(n\/?a|none|-+|unknown|null)$/i.test(s)) return { e164: null, ext: null };
  let ext: string | null = null;
  const m = EXT_RE.exec(s);
  if (m && m.index > 0) {
    ext = m[1];
    s = s.slice(0, m.index);
  }
  // Fast path: ten digits (or 1 + ten) laid out the usual ways.
  // "+1 515 555 0123" is the same North American number; other "+" codes go to libphonenumber.
  const plusOne = /^\s*\+\s*1[\s.(-]/.test(s);
  if ((defaultCountry === 'US' || plusOne) && !/[a-z]/i.test(s) && (plusOne || !s.includes('+'))) {
    let digits = s.replace(/\D/g, '');
    if (digits.length === 11 && digits[0] === '1') digits = digits.slice(1);
    if (digits.length === 10 && /^[2-9]\d\d[2-9]\d{6}$/.test(digits)) {
      const npaNxx = digits.slice(0, 6);
      let ok = validNanp.get(npaNxx);
      if (ok === undefined) {
        ok = parsePhoneNumberFromString('+1' + digits)?.isValid() ?? false;
        if (validNanp.size > 200_000) validNanp.clear();
        validNanp.set(npaNxx, ok);
      }
      if (ok) return { e164: '+1' + digits, ext };
      return { e164: null, ext: null, error: `"${shown(raw)}" is not a valid phone number (unknown area code or exchange)` };
    }
    if (digits.length < 10) return { e164: null, ext: null, error: `"${shown(raw)}" is too short for a phone number (area code missing?)` };
  }
  const p = parsePhoneNumberFromString(s, defaultCountry as CountryCode);
  if (!p || !p.isValid()) return firstOfSeveral(String(raw), defaultCountry) ?? { e164: null, ext: null, error: `"${shown(raw)}" is not a valid phone number` };
  return { e164: p.number, ext: ext ?? p.ext ?? null };
}

/**
 * Directories often give two numbers in one cell ("515-555-0123 / 515-555-0199", "Office: 515-…
 * Cell: 515-…"): the first is kept, with a warning, rather than losing both. Only for a cell that
 * is not one number, so it costs nothing on the usual rows. libphonenumber reads a `;` or `,` as
 * the start of an extension ("515-555-0170; 515-555-0171" gave extension 515): before a second
 * number they are read as a separator.
 */
function firstOfSeveral(raw: string, defaultCountry: string): PhoneResult | undefined {
  const text = raw.replace(/[;,](?=\s*\+?\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4})/g, ' / ');
  const found = findPhoneNumbersInText(text, defaultCountry as CountryCode);
  if (found.length < 2) return undefined;
  const first = found[0].number;
  return { e164: first.number, ext: first.ext ?? null, warning: `"${shown(raw)}" holds ${found.length} phone numbers; kept the first` };
}

function shown(raw: unknown): string {
  const s = String(raw).trim();
  return s.length > 40 ? s.slice(0, 37) + '…' : s;
}

/** `+15155550123`, `12` → `(515) 555-0123 ext. 12`; other countries in international style. */
export function formatPhone(e164: string | null | undefined, ext?: string | null): string {
  if (!e164) return '';
  let text: string;
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (nanp) text = `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  else text = parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
  return ext ? `${text} ext. ${ext}` : text;
}
