/**
 * What `people merge` and `orgs merge` share around the merge itself: a merge cannot be undone
 * (the dropped record is deleted), so on a terminal it asks first, showing both records, as
 * `imports undo` does; `--dry-run` runs the merge inside a transaction that is rolled back, so the
 * figures are the real ones and nothing is written. In a script (no terminal, or --yes) it merges
 * without asking, as the contract's command always has.
 */
import type { DB } from '../db/connection.js';
import type { Context } from '../io/context.js';
import { CancelledError } from '../io/errors.js';

export interface MergeFlags {
  json?: boolean;
  dryRun?: boolean;
}

export async function runMerge<R>(ctx: Context, db: DB, flags: MergeFlags, question: () => string, merge: () => R): Promise<R> {
  if (flags.dryRun) {
    db.exec('BEGIN');
    try {
      return merge();
    } finally {
      db.exec('ROLLBACK');
    }
  }
  if (ctx.canPrompt) {
    const ok = await ctx.prompts.confirm({ message: question(), default: false });
    if (!ok) throw new CancelledError('nothing was merged');
  }
  return merge();
}
