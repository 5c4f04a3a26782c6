/** `coalition export` and `coalition merge`, run as the built binary. */
import { copyFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { m001 } from '../../src/db/migrations/001-initial.js';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src/db/migrations/index.js';
import { tempDir } from '../helpers/context.js';
import { coalition } from '../helpers/e2e.js';
import { dump, freshDb, query, seedCoalition } from './safety-fixtures.js';

const T = '2026-01-01T00:00:00Z';

/** The state coordinator's database: Iowa (with a truck stop paired to an officer) and Nebraska. */
async function sourceDb(): Promise<string> {
  const db = await freshDb('state.db');
  seedCoalition(db, {
    slug: 'ia-2026',
    state: 'IA',
    extraOrgs: [{ name: "Love's Travel Stop #123", city: 'Des Moines', sector: 'truck_stop' }],
    people: [
      { first: 'Maria', last: 'Kowalski', email: 'mkowalski@polk.example', phone: '+15155550101', title: 'Lt.', org: "Polk County Sheriff's Office" },
      { first: 'Dale', last: 'Price', email: null, phone: '+15155550155', org: 'Midwest Freight Carriers' },
    ],
  });
  seedCoalition(db, { slug: 'ne-2026', state: 'NE', people: [{ first: 'Ann', last: 'Lee', email: 'alee@nsp.example', org: 'Nebraska State Patrol', city: 'Lincoln' }] });
  return db;
}

/** The national office's database: already knows Maria (no phone, another title), Dale (no e-mail,
 * same organization) and the sheriff's office (sector not yet known). */
async function nationalDb(): Promise<string> {
  const db = await freshDb('national.db');
  const raw = new Database(db);
  raw.exec(`
    INSERT INTO coalitions (slug, name, build_date, created_at, updated_at) VALUES ('tx-2025', 'Texas Coalition Build', '2025-09-10', '${T}', '${T}');
    INSERT INTO organizations (id, name, name_key, city_key, sector, sector_source, city, state, created_at, updated_at)
      VALUES (1, 'Polk County Sheriffs Office', 'polk county sheriff''s office', 'des moines', 'other', 'inferred', 'Des Moines', 'IA', '${T}', '${T}'),
             (2, 'Midwest Freight Carriers', 'midwest freight carriers', 'des moines', 'trucking', 'column', 'Des Moines', 'IA', '${T}', '${T}');
    INSERT INTO people (first_name, last_name, name_key, email, title, organization_id, created_at, updated_at)
      VALUES ('Maria', 'Kowalski', 'maria kowalski', 'mkowalski@polk.example', 'Sgt.', 1, '${T}', '${T}'),
             ('Dale', 'Price', 'dale price', NULL, NULL, 2, '${T}', '${T}');
  `);
  raw.close();
  return db;
}

let source: string;
let bundle: string;

beforeAll(async () => {
  source = await sourceDb();
  bundle = path.join(tempDir(), 'ia-2026.coalition');
  const r = await coalition(['export', '-c', 'ia-2026', '-o', bundle, '--db', source]);
  if (r.exitCode !== 0) throw new Error(r.stderr);
});

describe('coalition export', () => {
  it('writes an owner-only bundle of one coalition and what it references, with a manifest', async () => {
    expect(statSync(bundle).mode & 0o777).toBe(0o600);
    expect(query(bundle, 'SELECT slug FROM coalitions')).toEqual([{ slug: 'ia-2026' }]);
    expect(query(bundle, 'SELECT first_name FROM people ORDER BY first_name')).toEqual([{ first_name: 'Dale' }, { first_name: 'Maria' }]);
    expect(query(bundle, 'SELECT name FROM organizations ORDER BY name').map((r) => r.name)).toEqual(["Love's Travel Stop #123", 'Midwest Freight Carriers', "Polk County Sheriff's Office"]);
    for (const t of ['attendance', 'signoffs']) expect(query(bundle, `SELECT count(*) AS n FROM ${t}`)).toEqual([{ n: 2 }]);
    for (const t of ['training_counts', 'activities', 'pairings', 'pins', 'targets', 'lint_runs']) expect(query(bundle, `SELECT count(*) AS n FROM ${t}`)).toEqual([{ n: 1 }]);
    expect(query(bundle, 'SELECT state FROM hotline_stats')).toEqual([{ state: 'IA' }]);
    expect(query(bundle, 'SELECT count(*) AS n FROM import_batches')).toEqual([{ n: 0 }]);
    const manifest = Object.fromEntries(query<{ key: string; value: string }>(bundle, "SELECT key, value FROM settings WHERE key LIKE 'bundle.%'").map((r) => [r.key, r.value]));
    expect(manifest).toEqual({
      'bundle.format': '1',
      'bundle.scope': 'coalition',
      'bundle.coalitions': '["ia-2026"]',
      'bundle.exported_at': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      'bundle.schema_version': String(LATEST_VERSION),
    });
    expect(query(bundle, 'PRAGMA user_version')).toEqual([{ user_version: LATEST_VERSION }]);
  });

  it('exports everything with --all, and checks its flags before any work', async () => {
    const dir = tempDir();
    const all = path.join(dir, 'all.coalition');
    const r = await coalition(['export', '--all', '-o', all, '--json', '--db', source]);
    expect(r.exitCode).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ file: all, scope: 'all', coalitions: ['ia-2026', 'ne-2026'], counts: { people: 3, coalitions: 2, hotline_stats: 2 } });

    const noOut = await coalition(['export', '-c', 'ia-2026', '--db', source]);
    expect(noOut.exitCode).toBe(2);
    expect(noOut.stderr).toContain('add -o FILE');
    const both = await coalition(['export', '-c', 'ia-2026', '--all', '-o', path.join(dir, 'x'), '--db', source]);
    expect(both.exitCode).toBe(2);
    const ambiguous = await coalition(['export', '-o', path.join(dir, 'y'), '--db', source]);
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toContain('ia-2026, ne-2026');
    const exists = await coalition(['export', '--all', '-o', all, '--db', source]);
    expect(exists.exitCode).toBe(1);
    expect(exists.stderr).toContain('--force');
  });
});

describe('coalition merge', () => {
  it('matches people and organizations, fills only empty fields, reports what it left alone, and is idempotent', async () => {
    const db = await nationalDb();
    const before = dump(db);

    const dry = await coalition(['merge', bundle, '--dry-run', '--json', '--db', db]);
    expect(dry.exitCode).toBe(0);
    const planned = JSON.parse(dry.stdout);
    expect(planned.dry_run).toBe(true);
    expect(planned.batch).toBeNull();
    expect(dump(db)).toEqual(before);
    expect(query(db, 'SELECT count(*) AS n FROM import_batches')).toEqual([{ n: 0 }]);

    const r = await coalition(['merge', bundle, '--json', '--db', db]);
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.added).toEqual(planned.added);
    expect(report.updated).toEqual(planned.updated);
    expect(report.added).toMatchObject({ coalitions: 1, organizations: 1, people: 0, attendance: 2, signoffs: 2, training_counts: 1, activities: 1, hotline_stats: 1, pairings: 1, pins: 1, targets: 1, lint_runs: 1 });
    expect(report.updated).toMatchObject({ people: 2, organizations: 1 });
    // the state's file calls the carrier law enforcement (a mistake there): this database's sector stays
    expect(report.left_alone).toEqual([
      { table: 'organizations', id: 2, name: 'Midwest Freight Carriers', fields: ['sector'] },
      { table: 'people', id: 1, name: 'Maria Kowalski', fields: ['title'] },
    ]);
    expect(query(db, 'SELECT sector FROM organizations WHERE id = 2')).toEqual([{ sector: 'trucking' }]);
    expect(report.bundle).toMatchObject({ scope: 'coalition', coalitions: ['ia-2026'] });

    // one person per e-mail, one per name at an organization; empty fields filled, others kept
    expect(query(db, 'SELECT id, email, phone, title FROM people ORDER BY id')).toEqual([
      { id: 1, email: 'mkowalski@polk.example', phone: '+15155550101', title: 'Sgt.' },
      { id: 2, email: null, phone: '+15155550155', title: null },
    ]);
    expect(query(db, 'SELECT id, sector, sector_source FROM organizations WHERE id = 1')).toEqual([{ id: 1, sector: 'law_enforcement', sector_source: 'inferred' }]);
    expect(query(db, "SELECT count(*) AS n FROM attendance a JOIN coalitions c ON c.id = a.coalition_id WHERE c.slug = 'ia-2026'")).toEqual([{ n: 2 }]);
    const fk = new Database(db, { readonly: true });
    expect(fk.pragma('foreign_key_check')).toEqual([]);
    fk.close();

    // the merge is a batch that can be listed, with what it did recorded for undo
    const batches = query(db, 'SELECT id, kind, file, inserted_json FROM import_batches');
    expect(batches).toEqual([{ id: report.batch, kind: 'merge', file: 'ia-2026.coalition', inserted_json: expect.any(String) }]);
    expect(JSON.parse(batches[0].inserted_json as string)).toMatchObject({ coalitions: 1, organizations: 1, attendance: 2 });
    expect(query(db, "SELECT count(*) AS n FROM people WHERE created_batch IS NOT NULL")).toEqual([{ n: 0 }]);
    expect(query(db, "SELECT count(*) AS n FROM batch_changes WHERE action = 'update' AND table_name = 'people'")).toEqual([{ n: 2 }]);
    expect(query(db, "SELECT before_json FROM batch_changes WHERE action = 'update' AND table_name = 'people' AND row_id = 1")).toEqual([{ before_json: expect.stringContaining('"phone":null') }]);

    // the same bundle again changes nothing
    const afterFirst = dump(db);
    const again = await coalition(['merge', bundle, '--json', '--db', db]);
    expect(again.exitCode).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.batch).toBeNull();
    expect(Object.values(second.added).every((n) => n === 0)).toBe(true);
    expect(Object.values(second.updated).every((n) => n === 0)).toBe(true);
    expect(dump(db)).toEqual(afterFirst);
    expect(query(db, 'SELECT count(*) AS n FROM import_batches')).toEqual([{ n: 1 }]);
  });

  it('prints a summary for people and a short table for scripts', async () => {
    const db = await nationalDb();
    const r = await coalition(['merge', bundle, '--db', db]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('added\t13\nupdated\t3\nleft_alone\t2\n');
    expect(r.stderr).toContain('Merged ia-2026.coalition as batch 1.');
    expect(r.stderr).toContain('Added: 1 coalition, 1 organization, 2 attendance records, 2 sign-offs');
    expect(r.stderr).toContain("this database's values were kept");
    expect(r.stderr).toContain('person 1 (Maria Kowalski): title');
    expect(r.stderr).toContain('organization 2 (Midwest Freight Carriers): sector');
    const again = await coalition(['merge', bundle, '--db', db]);
    expect(again.stderr).toContain('Nothing to merge');
  });

  it('merges a bundle into an empty database, giving the same records', async () => {
    const db = await freshDb();
    const r = await coalition(['merge', bundle, '--json', '--db', db]);
    expect(r.exitCode).toBe(0);
    const strip = (rows: unknown[]) => rows.map((r) => JSON.parse(r as string)).map(({ id, created_batch, updated_at, organization_id, ...rest }) => rest);
    expect(strip(dump(db).people)).toEqual(strip(dump(bundle).people));
    expect(strip(dump(db).organizations)).toEqual(strip(dump(bundle).organizations));
    expect(query(db, 'SELECT count(*) AS n FROM pairings')).toEqual([{ n: 1 }]);
  });

  it('merges an investigation whose note holds victim details without the note', async () => {
    const copy = path.join(tempDir(), 'edited.coalition');
    copyFileSync(bundle, copy);
    // A bundle from an older version, or edited by hand, that never ran the check.
    const raw = new Database(copy);
    const cid = (raw.prepare("SELECT id FROM coalitions WHERE slug = 'ia-2026'").get() as { id: number }).id;
    const add = raw.prepare(`INSERT INTO activities (coalition_id, kind, occurred_on, count, note, created_at, updated_at) VALUES (?, 'investigation', ?, 1, ?, '${T}', '${T}')`);
    add.run(cid, '2026-05-02', 'Jane, 16, recovered at the Pilot');
    add.run(cid, '2026-06-10', 'Assisted by Iowa DOT MVE and the store manager');
    raw.close();
    const db = await freshDb();
    const r = await coalition(['merge', copy, '--json', '--db', db]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).dropped_notes).toEqual([{ kind: 'investigation', occurred_on: '2026-05-02', problem: expect.any(String) }]);
    expect(query(db, "SELECT occurred_on, count, note FROM activities WHERE kind = 'investigation' ORDER BY occurred_on")).toEqual([
      { occurred_on: '2026-05-02', count: 1, note: null },
      { occurred_on: '2026-06-10', count: 1, note: 'Assisted by Iowa DOT MVE and the store manager' },
    ]);
    const text = await coalition(['merge', copy, '--dry-run', '--db', await freshDb()]);
    expect(text.stderr).toContain('1 investigation note of the bundle seemed to hold victim details');
    expect(text.stderr).not.toContain('Jane');
  });

  it('refuses what is not a bundle, and a bundle from a newer coalition', async () => {
    const db = await nationalDb();
    const before = dump(db);
    const dir = tempDir();
    const text = path.join(dir, 'contacts.csv');
    writeFileSync(text, 'name,email\nMaria,m@example.org\n');
    const a = await coalition(['merge', text, '--db', db]);
    expect(a.exitCode).toBe(1);
    expect(a.stderr).toContain('is not a coalition bundle');
    const newer = path.join(dir, 'newer.coalition');
    copyFileSync(bundle, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    const b = await coalition(['merge', newer, '--db', db]);
    expect(b.exitCode).toBe(1);
    expect(b.stderr).toContain('newer than this coalition understands');
    expect(dump(db)).toEqual(before);
  });

  it('is listed as a batch and can be undone, restoring the database as it was', async () => {
    const db = await nationalDb();
    const raw = new Database(db);
    // an existing Iowa coalition with no city: the merge fills it, the undo empties it again
    raw.prepare("INSERT INTO coalitions (slug, name, build_date, created_at, updated_at) VALUES ('ia-2026', 'IA Coalition Build', '2026-03-12', ?, ?)").run(T, T);
    raw.close();
    const before = dump(db);
    const merged = JSON.parse((await coalition(['merge', bundle, '--json', '--db', db])).stdout);
    expect(merged.batch).toBe(1);
    const listed = await coalition(['imports', '--json', '--db', db]);
    expect(listed.exitCode).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ batch: 1, kind: 'merge', file: 'ia-2026.coalition', coalition: 'ia-2026' }]);

    const undone = await coalition(['merge', '--undo', '1', '--json', '--db', db]);
    expect(undone.exitCode, undone.stderr).toBe(0);
    expect(JSON.parse(undone.stdout)).toMatchObject({ batch: 1, removed: { organizations: 1, attendance: 2, signoffs: 2, pins: 1, pairings: 1, targets: 1, lint_runs: 1 } });
    expect(dump(db)).toEqual(before);
    expect(query(db, 'SELECT status FROM import_batches WHERE id = 1')).toEqual([{ status: 'undone' }]);

    const again = await coalition(['merge', '--undo', '1', '--db', db]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('already undone');
    // merging again after the undo works and gives the same result as the first time
    const redo = JSON.parse((await coalition(['merge', bundle, '--json', '--db', db])).stdout);
    expect(redo.added).toEqual(merged.added);
  });

  it('"imports undo" of a merge batch removes everything the merge added, like "merge --undo"', async () => {
    const db = await nationalDb();
    const before = dump(db);
    const merged = JSON.parse((await coalition(['merge', bundle, '--json', '--db', db])).stdout);
    const undone = await coalition(['imports', 'undo', String(merged.batch), '--json', '--db', db]);
    expect(undone.exitCode, undone.stderr).toBe(0);
    expect(JSON.parse(undone.stdout)).toMatchObject({ batch: merged.batch, removed: { pins: 1, pairings: 1, targets: 1, lint_runs: 1 } });
    expect(dump(db)).toEqual(before);
  });

  it('refuses to undo a merge that later work depends on', async () => {
    const db = await freshDb();
    const merged = JSON.parse((await coalition(['merge', bundle, '--json', '--db', db])).stdout);
    const raw = new Database(db);
    raw.prepare("INSERT INTO activities (coalition_id, kind, occurred_on, details_json, created_at, updated_at) SELECT id, 'agenda', '2026-03-12', '{}', 'x', 'x' FROM coalitions WHERE slug = 'ia-2026'").run();
    raw.close();
    const before = dump(db);
    const r = await coalition(['merge', '--undo', String(merged.batch), '--db', db]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/later work depends on what merge batch \d+ added: activities #\d+/);
    expect(dump(db)).toEqual(before);
    const wrongKind = await coalition(['merge', '--undo', 'x', '--db', db]);
    expect(wrongKind.exitCode).toBe(2);
  });

  it('upgrades a bundle from an older version before merging, leaving nothing behind', async () => {
    const dir = tempDir();
    const old = path.join(dir, 'v1.coalition');
    const raw = new Database(old);
    m001.up(raw);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO coalitions (slug, name, build_date, created_at, updated_at) VALUES ('ia-2019', 'Iowa 2019', '2019-05-01', 'x', 'x')").run();
    raw.prepare("INSERT INTO settings (key, value) VALUES ('bundle.format', '1')").run();
    raw.close();
    const db = await freshDb();
    const files = readdirSync(path.dirname(db));
    const r = await coalition(['merge', old, '--json', '--db', db]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: { coalitions: 1 }, bundle: { schema_version: 1 } });
    expect(readdirSync(path.dirname(db)).sort()).toEqual(files.sort());
    expect(readdirSync(dir)).toEqual(['v1.coalition']);
  });
});
