/**
 * A person's other e-mail addresses: `person_emails`.
 *
 * Why: identity is one person per e-mail, and `people.email` holds one. When a coordinator merges
 * two records of one person who registered with two addresses (a work and a personal one, say), the
 * second address must stay known: otherwise the next registration export or roster that carries it
 * finds nobody and creates the duplicate again, undoing the merge.
 *
 * An address is a person's main address (`people.email`) or one other address of one person, never
 * both and never two people's: the code that writes either (people merge, people set, bundle merge)
 * keeps that rule, and imports only read this table. A person with other addresses always has a
 * main one. Deleting a person deletes their other addresses.
 */
import type { Migration } from './index.js';

export const m005: Migration = {
  version: 5,
  name: 'person-emails',
  up(db) {
    db.exec(`
      CREATE TABLE person_emails (
        email      TEXT PRIMARY KEY,
        person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
      );
      CREATE INDEX person_emails_person ON person_emails(person_id);
    `);
  },
};
