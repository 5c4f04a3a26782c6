import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { createCoalition, requireCoalitionRow } from '../../src/core/coalitions.js';
import { demoFollowUp, demoReport } from '../../src/core/report/demo.js';
import { copyFixtures } from '../helpers/e2e.js';
import { memoryDb } from './report-seed.js';

describe('the demo step', () => {
  it('imports hotline figures and activities and prints a report', async () => {
    const db = await memoryDb();
    const now = new Date('2026-11-28T15:00:00Z');
    createCoalition(db, { slug: 'ia-2026', name: 'Iowa Coalition Build 2026', states: ['IA'], buildDate: '2026-03-12' }, now);
    const c = requireCoalitionRow(db, 'ia-2026');
    const dir = copyFixtures(['hotline-ia-monthly.csv', 'hotline-ia-yearly.csv', 'activities-ia-2026.csv', 'ia-truck-stops.csv', 'ia-law-enforcement.csv', 'ia-resources-semicolon.csv', 'ia-2026-eventbrite.csv']);
    const { runImport } = await import('../../src/core/import/pipeline.js');
    // The organizations the activities name come from the directories…
    for (const f of ['ia-truck-stops.csv', 'ia-law-enforcement.csv', 'ia-resources-semicolon.csv']) await runImport(db, { kind: 'contacts', file: path.join(dir, f), cwd: dir, now });
    // …and from the registrations (the carriers and the trucking association).
    await runImport(db, { kind: 'attendees', file: path.join(dir, 'ia-2026-eventbrite.csv'), cwd: dir, coalition: c, now });
    const r = await demoFollowUp(db, c, { fixturesDir: dir, now });
    expect(r.imports.map((s) => [s.kind, s.rejected])).toEqual([['hotline', 0], ['hotline', 0], ['activities', 0]]);
    expect(r.logged).toHaveLength(1);
    const { report, text } = demoReport(db, c, now);
    expect(report.goals.find((g) => g.id === 'P2.1')!.metrics).toMatchObject({ training_events: 4, people_trained: 35 + 62 + 28 + 41 });
    expect(text).toContain('Phase 2: the lasting coalition');
  });
});
