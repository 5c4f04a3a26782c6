/** How the tool's messages name the records of each table, in words (imports, undos, merges,
 * exports): one list, so that a table is called the same everywhere. */

const NAMES: Record<string, [string, string]> = {
  coalitions: ['coalition', 'coalitions'],
  coalition_states: ['coalition state', 'coalition states'],
  coalition_hosts: ['host', 'hosts'],
  training_modules: ['training module', 'training modules'],
  people: ['person', 'people'],
  person_emails: ['other e-mail address', 'other e-mail addresses'],
  organizations: ['organization', 'organizations'],
  attendance: ['attendance record', 'attendance records'],
  signoffs: ['sign-off', 'sign-offs'],
  training_counts: ['count of people trained', 'counts of people trained'],
  hotline_stats: ['hotline figure', 'hotline figures'],
  activities: ['activity', 'activities'],
  pairings: ['pairing', 'pairings'],
  pins: ['pin', 'pins'],
  targets: ['target', 'targets'],
  lint_runs: ['language check', 'language checks'],
};

/** "people" → "person": one record of the table. */
export function recordName(table: string): string {
  return NAMES[table]?.[0] ?? table;
}

/** "people" → "1 person" / "3 people"; "attendance" → "3 attendance records". */
export function noun(table: string, n: number): string {
  const [one, many] = NAMES[table] ?? [table, table];
  return `${n} ${n === 1 ? one : many}`;
}

/** What a merge of two records did: "Merged person 97 into 42; moved 2 attendance records; …; kept
 * d.kessler@home.example as another e-mail address of person 42"; or, for a dry run, what it
 * would do. */
export function describeMerge(what: string, r: { kept: number; dropped: number; moved: Record<string, number>; combined: Record<string, number>; filled: string[]; other_emails?: string[] }, dryRun = false): string {
  const counted = (counts: Record<string, number>) => Object.entries(counts).map(([t, n]) => noun(t, n));
  const moved = counted(r.moved);
  const combined = counted(r.combined);
  const parts = [
    moved.length ? `move ${moved.join(', ')}` : '',
    combined.length ? `combine ${combined.join(', ')}` : '',
    r.filled.length ? `fill ${r.filled.join(', ')}` : '',
    r.other_emails?.length ? `keep ${r.other_emails.join(', ')} as ${r.other_emails.length === 1 ? 'another e-mail address' : 'other e-mail addresses'} of ${what} ${r.kept}` : '',
  ].filter(Boolean);
  if (dryRun) return `Dry run: merging ${what} ${r.dropped} into ${r.kept} would ${parts.length ? parts.join('; ') : 'move nothing'}. Nothing was written.`;
  const past: Record<string, string> = { move: 'moved', combine: 'combined', fill: 'filled', keep: 'kept' };
  return `Merged ${what} ${r.dropped} into ${r.kept}` + parts.map((p) => `; ${p.replace(/^\w+/, (v) => past[v])}`).join('');
}
