/**
 * Day first or month first: a file's numeric dates are read month first (US: `5/11/26` is May 11),
 * or day first with `--day-first` (`5/11/26` is 5 November, as Moodle's default English writes
 * them). One date in a column can prove the order (`19/11/26` can only be day first), and once it
 * has, a date of that column that could be either was, or will be, read the wrong way: the import
 * stops and says which flag reads them right, rather than record wrong dates. Checked as the rows
 * are prepared, on whichever thread prepares them; only the columns read as dates are looked at.
 */
import { InvalidDataError } from '../../io/errors.js';
import { dateOrder } from '../normalize/date.js';
import type { Mapping } from './mapper.js';
import type { Cell } from './types.js';

/** The fields whose cells may hold dates (a status may be a completion date). */
const DATE_FIELDS = new Set(['registered_at', 'checked_in', 'completed_on', 'status', 'result', 'date']);

export type DateOrderCheck = (fields: Partial<Record<string, Cell>>, line: number) => void;

type Seen = [value: string, line: number];

/** The check of a mapping's date columns, or undefined when it has none. */
export function dateOrderCheck(mapping: Mapping, dayFirst: boolean, file: string): DateOrderCheck | undefined {
  const fields = [...new Set(mapping.columns.map((c) => c.field).filter((f): f is string => f !== null && (DATE_FIELDS.has(f) || f.startsWith('module:'))))];
  if (!fields.length) return undefined;
  const header = (f: string) => mapping.columns.find((c) => c.field === f)?.header ?? f;
  // Per field: the first date that proves the order other than the one read, one that proves the
  // order read, and one that could be either.
  const seen = new Map<string, { against?: Seen; along?: Seen; either?: Seen }>();
  const against = dayFirst ? 'mdy' : 'dmy';
  return (row, line) => {
    for (const f of fields) {
      const o = dateOrder(row[f]);
      if (o === null) continue;
      let s = seen.get(f);
      if (!s) seen.set(f, (s = {}));
      const at: Seen = [String(row[f]).trim(), line];
      if (o === against) s.against ??= at;
      else if (o === 'either') s.either ??= at;
      else s.along ??= at;
      if (s.against && (s.either || s.along)) throw conflict(file, header(f), s.against, (s.either ?? s.along)!, s.either !== undefined, dayFirst);
    }
  };
}

function conflict(file: string, column: string, proof: Seen, other: Seen, either: boolean, dayFirst: boolean): InvalidDataError {
  const second = proof[1] <= other[1] ? other : proof;
  const order = dayFirst ? 'month first' : 'day first';
  if (!either) {
    return new InvalidDataError(`the column "${column}" has dates written day first and month first ("${proof[0]}" on line ${proof[1]}, "${other[0]}" on line ${other[1]}), so none of them can be trusted; nothing was imported`, { file, line: second[1], field: column }, {
      hint: 'write the dates of that column one way, best as YYYY-MM-DD (in Excel: format the column as yyyy-mm-dd and save as CSV), then import again',
    });
  }
  const read = dayFirst ? 'day first' : 'month first';
  return new InvalidDataError(`the dates of the column "${column}" are written ${order} ("${proof[0]}" on line ${proof[1]}), but they were read ${read}, so "${other[0]}" on line ${other[1]} would be a wrong date; nothing was imported`, { file, line: second[1], field: column }, {
    hint: dayFirst ? 'import again without --day-first' : 'import again with --day-first (the file writes day/month/year, as Moodle and exports from outside the US do)',
  });
}
