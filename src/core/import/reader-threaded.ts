/**
 * Opens a large file with the reader running in a worker thread (reader-worker.ts); the Table it
 * returns behaves exactly like the one `openTable` returns.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { InvalidDataError, NotFoundError, RefusedError, UsageError, type DataLocation } from '../../io/errors.js';
import type { CoalitionRow } from '../coalitions.js';
import type { Mapping } from './mapper.js';
import type { RawRow, ReaderWarning, Table } from './reader.js';
import type { WorkerInput } from './reader-worker.js';
import type { Cell } from './types.js';

/** What the reader thread needs to prepare rows itself (KindHandler.prepare). */
export interface PrepareConfig {
  kind: string;
  mapping: Mapping;
  mapped: string[];
  coalition?: CoalitionRow;
  /** The import's clock, ISO. */
  now: string;
  shareContact?: boolean;
  dayFirst?: boolean;
  file: string;
  /** The database file, opened read-only for the ZIP and county tables. */
  dbPath: string;
  /** Send every row's cells (for a kind whose `write` may still reject a row), not only a rejected
   * row's. */
  keepCells: boolean;
  /** The kind's prepareData. */
  data?: unknown;
}

/** A row as the reader thread prepared it: either `prepared` or `rejected`, with the warnings the
 * preparing raised. */
export interface PreparedRow {
  line: number;
  /** The original cells: for a rejected row (the rejects file), or every row with keepCells. */
  cells?: Cell[];
  prepared?: unknown;
  /** A note or a total under the rows (KindHandler.notes): skipped, its warning sent. */
  note?: true;
  rejected?: { reason: string; field?: string };
  warnings?: Array<[string, string]>;
  /** Warnings beyond those sent in full: only counted. */
  unsentWarnings?: number;
}

/** The rows of a message's `json`: the reader thread sends the JSON of its batches of prepared rows
 * in an array (reader-prepare.ts, rowMessages). */
export function preparedRows(json: string): PreparedRow[] {
  return (JSON.parse(json) as PreparedRow[][]).flat();
}

/** The threaded table: once the pipeline has mapped the header it says whether the thread prepares
 * rows (then `batches` yields PreparedRow[]) or sends them raw. */
export interface ThreadedTable extends Table {
  configure(prepare: PrepareConfig | null): void;
  /** The reader thread's estimate of the file's rows, once the first batch has arrived. */
  estimatedRows(): number | undefined;
}

type Message =
  | { type: 'header'; format: 'csv' | 'xlsx'; delimiter?: string; sheet?: string; header: string[]; headerLine: number; warnings?: ReaderWarning[] }
  | { type: 'rows'; rows?: RawRow[]; json?: string; done: number; estimate?: number }
  | { type: 'end'; hash: string; encoding?: string; done: number }
  | { type: 'error'; error: { kind: string; message: string; hint?: string; location?: DataLocation; code?: string } };

function rebuild(e: Extract<Message, { type: 'error' }>['error']): Error {
  let err: Error;
  if (e.kind === 'invalid') {
    err = new InvalidDataError('', e.location ?? {}, { hint: e.hint });
    Object.defineProperty(err, 'message', { value: e.message });
  } else if (e.kind === 'UsageError') err = new UsageError(e.message, { hint: e.hint });
  else if (e.kind === 'NotFoundError') err = new NotFoundError(e.message, { hint: e.hint });
  else if (e.kind === 'RefusedError') err = new RefusedError(e.message, { hint: e.hint });
  else {
    err = new Error(e.message);
    (err as NodeJS.ErrnoException).code = e.code;
  }
  return err;
}

/** Whether the file starts as a zip does (an XLSX workbook): the reader's own test, on the first bytes. */
export function isZipFile(file: string): boolean {
  const head = Buffer.alloc(4);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return readSync(fd, head, 0, 4, 0) === 4 && head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export async function openTableThreaded(file: string, name: string, size: number, opts: WorkerInput['opts']): Promise<ThreadedTable> {
  const worker = new Worker(new URL('./reader-worker.js', import.meta.url), {
    workerData: { path: file, name, size, opts },
    // The reader of a text file holds a few batches at a time: a small heap keeps the process's
    // memory flat. An XLSX workbook is read whole (read-excel-file gives every row at once), which
    // takes several times its size: a 6 MB workbook of 100,000 rows ran a 64 MB heap out of memory.
    resourceLimits: isZipFile(file) ? { maxYoungGenerationSizeMb: 24 } : { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 24 },
  });
  const queue: Message[] = [];
  let waiting: ((m: Message) => void) | undefined;
  let failed: Error | undefined;
  worker.on('message', (m: Message) => {
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w(m);
    } else queue.push(m);
  });
  worker.on('error', (err) => {
    failed = err;
    const m: Message = { type: 'error', error: { kind: 'other', message: err.message } };
    if (waiting) waiting(m);
    else queue.push(m);
  });
  const next = (): Promise<Message> => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((r) => (waiting = r)));
  const first = await next();
  if (first.type === 'error') {
    await worker.terminate();
    throw rebuild(first.error);
  }
  if (first.type !== 'header') throw failed ?? new Error('internal: the reader thread sent no header');
  let done = 0;
  let hash = '';
  let encoding: string | undefined;
  let estimate: number | undefined;
  let configured = false;
  const configure = (prepare: PrepareConfig | null) => {
    if (configured) return;
    configured = true;
    worker.postMessage({ type: 'config', prepare });
  };
  async function* batches(): AsyncGenerator<RawRow[]> {
    // Rows as they come, unless the pipeline said otherwise first.
    configure(null);
    try {
      for (;;) {
        const m = await next();
        if (m.type === 'rows') {
          done = m.done;
          if (m.estimate !== undefined) estimate = m.estimate;
          worker.postMessage({ type: 'ack' });
          yield (m.json !== undefined ? preparedRows(m.json) : m.rows!) as RawRow[];
        } else if (m.type === 'end') {
          hash = m.hash;
          encoding = m.encoding;
          done = m.done;
          return;
        } else if (m.type === 'error') throw rebuild(m.error);
      }
    } finally {
      await worker.terminate();
    }
  }
  const h = first;
  return {
    format: h.format,
    get encoding() {
      return encoding;
    },
    delimiter: h.delimiter,
    sheet: h.sheet,
    header: h.header,
    headerLine: h.headerLine,
    warnings: h.warnings,
    batches: batches(),
    progress: () => ({ done, total: size }),
    configure,
    estimatedRows: () => estimate,
    contentHash: () => hash,
    close: async () => {
      await worker.terminate();
    },
  };
}
