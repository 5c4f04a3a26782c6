/**
 * Values typed on the command line to correct a record by hand (`people set`, `orgs set`): the same
 * rules for both, so that `""` or `-` clears a field everywhere and a phone is stored the same way.
 */
import type { DB } from '../db/connection.js';
import { InvalidDataError } from '../io/errors.js';
import { parseYesNo } from './normalize/date.js';
import type { CountyPlace } from './normalize/geo.js';
import { normalizePhone } from './normalize/phone.js';
import { countyFilter } from './people/filters.js';

/** Empty text ("") clears a field; `-` does too. */
export function textOrNull(v: string): string | null {
  const t = v.trim();
  return t === '' || t === '-' ? null : t;
}

/** `yes`/`no` (and the other spellings parseYesNo knows) as 1/0; anything else names the flag. */
export function yesNo(raw: string, flag: string): number {
  const v = parseYesNo(raw);
  if (v === null) throw new InvalidDataError(`"${raw}" is not yes or no`, { field: flag }, { hint: `pass --${flag} yes or --${flag} no` });
  return v ? 1 : 0;
}

/** The `phone` and `phone_ext` columns for a phone typed by hand; empty clears both. */
export function phoneColumns(raw: string, example: string): { phone: string | null; phone_ext: string | null } {
  if (textOrNull(raw) === null) return { phone: null, phone_ext: null };
  const p = normalizePhone(raw);
  if (!p.e164) throw new InvalidDataError(p.error ?? 'not a phone number', { field: 'phone' }, { hint: `for example --phone "${example}"` });
  return { phone: p.e164, phone_ext: p.ext };
}

/** A county typed by hand (a name, looked for in `states` first, or a FIPS code): its columns,
 * marked as set by hand, and the county itself for its state and centre; empty clears both. */
export function countyColumns(db: DB, raw: string, states: readonly string[]): { county_fips: string | null; county_source: 'manual' | null; county?: CountyPlace } {
  const t = textOrNull(raw);
  if (t === null) return { county_fips: null, county_source: null };
  const county = countyFilter(db, t, states);
  if (!county) throw new InvalidDataError(`no county "${t}"`, { field: 'county' });
  return { county_fips: county.fips, county_source: 'manual', county };
}
