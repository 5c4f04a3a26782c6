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
