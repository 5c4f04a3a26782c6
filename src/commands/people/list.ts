import { coalitionStates, resolveCoalition } from '../../core/coalitions.js';
import { formatPhone } from '../../core/normalize/phone.js';
import { agencyTypeFilter, countyFilter, sectorFilter, stateFilter } from '../../core/people/filters.js';
import { listPeople, requireModule, type PeopleFilters, type PersonListItem } from '../../core/people/query.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { printRecords, resolveFormat, type Column, type OutputOptions } from '../../io/output.js';

export interface PeopleListOptions extends OutputOptions {
  sector?: string;
  agencyType?: string;
  county?: string;
  state?: string;
  attended?: boolean;
  untrained?: string;
  search?: string;
}

/** Columns for a terminal: phones in the national style. */
export const tableColumns: Column<PersonListItem>[] = [
  { header: 'id', key: 'id', kind: 'number' },
  { header: 'name', get: (p) => [p.title, p.first_name, p.last_name].filter(Boolean).join(' ') },
  { header: 'organization', key: 'organization' },
  { header: 'sector', get: (p) => (p.agency_type ? `${p.sector}/${p.agency_type}` : p.sector) },
  { header: 'county', get: (p) => (p.county ? `${p.county}, ${p.state ?? ''}`.replace(/, $/, '') : '') },
  { header: 'phone', get: (p) => formatPhone(p.phone, p.phone_ext) },
  { header: 'email', key: 'email' },
];

/** Columns for TSV and CSV: one field per column, phones in E.164 (as in --json). */
export const dataColumns: Column<PersonListItem>[] = [
  { header: 'id', key: 'id', kind: 'number' },
  { header: 'first_name', key: 'first_name' },
  { header: 'last_name', key: 'last_name' },
  { header: 'title', key: 'title' },
  { header: 'email', key: 'email' },
  { header: 'phone', key: 'phone' },
  { header: 'phone_ext', key: 'phone_ext' },
  { header: 'organization', key: 'organization' },
  { header: 'organization_id', key: 'organization_id', kind: 'number' },
  { header: 'sector', key: 'sector' },
  { header: 'agency_type', key: 'agency_type' },
  { header: 'city', key: 'city' },
  { header: 'state', key: 'state' },
  { header: 'zip', key: 'zip' },
  { header: 'county', key: 'county' },
  { header: 'county_fips', key: 'county_fips' },
  { header: 'county_source', key: 'county_source' },
  { header: 'share_contact', key: 'share_contact', kind: 'bool' },
];

export async function execute(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as PeopleListOptions;
  // Flags first, before any work.
  const format = resolveFormat(ctx, opts);
  const sector = sectorFilter(opts.sector);
  const agencyType = agencyTypeFilter(opts.agencyType, sector);
  const state = stateFilter(opts.state);
  const db = await openDb(ctx);
  const filters: PeopleFilters = { sector, agencyType, state, search: opts.search };
  let states: string[] = state ? [state] : [];
  if (ctx.globals.coalition || opts.attended) {
    const c = resolveCoalition(db, ctx.globals.coalition, ctx.env);
    filters.coalitionId = c.id;
    filters.attended = Boolean(opts.attended);
    if (!states.length) states = coalitionStates(db, c.id);
  }
  if (opts.county !== undefined) filters.countyFips = countyFilter(db, opts.county, states)?.fips;
  if (opts.untrained !== undefined) filters.untrainedModule = requireModule(db, opts.untrained);
  const people = listPeople(db, filters);
  await printRecords(ctx, people, format === 'table' ? tableColumns : dataColumns, {
    ...opts,
    format,
    json: false,
    emptyMessage: 'No people match. Import registrations or directories with: coalition import attendees FILE',
  });
  return 0;
}
