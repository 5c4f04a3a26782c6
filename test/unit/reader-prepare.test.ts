import { describe, expect, it } from 'vitest';
import { MESSAGE_JSON, rowMessages, type Preparer, type RowsMessage } from '../../src/core/import/reader-prepare.js';
import type { RawRow } from '../../src/core/import/reader.js';
import { estimateRows } from '../../src/core/import/estimate.js';
import { preparedRows, type PreparedRow } from '../../src/core/import/reader-threaded.js';

function rows(n: number, width = 1): RawRow[] {
  return Array.from({ length: n }, (_, i) => ({ line: i + 2, cells: [`cell ${i} `.padEnd(width, 'x')] }));
}

async function* batches(all: RawRow[], size: number): AsyncGenerator<RawRow[]> {
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

const echo: Preparer = { run: (rs) => rs.map((r): PreparedRow => ({ line: r.line, prepared: r.cells })) };

async function collect(it: AsyncIterable<RowsMessage>): Promise<RowsMessage[]> {
  const out: RowsMessage[] = [];
  for await (const m of it) out.push(m);
  return out;
}

describe('rowMessages', () => {
  it('sends raw rows perMessage at a time, in order, with the estimate on the first message only', async () => {
    const all = rows(1050);
    const ms = await collect(rowMessages(batches(all, 100), undefined, 100_000, 500));
    expect(ms.map((m) => m.rows!.length)).toEqual([500, 500, 50]);
    expect(ms.flatMap((m) => m.rows!)).toEqual(all);
    expect(ms[0].estimate).toBe(estimateRows(100_000, all.slice(0, 500)));
    expect(ms.slice(1).every((m) => m.estimate === undefined)).toBe(true);
  });

  it('sends prepared rows as the JSON of every row, each message under MESSAGE_JSON characters', async () => {
    const all = rows(3000, 200);
    const ms = await collect(rowMessages(batches(all, 50), echo, 1_000_000, 2000));
    expect(ms.length).toBeGreaterThan(3);
    for (const m of ms) expect(m.json!.length).toBeLessThanOrEqual(MESSAGE_JSON + 2);
    expect(ms.flatMap((m) => preparedRows(m.json!))).toEqual(echo.run(all));
  });

  it('still sends a batch bigger than a message, alone', async () => {
    const all = rows(5, MESSAGE_JSON / 2);
    const ms = await collect(rowMessages(batches(all, 2), echo, undefined, 2000));
    expect(ms.map((m) => preparedRows(m.json!).length)).toEqual([2, 2, 1]);
  });

  it('estimates the rows from the first perMessage rows, though the first message has fewer', async () => {
    const all = rows(3000, 200);
    const ms = await collect(rowMessages(batches(all, 50), echo, 1_000_000, 2000));
    expect(preparedRows(ms[0].json!).length).toBeLessThan(2000);
    expect(ms[0].estimate).toBe(estimateRows(1_000_000, all.slice(0, 2000)));
    expect(ms.slice(1).every((m) => m.estimate === undefined)).toBe(true);
  });

  it('gathers small prepared rows up to perMessage', async () => {
    const ms = await collect(rowMessages(batches(rows(450), 50), echo, undefined, 200));
    expect(ms.map((m) => preparedRows(m.json!).length)).toEqual([200, 200, 50]);
  });
});
