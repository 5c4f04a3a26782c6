/** The README documents every command, and its examples run: tests that fail when a command is
 * added without docs, when an example names a command or flag that does not exist, or when it
 * names a sample file, e-mail address or organization that the fixtures do not have. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../../src/commands/index.js';
import { ROOT } from '../helpers/e2e.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Everything the sample files hold, as text (the generators hold what the XLSX files hold). */
const fixtureText = readdirSync(path.join(ROOT, 'fixtures'))
  .filter((f) => /\.(csv|mjs)$/.test(f))
  .map((f) => readFileSync(path.join(ROOT, 'fixtures', f), 'utf8'))
  .join('\n');

/** The `coalition …` lines of the README's shell blocks, with the line each starts on. */
function readmeExamples(): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let inBlock = false;
  readme.split('\n').forEach((raw, i) => {
    if (raw.startsWith('```')) {
      inBlock = raw.startsWith('```sh');
      return;
    }
    if (!inBlock) return;
    const text = raw.replace(/(^|\s+)#\s.*$/, '').trim();
    if (/(^|\|\s*|\s)coalition\s/.test(` ${text}`)) out.push({ line: i + 1, text });
  });
  return out;
}

/** Shell words, quotes removed (`"Iowa 80 Truckstop=Maria Kowalski"` is one word). */
function words(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

const GLOBAL_FLAGS = new Set(['--db', '-c', '--coalition', '--no-color', '-y', '--yes', '--debug', '-h', '--help', '-V', '--version']);
const specByName = new Map(commandSpecs.map((s) => [s.name, s]));

/** The command an example runs and the flags it passes that this command does not have. */
function check(example: string): { command?: string; unknownFlags: string[] } {
  const w = words(example.slice(example.indexOf('coalition ') + 'coalition '.length).split(/\s[|<>]\s?/)[0]);
  while (w[0] === '--db' || w[0] === '-c') w.splice(0, 2);
  let command = '';
  let i = 0;
  while (i < w.length && specByName.has(command ? `${command} ${w[i]}` : w[i])) command = command ? `${command} ${w[i++]}` : w[i++];
  if (!command) return { unknownFlags: [] };
  const flags = new Set(GLOBAL_FLAGS);
  for (const o of specByName.get(command)!.options ?? []) for (const f of o.flags.split(/[\s,]+/)) if (f.startsWith('-')) flags.add(f);
  const unknownFlags = w.slice(i).filter((x) => /^--?[a-z]/.test(x) && !flags.has(x.split('=')[0]));
  return { command, unknownFlags };
}

/** The sample data an example names: fixture files, e-mail addresses and organizations. */
function namedData(example: string): { files: string[]; emails: string[]; orgs: string[] } {
  const w = words(example);
  const files = w.filter((x) => x.startsWith('fixtures/'));
  const emails = [...example.matchAll(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g)].map((m) => m[0]);
  const orgs: string[] = [];
  w.forEach((x, i) => {
    if (x === '--org' && w[i + 1] && !/^\d+$/.test(w[i + 1])) orgs.push(w[i + 1]);
  });
  const count = w.findIndex((x, i) => x === 'train' && w[i + 1] === 'count');
  if (count >= 0 && w[count + 2] && !/^\d+$/.test(w[count + 2])) orgs.push(w[count + 2]);
  return { files, emails, orgs };
}

const examples = [
  ...readmeExamples().map((e) => [`README.md:${e.line}`, e.text] as const),
  ...commandSpecs.flatMap((s) => s.examples.map((e) => [`${s.name} --help`, e] as const)),
];

describe('docs', () => {
  it.each(commandSpecs.map((s) => [s.name, s] as const))('"coalition %s" has examples and is in the README', (name, spec) => {
    expect(spec.examples.length).toBeGreaterThan(0);
    for (const e of spec.examples) expect(e.startsWith('coalition ') || /^[A-Z_]+=\S+ coalition /.test(e)).toBe(true);
    expect(readme).toContain(`coalition ${name}`);
  });

  it('finds the README examples it checks', () => {
    expect(readmeExamples().length).toBeGreaterThan(100);
  });

  it.each(examples)('%s: `%s` names a command and only its flags', (_where, example) => {
    const { command, unknownFlags } = check(example);
    expect(command, 'no such command').toBeTruthy();
    expect(unknownFlags).toEqual([]);
  });

  it.each(examples)('%s: `%s` names only sample data that fixtures/ holds', (_where, example) => {
    const { files, emails, orgs } = namedData(example);
    for (const f of files) expect(existsSync(path.join(ROOT, f)), f).toBe(true);
    for (const e of emails) expect(fixtureText.toLowerCase(), e).toContain(e.toLowerCase());
    for (const o of orgs) expect(fixtureText, o).toContain(o);
  });
});
