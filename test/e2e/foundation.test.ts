import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { coalition } from '../helpers/e2e.js';
import { tempDir } from '../helpers/context.js';
import { m001 } from '../../src/db/migrations/001-initial.js';
import { LATEST_VERSION } from '../../src/db/migrations/index.js';

const NEW_IA = ['new', '--name', 'Iowa Coalition Build 2026', '--state', 'IA', '--date', '2026-03-12'];

describe('coalition binary', () => {
  it('prints help and version', async () => {
    const help = await coalition(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('coalition demo');
    const version = await coalition(['--version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('creates a coalition with flags, and refuses bad input with exit 1', async () => {
    const db = path.join(tempDir(), 'c.db');
    const ok = await coalition([...NEW_IA, '--db', db]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toBe('ia-2026\n');
    const dup = await coalition([...NEW_IA, '--db', db]);
    expect(dup.exitCode).toBe(1);
    expect(dup.stderr).toContain('error: a coalition with the slug "ia-2026" already exists');
    expect(dup.stderr).toContain('hint:');
    const badState = await coalition(['new', '--name', 'X', '--state', 'XX', '--date', '2026-03-12', '--db', db]);
    expect(badState.exitCode).toBe(1);
    expect(badState.stderr).toContain('"XX" is not a US state');
    const badDate = await coalition(['new', '--name', 'X', '--state', 'IA', '--date', '2026-02-30', '--db', db]);
    expect(badDate.exitCode).toBe(1);
    expect(badDate.stderr).toContain('"2026-02-30" is not a date');
    expect(badDate.stderr).not.toMatch(/at .*\.js:\d+/);
    const unknown = await coalition(['new', '--frobnicate', '--db', db]);
    expect(unknown.exitCode).toBe(2);
    const noCmd = await coalition(['frobnicate', '--db', db]);
    expect(noCmd.exitCode).toBe(2);
  });

  it('lists as TSV when piped and as JSON with --json', async () => {
    const db = path.join(tempDir(), 'c.db');
    await coalition([...NEW_IA, '--db', db]);
    const tsv = await coalition(['list', '--db', db]);
    expect(tsv.stdout.split('\n')[0]).toBe('slug\tname\tstates\tbuild date\tregistered\tattended');
    const json = await coalition(['list', '--json', '--db', db]);
    expect(JSON.parse(json.stdout)).toEqual([{ slug: 'ia-2026', name: 'Iowa Coalition Build 2026', states: ['IA'], build_date: '2026-03-12', registered: 0, attended: 0 }]);
  });

  it('remembers the coalition chosen with use', async () => {
    const db = path.join(tempDir(), 'c.db');
    await coalition([...NEW_IA, '--db', db]);
    await coalition(['new', '--name', 'Nebraska', '--state', 'NE', '--date', '2026-06-01', '--db', db]);
    const ambiguous = await coalition(['show', '--db', db]);
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toContain('ia-2026, ne-2026');
    expect((await coalition(['use', 'ne-2026', '--db', db])).exitCode).toBe(0);
    const shown = await coalition(['show', '--json', '--db', db]);
    expect(JSON.parse(shown.stdout).slug).toBe('ne-2026');
    const env = await coalition(['show', '--json', '--db', db], { env: { COALITION: 'ia-2026' } });
    expect(JSON.parse(env.stdout).slug).toBe('ia-2026');
  });

  it('honours --db and COALITION_DB, and creates owner-only files', async () => {
    const dir = tempDir();
    const viaEnv = path.join(dir, 'env.db');
    const viaFlag = path.join(dir, 'flag.db');
    expect((await coalition(['db', 'path'], { env: { COALITION_DB: viaEnv } })).stdout).toBe(viaEnv + '\n');
    expect((await coalition(['db', 'path', '--db', viaFlag], { env: { COALITION_DB: viaEnv } })).stdout).toBe(viaFlag + '\n');
    await coalition([...NEW_IA], { env: { COALITION_DB: viaEnv } });
    expect(statSync(viaEnv).mode & 0o777).toBe(0o600);
    const home = tempDir();
    await coalition([...NEW_IA], { env: { HOME: home } });
    const def = path.join(home, '.local', 'share', 'coalition', 'coalition.db');
    expect(existsSync(def)).toBe(true);
    expect(statSync(def).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(def)).mode & 0o777).toBe(0o700);
    const check = await coalition(['db', 'check'], { env: { COALITION_DB: viaEnv } });
    expect(check.exitCode).toBe(0);
  });

  it('upgrades a version-1 database on open, keeping its data and a backup', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'old.db');
    const raw = new Database(db);
    m001.up(raw);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO coalitions (slug, name, build_date, created_at, updated_at) VALUES ('ia-2026', 'Iowa', '2026-03-12', 'x', 'x')").run();
    raw.close();
    const r = await coalition(['list', '--json', '--db', db]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ slug: 'ia-2026', name: 'Iowa' });
    expect(r.stderr).toMatch(/previous version is kept at .*old\.db\.v1-.*\.bak/);
    const backups = readdirSync(dir).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    // A full copy of the data: owner-only, whatever the umask
    if (process.platform !== 'win32') expect(statSync(path.join(dir, backups[0])).mode & 0o777).toBe(0o600);
    const old = new Database(path.join(dir, backups[0]), { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old.close();
    const upgraded = new Database(db, { readonly: true });
    expect(upgraded.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(upgraded.prepare("SELECT county_fips FROM zip_codes WHERE zip = '50309'").get()).toEqual({ county_fips: '19153' });
    upgraded.close();
  });

  it('refuses a database written by a newer coalition', async () => {
    const db = path.join(tempDir(), 'new.db');
    await coalition([...NEW_IA, '--db', db]);
    const raw = new Database(db);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const refused = await coalition(['list', '--db', db]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('newer than this coalition understands');
  });

  it('db check fails on a file that is readable by others', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    await coalition([...NEW_IA, '--db', db]);
    const { chmodSync } = await import('node:fs');
    chmodSync(db, 0o644);
    const check = await coalition(['db', 'check', '--db', db]);
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain('chmod 600');
  });
});
