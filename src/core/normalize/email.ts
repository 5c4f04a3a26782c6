/**
 * E-mail addresses: the identity of a person (one person per normalized e-mail). Trimmed,
 * lower-cased, `mailto:` and angle brackets stripped ("Maria <MKowalski@Polk.gov>"). An address that
 * is present but not an address is an error: the import rejects that row, because a wrong e-mail
 * would merge or split people. An empty cell is not an error.
 */

export interface EmailResult {
  value: string | null;
  error?: string;
  /** Something was dropped (a second address in the same cell). */
  warning?: string;
}

// Deliberately practical rather than RFC 5322: what registration forms and directories contain.
const EMAIL_RE = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/;

/** What an e-mail cell says for a guest, a dial-in or a participant who gave none. */
const GUEST = /^\(?(?:guest|external|external user|unverified|phone|phone user|dial-? ?in|call-? ?in|not provided|none provided|not given|declined|no email address|no e-mail address|withheld|hidden)\)?$/;

/** What separates several addresses in one cell. */
const SEPARATORS = /[;,\s/]+/;

export function normalizeEmail(raw: unknown): EmailResult {
  if (raw === null || raw === undefined || typeof raw === 'boolean') return { value: null };
  let s = String(raw).replace(/[\s\u00a0]+/g, ' ').trim();
  if (!s) return { value: null };
  const lower = s.toLowerCase();
  // "anonymous": what Microsoft Forms writes for a respondent who did not sign in.
  if (['n/a', 'na', 'none', '-', '--', 'no email', 'no e-mail', 'unknown', 'null', 'anonymous'].includes(lower)) return { value: null };
  // A meeting's guest, or a participant who dialled in, has no address: the row is kept, and the
  // person is found by name at their organization.
  if (GUEST.test(lower)) return { value: null, warning: `no e-mail address ("${truncate(s)}"): the person is matched by name at their organization` };
  let warning: string | undefined;
  const angle = /<([^<>]*)>/.exec(s);
  if (angle) s = angle[1];
  s = s.replace(/^mailto:/i, '').trim();
  // Split only a cell that has a separator: most hold one address, and splitting on a regular
  // expression cost an eighth of this function's time (measured on the e-mails of bench/import.mjs:
  // 80 ms per 100,000 against 91).
  const many = SEPARATORS.test(s) ? s.split(SEPARATORS).filter(Boolean) : [];
  if (many.length > 1) {
    const good = many.map((m) => m.toLowerCase().replace(/^mailto:/, '')).filter((m) => EMAIL_RE.test(m));
    if (good.length === many.length) {
      if (good.length > 1) warning = `more than one e-mail address in the cell; kept the first`;
      return warning ? { value: good[0], warning } : { value: good[0] };
    }
  }
  s = s.replace(/^["'(\[]+|["')\].;,:]+$/g, '').toLowerCase();
  if (!EMAIL_RE.test(s) || s.length > 254) {
    return { value: null, error: `"${truncate(String(raw).trim())}" is not an e-mail address` };
  }
  return { value: s };
}

function truncate(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}
