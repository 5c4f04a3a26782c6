/** `coalition backup` and `coalition restore`, run as the built binary. */
import { execa, type ResultPromise } from 'execa';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { m001 } from '../../src/db/migrations/001-initial.js';
import { LATEST_VERSION } from '../../src/db/migrations/index.js';
import { tempDir } from '../helpers/context.js';
import { coalition, ROOT } from '../helpers/e2e.js';
import { dump, freshDb, query, seedCoalition } from './safety-fixtures.js';

const IOWA = [
  { first: 'Maria', last: 'Kowalski', email: 'mkowalski@polk.example', title: 'Lt.', org: 'Polk County Sheriff\'s Office' },
  { first: 'Dale', last: 'Price', email: null, org: 'Midwest Freight Carriers' },
];

/** A child process that writes to the database; stopped (by its own id) after each test. */
const children: ResultPromise[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function child(script: string, ...args: string[]): ResultPromise {
  const p = execa('node', ['-e', script, ...args], { cwd: ROOT, reject: false, buffer: false, stdout: 'pipe' });
  children.push(p);
  return p;
}

/** Resolves when the child prints `line` on stdout. */
function waitForLine(p: ResultPromise, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    p.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(line)) resolve();
    });
    p.then(() => reject(new Error(`child ended before printing ${line}`)), reject);
  });
}

/** Polls a condition, at most `tries` times, a few milliseconds apart; fails if it never holds. */
async function until(what: string, cond: () => boolean, tries = 2000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function readCount(file: string): number {
  const r = query<{ value: string }>(file, "SELECT value FROM settings WHERE key = 'writer.count'");
  return r.length ? Number(r[0].value) : 0;
}

// Each transaction adds 200 organizations and records the running total: a consistent copy holds
// exactly as many writer rows as the total it records.
const WRITER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 30000');
const ins = db.prepare("INSERT INTO organizations (name, name_key, city_key, created_at, updated_at) VALUES (?, ?, 'writer', 'x', 'x')");
const set = db.prepare("INSERT INTO settings (key, value) VALUES ('writer.count', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
let n = 0;
const tx = db.transaction(() => { for (let i = 0; i < 200; i++) { n++; ins.run('Writer ' + n, 'writer ' + n); } set.run(String(n)); });
for (;;) tx();
`;

describe('coalition backup', () => {
  it('writes an owner-only copy and refuses to overwrite a file unless --force', async () => {
    const db = await freshDb();
    seedCoalition(db, { slug: 'ia-2026', state: 'IA', people: IOWA });
    const out = path.join(tempDir(), 'backup.db');
    const r = await coalition(['backup', out, '--db', db]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(out + '\n');
    expect(r.stderr).toContain('readable only by you');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(dump(out)).toEqual(dump(db));
    expect(readdirSync(path.dirname(out))).toEqual(['backup.db']);

    const again = await coalition(['backup', out, '--db', db]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(again.stderr).toContain('--force');

    seedCoalition(db, { slug: 'ne-2026', state: 'NE', people: [{ first: 'Ann', last: 'Lee', email: 'alee@example.org', org: 'Nebraska State Patrol', city: 'Lincoln' }] });
    const forced = await coalition(['backup', out, '--force', '--json', '--db', db]);
    expect(forced.exitCode).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ file: out, database: db });
    expect(query(out, 'SELECT slug FROM coalitions ORDER BY slug')).toEqual([{ slug: 'ia-2026' }, { slug: 'ne-2026' }]);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('refuses when there is no database, or when the backup would be the database itself', async () => {
    const dir = tempDir();
    const none = await coalition(['backup', path.join(dir, 'b.db'), '--db', path.join(dir, 'missing.db')]);
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toContain('no database at');
    expect(existsSync(path.join(dir, 'missing.db'))).toBe(false);
    const db = await freshDb();
    const self = await coalition(['backup', db, '--force', '--db', db]);
    expect(self.exitCode).toBe(1);
    expect(self.stderr).toContain('is the database itself');
  });

  it('is consistent while another process keeps writing', async () => {
    const db = await freshDb();
    const writer = child(WRITER, db);
    await until('the writer to commit 10 transactions', () => readCount(db) >= 2000);
    const out = path.join(tempDir(), 'during-writes.db');
    const r = await coalition(['backup', out, '--db', db]);
    expect(r.exitCode).toBe(0);
    // the writer was still writing when the backup finished
    expect(writer.exitCode).toBeNull();
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const recorded = Number((copy.prepare("SELECT value FROM settings WHERE key = 'writer.count'").get() as { value: string }).value);
    const rows = (copy.prepare("SELECT count(*) AS n FROM organizations WHERE city_key = 'writer'").get() as { n: number }).n;
    copy.close();
    expect(recorded).toBeGreaterThanOrEqual(2000);
    expect(rows).toBe(recorded);
  });
});

describe('coalition restore', () => {
  it('replaces the database with a checked backup and keeps the old one aside', async () => {
    const db = await freshDb();
    seedCoalition(db, { slug: 'ia-2026', state: 'IA', people: IOWA });
    const backup = path.join(tempDir(), 'backup.db');
    expect((await coalition(['backup', backup, '--db', db])).exitCode).toBe(0);
    const before = dump(db);
    seedCoalition(db, { slug: 'ne-2026', state: 'NE', people: [{ first: 'Ann', last: 'Lee', email: 'alee@example.org', org: 'Nebraska State Patrol', city: 'Lincoln' }] });
    const afterChange = dump(db);

    const r = await coalition(['restore', backup, '--db', db]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(db + '\n');
    expect(r.stderr).toContain('Restored');
    const aside = readdirSync(path.dirname(db)).filter((f) => f.startsWith('coalition.db.before-restore-'));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^coalition\.db\.before-restore-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    expect(r.stderr).toContain(aside[0]);
    expect(dump(db)).toEqual(before);
    expect(dump(path.join(path.dirname(db), aside[0]))).toEqual(afterChange);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect((await coalition(['db', 'check', '--db', db])).exitCode).toBe(0);
    // the backup file is left as it was found
    expect(readdirSync(path.dirname(backup))).toEqual(['backup.db']);
  });

  it('folds a crashed writer\'s -wal into the database kept aside, and leaves no stale -wal', async () => {
    const db = await freshDb();
    const backup = path.join(tempDir(), 'backup.db');
    expect((await coalition(['backup', backup, '--db', db])).exitCode).toBe(0);
    const crash = child(`
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('journal_mode = WAL'); db.pragma('wal_autocheckpoint = 0');
db.prepare("INSERT INTO coalitions (slug, name, build_date, created_at, updated_at) VALUES ('only-in-wal', 'x', '2026-01-01', 'x', 'x')").run();
process.stdout.write('written\\n');
setInterval(() => {}, 1000);
`, db);
    await waitForLine(crash, 'written');
    crash.kill('SIGKILL');
    await crash;
    expect(statSync(`${db}-wal`).size).toBeGreaterThan(0);

    const r = await coalition(['restore', backup, '--json', '--db', db]);
    expect(r.exitCode).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ database: db, restored_from: backup, schema_version: LATEST_VERSION, needs_upgrade: false });
    expect(existsSync(`${db}-wal`)).toBe(false);
    expect(query(db, 'SELECT slug FROM coalitions')).toEqual([]);
    expect(query(result.kept_aside, 'SELECT slug FROM coalitions')).toEqual([{ slug: 'only-in-wal' }]);
  });

  it('refuses while another process has the database open', async () => {
    const db = await freshDb();
    const backup = path.join(tempDir(), 'backup.db');
    expect((await coalition(['backup', backup, '--db', db])).exitCode).toBe(0);
    const holder = child(`
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.prepare('SELECT count(*) FROM coalitions').get();
process.stdout.write('open\\n');
setInterval(() => {}, 1000);
`, db);
    await waitForLine(holder, 'open');
    const r = await coalition(['restore', backup, '--db', db]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('another coalition command is using the database');
    expect(readdirSync(path.dirname(db)).filter((f) => f.includes('before-restore'))).toEqual([]);
  });

  it('refuses files that are not an intact coalition database, naming the problem', async () => {
    const db = await freshDb();
    seedCoalition(db, { slug: 'ia-2026', state: 'IA', people: IOWA });
    const before = dump(db);
    const dir = tempDir();

    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'this is not a database\n'.repeat(100));
    const a = await coalition(['restore', text, '--db', db]);
    expect(a.exitCode).toBe(1);
    expect(a.stderr).toContain('is not a coalition backup');

    const other = path.join(dir, 'other.sqlite');
    const o = new Database(other);
    o.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)');
    o.close();
    const b = await coalition(['restore', other, '--db', db]);
    expect(b.exitCode).toBe(1);
    expect(b.stderr).toContain('an SQLite database but not a coalition backup');

    const newer = path.join(dir, 'newer.db');
    expect((await coalition(['backup', newer, '--db', db])).exitCode).toBe(0);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    const c = await coalition(['restore', newer, '--db', db]);
    expect(c.exitCode).toBe(1);
    expect(c.stderr).toContain(`schema version ${LATEST_VERSION + 1}, newer than this coalition understands (${LATEST_VERSION})`);
    expect(c.stderr).toContain('hint: upgrade coalition');

    const damaged = path.join(dir, 'damaged.db');
    expect((await coalition(['backup', damaged, '--db', db])).exitCode).toBe(0);
    const d = new Database(damaged, { readonly: true });
    const root = (d.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'people'").get() as { rootpage: number }).rootpage;
    const pageSize = d.pragma('page_size', { simple: true }) as number;
    d.close();
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, (root - 1) * pageSize);
    closeSync(fd);
    const e = await coalition(['restore', damaged, '--db', db]);
    expect(e.exitCode).toBe(1);
    expect(e.stderr).toContain('is damaged');
    expect(e.stderr).toContain('hint: use another backup');

    const missing = await coalition(['restore', path.join(dir, 'missing.db'), '--db', db]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('no file at');

    // nothing was replaced or set aside
    expect(dump(db)).toEqual(before);
    expect(readdirSync(path.dirname(db)).filter((f) => f.includes('before-restore'))).toEqual([]);
  });

  it('restores an older schema, which the next command upgrades', async () => {
    const dir = tempDir();
    const old = path.join(dir, 'v1.db');
    const raw = new Database(old);
    m001.up(raw);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO coalitions (slug, name, build_date, created_at, updated_at) VALUES ('ia-2019', 'Iowa 2019', '2019-05-01', 'x', 'x')").run();
    raw.close();
    const db = await freshDb();
    const r = await coalition(['restore', old, '--db', db]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`schema version 1; it is upgraded to ${LATEST_VERSION}`);
    const list = await coalition(['list', '--json', '--db', db]);
    expect(list.exitCode).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([{ slug: 'ia-2019' }]);
    expect(query(db, 'PRAGMA user_version')).toEqual([{ user_version: LATEST_VERSION }]);
    expect(readFileSync(old).length).toBeGreaterThan(0);
  });
});
