/** Directories as they arrive from the associations that compile them (fixtures/ia-sheriffs-directory.csv):
 * a person column headed by the office, a place in one cell, a fax column, two numbers in a phone
 * cell, notes under the rows. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { coalition, copyFixtures } from '../helpers/e2e.js';

describe("a sheriffs' association directory", () => {
  it('imports every sheriff with their county, keeps the first of two phones, never a fax, and skips the notes', async () => {
    const dir = copyFixtures(['ia-sheriffs-directory.csv']);
    const db = path.join(dir, 'c.db');
    const r = await coalition(['import', 'contacts', 'ia-sheriffs-directory.csv', '--json', '--db', db], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rows: 7, rejected: 0, inserted: { organizations: 5, people: 5 } });
    expect(s.columns).toEqual(expect.arrayContaining([{ column: 'Sheriff', field: 'full_name' }, { column: 'City, State Zip', field: 'city' }, { column: 'Physical Address', field: 'address' }]));
    expect(s.ignored_columns.map((c: { column: string }) => c.column)).toEqual(['Fax']);
    expect(s.warnings).toEqual([
      { row: 5, field: 'phone', message: '"563-555-0110 / 563-555-0119" holds 2 phone numbers; kept the first' },
      { row: 7, field: 'organization', message: '"Total: 5 counties" is a note or a total under the directory, not an entry: skipped' },
      { row: 8, field: 'organization', message: '"Last updated 3/1/2026" is a note or a total under the directory, not an entry: skipped' },
    ]);

    const d = new Database(db, { readonly: true });
    try {
      const orgs = d.prepare('SELECT name, address, city, state, zip, county_fips, county_source FROM organizations ORDER BY name').all();
      expect(orgs).toEqual([
        { name: "Dallas County Sheriff's Office", address: '801 Court St', city: 'Adel', state: 'IA', zip: '50003', county_fips: '19049', county_source: 'name' },
        { name: "Linn County Sheriff's Office", address: '310 2nd Ave SW', city: 'Cedar Rapids', state: 'IA', zip: '52404', county_fips: '19113', county_source: 'column' },
        { name: "Polk County Sheriff's Office", address: '1985 NE 51st Pl', city: 'Des Moines', state: 'IA', zip: '50313', county_fips: '19153', county_source: 'column' },
        { name: "Scott County Sheriff's Office", address: '400 W 4th St', city: 'Davenport', state: 'IA', zip: '52801', county_fips: '19163', county_source: 'column' },
        { name: "Story County Sheriff's Office", address: '1315 S B Ave', city: 'Nevada', state: 'IA', zip: '50201', county_fips: '19169', county_source: 'column' },
      ]);
      const people = d.prepare('SELECT title, first_name, last_name, suffix, phone, phone_ext FROM people ORDER BY last_name').all();
      expect(people).toEqual([
        { title: 'Sheriff', first_name: 'Jane', last_name: 'Doe', suffix: null, phone: '+15635550110', phone_ext: null },
        { title: 'Capt.', first_name: 'Maria', last_name: 'Kowalski', suffix: null, phone: '+13195550130', phone_ext: '204' },
        { title: 'Sheriff', first_name: 'Chad', last_name: 'Leonard', suffix: null, phone: null, phone_ext: null },
        { title: 'Sheriff', first_name: 'John', last_name: 'Smith', suffix: 'Jr.', phone: '+15155550123', phone_ext: '12' },
        { title: 'Sheriff', first_name: 'Dana', last_name: 'Whitfield', suffix: null, phone: '+15155550113', phone_ext: null },
      ]);
    } finally {
      d.close();
    }
  });
});

describe("a sheriffs' directory without an agency column", () => {
  it("names each row's organization after its county's sheriff's office", async () => {
    const dir = copyFixtures([]);
    const db = path.join(dir, 'c.db');
    writeFileSync(
      path.join(dir, 'sheriffs.csv'),
      'County,Sheriff,Phone,Email\nPOLK,"WHITFIELD, DANA",(515) 555-0113,dwhitfield@polk.example\nLinn Co.,Maria Kowalski,319-555-0130,mkowalski@linn.example\nCaddo Parish,Tom Berg,318-555-0140,\n',
    );
    const r = await coalition(['import', 'contacts', 'sheriffs.csv', '--json', '--db', db], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3, rejected: 0, inserted: { organizations: 3, people: 3 } });
    const d = new Database(db, { readonly: true });
    try {
      const rows = d.prepare('SELECT o.name, o.sector, o.agency_type, p.last_name, p.title FROM people p JOIN organizations o ON o.id = p.organization_id ORDER BY p.id').all();
      expect(rows).toEqual([
        { name: "Polk County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', last_name: 'Whitfield', title: 'Sheriff' },
        { name: "Linn County Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', last_name: 'Kowalski', title: 'Sheriff' },
        { name: "Caddo Parish Sheriff's Office", sector: 'law_enforcement', agency_type: 'sheriff', last_name: 'Berg', title: 'Sheriff' },
      ]);
    } finally {
      d.close();
    }
  });
});
