import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createCoalition, listCoalitions, parseStates, resolveCoalition, useCoalition, validateNew } from '../../src/core/coalitions.js';
import { migrate } from '../../src/db/migrations/index.js';
import { configure } from '../../src/db/connection.js';
import { NotFoundError, UsageError } from '../../src/io/errors.js';
import { findState } from '../../src/core/states.js';

async function memoryDb() {
  const db = new Database(':memory:');
  configure(db);
  await migrate(db, ':memory:', () => new Date());
  return db;
}
const now = new Date('2026-11-28T12:00:00Z');

describe('states', () => {
  it.each([
    ['IA', 'IA'], ['ia', 'IA'], ['Iowa', 'IA'], ['district of columbia', 'DC'], ['PR', 'PR'], ['GU', 'GU'], ['ZZ', undefined], ['', undefined], ['Iowaa', undefined],
  ])('%j → %j', (input, code) => expect(findState(input)?.code).toBe(code));

  it('parses a multi-state list, keeping order, dropping repeats', () => {
    expect(parseStates('IA, ne,South Dakota,IA')).toEqual(['IA', 'NE', 'SD']);
    expect(() => parseStates('IA,XX')).toThrow(/"XX" is not a US state/);
  });
});

describe('new coalition', () => {
  it('defaults the slug to <state>-<year>', () => {
    expect(validateNew({ name: 'X', states: ['NE,IA'], buildDate: '2027-04-20' }).slug).toBe('ne-2027');
  });
  it.each([
    [{ name: '', states: ['IA'], buildDate: '2026-01-01' }, /needs a name/],
    [{ name: 'X', states: ['IA'], buildDate: '2026-13-01' }, /not a date/],
    [{ name: 'X', states: ['IA'], buildDate: '03/12/2026' }, /not a date/],
    [{ name: 'X', states: [''], buildDate: '2026-01-01' }, /no state/],
    [{ slug: 'Bad Slug!', name: 'X', states: ['IA'], buildDate: '2026-01-01' }, /not a usable slug/],
  ])('refuses %j', (input, msg) => expect(() => validateNew(input)).toThrow(msg));

  it('stores states and hosts in order and refuses a duplicate slug', async () => {
    const db = await memoryDb();
    const c = createCoalition(db, { name: 'Plains', states: ['NE,IA'], buildDate: '2027-04-20', hosts: ['TAT', ' AG '] }, now);
    expect(c).toMatchObject({ slug: 'ne-2027', states: ['NE', 'IA'], hosts: ['TAT', 'AG'], registered: 0, attended: 0 });
    expect(() => createCoalition(db, { name: 'Again', states: ['NE'], buildDate: '2027-01-01' }, now)).toThrow(/already exists/);
    expect(listCoalitions(db)).toHaveLength(1);
  });
});

describe('which coalition', () => {
  it('follows flag, then COALITION, then use, then the only one', async () => {
    const db = await memoryDb();
    expect(() => resolveCoalition(db, undefined, {})).toThrow(NotFoundError);
    createCoalition(db, { name: 'A', states: ['IA'], buildDate: '2026-03-12' }, now);
    expect(resolveCoalition(db, undefined, {}).slug).toBe('ia-2026');
    createCoalition(db, { name: 'B', states: ['NE'], buildDate: '2026-05-01' }, now);
    expect(() => resolveCoalition(db, undefined, {})).toThrow(UsageError);
    expect(() => resolveCoalition(db, undefined, {})).toThrow(/more than one/);
    useCoalition(db, 'ne-2026');
    expect(resolveCoalition(db, undefined, {}).slug).toBe('ne-2026');
    expect(resolveCoalition(db, undefined, { COALITION: 'ia-2026' }).slug).toBe('ia-2026');
    expect(resolveCoalition(db, 'NE-2026', { COALITION: 'ia-2026' }).slug).toBe('ne-2026');
    expect(() => resolveCoalition(db, 'nope', {})).toThrow(/no coalition "nope"/);
  });
});
