import { describe, expect, it } from 'vitest';
import { orgFilledMask, orgInputMask, type OrgInput } from '../../src/core/import/identity.js';
import Database from 'better-sqlite3';
import { HashIds, PeopleIndex, SignoffIndex, hashNameAtOrg, hashSignoff, hashString } from '../../src/core/import/identity-index.js';
import { configure } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrations/index.js';

const found = (t: HashIds, h: number, unflaggedOnly = false) => {
  const out: number[] = [];
  const n = t.find(h, out, unflaggedOnly);
  return out.slice(0, n).sort((a, b) => a - b);
};

describe('HashIds', () => {
  it('returns every id stored under a hash, and only those, through collisions and growth', () => {
    const t = new HashIds(4);
    const expected = new Map<number, number[]>();
    // Few distinct hashes (many entries each) and neighbouring hashes that probe into each other.
    for (let id = 1; id <= 5000; id++) {
      const h = id % 7 === 0 ? -123456 : (id % 300) | 0;
      t.add(h, id);
      expected.set(h, [...(expected.get(h) ?? []), id]);
    }
    expect(t.size).toBe(5000);
    for (const [h, ids] of expected) expect(found(t, h)).toEqual(ids);
    expect(found(t, 999_999)).toEqual([]);
  });

  it('filters by flag, and refuses ids it cannot hold', () => {
    const t = new HashIds(10);
    t.add(42, 1, 1);
    t.add(42, 2, 0);
    t.add(42, 3, 1);
    expect(found(t, 42)).toEqual([1, 2, 3]);
    expect(found(t, 42, true)).toEqual([2]);
    expect(() => t.add(1, 0)).toThrow(/cannot be indexed/);
    expect(() => t.add(1, 2 ** 32)).toThrow(/cannot be indexed/);
  });

  it('uses 9 bytes a slot, at most 70 % full', () => {
    const t = new HashIds(1_000_000);
    expect(t.bytes).toBe(Math.ceil(1_000_000 / 0.7) * 9);
  });
});

describe('hashes', () => {
  it('spread e-mails that differ in one character, and tell organizations apart', () => {
    const hs = new Set<number>();
    for (let i = 0; i < 100_000; i++) hs.add(hashString(`dana${i}@agency.example`));
    expect(hs.size).toBeGreaterThan(99_990);
    expect(hashNameAtOrg('dana person', 1)).not.toBe(hashNameAtOrg('dana person', 2));
    expect(hashNameAtOrg('dana person', null)).not.toBe(hashNameAtOrg('dana person', 1));
    expect(hashNameAtOrg('dana person', null)).toBe(hashNameAtOrg('dana person', null));
  });
});

describe('PeopleIndex', () => {
  it('loads the people of a database and finds them by e-mail and by name at an organization', async () => {
    const db = new Database(':memory:');
    configure(db);
    await migrate(db, ':memory:', () => new Date());
    const ins = db.prepare("INSERT INTO people (name_key, email, organization_id, created_at, updated_at) VALUES (?, ?, NULL, 't', 't')");
    const a = Number(ins.run('ada byrne', 'ada@example.org').lastInsertRowid);
    const b = Number(ins.run('cal dunn', null).lastInsertRowid);
    const idx = PeopleIndex.load(db, 10);
    const out: number[] = [];
    expect(out.slice(0, idx.byEmail('ada@example.org', out))).toEqual([a]);
    expect(idx.byEmail('nobody@example.org', out)).toBe(0);
    expect(out.slice(0, idx.byNameAtOrg('cal dunn', null, true, out))).toEqual([b]);
    // Ada had an e-mail: not a namesake "without an e-mail".
    expect(idx.byNameAtOrg('ada byrne', null, true, out)).toBe(0);
    expect(out.slice(0, idx.byNameAtOrg('ada byrne', null, false, out))).toEqual([a]);
    // A person filled in later is found under the new values too.
    idx.add(b, 'cal@example.org', 'cal dunn', 7);
    expect(out.slice(0, idx.byEmail('cal@example.org', out))).toEqual([b]);
    expect(out.slice(0, idx.byNameAtOrg('cal dunn', 7, false, out))).toEqual([b]);
  });
});

describe('SignoffIndex', () => {
  it('finds a sign-off by person, module and date, and only that one', () => {
    const idx = new SignoffIndex(2);
    idx.add(1, 7, 'build-initial', '2026-03-12');
    idx.add(2, 7, 'build-initial', '2026-03-13');
    idx.add(3, 8, 'build-initial', '2026-03-12');
    for (let id = 4; id < 3000; id++) idx.add(id, id, 'driver', '2026-05-01');
    const out: number[] = [];
    expect(out.slice(0, idx.find(7, 'build-initial', '2026-03-12', out))).toEqual([1]);
    expect(out.slice(0, idx.find(2999, 'driver', '2026-05-01', out))).toEqual([2999]);
    expect(idx.find(7, 'le-victim-centered', '2026-03-12', out)).toBe(0);
    expect(hashSignoff(7, 'build-initial', '2026-03-12')).not.toBe(hashSignoff(8, 'build-initial', '2026-03-12'));
  });
});

describe('orgInputMask', () => {
  it('agrees with the generic mask over ORG_FILL for every combination of empty and filled fields', () => {
    const fields = ['agency_type', 'store_number', 'address', 'address2', 'city', 'state', 'zip', 'county_fips', 'county_source', 'lat', 'lon', 'phone', 'phone_ext', 'email', 'website', 'notes'] as const;
    const empties = [null, undefined, ''];
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 2000; i++) {
      const o: Record<string, unknown> = { name: 'Polk County Sheriff', sector: 'law_enforcement', statewide: 0 };
      for (const f of fields) o[f] = rnd() < 0.5 ? empties[Math.floor(rnd() * 3)] : f === 'lat' || f === 'lon' ? (rnd() < 0.1 ? 0 : 41.6) : 'x';
      expect(orgInputMask(o as unknown as OrgInput)).toBe(orgFilledMask(o as unknown as OrgInput));
    }
    // Zero is a coordinate, not an empty field.
    expect(orgInputMask({ name: 'x', lat: 0 } as OrgInput)).toBe(1 << 9);
  });
});
