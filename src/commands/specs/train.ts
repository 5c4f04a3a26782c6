import { outputOptions, type CommandSpec } from '../spec.js';

const dateOption = { flags: '--date <YYYY-MM-DD>', description: 'the date the training was completed (default: today)' };

export const trainSpecs: CommandSpec[] = [
  {
    name: 'train',
    summary: 'training sign-offs: who was trained, in what, when, and verified by whom',
    examples: ['coalition train modules', 'coalition train missing --module build-initial -c ia-2026'],
  },
  {
    name: 'train modules',
    summary: 'the module catalog (build-initial, le-victim-centered, survivor-session, …)',
    options: outputOptions(['table', 'tsv', 'csv', 'json'], false),
    examples: ['coalition train modules', 'coalition train modules --json'],
    load: () => import('../train/modules.js'),
  },
  {
    name: 'train modules add',
    args: ['<id>'],
    summary: 'add a module to the catalog (the id is a lower-case slug such as hotel-staff)',
    options: [
      { flags: '--name <name>', description: 'the module\'s readable name' },
      { flags: '--audience <sector>', description: 'who it is for: all or a sector (law_enforcement, truck_stop, trucking, …)' },
      { flags: '--description <text>', description: 'a sentence printed on certificates' },
      { flags: '--json', description: 'print the new module as JSON' },
    ],
    examples: ['coalition train modules add hotel-staff --name "Hotel staff training" --audience other'],
    load: () => import('../train/modules.js').then((m) => ({ execute: m.executeAdd })),
  },
  {
    name: 'train sign',
    args: ['<person>'],
    summary: 'record that a person completed a module (person by id, email or name)',
    description:
      'A name that matches several people (or none exactly) opens a search on a terminal; in a script, pass the id. Recording the same person, module and date twice changes nothing. -c links the sign-off to a coalition.',
    options: [
      { flags: '--module <id>', description: 'the module (id or name; see coalition train modules)' },
      dateOption,
      { flags: '--by <name>', description: 'who verified the training (trainer, agency)' },
      { flags: '--json', description: 'print the result as JSON' },
    ],
    examples: ['coalition train sign mkowalski@scottcounty.example --module le-victim-centered --date 2026-03-12 --by "Iowa AG" -c ia-2026', 'coalition train sign 42 --module build-initial'],
    load: () => import('../train/sign.js'),
  },
  {
    name: 'train count',
    args: ['<org>'],
    summary: 'record that an organization trained N people (a truck stop\'s employees, a carrier\'s drivers)',
    options: [
      { flags: '--module <id>', description: 'the module (id or name)' },
      { flags: '--count <n>', description: 'how many people were trained' },
      dateOption,
      { flags: '--by <name>', description: 'who verified the count' },
      { flags: '--replace', description: 'change a count already recorded for the same module and date' },
      { flags: '--json', description: 'print the result as JSON' },
    ],
    examples: ['coalition train count "Iowa 80 Truckstop" --module truck-stop-employee --count 18 --date 2026-04-15 -c ia-2026', 'coalition train count "Hawkeye Freight Lines" --module driver --count 450'],
    load: () => import('../train/count.js'),
  },
  {
    name: 'train list',
    summary: 'sign-offs and organization counts, by date and module',
    options: [
      { flags: '--module <id>', description: 'only this module' },
      { flags: '--person <person>', description: 'only this person (id, email or name)' },
      ...outputOptions(['table', 'tsv', 'csv', 'json']),
    ],
    examples: ['coalition train list -c ia-2026', 'coalition train list --module le-victim-centered --format csv -o le-trained.csv'],
    load: () => import('../train/list.js'),
  },
  {
    name: 'train missing',
    summary: 'checked-in attendees of a coalition without a sign-off for the module',
    description: 'A module meant for one sector (le-victim-centered: law enforcement) lists only that sector\'s attendees; --all-sectors lists everyone.',
    options: [
      { flags: '--module <id>', description: 'the module (id or name)' },
      { flags: '--all-sectors', description: 'ignore the module\'s audience: list every attendee without it' },
      ...outputOptions(['table', 'tsv', 'csv', 'json']),
    ],
    examples: ['coalition train missing --module build-initial -c ia-2026', 'coalition train missing --module le-victim-centered -c ia-2026 --format csv -o to-train.csv'],
    load: () => import('../train/missing.js'),
  },
  {
    name: 'train certificate',
    args: ['<person>'],
    summary: 'a printable certificate of completion for one sign-off (HTML or PDF)',
    description: 'Refuses when the person has no sign-off for the module. Without --date, the latest sign-off is used.',
    options: [
      { flags: '--module <id>', description: 'the module (id or name)' },
      { flags: '--date <YYYY-MM-DD>', description: 'the sign-off\'s date (default: the latest)' },
      { flags: '--format <format>', description: 'html or pdf (default from the -o extension, else html)', choices: ['html', 'pdf'] },
      { flags: '-o, --output <file>', description: 'write to FILE (pdf needs a file)' },
      { flags: '--template <file>', description: 'your own template instead of templates/certificate.html' },
    ],
    examples: ['coalition train certificate mkowalski@scottcounty.example --module le-victim-centered -o kowalski.pdf', 'coalition train certificate 42 --module build-initial --format html -o cert.html'],
    load: () => import('../train/certificate.js'),
  },
];
