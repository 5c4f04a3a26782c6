/**
 * The filters `people` and `orgs` share: a sector and agency type in the words a coordinator types,
 * a county by name or FIPS code, a state. Each is checked before any query, with a usage error that
 * names what is accepted.
 */
import type { DB } from '../../db/connection.js';
import { UsageError } from '../../io/errors.js';
import { GeoIndex, countyLabel, type CountyPlace } from '../normalize/geo.js';
import { AGENCY_TYPES, SECTORS, parseAgencyType, parseSector, type Sector } from '../normalize/sector.js';
import { findState } from '../states.js';

export function sectorFilter(raw: string | undefined): Sector | undefined {
  if (raw === undefined) return undefined;
  const s = parseSector(raw);
  if (!s) throw new UsageError(`unknown sector "${raw}"`, { hint: `use one of: ${SECTORS.join(', ')}` });
  return s;
}

export function agencyTypeFilter(raw: string | undefined, sector: Sector | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (sector) {
    const t = parseAgencyType(raw, sector);
    if (!t) {
      const types = AGENCY_TYPES[sector];
      throw new UsageError(`unknown agency type "${raw}" for ${sector}`, { hint: types.length ? `use one of: ${types.join(', ')}` : `${sector} has no agency types` });
    }
    return t;
  }
  for (const s of SECTORS) {
    const t = parseAgencyType(raw, s);
    if (t && t !== 'other') return t;
  }
  if (raw.trim().toLowerCase() === 'other') return 'other';
  const all = [...new Set(SECTORS.flatMap((s) => AGENCY_TYPES[s]))];
  throw new UsageError(`unknown agency type "${raw}"`, { hint: `use one of: ${all.join(', ')}` });
}

export function stateFilter(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const st = findState(raw);
  if (!st) throw new UsageError(`"${raw}" is not a US state, DC or territory code`, { hint: 'use two-letter codes such as IA, NE, TX' });
  return st.code;
}

/**
 * A county from a FIPS code or a name ("Polk", "Polk County", "Polk, IA"). A name found in several
 * states is narrowed to `states` (the --state flag or the coalition's states), then to the states
 * the database holds; still ambiguous, it is a usage error listing the candidates.
 */
export function countyFilter(db: DB, raw: string | undefined, states: readonly string[] = []): CountyPlace | undefined {
  if (raw === undefined) return undefined;
  const geo = GeoIndex.load(db);
  const t = raw.trim();
  if (/^\d{4,5}$/.test(t)) {
    const c = geo.county(t.padStart(5, '0'));
    if (!c) throw new UsageError(`no county has the FIPS code ${t}`, { hint: 'a county FIPS code is 5 digits: state (2) + county (3), e.g. 19153 for Polk County, Iowa' });
    return c;
  }
  const direct = geo.findCounties(t, states);
  if (direct.length === 1) return direct[0];
  if (direct.length > 1) {
    // "Richmond" in Virginia: Richmond County or the independent city of Richmond.
    const list = direct.map((c) => `${countyLabel(c.name)}, ${c.state} (${c.fips})`);
    throw new UsageError(`"${t}" is ${direct.map((c) => countyLabel(c.name)).join(' and ')}`, { hint: `name one: ${list.join('; ')}` });
  }
  let candidates = geo.countiesNamed(t);
  if (states.length) candidates = candidates.filter((c) => states.includes(c.state));
  if (candidates.length > 1) {
    const used = new Set(
      (db.prepare('SELECT DISTINCT state FROM organizations WHERE state IS NOT NULL UNION SELECT DISTINCT state FROM people WHERE state IS NOT NULL').all() as { state: string }[]).map((r) => r.state),
    );
    const narrowed = candidates.filter((c) => used.has(c.state));
    if (narrowed.length === 1) return narrowed[0];
    if (narrowed.length > 1) candidates = narrowed;
  }
  if (candidates.length > 1) {
    // the one county of that name the database has people or organizations in
    const withRecords = candidates.filter((c) => db.prepare('SELECT 1 FROM organizations WHERE county_fips = ? UNION ALL SELECT 1 FROM people WHERE county_fips = ? LIMIT 1').get(c.fips, c.fips));
    if (withRecords.length === 1) return withRecords[0];
  }
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    throw new UsageError(`no county "${t}"${states.length ? ` in ${states.join(', ')}` : ''}`, { hint: 'give the county name with its state ("Polk, IA") or its 5-digit FIPS code' });
  }
  const list = candidates.slice(0, 8).map((c) => `${countyLabel(c.name)}, ${c.state} (${c.fips})`);
  throw new UsageError(`"${t}" is a county name in ${candidates.length} states`, {
    hint: `add the state or use the FIPS code: ${list.join('; ')}${candidates.length > 8 ? '; …' : ''}`,
  });
}
