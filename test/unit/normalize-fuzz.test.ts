/** The normalizers take whatever a spreadsheet holds: none of them may throw, and each result keeps
 * its promised shape. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanName, personKey, splitFullName } from '../../src/core/normalize/name.js';
import { normalizeEmail } from '../../src/core/normalize/email.js';
import { formatPhone, normalizePhone } from '../../src/core/normalize/phone.js';
import { normalizeZip } from '../../src/core/normalize/zip.js';
import { parseDate, parsePeriod, parseYesNo } from '../../src/core/normalize/date.js';
import { cityKey, inferSector, orgKey, parseAgencyType, parseSector, SECTORS } from '../../src/core/normalize/sector.js';

const cell = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '\t', '"', ',', 'x', '#', '-', 'N/A', 'Lt.', 'Jr.', ', ,', '()', '(515)', '@', 'mailto:', '<>', '06103', '2026-02-30', 'Mar'),
  fc.constantFrom('constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty').chain((w) => fc.constantFrom(w, `${w} 2026`, `12 ${w} 2026`, `Lt. ${w} Smith`, `${w} Freight`, `St ${w}`)),
  fc.integer().map(String),
  fc.double().map(String),
);

describe('normalizers never throw', () => {
  it('names', () => {
    fc.assert(
      fc.property(cell, (s) => {
        const p = splitFullName(s);
        for (const v of Object.values(p)) expect(v === null || (typeof v === 'string' && v.length > 0)).toBe(true);
        const c = cleanName(s);
        expect(c === null || c === c.trim()).toBe(true);
        expect(typeof personKey(p.first, p.last)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('e-mails: a value is always lower-case with one @', () => {
    fc.assert(
      fc.property(cell, (s) => {
        const r = normalizeEmail(s);
        if (r.value !== null) {
          expect(r.value).toBe(r.value.toLowerCase());
          expect(r.value.split('@')).toHaveLength(2);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('phones: a value is always E.164', () => {
    fc.assert(
      fc.property(fc.oneof(cell, fc.integer({ min: 0, max: 99999999999 })), (s) => {
        const r = normalizePhone(s);
        if (r.e164 !== null) expect(r.e164).toMatch(/^\+\d{8,15}$/);
        expect(typeof formatPhone(r.e164, r.ext)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('ZIPs: a value is always five digits', () => {
    fc.assert(
      fc.property(fc.oneof(cell, fc.integer({ min: -10, max: 9999999999 })), fc.constantFrom(null, 'IA', 'CT', 'XX'), (s, st) => {
        const r = normalizeZip(s, st);
        if (r.zip !== null) expect(r.zip).toMatch(/^\d{5}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('dates: values are ISO', () => {
    fc.assert(
      fc.property(fc.oneof(cell, fc.double({ min: -1e6, max: 1e6 }), fc.date()), (s) => {
        const r = parseDate(s as never);
        if (r.date !== null) expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (r.datetime !== null) expect(r.datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/);
        const y = parseYesNo(s as never);
        expect(y === null || typeof y === 'boolean').toBe(true);
        const p = parsePeriod(s as never);
        if ('period' in p) expect(p.period).toMatch(/^\d{4}(-\d{2})?$/);
      }),
      { numRuns: 500 },
    );
  });

  it('sectors and keys', () => {
    fc.assert(
      fc.property(cell, (s) => {
        const g = inferSector(s);
        if (g) expect(SECTORS).toContain(g.sector);
        const p = parseSector(s);
        expect(p === null || SECTORS.includes(p)).toBe(true);
        expect(parseAgencyType(s, 'law_enforcement') === null || typeof parseAgencyType(s, 'law_enforcement') === 'string').toBe(true);
        expect(parseAgencyType('sheriff', s) === null || parseAgencyType('sheriff', s) === 'sheriff').toBe(true);
        expect(orgKey(s)).not.toContain('function');
        expect(cityKey(s)).not.toContain('function');
        expect(orgKey(s)).toBe(orgKey(s).trim());
        expect(typeof cityKey(s)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
