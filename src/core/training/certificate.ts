/**
 * The certificate of completion: the data a sign-off prints, with the date in words. The HTML comes
 * from templates/certificate.html through the shared render pipeline (src/core/render/).
 */
import type { DB } from '../../db/connection.js';
import { RefusedError } from '../../io/errors.js';
import { HOTLINE } from '../pairing/document.js';
import { certificateData, type CertificateData } from './signoffs.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-12` → `March 12, 2026`. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

export interface CertificateView extends CertificateData {
  completed_on_text: string;
  hotline: typeof HOTLINE;
}

/** The certificate's data; refuses when the person has no sign-off for the module (on that date). */
export function certificateView(db: DB, person: { id: number; name: string }, module: { id: string }, date?: string): CertificateView {
  const data = certificateData(db, person.id, module.id, date);
  if (!data) {
    throw new RefusedError(`${person.name || `person ${person.id}`} (id ${person.id}) has no sign-off for ${module.id}${date ? ` on ${date}` : ''}; no certificate printed`, {
      hint: `record the training first: coalition train sign ${person.id} --module ${module.id}${date ? ` --date ${date}` : ''}; see what is recorded with: coalition train list --person ${person.id}`,
    });
  }
  return { ...data, completed_on_text: longDate(data.completed_on), hotline: HOTLINE };
}
