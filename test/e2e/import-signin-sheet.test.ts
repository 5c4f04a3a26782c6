import { describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { coalition, copyFixtures } from '../helpers/e2e.js';

// A sign-in sheet typed in Excel (fixtures/ia-2026-signin-titled.xlsx): two title rows above the
// header, a blank row, names in capitals and "Last, First", phones and ZIP codes as number cells,
// and a "Total: 3" line under the names.
describe('coalition import attendees: a sign-in sheet as typed in Excel', () => {
  it('finds the header under the titles, imports the three people checked in, and skips the total line with a warning', async () => {
    const dir = copyFixtures(['ia-2026-signin-titled.xlsx']);
    const db = path.join(dir, 'c.db');
    const run = (args: string[]) => coalition([...args, '--db', db], { cwd: dir });
    expect((await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12'])).exitCode).toBe(0);
    const r = await run(['import', 'attendees', 'ia-2026-signin-titled.xlsx', '-c', 'ia-2026', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.columns.map((c: { column: string }) => c.column)).toEqual(['Name', 'Agency', 'Title', 'Phone', 'Email', 'ZIP', 'Signed in']);
    expect(s).toMatchObject({ rows: 4, rejected: 0, inserted: { people: 3, attendance: 3 } });
    expect(s.warnings).toContainEqual({ row: 9, field: 'full_name', message: '"Total: 3" is a note or a total under the list, not a person: skipped' });
    const d = new Database(db, { readonly: true });
    const people = d.prepare('SELECT p.first_name, p.last_name, p.title, p.phone, p.zip, a.checked_in FROM people p JOIN attendance a ON a.person_id = p.id ORDER BY p.id').all();
    d.close();
    expect(people).toEqual([
      { first_name: 'Maria', last_name: 'Kowalski', title: 'Lt.', phone: '+15635550110', zip: '52801', checked_in: 1 },
      { first_name: 'Dale', last_name: 'Voss', title: 'Sgt.', phone: '+13195550187', zip: '52401', checked_in: 1 },
      { first_name: 'Nora', last_name: 'Lindqvist', title: 'General Manager', phone: '+13195550188', zip: '50613', checked_in: 1 },
    ]);
  });
});
