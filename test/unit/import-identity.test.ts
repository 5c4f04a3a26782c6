import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { configure, type DB } from '../../src/db/connection.js';
import { m001 } from '../../src/db/migrations/001-initial.js';
import { m005 } from '../../src/db/migrations/005-person-emails.js';
import { packOrg, packPerson, unpackOrg, unpackPerson, upsertAttendance, upsertOrganization, upsertPerson, type PackedOrg, type PackedPerson } from '../../src/core/import/identity.js';
import type { ImportCounters, RowContext } from '../../src/core/import/types.js';

const now = new Date('2026-11-28T12:00:00Z');

/** A database with the schema only (no ZIP table needed here; people's other addresses, which
 * identity reads) and one batch. */
function setup(batchId = 1): { db: DB; ctx: RowContext; changes: Array<[string, number, Record<string, unknown>]> } {
  const db = new Database(':memory:');
  configure(db);
  m001.up(db);
  m005.up(db);
  db.prepare("INSERT INTO coalitions (id, slug, name, build_date, created_at, updated_at) VALUES (1, 'ia-2026', 'Iowa', '2026-03-12', 'x', 'x')").run();
  for (let i = 1; i <= 3; i++) db.prepare("INSERT INTO import_batches (id, kind, content_hash, started_at) VALUES (?, 'contacts', 'h', 'x')").run(i);
  return { db, ...context(db, batchId) };
}

function context(db: DB, batchId: number) {
  const changes: Array<[string, number, Record<string, unknown>]> = [];
  const counters: ImportCounters = { inserted: {}, updated: {}, duplicates: 0, skipped: {} };
  const ctx: RowContext = {
    db, now, counters, cache: new Map(), mapped: new Set(), file: 't.csv', warn: () => {},
    batch: { id: batchId, recordUpdate: (t, id, before) => void changes.push([t, id, before]) },
  };
  return { ctx, changes };
}

describe('organizations', () => {
  it('one organization per name key and city key; store numbers keep stops apart', () => {
    const { ctx } = setup();
    const a = upsertOrganization(ctx, { name: "Love's Travel Stop #784", city: 'Altoona', sector: 'truck_stop' });
    const b = upsertOrganization(ctx, { name: "LOVES TRAVEL STOP # 784", city: 'altoona' });
    const c = upsertOrganization(ctx, { name: "Love's Travel Stop #809", city: 'Newton' });
    const d = upsertOrganization(ctx, { name: 'Iowa State Patrol', city: 'Des Moines' });
    const e = upsertOrganization(ctx, { name: 'Iowa State Patrol', city: 'Council Bluffs' });
    expect(a.created && !b.created && c.created).toBe(true);
    expect(b.id).toBe(a.id);
    expect(e.id).not.toBe(d.id);
  });

  it('a row without a city matches the one organization of that name; a city fills an unknown one', () => {
    const { ctx, db } = setup();
    const a = upsertOrganization(ctx, { name: 'Hawkeye Freight Lines' });
    const b = upsertOrganization(ctx, { name: 'Hawkeye Freight Lines', city: 'Des Moines', zip: '50321' });
    expect(b.id).toBe(a.id);
    expect(db.prepare('SELECT city, city_key, zip FROM organizations').get()).toEqual({ city: 'Des Moines', city_key: 'des moines', zip: '50321' });
    const c = upsertOrganization(ctx, { name: 'Hawkeye Freight Lines' });
    expect(c.id).toBe(a.id);
  });

  it('fills only empty fields in a later batch, records the previous values, and a column beats an inferred sector', () => {
    const { db, ctx } = setup(1);
    const a = upsertOrganization(ctx, { name: 'Casey’s #2931', city: 'Des Moines', phone: '+15155550101', sector: 'other', sector_source: 'inferred' });
    const later = context(db, 2);
    const b = upsertOrganization(later.ctx, { name: "Casey's #2931", city: 'Des Moines', phone: '+15155550199', zip: '50317', sector: 'truck_stop', sector_source: 'column' });
    expect(b).toEqual({ id: a.id, created: false, updated: true });
    expect(db.prepare('SELECT phone, zip, sector, sector_source FROM organizations').get()).toEqual({ phone: '+15155550101', zip: '50317', sector: 'truck_stop', sector_source: 'column' });
    expect(later.changes).toHaveLength(1);
    expect(later.changes[0][2]).toMatchObject({ zip: null, sector: 'other', sector_source: 'inferred' });
    expect(later.ctx.counters.updated).toEqual({ organizations: 1 });
  });
});

describe('people', () => {
  it('one person per e-mail; without an e-mail, one per name at the organization', () => {
    const { ctx } = setup();
    const org = upsertOrganization(ctx, { name: "Scott County Sheriff's Office", city: 'Davenport' }).id;
    const other = upsertOrganization(ctx, { name: 'Davenport Police Department', city: 'Davenport' }).id;
    const a = upsertPerson(ctx, { first_name: 'Aaron', last_name: 'Fleck', email: 'afleck@scottcounty.example', organization_id: org });
    const b = upsertPerson(ctx, { first_name: 'A.', last_name: 'Fleck', email: 'afleck@scottcounty.example', organization_id: other });
    expect(b.id).toBe(a.id);
    const c = upsertPerson(ctx, { first_name: 'Maria', last_name: 'Kowalski', organization_id: org });
    const d = upsertPerson(ctx, { first_name: 'MARIA', last_name: 'kowalski', organization_id: org });
    const e = upsertPerson(ctx, { first_name: 'Maria', last_name: 'Kowalski', organization_id: other });
    expect(d.id).toBe(c.id);
    expect(e.id).not.toBe(c.id);
    // A person known by name only gets the e-mail a later row brings.
    const f = upsertPerson(ctx, { first_name: 'Maria', last_name: 'Kowalski', email: 'mkowalski@scottcounty.example', organization_id: org });
    expect(f.id).toBe(c.id);
    expect(ctx.db.prepare('SELECT email FROM people WHERE id = ?').get(c.id)).toEqual({ email: 'mkowalski@scottcounty.example' });
  });

  it('consent: an explicit answer overrides; a default only fills a blank', () => {
    const { db, ctx } = setup(1);
    const p = upsertPerson(ctx, { first_name: 'Ann', last_name: 'Lee', email: 'ann@x.example', share_contact: 1 });
    const later = context(db, 2);
    upsertPerson(later.ctx, { email: 'ann@x.example', share_contact: 0 });
    expect(db.prepare('SELECT share_contact FROM people').get()).toEqual({ share_contact: 1 });
    upsertPerson(later.ctx, { email: 'ann@x.example', share_contact: 0, share_contact_explicit: true });
    expect(db.prepare('SELECT share_contact FROM people').get()).toEqual({ share_contact: 0 });
    expect(later.changes.map((c) => [c[0], c[1], c[2].share_contact])).toEqual([['people', p.id, 1]]);
  });

  it('attendance: one per coalition and person; a check-in is never undone by a later file', () => {
    const { ctx, db } = setup();
    const p = upsertPerson(ctx, { first_name: 'Ann', last_name: 'Lee', email: 'ann@x.example' }).id;
    upsertAttendance(ctx, { coalition_id: 1, person_id: p, checked_in: true, checked_in_at: '2026-03-12T13:00:00Z' });
    const again = upsertAttendance(ctx, { coalition_id: 1, person_id: p, checked_in: false, registered_at: '2026-02-01' });
    expect(again.created).toBe(false);
    expect(db.prepare('SELECT checked_in, checked_in_at, registered_at FROM attendance').all()).toEqual([{ checked_in: 1, checked_in_at: '2026-03-12T13:00:00Z', registered_at: '2026-02-01' }]);
  });
});

describe('packed rows (how a prepared row travels from the reader thread)', () => {
  it('an organization and a person come back field for field through JSON', () => {
    const org = { name: "Love's Travel Stop #784", name_key: 'loves travel stop #784', city_key: 'walcott', sector: 'truck_stop', agency_type: null, sector_source: 'column' as const, store_number: '784', address: '1 Main St', address2: 'Suite 2', city: 'Walcott', state: 'IA', zip: '52773', county_fips: '19163', county_source: 'zip', lat: 41.58, lon: -90.77, phone: '+15635550100', phone_ext: '12', email: 'gm@loves.example', website: 'https://loves.example', statewide: 0 as const, notes: 'night manager' };
    const person = { name_key: 'dana kessler', first_name: 'Dana', last_name: 'Kessler', prefix: 'Lt.', suffix: 'Jr.', title: 'Lieutenant', email: 'dk@isp.example', phone: '+15155550142', phone_ext: '7', organization_id: 4, sector: 'law_enforcement', agency_type: 'state_patrol', address: 'a', address2: 'b', city: 'Ankeny', state: 'IA', zip: '50023', county_fips: '19153', county_source: 'column', lat: 41.7, lon: -93.6, share_contact: 1 as const, share_contact_explicit: true, notes: 'n' };
    expect(unpackOrg(JSON.parse(JSON.stringify(packOrg(org))) as PackedOrg)).toEqual(org);
    expect(unpackPerson(JSON.parse(JSON.stringify(packPerson(person))) as PackedPerson)).toEqual(person);
    // Fields left out come back as null.
    expect(unpackOrg(packOrg({ name: 'X' }))).toMatchObject({ name: 'X', sector: null, lat: null, notes: null });
  });
});
