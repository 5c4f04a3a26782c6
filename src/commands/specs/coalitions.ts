import { outputOptions, type CommandSpec } from '../spec.js';

export const coalitionSpecs: CommandSpec[] = [
  {
    name: 'new',
    args: ['[slug]'],
    summary: 'create a coalition (one build); asks for what is missing on a terminal',
    description: 'The slug defaults to <state>-<year> in lower case (ia-2026). A multi-state build takes --state IA,NE,SD.',
    options: [
      { flags: '--name <name>', description: 'the coalition\'s name, e.g. "Iowa Coalition Build 2026"' },
      { flags: '--state <codes>', description: 'state code(s), comma-separated: IA or IA,NE,SD,MN' },
      { flags: '--date <YYYY-MM-DD>', description: 'the date of the build meeting' },
      { flags: '--city <city>', description: 'where the meeting is held' },
      { flags: '--venue <venue>', description: 'the venue' },
      { flags: '--host <org>', description: 'a host organization (repeat for each)', repeatable: true },
      { flags: '--description <text>', description: 'a short description' },
      { flags: '--json', description: 'print the new coalition as JSON' },
    ],
    examples: [
      'coalition new --name "Iowa Coalition Build 2026" --state IA --date 2026-03-12 --city "Des Moines" --host "Iowa Attorney General" --host "Iowa Motor Truck Association"',
      'coalition new plains-2027 --name "Plains States Build" --state IA,NE,SD,MN --date 2027-04-20',
    ],
    load: () => import('../coalition/new.js'),
  },
  {
    name: 'list',
    summary: 'all coalitions: slug, name, states, build date, registered, attended',
    options: outputOptions(['table', 'tsv', 'csv', 'json'], false),
    examples: ['coalition list', 'coalition list --json'],
    load: () => import('../coalition/list.js'),
  },
  {
    name: 'show',
    args: ['[slug]'],
    summary: 'one coalition with its details and counts by sector',
    options: outputOptions(['table', 'tsv', 'json'], false),
    examples: ['coalition show ia-2026', 'coalition show --json'],
    load: () => import('../coalition/show.js'),
  },
  {
    name: 'use',
    args: ['<slug>'],
    summary: 'make a coalition the default for later commands',
    examples: ['coalition use ia-2026'],
    load: () => import('../coalition/use.js'),
  },
];
