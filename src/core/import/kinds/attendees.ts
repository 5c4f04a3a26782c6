/**
 * `coalition import attendees`: registrations for a coalition (Eventbrite, Google Forms, sign-in
 * sheets). Each row is a person at an organization, registered for the coalition's build, checked in
 * or not: a check-in date, or a status such as "Checked In" / "Y" / "Attended", counts as attended.
 * Without a consent column, people are not marked as sharing their contact details (NULL) unless
 * `--share-contact yes` says so. A registration the export marks as cancelled (Refunded, Deleted,
 * Transferred, Not Attending…) keeps the person and organization as contacts but records no
 * registration: the build's registered count is of people who held a place.
 */
import { parseDate, parseTimeOfDay, parseYesNo } from '../../normalize/date.js';
import { packOrg, packPerson, unpackOrg, unpackPerson, upsertAttendance, upsertOrganization, upsertPerson, type PackedOrg, type PackedPerson } from '../identity.js';
import { RowRejected, type Cell, type KindHandler, type MappedRow, type PrepareContext, type RowContext } from '../types.js';
import { ROLE_SYNONYMS, UNNAMED_REASON, placeholderName, ranTheSession, warnRanTheSession, warnTestStudent, readConsent, readOrg, readPerson, readPlace, text, toPersonInput } from './common.js';

export const ATTENDEE_FIELDS = [
  'first_name', 'last_name', 'full_name', 'prefix', 'suffix', 'title', 'email', 'phone', 'phone_ext', 'organization', 'store_number', 'sector', 'agency_type',
  'address', 'address2', 'city', 'state', 'zip', 'county', 'registered_at', 'checked_in', 'registration_status', 'ticket_type', 'share_contact', 'notes', 'role',
] as const;

/**
 * A check-in cell: a date/time (checked in then), a time of day (a sign-in sheet's "Time In": on
 * the build's date), a yes/no or tick, or a status word.
 */
export function readCheckIn(cell: Cell | undefined, buildDate?: string, dayFirst = false): { checked: boolean; at: string | null; status: string | null } {
  if (cell === undefined || cell === null) return { checked: false, at: null, status: null };
  if (cell instanceof Date || typeof cell === 'number' || (typeof cell === 'string' && /\d/.test(cell))) {
    const d = parseDate(cell, dayFirst);
    if (d.datetime || d.date) return { checked: true, at: d.datetime ?? d.date, status: null };
    const t = parseTimeOfDay(cell);
    if (t) return { checked: true, at: buildDate ? `${buildDate}T${t}` : null, status: null };
  }
  const yes = parseYesNo(cell);
  const status = typeof cell === 'string' ? cell.trim() : null;
  return { checked: yes === true, at: null, status: status && !/^(y|n|yes|no|x|true|false|1|0|✓|✔|✗|✘)$/i.test(status) ? status : null };
}

/** Statuses of a registration that does not (or no longer) hold a place: Eventbrite's Attendee
 * Status, Cvent's Registration Status, Zoom's Approval Status (denied, or still pending the host's
 * approval). */
const CANCELLED = /^(refunded|cancell?ed|deleted|transferred|not attending|declined|void(ed)?|withdrawn|wait ?listed|waitlist|denied|rejected|disapproved|not approved|pending|pending approval|awaiting approval)$/i;

/**
 * What stands in a name column but names nobody: a sign-in sheet's "Total: 45" or "Count 12" under
 * the list. A name holds no digits; with no e-mail address either, nothing identifies a person.
 */
function notAName(row: MappedRow): string | null {
  if (row.fields.email !== undefined) return null;
  const f = row.fields;
  const name = [f.full_name, f.first_name, f.last_name].map(text).filter(Boolean).join(' ');
  return /\d/.test(name) ? name : null;
}

/** A row skipped on purpose, by why (counted in the summary's `skipped`). */
type Skipped = 'hosts' | 'test_students';

/** An attendee row, checked and cleaned, packed to travel from the reader thread. */
type PreparedAttendee = [org: PackedOrg | null, person: PackedPerson, registeredAt: string | null, checkedIn: boolean, checkedInAt: string | null, ticketType: string | null, status: string | null, cancelled: boolean];

export const handler: KindHandler = {
  kind: 'attendees',
  fields: ATTENDEE_FIELDS,
  required: [['email', 'full_name', 'last_name', 'first_name'], ['organization']],
  needsCoalition: 'yes',
  synonyms: ROLE_SYNONYMS,
  missingAdvice: (group) =>
    group.includes('organization')
      ? "attendees are counted by their organization's sector: if the registration asked for none (a webinar's or meeting's report), add the question next time, or import the list as a training roster (coalition import trainings FILE --module M --date D)"
      : undefined,
  // Every check that can reject the row comes before the first upsert.
  rejectsBeforeWriting: true,
  rejectsOnlyInPrepare: true,
  // A big import defers them all: identity reads people by e-mail and by name at an organization
  // through its in-memory index while those two are dropped (identity.ts), and never by the others.
  deferIndexes: ['people_email', 'people_name_org', 'people_org', 'people_phone', 'people_county'],
  notes: { field: 'full_name', under: 'the list', not: 'a person' },
  prepare(row: MappedRow, ctx: PrepareContext): PreparedAttendee | Skipped {
    // The host, a presenter or a panelist of a webinar ran it: not an attendee (skipped, counted).
    const ran = ranTheSession(row);
    if (ran !== null) {
      warnRanTheSession(ran, 'an attendee', ctx);
      return 'hosts';
    }
    const placeholder = placeholderName(row);
    if (placeholder === 'test') {
      warnTestStudent(ctx);
      return 'test_students';
    }
    if (placeholder === 'unnamed' && row.fields.email === undefined) throw new RowRejected(UNNAMED_REASON, 'full_name');
    const odd = notAName(row);
    if (odd) throw new RowRejected(`"${odd.slice(0, 40)}" is not a person's name (a total or a note under the list?) and the row has no e-mail address`, 'full_name');
    const place = readPlace(row, ctx);
    const person = readPerson(row, ctx);
    if (!person) throw new RowRejected('the row has neither a name nor an e-mail address', 'full_name');
    const org = readOrg(row, ctx, place);
    let registered: string | null = null;
    // Webex's "Registered" says Yes or No rather than when: no date, nothing to warn about.
    const reg = row.fields.registered_at;
    if (reg !== undefined && !(typeof reg === 'string' && !/\d/.test(reg) && parseYesNo(reg) !== null)) {
      const d = parseDate(reg, ctx.dayFirst);
      if (d.error) ctx.warn('registered_at', `registration date not understood: ${d.error}`);
      registered = d.datetime ?? d.date;
    }
    const checkIn = readCheckIn(row.fields.checked_in, ctx.coalition?.build_date, ctx.dayFirst);
    const consent = readConsent(row, ctx, null);
    // The attendee status (Eventbrite), or a registration status of its own column (Cvent's
    // "Registration Status": Accepted, Cancelled…); a check-in beats either.
    const registration = text(row.fields.registration_status);
    const cancelledAs = checkIn.checked ? null : checkIn.status !== null && CANCELLED.test(checkIn.status) ? checkIn.status : registration !== null && CANCELLED.test(registration) ? registration : null;
    const cancelled = cancelledAs !== null;
    if (cancelled) ctx.warn(registration === cancelledAs ? 'registration_status' : 'checked_in', `registration ${cancelledAs}: the person is kept as a contact, not counted as registered`);
    return [org ? packOrg(org) : null, packPerson(toPersonInput(person, place, null, consent, text(row.fields.notes))), registered, checkIn.checked, checkIn.at, text(row.fields.ticket_type), checkIn.status, cancelled];
  },
  write(prepared: unknown, ctx: RowContext) {
    if (!ctx.coalition) throw new Error('internal: attendees need a coalition');
    if (typeof prepared === 'string') {
      ctx.counters.skipped[prepared] = (ctx.counters.skipped[prepared] ?? 0) + 1;
      return;
    }
    const [org, packedPerson, registeredAt, checkedIn, checkedInAt, ticketType, status, cancelled] = prepared as PreparedAttendee;
    const person = unpackPerson(packedPerson);
    person.organization_id = org ? upsertOrganization(ctx, unpackOrg(org)).id : null;
    const p = upsertPerson(ctx, person);
    if (!p.created) ctx.counters.duplicates++;
    if (cancelled) return;
    upsertAttendance(ctx, {
      coalition_id: ctx.coalition.id,
      person_id: p.id,
      registered_at: registeredAt,
      checked_in: checkedIn,
      checked_in_at: checkedInAt,
      ticket_type: ticketType,
      status,
    });
  },
};
