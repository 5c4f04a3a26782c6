/**
 * The language check itself: text in, findings out. No files, no terminal.
 *
 * Every term and variant of the list is compiled to patterns for its singular and its plural (of
 * the last word), with any mix of spaces and hyphens between words ("lot lizard", "lot-lizards",
 * "Lot  Lizard"), whatever the case, never inside another word. Where matches overlap, the longest
 * wins ("child prostitute" over "prostitute"); the term's `allow` rules then decide whether this
 * use passes (the name of a law, a surname, a place).
 */
import { checkedText, type TextFormat } from './extract.js';
import { allowedBy } from './rules.js';
import { pluralize, type TermEntry, type TermList } from './terms.js';

export interface Finding {
  /** 1-based line and column (columns count characters) in the original text. */
  line: number;
  column: number;
  /** Offset and length in the original text (UTF-16 units, for --fix). */
  offset: number;
  length: number;
  /** The listed term ("lot lizard"). */
  term: string;
  /** The words as written ("Lot-Lizards"), as a reader sees them (markup dropped, spaces collapsed). */
  match: string;
  /** The first suggestion, in the number and case of the match where the list gives a fix. */
  suggestion: string;
  suggestions: string[];
  note: string;
  /** What --fix would write, or null when the replacement depends on the sentence. */
  fix: Edit | null;
}

export interface Edit {
  offset: number;
  length: number;
  text: string;
}

interface Form {
  entry: TermEntry;
  plural: boolean;
  re: RegExp;
  /** A cheap pre-check: the first word in lower case must occur in the text. */
  probe: string;
}

export interface CompiledTerms {
  list: TermList;
  forms: Form[];
}

const SEP = '(?:[\\s\\u00a0]*[-\\u2010\\u2011\\u2013][\\s\\u00a0]*|[\\s\\u00a0]+)';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function formRegex(words: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRe).join(SEP)}(?![\\p{L}\\p{N}])`, 'giu');
}

const compiledCache = new WeakMap<TermList, CompiledTerms>();

export function compileTerms(list: TermList): CompiledTerms {
  const cached = compiledCache.get(list);
  if (cached) return cached;
  const forms: Form[] = [];
  const seen = new Set<string>();
  for (const entry of list.terms) {
    for (const base of [entry.term, ...entry.variants]) {
      for (const [text, plural] of [[base, false], [pluralize(base), true]] as const) {
        const words = text.toLowerCase().split(/[\s\-\u2010\u2011\u2013]+/).filter(Boolean);
        const key = words.join(' ');
        if (!words.length || seen.has(key)) continue;
        seen.add(key);
        forms.push({ entry, plural, re: formRegex(words), probe: words[0].slice(0, 4) });
      }
    }
  }
  const compiled = { list, forms };
  compiledCache.set(list, compiled);
  return compiled;
}

interface Candidate {
  form: Form;
  start: number;
  end: number;
}

/** Line starts of a text, for offset → line/column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function position(starts: number[], text: string, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: [...text.slice(starts[lo], offset)].length + 1 };
}

/** The line (without its line ending) at a 1-based line number. */
export function lineAt(text: string, line: number): string {
  return (text.split('\n')[line - 1] ?? '').replace(/\r$/, '');
}

/** Checks one text. `format` decides what is visible (see extract.ts). */
export function lintText(text: string, terms: TermList | CompiledTerms, format: TextFormat = 'text'): Finding[] {
  const compiled = 'forms' in terms ? terms : compileTerms(terms);
  const checked = checkedText(text, format);
  const lower = checked.toLowerCase();
  const candidates: Candidate[] = [];
  for (const form of compiled.forms) {
    if (!lower.includes(form.probe)) continue;
    form.re.lastIndex = 0;
    for (const m of checked.matchAll(form.re)) candidates.push({ form, start: m.index!, end: m.index! + m[0].length });
  }
  // longest first at each place; drop what overlaps a kept match
  candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Candidate[] = [];
  let until = -1;
  for (const c of candidates) {
    if (c.start < until) continue;
    kept.push(c);
    until = c.end;
  }
  const starts = lineStarts(text);
  const findings: Finding[] = [];
  for (const c of kept) {
    const raw = text.slice(c.start, c.end);
    // as a reader sees it: markup and entities gone, any run of spaces one space
    const match = checked.slice(c.start, c.end).replace(/[\s\u00a0]+/g, ' ');
    const entry = c.form.entry;
    const site = { text: checked, start: c.start, end: c.end, match, plural: c.form.plural };
    if (allowedBy(entry.allow, site, compiled.list.rules)) continue;
    const { line, column } = position(starts, text, c.start);
    const fix = fixFor(text, c, raw);
    const suggestion = entry.fix ? matchCase(c.form.plural ? entry.fix.many : entry.fix.one, match) : entry.suggestions[0];
    findings.push({ line, column, offset: c.start, length: c.end - c.start, term: entry.term, match, suggestion, suggestions: entry.suggestions, note: entry.note, fix });
  }
  return findings;
}

/** The replacement in the case of the match: "LOT LIZARD" → "VICTIM", "Lot Lizard" → "Victim",
 * "Child Prostitutes" → "Sexually Exploited Children", "Prostitute" → "Victim". */
export function matchCase(replacement: string, match: string): string {
  const letters = match.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return replacement.toUpperCase();
  if (!/^\p{Lu}/u.test(match)) return replacement;
  const words = match.split(/[\s\-\u2010\u2011\u2013]+/).filter(Boolean);
  if (words.length > 1 && words.every((w) => /^\p{Lu}/u.test(w))) return replacement.replace(/(^|\s)(\p{Ll})/gu, (_m, s: string, c: string) => s + c.toUpperCase());
  return replacement.charAt(0).toUpperCase() + replacement.slice(1);
}

const needsAn = (word: string) => /^[aeio]|^u(?!ni|se|su|tr)|^hou?r|^honest/i.test(word);

function fixFor(text: string, c: Candidate, raw: string): Edit | null {
  const fix = c.form.entry.fix;
  if (!fix) return null;
  // Markup inside the match ("<b>lot</b> lizard"): the text cannot be replaced safely.
  if (/[<>]/.test(raw)) return null;
  const before = text.slice(Math.max(0, c.start - 60), c.start);
  const prevWord = /([\p{L}']+)[\s\u00a0]+$/u.exec(before);
  if (prevWord && fix.notAfter.includes(prevWord[1].toLowerCase())) return null;
  const replacement = matchCase(c.form.plural ? fix.many : fix.one, raw);
  // "an underage prostitute" → "a sexually exploited child": the article follows the new word
  const article = /(?<![\p{L}\p{N}])(an?)([\s\u00a0]+)$/iu.exec(before);
  if (article && !c.form.plural) {
    const want = needsAn(replacement) ? 'an' : 'a';
    if (article[1].toLowerCase() !== want) {
      const a = article[1];
      const cased = a === a.toUpperCase() && a.length > 1 ? want.toUpperCase() : /^\p{Lu}/u.test(a) ? want.charAt(0).toUpperCase() + want.slice(1) : want;
      const from = c.start - article[0].length;
      return { offset: from, length: c.end - from, text: cased + article[2] + replacement };
    }
  }
  return { offset: c.start, length: c.end - c.start, text: replacement };
}

/** Applies the edits of findings that have one; returns the new text and the edits applied. */
export function applyFixes(text: string, findings: readonly Finding[]): { text: string; applied: Finding[] } {
  const edits = findings.filter((f) => f.fix).sort((a, b) => b.fix!.offset - a.fix!.offset);
  let out = text;
  const applied: Finding[] = [];
  let floor = Infinity;
  for (const f of edits) {
    const e = f.fix!;
    if (e.offset + e.length > floor) continue; // overlapping edits: keep the later one only
    out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
    floor = e.offset;
    applied.push(f);
  }
  return { text: out, applied: applied.reverse() };
}
