/**
 * The 14 goals of a coalition (DOMAIN.md) with their default targets. A coordinator overrides a
 * target per coalition with `coalition targets set GOAL KEY VALUE` (table `targets`).
 */
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { InvalidDataError, NotFoundError } from '../../io/errors.js';
import { CDL_STATUSES } from '../activities/index.js';

export type GoalId = 'P1.1' | 'P1.2' | 'P1.3' | 'P1.4' | 'P1.5' | 'P1.6' | 'P1.7' | 'P1.8' | 'P2.1' | 'P2.2' | 'P2.3' | 'P2.4' | 'P2.5' | 'P2.6';

export interface TargetDef {
  key: string;
  default: number;
  /** 'min': the metric must reach the target; 'max': it must not exceed it (flagged terms). */
  direction: 'min' | 'max';
  /** 'share': a fraction 0…1 (printed as %); 'count'; 'percent' (a change in %); 'stage' (P2.6). */
  unit: 'share' | 'count' | 'percent' | 'stage';
  description: string;
}

export interface GoalDef {
  id: GoalId;
  phase: 1 | 2;
  title: string;
  targets: TargetDef[];
}

const t = (key: string, def: number, unit: TargetDef['unit'], description: string, direction: TargetDef['direction'] = 'min'): TargetDef => ({ key, default: def, unit, description, direction });

export const GOALS: readonly GoalDef[] = [
  {
    id: 'P1.1', phase: 1, title: 'Law enforcement leaders with trucking executives and truck stop owners and managers',
    targets: [
      t('state_patrol', 1, 'count', 'state patrol / DPS officers attending'),
      t('dot_mve', 1, 'count', 'DOT / MVE officers attending'),
      t('sheriff_counties', 5, 'count', "counties whose sheriff's office attended"),
      t('carriers', 5, 'count', 'trucking companies attending'),
      t('truck_stops', 5, 'count', 'truck stops attending'),
    ],
  },
  { id: 'P1.2', phase: 1, title: 'Initial human-trafficking training for all participants', targets: [t('trained_share', 0.9, 'share', 'share of attendees signed off on the initial training')] },
  {
    id: 'P1.3', phase: 1, title: 'Truck stops introduced to their local officers (local contact protocol)',
    targets: [
      t('local_share', 0.9, 'share', "share of the state's truck stops with a local officer on their contact list"),
      t('introduced_share', 1, 'share', 'share of attending truck stops that met an attending officer from their county'),
    ],
  },
  {
    id: 'P1.4', phase: 1, title: 'More trucking companies training their drivers',
    targets: [t('carriers_engaged', 5, 'count', 'carriers committed to or reporting driver training since the build'), t('drivers_trained', 500, 'count', 'drivers trained since the build')],
  },
  {
    id: 'P1.5', phase: 1, title: 'Truck stops training employees and distributing TAT materials',
    targets: [t('stops_training', 5, 'count', 'truck stops with employee training recorded since the build'), t('distribution_points', 5, 'count', 'truck stops that are distribution points')],
  },
  {
    id: 'P1.6', phase: 1, title: 'Victim-centered training led by local law enforcement, with a survivor-leader session',
    targets: [t('agenda_items', 2, 'count', 'agenda items held (LE-led session, survivor-leader session)'), t('le_trained_share', 0.8, 'share', 'share of law enforcement attendees signed off on victim-centered training')],
  },
  { id: 'P1.7', phase: 1, title: 'Victim-centered language in both industries', targets: [t('flagged_terms', 0, 'count', 'stigmatizing terms flagged by the latest language check', 'max')] },
  {
    id: 'P1.8', phase: 1, title: 'A vetted local victim service provider invited; local resources listed',
    targets: [t('vetted_providers_invited', 1, 'count', 'vetted victim service providers invited'), t('local_resources', 3, 'count', 'local victim service resources on the resource sheet')],
  },
  {
    id: 'P2.1', phase: 2, title: 'TAT materials used in ongoing in-state trainings',
    targets: [t('training_events', 4, 'count', 'training events since the build'), t('people_trained', 200, 'count', 'people trained at those events')],
  },
  { id: 'P2.2', phase: 2, title: 'More calls and reports to the hotline', targets: [t('change_pct', 10, 'percent', 'change in hotline contacts per period, after the build against before')] },
  { id: 'P2.3', phase: 2, title: 'Task forces equipped with industry stakeholders', targets: [t('task_forces_with_industry', 1, 'count', 'task forces with at least one industry member')] },
  { id: 'P2.4', phase: 2, title: 'Undercover investigations assisted between law enforcement and industry', targets: [t('investigations', 1, 'count', 'investigations assisted since the build')] },
  { id: 'P2.5', phase: 2, title: 'The Iowa MVE model (state-based initiative) adopted statewide', targets: [t('components_adopted', 6, 'count', 'components of the state-based initiative adopted (of 6)')] },
  { id: 'P2.6', phase: 2, title: 'TAT training mandated at CDL entry level', targets: [t('stage', 4, 'stage', `CDL mandate stage (${CDL_STATUSES.map((s, i) => `${i} ${s}`).join(', ')})`)] },
];

export function goalDef(id: string): GoalDef {
  const g = GOALS.find((x) => x.id === id.toUpperCase());
  if (!g) throw new NotFoundError(`no goal "${id}"`, { hint: `goals: ${GOALS.map((x) => x.id).join(', ')}` });
  return g;
}

export type Targets = Record<string, Record<string, number>>;

/** Defaults, overridden by what the coordinator set for this coalition. */
export function loadTargets(db: DB, coalitionId: number): Targets {
  const out: Targets = {};
  for (const g of GOALS) out[g.id] = Object.fromEntries(g.targets.map((x) => [x.key, x.default]));
  const rows = stmt(db, 'SELECT goal, key, value FROM targets WHERE coalition_id = ?').all(coalitionId) as Array<{ goal: string; key: string; value: number }>;
  for (const r of rows) if (out[r.goal] && r.key in out[r.goal]) out[r.goal][r.key] = r.value;
  return out;
}

export interface TargetRow {
  goal: string;
  key: string;
  value: number;
  default: number;
  changed: boolean;
  description: string;
}

export function listTargets(db: DB, coalitionId: number): TargetRow[] {
  const current = loadTargets(db, coalitionId);
  return GOALS.flatMap((g) => g.targets.map((x) => ({ goal: g.id, key: x.key, value: current[g.id][x.key], default: x.default, changed: current[g.id][x.key] !== x.default, description: x.description })));
}

/** Parses a target value for its unit: shares as 0.9 or 90%, stages by name or number. */
export function parseTargetValue(def: TargetDef, raw: string): number {
  const s = raw.trim().toLowerCase();
  if (def.unit === 'stage') {
    const i = (CDL_STATUSES as readonly string[]).indexOf(s);
    if (i >= 0) return i;
  }
  const pct = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(s);
  let v: number;
  if (pct) v = Number(pct[1]) / (def.unit === 'share' ? 100 : 1);
  else if (/^-?\d+(\.\d+)?$/.test(s)) v = Number(s);
  else throw new InvalidDataError(`"${raw}" is not a number`, { field: 'value' }, { hint: def.unit === 'stage' ? `use one of: ${CDL_STATUSES.join(', ')}` : def.unit === 'share' ? 'use a share such as 0.9 or 90%' : 'use a number such as 5' });
  if (def.unit === 'share' && (v < 0 || v > 1)) throw new InvalidDataError(`a share must be between 0 and 1 (or 0% and 100%), not ${raw}`, { field: 'value' });
  if (def.unit === 'stage' && (!Number.isInteger(v) || v < 0 || v > 4)) throw new InvalidDataError(`a stage is 0…4 or one of ${CDL_STATUSES.join(', ')}`, { field: 'value' });
  if ((def.unit === 'count') && (v < 0 || !Number.isInteger(v))) throw new InvalidDataError(`a count target must be a whole number of 0 or more, not ${raw}`, { field: 'value' });
  return v;
}

export function setTarget(db: DB, coalitionId: number, goal: string, key: string, raw: string): TargetRow {
  const g = goalDef(goal);
  const def = g.targets.find((x) => x.key === key.trim().toLowerCase().replace(/-/g, '_'));
  if (!def) throw new NotFoundError(`goal ${g.id} has no target "${key}"`, { hint: `its targets: ${g.targets.map((x) => x.key).join(', ')}` });
  const v = parseTargetValue(def, raw);
  if (v === def.default) stmt(db, 'DELETE FROM targets WHERE coalition_id = ? AND goal = ? AND key = ?').run(coalitionId, g.id, def.key);
  else stmt(db, 'INSERT INTO targets (coalition_id, goal, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (coalition_id, goal, key) DO UPDATE SET value = excluded.value').run(coalitionId, g.id, def.key, v);
  return listTargets(db, coalitionId).find((r) => r.goal === g.id && r.key === def.key)!;
}
