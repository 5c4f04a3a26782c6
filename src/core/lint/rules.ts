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
  const from = Math.max(0, site.start - 400);
  let chunk = site.text.slice(from, site.start);
  const para = chunk.search(/\n[ \t]*\n(?![\s\S]*\n[ \t]*\n)/);
  if (para >= 0) chunk = chunk.slice(para);
  const words = chunk.split(/\s+/).filter(Boolean);
  return words.slice(-max);
}

function wordsAfter(site: MatchSite, max: number): string[] {
  let chunk = site.text.slice(site.end, site.end + 400);
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

function cueMatches(cue: string[], words: string[], at: number): boolean {
  for (let k = 0; k < cue.length; k++) {
    const w = words[at + k];
    if (w === undefined) return false;
    const c = cue[k];
    const exact = /\p{Lu}/u.test(c);
    if (exact ? norm(w) !== c : norm(w).toLowerCase() !== c.toLowerCase()) return false;
  }
  return true;
}

function prepareCues(cues: string[]): string[][] {
  return cues.map((c) => c.split(/\s+/).filter(Boolean).map(norm)).filter((c) => c.length > 0);
}

/** The name of a law, an offence or a charge. */
const legalName: Rule = (site, data) => {
  const rule = data['legal-name'];
  const before = prepareCues(rule.before);
  const after = prepareCues(rule.after);
  // words before, cut at the end of the previous sentence (a cue such as "Sec." or "U.S.C." or a
  // section number such as 725.1 does not end a sentence)
  const raw = wordsBefore(site, rule.window + 3);
  const cueWords = new Set(before.flat().map((w) => w.toLowerCase()));
  let cut = 0;
  for (let i = raw.length - 1; i >= 0; i--) {
    const w = raw[i];
    if (SENTENCE_END.test(w) && !cueWords.has(norm(w).toLowerCase()) && !/\p{L}\.\p{L}/u.test(w)) {
      cut = i + 1;
      break;
    }
  }
  const prev = raw.slice(Math.max(cut, raw.length - rule.window));
  for (let i = 0; i < prev.length; i++) for (const cue of before) if (cueMatches(cue, prev, i)) return true;
  const next = wordsAfter(site, 3);
  if (next.length && SENTENCE_END.test(site.text.slice(site.end, site.end + 1))) return false;
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
  const determiners = new Set(data['proper-noun'].determiners);
  const { before, after } = lineBounds(site.text, site.start, site.end);
  // a capitalised word follows: "Hooker County", "Hooker, Oklahoma"
  if (/^[ \t]*,?[ \t]+\p{Lu}\p{Ll}/u.test(after) || /^,\p{Lu}\p{Ll}/u.test(after)) return true;
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
