/**
 * Correcting a person by hand (`people set`). Every value goes through the same normalizers as an
 * import; the whole change is one transaction. A county set by hand is recorded as
 * `county_source = 'manual'`, which later imports never overwrite (they only fill empty fields).
 *
 * E-mail: an address that is another person's (their main or another address) is refused with the
 * merge to run instead. Setting one of the person's own other addresses (kept by a merge) as the
 * main one swaps the two: the old main address becomes another address, so both still find the
 * person. Removing the main address (`--email ""`) promotes the first other address, if any: a
 * person with other addresses always has a main one.
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { InvalidDataError, RefusedError } from '../../io/errors.js';
import { isoTimestamp } from '../dates.js';
import { countyColumns, phoneColumns, textOrNull } from '../edit-fields.js';
import { parseYesNo } from '../normalize/date.js';
import { normalizeEmail } from '../normalize/email.js';
import { cleanName, personKey } from '../normalize/name.js';
import { AGENCY_TYPES, parseAgencyType, parseSector, SECTORS, type Sector } from '../normalize/sector.js';
import { findOrCreateOrganization } from '../orgs/edit.js';
import { addOtherEmail, otherEmails, personIdByAddress, removeOtherEmail } from './emails.js';

export interface PersonChanges {
  firstName?: string;
  lastName?: string;
  title?: string;
  email?: string;
  phone?: string;
  sector?: string;
  agencyType?: string;
  organization?: string;
  county?: string;
  shareContact?: string;
  notes?: string;
}

export interface SetResult {
  id: number;
  changed: string[];
  created_organization?: { id: number; name: string };
}

type PersonRow = Record<string, unknown> & { id: number; organization_id: number | null; state: string | null; sector: string | null; first_name: string | null; last_name: string | null };


export function setPerson(db: DB, id: number, c: PersonChanges, now: Date): SetResult {
  return db.transaction((): SetResult => {
    const row = stmt(db, 'SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
    if (!row) throw new InvalidDataError(`no person with id ${id}`);
    const set: Record<string, unknown> = {};
    let createdOrg: SetResult['created_organization'];
    if (c.firstName !== undefined) set.first_name = cleanName(c.firstName);
    if (c.lastName !== undefined) set.last_name = cleanName(c.lastName);
    if (c.title !== undefined) set.title = textOrNull(c.title);
    if (c.notes !== undefined) set.notes = textOrNull(c.notes);
    if (c.email !== undefined) {
      const e = normalizeEmail(c.email);
      if (e.error) throw new InvalidDataError(e.error, { field: 'email' }, { hint: 'pass --email name@example.org, or --email "" to remove it' });
      if (e.value) {
        const owner = personIdByAddress(db, e.value);
        if (owner !== undefined && owner !== id) {
          const how = stmt(db, 'SELECT 1 FROM people WHERE email = ?').get(e.value) ? '' : ' (as another address)';
          throw new RefusedError(`person ${owner} already has the e-mail ${e.value}${how}`, { hint: `if they are the same person, merge them: coalition people merge ${id} ${owner}` });
        }
      }
      // One of the person's other addresses becomes the main one: the old main one takes its place
      // among the other addresses. Removing the main address promotes the first other one.
      const others = otherEmails(db, id);
      const current = (row.email as string | null) ?? null;
      if (e.value && e.value !== current && others.includes(e.value)) {
        removeOtherEmail(db, e.value);
        if (current) addOtherEmail(db, id, current, isoTimestamp(now));
      } else if (!e.value && others.length) {
        removeOtherEmail(db, others[0]);
        set.email = others[0];
      }
      if (!('email' in set)) set.email = e.value;
    }
    if (c.phone !== undefined) Object.assign(set, phoneColumns(c.phone, '(515) 555-0123 ext. 12'));
    if (c.organization !== undefined) {
      if (textOrNull(c.organization) === null) set.organization_id = null;
      else {
        const org = findOrCreateOrganization(db, c.organization, now);
        set.organization_id = org.id;
        if (org.created) createdOrg = { id: org.id, name: org.name };
      }
    }
    if (c.sector !== undefined) {
      const t = textOrNull(c.sector);
      if (t === null || /^(org|organization|inherit)$/i.test(t)) {
        // back to the organization's sector
        set.sector = null;
        set.agency_type = null;
      } else {
        const s = parseSector(t);
        if (!s) throw new InvalidDataError(`unknown sector "${t}"`, { field: 'sector' }, { hint: `use one of: ${SECTORS.join(', ')} (or "org" to follow the organization)` });
        set.sector = s;
        if (c.agencyType === undefined && row.sector !== s) set.agency_type = null;
      }
    }
    if (c.agencyType !== undefined) {
      const t = textOrNull(c.agencyType);
      if (t === null) set.agency_type = null;
      else {
        const sector = ((set.sector !== undefined ? set.sector : row.sector) ?? orgSector(db, (set.organization_id as number | null | undefined) ?? row.organization_id)) as Sector | null;
        const type = sector ? parseAgencyType(t, sector) : null;
        if (!type) {
          const types = sector ? AGENCY_TYPES[sector] : [];
          throw new InvalidDataError(`unknown agency type "${t}"${sector ? ` for ${sector}` : ''}`, { field: 'agency-type' }, { hint: types.length ? `use one of: ${types.join(', ')}` : 'set a sector that has agency types first (--sector law_enforcement)' });
        }
        set.agency_type = type;
        // An agency type needs the sector it belongs to on the person when the organization's differs.
        if (set.sector === undefined && row.sector === null && sector) set.sector = sector;
      }
    }
    if (c.county !== undefined) {
      // the person's state, then their organization's (usually the same one: listed once)
      const states = [...new Set([row.state, orgState(db, (set.organization_id as number | null | undefined) ?? row.organization_id)].filter((s): s is string => Boolean(s)))];
      const { county, ...columns } = countyColumns(db, c.county, states);
      Object.assign(set, columns);
      if (county) {
        if (!row.state) set.state = county.state;
        if (county.lat !== null && !('lat' in set)) {
          set.lat = county.lat;
          set.lon = county.lon;
        }
      }
    }
    if (c.shareContact !== undefined) {
      const yn = parseYesNo(c.shareContact);
      if (yn === null) throw new InvalidDataError(`"${c.shareContact}" is not yes or no`, { field: 'share-contact' }, { hint: 'pass --share-contact yes or --share-contact no' });
      set.share_contact = yn ? 1 : 0;
    }
    const changed = Object.keys(set).filter((k) => set[k] !== row[k]);
    if (changed.length === 0) return { id, changed: [] };
    if ('first_name' in set || 'last_name' in set) {
      const first = 'first_name' in set ? (set.first_name as string | null) : row.first_name;
      const last = 'last_name' in set ? (set.last_name as string | null) : row.last_name;
      if (!first && !last && !(set.email ?? row.email)) throw new InvalidDataError('a person needs a name or an e-mail', { field: 'name' });
      set.name_key = personKey(first, last);
    }
    const cols = Object.keys(set);
    // Column names come from the fixed keys above, never from user input.
    stmt(db, `UPDATE people SET ${cols.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @updated_at WHERE id = @id`).run({ ...set, updated_at: isoTimestamp(now), id });
    return { id, changed: changed.filter((k) => !['name_key', 'lat', 'lon'].includes(k)), created_organization: createdOrg };
  })();
}

function orgSector(db: DB, orgId: number | null | undefined): string | null {
  if (!orgId) return null;
  return (stmt(db, 'SELECT sector FROM organizations WHERE id = ?').get(orgId) as { sector: string } | undefined)?.sector ?? null;
}

function orgState(db: DB, orgId: number | null | undefined): string | null {
  if (!orgId) return null;
  return (stmt(db, 'SELECT state FROM organizations WHERE id = ?').get(orgId) as { state: string | null } | undefined)?.state ?? null;
}
