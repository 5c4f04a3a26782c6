// The import's speed-ups must not change what it does: the deferred indexes come back (or are
// never lost), identity finds every person on big imports, the place memo and text() give the same
// answers, and a kind that promises to reject before writing is held to it.
import { describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DB } from '../../src/db/connection.js';
import { runImport, type ImportOptions } from '../../src/core/import/pipeline.js';
import { text } from '../../src/core/import/kinds/common.js';
import { RowRejected, type KindHandler } from '../../src/core/import/types.js';
import { InvalidDataError } from '../../src/io/errors.js';
import { migratedDb } from '../helpers/db.js';

// A kind that writes and then rejects while promising not to (kind "hotline" here, so that the real
// contacts kind stays as it is for the other tests of this file).
const liar: KindHandler = {
  kind: 'hotline',
  fields: ['organization'],
  required: [['organization']],
  needsCoalition: 'no',
  rejectsBeforeWriting: true,
  writeRow(row, ctx) {
    ctx.db.prepare("INSERT INTO organizations (name, name_key, created_at, updated_at) VALUES (?, ?, 'x', 'x')").run(String(row.fields.organization), String(row.line));
    if (row.line === 3) throw new RowRejected('rejected after a write');
  },
};
// A kind that promises to reject only in prepare, and rejects in write (kind "activities" here).
const writeRejecter: KindHandler = {
  kind: 'activities',
  fields: ['organization'],
  required: [['organization']],
  needsCoalition: 'no',
  rejectsBeforeWriting: true,
  rejectsOnlyInPrepare: true,
  prepare: (row) => String(row.fields.organization),
  write(prepared) {
    if (prepared === 'B') throw new RowRejected('rejected in write');
  },
};
vi.mock('../../src/core/import/kinds/index.js', async (original) => {
  const real = (await original()) as Record<string, unknown> & { loadKind: (k: string) => Promise<KindHandler> };
  return { ...real, loadKind: async (k: string) => (k === 'hotline' ? liar : k === 'activities' ? writeRejecter : real.loadKind(k)) };
});

const now = new Date('2026-11-28T12:00:00Z');
async function freshDb(): Promise<{ db: DB; dir: string }> {
  const { db, dir } = await migratedDb();
  return { db, dir };
}

const opts = (dir: string, file: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({ kind: 'contacts', file, cwd: dir, now, threadBytes: -1, ...extra });
const indexes = (db: DB) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' AND sql IS NOT NULL ORDER BY name").all();
const count = (db: DB, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** 300 people, the last 40 with a long note: the file looks like ~30,000 rows from its first rows,
 * so the big-import path (deferred indexes) runs on a small file. */
function bigLookingFile(dir: string, name = 'big.csv', withBadEmail = false): string {
  const lines = ['Agency,Name,Email,Phone,City,State,ZIP,Notes'];
  for (let i = 0; i < 300; i++) {
    const note = i >= 260 ? 'x'.repeat(60000) : '';
    const email = withBadEmail && i === 100 ? 'not-an-email' : i % 10 === 0 ? '' : `p${i}@agency${i % 7}.example`;
    lines.push(`Polk County Sheriff's Office ${i % 5},Dana Person${i},${email},(515) 555-01${String(i % 100).padStart(2, '0')},Des Moines,IA,50309,${note}`);
  }
  writeFileSync(path.join(dir, name), lines.join('\n') + '\n');
  return name;
}

describe('big imports: deferred indexes', () => {
  it('builds the deferred indexes again, identical, and finds every person on a second import', async () => {
    const { db, dir } = await freshDb();
    const before = indexes(db);
    const file = bigLookingFile(dir);
    const s1 = await runImport(db, opts(dir, file));
    expect(s1).toMatchObject({ rows: 300, rejected: 0, inserted: { organizations: 5, people: 300 } });
    expect(indexes(db)).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Again: every row is somebody already there (by e-mail, or by name at the organization).
    const s2 = await runImport(db, opts(dir, file, { force: true }));
    expect(s2.inserted).toEqual({});
    expect(s2.duplicates).toBe(300);
    expect(count(db, 'people')).toBe(300);
    expect(indexes(db)).toEqual(before);
  });

  it('leaves the indexes in place after a dry run and after a --strict refusal', async () => {
    const { db, dir } = await freshDb();
    const before = indexes(db);
    await runImport(db, opts(dir, bigLookingFile(dir), { dryRun: true }));
    expect(indexes(db)).toEqual(before);
    expect(count(db, 'people')).toBe(0);
    await expect(runImport(db, opts(dir, bigLookingFile(dir, 'bad.csv', true), { strict: true }))).rejects.toBeInstanceOf(InvalidDataError);
    expect(indexes(db)).toEqual(before);
    expect(count(db, 'people')).toBe(0);
  });

  it('a person filled in by one row is found by the next (e-mail added to a name-only person)', async () => {
    const { db, dir } = await freshDb();
    const lines = ['Agency,Name,Email,Notes'];
    for (let i = 0; i < 300; i++) lines.push(`Story County Sheriff's Office,Lee Person${i % 150},${i < 150 ? '' : `lee${i % 150}@story.example`},${i >= 290 ? 'n'.repeat(200000) : ''}`);
    // Third pass over the same people, by e-mail only (the e-mails filled in by the second pass must be found).
    for (let i = 0; i < 150; i++) lines.push(`Story County Sheriff's Office,Someone Else${i},lee${i}@story.example,`);
    writeFileSync(path.join(dir, 'fill.csv'), lines.join('\n') + '\n');
    const s = await runImport(db, opts(dir, 'fill.csv'));
    expect(s.inserted.people).toBe(150);
    expect(count(db, 'people')).toBe(150);
    expect(db.prepare('SELECT count(*) AS n FROM people WHERE email IS NULL').get()).toEqual({ n: 0 });
  });
});

describe('rejectsBeforeWriting is checked', () => {
  it('a row rejected after a write stops the import and nothing is kept', async () => {
    const { db, dir } = await freshDb();
    writeFileSync(path.join(dir, 'h.csv'), 'Organization\nA\nB\nC\n');
    await expect(runImport(db, opts(dir, 'h.csv', { kind: 'hotline' }))).rejects.toThrow(/rejected line 3 after writing part of it/);
    expect(count(db, 'organizations')).toBe(0);
    expect(count(db, 'import_batches')).toBe(0);
  });

  it('a row rejected by write, from a kind that rejects only in prepare, stops the import', async () => {
    const { db, dir } = await freshDb();
    writeFileSync(path.join(dir, 'a.csv'), 'Organization\nA\nB\nC\n');
    await expect(runImport(db, opts(dir, 'a.csv', { kind: 'activities' }))).rejects.toThrow(/rejected line 3 when writing it, but declares rejectsOnlyInPrepare/);
    expect(count(db, 'import_batches')).toBe(0);
  });
});

describe('text() with its fast path', () => {
  const reference = (c: string) => {
    const s = c.replace(/\s+/g, ' ').trim();
    return s === '' ? null : s;
  };
  it.each([
    ['  Polk   County ', 'Polk County'],
    ['Des\tMoines', 'Des Moines'],
    ['line\r\nbreak', 'line break'],
    ['non\u00a0breaking', 'non breaking'],
    ['plain words here', 'plain words here'],
    ['   ', null],
    ['', null],
  ])('%j -> %j', (input, expected) => {
    expect(text(input)).toBe(expected);
  });
  it('agrees with the plain fold on 100,000 generated cells', () => {
    const chars = [' ', 'a', '\t', '\n', '\u00a0', '\u2003', 'b', '\r', '\u3000', '\ufeff', 'é', '\v'];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 100000; i++) {
      let s = '';
      const len = Math.floor(rnd() * 8);
      for (let j = 0; j < len; j++) s += chars[Math.floor(rnd() * chars.length)];
      if (text(s) !== reference(s)) expect({ s, got: text(s) }).toEqual({ s, got: reference(s) });
    }
  });
});

describe('keepHeapUnder', () => {
  it('collects the garbage of a long import once the used heap passes the ceiling', async () => {
    const { keepHeapUnder } = await import('../../src/core/import/heap.js');
    const v8 = await import('node:v8');
    let junk: number[][] = [];
    for (let i = 0; i < 400; i++) junk.push(new Array(20000).fill(i));
    junk = [];
    const before = v8.getHeapStatistics().used_heap_size;
    keepHeapUnder(1);
    expect(junk.length).toBe(0);
    expect(v8.getHeapStatistics().used_heap_size).toBeLessThan(before - 20 * 1024 * 1024);
  });
});
