/**
 * Small text helpers shared by the normalizers: accent folding and identity-key building. Pure and
 * fast (they run once or more per imported row).
 */

const COMBINING = /[\u0300-\u036f]/g;

/** "Peña-Núñez" → "Pena-Nunez". ASCII input is returned as is (the common case, no allocation). */
export function foldAccents(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return s.normalize('NFD').replace(COMBINING, '').replace(/ß/g, 'ss').replace(/[æÆ]/g, 'ae').replace(/[øØ]/g, 'o').replace(/[łŁ]/g, 'l');
}

/** Trims and collapses runs of whitespace (including non-breaking spaces) to one space. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim();
}

/** Lower-case words of letters and digits only: the base of every identity key. */
export function keyWords(s: string): string[] {
  return foldAccents(s)
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
