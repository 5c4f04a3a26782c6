/** The built binary: `coalition lint` as a coordinator and a script would run it. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { coalition } from '../helpers/e2e.js';
import { tempDir } from '../helpers/context.js';

describe('coalition lint (binary)', () => {
  it('flags a file, exits 1, and finds its term list from any folder', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'invitation.md'), 'Help drivers spot lot lizards.\nHooker County, Nebraska\n');
    const r = await coalition(['lint', 'invitation.md', '--db', path.join(dir, 'c.db')], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('file\tline\tcolumn\tterm\tsuggestion\ninvitation.md\t1\t19\tlot lizard\tvictims\n');
    expect(r.stderr).toBe('1 term flagged in 1 of 1 source.\n');
  });

  it('reads stdin and prints JSON; clean text exits 0', async () => {
    const r = await coalition(['lint', '-', '--json'], { input: '<p>A <b>working girl</b></p>' });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject([{ file: '-', line: 1, column: 9, term: 'working girl', match: 'working girl', suggestion: 'victim' }]);
    const clean = await coalition(['lint', '-'], { input: 'Every victim deserves help. Call 1-888-373-7888.\n' });
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toBe('');
  });

  it('--fix rewrites the file; usage errors exit 2', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'flyer.txt');
    writeFileSync(file, 'A prostitute is a victim.\n');
    const r = await coalition(['lint', '--fix', file]);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('A victim is a victim.\n');
    expect(r.stderr).toContain('fixed: "prostitute" → "victim"');
    expect((await coalition(['lint', '--fix', '-'], { input: 'x' })).exitCode).toBe(2);
    expect((await coalition(['lint', path.join(dir, 'missing.md')])).exitCode).toBe(2);
  });

  it('records a check of the coalition for the report', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    await coalition(['new', '--name', 'Iowa', '--state', 'IA', '--date', '2026-03-12', '--description', 'Training for truck stop staff', '--db', db]);
    const r = await coalition(['lint', '-c', 'ia-2026', '--record', '--db', db]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/Recorded for ia-2026 \(goal P1\.7\): 0 findings on \d{4}-\d{2}-\d{2}\./);
  });
});
