/**
 * Property-based tests of the import reader and the whole import (fast-check): random bytes, random
 * quoting, random encodings (UTF-8 with and without BOM, UTF-16, Windows-1252), huge fields, NUL
 * bytes and mixed line endings either import or fail with the tool's own error (a CoalitionError
 * subclass, naming the file and line), never crash or hang, and never leave part of a batch behind.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTable } from '../../src/core/import/reader.js';
import { runImport } from '../../src/core/import/pipeline.js';
import { RowRejected } from '../../src/core/import/types.js';
import { openDatabaseFile } from '../../src/db/connection.js';
import { CoalitionError } from '../../src/io/errors.js';
import { tempDir, FIXED_NOW } from '../helpers/context.js';

const READER_RUNS = 2500;
const IMPORT_RUNS = 250;
let readerCases = 0;
let importCases = 0;

const ownError = (err: unknown) => err instanceof CoalitionError || err instanceof RowRejected;

// ── generators ───────────────────────────────────────────────────────────────────────────────

const HEADERS = ['Organization', 'First Name', 'Last Name', 'Email', 'Phone', 'City', 'State', 'ZIP', 'County', 'Sector', 'Notes', 'Title', 'Full Name', 'Address', ''];
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('"', '""', '\0', '\r', '\n', '\r\n', ',', ';', '\t', '|', ' ', 'é', '€', '🚚', '\ufeff', 'Polk County Sheriff', "Love's #12", 'Des Moines', 'IA', '50309', '6103', 'mk@polk.example', '(515) 555-0123', '=1+1'),
);
const field = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
/** A huge field (a pasted document, a runaway cell): 5,000 to 60,000 characters. */
const hugeField = fc.tuple(piece, fc.integer({ min: 5_000, max: 60_000 })).map(([p, n]) => (p || 'x').repeat(Math.ceil(n / Math.max(1, (p || 'x').length))).slice(0, n));
/** Quote a cell properly, not at all, or wrongly (an unclosed or stray quote). */
const quoting = fc.constantFrom('proper', 'none', 'open', 'stray');
function quote(cell: string, how: string): string {
  if (how === 'proper') return `"${cell.replace(/"/g, '""')}"`;
  if (how === 'open') return `"${cell}`;
  if (how === 'stray') return `${cell}"`;
  return cell;
}
const delimiter = fc.constantFrom(',', ';', '\t', '|');
const eol = fc.constantFrom('\n', '\r\n', '\r');
const encoding = fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252');

function encode(text: string, enc: string): Buffer {
  if (enc === 'utf-8') return Buffer.from(text, 'utf8');
  if (enc === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  if (enc === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (enc === 'utf-16be') return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  return iconv.encode(text, 'win1252');
}

/** A delimited file: a header, rows of random cells, random quoting, mixed line endings, any encoding. */
const delimitedFile = fc
  .record({
    header: fc.shuffledSubarray(HEADERS, { minLength: 1, maxLength: 8 }),
    rows: fc.array(fc.array(fc.tuple(field, quoting, eol), { minLength: 0, maxLength: 9 }), { maxLength: 12 }),
    delimiter,
    enc: encoding,
    headerQuoting: quoting,
  })
  .map(({ header, rows, delimiter: d, enc, headerQuoting }) => {
    const lines = [header.map((h) => quote(h, headerQuoting === 'proper' || headerQuoting === 'none' ? headerQuoting : 'none')).join(d) + '\r\n'];
    for (const r of rows) lines.push(r.map(([c, q]) => quote(c, q)).join(d) + (r[0]?.[2] ?? '\n'));
    return encode(lines.join(''), enc);
  });
const randomBytes = fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a));
/** Bytes with a plausible start and a random tail: a header, then noise (NULs, invalid UTF-8). */
const corrupted = fc.tuple(delimitedFile, fc.uint8Array({ maxLength: 512 }), fc.nat()).map(([good, noise, at]) => {
  const cut = good.length ? at % good.length : 0;
  return Buffer.concat([good.subarray(0, cut), Buffer.from(noise), good.subarray(cut)]);
});
/** A small file with one huge cell somewhere in it. */
const withHugeField = fc.tuple(delimitedFile, hugeField, fc.nat(), quoting, encoding).map(([good, huge, at, how, enc]) => {
  const cut = good.length ? at % good.length : 0;
  return Buffer.concat([good.subarray(0, cut), encode(quote(huge, how), enc === 'utf-8-bom' ? 'utf-8' : enc), good.subarray(cut)]);
});
const fileBytes = fc.oneof({ weight: 12, arbitrary: delimitedFile }, { weight: 4, arbitrary: corrupted }, { weight: 2, arbitrary: randomBytes }, { weight: 1, arbitrary: withHugeField });

/** The bytes in random chunk sizes, as a stream delivers them. */
async function* chunked(b: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let i = 0;
  let k = 0;
  while (i < b.length) {
    const n = Math.max(1, sizes.length ? sizes[k++ % sizes.length] : b.length);
    yield b.subarray(i, i + n);
    i += n;
  }
}

// ── the reader ───────────────────────────────────────────────────────────────────────────────

describe('fuzzing the reader', () => {
  it(`reads or refuses ${READER_RUNS} generated files with its own error`, async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.array(fc.integer({ min: 1, max: 70_000 }), { maxLength: 4 }), fc.constantFrom(undefined, ',', ';'), async (bytes, sizes, forcedDelimiter) => {
        readerCases++;
        try {
          const table = await openTable({ name: 'fuzz.csv', chunks: chunked(bytes, sizes), size: bytes.length }, { delimiter: forcedDelimiter });
          expect(Array.isArray(table.header)).toBe(true);
          let last = 0;
          for await (const batch of table.batches) {
            for (const row of batch) {
              expect(row.line).toBeGreaterThan(last - 1);
              last = row.line;
              expect(Array.isArray(row.cells)).toBe(true);
            }
          }
          expect(table.contentHash()).toMatch(/^[0-9a-f]{64}$/);
        } catch (err) {
          if (!ownError(err)) throw err;
          expect((err as Error).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: READER_RUNS },
    );
  });
});

// ── the whole import ─────────────────────────────────────────────────────────────────────────

describe('fuzzing the import', () => {
  let db: Database.Database;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('coalition-fuzz-');
    db = (await openDatabaseFile(path.join(dir, 'fuzz.db'))).db;
  });
  afterAll(() => db.close());

  const counts = () => Object.fromEntries(['import_batches', 'batch_changes', 'people', 'organizations', 'attendance'].map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));

  it(`imports or refuses ${IMPORT_RUNS} generated files, never leaving part of a batch`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.boolean(), async (bytes, strict) => {
        importCases++;
        const file = path.join(dir, `in-${n++}.csv`);
        writeFileSync(file, bytes);
        const before = counts();
        try {
          const summary = await runImport(db, { kind: 'contacts', file, cwd: dir, now: FIXED_NOW, strict, rejects: path.join(dir, 'rejects.csv') });
          expect(db.inTransaction).toBe(false);
          const after = counts();
          expect(after.import_batches).toBe(before.import_batches + 1);
          // what the summary says it inserted is what the database gained
          expect(after.people - before.people).toBe(summary.inserted.people ?? 0);
          expect(after.organizations - before.organizations).toBe(summary.inserted.organizations ?? 0);
          expect(summary.rows).toBeGreaterThanOrEqual(summary.rejected);
        } catch (err) {
          if (!ownError(err)) throw err;
          // a refused file leaves nothing behind: no batch, no rows, no open transaction
          expect(db.inTransaction).toBe(false);
          expect(counts()).toEqual(before);
        }
      }),
      { numRuns: IMPORT_RUNS },
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  afterAll(() => {
    process.stdout.write(`fuzz-import: ${readerCases} reader cases, ${importCases} import cases\n`);
    expect(readerCases + importCases).toBeGreaterThanOrEqual(READER_RUNS + IMPORT_RUNS);
  });
});
