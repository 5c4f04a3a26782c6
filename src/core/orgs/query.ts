/** Reading organizations: the filtered list (`coalition orgs`), one with its people (`orgs show`),
 * and the queue of inferred sectors for `orgs classify` (most-used first). */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { NotFoundError } from '../../io/errors.js';
import { countyLabel } from '../normalize/geo.js';
import { containsPattern } from '../../db/like.js';

export interface OrgListItem {
  id: number;
  name: string;
  sector: string;
  agency_type: string | null;
  sector_source: string;
  store_number: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  county: string | null;
  county_fips: string | null;
  county_source: string | null;
  phone: string | null;
  phone_ext: string | null;
  email: string | null;
  statewide: boolean;
  distribution_point: boolean;
  vetted_by: string | null;
  people: number;
}

export interface OrgFilters {
  sector?: string;
  agencyType?: string;
  countyFips?: string;
  state?: string;
  unclassified?: boolean;
  search?: string;
}

const ORG_SELECT = `
  SELECT o.id, o.name, o.sector, o.agency_type, o.sector_source, o.store_number, o.address, o.city, o.state, o.zip,
         c.name AS county, o.county_fips, o.county_source, o.phone, o.phone_ext, o.email, o.statewide, o.distribution_point, o.vetted_by,
         (SELECT count(*) FROM people p WHERE p.organization_id = o.id) AS people
    FROM organizations o LEFT JOIN counties c ON c.fips = o.county_fips`;

type RawOrg = Omit<OrgListItem, 'statewide' | 'distribution_point'> & { statewide: number; distribution_point: number };

function toItem(r: RawOrg): OrgListItem {
  return { ...r, county: countyLabel(r.county), statewide: r.statewide === 1, distribution_point: r.distribution_point === 1 };
}

/** "Unclassified": sector `other` that nobody chose by hand. */
export const UNCLASSIFIED = `(o.sector = 'other' AND o.sector_source <> 'manual')`;

export function listOrganizations(db: DB, f: OrgFilters = {}): OrgListItem[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.sector) {
    where.push('o.sector = @sector');
    params.sector = f.sector;
  }
  if (f.agencyType) {
    where.push('o.agency_type = @agencyType');
    params.agencyType = f.agencyType;
  }
  if (f.countyFips) {
    where.push('o.county_fips = @county');
    params.county = f.countyFips;
  }
  if (f.state) {
    where.push('o.state = @state');
    params.state = f.state;
  }
  if (f.unclassified) where.push(UNCLASSIFIED);
  if (f.search?.trim()) {
    where.push(`lower(o.name) LIKE @like ESCAPE '\\'`);
    params.like = containsPattern(f.search.trim());
  }
  const sql = `${ORG_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY lower(o.name), lower(coalesce(o.city, '')), o.id`;
  return (db.prepare(sql).all(params) as RawOrg[]).map(toItem);
}

export interface OrgDetails extends OrgListItem {
  address2: string | null;
  website: string | null;
  notes: string | null;
  lat: number | null;
  lon: number | null;
  members: Array<{ id: number; name: string; title: string | null; email: string | null; phone: string | null; phone_ext: string | null; share_contact: boolean | null }>;
  training_counts: Array<{ module: string; count: number; completed_on: string }>;
  created_at: string;
  updated_at: string;
}

export function getOrganization(db: DB, id: number): OrgDetails {
  const base = db.prepare(`${ORG_SELECT} WHERE o.id = ?`).get(id) as RawOrg | undefined;
  if (!base) throw new NotFoundError(`no organization with id ${id}`, { hint: 'list them with: coalition orgs' });
  const extra = stmt(db, 'SELECT address2, website, notes, lat, lon, created_at, updated_at FROM organizations WHERE id = ?').get(id) as Pick<OrgDetails, 'address2' | 'website' | 'notes' | 'lat' | 'lon' | 'created_at' | 'updated_at'>;
  const members = (stmt(db, `
    SELECT id, trim(coalesce(title || ' ', '') || coalesce(first_name, '') || ' ' || coalesce(last_name, '')) AS name, title, email, phone, phone_ext, share_contact
      FROM people WHERE organization_id = ? ORDER BY lower(coalesce(last_name, first_name, '')), id`).all(id) as Array<Omit<OrgDetails['members'][number], 'share_contact'> & { share_contact: number | null }>).map((m) => ({
    ...m,
    share_contact: m.share_contact === null ? null : m.share_contact === 1,
  }));
  const training_counts = stmt(db, 'SELECT module_id AS module, count, completed_on FROM training_counts WHERE organization_id = ? ORDER BY completed_on, module_id').all(id) as OrgDetails['training_counts'];
  return { ...toItem(base), ...extra, members, training_counts };
}

export interface ClassifyItem {
  id: number;
  name: string;
  city: string | null;
  state: string | null;
  sector: string;
  agency_type: string | null;
  sector_source: string;
  uses: number;
}

/**
 * Organizations whose sector nobody has confirmed (inferred from the name, or `other`), the most
 * used first: people at the organization plus their registrations.
 */
export function classifyQueue(db: DB, opts: { includeColumn?: boolean } = {}): ClassifyItem[] {
  return db.prepare(`
    SELECT o.id, o.name, o.city, o.state, o.sector, o.agency_type, o.sector_source,
           (SELECT count(*) FROM people p WHERE p.organization_id = o.id)
             + (SELECT count(*) FROM attendance a JOIN people p ON p.id = a.person_id WHERE p.organization_id = o.id)
             + (SELECT count(*) FROM training_counts t WHERE t.organization_id = o.id) AS uses
      FROM organizations o
     WHERE o.sector_source = 'inferred' ${opts.includeColumn ? "OR o.sector_source = 'column'" : ''}
     ORDER BY uses DESC, (o.sector = 'other') DESC, lower(o.name), o.id`).all() as ClassifyItem[];
}
