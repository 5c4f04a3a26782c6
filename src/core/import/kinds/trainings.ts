/**
 * The `trainings` import kind: training rosters (LMS exports, sign-in sheets) as sign-offs.
 *
 * A row is either a person (an email, or a name at an organization) who completed a module on a
 * date, or an organization with a `count` (a truck stop's 18 employees, a carrier's 450 drivers).
 *
 * People are matched by email (any case), then by full name at the same organization; a person the
 * database does not know becomes a new person at the given organization (through the shared
 * identity rules, counted in `inserted.people`). The module may be named in words; it is matched
 * to the catalog (src/core/training/modules.ts) and a row whose module is unknown is rejected with
 * a reason that names the known ids. A sign-off already recorded (same person, module and date) is
 * a duplicate: nothing changes.
 *
 * A tracker kept as one row per person and one column per module ("Initial Training", "LE Training":
 * a date or a tick in each) has no module column: its columns that name a module are read as
 * `module:<id>` fields (adaptMapping), and each dated or ticked cell is a sign-off of that row's person.
 *
 * Preparing a row (possibly on the reader thread) checks the module, the date and the count and
 * normalizes the e-mail; the person, place and organization are read only when writing needs them:
 * a person found by e-mail does not need the row's address, so a bad state there neither warns nor
 * rejects.
 */
import { stmt, type DB } from '../../../db/connection.js';
import { UsageError } from '../../../io/errors.js';
import { isoTimestamp } from '../../dates.js';
import { isUtcText, localDate, parseDate, parseYesNo } from '../../normalize/date.js';
import { coalitionStates } from '../../coalitions.js';
import { stateTimeZone } from '../../states.js';
import { cityKey, orgKey } from '../../normalize/sector.js';
import { normalizeEmail } from '../../normalize/email.js';
import { personKey } from '../../normalize/name.js';
import { ModuleMatcher, listModules, unknownModuleMessage, type TrainingModule } from '../../training/modules.js';
import { completionStatus, unknownStatusMessage } from '../../training/status.js';
import { personIdByEmail, personIdByNameAtOrg, upsertOrganization, upsertPerson } from '../identity.js';
import { SignoffIndex } from '../identity-index.js';
import { refreshMapping, type Mapping } from '../mapper.js';
import { RowRejected, type Cell, type KindHandler, type MappedRow, type PrepareContext, type RowContext } from '../types.js';
import { ROLE_SYNONYMS, UNNAMED_REASON, placeholderName, ranTheSession, warnRanTheSession, warnTestStudent, readOrg, readPerson, readPlace, text, type Place } from './common.js';

const MATCHER = 'trainings:modules';
const ORGS = 'trainings:orgs';
const PEOPLE = 'trainings:people';
const STAMP = 'trainings:created_at';
const SIGNOFFS = 'trainings:signoffs';
/** Rosters list the same people again and again (one row per module): remember who is who, up to
 * this many people, so that a repeated row costs no query. */
const PEOPLE_CACHE_MAX = 100_000;

/** Header names rosters use for the training fields, tried before the generic synonym table. */
export const TRAINING_SYNONYMS: Record<string, string[]> = {
  module: ['module', 'module name', 'course', 'course name', 'course title', 'training', 'training name', 'training title', 'training module', 'training type', 'class', 'class name', 'session', 'program', 'curriculum', 'lesson'],
  completed_on: ['completed on', 'completed', 'date completed', 'completion date', 'date of completion', 'completion', 'training date', 'date trained', 'date', 'completed at', 'finished', 'date attended', 'session date', 'class date', 'course date',
    'completed date', 'completion date time', 'course completion date', 'course completed', 'course completed on', 'date passed', 'date certified', 'certification date'],
  verified_by: ['verified by', 'verifier', 'verified', 'trainer', 'trainer name', 'instructor', 'facilitator', 'presenter', 'signed off by', 'sign off by', 'approved by', 'certified by', 'taught by'],
  // An LMS export's completion status or progress (src/core/training/status.ts). Other "… status"
  // headers of a course (Cornerstone's "Transcript Status") are read by KEYWORD_RULES.
  // TalentLMS's "Progress status"; a webinar's or a sign-in sheet's "Attended" (Yes / No: no one is
  // trained by a session they missed); Moodle's "Course complete" (the date, or blank when not).
  status: ['status', 'completion status', 'course status', 'training status', 'module status', 'learner status', 'enrollment status', 'registration status', 'transcript status', 'completion state', 'progress', 'course progress', 'progress percent', 'percent complete',
    'progress status', 'course progress status', 'attended', 'attendance', 'attendance status', 'present', 'course complete'],
  // Whether the learner passed, beside or instead of a completion status: SCORM Cloud's "Success
  // Status" (PASSED, FAILED, UNKNOWN). Alone, it is the status.
  result: ['result', 'outcome', 'pass fail', 'passed', 'success status', 'success', 'pass fail status', 'passed failed', 'course result'],
  // The learner, as learning systems head the column: TalentLMS's "User", Canvas's "Student".
  full_name: ['user', 'learner', 'learner name', 'student', 'student name', 'trainee', 'trainee name', 'employee', 'employee name', 'user full name'],
  // How someone took part: Docebo's "Level" of an enrollment (Student, Tutor, Instructor) too.
  role: [...ROLE_SYNONYMS.role, 'level', 'enrollment level', 'enrolment level', 'course enrollment level', 'user level', 'course level'],
  count: ['count', 'number trained', 'no trained', 'num trained', 'total trained', 'trained', 'people trained', 'employees trained', 'drivers trained', 'staff trained', 'headcount', 'head count', 'number of employees trained', 'number of drivers trained', 'number of people trained'],
};

/** What prepareData reads once, on the main thread, for preparing rows on either thread. */
interface TrainingsData {
  modules: TrainingModule[];
  /** The coalition's time zone (its first state's), for the date of a UTC timestamp. */
  timeZone: string | null;
}

/** A completion date from a cell. A UTC timestamp ("2026-03-14T02:30:00Z", as some learning systems
 * export) is read on the coalition's calendar: that one was the evening of March 13 in Iowa. */
function completionDate(cell: Cell, ctx: PrepareContext): ReturnType<typeof parseDate> {
  const d = parseDate(cell, ctx.dayFirst);
  const tz = (ctx.data as TrainingsData | undefined)?.timeZone;
  return d.date && d.datetime && tz && isUtcText(cell) ? { ...d, date: localDate(d.datetime, tz) } : d;
}

/** The catalog's matcher, built once per batch and thread from the modules prepareData read. */
function matcher(ctx: PrepareContext): ModuleMatcher {
  let m = ctx.cache.get(MATCHER) as ModuleMatcher | undefined;
  if (!m) ctx.cache.set(MATCHER, (m = new ModuleMatcher((ctx.data as TrainingsData).modules)));
  return m;
}

function peopleCache(ctx: RowContext): Map<string, number> {
  let m = ctx.cache.get(PEOPLE) as Map<string, number> | undefined;
  if (!m) ctx.cache.set(PEOPLE, (m = new Map()));
  return m;
}

function remember(ctx: RowContext, key: string, id: number): number {
  const m = peopleCache(ctx);
  if (m.size < PEOPLE_CACHE_MAX) m.set(key, id);
  return id;
}

function bump(counter: Record<string, number>, key: string): void {
  counter[key] = (counter[key] ?? 0) + 1;
}

/** A roster row, checked: module, date and count. The person, place and organization are read from
 * `fields` only when writing needs them (most rows name a person already known by e-mail). */
interface PreparedTraining {
  /** A row whose status says the training is not complete: nothing is written, only counted. */
  notCompleted?: true;
  /** A row of the session's organizer, host or instructor ('hosts'), or of a course's test student
   * ('test_students'): nothing is written, only counted. */
  skip?: 'hosts' | 'test_students';
  module: string;
  date: string;
  verifiedBy: string | null;
  /** An organization's count of people trained, or null for a person's sign-off. */
  count: number | null;
  /** A tracker row's further sign-offs of the same person (one per module column), beside
   * `module` and `date`. */
  also?: Array<{ module: string; date: string }>;
  /** The row's e-mail, normalized, when it is a valid one. */
  email: string | null;
  /** The mapped row. */
  fields: MappedRow['fields'];
}

/** The completion date; null when the date column answers no ("Completed?" — "No"). */
/** What a row not completed prepares to: no module, date or person is read. */
const NOT_COMPLETED: PreparedTraining = { notCompleted: true, module: '', date: '', verifiedBy: null, count: null, email: null, fields: {} };
/** A result that says nothing of passing: SCORM's "unknown" (a course without a pass mark). */
const NO_RESULT = /^\s*(unknown|n\/?a|not applicable|-+)?\s*$/i;

/** What the row of someone who ran the session prepares to: nothing is written, only counted. */
const RAN_IT: PreparedTraining = { ...NOT_COMPLETED, notCompleted: undefined, skip: 'hosts' };
/** What the row of a course's test student prepares to. */
const TEST_STUDENT: PreparedTraining = { ...NOT_COMPLETED, notCompleted: undefined, skip: 'test_students' };

function completedOn(row: MappedRow, ctx: PrepareContext, statusDate: string | null = null): string | null {
  let raw: Cell | undefined = row.fields.completed_on;
  // No date column, but a "Passed" status column of dates: that is the date, rather than a date
  // given on the command line for rows that give none.
  if (statusDate && (raw === null || raw === undefined || String(raw).trim() === '' || !ctx.mapped.has('completed_on'))) return statusDate;
  // A "Completed" column of yes/no answers rather than dates: no is a training not done, yes a
  // training done on a date the row does not give.
  if (typeof raw === 'string' && !/\d/.test(raw)) {
    const said = parseYesNo(raw);
    if (said === false) return null;
    if (said === true) raw = null;
  }
  if (raw === null || raw === undefined || String(raw).trim() === '') {
    if (ctx.coalition) {
      ctx.warn('completed_on', `no completion date; the build date ${ctx.coalition.build_date} of ${ctx.coalition.slug} was used`);
      return ctx.coalition.build_date;
    }
    throw new RowRejected('no completion date: fill it in, or import with -c SLUG to use the build date', 'completed_on');
  }
  const d = completionDate(raw, ctx);
  if (!d.date) throw new RowRejected(`the completion date ${d.error ?? 'is not a date'}`, 'completed_on');
  return d.date;
}

/**
 * A count as organizations report it: "1,250", "Drivers trained: 450", "18 employees", and
 * estimates ("approx. 30", "~30", "30+", "at least 30"), which are recorded as the figure with a
 * warning that says so. A range ("25-30") or a fraction is not a count.
 */
const COUNT =
  /^(?:[a-z ]{1,40}:\s*)?(approx\.?|approximately|about|around|roughly|~|≈|ca\.?|circa|est\.?|estimated|at least|over|more than)?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(\+)?\s*(?:[a-z]+(?: [a-z]+)?)?$/i;

/** The fields that name a person: a roster without any is a tally of organizations' counts. */
const PERSON_FIELDS = ['email', 'full_name', 'first_name', 'last_name'];

/** The row's e-mail, normalized, when it is a valid one (personFor reads the rest). */
function emailOf(row: MappedRow): string | null {
  const raw = row.fields.email;
  return raw !== undefined && raw !== null && raw !== '' ? (normalizeEmail(raw).value ?? null) : null;
}

function parseCount(raw: Cell | undefined, ctx: PrepareContext): number {
  const s = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim().replace(/\s+/g, ' ');
  const m = COUNT.exec(s);
  const n = m ? Number(m[2].replace(/,/g, '')) : NaN;
  if (!m || n > 10_000_000) throw new RowRejected(`"${s.slice(0, 30)}" is not a whole number of people trained`, 'count');
  if (m[1] || m[3]) ctx.warn('count', `"${s.slice(0, 30)}" is an estimate; ${n} was recorded`);
  return n;
}

/**
 * An existing organization by name (in the row's city when it has one, else the only one of that
 * name), without writing anything. Cached per batch: rosters repeat a few organizations many times.
 */
function findOrganization(ctx: RowContext, name: string, city: string | null): number | undefined {
  let cache = ctx.cache.get(ORGS) as Map<string, number | null> | undefined;
  if (!cache) ctx.cache.set(ORGS, (cache = new Map()));
  const nk = orgKey(name);
  const ck = city ? cityKey(city) : '';
  const key = `${nk}\u0000${ck}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let id: number | undefined;
  if (ck) id = (stmt(ctx.db, 'SELECT id FROM organizations WHERE name_key = ? AND city_key = ?').get(nk, ck) as { id: number } | undefined)?.id;
  if (id === undefined) {
    const all = stmt(ctx.db, 'SELECT id FROM organizations WHERE name_key = ? ORDER BY id LIMIT 2').all(nk) as { id: number }[];
    if (all.length === 1) id = all[0].id;
  }
  cache.set(key, id ?? null);
  return id;
}

/** The row's organization: an existing one, else a new one (counted in inserted.organizations). */
function organizationFor(row: MappedRow, ctx: RowContext, place: Place): number | undefined {
  const name = text(row.fields.organization);
  if (!name) return undefined;
  const found = findOrganization(ctx, name, place.city);
  if (found !== undefined) return found;
  const input = readOrg(row, ctx, place);
  if (!input) return undefined;
  const id = upsertOrganization(ctx, input).id;
  (ctx.cache.get(ORGS) as Map<string, number | null>).set(`${orgKey(name)}\u0000${place.city ? cityKey(place.city) : ''}`, id);
  return id;
}

function writeCount(t: PreparedTraining, row: MappedRow, ctx: RowContext): void {
  const orgId = organizationFor(row, ctx, readPlace(row, ctx))!;
  const found = stmt(ctx.db, 'SELECT id, count, verified_by, created_batch FROM training_counts WHERE organization_id = ? AND module_id = ? AND completed_on = ?').get(orgId, t.module, t.date) as
    | { id: number; count: number; verified_by: string | null; created_batch: number | null }
    | undefined;
  const count = t.count!;
  if (!found) {
    stmt(ctx.db, 'INSERT INTO training_counts (organization_id, module_id, count, completed_on, verified_by, coalition_id, created_batch, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      orgId, t.module, count, t.date, t.verifiedBy, ctx.coalition?.id ?? null, ctx.batch.id, isoTimestamp(ctx.now),
    );
    bump(ctx.counters.inserted, 'training_counts');
    return;
  }
  if (found.count === count) {
    ctx.counters.duplicates++;
    return;
  }
  // A corrected roster: the new count replaces the old one, and undo restores the old one.
  if (found.created_batch !== ctx.batch.id) ctx.batch.recordUpdate('training_counts', found.id, { count: found.count, verified_by: found.verified_by });
  stmt(ctx.db, 'UPDATE training_counts SET count = ?, verified_by = coalesce(?, verified_by) WHERE id = ?').run(count, t.verifiedBy, found.id);
  bump(ctx.counters.updated, 'training_counts');
  ctx.warn('count', `the count for ${t.module} on ${t.date} was ${found.count}; now ${count}`);
}

/**
 * The person of a row: by e-mail (any case); else by full name at the same organization; else a
 * new person at that organization (through the shared identity rules, counted in inserted.people).
 * People who are found are not changed: a roster says who was trained, not who they are.
 */
function personFor(t: PreparedTraining, row: MappedRow, ctx: RowContext): number {
  // Fast path: an e-mail seen before in this batch, or known to the database.
  if (t.email) {
    const known = peopleCache(ctx).get(`@${t.email}`);
    if (known !== undefined) return known;
    const byEmail = personIdByEmail(ctx, t.email);
    if (byEmail !== undefined) return remember(ctx, `@${t.email}`, byEmail);
  }
  const p = readPerson(row, ctx);
  if (!p) throw new RowRejected('no person: give an e-mail or a name (or, for an organization, a count)', text(row.fields.email) === null ? 'full_name' : 'email');
  const key = personKey(p.first_name, p.last_name);
  if (!key) throw new RowRejected("this e-mail is not known and the row has no name: add the person's name and organization", 'full_name');
  const place = readPlace(row, ctx);
  const orgName = text(row.fields.organization);
  if (orgName) {
    const existing = findOrganization(ctx, orgName, place.city);
    if (existing !== undefined) {
      const known = peopleCache(ctx).get(`${key}\u0000${existing}`);
      if (known !== undefined) return known;
      const byName = personIdByNameAtOrg(ctx, key, existing);
      if (byName !== undefined) return remember(ctx, `${key}\u0000${existing}`, byName);
    }
  } else if (!p.email) {
    throw new RowRejected('a name without an organization or an e-mail cannot be matched to one person: add the organization', 'organization');
  }
  const orgId = organizationFor(row, ctx, place) ?? null;
  const id = upsertPerson(ctx, { ...p, organization_id: orgId }).id;
  if (p.email) remember(ctx, `@${p.email}`, id);
  if (orgId !== null) remember(ctx, `${key}\u0000${orgId}`, id);
  return id;
}

/** A tracker's column of one module, as a field: `module:le-victim-centered`. */
const MODULE_COLUMN = 'module:';

/**
 * A tracker's columns, one per module: with no module column and no `--module`, every column the
 * mapper left unread whose header names a module ("Initial Training", "Victim-Centered LE") is that
 * module's column; `--map "LE Training=module:le-tat"` names one. A header that could be either of
 * two modules stops the import, since its dates would otherwise be dropped without a word.
 */
function readModuleColumns(mapping: Mapping, db: DB): void {
  if (mapping.given.module !== undefined || mapping.columns.some((c) => c.field === 'module')) return;
  const matcher = ModuleMatcher.load(db);
  for (const col of mapping.columns) {
    if (col.field?.startsWith(MODULE_COLUMN)) {
      const id = col.field.slice(MODULE_COLUMN.length);
      if (!matcher.ids.includes(id)) throw new UsageError(`--map names the module "${id}" for the column "${col.header}", and there is no such module`, { hint: `known modules: ${matcher.ids.join(', ')}` });
      continue;
    }
    if (col.field || !col.header || (col.note !== undefined && col.note !== 'no matching field')) continue;
    const m = matcher.match(col.header);
    if (m.module) {
      col.field = `${MODULE_COLUMN}${m.module.id}`;
      col.by = 'keyword';
      col.note = undefined;
    } else if (m.ambiguous.length > 1) {
      throw new UsageError(`the column "${col.header}" could be the module ${m.ambiguous.map((a) => a.id).join(' or ')}`, {
        hint: `name it with --map "${col.header}=${MODULE_COLUMN}${m.ambiguous[0].id}" (or --map "${col.header}=-" to leave it out)`,
      });
    }
  }
  refreshMapping(mapping, trainingsHandler);
}

function moduleColumns(ctx: PrepareContext): string[] {
  let cols = ctx.cache.get(MODULE_COLUMN) as string[] | undefined;
  if (!cols) ctx.cache.set(MODULE_COLUMN, (cols = [...ctx.mapped].filter((f) => f.startsWith(MODULE_COLUMN))));
  return cols;
}

/** A cell that holds a date (a date cell, an Excel serial number, "3/12/2026"), not a tick. */
const looksDated = (c: Cell) => c instanceof Date || (typeof c === 'number' && c > 20000) || (typeof c === 'string' && /\d{1,4}[/.-]\d|^\d{5}$/.test(c.trim()));

/**
 * A tracker row's sign-offs, one per module column: a date is the completion date; a tick ("X",
 * "Yes", "Completed") is completed on the row's date (its date column or `--date`, else the build
 * date of -c); "No", "In progress" or a blank is not trained. Anything else rejects the row.
 */
function trackerSignoffs(row: MappedRow, ctx: PrepareContext, columns: readonly string[]): Array<{ module: string; date: string }> {
  const out: Array<{ module: string; date: string }> = [];
  let tickDate: string | null | undefined;
  for (const f of columns) {
    const cell = row.fields[f];
    if (cell === undefined || cell === null) continue;
    const module = f.slice(MODULE_COLUMN.length);
    if (looksDated(cell)) {
      const d = completionDate(cell, ctx);
      if (!d.date) throw new RowRejected(`the ${module} date ${d.error ?? 'is not a date'}`, f);
      out.push({ module, date: d.date });
      continue;
    }
    const status = completionStatus(cell);
    if (status === 'not_completed' || status === 'blank') continue;
    if (status === 'unknown') throw new RowRejected(`the ${module} cell "${String(cell).slice(0, 30)}" is neither a date nor a tick (X, Yes, Completed): write one, or leave it blank`, f);
    if (tickDate === undefined) tickDate = completedOn(row, ctx);
    if (tickDate !== null) out.push({ module, date: tickDate });
  }
  return out;
}

export const trainingsHandler: KindHandler = {
  kind: 'trainings',
  fields: ['module', 'completed_on', 'status', 'verified_by', 'count', 'email', 'full_name', 'first_name', 'last_name', 'prefix', 'suffix', 'title', 'phone', 'organization', 'sector', 'agency_type', 'address', 'city', 'state', 'zip', 'county', 'role', 'result'],
  required: [['module'], ['email', 'full_name', 'last_name', 'organization']],
  needsCoalition: 'optional',
  synonyms: TRAINING_SYNONYMS,
  missingAdvice: (group) => (group.includes('module') ? 'a roster of one training (a webinar\'s or a course\'s list of people) names it with --module ID (coalition train modules lists them), and --date for rows without a date' : undefined),
  // write rejects (a person it cannot match) only before its first write.
  rejectsBeforeWriting: true,
  // A big roster defers them all: identity reads people by e-mail and by name at an organization,
  // and sign-offs by person, module and date, through in-memory indexes while those are dropped
  // (identity-index.ts); nothing reads the others during an import.
  deferIndexes: ['signoffs_person', 'signoffs_module', 'signoffs_coalition', 'people_email', 'people_name_org', 'people_org', 'people_phone', 'people_county'],
  adaptMapping(mapping, db) {
    readModuleColumns(mapping, db);
  },
  begin(ctx) {
    ctx.cache.set(STAMP, isoTimestamp(ctx.now));
  },
  prepareData(ctx): TrainingsData {
    const state = ctx.coalition ? coalitionStates(ctx.db, ctx.coalition.id)[0] : undefined;
    return { modules: listModules(ctx.db), timeZone: (state && stateTimeZone(state)) ?? null };
  },
  notes: { field: 'module', under: 'the roster', not: 'a sign-off' },
  prepare(row: MappedRow, ctx: PrepareContext): PreparedTraining {
    // The organizer, host or instructor of a session gave the training; they did not take it.
    const ran = ranTheSession(row);
    if (ran !== null) {
      warnRanTheSession(ran, 'trained', ctx);
      return RAN_IT;
    }
    const placeholder = placeholderName(row);
    if (placeholder === 'test') {
      warnTestStudent(ctx);
      return TEST_STUDENT;
    }
    if (placeholder === 'unnamed' && row.fields.email === undefined) throw new RowRejected(UNNAMED_REASON, 'full_name');
    // A training not completed is looked at before anything else: its row often has no date yet.
    // A status that is a date ("Passed: 3/13/2026") says it was completed, and when.
    // A result ("Passed", "Failed") is the status of a file that has no other; beside a completion
    // status, a failure means the training is not complete (a course completed and failed).
    const result = row.fields.result;
    let statusCell = row.fields.status;
    if (statusCell === undefined || statusCell === null) statusCell = result;
    else if (result !== undefined && result !== null && !NO_RESULT.test(String(result))) {
      const r = completionStatus(result);
      if (r === 'not_completed') return NOT_COMPLETED;
      if (r === 'unknown') throw new RowRejected(unknownStatusMessage(String(result)), 'result');
    }
    const dated = statusCell !== undefined && statusCell !== null && looksDated(statusCell) ? completionDate(statusCell, ctx) : null;
    if (dated && !dated.date) throw new RowRejected(`the status ${dated.error ?? 'is not a date'}`, 'status');
    const status = dated ? 'completed' : completionStatus(statusCell);
    if (status === 'not_completed') return NOT_COMPLETED;
    if (status === 'unknown') throw new RowRejected(unknownStatusMessage(String(statusCell)), 'status');
    // A blank status where the file has no completion date: nothing says the training was done
    // (Moodle's "Course complete" is blank until it is), so the given date must not make it so.
    if (status === 'blank' && ctx.mapped.has('status') && !ctx.mapped.has('completed_on')) return NOT_COMPLETED;
    const rawModule = text(row.fields.module);
    const tracker = rawModule === null ? moduleColumns(ctx) : [];
    if (tracker.length) {
      // A tracker row: a sign-off per dated or ticked module column, none when nothing is ticked.
      const [first, ...also] = trackerSignoffs(row, ctx, tracker);
      if (!first) return NOT_COMPLETED;
      return { module: first.module, date: first.date, also, verifiedBy: text(row.fields.verified_by), count: null, email: emailOf(row), fields: row.fields };
    }
    if (rawModule === null) throw new RowRejected(`no module; known modules: ${matcher(ctx).ids.join(', ')}`, 'module');
    const m = matcher(ctx).match(rawModule);
    if (!m.module) throw new RowRejected(unknownModuleMessage(rawModule, m.ambiguous, matcher(ctx).ids), 'module');
    const date = completedOn(row, ctx, dated?.date ?? null);
    if (date === null) return NOT_COMPLETED;
    let count: number | null = null;
    if (text(row.fields.count) !== null) {
      if (!text(row.fields.organization)) throw new RowRejected('a row with a count needs the organization that reported it', 'organization');
      count = parseCount(row.fields.count, ctx);
    } else if (!PERSON_FIELDS.some((f) => ctx.mapped.has(f))) {
      // A tally of organizations has no person to sign off: a blank count is the missing cell.
      throw new RowRejected('no count: fill in how many people were trained', 'count');
    }
    return { module: m.module.id, date, verifiedBy: text(row.fields.verified_by), count, email: count === null ? emailOf(row) : null, fields: row.fields };
  },
  write(prepared: unknown, ctx: RowContext) {
    const t = prepared as PreparedTraining;
    if (t.notCompleted) {
      bump(ctx.counters.skipped, 'not_completed');
      return;
    }
    if (t.skip) {
      bump(ctx.counters.skipped, t.skip);
      return;
    }
    const row: MappedRow = { line: 0, fields: t.fields, raw: [] };
    if (t.count !== null) {
      writeCount(t, row, ctx);
      return;
    }
    const personId = personFor(t, row, ctx);
    const stamp = (ctx.cache.get(STAMP) as string | undefined) ?? isoTimestamp(ctx.now);
    let added = 0;
    for (const { module, date } of t.also?.length ? [t, ...t.also] : [t]) {
      if (!signoffWriter(ctx).add(personId, module, date, t.verifiedBy, ctx.coalition?.id ?? null, ctx.batch.id, stamp)) continue;
      bump(ctx.counters.inserted, 'signoffs');
      added++;
    }
    // A row is a duplicate when it recorded nothing new (a tracker row: none of its modules).
    if (added === 0) ctx.counters.duplicates++;
  },
};

interface SignoffWriter {
  /** Records the sign-off unless the person already has it for that module and date; says which. */
  add(personId: number, moduleId: string, date: string, verifiedBy: string | null, coalitionId: number | null, batchId: number, createdAt: string): boolean;
}

const SIGNOFF_INSERT = 'INSERT INTO signoffs (person_id, module_id, completed_on, verified_by, coalition_id, created_batch, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)';

/** Through the unique index signoffs_person; or, while a big roster import has dropped it, through
 * an in-memory index of every sign-off (identity-index.ts), each hit checked against its row. */
function signoffWriter(ctx: RowContext): SignoffWriter {
  let w = ctx.cache.get(SIGNOFFS) as SignoffWriter | undefined;
  if (w) return w;
  if (!ctx.deferredIndexes?.has('signoffs_person')) {
    const insert = ctx.db.prepare(`${SIGNOFF_INSERT} ON CONFLICT (person_id, module_id, completed_on) DO NOTHING`);
    w = { add: (...values) => insert.run(...values).changes === 1 };
  } else {
    const index = SignoffIndex.load(ctx.db, ctx.estimatedRows ?? 0);
    const insert = ctx.db.prepare(SIGNOFF_INSERT);
    const byId = ctx.db.prepare('SELECT person_id, module_id, completed_on FROM signoffs WHERE id = ?').raw();
    const ids: number[] = [];
    w = {
      add(personId, moduleId, date, ...rest) {
        const n = index.find(personId, moduleId, date, ids);
        for (let i = 0; i < n; i++) {
          const [p, m, d] = byId.get(ids[i]) as [number, string, string];
          if (p === personId && m === moduleId && d === date) return false;
        }
        const id = Number(insert.run(personId, moduleId, date, ...rest).lastInsertRowid);
        index.add(id, personId, moduleId, date);
        return true;
      },
    };
  }
  ctx.cache.set(SIGNOFFS, w);
  return w;
}

export default trainingsHandler;
