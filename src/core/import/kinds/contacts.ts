/**
 * `coalition import contacts`: directories of truck stops, agencies and their officers, victim
 * service providers and other resources. An organization is required; a person is optional (a row
 * with only an agency is its main line). A directory is compiled to be shared, so without a consent
 * column people are marked as sharing their work contact details; a consent column, or
 * `--share-contact yes|no`, decides otherwise.
 */
import { packOrg, packPerson, unpackOrg, unpackPerson, upsertOrganization, upsertPerson, type PackedOrg, type PackedPerson } from '../identity.js';
import { RowRejected, type KindHandler, type MappedRow, type PrepareContext, type RowContext } from '../types.js';
import { readConsent, readOrg, readPerson, readPhone, readPlace, text, toPersonInput } from './common.js';

export const CONTACT_FIELDS = [
  'first_name', 'last_name', 'full_name', 'prefix', 'suffix', 'title', 'email', 'phone', 'phone_ext', 'organization', 'store_number', 'org_phone', 'sector',
  'agency_type', 'address', 'address2', 'city', 'state', 'zip', 'county', 'share_contact', 'website', 'notes',
] as const;

/** A contacts row, checked and cleaned: its organization and its person (null for a main line),
 * packed to travel from the reader thread. */
type PreparedContact = [org: PackedOrg, person: PackedPerson | null];

export const handler: KindHandler = {
  kind: 'contacts',
  fields: CONTACT_FIELDS,
  required: [['organization']],
  needsCoalition: 'no',
  // Every check that can reject the row comes before the first upsert.
  rejectsBeforeWriting: true,
  rejectsOnlyInPrepare: true,
  // A big import defers them all: identity reads people by e-mail and by name at an organization
  // through its in-memory index while those two are dropped (identity.ts), and never by the others.
  deferIndexes: ['people_email', 'people_name_org', 'people_org', 'people_phone', 'people_county'],
  notes: { field: 'organization', under: 'the directory', not: 'an entry' },
  prepare(row: MappedRow, ctx: PrepareContext): PreparedContact {
    const place = readPlace(row, ctx);
    const org = readOrg(row, ctx, place);
    if (!org) throw new RowRejected('the row has no organization', 'organization');
    let person = readPerson(row, ctx);
    // The phone as readPerson read it, so that it is read (and warned about) once.
    let personPhone: { phone: string | null; ext: string | null } | undefined;
    if (person && !person.first_name && !person.last_name) {
      // Only an e-mail (help@…, dispatch@…): the organization's address, not a person.
      org.email = person.email;
      personPhone = { phone: person.phone, ext: person.phone_ext };
      person = null;
    }
    if (row.fields.org_phone !== undefined) {
      const p = readPhone(row.fields.org_phone, undefined, ctx, 'org_phone');
      org.phone = p.phone;
      org.phone_ext = p.ext;
    } else if (!person && row.fields.phone !== undefined) {
      // A row with no person: its phone is the organization's main line.
      const p = personPhone ?? readPhone(row.fields.phone, row.fields.phone_ext, ctx, 'phone');
      org.phone = p.phone;
      org.phone_ext = p.ext;
    }
    if (!person) org.notes = text(row.fields.notes);
    org.website = text(row.fields.website);
    const consent = readConsent(row, ctx, 1);
    return [packOrg(org), person ? packPerson(toPersonInput(person, place, null, consent, text(row.fields.notes))) : null];
  },
  write(prepared: unknown, ctx: RowContext) {
    const [packedOrg, packedPerson] = prepared as PreparedContact;
    const o = upsertOrganization(ctx, unpackOrg(packedOrg));
    if (!packedPerson) {
      if (!o.created) ctx.counters.duplicates++;
      return;
    }
    const person = unpackPerson(packedPerson);
    person.organization_id = o.id;
    const p = upsertPerson(ctx, person);
    if (!p.created) ctx.counters.duplicates++;
  },
};
