/**
 * The reader, run in a worker thread for large files: it decodes and parses while the main thread
 * writes (two cores instead of one). When the kind can prepare rows without the database
 * (KindHandler.prepare), the worker also maps, checks and cleans each row, so that the main thread
 * only resolves identity and writes. Rows travel in batches; the worker keeps at most a few batches
 * ahead of the main thread, so memory stays flat whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../../db/connection.js';
import { CoalitionError, InvalidDataError } from '../../io/errors.js';
import { GeoIndex } from '../normalize/geo.js';
import { loadKind } from './kinds/index.js';
import { rowMapper } from './mapper.js';
import { estimateRows } from './estimate.js';
import { openTable, type RawRow, type ReaderOptions } from './reader.js';
import { RowRejected, type PrepareContext } from './types.js';
import type { PrepareConfig, PreparedRow, ShareMode } from './reader-threaded.js';

export interface WorkerInput {
  path: string;
  name: string;
  size: number;
  opts: ReaderOptions;
  share: ShareMode;
}

/** Batches in flight before the worker waits for the main thread. */
export const AHEAD = 4;
/** Warnings sent in full; after these only their number (the summary lists the first 200). */
const FULL_WARNINGS = 200;

const port = parentPort!;
const input = workerData as WorkerInput;
let credit = AHEAD;
let wake: (() => void) | undefined;
let config: { prepare: PrepareConfig | null } | undefined;
let configured: (() => void) | undefined;
/** The main thread said it is waiting for rows. */
let hungry = false;
port.on('message', (m: { type: string; prepare?: PrepareConfig | null }) => {
  if (m.type === 'hungry') hungry = true;
  else if (m.type === 'ack') {
    credit++;
    wake?.();
    wake = undefined;
  } else if (m.type === 'config') {
    config = { prepare: m.prepare ?? null };
    configured?.();
  } else if (m.type === 'stop') process.exit(0);
});

/** Maps and prepares raw rows with the kind's `prepare`, as the pipeline would on the main thread. */
async function preparer(cfg: PrepareConfig): Promise<{ run(rows: RawRow[]): PreparedRow[] }> {
  const handler = await loadKind(cfg.kind);
  const mapRow = rowMapper(cfg.mapping);
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
          item.prepared = handler.prepare!({ line: raw.line, fields: mapRow(raw.cells), raw: raw.cells }, ctx);
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

async function main() {
  let prep: Awaited<ReturnType<typeof preparer>> | undefined;
  try {
    // Big batches: each one costs a message and an acknowledgement between the threads.
    // ('alternate', for tests, takes small batches: many hand-overs on a small file.)
    const t = await openTable({ name: input.name, chunks: createReadStream(input.path, { highWaterMark: 1 << 20 }), size: input.size }, { batchSize: input.share === 'alternate' ? 100 : 2000, ...input.opts });
    port.postMessage({ type: 'header', format: t.format, delimiter: t.delimiter, sheet: t.sheet, header: t.header, headerLine: t.headerLine });
    // The main thread maps the header (perhaps asking the user) and says how to send rows.
    if (!config) await new Promise<void>((r) => (configured = r));
    if (config!.prepare) prep = await preparer(config!.prepare);
    let first = true;
    let count = 0;
    for await (const rows of t.batches) {
      while (credit <= 0) await new Promise<void>((r) => (wake = r));
      credit--;
      const estimate = first ? estimateRows(input.size, rows) : undefined;
      first = false;
      // Prepared rows travel as one JSON string: parsing it costs the main thread a fraction of what
      // structured-cloning the same values costs (measured: about 2 µs a row against 9).
      // When the main thread is waiting (preparing is the slower half), it gets this batch as read
      // and prepares it itself, while this thread prepares the next one: both cores prepare.
      const handOver = input.share === 'alternate' ? count % 2 === 1 : input.share === 'auto' && hungry;
      hungry = false;
      count++;
      if (prep && handOver) port.postMessage({ type: 'rows', json: JSON.stringify(rows.map((r): PreparedRow => ({ line: r.line, raw: true, cells: r.cells }))), done: t.progress().done, estimate });
      else if (prep) port.postMessage({ type: 'rows', json: JSON.stringify(prep.run(rows)), done: t.progress().done, estimate });
      else port.postMessage({ type: 'rows', rows, done: t.progress().done, estimate });
    }
    port.postMessage({ type: 'end', hash: t.contentHash(), encoding: t.encoding, done: t.progress().done });
  } catch (err) {
    const e = err as CoalitionError & { location?: unknown; code?: string };
    port.postMessage({
      type: 'error',
      error: { kind: err instanceof InvalidDataError ? 'invalid' : err instanceof CoalitionError ? e.name : 'other', message: e.message, hint: e.hint, location: e.location, code: e.code, exitCode: e.exitCode },
    });
  }
}

void main();
