/**
 * What the reader thread (reader-worker.ts) does with the rows it reads: map and prepare them with
 * the kind's `prepare`, as the pipeline would on the main thread, and gather them into messages.
 * Apart from the worker so that it can be measured and tested on one thread.
 */
import { openReadOnly } from '../../db/connection.js';
import { GeoIndex } from '../normalize/geo.js';
import { estimateRows } from './estimate.js';
import { skipNote } from './kinds/common.js';
import { loadKind } from './kinds/index.js';
import { HEADER_AGAIN, headerRepeat, rowMapper } from './mapper.js';
import { dateOrderCheck } from './date-order.js';
import type { RawRow } from './reader.js';
import type { PrepareConfig, PreparedRow } from './reader-threaded.js';
import { RowRejected, type PrepareContext } from './types.js';

/** Warnings sent in full; after these only their number (the summary lists the first 200). */
const FULL_WARNINGS = 200;

export interface Preparer {
  run(rows: RawRow[]): PreparedRow[];
}

/** Maps and prepares raw rows with the kind's `prepare`, as the pipeline would on the main thread. */
export async function preparer(cfg: PrepareConfig): Promise<Preparer> {
  const handler = await loadKind(cfg.kind);
  const mapRow = rowMapper(cfg.mapping);
  const isHeaderAgain = headerRepeat(cfg.mapping);
  const checkDates = dateOrderCheck(cfg.mapping, cfg.dayFirst === true, cfg.file);
  let geo: GeoIndex | undefined;
  let warnings: Array<[string, string]> = [];
  let sent = 0;
  let unsent = 0;
  const ctx: PrepareContext = {
    coalition: cfg.coalition,
    now: new Date(cfg.now),
    warn(field, message) {
      if (sent < FULL_WARNINGS) {
        sent++;
        warnings.push([field, message]);
      } else unsent++;
    },
    cache: new Map(),
    mapped: new Set(cfg.mapped),
    shareContact: cfg.shareContact,
    dayFirst: cfg.dayFirst,
    file: cfg.file,
    data: cfg.data,
    geo() {
      if (!geo) {
        // Read once, then the connection is closed: the tables live on in memory.
        const db = openReadOnly(cfg.dbPath);
        try {
          geo = GeoIndex.load(db);
        } finally {
          db.close();
        }
      }
      return geo;
    },
  };
  return {
    run(rows: RawRow[]) {
      const out: PreparedRow[] = [];
      for (const raw of rows) {
        const item: PreparedRow = { line: raw.line };
        try {
          if (isHeaderAgain(raw.cells)) {
            ctx.warn('', HEADER_AGAIN);
            item.note = true;
          } else if (skipNote(handler.notes, raw.cells, ctx.warn)) item.note = true;
          else {
            const fields = mapRow(raw.cells);
            checkDates?.(fields, raw.line);
            item.prepared = handler.prepare!({ line: raw.line, fields, raw: raw.cells }, ctx);
          }
        } catch (err) {
          if (!(err instanceof RowRejected)) throw err;
          item.rejected = { reason: err.reason, field: err.field };
        }
        // Only a rejected row's cells are needed again (for the rejects file), unless the kind's
        // write may reject rows too.
        if (item.rejected || cfg.keepCells) item.cells = raw.cells;
        if (warnings.length) {
          item.warnings = warnings;
          warnings = [];
        }
        if (unsent) {
          item.unsentWarnings = unsent;
          unsent = 0;
        }
        out.push(item);
      }
      return out;
    },
  };
}

/** One message's worth of rows: raw, or prepared as JSON (read it with preparedRows). */
export interface RowsMessage {
  rows?: RawRow[];
  /** The JSON of the batches' PreparedRow[], in an array (reader-threaded.ts, preparedRows). */
  json?: string;
  /** The file's estimated rows, with the first message. */
  estimate?: number;
}

/** Characters of JSON in one message at most (but for one row): a string under V8's large-object
 * size (128 KB) is made in the young generation and dies there once sent; a bigger one goes to the
 * old generation and waits for a full collection. */
export const MESSAGE_JSON = 96 * 1024;

/**
 * Gathers small batches of rows into messages, preparing them as they come when there is a
 * preparer: raw rows `perMessage` at a time (or a little more), prepared ones up to MESSAGE_JSON
 * characters of JSON (a batch bigger than that goes alone). Each message costs a message and an
 * acknowledgement between the threads; but big messages cost the reader thread more: measured on
 * 100,000 contacts, batches of 2,000 rows prepared whole and sent as 1 MB strings promoted 3 KB a
 * row to the old generation of the thread's 64 MB heap, which then needed a full collection every
 * half-second. Read and prepared in small batches, kept as short strings of JSON and sent about 200
 * rows at a time, rows die young. A batch is turned into JSON whole: row by row cost a third more
 * (10 µs a row against 7.5).
 */
export async function* rowMessages(batches: AsyncIterable<RawRow[]>, prep: Preparer | undefined, size: number | undefined, perMessage: number): AsyncGenerator<RowsMessage> {
  // The file's size over the size of its first perMessage rows, as when the first message held
  // them, sent with the first message.
  let estimate: number | undefined;
  let estimated = false;
  async function* ahead(): AsyncGenerator<RawRow[]> {
    const it = batches[Symbol.asyncIterator]();
    const first: RawRow[][] = [];
    let k = 0;
    while (k < perMessage) {
      const r = await it.next();
      if (r.done) break;
      first.push(r.value);
      k += r.value.length;
    }
    estimate = estimateRows(size, first.flat().slice(0, perMessage));
    yield* first;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  let raw: RawRow[] = [];
  // "[", then each batch's JSON and a comma between them, then "]": joined at once into one flat
  // string. (Each batch's JSON comes out of JSON.stringify in pieces; cutting its brackets off made
  // V8 copy it whole once more, about a sixth of what the thread allocated.)
  let json: string[] = ['['];
  let chars = 0;
  let n = 0;
  const message = (): RowsMessage => {
    json.push(']');
    const m: RowsMessage = prep ? { json: json.join('') } : { rows: raw };
    if (!estimated) m.estimate = estimate;
    estimated = true;
    raw = [];
    json = ['['];
    chars = 0;
    n = 0;
    return m;
  };
  for await (const rows of ahead()) {
    if (prep) {
      const j = JSON.stringify(prep.run(rows));
      if (n && chars + j.length + 1 > MESSAGE_JSON) yield message();
      if (n) json.push(',');
      json.push(j);
      chars += j.length + 1;
    } else for (const r of rows) raw.push(r);
    n += rows.length;
    if (n >= perMessage) yield message();
  }
  if (n) yield message();
}
