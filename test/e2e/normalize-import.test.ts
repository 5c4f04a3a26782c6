/** People and orgs after real imports of the fixtures: counts agree with the coalition, sectors are
 * inferred, and corrections made by hand survive a later import. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coalition, copyFixtures } from '../helpers/e2e.js';
import { tempDir } from '../helpers/context.js';

async function ok(args: string[]) {
  const r = await coalition(args);
  expect(r.exitCode, r.stderr).toBe(0);
  return r;
}

describe('people and orgs after importing the fixtures', () => {
  it('lists what the imports built, and keeps manual corrections through a re-import', { timeout: 240_000 }, async () => {
    const dir = copyFixtures(['ia-truck-stops.csv', 'ia-law-enforcement.csv', 'ia-2026-eventbrite.csv']);
    const db = path.join(tempDir(), 'c.db');
    await ok(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--db', db]);
    await ok(['import', 'contacts', path.join(dir, 'ia-truck-stops.csv'), '--db', db]);
    await ok(['import', 'contacts', path.join(dir, 'ia-law-enforcement.csv'), '--db', db]);
    await ok(['import', 'attendees', path.join(dir, 'ia-2026-eventbrite.csv'), '-c', 'ia-2026', '--db', db]);

    const shown = JSON.parse((await ok(['show', '--json', '--db', db])).stdout);
    const registered = JSON.parse((await ok(['people', '-c', 'ia-2026', '--json', '--db', db])).stdout);
    const attended = JSON.parse((await ok(['people', '-c', 'ia-2026', '--attended', '--json', '--db', db])).stdout);
    expect(registered.length).toBe(shown.registered);
    expect(attended.length).toBe(shown.attended);
    for (const p of registered) {
      expect(p.phone === null || /^\+1\d{10}$/.test(p.phone)).toBe(true);
      expect(p.county_fips === null || /^\d{5}$/.test(p.county_fips)).toBe(true);
    }

    const orgs = JSON.parse((await ok(['orgs', '--json', '--db', db])).stdout) as Array<{ id: number; name: string; sector: string; sector_source: string }>;
    const carrier = orgs.find((o) => o.sector === 'trucking' && o.sector_source === 'inferred');
    expect(carrier).toBeDefined();
    const person = registered.find((p: { organization_id: number }) => p.organization_id === carrier!.id);
    expect(person).toBeDefined();

    // Corrections by hand: a sector and a county.
    await ok(['orgs', 'set', String(carrier!.id), '--sector', 'other', '--db', db]);
    const other = registered.find((p: { county_fips: string | null; id: number }) => p.county_fips !== null && p.county_fips !== '19169' && p.id !== person.id);
    await ok(['people', 'set', String(other.id), '--county', '19169', '--db', db]);

    await ok(['import', 'attendees', path.join(dir, 'ia-2026-eventbrite.csv'), '-c', 'ia-2026', '--force', '--db', db]);
    await ok(['import', 'contacts', path.join(dir, 'ia-law-enforcement.csv'), '--force', '--db', db]);

    const after = JSON.parse((await ok(['orgs', 'show', String(carrier!.id), '--json', '--db', db])).stdout);
    expect({ sector: after.sector, sector_source: after.sector_source }).toEqual({ sector: 'other', sector_source: 'manual' });
    const p = JSON.parse((await ok(['people', 'show', String(other.id), '--json', '--db', db])).stdout);
    expect({ county_fips: p.county_fips, county_source: p.county_source }).toEqual({ county_fips: '19169', county_source: 'manual' });
  });
});
