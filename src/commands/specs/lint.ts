import type { CommandSpec } from '../spec.js';

export const lintSpecs: CommandSpec[] = [
  {
    name: 'lint',
    args: ['[files...]'],
    summary: 'check texts for stigmatizing terms and suggest victim-centered words (goal P1.7)',
    description: [
      'Checks plain text, Markdown and HTML (only the visible text) for the terms in data/terms.json',
      'and suggests a victim-centered replacement for each. "-" reads standard input; a folder checks',
      "its .md, .html and .txt files. Without files it checks the coalition's free-text fields",
      '(description, notes, activity notes) and the templates.',
      'Exit codes: 0 nothing flagged, 1 terms flagged, 2 usage error.',
      'To quote a term on purpose (training material that explains it), put "lint-ignore-line" on',
      'that line, "lint-ignore-next-line" on the line before, or wrap lines in "lint-ignore-start" /',
      '"lint-ignore-end" (inside an HTML or Markdown comment); in Markdown a term in a `code span` is',
      'a quotation.',
    ].join('\n'),
    options: [
      { flags: '--json', description: 'print one JSON object per finding (file, line, column, term, match, suggestion, note)' },
      { flags: '--terms <file>', description: 'add the terms of a JSON file (same shape as data/terms.json); repeatable', repeatable: true },
      { flags: '--fix', description: 'rewrite the files in place where the replacement is unambiguous; prints each change on stderr' },
      { flags: '--record', description: 'store the result for the coalition (-c) so that the report shows it under P1.7' },
    ],
    examples: [
      'coalition lint invitation.md',
      'coalition lint agenda.html press-release.md --json',
      'coalition lint - < notes.txt',
      'coalition lint --fix invitation.md',
      'coalition lint --terms our-terms.json flyer.md',
      'coalition lint -c ia-2026 --record',
    ],
    load: () => import('../lint.js'),
  },
];
