/**
 * `report --all` (computeReports, rows read once for every coalition) must give exactly what
 * computeReport gives one coalition at a time, on a seeded random database with the awkward cases:
 * check-ins without a time, with an empty one or after the as-of date, registrations without a date,
 * people with their own sector, agency type or county, organizations without a county, multi-state
 * coalitions, people registered for two builds, sign-offs linked to a coalition or not, training
 * counts at organizations outside the coalition's states. The participants and the sign-off counts
 * are also checked against a plain count over the raw rows (what the report counted before it
 * grouped them in SQL).
 */
import { describe, expect, it } from 'vitest';
import { createCoalition, requireCoalitionRow } from '../../src/core/coalitions.js';
import { computeReport, computeReports, reportCoalitions } from '../../src/core/report/compute.js';
import type { DB } from '../../src/db/connection.js';
import { activity, addOrg, addPerson, hotline, memoryDb, signoff, trainingCount } from './report-seed.js';

const TS = '2026-01-01T00:00:00Z';

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = ['IA', 'NE', 'MO', 'KS'];
const COUNTIES: Record<string, string[]> = { IA: ['19153', '19169', '19049'], NE: ['31055', '31109'], MO: ['29095', '29189'], KS: ['20091', '20173'] };
const KINDS: Array<[string, string | null]> = [['law_enforcement', 'sheriff'], ['law_enforcement', 'police'], ['law_enforcement', 'state_patrol'], ['law_enforcement', 'dot_mve'], ['law_enforcement', null],
  ['truck_stop', null], ['trucking', 'carrier'], ['trucking', null], ['trucking', 'association'], ['victim_services', null], ['government', 'attorney_general'], ['ngo', null]];
const MODULES = ['build-initial', 'le-victim-centered', 'driver', 'truck-stop-employee', 'survivor-session'];

function seed(db: DB, s: number): void {
  const r = prng(s);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T,>(xs: T[]): T => xs[int(xs.length)];
  const day = () => `${2025 + int(2)}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  const coalitions = [
    createCoalition(db, { slug: 'ia-26', name: 'Iowa', states: ['IA'], buildDate: '2026-03-12' }, new Date(TS)).id,
    createCoalition(db, { slug: 'ne-mo', name: 'Nebraska and Missouri', states: ['NE', 'MO'], buildDate: '2025-09-30' }, new Date(TS)).id,
    createCoalition(db, { slug: 'ks-27', name: 'Kansas', states: ['KS'], buildDate: '2027-01-15' }, new Date(TS)).id,
  ];
  const orgs: number[] = [];
  for (let i = 0; i < 60; i++) {
    const st = pick(STATES);
    const [sector, agency] = pick(KINDS);
    orgs.push(addOrg(db, { name: `Org ${i}`, sector, agency_type: agency, state: st, county: r() < 0.15 ? null : pick(COUNTIES[st]), distribution_point: sector === 'truck_stop' && r() < 0.3 ? 1 : 0, vetted_by: sector === 'victim_services' && r() < 0.5 ? 'AG' : null }));
  }
  const people: number[] = [];
  for (let i = 0; i < 300; i++) {
    const id = addPerson(db, `P${i}`, `L${i}`, pick(orgs));
    people.push(id);
    // Some people carry their own sector, agency type or county.
    if (r() < 0.15) {
      const [sector, agency] = pick(KINDS);
      db.prepare('UPDATE people SET sector = ?, agency_type = ? WHERE id = ?').run(sector, r() < 0.5 ? agency : null, id);
    }
    if (r() < 0.2) db.prepare('UPDATE people SET county_fips = ? WHERE id = ?').run(pick(COUNTIES[pick(STATES)]), id);
  }
  const insAtt = db.prepare('INSERT OR IGNORE INTO attendance (coalition_id, person_id, registered_at, checked_in, checked_in_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const p of people) {
    for (const c of coalitions) {
      if (r() < 0.45) continue;
      const checkedIn = r() < 0.8 ? 1 : 0;
      const at = r();
      insAtt.run(c, p, r() < 0.1 ? null : r() < 0.05 ? '' : `${day()}T09:00:00Z`, checkedIn, checkedIn && at < 0.5 ? null : checkedIn && at < 0.6 ? '' : `${day()}T10:0${int(9)}:00-06:00`, TS, TS);
    }
  }
  const seen = new Set<string>();
  for (let i = 0; i < 900; i++) {
    const p = pick(people), m = pick(MODULES), d = day();
    if (seen.has(`${p}|${m}|${d}`)) continue;
    seen.add(`${p}|${m}|${d}`);
    signoff(db, p, m, d, r() < 0.5 ? pick(coalitions) : null);
  }
  const seenCounts = new Set<string>();
  for (let i = 0; i < 80; i++) {
    const o = pick(orgs), m = pick(['driver', 'truck-stop-employee']), d = day();
    if (seenCounts.has(`${o}|${m}|${d}`)) continue;
    seenCounts.add(`${o}|${m}|${d}`);
    trainingCount(db, o, m, 1 + int(40), d, r() < 0.5 ? pick(coalitions) : null);
  }
  const ACTS: Array<[string, () => object]> = [['commitment', () => ({ what: pick(['train-drivers', 'train-employees']) })], ['distribution-point', () => ({ materials: ['posters'] })],
    ['training-event', () => ({ audience: 'trucking' })], ['task-force', () => ({ name: `TF ${int(3)}` })], ['investigation', () => ({})], ['agenda', () => ({ item: pick(['le-led-session', 'survivor-session']) })],
    ['sbi', () => ({ component: 'executive-order', status: pick(['adopted', 'in-progress']) })], ['cdl-mandate', () => ({ status: pick(['proposed', 'passed']) })], ['provider-invited', () => ({})]];
  for (let i = 0; i < 120; i++) {
    const [kind, details] = pick(ACTS);
    activity(db, pick(coalitions), kind, day(), { org: r() < 0.7 ? pick(orgs) : null, count: r() < 0.5 ? 1 + int(30) : null, details: details() });
  }
  for (const st of STATES) for (let y = 2024; y <= 2026; y++) for (let m = 1; m <= 12; m++) if (r() < 0.9) hotline(db, st, `${y}-${String(m).padStart(2, '0')}`, 20 + int(50), r() < 0.8 ? int(10) : null, int(5));
  db.prepare('INSERT INTO lint_runs (coalition_id, checked_at, findings) VALUES (?, ?, ?)').run(coalitions[0], '2026-02-01T10:00:00Z', 6);
}

/** The participants and sign-off counts the way the report counted them before: row by row. */
function plainCounts(db: DB, cid: number, asOf: string) {
  const rows = db.prepare(`SELECT a.person_id, coalesce(p.sector, o.sector, 'other') AS sector, a.checked_in, a.checked_in_at, a.registered_at, c.build_date
                             FROM attendance a JOIN coalitions c ON c.id = a.coalition_id JOIN people p ON p.id = a.person_id LEFT JOIN organizations o ON o.id = p.organization_id
                            WHERE a.coalition_id = ?`).all(cid) as Array<{ person_id: number; sector: string; checked_in: number; checked_in_at: string | null; registered_at: string | null; build_date: string }>;
  const signed = (person: number, module: string) => db.prepare('SELECT 1 FROM signoffs WHERE person_id = ? AND module_id = ? AND completed_on <= ?').get(person, module, asOf) !== undefined;
  const registered = rows.filter((r) => !r.registered_at || r.registered_at.slice(0, 10) <= asOf).length;
  const att = rows.filter((r) => r.checked_in === 1 && (r.checked_in_at ? r.checked_in_at.slice(0, 10) <= asOf : r.build_date <= asOf));
  const le = att.filter((r) => r.sector === 'law_enforcement');
  return { registered, attended: att.length, initial: att.filter((r) => signed(r.person_id, 'build-initial')).length, le: le.length, leSigned: le.filter((r) => signed(r.person_id, 'le-victim-centered')).length };
}

describe('report --all on a seeded random database', () => {
  it.each([1, 2, 3])('computeReports equals computeReport per coalition (seed %i)', async (s) => {
    const db = await memoryDb();
    seed(db, s);
    const rows = reportCoalitions(db);
    expect(rows.map((c) => c.slug)).toEqual(['ne-mo', 'ia-26', 'ks-27']);
    for (const asOf of ['2025-06-30', '2025-12-31', '2026-03-12', '2026-11-28', '2027-06-01']) {
      const all = computeReports(db, rows, { asOf });
      expect(all).toEqual(rows.map((c) => computeReport(db, requireCoalitionRow(db, c.slug), { asOf })));
      for (const [i, c] of rows.entries()) {
        const want = plainCounts(db, c.id, asOf);
        const r = all[i];
        expect({ registered: r.participants.registered, attended: r.participants.attended }).toEqual({ registered: want.registered, attended: want.attended });
        expect(Object.values(r.participants.by_sector).reduce((a, b) => a + b, 0)).toBe(want.attended);
        expect(r.goals.find((g) => g.id === 'P1.2')!.metrics.signed_off).toBe(want.initial);
        expect(r.goals.find((g) => g.id === 'P1.6')!.metrics).toMatchObject({ le_attended: want.le, le_signed_off: want.leSigned });
      }
    }
    // The seed is not degenerate: people attended, signed off and trained.
    const r = computeReports(db, rows, { asOf: '2027-06-01' });
    expect(r.some((x) => x.participants.attended > 20)).toBe(true);
    expect(r.some((x) => (x.goals.find((g) => g.id === 'P1.2')!.metrics.signed_off as number) > 0)).toBe(true);
    expect(r.some((x) => (x.goals.find((g) => g.id === 'P1.4')!.metrics.drivers_trained as number) > 0)).toBe(true);
    expect(r.some((x) => (x.goals.find((g) => g.id === 'P1.5')!.metrics.employees_trained as number) > 0)).toBe(true);
  });
});
