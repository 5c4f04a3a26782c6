/** The README documents every command: a test that fails when a command is added without docs. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../../src/commands/index.js';
import { ROOT } from '../helpers/e2e.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('docs', () => {
  it.each(commandSpecs.map((s) => [s.name, s] as const))('"coalition %s" has examples and is in the README', (name, spec) => {
    expect(spec.examples.length).toBeGreaterThan(0);
    for (const e of spec.examples) expect(e.startsWith('coalition ') || /^[A-Z_]+=\S+ coalition /.test(e)).toBe(true);
    expect(readme).toContain(`coalition ${name}`);
  });
});
