/**
 * The training module catalog (seeded by migration 001 with the contract's seven ids) and the
 * matching of a module named in words ("Victim-Centered Law Enforcement Training") to the catalog.
 *
 * Matching, in order: the id itself (any case, spaces or underscores for dashes); the catalog name
 * (case, accents and punctuation ignored); then keywords: the words of the input that carry meaning
 * (not "training", "course", "human trafficking", years…) against each module's words (its id, its
 * name and, for the built-in modules, a few known synonyms such as "ELDT"). A module wins when it
 * covers at least two thirds of the input's words and no other module covers as many; otherwise the
 * input is unknown (or ambiguous) and the caller rejects it, naming the known ids.
 *
 * "TAT" (Truckers Against Trafficking) names who made the training, not which one it is: TAT's
 * programmes are called "TAT Truck Stop Employee Training", "TAT Driver Training". The brand is set
 * aside before the words are compared, and only breaks a tie in favour of a module named after it
 * ("TAT LE Training" is `le-tat`, where plain "LE Training" could be either LE module).
 */
import { distance } from 'fastest-levenshtein';
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { InvalidDataError, NotFoundError, RefusedError } from '../../io/errors.js';
import { isoTimestamp } from '../dates.js';

export interface TrainingModule {
  id: string;
  name: string;
  audience: string | null;
  description: string | null;
  builtin: boolean;
}

/** Who a module is meant for: `all` or one of the sectors. */
export const AUDIENCES = ['all', 'law_enforcement', 'government', 'trucking', 'truck_stop', 'bus', 'energy', 'victim_services', 'ngo', 'other'] as const;

const MODULE_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function listModules(db: DB): TrainingModule[] {
  const rows = stmt(db, 'SELECT id, name, audience, description, builtin FROM training_modules ORDER BY builtin DESC, id').all() as Array<Omit<TrainingModule, 'builtin'> & { builtin: number }>;
  return rows.map((r) => ({ ...r, builtin: r.builtin === 1 }));
}

export function getModule(db: DB, id: string): TrainingModule | undefined {
  const r = stmt(db, 'SELECT id, name, audience, description, builtin FROM training_modules WHERE id = ?').get(id) as (Omit<TrainingModule, 'builtin'> & { builtin: number }) | undefined;
  return r && { ...r, builtin: r.builtin === 1 };
}

export interface NewModule {
  id: string;
  name: string;
  audience?: string | null;
  description?: string | null;
}

/** Adds a module to the catalog; the id must be a lower-case slug not already taken. */
export function addModule(db: DB, input: NewModule, now: Date): TrainingModule {
  const id = input.id.trim();
  if (!MODULE_ID_RE.test(id) || id.length > 64) {
    throw new InvalidDataError(`"${input.id}" is not a usable module id`, { field: 'id' }, { hint: 'use lower-case letters, digits and single dashes, for example: hotel-staff' });
  }
  const name = input.name?.trim();
  if (!name) throw new InvalidDataError('the module needs a name', { field: 'name' }, { hint: 'pass --name "Hotel staff training"' });
  let audience: string | null = null;
  if (input.audience) {
    audience = input.audience.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (!(AUDIENCES as readonly string[]).includes(audience)) {
      throw new InvalidDataError(`"${input.audience}" is not an audience`, { field: 'audience' }, { hint: `use one of: ${AUDIENCES.join(', ')}` });
    }
  }
  if (getModule(db, id)) throw new RefusedError(`the module "${id}" already exists`, { hint: 'see the catalog with: coalition train modules' });
  stmt(db, 'INSERT INTO training_modules (id, name, audience, description, builtin, created_at) VALUES (?, ?, ?, ?, 0, ?)').run(id, name, audience, input.description?.trim() || null, isoTimestamp(now));
  return getModule(db, id)!;
}

// ---------------------------------------------------------------------------------------------
// Matching a module named in words

/** Lower case, accents and punctuation removed, single spaces. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words that say nothing about which module is meant. */
const STOPWORDS = new Set([
  'a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with',
  'training', 'trainings', 'train', 'trained', 'course', 'class', 'module', 'program', 'programme',
  'session', 'sessions', 'workshop', 'certification', 'certificate', 'completed', 'completion',
  'online', 'person', 'virtual', 'video', 'part', 'level',
  'human', 'trafficking', 'ht', 'anti', 'awareness', 'basic', 'intro', 'introduction', 'overview',
]);

/** Abbreviations spelled out, so that "LE" meets "law enforcement". */
const EXPANSIONS: Record<string, string[]> = {
  le: ['law', 'enforcement'],
  leo: ['law', 'enforcement'],
  police: ['law', 'enforcement'],
  officer: ['law', 'enforcement'],
  eldt: ['cdl', 'entry'],
  vc: ['victim', 'centered'],
  centred: ['centered'],
  informed: ['centered'],
  survivor: ['survivor'],
  survivors: ['survivor'],
  staff: ['employee'],
  cashier: ['employee'],
  cashiers: ['employee'],
  travel: ['truck', 'stop'],
  plaza: ['stop'],
  center: ['stop'],
  centre: ['stop'],
  trucker: ['driver'],
  truckers: ['driver'],
  drivers: ['driver'],
  commercial: ['cdl'],
};

/** Extra words for the built-in modules: how rosters and LMS exports tend to name them. */
const BUILTIN_KEYWORDS: Record<string, string[]> = {
  'build-initial': ['initial', 'coalition', 'build', 'general', 'participant'],
  'le-victim-centered': ['victim', 'centered', 'law', 'enforcement'],
  'survivor-session': ['survivor', 'leader', 'story', 'lived', 'experience'],
  'truck-stop-employee': ['truck', 'stop', 'employee'],
  driver: ['driver', 'professional'],
  'cdl-entry': ['cdl', 'entry', 'school'],
  'le-tat': ['law', 'enforcement'],
};

/** Truckers Against Trafficking, as rosters write it: the maker of a module, not the module. */
const BRAND = /\b(?:tat|truckers against trafficking|truckers against)\b/g;

/** Phrases whose words mean something else together: an "entry-level driver" course is the CDL
 * entry-level (ELDT) one, not the professional drivers' one, and a truck driver is a driver (not a
 * truck stop's employee). */
const PHRASES: Array<[RegExp, string]> = [
  [/\bentry level (?:commercial |truck |cdl )?drivers?\b/g, 'cdl entry'],
  [/\btruck drivers?\b/g, 'driver'],
];

/** The words of a module name or an input, with whether it names TAT (see the header comment). */
export function moduleWords(s: string): { words: string[]; brand: boolean } {
  let t = normalizeText(s);
  const brand = t.replace(BRAND, ' ') !== t;
  t = t.replace(BRAND, ' ');
  for (const [re, to] of PHRASES) t = t.replace(re, to);
  return { words: contentWords(t), brand };
}

function singular(w: string): string {
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** The words of a module name or an input that carry meaning, with abbreviations expanded. */
export function contentWords(s: string): string[] {
  const out = new Set<string>();
  for (const raw of normalizeText(s).split(' ')) {
    if (!raw || STOPWORDS.has(raw) || /^\d+$/.test(raw)) continue;
    const expanded = EXPANSIONS[raw] ?? [singular(raw)];
    for (const w of expanded) if (!STOPWORDS.has(w)) out.add(w);
  }
  return [...out];
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  return a.length >= 5 && b.length >= 5 && distance(a, b) <= 1;
}

export type ModuleMatch =
  | { module: TrainingModule; how: 'id' | 'name' | 'keywords' }
  | { module: null; ambiguous: TrainingModule[] };

/** Prepared catalog for matching many rows (an import): words computed once. */
export class ModuleMatcher {
  private readonly byId = new Map<string, TrainingModule>();
  private readonly byName = new Map<string, TrainingModule>();
  private readonly words: Array<{ module: TrainingModule; words: string[]; brand: boolean }> = [];
  private readonly memo = new Map<string, ModuleMatch>();

  constructor(readonly modules: readonly TrainingModule[]) {
    for (const m of modules) {
      this.byId.set(m.id, m);
      this.byName.set(normalizeText(m.name), m);
      this.byName.set(normalizeText(m.id), m);
      const byId = moduleWords(m.id.replace(/-/g, ' '));
      const byName = moduleWords(m.name);
      const words = new Set([...byId.words, ...byName.words, ...(BUILTIN_KEYWORDS[m.id] ?? [])]);
      this.words.push({ module: m, words: [...words], brand: byId.brand || byName.brand });
    }
  }

  static load(db: DB): ModuleMatcher {
    return new ModuleMatcher(listModules(db));
  }

  get ids(): string[] {
    return this.modules.map((m) => m.id);
  }

  match(input: string): ModuleMatch {
    const key = input.trim();
    let r = this.memo.get(key);
    if (!r) {
      r = this.compute(key);
      if (this.memo.size < 10_000) this.memo.set(key, r);
    }
    return r;
  }

  private compute(input: string): ModuleMatch {
    const asId = input.toLowerCase().replace(/[\s_]+/g, '-');
    const byId = this.byId.get(asId);
    if (byId) return { module: byId, how: 'id' };
    const byName = this.byName.get(normalizeText(input));
    if (byName) return { module: byName, how: 'name' };
    // "TAT Training" alone says whose training, not which: unknown.
    const { words: q, brand } = moduleWords(input);
    if (q.length === 0) return { module: null, ambiguous: [] };
    let best = 0;
    let winners: Array<{ module: TrainingModule; brand: boolean }> = [];
    for (const entry of this.words) {
      const hits = q.filter((w) => entry.words.some((m) => sameWord(w, m))).length;
      if (hits === 0) continue;
      if (hits > best) {
        best = hits;
        winners = [entry];
      } else if (hits === best) winners.push(entry);
    }
    if (best === 0 || best / q.length < 2 / 3) return { module: null, ambiguous: [] };
    if (brand && winners.length > 1 && winners.some((w) => w.brand)) winners = winners.filter((w) => w.brand);
    if (winners.length > 1) return { module: null, ambiguous: winners.map((w) => w.module) };
    return { module: winners[0].module, how: 'keywords' };
  }
}

/** The module a user named (`--module`), by id, name or keywords; a clear error otherwise. */
export function resolveModule(db: DB, input: string): TrainingModule {
  const matcher = ModuleMatcher.load(db);
  const r = matcher.match(input);
  if (r.module) return r.module;
  throw unknownModuleError(input, r.ambiguous, matcher.ids);
}

export function unknownModuleMessage(input: string, ambiguous: readonly TrainingModule[], ids: readonly string[]): string {
  if (ambiguous.length > 1) return `module "${input}" could be ${ambiguous.map((m) => m.id).join(' or ')}; name the id`;
  return `unknown module "${input}"; known modules: ${ids.join(', ')}`;
}

function unknownModuleError(input: string, ambiguous: readonly TrainingModule[], ids: readonly string[]): NotFoundError {
  return new NotFoundError(unknownModuleMessage(input, ambiguous, ids), {
    hint: ambiguous.length > 1 ? `pass --module ${ambiguous[0].id} (see: coalition train modules)` : 'see the catalog with: coalition train modules; add one with: coalition train modules add ID --name "…"',
  });
}
