import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { coalition } from '../helpers/e2e.js';
import { tempDir } from '../helpers/context.js';

describe('coalition demo', () => {
  it('builds the example coalition through every feature and prints its report', async () => {
    const db = path.join(tempDir(), 'demo.db');
    const r = await coalition(['demo', '--json', '--db', db]);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.db).toBe(db);
    expect(out.coalition).toMatchObject({ slug: 'ia-2026', states: ['IA'], build_date: '2026-03-12' });
    expect(out.coalition.attended).toBeGreaterThan(50);
    // every import of the demo went through; the roster's one unknown module is rejected on purpose
    const rejected = out.imports.filter((i: { rejected: number }) => i.rejected > 0).map((i: { kind: string }) => i.kind);
    expect(rejected).toEqual(['trainings']);
    expect(out.imports.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['contacts', 'attendees', 'trainings', 'hotline', 'activities']));
    expect(out.pairing.stops).toBeGreaterThanOrEqual(25);
    expect(out.pairing.gaps).toBeGreaterThan(0);
    expect(out.language_findings).toBe(0);
    expect(out.report.goals.map((g: { id: string }) => g.id)).toEqual(['P1.1', 'P1.2', 'P1.3', 'P1.4', 'P1.5', 'P1.6', 'P1.7', 'P1.8', 'P2.1', 'P2.2', 'P2.3', 'P2.4', 'P2.5', 'P2.6']);
    for (const g of out.report.goals) expect(['met', 'in_progress', 'not_started', 'no_data']).toContain(g.status);

    // the demo database is a normal database: later commands work on it, with ia-2026 as default
    const people = await coalition(['people', '--attended', '--json', '--db', db]);
    expect(people.exitCode, people.stderr).toBe(0);
    expect(JSON.parse(people.stdout)).toHaveLength(out.coalition.attended);
    const again = await coalition(['demo', '--db', db]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('without --db writes a temporary database and says where', async () => {
    const r = await coalition(['demo']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Iowa Coalition Build 2026');
    expect(r.stdout).toContain('P2.6');
    const m = /The demo database is (\S+coalition\.db)/.exec(r.stderr);
    expect(m).not.toBeNull();
    expect(existsSync(m![1])).toBe(true);
  });
});
