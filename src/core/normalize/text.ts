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

/**
 * Remembers a pure function's results for repeated inputs (organization names, cities, dates repeat
 * thousands of times in one file). Bounded: the cache is emptied when it reaches `max` entries.
 */
export function memo<R>(fn: (s: string) => R, max = 50_000): (s: string) => R {
  const cache = new Map<string, R>();
  return (s: string) => {
    let r = cache.get(s);
    if (r === undefined && !cache.has(s)) {
      r = fn(s);
      if (cache.size >= max) cache.clear();
      cache.set(s, r);
    }
    return r as R;
  };
}

/** A lookup table without a prototype, so that words such as "constructor" or "toString" in the
 * data find nothing instead of Object's methods. */
export function dict<V>(entries: Record<string, V>): Record<string, V> {
  return Object.assign(Object.create(null) as Record<string, V>, entries);
}
