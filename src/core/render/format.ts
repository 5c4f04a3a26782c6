/** Formatting for printed documents (no template engine here, so commands can use it cheaply). */

/** `+15155550123` → `(515) 555-0123`; other countries and non-E.164 text are printed as given. */
export function formatPhoneForPrint(e164: string | null | undefined, ext?: string | null): string {
  if (!e164) return '';
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  const base = m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
  return ext ? `${base} ext. ${ext}` : base;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-12` → `March 12, 2026`; anything else is returned unchanged. */
export function formatLongDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}`;
}
