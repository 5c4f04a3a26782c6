import { resolveModule } from '../../core/training/modules.js';
import { listTraining, type TrainingRecord } from '../../core/training/signoffs.js';
import { openDb } from '../../db/connection.js';
import type { Context } from '../../io/context.js';
import { printRecords, type Column, type OutputOptions } from '../../io/output.js';
import { optionalCoalition } from './shared.js';
import { choosePerson } from './sign.js';

export const columns: Column<TrainingRecord>[] = [
  { header: 'date', key: 'completed_on', kind: 'date' },
  { header: 'module', key: 'module' },
  { header: 'type', key: 'type' },
  { header: 'person id', key: 'person_id', kind: 'number' },
  { header: 'name', get: (r) => (r.type === 'person' ? [r.title, r.name].filter(Boolean).join(' ') : '') },
  { header: 'organization', key: 'organization' },
  { header: 'sector', key: 'sector' },
  { header: 'trained', key: 'count', kind: 'number' },
  { header: 'verified by', key: 'verified_by' },
  { header: 'coalition', key: 'coalition' },
];

export interface ListOptions extends OutputOptions {
  module?: string;
  person?: string;
}

/** `coalition train list`: sign-offs of people and counts reported by organizations. */
export async function execute(ctx: Context, _args: string[], raw: Record<string, unknown>): Promise<number> {
  const opts = raw as ListOptions;
  const db = await openDb(ctx);
  const module = opts.module ? resolveModule(db, opts.module) : undefined;
  const coalition = optionalCoalition(db, ctx);
  const person = opts.person ? await choosePerson(ctx, db, opts.person) : undefined;
  const rows = listTraining(db, { moduleId: module?.id, personId: person?.id, coalitionId: coalition?.id });
  await printRecords(ctx, rows, columns, { ...opts, emptyMessage: 'No sign-offs recorded yet. Record one with: coalition train sign PERSON --module ID, or import a roster with: coalition import trainings FILE' });
  return 0;
}
