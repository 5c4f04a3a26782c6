/**
 * Likely duplicate organizations, for `orgs dupes` (then `orgs merge`). Imports make one
 * organization per normalized name and city; what slips through is the same agency written two ways
 * or typed without its city. Candidates, within one state:
 *
 * - the same name, one of the two without a city ("Hawkeye Freight Lines" in Des Moines and with no
 *   city at all);
 * - names that differ only by the words agencies and companies add or drop ("Story County Sheriff"
 *   and "Story County Sheriff's Office"; "Cornbelt Carriers" and "Cornbelt Carriers Inc") in the
 *   same city or where one has none;
 * - names a typo apart (Levenshtein similarity of the keys ≥ 0.9) in the same city.
 *
 * Never a pair: two truck stops with different store numbers (two stores of one chain), two
 * organizations of different sectors both known (set by hand or read from a Sector column), or the
 * same name in two cities (a patrol's posts, a chain's stores: real places of their own).
 */
import { distance } from 'fastest-levenshtein';
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';

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
}

/** Words an agency or company name gains or loses without naming another organization. */
const FILLER = new Set(['office', 'offices', 'department', 'dept', 'inc', 'incorporated', 'llc', 'ltd', 'co', 'corp', 'corporation', 'company', 'the', 'of', 'and']);

/** The name key without filler words, and with a plural "sheriffs" read as "sheriff". */
export function baseKey(nameKey: string): string {
  return nameKey
    .split(' ')
    .filter((w) => w && !FILLER.has(w))
    .map((w) => (w === 'sheriffs' ? 'sheriff' : w))
    .join(' ');
}

/** Blocks bigger than this are not compared pair by pair for typos (a city with hundreds of
 * organizations would cost a quadratic number of comparisons for little). */
const MAX_TYPO_BLOCK = 300;

export function findOrgDupes(db: DB): OrgDupePair[] {
  const rows = stmt(db, `
    SELECT o.id, o.name, o.name_key, o.city_key, o.city, upper(o.state) AS state, o.sector, o.sector_source, o.store_number,
           (SELECT count(*) FROM people p WHERE p.organization_id = o.id) AS people
      FROM organizations o ORDER BY o.id`).all() as Row[];
  const seen = new Set<string>();
  const out: OrgDupePair[] = [];
  const add = (a: Row, b: Row, reason: string) => {
    if (a.id === b.id) return;
    const key = a.id < b.id ? `${a.id}:${b.id}` : `${b.id}:${a.id}`;
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

/** Two stores of one chain, or two different kinds of organization, are never the same. */
function compatible(a: Row, b: Row): boolean {
  if (a.store_number && b.store_number && a.store_number !== b.store_number) return false;
  if (/\d/.test(a.name_key) && /\d/.test(b.name_key) && (a.name_key.match(/\d+/g) ?? []).join() !== (b.name_key.match(/\d+/g) ?? []).join()) return false;
  // A sector guessed from the name is no proof: a typo in "Polce Department" guessed it wrong.
  return a.sector === b.sector || a.sector === 'other' || b.sector === 'other' || a.sector_source === 'inferred' || b.sector_source === 'inferred';
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
