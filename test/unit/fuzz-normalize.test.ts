/**
 * Property-based tests of the normalizers (fast-check): whatever a spreadsheet cell holds (random
 * Unicode, NUL and control bytes, mixed line endings, huge fields, odd numbers, invalid dates),
 * each normalizer returns a value of its documented shape — a clean value or null with an error
 * message — and never throws or hangs. The number of generated inputs is counted and checked.
 */
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIsoDate } from '../../src/core/dates.js';
import { parseDate, parsePeriod, parseYesNo } from '../../src/core/normalize/date.js';
import { normalizeEmail } from '../../src/core/normalize/email.js';
import { GeoIndex } from '../../src/core/normalize/geo.js';
import { cleanName, personKey, splitFullName } from '../../src/core/normalize/name.js';
import { normalizePhone } from '../../src/core/normalize/phone.js';
import { cityKey, inferSector, isStatewide, orgKey, parseAgencyType, parseSector, SECTORS } from '../../src/core/normalize/sector.js';
import { normalizeZip } from '../../src/core/normalize/zip.js';
import { openDatabaseFile } from '../../src/db/connection.js';
import { tempDir } from '../helpers/context.js';
import path from 'node:path';

/** Runs per property; 14 properties × 800 = 11,200 inputs for the normalizers alone. */
const RUNS = 800;
let generated = 0;
const counted = <T>(arb: fc.Arbitrary<T>) => arb.map((v) => {
  generated++;
  return v;
});

// Text as spreadsheets deliver it: any Unicode, control characters and NUL, stray quotes and
// separators, mixed line endings, and now and then a huge field.
const nasty = fc.constantFrom('\0', '\r\n', '\r', '\n', '\t', '"', "'", ',', ';', '|', '\u00a0', '\u200b', '\u202e', '\ufeff', '\ufffd', 'é', 'ß', 'İ', '🚚', '＠', '.', '-', '+', '(', ')', 'x', 'ext', '#', '/', ':', ' ');
const fragment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.oneof(nasty, fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyz@ ')), maxLength: 40 }),
  fc.constantFrom('Lt. Maria Kowalski Jr.', 'Kowalski, Maria', '(515) 555-0123 ext. 12', '+1 515 555 0123', '50309-1234', '6103', '2026-03-12', '3/12/2026 9:05:00', '2026-03-12 09:00:00-06:00', '45000', 'Mar 2026', 'N/A', 'yes', 'no', "Love's Travel Stop #123", 'Polk County Sheriff\'s Office', 'Des Moines', 'mk@polk.example'),
);
const text = fc.oneof(
  { weight: 20, arbitrary: fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.tuple(fragment, fc.integer({ min: 10_000, max: 50_000 })).map(([f, n]) => (f || 'x').repeat(Math.ceil(n / Math.max(1, (f || 'x').length))).slice(0, n)) },
);
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 45000, 45000.5, 1e21, -1, 2 ** 53));
const date = fc.oneof(fc.date(), fc.constant(new Date(Number.NaN)));
const cell = counted(fc.oneof({ weight: 6, arbitrary: text }, { weight: 2, arbitrary: number }, { weight: 1, arbitrary: date }, { weight: 1, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant(null) }));
const str = counted(text);

const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';
const check = <T>(arb: fc.Arbitrary<T>, predicate: (v: T) => void) => fc.assert(fc.property(arb, (v) => {
  predicate(v);
}), { numRuns: RUNS });

describe('fuzzing the normalizers', () => {
  it('normalizeEmail: null or a trimmed lower-case address with an @', () => {
    check(cell, (v) => {
      const r = normalizeEmail(v);
      expect(isStringOrNull(r.value)).toBe(true);
      if (r.value !== null) {
        expect(r.value).toBe(r.value.trim().toLowerCase());
        expect(r.value).toMatch(/^[^\s@]+@[^\s@]+$/);
        expect(r.error).toBeUndefined();
      }
    });
  });

  it('normalizePhone: null or E.164, an extension of digits', () => {
    check(cell, (v) => {
      const r = normalizePhone(v);
      if (r.e164 !== null) expect(r.e164).toMatch(/^\+[1-9]\d{6,14}$/);
      if (r.ext !== null) expect(r.ext).toMatch(/^\d+$/);
    });
  });

  it('normalizeZip: null or five digits, with or without a state', () => {
    check(fc.tuple(cell, fc.constantFrom(undefined, null, 'IA', 'CT', 'PR', 'XX', '')), ([v, st]) => {
      const raw = typeof v === 'string' || typeof v === 'number' ? v : v === null ? null : String(v);
      const r = normalizeZip(raw, st);
      if (r.zip !== null) expect(r.zip).toMatch(/^\d{5}$/);
    });
  });

  it('parseDate: null or a real ISO date (and datetime)', () => {
    check(cell, (v) => {
      const r = parseDate(v);
      expect(isStringOrNull(r.date) && isStringOrNull(r.datetime)).toBe(true);
      if (r.date !== null) expect(isIsoDate(r.date)).toBe(true);
      if (r.datetime !== null) expect(Number.isNaN(Date.parse(r.datetime))).toBe(false);
    });
  });

  it('parseYesNo: true, false or null', () => {
    check(cell, (v) => expect([true, false, null]).toContain(parseYesNo(v)));
  });

  it('parsePeriod: a month or a year, or an error', () => {
    check(cell, (v) => {
      const r = parsePeriod(v);
      if ('error' in r) expect(typeof r.error).toBe('string');
      else if (r.granularity === 'month') expect(r.period).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      else expect(r.period).toMatch(/^\d{4}$/);
    });
  });

  it('splitFullName / cleanName: trimmed parts or null', () => {
    check(str, (v) => {
      const parts = splitFullName(v);
      for (const k of ['prefix', 'title', 'first', 'last', 'suffix'] as const) {
        expect(isStringOrNull(parts[k])).toBe(true);
        if (parts[k] !== null) expect(parts[k]).toBe(parts[k]!.trim());
      }
      const c = cleanName(v);
      expect(isStringOrNull(c)).toBe(true);
    });
  });

  it('personKey / orgKey / cityKey: deterministic keys without surrounding space', () => {
    check(fc.tuple(str, str), ([a, b]) => {
      for (const key of [personKey(a, b), orgKey(a), cityKey(b)]) {
        expect(typeof key).toBe('string');
        expect(key).toBe(key.trim());
      }
      expect(personKey(a, b)).toBe(personKey(a, b));
      expect(orgKey(a)).toBe(orgKey(a));
    });
  });

  it('inferSector / parseSector / parseAgencyType / isStatewide: known sectors only', () => {
    check(fc.tuple(str, cell), ([name, raw]) => {
      const g = inferSector(name);
      if (g) expect(SECTORS).toContain(g.sector);
      const s = parseSector(raw);
      if (s !== null) expect(SECTORS).toContain(s);
      const a = parseAgencyType(raw, s ?? g?.sector ?? null);
      expect(isStringOrNull(a)).toBe(true);
      expect(typeof isStatewide(s, a)).toBe('boolean');
    });
  });

  describe('GeoIndex.resolve', () => {
    let geo: GeoIndex;
    let db: Database.Database;
    beforeAll(async () => {
      db = (await openDatabaseFile(path.join(tempDir(), 'geo.db'))).db;
      geo = GeoIndex.load(db);
    });
    afterAll(() => db.close());

    it('a county FIPS it knows, or null, from any county/ZIP/city/state', () => {
      const state = fc.oneof(fc.constantFrom('IA', 'ia', 'Iowa', 'CT', 'XX', '', null), str);
      check(fc.record({ county: fc.oneof(str, fc.constant(null), fc.integer()), zip: fc.oneof(str, fc.constant(null), fc.integer()), city: fc.oneof(str, fc.constant(null)), state }), (input) => {
        const r = geo.resolve(input);
        if (r.county_fips !== null) {
          expect(r.county_fips).toMatch(/^\d{5}$/);
          expect(geo.county(r.county_fips)).toBeDefined();
          expect(['column', 'zip', 'city']).toContain(r.county_source);
        }
      });
    });
  });

  afterAll(() => {
    // the figure quoted in the README and the report
    expect(generated).toBeGreaterThanOrEqual(10 * RUNS);
    process.stdout.write(`fuzz-normalize: ${generated} generated inputs\n`);
  });
});
