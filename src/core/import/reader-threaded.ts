/**
 * Opens a large file with the reader running in a worker thread (reader-worker.ts); the Table it
 * returns behaves exactly like the one `openTable` returns.
 */
import { Worker } from 'node:worker_threads';
import { InvalidDataError, NotFoundError, RefusedError, UsageError, type DataLocation } from '../../io/errors.js';
import type { RawRow, ReaderOptions, Table } from './reader.js';

type Message =
  | { type: 'header'; format: 'csv' | 'xlsx'; delimiter?: string; sheet?: string; header: string[]; headerLine: number }
  | { type: 'rows'; rows: RawRow[]; done: number }
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

export async function openTableThreaded(file: string, name: string, size: number, opts: ReaderOptions): Promise<Table> {
  const worker = new Worker(new URL('./reader-worker.js', import.meta.url), {
    workerData: { path: file, name, size, opts },
    // The reader holds a few batches at a time: a small heap keeps the process's memory flat.
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
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
  async function* batches(): AsyncGenerator<RawRow[]> {
    try {
      for (;;) {
        const m = await next();
        if (m.type === 'rows') {
          done = m.done;
          worker.postMessage({ type: 'ack' });
          yield m.rows;
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
    batches: batches(),
    progress: () => ({ done, total: size }),
    contentHash: () => hash,
    close: async () => {
      await worker.terminate();
    },
  };
}
