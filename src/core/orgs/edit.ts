/**
 * Correcting organizations by hand (`orgs set`, `orgs classify`, `people set --organization`).
 *
 * A sector or agency type set by hand is recorded as `sector_source = 'manual'`, a county as
 * `county_source = 'manual'`. Imports must never overwrite a manual value: they only fill empty
 * fields, and replace a sector only when it was inferred (never when it is manual).
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { InvalidDataError, NotFoundError, RefusedError } from '../../io/errors.js';
import { isoTimestamp } from '../dates.js';
import { countyColumns, phoneColumns, textOrNull, yesNo } from '../edit-fields.js';
import { normalizeEmail } from '../normalize/email.js';
import { cleanName } from '../normalize/name.js';
import { AGENCY_TYPES, SECTORS, inferSector, isStatewide, orgKey, parseAgencyType, parseSector, storeNumber, type Sector } from '../normalize/sector.js';

type OrgRow = Record<string, unknown> & { id: number; name: string; name_key: string; city_key: string; sector: string; agency_type: string | null; state: string | null; statewide: number };

/** An organization from its id or its name (any case and punctuation; store numbers count). */
export function findOrganization(db: DB, ref: string): number {
  const t = ref.trim();
  if (/^#?\d+$/.test(t)) {
    const id = Number(t.replace('#', ''));
    if (stmt(db, 'SELECT 1 FROM organizations WHERE id = ?').get(id)) return id;
    throw new NotFoundError(`no organization with id ${id}`, { hint: 'find the id with: coalition orgs' });
  }
  const rows = stmt(db, 'SELECT id, city FROM organizations WHERE name_key = ? ORDER BY id').all(orgKey(t)) as Array<{ id: number; city: string | null }>;
  if (rows.length === 1) return rows[0].id;
  if (rows.length > 1) {
    throw new NotFoundError(`${rows.length} organizations are called "${t}"`, { hint: `use an id: ${rows.map((r) => `${r.id} (${r.city ?? 'no city'})`).join(', ')}` });
  }
  throw new NotFoundError(`no organization called "${t}"`, { hint: 'list them with: coalition orgs' });
}

/** For `people set --organization`: an existing organization (id or name), else a new one with its
 * sector inferred from the name. */
export function findOrCreateOrganization(db: DB, ref: string, now: Date): { id: number; name: string; created: boolean } {
  const t = ref.trim();
  if (/^#?\d+$/.test(t)) {
    const id = findOrganization(db, t);
    return { id, name: (stmt(db, 'SELECT name FROM organizations WHERE id = ?').get(id) as { name: string }).name, created: false };
  }
  const rows = stmt(db, 'SELECT id, name FROM organizations WHERE name_key = ? ORDER BY id').all(orgKey(t)) as Array<{ id: number; name: string }>;
  if (rows.length === 1) return { ...rows[0], created: false };
  if (rows.length > 1) findOrganization(db, t); // throws, listing them
  const name = cleanName(t) ?? t;
  const guess = inferSector(name);
  const ts = isoTimestamp(now);
  const r = stmt(db, `INSERT INTO organizations (name, name_key, city_key, sector, agency_type, sector_source, store_number, statewide, created_at, updated_at)
                      VALUES (?, ?, '', ?, ?, 'inferred', ?, ?, ?, ?)`).run(
    name, orgKey(name), guess?.sector ?? 'other', guess?.agency_type ?? null, storeNumber(name), isStatewide(guess?.sector, guess?.agency_type) ? 1 : 0, ts, ts,
  );
  return { id: Number(r.lastInsertRowid), name, created: true };
}

export interface OrgChanges {
  name?: string;
  sector?: string;
  agencyType?: string;
  county?: string;
  vettedBy?: string;
  distributionPoint?: string;
  statewide?: string;
  phone?: string;
  email?: string;
  notes?: string;
}

export interface OrgSetResult {
  id: number;
  changed: string[];
}



/** Applies a sector and agency type chosen by hand (also used by `orgs classify`). */
export function classifyOrganization(db: DB, id: number, sector: Sector, agencyType: string | null, now: Date): void {
  stmt(db, `UPDATE organizations SET sector = ?, agency_type = ?, sector_source = 'manual', statewide = ?, updated_at = ? WHERE id = ?`).run(
    sector, agencyType, isStatewide(sector, agencyType) ? 1 : 0, isoTimestamp(now), id,
  );
}

export function setOrganization(db: DB, id: number, c: OrgChanges, now: Date): OrgSetResult {
  return db.transaction((): OrgSetResult => {
    const row = stmt(db, 'SELECT * FROM organizations WHERE id = ?').get(id) as OrgRow | undefined;
    if (!row) throw new NotFoundError(`no organization with id ${id}`);
    const set: Record<string, unknown> = {};
    if (c.name !== undefined) {
      const name = cleanName(c.name);
      if (!name) throw new InvalidDataError('an organization needs a name', { field: 'name' });
      const key = orgKey(name);
      const other = stmt(db, 'SELECT id FROM organizations WHERE name_key = ? AND city_key = ? AND id <> ?').get(key, row.city_key, id) as { id: number } | undefined;
      if (other) throw new RefusedError(`organization ${other.id} already has that name in the same city`, { hint: `move its people with: coalition people set <person> --organization ${id}` });
      set.name = name;
      set.name_key = key;
      set.store_number = storeNumber(name);
    }
    let sector = row.sector as Sector;
    if (c.sector !== undefined) {
      const s = parseSector(c.sector);
      if (!s) throw new InvalidDataError(`unknown sector "${c.sector}"`, { field: 'sector' }, { hint: `use one of: ${SECTORS.join(', ')}` });
      sector = s;
      set.sector = s;
      set.sector_source = 'manual';
      if (c.agencyType === undefined && s !== row.sector) {
        // keep a type only when it belongs to the new sector; else take the name's suggestion
        const guess = inferSector((set.name as string | undefined) ?? row.name);
        set.agency_type = guess && guess.sector === s ? guess.agency_type : null;
      }
    }
    if (c.agencyType !== undefined) {
      const t = textOrNull(c.agencyType);
      if (t === null) set.agency_type = null;
      else {
        const type = parseAgencyType(t, sector);
        if (!type) {
          const types = AGENCY_TYPES[sector];
          throw new InvalidDataError(`unknown agency type "${t}" for ${sector}`, { field: 'agency-type' }, { hint: types.length ? `use one of: ${types.join(', ')}` : `${sector} has no agency types; change the sector with --sector` });
        }
        set.agency_type = type;
      }
      set.sector_source = 'manual';
    }
    if (c.statewide !== undefined) set.statewide = yesNo(c.statewide, 'statewide');
    else if ('sector' in set || 'agency_type' in set) {
      set.statewide = isStatewide(sector, 'agency_type' in set ? (set.agency_type as string | null) : row.agency_type) ? 1 : 0;
    }
    if (c.distributionPoint !== undefined) set.distribution_point = yesNo(c.distributionPoint, 'distribution-point');
    if (c.vettedBy !== undefined) set.vetted_by = textOrNull(c.vettedBy);
    if (c.notes !== undefined) set.notes = textOrNull(c.notes);
    if (c.phone !== undefined) Object.assign(set, phoneColumns(c.phone, '(515) 555-0100'));
    if (c.email !== undefined) {
      const e = normalizeEmail(c.email);
      if (e.error) throw new InvalidDataError(e.error, { field: 'email' });
      set.email = e.value;
    }
    if (c.county !== undefined) {
      const { county, ...columns } = countyColumns(db, c.county, row.state ? [row.state] : []);
      Object.assign(set, columns);
      if (county) {
        if (!row.state) set.state = county.state;
        // coordinates: keep the address's own (ZIP) unless they belong to another county
        if (row.county_fips !== county.fips || row.lat === null) {
          set.lat = county.lat;
          set.lon = county.lon;
        }
      }
    }
    const changed = Object.keys(set).filter((k) => set[k] !== row[k]);
    if (changed.length === 0) return { id, changed: [] };
    const cols = Object.keys(set);
    stmt(db, `UPDATE organizations SET ${cols.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @updated_at WHERE id = @id`).run({ ...set, updated_at: isoTimestamp(now), id });
    return { id, changed: changed.filter((k) => !['name_key', 'lat', 'lon', 'sector_source', 'store_number'].includes(k)) };
  })();
}
