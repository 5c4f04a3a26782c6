/**
 * Pairing truck stops with their local officers (goal P1.3), and the contact lists built from it.
 *
 *   computePairs(db, coalitionId, { maxMiles })      → PairResult (read-only: stops, contacts, gaps, summary)
 *   savePairs(db, coalitionId, result, now)         → SaveSummary (idempotent; people only)
 *   pairAndSave(db, coalitionId, { maxMiles, now }) → both, in one transaction (what `coalition pair` and the demo do)
 *   buildContactsDocument(db, coalition, result, { counties, now }) → ContactsDocument (the `contacts --json` shape),
 *     each county sheet with the statewide contacts nearest it (statewideChooser, statewide.ts)
 *
 * The rules are documented at the top of compute.ts and statewide.ts; consent handling in document.ts.
 */
import type { DB } from '../../db/connection.js';
import { computePairs, type PairOptions, type PairResult } from './compute.js';
import { savePairs, type SaveSummary } from './save.js';

export * from './compute.js';
export * from './document.js';
export * from './statewide.js';
export { addPin, lastPairedAt, loadSavedPairs, pairingDifferences, removePin, resolvePerson, resolveStop, savePairs, type SaveSummary } from './save.js';

/** Computes the coalition's pairing from the current data and pins and saves what changed. */
export function pairAndSave(db: DB, coalitionId: number, opts: PairOptions & { now: Date }): { result: PairResult; saved: SaveSummary } {
  return db.transaction(() => {
    const result = computePairs(db, coalitionId, opts);
    return { result, saved: savePairs(db, coalitionId, result, opts.now) };
  })();
}
