/**
 * Likely duplicate organizations, for `orgs dupes` (then `orgs merge`). Imports make one
 * organization per normalized name and city; what slips through is the same agency written two ways
 * or typed without its city. Candidates, within one state:
 *
 * - the same name, one of the two without a city ("Hawkeye Freight Lines" in Des Moines and with no
 *   city at all);
 * - names that differ only by the words agencies and companies add or drop ("Story County Sheriff"
 *   and "Story County Sheriff's Office"; "Cornbelt Carriers" and "Cornbelt Carriers Inc"; beside
 *   "sheriff", County and Parish: "Caddo Sheriff's Office") in the same city or where one has none;
 * - one name abbreviating the other (abbrev.ts: "ISP" and "Iowa State Patrol", "Iowa DOT MVE" and
 *   "Iowa Department of Transportation - Motor Vehicle Enforcement", "Mtr Carrier Enf." and "Motor
 *   Carrier Enforcement", "Polk County S.O."), or leaving out the state's name ("Department of Public
 *   Safety" and "Iowa Department of Public Safety"), in the same city or where one has none, and
 *   only when their sectors agree or one is unknown: an acronym is ambiguous, so a guessed sector
 *   counts here (guessed from the name with its abbreviations spelled out). An acronym that lines
 *   up with more than two different organizations (a "DPD" without a city) gets no pair at all;
 * - names a typo apart (Levenshtein similarity of the keys ≥ 0.9) in the same city.
 *
 * Never a pair: two truck stops with different store numbers (two stores of one chain), two
 * organizations of different sectors both known (set by hand or read from a Sector column), or the
 * same name in two cities (a patrol's posts, a chain's stores: real places of their own).
 *
 * Speed: names are compared in groups (one state and one name without filler words; one city; one
 * state and one abbreviation signature, abbrev.ts), never every pair of a state; a group too big to
 * compare pair by pair is skipped. A generated national directory of 50,000 organizations: the
 * whole command in about 1.4 s (0.8 s before abbreviations were read), on a shared 2-core machine.
 *
 * Why abbreviations are suggested here rather than read by the identity key at import: the key
 * (orgKey, sector.ts) already spells out the abbreviations that always mean one word ("Dept", "PD",
 * "SO", "Hwy", "Twp", "Co." before Sheriff); acronyms are ambiguous, and a wrong merge of two real
 * agencies is worse than a missed one. See sector.ts for why the key does not grow.
 */
import { distance } from 'fastest-levenshtein';
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { ABBREVIATION, STATE_LEFT_OUT, abbreviationMatch, nameForm, spelledOutSector, type NameForm } from './abbrev.js';

export interface DupeOrg {
  id: number;
  name: string;
  city: string | null;
  state: string | null;
  sector: string;
  /** people at the organization: the one with more is suggested to keep (then one with a city) */
  people: number;
}

export interface OrgDupePair {
  keep: DupeOrg;
  drop: DupeOrg;
  reason: string;
}

interface Row extends DupeOrg {
  name_key: string;
  city_key: string;
  store_number: string | null;
  sector_source: string;
  agency_type: string | null;
}

export const REASON_ABBREVIATION = 'one name abbreviates the other';
export const REASON_STATE_LEFT_OUT = "one name leaves out the state's name";

/** Words an agency or company name gains or loses without naming another organization. */
const FILLER = new Set(['office', 'offices', 'department', 'dept', 'inc', 'incorporated', 'llc', 'ltd', 'co', 'corp', 'corporation', 'company', 'the', 'of', 'and']);

/** Words a sheriff's office's name may carry or not: a sheriff serves a county or a parish, so
 * "Caddo Sheriff's Office" and "Caddo Parish Sheriff's Office" are one office. Only beside
 * "sheriff": "Baltimore County Police" and "Baltimore Police" are two agencies. */
const SHERIFF_FILLER = new Set(['county', 'parish']);

/** The name key without filler words, and with a plural "sheriffs" read as "sheriff". */
export function baseKey(nameKey: string): string {
  const words = nameKey.split(' ').map((w) => (w === 'sheriffs' ? 'sheriff' : w));
  const sheriff = words.includes('sheriff');
  return words.filter((w) => w && !FILLER.has(w) && !(sheriff && SHERIFF_FILLER.has(w))).join(' ');
}

/** Blocks bigger than this are not compared pair by pair for typos (a city with hundreds of
 * organizations would cost a quadratic number of comparisons for little). */
const MAX_TYPO_BLOCK = 300;

/** Names with an abbreviation sharing one signature in one state: more are not compared (a
 * signature that common says nothing). */
const MAX_ABBREVIATION_BLOCK = 500;

/** An abbreviation lining up with more different organizations than this is ambiguous. */
const MAX_READINGS = 2;

export function findOrgDupes(db: DB): OrgDupePair[] {
  const rows = stmt(db, `
    SELECT o.id, o.name, o.name_key, o.city_key, o.city, upper(o.state) AS state, o.sector, o.sector_source, o.agency_type, o.store_number,
           (SELECT count(*) FROM people p WHERE p.organization_id = o.id) AS people
      FROM organizations o ORDER BY o.id`).all() as Row[];
  const seen = new Set<string>();
  const out: OrgDupePair[] = [];
  const add = (a: Row, b: Row, reason: string) => {
    if (a.id === b.id) return;
    const key = pairKey(a, b);
    if (seen.has(key) || !compatible(a, b)) return;
    seen.add(key);
    // Keep the one with more people, then the one that has a city, then the older.
    const score = (r: Row) => [r.people, r.city_key ? 1 : 0, -r.id];
    const [sa, sb] = [score(a), score(b)];
    const aFirst = sa[0] !== sb[0] ? sa[0] > sb[0] : sa[1] !== sb[1] ? sa[1] > sb[1] : sa[2] > sb[2];
    const [keep, drop] = aFirst ? [a, b] : [b, a];
    out.push({ keep: strip(keep), drop: strip(drop), reason });
  };
  // Same name (or the same but for filler words), in one state: pairs where the cities agree or
  // one of the two has none.
  const byBase = group(rows, (r) => `${r.state ?? ''}\u0000${baseKey(r.name_key)}`);
  for (const list of byBase.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        const sameName = a.name_key === b.name_key;
        if (a.city_key && b.city_key && a.city_key !== b.city_key) continue;
        if (sameName) add(a, b, a.city_key === b.city_key ? 'the same name' : 'the same name, one without a city');
        else add(a, b, 'the same name but for words such as Office, Department or Inc');
      }
    }
  }
  // One name abbreviating the other (before typos: the more telling reason).
  for (const [a, b, reason] of abbreviationPairs(rows, seen)) add(a, b, reason);
  // A typo apart, in one city.
  const byCity = group(rows.filter((r) => r.city_key), (r) => `${r.state ?? ''}\u0000${r.city_key}`);
  for (const list of byCity.values()) {
    if (list.length > MAX_TYPO_BLOCK) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        const longest = Math.max(a.name_key.length, b.name_key.length);
        if (longest >= 8 && 1 - distance(a.name_key, b.name_key) / longest >= 0.9) add(a, b, 'names a typo apart');
      }
    }
  }
  return out.sort((x, y) => (x.keep.state ?? '').localeCompare(y.keep.state ?? '') || x.keep.name.localeCompare(y.keep.name) || x.drop.id - y.drop.id);
}

/**
 * Pairs of one state where one name abbreviates the other or leaves out the state's name
 * (abbrev.ts), in the same city or where one has none, of the same kind (`sameKind`), not paired
 * already (`seen`). The names that abbreviate anything (about one in ten) are indexed by state and
 * signature; every name looks its own signatures up there, so only names that can spell the same
 * letters are compared.
 */
function abbreviationPairs(rows: Row[], seen: ReadonlySet<string>): Array<[Row, Row, string]> {
  const forms = rows.map((r) => nameForm(r.name, r.state, r.name_key));
  // state → signature → the names with an abbreviation that spell it
  const abbreviated = new Map<string, Map<string, number[]>>();
  for (let i = 0; i < rows.length; i++) {
    if (!forms[i].abbreviated) continue;
    const state = rows[i].state ?? '';
    let bySig = abbreviated.get(state);
    if (!bySig) abbreviated.set(state, (bySig = new Map()));
    for (const sig of forms[i].signatures) {
      const list = bySig.get(sig);
      if (list) list.push(i);
      else bySig.set(sig, [i]);
    }
  }
  const tried = new Set<number>();
  const found: Array<[number, number, string]> = [];
  for (let j = 0; j < rows.length; j++) {
    const bySig = abbreviated.get(rows[j].state ?? '');
    if (!bySig) continue;
    for (const sig of forms[j].signatures) {
      const list = bySig.get(sig);
      if (!list || list.length > MAX_ABBREVIATION_BLOCK) continue;
      for (const i of list) {
        // Both abbreviated: each finds the other; the pair is tried from the higher index only.
        if (i === j || (forms[j].abbreviated && j < i)) continue;
        const [a, b] = [rows[i], rows[j]];
        if (a.city_key && b.city_key && a.city_key !== b.city_key) continue;
        const pair = i * rows.length + j;
        if (tried.has(pair)) continue;
        tried.add(pair);
        if (seen.has(pairKey(a, b)) || !compatible(a, b) || !sameKind(a, forms[i], b, forms[j])) continue;
        const m = abbreviationMatch(forms[i], forms[j]);
        if (m === ABBREVIATION) found.push([i, j, REASON_ABBREVIATION]);
        else if (m === STATE_LEFT_OUT) found.push([i, j, REASON_STATE_LEFT_OUT]);
      }
    }
  }
  // An abbreviation that lines up with more than two different organizations says too little (a
  // "DPD" without a city: the police of Dallas, Denton, Decatur…): none of its pairs is suggested.
  // Two names are one organization here when an earlier rule or this one paired them, or when they
  // have the same name (an agency's posts in two cities).
  const partners = new Map<number, number[]>();
  for (const [i, j] of found) {
    for (const [x, y] of [[i, j], [j, i]]) {
      const list = partners.get(x);
      if (list) list.push(y);
      else partners.set(x, [y]);
    }
  }
  const paired = new Set([...seen, ...found.map(([i, j]) => pairKey(rows[i], rows[j]))]);
  const sameOrg = (p: number, q: number) => rows[p].name_key === rows[q].name_key || paired.has(pairKey(rows[p], rows[q]));
  const ambiguous = new Set<number>();
  for (const [x, list] of partners) {
    if (list.length <= MAX_READINGS) continue;
    const readings: number[] = [];
    for (const p of list) if (!readings.some((q) => sameOrg(p, q))) readings.push(p);
    if (readings.length > MAX_READINGS) ambiguous.add(x);
  }
  return found.filter(([i, j]) => !ambiguous.has(i) && !ambiguous.has(j)).map(([i, j, reason]) => [rows[i], rows[j], reason]);
}

const pairKey = (a: Row, b: Row) => (a.id < b.id ? `${a.id}:${b.id}` : `${b.id}:${a.id}`);

/** Two stores of one chain, or two different kinds of organization, are never the same. */
function compatible(a: Row, b: Row): boolean {
  if (a.store_number && b.store_number && a.store_number !== b.store_number) return false;
  if (/\d/.test(a.name_key) && /\d/.test(b.name_key) && (a.name_key.match(/\d+/g) ?? []).join() !== (b.name_key.match(/\d+/g) ?? []).join()) return false;
  // A sector guessed from the name is no proof: a typo in "Polce Department" guessed it wrong.
  return a.sector === b.sector || a.sector === 'other' || b.sector === 'other' || a.sector_source === 'inferred' || b.sector_source === 'inferred';
}

/**
 * An acronym may stand for anything: two names line up by abbreviation only when their sectors
 * agree or one is unknown (`other`), and their agency types agree where both are known. A sector
 * guessed from a name is read from its words spelled out ("Mtr Carrier Enf." is motor carrier
 * enforcement, not a carrier).
 */
function sameKind(a: Row, fa: NameForm, b: Row, fb: NameForm): boolean {
  const kind = (r: Row, f: NameForm): [string, string | null] => {
    const guess = r.sector_source === 'inferred' ? spelledOutSector(f) : null;
    return guess ? [guess.sector, guess.agency_type] : [r.sector, r.agency_type];
  };
  const [sa, ta] = kind(a, fa);
  const [sb, tb] = kind(b, fb);
  if (sa !== sb) return sa === 'other' || sb === 'other';
  return !ta || !tb || ta === tb;
}

function strip(r: Row): DupeOrg {
  return { id: r.id, name: r.name, city: r.city, state: r.state, sector: r.sector, people: r.people };
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
