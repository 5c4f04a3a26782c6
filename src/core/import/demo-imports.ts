/**
 * The demo's import step (for src/core/demo.ts): the Iowa fixtures, imported through the same
 * pipeline as `coalition import`, in the order a coordinator would: the directories first, then the
 * registrations (Eventbrite, Google Forms, the Excel sign-in sheet, the workbook's walk-ins).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DB } from '../../db/connection.js';
import type { CoalitionRow } from '../coalitions.js';
import { runImport, type ImportSummary } from './pipeline.js';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures');

export const DEMO_IMPORTS: ReadonlyArray<{ kind: 'contacts' | 'attendees'; file: string; sheet?: string }> = [
  { kind: 'contacts', file: 'ia-truck-stops.csv' },
  { kind: 'contacts', file: 'ia-law-enforcement.csv' },
  { kind: 'contacts', file: 'ia-resources-semicolon.csv' },
  { kind: 'contacts', file: 'ia-2026-partners.xlsx', sheet: 'Carriers' },
  { kind: 'attendees', file: 'ia-2026-eventbrite.csv' },
  { kind: 'attendees', file: 'ia-2026-google-forms.csv' },
  { kind: 'attendees', file: 'ia-2026-signin-excel.csv' },
  { kind: 'attendees', file: 'ia-2026-partners.xlsx', sheet: 'Walk-ins' },
];

export async function importDemoFixtures(db: DB, opts: { coalition: CoalitionRow; now: Date; log: (m: string) => void; fixturesDir?: string }): Promise<ImportSummary[]> {
  const dir = opts.fixturesDir ?? FIXTURES_DIR;
  const out: ImportSummary[] = [];
  for (const step of DEMO_IMPORTS) {
    const s = await runImport(db, { kind: step.kind, file: step.file, sheet: step.sheet, cwd: dir, now: opts.now, coalition: opts.coalition, rejects: undefined, threadBytes: -1 });
    const added = Object.entries(s.inserted).map(([t, n]) => `${n} ${n === 1 ? singular(t) : t}`).join(', ') || 'nothing new';
    opts.log(`Imported ${step.file}${step.sheet ? ` (${step.sheet})` : ''} as ${step.kind}: ${s.rows} rows, added ${added}.`);
    out.push(s);
  }
  return out;
}

/** "organizations" → "organization", "attendance" stays. */
function singular(table: string): string {
  return table === 'people' ? 'person' : table.endsWith('s') ? table.slice(0, -1) : table;
}
