/**
 * The mapper: a file's headers → the fields a kind understands. In order of precedence: an explicit
 * `--map` (or a saved map), the preset (Eventbrite, Google Forms: detected from the headers or
 * chosen with `--preset`), the kind's own synonyms, the generic synonym table, then key words in
 * long form questions. A field is taken by the first column that claims it; later columns that
 * would claim it are ignored and listed (except check-in, which may come from a date and a status).
 */
import { UsageError } from '../../io/errors.js';
import { cleanName } from '../normalize/name.js';
import { parseDate } from '../normalize/date.js';
import { GENERIC_SYNONYMS, KEYWORD_RULES, PRESETS, SIGN_IN_QUESTION, baseField, fieldKey, headerKey, type Preset } from './synonyms.js';
import type { Cell, KindHandler } from './types.js';

export type PresetName = 'eventbrite' | 'google-forms' | 'microsoft-forms' | 'generic';
export const PRESET_NAMES: readonly PresetName[] = ['eventbrite', 'google-forms', 'microsoft-forms', 'generic'];

export type MatchedBy = 'map' | 'preset' | 'synonym' | 'keyword' | 'prompt';

export interface ColumnMapping {
  index: number;
  header: string;
  field: string | null;
  by?: MatchedBy;
  /** Why a column is ignored, for the summary. */
  note?: string;
}

export interface Mapping {
  preset: PresetName;
  columns: ColumnMapping[];
  /** Required groups no column matched (each lists its alternatives). */
  missing: string[][];
  /** Values implied by the headers: a "General Manager" column names managers. */
  defaults: Record<string, string>;
  /** A sheriffs' directory without an agency column ("County", "Sheriff"): each row's organization
   * is its county's sheriff's office (see `sheriffsOffice`). */
  orgFromCounty?: boolean;
  /** Values given on the command line for every row whose cell is blank or whose file has no such
   * column (`import trainings --module/--date/--by`): a given field is never missing. */
  given: Record<string, string>;
}

/** Fields that may be filled from several columns: the first non-blank, unless a later one says
 * more (see `saysWhen`: check-ins only). A second phone column ("Cell Phone" beside "Work Phone",
 * "Phone 2") fills a row whose first one is blank, rather than being ignored. */
const MULTI = new Set(['checked_in', 'phone']);

/**
 * Whether a cell says when (a date, a time, a number) rather than only whether (a status word): an
 * Eventbrite export gives both a Check-In Date and an Attendee Status, in either order, and the date
 * must win whatever the order ("Attending" beside a check-in time is a check-in, and its time is kept).
 */
const saysWhen = (v: Cell) => v instanceof Date || typeof v === 'number' || (typeof v === 'string' && /\d/.test(v));

/** `"Agency Name=organization, Cell=phone, Buyer Email="` → header → field ('' = ignore). */
export function parseMapOption(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of splitMapSpec(spec)) {
    const eq = part.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--map expects Header=field pairs, got "${part}"`, { hint: 'for example: --map "Agency Name=organization,Cell=phone"' });
    const header = part.slice(0, eq).trim();
    const field = part.slice(eq + 1).trim();
    out[header] = field === '-' || field.toLowerCase() === 'ignore' ? '' : fieldKey(field);
  }
  return out;
}

/** Splits on commas, allowing a header in double quotes to hold one ("Title, Rank"=title). */
function splitMapSpec(spec: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of spec) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      if (cur.trim()) parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

export function detectPreset(header: string[]): PresetName {
  const keys = new Set(header.map(headerKey));
  for (const p of PRESETS) {
    const hits = p.signature.filter((s) => keys.has(s)).length;
    if (hits >= p.minSignature) return p.name;
  }
  return 'generic';
}

export interface MapOptions {
  preset?: PresetName;
  /** header (as typed, or its key) → field; '' ignores the column. */
  explicit?: Record<string, string>;
  /** field → value for rows that do not say (Mapping.given). */
  given?: Record<string, string>;
}

export function mapHeaders(header: string[], handler: Pick<KindHandler, 'fields' | 'required' | 'synonyms'>, opts: MapOptions = {}): Mapping {
  const fields = new Set(handler.fields);
  const presetName = opts.preset ?? detectPreset(header);
  const preset: Preset | undefined = PRESETS.find((p) => p.name === presetName);
  const explicit = new Map<string, string>();
  for (const [h, f] of Object.entries(opts.explicit ?? {})) explicit.set(headerKey(h), f);
  // Explicit headers must exist, and name fields of this kind.
  const keys = header.map(headerKey);
  for (const [k, f] of explicit) {
    if (!keys.includes(k)) {
      const original = Object.keys(opts.explicit ?? {}).find((h) => headerKey(h) === k) ?? k;
      throw new UsageError(`--map names a column "${original}" that the file does not have`, { hint: `the file's columns are: ${header.filter(Boolean).join(', ')}` });
    }
    if (f && !fields.has(baseField(f))) throw new UsageError(`"${f}" is not a field of this kind`, { hint: `fields: ${handler.fields.join(', ')}` });
  }
  const exact = new Map<string, string>();
  const addSyn = (table: Record<string, string[]>) => {
    for (const [field, syns] of Object.entries(table)) for (const s of syns) if (!exact.has(headerKey(s))) exact.set(headerKey(s), field);
  };
  if (handler.synonyms) addSyn(handler.synonyms);
  addSyn(GENERIC_SYNONYMS);

  const taken = new Map<string, number>();
  const columns: ColumnMapping[] = header.map((h, index) => ({ index, header: h, field: null }));
  const claim = (col: ColumnMapping, field: string, by: MatchedBy) => {
    if (!fields.has(baseField(field))) {
      col.note = `not used by this kind (${field})`;
      return;
    }
    if (taken.has(field) && !MULTI.has(field)) {
      col.note = `"${header[taken.get(field)!]}" is already read as ${field}`;
      return;
    }
    col.field = field;
    col.by = by;
    col.note = undefined;
    if (!taken.has(field)) taken.set(field, col.index);
  };
  // Columns a preset reads only when no other column gives the field, claimed after pass 2.
  const fallbacks: Array<[ColumnMapping, string]> = [];
  // Pass 1: explicit, preset, exact synonyms.
  for (const col of columns) {
    const k = keys[col.index];
    if (!k) {
      col.note = 'no header';
      continue;
    }
    if (explicit.has(k)) {
      const f = explicit.get(k)!;
      if (f) claim(col, f, 'map');
      else col.note = 'ignored by --map';
      continue;
    }
    if (preset && k in preset.map) {
      const f = preset.map[k];
      if (f.startsWith('?')) fallbacks.push([col, f.slice(1)]);
      else if (f) claim(col, f, 'preset');
      else col.note = `not used (${preset.name} export)`;
      continue;
    }
    const f = exact.get(k);
    if (f) claim(col, f, 'synonym');
  }
  // Pass 2: key words in headers nothing matched exactly.
  for (const col of columns) {
    if (col.field || col.note || !keys[col.index]) continue;
    const k = keys[col.index];
    // Beside a first-name and a last-name column, a question that asks for a name is about someone else.
    const named = taken.has('first_name') && taken.has('last_name');
    const rule = KEYWORD_RULES.find((r) => r.test(k) && fields.has(r.field) && (!taken.has(r.field) || MULTI.has(r.field)) && !(named && r.field === 'full_name'));
    if (rule) claim(col, rule.field, 'keyword');
  }
  for (const [col, f] of fallbacks) claim(col, f, 'preset');
  // An attendance sheet kept by a meeting add-on heads its column of Present / Absent with the
  // meeting's date ("Nov 19 2026 9:00 AM"): with one such column, it is the check-in. Several are
  // several meetings, and which one is meant is left to --map.
  if (fields.has('checked_in') && !taken.has('checked_in')) {
    const dated = columns.filter((c) => !c.field && c.note !== 'ignored by --map' && keys[c.index] && /\d/.test(c.header) && parseDate(c.header).date !== null);
    if (dated.length === 1) claim(dated[0], 'checked_in', 'keyword');
  }
  // A form's own timestamp (Google Forms, Microsoft Forms) is when it was filled in: on a sign-in
  // form, that is when someone signed in (a check-in), or when they completed the training.
  if (preset && keys.some(SIGN_IN_QUESTION)) {
    const target = fields.has('checked_in') ? 'checked_in' : fields.has('completed_on') ? 'completed_on' : null;
    const stamp = columns.find((c) => preset.map[keys[c.index]] === 'registered_at' && c.by !== 'map' && !explicit.has(keys[c.index]));
    if (stamp && target && !taken.has(target)) {
      if (stamp.field === 'registered_at') taken.delete('registered_at');
      stamp.field = null;
      stamp.note = undefined;
      claim(stamp, target, 'preset');
    }
  }
  for (const col of columns) if (!col.field && !col.note) col.note = 'no matching field';
  for (const f of Object.keys(opts.given ?? {})) if (!fields.has(f)) throw new Error(`internal: "${f}" is not a field of this kind`);
  const mapping: Mapping = { preset: presetName, columns, missing: [], defaults: {}, given: { ...opts.given } };
  refreshMapping(mapping, handler);
  return mapping;
}

/** Recomputes what is missing and what the headers imply (after a prompt changed the mapping). */
export function refreshMapping(mapping: Mapping, handler: Pick<KindHandler, 'fields' | 'required'>): void {
  // A column of one module (`module:le-tat`, a tracker's "LE Training" column) gives the module.
  const mapped = new Set(mapping.columns.filter((c) => c.field).map((c) => baseField(c.field!)));
  for (const f of Object.keys(mapping.given)) mapped.add(f);
  const nameHeader = headerKey(mapping.columns.find((c) => c.field === 'full_name')?.header ?? '');
  mapping.orgFromCounty = !mapped.has('organization') && mapped.has('county') && handler.fields.includes('organization') && ['sheriff', 'county sheriff', 'sheriff name'].includes(nameHeader);
  if (mapping.orgFromCounty) mapped.add('organization');
  mapping.missing = handler.required.filter((group) => !group.some((f) => mapped.has(f))).map((g) => [...g]);
  mapping.defaults = {};
  const nameCol = mapping.columns.find((c) => c.field === 'full_name');
  if (nameCol && !mapped.has('title') && handler.fields.includes('title')) {
    const k = headerKey(nameCol.header);
    if (['general manager', 'gm', 'gm name'].includes(k)) mapping.defaults.title = 'General Manager';
    else if (['store manager', 'manager', 'manager name'].includes(k)) mapping.defaults.title = 'Manager';
    else if (['sheriff', 'county sheriff'].includes(k)) mapping.defaults.title = 'Sheriff';
    else if (['chief of police', 'police chief'].includes(k)) mapping.defaults.title = 'Chief of Police';
    else if (k === 'chief') mapping.defaults.title = 'Chief';
    else if (k === 'executive director') mapping.defaults.title = 'Executive Director';
  }
}

/** Assigns a column to a field (from a prompt). */
export function assignColumn(mapping: Mapping, handler: Pick<KindHandler, 'fields' | 'required'>, index: number, field: string): void {
  for (const c of mapping.columns) if (c.field === field && !MULTI.has(field)) c.field = null;
  const col = mapping.columns[index];
  col.field = field;
  col.by = 'prompt';
  col.note = undefined;
  refreshMapping(mapping, handler);
}

export function ignoredColumns(mapping: Mapping): Array<{ column: string; reason: string }> {
  return mapping.columns.filter((c) => !c.field && c.header).map((c) => ({ column: c.header, reason: c.note ?? 'no matching field' }));
}

/** The mapping as header → field, for `--save-map` (ignored columns as ''). */
export function mappingToSaved(mapping: Mapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of mapping.columns) if (c.header) out[c.header] = c.field ?? '';
  return out;
}

/** The warning for a row that repeats the header (see headerRepeat). */
export const HEADER_AGAIN = 'this line repeats the header row (two exports pasted or joined together?): skipped';

/**
 * A test for a row that is the header again: two exports pasted one under the other in Excel, or
 * joined with `cat a.csv b.csv | coalition import … -`. Every column with a header holds that header
 * again (case and spaces aside); a file of fewer than two named columns never matches. Such a row
 * was imported as a person called "First Name" with the e-mail "Email", or rejected as one.
 */
export function headerRepeat(mapping: Mapping): (cells: readonly Cell[]) => boolean {
  const named = mapping.columns.filter((c) => c.header.trim() !== '').map((c) => [c.index, c.header.replace(/^\uFEFF/, '').trim().toLowerCase()] as const);
  if (named.length < 2) return () => false;
  const [first, firstHeader] = named[0];
  // A second export joined with `cat` brings its byte-order mark into the middle of the text.
  // The length first: most cells cannot be their header, and need no new string to say so.
  const same = (c: Cell | undefined, h: string) => typeof c === 'string' && c.length >= h.length && c.replace(/^\uFEFF/, '').trim().toLowerCase() === h;
  // Most rows differ at the first named column: one comparison.
  return (cells) => same(cells[first], firstHeader) && named.every(([i, h]) => same(cells[i], h));
}

/** A compiled row mapper: cells → fields (blank cells undefined). */
export function rowMapper(mapping: Mapping): (cells: Cell[]) => Partial<Record<string, Cell>> {
  const cols = mapping.columns.filter((c) => c.field).map((c) => [c.index, c.field!] as const);
  // Check-in fields read from several columns, where a date or time beats a status word.
  const multi = new Set(cols.filter(([, f]) => f === 'checked_in').map(([, f]) => f).filter((f, i, all) => all.indexOf(f) !== i));
  const defaults = Object.entries(mapping.defaults);
  const given = Object.entries(mapping.given ?? {});
  const fromCounty = mapping.orgFromCounty === true;
  // Every row's fields made from one template, every field present (undefined when blank), so
  // that they all share one shape: with only the non-blank fields, rows took dozens of shapes and
  // every `fields.x` in the kinds was a slow (megamorphic) property load.
  const template: Partial<Record<string, Cell>> = {};
  for (const [, f] of cols) template[f] = undefined;
  for (const [f] of defaults) template[f] = undefined;
  for (const [f] of given) template[f] = undefined;
  if (fromCounty) template.organization = undefined;
  return (cells) => {
    const out: Partial<Record<string, Cell>> = { ...template };
    for (const [i, f] of cols) {
      const v = cells[i];
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') {
        const t = v.trim();
        // "--" or "-" is how reports (Zoom, GoToWebinar) write a cell with nothing in it.
        if (!t || (t.length <= 2 && (t === '--' || t === '-' || t === '—'))) continue;
        if (out[f] === undefined || (multi.has(f) && !saysWhen(out[f]!) && saysWhen(t))) out[f] = t;
      } else if (out[f] === undefined || (multi.has(f) && !saysWhen(out[f]!))) out[f] = v;
    }
    for (const [f, v] of given) if (out[f] === undefined) out[f] = v;
    if (fromCounty && out.organization === undefined && typeof out.county === 'string') out.organization = sheriffsOffice(out.county) ?? undefined;
    for (const [f, v] of defaults) if (out[f] === undefined && (out.full_name !== undefined || out.last_name !== undefined)) out[f] = v;
    return out;
  };
}

/**
 * The sheriff's office of a county as a sheriffs' directory writes the county ("POLK", "Polk
 * County", "Polk Co.", "Caddo Parish", "Parish of Caddo", "Richmond City"): "Polk County Sheriff's
 * Office", "Caddo Parish Sheriff's Office", "Richmond City Sheriff's Office". Null for a FIPS code
 * or a blank: the row then has no organization and is rejected as such. Where the county is found
 * in the row's state, the import names the office after it instead ("Caddo" in Louisiana is Caddo
 * Parish: `sheriffsOfficeOf`).
 */
export function sheriffsOffice(county: string): string | null {
  let t = county.trim().replace(/\s+/g, ' ');
  if (!t || /^\d+$/.test(t)) return null;
  let kind = 'County';
  const of = /^(county|parish|city) of (.+)$/i.exec(t);
  if (of) {
    kind = of[1];
    t = of[2];
  } else {
    const m = /^(.+?)\s+(county|co\.?|parish|par\.?|city|\(city\))$/i.exec(t);
    if (m) {
      t = m[1];
      kind = /^par/i.test(m[2]) ? 'Parish' : /city/i.test(m[2]) ? 'City' : 'County';
    }
  }
  const name = cleanName(t);
  return name ? `${name} ${kind[0].toUpperCase()}${kind.slice(1).toLowerCase()} Sheriff's Office` : null;
}
