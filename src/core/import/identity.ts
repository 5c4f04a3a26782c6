/**
 * Identity: the contract's rules for finding the organization or person a row is about.
 *
 * - An organization is one normalized name (store numbers kept) in one normalized city. A row
 *   without a city matches the one organization of that name when there is exactly one; a row with
 *   a city matches an organization of that name whose city is still unknown (and fills it).
 * - A person is one normalized e-mail; without an e-mail, one normalized full name at the same
 *   organization. A row with an e-mail also matches a person of that name at that organization
 *   who has no e-mail yet (and fills it). The e-mail may be a person's main address or one of their
 *   other addresses (`person_emails`, kept by `people merge`): either finds the same person, and an
 *   other address never becomes anyone's main one.
 * - Re-importing updates only empty fields and records the previous values for undo; an explicit
 *   consent answer is the exception: it always wins, since people change their minds.
 *
 * Organizations are looked up in memory (loaded once per batch: a state has thousands, not
 * millions); people by the indexed e-mail and name columns, so memory does not grow with the file.
 * A big import drops those two indexes (they cost more than the inserts; pipeline.ts builds them
 * again before committing): people are then looked up in a compact hashed index in memory
 * (identity-index.ts), about 18 bytes a person, and every hit is checked against the row. Other
 * addresses are few (one per merge of a person with two): they are read once per batch into a Map
 * that every row with an e-mail checks first, on either path.
 */
import type { Statement } from 'better-sqlite3';
import { stmt } from '../../db/connection.js';
import { isoTimestamp } from '../dates.js';
import { cityKey, orgKey } from '../normalize/sector.js';
import { personKey } from '../normalize/name.js';
import { otherAddressMap } from '../people/emails.js';
import { PeopleIndex } from './identity-index.js';
import type { RowContext } from './types.js';

export interface OrgInput {
  name: string;
  /** orgKey(name) and cityKey(city), when the caller computed them already (the reader thread
   * does, to spare the writing thread). */
  name_key?: string;
  city_key?: string;
  sector?: string | null;
  agency_type?: string | null;
  sector_source?: 'column' | 'inferred' | 'manual';
  store_number?: string | null;
  address?: string | null;
  address2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  county_fips?: string | null;
  county_source?: string | null;
  lat?: number | null;
  lon?: number | null;
  phone?: string | null;
  phone_ext?: string | null;
  email?: string | null;
  website?: string | null;
  statewide?: 0 | 1;
  notes?: string | null;
}

export interface PersonInput {
  /** personKey(first_name, last_name), when the caller computed it already. */
  name_key?: string;
  first_name?: string | null;
  last_name?: string | null;
  prefix?: string | null;
  suffix?: string | null;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  phone_ext?: string | null;
  organization_id?: number | null;
  sector?: string | null;
  agency_type?: string | null;
  address?: string | null;
  address2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  county_fips?: string | null;
  county_source?: string | null;
  lat?: number | null;
  lon?: number | null;
  share_contact?: 0 | 1 | null;
  /** The consent came from the file's own consent column (it then overrides an earlier answer). */
  share_contact_explicit?: boolean;
  notes?: string | null;
}

/** The fields of an OrgInput and a PersonInput, in a fixed order: a prepared row travels from the
 * reader thread as arrays in JSON (about a quarter of the cost of structured-cloning objects). */
const ORG_INPUT_KEYS = ['name', 'name_key', 'city_key', 'sector', 'agency_type', 'sector_source', 'store_number', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'phone', 'phone_ext', 'email', 'website', 'statewide', 'notes'] as const satisfies readonly (keyof OrgInput)[];
const PERSON_INPUT_KEYS = ['name_key', 'first_name', 'last_name', 'prefix', 'suffix', 'title', 'email', 'phone', 'phone_ext', 'organization_id', 'sector', 'agency_type', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'share_contact', 'share_contact_explicit', 'notes'] as const satisfies readonly (keyof PersonInput)[];

export type PackedOrg = unknown[] & { readonly __packed: 'org' };
export type PackedPerson = unknown[] & { readonly __packed: 'person' };

function pack(keys: readonly string[], o: Record<string, unknown>): unknown[] {
  const a = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i++) a[i] = o[keys[i]] ?? null;
  return a;
}

export const packOrg = (o: OrgInput) => pack(ORG_INPUT_KEYS, o as unknown as Record<string, unknown>) as PackedOrg;
// Object literals, not a loop over the keys: V8 builds these as fast objects (a loop gives
// dictionary-mode objects, several microseconds a row).
export function unpackOrg(a: PackedOrg): OrgInput {
  return {
    name: a[0] as OrgInput['name'],
    name_key: a[1] as OrgInput['name_key'],
    city_key: a[2] as OrgInput['city_key'],
    sector: a[3] as OrgInput['sector'],
    agency_type: a[4] as OrgInput['agency_type'],
    sector_source: a[5] as OrgInput['sector_source'],
    store_number: a[6] as OrgInput['store_number'],
    address: a[7] as OrgInput['address'],
    address2: a[8] as OrgInput['address2'],
    city: a[9] as OrgInput['city'],
    state: a[10] as OrgInput['state'],
    zip: a[11] as OrgInput['zip'],
    county_fips: a[12] as OrgInput['county_fips'],
    county_source: a[13] as OrgInput['county_source'],
    lat: a[14] as OrgInput['lat'],
    lon: a[15] as OrgInput['lon'],
    phone: a[16] as OrgInput['phone'],
    phone_ext: a[17] as OrgInput['phone_ext'],
    email: a[18] as OrgInput['email'],
    website: a[19] as OrgInput['website'],
    statewide: a[20] as OrgInput['statewide'],
    notes: a[21] as OrgInput['notes'],
  };
}
export const packPerson = (p: PersonInput) => pack(PERSON_INPUT_KEYS, p as unknown as Record<string, unknown>) as PackedPerson;
export function unpackPerson(a: PackedPerson): PersonInput {
  return {
    name_key: a[0] as PersonInput['name_key'],
    first_name: a[1] as PersonInput['first_name'],
    last_name: a[2] as PersonInput['last_name'],
    prefix: a[3] as PersonInput['prefix'],
    suffix: a[4] as PersonInput['suffix'],
    title: a[5] as PersonInput['title'],
    email: a[6] as PersonInput['email'],
    phone: a[7] as PersonInput['phone'],
    phone_ext: a[8] as PersonInput['phone_ext'],
    organization_id: a[9] as PersonInput['organization_id'],
    sector: a[10] as PersonInput['sector'],
    agency_type: a[11] as PersonInput['agency_type'],
    address: a[12] as PersonInput['address'],
    address2: a[13] as PersonInput['address2'],
    city: a[14] as PersonInput['city'],
    state: a[15] as PersonInput['state'],
    zip: a[16] as PersonInput['zip'],
    county_fips: a[17] as PersonInput['county_fips'],
    county_source: a[18] as PersonInput['county_source'],
    lat: a[19] as PersonInput['lat'],
    lon: a[20] as PersonInput['lon'],
    share_contact: a[21] as PersonInput['share_contact'],
    share_contact_explicit: a[22] as PersonInput['share_contact_explicit'],
    notes: a[23] as PersonInput['notes'],
  };
}

export interface UpsertResult {
  id: number;
  created: boolean;
  updated: boolean;
}

const ORG_FILL = ['agency_type', 'store_number', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'phone', 'phone_ext', 'email', 'website', 'notes'] as const;
/** With a sector set by hand, the agency type goes with it: an import does not fill it either. */
const ORG_FILL_MANUAL = ORG_FILL.filter((f) => f !== 'agency_type');
/** agency_type's bit in an organization's filled mask (see filledMask). */
const AGENCY_TYPE_BIT = 1 << ORG_FILL.indexOf('agency_type');
const PERSON_FILL = ['first_name', 'last_name', 'prefix', 'suffix', 'title', 'email', 'phone', 'phone_ext', 'organization_id', 'sector', 'agency_type', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'share_contact', 'notes'] as const;

type Row = Record<string, unknown> & { id: number };

/** The columns of an inserted row, in the order of the `values` objects below. */
const ORG_COLUMNS = ['name', 'name_key', 'city_key', 'sector', 'agency_type', 'sector_source', 'store_number', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'phone', 'phone_ext', 'email', 'website', 'statewide', 'notes', 'created_batch', 'created_at', 'updated_at'];
const PERSON_COLUMNS = ['first_name', 'last_name', 'name_key', 'prefix', 'suffix', 'title', 'email', 'phone', 'phone_ext', 'organization_id', 'sector', 'agency_type', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'share_contact', 'notes', 'created_batch', 'created_at', 'updated_at'];
const ORG_INSERT = `INSERT INTO organizations (${ORG_COLUMNS.join(', ')}) VALUES (${ORG_COLUMNS.map(() => '?').join(', ')})`;
const PERSON_INSERT = `INSERT INTO people (${PERSON_COLUMNS.join(', ')}) VALUES (${PERSON_COLUMNS.map(() => '?').join(', ')})`;

/** What the batch knows of an organization without reading its row: enough to decide whether a row
 * about it changes anything (most rows of a directory name an organization already complete). */
interface OrgEntry {
  id: number;
  city_key: string;
  sector: string;
  sector_source: string;
  statewide: number;
  /** Bit i set: ORG_FILL[i] is not empty in the stored row. */
  filled: number;
}

const NO_ORGS: readonly OrgEntry[] = [];

interface OrgIndex {
  /** name_key → the organizations of that name (one per city). */
  byName: Map<string, OrgEntry[]>;
  /** ids created by this batch. */
  created: Set<number>;
  /** name as written → name key (bounded). */
  keys: Map<string, string>;
}

function filledMask(row: Record<string, unknown>): number {
  let m = 0;
  for (let i = 0; i < ORG_FILL.length; i++) if (!empty(row[ORG_FILL[i]])) m |= 1 << i;
  return m;
}

const bit = (v: unknown, b: number) => (v === null || v === undefined || v === '' ? 0 : b);

/** filledMask of an OrgInput, every field read by its name: the loop's keyed reads were the larger
 * part of matching a row to a known organization on the writing thread. In ORG_FILL's order (a test
 * compares the two). */
export function orgInputMask(o: OrgInput): number {
  return (
    bit(o.agency_type, 1) | bit(o.store_number, 1 << 1) | bit(o.address, 1 << 2) | bit(o.address2, 1 << 3) | bit(o.city, 1 << 4) | bit(o.state, 1 << 5) | bit(o.zip, 1 << 6) |
    bit(o.county_fips, 1 << 7) | bit(o.county_source, 1 << 8) | bit(o.lat, 1 << 9) | bit(o.lon, 1 << 10) | bit(o.phone, 1 << 11) | bit(o.phone_ext, 1 << 12) | bit(o.email, 1 << 13) |
    bit(o.website, 1 << 14) | bit(o.notes, 1 << 15)
  );
}

/** For tests: the generic mask over ORG_FILL. */
export const orgFilledMask = (o: OrgInput) => filledMask(o as unknown as Record<string, unknown>);

function orgIndex(ctx: RowContext): OrgIndex {
  let idx = ctx.cache.get('identity:orgs') as OrgIndex | undefined;
  if (!idx) {
    idx = { byName: new Map(), created: new Set(), keys: new Map() };
    const sql = `SELECT id, name_key, city_key, sector, sector_source, statewide, ${ORG_FILL.join(', ')} FROM organizations`;
    for (const r of ctx.db.prepare(sql).iterate() as Iterable<Row & { name_key: string; city_key: string; sector: string; sector_source: string; statewide: number }>) {
      let list = idx.byName.get(r.name_key);
      if (!list) idx.byName.set(r.name_key, (list = []));
      list.push({ id: r.id, city_key: r.city_key, sector: r.sector, sector_source: r.sector_source, statewide: r.statewide, filled: filledMask(r) });
    }
    ctx.cache.set('identity:orgs', idx);
  }
  return idx;
}

/** The batch's timestamp, formatted once (the clock of an import does not move). */
let stampFor: Date | undefined;
let stamp = '';
function nowText(ctx: RowContext): string {
  if (ctx.now !== stampFor) {
    stampFor = ctx.now;
    stamp = isoTimestamp(ctx.now);
  }
  return stamp;
}

const empty = (v: unknown) => v === null || v === undefined || v === '';

/** Applies "fill only empty fields" to an existing row; returns true when something changed. */
function fillEmpty(ctx: RowContext, table: 'organizations' | 'people', row: Row, input: Record<string, unknown>, columns: readonly string[], force: Record<string, unknown> = {}, createdHere = false): boolean {
  const changes: Record<string, unknown> = {};
  for (const col of columns) {
    const v = input[col];
    if (empty(v)) continue;
    if (col in force) continue;
    if (empty(row[col])) changes[col] = v;
  }
  for (const [col, v] of Object.entries(force)) if (row[col] !== v) changes[col] = v;
  const cols = Object.keys(changes);
  if (cols.length === 0) return false;
  if (!createdHere) {
    const before: Record<string, unknown> = {};
    for (const c of cols) before[c] = row[c] ?? null;
    before.updated_at = row.updated_at ?? null;
    ctx.batch.recordUpdate(table, row.id, before);
  }
  const ts = nowText(ctx);
  // Column names come from the fixed lists above, never from data.
  const sql = `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`;
  stmt(ctx.db, sql).run(...cols.map((c) => changes[c] as never), ts, row.id);
  Object.assign(row, changes, { updated_at: ts });
  return !createdHere;
}

export function upsertOrganization(ctx: RowContext, input: OrgInput): UpsertResult {
  const idx = orgIndex(ctx);
  let nameKey = input.name_key ?? idx.keys.get(input.name);
  if (nameKey === undefined) {
    nameKey = orgKey(input.name);
    if (idx.keys.size > 50000) idx.keys.clear();
    idx.keys.set(input.name, nameKey);
  }
  const ck = input.city_key ?? cityKey(input.city ?? '');
  const list = idx.byName.get(nameKey) ?? NO_ORGS;
  let match: OrgEntry | undefined;
  for (let i = 0; i < list.length && !match; i++) if (list[i].city_key === ck) match = list[i];
  if (!match && ck === '' && list.length === 1) match = list[0];
  for (let i = 0; i < list.length && !match && ck !== ''; i++) if (list[i].city_key === '') match = list[i];
  if (match) {
    // Most rows name an organization already complete: nothing to read or write.
    const manual = match.sector_source === 'manual';
    const wanted = orgInputMask(input) & (manual ? ~AGENCY_TYPE_BIT : ~0);
    const mayForce = (ck !== '' && match.city_key === '') || (!manual && input.sector && input.sector !== match.sector) || (input.statewide === 1 && match.statewide === 0);
    if (!mayForce && (wanted & ~match.filled) === 0) return { id: match.id, created: false, updated: false };
    const createdHere = idx.created.has(match.id);
    const force: Record<string, unknown> = {};
    let forced = false;
    // The city fills the identity too.
    if (ck !== '' && match.city_key === '') {
      force.city_key = ck;
      forced = true;
    }
    // A sector inferred as "other" is as good as empty; a sector from a column beats an inference;
    // a sector a coordinator set by hand (orgs set, orgs classify) is never overwritten by an import.
    if (match.sector_source !== 'manual' && input.sector && input.sector !== match.sector && (match.sector === 'other' || (match.sector_source === 'inferred' && input.sector_source === 'column'))) {
      force.sector = input.sector;
      force.sector_source = input.sector_source ?? 'inferred';
      if (input.agency_type) force.agency_type = input.agency_type;
      if (input.statewide !== undefined) force.statewide = input.statewide;
      forced = true;
    } else if (input.statewide === 1 && match.statewide === 0 && input.sector === match.sector) {
      force.statewide = 1;
      forced = true;
    }
    // With a sector set by hand, the agency type is not filled either (ORG_FILL_MANUAL).
    const fill = manual ? ORG_FILL_MANUAL : ORG_FILL;
    // Read the stored row only when this row can change it.
    if (!forced && (wanted & ~match.filled) === 0) return { id: match.id, created: false, updated: false };
    const row = stmt(ctx.db, 'SELECT * FROM organizations WHERE id = ?').get(match.id) as Row;
    const updated = fillEmpty(ctx, 'organizations', row, input as unknown as Record<string, unknown>, fill, force, createdHere);
    match.city_key = row.city_key as string;
    match.sector = row.sector as string;
    match.sector_source = row.sector_source as string;
    match.statewide = row.statewide as number;
    match.filled = filledMask(row);
    if (updated) ctx.counters.updated.organizations = (ctx.counters.updated.organizations ?? 0) + 1;
    return { id: match.id, created: false, updated };
  }
  const ts = nowText(ctx);
  const values = {
    name: input.name,
    name_key: nameKey,
    city_key: ck,
    sector: input.sector ?? 'other',
    agency_type: input.agency_type ?? null,
    sector_source: input.sector_source ?? 'inferred',
    store_number: input.store_number ?? null,
    address: input.address ?? null,
    address2: input.address2 ?? null,
    city: input.city ?? null,
    state: input.state ?? null,
    zip: input.zip ?? null,
    county_fips: input.county_fips ?? null,
    county_source: input.county_source ?? null,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    phone: input.phone ?? null,
    phone_ext: input.phone_ext ?? null,
    email: input.email ?? null,
    website: input.website ?? null,
    statewide: input.statewide ?? 0,
    notes: input.notes ?? null,
    created_batch: ctx.batch.id,
    created_at: ts,
    updated_at: ts,
  };
  const r = stmt(ctx.db, ORG_INSERT).run(...(Object.values(values) as never[]));
  const id = Number(r.lastInsertRowid);
  const entry: OrgEntry = { id, city_key: ck, sector: values.sector, sector_source: values.sector_source, statewide: values.statewide, filled: filledMask(values) };
  if (list.length) (list as OrgEntry[]).push(entry);
  else idx.byName.set(nameKey, [entry]);
  idx.created.add(id);
  ctx.counters.inserted.organizations = (ctx.counters.inserted.organizations ?? 0) + 1;
  return { id, created: true, updated: false };
}

/** Is this person row known to have been created by this batch? */
function createdByBatch(ctx: RowContext, row: Row): boolean {
  return row.created_batch === ctx.batch.id;
}

/** The statements and in-memory indexes upsertPerson uses, prepared once per batch. */
interface PersonWriter {
  /** Other addresses (person_emails) → their person, read once per batch; imports never add any. */
  others: ReadonlyMap<string, number>;
  /** The person with this id. */
  byId(id: number): Row;
  /** The person with this e-mail as their main address. */
  byEmail(email: string): Row | undefined;
  /** Only the id of the person with this e-mail (reads less than byEmail). */
  idByEmail(email: string): number | undefined;
  /** The first person (lowest id) of this name at this organization; with `withoutEmail`, the first
   * such person who has no e-mail. */
  byNameAtOrg(nameKey: string, orgId: number | null, withoutEmail: boolean): Row | undefined;
  /** Inserts (`values` in PERSON_COLUMNS' order, with the person's e-mail, name key and organization
   * given again for the indexes); returns the new id, or undefined when the e-mail is taken (nothing
   * is written then). */
  insert(values: unknown[], email: string | null, nameKey: string, orgId: number | null): number | undefined;
  /** A stored person's e-mail, name key or organization was just filled in. */
  changed(row: Row): void;
  /** Whether a person of this name at this organization may lack an e-mail: false is certain, true
   * costs a query. Spares a row with an e-mail the namesake query. */
  mayHaveEmaillessNamesake(nameKey: string, orgId: number | null): boolean;
}

/** Imports at least this big keep the e-mail-less filter (loading it costs a scan of those people). */
const EMAILLESS_FILTER_ROWS = 20000;

const nameOrg = (nameKey: string, orgId: number | null) => `${nameKey}\u0000${orgId ?? ''}`;

function personWriter(ctx: RowContext): PersonWriter {
  let w = ctx.cache.get('identity:people') as PersonWriter | undefined;
  if (!w) {
    const down = ctx.deferredIndexes;
    w = down?.has('people_email') || down?.has('people_name_org') ? memoryPersonWriter(ctx) : sqlPersonWriter(ctx);
    ctx.cache.set('identity:people', w);
  }
  return w;
}

/** People found through the database's e-mail and name indexes. */
function sqlPersonWriter(ctx: RowContext): PersonWriter {
  const db = ctx.db;
  const byName = (org: boolean, noEmail: boolean) =>
    // `=` (not IS) so that the (name_key, organization_id) index is used.
    db.prepare(`SELECT * FROM people INDEXED BY people_name_org WHERE name_key = ? AND ${org ? 'organization_id = ?' : 'organization_id IS NULL'} ${noEmail ? 'AND email IS NULL ' : ''}ORDER BY id LIMIT 1`);
  const byEmail = db.prepare('SELECT * FROM people WHERE email = ?');
  const idByEmail = db.prepare('SELECT id FROM people WHERE email = ?').pluck();
  const atOrg = byName(true, false);
  const atNoOrg = byName(false, false);
  const atOrgNoEmail = byName(true, true);
  const atNoOrgNoEmail = byName(false, true);
  // Inserts unless the e-mail is taken (then it changes nothing). No RETURNING: measured on a
  // database with 500,000 sign-offs, RETURNING made each insert cost 38 µs instead of 16.
  const insert = db.prepare(`${PERSON_INSERT} ON CONFLICT (email) DO NOTHING`);
  // For a big import: the (name, organization) of every person without an e-mail, so that a row
  // with an e-mail asks the database for a namesake to fill only when there may be one. A superset
  // (keys are never removed): a false hit only costs the query it would have cost anyway.
  let emailless: Set<string> | undefined;
  if ((ctx.estimatedRows ?? 0) >= EMAILLESS_FILTER_ROWS) {
    emailless = new Set<string>();
    for (const r of db.prepare('SELECT name_key, organization_id FROM people WHERE email IS NULL').raw().iterate() as Iterable<[string, number | null]>) emailless.add(nameOrg(r[0], r[1]));
  }
  const byId = db.prepare('SELECT * FROM people WHERE id = ?');
  return {
    others: otherAddressMap(db),
    byId: (id) => byId.get(id) as Row,
    byEmail: (email) => byEmail.get(email) as Row | undefined,
    idByEmail: (email) => idByEmail.get(email) as number | undefined,
    byNameAtOrg(nameKey, orgId, withoutEmail) {
      const st = withoutEmail ? (orgId === null ? atNoOrgNoEmail : atOrgNoEmail) : orgId === null ? atNoOrg : atOrg;
      return (orgId === null ? st.get(nameKey) : st.get(nameKey, orgId)) as Row | undefined;
    },
    insert(values, email, nameKey, orgId) {
      const r = insert.run(...(values as never[]));
      if (r.changes !== 1) return undefined;
      if (!email && emailless) emailless.add(nameOrg(nameKey, orgId));
      return Number(r.lastInsertRowid);
    },
    changed(row) {
      if (!row.email && emailless) emailless.add(nameOrg(row.name_key as string, row.organization_id as number | null));
    },
    mayHaveEmaillessNamesake: (nameKey, orgId) => !emailless || emailless.has(nameOrg(nameKey, orgId)),
  };
}

/** People found through the in-memory index (identity-index.ts) while a big import has dropped the
 * e-mail and name indexes: candidates by hash, each checked against its row read by id. */
function memoryPersonWriter(ctx: RowContext): PersonWriter {
  const db = ctx.db;
  const index = PeopleIndex.load(db, ctx.estimatedRows ?? 0);
  const byId = db.prepare('SELECT * FROM people WHERE id = ?');
  const emailOf = db.prepare('SELECT email FROM people WHERE id = ?').pluck();
  const insert = db.prepare(PERSON_INSERT);
  const ids: number[] = [];
  const read = (id: number) => byId.get(id) as Row;
  return {
    others: otherAddressMap(db),
    byId: read,
    byEmail(email) {
      const n = index.byEmail(email, ids);
      for (let i = 0; i < n; i++) {
        const row = read(ids[i]);
        if (row.email === email) return row;
      }
      return undefined;
    },
    idByEmail(email) {
      const n = index.byEmail(email, ids);
      for (let i = 0; i < n; i++) if (emailOf.get(ids[i]) === email) return ids[i];
      return undefined;
    },
    byNameAtOrg(nameKey, orgId, withoutEmail) {
      const n = index.byNameAtOrg(nameKey, orgId, withoutEmail, ids);
      let best: Row | undefined;
      for (let i = 0; i < n; i++) {
        if (best && ids[i] >= best.id) continue;
        const row = read(ids[i]);
        if (row.name_key === nameKey && (row.organization_id ?? null) === orgId && (!withoutEmail || row.email === null)) best = row;
      }
      return best;
    },
    insert(values, email, nameKey, orgId) {
      // No e-mail index to refuse a taken e-mail: look it up (a miss, the usual case, reads nothing).
      if (email && this.idByEmail(email) !== undefined) return undefined;
      const id = Number(insert.run(...(values as never[])).lastInsertRowid);
      index.add(id, email, nameKey, orgId);
      return id;
    },
    changed: (row) => index.add(row.id, row.email as string | null, row.name_key as string, (row.organization_id as number | null) ?? null),
    mayHaveEmaillessNamesake: () => true,
  };
}

export function upsertPerson(ctx: RowContext, input: PersonInput): UpsertResult {
  const w = personWriter(ctx);
  const nameKey = input.name_key ?? personKey(input.first_name ?? null, input.last_name ?? null);
  const orgId = input.organization_id ?? null;
  const email = input.email ?? null;
  let row: Row | undefined;
  // Another address of a known person (kept by a merge): that person, whose main address stays.
  let fill = input;
  if (email !== null && w.others.size !== 0) {
    const other = w.others.get(email);
    if (other !== undefined) {
      row = w.byId(other);
      fill = { ...input, email: null };
    }
  }
  // The contract's order: the e-mail; else the same name at the same organization (a row with an
  // e-mail takes only a namesake who has none yet). A row with an e-mail and no possible namesake
  // goes straight to the insert, which finds an existing e-mail through the unique index (or the
  // in-memory index's writer, which looks it up first).
  const mayHaveNamesake = !row && nameKey !== '' && (!email || w.mayHaveEmaillessNamesake(nameKey, orgId));
  if (email && mayHaveNamesake) row = w.byEmail(email);
  if (!row && mayHaveNamesake) row = w.byNameAtOrg(nameKey, orgId, email !== null);
  if (!row) {
    const ts = nowText(ctx);
    const id = w.insert(
      [
        input.first_name ?? null, input.last_name ?? null, nameKey, input.prefix ?? null, input.suffix ?? null, input.title ?? null, email, input.phone ?? null, input.phone_ext ?? null,
        orgId, input.sector ?? null, input.agency_type ?? null, input.address ?? null, input.address2 ?? null, input.city ?? null, input.state ?? null, input.zip ?? null,
        input.county_fips ?? null, input.county_source ?? null, input.lat ?? null, input.lon ?? null, input.share_contact ?? null, input.notes ?? null, ctx.batch.id, ts, ts,
      ],
      email,
      nameKey,
      orgId,
    );
    if (id !== undefined) {
      ctx.counters.inserted.people = (ctx.counters.inserted.people ?? 0) + 1;
      return { id, created: true, updated: false };
    }
    // The e-mail is taken: that person it is.
    row = w.byEmail(email!)!;
  }
  const force: Record<string, unknown> = {};
  if (input.share_contact_explicit && input.share_contact !== null && input.share_contact !== undefined && row.share_contact !== input.share_contact) force.share_contact = input.share_contact;
  if (row.name_key === '' && nameKey) force.name_key = nameKey;
  const createdHere = createdByBatch(ctx, row);
  const { email: emailBefore, name_key: keyBefore, organization_id: orgBefore } = row;
  const updated = fillEmpty(ctx, 'people', row, fill as unknown as Record<string, unknown>, PERSON_FILL, force, createdHere);
  if (row.email !== emailBefore || row.name_key !== keyBefore || row.organization_id !== orgBefore) w.changed(row);
  if (updated) ctx.counters.updated.people = (ctx.counters.updated.people ?? 0) + 1;
  return { id: row.id, created: false, updated };
}

/** The id of the person with this (normalized) e-mail, their main or another address, if any. */
export function personIdByEmail(ctx: RowContext, email: string): number | undefined {
  const w = personWriter(ctx);
  return w.others.get(email) ?? w.idByEmail(email);
}

/** The id of the first person (lowest id) of this name key at this organization, if any. */
export function personIdByNameAtOrg(ctx: RowContext, nameKey: string, orgId: number): number | undefined {
  return personWriter(ctx).byNameAtOrg(nameKey, orgId, false)?.id;
}

export interface AttendanceInput {
  coalition_id: number;
  person_id: number;
  registered_at?: string | null;
  checked_in?: boolean | null;
  checked_in_at?: string | null;
  ticket_type?: string | null;
  status?: string | null;
}

/** One attendance per coalition and person; a later file fills what is empty, and a check-in is
 * never undone by a file that does not mention it. */
export function upsertAttendance(ctx: RowContext, input: AttendanceInput): UpsertResult {
  const row = stmt(ctx.db, 'SELECT * FROM attendance WHERE coalition_id = ? AND person_id = ?').get(input.coalition_id, input.person_id) as Row | undefined;
  const checked = input.checked_in ? 1 : 0;
  if (row) {
    const force: Record<string, unknown> = {};
    if (checked === 1 && row.checked_in === 0) force.checked_in = 1;
    const fill = { registered_at: input.registered_at, checked_in_at: input.checked_in_at, ticket_type: input.ticket_type, status: input.status };
    const createdHere = row.created_batch === ctx.batch.id;
    const updated = fillEmpty(ctx, 'attendance' as 'people', row, fill, ['registered_at', 'checked_in_at', 'ticket_type', 'status'], force, createdHere);
    if (updated) ctx.counters.updated.attendance = (ctx.counters.updated.attendance ?? 0) + 1;
    return { id: row.id, created: false, updated };
  }
  const ts = nowText(ctx);
  const r = stmt(ctx.db, 'INSERT INTO attendance (coalition_id, person_id, registered_at, checked_in, checked_in_at, ticket_type, status, created_batch, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    input.coalition_id, input.person_id, input.registered_at ?? null, checked, input.checked_in_at ?? null, input.ticket_type ?? null, input.status ?? null, ctx.batch.id, ts, ts,
  );
  ctx.counters.inserted.attendance = (ctx.counters.inserted.attendance ?? 0) + 1;
  return { id: Number(r.lastInsertRowid), created: true, updated: false };
}
