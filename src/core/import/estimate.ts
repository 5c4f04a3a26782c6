import type { RawRow } from './reader.js';

/** About how many rows a file holds: its size over the size of its first rows (undefined when the
 * size is not known, as for standard input). Lets the pipeline and the kinds choose structures that
 * pay only for big imports. */
export function estimateRows(size: number | undefined, first: RawRow[]): number | undefined {
  if (!size || first.length === 0) return undefined;
  let bytes = 0;
  for (const r of first) for (const c of r.cells) bytes += (c === null ? 0 : String(c).length) + 1;
  return Math.round(size / Math.max(1, bytes / first.length));
}
