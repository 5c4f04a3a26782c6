/**
 * The reader, run in a worker thread for large files: it decodes and parses while the main thread
 * cleans and writes (two cores instead of one). Rows travel in batches; the worker keeps at most a
 * few batches ahead of the main thread, so memory stays flat whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { CoalitionError, InvalidDataError } from '../../io/errors.js';
import { openTable, type ReaderOptions } from './reader.js';

export interface WorkerInput {
  path: string;
  name: string;
  size: number;
  opts: ReaderOptions;
}

/** Batches in flight before the worker waits for the main thread. */
export const AHEAD = 4;

const port = parentPort!;
const input = workerData as WorkerInput;
let credit = AHEAD;
let wake: (() => void) | undefined;
port.on('message', (m: { type: string }) => {
  if (m.type === 'ack') {
    credit++;
    wake?.();
    wake = undefined;
  } else if (m.type === 'stop') process.exit(0);
});

async function main() {
  try {
    const t = await openTable({ name: input.name, chunks: createReadStream(input.path, { highWaterMark: 1 << 20 }), size: input.size }, input.opts);
    port.postMessage({ type: 'header', format: t.format, delimiter: t.delimiter, sheet: t.sheet, header: t.header, headerLine: t.headerLine });
    for await (const rows of t.batches) {
      while (credit <= 0) await new Promise<void>((r) => (wake = r));
      credit--;
      port.postMessage({ type: 'rows', rows, done: t.progress().done });
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
