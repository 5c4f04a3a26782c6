/**
 * Abbreviated agency names, for `orgs dupes`: "ISP" and "Iowa State Patrol", "Iowa DOT MVE" and
 * "Iowa Department of Transportation - Motor Vehicle Enforcement", "Mtr Carrier Enf." and "Motor
 * Carrier Enforcement", "Polk County S.O." and "Polk County Sheriff's Office", "Department of Public
 * Safety" and "Iowa Department of Public Safety".
 *
 * These are suggestions, never identity. An acronym is ambiguous in general ("ISP" is the Iowa State
 * Patrol in Iowa and the Illinois State Police next door; "PCSO" is Polk's or Pottawattamie's
 * sheriff), so imports keep such names apart (the identity key, `orgKey`, does not read acronyms)
 * and a coordinator decides with `orgs merge`. The caller (dupes.ts) only compares two names of one
 * state, in one city or where one has none, of sectors that agree.
 *
 * Two names abbreviate each other when their words line up one by one, where a word may be:
 * - the same word, or a shortened form of it that the identity key leaves alone (`WORDS`: "Mtr" →
 *   motor, "Enf" → enforcement, "Cnty" → county, "St." after the state's name → state);
 * - an acronym standing for a run of at least two words of the other name: the initials of the
 *   run, where "of", "the", "for" and filler words ("Department", "Office") may count or not (DOT
 *   is Department Of Transportation, DPS is Department of Public Safety), and where the state's
 *   name counts as its initial or its postal code ("ISP", "MoDOT"); a run never holds the name of
 *   another state ("ISP" is not the Illinois State Police for an Iowa record);
 * - the state's own name and its postal code ("IA State Patrol", "Iowa State Patrol");
 * - left out: "of", "the", filler words, and the state's name at the start ("Department of Public
 *   Safety" for an Iowa record), but not before City or County ("Iowa City Police Department" is a
 *   city's police).
 * Dotted letters are read as one word first ("S.O." → SO → sheriff's office, "P.D.", "I.S.P.").
 *
 * Which words may be acronyms: in a name written in mixed case, those written in capitals ("DOT",
 * "ISP", "MnDOT"), so that "Ace Trucking" is not read as three words; in a name written all in
 * capitals or all in lower case, any word of two to five letters.
 *
 * Speed: every name gets its signatures, the letter strings its words can spell (each word its
 * initial, an acronym its letters, "of" and filler words their initial or nothing, the state its
 * initial, postal code or nothing). Two names that line up share a signature, so only names sharing
 * a signature in one state are compared (dupes.ts), word by word, by `abbreviationMatch`.
 */
import { inferSector, orgKey, type SectorGuess } from '../normalize/sector.js';
import { STATES } from '../states.js';

/** Shortened words of agency names that the identity key does not expand (sector.ts, ORG_WORDS,
 * expands "Dept", "PD", "SO", "Hwy", "Twp", "Co." before Sheriff… at import already). Each one
 * stands for a single word in an organization's name. Left out on purpose: "Cty" (city or county),
 * "Cnt" (county, center, count), "Gov" (government, governor), "Trans" (transport, transportation,
 * transit), "Comm" (commission, communications, community), "Inv"/"Invest" (investigations,
 * investments), "Pub" (public, or a pub). */
const WORDS = new Map<string, string>(Object.entries({
  mtr: 'motor', veh: 'vehicle', vehs: 'vehicles', enf: 'enforcement', enfc: 'enforcement', enfmt: 'enforcement', enfcmt: 'enforcement', enforc: 'enforcement',
  cnty: 'county', div: 'division', ptrl: 'patrol', sfty: 'safety', crim: 'criminal', transp: 'transportation', trnsp: 'transportation',
  govt: 'government', bur: 'bureau', trk: 'truck', trkg: 'trucking', frt: 'freight', hwys: 'highways',
}));

/** Words that may count in an acronym or not, and may be left out of a name. */
const OPTIONAL = new Set(['of', 'the', 'for', 'office', 'offices', 'department', 'inc', 'incorporated', 'llc', 'ltd', 'corp', 'corporation', 'company']);

/** A state's name read as part of a longer place name: "Iowa City", "Kansas City", "Washington
 * County". Such a state name is neither left out nor taken for another state. */
const PLACE_AFTER_STATE = new Set(['city', 'county']);

/** Names longer than this (in words) are not compared: no agency's name is that long. */
const MAX_WORDS = 24;
/** At most this many signatures a name (a long name with many optional words or acronyms). */
const MAX_SIGNATURES = 64;

interface Word {
  /** the word as the identity key wrote it, expanded ("motor"); the state's name is STATE */
  w: string;
  /** as written before expanding ("mtr"), to tell an abbreviation from the same word */
  orig: string;
  /** what the word may contribute to a signature or to another name's acronym; '' = nothing */
  spells: string[];
  /** the letters, when the word may stand for a run of words of the other name */
  acronym: string | null;
  /** may be left out */
  optional: boolean;
  /** another state's name: never part of a run */
  foreign: boolean;
  state: boolean;
}

export interface NameForm {
  words: Word[];
  signatures: string[];
  /** has anything this module reads: an acronym, a shortened word, dotted letters or the state's
   * name. Two names with nothing of that are left to the other rules of `orgs dupes`. */
  abbreviated: boolean;
  /** dotted letters were joined ("S.O."): the identity key read the name another way */
  dotted: boolean;
  /** the record's state (its name in words, initials and postal code), when it has one */
  state: StateWords | undefined;
  /** words other than optional ones and the state's name */
  significant: number;
}

const STATE = '\u0001state';

interface StateWords {
  code: string;
  /** its name in words ("new", "york") */
  words: string[];
  initials: string;
  postal: string;
}

const stateWords: StateWords[] = STATES.map((s) => {
  const words = s.name.toLowerCase().replace(/[^a-z ]/g, '').split(' ');
  return { code: s.code, words, initials: words.map((x) => x[0]).join(''), postal: s.code.toLowerCase() };
});
const stateByCode = new Map(stateWords.map((s) => [s.code, s]));
const stateByFirstWord = new Map<string, StateWords[]>();
for (const s of stateWords) stateByFirstWord.set(s.words[0], [...(stateByFirstWord.get(s.words[0]) ?? []), s]);

/** "S.O." → "SO", "I. S. P." → "ISP", "U.S." → "US": dotted single letters are one word. */
export function joinDottedLetters(name: string): string {
  if (!name.includes('.')) return name;
  return name.replace(/(?<![A-Za-z0-9])[A-Za-z](?:\.\s?[A-Za-z])+\.?(?![A-Za-z0-9])/g, (m) => m.replace(/[^A-Za-z]/g, ''));
}

const NONE: ReadonlySet<string> = new Set();

/** The words of a name that may be acronyms, lower-cased. */
function acronymWords(name: string): ReadonlySet<string> {
  const mixed = /[a-z]/.test(name) && /[A-Z]/.test(name);
  // Most names: mixed case without two capitals in a row.
  if (mixed && !/[A-Z]{2}/.test(name)) return NONE;
  const plain = name.replace(/['’‘`]/g, '');
  const out = new Set<string>();
  for (const w of plain.split(/[^A-Za-z0-9]+/)) {
    if (!/^[A-Za-z]{2,8}$/.test(w)) continue;
    if (mixed ? /^[A-Z]+$/.test(w) || /^[A-Z][a-z]{0,3}[A-Z]{2,}$/.test(w) : w.length <= 5) out.add(w.toLowerCase());
  }
  return out;
}

/** The words of a name as `abbreviationMatch` reads them, and its signatures. `nameKey` is the
 * stored orgKey(name), when the caller has it (read again only for dotted letters). Not
 * remembered: `orgs dupes` reads each organization once. */
export function nameForm(name: string, state: string | null, nameKey?: string): NameForm {
  const code = (state ?? '').toUpperCase();
  const joined = joinDottedLetters(name);
  const dotted = joined !== name;
  const acronyms = acronymWords(joined);
  const keys = (nameKey !== undefined && !dotted ? nameKey : orgKey(joined)).split(' ');
  if (keys.length === 1 && keys[0] === '') keys.length = 0;
  const own = stateByCode.get(code);
  const words: Word[] = [];
  for (let i = 0; i < keys.length; i++) {
    // The state's own name (anywhere) or postal code (first): one word.
    const ownLen = own && startsWith(keys, i, own.words) ? own.words.length : own && i === 0 && keys.length > 1 && keys[0] === own.code.toLowerCase() ? 1 : 0;
    if (ownLen) {
      const place = PLACE_AFTER_STATE.has(keys[i + ownLen] ?? '');
      const spells = [own!.initials, ...(own!.postal !== own!.initials ? [own!.postal] : []), ...(i === 0 && !place && keys.length > ownLen ? [''] : [])];
      words.push({ w: STATE, orig: keys.slice(i, i + ownLen).join(' '), spells, acronym: null, optional: spells.includes(''), foreign: false, state: true });
      i += ownLen - 1;
      continue;
    }
    // Another state's name at the start (or any state's, when the record has none).
    if (i === 0 && !PLACE_AFTER_STATE.has(keys[1] ?? '')) {
      const other = stateByFirstWord.get(keys[0])?.find((s) => s.code !== code && startsWith(keys, 0, s.words) && !PLACE_AFTER_STATE.has(keys[s.words.length] ?? ''));
      if (other) {
        for (const x of other.words) words.push(plainWord(x, x, false, true));
        i += other.words.length - 1;
        continue;
      }
    }
    const k = keys[i];
    let w = WORDS.get(k) ?? k;
    // "Iowa St. Patrol": the key read St. as Saint; after the state's name it is State.
    if (k === 'saint' && words.length === 1 && words[0].state) w = 'state';
    words.push(plainWord(w, k, w === k && acronyms.has(k), false));
  }
  let abbreviated = dotted;
  let significant = 0;
  for (const x of words) {
    if (x.state || x.acronym !== null || x.w !== x.orig) abbreviated = true;
    if (!x.optional && !x.state) significant++;
  }
  return { words, signatures: words.length <= MAX_WORDS ? signatures(words) : [], abbreviated, dotted, state: own, significant };
}

/** The sector a name suggests with its abbreviations spelled out ("Mtr Carrier Enf." is motor
 * carrier enforcement, not a carrier). */
export function spelledOutSector(form: NameForm): SectorGuess | null {
  return inferSector(form.words.map((x) => (x.state ? form.state!.words.join(' ') : x.w)).join(' '));
}

function startsWith(keys: string[], at: number, words: string[]): boolean {
  for (let j = 0; j < words.length; j++) if (keys[at + j] !== words[j]) return false;
  return true;
}

/** Words as most names have them (not an acronym, not shortened, not a state): shared, since a
 * directory repeats "county", "police", "department" thousands of times. Bounded. */
const commonWords = new Map<string, Word>();

function plainWord(w: string, orig: string, acronym: boolean, foreign: boolean): Word {
  const common = w === orig && !acronym && !foreign;
  if (common) {
    const known = commonWords.get(w);
    if (known) return known;
  }
  // Store numbers and other figures spell themselves whole: they must be the same on both sides.
  const first = /\d/.test(w) ? w : w[0];
  const optional = OPTIONAL.has(w);
  const spells = optional ? ['', first] : acronym ? [first, w] : [first];
  const word: Word = { w, orig, spells, acronym: acronym ? w : null, optional, foreign, state: false };
  if (common) {
    if (commonWords.size >= 50_000) commonWords.clear();
    commonWords.set(w, word);
  }
  return word;
}

/** Every letter string the words can spell (bounded: past the bound, a word spells its first way). */
function signatures(words: Word[]): string[] {
  if (words.every((x) => x.spells.length === 1)) {
    const one = words.map((x) => x.spells[0]).join('');
    return one.length >= 2 ? [one] : [];
  }
  let out = [''];
  for (const x of words) {
    const spells = out.length * x.spells.length > MAX_SIGNATURES ? x.spells.slice(0, 1) : x.spells;
    const next: string[] = [];
    for (const s of out) for (const sp of spells) next.push(s + sp);
    out = next;
  }
  return [...new Set(out)].filter((s) => s.length >= 2);
}

/** An acronym for a run of words, or a shortened word, or the dotted letters. */
export const ABBREVIATION = 1;
/** The state's name left out at the start of one name. */
export const STATE_LEFT_OUT = 2;

/**
 * How two names of one state line up: ABBREVIATION when one abbreviates the other, STATE_LEFT_OUT
 * when one only leaves out the state's name, 0 when they line up without either (the same name but
 * for filler words: another rule's pair), -1 when they do not line up.
 */
export function abbreviationMatch(a: NameForm, b: NameForm): number {
  const A = a.words;
  const B = b.words;
  if (A.length > MAX_WORDS || B.length > MAX_WORDS) return -1;
  const memoed = new Map<number, number>();
  // The best flags for aligning A[i..] with B[j..], -1 when they cannot be.
  const go = (i: number, j: number): number => {
    if (i === A.length && j === B.length) return 0;
    const key = i * 32 + j;
    const known = memoed.get(key);
    if (known !== undefined) return known;
    let best = -1;
    const take = (rest: number, flags: number) => {
      if (rest >= 0 && rank(rest | flags) > rank(best)) best = rest | flags;
    };
    const x = A[i];
    const y = B[j];
    if (x && y && x.w === y.w) take(go(i + 1, j + 1), x.orig !== y.orig ? ABBREVIATION : 0);
    if (x?.optional) take(go(i + 1, j), x.state ? STATE_LEFT_OUT : 0);
    if (y?.optional) take(go(i, j + 1), y.state ? STATE_LEFT_OUT : 0);
    if (x?.acronym) for (const end of runs(B, j, x.acronym)) take(go(i + 1, end), ABBREVIATION);
    if (y?.acronym) for (const end of runs(A, i, y.acronym)) take(go(end, j + 1), ABBREVIATION);
    memoed.set(key, best);
    return best;
  };
  const flags = go(0, 0);
  if (flags < 0) return -1;
  if (flags & ABBREVIATION) return ABBREVIATION;
  if (a.dotted || b.dotted) return ABBREVIATION;
  // Leaving out the state's name only: the rest must still say what the agency is ("State Patrol",
  // "Department of Public Safety"), not be one word that could name anything.
  if (flags & STATE_LEFT_OUT) return Math.min(a.significant, b.significant) >= 2 ? STATE_LEFT_OUT : -1;
  return 0;
}

/** An abbreviation beats leaving out the state (the reason shown names the stronger finding). */
const rank = (f: number) => (f < 0 ? -1 : (f & ABBREVIATION ? 2 : 0) + (f & STATE_LEFT_OUT ? 1 : 0));

/** The ends of the runs of words from `start` whose initials (or letters) spell `letters`: at least
 * two words that spell something, starting and ending with one, none of them another state's name. */
function runs(words: Word[], start: number, letters: string): number[] {
  const out: number[] = [];
  const walk = (k: number, at: number, spelled: number) => {
    const x = words[k];
    if (!x || x.foreign) return;
    for (const sp of x.spells) {
      if (sp === '') {
        if (at > 0) walk(k + 1, at, spelled);
      } else if (letters.startsWith(sp, at)) {
        if (at + sp.length === letters.length) {
          if (spelled + 1 >= 2 && !out.includes(k + 1)) out.push(k + 1);
        } else walk(k + 1, at + sp.length, spelled + 1);
      }
    }
  };
  walk(start, 0, 0);
  return out;
}
