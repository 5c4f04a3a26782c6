import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone } from '../../src/core/normalize/phone.js';

describe('normalizePhone', () => {
  it.each([
    ['(515) 555-0123', '+15155550123', null],
    ['515-555-0123', '+15155550123', null],
    ['515.281.5044', '+15152815044', null],
    ['5152815044', '+15152815044', null],
    [5152815044, '+15152815044', null],
    ['1-515-281-5044', '+15152815044', null],
    ['+1 (515) 281-5044', '+15152815044', null],
    ['+1 515 281 5044', '+15152815044', null],
    ['+1-515-281-5044 ext. 9', '+15152815044', '9'],
    ['+52 55 1234 5678', '+525512345678', null],
    ['515-281-5044 x12', '+15152815044', '12'],
    ['515-281-5044 ext. 12', '+15152815044', '12'],
    ['515-281-5044 Ext 305', '+15152815044', '305'],
    ['(515) 281-5044 #12', '+15152815044', '12'],
    ['515-281-5044, extension 7', '+15152815044', '7'],
    ['1-800-555-1212 x5', '+18005551212', '5'],
    ['+44 20 7946 0958', '+442079460958', null],
  ])('%j → %j ext %j', (raw, e164, ext) => {
    expect(normalizePhone(raw)).toEqual({ e164, ext });
  });

  it.each([[''], [null], ['N/A'], ['none']])('%j is empty', (raw) => expect(normalizePhone(raw)).toEqual({ e164: null, ext: null }));

  it.each([['555-0123', /too short/], ['12345', /too short/], ['(999) 555-1234', /not a valid phone number/], ['call the front desk', /not a valid phone number/], ['011 5', /too short|not a valid/]])(
    '%j is a warning-level error',
    (raw, msg) => {
      const r = normalizePhone(raw);
      expect(r.e164).toBeNull();
      expect(r.error).toMatch(msg);
    },
  );
});

describe('formatPhone', () => {
  it.each([
    ['+15155550123', null, '(515) 555-0123'],
    ['+15155550123', '12', '(515) 555-0123 ext. 12'],
    ['+442079460958', null, '+44 20 7946 0958'],
    [null, null, ''],
  ])('%j %j → %j', (e164, ext, text) => expect(formatPhone(e164, ext)).toBe(text));
});

describe('normalizePhone with several numbers in one cell', () => {
  // Directories list a second line in the same cell; the first is kept (with a warning) rather than
  // losing both.
  it.each([
    ['515-555-0170 / 515-555-0171', '+15155550170', null],
    ['515-555-0170 or 515-555-0171', '+15155550170', null],
    ['515-555-0170; 515-555-0171', '+15155550170', null],
    ['515-555-0170, 515-555-0171', '+15155550170', null],
    ['Office: 515-555-0170 Cell: 515-555-0171', '+15155550170', null],
    ['515-555-0170\n515-555-0171', '+15155550170', null],
    ['515-555-0170 x12 / 515-555-0171', '+15155550170', '12'],
  ])('%j → %j ext %j, with a warning', (raw, e164, ext) => {
    const r = normalizePhone(raw);
    expect({ e164: r.e164, ext: r.ext }).toEqual({ e164, ext });
    expect(r.warning).toMatch(/holds 2 phone numbers; kept the first/);
    expect(r.error).toBeUndefined();
  });

  it('still refuses a cell with one number and other text it cannot read', () => {
    expect(normalizePhone('515-555-0170 / 0171').error).toMatch(/not a valid phone number/);
  });
});
