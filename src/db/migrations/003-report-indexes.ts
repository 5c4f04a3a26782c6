/**
 * Indexes for the goal-progress report (`coalition report`, `report --all`).
 *
 * - `signoffs(coalition_id, module_id, completed_on, person_id)` replaces
 *   `signoffs(coalition_id, module_id)`: a coalition's sign-offs for one module in a date range
 *   (goals P1.4, P1.5) are read from the index alone instead of every sign-off of the module
 *   nationally. It replaces an index rather than adding one, so an import writes as many index
 *   entries per sign-off as before (each a little wider: the date and the person id).
 * - `training_counts(coalition_id, module_id, completed_on)`: the counts linked to a coalition (at
 *   organizations outside its states) without reading every count of the module. One more index
 *   entry per training count written (a small table: one row per organization, module and date).
 */
import type { Migration } from './index.js';

export const m003: Migration = {
  version: 3,
  name: 'report-indexes',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS signoffs_coalition;
      CREATE INDEX signoffs_coalition ON signoffs(coalition_id, module_id, completed_on, person_id);
      CREATE INDEX training_counts_coalition ON training_counts(coalition_id, module_id, completed_on);
    `);
  },
};
