import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../src/core/normalize/email.js';

describe('normalizeEmail', () => {
  it.each([
    ['maria.kowalski@polkcounty.iowa.gov', 'maria.kowalski@polkcounty.iowa.gov'],
    ['  MKowalski@Polk.GOV ', 'mkowalski@polk.gov'],
    ['mailto:dana@iowadot.us', 'dana@iowadot.us'],
    ['MAILTO:Dana@IowaDOT.us', 'dana@iowadot.us'],
    ['<gm4521@loves.com>', 'gm4521@loves.com'],
    ['Maria Kowalski <MKowalski@polk.gov>', 'mkowalski@polk.gov'],
    ['"jo.smith+tat@gmail.com"', 'jo.smith+tat@gmail.com'],
    ['jo_o\'neil@dps.iowa.gov', "jo_o'neil@dps.iowa.gov"],
    ['first.last@sub.domain.co.uk.', 'first.last@sub.domain.co.uk'],
  ])('%j → %j', (raw, value) => {
    expect(normalizeEmail(raw)).toEqual({ value });
  });

  it.each([[''], ['   '], [null], [undefined], ['N/A'], ['none'], ['-'], ['anonymous']])('%j is empty, not an error', (raw) => {
    expect(normalizeEmail(raw)).toEqual({ value: null });
  });

  it.each([['Guest'], ['(Guest)'], ['External'], ['Dial-in'], ['Not provided'], ['phone']])('%j is a guest without an address: empty, with a warning', (raw) => {
    expect(normalizeEmail(raw)).toEqual({ value: null, warning: `no e-mail address ("${raw}"): the person is matched by name at their organization` });
  });

  it.each([['maria.kowalski'], ['maria@'], ['@polk.gov'], ['maria@polk'], ['maria kowalski@polk.gov'], ['maria@@polk.gov'], ['maria@polk..gov'], ['515-555-0123'], ['maria@polk.gov x']])(
    '%j is an error',
    (raw) => {
      const r = normalizeEmail(raw);
      expect(r.value).toBeNull();
      expect(r.error).toMatch(/is not an e-mail address/);
    },
  );

  it('keeps the first of two addresses, with a warning', () => {
    expect(normalizeEmail('a@x.org; b@y.org')).toEqual({ value: 'a@x.org', warning: 'more than one e-mail address in the cell; kept the first' });
  });
});
