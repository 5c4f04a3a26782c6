/**
 * The reader: bytes → a header and rows. What a file is comes from its content, never its name: a
 * zip that holds a workbook is read as XLSX; anything else must be delimited text (comma, tab,
 * semicolon or pipe, detected from the header line) in UTF-8, UTF-16 or Windows-1252 (see
 * decode.ts). Text is parsed as it streams in, so memory does not grow with the file; rows come out
 * in batches. A file that cannot be read fails with an InvalidDataError naming the file and line.
 *
 * papaparse parses the text; it replaced csv-parse, which is several times slower. Files read as
 * they did with csv-parse (relax_quotes): where papaparse would read a malformed quote otherwise (a
 * closing quote followed by text or spaces), csv-parse reads the rest of the file, as before.
 */
import { createHash, type Hash } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import Papa, { type ParseConfig, type ParseResult, type Parser } from 'papaparse';
import { strFromU8, unzipSync } from 'fflate';
import { posix } from 'node:path';
import { InvalidDataError, UsageError } from '../../io/errors.js';
import { DecodeError, decodeChunks, normalizeEncodingName, type DecodeState } from './decode.js';
import type { HeaderTest } from './section-header.js';
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
  /** Whether a row, read as a header, names the columns the import needs (section-header.ts): a
   * report of sections is read from the section that does (see laterSection). */
  headerTest?: HeaderTest;
}

export interface RawRow {
  line: number;
  cells: Cell[];
}

export interface ReaderWarning {
  line: number;
  field: string;
  message: string;
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
  /** What the reader noticed of the file as a whole (a formula without a saved value), for the
   * import's warnings. */
  warnings?: ReaderWarning[];
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
    // Excel saves a workbook protected by a password as an OLE file too, its content encrypted.
    const parts: Buffer[] = [];
    for await (const b of tap.rest(head)) parts.push(b);
    if (isEncryptedOffice(Buffer.concat(parts))) {
      throw new InvalidDataError('this workbook is protected by a password (encrypted), so it cannot be read', { file }, {
        hint: 'open it in Excel with its password, remove the password (File › Info › Protect Workbook › Encrypt with Password, then clear it) and save, or save a copy as CSV; then import that',
      });
    }
    throw new InvalidDataError('this is an old Excel 97-2003 workbook (.xls), which cannot be read', { file }, { hint: 'open it in Excel or LibreOffice and save it as .xlsx or CSV' });
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new InvalidDataError('this is a PDF, not a spreadsheet', { file }, { hint: 'export the data from the program that made it as CSV or XLSX' });
  }
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (opts.encoding && !normalizeEncodingName(opts.encoding)) throw new UsageError(`unknown encoding "${opts.encoding}"`, { hint: 'use utf-8, windows-1252, latin1 or utf-16le' });
  const forced = opts.encoding ? normalizeEncodingName(opts.encoding) : utf16 ? undefined : sniffUtf16(head);
  if (!utf16 && !forced?.startsWith('utf-16') && looksBinary(head)) {
    throw new InvalidDataError('this is not a spreadsheet: it holds binary data, not text or an XLSX workbook', { file, line: 1 }, { hint: 'import a CSV, TSV or XLSX file (in Excel: File › Save As › CSV UTF-8)' });
  }
  return openText(src, tap, head, opts, forced);
}

/**
 * Whether an OLE compound file is an encrypted Office document: its directory names the streams
 * EncryptionInfo and EncryptedPackage (names are stored in UTF-16LE).
 */
export function isEncryptedOffice(bytes: Buffer): boolean {
  return bytes.includes(Buffer.from('EncryptedPackage', 'utf16le')) && bytes.includes(Buffer.from('EncryptionInfo', 'utf16le'));
}

/**
 * UTF-16 without its byte-order mark (some exporters and "save as Unicode" scripts leave it out):
 * text of mostly Latin letters then has a zero byte beside almost every other byte, on the odd
 * side for little-endian. Read as bytes it would look like binary data.
 */
export function sniffUtf16(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length, 8192) & ~1;
  if (n < 8) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd >= pairs * 0.7 && zeroEven <= pairs * 0.05) return 'utf-16le';
  if (zeroEven >= pairs * 0.7 && zeroOdd <= pairs * 0.05) return 'utf-16be';
  return undefined;
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

/** Lines looked at for a delimiter when the first ones hold none. */
const SNIFF_LINES = 30;

/**
 * The most frequent of `,` tab `;` `|` outside quotes in the first line that holds any of them: the
 * header line, or the first line under a report's title that names no columns ("1. Summary" over a
 * Teams attendance report, tab-separated). A comma when no line holds one (a file of one column).
 */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0, '|': 0 };
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (counts[','] + counts['\t'] + counts[';'] + counts['|'] > 0 || ++lines >= SNIFF_LINES) break;
    } else if (!quoted && ch in counts) counts[ch]++;
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

/** How many title rows above the header are looked past. */
const MAX_TITLE_ROWS = 5;

const filled = (cells: readonly Cell[]) => cells.reduce<number>((n, c) => (isBlank(c) ? n : n + 1), 0);

/**
 * How many of the first non-blank rows are titles above the header: sign-in sheets and reports typed
 * in Excel carry one or two ("Iowa Coalition Build — Sign-in", a date) above the row that names the
 * columns. A title row holds one value, or two ("Central Iowa Directory" … "Prepared by: Ames PD",
 * "Date:" and a date) when the header below names clearly more columns (at least four, and looks
 * like names, not a row of data); the header names at least two columns. Title rows are as wide as the
 * header: that keeps a one-column header whose rows were split by an unquoted comma from being taken
 * for a title (that row is reported as ragged instead). `rows` are the first non-blank rows, up to
 * MAX_TITLE_ROWS + 1; the header is the first row that all the rows above it are titles over.
 */
export function countTitleRows(rows: ReadonlyArray<readonly Cell[]>, isGroup?: (row: number, header: number) => boolean): number {
  for (let h = 1; h < rows.length; h++) {
    const header = rows[h];
    const named = filled(header);
    if (named < 2) continue;
    const wide = named >= 4 && header.every((c) => isBlank(c) || looksLikeName(c));
    const above = rows.slice(0, h);
    if (above.every((r, i) => (r.length === header.length && (filled(r) === 1 || (filled(r) === 2 && wide))) || isGroup?.(i, h))) return h;
  }
  return 0;
}

/** How many rows under the header are searched for a later section's header. */
export const SECTION_ROWS = 200;

/**
 * The header of a later section, for reports made of sections: Zoom's webinar attendee report
 * (a summary table, then "Host Details", "Panelist Details" and "Attendee Details", each a one-value
 * title over a header and rows), its meeting participant report (the meeting's row, a blank line,
 * then the participants), Webex's (the webinar's name, number and times as label and value, a blank
 * line, then the people), and reports like them. `rows` are the header the title rules found
 * (`rows[0]`) and the non-blank rows under it, in order; `breakBefore[i]` says whether a blank row
 * comes right before `rows[i]`. A section's header is a row after a break (a blank row, or a
 * one-value title row), whose values all look like names, that names the columns the import needs
 * (`test`) and is not the first header again. The last such header is the list; -1 when there is
 * none.
 *
 * When the first header names what is needed (or most of it), a later header must name all of it:
 * a row of a guest who gave only a name, under the list, is followed by a row that may name an
 * organization ("Ames Police Department") and nothing else, which is data, not a header. And when
 * the first header names what is needed and has more than two rows under it before its first
 * break, the file is a list, and a second table under it (walk-ins under a sign-in sheet) is never
 * taken for it; unless that header names only two columns and the later one four or more: the
 * first was a report's labels and values ("Webinar Name | Iowa TAT Training"), not a list.
 */
export function laterSection(rows: ReadonlyArray<readonly Cell[]>, breakBefore: readonly boolean[], test: HeaderTest): number {
  if (rows.length < 2) return -1;
  const isBreak = (i: number) => breakBefore[i] || filled(rows[i - 1]) === 1;
  const firstFit = test(rows[0]);
  const firstWidth = filled(rows[0]);
  let plain = false;
  if (firstFit) {
    let block = 0;
    for (let i = 1; i < rows.length && !isBreak(i) && filled(rows[i]) > 1; i++) block++;
    plain = block > 2;
    if (plain && firstWidth > 2) return -1;
  }
  const key = (r: readonly Cell[]) => r.map((c) => (isBlank(c) ? '' : String(c).trim().toLowerCase())).join('\u0000');
  const first = key(rows[0]);
  let found = -1;
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const width = filled(r);
    if (!isBreak(i) || width < 2 || (plain && width < 4) || !r.every((c) => isBlank(c) || looksLikeName(c)) || key(r) === first) continue;
    const fit = test(r);
    if (fit === true || (fit && !firstFit)) found = i;
  }
  return found;
}

/** The warning for the rows above a later section's header (laterSection). */
export function sectionWarning(headerLine: number): string {
  return `the rows above line ${headerLine} are the report's summary or other sections, not the list: skipped; the list's header is line ${headerLine}`;
}

/**
 * Whether a sheet's row (0-based) is a group row over the header row below it: "Contact" merged
 * across the columns "Phone" and "Email" of the header. Its every value is merged, across columns
 * that the header names or down into the header row; it holds fewer values than the header, whose
 * values look like names (the first row of data below a header with one merged cell is not a header).
 */
function groupRow(data: readonly Cell[][], merges: readonly MergedRange[], row: number, header: number): boolean {
  const cells = data[row];
  const names = data[header];
  if (filled(cells) >= filled(names) || !names.every((c) => isBlank(c) || looksLikeName(c))) return false;
  let across = 0;
  for (let c = 0; c < cells.length; c++) {
    if (isBlank(cells[c])) continue;
    const m = merges.find((r) => r.top === row + 1 && r.left === c + 1);
    if (!m) return false;
    if (m.right > m.left) {
      for (let x = m.left; x <= m.right; x++) if (isBlank(names[x - 1] ?? null)) return false;
      across++;
    } else if (m.bottom < header + 1) return false;
  }
  return across > 0;
}

/**
 * The 0-based index of a sheet's header row, past title rows and group rows (countTitleRows);
 * the sheet's length when it has no rows.
 */
export function findHeaderRow(data: readonly Cell[][], merges: readonly MergedRange[] = []): number {
  const nextFilledRow = (from: number) => {
    let i = from;
    while (i < data.length && data[i].every(isBlank)) i++;
    return i;
  };
  const startsMerge = (i: number) => merges.some((m) => m.top === i + 1 && m.right > m.left);
  const lead: number[] = [nextFilledRow(0)];
  for (let last = lead[0]; lead.length <= MAX_TITLE_ROWS && last < data.length && (mayBeTitle(data[last]) || startsMerge(last)); last = lead[lead.length - 1]) lead.push(nextFilledRow(last + 1));
  const rows = lead.filter((i) => i < data.length);
  if (!rows.length) return data.length;
  return rows[countTitleRows(rows.map((i) => data[i]), merges.length ? (r, h) => groupRow(data, merges, rows[r], rows[h]) : undefined)];
}

/** A header cell names a column: text, not a number, a date or an e-mail address (as data rows hold). */
const looksLikeName = (c: Cell) => typeof c === 'string' && !c.includes('@') && !/^[\d\s.,:/+()-]+$/.test(c);

/** Whether a row may be a title above a header (see countTitleRows): the rows read ahead to find it. */
const mayBeTitle = (cells: readonly Cell[]) => filled(cells) <= 2;

/** Excel's first line `sep=;` names the delimiter (Excel writes it, and reads it back). */
const SEP_LINE = /^sep=([^\r\n]?)(?:\r\n|\r|\n)/i;

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

/**
 * Whether the row under the header names more columns than it: a second header row ("Phone |
 * Email" under a group row "Contact" that was read as the header).
 */
function secondHeader(header: readonly string[], cells: readonly Cell[]): boolean {
  const n = filled(cells);
  return n >= 2 && n > header.filter(Boolean).length && cells.every((c) => isBlank(c) || looksLikeName(c));
}

function twoHeaderRows(file: string, line: number, headerLine: number): InvalidDataError {
  return new InvalidDataError(`this row names more columns than the row above it (line ${headerLine}), which was read as the header: the file seems to have two header rows`, { file, line }, {
    hint: 'keep one row of column names: delete the upper row (a group such as "Contact" over "Phone" and "Email"), or in a workbook merge each group\'s cell across the columns it covers; then import again',
  });
}

/** Trims a data row to the header's width; refuses a row with a different number of fields. */
/**
 * A copy of a field that shares no memory with the text it was read from. The parser returns fields
 * as slices of the piece of text (up to a megabyte) they were cut from, so a field kept in a cache
 * (an organization's name, a city) would keep its whole piece alive: measured, a 100,000-row import
 * ran its reader thread out of a 64 MB heap. V8 slices only substrings of 13 characters or more
 * (SlicedString::kMinLength); shorter ones are copies already. Joining two parts gives one flat
 * string; concatenating and slicing again (as before) gave a slice of a copy, which later costs
 * every hash, comparison and JSON.stringify of the field an indirection (measured on the 100,000
 * contacts of bench/import.mjs: copying 245-370 ms against 440-600, putting names in a Map 105-120
 * ms against 165-250).
 */
function own(s: string): string {
  return s.length < 13 ? s : [s.slice(0, 1), s.slice(1)].join('');
}

/** A footnote's mark, first thing on its line. */
const FOOTNOTE = /^\s*[*†‡]/;

/**
 * `headerLine` is given for the first row under the header, which may be a second header row. A
 * shorter row holding one value or none is a note or a title written on a line of its own: it is
 * made as wide as the header, and the kind skips it as a note or rejects it with a reason. So is a
 * footnote (a shorter row starting with "*"), its text whole again in its first cell:
 * GoToWebinar writes "*If an attendee left and rejoined the session, the In Session Duration …"
 * under its list without quotes, so its comma cut it in two. A shorter row of several values may
 * have lost a column anywhere, so it is refused as before.
 */
function fitRow(cells: Cell[], header: readonly string[], file: string, line: number, headerLine: number | undefined, delimiter: string): Cell[] {
  const width = header.length;
  if (cells.length === width) return cells;
  if (cells.length > width && cells.slice(width).every(isBlank)) return cells.slice(0, width);
  if (cells.length < width && (filled(cells) <= 1 || FOOTNOTE.test(String(cells[0] ?? '')))) {
    const out: Cell[] = filled(cells) <= 1 ? cells.slice() : [cells.join(delimiter)];
    while (out.length < width) out.push('');
    return out;
  }
  if (headerLine !== undefined && secondHeader(header, cells)) throw twoHeaderRows(file, line, headerLine);
  throw new InvalidDataError(`this row has ${cells.length} fields where the header has ${width}`, { file, line }, {
    hint: 'a value that contains the delimiter must be in double quotes; fix that line (or export the file again) and import again',
  });
}

interface Numbered {
  line: number;
  record: string[];
}

/**
 * The record delimiter, found as csv-parse found it: the first CRLF, LF or CR outside quotes (a
 * quote opens a field only at its start, and the next quote that is not doubled closes it).
 * Undefined while the text has none, or ends in a CR that may be half of a CRLF.
 */
export function sniffNewline(text: string, delimiter: string, complete: boolean): '\n' | '\r\n' | '\r' | undefined {
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') continue;
      if (text[i + 1] === '"') i++;
      else if (i + 1 === text.length) return undefined;
      else quoted = false;
      fieldStart = false;
    } else if (c === '\n') return '\n';
    else if (c === '\r') {
      if (i + 1 < text.length) return text[i + 1] === '\n' ? '\r\n' : '\r';
      return complete ? '\r' : undefined;
    } else if (c === '"' && fieldStart) quoted = true;
    else fieldStart = c === delimiter;
  }
  return undefined;
}

/**
 * A quote, white space (not the delimiter, not the line break), then the delimiter or the line
 * break: papaparse ends a quoted field at such a quote and drops the spaces, where csv-parse kept
 * the quote and the spaces as text. papaparse says nothing of it, so it is looked for; a match
 * inside a quoted field only hands to csv-parse a file that both read alike, which costs time.
 */
function spacedQuote(delimiter: string, newline: string): RegExp {
  const d = delimiter.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  return new RegExp(`"(?:(?!${newline})[^\\S${d}])+(?:${d}|${newline})`);
}

/**
 * Whether papaparse read a quote otherwise than csv-parse did: a closing quote followed by text
 * (papaparse reports InvalidQuotes and reads on to a later quote; csv-parse kept the quote as text)
 * or by spaces. Before the end only the complete records count: the last one is parsed again.
 */
function disagrees(res: ParseResult<string[]>, text: string, final: boolean, spaced: RegExp): boolean {
  if (res.errors.some((e) => e.code === 'InvalidQuotes' && (final || e.row! < res.data.length))) return true;
  const m = spaced.exec(text);
  return m !== null && (final || m.index < res.meta.cursor);
}

/**
 * Whether the CRs and LFs in `text` up to `to` are all in the line breaks that end its first
 * `records` records: then no field holds one, and the records are on consecutive lines. Counting
 * them is much cheaper than looking into every field, as `numbered` does.
 */
function onlyRecordBreaks(text: string, to: number, records: number, newline: string): boolean {
  const count = (c: string) => {
    let k = 0;
    for (let i = text.indexOf(c); i !== -1 && i < to; i = text.indexOf(c, i + 1)) k++;
    return k;
  };
  return count('\n') === (newline === '\r' ? 0 : records) && count('\r') === (newline === '\n' ? 0 : records);
}

async function* prepend(head: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield head;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
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
    while (sample.length < 65536 && !/[\r\n]/.test(sample.replace(/^\uFEFF/, '').replace(SEP_LINE, '').replace(/"[^"]*"/g, ''))) {
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
  const sepLine = SEP_LINE.exec(sample.replace(/^\uFEFF/, ''));
  const delimiter = opts.delimiter ? parseDelimiterOption(opts.delimiter) : sepLine?.[1] ? sepLine[1] : sniffDelimiter(sample.replace(/^\uFEFF/, '').replace(SEP_LINE, ''));
  /**
   * The text as csv-parse had it, since it read UTF-8 bytes: without one more BOM at the start (the
   * decoder drops the first; a file saved twice has two) and with a lone UTF-16 surrogate (a broken
   * UTF-16 file) as U+FFFD, which SQLite would store as invalid UTF-8. A surrogate pair split
   * between two chunks (the UTF-16BE decoder splits them) is joined first, where csv-parse lost it.
   */
  async function* allText(): AsyncGenerator<string> {
    let held = '';
    let chunk = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
    for (;;) {
      let t = held + chunk;
      const last = t.charCodeAt(t.length - 1);
      held = last >= 0xd800 && last <= 0xdbff ? t.slice(-1) : '';
      if (held) t = t.slice(0, -1);
      if (t) yield t.isWellFormed() ? t : t.toWellFormed();
      const r = ended ? undefined : await textIt.next();
      if (!r || r.done) break;
      chunk = r.value;
    }
    if (held) yield '\ufffd';
  }
  // Line numbers are counted here, not taken from the parser (papaparse counts none, csv-parse
  // miscounted a CRLF inside a quoted field): each record starts on the line after the previous one
  // ends, and empty lines come through as empty records. Records are numbered as they are parsed,
  // ahead of the rows consumed, so `nextLine` is also where an unclosed quote at the end opened.
  let nextLine = 1;
  const numbered = (record: string[]): Numbered => {
    const line = nextLine;
    let breaks = 0;
    for (const f of record) if (f.length > 0 && (f.includes('\n') || f.includes('\r'))) breaks += countBreaks(f);
    nextLine += 1 + breaks;
    return { line, record };
  };

  /**
   * papaparse, fed the text as it arrives: each parse takes the text not yet parsed and returns
   * the complete records, leaving the last, unfinished one to be parsed again with the next text.
   */
  async function* fast(): AsyncGenerator<Numbered[]> {
    const source = allText();
    let pending = '';
    let want = 0;
    let end = false;
    let parser: Parser | undefined;
    let newline: string | undefined;
    let spaced: RegExp | undefined;
    for (;;) {
      let r: IteratorResult<string>;
      try {
        r = await source.next();
      } catch (err) {
        throw decodeFailure(err, file);
      }
      if (r.done) end = true;
      else {
        pending += r.value;
        // A record longer than the text at hand is parsed again from its start with more text:
        // waiting for twice its length keeps that linear in its length.
        if (pending.length < want) continue;
      }
      if (!parser) {
        newline = sniffNewline(pending, delimiter, end);
        if (!newline && !end) {
          want = 2 * pending.length;
          continue;
        }
        parser = new Papa.Parser({ delimiter, newline: (newline ?? '\n') as ParseConfig['newline'] });
        spaced = spacedQuote(delimiter, newline ?? '\n');
      }
      const res = parser.parse(pending, 0, !end) as ParseResult<string[]>;
      if (disagrees(res, pending, end, spaced!)) {
        yield* relaxed(prepend(pending, source), newline);
        return;
      }
      const missing = end ? res.errors.find((e) => e.code === 'MissingQuotes') : undefined;
      const n = missing ? missing.row! : res.data.length;
      const out: Numbered[] = new Array(n);
      // At the end, the last record has no line break after it (papaparse reads an empty one after
      // a final line break).
      if (!missing && onlyRecordBreaks(pending, end ? pending.length : res.meta.cursor, end ? n - 1 : n, newline ?? '\n')) {
        for (let i = 0; i < n; i++) out[i] = { line: nextLine + i, record: res.data[i] };
        nextLine += n;
      } else for (let i = 0; i < n; i++) out[i] = numbered(res.data[i]);
      if (n) yield out;
      if (missing) throw unclosedQuote(file, nextLine);
      if (end) return;
      pending = pending.slice(res.meta.cursor);
      want = 2 * pending.length;
    }
  }

  /**
   * csv-parse, as the reader used before papaparse, for the rest of a file where papaparse reads a
   * quote otherwise (see `disagrees`) and for a delimiter papaparse does not take (a quote, a line
   * break). `newline` is the record delimiter papaparse used so far; csv-parse finds it when none.
   */
  async function* relaxed(text: AsyncIterable<string>, newline: string | undefined): AsyncGenerator<Numbered[]> {
    const parser = parse({ delimiter, record_delimiter: newline, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, on_record: numbered } as unknown as Options);
    let failure: unknown;
    pipeline(Readable.from(text, { objectMode: false }), parser, (err) => {
      if (err) failure = err;
    });
    const records = parser[Symbol.asyncIterator]() as AsyncIterator<Numbered>;
    for (;;) {
      let r: IteratorResult<Numbered>;
      try {
        r = await records.next();
      } catch (err) {
        throw csvFailure(failure ?? err, file, nextLine);
      }
      if (failure) throw csvFailure(failure, file, nextLine);
      if (r.done) return;
      yield [r.value];
    }
  }

  const pieces = Papa.BAD_DELIMITERS.includes(delimiter) ? relaxed(allText(), undefined) : fast();
  let piece: Numbered[] = [];
  let at = 0;
  const next = async (): Promise<Numbered | undefined> => {
    while (at === piece.length) {
      const r = await pieces.next();
      if (r.done) return undefined;
      piece = r.value;
      at = 0;
    }
    return piece[at++];
  };
  // The records read past title rows that came after a blank row: a break between sections.
  const afterBlank = new WeakSet<Numbered>();
  const nextFilled = async (): Promise<Numbered | undefined> => {
    let r = await next();
    let skipped = false;
    while (r && r.record.every((c) => c.trim() === '')) {
      skipped = true;
      r = await next();
    }
    if (r && skipped) afterBlank.add(r);
    return r;
  };
  // Records read ahead while looking past title rows, and handed back as data when they were not.
  const pushback: Numbered[] = [];
  let first = await nextFilled();
  if (first && sepLine && first.line === 1) first = await nextFilled();
  if (!first) throw new InvalidDataError('the file is empty', { file }, { hint: 'export the spreadsheet again with its header row and its rows' });
  const lead: Numbered[] = [first];
  while (lead.length <= MAX_TITLE_ROWS && mayBeTitle(lead[lead.length - 1].record)) {
    const r = await nextFilled();
    if (!r) break;
    lead.push(r);
  }
  const titles = countTitleRows(lead.map((r) => r.record));
  first = lead[titles];
  pushback.push(...lead.slice(titles + 1));
  const warnings: ReaderWarning[] = [];
  if (opts.headerTest) {
    // A report of sections (laterSection): the rows under the header, with the blank rows between
    // them noted, until a list is plain (three rows under a header that names what is needed) or
    // SECTION_ROWS are read. They are handed back as data unless a later header is the list's.
    const test = opts.headerTest;
    const rows: Numbered[] = [first, ...pushback];
    const breaks = rows.map((r, i) => i > 0 && afterBlank.has(r));
    pushback.length = 0;
    // A list of two columns is not known to be one before its end: it may be a report's labels and
    // values over the list (laterSection).
    const firstOk = test(first.record) !== false && filled(first.record) > 2;
    const plainList = () => firstOk && rows.length >= 4 && [1, 2, 3].every((i) => !breaks[i] && filled(rows[i].record) > 1);
    let blank = false;
    while (rows.length <= SECTION_ROWS && !plainList()) {
      const r = await next();
      if (!r) break;
      if (r.record.every((c) => c.trim() === '')) {
        blank = true;
        continue;
      }
      rows.push(r);
      breaks.push(blank);
      blank = false;
    }
    const k = laterSection(rows.map((r) => r.record), breaks, test);
    if (k > 0) {
      first = rows[k];
      warnings.push({ line: first.line, field: '', message: sectionWarning(first.line) });
    }
    pushback.push(...rows.slice(Math.max(k, 0) + 1));
  }
  const header = checkHeader(first.record, file, first.line);
  const width = header.length;
  const batchSize = opts.batchSize ?? 250;
  async function* batches(): AsyncGenerator<RawRow[]> {
    let batch: RawRow[] = [];
    let underHeader = true;
    for (;;) {
      // Most rows are at hand: awaiting only for the next piece saves a promise per row.
      const r = pushback.length ? pushback.shift() : at < piece.length ? piece[at++] : await next();
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
      for (let i = 0; i < record.length; i++) record[i] = own(record[i]);
      // An Excel export writes every line as wide as the header line: a narrower header line means a
      // row split by an unquoted delimiter, not a second header row.
      batch.push({ line, cells: fitRow(record, header, file, line, underHeader && record.length === first!.record.length ? first!.line : undefined, delimiter) });
      underHeader = false;
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
    warnings,
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

function unclosedQuote(file: string, line: number): InvalidDataError {
  return new InvalidDataError('a quoted field opened on this line is never closed', { file, line }, {
    hint: 'add the missing double quote (") on that line, or export the file again from the spreadsheet, then import again',
  });
}

function csvFailure(err: unknown, file: string, nextLine: number): unknown {
  if (err instanceof InvalidDataError || err instanceof UsageError) return err;
  const d = decodeFailure(err, file);
  if (d !== err) return d;
  const e = err as { code?: string; lines?: number; message?: string };
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return unclosedQuote(file, nextLine);
  if (e.code && e.code.startsWith('CSV_')) {
    return new InvalidDataError(`cannot be read as CSV (${e.message})`, { file, line: nextLine }, { hint: 'fix that line or export the file again from the spreadsheet' });
  }
  return err;
}

/**
 * The names of a workbook's hidden sheets, from its xl/workbook.xml (read-excel-file does not say
 * which are hidden): `<sheet name="Lookups" state="hidden" …/>`. Empty when it cannot be read.
 */
export function hiddenSheets(bytes: Uint8Array): Set<string> {
  return workbookInfo(bytes).hidden;
}

/** A day in milliseconds. */
const DAY = 86400000;
/** Days from Excel's 1900 day 0 (1899-12-30) to its 1904 day 0 (1904-01-01). */
const DAYS_1900_TO_1904 = 1462;

export interface WorkbookInfo {
  /** The names of the hidden sheets. */
  hidden: Set<string>;
  /**
   * Whether the workbook counts dates from 1904 (Excel on old Macs; LibreOffice keeps the setting),
   * and whether read-excel-file sees it: it reads only `date1904="1"`, where LibreOffice writes
   * `date1904="true"`.
   */
  date1904: 'no' | 'read' | 'missed';
  /** Each sheet's XML file in the zip, by sheet name (through xl/_rels/workbook.xml.rels). */
  paths: Map<string, string>;
}

/** What xl/workbook.xml says of the sheets and the date system; nothing when it cannot be read. */
export function workbookInfo(bytes: Uint8Array): WorkbookInfo {
  const out: WorkbookInfo = { hidden: new Set<string>(), date1904: 'no', paths: new Map() };
  const BOOK = 'xl/workbook.xml';
  const RELS = 'xl/_rels/workbook.xml.rels';
  let xml: string;
  let rels = '';
  try {
    const files = unzipSync(bytes, { filter: (f) => f.name === BOOK || f.name === RELS });
    if (!files[BOOK]) return out;
    xml = strFromU8(files[BOOK]);
    if (files[RELS]) rels = strFromU8(files[RELS]);
  } catch {
    return out;
  }
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(xml)?.[0];
  const d1904 = pr ? /\sdate1904="([^"]*)"/.exec(pr)?.[1] : undefined;
  if (d1904 === '1') out.date1904 = 'read';
  else if (d1904?.trim().toLowerCase() === 'true') out.date1904 = 'missed';
  const targets = new Map<string, string>();
  for (const tag of rels.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = /\sId="([^"]*)"/.exec(tag)?.[1];
    const target = /\sTarget="([^"]*)"/.exec(tag)?.[1];
    if (id !== undefined && target !== undefined) targets.set(id, unescapeXml(target));
  }
  const hidden = out.hidden;
  for (const tag of xml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const state = /\sstate="([^"]*)"/.exec(tag)?.[1];
    const rawName = /\sname="([^"]*)"/.exec(tag)?.[1];
    if (rawName === undefined) continue;
    const name = unescapeXml(rawName);
    if (state === 'hidden' || state === 'veryHidden') hidden.add(name);
    // r:id (any prefix); not sheetId.
    const target = targets.get(/\s\w+:id="([^"]*)"/.exec(tag)?.[1] ?? '');
    // A target is relative to xl/, or absolute from the root of the zip (openpyxl writes "/xl/…").
    if (target) out.paths.set(name, target.startsWith('/') ? target.slice(1) : posix.normalize(`xl/${target}`));
  }
  return out;
}

/** A merged range of cells, 1-based and inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetScan {
  merges: MergedRange[];
  /** The first cell that holds a formula without a saved value (`<c r="D2"><f>…</f></c>`), which
   * read-excel-file reads as empty: scripts (openpyxl, xlsxwriter) write formulas uncalculated. */
  formula?: { ref: string; row: number; col: number };
}

/** "B12" → [12, 2]; undefined when it is not a cell reference. */
function cellAddress(ref: string): [number, number] | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}

/**
 * What read-excel-file does not say of a sheet, read from its XML: the merged ranges
 * (`<mergeCell ref="A2:A4"/>`, after the rows) and the first formula without a saved value. The
 * sheet is inflated once more (fflate, as `hiddenSheets` reads the workbook) and searched for that
 * markup, not parsed. Nothing when it cannot be read.
 */
export function scanSheet(bytes: Uint8Array, path: string): SheetScan {
  const out: SheetScan = { merges: [] };
  let xml: string;
  try {
    const files = unzipSync(bytes, { filter: (f) => f.name === path });
    if (!files[path]) return out;
    // Markup is ASCII, and cell text never holds a raw "<": latin1 keeps every byte where it is.
    xml = Buffer.from(files[path].buffer, files[path].byteOffset, files[path].byteLength).toString('latin1');
  } catch {
    return out;
  }
  // The root element names the prefix of the sheet's elements, if any (<x:worksheet …>).
  const p = /<(\w+:)?worksheet\b/.exec(xml.slice(0, 4096))?.[1] ?? '';
  const merge = new RegExp(`<${p}mergeCell\\s[^>]*?\\bref="([^"]*)"`, 'g');
  for (let m = merge.exec(xml); m; m = merge.exec(xml)) {
    const [a, b] = m[1].split(':');
    const from = cellAddress(a ?? '');
    const to = cellAddress(b ?? a ?? '');
    if (from && to) out.merges.push({ top: Math.min(from[0], to[0]), left: Math.min(from[1], to[1]), bottom: Math.max(from[0], to[0]), right: Math.max(from[1], to[1]) });
  }
  // The first formula (<f>…</f> or <f …/>) whose cell has no value, or an empty one.
  const formula = new RegExp(`<${p}f[\\s>/]`, 'g');
  for (let m = formula.exec(xml); m; m = formula.exec(xml)) {
    const start = xml.lastIndexOf(`<${p}c `, m.index);
    const end = xml.indexOf(`</${p}c>`, m.index);
    if (start < 0 || end < 0) continue;
    const v = xml.indexOf(`<${p}v>`, m.index);
    if (v >= 0 && v < end && xml[v + p.length + 3] !== '<') continue;
    const ref = /\sr="([^"]*)"/.exec(xml.slice(start, xml.indexOf('>', start)))?.[1];
    const at = ref ? cellAddress(ref) : undefined;
    if (at) {
      out.formula = { ref: ref!.toUpperCase().replace(/\$/g, ''), row: at[0], col: at[1] };
      break;
    }
  }
  return out;
}

/**
 * Merged cells as a person reads them: a value merged down over several rows (an agency beside
 * the three people who work there) belongs to each of those rows, so it is copied down its first
 * column, into the rows that hold values of their own (a merge over blank rows does not make them
 * rows). A value merged across columns is one value: it stays in the first column (a group name
 * over "Phone" and "Email", a note spread over blank columns), the others blank.
 */
export function fillMerges(data: Cell[][], merges: readonly MergedRange[]): void {
  for (const m of merges) {
    if (m.bottom <= m.top) continue;
    const value = data[m.top - 1]?.[m.left - 1];
    if (isBlank(value ?? null)) continue;
    for (let r = m.top + 1; r <= Math.min(m.bottom, data.length); r++) {
      const row = data[r - 1];
      if (!row || row.every(isBlank)) continue;
      while (row.length < m.left) row.push(null);
      if (isBlank(row[m.left - 1])) row[m.left - 1] = value!;
    }
  }
}

/**
 * A date cell as Excel shows it, from what read-excel-file made of it: moved by the four years and a
 * day it missed in a 1904 workbook saved by LibreOffice; a time of day alone (day 0 of the 1904
 * system, 1904-01-01) on the 1900 system's day 0 (1899-12-30), as every other time cell arrives; and
 * rounded to the second (LibreOffice writes 15 digits: 13:40 is 46093.5694444444, 13:39:59.999).
 */
export function excelDateCell(d: Date, date1904: WorkbookInfo['date1904']): Date {
  let t = d.getTime();
  if (Number.isNaN(t)) return d;
  if (date1904 === 'missed') t += DAYS_1900_TO_1904 * DAY;
  t = Math.round(t / 1000) * 1000;
  if (date1904 !== 'no' && t >= Date.UTC(1904, 0, 1) && t < Date.UTC(1904, 0, 2)) t -= DAYS_1900_TO_1904 * DAY;
  return t === d.getTime() ? d : new Date(t);
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    const k = e.toLowerCase();
    if (named[k]) return named[k];
    return String.fromCodePoint(k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}

/** Why a zip could not be read as an XLSX workbook: the spreadsheets that are zips too are named. */
function notAWorkbook(bytes: Uint8Array, file: string): InvalidDataError {
  const names: string[] = [];
  let mimetype = '';
  try {
    const files = unzipSync(bytes, { filter: (f) => (names.push(f.name), f.name === 'mimetype') });
    if (files.mimetype) mimetype = strFromU8(files.mimetype).trim();
  } catch {
    // Not even a readable zip: said below.
  }
  const saveAs = 'open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx) or CSV, then import that';
  if (names.includes('xl/workbook.bin')) return new InvalidDataError('this is an Excel binary workbook (.xlsb), which cannot be read', { file }, { hint: saveAs });
  if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return new InvalidDataError('this is an OpenDocument spreadsheet (.ods), which cannot be read', { file }, { hint: saveAs });
  return new InvalidDataError('this is a zip file but not an Excel workbook (.xlsx)', { file }, { hint: 'import a CSV, TSV or XLSX file (in Excel: File › Save As › Excel Workbook or CSV UTF-8)' });
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
    throw notAWorkbook(bytes, file);
  }
  const names = sheets.map((s) => s.sheet);
  // A chart moved to a sheet of its own (a chart sheet) has no cells: read-excel-file gives it no
  // data. It is never the default, and naming it is refused.
  const tables = sheets.filter((s) => Array.isArray(s.data));
  const tableNames = tables.map((s) => `"${s.sheet}"`).join(', ');
  // The first sheet a person sees: a workbook often starts with a hidden sheet of lookup lists.
  const info = workbookInfo(bytes);
  const hidden = info.hidden;
  // Of those, the first that holds a table: a header naming two columns or more, and a row under it
  // (a workbook may open on a sheet of notes, "Read me").
  const visible = tables.filter((s) => !hidden.has(s.sheet));
  const holdsTable = (d: Cell[][]) => {
    const h = findHeaderRow(d);
    return h < d.length && filled(d[h]) >= 2 && d.slice(h + 1).some((r) => !r.every(isBlank));
  };
  let chosen = opts.sheet ? undefined : visible.length > 1 ? visible.find((s) => holdsTable(s.data)) : (visible[0] ?? tables[0]);
  if (!chosen && !opts.sheet && visible.length > 1) {
    throw new InvalidDataError('no sheet of the workbook holds a table (a header row naming two columns or more, with rows under it)', { file, field: 'sheet' }, {
      hint: `its sheets are: ${names.map((n) => `"${n}"`).join(', ')}; pass the one to import with --sheet`,
    });
  }
  if (opts.sheet) {
    const want = opts.sheet.trim().toLowerCase();
    chosen = sheets.find((s) => s.sheet.trim().toLowerCase() === want) ?? (/^\d+$/.test(want) ? sheets[Number(want) - 1] : undefined)!;
    if (!chosen) {
      throw new InvalidDataError(`the workbook has no sheet "${opts.sheet}"`, { file, field: 'sheet' }, { hint: `its sheets are: ${names.map((n) => `"${n}"`).join(', ')}; pass one with --sheet` });
    }
    if (!Array.isArray(chosen.data)) {
      throw new InvalidDataError(`the sheet "${chosen.sheet}" is a chart, not a table of rows`, { file, field: 'sheet' }, { hint: tables.length ? `the sheets with rows are: ${tableNames}; pass one with --sheet` : 'import the sheet that holds the chart\'s data' });
    }
  }
  if (!chosen) throw new InvalidDataError(sheets.length ? 'the workbook holds only charts, no sheet of rows' : 'the workbook has no sheets', { file }, { hint: 'save the sheet that holds the rows as .xlsx or CSV, and import that' });
  const data = chosen.data;
  const sheetName = chosen.sheet;
  const path = info.paths.get(sheetName);
  const scan = path ? scanSheet(bytes, path) : undefined;
  if (scan) fillMerges(data, scan.merges);
  let h = findHeaderRow(data, scan?.merges);
  const warnings: ReaderWarning[] = [];
  if (opts.headerTest && h < data.length) {
    // A report of sections (laterSection), as in a text file.
    const at: number[] = [h];
    const breaks = [false];
    let blank = false;
    for (let i = h + 1; i < data.length && at.length <= SECTION_ROWS; i++) {
      if (data[i].every(isBlank)) {
        blank = true;
        continue;
      }
      at.push(i);
      breaks.push(blank);
      blank = false;
    }
    const k = laterSection(at.map((i) => data[i]), breaks, opts.headerTest);
    if (k > 0) {
      h = at[k];
      warnings.push({ line: h + 1, field: '', message: sectionWarning(h + 1) });
    }
  }
  if (h >= data.length) throw new InvalidDataError(`the sheet "${chosen.sheet}" is empty`, { file }, { hint: names.length > 1 ? `the workbook's sheets are: ${names.join(', ')}; choose one with --sheet` : 'add a header row and rows' });
  const header = checkHeader(data[h], `${file} (sheet "${chosen.sheet}")`, h + 1);
  const width = header.length;
  const batchSize = opts.batchSize ?? 250;
  async function* batches(): AsyncGenerator<RawRow[]> {
    let batch: RawRow[] = [];
    let nextRow = h + 1;
    while (nextRow < data.length && data[nextRow].every(isBlank)) nextRow++;
    for (let i = h + 1; i < data.length; i++) {
      const row = data[i];
      if (row.every(isBlank)) continue;
      const cells = row.slice(0, width).map((c) => (c === undefined ? null : c instanceof Date ? excelDateCell(c, info.date1904) : c));
      while (cells.length < width) cells.push(null);
      if (row.length > width && !row.slice(width).every(isBlank)) {
        if (i === nextRow && secondHeader(header, row)) throw twoHeaderRows(`${file} (sheet "${sheetName}")`, i + 1, h + 1);
        throw new InvalidDataError(`this row has values beyond the last named column (column ${width + 1})`, { file: `${file} (sheet "${sheetName}")`, line: i + 1 }, { hint: 'give that column a header, or delete the stray values' });
      }
      batch.push({ line: i + 1, cells });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  if (scan?.formula) {
    const f = scan.formula;
    warnings.push({
      line: f.row,
      field: f.row > h + 1 ? (header[f.col - 1] ?? '') : '',
      message: `cell ${f.ref} of sheet "${sheetName}" holds a formula without a saved value (the program that wrote the workbook did not calculate it), so it was read as empty, as are any like it; open the workbook in Excel or LibreOffice and save it, so that the values are stored, then import again`,
    });
  }
  return {
    format: 'xlsx',
    sheet: chosen.sheet,
    warnings,
    header,
    headerLine: h + 1,
    batches: batches(),
    progress: () => ({ done: tap.done, total: src.size }),
    contentHash: () => tap.hex(),
  };
}
