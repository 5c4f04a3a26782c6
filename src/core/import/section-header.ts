/**
 * The reader's test for a report of sections (reader.ts, laterSection): whether a row, read as a
 * header, names the columns this import needs, with the same mapping the import will use (the
 * preset, --map and --use-map): all of the kind's required fields, or all but one of them when it
 * has several (a webinar's attendee list names the person but often not an organization; the
 * import then asks for that column, or says which one to --map, as for any file). Built where the kind is known: by the pipeline for a file read on
 * the main thread, and by the reader thread from this description (a function cannot cross to it).
 */
import { loadKind } from './kinds/index.js';
import { mapHeaders, type PresetName } from './mapper.js';
import type { Cell } from './types.js';

export interface SectionSpec {
  kind: string;
  preset?: string;
  explicit?: Record<string, string>;
}

export async function headerTestFor(spec: SectionSpec): Promise<(cells: readonly Cell[]) => boolean> {
  const handler = await loadKind(spec.kind);
  return (cells) => {
    const header = cells.map((c) => (c === null || c === undefined ? '' : String(c).replace(/^\uFEFF/, '').trim()));
    try {
      const missing = mapHeaders(header, handler, { preset: spec.preset as PresetName | undefined, explicit: spec.explicit }).missing.length;
      return missing === 0 || (missing === 1 && handler.required.length > 1);
    } catch {
      // A --map naming a column this row does not have: not this row.
      return false;
    }
  };
}
