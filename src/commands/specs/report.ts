import { outputOptions, type CommandSpec, type OptionSpec } from '../spec.js';

const kindOptions: OptionSpec[] = [
  { flags: '--date <YYYY-MM-DD>', description: 'when it happened (default: today; for an import, the build date)' },
  { flags: '--org <org>', description: 'the organization, by id or name' },
  { flags: '--count <n>', description: 'how many (people trained, materials handed out, investigations)' },
  { flags: '--note <text>', description: 'a short note; never victim details' },
  { flags: '--what <commitment>', description: 'commitment: train-drivers, train-employees, distribute-materials, join-task-force' },
  { flags: '--materials <list>', description: 'distribution-point: materials, comma-separated ("wallet cards,posters")' },
  { flags: '--audience <sector>', description: 'training-event: the sector trained (law_enforcement, trucking, truck_stop, …)' },
  { flags: '--name <name>', description: 'task-force: the task force\'s name' },
  { flags: '--component <id>', description: 'sbi: executive-order, train-agencies, distribute-materials, forfeiture-funds, hotline-network, cdl-curriculum' },
  { flags: '--status <status>', description: 'sbi: adopted, in-progress, none; cdl-mandate: none, proposed, introduced, passed, implemented' },
  { flags: '--item <item>', description: 'agenda: le-led-session, survivor-session' },
];

export const reportSpecs: CommandSpec[] = [
  {
    name: 'log',
    args: ['<kind>'],
    summary: 'log follow-up work: commitment, distribution-point, training-event, task-force, investigation, sbi, cdl-mandate, provider-invited, agenda',
    description: 'Each kind takes its own option (--what, --materials, --audience, --name, --component, --status, --item). '
      + 'An investigation is a count and a date only: its note must never hold victim details, and a note that looks like it does is refused.',
    options: [...kindOptions, { flags: '--json', description: 'print the logged activity as JSON' }],
    examples: [
      'coalition log commitment --org "Hawkeye Freight Lines" --what train-drivers',
      'coalition log distribution-point --org "Iowa 80 Truckstop" --materials "wallet cards,posters" --count 600',
      'coalition log training-event --audience law_enforcement --count 35 --date 2026-05-14 --note "Polk County roll call"',
      'coalition log task-force --name "Central Iowa Human Trafficking Task Force" --org "Iowa Motor Truck Association"',
      'coalition log investigation --count 2 --date 2026-09-30',
      'coalition log sbi --component executive-order --status adopted --date 2026-06-01',
      'coalition log cdl-mandate --status introduced',
      'coalition log provider-invited --org "Heartland Survivor Advocacy Network"',
      'coalition log agenda --item survivor-session --date 2026-03-12',
    ],
    load: () => import('../log.js'),
  },
  {
    name: 'activities',
    summary: 'list the follow-up activities of a coalition',
    options: [
      { flags: '--kind <kind>', description: 'only this kind' },
      { flags: '--from <YYYY-MM-DD>', description: 'on or after this date' },
      { flags: '--to <YYYY-MM-DD>', description: 'on or before this date' },
      { flags: '--org <org>', description: 'only this organization' },
      ...outputOptions(['table', 'tsv', 'csv', 'json', 'md']),
    ],
    examples: ['coalition activities', 'coalition activities --kind training-event --json', 'coalition activities -c ia-2026 --format csv -o activities.csv'],
    load: () => import('../activities.js'),
  },
  {
    name: 'activities edit',
    args: ['<id>'],
    summary: 'correct a logged activity: only the options given change',
    options: [{ flags: '--kind <kind>', description: 'change the kind (its own options must then be given)' }, ...kindOptions, { flags: '--json', description: 'print the activity as JSON' }],
    examples: ['coalition activities edit 12 --count 40', 'coalition activities edit 7 --status passed --date 2026-10-02'],
    load: () => import('../activities.js').then((m) => ({ execute: m.executeEdit })),
  },
  {
    name: 'activities delete',
    args: ['<id>'],
    summary: 'delete a logged activity (asks first on a terminal; pass --yes in scripts)',
    examples: ['coalition activities delete 12', 'coalition activities delete 12 --yes'],
    load: () => import('../activities.js').then((m) => ({ execute: m.executeDelete })),
  },
  {
    name: 'hotline',
    summary: 'hotline statistics for a state: a chart with the build marked, and the mean before against after the build',
    description: 'Uses the coalition\'s state(s) and build date, or --state alone (no build marked). Monthly figures when there are, else yearly.',
    options: [
      { flags: '--state <XX>', description: 'a state code (default: the coalition\'s states)' },
      { flags: '--metric <metric>', description: 'contacts (calls, texts, chats, emails, online tips; default) or cases', choices: ['contacts', 'cases'] },
      { flags: '--yearly', description: 'use the yearly figures even when there are monthly ones' },
      ...outputOptions(['table', 'tsv', 'csv', 'json'], false),
    ],
    examples: ['coalition hotline', 'coalition hotline --state IA --json', 'coalition hotline -c ia-2026 --metric cases'],
    load: () => import('../hotline.js'),
  },
  {
    name: 'report',
    summary: 'the goal-progress report: participants by sector, then goals P1.1 … P2.6 with status, progress and what is missing',
    description: 'Formats: table (terminal, with progress bars), md, html and pdf (with charts), json, csv (one row per goal). '
      + '--as-of computes the report as it stood on that date. --all compares every coalition goal by goal (tsv too: piped, it prints tab-separated lines).',
    options: [
      { flags: '--all', description: 'compare every coalition, goal by goal' },
      { flags: '--as-of <YYYY-MM-DD>', description: 'the report as it stood on that date (default: today)' },
      { flags: '--template <file>', description: 'an HTML template of your own (Eta syntax; see templates/report.html)' },
      ...outputOptions(['table', 'tsv', 'md', 'html', 'pdf', 'json', 'csv']),
    ],
    examples: ['coalition report', 'coalition report -c ia-2026 --format pdf -o ia-2026-report.pdf', 'coalition report --json', 'coalition report --all', 'coalition report --as-of 2026-06-30 --format md'],
    load: () => import('../report.js'),
  },
  {
    name: 'targets',
    summary: 'the targets each goal is measured against (defaults, or what you set)',
    options: outputOptions(['table', 'tsv', 'csv', 'json'], false),
    examples: ['coalition targets', 'coalition targets -c ia-2026 --json'],
    load: () => import('../targets.js'),
  },
  {
    name: 'targets set',
    args: ['<goal>', '<key>', '<value>'],
    summary: 'change a target for this coalition (setting the default again removes the override)',
    examples: ['coalition targets set P1.1 truck_stops 10', 'coalition targets set P1.2 trained_share 95%', 'coalition targets set P2.6 stage passed'],
    load: () => import('../targets.js').then((m) => ({ execute: m.executeSet })),
  },
];
