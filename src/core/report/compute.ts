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
import { agencyTypeSql } from '../people/sql.js';
import { STATE_POLICE_LOCAL, isLocalStatePolice } from '../normalize/county-equivalents.js';
import { stateByFips } from '../states.js';

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

/** What `computeReports` reads in one pass for every coalition instead of once per coalition. */
export interface SharedRows {
  /** Rows for this as-of date only. */
  asOf: string;
  attendees: Map<number, AttendeeGroup[]>;
  /** module → coalition id → per-organization trained people (sign-offs after the build). */
  trainedPeople: Map<string, Map<number, OrgCount[]>>;
  activities: Map<number, ActivityRow[]>;
}

interface OrgCount {
  org: number;
  n: number;
}

interface ActivityRow {
  id: number;
  kind: string;
  org: number | null;
  count: number | null;
  details_json: string;
  occurred_on: string;
  sector: string | null;
  vetted_by: string | null;
}

/** Checked in, by as-of (a check-in without a time counts from the build date on). */
const ATTENDED = `(a.checked_in = 1 AND (CASE WHEN coalesce(a.checked_in_at, '') <> '' THEN substr(a.checked_in_at, 1, 10) <= @asOf ELSE c.build_date <= @asOf END))`;
/**
 * Registrations grouped by what the goals look at (coalition, the person's organization, sector,
 * agency type and county): how many registered and how many checked in by as-of, and of those how
 * many had signed off on the initial training and (law enforcement) on the victim-centered training
 * by then. Counted in SQL, not one JS object per attendee. The rows are read in table order into a
 * materialized table first, so the sign-off lookups go in person order rather than after the sort.
 */
const attendeeSql = (one: boolean) => `
    WITH r AS MATERIALIZED (
      SELECT a.coalition_id, p.organization_id AS org, p.sector AS p_sector, p.agency_type AS p_agency, p.county_fips AS p_county,
             coalesce(a.registered_at, '') = '' OR substr(a.registered_at, 1, 10) <= @asOf AS registered, ${ATTENDED} AS attended,
             CASE WHEN ${ATTENDED} THEN EXISTS (SELECT 1 FROM signoffs s WHERE s.person_id = a.person_id AND s.module_id = 'build-initial' AND s.completed_on <= @asOf) ELSE 0 END AS initial,
             CASE WHEN ${ATTENDED} AND coalesce(p.sector, o.sector, 'other') = 'law_enforcement'
               THEN EXISTS (SELECT 1 FROM signoffs s WHERE s.person_id = a.person_id AND s.module_id = 'le-victim-centered' AND s.completed_on <= @asOf) ELSE 0 END AS le_signed
        FROM attendance a ${one ? '' : 'NOT INDEXED'} CROSS JOIN coalitions c ON c.id = a.coalition_id
             CROSS JOIN people p ON p.id = a.person_id LEFT JOIN organizations o ON o.id = p.organization_id
       ${one ? 'WHERE a.coalition_id = @cid' : ''}),
    g AS (SELECT coalition_id, org, p_sector, p_agency, p_county, sum(attended) AS n, sum(registered) AS registered, sum(initial) AS initial, sum(le_signed) AS le_signed
            FROM r GROUP BY 1, 2, 3, 4, 5)
    SELECT g.coalition_id, coalesce(g.p_sector, o.sector, 'other') AS sector, ${agencyTypeSql({ sector: 'g.p_sector', agencyType: 'g.p_agency' })} AS agency_type,
           o.id AS org_id, o.sector AS org_sector, coalesce(o.county_fips, g.p_county) AS county, g.n, g.registered, g.initial, g.le_signed
      FROM g LEFT JOIN organizations o ON o.id = g.org`;
/**
 * People trained in a module after the build, per organization of a sector: sign-offs linked to the
 * coalition (at organizations anywhere), and unlinked ones of people at organizations of its states
 * (walked from the organizations, so a national table of sign-offs is never scanned). A person
 * counts once per organization.
 */
const trainedPeopleOneSql = `
    SELECT cid, org, count(DISTINCT person) AS n FROM (
      SELECT c.id AS cid, p.organization_id AS org, s.person_id AS person
        FROM coalitions c CROSS JOIN signoffs s CROSS JOIN people p CROSS JOIN organizations o
       WHERE s.coalition_id = c.id AND s.module_id = @module AND s.completed_on >= c.build_date AND s.completed_on <= @asOf
         AND p.id = s.person_id AND o.id = p.organization_id AND o.sector = @sector AND c.id = @cid
      UNION ALL
      SELECT c.id, o.id, s.person_id
        FROM coalitions c CROSS JOIN coalition_states cs CROSS JOIN organizations o CROSS JOIN people p CROSS JOIN signoffs s
       WHERE cs.coalition_id = c.id AND o.state = cs.state AND +o.sector = @sector AND p.organization_id = o.id
         AND s.person_id = p.id AND s.module_id = @module AND s.completed_on >= c.build_date AND s.completed_on <= @asOf AND s.coalition_id IS NULL AND c.id = @cid
    ) GROUP BY 1, 2`;
/**
 * The same for every coalition at once (`report --all`): each coalition's linked sign-offs, and the
 * unlinked sign-offs of the module read once from the index (not walked once per coalition) and
 * given to the coalitions of their organization's state; people looked up in id order.
 */
const trainedPeopleAllSql = `
    WITH l AS MATERIALIZED (
      SELECT c.id AS cid, s.person_id AS person FROM coalitions c CROSS JOIN signoffs s
       WHERE s.coalition_id = c.id AND s.module_id = @module AND s.completed_on >= c.build_date AND s.completed_on <= @asOf
       ORDER BY s.person_id),
    u AS MATERIALIZED (
      SELECT s.person_id AS person, s.completed_on FROM signoffs s INDEXED BY signoffs_coalition
       WHERE s.coalition_id IS NULL AND s.module_id = @module AND s.completed_on <= @asOf
       ORDER BY s.person_id)
    SELECT cid, org, count(DISTINCT person) AS n FROM (
      SELECT l.cid, p.organization_id AS org, l.person FROM l CROSS JOIN people p ON p.id = l.person CROSS JOIN organizations o ON o.id = p.organization_id
       WHERE o.sector = @sector
      UNION ALL
      SELECT c.id, o.id, u.person FROM u CROSS JOIN people p ON p.id = u.person CROSS JOIN organizations o ON o.id = p.organization_id
             CROSS JOIN coalition_states cs ON cs.state = o.state CROSS JOIN coalitions c ON c.id = cs.coalition_id
       WHERE +o.sector = @sector AND u.completed_on >= c.build_date
    ) GROUP BY 1, 2`;
const activitiesSql = (one: boolean) => `
    SELECT a.coalition_id, a.id, a.kind, a.organization_id AS org, a.count, a.details_json, a.occurred_on, o.sector, o.vetted_by
      FROM activities a LEFT JOIN organizations o ON o.id = a.organization_id
     WHERE a.occurred_on <= @asOf ${one ? 'AND a.coalition_id = @cid' : ''} ORDER BY a.occurred_on, a.id`;
const TRAINED = [['driver', 'trucking'], ['truck-stop-employee', 'truck_stop']] as const;

function groupBy<T extends { coalition_id: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    let list = out.get(r.coalition_id);
    if (!list) out.set(r.coalition_id, (list = []));
    list.push(r);
  }
  return out;
}

/** Every coalition, in the order `coalition list` shows them (build date, then slug). */
export function reportCoalitions(db: DB): CoalitionRow[] {
  return stmt(db, 'SELECT id, slug, name, build_date, city, venue, description, created_at FROM coalitions ORDER BY build_date, slug').all() as CoalitionRow[];
}

/**
 * Reports for many coalitions (`report --all`): attendance, attendees' sign-offs, trained people
 * and activities are read in one pass for every coalition rather than once per coalition.
 */
export function computeReports(db: DB, coalitions: CoalitionRow[], opts: { asOf: string }): Report[] {
  const asOf = opts.asOf;
  const attendees = groupBy(stmt(db, attendeeSql(false)).all({ asOf }) as AttendeeGroup[]);
  const trainedPeople = new Map<string, Map<number, OrgCount[]>>();
  for (const [module, sector] of TRAINED) {
    const byC = new Map<number, OrgCount[]>();
    for (const r of stmt(db, trainedPeopleAllSql).all({ asOf, module, sector }) as Array<OrgCount & { cid: number }>) {
      let list = byC.get(r.cid);
      if (!list) byC.set(r.cid, (list = []));
      list.push({ org: r.org, n: r.n });
    }
    trainedPeople.set(module, byC);
  }
  const activities = groupBy(stmt(db, activitiesSql(false)).all({ asOf }) as Array<ActivityRow & { coalition_id: number }>);
  const shared: SharedRows = { asOf, attendees, trainedPeople, activities };
  return coalitions.map((c) => computeReport(db, c, { asOf, shared }));
}

interface AttendeeGroup {
  coalition_id: number;
  sector: string;
  agency_type: string | null;
  org_id: number | null;
  org_sector: string | null;
  county: string | null;
  /** Checked-in attendees in the group (by as-of). */
  n: number;
  /** Registered by as-of (checked in or not). */
  registered: number;
  /** Of them, signed off on build-initial by as-of. */
  initial: number;
  /** Of them (law enforcement only), signed off on le-victim-centered by as-of. */
  le_signed: number;
}

const LOCAL_LE = new Set(['sheriff', 'police', 'other']);
/** A local officer of the county: a sheriff's office, police or other local agency; in Alaska and
 * Connecticut a state police post too (STATE_POLICE_LOCAL), as `coalition pair` counts them. */
const isLocalOfficer = (sector: string, agency: string | null, county: string | null) =>
  sector === 'law_enforcement' && (agency === null || LOCAL_LE.has(agency) || (county !== null && isLocalStatePolice(agency, stateByFips(county)?.code)));

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
  const shared = opts.shared && opts.shared.asOf === asOf ? opts.shared : undefined;
  // Registrations grouped (see attendeeSql); `n` checked-in attendees each.
  const groups = shared ? (shared.attendees.get(c.id) ?? []) : (stmt(db, attendeeSql(true)).all({ asOf, cid: c.id }) as AttendeeGroup[]);
  const registered = groups.reduce((sum, g) => sum + g.registered, 0);
  const attendees = groups.filter((g) => g.n > 0);
  const count = (groups: AttendeeGroup[]) => groups.reduce((sum, a) => sum + a.n, 0);
  const attended = count(attendees);
  const by_sector: Record<string, number> = {};
  const by_agency_type: Record<string, Record<string, number>> = {};
  for (const a of attendees) {
    by_sector[a.sector] = (by_sector[a.sector] ?? 0) + a.n;
    const at = a.agency_type ?? 'unspecified';
    (by_agency_type[a.sector] ??= {})[at] = (by_agency_type[a.sector][at] ?? 0) + a.n;
  }
  const participants: Participants = {
    registered,
    attended,
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

  // --- P1.1 ------------------------------------------------------------------------------------
  {
    const le = attendees.filter((a) => a.sector === 'law_enforcement');
    const sp = count(le.filter((a) => a.agency_type === 'state_patrol'));
    const mve = count(le.filter((a) => a.agency_type === 'dot_mve'));
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
    push(def('P1.1'), { law_enforcement: count(le), state_patrol: sp, dot_mve: mve, sheriff_counties: sheriffCounties, carriers, truck_stops: stops },
      [{ key: 'state_patrol', value: sp }, { key: 'dot_mve', value: mve }, { key: 'sheriff_counties', value: sheriffCounties }, { key: 'carriers', value: carriers }, { key: 'truck_stops', value: stops }],
      missing, { noData: attended === 0 });
  }

  // --- P1.2 ------------------------------------------------------------------------------------
  {
    const n = attendees.reduce((sum, a) => sum + a.initial, 0);
    const s = share(n, attended);
    const missing = attended === 0 ? [built ? 'no checked-in attendees recorded' : notBuilt] : n < attended ? [`${plural(attended - n, 'checked-in attendee')} without a sign-off for the initial training (build-initial)`] : [];
    push(def('P1.2'), { attended, signed_off: n, trained_share: s }, [{ key: 'trained_share', value: s }], missing, { noData: attended === 0 });
  }

  // --- P1.3 ------------------------------------------------------------------------------------
  {
    const stops = stmt(db, `SELECT id, county_fips FROM organizations WHERE +sector = 'truck_stop' AND state IN (SELECT value FROM json_each(?))`).all(st) as Array<{ id: number; county_fips: string | null }>;
    const pairRows = stmt(db, `SELECT DISTINCT stop_id FROM pairings WHERE coalition_id = ? AND match IN ('county','pinned') AND substr(computed_at, 1, 10) <= ?`).all(c.id, asOf) as { stop_id: number }[];
    const anyPairs = (stmt(db, 'SELECT 1 FROM pairings WHERE coalition_id = ? AND substr(computed_at, 1, 10) <= ? LIMIT 1').get(c.id, asOf)) !== undefined;
    // A local (not statewide) law-enforcement agency of the county listed by its main line only is
    // a local contact for `coalition pair` and `gaps`, but the saved pairing cannot hold it (a
    // pairing is a person), so such counties are read here, for both ways of counting.
    const stopCounties = [...new Set(stops.map((s) => s.county_fips).filter((x): x is string => !!x))];
    const localAgencyCounties = (withPeopleOnly: boolean) => new Set((stmt(db, `
        SELECT DISTINCT o.county_fips AS county FROM organizations o
         WHERE o.sector = 'law_enforcement'
           AND (((o.agency_type IS NULL OR o.agency_type NOT IN ('state_patrol','dot_mve')) AND coalesce(o.statewide, 0) = 0)
                OR (o.agency_type = 'state_patrol' AND upper(o.state) IN (SELECT value FROM json_each('${JSON.stringify([...STATE_POLICE_LOCAL])}'))))
           AND o.county_fips IN (SELECT value FROM json_each(?))
           AND ${withPeopleOnly ? 'NOT ' : ''}EXISTS (SELECT 1 FROM people p WHERE p.organization_id = o.id)`).all(JSON.stringify(stopCounties)) as { county: string }[]).map((r) => r.county));
    let covered: Set<number>;
    if (anyPairs) {
      const mainLineOnly = localAgencyCounties(true);
      covered = new Set([...pairRows.map((r) => r.stop_id), ...stops.filter((s) => s.county_fips && mainLineOnly.has(s.county_fips)).map((s) => s.id)]);
    } else {
      // No saved contact list yet: a stop is covered when its county has a local (not statewide)
      // law-enforcement agency in the directory, or when an officer is pinned to it. That is the
      // rule `coalition pair` gives a stop its county officers by; the nearest-officer step does
      // not make a stop covered, so it is not needed here (and computePairs over a national
      // directory costs seconds, the report must not).
      const counties = new Set([...localAgencyCounties(false), ...localAgencyCounties(true)]);
      const pinned = new Set((stmt(db, 'SELECT DISTINCT stop_id FROM pins WHERE coalition_id = ?').all(c.id) as { stop_id: number }[]).map((r) => r.stop_id));
      covered = new Set(stops.filter((s) => (s.county_fips && counties.has(s.county_fips)) || pinned.has(s.id)).map((s) => s.id));
    }
    const withLocal = stops.filter((s) => covered.has(s.id)).length;
    const uncovered = new Set(stops.filter((s) => !covered.has(s.id) && s.county_fips).map((s) => s.county_fips!));
    const noCounty = stops.filter((s) => !s.county_fips).length;
    const attendingLocalCounties = new Set(attendees.filter((a) => isLocalOfficer(a.sector, a.agency_type, a.county) && a.county).map((a) => a.county!));
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
    const people = shared ? (shared.trainedPeople.get(module)?.get(c.id) ?? []) : (stmt(db, trainedPeopleOneSql).all({ asOf, module, sector: orgSector, cid: c.id }) as OrgCount[]);
    const orgs = new Set([...counts, ...people].filter((r) => r.n > 0).map((r) => r.org));
    const trained = [...counts, ...people].reduce((s, r) => s + r.n, 0);
    return { orgs, trained };
  };
  // The coalition's activities up to as-of, oldest first; per kind, optionally from a date on.
  const allActs = shared ? (shared.activities.get(c.id) ?? []) : (stmt(db, activitiesSql(true)).all({ asOf, cid: c.id }) as ActivityRow[]);
  const acts = (kind: string, from: string | null = null) => allActs.filter((r) => r.kind === kind && (from === null || r.occurred_on >= from));
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
    const leGroups = attendees.filter((a) => a.sector === 'law_enforcement');
    const le = { length: count(leGroups) };
    const n = leGroups.reduce((sum, a) => sum + a.le_signed, 0);
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
