import type { CommandSpec } from '../spec.js';

export const demoSpecs: CommandSpec[] = [
  {
    name: 'demo',
    summary: 'build a complete example coalition in a fresh database and show it',
    description: 'Uses the sample spreadsheets in fixtures/. Without --db it writes a new temporary database and prints its path, so your own data is never touched.',
    options: [{ flags: '--json', description: 'print the result as JSON' }],
    examples: ['coalition demo', 'coalition demo --db ./demo.db'],
    load: () => import('../demo.js'),
  },
];
