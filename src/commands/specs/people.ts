import { outputOptions, type CommandSpec } from '../spec.js';

const list = outputOptions(['table', 'tsv', 'csv', 'json']);

/** What people merge and orgs merge share: a merge deletes a record (commands/record-merge.ts). */
const MERGE_ASKS = 'On a terminal it shows both records and asks first (a merge cannot be undone); --dry-run shows what would move without writing anything; --yes, or a script, merges without asking.';
const MERGE_OPTIONS = [
  { flags: '--dry-run', description: 'show what the merge would move, combine and fill; write nothing' },
  { flags: '--json', description: 'print what was merged as JSON' },
];

export const peopleSpecs: CommandSpec[] = [
  {
    name: 'people',
    summary: 'list people, filtered by sector, agency type, county, state, coalition or training',
    description:
      'Phones print as (515) 555-0123 in tables and as E.164 (+15155550123) in --json and CSV. -c SLUG lists the people registered for that coalition; add --attended for those who checked in. --untrained MODULE lists those without a sign-off for the module.',
    options: [
      { flags: '--sector <sector>', description: 'law_enforcement, government, trucking, truck_stop, bus, energy, victim_services, ngo, other (words such as "LE" or "Oil and Gas" work too)' },
      { flags: '--agency-type <type>', description: 'sheriff, police, state_patrol, dot_mve, federal, prosecutor, attorney_general, dot, carrier, association, shipper, other' },
      { flags: '--county <name-or-fips>', description: 'a county: "Polk", "Polk, IA" or 19153' },
      { flags: '--state <XX>', description: 'a state code' },
      { flags: '--attended', description: 'with -c: only those who checked in' },
      { flags: '--untrained <module>', description: 'only people without a sign-off for MODULE' },
      { flags: '--search <text>', description: 'name, e-mail, title, organization or phone digits containing TEXT' },
      ...list,
    ],
    examples: [
      'coalition people --sector law_enforcement --county Polk --state IA',
      'coalition people -c ia-2026 --attended --untrained build-initial',
      'coalition people --agency-type sheriff --json',
      'coalition people --search kowalski',
    ],
    load: () => import('../people/list.js'),
  },
  {
    name: 'people show',
    args: ['<person>'],
    summary: 'one person with organization, county, attendance and sign-offs (by id, e-mail or name)',
    options: outputOptions(['table', 'tsv', 'json'], false),
    examples: ['coalition people show 42', 'coalition people show mkowalski@scottcounty.example --json'],
    load: () => import('../people/show.js'),
  },
  {
    name: 'people set',
    args: ['<person>'],
    summary: 'correct a person; a county set here is kept by later imports (county_source manual)',
    description: 'Pass "" to clear a field. --sector org makes the person follow the organization\'s sector again. --organization takes an id or a name (a new name creates the organization, its sector inferred).',
    options: [
      { flags: '--first-name <name>', description: 'first name' },
      { flags: '--last-name <name>', description: 'last name' },
      { flags: '--title <title>', description: 'rank or job title, e.g. "Lt." or "General Manager"' },
      { flags: '--email <email>', description: 'e-mail address (the person\'s identity)' },
      { flags: '--phone <phone>', description: 'phone, with an extension if any: "(515) 555-0123 ext. 12"' },
      { flags: '--sector <sector>', description: 'the person\'s own sector, when it differs from the organization\'s' },
      { flags: '--agency-type <type>', description: 'agency type within the sector' },
      { flags: '--organization <id-or-name>', description: 'the organization the person belongs to' },
      { flags: '--county <name-or-fips>', description: 'county by name or 5-digit FIPS code' },
      { flags: '--share-contact <yes|no>', description: 'consent to print phone and e-mail on contact lists' },
      { flags: '--notes <text>', description: 'notes' },
      { flags: '--json', description: 'print the person as JSON' },
    ],
    examples: [
      'coalition people set 42 --title "Lt." --phone "515-555-0123 x12" --share-contact yes',
      'coalition people set mkowalski@scottcounty.example --county "Muscatine, IA"',
    ],
    load: () => import('../people/set.js'),
  },
  {
    name: 'people dupes',
    summary: 'likely duplicate people (similar names at one organization, same phone); on a terminal, review and merge them one by one',
    options: [
      { flags: '--all', description: 'include pairs marked "not the same person" before' },
      { flags: '--list', description: 'only list, never ask (the default when not on a terminal)' },
      ...list,
    ],
    examples: ['coalition people dupes', 'coalition people dupes --json'],
    load: () => import('../people/dupes.js'),
  },
  {
    name: 'people merge',
    args: ['<keep>', '<drop>'],
    summary: 'merge two records of one person, keeping every sign-off and attendance',
    description:
      `By id, e-mail or name. ${MERGE_ASKS}`,
    options: MERGE_OPTIONS,
    examples: ['coalition people merge 42 97', 'coalition people merge 42 97 --dry-run'],
    load: () => import('../people/merge.js'),
  },
  {
    name: 'orgs',
    summary: 'list organizations by sector, agency type, county or state; --unclassified for those still "other"',
    options: [
      { flags: '--sector <sector>', description: 'a sector id or its usual words' },
      { flags: '--agency-type <type>', description: 'an agency type' },
      { flags: '--county <name-or-fips>', description: 'a county: "Polk", "Polk, IA" or 19153' },
      { flags: '--state <XX>', description: 'a state code' },
      { flags: '--unclassified', description: 'only organizations whose sector is "other" and was not set by hand' },
      { flags: '--search <text>', description: 'names containing TEXT' },
      ...list,
    ],
    examples: ['coalition orgs --sector truck_stop --state IA', 'coalition orgs --unclassified', 'coalition orgs --agency-type sheriff --json'],
    load: () => import('../orgs/list.js'),
  },
  {
    name: 'orgs show',
    args: ['<org>'],
    summary: 'one organization with its people (by id or name)',
    options: outputOptions(['table', 'tsv', 'json'], false),
    examples: ['coalition orgs show 7', 'coalition orgs show "Polk County Sheriff\'s Office" --json'],
    load: () => import('../orgs/show.js'),
  },
  {
    name: 'orgs set',
    args: ['<org>'],
    summary: 'correct an organization; sector and county set here are kept by later imports',
    options: [
      { flags: '--name <name>', description: 'the organization\'s name' },
      { flags: '--sector <sector>', description: 'sector (recorded as set by hand)' },
      { flags: '--agency-type <type>', description: 'agency type within the sector' },
      { flags: '--county <name-or-fips>', description: 'county by name or 5-digit FIPS code' },
      { flags: '--vetted-by <org>', description: 'who vetted this victim service provider (goal P1.8)' },
      { flags: '--distribution-point <yes|no>', description: 'a truck stop that distributes TAT materials (goal P1.5)' },
      { flags: '--statewide <yes|no>', description: 'list once per contact sheet (state patrol, DOT/MVE, AG)' },
      { flags: '--phone <phone>', description: 'main line' },
      { flags: '--email <email>', description: 'general e-mail' },
      { flags: '--notes <text>', description: 'notes' },
      { flags: '--json', description: 'print the organization as JSON' },
    ],
    examples: [
      'coalition orgs set 7 --sector law_enforcement --agency-type sheriff',
      'coalition orgs set 12 --distribution-point yes --county 19153',
      'coalition orgs set 31 --sector victim_services --vetted-by "Iowa Attorney General"',
    ],
    load: () => import('../orgs/set.js'),
  },
  {
    name: 'orgs dupes',
    summary: 'likely duplicate organizations (the same agency written two ways, or once without its city)',
    description: 'Within one state: the same name with one record lacking a city; names that differ only by words such as Office, Department or Inc; one name abbreviating the other ("ISP" and "Iowa State Patrol", "Iowa DOT MVE", "Polk County S.O.") or leaving out the state\'s name, in one city or where one has none; names a typo apart in one city. Never two stores with different numbers, the same name in two cities, nor two organizations whose sectors differ. Merge a pair with orgs merge.',
    options: [...list],
    examples: ['coalition orgs dupes', 'coalition orgs dupes --json'],
    load: () => import('../orgs/dupes.js'),
  },
  {
    name: 'orgs merge',
    args: ['<keep>', '<drop>'],
    summary: 'merge two records of one organization, moving its people, counts, activities and pins',
    description:
      `By id or name. Empty fields of the kept record are filled from the other; a sector set by hand or read from a Sector column beats an inferred one. A training count both had for the same module and date keeps the larger figure. ${MERGE_ASKS}`,
    options: MERGE_OPTIONS,
    examples: ['coalition orgs merge "Story County Sheriff\'s Office" "Story County Sheriff"', 'coalition orgs merge 12 87'],
    load: () => import('../orgs/merge.js'),
  },
  {
    name: 'orgs classify',
    summary: 'review the sectors inferred from organization names, most-used first (on a terminal)',
    options: [
      { flags: '--limit <n>', description: 'stop after N organizations' },
      { flags: '--include-column', description: 'also review sectors that came from a file\'s Sector column' },
    ],
    examples: ['coalition orgs classify', 'coalition orgs classify --limit 20'],
    load: () => import('../orgs/classify.js'),
  },
];
