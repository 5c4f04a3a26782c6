/**
 * The report's part of `coalition demo` (wired by src/core/demo.ts): after the directories and
 * registrations are imported and the pairing saved, import the hotline figures and the follow-up
 * activities from fixtures/, log one activity by hand as a coordinator would, and compute the report.
 * The same functions the commands use; nothing here is demo-only logic.
 */
import type { DB } from '../../db/connection.js';
import { logActivity } from '../activities/index.js';
import type { CoalitionRow } from '../coalitions.js';
import { isoDate } from '../dates.js';
import { runImport, type ImportSummary } from '../import/pipeline.js';
import { computeReport, type Report } from './compute.js';
import { reportText } from './render.js';

export const DEMO_HOTLINE_FILES = ['hotline-ia-monthly.csv', 'hotline-ia-yearly.csv'];
export const DEMO_ACTIVITIES_FILE = 'activities-ia-2026.csv';

export interface DemoFollowUpResult {
  imports: ImportSummary[];
  logged: number[];
}

export async function demoFollowUp(db: DB, coalition: CoalitionRow, opts: { fixturesDir: string; now: Date; log?: (m: string) => void }): Promise<DemoFollowUpResult> {
  const imports: ImportSummary[] = [];
  for (const f of DEMO_HOTLINE_FILES) {
    opts.log?.(`Importing hotline figures from ${f}…`);
    imports.push(await runImport(db, { kind: 'hotline', file: f, cwd: opts.fixturesDir, now: opts.now }));
  }
  opts.log?.(`Importing follow-up activities from ${DEMO_ACTIVITIES_FILE}…`);
  imports.push(await runImport(db, { kind: 'activities', file: DEMO_ACTIVITIES_FILE, cwd: opts.fixturesDir, coalition, now: opts.now }));
  opts.log?.('Logging a training event by hand (coalition log training-event …)…');
  const logged = [
    logActivity(db, coalition, { kind: 'training-event', audience: 'law_enforcement', count: 41, date: '2026-10-22', note: 'Iowa State Patrol district training using TAT materials' }, opts.now).activity.id,
  ];
  return { imports, logged };
}

/** The report as `coalition report` prints it on a terminal (plain text). */
export function demoReport(db: DB, coalition: CoalitionRow, now: Date, width = 100): { report: Report; text: string } {
  const report = computeReport(db, coalition, { asOf: isoDate(now) });
  return { report, text: reportText(report, { width }) };
}
