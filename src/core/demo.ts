/**
 * The demo coalition, built through the same functions the commands use, from the sample
 * spreadsheets in fixtures/: the directories and registrations are imported, the truck stops
 * paired with their officers, the training roster imported, the follow-up work and hotline figures
 * imported, the language checked, and the goal-progress report computed.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import type { DB } from '../db/connection.js';
import { createCoalition, getCoalition, requireCoalitionRow, useCoalition, type CoalitionDetails } from './coalitions.js';
import { FIXTURES_DIR, importDemoFixtures } from './import/demo-imports.js';
import type { ImportSummary } from './import/pipeline.js';
import { runImport } from './import/pipeline.js';
import { builtinTerms, compileTerms, lintCoalition } from './lint/index.js';
import { pairAndSave } from './pairing/index.js';
import { demoFollowUp, demoReport } from './report/demo.js';
import type { Report } from './report/compute.js';

export interface DemoOptions {
  now: Date;
  log: (message: string) => void;
  fixturesDir?: string;
}

export interface DemoResult {
  coalition: CoalitionDetails;
  imports: Array<Pick<ImportSummary, 'kind' | 'file' | 'rows' | 'inserted' | 'updated' | 'duplicates' | 'rejected'>>;
  pairing: { stops: number; with_local: number; with_nearest: number; gaps: number };
  language_findings: number;
  report: Report;
  /** The report as `coalition report` prints it. */
  reportText: string;
}

export const DEMO_SLUG = 'ia-2026';
export const DEMO_ROSTER = 'trainings-ia-2026-roster.csv';

export async function buildDemo(db: DB, opts: DemoOptions): Promise<DemoResult> {
  const dir = opts.fixturesDir ?? FIXTURES_DIR;
  opts.log('Creating the example coalition ia-2026 (Iowa Coalition Build 2026)…');
  createCoalition(
    db,
    {
      slug: DEMO_SLUG,
      name: 'Iowa Coalition Build 2026',
      states: ['IA'],
      buildDate: '2026-03-12',
      city: 'Des Moines',
      venue: 'Iowa Motor Truck Association Training Center',
      hosts: ['Truckers Against Trafficking', 'Iowa Attorney General', 'Iowa Motor Truck Association'],
      description: 'Law enforcement, trucking companies and truck stop managers of Iowa meet to learn to recognize and report human trafficking and to set up a local contact protocol for every truck stop.',
    },
    opts.now,
  );
  const coalition = useCoalition(db, DEMO_SLUG);
  const imports: ImportSummary[] = [];

  imports.push(...(await importDemoFixtures(db, { coalition, now: opts.now, log: opts.log, fixturesDir: dir })));

  opts.log('Pairing every truck stop with its local officers (coalition pair)…');
  const { result } = pairAndSave(db, coalition.id, { now: opts.now });

  // The roster rejects one row on purpose (a module that is not in the catalog): its rejects file
  // goes to a temporary folder, never into fixtures/, and goes away once its reason is printed.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'coalition-demo-rejects-'));
  opts.log(`Importing the training roster ${DEMO_ROSTER} (coalition import trainings)…`);
  let roster: ImportSummary;
  try {
    roster = await runImport(db, { kind: 'trainings', file: DEMO_ROSTER, cwd: dir, coalition, now: opts.now, rejects: path.join(scratch, 'trainings.rejects.csv') });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  opts.log(`  ${roster.rows} rows, ${roster.rejected} rejected (${roster.rejects.map((r) => r.reason).join('; ') || 'none'}).`);
  imports.push(roster);

  const followUp = await demoFollowUp(db, coalition, { fixturesDir: dir, now: opts.now, log: opts.log });
  imports.push(...followUp.imports);

  opts.log('Checking the coalition\'s texts and templates for stigmatizing language (coalition lint --record)…');
  const lint = lintCoalition(db, coalition.id, { terms: compileTerms(builtinTerms()), now: opts.now, record: true });

  const { report, text } = demoReport(db, requireCoalitionRow(db, DEMO_SLUG), opts.now);
  return {
    coalition: getCoalition(db, DEMO_SLUG),
    imports: imports.map((s) => ({ kind: s.kind, file: s.file, rows: s.rows, inserted: s.inserted, updated: s.updated, duplicates: s.duplicates, rejected: s.rejected })),
    pairing: { stops: result.summary.stops, with_local: result.summary.with_local, with_nearest: result.summary.with_nearest, gaps: result.gaps.length },
    language_findings: lint.findings.length,
    report,
    reportText: text,
  };
}
