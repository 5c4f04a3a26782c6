/**
 * The reader: bytes → a header and rows. What a file is comes from its content, never its name: a
 * zip that holds a workbook is read as XLSX; anything else must be delimited text (comma, tab,
 * semicolon or pipe, detected from the header line) in UTF-8, UTF-16 or Windows-1252 (see
 * decode.ts). Text is parsed as it streams in, so memory does not grow with the file; rows come out
 * in batches. A file that cannot be read fails with an InvalidDataError naming the file and line.
 */
import { createHash, type Hash } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { InvalidDataError, UsageError } from '../../io/errors.js';
import { DecodeError, decodeChunks, normalizeEncodingName, type DecodeState } from './decode.js';
import type { Cell } from './types.js';

export interface InputSource {
  /** What to call the input in messages: the path as typed, or "stdin". */
  name: string;
  /** The bytes, in chunks. */
  chunks: AsyncIterable<Buffer>;
  /** Total size in bytes when known (files), for progress. */
  size?: number;
}

export interface ReaderOptions {
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  /** Rows per batch (default 2000). */
  batchSize?: number;
}

export interface RawRow {
  line: number;
  cells: Cell[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  header: string[];
  headerLine: number;
  /** Data rows in batches; blank rows are skipped. Throws InvalidDataError on a broken file. */
  batches: AsyncIterable<RawRow[]>;
  /** Bytes read so far and the total, for a progress bar. */
  progress(): { done: number; total?: number };
  /** SHA-256 of the content (of the bytes read so far: complete once the batches are exhausted). */
  contentHash(): string;
  /** Releases what reading holds (the reader thread), whether or not the rows were all read. */
  close?(): Promise<void>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (b: Buffer, magic: number[]) => magic.every((m, i) => b[i] === m);

/** A byte stream with its first chunk available for sniffing, counting and hashing as it goes. */
class Tap {
  done = 0;
  private hash: Hash = createHash('sha256');
  private digest?: string;
  constructor(private readonly it: AsyncIterator<Buffer>) {}
  async first(min: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let n = 0;
    while (n < min) {
      const r = await this.it.next();
      if (r.done) break;
      const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
      this.take(b);
      parts.push(b);
      n += b.length;
    }
    return Buffer.concat(parts);
  }
  private take(b: Buffer) {
    this.done += b.length;
    this.hash.update(b);
  }
  async *rest(head: Buffer): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    for (;;) {
      const r = await this.it.next();
      if (r.done) return;
      const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
      this.take(b);
      yield b;
    }
  }
  hex(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}

export async function openTable(src: InputSource, opts: ReaderOptions = {}): Promise<Table> {
  const tap = new Tap(src.chunks[Symbol.asyncIterator]());
  const head = await tap.first(64 * 1024);
  const file = src.name;
  if (head.length === 0) {
    throw new InvalidDataError('the file is empty', { file }, { hint: 'export the spreadsheet again with its header row and its rows' });
  }
  if (startsWith(head, ZIP_MAGIC)) {
    if (opts.delimiter || opts.encoding) throw new UsageError('--delimiter and --encoding apply to text files, not to an XLSX workbook', { hint: 'leave them out (use --sheet to pick a sheet)' });
    return openXlsx(src, tap, head, opts);
  }
  if (opts.sheet) throw new UsageError(`--sheet applies to XLSX workbooks; ${file} is a text file`, { hint: 'leave --sheet out' });
  if (startsWith(head, OLE_MAGIC)) {
    throw new InvalidDataError('this is an old Excel 97-2003 workbook (.xls), which cannot be read', { file }, { hint: 'open it in Excel or LibreOffice and save it as .xlsx or CSV' });
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new InvalidDataError('this is a PDF, not a spreadsheet', { file }, { hint: 'export the data from the program that made it as CSV or XLSX' });
  }
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const forced = opts.encoding ? normalizeEncodingName(opts.encoding) : undefined;
  if (opts.encoding && !forced) throw new UsageError(`unknown encoding "${opts.encoding}"`, { hint: 'use utf-8, windows-1252, latin1 or utf-16le' });
  if (!utf16 && !forced?.startsWith('utf-16') && looksBinary(head)) {
    throw new InvalidDataError('this is not a spreadsheet: it holds binary data, not text or an XLSX workbook', { file, line: 1 }, { hint: 'import a CSV, TSV or XLSX file (in Excel: File › Save As › CSV UTF-8)' });
  }
  return openText(src, tap, head, opts, forced);
}

/** Control bytes other than tab, CR, LF, form feed and Ctrl-Z: text files do not have them. */
export function looksBinary(head: Buffer): boolean {
  const n = Math.min(head.length, 8192);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0) return true;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 26) odd++;
  }
  return odd > Math.max(2, n / 100);
}

/** The most frequent of `,` tab `;` `|` outside quotes in the header line. */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0, '|': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const d of ['\t', ';', '|']) if (counts[d] > counts[best]) best = d;
  return best;
}

function parseDelimiterOption(d: string): string {
  const map: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const v = map[d.toLowerCase()] ?? d;
  if (v.length !== 1) throw new UsageError(`--delimiter must be one character (or tab, comma, semicolon, pipe), not "${d}"`);
  return v;
}

/** Line breaks inside a field: CRLF, CR or LF each count once. */
function countBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

const isBlank = (c: Cell) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/** Header cells: trimmed, trailing empty ones dropped, duplicates refused. */
export function checkHeader(cells: Cell[], file: string, line: number): string[] {
  const header = cells.map((c) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c)).replace(/^\uFEFF/, '').trim());
  while (header.length && header[header.length - 1] === '') header.pop();
  if (header.length === 0) throw new InvalidDataError('the first row is empty: there is no header row', { file, line }, { hint: 'the first row must name the columns (Name, Email, Agency, …)' });
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    if (!h) return;
    const k = h.toLowerCase();
    const prev = seen.get(k);
    if (prev !== undefined) {
      throw new InvalidDataError(`the column "${h}" appears twice (columns ${prev + 1} and ${i + 1})`, { file, line, field: h }, { hint: 'rename or delete one of the two columns, then import again' });
    }
    seen.set(k, i);
  });
  return header;
}

/** Trims a data row to the header's width; refuses a row with a different number of fields. */
function fitRow(cells: Cell[], width: number, file: string, line: number): Cell[] {
  if (cells.length === width) return cells;
  if (cells.length > width && cells.slice(width).every(isBlank)) return cells.slice(0, width);
  throw new InvalidDataError(`this row has ${cells.length} fields where the header has ${width}`, { file, line }, {
    hint: 'a value that contains the delimiter must be in double quotes; fix that line (or export the file again) and import again',
  });
}

async function openText(src: InputSource, tap: Tap, head: Buffer, opts: ReaderOptions, forced: string | undefined): Promise<Table> {
  const file = src.name;
  const state: DecodeState = { encoding: 'ascii', bom: false };
  const text = decodeChunks(tap.rest(head), forced, state);
  // Read text until the header line is complete (or 64 KB), to choose the delimiter.
  const textIt = text[Symbol.asyncIterator]();
  let sample = '';
  let ended = false;
  try {
    while (sample.length < 65536 && !/[\r\n]/.test(sample.replace(/"[^"]*"/g, ''))) {
      const r = await textIt.next();
      if (r.done) {
        ended = true;
        break;
      }
      sample += r.value;
    }
  } catch (err) {
    throw decodeFailure(err, file);
  }
  if (sample.trim() === '') throw new InvalidDataError('the file is empty', { file }, { hint: 'export the spreadsheet again with its header row and its rows' });
  const delimiter = opts.delimiter ? parseDelimiterOption(opts.delimiter) : sniffDelimiter(sample.replace(/^\uFEFF/, ''));
  async function* allText(): AsyncGenerator<string> {
    yield sample;
    if (ended) return;
    for (;;) {
      const r = await textIt.next();
      if (r.done) return;
      yield r.value;
    }
  }
  // Line numbers are counted here, not taken from the parser (which miscounts a CRLF inside a
  // quoted field): each record starts on the line after the previous one ends, and empty lines come
  // through as empty records. The parser runs ahead of the rows consumed, so `nextLine` is also
  // where an unclosed quote at the end of the file opened.
  let nextLine = 1;
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
    on_record: (record: string[]) => {
      const line = nextLine;
      let breaks = 0;
      for (const f of record) if (f.length > 0 && (f.includes('\n') || f.includes('\r'))) breaks += countBreaks(f);
      nextLine += 1 + breaks;
      return { line, record };
    },
  } as unknown as Options);
  let failure: unknown;
  pipeline(Readable.from(allText(), { objectMode: false }), parser, (err) => {
    if (err) failure = err;
  });
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; line: number }>;
  const next = async (): Promise<{ record: string[]; line: number } | undefined> => {
    let r: IteratorResult<{ record: string[]; line: number }>;
    try {
      r = await records.next();
    } catch (err) {
      throw csvFailure(failure ?? err, file, nextLine);
    }
    if (failure) throw csvFailure(failure, file, nextLine);
    return r.done ? undefined : r.value;
  };
  let first = await next();
  while (first && first.record.every((c) => c.trim() === '')) first = await next();
  if (!first) throw new InvalidDataError('the file is empty', { file }, { hint: 'export the spreadsheet again with its header row and its rows' });
  const header = checkHeader(first.record, file, first.line);
  const width = header.length;
  const batchSize = opts.batchSize ?? 250;
  async function* batches(): AsyncGenerator<RawRow[]> {
    let batch: RawRow[] = [];
    for (;;) {
      const r = await next();
      if (!r) break;
      const { record, line } = r;
      let blank = true;
      for (const c of record) {
        if (c.length && c.trim() !== '') {
          blank = false;
          break;
        }
      }
      if (blank) continue;
      batch.push({ line, cells: fitRow(record, width, file, line) });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  return {
    format: 'csv',
    get encoding() {
      return state.encoding === 'ascii' ? 'utf-8' : state.encoding;
    },
    delimiter,
    header,
    headerLine: first.line,
    batches: batches(),
    progress: () => ({ done: tap.done, total: src.size }),
    contentHash: () => tap.hex(),
  };
}

function decodeFailure(err: unknown, file: string): unknown {
  if (err instanceof DecodeError) {
    return new InvalidDataError(err.message, { file, line: err.line }, { hint: 'pass --encoding windows-1252 (files saved by Excel on Windows) or --encoding utf-8, or save the file again as CSV UTF-8' });
  }
  return err;
}

function csvFailure(err: unknown, file: string, nextLine: number): unknown {
  if (err instanceof InvalidDataError || err instanceof UsageError) return err;
  const d = decodeFailure(err, file);
  if (d !== err) return d;
  const e = err as { code?: string; lines?: number; message?: string };
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new InvalidDataError('a quoted field opened on this line is never closed', { file, line: nextLine }, {
      hint: 'add the missing double quote (") on that line, or export the file again from the spreadsheet, then import again',
    });
  }
  if (e.code && e.code.startsWith('CSV_')) {
    return new InvalidDataError(`cannot be read as CSV (${e.message})`, { file, line: nextLine }, { hint: 'fix that line or export the file again from the spreadsheet' });
  }
  return err;
}

async function openXlsx(src: InputSource, tap: Tap, head: Buffer, opts: ReaderOptions): Promise<Table> {
  const file = src.name;
  const parts: Buffer[] = [];
  for await (const b of tap.rest(head)) parts.push(b);
  const bytes = Buffer.concat(parts);
  const { default: readXlsxFile } = await import('read-excel-file/node');
  let sheets: Array<{ sheet: string; data: Cell[][] }>;
  try {
    sheets = (await readXlsxFile(bytes)) as unknown as Array<{ sheet: string; data: Cell[][] }>;
  } catch {
    throw new InvalidDataError('this is a zip file but not an Excel workbook (.xlsx)', { file }, { hint: 'import a CSV, TSV or XLSX file (in Excel: File › Save As › Excel Workbook or CSV UTF-8)' });
  }
  const names = sheets.map((s) => s.sheet);
  let chosen = sheets[0];
  if (opts.sheet) {
    const want = opts.sheet.trim().toLowerCase();
    chosen = sheets.find((s) => s.sheet.trim().toLowerCase() === want) ?? (/^\d+$/.test(want) ? sheets[Number(want) - 1] : undefined)!;
    if (!chosen) {
      throw new InvalidDataError(`the workbook has no sheet "${opts.sheet}"`, { file, field: 'sheet' }, { hint: `its sheets are: ${names.map((n) => `"${n}"`).join(', ')}; pass one with --sheet` });
    }
  }
  if (!chosen) throw new InvalidDataError('the workbook has no sheets', { file }, { hint: 'save it again from Excel' });
  const data = chosen.data;
  let h = 0;
  while (h < data.length && data[h].every(isBlank)) h++;
  if (h >= data.length) throw new InvalidDataError(`the sheet "${chosen.sheet}" is empty`, { file }, { hint: names.length > 1 ? `the workbook's sheets are: ${names.join(', ')}; choose one with --sheet` : 'add a header row and rows' });
  const header = checkHeader(data[h], `${file} (sheet "${chosen.sheet}")`, h + 1);
  const width = header.length;
  const batchSize = opts.batchSize ?? 250;
  async function* batches(): AsyncGenerator<RawRow[]> {
    let batch: RawRow[] = [];
    for (let i = h + 1; i < data.length; i++) {
      const row = data[i];
      if (row.every(isBlank)) continue;
      const cells = row.slice(0, width).map((c) => (c === undefined ? null : c));
      while (cells.length < width) cells.push(null);
      if (row.length > width && !row.slice(width).every(isBlank)) {
        throw new InvalidDataError(`this row has values beyond the last named column (column ${width + 1})`, { file: `${file} (sheet "${chosen.sheet}")`, line: i + 1 }, { hint: 'give that column a header, or delete the stray values' });
      }
      batch.push({ line: i + 1, cells });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  return {
    format: 'xlsx',
    sheet: chosen.sheet,
    header,
    headerLine: h + 1,
    batches: batches(),
    progress: () => ({ done: tap.done, total: src.size }),
    contentHash: () => tap.hex(),
  };
}
