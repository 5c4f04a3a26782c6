/**
 * The rules a term may name in `allow` (data/terms.json). Each looks only at the text around one
 * match and says whether this use passes. Their word lists are data (`rules` in terms.json).
 */
import type { RuleData, RuleName } from './terms.js';

export interface MatchSite {
  /** The checked (masked) text: same offsets as the original. */
  text: string;
  start: number;
  end: number;
  /** The matched words as written. */
  match: string;
  plural: boolean;
}

type Rule = (site: MatchSite, data: RuleData) => boolean;

const OPEN_QUOTES = '"“«';
const SENTENCE_END = /[.!?]["”’)\]]*$/;

function lineBounds(text: string, start: number, end: number): { before: string; after: string } {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  let le = text.indexOf('\n', end);
  if (le < 0) le = text.length;
  return { before: text.slice(ls, start), after: text.slice(end, le) };
}

/** Words before the match, nearest last, within the paragraph. */
function wordsBefore(site: MatchSite, max: number): string[] {
  const from = Math.max(0, site.start - 200);
  let chunk = site.text.slice(from, site.start);
  const para = chunk.search(/\n[ \t]*\n(?![\s\S]*\n[ \t]*\n)/);
  if (para >= 0) chunk = chunk.slice(para);
  const words = chunk.split(/\s+/).filter(Boolean);
  return words.slice(-max);
}

function wordsAfter(site: MatchSite, max: number): string[] {
  let chunk = site.text.slice(site.end, site.end + 200);
  const para = chunk.search(/\n[ \t]*\n/);
  if (para >= 0) chunk = chunk.slice(0, para);
  // "prostitution-related charges": the hyphenated modifier belongs to the match
  chunk = chunk.replace(/^-[\p{L}]+/u, ' ');
  return chunk.split(/\s+/).filter(Boolean).slice(0, max);
}

/** A word without surrounding punctuation and without dots ("U.S.C." and "USC" compare equal). */
function norm(word: string): string {
  return word.replace(/^[^\p{L}\p{N}§]+|[^\p{L}\p{N}§]+$/gu, '').replace(/\./g, '');
}

interface Cue {
  words: string[];
  /** A cue with a capital letter ("Code", "Act") matches only with that case. */
  exact: boolean;
}

/** Words normalized once: as written and in lower case. */
interface Words {
  exact: string[];
  lower: string[];
}

function normWords(words: string[]): Words {
  const exact = words.map(norm);
  return { exact, lower: exact.map((w) => w.toLowerCase()) };
}

function cueMatches(cue: Cue, words: Words, at: number): boolean {
  const list = cue.exact ? words.exact : words.lower;
  if (at + cue.words.length > list.length) return false;
  for (let k = 0; k < cue.words.length; k++) if (list[at + k] !== cue.words[k]) return false;
  return true;
}

function prepareCues(cues: string[]): Cue[] {
  return cues
    .map((c) => c.split(/\s+/).filter(Boolean).map(norm))
    .filter((c) => c.length > 0)
    .map((words) => {
      const exact = words.some((w) => /\p{Lu}/u.test(w));
      return { words: exact ? words : words.map((w) => w.toLowerCase()), exact };
    });
}

interface PreparedRules {
  before: Cue[];
  after: Cue[];
  cueWords: Set<string>;
  determiners: Set<string>;
}

const prepared = new WeakMap<RuleData, PreparedRules>();

function prepare(data: RuleData): PreparedRules {
  let p = prepared.get(data);
  if (!p) {
    const before = prepareCues(data['legal-name'].before);
    p = {
      before,
      after: prepareCues(data['legal-name'].after),
      cueWords: new Set(before.flatMap((c) => c.words.map((w) => w.toLowerCase()))),
      determiners: new Set(data['proper-noun'].determiners),
    };
    prepared.set(data, p);
  }
  return p;
}

/** The name of a law, an offence or a charge. */
const legalName: Rule = (site, data) => {
  const rule = data['legal-name'];
  const { before, after, cueWords } = prepare(data);
  // words before, cut at the end of the previous sentence (a cue such as "Sec." or "U.S.C." or a
  // section number such as 725.1 does not end a sentence)
  const raw = wordsBefore(site, rule.window + 3);
  let cut = 0;
  for (let i = raw.length - 1; i >= 0; i--) {
    const w = raw[i];
    if (SENTENCE_END.test(w) && !cueWords.has(norm(w).toLowerCase()) && !/\p{L}\.\p{L}/u.test(w)) {
      cut = i + 1;
      break;
    }
  }
  const prev = normWords(raw.slice(Math.max(cut, raw.length - rule.window)));
  for (let i = 0; i < prev.exact.length; i++) for (const cue of before) if (cueMatches(cue, prev, i)) return true;
  if (SENTENCE_END.test(site.text.slice(site.end, site.end + 1))) return false;
  const next = normWords(wordsAfter(site, 3));
  for (const cue of after) if (cueMatches(cue, next, 0)) return true;
  return false;
};

/** A capitalised word inside quotation marks on its line: a quoted title. */
const quotedTitle: Rule = (site) => {
  if (!/^\p{Lu}/u.test(site.match)) return false;
  const { before, after } = lineBounds(site.text, site.start, site.end);
  const straight = (before.match(/"/g) ?? []).length;
  if (straight % 2 === 1 && after.includes('"')) return true;
  const lastOpen = Math.max(before.lastIndexOf('“'), before.lastIndexOf('«'));
  const lastClose = Math.max(before.lastIndexOf('”'), before.lastIndexOf('»'));
  if (lastOpen > lastClose && /[”»]/.test(after)) return true;
  return OPEN_QUOTES.includes(before.slice(-1)) && /^[^"”»]*["”»]/.test(after);
};

/** A capitalised singular used as a name: a surname or a place. */
const properNoun: Rule = (site, data) => {
  if (site.plural) return false;
  const m = site.match;
  if (!/^\p{Lu}/u.test(m)) return false;
  // In ALL-CAPS text capitals say nothing about names.
  if (m.length > 1 && m === m.toUpperCase()) return false;
  const { determiners } = prepare(data);
  const { before, after } = lineBounds(site.text, site.start, site.end);
  // a capitalised word follows: "Hooker County", "Hooker, Oklahoma"
  if (/^[ \t]*,?[ \t]+\p{Lu}\p{Ll}/u.test(after) || /^,\p{Lu}\p{Ll}/u.test(after)) return true;
  // alone in a table cell, a list column or on its own line: a name in a list ("| Hooker |")
  if (/(^|[|\t;])[ \t]*([-*+•][ \t]+)?$/.test(before) && /^[ \t]*([|\t;]|$)/.test(after) && /[|\t;]/.test(before + after)) return true;
  const prevMatch = /(\S+)\s*$/.exec(before);
  if (!prevMatch) return false; // start of a line: a sentence start, undecided
  const prev = prevMatch[1];
  const bare = norm(prev).toLowerCase();
  if (determiners.has(bare)) return false;
  // a title: "Mr. Hooker", "Sgt. Hooker", "Officer Hooker"; a first name: "John Hooker"
  if (/^\p{Lu}\p{Ll}{0,4}\.$/u.test(prev)) return true;
  if (SENTENCE_END.test(prev)) return false; // "… stop. Hooker …": a sentence start
  if (/^\p{Lu}/u.test(prev)) return true;
  // mid-sentence after a lower-case word: "we called Hooker about the schedule"
  return /^\p{Ll}/u.test(norm(prev));
};

export const RULES: Record<RuleName, Rule> = {
  'legal-name': legalName,
  'quoted-title': quotedTitle,
  'proper-noun': properNoun,
};

/** The first rule that lets this use pass, or undefined. */
export function allowedBy(rules: readonly RuleName[], site: MatchSite, data: RuleData): RuleName | undefined {
  return rules.find((r) => RULES[r](site, data));
}
