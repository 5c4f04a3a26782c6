/** The language check's core: a table of texts that must be flagged (with what) and texts that
 * must pass, including the false-positive traps (places, surnames, the names of laws). */
import { describe, expect, it } from 'vitest';
import { applyFixes, builtinTerms, lintText, matchCase, mergeTerms, parseTermList, type TextFormat } from '../../src/core/lint/index.js';

const terms = builtinTerms();
const flagged = (text: string, format: TextFormat = 'text') => lintText(text, terms, format).map((f) => [f.match, f.term]);
const fixed = (text: string, format: TextFormat = 'text') => applyFixes(text, lintText(text, terms, format)).text;

describe('flags what an advocate would flag', () => {
  it.each([
    ['She was a prostitute at the truck stop.', [['prostitute', 'prostitute']]],
    ['Prostitutes are often trafficked.', [['Prostitutes', 'prostitute']]],
    ['PROSTITUTE', [['PROSTITUTE', 'prostitute']]],
    ["the prostitute's pimp", [['prostitute', 'prostitute'], ['pimp', 'pimp']]],
    ['Police found a child prostitute.', [['child prostitute', 'child prostitute']]],
    ['three child prostitutes', [['child prostitutes', 'child prostitute']]],
    ['an underage prostitute', [['underage prostitute', 'child prostitute']]],
    ['a teen prostitute', [['teen prostitute', 'teen prostitute']]],
    ['teenage-prostitutes', [['teenage-prostitutes', 'teen prostitute']]],
    ['She was a child sex worker.', [['child sex worker', 'child sex worker']]],
    ['underage sex workers', [['underage sex workers', 'child sex worker']]],
    ['She was forced into prostitution.', [['prostitution', 'prostitution']]],
    ['child prostitution at truck stops', [['child prostitution', 'child prostitution']]],
    ['Drivers call them lot lizards.', [['lot lizards', 'lot lizard']]],
    ['a lot-lizard', [['lot-lizard', 'lot lizard']]],
    ['Lot Lizard', [['Lot Lizard', 'lot lizard']]],
    ['LOT  LIZARDS', [['LOT LIZARDS', 'lot lizard']]],
    ['lot\nlizard', [['lot lizard', 'lot lizard']]],
    ['lot – lizard', [['lot – lizard', 'lot lizard']]],
    ['a working girl', [['working girl', 'working girl']]],
    ['Working-Girls', [['Working-Girls', 'working girl']]],
    ['hookers at the fuel island', [['hookers', 'hooker']]],
    ['She is a hooker.', [['hooker', 'hooker']]],
    ['She is a Hooker.', [['Hooker', 'hooker']]],
    ['Hooker seen at exit 12', [['Hooker', 'hooker']]],
    ['left the stop. Hooker was seen', [['Hooker', 'hooker']]],
    ['The Hookers on channel 19', [['Hookers', 'hooker']]],
    ['HOOKER', [['HOOKER', 'hooker']]],
    ['| a hooker | seen |', [['hooker', 'hooker']]],
    ['Hooker', [['Hooker', 'hooker']]],
    ['her pimp took the money', [['pimp', 'pimp']]],
    ['traded child porn online', [['child porn', 'child pornography']]],
    ['call girls, streetwalkers and street-walkers', [['call girls', 'call girl'], ['streetwalkers', 'streetwalker'], ['street-walkers', 'streetwalker']]],
    ['(prostitute)', [['prostitute', 'prostitute']]],
    ['**prostitute**', [['prostitute', 'prostitute']]],
    ['_hooker_', [['hooker', 'hooker']]],
    ['"prostitute"', [['prostitute', 'prostitute']]],
    ['Victims are arrested for theft. Prostitution is not a choice.', [['Prostitution', 'prostitution']]],
    ['prostitution and law enforcement', [['prostitution', 'prostitution']]],
  ])('%j', (text, expected) => {
    expect(flagged(text)).toEqual(expected);
  });
});

describe('passes clean: the traps', () => {
  it.each([
    // places
    'Hooker County, Nebraska, has one truck stop.',
    'the Hooker County Sheriff',
    'Hooker County is in the Sandhills',
    'Guymon and Hooker, Oklahoma',
    'a stop near Hooker, OK on US-54',
    // surnames
    'Officer Hooker will present.',
    'John Hooker, Nebraska State Patrol',
    'Sgt. Hooker and Lt. Ramos',
    'Mr. Hooker',
    'We called Hooker about the schedule.',
    'Thanks to Deputy Hooker!',
    '| Hooker | Sheriff | (402) 555-0100 |',
    'Kowalski\tHooker\tNE',
    // laws and charges
    'Iowa Code § 725.1 Prostitution',
    'Iowa Code §725.1 (prostitution)',
    'charged under the prostitution statute',
    'She had prostitution charges vacated.',
    'Vacating prostitution convictions of survivors',
    'prostitution-related charges',
    'He was charged with prostitution.',
    'a conviction for prostitution',
    'Section 3: Prostitution',
    '18 U.S.C. § 2421 (transportation for prostitution)',
    'the "Prostitution and Trafficking Act"',
    'the report “Prostitution Courts in America”',
    'the Child Prostitution Act',
    'convicted of possession of child pornography',
    '18 U.S.C. § 2252A (child pornography)',
    // not inside other words; not other word forms
    'prostituted persons',
    'a pimped-out rig',
    'pimping the truck',
    'Hookerton, NC',
    'parking lot lizardry',
    'hookery',
    'sex worker',
    'victim, survivor, person being trafficked',
    // addresses
    'See https://www.hooker-county.example/prostitute for details',
    'write to jhooker@example.org or hooker@example.org',
  ])('%j', (text) => {
    expect(flagged(text)).toEqual([]);
  });
});

describe('formats', () => {
  it('Markdown: code spans, fences, link targets and comments are not prose', () => {
    const md = ['# Flyer', 'Do not say `prostitute`; say victim.', '```', 'prostitute', '```', '[the county](https://example.org/hooker)', '<!-- prostitute -->', 'A lot lizard is a victim.'].join('\n');
    expect(lintText(md, terms, 'markdown').map((f) => [f.line, f.column, f.match])).toEqual([[8, 3, 'lot lizard']]);
  });

  it('HTML: visible text only, with line and column in the original file', () => {
    const html = [
      '<!doctype html>',
      '<html><head><title>Flyer</title><style>.prostitute { color: red }</style></head>',
      '<body class="hooker">',
      '  <p title="prostitute">Truckers see <b>lot</b>&nbsp;lizards and <em>prostitutes</em>.</p>',
      '  <script>const hooker = 1;</script>',
      '  <!-- prostitute -->',
      '  <p><%= it.prostitute %> Hooker County</p>',
      '</body></html>',
    ].join('\n');
    const line4 = html.split('\n')[3];
    expect(lintText(html, terms, 'html').map((f) => [f.line, f.column, f.match])).toEqual([
      [4, line4.indexOf('lot</b>') + 1, 'lot lizards'],
      [4, line4.indexOf('prostitutes') + 1, 'prostitutes'],
    ]);
  });

  it('HTML: <code> is a quotation, as a Markdown code span is', () => {
    expect(lintText('<p>We no longer say <code>lot lizard</code>; we say victim.</p>', terms, 'html')).toEqual([]);
  });

  it('lint-ignore markers exclude a documented quotation in any format', () => {
    const text = ['We say prostitute. <!-- lint-ignore-line -->', '<!-- lint-ignore-next-line -->', 'hooker', 'lint-ignore-start', 'lot lizard', 'working girl', 'lint-ignore-end', 'pimp'].join('\n');
    expect(lintText(text, terms, 'markdown').map((f) => [f.line, f.match])).toEqual([[8, 'pimp']]);
  });

  it('counts columns in characters, not bytes', () => {
    expect(lintText('Ünïcödé — prostitute', terms).map((f) => f.column)).toEqual([11]);
  });
});

describe('suggestions and --fix', () => {
  it.each([
    ['a prostitute', 'a victim'],
    ['Prostitutes need help', 'Victims need help'],
    ['PROSTITUTE', 'VICTIM'],
    ['an underage prostitute', 'a sexually exploited child'],
    ['An Underage Prostitute', 'A Sexually Exploited Child'],
    ['child prostitutes', 'sexually exploited children'],
    ['a teen prostitute', 'a sexually exploited youth'],
    ['Lot Lizards', 'Victims'],
    ['a lot-lizard', 'a victim'],
    ['A hooker', 'A victim'],
    ['her pimp', 'her trafficker'],
    ['Child pornography was found', 'Child sexual abuse material was found'],
    ['an pimp', 'a trafficker'],
    ['a pimp', 'a trafficker'],
    ['forced into prostitution', 'forced into prostitution'],
    ['to prostitute herself', 'to prostitute herself'],
    ['Hooker County', 'Hooker County'],
  ])('%j → %j', (text, expected) => {
    expect(fixed(text)).toBe(expected);
  });

  it('suggests in the number and case of the match, and explains why', () => {
    const [f] = lintText('Lot Lizards', terms);
    expect(f).toMatchObject({ term: 'lot lizard', suggestion: 'Victims', suggestions: ['victim', 'person being trafficked at truck stops'] });
    expect(f.note).toMatch(/Trucking slang/);
    const [p] = lintText('forced into prostitution', terms);
    expect(p).toMatchObject({ suggestion: 'sex trafficking', fix: null });
  });

  it.each([
    ['victim', 'Prostitute', 'Victim'],
    ['sexually exploited child', 'CHILD PROSTITUTE', 'SEXUALLY EXPLOITED CHILD'],
    ['victims', 'lot lizards', 'victims'],
  ])('matchCase(%j, %j) = %j', (rep, match, expected) => expect(matchCase(rep, match)).toBe(expected));

  it('keeps the rest of the text byte for byte', () => {
    const text = 'Line one.\r\nA prostitute — and a hooker.\r\n';
    expect(fixed(text)).toBe('Line one.\r\nA victim — and a victim.\r\n');
  });
});

describe('term lists', () => {
  it('every built-in entry has suggestions and a note', () => {
    for (const t of terms.terms) {
      expect(t.suggestions.length).toBeGreaterThan(0);
      expect(t.note.length).toBeGreaterThan(20);
    }
  });

  it('a coordinator list extends and overrides the built-in one', () => {
    const extra = parseTermList(JSON.stringify({ terms: [{ term: 'trick', suggestions: ['buyer'], fix: 'buyer' }, { term: 'pimp', suggestions: ['exploiter'] }] }), 'mine.json', false);
    const merged = mergeTerms(terms, extra);
    expect(lintText('a trick and a pimp', merged).map((f) => [f.match, f.suggestion])).toEqual([['trick', 'buyer'], ['pimp', 'exploiter']]);
    expect(applyFixes('two tricks', lintText('two tricks', merged)).text).toBe('two buyers');
  });

  it.each([
    ['not json', /not valid JSON/],
    ['{"terms": 3}', /field "terms": expected a "terms" list/],
    ['{"terms": [{"term": "x"}]}', /terms\[0\]\.suggestions/],
    ['{"terms": [{"term": "", "suggestions": ["a"]}]}', /terms\[0\]\.term/],
    ['{"terms": [{"term": "x", "suggestions": ["a"], "allow": ["nope"]}]}', /unknown rule "nope"/],
    ['{"terms": [{"term": "x", "suggestions": ["a"], "fix": 3}]}', /terms\[0\]\.fix/],
    ['{"terms": [{"term": "x", "suggestions": ["a"]}, {"term": "X", "suggestions": ["b"]}]}', /listed twice/],
  ])('refuses %j', (text, message) => {
    expect(() => parseTermList(text, 'mine.json', false)).toThrow(message);
    expect(() => parseTermList(text, 'mine.json', false)).toThrow(/^mine\.json/);
  });
});
