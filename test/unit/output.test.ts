import { describe, expect, it } from 'vitest';
import { chmodSync, copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fitWidths, neutralizeCsvCell, printRecords, relativeTime, renderCsv, renderMarkdownTable, renderTsv, resolveFormat, writeOutput, type Column } from '../../src/io/output.js';
import { RefusedError } from '../../src/io/errors.js';
import { run, tempDir, testContext } from '../helpers/context.js';
import { migratedDb } from '../helpers/db.js';

interface Row {
  name: string;
  n: number;
  tags: string[];
}
const cols: Column<Row>[] = [
  { header: 'name', key: 'name' },
  { header: 'n', key: 'n', kind: 'number' },
  { header: 'tags', key: 'tags', kind: 'list' },
];

describe('record formats', () => {
  it('TSV has a header and flattens tabs and newlines', () => {
    expect(renderTsv([{ name: 'a\tb\nc', n: 1, tags: ['x', 'y'] }], cols)).toBe('name\tn\ttags\na b c\t1\tx, y\n');
  });

  it('CSV quotes what needs quoting and uses CRLF', () => {
    expect(renderCsv([{ name: 'Smith, "Jo"', n: 2, tags: [] }], cols)).toBe('name,n,tags\r\n"Smith, ""Jo""",2,\r\n');
  });

  it.each([
    ['=HYPERLINK("x")', "'=HYPERLINK(\"x\")"],
    ['+15155550100', "'+15155550100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('neutralizes spreadsheet formulas in CSV: %j', (input, expected) => {
    expect(neutralizeCsvCell(input, input)).toBe(expected);
  });

  it('leaves real numbers alone in CSV', () => {
    expect(neutralizeCsvCell(-5, '-5')).toBe('-5');
  });

  it('Markdown escapes pipes', () => {
    expect(renderMarkdownTable([{ name: 'a|b', n: 1, tags: [] }], cols)).toContain('| a\\|b | 1 |  |');
  });
});

describe('resolveFormat', () => {
  it('is a table on a terminal and TSV when piped', () => {
    expect(resolveFormat(testContext({ tty: true }).ctx, {})).toBe('table');
    expect(resolveFormat(testContext({ tty: false }).ctx, {})).toBe('tsv');
  });
  it('--json wins; --json with another --format is a usage error', () => {
    expect(resolveFormat(testContext().ctx, { json: true })).toBe('json');
    expect(() => resolveFormat(testContext().ctx, { json: true, format: 'csv' })).toThrow(/contradict/);
  });
  it('refuses formats a command does not offer, naming the ones it does', () => {
    expect(() => resolveFormat(testContext().ctx, { format: 'pdf' }, ['table', 'json'])).toThrow(/unknown format/);
  });
  it('PDF needs a file', () => {
    expect(() => resolveFormat(testContext().ctx, { format: 'pdf' }, ['pdf'])).toThrow(/needs a file/);
    expect(resolveFormat(testContext().ctx, { format: 'pdf', output: 'x.pdf' }, ['pdf'])).toBe('pdf');
  });
  it('takes the format from the output file name', () => {
    expect(resolveFormat(testContext().ctx, { output: 'out.csv' })).toBe('csv');
  });
});

describe('-o FILE', () => {
  it('replaces an existing file owner-only, even one others could read, and leaves no temporary file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'list.csv');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o644);
    writeOutput(testContext({ cwd: dir }).ctx, 'name\r\nMaria\r\n', 'list.csv');
    expect(readFileSync(file, 'utf8')).toBe('name\r\nMaria\r\n');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['list.csv']);
  });

  it('never replaces the database, its side files or another SQLite database', async () => {
    const { db, dir, file } = await migratedDb();
    db.close();
    chmodSync(file, 0o600);
    copyFileSync(file, path.join(dir, 'backup.db'));
    const ctx = testContext({ cwd: dir, globals: { db: file } }).ctx;
    for (const target of [file, 't.db', 't.db-wal', 'backup.db']) {
      expect(() => resolveFormat(ctx, { format: 'csv', output: target })).toThrow(RefusedError);
      expect(() => writeOutput(ctx, 'x', target)).toThrow(/not overwriting it/);
    }
    // The command refuses before doing any work, and the database is intact.
    const r = await run(['--db', file, 'people', '--format', 'csv', '-o', file], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is the database; not overwriting it with the output');
    expect(readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect((await run(['--db', file, 'db', 'check'], { cwd: dir })).code).toBe(0);
  });
});

describe('TSV written to a file', () => {
  const hostile = [{ name: '=HYPERLINK("http://evil.example","x")', n: -3, tags: ['@SUM(A1)'] }];
  it('neutralizes formulas as CSV does, since a spreadsheet opens it; piped TSV stays as it is for scripts', async () => {
    const dir = tempDir();
    const t = testContext({ cwd: dir });
    await printRecords(t.ctx, hostile, cols, { output: 'list.tsv' });
    expect(readFileSync(path.join(dir, 'list.tsv'), 'utf8')).toBe(`name\tn\ttags\n'=HYPERLINK("http://evil.example","x")\t-3\t'@SUM(A1)\n`);
    await printRecords(t.ctx, hostile, cols, { format: 'tsv' });
    expect(t.stdout()).toBe(`name\tn\ttags\n=HYPERLINK("http://evil.example","x")\t-3\t@SUM(A1)\n`);
  });
});

describe('terminal helpers', () => {
  it('shrinks the widest column first', () => {
    expect(fitWidths([10, 40, 10], 50)).toEqual([10, 30, 10]);
    expect(fitWidths([10, 10], 50)).toEqual([10, 10]);
  });
  it('writes relative times', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(relativeTime('2026-11-25T12:00:00Z', now)).toBe('3 days ago');
    expect(relativeTime('2026-11-28T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('2026-11-28T10:00:00Z', now)).toBe('2 hours ago');
    expect(relativeTime('not a date', now)).toBe('not a date');
  });
});
