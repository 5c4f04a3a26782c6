import { describe, expect, it } from 'vitest';
import { normalizeZip } from '../../src/core/normalize/zip.js';

describe('normalizeZip', () => {
  it.each([
    ['50309', null, '50309'],
    [' 50309 ', null, '50309'],
    ['50309-1234', null, '50309'],
    ['50309 - 1234', null, '50309'],
    ['503091234', null, '50309'],
    [50309, null, '50309'],
    ['50309.0', null, '50309'],
    ['6103', 'CT', '06103'],
    [6103, 'CT', '06103'],
    ['6103', null, '06103'],
    ['501', 'NY', '00501'],
    [501, null, '00501'],
    ['61031234', 'CT', '06103'],
    ['2108', 'MA', '02108'],
    ['7102', 'nj', '07102'],
    ["'06103", 'CT', '06103'],
    ['06103-2211', 'CT', '06103'],
    ['Des Moines, IA 50309', null, '50309'],
  ])('%j (%s) → %j', (raw, state, zip) => {
    expect(normalizeZip(raw, state)).toEqual({ zip });
  });

  it.each([[''], [null], [undefined]])('%j is empty', (raw) => expect(normalizeZip(raw as string)).toEqual({ zip: null }));

  it.each([
    ['5030', 'IA', /not a ZIP code of IA/],
    ['abcde', null, /not a ZIP code/],
    ['12', null, /not a ZIP code/],
    ['00000', null, /not a ZIP code/],
    [503.5, null, /not a ZIP code/],
  ])('%j (%s) is an error', (raw, state, msg) => {
    const r = normalizeZip(raw, state);
    expect(r.zip).toBeNull();
    expect(r.error).toMatch(msg);
  });
});
