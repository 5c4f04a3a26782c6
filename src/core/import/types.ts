/**
 * The contract between the import pipeline and the kinds it imports.
 *
 *   reader (bytes → rows: encoding, delimiter, XLSX)  →  mapper (headers → fields)
 *     →  handler.prepare (validate and normalize with src/core/normalize/*: no database writes)
 *     →  handler.write (identity, upsert, record changes)
 *
 * A kind may instead give one `writeRow` doing both. Splitting lets a big file's rows be prepared on
 * the reader thread while the main thread writes the rows before them (two cores instead of one):
 * `prepare` then runs in a worker, so it must be pure apart from its PrepareContext, and what it
 * returns must survive structured cloning (plain objects, arrays, strings, numbers, null).
 *
 * The pipeline (src/core/import/pipeline.ts) owns reading, mapping, the batch row, the transaction,
 * rejects, the summary and `--dry-run` / `--strict`. A kind only says which fields it understands,
 * which are required, and how one mapped row is validated and written.
 *
 * Undo: every row a batch inserts carries `created_batch = batch.id` (undo deletes those); every
 * existing row it changes is recorded with `batch.recordUpdate(table, id, before)` (undo restores the
 * previous values). Kinds must do both.
 *
 * A row is written inside a savepoint: when writeRow (or write) throws RowRejected, whatever it
 * wrote for that row is rolled back (unless the kind declares `rejectsBeforeWriting`: see there).
 * Count into `ctx.counters` only once the row is certain to be kept (after the last check that can
 * reject it).
 */
import type { DB } from '../../db/connection.js';
import type { CoalitionRow } from '../coalitions.js';
import type { GeoIndex } from '../normalize/geo.js';
import type { Mapping } from './mapper.js';

export type ImportKind = 'attendees' | 'contacts' | 'trainings' | 'hotline' | 'activities';

/** A cell as the reader gives it: text from CSV, or a number/Date/boolean from an XLSX cell. */
export type Cell = string | number | boolean | Date | null;

/** One data row after mapping: field name → cell. `line` is the 1-based line (CSV) or row (XLSX)
 * number in the source, for error messages and the rejects file. */
export interface MappedRow {
  line: number;
  fields: Partial<Record<string, Cell>>;
  /** The original cells, in column order, for the rejects file. */
  raw: Cell[];
}

/** Thrown by a kind to reject one row; the pipeline writes it to the rejects file with `reason`. */
export class RowRejected extends Error {
  constructor(
    readonly reason: string,
    readonly field?: string,
  ) {
    super(reason);
  }
}

export interface BatchRecorder {
  /** The id of this batch: put it in `created_batch` of every row you insert. */
  readonly id: number;
  /** Before changing an existing row, record the previous values of the columns you change. */
  recordUpdate(table: string, rowId: number, before: Record<string, unknown>): void;
}

export interface ImportCounters {
  inserted: Record<string, number>;
  updated: Record<string, number>;
  duplicates: number;
  /** Rows read and deliberately not recorded, by why (trainings: `not_completed`). */
  skipped: Record<string, number>;
}

/** What preparing a row may use: no database handle, since it may run on the reader thread. */
export interface PrepareContext {
  /** The coalition (`-c`) when the kind needs or accepts one. */
  coalition?: CoalitionRow;
  now: Date;
  /** A warning about this row's field: kept in the summary (`warnings`), row still imported. */
  warn(field: string, message: string): void;
  /** Per-batch scratch space for caches (sector guesses, places, …): per thread, never shared. */
  cache: Map<string, unknown>;
  /** The fields the file's columns were mapped to (e.g. to know whether a consent column exists). */
  mapped: ReadonlySet<string>;
  /** `--share-contact yes|no`: consent for rows that do not say; undefined when not given. */
  shareContact?: boolean;
  /** `--day-first`: numeric dates are day/month/year (parseDate's dayFirst). */
  dayFirst?: boolean;
  /** The file as the user named it, for messages. */
  file: string;
  /** Every ZIP code and county, in memory (loaded once per batch and thread). */
  geo(): GeoIndex;
  /** What the kind's `prepareData` read from the database for preparing rows (a catalog, say). */
  data?: unknown;
}

export interface RowContext extends PrepareContext {
  db: DB;
  batch: BatchRecorder;
  counters: ImportCounters;
  /** About how many rows the file holds (from its size and its first rows), when known: lets a
   * kind choose in-memory structures that pay only for big imports. */
  estimatedRows?: number;
  /** The indexes the pipeline dropped for this batch (KindHandler.deferIndexes), to be built again
   * before the commit: a kind's writing must not look rows up through them meanwhile. */
  deferredIndexes?: ReadonlySet<string>;
}

export interface KindHandler {
  kind: ImportKind;
  /** Fields this kind understands; the mapper maps headers only to these. */
  fields: readonly string[];
  /** Required fields: each entry lists alternatives, one of which must be mapped
   * (e.g. [['full_name', 'last_name'], ['organization']]). */
  required: readonly (readonly string[])[];
  needsCoalition: 'yes' | 'no' | 'optional';
  /** Extra header synonyms this kind understands: field → headers as people type them (compared
   * case- and punctuation-insensitively). They are tried before the generic table. */
  synonyms?: Record<string, string[]>;
  /** Once per import, after the header is mapped and before a missing field is asked for: reads
   * more of the header with what the database knows (trainings: a tracker's column per module).
   * May throw a UsageError for a header it cannot read either way. */
  adaptMapping?(mapping: Mapping, db: DB): void;
  /** What to do when no column holds a required group (`missing`), before the advice to --map one:
   * a roster of one training passes --module. */
  missingAdvice?(group: readonly string[]): string | undefined;
  /** Once per batch, before the first row. */
  begin?(ctx: RowContext): void;
  /** Once per batch: what `prepare` needs from the database (structured-cloneable), given to it as
   * `ctx.data` on whichever thread it runs. */
  prepareData?(ctx: RowContext): unknown;
  /** Validates and writes one row inside the batch's transaction; throws RowRejected to reject it.
   * A kind gives either this, or `prepare` and `write`. */
  writeRow?(row: MappedRow, ctx: RowContext): void;
  /** The checks and cleaning of a row, without the database: throws RowRejected, warns, and returns
   * what `write` needs (structured-cloneable). */
  prepare?(row: MappedRow, ctx: PrepareContext): unknown;
  /** Writes what `prepare` returned for one row. */
  write?(prepared: unknown, ctx: RowContext): void;
  /** `write` never rejects a row (every check is in `prepare`): the reader thread then need not
   * send the cells of rows it accepted. */
  rejectsOnlyInPrepare?: boolean;
  /** The kind's writeRow (or write) checks everything that can reject a row before its first write, so a
   * rejected row has written nothing: the pipeline then spares the per-row savepoint (a third of
   * the cost of a row in SQLite). The pipeline verifies it: a row rejected after a write stops the
   * whole import (rolled back), never leaving half a row behind. */
  rejectsBeforeWriting?: boolean;
  /** Indexes the pipeline may drop for an import that is big next to the table: dropped in the
   * batch's transaction and built again before the commit (one sort instead of a million random
   * B-tree inserts); a rolled-back import restores them as they were. While they are down
   * (RowContext.deferredIndexes), the kind's writing must not look rows up through them: identity
   * then uses its in-memory index (identity-index.ts). */
  deferIndexes?: readonly string[];
  /** Once per batch, after the last row (still inside the transaction). */
  end?(ctx: RowContext): void;
  /** A line under the rows that is a note or a total ("Total: 45", "Last updated …": see noteRow)
   * is skipped with a warning on `field`: "… is a note or a total under `under`, not `not`". The
   * pipeline (or the reader thread) checks before the row is prepared or written. */
  notes?: { field: string; under: string; not: string };
}
