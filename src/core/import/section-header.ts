/**
 * The reader's test for a report of sections (reader.ts, laterSection): whether a row, read as a
 * header, names the columns this import needs, with the same mapping the import will use (the
 * preset, --map and --use-map): all of the kind's required fields, or all but one of them when it
 * has several (a webinar's attendee list names the person but often not an organization; the
 * import then asks for that column, or says which one to --map, as for any file): the test says
 * which, since a later section must name everything when the first header names most of it. Built where the kind is known: by the pipeline for a file read on
 * the main thread, and by the reader thread from this description (a function cannot cross to it).
 */
import { loadKind } from './kinds/index.js';
import { mapHeaders, type PresetName } from './mapper.js';
import type { Cell } from './types.js';

export interface SectionSpec {
  kind: string;
  preset?: string;
  explicit?: Record<string, string>;
  /** The fields given on the command line (`import trainings --module`): never missing. */
  given?: string[];
}

/** Whether a row, read as a header, names every column the import needs (true), all but one of
 * them ('most'), or not enough (false). */
export type HeaderTest = (cells: readonly Cell[]) => boolean | 'most';

export async function headerTestFor(spec: SectionSpec): Promise<HeaderTest> {
  const handler = await loadKind(spec.kind);
  const given = Object.fromEntries((spec.given ?? []).map((f) => [f, '']));
  return (cells) => {
    const header = cells.map((c) => (c === null || c === undefined ? '' : String(c).replace(/^\uFEFF/, '').trim()));
    try {
      const missing = mapHeaders(header, handler, { preset: spec.preset as PresetName | undefined, explicit: spec.explicit, given }).missing.length;
      return missing === 0 ? true : missing === 1 && handler.required.length > 1 ? 'most' : false;
    } catch {
      // A --map naming a column this row does not have: not this row.
      return false;
    }
  };
}
