import { outputOptions, type CommandSpec } from '../spec.js';

const maxMiles = { flags: '--max-miles <miles>', description: 'how far to look for the nearest officers where a county has none', default: '60' };

export const contactsSpecs: CommandSpec[] = [
  {
    name: 'pair',
    summary: 'pair every truck stop of the coalition\'s state(s) with the officers it should call, and save it',
    description:
      'Officers of the stop\'s own county first (by FIPS code): the sheriff\'s office, then the police of the stop\'s city, then other local agencies; ' +
      'attendees of this build before others; people who agreed to share their contact details before others; up to 3 per stop. ' +
      'Where a county has no officer, the 2 nearest within --max-miles, marked "nearest". Pins always come first and are kept across runs. ' +
      'Re-running changes nothing unless the data or pins changed.',
    options: [
      maxMiles,
      { flags: '--pin <stop=person>', description: 'always list PERSON (id, e-mail or full name) first for STOP (id or exact name); repeat for more', repeatable: true },
      { flags: '--unpin <stop=person>', description: 'remove a pin; repeat for more', repeatable: true },
      { flags: '--dry-run', description: 'compute and show the summary without saving anything' },
      { flags: '--json', description: 'print the summary, the changes and the gaps as JSON' },
    ],
    examples: ['coalition pair', 'coalition pair -c ia-2026 --max-miles 45', 'coalition pair --pin 2=mkowalski@scottcounty.example', 'coalition pair --unpin 2=30'],
    load: () => import('../pair.js'),
  },
  {
    name: 'contacts',
    summary: 'print the per-county contact lists: each truck stop with its officers, statewide contacts, resources, hotline',
    description:
      'One section (one printed page) per county. Statewide contacts (state patrol, DOT/MVE, the AG\'s office) on each sheet are, per agency, ' +
      'the 3 people who work nearest that county\'s truck stops ("nearest post"). PDF needs Chrome or Chromium (set CHROME_PATH if it is not found). ' +
      'People who did not agree to share their contact details are shown with their agency\'s main line only. ' +
      'Uses the current data and pins; run "coalition pair" to save the pairing for the report.',
    options: [
      { flags: '--county <name-or-fips>', description: 'only this county ("Polk", "Washington, NE" or 19153); repeat for more', repeatable: true },
      ...outputOptions(['table', 'tsv', 'csv', 'json', 'md', 'html', 'pdf']),
      { flags: '--template <file>', description: 'your own HTML template (Eta syntax) for html and pdf' },
      maxMiles,
    ],
    examples: ['coalition contacts --format pdf -o contact-lists.pdf', 'coalition contacts --county Polk --county 19169 --format html -o polk-story.html', 'coalition contacts --json', 'coalition contacts --format csv -o contacts.csv'],
    load: () => import('../contacts.js'),
  },
  {
    name: 'gaps',
    summary: 'counties with truck stops and no officer of their own, by number of stops',
    options: [...outputOptions(['table', 'tsv', 'csv', 'json'], false), maxMiles],
    examples: ['coalition gaps', 'coalition gaps -c ia-2026 --json'],
    load: () => import('../gaps.js'),
  },
];
