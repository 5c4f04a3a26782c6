/** A roster row's completion status: only a finished training is a sign-off. */
import { describe, expect, it } from 'vitest';
import { completionStatus } from '../../src/core/training/status.js';

describe('completionStatus', () => {
  it.each([
    'Completed', 'COMPLETE', 'completed', 'Passed', 'pass', 'Certified', 'Finished', 'Done', 'Attended', 'Satisfied', 'Completed - Passed',
    'Completed successfully', 'Yes', 'Y', 'x', '✓', '100%', '100 %', '100', 'Progress: 100%', '100% complete', 'Credit', 'P',
  ])('%j is completed', (s) => expect(completionStatus(s)).toBe('completed'));

  it.each([
    'In Progress', 'in-progress', 'InProgress', 'Not Started', 'Not started yet', 'Not Completed', 'Incomplete', 'Failed', 'Fail', 'Completed (Failed)',
    'Enrolled', 'Registered', 'Assigned', 'Started', 'Pending', 'Overdue', 'Withdrawn', 'Dropped', 'Cancelled', 'Canceled', 'Expired', 'Absent',
    'No Show', 'No-show', 'Waitlisted', 'No', 'N', 'false', '45%', '0%', '99.5%', 'Did not pass',
    'Unsatisfactory', 'Unsuccessful', 'Past Due', 'Denied', 'F', 'locked', 'unlocked', 'Attempted',
    // Docebo's enrollment statuses, TalentLMS's and SCORM's words, Moodle's "did not achieve pass grade".
    'Subscribed', 'Waiting', 'Suspended', 'Overbooking', 'Not attempted', 'INCOMPLETE', 'FAILED', 'Completed (did not achieve pass grade)',
  ])('%j is not completed', (s) => expect(completionStatus(s)).toBe('not_completed'));

  it('reads cells that are not text', () => {
    expect(completionStatus(true)).toBe('completed');
    expect(completionStatus(false)).toBe('not_completed');
    expect(completionStatus(1)).toBe('completed'); // 100 % as a fraction
    expect(completionStatus(0.4)).toBe('not_completed');
    expect(completionStatus(100)).toBe('completed');
    expect(completionStatus(62)).toBe('not_completed');
    expect(completionStatus(250)).toBe('unknown');
    expect(completionStatus(new Date('2026-03-12'))).toBe('unknown');
  });

  it('says blank for an empty cell and unknown for words it does not know', () => {
    for (const s of [null, undefined, '', '   ', '—']) expect(completionStatus(s as string)).toBe('blank');
    for (const s of ['Archived', 'See notes', 'TBD?', '150%']) expect(completionStatus(s)).toBe('unknown');
  });
});
