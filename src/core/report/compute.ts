/**
 * The goal-progress report of one coalition, computed from the database as it stood on a date.
 *
 * Participants are counted the way TAT counts them: checked-in attendees, by the person's sector
 * (else the organization's). Each goal gets metrics, targets (defaults or the coalition's own), a
 * status (`met`, `in_progress`, `not_started`, `no_data`), a progress fraction (the mean over its
 * targets of how far each is reached, capped at 1) and what is missing, in words.
 *
 * `asOf`: rows dated after it are ignored (sign-offs, training counts, activities, language checks,
 * hotline periods, pairings computed later); before the build nobody has attended yet and the
 * phase-2 goals have no post-build data.
 *
 * No person is ever named here: the report counts people, it does not list them.
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { coalitionStates, type CoalitionRow } from '../coalitions.js';
import { CDL_STATUSES, SBI_COMPONENTS, SBI_COMPONENT_NAMES, INDUSTRY_SECTORS } from '../activities/index.js';
import { chooseGranularity, compareAroundBuild, hotlineSeries, type Comparison, type HotlinePoint } from '../hotline/index.js';
import { GOALS, loadTargets, type GoalDef, type GoalId, type Targets } from './goals.js';

export type GoalStatus = 'met' | 'in_progress' | 'not_started' | 'no_data';

export type MetricValue = number | string | null | string[] | Record<string, number>;

export interface GoalResult {
  id: GoalId;
  phase: 1 | 2;
  title: string;
  status: GoalStatus;
  progress: number;
  metrics: Record<string, MetricValue>;
  target: Record<string, number>;
  missing: string[];
}

export interface Participants {
  registered: number;
  attended: number;
  by_sector: Record<string, number>;
  /** sector → agency type → attendees (agency type `unspecified` when not known). */
  by_agency_type: Record<string, Record<string, number>>;
}

export interface Report {
  coalition: { slug: string; name: string; states: string[]; build_date: string };
  as_of: string;
  participants: Participants;
  goals: GoalResult[];
  /** The hotline series behind P2.2 (for charts); absent when there are no figures. */
  hotline?: { granularity: 'month' | 'year'; series: Array<{ period: string; contacts: number | null; cases: number | null }>; comparison: Comparison };
}

export interface ReportOptions {
  /** ISO date; default today. */
  asOf: string;
  /** Rows read once for many coalitions (`report --all`, see computeReports). */
  shared?: SharedRows;
}

type AttendeeRow = Attendee & { coalition_id: number; checked_in: number; checked_in_at: string | null; registered_at: string | null };

/** What `computeReports` reads in one pass for every coalition instead of once per coalition. */
export interface SharedRows {
  attendees: Map<number, AttendeeRow[]>;
  /** module → coalition id → people signed off by as-of. */
  signed: Map<string, Map<number, Set<number>>>;
}

const ATTENDEE_SQL = `
    SELECT a.coalition_id, p.id AS person_id, coalesce(p.sector, o.sector, 'other') AS sector, coalesce(p.agency_type, o.agency_type) AS agency_type,
           o.id AS org_id, o.sector AS org_sector, coalesce(o.county_fips, p.county_fips) AS county,
           a.checked_in, a.checked_in_at, a.registered_at
      FROM attendance a JOIN people p ON p.id = a.person_id LEFT JOIN organizations o ON o.id = p.organization_id`;
const SIGNED_SQL = `SELECT a.coalition_id, s.person_id FROM attendance a CROSS JOIN signoffs s ON s.person_id = a.person_id`;
const REPORT_MODULES = ['build-initial', 'le-victim-centered'];

/**
 * Reports for many coalitions (`report --all`): attendance and attendees' sign-offs are read in one
 * pass over the tables rather than once per coalition.
 */
export function computeReports(db: DB, coalitions: CoalitionRow[], opts: { asOf: string }): Report[] {
  // Every coalition reads most of the database: a page cache that holds it (restored afterwards).
  const cacheBefore = Number(db.pragma('cache_size', { simple: true }));
  db.pragma('cache_size = -262144');
  try {
    return computeAll(db, coalitions, opts);
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
  }
}

function computeAll(db: DB, coalitions: CoalitionRow[], opts: { asOf: string }): Report[] {
  const attendees = new Map<number, AttendeeRow[]>();
  for (const r of stmt(db, ATTENDEE_SQL).all() as AttendeeRow[]) {
    let list = attendees.get(r.coalition_id);
    if (!list) attendees.set(r.coalition_id, (list = []));
    list.push(r);
  }
  const signed = new Map<string, Map<number, Set<number>>>();
  for (const m of REPORT_MODULES) {
    const byC = new Map<number, Set<number>>();
    for (const r of stmt(db, `${SIGNED_SQL} WHERE s.module_id = ? AND s.completed_on <= ?`).all(m, opts.asOf) as Array<{ coalition_id: number; person_id: number }>) {
      let set = byC.get(r.coalition_id);
      if (!set) byC.set(r.coalition_id, (set = new Set()));
      set.add(r.person_id);
    }
    signed.set(m, byC);
  }
  return coalitions.map((c) => computeReport(db, c, { asOf: opts.asOf, shared: { attendees, signed } }));
}

interface Attendee {
  person_id: number;
  sector: string;
  agency_type: string | null;
  org_id: number | null;
  org_sector: string | null;
  county: string | null;
  attended: number;
}

const LOCAL_LE = new Set(['sheriff', 'police', 'other']);
const isLocalOfficer = (sector: string, agency: string | null) => sector === 'law_enforcement' && (agency === null || LOCAL_LE.has(agency));

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const share = (n: number, d: number) => (d === 0 ? 0 : round3(n / d));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const pct = (x: number) => `${Math.round(x * 100)}%`;

interface Check {
  key: string;
  value: number;
}

/** Progress and status from the checks against the targets. */
function judge(def: GoalDef, targets: Record<string, number>, checks: Check[], opts: { noData?: boolean; progress?: number } = {}): { status: GoalStatus; progress: number } {
  if (opts.noData) return { status: 'no_data', progress: 0 };
  let sum = 0;
  let allMet = true;
  for (const c of checks) {
    const td = def.targets.find((x) => x.key === c.key)!;
    const target = targets[c.key];
    if (td.direction === 'max') {
      const ok = c.value <= target;
      allMet &&= ok;
      sum += ok ? 1 : 0;
    } else {
      const ok = c.value >= target;
      allMet &&= ok;
      sum += target <= 0 ? 1 : Math.max(0, Math.min(1, c.value / target));
    }
  }
  const progress = round3(opts.progress ?? (checks.length ? sum / checks.length : 0));
  if (allMet) return { status: 'met', progress: 1 };
  return { status: progress <= 0 ? 'not_started' : 'in_progress', progress };
}

function inStates(states: string[]): string {
  return JSON.stringify(states);
}

export function computeReport(db: DB, c: CoalitionRow, opts: ReportOptions): Report {
  const asOf = opts.asOf;
  const states = coalitionStates(db, c.id);
  const built = c.build_date <= asOf;
  const targets = loadTargets(db, c.id);
  const st = inStates(states);

  // --- participants ---------------------------------------------------------------------------
  const rows = opts.shared ? (opts.shared.attendees.get(c.id) ?? []) : (stmt(db, `${ATTENDEE_SQL} WHERE a.coalition_id = ?`).all(c.id) as AttendeeRow[]);
  const registered = rows.filter((r) => !r.registered_at || r.registered_at.slice(0, 10) <= asOf);
  const attendees: Attendee[] = rows
    .filter((r) => r.checked_in === 1 && (r.checked_in_at ? r.checked_in_at.slice(0, 10) <= asOf : built))
    .map((r) => ({ ...r, attended: 1 }));
  const by_sector: Record<string, number> = {};
  const by_agency_type: Record<string, Record<string, number>> = {};
  for (const a of attendees) {
    by_sector[a.sector] = (by_sector[a.sector] ?? 0) + 1;
    const at = a.agency_type ?? 'unspecified';
    (by_agency_type[a.sector] ??= {})[at] = (by_agency_type[a.sector][at] ?? 0) + 1;
  }
  const participants: Participants = {
    registered: registered.length,
    attended: attendees.length,
    by_sector: Object.fromEntries(Object.entries(by_sector).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))),
    by_agency_type,
  };

  const notBuilt = `the build (${c.build_date}) had not taken place by ${asOf}`;
  const goals: GoalResult[] = [];
  const push = (def: GoalDef, metrics: Record<string, MetricValue>, checks: Check[], missing: string[], o: { noData?: boolean; progress?: number } = {}) => {
    const j = judge(def, targets[def.id], checks, o);
    goals.push({ id: def.id, phase: def.phase, title: def.title, status: j.status, progress: j.progress, metrics, target: targets[def.id], missing: j.status === 'met' ? [] : missing });
  };
  const def = (id: GoalId) => GOALS.find((g) => g.id === id)!;
  const T = (id: GoalId) => targets[id];

  // Sign-offs of this coalition's attendees, per module, up to asOf.
  const signedAttendees = (module: string): Set<number> => {
    const shared = opts.shared?.signed.get(module);
    if (shared) return shared.get(c.id) ?? new Set();
    return new Set((stmt(db, `${SIGNED_SQL} WHERE a.coalition_id = ? AND s.module_id = ? AND s.completed_on <= ?`).all(c.id, module, asOf) as { person_id: number }[]).map((r) => r.person_id));
  };

  // --- P1.1 ------------------------------------------------------------------------------------
  {
    const le = attendees.filter((a) => a.sector === 'law_enforcement');
    const sp = le.filter((a) => a.agency_type === 'state_patrol').length;
    const mve = le.filter((a) => a.agency_type === 'dot_mve').length;
    const sheriffCounties = new Set(le.filter((a) => a.agency_type === 'sheriff' && a.county).map((a) => a.county!)).size;
    const carriers = new Set(attendees.filter((a) => a.org_sector === 'trucking' && (a.agency_type === 'carrier' || a.agency_type === null) && a.org_id).map((a) => a.org_id)).size;
    const stops = new Set(attendees.filter((a) => a.org_sector === 'truck_stop' && a.org_id).map((a) => a.org_id)).size;
    const t = T('P1.1');
    const missing: string[] = [];
    if (!built) missing.push(notBuilt);
    else {
      if (sp < t.state_patrol) missing.push(sp === 0 ? 'no state patrol/DPS officer attended' : `${plural(sp, 'state patrol/DPS officer')} attended; target ${t.state_patrol}`);
      if (mve < t.dot_mve) missing.push(mve === 0 ? 'no DOT/MVE officer attended' : `${plural(mve, 'DOT/MVE officer')} attended; target ${t.dot_mve}`);
      if (sheriffCounties < t.sheriff_counties) missing.push(`sheriff's offices of ${plural(sheriffCounties, 'county', 'counties')} attended; target ${t.sheriff_counties}`);
      if (carriers < t.carriers) missing.push(`${plural(carriers, 'trucking company', 'trucking companies')} attended; target ${t.carriers}`);
      if (stops < t.truck_stops) missing.push(`${plural(stops, 'truck stop')} attended; target ${t.truck_stops}`);
    }
    push(def('P1.1'), { law_enforcement: le.length, state_patrol: sp, dot_mve: mve, sheriff_counties: sheriffCounties, carriers, truck_stops: stops },
      [{ key: 'state_patrol', value: sp }, { key: 'dot_mve', value: mve }, { key: 'sheriff_counties', value: sheriffCounties }, { key: 'carriers', value: carriers }, { key: 'truck_stops', value: stops }],
      missing, { noData: attendees.length === 0 });
  }

  // --- P1.2 ------------------------------------------------------------------------------------
  {
    const signed = signedAttendees('build-initial');
    const n = attendees.filter((a) => signed.has(a.person_id)).length;
    const s = share(n, attendees.length);
    const missing = attendees.length === 0 ? [built ? 'no checked-in attendees recorded' : notBuilt] : n < attendees.length ? [`${plural(attendees.length - n, 'checked-in attendee')} without a sign-off for the initial training (build-initial)`] : [];
    push(def('P1.2'), { attended: attendees.length, signed_off: n, trained_share: s }, [{ key: 'trained_share', value: s }], missing, { noData: attendees.length === 0 });
  }

  // --- P1.3 ------------------------------------------------------------------------------------
  {
    const stops = stmt(db, `SELECT id, county_fips FROM organizations WHERE +sector = 'truck_stop' AND state IN (SELECT value FROM json_each(?))`).all(st) as Array<{ id: number; county_fips: string | null }>;
    const pairRows = stmt(db, `SELECT DISTINCT stop_id FROM pairings WHERE coalition_id = ? AND match IN ('county','pinned') AND substr(computed_at, 1, 10) <= ?`).all(c.id, asOf) as { stop_id: number }[];
    const anyPairs = (stmt(db, 'SELECT 1 FROM pairings WHERE coalition_id = ? AND substr(computed_at, 1, 10) <= ? LIMIT 1').get(c.id, asOf)) !== undefined;
    let covered: Set<number>;
    if (anyPairs) covered = new Set(pairRows.map((r) => r.stop_id));
    else {
      // No saved contact list yet: a stop is covered when its county has a local (not statewide)
      // law-enforcement agency with people in the directory, or when an officer is pinned to it. That
      // is the rule `coalition pair` gives a stop its county officers by; the nearest-officer step
      // does not make a stop covered, so it is not needed here (and computePairs over a national
      // directory costs seconds, the report must not).
      const stopCounties = [...new Set(stops.map((s) => s.county_fips).filter((x): x is string => !!x))];
      const counties = new Set((stmt(db, `
        SELECT DISTINCT o.county_fips AS county FROM organizations o
         WHERE o.sector = 'law_enforcement' AND (o.agency_type IS NULL OR o.agency_type NOT IN ('state_patrol','dot_mve'))
           AND o.county_fips IN (SELECT value FROM json_each(?))
           AND EXISTS (SELECT 1 FROM people p WHERE p.organization_id = o.id)`).all(JSON.stringify(stopCounties)) as { county: string }[]).map((r) => r.county));
      const pinned = new Set((stmt(db, 'SELECT DISTINCT stop_id FROM pins WHERE coalition_id = ?').all(c.id) as { stop_id: number }[]).map((r) => r.stop_id));
      covered = new Set(stops.filter((s) => (s.county_fips && counties.has(s.county_fips)) || pinned.has(s.id)).map((s) => s.id));
    }
    const withLocal = stops.filter((s) => covered.has(s.id)).length;
    const uncovered = new Set(stops.filter((s) => !covered.has(s.id) && s.county_fips).map((s) => s.county_fips!));
    const noCounty = stops.filter((s) => !s.county_fips).length;
    const attendingLocalCounties = new Set(attendees.filter((a) => isLocalOfficer(a.sector, a.agency_type) && a.county).map((a) => a.county!));
    const stopCounty = new Map(stops.map((s) => [s.id, s.county_fips]));
    const attendingStops = [...new Set(attendees.filter((a) => a.org_sector === 'truck_stop' && a.org_id).map((a) => a.org_id!))];
    const introduced = attendingStops.filter((id) => {
      const county = stopCounty.get(id) ?? (stmt(db, 'SELECT county_fips FROM organizations WHERE id = ?').get(id) as { county_fips: string | null }).county_fips;
      return county !== null && county !== undefined && attendingLocalCounties.has(county);
    }).length;
    const localShare = share(withLocal, stops.length);
    const introShare = share(introduced, attendingStops.length);
    const missing: string[] = [];
    if (uncovered.size) missing.push(`${plural(uncovered.size, 'county', 'counties')} with truck stops ${uncovered.size === 1 ? 'has' : 'have'} no local officer`);
    if (noCounty) missing.push(`${plural(noCounty, 'truck stop')} ${noCounty === 1 ? 'has' : 'have'} no county (set it with: coalition orgs set ID --county …)`);
    if (!built) missing.push(notBuilt);
    else if (attendingStops.length === 0) missing.push('no truck stop attended the build');
    else if (introduced < attendingStops.length) missing.push(`${plural(attendingStops.length - introduced, 'attending truck stop')} met no attending officer from their county`);
    if (!anyPairs && stops.length) missing.push('no contact list saved yet (run: coalition pair); counted from the officers known per county');
    const checks: Check[] = [{ key: 'local_share', value: localShare }];
    if (attendingStops.length || built) checks.push({ key: 'introduced_share', value: introShare });
    push(def('P1.3'), {
      truck_stops: stops.length, truck_stops_with_local_officer: withLocal, local_share: localShare, counties_uncovered: uncovered.size,
      uncovered_counties: [...uncovered].sort(), attending_truck_stops: attendingStops.length, introduced, introduced_share: introShare, source: anyPairs ? 'saved pairing' : 'officers by county',
    }, checks, missing, { noData: stops.length === 0 });
  }

  // Training after the build, linked to this coalition or (unlinked) at organizations in its states.
  const trainedAfter = (module: string, orgSector: string) => {
    // Counts at organizations of the coalition's states (linked or not), then counts linked to the
    // coalition at organizations elsewhere (a carrier based in another state).
    const counts = [
      ...(stmt(db, `SELECT o.id AS org, sum(tc.count) AS n FROM organizations o CROSS JOIN training_counts tc
                     WHERE +o.sector = ? AND o.state IN (SELECT value FROM json_each(?)) AND tc.organization_id = o.id AND tc.module_id = ?
                       AND tc.completed_on >= ? AND tc.completed_on <= ? AND (tc.coalition_id IS NULL OR tc.coalition_id = ?) GROUP BY 1`).all(orgSector, st, module, c.build_date, asOf, c.id) as Array<{ org: number; n: number }>),
      ...(stmt(db, `SELECT o.id AS org, sum(tc.count) AS n FROM training_counts tc JOIN organizations o ON o.id = tc.organization_id
                     WHERE tc.coalition_id = ? AND tc.module_id = ? AND tc.completed_on >= ? AND tc.completed_on <= ? AND o.sector = ?
                       AND o.state NOT IN (SELECT value FROM json_each(?)) GROUP BY 1`).all(c.id, module, c.build_date, asOf, orgSector, st) as Array<{ org: number; n: number }>),
    ];
    // Sign-offs linked to this coalition, then unlinked ones of people at organizations of its states
    // (walked from the organizations, so a national table of sign-offs is never scanned).
    const linked = stmt(db, `SELECT p.organization_id AS org, s.person_id AS person FROM signoffs s JOIN people p ON p.id = s.person_id JOIN organizations o ON o.id = p.organization_id
                              WHERE s.coalition_id = ? AND s.module_id = ? AND s.completed_on >= ? AND s.completed_on <= ? AND o.sector = ?`).all(c.id, module, c.build_date, asOf, orgSector) as Array<{ org: number; person: number }>;
    const unlinked = stmt(db, `SELECT o.id AS org, s.person_id AS person FROM organizations o CROSS JOIN people p CROSS JOIN signoffs s
                                WHERE +o.sector = ? AND o.state IN (SELECT value FROM json_each(?)) AND p.organization_id = o.id
                                  AND s.person_id = p.id AND s.module_id = ? AND s.completed_on >= ? AND s.completed_on <= ? AND s.coalition_id IS NULL`).all(orgSector, st, module, c.build_date, asOf) as Array<{ org: number; person: number }>;
    const perOrg = new Map<number, Set<number>>();
    for (const r of [...linked, ...unlinked]) {
      if (!perOrg.has(r.org)) perOrg.set(r.org, new Set());
      perOrg.get(r.org)!.add(r.person);
    }
    const people = [...perOrg].map(([org, set]) => ({ org, n: set.size }));
    const orgs = new Set([...counts, ...people].filter((r) => r.n > 0).map((r) => r.org));
    const trained = [...counts, ...people].reduce((s, r) => s + r.n, 0);
    return { orgs, trained };
  };
  const acts = (kind: string, from: string | null = null) =>
    stmt(db, `SELECT a.id, a.organization_id AS org, a.count, a.details_json, a.occurred_on, o.sector, o.vetted_by FROM activities a LEFT JOIN organizations o ON o.id = a.organization_id
               WHERE a.coalition_id = ? AND a.kind = ? AND a.occurred_on <= ? AND (? IS NULL OR a.occurred_on >= ?) ORDER BY a.occurred_on, a.id`).all(c.id, kind, asOf, from, from) as Array<{ id: number; org: number | null; count: number | null; details_json: string; occurred_on: string; sector: string | null; vetted_by: string | null }>;
  const detail = (r: { details_json: string }) => JSON.parse(r.details_json) as Record<string, unknown>;

  // --- P1.4 ------------------------------------------------------------------------------------
  {
    const committed = new Set(acts('commitment').filter((r) => detail(r).what === 'train-drivers' && r.org !== null).map((r) => r.org!));
    const tr = built ? trainedAfter('driver', 'trucking') : { orgs: new Set<number>(), trained: 0 };
    const engaged = new Set([...committed, ...tr.orgs]).size;
    const t = T('P1.4');
    const missing: string[] = [];
    if (engaged < t.carriers_engaged) missing.push(`${plural(engaged, 'carrier')} committed to or reporting driver training; target ${t.carriers_engaged}`);
    if (tr.trained < t.drivers_trained) missing.push(`${tr.trained} drivers trained since the build; target ${t.drivers_trained}`);
    push(def('P1.4'), { carriers_committed: committed.size, carriers_training: tr.orgs.size, carriers_engaged: engaged, drivers_trained: tr.trained },
      [{ key: 'carriers_engaged', value: engaged }, { key: 'drivers_trained', value: tr.trained }], missing);
  }

  // --- P1.5 ------------------------------------------------------------------------------------
  {
    const committed = new Set(acts('commitment').filter((r) => detail(r).what === 'train-employees' && r.org !== null).map((r) => r.org!));
    const tr = built ? trainedAfter('truck-stop-employee', 'truck_stop') : { orgs: new Set<number>(), trained: 0 };
    const dp = acts('distribution-point');
    const flagged = stmt(db, `SELECT id FROM organizations WHERE distribution_point = 1 AND +sector = 'truck_stop' AND state IN (SELECT value FROM json_each(?))`).all(st) as { id: number }[];
    // Flags set by hand (orgs set --distribution-point) carry no date: they count whatever the as-of date.
    const points = new Set([...dp.filter((r) => r.org !== null && (r.sector === 'truck_stop' || r.sector === null)).map((r) => r.org!), ...flagged.map((r) => r.id)]);
    const materials = dp.reduce((s, r) => s + (r.count ?? 0), 0);
    const kinds = [...new Set(dp.flatMap((r) => (detail(r).materials as string[] | undefined) ?? []))].sort();
    const t = T('P1.5');
    const missing: string[] = [];
    if (tr.orgs.size < t.stops_training) missing.push(`${plural(tr.orgs.size, 'truck stop')} with employee training recorded since the build; target ${t.stops_training}`);
    if (points.size < t.distribution_points) missing.push(`${plural(points.size, 'distribution point')}; target ${t.distribution_points}`);
    push(def('P1.5'), { stops_committed: committed.size, stops_training: tr.orgs.size, employees_trained: tr.trained, distribution_points: points.size, materials_distributed: materials, materials: kinds },
      [{ key: 'stops_training', value: tr.orgs.size }, { key: 'distribution_points', value: points.size }], missing);
  }

  // --- P1.6 ------------------------------------------------------------------------------------
  {
    const items = new Set(acts('agenda').map((r) => String(detail(r).item)));
    const le = attendees.filter((a) => a.sector === 'law_enforcement');
    const signed = signedAttendees('le-victim-centered');
    const n = le.filter((a) => signed.has(a.person_id)).length;
    const s = share(n, le.length);
    const t = T('P1.6');
    const missing: string[] = [];
    if (!items.has('le-led-session')) missing.push('no session led by local law enforcement recorded (coalition log agenda --item le-led-session)');
    if (!items.has('survivor-session')) missing.push('no survivor-leader session recorded (coalition log agenda --item survivor-session)');
    if (le.length === 0) missing.push(built ? 'no law enforcement attendees recorded' : notBuilt);
    else if (s < t.le_trained_share) missing.push(`${pct(s)} of law enforcement attendees signed off on victim-centered training (${n} of ${le.length}); target ${pct(t.le_trained_share)}`);
    push(def('P1.6'), { agenda_items: items.size, le_led_session: items.has('le-led-session') ? 1 : 0, survivor_session: items.has('survivor-session') ? 1 : 0, le_attended: le.length, le_signed_off: n, le_trained_share: s },
      [{ key: 'agenda_items', value: items.size }, { key: 'le_trained_share', value: s }], missing, { noData: le.length === 0 && items.size === 0 });
  }

  // --- P1.7 ------------------------------------------------------------------------------------
  {
    const runs = stmt(db, 'SELECT checked_at, findings FROM lint_runs WHERE coalition_id = ? AND substr(checked_at, 1, 10) <= ? ORDER BY checked_at, id').all(c.id, asOf) as Array<{ checked_at: string; findings: number }>;
    const latest = runs.at(-1);
    const first = runs[0];
    const t = T('P1.7');
    const missing: string[] = [];
    let progress: number | undefined;
    if (!latest) missing.push('no language check recorded (run: coalition lint --record)');
    else if (latest.findings > t.flagged_terms) {
      missing.push(`${plural(latest.findings, 'stigmatizing term')} flagged in the latest language check (${latest.checked_at.slice(0, 10)}); target ${t.flagged_terms}`);
      progress = first.findings > latest.findings ? round3((first.findings - latest.findings) / first.findings) : 0;
    }
    push(def('P1.7'), { flagged_terms: latest?.findings ?? null, checked_on: latest?.checked_at.slice(0, 10) ?? null, checks: runs.length, first_flagged_terms: first?.findings ?? null },
      latest ? [{ key: 'flagged_terms', value: latest.findings }] : [], missing, { noData: !latest, progress });
  }

  // --- P1.8 ------------------------------------------------------------------------------------
  {
    const invited = acts('provider-invited').filter((r) => r.org !== null);
    const orgs = new Set(invited.map((r) => r.org!));
    const vetted = new Set(invited.filter((r) => r.vetted_by).map((r) => r.org!));
    const resources = (stmt(db, `SELECT count(*) AS n FROM organizations WHERE +sector = 'victim_services' AND state IN (SELECT value FROM json_each(?))`).get(st) as { n: number }).n;
    const t = T('P1.8');
    const missing: string[] = [];
    if (vetted.size < t.vetted_providers_invited) {
      missing.push(orgs.size > vetted.size ? `${plural(orgs.size - vetted.size, 'invited provider')} not marked as vetted (coalition orgs set ID --vetted-by ORG)` : 'no vetted victim service provider marked invited (coalition log provider-invited --org …)');
    }
    if (resources < t.local_resources) missing.push(`${plural(resources, 'local victim service resource')} on the resource sheet; target ${t.local_resources}`);
    push(def('P1.8'), { providers_invited: orgs.size, vetted_providers_invited: vetted.size, local_resources: resources },
      [{ key: 'vetted_providers_invited', value: vetted.size }, { key: 'local_resources', value: resources }], missing);
  }

  // --- P2.1 ------------------------------------------------------------------------------------
  {
    const events = built ? acts('training-event', c.build_date) : [];
    const people = events.reduce((s, r) => s + (r.count ?? 0), 0);
    const byAudience: Record<string, number> = {};
    for (const e of events) {
      const a = String(detail(e).audience ?? 'other');
      byAudience[a] = (byAudience[a] ?? 0) + (e.count ?? 0);
    }
    const byYear: Record<string, number> = {};
    for (const e of events) byYear[e.occurred_on.slice(0, 4)] = (byYear[e.occurred_on.slice(0, 4)] ?? 0) + (e.count ?? 0);
    const t = T('P2.1');
    const missing: string[] = [];
    if (!built) missing.push(notBuilt);
    else {
      if (events.length < t.training_events) missing.push(events.length === 0 ? 'no training event logged since the build (coalition log training-event --audience SECTOR --count N)' : `${plural(events.length, 'training event')} since the build; target ${t.training_events}`);
      if (people < t.people_trained) missing.push(`${people} people trained at those events; target ${t.people_trained}`);
    }
    push(def('P2.1'), { training_events: events.length, people_trained: people, by_audience: byAudience, by_year: byYear },
      [{ key: 'training_events', value: events.length }, { key: 'people_trained', value: people }], missing);
  }

  // --- P2.2 ------------------------------------------------------------------------------------
  let hotline: Report['hotline'];
  {
    const g = chooseGranularity(db, states, c.build_date, asOf);
    const t = T('P2.2');
    if (!g) {
      push(def('P2.2'), { granularity: null, before_mean: null, after_mean: null, change_pct: null }, [], [`no hotline figures for ${states.join(', ')} (coalition import hotline FILE)`], { noData: true });
    } else {
      const series: HotlinePoint[] = hotlineSeries(db, states, g, asOf);
      const cmp = compareAroundBuild(series, c.build_date, 'contacts', asOf);
      const cases = compareAroundBuild(series, c.build_date, 'cases', asOf);
      hotline = { granularity: g, series: series.map((p) => ({ period: p.period, contacts: p.contacts, cases: p.cases })), comparison: cmp };
      const missing: string[] = [];
      const unit = g === 'month' ? 'month' : 'year';
      if (!built || cmp.after.periods === 0) missing.push(built ? `no hotline figures for a full ${unit} after the build yet` : notBuilt);
      if (cmp.before.periods === 0) missing.push(`no hotline figures for the ${g === 'month' ? '12 months' : 'years'} before the build`);
      if (cmp.change_pct !== null && cmp.change_pct < t.change_pct) missing.push(`hotline contacts changed by ${cmp.change_pct}% per ${unit} after the build; target +${t.change_pct}%`);
      const noData = cmp.change_pct === null;
      push(def('P2.2'), {
        granularity: g, before_periods: cmp.before.periods, before_mean: cmp.before.mean, after_periods: cmp.after.periods, after_mean: cmp.after.mean, change_pct: cmp.change_pct,
        cases_before_mean: cases.before.mean, cases_after_mean: cases.after.mean, cases_change_pct: cases.change_pct,
      }, noData ? [] : [{ key: 'change_pct', value: cmp.change_pct! }], missing, {
        noData,
        progress: noData ? undefined : t.change_pct <= 0 ? (cmp.change_pct! >= t.change_pct ? 1 : 0) : round3(Math.max(0, Math.min(1, cmp.change_pct! / t.change_pct))),
      });
    }
  }

  // --- P2.3 ------------------------------------------------------------------------------------
  {
    const rows2 = built ? acts('task-force') : [];
    const forces = new Map<string, { name: string; industry: Set<number>; members: Set<number> }>();
    for (const r of rows2) {
      const name = String(detail(r).name);
      const key = name.toLowerCase().replace(/\s+/g, ' ').trim();
      const f = forces.get(key) ?? { name, industry: new Set<number>(), members: new Set<number>() };
      forces.set(key, f);
      if (r.org !== null) {
        f.members.add(r.org);
        if (r.sector && (INDUSTRY_SECTORS as readonly string[]).includes(r.sector)) f.industry.add(r.org);
      }
    }
    const withIndustry = [...forces.values()].filter((f) => f.industry.size > 0);
    const t = T('P2.3');
    const missing: string[] = [];
    if (!built) missing.push(notBuilt);
    else if (forces.size === 0) missing.push('no task force logged (coalition log task-force --name NAME --org MEMBER)');
    else if (withIndustry.length < t.task_forces_with_industry) missing.push(`${plural(forces.size - withIndustry.length, 'task force')} without an industry member (trucking, truck stop, bus or energy)`);
    push(def('P2.3'), { task_forces: forces.size, task_forces_with_industry: withIndustry.length, industry_members: withIndustry.reduce((s, f) => s + f.industry.size, 0) },
      [{ key: 'task_forces_with_industry', value: withIndustry.length }], missing);
  }

  // --- P2.4 ------------------------------------------------------------------------------------
  {
    const inv = built ? acts('investigation', c.build_date) : [];
    const n = inv.reduce((s, r) => s + (r.count ?? 1), 0);
    const t = T('P2.4');
    const missing = !built ? [notBuilt] : n < t.investigations ? [n === 0 ? 'no investigation assisted logged since the build' : `${plural(n, 'investigation')} assisted; target ${t.investigations}`] : [];
    push(def('P2.4'), { investigations: n, last_logged: inv.at(-1)?.occurred_on ?? null }, [{ key: 'investigations', value: n }], missing);
  }

  // --- P2.5 ------------------------------------------------------------------------------------
  {
    const sbi = acts('sbi');
    const latest = new Map<string, string>();
    for (const r of sbi) {
      const d = detail(r);
      latest.set(String(d.component), String(d.status));
    }
    const adopted = SBI_COMPONENTS.filter((x) => latest.get(x) === 'adopted');
    const inProgress = SBI_COMPONENTS.filter((x) => latest.get(x) === 'in-progress');
    const t = T('P2.5');
    const notAdopted = SBI_COMPONENTS.filter((x) => latest.get(x) !== 'adopted');
    const missing = adopted.length < t.components_adopted ? notAdopted.map((x) => `${x} (${SBI_COMPONENT_NAMES[x]}): ${latest.get(x) === 'in-progress' ? 'in progress' : 'not adopted'}`) : [];
    const progress = t.components_adopted <= 0 ? 1 : round3(Math.min(1, (adopted.length + 0.5 * inProgress.length) / t.components_adopted));
    push(def('P2.5'), { components_adopted: adopted.length, components_in_progress: inProgress.length, components: Object.fromEntries(SBI_COMPONENTS.map((x) => [x, latest.get(x) ?? 'none'])) as unknown as Record<string, number> },
      [{ key: 'components_adopted', value: adopted.length }], sbi.length === 0 ? ['no state-based initiative status logged (coalition log sbi --component ID --status adopted|in-progress|none)'] : missing, { noData: sbi.length === 0, progress });
  }

  // --- P2.6 ------------------------------------------------------------------------------------
  {
    const m = acts('cdl-mandate');
    const status = m.length ? String(detail(m.at(-1)!).status) : null;
    const stage = status ? (CDL_STATUSES as readonly string[]).indexOf(status) : 0;
    const t = T('P2.6');
    const missing = !status ? ['no CDL mandate status logged (coalition log cdl-mandate --status none|proposed|introduced|passed|implemented)'] : stage < t.stage ? [`CDL entry-level mandate: ${status}; target: ${CDL_STATUSES[t.stage] ?? t.stage}`] : [];
    push(def('P2.6'), { status, stage, since: m.at(-1)?.occurred_on ?? null }, [{ key: 'stage', value: stage }], missing, { noData: !status });
  }

  return {
    coalition: { slug: c.slug, name: c.name, states, build_date: c.build_date },
    as_of: asOf,
    participants,
    goals,
    ...(hotline ? { hotline } : {}),
  };
}

export type { Targets };
