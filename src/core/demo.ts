/**
 * The demo coalition, built through the same functions the commands use. Later features append
 * their step (imports from fixtures/, pairing, sign-offs, activities, hotline, report).
 */
import type { DB } from '../db/connection.js';
import { createCoalition, getCoalition, useCoalition, type CoalitionDetails } from './coalitions.js';

export interface DemoOptions {
  now: Date;
  log: (message: string) => void;
}

export interface DemoResult {
  coalition: CoalitionDetails;
}

export const DEMO_SLUG = 'ia-2026';

export async function buildDemo(db: DB, opts: DemoOptions): Promise<DemoResult> {
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
    },
    opts.now,
  );
  const coalition = useCoalition(db, DEMO_SLUG);
  return { coalition: getCoalition(db, coalition.slug) };
}
