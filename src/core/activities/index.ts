/**
 * Follow-up activities: what a coalition does after the build (commitments, distribution points,
 * training events, task forces, investigations assisted, the state-based initiative, the CDL
 * mandate, the victim service provider invited, the agenda of the build itself).
 *
 * One row per activity in `activities`; the kind's own options live in `details_json`. Every kind
 * is validated here, so `coalition log`, `activities edit` and `import activities` agree.
 *
 * Investigations are a count and a date only: never victim details. A note on an investigation is
 * refused when it looks like it names or describes a person (see `victimDetailProblem`).
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { CoalitionError, InvalidDataError, NotFoundError, UsageError } from '../../io/errors.js';
import type { CoalitionRow } from '../coalitions.js';
import { isIsoDate, isoDate, isoTimestamp } from '../dates.js';
import { orgKey } from '../normalize/sector.js';
import { escapeLike } from '../../db/like.js';

export const ACTIVITY_KINDS = ['commitment', 'distribution-point', 'training-event', 'task-force', 'investigation', 'sbi', 'cdl-mandate', 'provider-invited', 'agenda'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const COMMITMENTS = ['train-drivers', 'train-employees', 'distribute-materials', 'join-task-force'] as const;
/** The six components of TAT's state-based initiative (the Iowa MVE model), DOMAIN.md. */
export const SBI_COMPONENTS = ['executive-order', 'train-agencies', 'distribute-materials', 'forfeiture-funds', 'hotline-network', 'cdl-curriculum'] as const;
export const SBI_COMPONENT_NAMES: Record<string, string> = {
  'executive-order': 'public launch with an executive order',
  'train-agencies': 'training of state patrol, MVE and other law enforcement',
  'distribute-materials': 'TAT materials at weigh stations, rest areas, CDL centres and ports of entry',
  'forfeiture-funds': 'asset-forfeiture funds paying for the campaign',
  'hotline-network': "the National Human Trafficking Hotline's law enforcement network",
  'cdl-curriculum': 'anti-trafficking training in the statewide CDL curriculum',
};
export const SBI_STATUSES = ['adopted', 'in-progress', 'none'] as const;
export const CDL_STATUSES = ['none', 'proposed', 'introduced', 'passed', 'implemented'] as const;
export const AGENDA_ITEMS = ['le-led-session', 'survivor-session'] as const;
export const AUDIENCES = ['law_enforcement', 'government', 'trucking', 'truck_stop', 'bus', 'energy', 'victim_services', 'ngo', 'other'] as const;
export const INDUSTRY_SECTORS = ['trucking', 'truck_stop', 'bus', 'energy'] as const;

/** What each kind takes besides date, organization, count and note. */
export const KIND_OPTIONS: Record<ActivityKind, { details: string[]; org: 'required' | 'optional'; count: 'required' | 'optional' }> = {
  commitment: { details: ['what'], org: 'required', count: 'optional' },
  'distribution-point': { details: ['materials'], org: 'required', count: 'optional' },
  'training-event': { details: ['audience'], org: 'optional', count: 'required' },
  'task-force': { details: ['name'], org: 'optional', count: 'optional' },
  investigation: { details: [], org: 'optional', count: 'optional' },
  sbi: { details: ['component', 'status'], org: 'optional', count: 'optional' },
  'cdl-mandate': { details: ['status'], org: 'optional', count: 'optional' },
  'provider-invited': { details: [], org: 'required', count: 'optional' },
  agenda: { details: ['item'], org: 'optional', count: 'optional' },
};

export interface ActivityDetails {
  what?: string;
  materials?: string[];
  audience?: string;
  name?: string;
  component?: string;
  status?: string;
  item?: string;
}

/** Raw input as typed on the command line or read from a spreadsheet row. */
export interface ActivityInput {
  kind: string;
  date?: string | null;
  org?: string | number | null;
  count?: string | number | null;
  note?: string | null;
  what?: string | null;
  materials?: string | string[] | null;
  audience?: string | null;
  name?: string | null;
  component?: string | null;
  status?: string | null;
  item?: string | null;
}

export interface ValidActivity {
  kind: ActivityKind;
  occurred_on: string;
  organization_id: number | null;
  count: number | null;
  note: string | null;
  details: ActivityDetails;
  /** Warnings for the user (a note that should not be there, …). */
  warnings: string[];
}

export interface ActivityRecord {
  id: number;
  coalition: string;
  kind: ActivityKind;
  date: string;
  organization: string | null;
  organization_id: number | null;
  sector: string | null;
  count: number | null;
  details: ActivityDetails;
  /** The details in words, for tables. */
  summary: string;
  note: string | null;
  created_batch: number | null;
}

/**
 * The words coordinators write for a value in their sheets ("Task force member", "Agenda item",
 * "Survivor-leader session"), after lower-casing and joining words with '-'. A plural is read as
 * its singular ("Truck stops").
 */
const ALIASES: Record<string, string> = {
  'task-force-member': 'task-force', 'task-force-membership': 'task-force', 'task-force-members': 'task-force',
  'agenda-item': 'agenda', 'agenda-items': 'agenda',
  'training': 'training-event', 'training-session': 'training-event', 'trainings': 'training-event',
  'distribution': 'distribution-point', 'materials-distribution': 'distribution-point',
  'investigation-assisted': 'investigation', 'investigations-assisted': 'investigation',
  'state-based-initiative': 'sbi', 'sbi-component': 'sbi',
  'cdl': 'cdl-mandate', 'cdl-entry-level-mandate': 'cdl-mandate',
  'provider': 'provider-invited', 'victim-service-provider-invited': 'provider-invited', 'provider-invite': 'provider-invited',
  'survivor-leader-session': 'survivor-session', 'survivor-led-session': 'survivor-session', 'survivor-leader': 'survivor-session', 'survivor-story': 'survivor-session',
  'law-enforcement-led-session': 'le-led-session', 'le-session': 'le-led-session', 'le-led': 'le-led-session',
  'law-enforcement': 'law_enforcement', 'le': 'law_enforcement', 'truck-stops': 'truck_stop', 'truckstop': 'truck_stop', 'truckstops': 'truck_stop',
};

function oneOf<T extends string>(value: string | null | undefined, valid: readonly T[], field: string, what: string): T {
  const v = value?.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (!v) throw new InvalidDataError(`${what} is missing`, { field }, { hint: `pass --${field} with one of: ${valid.join(', ')}` });
  const same = (x: string, w: string) => x === w || x.replace(/_/g, '-') === w;
  const alias = ALIASES[v];
  const hit = valid.find((x) => same(x, v)) ?? valid.find((x) => alias !== undefined && same(x, alias)) ?? valid.find((x) => v.endsWith('s') && same(x, v.slice(0, -1)));
  if (!hit) throw new InvalidDataError(`"${value}" is not a valid ${what}`, { field }, { hint: `use one of: ${valid.join(', ')}` });
  return hit;
}

export function parseKind(raw: string): ActivityKind {
  return oneOf(raw, ACTIVITY_KINDS, 'kind', 'activity kind');
}

/**
 * A note on an investigation must not hold victim details. This catches the obvious cases (ages,
 * names with titles, "victim"/"girl"/"minor" with descriptions, dates of birth, phone numbers,
 * addresses); it cannot catch everything, so the README and the help say it plainly too.
 */
/** Words for a person, first letter either case (a name after them is capitalized; the name's case
 * is what tells it from an ordinary word). */
const PERSON_WORD = String.raw`(?:[Vv]ictims?|[Ss]urvivors?|[Gg]irls?|[Bb]oys?|[Ww]om[ae]n|[Mm]inors?|[Jj]uveniles?|[Cc]hild|[Kk]ids?|[Tt]eens?|[Tt]eenagers?)`;
/** Capitalized words that follow "Victim"/"Child"/"Youth" in the names of agencies and programs. */
const SERVICE_WORDS = 'Services?|Advoca\\w*|Assistance|Centers?|Units?|Coalition|Task|Support|Outreach|Programs?|Shelters?|Protect\\w*|Witness|Rights|Resources?|Network|Alliance|Care|Welfare|Response|Compensation|Specialists?|Liaisons?|Coordinators?|Hotline|Fund';

export function victimDetailProblem(note: string): string | undefined {
  const person = String.raw`(?:victims?|survivors?|girls?|boys?|wom[ae]n|m[ae]n|minors?|juveniles?|child(?:ren)?|kids?|teens?|teenagers?|females?|males?|adults?|she|he)`;
  const checks: Array<[RegExp, string]> = [
    // "aged 16", "age: 16", "16 y/o", "16yo", "16 years old", "16-year-old", "16 years of age"; not
    // "a 3-year operation" nor "2 years of joint work"
    [/\b(?:age[sd]?\s*:?\s*\d{1,2}|\d{1,2}\s*(?:-|\s)?(?:y\/?o|yrs?\.?(?:\s*|-)old|years?(?:\s*|-)old|years?\s+of\s+age))\b/i, 'an age'],
    // "victim, 17," "a girl (15)", "female, 16": a person word with a bare number beside it (not
    // "victims: 2", a count)
    [new RegExp(String.raw`\b${person}\s*(?:,|\()\s*\d{1,2}\b(?!\s*(?:%|hours?|hrs?|days?|weeks?|months?|arrests?|investigations?|agencies|truck|officers?))`, 'i'), 'an age'],
    // "Jane, 16, recovered", "Maria Lopez (15)": a name with a bare number beside it, as a roster
    // writes an age (not "March 12, 2026", nor "Ames, 2 agencies")
    [/\b[A-Z][a-z]+\s*(?:,\s*|\(\s*)\d{1,2}\s*(?:[),.;]|$)/, 'an age'],
    [/\b(dob|date of birth|born)\b/i, 'a date of birth'],
    // "victim Jane Doe", "the girl Maria": a person word followed by a name (not "Victim Services")
    [new RegExp(String.raw`\b${PERSON_WORD}\s+(?!(?:${SERVICE_WORDS})\b)[A-Z][a-z]+`), 'a name'],
    [new RegExp(String.raw`\b${person}('?s)?\s+(named|called|name|was|is|from|aged|with)\b`, 'i'), 'a description of a person'],
    // "female juvenile", "white female", "Hispanic girl": the sex, age group or origin of someone
    [new RegExp(String.raw`\b(?:female|male|white|black|hispanic|latina|latino|asian|native|caucasian|african[- ]american)\s+(?:victims?|survivors?|girls?|boys?|wom[ae]n|m[ae]n|minors?|juveniles?|child(?:ren)?|teens?|teenagers?|adults?|females?|males?)\b`, 'i'), 'a description of a person'],
    [/\b(Ms|Mrs|Miss|Mr)\.?\s+[A-Z][a-z]+/, 'a name'],
    [/\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}/, 'a phone number'],
    [/\b\d{1,5}\s+\w+\s+(st|street|ave|avenue|rd|road|dr|drive|ln|lane|blvd)\b/i, 'an address'],
    // "race" alone is a car race as often as a description ("race weekend")
    [/\b(hair|tattoos?|height|weight|ethnicity|skin|eyes)\b/i, 'a physical description'],
  ];
  for (const [re, what] of checks) if (re.test(note)) return what;
  return undefined;
}

function parseCount(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const s = typeof raw === 'number' ? String(raw) : raw.trim().replace(/,/g, '');
  if (!/^\d+$/.test(s)) throw new InvalidDataError(`"${raw}" is not a whole number`, { field: 'count' }, { hint: 'pass --count N, for example --count 12' });
  return Number(s);
}

export function parseMaterials(raw: string | string[] | null | undefined): string[] {
  const parts = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((s) => s.split(/[,;]/)).map((s) => s.trim()).filter(Boolean);
  return [...new Set(parts)];
}

export interface OrgRef {
  id: number;
  name: string;
  sector: string;
}

/**
 * An organization by id, or by name as a coordinator types it: exact name, the identity key
 * (`orgKey`: "Loves Travel Stop #784"), a store number (`#784`) and a city after a comma
 * ("Pilot Travel Center, Walcott") narrowing the match, else a unique partial match. Ambiguity is
 * an error listing the candidates' ids.
 */
export function findOrganization(db: DB, ref: string | number): OrgRef {
  const s = String(ref).trim();
  type Row = OrgRef & { store_number: string | null; city: string | null; name_key: string };
  const cols = 'id, name, sector, store_number, city, name_key';
  if (/^\d+$/.test(s)) {
    const row = stmt(db, `SELECT ${cols} FROM organizations WHERE id = ?`).get(Number(s)) as Row | undefined;
    if (row) return pick(row);
  }
  const exact = stmt(db, `SELECT ${cols} FROM organizations WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 20`).all(s) as Row[];
  if (exact.length === 1) return pick(exact[0]);
  const [namePart, cityPart] = s.includes(',') ? [s.slice(0, s.lastIndexOf(',')), s.slice(s.lastIndexOf(',') + 1).trim()] : [s, ''];
  let key = orgKey(namePart);
  // "Casey's 2931", "Pilot 1198": a number closing the name is a store number when no organization
  // is named with it ("Iowa 80 Truckstop" keeps its 80: it is not last).
  const bare = /^(.*\D)\s(\d{2,6})$/.exec(key);
  if (bare && !/#\d/.test(key) && !stmt(db, 'SELECT 1 FROM organizations WHERE name_key = ? LIMIT 1').get(key)) key = `${bare[1]} #${bare[2]}`;
  const store = /#(\d+)/.exec(key)?.[1] ?? null;
  const base = key.replace(/\s*#\d+\s*/g, ' ').trim();
  let cands: Row[] = exact.length ? exact : (stmt(db, `SELECT ${cols} FROM organizations WHERE name_key = ? OR name_key = ? OR name_key LIKE ? || ' %' ESCAPE '\\' ORDER BY id LIMIT 200`).all(key, base, escapeLike(base)) as Row[]);
  const narrow = (rows: Row[]) => {
    let out = rows;
    if (store) {
      const byStore = out.filter((r) => r.store_number?.replace(/^0+/, '') === store || /#(\d+)/.exec(r.name_key)?.[1] === store);
      out = byStore;
    }
    if (cityPart) out = out.filter((r) => (r.city ?? '').toLowerCase() === cityPart.toLowerCase());
    return out;
  };
  cands = narrow(cands);
  if (cands.length === 0 && !base && store) {
    cands = narrow(stmt(db, `SELECT ${cols} FROM organizations WHERE ltrim(store_number, '0') = ? OR name_key LIKE '%#' || ? ORDER BY id LIMIT 50`).all(store, store) as Row[]);
  }
  if (cands.length === 0 && base) {
    cands = narrow(stmt(db, `SELECT ${cols} FROM organizations WHERE name LIKE '%' || ? || '%' ESCAPE '\\' ORDER BY name LIMIT 200`).all(escapeLike(namePart.replace(/#\s*\d+/, '').trim())) as Row[]);
  }
  if (cands.length === 1) return pick(cands[0]);
  if (cands.length === 0) {
    throw new NotFoundError(`no organization "${s}"`, { hint: 'list them with: coalition orgs; add one with: coalition import contacts FILE' });
  }
  // the store number only where the name does not already say it ("Love's Travel Stop #784")
  const storeShown = (o: Row) => o.store_number && !new RegExp(`#\\s*0*${o.store_number.replace(/^0+/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(o.name);
  const show = cands.slice(0, 6).map((o) => `${o.id} (${o.name}${storeShown(o) ? ` #${o.store_number}` : ''}${o.city ? `, ${o.city}` : ''})`);
  // once the store number is given, only the city (or the id) can tell them apart
  throw new UsageError(`"${s}" matches ${cands.length} organizations`, { hint: `pass the id, or add ${store ? '' : 'the store number or '}", City": ${show.join('; ')}` });
}

function pick(r: OrgRef): OrgRef {
  return { id: r.id, name: r.name, sector: r.sector };
}

/** Validates one activity; returns what to store. `buildDate` is the default date. */
export function validateActivity(db: DB, input: ActivityInput, defaults: { date: string }): ValidActivity {
  const kind = parseKind(input.kind);
  const spec = KIND_OPTIONS[kind];
  const warnings: string[] = [];
  const date = (input.date ?? '').toString().trim() || defaults.date;
  if (!isIsoDate(date)) throw new InvalidDataError(`"${date}" is not a date`, { field: 'date' }, { hint: 'use YYYY-MM-DD, for example --date 2026-04-15' });
  let orgId: number | null = null;
  let sector: string | null = null;
  if (input.org !== null && input.org !== undefined && String(input.org).trim() !== '') {
    const org = findOrganization(db, input.org);
    orgId = org.id;
    sector = org.sector;
  } else if (spec.org === 'required') {
    throw new InvalidDataError(`a ${kind} needs an organization`, { field: 'org' }, { hint: 'pass --org NAME-or-ID' });
  }
  const count = parseCount(input.count);
  if (count === null && spec.count === 'required') {
    throw new InvalidDataError(`a ${kind} needs a count`, { field: 'count' }, { hint: kind === 'training-event' ? 'pass --count N: how many people were trained' : 'pass --count N' });
  }
  const details: ActivityDetails = {};
  switch (kind) {
    case 'commitment':
      details.what = oneOf(input.what, COMMITMENTS, 'what', 'commitment');
      break;
    case 'distribution-point': {
      const materials = parseMaterials(input.materials);
      if (materials.length) details.materials = materials;
      break;
    }
    case 'training-event':
      details.audience = oneOf(input.audience, AUDIENCES, 'audience', 'audience sector');
      break;
    case 'task-force': {
      const name = input.name?.trim();
      if (!name) throw new InvalidDataError('a task force needs a name', { field: 'name' }, { hint: 'pass --name "Central Iowa Anti-Trafficking Task Force"' });
      details.name = name;
      if (sector && !(INDUSTRY_SECTORS as readonly string[]).includes(sector)) {
        warnings.push(`the member organization is in the ${sector} sector; goal P2.3 counts industry members (trucking, truck stops, bus, energy)`);
      }
      break;
    }
    case 'investigation':
      break;
    case 'sbi':
      details.component = oneOf(input.component, SBI_COMPONENTS, 'component', 'state-based initiative component');
      details.status = oneOf(input.status, SBI_STATUSES, 'status', 'status');
      break;
    case 'cdl-mandate':
      details.status = oneOf(input.status, CDL_STATUSES, 'status', 'CDL mandate status');
      break;
    case 'provider-invited':
      if (sector && sector !== 'victim_services') warnings.push(`the organization is in the ${sector} sector, not victim_services; correct it with: coalition orgs set ${orgId} --sector victim_services`);
      break;
    case 'agenda':
      details.item = oneOf(input.item, AGENDA_ITEMS, 'item', 'agenda item');
      break;
  }
  // Options that belong to another kind are a mistake worth stopping for.
  const given: Array<[keyof ActivityInput, string]> = [['what', 'what'], ['materials', 'materials'], ['audience', 'audience'], ['name', 'name'], ['component', 'component'], ['status', 'status'], ['item', 'item']];
  for (const [key, field] of given) {
    const v = input[key];
    const present = Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined && String(v).trim() !== '';
    if (present && !spec.details.includes(field)) {
      throw new UsageError(`--${field} does not apply to a ${kind}`, { hint: spec.details.length ? `a ${kind} takes: ${spec.details.map((d) => `--${d}`).join(', ')}` : `a ${kind} takes only --date, --org, --count and --note` });
    }
  }
  const note = input.note?.toString().trim() || null;
  if (note && kind === 'investigation') {
    const problem = victimDetailProblem(note);
    if (problem) {
      throw new InvalidDataError(`the note seems to contain ${problem}; an investigation is recorded as a count and a date only, never victim details`, { field: 'note' }, { hint: 'leave the note out, or keep it to the agencies and companies that assisted' });
    }
  }
  return { kind, occurred_on: date, organization_id: orgId, count, note, details, warnings };
}

export function insertActivity(db: DB, coalitionId: number, a: ValidActivity, now: Date, batchId: number | null = null): number {
  const ts = isoTimestamp(now);
  const r = stmt(db, `INSERT INTO activities (coalition_id, kind, occurred_on, organization_id, count, note, details_json, created_batch, created_at, updated_at)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(coalitionId, a.kind, a.occurred_on, a.organization_id, a.count, a.note, JSON.stringify(a.details), batchId, ts, ts);
  return Number(r.lastInsertRowid);
}

/** Is there already an identical activity (same kind, date, organization, count, details, note)? */
export function findDuplicate(db: DB, coalitionId: number, a: ValidActivity): number | undefined {
  const row = stmt(db, `SELECT id FROM activities WHERE coalition_id = ? AND kind = ? AND occurred_on = ? AND organization_id IS ? AND count IS ? AND note IS ? AND details_json = ? LIMIT 1`).get(
    coalitionId, a.kind, a.occurred_on, a.organization_id, a.count, a.note, JSON.stringify(a.details),
  ) as { id: number } | undefined;
  return row?.id;
}

/** Logs one activity (`coalition log`). The org flag of a distribution point is set too. */
export function logActivity(db: DB, coalition: CoalitionRow, input: ActivityInput, now: Date): { activity: ActivityRecord; warnings: string[]; duplicate: boolean } {
  return db.transaction(() => {
    const v = validateActivity(db, input, { date: isoDate(now) });
    const dup = findDuplicate(db, coalition.id, v);
    if (dup !== undefined) return { activity: getActivity(db, dup), warnings: v.warnings, duplicate: true };
    const id = insertActivity(db, coalition.id, v, now);
    applySideEffects(db, v, now);
    return { activity: getActivity(db, id), warnings: v.warnings, duplicate: false };
  })();
}

/** A distribution point also marks its organization (`organizations.distribution_point`). Returns
 * the previous value when it changed it. */
export function applySideEffects(db: DB, v: ValidActivity, now: Date): { orgId: number; before: number } | undefined {
  if (v.kind !== 'distribution-point' || v.organization_id === null) return undefined;
  const row = stmt(db, 'SELECT distribution_point FROM organizations WHERE id = ?').get(v.organization_id) as { distribution_point: number } | undefined;
  if (!row || row.distribution_point === 1) return undefined;
  stmt(db, 'UPDATE organizations SET distribution_point = 1, updated_at = ? WHERE id = ?').run(isoTimestamp(now), v.organization_id);
  return { orgId: v.organization_id, before: row.distribution_point };
}

interface ActivityRow {
  id: number;
  slug: string;
  kind: ActivityKind;
  occurred_on: string;
  organization_id: number | null;
  org_name: string | null;
  sector: string | null;
  count: number | null;
  note: string | null;
  details_json: string;
  created_batch: number | null;
}

const SELECT = `SELECT a.id, c.slug, a.kind, a.occurred_on, a.organization_id, o.name AS org_name, o.sector, a.count, a.note, a.details_json, a.created_batch
                  FROM activities a JOIN coalitions c ON c.id = a.coalition_id LEFT JOIN organizations o ON o.id = a.organization_id`;

export function describeDetails(kind: ActivityKind, d: ActivityDetails): string {
  switch (kind) {
    case 'commitment': return d.what ?? '';
    case 'distribution-point': return d.materials?.join(', ') ?? '';
    case 'training-event': return d.audience ? `audience: ${d.audience}` : '';
    case 'task-force': return d.name ?? '';
    case 'sbi': return `${d.component}: ${d.status}`;
    case 'cdl-mandate': return d.status ?? '';
    case 'agenda': return d.item ?? '';
    default: return '';
  }
}

function toRecord(r: ActivityRow): ActivityRecord {
  const details = JSON.parse(r.details_json) as ActivityDetails;
  return {
    id: r.id,
    coalition: r.slug,
    kind: r.kind,
    date: r.occurred_on,
    organization: r.org_name,
    organization_id: r.organization_id,
    sector: r.sector,
    count: r.count,
    details,
    summary: describeDetails(r.kind, details),
    note: r.note,
    created_batch: r.created_batch,
  };
}

export function getActivity(db: DB, id: number): ActivityRecord {
  const row = stmt(db, `${SELECT} WHERE a.id = ?`).get(id) as ActivityRow | undefined;
  if (!row) throw new NotFoundError(`no activity ${id}`, { hint: 'list them with: coalition activities' });
  return toRecord(row);
}

export interface ListFilter {
  kind?: string;
  from?: string;
  to?: string;
  org?: string;
}

export function listActivities(db: DB, coalitionId: number, f: ListFilter = {}): ActivityRecord[] {
  // A bad --kind is a bad flag (exit 2), as a bad --from is; parseKind's own error is for a field.
  let kind: ActivityKind | null = null;
  if (f.kind) {
    try {
      kind = parseKind(f.kind);
    } catch (err) {
      if (!(err instanceof CoalitionError)) throw err;
      throw new UsageError(`--kind "${f.kind}" is not an activity kind`, { hint: err.hint ?? `use one of: ${ACTIVITY_KINDS.join(', ')}` });
    }
  }
  for (const [flag, d] of [['--from', f.from], ['--to', f.to]] as const) {
    if (d && !isIsoDate(d)) throw new UsageError(`${flag} "${d}" is not a date`, { hint: 'use YYYY-MM-DD' });
  }
  const orgId = f.org ? findOrganization(db, f.org).id : null;
  const rows = stmt(db, `${SELECT} WHERE a.coalition_id = ? AND (? IS NULL OR a.kind = ?) AND (? IS NULL OR a.occurred_on >= ?) AND (? IS NULL OR a.occurred_on <= ?)
                          AND (? IS NULL OR a.organization_id = ?) ORDER BY a.occurred_on, a.id`).all(
    coalitionId, kind, kind, f.from ?? null, f.from ?? null, f.to ?? null, f.to ?? null, orgId, orgId,
  ) as ActivityRow[];
  return rows.map(toRecord);
}

/** Changes to an existing activity: only what is given changes; the result is validated as a whole. */
export interface ActivityEdit extends Partial<Omit<ActivityInput, 'kind'>> {
  kind?: string;
}

export function editActivity(db: DB, coalitionId: number, id: number, edit: ActivityEdit, now: Date): { activity: ActivityRecord; warnings: string[] } {
  return db.transaction(() => {
    const current = getActivity(db, id);
    const owner = stmt(db, 'SELECT coalition_id FROM activities WHERE id = ?').get(id) as { coalition_id: number };
    if (owner.coalition_id !== coalitionId) throw new NotFoundError(`activity ${id} belongs to the coalition ${current.coalition}`, { hint: `pass -c ${current.coalition}` });
    const kindChanged = edit.kind !== undefined && parseKind(edit.kind) !== current.kind;
    // Details of the old kind do not carry over to a new kind.
    const base: ActivityInput = kindChanged
      ? { kind: edit.kind!, date: current.date, org: current.organization_id, count: current.count, note: current.note }
      : {
          kind: current.kind,
          date: current.date,
          org: current.organization_id,
          count: current.count,
          note: current.note,
          ...current.details,
        };
    const merged: ActivityInput = { ...base };
    for (const [k, v] of Object.entries(edit)) if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
    const v = validateActivity(db, merged, { date: current.date });
    stmt(db, 'UPDATE activities SET kind = ?, occurred_on = ?, organization_id = ?, count = ?, note = ?, details_json = ?, updated_at = ? WHERE id = ?').run(
      v.kind, v.occurred_on, v.organization_id, v.count, v.note, JSON.stringify(v.details), isoTimestamp(now), id,
    );
    applySideEffects(db, v, now);
    return { activity: getActivity(db, id), warnings: v.warnings };
  })();
}

export function deleteActivity(db: DB, coalitionId: number, id: number): ActivityRecord {
  return db.transaction(() => {
    const a = getActivity(db, id);
    const owner = stmt(db, 'SELECT coalition_id FROM activities WHERE id = ?').get(id) as { coalition_id: number };
    if (owner.coalition_id !== coalitionId) throw new NotFoundError(`activity ${id} belongs to the coalition ${a.coalition}`, { hint: `pass -c ${a.coalition}` });
    stmt(db, 'DELETE FROM activities WHERE id = ?').run(id);
    return a;
  })();
}
