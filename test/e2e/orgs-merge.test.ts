/** `coalition orgs merge` end to end: the built binary on a directory holding one agency twice. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context.js';
import { coalition } from '../helpers/e2e.js';

describe('coalition orgs dupes and orgs merge (built binary)', () => {
  it('merges two records of one sheriff\'s office by name, and refuses unknown or identical ones', async () => {
    const dir = tempDir('coalition-orgs-merge-');
    const db = ['--db', path.join(dir, 'c.db')];
    writeFileSync(
      path.join(dir, 'dir.csv'),
      "Agency,Officer,Email,Phone,City,State,ZIP\nStory County Sheriff's Office,Sgt. Dana Whitfield,dwhitfield@story.example,515-382-3131,Nevada,IA,50201\nStory County Sheriff,Deputy Ray Olsen,rolsen@story.example,,Nevada,IA,50201\n",
    );
    expect((await coalition([...db, 'import', 'contacts', 'dir.csv'], { cwd: dir })).exitCode).toBe(0);
    const before = JSON.parse((await coalition([...db, 'orgs', '--search', 'story', '--json'])).stdout) as Array<{ id: number }>;
    expect(before).toHaveLength(2);
    const dupes = await coalition([...db, 'orgs', 'dupes', '--json']);
    expect(dupes.exitCode, dupes.stderr).toBe(0);
    expect((JSON.parse(dupes.stdout) as Array<{ keep: { name: string }; drop: { name: string }; reason: string }>).map((p) => [p.keep.name, p.drop.name, p.reason])).toEqual([
      ["Story County Sheriff's Office", 'Story County Sheriff', 'the same name but for words such as Office, Department or Inc'],
    ]);
    // A dry run says what would happen and changes nothing.
    const dry = await coalition([...db, 'orgs', 'merge', "Story County Sheriff's Office", 'Story County Sheriff', '--dry-run']);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('would move 1 person');
    expect(JSON.parse((await coalition([...db, 'orgs', '--search', 'story', '--json'])).stdout)).toHaveLength(2);
    const r = await coalition([...db, 'orgs', 'merge', "Story County Sheriff's Office", 'Story County Sheriff', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ moved: { people: 1 }, combined: {} });
    expect(r.stderr).toContain('moved 1 person');
    const after = JSON.parse((await coalition([...db, 'orgs', '--search', 'story', '--json'])).stdout) as Array<{ name: string; people: number }>;
    expect(after.map((o) => [o.name, o.people])).toEqual([["Story County Sheriff's Office", 2]]);
    expect((await coalition([...db, 'orgs', 'dupes'])).stdout.trim().split('\n')).toHaveLength(1);
    const same = await coalition([...db, 'orgs', 'merge', "Story County Sheriff's Office", "Story County Sheriff's Office"]);
    expect(same.exitCode).toBe(1);
    expect(same.stderr).toContain('cannot merge an organization with itself');
    const missing = await coalition([...db, 'orgs', 'merge', "Story County Sheriff's Office", 'Nowhere PD']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('no organization called "Nowhere PD"');
  });
});
