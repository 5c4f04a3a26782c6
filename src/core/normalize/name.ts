/**
 * People's names as they arrive in registration exports and sign-in sheets: "Lt. Maria Kowalski",
 * "KOWALSKI, MARIA", "Sgt.  John  Smith Jr.", "Dr. Ana Peña".
 *
 * Where the words go (the schema has both columns):
 * - `title` holds a rank or a position, what the person *is* at their agency: Lt., Sgt., Cpl.,
 *   Deputy, Trooper, Officer, Investigator, Det., Chief, Sheriff, Capt., Major, Agent, Special Agent,
 *   Attorney General, General Manager, GM…
 *   It is the same column a "Job Title" / "Title / Rank" header fills, and contact lists print it.
 * - `prefix` holds a courtesy form of address: Mr., Mrs., Ms., Miss, Mx., Dr., Rev., Hon., Prof.,
 *   Pastor, Father, Sister.
 * - `suffix` keeps generational and professional suffixes: Jr., Sr., II, III, IV, Esq., Ph.D., M.D.
 *
 * Leading rank words are taken only when a name is left after them ("Major Smith" → title Major,
 * last Smith; "Major" alone stays a name). A middle name or initial stays with the first name
 * ("John Q." ); lower-case surname particles stay with the last name ("Ana de la Cruz").
 */
import { dict, foldAccents, squash } from './text.js';

export interface NameParts {
  prefix: string | null;
  title: string | null;
  first: string | null;
  last: string | null;
  suffix: string | null;
}

/** Ranks and positions → how they are written. Keys are lower-case without dots. */
const TITLES: Record<string, string> = dict({
  lt: 'Lt.', lieut: 'Lt.', lieutenant: 'Lieutenant', sgt: 'Sgt.', sergeant: 'Sergeant', cpl: 'Cpl.', corporal: 'Corporal',
  capt: 'Capt.', cpt: 'Capt.', captain: 'Captain', maj: 'Maj.', major: 'Major', col: 'Col.', colonel: 'Colonel',
  ltcol: 'Lt. Col.', cmdr: 'Cmdr.', commander: 'Commander', deputy: 'Deputy', dep: 'Deputy', trooper: 'Trooper', tpr: 'Tpr.',
  officer: 'Officer', ofc: 'Ofc.', off: 'Officer', ptl: 'Ptl.', patrolman: 'Patrolman', investigator: 'Investigator', inv: 'Inv.',
  det: 'Det.', detective: 'Detective', chief: 'Chief', sheriff: 'Sheriff', undersheriff: 'Undersheriff', agent: 'Agent',
  special: 'Special', sa: 'SA', ssa: 'SSA', inspector: 'Inspector', insp: 'Insp.', marshal: 'Marshal', constable: 'Constable',
  sr: 'Sr.', senior: 'Senior', master: 'Master', assistant: 'Assistant', asst: 'Asst.', director: 'Director', dir: 'Dir.',
  superintendent: 'Superintendent', supt: 'Supt.', commissioner: 'Commissioner', ranger: 'Ranger', sgtmaj: 'Sgt. Maj.',
  senator: 'Senator', sen: 'Sen.', representative: 'Representative', rep: 'Rep.', mayor: 'Mayor', governor: 'Governor', gov: 'Gov.',
  general: 'General', gen: 'Gen.', judge: 'Judge', attorney: 'Attorney', ag: 'AG', gm: 'GM',
});
/** Title words that only count after another title word ("Special Agent", "Senior Trooper"). */
const TITLE_MODIFIERS = new Set(['special', 'senior', 'master', 'assistant', 'asst', 'sr', 'general']);

const PREFIXES: Record<string, string> = dict({
  mr: 'Mr.', mrs: 'Mrs.', ms: 'Ms.', miss: 'Miss', mx: 'Mx.', dr: 'Dr.', doctor: 'Dr.', rev: 'Rev.', reverend: 'Rev.',
  hon: 'Hon.', honorable: 'Hon.', prof: 'Prof.', professor: 'Prof.', pastor: 'Pastor', fr: 'Fr.', father: 'Father', sister: 'Sister',
});

const SUFFIXES: Record<string, string> = dict({
  jr: 'Jr.', junior: 'Jr.', sr: 'Sr.', senior: 'Sr.', ii: 'II', iii: 'III', iv: 'IV', esq: 'Esq.', phd: 'Ph.D.', md: 'M.D.',
  cpa: 'CPA', rn: 'RN', lcsw: 'LCSW', ret: '(Ret.)',
});

const PARTICLES = new Set(['de', 'da', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'van', 'von', 'st', 'st.', 'ten', 'ter', 'dos', 'das', 'bin', 'ibn', 'al']);

function wordKey(w: string): string {
  const l = w.toLowerCase();
  return l.includes('.') || l.includes(',') || l.includes('(') || l.includes(')') ? l.replace(/[.,()]/g, '') : l;
}

/**
 * Tidies one name: trims, collapses spaces, strips stray quotes and edge punctuation, and gives
 * ALL-CAPS or all-lower-case names their usual capitals (McDonald, O'Brien, Smith-Jones). Names that
 * already mix cases are left as typed ("DeShawn", "van der Berg"). Empty → null.
 */
export function cleanName(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  let t = squash(String(s));
  if (EDGE_TEST.test(t)) t = t.replace(EDGE, '');
  if (t.includes('-')) t = t.replace(/\s*-\s*/g, '-');
  const ascii = ASCII.test(t);
  if (!t || !(ascii ? /[A-Za-z\d]/ : /[\p{L}\d]/u).test(t)) return null;
  const letters = ascii ? t.replace(/[^A-Za-z]/g, '') : t.replace(/[^\p{L}]/gu, '');
  const allLower = letters === letters.toLowerCase();
  if (letters.length > 1 && (allLower || letters === letters.toUpperCase())) {
    return t
      .split(' ')
      .map((w, i) => (i > 0 && PARTICLES.has(w.toLowerCase()) ? w.toLowerCase() : SUFFIX_CAPS.has(w.toUpperCase().replace(/\./g, '')) && i > 0 ? w.toUpperCase() : recase(w)))
      .join(' ');
  }
  // Mixed case: only SHOUTED words of three letters or more are given their capitals ("Mary SMITH").
  if (ascii && !/[A-Z]{3}/.test(t)) return t;
  return t
    .split(' ')
    .map((w) => {
      const l = ascii ? w.replace(/[^A-Za-z]/g, '') : w.replace(/[^\p{L}]/gu, '');
      return l.length >= 3 && l === l.toUpperCase() && !SUFFIX_CAPS.has(l) ? recase(w) : w;
    })
    .join(' ');
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
const EDGE_TEST = /^["'“”‘’`,;:\-\s]|["“”`,;:\s]$/;
const EDGE = /^["'“”‘’`,;:\-\s]+|["“”`,;:\s]+$/g;

const SUFFIX_CAPS = new Set(['II', 'III', 'IV', 'MD', 'PHD', 'CPA', 'RN', 'LCSW', 'ESQ', 'DPS', 'HSI', 'FBI', 'DOT', 'MVE']);

function recase(t: string): string {
  return t
    .toLowerCase()
    .replace(/(^|[\s\-'’.(])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/\b(Mc)(\p{L})/gu, (_m, mc: string, ch: string) => mc + ch.toUpperCase())
    .replace(/(\p{L})'S\b/gu, "$1's");
}

/** Splits a full name into its parts. See the module comment for where ranks and prefixes go. */
export function splitFullName(full: string | null | undefined): NameParts {
  if (full === null || full === undefined) return { prefix: null, title: null, first: null, last: null, suffix: null };
  return split(String(full));
}

// Not memoized: names are nearly all different, so a cache would only cost.
const SIMPLE = /^([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?) ([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*)$/;
const SIMPLE_COMMA = /^([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*), ([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)$/;

function split(full: string): NameParts {
  // Fast path for the usual "Maria Kowalski" / "Kowalski, Maria" (no rank, no suffix, tidy case).
  const simple = SIMPLE.exec(full);
  if (simple && !TITLES[simple[1].toLowerCase()] && !PREFIXES[simple[1].toLowerCase()] && !SUFFIXES[simple[2].toLowerCase()]) {
    return { prefix: null, title: null, first: simple[1], last: simple[2], suffix: null };
  }
  const comma = SIMPLE_COMMA.exec(full);
  if (comma && !TITLES[comma[2].toLowerCase()] && !PREFIXES[comma[2].toLowerCase()] && !SUFFIXES[comma[2].toLowerCase()]) {
    return { prefix: null, title: null, first: comma[2], last: comma[1], suffix: null };
  }
  const parts: NameParts = { prefix: null, title: null, first: null, last: null, suffix: null };
  const cleaned = cleanName(withoutQuotedNickname(full));
  if (!cleaned) return parts;
  let text = cleaned;
  // A nickname in double quotes: after a first name it is dropped like an aside ('John "Jack" Smith'
  // → John Smith); a quoted first word is the name the person goes by ('"Bud" O'Neil' → Bud O'Neil).
  if (/["“”]/.test(text)) text = squash(text.replace(/(\S\s+)["“”][^"“”]*["“”](?=\s)/g, '$1').replace(/["“”]/g, ''));
  // Parenthesised nicknames and notes: "Robert (Bob) Smith" → drop the aside.
  if (text.includes('(')) text = squash(text.replace(/\([^)]*\)/g, ' ')).replace(/^,+|,+$/g, '').trim();
  // "Lt. Col." and similar written with a space.
  if (/\b(?:lt|sgt)\.?\s+(?:col|maj)\b/i.test(text)) text = text.replace(/\bLt\.?\s+Col\b\.?/i, 'LtCol').replace(/\bSgt\.?\s+Maj\b\.?/i, 'SgtMaj');

  const suffixes: string[] = [];
  let commaFirst: string | null = null;
  const commaParts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (commaParts.length > 1) {
    // "Smith, John", "Smith Jr., John", "John Smith, Jr.", "John Smith, Ph.D., M.D."
    const rest: string[] = [commaParts[0]];
    for (const p of commaParts.slice(1)) {
      const words = p.split(' ');
      if (words.every((w) => SUFFIXES[wordKey(w)] || /^\(?ret\.?\)?$/i.test(w))) suffixes.push(...words.map((w) => SUFFIXES[wordKey(w)] ?? w));
      else if (commaFirst === null && rest.length === 1) commaFirst = p;
      else rest.push(p);
    }
    text = rest.join(' ');
  }
  let words = text.split(' ').filter(Boolean);
  let firstWords: string[] = [];
  if (commaFirst !== null) {
    // Last-name part may carry suffixes ("Smith Jr."); the first-name part may carry ranks.
    while (words.length > 1 && SUFFIXES[wordKey(words[words.length - 1])]) suffixes.unshift(SUFFIXES[wordKey(words.pop()!)]);
    firstWords = commaFirst.split(' ').filter(Boolean);
    const lead = takeLeading(firstWords, 1);
    parts.prefix = lead.prefix;
    parts.title = lead.title;
    firstWords = lead.rest;
    while (firstWords.length > 1 && SUFFIXES[wordKey(firstWords[firstWords.length - 1])] && wordKey(firstWords[firstWords.length - 1]) !== 'sr') {
      suffixes.unshift(SUFFIXES[wordKey(firstWords.pop()!)]);
    }
    // A rank written before the surname ("Lt. Garcia, Ramon", as sign-in sheets are filled in).
    const before = takeLeading(words, 1);
    if (before.prefix || before.title) {
      parts.prefix ??= before.prefix;
      parts.title ??= before.title;
      words = before.rest;
    }
    parts.first = firstWords.join(' ') || null;
    parts.last = words.join(' ') || null;
  } else {
    const lead = takeLeading(words, 1);
    parts.prefix = lead.prefix;
    parts.title = lead.title;
    words = lead.rest;
    while (words.length > 1 && SUFFIXES[wordKey(words[words.length - 1])]) suffixes.unshift(SUFFIXES[wordKey(words.pop()!)]);
    if (words.length === 1) {
      // One word left: a surname when a rank or prefix stood before it ("Sgt. Smith"), else a first name.
      if (parts.title || parts.prefix) parts.last = words[0];
      else parts.first = words[0];
    } else if (words.length > 1) {
      let i = words.length - 1;
      while (i > 1 && PARTICLES.has(words[i - 1].toLowerCase())) i--;
      // "Mary Ann de la Cruz": particles must be lower-case or known prefixes of surnames.
      parts.first = words.slice(0, i).join(' ');
      parts.last = words.slice(i).join(' ');
    }
  }
  parts.suffix = suffixes.length ? [...new Set(suffixes)].join(' ') : null;
  return parts;
}

/** A nickname in double quotes ("Robert \"Bob\" Smith", "“Big” Jim Harlan") is an aside, as one in
 * parentheses is: dropped, unless less than a first and a last name would be left ("“Bud” O’Neil":
 * then it is the name the person goes by, and split() keeps it). cleanName would strip only the
 * quote at the edge and leave `Big” Jim` as a first name. */
function withoutQuotedNickname(full: string): string {
  if (!/["“”]/.test(full)) return full;
  const rest = full.replace(/["“”][^"“”]*["“”]/g, ' ');
  return rest.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 2 ? rest : full;
}

/** Takes leading prefixes and rank words while at least `keep` words remain for the name. */
function takeLeading(words: string[], keep: number): { prefix: string | null; title: string | null; rest: string[] } {
  const prefixes: string[] = [];
  const titles: string[] = [];
  let i = 0;
  while (i < words.length - keep) {
    const k = wordKey(words[i]);
    if (k === 'sr' && titles.length === 0 && prefixes.length === 0 && i + 1 < words.length - keep && TITLES[wordKey(words[i + 1])]) {
      titles.push('Sr.'); // "Sr. Trooper"
      i++;
      continue;
    }
    if (PREFIXES[k] && titles.length === 0) {
      prefixes.push(PREFIXES[k]);
      i++;
      continue;
    }
    if (k === 'general' && i + 1 < words.length - keep && wordKey(words[i + 1]) === 'manager' && prefixes.length === 0) {
      titles.push('General Manager');
      i += 2;
      continue;
    }
    if (k === 'general' && titles[titles.length - 1] === 'Attorney') {
      titles[titles.length - 1] = 'Attorney General';
      i++;
      continue;
    }
    if (TITLES[k] && !(k === 'sr')) {
      // A modifier ("Special", "Senior") counts only before another title word.
      if (TITLE_MODIFIERS.has(k) && !(i + 1 < words.length - keep && TITLES[wordKey(words[i + 1])])) break;
      titles.push(TITLES[k]);
      i++;
      continue;
    }
    break;
  }
  return { prefix: prefixes.length ? prefixes.join(' ') : null, title: titles.length ? titles.join(' ') : null, rest: words.slice(i) };
}

/**
 * The identity key of a person's name: lower case, accents, punctuation and single-letter initials
 * removed, so "José O'Brien", "JOSE OBRIEN" and "Jose  O’Brien" match. Middle names count; middle
 * initials do not.
 */
export function personKey(first: string | null | undefined, last: string | null | undefined): string {
  // Most names are plain letters ("Maria", "Kowalski"): their key is only lower case, without the
  // regular expressions and arrays below (measured on the names of bench/import.mjs: 45 ms per
  // 100,000 against 80).
  if ((first === null || first === undefined || PLAIN.test(first)) && (last === null || last === undefined || PLAIN.test(last))) {
    const f = first ? first.toLowerCase() : '';
    // A one-letter last name is an initial, and counts for nothing; a one-letter first name is kept.
    const l = last && last.length > 1 ? last.toLowerCase() : '';
    return f && l ? `${f} ${l}` : f || l;
  }
  const norm = (s: string | null | undefined) =>
    foldAccents(s ?? '')
      .toLowerCase()
      .replace(/['’‘`.]/g, '')
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1 || /\d/.test(w));
  const f = norm(first);
  const l = norm(last);
  // a first name that is only initials ("J.") still identifies something
  const firstKey = f.length ? f.join('') : foldAccents(first ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return [firstKey, l.join('')].filter(Boolean).join(' ');
}

const PLAIN = /^[A-Za-z]+$/;

/** "Lt. Maria Kowalski Jr." for printing. */
export function displayName(p: Partial<NameParts> & { first?: string | null; last?: string | null }): string {
  return [p.title ?? p.prefix, p.first, p.last, p.suffix].filter(Boolean).join(' ');
}
