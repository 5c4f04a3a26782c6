/**
 * Who is who during a big import, without the database's e-mail and name indexes; and which
 * sign-offs exist, without the sign-offs' unique index.
 *
 * A big import (src/core/import/pipeline.ts, deferIndexes) drops `people_email` and
 * `people_name_org` and builds them again before it commits: inserting a million people into those
 * two growing indexes one by one costs about three times the inserts themselves, building them once
 * at the end about two seconds (`npm run bench:people`). Meanwhile identity (identity.ts) asks this
 * index instead.
 *
 * It keeps, for every person, a 32-bit hash of the e-mail and a 32-bit hash of (name, organization)
 * with the person's id: 9 bytes a person and a table, in typed arrays, where a JavaScript Map of a
 * million e-mails takes about 100 MB of heap that the garbage collector must walk. A hash is not
 * the value: a lookup returns candidate ids, and the caller reads each candidate's row by id and
 * compares the real values. A miss is certain (every person is in the index), and most rows of a
 * big import are new people, so most lookups read nothing. Sign-offs (person, module, date) are kept
 * the same way by a big training roster import (kinds/trainings.ts).
 */
import type { DB } from '../../db/connection.js';

/** FNV-1a over the UTF-16 code units, finished with murmur3's mix so that every bit counts for the
 * slot. Hashing is for spreading only: equal hashes are always checked against the row. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix(h);
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** (name key, organization) → hash; a person at no organization is organization 0. */
export const hashNameAtOrg = (nameKey: string, orgId: number | null): number => mix(hashString(nameKey) ^ Math.imul((orgId ?? 0) + 1, 0x9e3779b1));

/**
 * An open-addressing hash table (linear probing) of (hash, id, flag) entries; several entries may
 * share a hash, and the same id may appear under several hashes. Sized for the expected entries at
 * most 70 % full (any size, not a power of two: a million people take 12.9 MB, not 18.9), it grows
 * by doubling past that. Ids are positive integers below 2^32 (SQLite row ids of a desktop database).
 */
export class HashIds {
  private hashes: Int32Array;
  private ids: Uint32Array;
  private flags: Uint8Array;
  private used = 0;

  constructor(expected: number) {
    const cap = Math.max(1024, Math.ceil(expected / MAX_LOAD));
    this.hashes = new Int32Array(cap);
    this.ids = new Uint32Array(cap);
    this.flags = new Uint8Array(cap);
  }

  get size(): number {
    return this.used;
  }

  /** The table's memory in bytes. */
  get bytes(): number {
    return this.ids.length * 9;
  }

  add(hash: number, id: number, flag = 0): void {
    if (!(id > 0 && id < 2 ** 32 && Number.isInteger(id))) throw new Error(`internal: id ${id} cannot be indexed`);
    if (this.used + 1 > this.ids.length * MAX_LOAD) this.grow();
    this.put(hash, id, flag);
    this.used++;
  }

  /**
   * Writes the ids stored under `hash` into `out` (from index 0) and returns how many there are;
   * with `unflaggedOnly`, only the entries added with flag 0.
   */
  find(hash: number, out: number[], unflaggedOnly = false): number {
    const cap = this.ids.length;
    let n = 0;
    for (let i = (hash >>> 0) % cap; this.ids[i] !== 0; i = i + 1 === cap ? 0 : i + 1) {
      if (this.hashes[i] === hash && (!unflaggedOnly || this.flags[i] === 0)) out[n++] = this.ids[i];
    }
    return n;
  }

  private put(hash: number, id: number, flag: number): void {
    const cap = this.ids.length;
    let i = (hash >>> 0) % cap;
    while (this.ids[i] !== 0) i = i + 1 === cap ? 0 : i + 1;
    this.hashes[i] = hash;
    this.ids[i] = id;
    this.flags[i] = flag;
  }

  private grow(): void {
    const { hashes, ids, flags } = this;
    this.hashes = new Int32Array(ids.length * 2);
    this.ids = new Uint32Array(ids.length * 2);
    this.flags = new Uint8Array(ids.length * 2);
    for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) this.put(hashes[i], ids[i], flags[i]);
  }
}

/** Entries per slot at most: past this, linear probing slows down quickly. */
const MAX_LOAD = 0.7;

/** Every person's e-mail and (name, organization), hashed, for identity during a big import. */
export class PeopleIndex {
  private readonly emails: HashIds;
  /** Flag 1: the person had an e-mail when added (e-mails are never removed during an import, so
   * such a person is never a namesake "without an e-mail"). */
  private readonly names: HashIds;

  constructor(expected: number) {
    this.emails = new HashIds(expected);
    this.names = new HashIds(expected);
  }

  /** The people of the database, plus room for `expectedNew` more. */
  static load(db: DB, expectedNew: number): PeopleIndex {
    const count = db.prepare('SELECT count(*) FROM people').pluck().get() as number;
    const index = new PeopleIndex(count + expectedNew);
    for (const [id, email, nameKey, orgId] of db.prepare('SELECT id, email, name_key, organization_id FROM people').raw().iterate() as Iterable<[number, string | null, string, number | null]>) {
      index.add(id, email, nameKey, orgId);
    }
    return index;
  }

  /** Adds a person, or the new e-mail, name or organization of one already added (the old entries
   * stay: they only cost a candidate that its row then rules out). */
  add(id: number, email: string | null, nameKey: string, orgId: number | null): void {
    if (email) this.emails.add(hashString(email), id);
    if (nameKey) this.names.add(hashNameAtOrg(nameKey, orgId), id, email ? 1 : 0);
  }

  /** Ids that may have this e-mail. */
  byEmail(email: string, out: number[]): number {
    return this.emails.find(hashString(email), out);
  }

  /** Ids that may have this name at this organization (with `withoutEmail`, only people who had no
   * e-mail when added). */
  byNameAtOrg(nameKey: string, orgId: number | null, withoutEmail: boolean, out: number[]): number {
    return this.names.find(hashNameAtOrg(nameKey, orgId), out, withoutEmail);
  }

  get bytes(): number {
    return this.emails.bytes + this.names.bytes;
  }
}

/** (person, module, date) → hash. */
export const hashSignoff = (personId: number, moduleId: string, date: string): number => mix(hashString(date, hashString(moduleId)) ^ Math.imul(personId, 0x9e3779b1));

/** Every sign-off's (person, module, date), hashed, for a big roster import. */
export class SignoffIndex {
  private readonly table: HashIds;

  constructor(expected: number) {
    this.table = new HashIds(expected);
  }

  /** The sign-offs of a database, plus room for `expectedNew` more. */
  static load(db: DB, expectedNew: number): SignoffIndex {
    const count = db.prepare('SELECT count(*) FROM signoffs').pluck().get() as number;
    const index = new SignoffIndex(count + expectedNew);
    for (const [id, personId, moduleId, date] of db.prepare('SELECT id, person_id, module_id, completed_on FROM signoffs').raw().iterate() as Iterable<[number, number, string, string]>) {
      index.add(id, personId, moduleId, date);
    }
    return index;
  }

  add(id: number, personId: number, moduleId: string, date: string): void {
    this.table.add(hashSignoff(personId, moduleId, date), id);
  }

  /** Ids of sign-offs that may be this one. */
  find(personId: number, moduleId: string, date: string, out: number[]): number {
    return this.table.find(hashSignoff(personId, moduleId, date), out);
  }
}
