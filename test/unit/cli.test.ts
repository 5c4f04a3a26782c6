import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { run, scriptedPrompts, tempDb, tempDir } from '../helpers/context.js';
import { resolveDbPath, userDataDir } from '../../src/db/paths.js';

describe('command line, in-process', () => {
  it('prints help on stdout and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: coalition');
    expect(r.stderr).toBe('');
  });

  it('maps an unknown flag to exit 2 with error and hint lines', async () => {
    const r = await run(['list', '--nope', '--db', tempDb()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--nope'\nhint: see coalition --help, or coalition <command> --help\n");
    expect(r.stdout).toBe('');
  });

  it('a missing required flag off a terminal is a usage error naming the flags', async () => {
    const r = await run(['new', '--name', 'X', '--db', tempDb()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: missing --state, --date');
  });

  it('runs the wizard on a terminal', async () => {
    const db = tempDb();
    const prompts = scriptedPrompts(['Nebraska Build', 'NE', '2026-06-02', 'Lincoln', '', 'TAT, Nebraska AG', 'ne-2026']);
    const r = await run(['new', '--db', db], { tty: true, prompts });
    expect(r.code).toBe(0);
    expect(prompts.asked).toHaveLength(7);
    const shown = await run(['show', '--json', '--db', db]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ slug: 'ne-2026', name: 'Nebraska Build', states: ['NE'], city: 'Lincoln', hosts: ['TAT', 'Nebraska AG'] });
  });

  it('--yes never prompts, even on a terminal', async () => {
    const r = await run(['new', '--yes', '--db', tempDb()], { tty: true });
    expect(r.code).toBe(2);
  });

  it('prints a table on a terminal and TSV when piped', async () => {
    const db = tempDb();
    await run(['new', '--name', 'Iowa', '--state', 'IA', '--date', '2026-03-12', '--db', db]);
    const tty = await run(['list', '--db', db], { tty: true, columns: 120 });
    expect(tty.stdout).toMatch(/┌.*┐/);
    expect(tty.stdout).toContain('ia-2026');
    const piped = await run(['list', '--db', db]);
    expect(piped.stdout).toBe('slug\tname\tstates\tbuild date\tregistered\tattended\nia-2026\tIowa\tIA\t2026-03-12\t0\t0\n');
    const json = await run(['list', '--json', '--db', db], { tty: true });
    expect(json.stdout).toBe(JSON.stringify([{ slug: 'ia-2026', name: 'Iowa', states: ['IA'], build_date: '2026-03-12', registered: 0, attended: 0 }], null, 2) + '\n');
  });
});

describe('database path', () => {
  it('--db, then COALITION_DB, then the data folder', () => {
    const cwd = '/work/here';
    expect(resolveDbPath({ cwd, env: { COALITION_DB: 'env.db' }, globals: { db: 'flag.db' } })).toBe('/work/here/flag.db');
    expect(resolveDbPath({ cwd, env: { COALITION_DB: 'env.db' }, globals: {} })).toBe('/work/here/env.db');
    expect(resolveDbPath({ cwd, env: { HOME: '/home/x' }, globals: {} })).toBe(path.join(userDataDir({ HOME: '/home/x' }), 'coalition.db'));
  });
  it('follows XDG on Linux and the platform folders elsewhere', () => {
    expect(userDataDir({ HOME: '/h' }, 'linux')).toBe('/h/.local/share/coalition');
    expect(userDataDir({ HOME: '/h', XDG_DATA_HOME: '/x' }, 'linux')).toBe('/x/coalition');
    expect(userDataDir({ HOME: '/h' }, 'darwin')).toBe('/h/Library/Application Support/coalition');
  });
  it('db path does not create the database', async () => {
    const dir = tempDir();
    const r = await run(['db', 'path', '--db', path.join(dir, 'x.db')]);
    expect(r.stdout).toBe(path.join(dir, 'x.db') + '\n');
  });
});
