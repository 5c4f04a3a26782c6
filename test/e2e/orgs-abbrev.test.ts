/** `coalition orgs dupes` end to end: two files naming the same agencies two ways. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context.js';
import { coalition } from '../helpers/e2e.js';

describe('coalition orgs dupes with abbreviated names (built binary)', () => {
  it('lands "Des Moines PD" on the police department, and suggests the acronyms and dotted letters for a merge', async () => {
    const dir = tempDir('coalition-orgs-abbrev-');
    const db = ['--db', path.join(dir, 'c.db')];
    writeFileSync(
      path.join(dir, 'directory.csv'),
      [
        'Agency,Officer,Email,City,State,ZIP',
        'Iowa State Patrol,Sgt. Dana Whitfield,dwhitfield@isp.example,Ankeny,IA,50023',
        'Iowa Department of Transportation - Motor Vehicle Enforcement,Lt. Maria Kowalski,mkowalski@dot.example,Ames,IA,50010',
        "Polk County Sheriff's Office,Deputy Ray Olsen,rolsen@polk.example,Des Moines,IA,50309",
        'Des Moines Police Department,Officer Flo Fox,ffox@dmpd.example,Des Moines,IA,50309',
        'Illinois State Police,Trooper Al Green,agreen@isp.il.example,Springfield,IL,62701',
      ].join('\n') + '\n',
    );
    writeFileSync(
      path.join(dir, 'signin.csv'),
      [
        'Organization,Name,Email,City,State',
        'ISP,Trooper Jo Baker,jbaker@isp.example,Ankeny,IA',
        'Iowa DOT MVE,Officer Sam Reyes,sreyes@dot.example,,IA',
        'Polk County S.O.,Deputy Kim Lee,klee@polk.example,Des Moines,IA',
        'Des Moines PD,Sgt. Pat Moore,pmoore@dmpd.example,Des Moines,IA',
      ].join('\n') + '\n',
    );
    expect((await coalition([...db, 'import', 'contacts', 'directory.csv'], { cwd: dir })).exitCode).toBe(0);
    const second = await coalition([...db, 'import', 'contacts', 'signin.csv', '--json'], { cwd: dir });
    expect(second.exitCode, second.stderr).toBe(0);
    // "PD" always means police department: the key reads it, and the second file lands on the first
    // file's organization. The three others are new organizations, suggested below.
    expect(JSON.parse(second.stdout)).toMatchObject({ inserted: { organizations: 3, people: 4 } });
    const dmpd = JSON.parse((await coalition([...db, 'orgs', '--search', 'Des Moines', '--json'])).stdout) as Array<{ name: string; people: number }>;
    expect(dmpd.map((o) => [o.name, o.people])).toEqual([['Des Moines Police Department', 2]]);

    const dupes = await coalition([...db, 'orgs', 'dupes', '--json']);
    expect(dupes.exitCode, dupes.stderr).toBe(0);
    const pairs = JSON.parse(dupes.stdout) as Array<{ keep: { id: number; name: string; city: string | null; state: string }; drop: { id: number; name: string }; reason: string }>;
    // ISP is never paired with the Illinois State Police.
    expect(pairs.map((p) => [p.keep.name, p.drop.name, p.reason])).toEqual([
      ['Iowa Department of Transportation - Motor Vehicle Enforcement', 'Iowa DOT MVE', 'one name abbreviates the other'],
      ['Iowa State Patrol', 'ISP', 'one name abbreviates the other'],
      ["Polk County Sheriff's Office", 'Polk County S.O.', 'one name abbreviates the other'],
    ]);

    // Piped, the same pairs as tab-separated lines under a header, with the reason last.
    const piped = await coalition([...db, 'orgs', 'dupes']);
    const lines = piped.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2].split('\t').at(-1)).toBe('one name abbreviates the other');

    // Merged on the coordinator's word, the pair is gone.
    const isp = pairs[1];
    expect((await coalition([...db, 'orgs', 'merge', String(isp.keep.id), String(isp.drop.id)])).exitCode).toBe(0);
    const after = JSON.parse((await coalition([...db, 'orgs', 'dupes', '--json'])).stdout) as Array<{ drop: { name: string } }>;
    expect(after.map((p) => p.drop.name)).toEqual(['Iowa DOT MVE', 'Polk County S.O.']);
  });
});
