/**
 * The reader, run in a worker thread for large files: it decodes and parses while the main thread
 * writes (two cores instead of one). When the kind can prepare rows without the database
 * (KindHandler.prepare), the worker also maps, checks and cleans each row, so that the main thread
 * only resolves identity and writes. Rows travel in batches; the worker keeps at most a few batches
 * ahead of the main thread, so memory stays flat whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { CoalitionError, InvalidDataError } from '../../io/errors.js';
import { openTable, type ReaderOptions } from './reader.js';
import { preparer, rowMessages, type Preparer } from './reader-prepare.js';
import type { PrepareConfig } from './reader-threaded.js';
import { headerTestFor, type SectionSpec } from './section-header.js';

export interface WorkerInput {
  path: string;
  name: string;
  size: number;
  /** The reader's options, with the description of its header test (built here: a function
   * cannot be sent to a thread). */
  opts: Omit<ReaderOptions, 'headerTest'> & { sections?: SectionSpec };
}

/** Messages in flight before the worker waits for the main thread. */
export const AHEAD = 4;
/** Rows read and prepared at a time (messages gather several batches: see rowMessages): a batch of
 * 50 contacts is about 24 KB of JSON, so that messages are cut close to their size. */
const READ_ROWS = 50;

const port = parentPort!;
const input = workerData as WorkerInput;
let credit = AHEAD;
let wake: (() => void) | undefined;
let config: { prepare: PrepareConfig | null } | undefined;
let configured: (() => void) | undefined;
port.on('message', (m: { type: string; prepare?: PrepareConfig | null }) => {
  if (m.type === 'ack') {
    credit++;
    wake?.();
    wake = undefined;
  } else if (m.type === 'config') {
    config = { prepare: m.prepare ?? null };
    configured?.();
  } else if (m.type === 'stop') process.exit(0);
});

async function main() {
  let prep: Preparer | undefined;
  try {
    const perMessage = input.opts.batchSize ?? 2000;
    // Small reads: the parser cuts each piece of text into records at once, and every record waits
    // in memory until it is prepared. From 1 MB pieces (8,000 records) they outlived the young
    // generation and filled the 64 MB heap; from 64 KB pieces (500 records) they die young.
    const chunks = createReadStream(input.path, { highWaterMark: 64 * 1024 });
    const { sections, ...readerOpts } = input.opts;
    const headerTest = sections ? await headerTestFor(sections) : undefined;
    const t = await openTable({ name: input.name, chunks, size: input.size }, { ...readerOpts, headerTest, batchSize: Math.min(READ_ROWS, perMessage) });
    port.postMessage({ type: 'header', format: t.format, delimiter: t.delimiter, sheet: t.sheet, header: t.header, headerLine: t.headerLine, warnings: t.warnings });
    // The main thread maps the header (perhaps asking the user) and says how to send rows.
    if (!config) await new Promise<void>((r) => (configured = r));
    if (config!.prepare) prep = await preparer(config!.prepare);
    for await (const m of rowMessages(t.batches, prep, input.size, perMessage)) {
      while (credit <= 0) await new Promise<void>((r) => (wake = r));
      credit--;
      // Prepared rows travel as one JSON string: parsing it costs the main thread a fraction of what
      // structured-cloning the same values costs (measured: about 2 µs a row against 9).
      port.postMessage({ type: 'rows', ...m, done: t.progress().done });
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
