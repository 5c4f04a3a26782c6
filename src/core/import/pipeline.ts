/**
 * One import = one batch = one transaction: read (reader.ts) → map headers (mapper.ts) → for each
 * row, the kind prepares it (checks and cleans, no database) and writes it (kinds/*.ts, identity.ts),
 * inside a savepoint unless the kind proves a rejected row wrote nothing → rejected rows go to the
 * rejects file with a `reason` → the batch row records counts, warnings and the content hash →
 * commit (or roll back: `--dry-run`, `--strict` with rejects, a file already imported, a file that
 * cannot be parsed).
 *
 * A file of THREAD_BYTES or more is read on a worker thread (reader-threaded.ts), which also maps
 * and prepares the rows when the kind can (KindHandler.prepare): this thread then only writes.
 *
 * No terminal here: prompts and progress arrive as callbacks from the command.
 */
import { closeSync, createReadStream, openSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { DB } from '../../db/connection.js';
import { stmt } from '../../db/connection.js';
import { InvalidDataError, NotFoundError, RefusedError, UsageError } from '../../io/errors.js';
import { neutralizeCsvCell } from '../../io/output.js';
import type { CoalitionRow } from '../coalitions.js';
import { isoTimestamp } from '../dates.js';
import { skipNote } from './kinds/common.js';
import { loadKind } from './kinds/index.js';
import { HEADER_AGAIN, PRESET_NAMES, assignColumn, headerRepeat, ignoredColumns, mapHeaders, mappingToSaved, parseMapOption, rowMapper, type Mapping, type PresetName } from './mapper.js';
import { GeoIndex } from '../normalize/geo.js';
import { estimateRows } from './estimate.js';
import { dateOrderCheck } from './date-order.js';
import { keepHeapUnder } from './heap.js';
import type { PreparedRow, ThreadedTable } from './reader-threaded.js';
import { openTable, type InputSource, type Table } from './reader.js';
import { headerKey } from './synonyms.js';
import { headerTestFor, type SectionSpec } from './section-header.js';
import { createTempSibling, moveIntoPlace, protectedTargetProblem } from '../safety/files.js';
import { RowRejected, type BatchRecorder, type Cell, type ImportCounters, type KindHandler, type RowContext } from './types.js';

export interface ImportOptions {
  kind: string;
  /** The input as the user typed it; '-' is stdin. */
  file: string;
  cwd: string;
  stdin?: Readable;
  coalition?: CoalitionRow;
  now: Date;
  map?: string;
  preset?: string;
  saveMap?: string;
  useMap?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  dryRun?: boolean;
  strict?: boolean;
  /** Where to write rejected rows (default: `<input>.rejects.csv` beside a file input). */
  rejects?: string;
  force?: boolean;
  shareContact?: boolean;
  /** `--day-first`: numeric dates are day/month/year. */
  dayFirst?: boolean;
  /** field → value for rows whose cell is blank or whose file has no such column (Mapping.given). */
  given?: Record<string, string>;
  /** Asks which column holds a required field; resolves to a column index, or null for none. Absent
   * when no one can be asked (not a terminal). */
  askColumn?: (fields: readonly string[], columns: Array<{ index: number; header: string; field?: string }>) => Promise<number | null>;
  /** Called as rows are written (bytes read, total bytes when known, rows so far). */
  onProgress?: (p: { done: number; total?: number; rows: number }) => void;
  /** Parse files of at least this many bytes in a worker thread (-1: never). */
  threadBytes?: number;
  /** Whether to drop the kind's deferrable indexes and build them after the rows: 'auto' (default)
   * for a file big next to DEFER_INDEX_ROWS and to the table; tests force either path. */
  deferIndexes?: 'auto' | 'always' | 'never';
  /** Called once the mapping is known, before any row is written. */
  onStart?: (info: { mapping: Mapping; table: Pick<Table, 'format' | 'encoding' | 'delimiter' | 'sheet' | 'header'> }) => void;
}

export interface ImportWarning {
  row: number;
  field: string;
  message: string;
}

export interface ImportSummary {
  batch: number | null;
  kind: string;
  file: string;
  rows: number;
  inserted: Record<string, number>;
  updated: Record<string, number>;
  duplicates: number;
  /** Rows deliberately not recorded, by why: a roster's trainings not completed (`not_completed`). */
  skipped: Record<string, number>;
  rejected: number;
  warnings: ImportWarning[];
  /** All warnings, when more than the ones listed. */
  warnings_total: number;
  rejects_file: string | null;
  dry_run: boolean;
  format: 'csv' | 'xlsx';
  preset: PresetName;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  columns: Array<{ column: string; field: string }>;
  ignored_columns: Array<{ column: string; reason: string }>;
  /** How consent was decided for rows that do not say (for the summary). */
  share_contact_default: 'column' | 'yes' | 'no' | 'not consented' | null;
  /** The first rejected rows with their reasons (all of them are in the rejects file). */
  rejects: Array<{ row: number; field?: string; reason: string }>;
}

const MAX_WARNINGS = 200;
const MAX_REJECT_LIST = 50;

/** Files at least this big are parsed in a worker thread (COALITION_READER_THREAD_BYTES overrides;
 * -1 never). Small files are not worth a thread's start-up. */
const THREAD_BYTES = 4 * 1024 * 1024;

function inputSource(opts: ImportOptions): InputSource & { path?: string } {
  if (opts.file === '-') {
    if (!opts.stdin) throw new UsageError('no standard input to read');
    return { name: 'stdin', chunks: opts.stdin as AsyncIterable<Buffer> };
  }
  const full = path.resolve(opts.cwd, opts.file);
  let size: number;
  try {
    const st = statSync(full);
    if (st.isDirectory()) throw new UsageError(`${opts.file} is a folder, not a file`, { hint: 'name a CSV, TSV or XLSX file' });
    size = st.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`no file ${opts.file}`, { hint: 'check the path (use - to read standard input)' });
    throw err;
  }
  return {
    name: opts.file,
    path: full,
    get chunks() {
      return createReadStream(full, { highWaterMark: 1 << 20 });
    },
    size,
  };
}

/** Headers of columns that hold times, durations, counts or ids: never given as an example of a
 * column that may hold a name or an organization (a Google Meet report's "Duration"). */
const NOT_AN_EXAMPLE = /\b(duration|time|times|date|minutes|mins|hours|id|number|count|score|rating|percent|total|joined|exited|left|leave|progress|status|attended|registered|enrolled|enrollment|completion|completed)\b/;

/** Where rejected rows go: `--rejects`, else beside a file input (none for a dry run). */
function rejectsPathOf(opts: ImportOptions): string | null {
  return opts.dryRun && !opts.rejects ? null : defaultRejectsPath(opts);
}

function defaultRejectsPath(opts: ImportOptions): string | null {
  if (opts.rejects) return path.resolve(opts.cwd, opts.rejects);
  if (opts.file === '-') return null;
  const full = path.resolve(opts.cwd, opts.file);
  const ext = path.extname(full);
  return path.join(path.dirname(full), `${path.basename(full, ext)}.rejects.csv`);
}

function loadSavedMap(db: DB, name: string, kind: string): Record<string, string> {
  const row = stmt(db, 'SELECT kind, mapping_json FROM saved_maps WHERE name = ?').get(name) as { kind: string; mapping_json: string } | undefined;
  if (!row) {
    const names = (stmt(db, 'SELECT name FROM saved_maps ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    throw new UsageError(`no saved map "${name}"`, { hint: names.length ? `saved maps: ${names.join(', ')}` : 'save one first with --save-map NAME' });
  }
  if (row.kind !== kind) throw new UsageError(`the saved map "${name}" is for ${row.kind} imports, not ${kind}`, { hint: `use it with: coalition import ${row.kind} …` });
  return JSON.parse(row.mapping_json) as Record<string, string>;
}

function csvCell(v: Cell | undefined): string {
  const value = v === undefined ? null : v;
  const text = value === null ? '' : value instanceof Date ? value.toISOString() : String(value);
  const safe = neutralizeCsvCell(value, text);
  return /[",\r\n;\t]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rejected rows, streamed to a CSV file (owner-only, formula-safe) opened on the first reject. The
 * rows go to a temporary file beside it, moved into place only when the import keeps them: an
 * import that is rolled back (a file already imported, one that cannot be parsed) leaves whatever
 * was there before, such as the previous run's rejects that the coordinator is fixing, untouched.
 */
class RejectsWriter {
  private fd: number | undefined;
  private tmp: string | undefined;
  count = 0;
  constructor(
    readonly file: string | null,
    private readonly header: string[],
  ) {}
  write(raw: Cell[], reason: string): void {
    if (!this.file) return;
    if (this.fd === undefined) {
      this.tmp = createTempSibling(this.file, 'rejects');
      this.fd = openSync(this.tmp, 'w', 0o600);
      writeSync(this.fd, '\uFEFF' + [...this.header, 'reason'].map(csvCell).join(',') + '\r\n');
    }
    const cells = this.header.map((_, i) => csvCell(raw[i]));
    writeSync(this.fd, [...cells, csvCell(reason)].join(',') + '\r\n');
    this.count++;
  }
  /** Keeps the rejected rows under the file's name. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.tmp && this.file) moveIntoPlace(this.tmp, this.file);
    this.tmp = undefined;
  }
  /** Drops them; the file's name is left as it was. */
  discard(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.tmp) rmSync(this.tmp, { force: true });
    this.tmp = undefined;
  }
}

/** The rejects file must not replace the input, the database or another database. */
function checkRejectsTarget(file: string | null, source: { path?: string }, dbFile: string): void {
  if (!file) return;
  const problem = protectedTargetProblem(file, { database: dbFile, inputs: source.path ? [source.path] : [] });
  if (problem) {
    throw new UsageError(`--rejects ${path.basename(file)} is ${problem}; the rejected rows would replace it`, { hint: 'name another file for the rejected rows, for example: --rejects rejects.csv' });
  }
}

export async function runImport(db: DB, opts: ImportOptions): Promise<ImportSummary> {
  // Check everything the command line says before reading a byte.
  const handler: KindHandler = await loadKind(opts.kind);
  if (handler.needsCoalition === 'yes' && !opts.coalition) {
    throw new UsageError(`importing ${opts.kind} needs a coalition`, { hint: 'pass -c SLUG (or run: coalition use SLUG)' });
  }
  if (opts.preset && !(PRESET_NAMES as readonly string[]).includes(opts.preset)) {
    throw new UsageError(`unknown preset "${opts.preset}"`, { hint: `use one of: ${PRESET_NAMES.join(', ')}` });
  }
  if (opts.saveMap && opts.useMap) throw new UsageError('--save-map and --use-map contradict each other', { hint: 'pass one of them' });
  if (opts.saveMap !== undefined && !/^[\w.-]{1,64}$/.test(opts.saveMap)) throw new UsageError(`"${opts.saveMap}" is not a usable map name`, { hint: 'use letters, digits, dots, dashes and underscores' });
  const explicit = { ...(opts.useMap ? loadSavedMap(db, opts.useMap, handler.kind) : {}), ...(opts.map ? parseMapOption(opts.map) : {}) };
  const source = inputSource(opts);
  checkRejectsTarget(rejectsPathOf(opts), source, db.name);
  const readerOpts = { encoding: opts.encoding, delimiter: opts.delimiter, sheet: opts.sheet };
  // How the reader tells the list's header in a report of sections (section-header.ts).
  const sections: SectionSpec = { kind: handler.kind, preset: opts.preset, explicit, given: Object.keys(opts.given ?? {}) };
  const threadBytes = opts.threadBytes ?? THREAD_BYTES;
  const table =
    source.path && source.size !== undefined && threadBytes >= 0 && source.size >= threadBytes
      ? await (await import('./reader-threaded.js')).openTableThreaded(source.path, source.name, source.size, { ...readerOpts, sections })
      : await openTable(source, { ...readerOpts, headerTest: await headerTestFor(sections) });
  try {
    return await importTable(db, opts, handler, source, table, explicit);
  } finally {
    await table.close?.();
  }
}

async function importTable(db: DB, opts: ImportOptions, handler: KindHandler, source: InputSource, table: Table, explicit: Record<string, string>): Promise<ImportSummary> {
  const mapping = mapHeaders(table.header, handler, { preset: opts.preset as PresetName | undefined, explicit, given: opts.given });
  handler.adaptMapping?.(mapping, db);
  while (mapping.missing.length) {
    const group = mapping.missing[0];
    // Unmatched columns first, then the others (a header may have been read as something else).
    const cols = mapping.columns.filter((c) => c.header);
    const free = [...cols.filter((c) => !c.field), ...cols.filter((c) => c.field)].map((c) => ({ index: c.index, header: c.header, field: c.field ?? undefined }));
    const answer = opts.askColumn && free.length ? await opts.askColumn(group, free) : undefined;
    if (answer === undefined || answer === null) {
      // An example only from a column that may hold it: not a time, a duration, a count or an id.
      const example = free.find((c) => !c.field && !NOT_AN_EXAMPLE.test(headerKey(c.header)));
      const map = example ? `name the column with --map, for example: --map "${example.header}=${group[0]}"` : `if one of its columns holds it, name that column with --map "COLUMN=${group[0]}"`;
      const advice = handler.missingAdvice?.(group);
      throw new UsageError(`no column of ${source.name} matches the required field ${group.join(' or ')}`, {
        hint: `${advice ? `${advice}; or ` : ''}${map} (the file's columns: ${table.header.filter(Boolean).join(', ')})`,
      });
    }
    assignColumn(mapping, handler, answer, group[0]);
  }
  opts.onStart?.({ mapping, table });
  const mapRow = rowMapper(mapping);
  const isHeaderAgain = headerRepeat(mapping);
  const checkDates = dateOrderCheck(mapping, opts.dayFirst === true, source.name);
  const mappedFields = new Set(mapping.columns.filter((c) => c.field).map((c) => c.field!));

  const rejectsPath = rejectsPathOf(opts);
  const rejects = new RejectsWriter(rejectsPath, table.header);
  const counters: ImportCounters = { inserted: {}, updated: {}, duplicates: 0, skipped: {} };
  const warnings: ImportWarning[] = [];
  let warningsTotal = 0;
  const rejectList: ImportSummary['rejects'] = [];
  let rows = 0;
  let currentLine = 0;
  const ts = isoTimestamp(opts.now);
  let batchId = 0;
  let rejectedTotal = 0;

  // A big import touches many index pages: give SQLite room to keep them in memory (8 MB) for the
  // length of the transaction. More did not help: on 500,000 people, 32 MB and 128 MB of cache
  // inserted at the same speed (the pages spilled come back from the operating system's file cache),
  // and the memory counts against the import's budget (300 MB for a million rows).
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -8192');
  db.exec('BEGIN IMMEDIATE');
  try {
    const options = {
      preset: mapping.preset,
      map: mappingToSaved(mapping),
      encoding: table.encoding,
      delimiter: table.delimiter,
      sheet: table.sheet,
      force: opts.force ?? false,
      strict: opts.strict ?? false,
      share_contact: opts.shareContact,
      day_first: opts.dayFirst,
      given: opts.given,
    };
    batchId = Number(
      stmt(db, 'INSERT INTO import_batches (kind, file, content_hash, coalition_id, started_at, options_json) VALUES (?, ?, ?, ?, ?, ?)').run(
        handler.kind, opts.file === '-' ? '-' : opts.file, '', opts.coalition?.id ?? null, ts, JSON.stringify(options),
      ).lastInsertRowid,
    );
    const recordChange = stmt(db, "INSERT INTO batch_changes (batch_id, table_name, row_id, action, before_json) VALUES (?, ?, ?, 'update', ?)");
    const batch: BatchRecorder = {
      id: batchId,
      recordUpdate(table, rowId, before) {
        recordChange.run(batchId, table, rowId, JSON.stringify(before));
      },
    };
    const ctx: RowContext = {
      db,
      batch,
      coalition: opts.coalition,
      now: opts.now,
      warn(field, message) {
        warningsTotal++;
        if (warnings.length < MAX_WARNINGS) warnings.push({ row: currentLine, field, message });
      },
      counters,
      cache: new Map(),
      mapped: mappedFields,
      shareContact: opts.shareContact,
      dayFirst: opts.dayFirst,
      file: source.name,
      geo: () => GeoIndex.load(db),
    };
    for (const w of table.warnings ?? []) {
      currentLine = w.line;
      ctx.warn(w.field, w.message);
    }
    ctx.data = handler.prepareData?.(ctx);
    // A big file read on the reader thread is also prepared there (mapped, checked, cleaned) when
    // the kind can prepare rows without the database and the database is a file the thread can open.
    const threaded = table as Table & Partial<Pick<ThreadedTable, 'configure' | 'estimatedRows'>>;
    const prepareInThread = Boolean(threaded.configure && handler.prepare && handler.write && db.name && db.name !== ':memory:' && !db.memory);
    threaded.configure?.(
      prepareInThread
        ? { kind: handler.kind, mapping, mapped: [...mappedFields], coalition: opts.coalition, now: opts.now.toISOString(), shareContact: opts.shareContact, dayFirst: opts.dayFirst, file: source.name, dbPath: db.name, keepCells: !handler.rejectsOnlyInPrepare, data: ctx.data }
        : null,
    );
    const savepoint = db.prepare('SAVEPOINT import_row');
    const release = db.prepare('RELEASE import_row');
    const rollbackRow = db.prepare('ROLLBACK TO import_row');
    // Kinds that reject only before writing need no savepoint per row (each one costs SQLite a
    // statement journal of every page the row touches); total_changes() proves that a rejected row
    // wrote nothing.
    const useSavepoints = !handler.rejectsBeforeWriting;
    const totalChanges = db.prepare('SELECT total_changes()').pluck();
    let changesBefore = 0;
    const reject = (line: number, cells: Cell[], err: RowRejected) => {
      const reason = `line ${line}${err.field ? `, ${err.field}` : ''}: ${err.reason}`;
      if (rejectList.length < MAX_REJECT_LIST) rejectList.push({ row: line, field: err.field, reason: err.reason });
      rejects.write(cells, reason);
      rejectedTotal++;
    };
    // One row: prepared here or on the reader thread, then written (kinds without `prepare` do both
    // in writeRow). A RowRejected rejects the row; anything else stops the import.
    // A kind that rejects only in `prepare` needs no count of changes either: a rejection from its
    // `write` is a bug, and stops the import.
    const countChanges = !useSavepoints && !handler.rejectsOnlyInPrepare;
    const writeOne = (line: number, cells: Cell[] | undefined, prepared: unknown, fromThread: boolean) => {
      if (useSavepoints) savepoint.run();
      else if (countChanges) changesBefore = totalChanges.get() as number;
      let writing = fromThread;
      try {
        if (fromThread) handler.write!(prepared, ctx);
        else {
          const row = { line, fields: mapRow(cells!), raw: cells! };
          if (isHeaderAgain(row.raw)) ctx.warn('', HEADER_AGAIN);
          else if (skipNote(handler.notes, row.raw, ctx.warn)) {
            // a note or a total under the rows: nothing to write
          } else if (handler.prepare && handler.write) {
            checkDates?.(row.fields, line);
            const p = handler.prepare(row, ctx);
            writing = true;
            handler.write(p, ctx);
          } else {
            checkDates?.(row.fields, line);
            writing = true;
            handler.writeRow!(row, ctx);
          }
        }
        if (useSavepoints) release.run();
      } catch (err) {
        if (useSavepoints) {
          rollbackRow.run();
          release.run();
        } else if (err instanceof RowRejected && countChanges && (totalChanges.get() as number) !== changesBefore) {
          throw new Error(`internal: the ${handler.kind} import rejected line ${line} after writing part of it; nothing was imported`);
        }
        if (!(err instanceof RowRejected)) throw err;
        if (writing && handler.rejectsOnlyInPrepare) throw new Error(`internal: the ${handler.kind} import rejected line ${line} when writing it, but declares rejectsOnlyInPrepare`);
        reject(line, cells!, err);
      }
    };
    handler.begin?.(ctx);
    let deferred: Array<{ name: string; sql: string }> | undefined;
    for await (const chunk of table.batches) {
      if (!deferred) {
        ctx.estimatedRows = threaded.estimatedRows?.() ?? estimateRows(source.size, chunk);
        deferred = deferIndexes(db, handler, ctx.estimatedRows, opts.deferIndexes ?? 'auto');
        ctx.deferredIndexes = new Set(deferred.map((ix) => ix.name));
      }
      if (prepareInThread) {
        for (const item of chunk as PreparedRow[]) {
          rows++;
          currentLine = item.line;
          if (item.warnings) for (const [field, message] of item.warnings) ctx.warn(field, message);
          if (item.unsentWarnings) warningsTotal += item.unsentWarnings;
          if (item.rejected) reject(item.line, item.cells ?? [], new RowRejected(item.rejected.reason, item.rejected.field));
          else if (!item.note) writeOne(item.line, item.cells, item.prepared, true);
        }
      } else {
        for (const raw of chunk) {
          rows++;
          currentLine = raw.line;
          writeOne(raw.line, raw.cells, undefined, false);
        }
      }
      opts.onProgress?.({ ...table.progress(), rows });
      keepHeapUnder();
    }
    if (rows === 0) {
      throw new InvalidDataError('the file has a header row but no rows', { file: source.name, line: table.headerLine + 1 }, { hint: 'export the spreadsheet again with its rows, or check you chose the right file (or sheet)' });
    }
    handler.end?.(ctx);
    const hash = table.contentHash() + (table.sheet ? `:${table.sheet.toLowerCase()}` : '');
    const earlier = stmt(db, "SELECT id, started_at FROM import_batches WHERE kind = ? AND content_hash = ? AND status = 'done' AND id <> ? ORDER BY id DESC LIMIT 1").get(handler.kind, hash, batchId) as
      | { id: number; started_at: string }
      | undefined;
    if (earlier && !opts.force) {
      throw new RefusedError(`${source.name} was already imported (batch ${earlier.id}, ${earlier.started_at.slice(0, 10)}); nothing was imported again`, {
        hint: `pass --force to import it again (people are updated, never duplicated), or undo the earlier batch: coalition imports undo ${earlier.id}`,
      });
    }
    stmt(db, 'UPDATE import_batches SET content_hash = ?, finished_at = ?, rows = ?, inserted_json = ?, updated_json = ?, duplicates = ?, rejected = ?, warnings_json = ? WHERE id = ?').run(
      hash, isoTimestamp(opts.now), rows, JSON.stringify(counters.inserted), JSON.stringify(counters.updated), counters.duplicates, rejectedTotal, JSON.stringify(warnings), batchId,
    );
    if (opts.strict && rejectedTotal > 0) {
      const first = rejectList[0];
      throw new InvalidDataError(`${rejectedTotal} row${rejectedTotal === 1 ? ' was' : 's were'} rejected, so with --strict nothing was imported (first: ${first.reason})`, { file: source.name, line: first.row, field: first.field }, {
        hint: rejects.file ? `the rejected rows and their reasons are in ${rejects.file}; fix them and import again` : 'fix the rows and import again (pass --rejects FILE to get them in a file)',
      });
    }
    if (opts.dryRun) db.exec('ROLLBACK');
    else {
      for (const ix of deferred ?? []) db.exec(ix.sql);
      db.exec('COMMIT');
    }
    db.pragma(`cache_size = ${Number(cacheBefore)}`);
    rejects.close();
    if (opts.saveMap) saveMap(db, opts.saveMap, handler.kind, mappingToSaved(mapping), opts.now);
    let shareDefault: ImportSummary['share_contact_default'] = null;
    if (handler.fields.includes('share_contact')) {
      if (opts.shareContact !== undefined) shareDefault = opts.shareContact ? 'yes' : 'no';
      else if (mappedFields.has('share_contact')) shareDefault = 'column';
      else shareDefault = handler.kind === 'contacts' ? 'yes' : 'not consented';
    }
    return {
      batch: opts.dryRun ? null : batchId,
      kind: handler.kind,
      file: opts.file,
      rows,
      inserted: counters.inserted,
      updated: counters.updated,
      duplicates: counters.duplicates,
      skipped: counters.skipped,
      rejected: rejectedTotal,
      warnings,
      warnings_total: warningsTotal,
      rejects_file: rejects.count && rejects.file ? path.relative(opts.cwd, rejects.file) || rejects.file : null,
      dry_run: opts.dryRun ?? false,
      format: table.format,
      preset: mapping.preset,
      encoding: table.encoding,
      delimiter: table.delimiter,
      sheet: table.sheet,
      columns: mapping.columns.filter((c) => c.field).map((c) => ({ column: c.header, field: c.field! })),
      ignored_columns: ignoredColumns(mapping),
      share_contact_default: shareDefault,
      rejects: rejectList,
    };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.pragma(`cache_size = ${Number(cacheBefore)}`);
    if (opts.strict && err instanceof InvalidDataError && rejects.count) rejects.close();
    else rejects.discard();
    throw err;
  }
}

/** Rows at least, and at least as many as the table holds, for dropping and rebuilding indexes to
 * pay (measured: building an index after the rows costs a fraction of inserting into it row by row
 * once the table outgrows SQLite's page cache). */
const DEFER_INDEX_ROWS = 20000;

/** Drops the kind's deferrable indexes of each table the file is big next to. Returns the indexes
 * to build again. */
function deferIndexes(db: DB, handler: KindHandler, estimate: number | undefined, when: 'auto' | 'always' | 'never'): Array<{ name: string; sql: string }> {
  if (!handler.deferIndexes?.length || when === 'never') return [];
  if (when === 'auto' && (estimate === undefined || estimate < DEFER_INDEX_ROWS)) return [];
  const found = stmt(db, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as Array<{ name: string; tbl_name: string; sql: string }>;
  const drop = found.filter((ix) => handler.deferIndexes!.includes(ix.name));
  const size = new Map<string, number>();
  const big = drop.filter((ix) => {
    // Table names come from the schema, never from data.
    if (!size.has(ix.tbl_name)) size.set(ix.tbl_name, (db.prepare(`SELECT max(rowid) FROM "${ix.tbl_name}"`).pluck().get() as number | null) ?? 0);
    return when === 'always' || estimate! >= size.get(ix.tbl_name)!;
  });
  // Index names come from the kind's fixed list and the schema, never from data.
  for (const ix of big) db.exec(`DROP INDEX "${ix.name}"`);
  return big;
}

export function saveMap(db: DB, name: string, kind: string, mapping: Record<string, string>, now: Date): void {
  stmt(db, 'INSERT INTO saved_maps (name, kind, mapping_json, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, mapping_json = excluded.mapping_json, created_at = excluded.created_at').run(
    name, kind, JSON.stringify(mapping), isoTimestamp(now),
  );
}
