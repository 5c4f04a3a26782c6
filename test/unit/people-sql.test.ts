/** agencyTypeSql: a person's agency type as every query reads it. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { agencyTypeSql } from '../../src/core/people/sql.js';

describe('agencyTypeSql', () => {
  it.each([
    // person sector, person agency type, org sector, org agency type → agency type
    [null, null, 'law_enforcement', 'police', 'police'],
    ['law_enforcement', null, 'law_enforcement', 'sheriff', 'sheriff'],
    ['law_enforcement', 'task_force', 'law_enforcement', 'sheriff', 'task_force'],
    ['truck_stop', null, 'law_enforcement', 'police', null],
    ['law_enforcement', 'police', 'ngo', null, 'police'],
    [null, null, null, null, null],
  ])('person %s/%s at %s/%s → %s', (ps, pa, os, oa, expected) => {
    const db = new Database(':memory:');
    const row = db.prepare(`SELECT ${agencyTypeSql()} AS t FROM (SELECT ? AS sector, ? AS agency_type) p, (SELECT ? AS sector, ? AS agency_type) o`).get(ps, pa, os, oa) as { t: string | null };
    expect(row.t).toBe(expected);
    db.close();
  });
});
