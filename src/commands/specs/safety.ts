import type { CommandSpec } from '../spec.js';

export const safetySpecs: CommandSpec[] = [
  {
    name: 'backup',
    args: ['<file>'],
    summary: 'write a consistent copy of the database (safe while other commands are writing)',
    description: 'Uses SQLite\'s online backup API. The copy is readable only by you. An existing file is not overwritten unless you pass --force.',
    options: [
      { flags: '--force', description: 'replace FILE if it exists' },
      { flags: '--json', description: 'print the result as JSON' },
    ],
    examples: ['coalition backup ~/backups/coalition-2026-11-28.db', 'coalition backup --force ./latest.db'],
    load: () => import('../backup.js'),
  },
  {
    name: 'restore',
    args: ['<file>'],
    summary: 'replace the database with a backup, after checking it; the old one is kept aside',
    description: 'The backup must be a coalition database that passes SQLite\'s integrity check. The current database is renamed to <name>.before-restore-<time>. A backup from an older version is upgraded when next opened; one from a newer version is refused.',
    options: [{ flags: '--json', description: 'print the result as JSON' }],
    examples: ['coalition restore ~/backups/coalition-2026-11-28.db'],
    load: () => import('../restore.js'),
  },
  {
    name: 'export',
    summary: 'write a portable bundle of one coalition (or all) with everything it references',
    description: 'The bundle is a SQLite file with the same tables: the coalition, its attendance, those people and their organizations, the directory of its states, sign-offs, training counts, activities, pairings, pins, targets, language checks, hotline figures and training modules. Hand it to another coordinator, who runs: coalition merge FILE.',
    options: [
      { flags: '--all', description: 'export every coalition and the whole directory' },
      { flags: '-o, --output <file>', description: 'the bundle file to write (required)' },
      { flags: '--force', description: 'replace the file if it exists' },
      { flags: '--json', description: 'print what was exported as JSON' },
    ],
    examples: ['coalition export -c ia-2026 -o ia-2026.coalition', 'coalition export --all -o everything.coalition'],
    load: () => import('../export.js'),
  },
  {
    name: 'merge',
    args: ['[file]'],
    summary: 'fold a bundle (from coalition export) into this database without duplicating anything',
    description: 'People match by e-mail (else by name at the same organization), organizations by name and city, coalitions by slug. Existing records only get empty fields filled; different values are kept and listed. One transaction; merging the same bundle again changes nothing.',
    options: [
      { flags: '--dry-run', description: 'report what would change, write nothing' },
      { flags: '--undo <batch>', description: 'take back an earlier merge (its batch number, from coalition imports)' },
      { flags: '--json', description: 'print the report as JSON' },
    ],
    examples: ['coalition merge ia-2026.coalition --dry-run', 'coalition merge ia-2026.coalition', 'coalition merge --undo 12'],
    load: () => import('../merge.js'),
  },
];
