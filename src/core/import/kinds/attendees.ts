/**
 * `coalition import attendees`: registrations for a coalition (Eventbrite, Google Forms, sign-in
 * sheets). Each row is a person at an organization, registered for the coalition's build, checked in
 * or not: a check-in date, or a status such as "Checked In" / "Y" / "Attended", counts as attended.
 * Without a consent column, people are not marked as sharing their contact details (NULL) unless
 * `--share-contact yes` says so.
 */
import { parseDate, parseYesNo } from '../../normalize/date.js';
import { packOrg, packPerson, unpackOrg, unpackPerson, upsertAttendance, upsertOrganization, upsertPerson, type PackedOrg, type PackedPerson } from '../identity.js';
import { RowRejected, type Cell, type KindHandler, type MappedRow, type PrepareContext, type RowContext } from '../types.js';
import { readConsent, readOrg, readPerson, readPlace, text, toPersonInput } from './common.js';

export const ATTENDEE_FIELDS = [
  'first_name', 'last_name', 'full_name', 'prefix', 'suffix', 'title', 'email', 'phone', 'phone_ext', 'organization', 'store_number', 'sector', 'agency_type',
  'address', 'address2', 'city', 'state', 'zip', 'county', 'registered_at', 'checked_in', 'ticket_type', 'share_contact', 'notes',
] as const;

/** A check-in cell: a date/time (checked in then), a yes/no, or a status word. */
export function readCheckIn(cell: Cell | undefined): { checked: boolean; at: string | null; status: string | null } {
  if (cell === undefined || cell === null) return { checked: false, at: null, status: null };
  if (cell instanceof Date || typeof cell === 'number' || (typeof cell === 'string' && /\d/.test(cell))) {
    const d = parseDate(cell);
    if (d.datetime || d.date) return { checked: true, at: d.datetime ?? d.date, status: null };
  }
  const yes = parseYesNo(cell);
  const status = typeof cell === 'string' ? cell.trim() : null;
  return { checked: yes === true, at: null, status: status && !/^(y|n|yes|no|x|true|false|1|0)$/i.test(status) ? status : null };
}

/** An attendee row, checked and cleaned, packed to travel from the reader thread. */
type PreparedAttendee = [org: PackedOrg | null, person: PackedPerson, registeredAt: string | null, checkedIn: boolean, checkedInAt: string | null, ticketType: string | null, status: string | null];

export const handler: KindHandler = {
  kind: 'attendees',
  fields: ATTENDEE_FIELDS,
  required: [['email', 'full_name', 'last_name', 'first_name'], ['organization']],
  needsCoalition: 'yes',
  // Every check that can reject the row comes before the first upsert.
  rejectsBeforeWriting: true,
  rejectsOnlyInPrepare: true,
  // A big import defers them all: identity reads people by e-mail and by name at an organization
  // through its in-memory index while those two are dropped (identity.ts), and never by the others.
  deferIndexes: ['people_email', 'people_name_org', 'people_org', 'people_phone', 'people_county'],
  prepare(row: MappedRow, ctx: PrepareContext): PreparedAttendee {
    const place = readPlace(row, ctx);
    const person = readPerson(row, ctx);
    if (!person) throw new RowRejected('the row has neither a name nor an e-mail address', 'full_name');
    const org = readOrg(row, ctx, place);
    let registered: string | null = null;
    if (row.fields.registered_at !== undefined) {
      const d = parseDate(row.fields.registered_at);
      if (d.error) ctx.warn('registered_at', `registration date not understood: ${d.error}`);
      registered = d.datetime ?? d.date;
    }
    const checkIn = readCheckIn(row.fields.checked_in);
    const consent = readConsent(row, ctx, null);
    return [org ? packOrg(org) : null, packPerson(toPersonInput(person, place, null, consent, text(row.fields.notes))), registered, checkIn.checked, checkIn.at, text(row.fields.ticket_type), checkIn.status];
  },
  write(prepared: unknown, ctx: RowContext) {
    if (!ctx.coalition) throw new Error('internal: attendees need a coalition');
    const [org, packedPerson, registeredAt, checkedIn, checkedInAt, ticketType, status] = prepared as PreparedAttendee;
    const person = unpackPerson(packedPerson);
    person.organization_id = org ? upsertOrganization(ctx, unpackOrg(org)).id : null;
    const p = upsertPerson(ctx, person);
    if (!p.created) ctx.counters.duplicates++;
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
