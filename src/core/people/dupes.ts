/**
 * Likely duplicate people, for `people dupes`. Imports already make one person per e-mail (and per
 * name at an organization when there is no e-mail); what slips through is the same person
 * registered with a work and a personal address, a typo in a name, or a nickname. Candidates:
 *
 * - similar names at the same organization (Levenshtein similarity of the name keys ≥ 0.8, or the
 *   same last name with first names where one starts the other or one is the other's nickname:
 *   "Jim" / "Jimmy", "J." / "John", "Bob" / "Robert");
 * - the same phone number (and extension) with names that are alike or missing. A main line that
 *   several officers share is not a duplicate: different names on one phone are left alone;
 * - the same name where one of the two has no organization.
 *
 * Never a pair: a father and son at one agency ("John Smith Sr." and "John Smith Jr.": different
 * suffixes), or two people with mailboxes of their own at one agency's domain
 * (msmith@amespd.example and mary.smith@amespd.example), unless they share a phone.
 *
 * Pairs the coordinator marked "not the same person" are remembered (settings
 * `people.dupes.ignored`) and not shown again.
 */
import { distance } from 'fastest-levenshtein';
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { getSetting, setSetting } from '../coalitions.js';
import { personKey } from '../normalize/name.js';

export interface DupePerson {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  organization: string | null;
  organization_id: number | null;
  /** attendance + sign-offs: the one with more is suggested to keep */
  records: number;
}

export interface DupePair {
  keep: DupePerson;
  drop: DupePerson;
  reasons: string[];
  similarity: number;
}

interface P extends DupePerson {
  name_key: string;
  first_key: string;
  last_key: string;
  phone_ext: string | null;
  suffix_key: string;
  filled: number;
}

/** Free mail: two people at gmail.com are not two mailboxes of one agency. */
const FREE_MAIL = /^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|aol|icloud|me|mac|comcast|att|sbcglobal|protonmail|proton|mail|gmx)\./;

/** Two different people for sure, whatever their names: a father and son (different suffixes), or
 * two mailboxes of their own at one organization's domain with no phone in common. */
function clearlyTwo(a: P, b: P): boolean {
  if (a.suffix_key && b.suffix_key && a.suffix_key !== b.suffix_key) return true;
  if (!a.email || !b.email || (a.phone && a.phone === b.phone)) return false;
  const [localA, domainA] = a.email.split('@');
  const [localB, domainB] = b.email.split('@');
  if (!domainA || domainA !== domainB || FREE_MAIL.test(domainA)) return false;
  // a typo in the mailbox (mkowalski / mkowalsky) is still the same person
  return similarity(localA, localB) < 0.8;
}

const IGNORED_KEY = 'people.dupes.ignored';

export function similarity(a: string, b: string): number {
  if (!a && !b) return 1;
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - distance(a, b) / max;
}

/** Common English nicknames → the formal name they stand for (the first one, for similarity). */
const NICKNAMES: Record<string, string> = {
  bob: 'robert', rob: 'robert', bobby: 'robert', robbie: 'robert', bill: 'william', will: 'william', billy: 'william', liam: 'william',
  jim: 'james', jimmy: 'james', jamie: 'james', mike: 'michael', mickey: 'michael', dick: 'richard', rick: 'richard', rich: 'richard',
  ted: 'edward', ed: 'edward', eddie: 'edward', ned: 'edward', tom: 'thomas', tommy: 'thomas', joe: 'joseph', joey: 'joseph',
  chuck: 'charles', charlie: 'charles', chas: 'charles', tony: 'anthony', dave: 'david', steve: 'steven', stephen: 'steven',
  chris: 'christopher', matt: 'matthew', dan: 'daniel', danny: 'daniel', greg: 'gregory', jeff: 'jeffrey', ken: 'kenneth',
  larry: 'lawrence', ron: 'ronald', don: 'donald', pat: 'patrick', sam: 'samuel', ben: 'benjamin', nick: 'nicholas',
  alex: 'alexander', andy: 'andrew', drew: 'andrew', fred: 'frederick', hank: 'henry', harry: 'henry', jack: 'john', johnny: 'john',
  jon: 'john', liz: 'elizabeth', beth: 'elizabeth', betty: 'elizabeth', lisa: 'elizabeth', kate: 'katherine',
  katie: 'katherine', kathy: 'katherine', cathy: 'katherine', catherine: 'katherine', kathryn: 'katherine', peggy: 'margaret',
  maggie: 'margaret', meg: 'margaret', sue: 'susan', susie: 'susan', jenny: 'jennifer', jen: 'jennifer', becky: 'rebecca',
  patty: 'patricia', trish: 'patricia', abby: 'abigail', mandy: 'amanda', vicky: 'victoria', debbie: 'deborah', deb: 'deborah',
  cindy: 'cynthia', sandy: 'sandra', terry: 'teresa', tina: 'christina', chrissy: 'christina', val: 'valerie', manny: 'manuel',
  pepe: 'jose', paco: 'francisco', pancho: 'francisco', lupe: 'guadalupe', memo: 'guillermo', chepe: 'jose',
};

/** Nicknames that stand for more than one formal name ("Terry" is Terrence as often as Teresa). */
const MORE_FORMALS: Record<string, string[]> = {
  terry: ['terrence', 'terence'], pat: ['patricia'], patty: ['martha'], sam: ['samantha'], alex: ['alexandra', 'alexis'],
  chris: ['christine', 'christina'], jerry: ['gerald', 'jerome', 'jeremiah'], gerry: ['gerald'], tony: ['antonio'], andy: ['andrea'],
  fred: ['alfred'], al: ['albert', 'alan', 'alfred'], ray: ['raymond'], jeff: ['geoffrey'], frank: ['francis', 'franklin'],
  ed: ['edwin', 'edmund'], ted: ['theodore'], nick: ['nicole'], dan: ['danielle'], jo: ['joanne', 'josephine'], bert: ['albert', 'herbert'],
  larry: ['laurence'], ken: ['kendall'], mel: ['melvin', 'melissa', 'melanie'], vince: ['vincent'], walt: ['walter'], wes: ['wesley'],
};

function formal(name: string): string {
  return NICKNAMES[name] ?? name;
}

function formals(name: string): string[] {
  return [formal(name), ...(MORE_FORMALS[name] ?? [])];
}

function firstNamesAlike(a: string, b: string): boolean {
  if (!a || !b) return true;
  if (a === b || formals(a).some((f) => formals(b).includes(f))) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.startsWith(short) || similarity(a, b) >= 0.75;
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

export function ignoredPairs(db: DB): Set<string> {
  const raw = getSetting(db, IGNORED_KEY);
  try {
    return new Set(raw ? (JSON.parse(raw) as string[]) : []);
  } catch {
    return new Set();
  }
}

/** Remembers that two people are not the same person. */
export function ignorePair(db: DB, a: number, b: number): void {
  const set = ignoredPairs(db);
  set.add(pairKey(a, b));
  setSetting(db, IGNORED_KEY, JSON.stringify([...set].sort()));
}

export function findDupes(db: DB, opts: { includeIgnored?: boolean } = {}): DupePair[] {
  const rows = stmt(db, `
    SELECT p.id, trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')) AS name, p.first_name, p.last_name, p.name_key, p.suffix,
           p.email, p.phone, p.phone_ext, p.organization_id, o.name AS organization,
           (SELECT count(*) FROM attendance a WHERE a.person_id = p.id) + (SELECT count(*) FROM signoffs s WHERE s.person_id = p.id) AS records,
           (p.email IS NOT NULL) + (p.phone IS NOT NULL) + (p.title IS NOT NULL) + (p.county_fips IS NOT NULL) + (p.organization_id IS NOT NULL) AS filled
      FROM people p LEFT JOIN organizations o ON o.id = p.organization_id ORDER BY p.id`).all() as Array<P & { first_name: string | null; last_name: string | null; suffix: string | null }>;
  const people: P[] = rows.map(({ suffix, ...r }) => ({ ...r, first_key: personKey(r.first_name, null), last_key: personKey(null, r.last_name), suffix_key: (suffix ?? '').toLowerCase().replace(/[^a-z0-9]/g, '') }));
  const ignored = opts.includeIgnored ? new Set<string>() : ignoredPairs(db);
  const found = new Map<string, { a: P; b: P; reasons: Set<string>; sim: number }>();
  const add = (a: P, b: P, reason: string) => {
    const k = pairKey(a.id, b.id);
    if (ignored.has(k) || clearlyTwo(a, b)) return;
    let e = found.get(k);
    if (!e) found.set(k, (e = { a, b, reasons: new Set(), sim: Math.max(similarity(a.name_key, b.name_key), similarity(`${formal(a.first_key)} ${a.last_key}`, `${formal(b.first_key)} ${b.last_key}`)) }));
    e.reasons.add(reason);
  };

  // 1. similar names at one organization
  const byOrg = new Map<number, P[]>();
  for (const p of people) {
    if (p.organization_id === null) continue;
    let list = byOrg.get(p.organization_id);
    if (!list) byOrg.set(p.organization_id, (list = []));
    list.push(p);
  }
  for (const list of byOrg.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (!a.name_key || !b.name_key) continue;
        const sim = Math.max(similarity(a.name_key, b.name_key), similarity(`${formal(a.first_key)} ${a.last_key}`, `${formal(b.first_key)} ${b.last_key}`));
        const sameLast = a.last_key !== '' && a.last_key === b.last_key && firstNamesAlike(a.first_key, b.first_key);
        if (sim >= 0.8 || sameLast) add(a, b, `similar names at ${a.organization}`);
      }
    }
  }

  // 2. the same phone, with names that are alike or missing
  const byPhone = new Map<string, P[]>();
  for (const p of people) {
    if (!p.phone) continue;
    const k = `${p.phone}|${p.phone_ext ?? ''}`;
    let list = byPhone.get(k);
    if (!list) byPhone.set(k, (list = []));
    list.push(p);
  }
  for (const list of byPhone.values()) {
    if (list.length > 6) continue; // a main line shared by many
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        const alike = !a.name_key || !b.name_key || similarity(a.name_key, b.name_key) >= 0.6 || (a.last_key !== '' && a.last_key === b.last_key && firstNamesAlike(a.first_key, b.first_key));
        if (alike) add(a, b, 'same phone');
      }
    }
  }

  // 3. the same name, one of them without an organization
  const byName = new Map<string, P[]>();
  for (const p of people) {
    if (!p.name_key || !p.name_key.includes(' ')) continue;
    let list = byName.get(p.name_key);
    if (!list) byName.set(p.name_key, (list = []));
    list.push(p);
  }
  for (const list of byName.values()) {
    if (list.length < 2 || list.length > 6) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if ((a.organization_id === null) !== (b.organization_id === null)) add(a, b, 'same name, one without an organization');
      }
    }
  }

  const pairs: DupePair[] = [];
  for (const e of found.values()) {
    const [keep, drop] = preferKeep(e.a, e.b);
    pairs.push({ keep: publicPerson(keep), drop: publicPerson(drop), reasons: [...e.reasons], similarity: Math.round(e.sim * 100) / 100 });
  }
  pairs.sort((x, y) => y.reasons.length - x.reasons.length || y.similarity - x.similarity || x.keep.id - y.keep.id || x.drop.id - y.drop.id);
  return pairs;
}

/** The one with more attendance and sign-offs, then more details, then the older record. */
function preferKeep(a: P, b: P): [P, P] {
  if (a.records !== b.records) return a.records > b.records ? [a, b] : [b, a];
  if (a.filled !== b.filled) return a.filled > b.filled ? [a, b] : [b, a];
  return a.id < b.id ? [a, b] : [b, a];
}

function publicPerson(p: P): DupePerson {
  return { id: p.id, name: p.name, email: p.email, phone: p.phone, organization: p.organization, organization_id: p.organization_id, records: p.records };
}
