/**
 * The term list is data (`data/terms.json`), not code. This module reads and validates it (and any
 * `--terms FILE` a coordinator adds) into a TermList; `match.ts` compiles it. The rules an entry may
 * name in `allow` are implemented in `rules.ts`, their word lists live in the JSON.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidDataError } from '../../io/errors.js';

export const RULE_NAMES = ['legal-name', 'quoted-title', 'proper-noun'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export interface TermFix {
  /** Replacement for a singular form. */
  one: string;
  /** Replacement for a plural form. */
  many: string;
  /** Words that, right before the term, mean it is a verb ("to prostitute oneself"): flagged, not fixed. */
  notAfter: string[];
}

export interface TermEntry {
  term: string;
  /** Extra forms that cannot be derived (plurals of the last word and hyphen/space forms are). */
  variants: string[];
  /** Suggested victim-centered replacements, best first. */
  suggestions: string[];
  /** Set only where the replacement is unambiguous (used by --fix). */
  fix: TermFix | null;
  allow: RuleName[];
  note: string;
}

export interface LegalNameRule {
  window: number;
  before: string[];
  after: string[];
}

export interface ProperNounRule {
  determiners: string[];
}

export interface RuleData {
  'legal-name': LegalNameRule;
  'proper-noun': ProperNounRule;
}

export interface TermList {
  rules: RuleData;
  terms: TermEntry[];
}

/** Where the package's own files are: dist/core/lint (or src/core/lint) → the package root. */
export function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

export function builtinTermsFile(): string {
  return path.join(packageRoot(), 'data', 'terms.json');
}

let builtin: TermList | undefined;

/** The built-in list from data/terms.json (read once per process). */
export function builtinTerms(): TermList {
  if (!builtin) {
    const file = builtinTermsFile();
    builtin = parseTermList(readFileSync(file, 'utf8'), 'data/terms.json', true);
  }
  return builtin;
}

/** Reads a coordinator's `--terms FILE`; errors name the file and the entry. */
export function readTermsFile(file: string, shownAs = file): Pick<TermList, 'terms'> & { rules?: Partial<RuleData> } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InvalidDataError(`cannot read the term list (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: shownAs }, { hint: 'pass --terms with the path of a JSON file' });
  }
  return parseTermList(text, shownAs, false);
}

const HINT = 'a term list is JSON: {"terms": [{"term": "…", "suggestions": ["…"], "note": "…"}]}; see data/terms.json';

function fail(file: string, field: string, message: string): never {
  throw new InvalidDataError(message, { file, field }, { hint: HINT });
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/**
 * Validates a term list. The built-in list must carry the rules' data; a coordinator's file may
 * hold only `terms` (or be a bare array of entries) and may omit `variants`, `fix`, `allow`, `note`.
 */
export function parseTermList(text: string, file: string, requireRules: true): TermList;
export function parseTermList(text: string, file: string, requireRules: false): Pick<TermList, 'terms'> & { rules?: Partial<RuleData> };
export function parseTermList(text: string, file: string, requireRules: boolean): Pick<TermList, 'terms'> & { rules?: Partial<RuleData> } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InvalidDataError(`not valid JSON: ${(e as Error).message}`, { file }, { hint: HINT });
  }
  const raw = Array.isArray(doc) ? { terms: doc } : doc;
  if (!raw || typeof raw !== 'object') fail(file, 'terms', 'expected an object with a "terms" list');
  const obj = raw as Record<string, unknown>;
  if (!Array.isArray(obj.terms)) fail(file, 'terms', 'expected a "terms" list');
  const terms = obj.terms.map((e, i) => parseEntry(e, file, `terms[${i}]`));
  const seen = new Set<string>();
  terms.forEach((t, i) => {
    const key = t.term.toLowerCase();
    if (seen.has(key)) fail(file, `terms[${i}].term`, `"${t.term}" is listed twice`);
    seen.add(key);
  });
  const rules = parseRules(obj.rules, file, requireRules);
  return rules ? { terms, rules } : { terms };
}

function parseEntry(e: unknown, file: string, at: string): TermEntry {
  if (!e || typeof e !== 'object' || Array.isArray(e)) fail(file, at, 'each entry must be an object');
  const o = e as Record<string, unknown>;
  if (typeof o.term !== 'string' || !/[\p{L}]/u.test(o.term)) fail(file, `${at}.term`, 'needs a "term" (a word or phrase)');
  const term = o.term.trim();
  if (!isStringArray(o.suggestions) || o.suggestions.length === 0 || o.suggestions.some((s) => !s.trim())) {
    fail(file, `${at}.suggestions`, `"${term}" needs "suggestions": a list of one or more replacements`);
  }
  if (o.variants !== undefined && !isStringArray(o.variants)) fail(file, `${at}.variants`, 'must be a list of strings');
  if (o.note !== undefined && typeof o.note !== 'string') fail(file, `${at}.note`, 'must be a string');
  if (o.allow !== undefined && !isStringArray(o.allow)) fail(file, `${at}.allow`, 'must be a list of rule names');
  const allow = (o.allow ?? []) as string[];
  for (const r of allow) {
    if (!(RULE_NAMES as readonly string[]).includes(r)) fail(file, `${at}.allow`, `unknown rule "${r}" (known: ${RULE_NAMES.join(', ')})`);
  }
  let fix: TermFix | null = null;
  if (o.fix !== undefined && o.fix !== null && o.fix !== false) {
    const f = (typeof o.fix === 'string' ? { one: o.fix } : o.fix) as Record<string, unknown>;
    if (typeof f !== 'object' || typeof f.one !== 'string' || !f.one.trim()) fail(file, `${at}.fix`, 'must be null, a replacement string, or {"one": "…", "many": "…"}');
    if (f.many !== undefined && typeof f.many !== 'string') fail(file, `${at}.fix.many`, 'must be a string');
    if (f.notAfter !== undefined && !isStringArray(f.notAfter)) fail(file, `${at}.fix.notAfter`, 'must be a list of words');
    fix = { one: f.one.trim(), many: ((f.many as string | undefined) ?? pluralize(f.one.trim())).trim(), notAfter: ((f.notAfter as string[] | undefined) ?? []).map((w) => w.toLowerCase()) };
  }
  const suggestions = (o.suggestions as string[]).map((s) => s.trim());
  return { term, variants: ((o.variants ?? []) as string[]).map((v) => v.trim()).filter(Boolean), suggestions, fix, allow: allow as RuleName[], note: (o.note as string | undefined) ?? '' };
}

function parseRules(r: unknown, file: string, required: boolean): Partial<RuleData> | undefined {
  if (r === undefined) {
    if (required) fail(file, 'rules', 'the built-in list needs its "rules"');
    return undefined;
  }
  if (!r || typeof r !== 'object') fail(file, 'rules', 'must be an object');
  const o = r as Record<string, Record<string, unknown> | undefined>;
  const out: Partial<RuleData> = {};
  const legal = o['legal-name'];
  if (legal) {
    if (!isStringArray(legal.before) || !isStringArray(legal.after)) fail(file, 'rules.legal-name', 'needs "before" and "after" word lists');
    out['legal-name'] = { window: typeof legal.window === 'number' ? legal.window : 5, before: legal.before, after: legal.after };
  } else if (required) fail(file, 'rules.legal-name', 'missing');
  const proper = o['proper-noun'];
  if (proper) {
    if (!isStringArray(proper.determiners)) fail(file, 'rules.proper-noun', 'needs a "determiners" word list');
    out['proper-noun'] = { determiners: proper.determiners.map((d) => d.toLowerCase()) };
  } else if (required) fail(file, 'rules.proper-noun', 'missing');
  return out;
}

/**
 * Extends a list with a coordinator's entries: a new term is added; an entry whose term is already
 * listed replaces it (to change a suggestion). Rule word lists are extended, not replaced.
 */
export function mergeTerms(base: TermList, extra: Pick<TermList, 'terms'> & { rules?: Partial<RuleData> }): TermList {
  const byKey = new Map(base.terms.map((t) => [t.term.toLowerCase(), t]));
  for (const t of extra.terms) byKey.set(t.term.toLowerCase(), t);
  const legal = base.rules['legal-name'];
  const xl = extra.rules?.['legal-name'];
  const proper = base.rules['proper-noun'];
  const xp = extra.rules?.['proper-noun'];
  return {
    terms: [...byKey.values()],
    rules: {
      'legal-name': xl ? { window: Math.max(legal.window, xl.window), before: [...legal.before, ...xl.before], after: [...legal.after, ...xl.after] } : legal,
      'proper-noun': xp ? { determiners: [...proper.determiners, ...xp.determiners] } : proper,
    },
  };
}

/** English plural of one word, good enough for the nouns in a term list. */
export function pluralize(word: string): string {
  const m = /^(.*?)(\S+)$/s.exec(word);
  if (!m) return word;
  const [, head, last] = m;
  const lower = last.toLowerCase();
  const irregular: Record<string, string> = { child: 'children', person: 'people', woman: 'women', man: 'men', youth: 'youth' };
  let plural: string;
  if (irregular[lower]) plural = irregular[lower];
  else if (/(s|x|z|ch|sh)$/.test(lower)) plural = last + 'es';
  else if (/[^aeiou]y$/.test(lower)) plural = last.slice(0, -1) + 'ies';
  else plural = last + 's';
  return head + plural;
}
