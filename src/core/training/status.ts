/**
 * A roster row's completion status, as learning systems and sign-in sheets write it.
 *
 * LMS exports list everyone enrolled in a course, with a status column: "Completed", "In Progress",
 * "Not Started", "Failed", or a progress percentage. Only a completed training is a sign-off; the
 * others are people still to be trained, and `train missing` must keep listing them. A status the
 * tool does not understand is not guessed either way: the row is rejected with the words it knows.
 */
import type { Cell } from '../import/types.js';

export type CompletionStatus = 'completed' | 'not_completed' | 'unknown' | 'blank';

/** Words that say the training is not (yet) complete. Checked first, so that "Not Completed",
 * "Incomplete" or "Completed (Failed)" never count as done. */
const NOT_DONE =
  /\b(not|no|n|false|in ?progress|incomplete|unfinished|fail|failed|failing|did not|didn t|enrolled|registered|assigned|started|pending|overdue|past due|withdrawn|withdrew|dropped|cancelled|canceled|denied|expired|absent|no ?show|waitlisted|waitlist|wait ?listed|scheduled|invited|audit|audited|retake|redo|unsatisfactory|unsuccessful|locked|unlocked|attempted|subscribed|waiting|suspended|overbooking|overbooked)\b/;
const DONE = /\b(completed?|pass|passed|certified|certificate issued|finished|done|attended|satisfied|satisfactory|successful|successfully|credit|credited|yes|y|true|x|present)\b/;

/** The status of a cell: blank when empty (the row says nothing about it). */
export function completionStatus(cell: Cell | undefined): CompletionStatus {
  if (cell === undefined || cell === null) return 'blank';
  if (typeof cell === 'boolean') return cell ? 'completed' : 'not_completed';
  if (cell instanceof Date) return 'unknown';
  if (typeof cell === 'number') return progress(cell * (cell <= 1 ? 100 : 1));
  const s = cell
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[✓✔☑]/g, ' x ')
    .replace(/[^a-z0-9%.]+/g, ' ')
    .trim();
  if (!s) return 'blank';
  // A Pass/Fail column of letters, as academies' training records keep it.
  if (s === 'p') return 'completed';
  if (s === 'f') return 'not_completed';
  const pct = /^(\d{1,3}(?:\.\d+)?)\s*%$/.exec(s) ?? /^(?:progress )?(\d{1,3}(?:\.\d+)?)\s*%?\s*(?:complete|completed)?$/.exec(s);
  if (pct) return progress(Number(pct[1]));
  if (NOT_DONE.test(s)) return 'not_completed';
  if (DONE.test(s)) return 'completed';
  return 'unknown';
}

/** A progress figure in percent: only 100 % is done. */
function progress(pct: number): CompletionStatus {
  if (!Number.isFinite(pct) || pct < 0 || pct > 100) return 'unknown';
  return pct >= 100 ? 'completed' : 'not_completed';
}

/** The rejection reason for a status the tool does not understand. */
export function unknownStatusMessage(raw: string): string {
  return `the status "${raw.slice(0, 40)}" is not understood: write Completed (or Passed, or 100%) for a finished training, or In Progress / Not Started for one still to do`;
}
