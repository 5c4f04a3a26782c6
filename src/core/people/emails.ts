/**
 * A person's e-mail addresses: the main one (`people.email`) and the other ones (`person_emails`,
 * kept when two records of one person are merged). Identity looks a person up by any of them.
 *
 * The rule every writer keeps (the schema alone cannot: it spans two tables): an address is one
 * person's main address or one person's other address, never both and never two people's. People
 * merge, people set and bundle merge write other addresses, and give a person with other addresses
 * a main one; imports only read them (an undo that empties a main address an import filled leaves
 * the other addresses as they are: they still find the person).
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { normalizeEmail } from '../normalize/email.js';

/** The person who has this address, as their main or another address: an address as typed on a
 * command line ("Dana@Story.example ") is normalized as imports normalize it. */
export function personIdByAddress(db: DB, typed: string): number | undefined {
  const email = normalizeEmail(typed).value ?? typed.trim().toLowerCase();
  // Not pluck(): stmt() shares its statements, and pluck() would change them for other callers.
  const main = stmt(db, 'SELECT id FROM people WHERE email = ?').get(email) as { id: number } | undefined;
  if (main) return main.id;
  return (stmt(db, 'SELECT person_id AS id FROM person_emails WHERE email = ?').get(email) as { id: number } | undefined)?.id;
}

/** A person's other addresses, in the order they were added. */
export function otherEmails(db: DB, personId: number): string[] {
  return (stmt(db, 'SELECT email FROM person_emails WHERE person_id = ? ORDER BY created_at, rowid').all(personId) as { email: string }[]).map((r) => r.email);
}

/** Every other address and its person: loaded once by an import (a handful, next to the people). */
export function otherAddressMap(db: DB): Map<string, number> {
  const map = new Map<string, number>();
  for (const [email, id] of db.prepare('SELECT email, person_id FROM person_emails').raw().iterate() as Iterable<[string, number]>) map.set(email, id);
  return map;
}

/** Records `email` as another address of the person (the caller has checked nobody holds it). */
export function addOtherEmail(db: DB, personId: number, email: string, ts: string): void {
  stmt(db, 'INSERT INTO person_emails (email, person_id, created_at) VALUES (?, ?, ?)').run(email, personId, ts);
}

export function removeOtherEmail(db: DB, email: string): void {
  stmt(db, 'DELETE FROM person_emails WHERE email = ?').run(email);
}
