import { describe, expect, it } from 'vitest';
import { editActivity, findOrganization, listActivities, logActivity, validateActivity, victimDetailProblem } from '../../src/core/activities/index.js';
import { activitiesKind, activityDate } from '../../src/core/import/kinds/activities.js';
import { RowRejected, type RowContext } from '../../src/core/import/types.js';
import { createCoalition, requireCoalitionRow } from '../../src/core/coalitions.js';
import type { DB } from '../../src/db/connection.js';
import { addOrg, memoryDb } from './report-seed.js';

const now = new Date('2026-11-28T12:00:00Z');

async function setup() {
  const db = await memoryDb();
  createCoalition(db, { name: 'Iowa', states: ['IA'], buildDate: '2026-03-12' }, now);
  const c = requireCoalitionRow(db, 'ia-2026');
  const hawkeye = addOrg(db, { name: 'Hawkeye Freight Lines', sector: 'trucking', agency_type: 'carrier' });
  const loves = addOrg(db, { name: "Love's Travel Stop", sector: 'truck_stop', city: 'Altoona' });
  db.prepare("UPDATE organizations SET store_number = '784', name_key = 'loves travel stop #784' WHERE id = ?").run(loves);
  const sheriff = addOrg(db, { name: "Scott County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff' });
  const provider = addOrg(db, { name: 'Heartland Survivor Advocacy Network', sector: 'victim_services' });
  return { db, c, hawkeye, loves, sheriff, provider };
}

describe('validateActivity', () => {
  it.each([
    [{ kind: 'commitment', org: 'Hawkeye Freight Lines', what: 'Train Drivers' }, { kind: 'commitment', details: { what: 'train-drivers' } }],
    [{ kind: 'distribution-point', org: '#784', materials: 'wallet cards; posters, wallet cards', count: '1,000' }, { details: { materials: ['wallet cards', 'posters'] }, count: 1000 }],
    [{ kind: 'training-event', audience: 'law enforcement', count: 12 }, { details: { audience: 'law_enforcement' }, count: 12, organization_id: null }],
    [{ kind: 'task-force', name: ' Central Iowa TF ', org: 'hawkeye' }, { details: { name: 'Central Iowa TF' } }],
    [{ kind: 'investigation', count: 2, date: '2026-09-30' }, { occurred_on: '2026-09-30', details: {} }],
    [{ kind: 'SBI', component: 'Executive Order', status: 'in progress' }, { kind: 'sbi', details: { component: 'executive-order', status: 'in-progress' } }],
    [{ kind: 'cdl-mandate', status: 'PASSED' }, { details: { status: 'passed' } }],
    // kinds and values as coordinators write them in their sheets
    [{ kind: 'Task force member', name: 'Central Iowa TF', org: 'hawkeye' }, { kind: 'task-force' }],
    [{ kind: 'Agenda item', item: 'Survivor-leader session' }, { kind: 'agenda', details: { item: 'survivor-session' } }],
    [{ kind: 'Distribution point', org: '#784' }, { kind: 'distribution-point' }],
    [{ kind: 'Training', audience: 'Truck stops', count: 20 }, { kind: 'training-event', details: { audience: 'truck_stop' } }],
    [{ kind: 'provider-invited', org: 'Heartland Survivor' }, { details: {} }],
    [{ kind: 'agenda', item: 'survivor session' }, { details: { item: 'survivor-session' }, occurred_on: '2026-03-12' }],
  ])('%j', async (input, expected) => {
    const { db } = await setup();
    expect(validateActivity(db, input, { date: '2026-03-12' })).toMatchObject(expected);
  });

  it.each([
    [{ kind: 'party' }, /"party" is not a valid activity kind/],
    [{ kind: 'commitment', org: 'Hawkeye Freight Lines' }, /commitment is missing/],
    [{ kind: 'commitment', what: 'train-drivers' }, /needs an organization/],
    [{ kind: 'training-event', audience: 'trucking' }, /needs a count/],
    [{ kind: 'training-event', audience: 'truckers', count: 3 }, /"truckers" is not a valid audience sector/],
    [{ kind: 'sbi', component: 'asset-seizure', status: 'adopted' }, /"asset-seizure" is not a valid state-based initiative component/],
    [{ kind: 'sbi', component: 'cdl-curriculum', status: 'done' }, /"done" is not a valid status/],
    [{ kind: 'cdl-mandate', status: 'vetoed' }, /"vetoed" is not a valid CDL mandate status/],
    [{ kind: 'task-force' }, /needs a name/],
    [{ kind: 'agenda', item: 'lunch' }, /"lunch" is not a valid agenda item/],
    [{ kind: 'Task force members meeting', name: 'X' }, /"Task force members meeting" is not a valid activity kind/],
    [{ kind: 'investigation', count: 'two' }, /"two" is not a whole number/],
    [{ kind: 'investigation', date: '2026-02-30' }, /"2026-02-30" is not a date/],
    [{ kind: 'investigation', item: 'le-led-session' }, /--item does not apply to a investigation/],
    [{ kind: 'investigation', note: 'the girl was 15 years old' }, /seems to contain an age/],
    [{ kind: 'commitment', org: 'Nowhere Inc', what: 'train-drivers' }, /no organization "Nowhere Inc"/],
  ])('refuses %j', async (input, message) => {
    const { db } = await setup();
    expect(() => validateActivity(db, input, { date: '2026-03-12' })).toThrow(message);
  });

  it('lists the valid values in the hint', async () => {
    const { db } = await setup();
    try {
      validateActivity(db, { kind: 'sbi', component: 'x', status: 'adopted' }, { date: '2026-03-12' });
    } catch (e) {
      expect((e as { hint: string }).hint).toBe('use one of: executive-order, train-agencies, distribute-materials, forfeiture-funds, hotline-network, cdl-curriculum');
    }
  });

  it('warns when a task force member is not from the industry', async () => {
    const { db } = await setup();
    expect(validateActivity(db, { kind: 'task-force', name: 'TF', org: 'Scott County' }, { date: '2026-03-12' }).warnings[0]).toMatch(/law_enforcement sector; goal P2.3 counts industry members/);
  });
});

describe('victimDetailProblem', () => {
  it.each([
    ['assisted by Iowa DCI and a carrier dispatch team', undefined],
    ['2 investigations, Polk County', undefined],
    ['victim aged 16', 'an age'],
    ['girl named Sarah', 'a description of a person'],
    ['DOB 4/4/2009', 'a date of birth'],
    ['Ms. Jones was found', 'a name'],
    ['call her at (515) 555-0101', 'a phone number'],
    ['found at 123 Main Street', 'an address'],
    ['red hair, tattoo on arm', 'a physical description'],
    // an age or a description written as coordinators write them
    ['Victim, 17, recovered at a truck stop', 'an age'],
    ['one girl (15) recovered', 'an age'],
    ['16yo recovered', 'an age'],
    ['a 16-year-old recovered', 'an age'],
    ['Female juvenile recovered at the Iowa 80 lot', 'a description of a person'],
    ['Hispanic woman recovered', 'a description of a person'],
    // a name with an age beside it, a person word followed by a name
    ['Jane, 16, recovered at the Pilot', 'an age'],
    ['recovered Maria Lopez, 15, from a truck', 'an age'],
    ['Maria Lopez (15) recovered', 'an age'],
    ['victim Jane Doe was recovered', 'a name'],
    ['the girl Maria left with an advocate', 'a name'],
    ['Survivor Anna is safe', 'a name'],
    // ordinary notes are not refused
    ['Polk County Victim Services and Iowa DCI assisted', undefined],
    ['Referred to the Child Advocacy Center, Des Moines, 2 agencies', undefined],
    ['Sting on March 12, 2026 with Iowa DOT MVE', undefined],
    ['Recovered with help from Ames, 2 carriers and the Iowa State Patrol', undefined],
    ['A 3-year operation with Iowa DOT MVE', undefined],
    ['2 years of joint work with the Iowa State Patrol', undefined],
    ['Sting during the Knoxville Nationals race weekend, Marion County', undefined],
    ['Victims: 2; 3 arrests; Iowa DCI and Hawkeye Freight Lines assisted', undefined],
    ['Operation ran 12 hours at 5 truck stops on I-80', undefined],
  ])('%j → %j', (note, problem) => expect(victimDetailProblem(note)).toBe(problem));
});

describe('findOrganization', () => {
  it('finds by id, name, store number and city, and names the candidates when ambiguous', async () => {
    const { db, loves, hawkeye } = await setup();
    const other = addOrg(db, { name: "Love's Travel Stop", sector: 'truck_stop', city: 'Newton' });
    db.prepare("UPDATE organizations SET store_number = '809', name_key = 'loves travel stop #809' WHERE id = ?").run(other);
    expect(findOrganization(db, String(hawkeye)).name).toBe('Hawkeye Freight Lines');
    expect(findOrganization(db, 'hawkeye freight lines').id).toBe(hawkeye);
    expect(findOrganization(db, "Loves Travel Stop #784").id).toBe(loves);
    expect(findOrganization(db, "Love's Travel Stop store 809").id).toBe(other);
    expect(findOrganization(db, "Love's Travel Stop, Newton").id).toBe(other);
    // a store number written without '#', as in a coordinator's sheet
    expect(findOrganization(db, "Love's Travel Stop 809").id).toBe(other);
    expect(findOrganization(db, "Love's 784").id).toBe(loves);
    expect(() => findOrganization(db, "Love's Travel Stop")).toThrow(/matches 2 organizations/);
    expect(() => findOrganization(db, "Love's Travel Stop #1")).toThrow(/no organization/);
  });

  it('names two stores of one number once each, and asks for the city', async () => {
    const { db, loves } = await setup();
    db.prepare("UPDATE organizations SET name = 'Love''s Travel Stop #784', store_number = '784', name_key = 'loves travel stop #784', city = 'Altoona' WHERE id = ?").run(loves);
    const other = addOrg(db, { name: "Love's Travel Stop #784", sector: 'truck_stop', city: 'Marshalltown' });
    db.prepare("UPDATE organizations SET store_number = '784', name_key = 'loves travel stop #784' WHERE id = ?").run(other);
    let hint = '';
    try {
      findOrganization(db, "Love's Travel Stop #784");
    } catch (e) {
      hint = (e as { hint?: string }).hint ?? '';
    }
    expect(hint).toBe(`pass the id, or add ", City": ${loves} (Love's Travel Stop #784, Altoona); ${other} (Love's Travel Stop #784, Marshalltown)`);
  });
});

describe('log, list, edit', () => {
  it('a repeated log changes nothing; an edit revalidates the whole activity', async () => {
    const { db, c, loves } = await setup();
    const a = logActivity(db, c, { kind: 'distribution-point', org: String(loves), materials: 'posters', count: 100, date: '2026-04-01' }, now);
    expect(a.duplicate).toBe(false);
    expect(db.prepare('SELECT distribution_point FROM organizations WHERE id = ?').get(loves)).toEqual({ distribution_point: 1 });
    expect(logActivity(db, c, { kind: 'distribution-point', org: String(loves), materials: 'posters', count: 100, date: '2026-04-01' }, now)).toMatchObject({ duplicate: true, activity: { id: a.activity.id } });
    const e = editActivity(db, c.id, a.activity.id, { count: 150 }, now);
    expect(e.activity).toMatchObject({ count: 150, details: { materials: ['posters'] }, date: '2026-04-01' });
    expect(() => editActivity(db, c.id, a.activity.id, { kind: 'sbi' }, now)).toThrow(/component is missing/);
    expect(editActivity(db, c.id, a.activity.id, { kind: 'sbi', component: 'train-agencies', status: 'adopted' }, now).activity).toMatchObject({ kind: 'sbi', details: { component: 'train-agencies', status: 'adopted' } });
    expect(listActivities(db, c.id, { kind: 'sbi' })).toHaveLength(1);
    expect(listActivities(db, c.id, { from: '2026-05-01' })).toHaveLength(0);
    expect(() => listActivities(db, c.id, { kind: 'nope' })).toThrow(/--kind "nope" is not an activity kind/);
  });
});

function rowContext(db: DB, coalition: ReturnType<typeof requireCoalitionRow>) {
  const updates: Array<[string, number, Record<string, unknown>]> = [];
  const warnings: Array<[string, string]> = [];
  db.prepare("INSERT INTO import_batches (id, kind, content_hash, started_at) VALUES (1, 'activities', 'h', 'x')").run();
  const ctx: RowContext = {
    db, coalition, now,
    batch: { id: 1, recordUpdate: (t, id, before) => void updates.push([t, id, before]) },
    warn: (f, m) => void warnings.push([f, m]),
    counters: { inserted: {}, updated: {}, duplicates: 0, skipped: {} },
    cache: new Map(),
  };
  return { ctx, updates, warnings };
}

describe('the activities import kind', () => {
  it.each([
    ['3/9/2026', '2026-03-09'], ['2026-3-9', '2026-03-09'], [46090, '2026-03-09'], [new Date(Date.UTC(2026, 2, 9)), '2026-03-09'], ['', null], [null, null],
    ['March 12 2026', '2026-03-12'], ['12 Mar 2026', '2026-03-12'], ['04/02/26', '2026-04-02'], ['Thursday, March 12, 2026', '2026-03-12'], ['soon', 'soon'],
  ])('date %j → %j', (cell, iso) => expect(activityDate(cell as never)).toBe(iso));

  it('writes rows with the batch id, defaults the date to the build, records the org flag it sets', async () => {
    const { db, c, loves } = await setup();
    const { ctx, updates } = rowContext(db, c);
    activitiesKind.writeRow({ line: 2, fields: { kind: 'agenda', item: 'le-led-session' }, raw: [] }, ctx);
    activitiesKind.writeRow({ line: 3, fields: { kind: 'distribution-point', organization: "Love's Travel Stop #784", count: 250, materials: 'wallet cards,posters', date: '4/9/2026' }, raw: [] }, ctx);
    activitiesKind.writeRow({ line: 4, fields: { kind: 'agenda', item: 'le-led-session' }, raw: [] }, ctx);
    expect(ctx.counters).toEqual({ inserted: { activities: 2 }, updated: { organizations: 1 }, duplicates: 1, skipped: {} });
    expect(updates).toEqual([['organizations', loves, { distribution_point: 0 }]]);
    expect(db.prepare('SELECT kind, occurred_on, created_batch FROM activities ORDER BY id').all()).toEqual([
      { kind: 'agenda', occurred_on: '2026-03-12', created_batch: 1 },
      { kind: 'distribution-point', occurred_on: '2026-04-09', created_batch: 1 },
    ]);
  });

  it.each([
    [{ kind: 'sbi', component: 'asset-seizure', status: 'adopted' }, 'component', /"asset-seizure" is not a valid state-based initiative component \(use one of: executive-order/],
    [{ kind: 'commitment', organization: 'Nowhere', what: 'train-drivers' }, 'organization', /no organization "Nowhere"/],
    [{ kind: 'investigation', note: 'victim aged 15' }, 'note', /never victim details/],
    [{ kind: '' }, 'kind', /activity kind is missing/],
  ])('rejects %j naming the field', async (fields, field, reason) => {
    const { db, c } = await setup();
    const { ctx } = rowContext(db, c);
    try {
      activitiesKind.writeRow({ line: 9, fields, raw: [] }, ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RowRejected);
      expect((e as RowRejected).field).toBe(field);
      expect((e as RowRejected).reason).toMatch(reason);
    }
  });
});
