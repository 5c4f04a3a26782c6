/**
 * Each goal's metrics and status on the hand-made Iowa coalition of report-seed.ts. The comments
 * show the arithmetic from the seeded rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/connection.js';
import { requireCoalitionRow, createCoalition } from '../../src/core/coalitions.js';
import { computeReport, computeReports, type GoalResult, type Report } from '../../src/core/report/compute.js';
import { setTarget, listTargets } from '../../src/core/report/goals.js';
import { reportCsv, reportMarkdown, reportText } from '../../src/core/report/render.js';
import { addOrg, memoryDb, seedIowa } from './report-seed.js';

let db: DB;
let r: Report;
const goal = (rep: Report, id: string): GoalResult => rep.goals.find((g) => g.id === id)!;

beforeAll(async () => {
  db = await memoryDb();
  seedIowa(db);
  r = computeReport(db, requireCoalitionRow(db, 'ia-2026'), { asOf: '2026-11-28' });
});

describe('report of ia-2026 as of 2026-11-28', () => {
  it('counts participants the way TAT does: checked-in attendees', () => {
    // 11 registered; Ed (DOT/MVE) and Kit (Pilot) did not check in → 9 attended:
    // LE: Ana (sheriff), Ben (sheriff), Cy (state patrol), Di (police) = 4; trucking: Flo, Gus = 2;
    // truck stops: Hal, Ivy = 2; government: Jo = 1.
    expect(r.participants).toEqual({
      registered: 11,
      attended: 9,
      by_sector: { law_enforcement: 4, trucking: 2, truck_stop: 2, government: 1 },
      by_agency_type: {
        law_enforcement: { sheriff: 2, state_patrol: 1, police: 1 },
        trucking: { carrier: 1, association: 1 },
        truck_stop: { unspecified: 2 },
        government: { attorney_general: 1 },
      },
    });
  });

  it('P1.1: state patrol yes, DOT/MVE no, 2 sheriff counties, 1 carrier, 2 truck stops', () => {
    // progress = mean(min(1, 1/1), 0/1, 2/5, 1/5, 2/5) = (1 + 0 + 0.4 + 0.2 + 0.4) / 5 = 0.4
    const g = goal(r, 'P1.1');
    expect(g.metrics).toEqual({ law_enforcement: 4, state_patrol: 1, dot_mve: 0, sheriff_counties: 2, carriers: 1, truck_stops: 2 });
    expect(g.status).toBe('in_progress');
    expect(g.progress).toBe(0.4);
    expect(g.missing).toContain('no DOT/MVE officer attended');
    expect(g.missing).toContain("sheriff's offices of 2 counties attended; target 5");
  });

  it('P1.2: 6 of 9 attendees signed off on build-initial', () => {
    // Ana, Ben, Cy, Flo, Hal, Jo signed (Ed signed but did not check in) → 6/9 = 0.667;
    // progress = 0.6667 / 0.9 = 0.741
    const g = goal(r, 'P1.2');
    expect(g.metrics).toEqual({ attended: 9, signed_off: 6, trained_share: 0.667 });
    expect(g.progress).toBe(0.741);
    expect(g.status).toBe('in_progress');
    expect(g.missing).toEqual(['3 checked-in attendees without a sign-off for the initial training (build-initial)']);
  });

  it('P1.3: 2 of 4 Iowa truck stops have a local officer; 2 counties uncovered', () => {
    // Stops: Love's (Polk), Pilot (Story), Flying J (Dallas), TA (Linn); local LE orgs with people:
    // Polk sheriff, Story sheriff, Des Moines police (Polk); the state patrol is not local.
    // Covered: Love's, Pilot → 2/4 = 0.5. Uncovered counties: Dallas, Linn.
    // Attending stops: Love's (Polk: Ana, Di attended → introduced), Flying J (Dallas: nobody) → 1/2.
    // progress = (0.5/0.9 + 0.5/1) / 2 = (0.5556 + 0.5) / 2 = 0.528
    const g = goal(r, 'P1.3');
    expect(g.metrics).toMatchObject({ truck_stops: 4, truck_stops_with_local_officer: 2, local_share: 0.5, counties_uncovered: 2, uncovered_counties: ['19049', '19113'], attending_truck_stops: 2, introduced: 1, introduced_share: 0.5, source: 'officers by county' });
    expect(g.progress).toBe(0.528);
    expect(g.missing).toContain('2 counties with truck stops have no local officer');
    expect(g.missing).toContain('1 attending truck stop met no attending officer from their county');
  });

  it('P1.3 uses the saved contact list when there is one', async () => {
    const db2 = await memoryDb();
    const s = seedIowa(db2);
    // The pairing put a county officer on Love's and a pinned one on TA: covered = 2 of 4 again,
    // but the uncovered counties are now Story (Pilot) and Dallas (Flying J).
    const ins = db2.prepare("INSERT INTO pairings (coalition_id, stop_id, person_id, rank, match, computed_at) VALUES (?, ?, ?, 1, ?, '2026-04-01T00:00:00Z')");
    ins.run(s.cid, s.orgs.loves, s.people.p1, 'county');
    ins.run(s.cid, s.orgs.ta, s.people.p1, 'pinned');
    ins.run(s.cid, s.orgs.pilot, s.people.p3, 'nearest');
    const g = goal(computeReport(db2, requireCoalitionRow(db2, 'ia-2026'), { asOf: '2026-11-28' }), 'P1.3');
    expect(g.metrics).toMatchObject({ truck_stops_with_local_officer: 2, uncovered_counties: ['19049', '19169'], source: 'saved pairing' });
  });

  it('P1.3 counts a county agency listed by its main line only as a local contact, as pair and gaps do', async () => {
    for (const saved of [false, true]) {
      const db2 = await memoryDb();
      const s = seedIowa(db2);
      // the Dallas County sheriff, with no named officer: the Flying J in Dallas gets its main line
      addOrg(db2, { name: "Dallas County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', county: '19049' });
      if (saved) db2.prepare("INSERT INTO pairings (coalition_id, stop_id, person_id, rank, match, computed_at) VALUES (?, ?, ?, 1, 'county', '2026-04-01T00:00:00Z')").run(s.cid, s.orgs.loves, s.people.p1);
      const g = goal(computeReport(db2, requireCoalitionRow(db2, 'ia-2026'), { asOf: '2026-11-28' }), 'P1.3');
      expect(g.metrics.uncovered_counties, saved ? 'saved pairing' : 'officers by county').not.toContain('19049');
    }
  });

  it('P1.4: one carrier engaged, 120 drivers trained after the build', () => {
    // Heartland: commitment + 120 drivers on 2026-05-01; Prairie's 80 on 2026-02-01 predate the build.
    // progress = (1/5 + 120/500) / 2 = (0.2 + 0.24) / 2 = 0.22
    const g = goal(r, 'P1.4');
    expect(g.metrics).toEqual({ carriers_committed: 1, carriers_training: 1, carriers_engaged: 1, drivers_trained: 120 });
    expect(g.progress).toBe(0.22);
    expect(g.status).toBe('in_progress');
  });

  it('P1.5: one stop training employees, two distribution points', () => {
    // Love's: 25 employees; distribution points: Love's (logged) + Pilot (flagged) = 2; 400 materials.
    // progress = (1/5 + 2/5) / 2 = 0.3
    const g = goal(r, 'P1.5');
    expect(g.metrics).toEqual({ stops_committed: 0, stops_training: 1, employees_trained: 25, distribution_points: 2, materials_distributed: 400, materials: ['posters', 'wallet cards'] });
    expect(g.progress).toBe(0.3);
  });

  it('P1.6: the LE-led session held, no survivor-leader session; 2 of 4 LE attendees signed off', () => {
    // progress = (1/2 + 0.5/0.8) / 2 = (0.5 + 0.625) / 2 = 0.5625 → 0.563
    const g = goal(r, 'P1.6');
    expect(g.metrics).toEqual({ agenda_items: 1, le_led_session: 1, survivor_session: 0, le_attended: 4, le_signed_off: 2, le_trained_share: 0.5 });
    expect(g.progress).toBe(0.563);
    expect(g.missing[0]).toMatch(/no survivor-leader session/);
  });

  it('P1.7: 2 terms flagged in the latest check, down from 8', () => {
    // progress = (8 - 2) / 8 = 0.75
    const g = goal(r, 'P1.7');
    expect(g.metrics).toEqual({ flagged_terms: 2, checked_on: '2026-04-01', checks: 2, first_flagged_terms: 8 });
    expect(g.status).toBe('in_progress');
    expect(g.progress).toBe(0.75);
  });

  it('P1.8: a vetted provider invited, 2 local resources of 3', () => {
    // progress = (1/1 + 2/3) / 2 = 0.833
    const g = goal(r, 'P1.8');
    expect(g.metrics).toEqual({ providers_invited: 1, vetted_providers_invited: 1, local_resources: 2 });
    expect(g.progress).toBe(0.833);
  });

  it('P2.1: two training events after the build, 75 people', () => {
    // 35 + 40 = 75 (the event of 2026-02-01 predates the build); progress = (2/4 + 75/200)/2 = 0.4375 → 0.438
    const g = goal(r, 'P2.1');
    expect(g.metrics).toEqual({ training_events: 2, people_trained: 75, by_audience: { law_enforcement: 35, truck_stop: 40 }, by_year: { '2026': 75 } });
    expect(g.progress).toBe(0.438);
  });

  it('P2.2: hotline contacts 50 per month before, 66 after: +32%', () => {
    // before: 2025-03 … 2026-02 = 12 months of 40 + 10 = 50; after: 2026-04 … 2026-09 = 6 months of
    // 60 + 6 = 66; (66 − 50) / 50 = +32% ≥ 10% → met. Cases: 4 → 5 = +25%.
    const g = goal(r, 'P2.2');
    expect(g.metrics).toEqual({ granularity: 'month', before_periods: 12, before_mean: 50, after_periods: 6, after_mean: 66, change_pct: 32, cases_before_mean: 4, cases_after_mean: 5, cases_change_pct: 25 });
    expect(g.status).toBe('met');
    expect(g.progress).toBe(1);
    expect(r.hotline?.series).toHaveLength(2 + 12 + 1 + 6);
  });

  it('P2.3 – P2.6', () => {
    // P2.3: Central Iowa TF has the trucking association; Story County TF only the sheriff → 1 → met.
    expect(goal(r, 'P2.3')).toMatchObject({ status: 'met', progress: 1, metrics: { task_forces: 2, task_forces_with_industry: 1, industry_members: 1 } });
    // P2.4: one entry with count 2 → met.
    expect(goal(r, 'P2.4')).toMatchObject({ status: 'met', metrics: { investigations: 2, last_logged: '2026-09-30' } });
    // P2.5: executive-order adopted, train-agencies adopted (latest), hotline-network in progress:
    // progress = (2 + 0.5) / 6 = 0.417
    const p25 = goal(r, 'P2.5');
    expect(p25).toMatchObject({ status: 'in_progress', progress: 0.417, metrics: { components_adopted: 2, components_in_progress: 1 } });
    expect(p25.missing).toHaveLength(4);
    // P2.6: latest status introduced = stage 2 of 4 → 0.5
    expect(goal(r, 'P2.6')).toMatchObject({ status: 'in_progress', progress: 0.5, metrics: { status: 'introduced', stage: 2 }, missing: ['CDL entry-level mandate: introduced; target: implemented'] });
  });

  it('never prints a person\'s name', () => {
    const text = reportText(r) + reportMarkdown(r) + reportCsv([r]) + JSON.stringify(r);
    for (const name of ['Ana', 'Deputy', 'Trooper', 'Ivy', 'Kit']) expect(text).not.toContain(name);
  });
});

describe('computeReports (--all)', () => {
  it('reads shared rows once and gives the same reports as one at a time', async () => {
    const d = await memoryDb();
    seedIowa(d);
    createCoalition(d, { name: 'Nebraska', states: ['NE'], buildDate: '2026-06-02' }, new Date());
    const rows = [requireCoalitionRow(d, 'ia-2026'), requireCoalitionRow(d, 'ne-2026')];
    for (const asOf of ['2026-11-28', '2026-03-01']) {
      expect(computeReports(d, rows, { asOf })).toEqual(rows.map((c) => computeReport(d, c, { asOf })));
    }
  });
});

describe('--as-of before the build', () => {
  it('has registrations but no attendance and no phase-2 post-build data', () => {
    const b = computeReport(db, requireCoalitionRow(db, 'ia-2026'), { asOf: '2026-03-01' });
    expect(b.participants).toMatchObject({ registered: 11, attended: 0, by_sector: {} });
    expect(goal(b, 'P1.1').status).toBe('no_data');
    expect(goal(b, 'P1.2').status).toBe('no_data');
    // Lint: only the first check (8 terms) → not started.
    expect(goal(b, 'P1.7')).toMatchObject({ status: 'not_started', progress: 0, metrics: { flagged_terms: 8 } });
    // The provider was invited on 2026-02-15: that counts before the build.
    expect(goal(b, 'P1.8').metrics.vetted_providers_invited).toBe(1);
    expect(goal(b, 'P2.1')).toMatchObject({ status: 'not_started', metrics: { training_events: 0, people_trained: 0 } });
    expect(goal(b, 'P2.1').missing).toEqual(['the build (2026-03-12) had not taken place by 2026-03-01']);
    expect(goal(b, 'P2.2')).toMatchObject({ status: 'no_data', metrics: { after_periods: 0, change_pct: null } });
    expect(goal(b, 'P2.3').status).toBe('not_started');
    expect(goal(b, 'P2.4').status).toBe('not_started');
    expect(goal(b, 'P2.5').status).toBe('no_data');
    expect(goal(b, 'P2.6').status).toBe('no_data');
  });
});

describe('targets', () => {
  it('overrides per coalition, and a met goal follows the new target', async () => {
    const d = await memoryDb();
    const s = seedIowa(d);
    expect(setTarget(d, s.cid, 'P1.1', 'dot_mve', '0')).toMatchObject({ value: 0, changed: true });
    setTarget(d, s.cid, 'P1.1', 'sheriff_counties', '2');
    setTarget(d, s.cid, 'P1.1', 'carriers', '1');
    setTarget(d, s.cid, 'P1.1', 'truck_stops', '2');
    expect(goal(computeReport(d, requireCoalitionRow(d, 'ia-2026'), { asOf: '2026-11-28' }), 'P1.1')).toMatchObject({ status: 'met', progress: 1, missing: [] });
    expect(setTarget(d, s.cid, 'P1.2', 'trained_share', '60%').value).toBe(0.6);
    expect(setTarget(d, s.cid, 'P2.6', 'stage', 'introduced').value).toBe(2);
    expect(goal(computeReport(d, requireCoalitionRow(d, 'ia-2026'), { asOf: '2026-11-28' }), 'P2.6').status).toBe('met');
    // Back to the default removes the override.
    setTarget(d, s.cid, 'P2.6', 'stage', 'implemented');
    expect(listTargets(d, s.cid).find((t) => t.goal === 'P2.6')!.changed).toBe(false);
    expect(() => setTarget(d, s.cid, 'P9.9', 'x', '1')).toThrow(/no goal "P9.9"/);
    expect(() => setTarget(d, s.cid, 'P1.1', 'nope', '1')).toThrow(/goal P1.1 has no target "nope"/);
    expect(() => setTarget(d, s.cid, 'P1.2', 'trained_share', '1.5')).toThrow(/between 0 and 1/);
    expect(() => setTarget(d, s.cid, 'P1.1', 'carriers', 'lots')).toThrow(/not a number/);
  });

  it('an empty coalition has no data rather than failures', async () => {
    const d = await memoryDb();
    const c = createCoalition(d, { name: 'Empty', states: ['NE'], buildDate: '2026-05-01' }, new Date());
    const e = computeReport(d, requireCoalitionRow(d, c.slug), { asOf: '2026-11-28' });
    expect(e.participants.attended).toBe(0);
    expect(Object.fromEntries(e.goals.map((g) => [g.id, g.status]))).toEqual({
      'P1.1': 'no_data', 'P1.2': 'no_data', 'P1.3': 'no_data', 'P1.4': 'not_started', 'P1.5': 'not_started', 'P1.6': 'no_data', 'P1.7': 'no_data', 'P1.8': 'not_started',
      'P2.1': 'not_started', 'P2.2': 'no_data', 'P2.3': 'not_started', 'P2.4': 'not_started', 'P2.5': 'no_data', 'P2.6': 'no_data',
    });
  });
});
