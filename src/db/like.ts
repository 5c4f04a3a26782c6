/** User text made literal inside a `LIKE … ESCAPE '\'` pattern: backslash, `%` and `_` escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** `%text%`, lower-cased and escaped: a contains-match against a lower-cased column. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text.toLowerCase())}%`;
}
