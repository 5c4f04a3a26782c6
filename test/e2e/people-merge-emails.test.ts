/** `coalition people merge` end to end (the built binary): a person registered with a second
 * e-mail address is merged into their directory record, and the next check-in export and training
 * roster that carry the second address add nobody: they go to the kept person. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coalition, copyFixtures } from '../helpers/e2e.js';

describe('people merge keeps both addresses, and later imports find the person by either (built binary)', () => {
  it('merges, then imports a check-in export and a roster with the dropped address: no new person, attendance and sign-off on the kept one', async () => {
    const dir = copyFixtures(['ia-law-enforcement.csv']);
    const db = ['--db', path.join(dir, 'c.db')];
    const ok = async (args: string[]) => {
      const r = await coalition([...db, ...args], { cwd: dir });
      expect(r.exitCode, r.stderr).toBe(0);
      return r;
    };
    await ok(['new', 'ia-2026', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12']);
    await ok(['import', 'contacts', 'ia-law-enforcement.csv']);
    const work = JSON.parse((await ok(['people', 'show', 'dwhitfield@polkcounty.example', '--json'])).stdout) as { id: number };

    // She registered with her personal address: a second record.
    writeFileSync(path.join(dir, 'registrations.csv'), "Email,First Name,Last Name,Company,Job Title\ndana.whitfield@home.example,Dana,Whitfield,Polk County Sheriff's Office,Sgt.\n");
    await ok(['import', 'attendees', 'registrations.csv', '-c', 'ia-2026']);
    const home = JSON.parse((await ok(['people', 'show', 'dana.whitfield@home.example', '--json'])).stdout) as { id: number };
    expect(home.id).not.toBe(work.id);
    const count = async () => (JSON.parse((await ok(['people', '--json'])).stdout) as unknown[]).length;
    const before = await count();

    const merged = await ok(['people', 'merge', String(work.id), String(home.id), '--json']);
    expect(JSON.parse(merged.stdout)).toMatchObject({ kept: work.id, dropped: home.id, other_emails: ['dana.whitfield@home.example'] });
    expect(merged.stderr).toContain(`kept dana.whitfield@home.example as another e-mail address of person ${work.id}`);
    expect(await count()).toBe(before - 1);

    // The check-in export of the build day and a training roster carry the personal address.
    writeFileSync(path.join(dir, 'checkin.csv'), "Email,First Name,Last Name,Company,Checked In\nDana.Whitfield@Home.example,Dana,Whitfield,Polk County Sheriff's Office,Yes\n");
    const checkin = JSON.parse((await ok(['import', 'attendees', 'checkin.csv', '-c', 'ia-2026', '--json'])).stdout) as { inserted: Record<string, number> };
    expect(checkin.inserted.people ?? 0).toBe(0);
    writeFileSync(path.join(dir, 'roster.csv'), "Email,Full Name,Agency,Course,Date Completed\ndana.whitfield@home.example,Dana Whitfield,Polk County Sheriff's Office,Initial Human Trafficking Training,3/12/2026\n");
    const roster = JSON.parse((await ok(['import', 'trainings', 'roster.csv', '-c', 'ia-2026', '--json'])).stdout) as { inserted: Record<string, number> };
    expect(roster.inserted).toEqual({ signoffs: 1 });
    expect(await count()).toBe(before - 1);

    const dana = JSON.parse((await ok(['people', 'show', 'dana.whitfield@home.example', '--json'])).stdout) as {
      id: number; email: string; other_emails: string[]; attendance: Array<{ coalition: string; checked_in: boolean }>; signoffs: Array<{ module: string }>;
    };
    expect(dana).toMatchObject({ id: work.id, email: 'dwhitfield@polkcounty.example', other_emails: ['dana.whitfield@home.example'] });
    expect(dana.attendance).toEqual([expect.objectContaining({ coalition: 'ia-2026', checked_in: true })]);
    expect(dana.signoffs.map((s) => s.module)).toEqual(['build-initial']);
    const table = await ok(['people', 'show', String(work.id)]);
    expect(table.stdout).toContain('other e-mails\tdana.whitfield@home.example\n');
  });
});
