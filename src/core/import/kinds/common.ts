/**
 * What the attendees and contacts kinds share: reading a row's place (state, ZIP, county), its
 * person (name, e-mail, phone) and its organization (name, sector, store number) through the
 * normalizers, rejecting what cannot be used and warning about what can be used in part.
 */
import { findState } from '../../states.js';
import { normalizeEmail } from '../../normalize/email.js';
import { cleanName, personKey, splitFullName } from '../../normalize/name.js';
import { normalizePhone } from '../../normalize/phone.js';
import { cityKey, inferSector, isBroadSector, isStatewide, orgKey, parseAgencyType, parseSector, storeNumber, storeNumberInKey } from '../../normalize/sector.js';
import { normalizeZip } from '../../normalize/zip.js';
import { splitAddressLine, splitCityLine } from '../../normalize/address.js';
import { parseYesNo } from '../../normalize/date.js';
import { RowRejected, type Cell, type KindHandler, type MappedRow, type PrepareContext } from '../types.js';
import type { OrgInput, PersonInput } from '../identity.js';
import { sheriffsOffice } from '../mapper.js';
import { sheriffsOfficeOf } from '../../normalize/geo.js';

/** Whitespace that text() must fold: a run of two, or any blank other than a plain space. */
const FOLD = /\s\s|[^\S ]/;

export const text = (c: Cell | undefined): string | null => {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return c.toISOString();
  let s = String(c);
  // Most cells need no folding: test once instead of building a new string for every space.
  s = (FOLD.test(s) ? s.replace(/\s+/g, ' ') : s).trim();
  return s === '' ? null : s;
};

/** What a directory's notes and totals say, first thing in their cell: "Total: 42", "Grand total",
 * "Last updated 3/1/2026", "Revised March 2026", "As of …", "Source: …", "Prepared by …", "Page 2 of
 * 3", "* interim sheriff". */
const NOTE = /^(?:(?:grand\s+|sub)?totals?(?:\s*[:=(#-]|\s+\d|\s+[a-z ]{1,30}:\s*\d|\s*$)|(?:last\s+)?(?:updated|revised|modified)\b|as\s+of\b|source\s*:|prepared\s+by\b|page\s+\d+(?:\s+of\s+\d+)?\s*$|(?:generated|printed|exported)\s+(?:on|by|at)\b|count\s*:|notes?\s*:|\*)/i;

/** A total's label, which a sign-in sheet or a tally puts beside its figures ("Total | 6"). */
const TOTAL = /^(?:grand\s+|sub)?totals?\b/i;
const FIGURE = /^\d[\d,.]*$/;

/**
 * A line under (or within) a directory that is not an entry: its one filled cell is a note or a
 * total ("Total: 5 counties", "Last updated 3/1/2026"), or a total's label beside figures only
 * ("Total | 6", a sign-in sheet's head count). Its text, or null for a row of data. Such a line
 * became an organization named "Total: 5 counties"; a row with any other cell filled is data.
 */
export function noteRow(raw: readonly Cell[]): string | null {
  let found: string | null = null;
  let figures = 0;
  for (const c of raw) {
    const t = text(c);
    if (t === null) continue;
    if (found === null) found = t;
    else if (typeof c === 'number' || FIGURE.test(t)) figures++;
    else return null;
  }
  if (found === null || !NOTE.test(found)) return null;
  return figures === 0 || TOTAL.test(found) ? found : null;
}

/** The rows a Canvas gradebook export puts under its header, above the students: its points
 * ("Points Possible", under the student column, indented) and its posting policy ("Manual Posting",
 * older exports "Muted", under the assignments). */
const GRADEBOOK = /^(?:points possible|manual posting|muted)$/i;

/** The first filled cell of a row, when it is a gradebook's row (GRADEBOOK). */
function gradebookRow(raw: readonly Cell[]): string | null {
  for (const c of raw) {
    if (c === null || c === undefined || c === '') continue;
    if (typeof c !== 'string') return null;
    const t = c.trim();
    if (!t) continue;
    return t.length <= 15 && GRADEBOOK.test(t) ? t : null;
  }
  return null;
}

/** Whether a row is a note or a total the kind skips (KindHandler.notes), warning when it is; or
 * a gradebook's row of points above the students. */
export function skipNote(notes: KindHandler['notes'], raw: readonly Cell[], warn: (field: string, message: string) => void): boolean {
  if (!notes) return false;
  const note = noteRow(raw);
  if (note === null) {
    const points = gradebookRow(raw);
    if (points === null) return false;
    warn(notes.field, `"${points}" is a gradebook's row of points or settings, not ${notes.not}: skipped (a gradebook gives scores, not completions: leave out the students who did not pass before importing it as a roster)`);
    return true;
  }
  warn(notes.field, `"${note.slice(0, 40)}" is a note or a total under ${notes.under}, not ${notes.not}: skipped`);
  return true;
}

/**
 * A name that names no one: a participant a meeting could not name ("Guest 1", "Caller 3",
 * "Call-in User_2", a dial-in's phone number), or Canvas's test student (the teacher's preview of a
 * course, "Student, Test"). 'unnamed' or 'test', or null for a name.
 */
export function placeholderName(row: MappedRow): 'unnamed' | 'test' | null {
  const f = row.fields;
  const name = f.full_name ?? f.last_name ?? f.first_name;
  if (typeof name !== 'string') return null;
  const full = typeof f.full_name === 'string' ? f.full_name : [f.first_name, f.last_name].filter((x) => typeof x === 'string').join(' ');
  const t = full.trim().toLowerCase();
  if (t === 'test student' || t === 'student, test' || t === 'student test') return 'test';
  return UNNAMED.test(t) || PHONE_NAME.test(t) ? 'unnamed' : null;
}

const UNNAMED = /^(?:guest|caller|call-? ?in user|dial-? ?in user|dial-? ?in|phone user|phone attendee|telephone user|anonymous(?: user)?|unknown(?: user)?|participant|user|attendee)(?:\s*[_#-]?\s*\d+)?$/;
const PHONE_NAME = /^\+?[\d\s().-]{7,}$/;

/** What an unnamed participant's row is rejected with (placeholderName). */
export const UNNAMED_REASON = 'an unnamed participant (a guest or a dial-in the meeting could not name) with no e-mail address: nothing says who they are; write their name and e-mail address in the row, or leave it out';

/** Warns that a row is Canvas's test student, skipped. */
export function warnTestStudent(ctx: PrepareContext): void {
  ctx.warn('full_name', 'the test student (a course\'s preview of itself), not a person: skipped');
}

export interface Place {
  address: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  county_fips: string | null;
  county_source: 'column' | 'name' | 'zip' | 'city' | null;
  lat: number | null;
  lon: number | null;
}


/** What readPlace concluded from a row's state, ZIP, city and county: the same four cells give the
 * same place and the same warnings (or the same rejection). */
interface PlaceMemo {
  state: Cell | undefined;
  zip: Cell | undefined;
  city: Cell | undefined;
  county: Cell | undefined;
  place?: Place;
  warnings: Array<[string, string]>;
  rejected?: RowRejected;
}

/**
 * The row's place. The rows of one organization repeat its address, and a directory lists them
 * together: the last row's place is kept with its warnings and used again when the row's state,
 * ZIP, city and county cells are the same. A map of 20,000 places was kept before, but it cost
 * more than it saved: on the 100,000 contacts of bench/import.mjs (rows in no order; ZIP+4, case and
 * blank counties vary) only 23% of rows found their place in it, and its entries, promoted to the
 * reader thread's old generation, doubled the full collections (CPU profiles of the thread's work:
 * readPlace 1.1-1.3 s with it, 0.8-1.0 s without; garbage collection 1.3 s, 0.8-0.95 s).
 */
export function readPlace(row: MappedRow, ctx: PrepareContext): Place {
  const f = placeCells(row.fields, ctx);
  const { state, zip, city, county } = f;
  let m = ctx.cache.get('lastPlace') as PlaceMemo | undefined;
  if (!m || m.state !== state || m.zip !== zip || m.city !== city || m.county !== county) {
    const memo: PlaceMemo = { state, zip, city, county, warnings: [] };
    try {
      memo.place = computePlace(f, (field, message) => memo.warnings.push([field, message]), ctx);
    } catch (err) {
      if (!(err instanceof RowRejected)) throw err;
      memo.rejected = err;
    }
    ctx.cache.set('lastPlace', (m = memo));
  }
  for (const [field, message] of m.warnings) ctx.warn(field, message);
  if (m.rejected) throw new RowRejected(m.rejected.reason, m.rejected.field);
  const p = m.place!;
  return {
    address: text(f.address),
    address2: text(f.address2),
    city: p.city,
    state: p.state,
    zip: p.zip,
    county_fips: p.county_fips,
    county_source: p.county_source,
    lat: p.lat,
    lon: p.lon,
  };
}

/**
 * The row's place cells, with a place written in one cell taken apart when the row has no state or
 * ZIP cells: a "City, State Zip" column ("Des Moines, IA 50313") or a whole address in the address
 * column ("515 Clark Ave, Ames, IA 50010"), as sheriffs' and chiefs' directories write them. Only
 * their city was read before, and the county was not found.
 */
function placeCells(f: MappedRow['fields'], ctx: PrepareContext): MappedRow['fields'] {
  if (f.state !== undefined || f.zip !== undefined) return f;
  if (typeof f.city === 'string') {
    const c = splitCityLine(f.city);
    return c ? { ...f, city: c.city ?? undefined, state: c.state, zip: c.zip ?? undefined } : f;
  }
  if (f.city === undefined && typeof f.address === 'string') {
    const a = splitAddressLine(f.address, (zip) => ctx.geo().zip(zip)?.city);
    return a ? { ...f, address: a.street ?? undefined, city: a.city ?? undefined, state: a.state, zip: a.zip ?? undefined } : f;
  }
  return f;
}

function computePlace(f: MappedRow['fields'], warn: PrepareContext['warn'], ctx: PrepareContext): Place {
  let state: string | null = null;
  const rawState = text(f.state);
  if (rawState) {
    const st = findState(rawState);
    if (!st) throw new RowRejected(`"${rawState.slice(0, 30)}" is not a US state code`, 'state');
    state = st.code;
  }
  let zip: string | null = null;
  if (f.zip !== undefined && f.zip !== null) {
    const z = normalizeZip(f.zip instanceof Date ? String(f.zip) : (f.zip as string | number), state);
    if (z.error) warn('zip', z.error);
    zip = z.zip;
  }
  let city = text(f.city);
  const g = ctx.geo();
  const place = zip ? g.zip(zip) : undefined;
  if (!state && place) state = place.state;
  if (!city && place) city = titleCase(place.city);
  // The state and ZIP as cleaned above, not cleaned again (a state taken from the ZIP counts only if
  // it is one of STATES, as resolve reads it), and the county as text() gives it.
  const rowState = state === null ? undefined : rawState ? state : findState(state)?.code;
  const r = g.resolveClean(rowState, zip, text(f.county) ?? '', city);
  if (r.warning) warn(r.warning.includes('county "') ? 'county' : 'zip', r.warning);
  return {
    address: text(f.address),
    address2: text(f.address2),
    city,
    state,
    zip,
    county_fips: r.county_fips,
    county_source: r.county_source,
    lat: r.lat,
    lon: r.lon,
  };
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b([a-z])/g, (m) => m.toUpperCase());
}

export interface PersonParts {
  first_name: string | null;
  last_name: string | null;
  prefix: string | null;
  suffix: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  phone_ext: string | null;
}

/** How someone took part, which a "Role" column of a learning system or a meeting report holds
 * ("Learner", Teams' "Attendee" and "Organizer", Zoom's "Panelist"): not their job, so never a
 * title. */
const TAKING_PART = /^(?:learner|student|trainee|user|end user|enrollee|enrolee|participant|attendee|guest|registrant|member|viewer|listener|external|unverified)$/i;

/**
 * How someone took part in a meeting or a training (Teams' and Webex's "Role": Attendee, Organizer,
 * Presenter; a learning system's Learner or Instructor), for the kinds that list the people of a
 * session: attendees and training rosters. A directory's "Role" is a job, and stays a title there.
 */
export const ROLE_SYNONYMS: Record<string, string[]> = {
  role: ['role', 'participant role', 'user role', 'session role', 'meeting role', 'webinar role', 'attendee role', 'course role', 'enrollment role', 'enrolment role', 'role in meeting', 'role in session'],
};

/** A role of someone who ran the session rather than took part in it: the organizer of a Teams
 * meeting, Zoom's and Webex's host and panelists, a learning system's instructor or tutor. */
const RAN_IT = /^(?:organi[sz]er|co-?organi[sz]er|host|co-?host|alternative host|alternate host|presenter|co-?presenter|panelist|panellist|speaker|moderator|instructor|co-?instructor|trainer|tutor|facilitator|teacher|teaching assistant)$/i;

/** The same said after a name in a meeting's list of people ("Dana Whitfield (Host)",
 * "Iowa AG Training (Presenter)"). */
const RAN_IT_AFTER_NAME = /\((?:co-?host|host|organi[sz]er|co-?organi[sz]er|presenter|panelist)\b[^)]*\)\s*$/i;

/**
 * The role of a row's person when they ran the session (a "Role" column: Organizer, Host,
 * Presenter, Panelist, Instructor, Tutor…; or such a word in parentheses after their name), else
 * null. A roster of a training or a webinar's attendance lists them beside the people who took it:
 * they are not trainees or attendees.
 */
export function ranTheSession(row: MappedRow): { role: string; field: 'role' | 'full_name' } | null {
  const role = row.fields.role;
  if (typeof role === 'string' && RAN_IT.test(role.trim())) return { role: role.trim(), field: 'role' };
  const name = row.fields.full_name;
  if (typeof name === 'string' && name.includes('(')) {
    const m = RAN_IT_AFTER_NAME.exec(name);
    if (m) return { role: m[0].trim(), field: 'full_name' };
  }
  return null;
}

/** Warns that a row is of someone who ran the session (ranTheSession), on the field that said so. */
export function warnRanTheSession(ran: { role: string; field: string }, what: string, ctx: PrepareContext): void {
  const how = ran.field === 'role' ? 'import again leaving that column out (--map "COLUMN=-", naming its header)' : `remove "${ran.role.slice(0, 20)}" from the name`;
  ctx.warn(ran.field, `"${ran.role.slice(0, 40)}": they ran the session rather than took part in it, so they are not counted as ${what} (to count them anyway, ${how})`);
}

/** The row's person, or null when the row names nobody. Rejects an e-mail that is not one. */

export function readPerson(row: MappedRow, ctx: PrepareContext): PersonParts | null {
  const f = row.fields;
  let first = cleanName(text(f.first_name));
  let last = cleanName(text(f.last_name));
  let prefix = cleanName(text(f.prefix));
  let suffix = cleanName(text(f.suffix));
  let title = text(f.title);
  if (title !== null && (TAKING_PART.test(title) || RAN_IT.test(title))) title = null;
  // A role column that holds a job rather than how someone took part ("Sheriff") gives the title.
  if (title === null && f.role !== undefined) {
    const role = text(f.role);
    if (role !== null && !TAKING_PART.test(role) && !RAN_IT.test(role)) title = role;
  }
  // Without a title column, the title is the one the person column's header implies ("Sheriff",
  // "General Manager"): a rank in the name itself is more precise ("Capt. Mary Ellen McDonald" in a
  // Chief column).
  const implied = !ctx.mapped.has('title');
  const rank = (fromName: string | null) => (implied ? fromName ?? title : title ?? fromName);
  const full = text(f.full_name);
  if (full && !first && !last) {
    const parts = splitFullName(full);
    first = parts.first;
    last = parts.last;
    prefix ??= parts.prefix;
    suffix ??= parts.suffix;
    title = rank(parts.title);
  } else if (first && !last && /\s/.test(first) && !f.last_name) {
    const parts = splitFullName(first);
    first = parts.first;
    last = parts.last;
  } else if (last && first) {
    // "Lt." typed into the first-name box, "Jr." into the last: let the splitter sort them out.
    const parts = splitFullName(`${first} ${last}`);
    if (parts.first && parts.last) {
      first = parts.first;
      last = parts.last;
      prefix ??= parts.prefix;
      suffix ??= parts.suffix;
      title = rank(parts.title);
    }
  }
  let email: string | null = null;
  if (f.email !== undefined) {
    const e = normalizeEmail(f.email);
    if (e.error) throw new RowRejected(`the e-mail address is not valid (${e.error})`, 'email');
    email = e.value;
    if ((e as { warning?: string }).warning) ctx.warn('email', (e as { warning?: string }).warning!);
  }
  // No person, no phone read: the caller may read it as the organization's main line, and a phone
  // read twice would be warned about twice.
  if (!first && !last && !email) return null;
  const { phone, ext } = readPhone(f.phone, f.phone_ext, ctx, 'phone');
  return { first_name: first, last_name: last, prefix, suffix, title, email, phone, phone_ext: ext };
}

export function readPhone(raw: Cell | undefined, rawExt: Cell | undefined, ctx: PrepareContext, field: string): { phone: string | null; ext: string | null } {
  if (raw === undefined || raw === null) return { phone: null, ext: text(rawExt) };
  const p = normalizePhone(raw);
  if (p.error) {
    ctx.warn(field, `phone number not kept: ${p.error}`);
    return { phone: null, ext: null };
  }
  if (p.warning) ctx.warn(field, p.warning);
  const ext = text(rawExt)?.replace(/^(ext\.?|x)\s*/i, '') ?? p.ext;
  return { phone: p.e164, ext: ext || null };
}

/** Organization names repeat down a file (every officer of an agency names it): infer the sector
 * once per name per batch. The cache is bounded. */
function cachedGuess(ctx: PrepareContext, name: string): ReturnType<typeof inferSector> {
  let cache = ctx.cache.get('sectorGuess') as Map<string, ReturnType<typeof inferSector>> | undefined;
  if (!cache) ctx.cache.set('sectorGuess', (cache = new Map()));
  let g = cache.get(name);
  if (g === undefined && !cache.has(name)) {
    g = inferSector(name);
    if (cache.size > 50000) cache.clear();
    cache.set(name, g);
  }
  return g ?? null;
}

/** The county an agency's name says, once per name and state per batch (the cache is bounded). */
function countyInName(ctx: PrepareContext, state: string, name: string): string | undefined {
  let cache = ctx.cache.get('countyInName') as Map<string, string | null> | undefined;
  if (!cache) ctx.cache.set('countyInName', (cache = new Map()));
  const key = `${state}\u0000${name}`;
  let fips = cache.get(key);
  if (fips === undefined) {
    fips = ctx.geo().countyInName(state, name) ?? null;
    if (cache.size > 50000) cache.clear();
    cache.set(key, fips);
  }
  return fips ?? undefined;
}

/** A store-number cell as chains write it ("612", "#612", "Store 612", "Store #0612", "No. 612") →
 * "612"; anything else as typed, less a leading "#". */
function storeCell(c: Cell | undefined): string | null {
  const t = text(c);
  if (!t) return null;
  return storeNumber(t) ?? t.replace(/^#\s*/, '');
}

/** The organization part of a row: name (with its store number), sector and agency type. */
export function readOrg(row: MappedRow, ctx: PrepareContext, place: Place): OrgInput | null {
  const f = row.fields;
  let name = text(f.organization);
  if (!name) return null;
  const store = storeCell(f.store_number);
  if (store && storeNumber(name) !== store && !name.includes(store)) name = `${name} #${store}`;
  let columnSector = parseSector(f.sector) ?? (f.agency_type !== undefined ? parseSector(f.agency_type) : null);
  const guess = cachedGuess(ctx, name);
  // A wide field ("Government", "Transportation", "Other") yields to what the name says.
  const broad = columnSector !== null && guess !== null && guess.sector !== columnSector && isBroadSector(f.sector);
  if (broad) columnSector = null;
  let sector = columnSector ?? guess?.sector ?? 'other';
  let agency = f.agency_type !== undefined ? parseAgencyType(f.agency_type, sector) : null;
  if (!agency && guess && guess.sector === sector) agency = guess.agency_type;
  if (f.sector !== undefined && !columnSector && !broad) ctx.warn('sector', `sector "${String(f.sector).slice(0, 40)}" is not one the tool knows; ${guess ? `inferred ${guess.sector} from the name` : 'left as other'}`);
  if (!agency && sector === 'law_enforcement' && f.agency_type === undefined) agency = guess?.agency_type ?? null;
  if (sector === 'other' && !columnSector && !guess) sector = 'other';
  const statewide = isStatewide(sector, agency);
  let countyFips = place.county_fips;
  let countySource = place.county_source;
  if (sector === 'law_enforcement' && !statewide && agency !== 'federal' && place.state) {
    // A sheriffs' directory without an agency column: its office is named after the county found
    // ("Caddo" in Louisiana is Caddo Parish's sheriff, not a "Caddo County Sheriff's Office").
    // (No organization column: the mapper made the name from the county cell.)
    if (countyFips && !ctx.mapped.has('organization') && typeof f.county === 'string' && name === sheriffsOffice(f.county)) {
      const c = ctx.geo().county(countyFips);
      if (c) name = sheriffsOfficeOf(c.name);
    }
    // A county agency serves the county its name says, wherever its office is: "Roanoke County
    // Sheriff's Office" sits in Salem, an independent city. A county column still wins.
    if (countySource !== 'column') {
      const fips = countyInName(ctx, place.state, name);
      if (fips) {
        countyFips = fips;
        countySource = 'name';
      }
    }
  }
  const nameKey = orgKey(name);
  // Every property written out (no `...place`): on Node 20, spreading an object whose fields change
  // representation (lat/lon a number or null) into a literal costs tens of microseconds a row.
  const org: OrgInput = {
    name,
    name_key: nameKey,
    city_key: cityKey(place.city),
    sector,
    agency_type: agency,
    sector_source: columnSector ? 'column' : 'inferred',
    store_number: store ?? storeNumberInKey(nameKey),
    address: place.address,
    address2: place.address2,
    city: place.city,
    state: place.state,
    zip: place.zip,
    county_fips: countyFips,
    county_source: countySource,
    lat: place.lat,
    lon: place.lon,
    phone: null,
    phone_ext: null,
    email: null,
    website: null,
    notes: null,
    statewide: statewide ? 1 : 0,
  };
  return org;
}

/** Consent: an answer in the file's consent column wins; else `--share-contact`; else the kind's
 * default (undefined = leave NULL, not consented). */
export function readConsent(row: MappedRow, ctx: PrepareContext, kindDefault: 0 | 1 | null): { value: 0 | 1 | null; explicit: boolean } {
  const cell = row.fields.share_contact;
  if (cell !== undefined) {
    const yes = parseYesNo(cell);
    if (yes !== null) return { value: yes ? 1 : 0, explicit: true };
    ctx.warn('share_contact', `"${String(cell).slice(0, 30)}" is neither yes nor no; treated as not answered`);
  }
  if (ctx.shareContact !== undefined) return { value: ctx.shareContact ? 1 : 0, explicit: false };
  if (ctx.mapped.has('share_contact')) return { value: null, explicit: false };
  return { value: kindDefault, explicit: false };
}

export function toPersonInput(p: PersonParts, place: Place, orgId: number | null, consent: { value: 0 | 1 | null; explicit: boolean }, notes: string | null): PersonInput {
  // Written out rather than spread, for the reason given in readOrg.
  return {
    name_key: personKey(p.first_name, p.last_name),
    first_name: p.first_name,
    last_name: p.last_name,
    prefix: p.prefix,
    suffix: p.suffix,
    title: p.title,
    email: p.email,
    phone: p.phone,
    phone_ext: p.phone_ext,
    organization_id: orgId,
    address: place.address,
    address2: place.address2,
    city: place.city,
    state: place.state,
    zip: place.zip,
    county_fips: place.county_fips,
    county_source: place.county_source,
    lat: place.lat,
    lon: place.lon,
    share_contact: consent.value,
    share_contact_explicit: consent.explicit,
    notes,
  };
}
