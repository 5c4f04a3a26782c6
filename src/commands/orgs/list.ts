import { formatPhone } from '../../core/normalize/phone.js';
import { listOrganizations, type OrgListItem } from '../../core/orgs/query.js';
import { agencyTypeFilter, countyFilter, sectorFilter, stateFilter } from '../../core/people/filters.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { printRecords, resolveFormat, type Column, type OutputOptions } from '../../io/output.js';

export interface OrgsListOptions extends OutputOptions {
  sector?: string;
  agencyType?: string;
  county?: string;
  state?: string;
  unclassified?: boolean;
  search?: string;
}

const tableColumns: Column<OrgListItem>[] = [
  { header: 'id', key: 'id', kind: 'number' },
  { header: 'name', key: 'name' },
  { header: 'sector', get: (o) => `${o.agency_type ? `${o.sector}/${o.agency_type}` : o.sector}${o.sector_source === 'manual' ? '' : o.sector_source === 'inferred' ? ' (inferred)' : ''}` },
  { header: 'city', get: (o) => [o.city, o.state].filter(Boolean).join(', ') },
  { header: 'county', key: 'county' },
  { header: 'phone', get: (o) => formatPhone(o.phone, o.phone_ext) },
  { header: 'people', key: 'people', kind: 'number' },
];

const dataColumns: Column<OrgListItem>[] = [
  'id', 'name', 'sector', 'agency_type', 'sector_source', 'store_number', 'address', 'city', 'state', 'zip', 'county', 'county_fips', 'county_source',
  'phone', 'phone_ext', 'email', 'statewide', 'distribution_point', 'vetted_by', 'people',
].map((k) => ({ header: k, key: k as keyof OrgListItem & string, kind: ['statewide', 'distribution_point'].includes(k) ? 'bool' : ['id', 'people'].includes(k) ? 'number' : 'text' }));

export async function execute(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as OrgsListOptions;
  const format = resolveFormat(ctx, opts);
  const sector = sectorFilter(opts.sector);
  const agencyType = agencyTypeFilter(opts.agencyType, sector);
  const state = stateFilter(opts.state);
  const db = await openDb(ctx);
  const countyFips = opts.county !== undefined ? countyFilter(db, opts.county, state ? [state] : [])?.fips : undefined;
  const orgs = listOrganizations(db, { sector, agencyType, state, countyFips, unclassified: opts.unclassified, search: opts.search });
  await printRecords(ctx, orgs, format === 'table' ? tableColumns : dataColumns, {
    ...opts,
    format,
    json: false,
    emptyMessage: opts.unclassified ? 'Every organization has a sector.' : 'No organizations match. Import a directory with: coalition import contacts FILE',
  });
  return 0;
}
