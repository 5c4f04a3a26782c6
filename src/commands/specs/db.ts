import type { CommandSpec } from '../spec.js';

export const dbSpecs: CommandSpec[] = [
  {
    name: 'db',
    summary: 'the database file: where it is, its integrity, its schema',
    examples: ['coalition db path', 'coalition db check'],
  },
  {
    name: 'db path',
    summary: 'print where the database is (from --db, COALITION_DB or the default)',
    examples: ['coalition db path', 'COALITION_DB=./iowa.db coalition db path'],
    load: () => import('../db.js').then((m) => ({ execute: m.executePath })),
  },
  {
    name: 'db check',
    summary: 'check integrity, foreign keys, schema version and file permissions',
    options: [{ flags: '--json', description: 'print the result as JSON' }],
    examples: ['coalition db check'],
    load: () => import('../db.js').then((m) => ({ execute: m.executeCheck })),
  },
  {
    name: 'db migrate',
    summary: 'upgrade the schema now (it also happens automatically, with a backup first)',
    examples: ['coalition db migrate'],
    load: () => import('../db.js').then((m) => ({ execute: m.executeMigrate })),
  },
];
