/** How the summaries of imports and undos name the records they counted, in words. */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const NAMES: Record<string, [string, string]> = {
  people: ['person', 'people'],
  organizations: ['organization', 'organizations'],
  attendance: ['attendance record', 'attendance records'],
  signoffs: ['sign-off', 'sign-offs'],
  training_counts: ['count of people trained', 'counts of people trained'],
  hotline_stats: ['hotline figure', 'hotline figures'],
  activities: ['activity', 'activities'],
};

/** "people" → "1 person" / "3 people"; "attendance" → "3 attendance records". */
export function noun(table: string, n: number): string {
  const [one, many] = NAMES[table] ?? [table, table];
  return plural(n, one, many);
}
