import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, scriptedPrompts, tempDir } from '../helpers/context.js';

describe('coalition import (in-process)', () => {
  it('asks on a terminal which column holds a required field, and says so in the summary', async () => {
    const dir = tempDir();
    const db = path.join(dir, 't.db');
    writeFileSync(path.join(dir, 'units.csv'), 'Unit Name,Officer,Email\nAmes Police Department,Joel Sandberg,jsandberg@amespd.example\n');
    const prompts = scriptedPrompts([0]);
    const r = await run(['import', 'contacts', 'units.csv', '--db', db], { tty: true, cwd: dir, prompts });
    expect(r.code).toBe(0);
    expect(prompts.asked).toEqual(['No column matched organization. Which column holds it?']);
    expect(r.stderr).toContain('Unit Name → organization');
    expect(r.stderr).toContain('consent: no consent column, so people are marked as sharing');
  });

  it('off a terminal, a missing field is a usage error naming --map; a kind that needs a coalition says so', async () => {
    const dir = tempDir();
    const db = path.join(dir, 't.db');
    writeFileSync(path.join(dir, 'units.csv'), 'Unit Name,Officer\nAmes Police Department,Joel Sandberg\n');
    const r = await run(['import', 'contacts', 'units.csv', '--db', db], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: no column of units.csv matches the required field organization');
    expect(r.stderr).toContain('hint: name the column with --map, for example: --map "Unit Name=organization"');
    const mapped = await run(['import', 'contacts', 'units.csv', '--db', db, '--map', 'Unit Name=organization', '--json'], { cwd: dir });
    expect(mapped.code).toBe(0);
    expect(JSON.parse(mapped.stdout).inserted).toEqual({ organizations: 1, people: 1 });
    const att = await run(['import', 'attendees', 'units.csv', '--db', db], { cwd: dir });
    expect(att.code).toBe(1);
    expect(att.stderr).toContain('there is no coalition yet');
    const kind = await run(['import', 'volunteers', 'units.csv', '--db', db], { cwd: dir });
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('unknown import kind "volunteers"');
  });

  it.each([
    // A Google Meet report has no organization: no column of times is offered as one, and the
    // roster it can be imported as is named.
    ['attendees', 'First name,Last name,Email,Duration,Time joined,Time exited\nDana,Whitfield,d@x.example,1 hr,9:00 AM,10:31 AM\n', ['if one of its columns holds it, name that column with --map "COLUMN=organization"', 'import the list as a training roster (coalition import trainings FILE --module M --date D)'], ['"Duration=organization"']],
    // A course's list of learners (TalentLMS) names no course: --module does.
    ['trainings', 'User,Email,Enrolled on,Completion date,Progress status\nDana Whitfield,d@x.example,10/02/2026,10/05/2026,Completed\n', ['names it with --module ID (coalition train modules lists them)'], ['"Enrolled on=module"']],
    ['contacts', 'Unit Name,Officer\nAmes Police Department,Joel Sandberg\n', ['for example: --map "Unit Name=organization"'], ['training roster']],
  ])('off a terminal, a missing field of %s is explained with what to do', async (kind, text, says, never) => {
    const dir = tempDir();
    const db = path.join(dir, 't.db');
    writeFileSync(path.join(dir, 'f.csv'), text);
    await run(['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12', '--db', db], { cwd: dir });
    const r = await run(['import', kind, 'f.csv', '--db', db], { cwd: dir });
    expect(r.code).toBe(2);
    for (const t of says) expect(r.stderr).toContain(t);
    for (const t of never) expect(r.stderr).not.toContain(t);
  });

  it('a dry run prints what it would do and writes nothing', async () => {
    const dir = tempDir();
    const db = path.join(dir, 't.db');
    writeFileSync(path.join(dir, 'a.csv'), 'Agency,Email\nAmes Police Department,bad@@x\nStory County Sheriff,ok@story.example\n');
    const r = await run(['import', 'contacts', 'a.csv', '--db', db, '--dry-run'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Dry run of a.csv as contacts');
    expect(r.stderr).toContain('nothing was written');
    const list = await run(['imports', '--db', db, '--json'], { cwd: dir });
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
