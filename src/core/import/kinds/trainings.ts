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
 */
import { stmt } from '../../../db/connection.js';
import { ModuleMatcher, unknownModuleMessage } from '../../training/modules.js';
import { checkCount } from '../../training/signoffs.js';
import { parseDate } from '../../normalize/date.js';
import { normalizeEmail } from '../../normalize/email.js';
import { personKey, splitFullName, cleanName } from '../../normalize/name.js';
import { cityKey, orgKey } from '../../normalize/sector.js';
import { upsertOrganization, upsertPerson } from '../identity.js';
import { RowRejected, type Cell, type KindHandler, type MappedRow, type RowContext } from '../types.js';

const MATCHER = 'trainings:modules';
const ORGS = 'trainings:orgs';

/** Header names rosters use for the training fields (the mapper also knows the common person fields). */
export const TRAINING_SYNONYMS: Record<string, readonly string[]> = {
  module: ['module', 'course', 'course name', 'course title', 'training', 'training name', 'training title', 'training module', 'class', 'session', 'program', 'curriculum', 'lesson'],
  completed_on: ['completed on', 'completed', 'date completed', 'completion date', 'date of completion', 'completion', 'training date', 'date trained', 'date', 'completed at', 'finished', 'date attended', 'session date'],
  verified_by: ['verified by', 'verifier', 'trainer', 'instructor', 'facilitator', 'presenter', 'signed off by', 'sign off by', 'approved by', 'certified by', 'taught by'],
  count: ['count', 'number trained', 'no trained', 'no. trained', '# trained', 'trained', 'people trained', 'employees trained', 'drivers trained', 'staff trained', 'headcount', 'number of employees', 'number of drivers', 'participants'],
};

function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString();
  return String(c).trim();
}

function matcher(ctx: RowContext): ModuleMatcher {
  let m = ctx.cache.get(MATCHER) as ModuleMatcher | undefined;
  if (!m) ctx.cache.set(MATCHER, (m = ModuleMatcher.load(ctx.db)));
  return m;
}

function bump(counter: Record<string, number>, key: string): void {
  counter[key] = (counter[key] ?? 0) + 1;
}

/** An existing organization by name (and city when given): no write. */
function findOrganization(ctx: RowContext, name: string, city: string): number | undefined {
  let cache = ctx.cache.get(ORGS) as Map<string, number | null> | undefined;
  if (!cache) ctx.cache.set(ORGS, (cache = new Map()));
  const nk = orgKey(name);
  const ck = city ? cityKey(city) : '';
  const key = `${nk}\u0000${ck}`;
  if (cache.has(key)) return cache.get(key) ?? undefined;
  let id: number | undefined;
  if (ck) id = (stmt(ctx.db, 'SELECT id FROM organizations WHERE name_key = ? AND city_key = ?').get(nk, ck) as { id: number } | undefined)?.id;
  if (id === undefined) {
    const all = stmt(ctx.db, 'SELECT id FROM organizations WHERE name_key = ? ORDER BY id LIMIT 2').all(nk) as { id: number }[];
    if (all.length === 1) id = all[0].id;
  }
  cache.set(key, id ?? null);
  return id;
}

function rememberOrganization(ctx: RowContext, name: string, city: string, id: number): void {
  const cache = ctx.cache.get(ORGS) as Map<string, number | null> | undefined;
  cache?.set(`${orgKey(name)}\u0000${city ? cityKey(city) : ''}`, id);
}

function completedOn(row: MappedRow, ctx: RowContext): string {
  const raw = row.fields.completed_on;
  if (raw === null || raw === undefined || text(raw) === '') {
    if (ctx.coalition) {
      ctx.warn('completed_on', `no completion date; the build date ${ctx.coalition.build_date} of ${ctx.coalition.slug} was used`);
      return ctx.coalition.build_date;
    }
    throw new RowRejected('no completion date; give a date, or pass -c SLUG to use the build date', 'completed_on');
  }
  const d = parseDate(raw);
  if (!d.date) throw new RowRejected(d.error ?? `"${text(raw)}" is not a date`, 'completed_on');
  return d.date;
}

function writeCount(row: MappedRow, ctx: RowContext, moduleId: string, date: string, verifiedBy: string | null): void {
  const orgName = text(row.fields.organization);
  if (!orgName) throw new RowRejected('a row with a count needs the organization that reported it', 'organization');
  let count: number;
  try {
    count = checkCount(text(row.fields.count));
  } catch {
    throw new RowRejected(`"${text(row.fields.count)}" is not a whole number of people trained`, 'count');
  }
  const city = text(row.fields.city);
  let orgId = findOrganization(ctx, orgName, city);
  if (orgId === undefined) {
    const o = upsertOrganization(ctx, { name: orgName, city: city || null, state: text(row.fields.state) || null, sector: text(row.fields.sector) || null, agency_type: text(row.fields.agency_type) || null });
    orgId = o.id;
    rememberOrganization(ctx, orgName, city, orgId);
  }
  const found = stmt(ctx.db, 'SELECT id, count, verified_by FROM training_counts WHERE organization_id = ? AND module_id = ? AND completed_on = ?').get(orgId, moduleId, date) as
    | { id: number; count: number; verified_by: string | null }
    | undefined;
  if (!found) {
    stmt(ctx.db, 'INSERT INTO training_counts (organization_id, module_id, count, completed_on, verified_by, coalition_id, created_batch, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      orgId, moduleId, count, date, verifiedBy, ctx.coalition?.id ?? null, ctx.batch.id, ctx.now.toISOString(),
    );
    bump(ctx.counters.inserted, 'training_counts');
    return;
  }
  if (found.count === count) {
    ctx.counters.duplicates++;
    return;
  }
  // A corrected roster: the new count replaces the old one; undo restores it.
  ctx.batch.recordUpdate('training_counts', found.id, { count: found.count, verified_by: found.verified_by });
  stmt(ctx.db, 'UPDATE training_counts SET count = ?, verified_by = coalesce(?, verified_by) WHERE id = ?').run(count, verifiedBy, found.id);
  bump(ctx.counters.updated, 'training_counts');
  ctx.warn('count', `${orgName} had reported ${found.count} for ${moduleId} on ${date}; now ${count}`);
}

/** The person of a row: by email, then by full name at the organization; else a new person. */
function personFor(row: MappedRow, ctx: RowContext): number {
  const f = row.fields;
  let email: string | null = null;
  const rawEmail = text(f.email);
  if (rawEmail) {
    const e = normalizeEmail(rawEmail);
    if (e.value) email = e.value;
    else ctx.warn('email', e.error ?? 'not an email address; matched by name instead');
  }
  if (email) {
    const p = stmt(ctx.db, 'SELECT id FROM people WHERE email = ?').get(email) as { id: number } | undefined;
    if (p) return p.id;
  }
  const parts = f.full_name !== undefined && text(f.full_name) ? splitFullName(text(f.full_name)) : null;
  const first = cleanName(text(f.first_name)) ?? parts?.first ?? null;
  const last = cleanName(text(f.last_name)) ?? parts?.last ?? null;
  const orgName = text(f.organization);
  const city = text(f.city);
  if (!first && !last && !email) throw new RowRejected('no person: give an email or a name (or a count for an organization)', 'email');
  let orgId: number | undefined = orgName ? findOrganization(ctx, orgName, city) : undefined;
  if ((first || last) && orgId !== undefined) {
    const key = personKey(first ?? '', last ?? '');
    const p = stmt(ctx.db, 'SELECT id FROM people WHERE name_key = ? AND organization_id = ? ORDER BY id LIMIT 1').get(key, orgId) as { id: number } | undefined;
    if (p) return p.id;
  }
  if (!first && !last) throw new RowRejected('an unknown email without a name: give the person\'s name and organization so a new person can be recorded', 'full_name');
  if (!orgName && !email) throw new RowRejected('a name without an organization or email cannot be matched to one person; add the organization', 'organization');
  if (orgId === undefined && orgName) {
    orgId = upsertOrganization(ctx, { name: orgName, city: city || null, state: text(f.state) || null, sector: text(f.sector) || null, agency_type: text(f.agency_type) || null }).id;
    rememberOrganization(ctx, orgName, city, orgId);
  }
  const res = upsertPerson(ctx, {
    first_name: first,
    last_name: last,
    prefix: parts?.prefix ?? null,
    title: text(f.title) || parts?.title || null,
    suffix: parts?.suffix ?? null,
    email,
    phone: text(f.phone) || null,
    organization_id: orgId ?? null,
  });
  return res.id;
}

export const trainingsHandler: KindHandler = {
  kind: 'trainings',
  fields: ['module', 'completed_on', 'verified_by', 'count', 'email', 'full_name', 'first_name', 'last_name', 'prefix', 'suffix', 'title', 'phone', 'organization', 'city', 'state', 'sector', 'agency_type', 'notes'],
  required: [['module'], ['email', 'full_name', 'last_name', 'organization']],
  needsCoalition: 'optional',
  synonyms: TRAINING_SYNONYMS,
  begin(ctx) {
    ctx.cache.set(MATCHER, ModuleMatcher.load(ctx.db));
  },
  writeRow(row, ctx) {
    const rawModule = text(row.fields.module);
    if (!rawModule) throw new RowRejected(`no module; known modules: ${matcher(ctx).ids.join(', ')}`, 'module');
    const m = matcher(ctx).match(rawModule);
    if (!m.module) throw new RowRejected(unknownModuleMessage(rawModule, m.ambiguous, matcher(ctx).ids), 'module');
    const moduleId = m.module.id;
    const date = completedOn(row, ctx);
    const verifiedBy = text(row.fields.verified_by) || null;
    if (text(row.fields.count) !== '') {
      writeCount(row, ctx, moduleId, date, verifiedBy);
      return;
    }
    const personId = personFor(row, ctx);
    const r = stmt(ctx.db, 'INSERT INTO signoffs (person_id, module_id, completed_on, verified_by, coalition_id, created_batch, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, module_id, completed_on) DO NOTHING').run(
      personId, moduleId, date, verifiedBy, ctx.coalition?.id ?? null, ctx.batch.id, ctx.now.toISOString(),
    );
    if (r.changes === 1) bump(ctx.counters.inserted, 'signoffs');
    else ctx.counters.duplicates++;
  },
};

export default trainingsHandler;
