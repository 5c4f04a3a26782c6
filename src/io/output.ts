/**
 * The one output layer. Records are printed as a table on a terminal, as tab-separated lines with a
 * header when piped, or in the format asked for (`--json`, `--format`). Documents (HTML, PDF,
 * Markdown) go to stdout or to `-o FILE`. Nothing here decides exit codes.
 */
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Context } from './context.js';
import { chalkFor } from './style.js';
import { NotFoundError, RefusedError, UsageError } from './errors.js';
import { resolveDbPath } from '../db/paths.js';
import { createTempSibling, moveIntoPlace, protectedTargetProblem } from '../core/safety/files.js';

export const ALL_FORMATS = ['table', 'tsv', 'csv', 'json', 'md', 'html', 'pdf'] as const;
export type Format = (typeof ALL_FORMATS)[number];
export const RECORD_FORMATS: Format[] = ['table', 'tsv', 'csv', 'json'];

export type ColumnKind = 'text' | 'number' | 'date' | 'datetime' | 'bool' | 'list';

export interface Column<R> {
  header: string;
  /** Property of the record, or a getter. */
  key?: keyof R & string;
  get?: (record: R) => unknown;
  kind?: ColumnKind;
}

export interface OutputOptions {
  json?: boolean;
  format?: string;
  output?: string;
}

/** Checks `--json` / `--format` / `-o` against what a command supports; fails early with the fix. */
export function resolveFormat(ctx: Context, opts: OutputOptions, allowed: readonly Format[] = RECORD_FORMATS): Format {
  if (opts.json && opts.format && opts.format !== 'json') {
    throw new UsageError(`--json and --format ${opts.format} contradict each other`, { hint: 'pass one of them' });
  }
  let format: Format;
  if (opts.json) format = 'json';
  else if (opts.format) {
    const f = opts.format.toLowerCase();
    if (!(allowed as readonly string[]).includes(f)) {
      throw new UsageError(`unknown format "${opts.format}"`, { hint: `use one of: ${allowed.join(', ')}` });
    }
    format = f as Format;
  } else if (opts.output && opts.output !== '-') {
    format = formatFromExtension(opts.output, allowed) ?? (ctx.stdoutIsTTY ? 'table' : 'tsv');
  } else format = ctx.stdoutIsTTY && allowed.includes('table') ? 'table' : allowed.includes('tsv') ? 'tsv' : allowed[0];
  if (format === 'pdf' && (!opts.output || opts.output === '-')) {
    throw new UsageError('PDF output needs a file', { hint: 'add -o FILE.pdf, or use --format html' });
  }
  if (opts.output && opts.output !== '-') checkOutputTarget(ctx, opts.output);
  return format;
}

/**
 * `-o FILE` replaces an ordinary file of that name, but never the database (or its side files) nor
 * any other SQLite database (a backup, a bundle): a typo there would destroy the coalition's data.
 * Checked before any work, and again when writing.
 */
export function checkOutputTarget(ctx: Context, output: string): string {
  const file = path.resolve(ctx.cwd, output);
  const problem = protectedTargetProblem(file, { database: resolveDbPath(ctx) });
  if (problem) {
    throw new RefusedError(`${output} is ${problem}; not overwriting it with the output`, { hint: 'give -o another file name' });
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new UsageError(`${output} is a folder`, { hint: 'give -o a file name, for example: -o contact-lists.html' });
  }
  if (!existsSync(path.dirname(file))) {
    throw new NotFoundError(`the folder ${path.dirname(file)} does not exist`, { hint: 'create it first, or give -o a file in an existing folder' });
  }
  return file;
}

function formatFromExtension(file: string, allowed: readonly Format[]): Format | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  const map: Record<string, Format> = { csv: 'csv', tsv: 'tsv', txt: 'tsv', json: 'json', md: 'md', html: 'html', htm: 'html', pdf: 'pdf' };
  const f = map[ext];
  return f && allowed.includes(f) ? f : undefined;
}

function rawValue<R>(record: R, col: Column<R>): unknown {
  if (col.get) return col.get(record);
  if (col.key) return (record as Record<string, unknown>)[col.key];
  return undefined;
}

/** A cell as plain text: ISO dates, yes/no, lists joined; empty for null. */
export function cellText(value: unknown, kind: ColumnKind = 'text'): string {
  if (value === null || value === undefined) return '';
  if (kind === 'bool' || typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(', ');
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * A cell that starts with = + - @ tab or CR is a formula to a spreadsheet (OWASP CSV injection):
 * prefix it with a single quote. Numbers typed as numbers are left alone.
 */
export function neutralizeCsvCell(value: unknown, text: string): string {
  if (typeof value === 'number') return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function renderCsv<R>(records: readonly R[], columns: readonly Column<R>[], delimiter = ','): string {
  const quote = (s: string) => (/[",\r\n;\t]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [columns.map((c) => quote(neutralizeCsvCell(c.header, c.header))).join(delimiter)];
  for (const r of records) {
    lines.push(
      columns
        .map((c) => {
          const v = rawValue(r, c);
          return quote(neutralizeCsvCell(v, cellText(v, c.kind)));
        })
        .join(delimiter),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Tab-separated for pipelines: no quoting, tabs and newlines inside values become spaces. Written to
 * a file (`-o list.tsv`), it is a document a coordinator opens in a spreadsheet: `spreadsheet`
 * neutralizes formulas as CSV does. Piped, values stay as they are for scripts.
 */
export function renderTsv<R>(records: readonly R[], columns: readonly Column<R>[], opts: { spreadsheet?: boolean } = {}): string {
  const clean = (v: unknown, s: string) => {
    const flat = s.replace(/[\t\r\n]+/g, ' ');
    return opts.spreadsheet ? neutralizeCsvCell(v, flat) : flat;
  };
  const lines = [columns.map((c) => clean(c.header, c.header)).join('\t')];
  for (const r of records) {
    lines.push(
      columns
        .map((c) => {
          const v = rawValue(r, c);
          return clean(v, cellText(v, c.kind));
        })
        .join('\t'),
    );
  }
  return lines.join('\n') + '\n';
}

/** Is the output a file (rather than stdout)? */
export function toFile(output: string | undefined): boolean {
  return Boolean(output && output !== '-');
}

export function renderMarkdownTable<R>(records: readonly R[], columns: readonly Column<R>[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
  const lines = [`| ${columns.map((c) => esc(c.header)).join(' | ')} |`, `| ${columns.map((c) => (c.kind === 'number' ? '---:' : '---')).join(' | ')} |`];
  for (const r of records) lines.push(`| ${columns.map((c) => esc(cellText(rawValue(r, c), c.kind))).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

/** Relative time for terminals ("3 days ago"); ISO when piped. */
export function relativeTime(iso: string, now: Date): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.round((now.getTime() - t) / 1000);
  const abs = Math.abs(s);
  const unit = (n: number, u: string) => `${n} ${u}${n === 1 ? '' : 's'}`;
  let text: string;
  if (abs < 45) text = 'just now';
  else if (abs < 3600) text = unit(Math.round(abs / 60), 'minute');
  else if (abs < 86400) text = unit(Math.round(abs / 3600), 'hour');
  else if (abs < 86400 * 45) text = unit(Math.round(abs / 86400), 'day');
  else if (abs < 86400 * 365) text = unit(Math.round(abs / (86400 * 30)), 'month');
  else text = unit(Math.round(abs / (86400 * 365)), 'year');
  if (text === 'just now') return text;
  return s >= 0 ? `${text} ago` : `in ${text}`;
}

export async function renderTable<R>(ctx: Context, records: readonly R[], columns: readonly Column<R>[]): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const c = chalkFor(ctx, 'stdout');
  const rows = records.map((r) =>
    columns.map((col) => {
      const v = rawValue(r, col);
      if (col.kind === 'datetime' && typeof v === 'string') return relativeTime(v, ctx.now());
      return cellText(v, col.kind);
    }),
  );
  const natural = columns.map((col, i) => Math.max(col.header.length, ...rows.map((r) => longestLine(r[i]))) + 2);
  const widths = fitWidths(natural, ctx.columns - (columns.length + 1));
  const table = new Table({
    head: columns.map((col) => c.bold(col.header)),
    colWidths: widths,
    wordWrap: true,
    wrapOnWordBoundary: true,
    colAligns: columns.map((col) => (col.kind === 'number' ? 'right' : 'left')),
    style: { head: [], border: ctx.colorAllowed && ctx.stdoutIsTTY ? ['grey'] : [] },
  });
  for (const r of rows) table.push(r);
  return table.toString() + '\n';
}

function longestLine(s: string): number {
  return Math.max(0, ...s.split('\n').map((l) => l.length));
}

/** Shrinks the widest columns first until the table fits the terminal (never below 6). */
export function fitWidths(natural: number[], available: number): number[] {
  const widths = [...natural];
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > available) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if (widths[i] > widths[widest]) widest = i;
    if (widths[widest] <= 6) break;
    widths[widest]--;
    total--;
  }
  return widths;
}

export function renderJson(ctx: Context, value: unknown): string {
  return (ctx.stdoutIsTTY ? JSON.stringify(value, null, 2) : JSON.stringify(value)) + '\n';
}

export interface PrintRecordsOptions<R> extends OutputOptions {
  /** What `--json` prints; by default the records themselves. */
  jsonValue?: unknown;
  allowed?: readonly Format[];
  /** Printed on stderr (terminal only) when there are no records. */
  emptyMessage?: string;
}

/** Prints a list of records in the format the user asked for (or the one the terminal implies). */
export async function printRecords<R>(ctx: Context, records: readonly R[], columns: readonly Column<R>[], opts: PrintRecordsOptions<R> = {}): Promise<void> {
  const format = resolveFormat(ctx, opts, opts.allowed ?? RECORD_FORMATS);
  let text: string;
  switch (format) {
    case 'json':
      text = renderJson(ctx, opts.jsonValue ?? records);
      break;
    case 'csv':
      text = renderCsv(records, columns);
      break;
    case 'md':
      text = renderMarkdownTable(records, columns);
      break;
    case 'table':
      if (records.length === 0) {
        if (opts.emptyMessage) ctx.stderr.write(opts.emptyMessage + '\n');
        return;
      }
      text = await renderTable(ctx, records, columns);
      break;
    default:
      text = renderTsv(records, columns, { spreadsheet: toFile(opts.output) });
  }
  writeOutput(ctx, text, opts.output);
}

/**
 * Writes a document to stdout or a file. Files are owner-only from their first byte, even when they
 * replace a file that others could read: what the tool writes holds names and phone numbers. The
 * document is written beside the target and renamed into place, so a failure never leaves half of
 * one. A device or a pipe (`-o /dev/stdout`) is written to as it is.
 */
export function writeOutput(ctx: Context, content: string | Uint8Array, output?: string): void {
  if (!output || output === '-') {
    ctx.stdout.write(content);
    return;
  }
  const file = checkOutputTarget(ctx, output);
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(file);
  } catch {
    existing = undefined;
  }
  if (existing && !existing.isFile()) {
    writeFileSync(file, content);
    return;
  }
  const tmp = createTempSibling(file, 'output');
  try {
    writeFileSync(tmp, content);
    moveIntoPlace(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
